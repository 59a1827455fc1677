from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .admin_views import PERMISSION
from .audit import FORMATTERS
from .models import CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "is_default", "orientation", "updated_at"]
    ordering = ["-is_default", "name"]


register_snippet(CertificateTemplateViewSet)


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_certificate_admin_urls():
    return [path("certificados/", include(admin_urls, namespace="certificates_admin"))]


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(
        _("Certificates"), reverse("certificates_admin:index"), icon_name="tick-inverse", order=320
    )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    for action, formatter in FORMATTERS.items():
        actions.register_action(action)(formatter)
