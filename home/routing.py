"""Finding the page of an address in two queries instead of two per level of the page tree.

Wagtail's ``Page.route`` walks down the tree one level at a time: the child by its slug, then the child as its
specific type. A lesson (catalogue → course → module → lesson) costs eight queries that way. Every page of this
site below the home page keeps its full address in ``url_path`` (Wagtail maintains it on moves and renames), so the
whole chain is fetched in one query and only the page that answers is turned into its specific type: the last one,
or the first on the way with routes of its own (a ``RoutablePageMixin``, anything overriding ``route``), which
then routes the rest of the address itself, as in Wagtail's walk. Each page of the chain keeps its parent, as that
walk leaves them, so ``get_parent()`` up the chain costs nothing.
"""

from wagtail.models import Page


def route_in_one_query(parent, request, path_components):
    """Wagtail's ``RouteResult`` for ``path_components`` below ``parent``, or ``None`` where Wagtail's own walk
    must decide (an address with no page: its 404, or the page of another language's tree)."""
    url_paths = [
        parent.url_path + "".join(f"{slug}/" for slug in path_components[:n])
        for n in range(1, len(path_components) + 1)
    ]
    found = {page.url_path: page for page in Page.objects.descendant_of(parent).filter(url_path__in=url_paths)}
    above = parent
    for depth, url_path in enumerate(url_paths):
        page = found.get(url_path)
        if page is None or page.specific_class is None:
            return None
        page._cached_parent_obj, above = above, page  # Treebeard's get_parent() reads it
        if depth == len(url_paths) - 1 or page.specific_class.route is not Page.route:
            return page.specific.route(request, path_components[depth + 1 :])
    return None
