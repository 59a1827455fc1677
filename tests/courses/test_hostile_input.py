"""The courses endpoints survive hostile input (see ``tests/security/hostile.py``)."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from hypothesis import given

from courses.models import Completion, Enrolment
from tests.security.hostile import HOSTILE, assert_survives, form_data, refused_before_any_view, rolled_back, snapshot

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
    if refused_before_any_view(response):
        return
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[role=status]").get_text(strip=True)  # "N cursos", filtered or not


REPLAY = {"key": "6f1c0d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f", "user": None, "completed_at": "2026-01-01T10:00:00+00:00"}


@HOSTILE
@given(data=form_data(REPLAY))
def test_a_replayed_completion_survives_hostile_input(client, learner, enrolled, course, data):
    """A completion replayed from a device's outbox (``courses.offline``), as JSON: whatever the key, person and
    moment say, at most one completion of the lesson in the address, for the signed-in learner, at a believable
    time; anything refused writes nothing and says why."""
    from django.utils import timezone

    lesson = lessons_of(course)[0]
    client.force_login(learner)
    data = {"user": str(learner.pk), **data}
    with rolled_back():
        before = snapshot(*records())
        response = client.post(
            f"/mi-aprendizaje/actividades/{lesson.pk}/completar/", data, HTTP_ACCEPT="application/json"
        )
        assert response.status_code < 500, f"server error {response.status_code}"
        if response.status_code == 200:
            assert response.json()["course"]["done"] == 1
            (completion,) = Completion.objects.all()
            assert (completion.user_id, completion.item_id) == (learner.pk, lesson.pk)
            assert enrolled.enrolled_at <= completion.completed_at <= timezone.now()
        else:
            assert snapshot(*records()) == before, "a refused replay changed the database"
            assert response.json()["error"]
