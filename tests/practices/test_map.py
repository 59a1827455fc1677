"""The public map of practices: only published and accepted ones, names only with consent, filters in the address,
counts per comuna and component, each practice's page with its photos and methods, constant queries."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Municipality
from accounts.roles import OFFICIAL
from practices import services
from practices.models import Practice, Status
from tests.factories import UserFactory

from .factories import PracticeFactory, photo


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def public(author, *, title, component="codiseno", show_names=False, methods=()):
    practice = PracticeFactory(author=author, title=title, component=component, show_names=show_names)
    practice.methods.set(methods)
    Practice.objects.filter(pk=practice.pk).update(published=True, status=Status.ACCEPTED)
    practice.refresh_from_db()
    return practice


@pytest.fixture
def method(make_method):
    return make_method("Caminata de accesibilidad")


def test_only_published_and_accepted_practices_are_shown(client, official, coronel):
    shown = public(official, title="Caminata en Talcahuano")
    PracticeFactory(author=official, title="Borrador sin publicar")
    waiting = PracticeFactory(author=official, title="Publicada sin aceptar", published=True)
    accepted_private = PracticeFactory(author=official, title="Aceptada sin publicar")
    Practice.objects.filter(pk=accepted_private.pk).update(status=Status.ACCEPTED)
    page = soup_of(client.get("/practicas/"))
    titles = [card.select_one(".card__title").get_text(strip=True) for card in page.select(".cards .card")]
    assert titles == ["Caminata en Talcahuano"]
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in page.select("table.counts tbody tr")}
    assert rows["Talcahuano"] == "1" and rows["Coronel"] == "0" and rows["Co-diseño"] == "1"
    tile_counts = [text.get_text() for text in page.select("svg.comuna-map text.comuna-map__count")]
    assert sorted(tile_counts) == ["0"] * 10 + ["1"]
    assert client.get(f"/practicas/{shown.pk}/").status_code == 200
    for hidden in (waiting, accepted_private):
        assert client.get(f"/practicas/{hidden.pk}/").status_code == 404


def test_filters_in_the_address(client, official, coronel, method):
    public(official, title="Caminata", methods=[method])
    public(UserFactory(role=OFFICIAL, municipality=coronel), title="Desafío en Coronel", component="desafio_abierto")

    def titles(query):
        page = soup_of(client.get("/practicas/", query))
        return [card.select_one(".card__title").get_text(strip=True) for card in page.select(".cards .card")]

    assert titles({"comuna": "08102"}) == ["Desafío en Coronel"]
    assert titles({"componente": "codiseno"}) == ["Caminata"]
    assert titles({"metodo": method.slug}) == ["Caminata"]
    assert sorted(titles({"comuna": "nada", "componente": "<script>"})) == ["Caminata", "Desafío en Coronel"]


def test_names_only_with_consent(client, official, talcahuano):
    colleague = UserFactory(role=OFFICIAL, municipality=talcahuano, first_name="Rosa", last_name="Muñoz")
    anonymous = public(official, title="Sin nombres")
    anonymous.coauthors.add(colleague)
    named = public(colleague, title="Con nombres", show_names=True)
    assert "Rosa" not in soup_of(client.get(f"/practicas/{anonymous.pk}/")).select_one("main").get_text()
    assert "Rosa Muñoz" in soup_of(client.get(f"/practicas/{named.pk}/")).select_one("main").get_text()


def test_a_practice_page_shows_its_photos_and_links_its_methods(client, official, method):
    practice = public(official, title="Caminata", methods=[method])
    evidence = services.add_evidence(practice, official, SimpleUploadedFile("f.jpg", photo(), "image/jpeg"), "Paradero")
    page = soup_of(client.get(f"/practicas/{practice.pk}/"))
    image = page.select_one(".evidence img")
    assert image["src"] == f"/practicas/evidencias/{evidence.pk}/" and image["alt"] == "Paradero"
    assert page.select_one(f".practice-facts a[href='{method.url}']").get_text() == "Caminata de accesibilidad"
    served = client.get(image["src"])
    assert served.status_code == 200 and served["Cache-Control"].startswith("public")
    # The author withdraws it: gone from the map and its photo private again.
    client.force_login(official)
    client.post(f"/mis-practicas/{practice.pk}/publicacion/", {"publicar": "0"})
    client.logout()
    assert client.get(f"/practicas/{practice.pk}/").status_code == 404
    assert client.get(image["src"]).status_code == 404


def test_the_ministry_may_withdraw_a_publication(client, official, ministry):
    practice = public(official, title="Caminata")
    client.force_login(ministry)
    assert client.post(f"/mis-practicas/{practice.pk}/publicacion/", {"publicar": "0"}).status_code == 302
    practice.refresh_from_db()
    assert not practice.published


def test_the_map_runs_the_same_queries_whatever_the_number_of_practices(
    client, official, method, django_assert_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get("/practicas/").status_code == 200
        return len(queries)

    public(official, title="Una", methods=[method])
    few = count_queries()
    for municipality in Municipality.objects.filter(code__in=["08101", "08102", "08108"]):
        author = UserFactory(role=OFFICIAL, municipality=municipality)
        for n in range(5):
            public(author, title=f"Práctica {n}", methods=[method])
    assert count_queries() == few
