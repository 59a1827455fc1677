"""The library page: facets with counts, Spanish search, sorting, pages, "Quiero…" entry points and bad input."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from toolkits.library import PER_PAGE
from toolkits.models import ToolkitIntent

from .conftest import soup_of


@pytest.fixture
def library(make_method):
    """Six methods that differ on every facet, named after what sets them apart."""
    return {
        "actores": make_method(
            "Mapa de actores",
            components=["codiseno"],
            phase="descubrir",
            outcomes=["entender", "consensuar"],
            duration_min=45,
            duration_max=90,
            group_min=3,
            group_max=8,
            difficulty=1,
            channels=["presencial", "hibrido"],
        ),
        "puntos": make_method(
            "Votación por puntos",
            components=["transversal", "codiseno"],
            phase="desarrollar",
            outcomes=["priorizar"],
            duration_min=10,
            duration_max=20,
            group_min=5,
            group_max=50,
            difficulty=1,
            channels=["presencial", "sms"],
        ),
        "hackaton": make_method(
            "Hackatón de movilidad",
            components=["desafio_abierto"],
            phase="desarrollar",
            outcomes=["generar_ideas"],
            duration_min=1440,
            duration_max=2400,
            group_min=30,
            group_max=150,
            difficulty=3,
            channels=["presencial", "hibrido"],
        ),
        "sms": make_method(
            "Encuesta pulso por SMS",
            components=["laboratorio"],
            phase="probar",
            outcomes=["validar", "entender"],
            duration_min=2400,
            duration_max=9600,
            group_min=200,
            group_max=None,
            difficulty=2,
            channels=["sms"],
        ),
        "escenarios": make_method(
            "Escenarios de futuro",
            components=["hoja_de_ruta"],
            phase="descubrir",
            outcomes=["consensuar"],
            duration_min=240,
            duration_max=480,
            group_min=15,
            group_max=60,
            difficulty=3,
            channels=["presencial"],
        ),
        "ferias": make_method(
            "Conversaciones en ferias",
            what="Conversaciones breves con vecinos en la feria libre sobre su recorrido en micro.",
            why="<p>La participación ciudadana empieza donde la gente ya está.</p>",
            components=["codiseno"],
            phase="probar",
            outcomes=["validar"],
            duration_min=60,
            duration_max=120,
            group_min=1,
            group_max=2,
            difficulty=2,
            channels=["en_linea"],
        ),
    }


def result_titles(response):
    return [a.get_text(strip=True) for a in soup_of(response).select(".method-results .card__title a")]


def result_count(response):
    return int(re.match(r"\d+", soup_of(response).select_one("#results-heading").get_text(strip=True)).group())


def facet_counts(response):
    """``{(param, value): count}`` as the page shows them next to each checkbox."""
    counts = {}
    for option in soup_of(response).select(".facet__option"):
        box = option.select_one("input[type=checkbox]")
        count = option.select_one(".facet__count").get_text(strip=True)
        counts[(box["name"], box["value"])] = int(count.strip("()"))
    return counts


def test_the_library_lists_every_published_method_with_its_card(client, library, make_method):
    make_method("Borrador sin publicar", publish=False)
    response = client.get("/herramientas/")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Herramientas"
    assert soup.select_one("#results-heading").get_text(strip=True) == "6 métodos"
    assert "Borrador sin publicar" not in result_titles(response)
    card = next(c for c in soup.select(".method-card") if "Mapa de actores" in c.get_text())
    assert card.select_one("a")["href"] == "/herramientas/" + library["actores"].slug + "/"
    facts = card.select_one(".method-card__facts").get_text(" ", strip=True)
    assert "45 min – 1 h 30 min" in facts and "3–8 personas" in facts and "Básica" in facts
    assert [badge.get_text(strip=True) for badge in card.select(".badge")] == ["Descubrir", "Co-diseño"]


def test_every_facet_count_is_the_number_of_methods_that_filter_shows(client, library):
    counts = facet_counts(client.get("/herramientas/"))
    assert {param for param, _value in counts} == {
        "componente",
        "fase",
        "resultado",
        "duracion",
        "grupo",
        "dificultad",
        "canal",
    }
    for (param, value), count in counts.items():
        response = client.get("/herramientas/", {param: value})
        assert result_count(response) == count == len(result_titles(response)), (param, value)


@pytest.mark.parametrize(
    ("param", "value", "expected"),
    [
        ("componente", "codiseno", {"actores", "puntos", "ferias"}),
        ("fase", "desarrollar", {"puntos", "hackaton"}),
        ("resultado", "entender", {"actores", "sms"}),
        # The duration band comes from the longest duration.
        ("duracion", "lt1h", {"puntos"}),
        ("duracion", "1to3h", {"actores", "ferias"}),
        ("duracion", "halfday", {"escenarios"}),
        ("duracion", "days", {"hackaton"}),
        ("duracion", "weeks", {"sms"}),
        # A method is in every group band its range overlaps; an open-ended one reaches 50+.
        ("grupo", "1to5", {"actores", "puntos", "ferias"}),
        ("grupo", "6to15", {"actores", "puntos", "escenarios"}),
        ("grupo", "16to50", {"puntos", "hackaton", "escenarios"}),
        ("grupo", "50plus", {"hackaton", "sms", "escenarios"}),
        ("dificultad", "3", {"hackaton", "escenarios"}),
        ("canal", "sms", {"puntos", "sms"}),
    ],
)
def test_each_facet_keeps_the_methods_it_names(client, library, param, value, expected):
    titles = set(result_titles(client.get("/herramientas/", {param: value})))
    assert titles == {library[key].title for key in expected}


def test_values_of_one_facet_are_alternatives_and_facets_add_up(client, library):
    either = set(result_titles(client.get("/herramientas/?componente=laboratorio&componente=hoja_de_ruta")))
    assert either == {library["sms"].title, library["escenarios"].title}
    both = set(result_titles(client.get("/herramientas/?componente=codiseno&grupo=1to5&canal=presencial")))
    assert both == {library["actores"].title, library["puntos"].title}


def test_counts_under_a_filter_say_what_each_further_choice_would_show(client, library):
    response = client.get("/herramientas/?componente=codiseno&dificultad=1")
    assert set(result_titles(response)) == {library["actores"].title, library["puntos"].title}
    counts = facet_counts(response)
    # A facet's own choice does not narrow its counts: ticking "Hoja de ruta" too would add its methods.
    assert counts[("componente", "hoja_de_ruta")] == 0
    assert counts[("componente", "transversal")] == 1
    assert counts[("dificultad", "2")] == 1  # Conversaciones en ferias, in co-design
    for (param, value), count in counts.items():
        if param in ("componente", "dificultad"):
            continue
        combined = client.get(f"/herramientas/?componente=codiseno&dificultad=1&{param}={value}")
        assert result_count(combined) == count, (param, value)


def test_chosen_filters_stay_ticked_and_can_be_removed_one_by_one(client, library):
    soup = soup_of(client.get("/herramientas/?componente=codiseno&duracion=1to3h"))
    assert soup.select_one("input[name=componente][value=codiseno]").has_attr("checked")
    assert soup.select_one("details.facets").has_attr("open")
    chips = {chip.get_text(" ", strip=True): chip["href"] for chip in soup.select(".chip")}
    assert chips == {
        "Componente del programa: Co-diseño × (quitar)": "?duracion=1to3h",
        "Tiempo necesario: 1 a 3 horas × (quitar)": "?componente=codiseno",
    }


@pytest.mark.parametrize("words", ["participacion", "participación", "PARTICIPACIÓN", "Participacion ciudadana"])
def test_search_in_spanish_ignores_accents_and_case(client, library, words):
    assert result_titles(client.get("/herramientas/", {"q": words})) == [library["ferias"].title]


def test_search_finds_accented_titles_typed_without_accents(client, library):
    assert result_titles(client.get("/herramientas/", {"q": "votacion"})) == [library["puntos"].title]
    assert result_titles(client.get("/herramientas/", {"q": "hackaton"})) == [library["hackaton"].title]


def test_search_combines_with_facets_and_their_counts(client, library):
    response = client.get("/herramientas/", {"q": "mapa"})
    assert result_titles(response) == [library["actores"].title]
    counts = facet_counts(response)
    assert counts[("componente", "codiseno")] == 1
    assert counts[("componente", "laboratorio")] == 0
    assert result_titles(client.get("/herramientas/", {"q": "mapa", "componente": "laboratorio"})) == []
    empty = soup_of(client.get("/herramientas/", {"q": "mapa", "componente": "laboratorio"}))
    assert "Ningún método coincide" in empty.select_one(".results").get_text()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("titulo", ["ferias", "sms", "escenarios", "hackaton", "actores", "puntos"]),
        ("duracion", ["puntos", "actores", "ferias", "escenarios", "hackaton", "sms"]),
        ("dificultad", ["actores", "puntos", "ferias", "sms", "escenarios", "hackaton"]),
        ("recientes", ["ferias", "escenarios", "sms", "hackaton", "puntos", "actores"]),
    ],
)
def test_sort_orders(client, library, sort, expected):
    response = client.get("/herramientas/", {"orden": sort})
    assert result_titles(response) == [library[key].title for key in expected]
    assert soup_of(response).select_one(f"#library-sort option[value={sort}]").has_attr("selected")


def test_a_search_is_sorted_by_relevance_unless_asked_otherwise(client, library):
    soup = soup_of(client.get("/herramientas/", {"q": "movilidad"}))
    assert soup.select_one("#library-sort option[selected]")["value"] == "pertinencia"
    without_search = soup_of(client.get("/herramientas/"))
    assert not without_search.select("#library-sort option[value=pertinencia]")
    assert without_search.select_one("#library-sort option[selected]")["value"] == "titulo"


def test_pages_of_results_keep_the_filters(client, make_method):
    for number in range(PER_PAGE + 3):
        make_method(f"Método {number:02d}", components=["laboratorio"])
    make_method("Otro componente", components=["codiseno"])
    first = client.get("/herramientas/?componente=laboratorio")
    soup = soup_of(first)
    assert result_count(first) == PER_PAGE + 3
    assert len(result_titles(first)) == PER_PAGE
    assert "Página 1 de 2" in soup.select_one(".pagination").get_text()
    next_link = soup.select_one(".pagination a[rel=next]")["href"]
    assert next_link == "?componente=laboratorio&pagina=2"
    second = client.get("/herramientas/" + next_link)
    assert result_titles(second) == ["Método 12", "Método 13", "Método 14"]
    assert soup_of(second).select_one(".pagination a[rel=prev]")["href"] == "?componente=laboratorio"
    assert result_titles(client.get("/herramientas/?componente=laboratorio&pagina=99")) == result_titles(second)
    assert result_titles(client.get("/herramientas/?componente=laboratorio&pagina=abc")) == result_titles(first)


def test_bad_values_are_explained_in_spanish_and_left_out(client, library):
    response = client.get("/herramientas/?componente=codiseno&resultado=inventado&orden=azar&grupo=99")
    assert response.status_code == 200
    soup = soup_of(response)
    errors = [li.get_text(strip=True) for li in soup.select(".error-summary li")]
    assert errors == [
        "«inventado» no es un valor del filtro «Qué se logra»; no se tuvo en cuenta.",
        "«99» no es un valor del filtro «Tamaño del grupo»; no se tuvo en cuenta.",
        "Ese orden no existe; se usa el habitual.",
    ]
    assert set(result_titles(response)) == {library[key].title for key in ("actores", "puntos", "ferias")}
    long_search = soup_of(client.get("/herramientas/", {"q": "paradero " * 40}))
    assert "se acortó" in long_search.select_one(".error-summary").get_text()


def test_the_library_works_without_javascript(client, library):
    soup = soup_of(client.get("/herramientas/"))
    form = soup.select_one("form#library")
    assert form["method"] == "get" and form["action"] == "/herramientas/"
    assert form.select_one("button[type=submit]")
    assert soup.select_one("#library-sort")["form"] == "library"
    scripts = [script["src"] for script in soup.select("script:not([type='application/json'])")]
    assert scripts == ["/static/js/offline.js"], "the library adds no script to the site-wide offline reading one"
    assert not soup.select("[style]") and not soup.select("[onclick]")


def _queries_for(client, address):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


ADDRESSES = [
    "/herramientas/",
    "/herramientas/?componente=codiseno&duracion=lt1h&grupo=6to15&resultado=entender&orden=duracion",
    "/herramientas/?q=metodo&canal=presencial&fase=descubrir&dificultad=1",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_filtering_and_counting_run_a_fixed_number_of_queries(
    client, make_method, address, django_assert_max_num_queries
):
    for _ in range(3):
        make_method()
    client.get(address)  # warm the content-type and site caches
    few = _queries_for(client, address)
    for number in range(3, 25):
        make_method(
            components=["codiseno", "laboratorio"][: number % 2 + 1],
            outcomes=["entender", "validar"][: number % 2 + 1],
            channels=["presencial", "sms"],
            duration_max=30 + number * 20,
            group_max=None if number % 3 == 0 else 8,
        )
    client.get(address)  # publishing started a new edition of the site (``core.published``): warm it again
    many = _queries_for(client, address)
    assert few == many
    # Wagtail's routing (locale, root and page; the library routes its own addresses, so its page is not kept by
    # ``core.published``) 3, the library's translations and outcomes 2, seven facet counts, the ordered ids, the page
    # of methods and its components, the entry points and the decks, and the page's view restrictions (Wagtail's own
    # check, on every request since the kept site holds data, not live pages): 19 (20 with a search).
    with django_assert_max_num_queries(20):
        client.get(address)


def test_quiero_entry_points_open_the_library_filtered(client, toolkit, library):
    ToolkitIntent.objects.create(
        page=toolkit,
        title="Quiero entender a los usuarios del transporte",
        text="Métodos para conocer de primera mano cómo viajan.",
        filters="resultado=entender&componente=codiseno",
    )
    soup = soup_of(client.get("/herramientas/"))
    link = soup.select_one(".intents a")
    assert link.get_text(strip=True) == "Quiero entender a los usuarios del transporte"
    assert link["href"] == "/herramientas/?resultado=entender&componente=codiseno"
    landing = client.get(link["href"])
    assert result_titles(landing) == [library["actores"].title]
    landing_soup = soup_of(landing)
    assert landing_soup.select_one(".intents a[aria-current=page]") is not None
    assert "Quiero entender a los usuarios del transporte" in landing_soup.select_one(".results__intent").get_text()


def test_an_entry_point_accepts_a_pasted_address_and_refuses_unknown_filters(toolkit):
    intent = ToolkitIntent(
        page=toolkit, title="Quiero algo breve", filters="https://cocrea.cl/herramientas/?duracion=lt1h"
    )
    intent.clean()
    assert intent.filters == "duracion=lt1h"
    with pytest.raises(ValidationError) as error:
        ToolkitIntent(page=toolkit, title="Quiero otra cosa", filters="duracion=eterno").clean()
    assert "«eterno» no es un valor del filtro «Tiempo necesario»" in str(error.value)
    with pytest.raises(ValidationError):
        ToolkitIntent(page=toolkit, title="Quiero nada", filters="").clean()


def test_the_library_offers_a_deck_for_each_component_with_methods(client, library):
    soup = soup_of(client.get("/herramientas/"))
    decks = {a.get_text(strip=True): a["href"] for a in soup.select(".decks a")}
    assert decks["Métodos: Co-diseño (PDF)"] == "/herramientas/mazo/codiseno/"
    assert len(decks) == 5
