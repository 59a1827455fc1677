"""Making and storing the library's PDFs: a card per method and a deck per programme component.

Called from Celery tasks (``tasks.py``) and the demo loader, never from a request. Every function is idempotent:
a PDF whose content has not changed since it was made is left as it is.
"""

import hashlib
import logging
from urllib.parse import urljoin

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from core.files import replace_file
from core.pdf import base_url, qr_code, render_template_to_pdf

from .choices import Component, Phase
from .models import ComponentDeck, MethodCard, MethodPage

logger = logging.getLogger(__name__)

CARD_TEMPLATE = "pdf/method_card.html"
DECK_TEMPLATE = "pdf/component_deck.html"
CARD_TIME_LIMIT = 60
DECK_TIME_LIMIT = 240


def public_url(page):
    """The page's address on the public site (``BASE_URL``), as printed and encoded in the QR code."""
    return urljoin(base_url(), page.url)


def printable_methods():
    """Live, public methods with what a card prints, in a fixed number of queries."""
    return (
        MethodPage.objects.live()
        .public()
        .prefetch_related("components", "channels", "outcomes", "participants")
        .annotate(
            phase_order=Case(
                *(When(phase=value, then=Value(position)) for position, value in enumerate(Phase.values)),
                output_field=IntegerField(),
            )
        )
        .order_by("phase_order", "title")
    )


def card_context(method):
    url = public_url(method)
    return {"method": method, "url": url, "qr": qr_code(url)}


def card_fingerprint(method):
    return f"r{method.live_revision_id}"


def refresh_method_card(method_id):
    """Make the card of a live method if it has none for its live revision; drop the card of any other."""
    method = printable_methods().filter(pk=method_id).first()
    if method is None:
        MethodCard.objects.filter(method_id=method_id).delete()
        return None
    fingerprint = card_fingerprint(method)
    card = MethodCard.objects.filter(method=method).first()
    if card and card.is_current(fingerprint):
        return card
    pdf = render_template_to_pdf(CARD_TEMPLATE, card_context(method), time_limit_seconds=CARD_TIME_LIMIT)
    logger.info("Card of %s: %s pages in %.2f s", method.slug, pdf.pages, pdf.seconds)
    return _store(MethodCard, {"method": method}, f"fichas/{method.slug}-{fingerprint}.pdf", pdf, fingerprint)


def deck_fingerprint(members):
    """Changes when a method joins or leaves the component or publishes a new revision."""
    signature = ";".join(f"{pk}:{revision}" for pk, revision in sorted(members))
    return hashlib.sha256(signature.encode()).hexdigest()


def refresh_deck(component):
    """Make the deck of one component if its methods changed since the last one; drop it when it has none."""
    methods = printable_methods().filter(components__value=component)
    members = list(methods.values_list("pk", "live_revision_id"))
    if not members:
        ComponentDeck.objects.filter(component=component).delete()
        return None
    fingerprint = deck_fingerprint(members)
    deck = ComponentDeck.objects.filter(component=component).first()
    if deck and deck.is_current(fingerprint):
        return deck
    cards = [card_context(method) for method in methods]
    context = {"component": Component(component), "cards": cards, "today": timezone.localdate()}
    pdf = render_template_to_pdf(DECK_TEMPLATE, context, time_limit_seconds=DECK_TIME_LIMIT)
    logger.info("Deck of %s: %s methods, %s pages in %.2f s", component, len(cards), pdf.pages, pdf.seconds)
    name = f"mazos/{component}-{fingerprint[:12]}.pdf"
    return _store(ComponentDeck, {"component": component}, name, pdf, fingerprint)


def refresh_decks():
    return [refresh_deck(component) for component in Component.values]


def stale_method_ids():
    """Live methods whose card is missing or was made from an older revision (for the periodic sweep)."""
    current = {card.method_id: card for card in MethodCard.objects.all()}
    return [
        pk
        for pk, revision in MethodPage.objects.live().public().values_list("pk", "live_revision_id")
        if pk not in current or not current[pk].is_current(f"r{revision}")
    ]


def _store(model, key, name, pdf, fingerprint):
    """Save the PDF under MEDIA_ROOT and point the record at it; the file it replaces is deleted on commit."""
    with transaction.atomic():
        record = model.objects.select_for_update().filter(**key).first() or model(**key)
        replace_file(record.file, name, ContentFile(pdf.content))
        record.fingerprint, record.pages = fingerprint, pdf.pages
        record.save()
    return record
