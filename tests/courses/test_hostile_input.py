"""The courses endpoints survive hostile input (see ``tests/security/hostile.py``)."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from hypothesis import given

from courses.models import Completion, Enrolment
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

from .factories import lessons_of


def records():
    return (Enrolment.objects.order_by("pk"), Completion.objects.order_by("pk"))


@HOSTILE
@given(data=form_data({"next": "/cursos/"}))
def test_enrol_survives_hostile_input(client, learner, course, data):
    client.force_login(learner)

    def accepted(response):
        assert Enrolment.objects.filter(user=learner, course=course).exists()
        assert not urlsplit(response["Location"]).netloc, "sent to another site"

    with rolled_back():
        before = snapshot(*records())
        response = client.post(f"/mi-aprendizaje/cursos/{course.pk}/inscripcion/", data)
        assert_survives(response, before, snapshot(*records()), accepted=accepted)


@HOSTILE
@given(data=form_data(["item", "user", "completed_at"]))
def test_complete_survives_hostile_input(client, learner, enrolled, course, data):
    """Whatever comes with the POST, it completes the lesson in the address, for the signed-in learner only."""
    lesson = lessons_of(course)[0]
    client.force_login(learner)

    def accepted(response):
        assert list(Completion.objects.values_list("user_id", "item_id")) == [(learner.pk, lesson.pk)]

    with rolled_back():
        before = snapshot(*records())
        response = client.post(f"/mi-aprendizaje/actividades/{lesson.pk}/completar/", data)
        assert_survives(response, before, snapshot(*records()), accepted=accepted)


@HOSTILE
@given(data=form_data({"q": "movilidad", "tema": "participacion-ciudadana", "nivel": "basico"}, extra_fields=False))
def test_catalogue_filters_survive_hostile_input(client, course, data):
    response = client.get("/cursos/", data)
    soup = BeautifulSoup(response.content, "html.parser")
    if response.status_code == 414:  # an address too long for the site: refused before the catalogue
        assert soup.html["lang"] == "es" and soup.h1.get_text(strip=True)
        return
    assert response.status_code == 200
    assert soup.select_one("[role=status]").get_text(strip=True)  # "N cursos", filtered or not
