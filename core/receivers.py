"""What core does when something happens: a new generation of the published site when what pages show changes
(``core.published``), each request's memo of the generations (``core.generations``), and the icons' memo of the
sprite's address when a test changes the static files' settings. The receivers are those
modules' own functions; this is where they are connected."""

from django.core.signals import request_finished, request_started, setting_changed
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .generations import request_began, request_ended
from .published import PUBLISHED, on_delete, on_save
from .templatetags.icon_tags import forget_sprite_url


def connect():
    request_started.connect(request_began, dispatch_uid="core.generations.request_started")
    request_finished.connect(request_ended, dispatch_uid="core.generations.request_finished")
    post_save.connect(on_save, dispatch_uid="core.published.save")
    post_delete.connect(on_delete, dispatch_uid="core.published.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(PUBLISHED.bump, dispatch_uid=f"core.published.{id(signal)}")
    setting_changed.connect(forget_sprite_url, dispatch_uid="core.icon_tags.sprite_url")
