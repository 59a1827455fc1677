"""Hostile input on every form of the practices app: the practice record, evidence uploads, the trainer's review,
publishing, submitting and the map's filters."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from courses.services import enrol
from practices import services
from practices.models import MAX_PARTICIPANTS, PARTICIPANT_KINDS, Evidence, Practice, Review, Status
from tests.security.hostile import HOSTILE, assert_survives, form_data, rolled_back, snapshot

from .factories import PracticeFactory, build_practice_course, pdf, photo

PRACTICE_FIELDS = {
    "title": "Caminata por el paradero",
    "methods": None,
    "component": "codiseno",
    "municipality": None,
    "place": "Av. Colón",
    "done_on": "2024-05-02",
    **{name: "3" for name, _label in PARTICIPANT_KINDS},
    "learned": "Faltan bancas.",
    "changed": "",
    "next_steps": "",
    "coauthors": None,
    "published": "on",
    "show_names": "",
}


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@HOSTILE
@given(data=form_data(PRACTICE_FIELDS))
def test_recording_a_practice_survives_hostile_input(official, data):
    data.setdefault("municipality", str(official.municipality_id))
    client = signed_in(official)

    def one_sound_practice(response):
        practice = Practice.objects.get()
        assert response["Location"] == f"/mis-practicas/{practice.pk}/"
        assert practice.author == official and practice.status == Status.DRAFT
        assert all(0 <= getattr(practice, name) <= MAX_PARTICIPANTS for name, _label in PARTICIPANT_KINDS)
        assert not practice.coauthors.exclude(municipality=practice.municipality).exists()

    with rolled_back():
        before = snapshot(Practice.objects.all())
        response = client.post("/mis-practicas/nueva/", data)
        assert_survives(response, before, snapshot(Practice.objects.all()), accepted=one_sound_practice)


uploads = st.one_of(
    st.sampled_from([photo(), photo(fmt="PNG"), pdf(), pdf(script=True), b"", b"%PDF-", b"\xff\xd8\xff\xe0"]),
    st.binary(max_size=300),
    st.binary(max_size=100).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
    st.binary(max_size=100).map(lambda tail: b"%PDF-1.4\n" + tail),
).map(lambda content: SimpleUploadedFile("archivo.jpg", content, "image/jpeg"))


@pytest.fixture
def practice(official):
    return PracticeFactory(author=official)


@pytest.fixture
def submitted(official, trainer):
    """A practice sent for review in a course of ``trainer``."""
    course = build_practice_course(trainers=[trainer])
    enrol(official, course)
    practice = PracticeFactory(author=official)
    services.submit(practice, course.practice_item, official)
    return practice


@HOSTILE
@given(data=form_data({"file": None, "caption": "El paradero"}), upload=uploads)
def test_uploading_evidence_survives_hostile_input(official, practice, data, upload):
    if "file" not in data or isinstance(data["file"], str):
        data["file"] = upload
    client = signed_in(official)

    def one_clean_file(response):
        evidence = Evidence.objects.get()
        assert evidence.kind in (Evidence.Kind.PHOTO, Evidence.Kind.DOCUMENT)
        with evidence.file.open("rb") as stored:
            head = stored.read(8)
        assert head.startswith(b"\xff\xd8\xff") or head.startswith(b"%PDF-")

    with rolled_back():
        before = snapshot(Evidence.objects.all())
        response = client.post(f"/mis-practicas/{practice.pk}/evidencias/", data)
        if response.status_code == 400:  # the practice page with the form's errors
            response.status_code = 200
        assert_survives(response, before, snapshot(Evidence.objects.all()), accepted=one_clean_file)


@HOSTILE
@given(data=form_data({"decision": "cambios", "feedback": "Falta la lista de asistentes.", "criterio_0": "1"}))
def test_reviewing_survives_hostile_input(submitted, trainer, data):
    practice = submitted
    client = signed_in(trainer)

    def one_review(response):
        review = Review.objects.get()
        assert review.reviewer == trainer and review.decision in Review.Decision.values
        assert len(review.levels) == 2

    with rolled_back():
        before = snapshot(Review.objects.all(), Practice.objects.all())
        response = client.post(f"/practicas/revision/{practice.pk}/", data)
        if response.status_code == 400:
            response.status_code = 200
        assert_survives(response, before, snapshot(Review.objects.all(), Practice.objects.all()), accepted=one_review)


@HOSTILE
@given(data=form_data({"publicar": "1", "nombres": "1", "item": "1"}))
def test_publishing_and_submitting_survive_hostile_input(official, practice, data):
    client = signed_in(official)
    with rolled_back():
        for address in ("publicacion", "enviar"):
            response = client.post(f"/mis-practicas/{practice.pk}/{address}/", data)
            assert response.status_code < 500
        practice.refresh_from_db()
        assert practice.status == Status.DRAFT


@HOSTILE
@given(query=form_data(["comuna", "componente", "metodo", "pagina"]))
def test_the_map_survives_hostile_addresses(db, client, query):
    query = {name: value for name, value in query.items() if not hasattr(value, "read")}
    response = client.get("/practicas/", query)
    assert response.status_code in (200, 400, 414)
