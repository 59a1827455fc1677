from django.conf import settings
from django.views.generic import TemplateView


class PrivacyNoticeView(TemplateView):
    """The privacy notice people accept when they sign up (Ley 19.628)."""

    template_name = "pages/privacy_notice.html"
    extra_context = {"contact_email": settings.PRIVACY_CONTACT_EMAIL}
