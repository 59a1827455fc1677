"""The trainers' queue of practices in the admin menu (the queue itself is a front-end page)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import may_see_queue


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_queue(request.user)


@hooks.register("register_admin_menu_item")
def review_queue_menu_item():
    return ReviewQueueMenuItem(_("Practices to review"), reverse("practices:queue"), icon_name="tasks", order=320)
