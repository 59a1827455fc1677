"""Toolkit fixtures: the library page and a factory of published methods with sensible Spanish defaults."""

import itertools

import pytest
from bs4 import BeautifulSoup

from toolkits.models import MethodChannel, MethodComponent, MethodPage, Outcome, ParticipantType, ToolkitIndexPage

_numbers = itertools.count(1)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def toolkit(home_page):
    index = ToolkitIndexPage(title="Herramientas", slug="herramientas", intro="<p>Métodos de co-creación.</p>")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def make_method(toolkit):
    """``make_method(title=…, components=[…], outcomes=[…], …)``: a published method under the library."""

    def make(
        title=None,
        *,
        components=("codiseno",),
        channels=("presencial",),
        outcomes=("entender",),
        participants=("funcionarios",),
        publish=True,
        **fields,
    ):
        number = next(_numbers)
        title = title or f"Método de prueba {number}"
        values = {
            "slug": f"metodo-{number}",
            "what": f"Un método para probar la biblioteca, número {number}.",
            "why": "<p>Porque ordena el trabajo del equipo antes de salir a terreno.</p>",
            "intent": "Quiero probar la biblioteca",
            "phase": "descubrir",
            "duration_min": 30,
            "duration_max": 45,
            "group_min": 3,
            "group_max": 8,
            "difficulty": 1,
            "facilitation": "<p>Una persona con experiencia en reuniones.</p>",
            "steps": [
                ("step", {"title": "Defina la pregunta", "text": "<p>Escriba la pregunta en el papelógrafo.</p>"}),
                ("step", {"title": "Ubique a los actores", "text": "<p>Cada participante anota un actor.</p>"}),
            ],
            "materials": [("material", "Papelógrafo"), ("material", "Notas adhesivas")],
            "pitfalls": [("pitfall", "Olvidar a las personas usuarias.")],
            "legal": "<p>El resultado es información pública según la Ley 20.285.</p>",
            **fields,
        }
        method = MethodPage(title=title, live=False, **values)
        method.components = [MethodComponent(value=value) for value in components]
        method.channels = [MethodChannel(value=value) for value in channels]
        method.outcomes = list(Outcome.objects.filter(slug__in=outcomes))
        method.participants = list(ParticipantType.objects.filter(slug__in=participants))
        toolkit.add_child(instance=method)
        if publish:
            method.save_revision().publish()
            method.refresh_from_db()
        return method

    return make
