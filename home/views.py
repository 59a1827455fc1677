from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views import i18n as i18n_views
from django.views.generic import TemplateView
from wagtail import views as wagtail_views
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from .published import kept


class PrivacyNoticeView(TemplateView):
    """The privacy notice people accept when they sign up (Ley 19.628)."""

    template_name = "pages/privacy_notice.html"
    extra_context = {"contact_email": settings.PRIVACY_CONTACT_EMAIL}


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


def bench_ceiling(request):
    """The load benchmark's ceiling (``bench/load.py``): a constant answer through the whole middleware stack.

    Every scenario's throughput is reported as a share of this one's, measured in the same run on the same server,
    so the figures compare across machines. Off (404) unless the server runs with ``LMS_BENCH_CEILING=1``.
    """
    if not settings.BENCH_CEILING:
        raise Http404
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def serve(request, path):
    """Wagtail's page view, with the site of the host and the page of the address kept between publications
    (``home.published``): one query for the page instead of five for the site, the tree's root, the page chain and
    the page. The page itself is loaded afresh on every request; pages with routes of their own are routed by
    Wagtail as before."""
    site = kept(request, ("site", request.get_host(), request.get_port()), lambda: Site.find_for_request(request))
    request._wagtail_site = site
    address = site and kept(
        request, ("page", site.pk, translation.get_language(), path), lambda: page_of_address(request, path)
    )
    if address is not None and not hasattr(request, "_wagtail_route_for_request"):
        page_class, pk = address
        page = page_class._default_manager.filter(pk=pk).first()
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)


def page_of_address(request, path):
    """``(page class, id)`` of the page that answers ``path`` by itself, or ``None``."""
    found = wagtail_views.Page.route_for_request(request, path)
    if found is None:
        return None
    page, args, kwargs = found
    return None if args or kwargs else (type(page), page.pk)
