"""The quiz endpoints survive hostile input (see ``tests/security/hostile.py``), and attempts are their owners'."""

from hypothesis import given

from courses import services as course_services
from quizzes import services
from quizzes.models import Answer, Attempt, QuizResult
from tests.security.authorization import assert_object_access
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

from .factories import ALL_RIGHT, take


def records():
    return (
        Attempt.objects.order_by("pk"),
        Answer.objects.order_by("pk"),
        QuizResult.objects.order_by("pk"),
    )


@HOSTILE
@given(
    data=form_data(
        {
            "q1": "0",
            "q2": ["0", "1"],
            "q3": "1",
            "q4": "Participación ciudadana",
            "q5": "35",
            "enviar_sin_responder": "1",
        }
    )
)
def test_submit_survives_hostile_input(client, learner, enrolled, quiz, data):
    """Whatever comes, the attempt is graded once from its own questions, or refused with nothing written."""
    attempt = services.start_attempt(learner, quiz)[0]
    client.force_login(learner)

    def accepted(response):
        graded = Attempt.objects.get(pk=attempt.pk)
        assert graded.is_graded and 0 <= graded.score_percent <= 100
        assert graded.answers.count() == 5
        assert QuizResult.objects.get(enrolment=enrolled, quiz=quiz).attempts_used == 1

    with rolled_back():
        before = snapshot(*records())
        response = client.post(f"/cuestionarios/intentos/{attempt.pk}/", data)
        if response.status_code == 200 and b"unanswered-summary" in response.content:
            # Questions left blank without "send anyway": asked to confirm, nothing graded yet.
            assert before == snapshot(*records())
            return
        assert_survives(response, before, snapshot(*records()), accepted=accepted)


@HOSTILE
@given(data=form_data(["quiz", "user", "number", "questions"]))
def test_start_survives_hostile_input(client, learner, enrolled, quiz, data):
    """Whatever comes with the POST, it starts one attempt at the quiz in the address, for the signed-in learner."""
    client.force_login(learner)

    def accepted(response):
        assert list(Attempt.objects.values_list("user_id", "quiz_id", "number")) == [(learner.pk, quiz.pk, 1)]

    with rolled_back():
        before = snapshot(*records())
        response = client.post(f"/cuestionarios/{quiz.pk}/comenzar/", data)
        assert_survives(response, before, snapshot(*records()), accepted=accepted)


def test_only_the_owner_opens_an_attempt(world):
    """Officials A, B and C each have a graded attempt at quiz X; no one else opens it, not even the superuser."""
    attempts = {}
    for role in ("official_a", "official_b", "official_c"):
        person = world.people[role]
        course_services.enrol(person, world.course_x)
        Attempt.objects.filter(user=person).delete()  # official A's open attempt from the world
        attempts[role] = take(person, world.quiz_x, ALL_RIGHT)
    assert_object_access(
        world,
        lambda attempt: f"/cuestionarios/intentos/{attempt.pk}/",
        attempts,
        may_access=lambda role, owner: role == owner,
        secrets_of=lambda attempt: [attempt.user.last_name, "Explicación", "100 %"],
    )
