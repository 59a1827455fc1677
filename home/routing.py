"""Finding the page of an address in two queries instead of two per level of the page tree.

Wagtail's ``Page.route`` walks down the tree one level at a time: the child by its slug, then the child as its
specific type. A lesson (catalogue → course → module → lesson) costs eight queries that way. Every page of this
site below the home page keeps its full address in ``url_path`` (Wagtail maintains it on moves and renames), so the
whole chain is fetched in one query and only the page asked for is turned into its specific type. Each page of the
chain keeps its parent, as Wagtail's walk leaves them, so ``get_parent()`` up the chain costs nothing.
"""

from wagtail.models import Page


def route_in_one_query(parent, request, path_components):
    """Wagtail's ``RouteResult`` for ``path_components`` below ``parent``, or ``None`` where Wagtail's own walk must
    decide: an address with no page (its 404, or another tree's page), or a page type with routes of its own
    (``RoutablePageMixin``, anything overriding ``route``) on the way."""
    url_paths = [
        parent.url_path + "".join(f"{slug}/" for slug in path_components[:n])
        for n in range(1, len(path_components) + 1)
    ]
    found = {page.url_path: page for page in Page.objects.descendant_of(parent).filter(url_path__in=url_paths)}
    if len(found) < len(url_paths):
        return None
    chain = [found[url_path] for url_path in url_paths]
    if any(page.specific_class is None or page.specific_class.route is not Page.route for page in chain):
        return None
    for above, page in zip([parent, *chain], chain, strict=False):
        page._cached_parent_obj = above  # Treebeard's get_parent() reads it
    return chain[-1].specific.route(request, [])
