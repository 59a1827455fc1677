"""A method's page: everything a team needs to run it, printable, with its uses and the lessons that teach it."""

import datetime

from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.security.framing import assert_framed_by_the_admin_only
from toolkits.models import MethodPage, Outcome

from .conftest import soup_of


def test_a_method_page_shows_what_a_team_needs_to_run_it(client, make_method):
    worksheet = get_document_model()(title="Plantilla del mapa de actores")
    worksheet.file.save("mapa-de-actores.csv", ContentFile("Actor;Influencia;Interés\n".encode()), save=False)
    worksheet.save()
    other = make_method("Entrevistas a usuarios")
    method = make_method(
        "Mapa de actores",
        what="Un esquema de quién influye en un problema de movilidad.",
        intent="Quiero saber quién puede ayudar o bloquear un proyecto",
        duration_min=45,
        duration_max=90,
        duration_label="por sesión",
        group_min=3,
        group_max=8,
        difficulty=1,
        components=["codiseno", "laboratorio"],
        outcomes=["entender", "consensuar"],
        participants=["funcionarios", "operadores"],
        channels=["presencial", "hibrido"],
        worksheets=[("template", {"document": worksheet, "title": ""})],
        examples=[("example", {"place": "Talcahuano", "year": 2014, "summary": "<p>Paraderos de la Av. Colón.</p>"})],
        related=[("method", {"method": other, "note": "Para conocer a quienes viajan."})],
    )
    response = client.get(method.url)
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.h1.get_text(strip=True) == "Mapa de actores"
    assert soup.select_one(".breadcrumbs a")["href"] == "/herramientas/"
    facts = {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in soup.select(".method-facts > div")
    }
    assert facts == {
        "Tiempo": "45 min – 1 h 30 min por sesión",
        "Grupo": "3–8 personas",
        "Dificultad": "Básica",
        "Fase del diseño": "Descubrir",
        "Componentes del programa": "Co-diseño, Laboratorio de innovación",
        "Qué se logra": "Entender, Construir consensos",
        "Quiénes participan": "Funcionarios municipales, Operadores de transporte",
        "Canales": "Presencial, Híbrido",
    }
    headings = [h.get_text(strip=True) for h in soup.select(".method__body h2")]
    assert headings == [
        "Por qué usarlo",
        "Quién facilita",
        "Materiales",
        "Paso a paso",
        "Plantillas",
        "Ejemplos",
        "Errores frecuentes",
        "Lo que pide la ley (Chile)",
    ]
    assert [h.get_text(strip=True) for h in soup.select(".steps .step__title")] == [
        "Defina la pregunta",
        "Ubique a los actores",
    ]
    assert [li.get_text(strip=True) for li in soup.select(".materials li")] == ["Papelógrafo", "Notas adhesivas"]
    download = soup.select_one(".worksheets a")
    assert download.get_text(strip=True) == "Plantilla del mapa de actores"
    assert client.get(download["href"]).status_code == 200
    assert "Talcahuano, 2014" in soup.select_one(".example__title").get_text()
    related = soup.select_one(".related .method-card")
    assert related.select_one("a")["href"] == other.url
    assert "Para conocer a quienes viajan." in related.get_text()
    assert soup.select_one("a[href$='/ficha/']").get_text(strip=True) == "Descargar la ficha para imprimir (PDF)"


def test_the_toolkit_pages_link_a_print_stylesheet(client, make_method):
    method = make_method()
    for address in ("/herramientas/", method.url):
        link = soup_of(client.get(address)).select_one("link[rel=stylesheet][media=print]")
        assert link["href"] == "/static/css/print.css"
    with open(finders.find("css/print.css"), encoding="utf-8") as stylesheet:
        rules = stylesheet.read()
    assert "@page" in rules and ".site-header" in rules and "break-inside: avoid" in rules


def test_a_method_shows_how_often_and_where_it_was_used_but_never_who(client, make_method, official, coronel):
    method = make_method()
    soup = soup_of(client.get(method.url))
    assert "Todavía no se ha registrado ningún uso" in soup.select_one("#usos").get_text()
    # Uses are practice records now ("Usé este método" starts one): counted, never named.
    from practices.services import start_from_method

    start_from_method(official, method, municipality=official.municipality, done_on=datetime.date(2024, 3, 1))
    start_from_method(official, method, municipality=coronel, done_on=datetime.date(2024, 4, 1), note="Con Tránsito")
    uses = " ".join(soup_of(client.get(method.url)).select_one("#usos").get_text().split())
    assert "han registrado 2 usos de este método en 2 municipalidades." in uses
    assert official.last_name not in uses and official.email not in uses and "Con Tránsito" not in uses


def test_unpublished_methods_are_not_found(client, make_method):
    method = make_method(publish=False)
    assert client.get("/herramientas/" + method.slug + "/").status_code == 404


