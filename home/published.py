"""What only editors change, kept in each worker's memory from one publication to the next.

Every page request needs the site of its host, the page of its address and, for a course item, its course's
published modules and items. These are the same for every learner until an editor publishes, unpublishes, moves or
deletes a page, or edits a site, locale, view restriction, image or document; loading them costs most of a lesson's
queries. Each worker process keeps them under the edition of the published site (``home.editions``) they were
loaded in, which any such change replaces, so every process sees the change on its next request.

What is kept are objects that requests only read: sites, published pages (shared by the threads of a process) and, in
the shared cache, each lesson's rendered body (``pages/lesson_page.html``). Nothing about the person asking is kept
here, and every check of their access runs on every request.
"""

import functools
import threading

from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from .editions import Edition

PUBLISHED = Edition("cocrea:published-edition")

_lock = threading.Lock()
_kept = {}
_kept_edition = None


def edition(request=None):
    """The current edition of the published site."""
    return PUBLISHED.current(request)


def kept(request, key, load):
    """``load()`` for ``key``, loaded once per process and edition; ``load`` must not depend on who is asking.

    ``None`` is not kept: it stands for what does not exist (an address with no page), and any number of those can
    be asked for.
    """
    global _kept_edition
    current = edition(request)
    with _lock:
        if _kept_edition == current and key in _kept:
            return _kept[key]
    value = load()
    if value is None:
        return None
    with _lock:
        if _kept_edition != current:
            _kept.clear()
            _kept_edition = current
        _kept[key] = value
    return value


def site_of(request):
    """Wagtail's site for ``request`` (``Site.find_for_request``, a query each time), kept; Wagtail's own lookups for
    the rest of the request (page addresses, ``{% pageurl %}``) then find it on the request."""
    if not hasattr(request, "_wagtail_site"):
        key = ("site", request.get_host(), request.get_port())
        request._wagtail_site = kept(request, key, lambda: Site.find_for_request(request))
    return request._wagtail_site


def with_kept_site(view):
    """A view that links to pages, with the request's site kept (``site_of``)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        site_of(request)
        return view(request, *args, **kwargs)

    return wrapped


class KeptViewRestrictions:
    """A page mixin: no view-restriction queries on each request while no page of the site is restricted.

    Wagtail checks every page it serves against the restrictions of the page and its ancestors (two queries); this
    site restricts no page by default, and whether any restriction exists is kept per edition.
    """

    def get_view_restrictions(self):
        if kept(None, "any view restriction", PageViewRestriction.objects.exists):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


#: What published pages show besides pages: a change to any of these starts a new edition (apps add theirs: ``watch``).
WATCHED = [Page, Site, Locale, PageViewRestriction, get_image_model(), get_document_model()]


def watch(*models):
    WATCHED.extend(models)


def on_model_change(sender, instance, **kwargs):
    if isinstance(instance, tuple(WATCHED)):
        PUBLISHED.changed()


def connect():
    post_save.connect(on_model_change, dispatch_uid="home.published.save")
    post_delete.connect(on_model_change, dispatch_uid="home.published.delete")
    # Moving and unpublishing also update descendants in bulk, without a save signal for each.
    post_page_move.connect(PUBLISHED.changed, dispatch_uid="home.published.move")
    page_unpublished.connect(PUBLISHED.changed, dispatch_uid="home.published.unpublish")
