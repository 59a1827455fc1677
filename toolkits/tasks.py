"""Background work of the library: thin Celery wrappers around ``printing``; idempotent and safe to retry."""

from celery import shared_task

from core.background import enqueue_on_commit

from . import printing


@shared_task(soft_time_limit=printing.CARD_TIME_LIMIT + 30, time_limit=printing.CARD_TIME_LIMIT + 60)
def render_method_card(method_id):
    card = printing.refresh_method_card(method_id)
    return card.file.name if card else None


@shared_task(soft_time_limit=printing.DECK_TIME_LIMIT * 5 + 30, time_limit=printing.DECK_TIME_LIMIT * 5 + 60)
def render_component_decks():
    return [deck.file.name for deck in printing.refresh_decks() if deck]


@shared_task
def refresh_stale_pdfs():
    """The periodic sweep: catch up on cards and decks a lost task or a moved page left behind."""
    stale = printing.stale_method_ids()
    for method_id in stale:
        enqueue_on_commit(render_method_card, method_id)
    enqueue_on_commit(render_component_decks)
    return len(stale)
