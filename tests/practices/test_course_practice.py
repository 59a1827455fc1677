"""The "Práctica" course item: submitting a practice, the trainers' review with the rubric (every version kept),
completion only when accepted, emails, the queue, and the certificate's "con práctica aplicada"."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.utils import timezone

from accounts.roles import OFFICIAL, TRAINER
from certificates import services as certificate_services
from courses import services as course_services
from courses.models import Enrolment
from practices import services
from practices.models import Practice, Review, Status
from tests.factories import UserFactory

from .factories import PracticeFactory, build_practice_course


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text().split())


@pytest.fixture
def course(trainer):
    return build_practice_course(trainers=[trainer])


@pytest.fixture
def enrolled(official, course):
    course_services.enrol(official, course)
    course_services.complete_item(official, course.lesson)
    return official


def review_data(decision, feedback="Bien hecho.", levels=("1", "1")):
    return {"decision": decision, "feedback": feedback, **{f"criterio_{n}": level for n, level in enumerate(levels)}}


def test_the_practice_page_shows_the_task_the_rubric_and_what_to_send(client, course, enrolled):
    practice = PracticeFactory(author=enrolled, title="Caminata en Las Higueras")
    client.force_login(enrolled)
    page = soup_of(client.get(course.practice_item.url))
    text = " ".join(page.get_text().split())
    assert "Organice una caminata con vecinos" in text and "Práctica obligatoria" in text
    assert "Participación" in text and "Logrado" in text
    form = page.select_one("#submit-practice")
    assert form["action"] == f"/mis-practicas/{practice.pk}/enviar/"
    assert "Caminata en Las Higueras" in form.get_text()


def test_submit_ask_for_changes_resubmit_accept_completes_the_course(
    client, course, enrolled, trainer, django_capture_on_commit_callbacks
):
    practice = PracticeFactory(author=enrolled)
    client.force_login(enrolled)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mis-practicas/{practice.pk}/enviar/", {"item": course.practice_item.pk})
    assert response.status_code == 302 and response["Location"] == course.practice_item.url
    practice.refresh_from_db()
    assert (practice.status, practice.item_id, practice.versions.count()) == (
        Status.SUBMITTED,
        course.practice_item.pk,
        1,
    )
    assert [message.to for message in mail.outbox] == [[trainer.email]]
    assert "Práctica por revisar" in mail.outbox[0].subject
    # Submitted: no longer editable.
    assert client.post(f"/mis-practicas/{practice.pk}/", {"title": "Otra"}).status_code == 302
    assert Practice.objects.get(pk=practice.pk).title == practice.title

    client.force_login(trainer)
    queue = text_of(client.get("/practicas/revision/"))
    assert practice.title in queue and "Talcahuano" in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/practicas/revision/{practice.pk}/", review_data("cambios", "Agregue la lista de asistentes.", ("0", "1"))
        )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [enrolled.email] and "Cambios solicitados" in mail.outbox[-1].subject
    assert "Agregue la lista de asistentes." in mail.outbox[-1].body
    enrolment = Enrolment.objects.get(user=enrolled, course=course)
    assert enrolment.completed_at is None

    client.force_login(enrolled)
    page = text_of(client.get(f"/mis-practicas/{practice.pk}/"))
    assert "Agregue la lista de asistentes." in page and "En desarrollo" in page
    edit = {
        "title": practice.title,
        "municipality": practice.municipality_id,
        "done_on": "2024-05-02",
        "learned": "Asistieron 12 vecinos; la lista va adjunta.",
    }
    assert client.post(f"/mis-practicas/{practice.pk}/", edit).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/mis-practicas/{practice.pk}/enviar/", {"item": course.practice_item.pk})
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED and practice.versions.count() == 2
    assert practice.versions.get(number=1).content["learned"] == "Las personas mayores esperan de pie: no hay banca."
    assert practice.versions.get(number=2).content["learned"] == "Asistieron 12 vecinos; la lista va adjunta."

    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/practicas/revision/{practice.pk}/", review_data("aceptar", "Excelente trabajo."))
    practice.refresh_from_db()
    assert practice.status == Status.ACCEPTED
    assert [review.decision for review in Review.objects.order_by("pk")] == ["cambios", "aceptar"]
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None and enrolment.progress_percent == 100
    assert any("Su práctica fue aceptada" in message.subject for message in mail.outbox)
    certificate = certificate_services.issue(enrolment.pk)
    assert "con práctica aplicada" in certificate.body


def test_a_required_practice_counts_only_when_accepted(course, enrolled, trainer):
    practice = PracticeFactory(author=enrolled)
    services.submit(practice, course.practice_item, enrolled)
    enrolment = Enrolment.objects.get(user=enrolled, course=course)
    assert enrolment.completed_at is None and enrolment.items_done == 1 and enrolment.items_required == 2


def test_a_course_without_a_required_practice_says_nothing_of_it(official):
    course = build_practice_course(optional=True)
    course_services.enrol(official, course)
    result = course_services.complete_item(official, course.lesson)
    assert result.course_completed
    certificate = certificate_services.issue(Enrolment.objects.get(user=official, course=course).pk)
    assert "práctica aplicada" not in certificate.body


def test_only_the_courses_trainers_review(client, course, enrolled, talcahuano):
    practice = PracticeFactory(author=enrolled)
    services.submit(practice, course.practice_item, enrolled)
    other_trainer = UserFactory(role=TRAINER, municipality=None)
    build_practice_course(trainers=[other_trainer])
    client.force_login(other_trainer)
    assert client.get(f"/practicas/revision/{practice.pk}/").status_code == 404
    assert client.post(f"/practicas/revision/{practice.pk}/", review_data("aceptar")).status_code == 404
    assert practice.title not in text_of(client.get("/practicas/revision/"))
    assert not Review.objects.exists()


def test_a_version_is_reviewed_once(course, enrolled, trainer):
    practice = PracticeFactory(author=enrolled)
    services.submit(practice, course.practice_item, enrolled)
    services.review(practice, trainer, decision="aceptar", feedback="Bien.", levels=[])
    with pytest.raises(services.NotAllowed):
        services.review(practice, trainer, decision="cambios", feedback="Otra vez.", levels=[])
    with pytest.raises(services.NotAllowed):
        services.submit(practice, course.practice_item, enrolled)
    assert Review.objects.count() == 1


def test_the_queue_is_oldest_first_and_filters_by_course_and_comuna(client, trainer, coronel, talcahuano):
    first, second = build_practice_course(trainers=[trainer]), build_practice_course(trainers=[trainer])
    people = [UserFactory(role=OFFICIAL, municipality=m) for m in (talcahuano, coronel, talcahuano)]
    now = timezone.now()
    for days, (person, course) in zip((2, 9, 5), zip(people, (first, second, first), strict=True), strict=True):
        practice = PracticeFactory(author=person, title=f"Práctica de hace {days} días")
        services.submit(practice, course.practice_item, person)
        Practice.objects.filter(pk=practice.pk).update(submitted_at=now - datetime.timedelta(days=days))
    client.force_login(trainer)
    rows = [row.th.get_text(strip=True) for row in soup_of(client.get("/practicas/revision/")).select("tbody tr")]
    assert rows == ["Práctica de hace 9 días", "Práctica de hace 5 días", "Práctica de hace 2 días"]
    waiting = soup_of(client.get("/practicas/revision/")).select("tbody tr")[0].select("td")[-1].get_text(strip=True)
    assert waiting == "9 días"
    filtered = soup_of(client.get("/practicas/revision/", {"curso": first.pk, "comuna": "08110"}))
    assert [row.th.get_text(strip=True) for row in filtered.select("tbody tr")] == [
        "Práctica de hace 5 días",
        "Práctica de hace 2 días",
    ]


def test_the_queue_pins_its_queries(client, trainer, django_assert_max_num_queries):
    course = build_practice_course(trainers=[trainer])
    for _n in range(6):
        person = UserFactory(role=OFFICIAL)
        services.submit(PracticeFactory(author=person), course.practice_item, person)
    client.force_login(trainer)
    with django_assert_max_num_queries(14):
        assert client.get("/practicas/revision/").status_code == 200


def test_ministry_staff_read_the_whole_queue_but_do_not_review(client, ministry, trainer, talcahuano):
    ours, theirs = build_practice_course(trainers=[trainer]), build_practice_course(trainers=[ministry])
    person = UserFactory(role=OFFICIAL, municipality=talcahuano)
    waiting = {}
    for course, title in ((ours, "Caminata en Las Higueras"), (theirs, "Mapa de actores del paradero")):
        waiting[title] = PracticeFactory(author=person, title=title)
        services.submit(waiting[title], course.practice_item, person)
    client.force_login(ministry)
    page = soup_of(client.get("/practicas/revision/"))
    assert "solo el equipo formador de cada curso la revisa" in " ".join(page.get_text().split())
    rows = {row.th.get_text(strip=True): row.th.a for row in page.select("tbody tr")}
    assert set(rows) == set(waiting)
    # Read-only for the course they do not train: no link, and the review answers 404; a course they train: reviewed.
    assert rows["Caminata en Las Higueras"] is None
    assert client.get(f"/practicas/revision/{waiting['Caminata en Las Higueras'].pk}/").status_code == 404
    link = rows["Mapa de actores del paradero"]["href"]
    assert link == f"/practicas/revision/{waiting['Mapa de actores del paradero'].pk}/"
    assert client.get(link).status_code == 200
    # A trainer still sees only their own course's submissions.
    client.force_login(trainer)
    trainer_page = soup_of(client.get("/practicas/revision/"))
    assert [row.th.get_text(strip=True) for row in trainer_page.select("tbody tr")] == ["Caminata en Las Higueras"]
