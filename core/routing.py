"""Routing: Wagtail's page view with the published site kept between publications, the language switch, and the
answers for addresses that must never reach a view."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.views import i18n as i18n_views
from wagtail import views as wagtail_views
from wagtail.url_routing import RouteResult

from .published import kept, site_of


def set_language(request):
    """Django's language switch, resolving ``next`` in the language of its own address.

    Unprefixed addresses such as this view's are always Spanish, so Django's view could not recognise an
    English address (/en/…) to translate it back.
    """
    next_url = request.POST.get("next", request.GET.get("next", ""))
    language = translation.get_language_from_path(next_url) or settings.LANGUAGE_CODE
    with translation.override(language):
        return i18n_views.set_language(request)


def not_found(request, *args, **kwargs):
    """A plain 404 for addresses that must never reach a view (see ``lms/urls.py``)."""
    raise Http404


def serve(request, path):
    """Wagtail's page view, with the site of the host and the page of each address kept between publications
    (``core.published``) instead of five queries on every request for the site, the tree's root, the page chain and
    the page. Pages with routes of their own are routed by Wagtail as before, and Wagtail's and the page's own
    checks (view restrictions, published, the learner's access) run on every request."""
    site = site_of(request)
    page = site and kept(("page", site.pk, translation.get_language(), path), lambda: page_of_address(request, path))
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def page_of_address(request, path):
    """The page that answers ``path`` by itself (not through routes of its own), or ``None``."""
    found = wagtail_views.Page.route_for_request(request, path)
    if found is None:
        return None
    page, args, kwargs = found
    return None if args or kwargs else page
