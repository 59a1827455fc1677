"""The demo library: every method file loads, with its worksheet, related methods and printable PDFs; twice is once."""

from pathlib import Path

import yaml
from django.core.management import call_command

from accounts.models import User
from toolkits import demo
from toolkits.choices import DURATION_BANDS, Component
from toolkits.models import ComponentDeck, MethodCard, MethodPage, ToolkitIndexPage, ToolkitIntent

from .conftest import soup_of

METHOD_FILES = sorted((Path(demo.__file__).parent / "demo" / "methods").glob("*.yaml"))


class Quiet:
    def write(self, *args, **kwargs):
        pass


def test_there_are_at_least_twenty_demo_methods_in_spanish():
    assert len(METHOD_FILES) >= 20
    for path in METHOD_FILES:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["slug"] == path.stem
        assert 4 <= len(data["steps"]) <= 9, path.name
        band = next(b for b in DURATION_BANDS if b.overlaps(data["duration_max"], data["duration_max"]))
        assert band is not None


def test_the_demo_loads_every_method_with_its_pdfs_and_keeps_what_exists(client, demo):
    index = ToolkitIndexPage.objects.get(locale__language_code="es")
    methods = MethodPage.objects.live().child_of(index)
    assert methods.count() == len(METHOD_FILES)
    assert ToolkitIntent.objects.filter(page=index).count() >= 5
    mapa = methods.get(slug="mapa-de-actores")
    assert mapa.worksheets[0].value["document"].title == "Plantilla del mapa de actores"
    assert {block.value["method"].slug for block in mapa.related} == {
        "mapa-de-personas-y-conexiones",
        "entrevistas-a-usuarios",
        "sesion-de-cocreacion",
    }
    cards = MethodCard.objects.select_related("method")
    assert cards.count() == len(METHOD_FILES)
    assert all(1 <= card.pages <= 2 for card in cards), [(c.method.slug, c.pages) for c in cards if c.pages > 2]
    assert set(ComponentDeck.objects.values_list("component", flat=True)) == set(Component.values)

    soup = soup_of(client.get("/herramientas/"))
    assert soup.select_one("#results-heading").get_text(strip=True) == f"{len(METHOD_FILES)} métodos"
    first_intent = soup.select_one(".intents a")
    assert first_intent.get_text(strip=True) == "Quiero entender a los usuarios del transporte"
    landing = soup_of(client.get(first_intent["href"]))
    assert not landing.select(".error-summary")
    assert "Entrevistas a usuarios" in landing.select_one(".method-results").get_text()
    assert client.get(mapa.url + "ficha/")["Content-Type"] == "application/pdf"

    english = soup_of(client.get("/en/herramientas/"))
    assert english.html["lang"] == "en"
    assert english.h1.get_text(strip=True) == "Toolkit"
    assert english.select_one("#results-heading").get_text(strip=True) == f"{len(METHOD_FILES)} methods"
    assert english.select_one(".facets summary").get_text(strip=True) == "Filters"

    client.force_login(User.objects.get(email="formadora@cocrea.test"))
    assert client.get(f"/admin/pages/add/toolkits/methodpage/{index.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{mapa.pk}/edit/").status_code == 200
    assert client.get("/admin/snippets/toolkits/outcome/add/").status_code == 200
    client.logout()

    mapa.title = "Cambiado a mano"
    mapa.save_revision().publish()
    call_command("load_demo", stdout=Quiet())
    assert MethodPage.objects.count() == len(METHOD_FILES)
    assert MethodPage.objects.get(slug="mapa-de-actores").title == "Cambiado a mano"
