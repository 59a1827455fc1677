"""Keep the printable PDFs in step with what is published, and their files with their records."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from home.background import enqueue_on_commit

from . import tasks
from .models import ComponentDeck, MethodCard, MethodPage


@receiver(page_published, sender=MethodPage)
@receiver(page_unpublished, sender=MethodPage)
def refresh_pdfs_of_method(sender, instance, **kwargs):
    """A new revision gets a new card and the decks it is in are remade; an unpublished method loses both."""
    enqueue_on_commit(tasks.render_method_card, instance.pk)
    enqueue_on_commit(tasks.render_component_decks)


@receiver(post_delete, sender=MethodCard)
@receiver(post_delete, sender=ComponentDeck)
def delete_pdf_file(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