def test_trainers_write_methods_in_the_admin(admin_client, toolkit):
    """The editor's component and channel boxes become the method's classification, and its ranges are checked."""
    data = nested_form_data(
        {
            "title": "Caminata por el paradero",
            "slug": "caminata-por-el-paradero",
            "what": "Un recorrido corto alrededor de un paradero.",
            "intent": "Quiero ver el paradero con los ojos de quien espera",
            "why": rich_text("<p>Porque se ve lo que no aparece en los reclamos.</p>"),
            "phase": "descubrir",
            "difficulty": "1",
            "duration_min": "90",
            "duration_max": "60",
            "duration_label": "",
            "group_min": "3",
            "group_max": "",
            "facilitation": rich_text("<p>Cualquier persona del equipo.</p>"),
            "materials": streamfield([]),
            "steps": streamfield([("step", {"title": "Camine", "text": rich_text("<p>Camine.</p>")})]),
            "worksheets": streamfield([]),
            "examples": streamfield([]),
            "pitfalls": streamfield([]),
            "legal": rich_text(""),
            "related": streamfield([]),
        }
    )
    # Multiple choices are lists of values, which nested_form_data would number.
    data.update(
        component_values=["codiseno", "laboratorio"],
        channel_values=["presencial"],
        outcomes=[Outcome.objects.get(slug="entender").pk],
    )
    add_url = f"/admin/pages/add/toolkits/methodpage/{toolkit.pk}/"
    response = admin_client.post(add_url, data)
    assert response.status_code == 200
    assert "La duración máxima no puede ser menor que la mínima." in response.content.decode()
    data["duration_max"] = "120"
    response = admin_client.post(add_url, data)
    assert response.status_code == 302
    method = MethodPage.objects.get(slug="caminata-por-el-paradero")
    revision = method.latest_revision.as_object()
    assert sorted(component.value for component in revision.components.all()) == ["codiseno", "laboratorio"]
    assert [channel.value for channel in revision.channels.all()] == ["presencial"]
    edit = admin_client.get(f"/admin/pages/{method.pk}/edit/")
    boxes = soup_of(edit).select("input[name=component_values][checked]")
    assert sorted(box["value"] for box in boxes) == ["codiseno", "laboratorio"]


def test_a_method_page_runs_a_fixed_number_of_queries(client, make_method, official, coronel):
    def queries_for(method):
        client.get(method.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(method.url).status_code == 200
        return len(queries)

    lone = make_method(related=[("method", {"method": make_method(), "note": ""})])
    others = [make_method() for _ in range(6)]
    busy = make_method(
        related=[("method", {"method": other, "note": ""}) for other in others],
        components=["codiseno", "laboratorio", "transversal"],
        outcomes=["entender", "priorizar", "validar"],
    )
    from practices.services import start_from_method

    for day in range(1, 8):
        start_from_method(official, busy, municipality=coronel, done_on=datetime.date(2024, 5, day))
    assert queries_for(lone) == queries_for(busy) <= 17


def test_trainers_preview_a_new_method_and_the_library(admin_client, toolkit, make_method):
    method = make_method("Mapa de actores")
    form = soup_of(admin_client.get(f"/admin/pages/{method.pk}/edit/"))
    assert form.select_one("input[name=component_values][value=codiseno]").has_attr("checked")
    for page in (method, toolkit):
        response = page.make_preview_request()
        assert response.status_code == 200
        assert soup_of(response).h1.get_text(strip=True) == page.title
    preview_url = f"/admin/pages/add/toolkits/methodpage/{toolkit.pk}/preview/"
    data = nested_form_data(
        {
            "title": "Método nuevo",
            "slug": "metodo-nuevo",
            "what": "Un método que aún no existe.",
            "intent": "Quiero verlo antes de publicarlo",
            "why": rich_text("<p>Para revisar.</p>"),
            "phase": "descubrir",
            "difficulty": "1",
            "duration_min": "30",
            "duration_max": "60",
            "group_min": "2",
            "facilitation": rich_text("<p>Cualquiera.</p>"),
            "steps": streamfield([("step", {"title": "Mire", "text": rich_text("<p>Mire.</p>")})]),
            "materials": streamfield([]),
            "worksheets": streamfield([]),
            "examples": streamfield([]),
            "pitfalls": streamfield([]),
            "related": streamfield([]),
        }
    )
    data.update(component_values=["codiseno"], channel_values=["presencial"], outcomes=[Outcome.objects.first().pk])
    assert admin_client.post(preview_url, data).json()["is_valid"]
    response = admin_client.get(preview_url)
    assert_framed_by_the_admin_only(response)
    preview = soup_of(response)
    assert preview.h1.get_text(strip=True) == "Método nuevo"
    assert "Todavía no se ha registrado ningún uso" in preview.select_one("#usos").get_text()
