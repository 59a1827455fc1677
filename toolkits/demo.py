"""The toolkit's demo: the library page, its "Quiero…" entry points and the methods written for the programme.

Methods are read from ``demo/methods/*.yaml`` (Spanish, one method a file), their worksheets from
``demo/templates/`` (loaded as Wagtail documents) and the entry points from ``demo/intents.yaml``. What exists is
kept: a method whose slug is already in the library is not touched. The cards and decks of the new methods are
made in-process at the end, so the demo needs no broker.
"""

from pathlib import Path
from urllib.parse import urlencode

import yaml
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale

from home.models import HomePage

from . import printing
from .authoring import open_to_review
from .library import FACETS_BY_KEY
from .models import MethodChannel, MethodComponent, MethodPage, Outcome, ParticipantType, ToolkitIndexPage

DEMO_DIR = Path(__file__).resolve().parent / "demo"

INDEX = {
    "title": "Herramientas",
    "slug": "herramientas",
    "intro": (
        "<p>Métodos de co-creación listos para usar en su comuna: qué son, cuándo sirven, cuánto tiempo y cuántas "
        "personas necesitan, paso a paso y con plantillas para descargar. Cada método tiene una ficha para imprimir "
        "y llevar al taller.</p><p>Empiece por lo que quiere lograr, o busque y filtre por componente del programa, "
        "fase, tiempo disponible y tamaño del grupo.</p>"
    ),
}

ENGLISH_INDEX = {
    "title": "Toolkit",
    "intro": (
        "<p>Co-creation methods ready to use in your comuna: what they are, when they help, how much time and how "
        "many people they need, step by step and with templates to download. The methods are written in Spanish, "
        "for the officials of Gran Concepción; each one has a printable card to take to the workshop.</p>"
    ),
}

RICH_TEXT_FIELDS = ("why", "facilitation", "legal")
SCALAR_FIELDS = ("title", "slug", "what", "intent", "phase", "duration_min", "duration_max", "group_min", "group_max")


def _read_yaml(path):
    with open(path, encoding="utf-8") as source:
        return yaml.safe_load(source)


def _intent_filters(filters):
    """``{"outcome": ["entender"]}`` (facet keys, as in intents.yaml) → ``resultado=entender``."""
    pairs = [(FACETS_BY_KEY[key].param, str(value)) for key, values in filters.items() for value in values]
    return urlencode(pairs)


def _index(stdout):
    home = HomePage.objects.filter(locale__language_code="es").first()
    if home is None:
        return None
    index = ToolkitIndexPage.objects.child_of(home).first()
    if index is not None:
        return index
    index = ToolkitIndexPage(title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"])
    home.add_child(instance=index)
    for position, intent in enumerate(_read_yaml(DEMO_DIR / "intents.yaml")):
        index.intents.create(
            sort_order=position, title=intent["title"], text=intent["text"], filters=_intent_filters(intent["filters"])
        )
    index.save_revision().publish()
    # Trainers write and edit methods; ministry staff review and publish them.
    open_to_review(index)
    stdout.write("  toolkit library page with its “Quiero…” entry points, methods reviewed by the ministry")
    return index


def _english_index(index, stdout):
    """The English library: a translation of the page (same entry points) that lists the Spanish methods."""
    english = Locale.objects.filter(language_code="en").first()
    if english is None or index.get_translations().filter(locale=english).exists():
        return
    if not index.get_parent().get_translations().filter(locale=english).exists():
        return
    translation = index.copy_for_translation(english)
    translation.title = translation.draft_title = ENGLISH_INDEX["title"]
    translation.intro = ENGLISH_INDEX["intro"]
    translation.save_revision().publish()
    stdout.write("  toolkit library translation (en)")


def _worksheet(data):
    template = data.get("template")
    if not template:
        return []
    content = (DEMO_DIR / "templates" / template["file"]).read_bytes()
    document = get_document_model()(title=template["title"])
    document.file.save(template["file"], ContentFile(content), save=False)
    document.save()
    return [("template", {"document": document, "title": ""})]


def _method(data, outcomes, participants):
    method = MethodPage(
        **{name: data[name] for name in SCALAR_FIELDS},
        **{name: data[name].strip() for name in RICH_TEXT_FIELDS},
        duration_label=data["duration_label"],
        difficulty=data["difficulty"],
        live=False,
        materials=[("material", material) for material in data["materials"]],
        steps=[("step", {"title": step["title"], "text": step["text"].strip()}) for step in data["steps"]],
        examples=[
            ("example", {"place": ex["place"], "year": ex["year"], "summary": ex["summary"].strip()})
            for ex in data["examples"]
        ],
        pitfalls=[("pitfall", pitfall) for pitfall in data["pitfalls"]],
        worksheets=_worksheet(data),
    )
    method.outcomes = [outcomes[slug] for slug in data["outcomes"]]
    method.participants = [participants[slug] for slug in data["participants"]]
    method.components = [MethodComponent(value=value) for value in data["components"]]
    method.channels = [MethodChannel(value=value) for value in data["channels"]]
    return method


def load(stdout):
    index = _index(stdout)
    if index is None:
        return
    _english_index(index, stdout)
    existing = set(MethodPage.objects.values_list("slug", flat=True))
    outcomes = Outcome.objects.in_bulk(field_name="slug")
    participants = ParticipantType.objects.in_bulk(field_name="slug")
    files = sorted((DEMO_DIR / "methods").glob("*.yaml"))
    created = []
    for path in files:
        data = _read_yaml(path)
        if data["slug"] in existing:
            continue
        method = _method(data, outcomes, participants)
        index.add_child(instance=method)
        created.append((method, data["related"]))
    # Related methods point at each other, so they are set once every method exists; then each is published once.
    by_slug = {method.slug: method for method in MethodPage.objects.child_of(index)}
    for method, related in created:
        method.related = [("method", {"method": by_slug[slug], "note": ""}) for slug in related if slug in by_slug]
        method.save_revision().publish()
    if created:
        stdout.write(f"  {len(created)} toolkit methods")
        for method, _related in created:
            printing.refresh_method_card(method.pk)
        printing.refresh_decks()
        stdout.write("  their printable cards and the component decks")
