"""The published site, cached between publications.

Every page request needs the site of its host, the page of its address and, for a course item, its course and the
course's published modules and items with their addresses. These are the same for every visitor until an editor
changes what is published, and loading them costs most of a lesson's queries. They are cached as *data*, under the
*generation* of the published site:

- The generation is a number in the shared cache (Redis) that a process reads once per request. Publishing,
  unpublishing, moving or deleting a page, and saving or deleting what pages render besides pages (any Wagtail
  snippet or setting, a site, locale, view restriction, image or document) starts a new one. Saving a draft, an
  autosave or a new revision changes nothing published and keeps it, so editors at work cost learners nothing.
- What is loaded under a generation goes into the process's local-memory cache (``LOCAL``, Django's
  ``LocMemCache``): values are pickled on the way in and every read gets its own copy, so no request holds an
  object another request changes, and what the process keeps is immutable. A process forgets it all the first time
  it sees a newer generation.
- Rendered lesson bodies and the catalogue's listing are kept by Wagtail's ``{% wagtailpagecache %}`` in the same
  local-memory cache (the ``published`` cache alias: a string each, no round trip to the shared cache), varied by
  the generation for the images and documents they show; the page's ``cache_key`` changes on every publication.

Nothing about the person asking is cached here, and every check of their access runs on every request. When the
shared cache does not answer there is no generation: everything is loaded from the database (slower, never stale).
"""

import functools
import hashlib
import threading

from django.core.cache import caches
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site

from .generations import Generation

PUBLISHED = Generation("cocrea:published-generation")
#: One process's copies of what the current generation loaded (the ``published`` cache alias: a day at most, culled
#: beyond ``MAX_ENTRIES``).
LOCAL = caches.create_connection("published")

_lock = threading.Lock()
_seen = None


def generation():
    """The current generation of the published site (``None`` while the shared cache does not answer)."""
    return PUBLISHED.current()


def fragment_context(context):
    """What a page's ``{% wagtailpagecache fragment_seconds … published_generation … using="published" %}`` needs:
    the generation, and how long to keep the fragment (not at all while there is no generation, as ``kept``)."""
    context["published_generation"] = current = generation()
    context["fragment_seconds"] = LOCAL.default_timeout if current is not None else 0
    return context


def kept(key, load):
    """``load()`` for ``key`` (a tuple of strings and numbers), cached in this process under the current
    generation; ``load`` must not depend on who is asking. Each call returns a copy of its own.

    ``None`` is not cached: it stands for what does not exist (an address with no page), and any number of those
    can be asked for.
    """
    global _seen
    current = generation()
    if current is None:
        return load()
    with _lock:
        if _seen is None or current > _seen:  # a newer generation: what was cached before is of no more use
            LOCAL.clear()
            _seen = current
    name = f"{current}:{hashlib.md5(repr(key).encode(), usedforsecurity=False).hexdigest()}"
    value = LOCAL.get(name)
    if value is None:
        value = load()
        if value is not None:
            LOCAL.set(name, value)
    return value


def site_of(request):
    """Wagtail's site for ``request`` (``Site.find_for_request``, a query each time) and its sites' root paths,
    cached; Wagtail's own lookups for the rest of the request (page addresses, ``{% pageurl %}``) then find them on
    the request."""
    if not hasattr(request, "_wagtail_site"):
        key = ("site", request.get_host(), request.get_port())
        request._wagtail_site = kept(key, lambda: Site.find_for_request(request))
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        # What ``{% pageurl %}`` reads to make each address: Wagtail keeps it in the shared cache (a round trip per
        # request); it changes only with a site or a page's address, that is, with the published site.
        request._wagtail_cached_site_root_paths = kept(("site root paths",), Site.get_site_root_paths)
    return request._wagtail_site


def with_kept_site(view):
    """A view that links to pages, with the request's site cached (``site_of``)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        site_of(request)
        return view(request, *args, **kwargs)

    return wrapped


class KeptViewRestrictions:
    """A page mixin: no view-restriction queries on each request while no page of the site is restricted.

    Wagtail checks every page it serves against the restrictions of the page and its ancestors (two queries); this
    site restricts no page by default, and whether any restriction exists is cached per generation.
    """

    def get_view_restrictions(self):
        if kept(("any view restriction",), lambda: (PageViewRestriction.objects.exists(),))[0]:
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


def rendered_models():
    """What published pages show besides pages: a save or deletion of any of these starts a new generation."""
    from wagtail.contrib.settings.registry import registry as settings_registry
    from wagtail.snippets.models import get_snippet_models

    return (
        Site,
        Locale,
        PageViewRestriction,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
        *settings_registry,
    )


def on_save(sender, instance, created=False, update_fields=None, **kwargs):
    """A page saved outside a publication changes the published site only when it is live and the save is not a
    revision's bookkeeping (``save_revision`` names its fields); anything else pages render, whenever it is saved."""
    if isinstance(instance, Page):
        if instance.live and (created or update_fields is None):
            PUBLISHED.bump()
    elif isinstance(instance, rendered_models()):
        PUBLISHED.bump()


def on_delete(sender, instance, **kwargs):
    if isinstance(instance, (Page, *rendered_models())):
        PUBLISHED.bump()
