"""Printable cards and decks: made in the background from published content, stored, and only served when current."""

import io

import pdfplumber
import pytest
import zxingcpp
from celery.contrib.testing.worker import start_worker
from django.core.files.storage import default_storage
from pypdf import PdfReader
from wagtail.models import Locale, Page, Site

from core import pdf as pdf_module
from core.pdf import PdfError, PdfTimeLimitExceeded, render_pdf
from core.pdf_engine import LocalFilesFetcher
from home.models import HomePage
from lms.celery import app
from toolkits import printing, tasks
from toolkits.models import ComponentDeck, MethodCard

from .conftest import soup_of

STEPS = [
    ("step", {"title": "Defina la pregunta del año", "text": "<p>¿Quiénes intervienen en la mantención?</p>"}),
    ("step", {"title": "Ubique a cada actor en la cuadrícula", "text": "<p>Según su influencia y su interés.</p>"}),
    ("step", {"title": "Decida cómo involucrar a cada cuadrante", "text": "<p>Con fecha y responsable.</p>"}),
]


def pdf_text(path_or_bytes):
    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    with pdfplumber.open(source) as document:
        return [page.extract_text() for page in document.pages]


def read_file(field):
    with field.open("rb") as stored:
        return stored.read()


def test_the_card_holds_the_method_with_accents_and_a_qr_code_back_to_its_page(make_method):
    method = make_method(
        "Mapa de actores y señales",
        what="Un esquema de quién influye en la movilidad de Hualpén.",
        steps=STEPS,
        duration_min=45,
        duration_max=90,
        group_min=3,
        group_max=8,
    )
    card = printing.refresh_method_card(method.pk)
    content = read_file(card.file)
    pages = pdf_text(content)
    text = "\n".join(pages)
    assert 1 <= card.pages == len(pages) <= 2
    assert "Mapa de actores y señales" in pages[0]
    assert "Un esquema de quién influye en la movilidad de Hualpén." in text
    for _type, step in STEPS:
        assert step["title"] in text
    assert "¿Quiénes intervienen en la mantención?" in text
    assert "45 min – 1 h 30 min" in text and "3–8 personas" in text
    assert "Página 1 de" in pages[0]

    with pdfplumber.open(io.BytesIO(content)) as document:
        image = document.pages[0].to_image(resolution=200).original
    codes = zxingcpp.read_barcodes(image)
    assert [code.text for code in codes] == [f"http://testserver/herramientas/{method.slug}/"]
    assert card.file.name == f"herramientas/fichas/{method.slug}-r{method.live_revision_id}.pdf"


