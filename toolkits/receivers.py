"""What toolkits does when something happens: the printable PDFs kept in step with what is published and their files
with their records, an erased person's notes forgotten, and libraries opened to review after migrating."""

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate
from wagtail.signals import page_published, page_unpublished

from accounts.signals import personal_data_erased
from core.background import enqueue_on_commit
from core.files import delete_on_commit

from . import tasks
from .authoring import open_every_library
from .models import ComponentDeck, MethodCard, MethodPage, MethodUse


def refresh_pdfs_of_method(sender, instance, **kwargs):
    """A new revision gets a new card and the decks it is in are remade; an unpublished method loses both."""
    enqueue_on_commit(tasks.render_method_card, instance.pk)
    enqueue_on_commit(tasks.render_component_decks)


def delete_pdf_file(sender, instance, **kwargs):
    if instance.file:
        delete_on_commit(instance.file.storage, instance.file.name)


def erase_notes(sender, user, **kwargs):
    """Uses stay for the anonymous counts on method pages; their notes may name people, so they go."""
    MethodUse.objects.filter(user=user).update(note="")


def connect():
    page_published.connect(refresh_pdfs_of_method, sender=MethodPage, dispatch_uid="toolkits.method_published")
    page_unpublished.connect(refresh_pdfs_of_method, sender=MethodPage, dispatch_uid="toolkits.method_unpublished")
    post_delete.connect(delete_pdf_file, sender=MethodCard, dispatch_uid="toolkits.card_deleted")
    post_delete.connect(delete_pdf_file, sender=ComponentDeck, dispatch_uid="toolkits.deck_deleted")
    personal_data_erased.connect(erase_notes, dispatch_uid="toolkits.erase_notes")
    # Libraries made before methods went through review get its rights and workflow (see authoring.py).
    post_migrate.connect(
        open_every_library, sender=apps.get_app_config("toolkits"), dispatch_uid="toolkits.open_every_library"
    )
