from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views import i18n as i18n_views
from django.views.generic import TemplateView


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