def test_every_pdf_embeds_the_shipped_fonts_and_is_tagged(make_method):
    method = make_method("Votación por puntos", steps=STEPS)
    reader = PdfReader(io.BytesIO(read_file(printing.refresh_method_card(method.pk).file)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"]).split("+")[-1]] = "/FontFile2" in descriptor
    assert fonts == {"Atkinson-Hyperlegible": True, "Atkinson-Hyperlegible-Bold": True} | {
        name: True for name in fonts if name.startswith("Atkinson")
    }
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Votación por puntos — Ficha de herramientas Cocrea"


def test_the_deck_has_a_cover_a_contents_page_and_every_method_of_its_component(make_method):
    make_method("Árbol de problemas", components=["codiseno"], phase="definir", steps=STEPS)
    make_method("Mapa de actores", components=["codiseno"], phase="descubrir")
    make_method("Prueba de usabilidad", components=["codiseno", "laboratorio"], phase="probar")
    make_method("Presupuesto participativo", components=["laboratorio"])
    deck = printing.refresh_deck("codiseno")
    pages = pdf_text(read_file(deck.file))
    assert deck.pages == len(pages) >= 5
    assert "Co-diseño" in pages[0] and "3 métodos" in pages[0]
    contents = pages[1]
    assert contents.startswith("Índice")
    # In the order of the design phases, each with the page it starts on.
    order = ["Mapa de actores", "Árbol de problemas", "Prueba de usabilidad"]
    lines = [line for line in contents.splitlines() if any(title in line for title in order)]
    assert [next(title for title in order if title in line) for line in lines] == order
    for line, title in zip(lines, order, strict=True):
        page_number = int(line.rsplit(" ", 1)[-1])
        assert title in pages[page_number - 1].splitlines()[1]
    assert "Presupuesto participativo" not in "\n".join(pages)
    assert printing.refresh_deck("transversal") is None


def test_the_download_never_renders_and_says_when_the_card_is_being_prepared(client, make_method, monkeypatch):
    method = make_method("Mapa de actores")

    def no_rendering(*args, **kwargs):
        raise AssertionError("a PDF was rendered in the request")

    monkeypatch.setattr(pdf_module, "render_pdf", no_rendering)
    monkeypatch.setattr(printing, "render_template_to_pdf", no_rendering)
    address = method.url + "ficha/"
    pending = client.get(address)
    assert pending.status_code == 503
    assert pending["Retry-After"] == "30"
    soup = soup_of(pending)
    assert soup.h1.get_text(strip=True) == "Estamos preparando el PDF"
    assert "«Mapa de actores»" in soup.select_one(".lead").get_text()
    assert soup.select_one(f"a[href='{method.url}']").get_text(strip=True) == "Volver al método"
    assert not MethodCard.objects.exists()

    monkeypatch.undo()
    card = printing.refresh_method_card(method.pk)
    monkeypatch.setattr(printing, "render_template_to_pdf", no_rendering)
    ready = client.get(address)
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    assert ready["Content-Disposition"] == f'inline; filename="ficha-{method.slug}.pdf"'
    assert b"".join(ready.streaming_content) == read_file(card.file)

    # A new publication makes the stored card stale: it is not served until it has been made again.
    method.save_revision().publish()
    assert client.get(address).status_code == 503


def test_the_deck_download_is_served_only_when_current(client, make_method):
    method = make_method("Mapa de actores", components=["codiseno"])
    address = "/herramientas/mazo/codiseno/"
    assert client.get(address).status_code == 503
    printing.refresh_deck("codiseno")
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="metodos-codiseno.pdf"'
    method.save_revision().publish()
    assert client.get(address).status_code == 503
    assert client.get("/herramientas/mazo/laboratorio/").status_code == 404
    assert client.get("/herramientas/mazo/no-existe/").status_code == 404


def test_publishing_makes_the_card_and_decks_once_the_transaction_commits(
    make_method, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        method = make_method("Mapa de actores", components=["codiseno"])
    assert not MethodCard.objects.exists()
    for callback in callbacks:
        callback()
    card = MethodCard.objects.get(method=method)
    assert card.is_current(f"r{method.live_revision_id}")
    assert ComponentDeck.objects.get(component="codiseno").pages >= 3
    old_file = card.file.name

    with django_capture_on_commit_callbacks(execute=True):
        method.save_revision().publish()
    card.refresh_from_db()
    method.refresh_from_db()
    assert card.is_current(f"r{method.live_revision_id}")
    assert not default_storage.exists(old_file)

    with django_capture_on_commit_callbacks(execute=True):
        method.unpublish()
    assert not MethodCard.objects.exists()
    assert not default_storage.exists(card.file.name)
    assert not ComponentDeck.objects.exists()


def test_the_sweep_catches_up_on_cards_a_lost_task_left_behind(make_method, django_capture_on_commit_callbacks):
    first, second = make_method(), make_method()
    printing.refresh_method_card(first.pk)
    assert printing.stale_method_ids() == [second.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.refresh_stale_pdfs.delay().get() == 1
    assert printing.stale_method_ids() == []


def test_the_fetcher_reads_only_the_sites_static_and_media_files():
    fetcher = LocalFilesFetcher()
    stylesheet = fetcher.fetch("http://testserver/static/css/pdf.css")
    assert b"@font-face" in stylesheet.read() and stylesheet.content_type == "text/css"
    default_storage.save("herramientas/prueba.txt", io.BytesIO(b"hola"))
    assert fetcher.fetch("http://testserver/media/herramientas/prueba.txt").read() == b"hola"
    for address in (
        "file:///etc/passwd",
        "http://example.com/static/css/pdf.css",
        "https://testserver/static/css/pdf.css",
        "http://testserver/admin/",
        "http://testserver/static/../../../etc/passwd",
        "http://testserver/media/no-existe.png",
    ):
        with pytest.raises(PdfError):
            fetcher.fetch(address)
    assert fetcher.fetch("data:text/plain,hola").read() == b"hola"


def test_a_document_pointing_elsewhere_renders_without_fetching_it():
    html = (
        '<html lang="es"><head><title>Prueba</title></head>'
        '<body><h1>Ñandú</h1><img src="file:///etc/hostname" alt="x"></body></html>'
    )
    rendered = render_pdf(html)
    assert rendered.pages == 1
    assert "Ñandú" in pdf_text(rendered.content)[0]


# The timer may fire while a finalizer runs, where Python ignores the exception (and pytest warns); it fires again.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_rendering_stops_at_its_time_limit():
    html = "<html lang='es'><body>" + "<p>Paradero de micros en Concepción.</p>" * 20000 + "</body></html>"
    with pytest.raises(PdfTimeLimitExceeded):
        render_pdf(html, time_limit_seconds=0.2)


@pytest.fixture
def site(db):
    """The migrated site, or (after a transactional test emptied the tables) a new one like it."""
    existing = Site.objects.filter(is_default_site=True).first()
    if existing:
        return existing
    Locale.objects.get_or_create(language_code="es")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Inicio", slug="inicio", heading="Inicio"))
    return Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


@pytest.mark.broker
def test_a_worker_makes_the_card_after_publication(broker, transactional_db, make_method):
    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", concurrency=1, perform_ping_check=False, shutdown_timeout=10):
            method = make_method("Mapa de actores")
            # Results are ignored unless asked for (no request reads one): this test asks.
            result = tasks.render_method_card.apply_async((method.pk,), ignore_result=False)
            assert result.get(timeout=60) == f"herramientas/fichas/{method.slug}-r{method.live_revision_id}.pdf"
    finally:
        app.conf.task_always_eager = True
    assert MethodCard.objects.get(method=method).is_current(f"r{method.live_revision_id}")
