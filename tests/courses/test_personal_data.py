"""An official's download includes what they learnt; erasing them keeps the records for anonymous figures."""

import json

from accounts.personal_data import erase_personal_data
from courses.models import Completion, Enrolment

from .factories import finish_course


def test_the_download_lists_enrolments_and_completions(client, learner, course):
    enrolment = finish_course(learner, course)
    client.force_login(learner)
    data = json.loads(client.get("/cuenta/mis-datos/descargar/").content)
    (exported,) = data["enrolments"]
    assert exported["course"] == course.title
    assert (exported["required_items"], exported["required_items_done"], exported["progress_percent"]) == (4, 4, 100)
    for moment in ("enrolled_at", "started_at", "completed_at", "last_activity_at"):
        # JSON dates keep milliseconds: "2026-03-01T10:00:00.123Z".
        assert exported[moment][:23] == getattr(enrolment, moment).isoformat()[:23]
    assert [entry["item"] for entry in data["completions"]] == list(
        Completion.objects.filter(user=learner).order_by("completed_at").values_list("item_title", flat=True)
    )


def test_erasure_keeps_the_learning_records_of_the_anonymised_account(learner, course):
    finish_course(learner, course)
    erase_personal_data(learner)
    learner.refresh_from_db()
    assert learner.email.endswith("@erased.invalid")
    assert Enrolment.objects.get(user=learner).completed_at is not None
    assert Completion.objects.filter(user=learner).count() == 4
