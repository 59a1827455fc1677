"""The applied practice's journey (issue 20): an official adds a photo to their practice, publishes it and sends it
for the course's "Práctica"; the course's trainer asks for changes with the rubric; the official edits it and sends
it again; the trainer accepts it; the practice shows on the public map with its photo, the course is complete and
the certificate says "con práctica aplicada".
"""

import time

from playwright.sync_api import expect

from certificates.models import Certificate
from courses import services as course_services
from courses.models import Enrolment
from practices.models import Practice, Status
from tests.practices.factories import PracticeFactory, build_practice_course, photo

from .steps import download_certificate, send

TITLE = "Caminata por el paradero de calle Colón"


def wait_for_the_certificate(enrolment, seconds=60):
    """The certificate is made in the background once the course completes: wait until its PDF is ready."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        certificate = Certificate.objects.filter(enrolment=enrolment).order_by("-pk").first()
        if certificate is not None and certificate.is_ready:
            return certificate
        time.sleep(0.25)
    raise AssertionError(f"no certificate ready after {seconds} s")


def review(page, practice, *, levels, decision, feedback):
    """From the trainers' queue: open the practice, choose a level per criterion, the decision and the feedback."""
    page.goto("/practicas/revision/")
    page.locator("main").get_by_role("link", name=practice.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Revisión: {practice.title}")
    for position, level in enumerate(levels):
        page.locator(f"input[name=criterio_{position}][value='{level}']").check()
    page.locator("main").get_by_label(decision, exact=True).check()
    page.locator("main textarea[name=feedback]").fill(feedback)
    send(page, "Enviar la revisión")


def test_an_official_sends_a_practice_a_trainer_asks_for_changes_then_accepts_it(
    new_context, official, trainer, log_in, tmp_path
):
    course = build_practice_course(trainers=[trainer])
    course_services.enrol(official, course)
    course_services.complete_item(official, course.lesson)
    practice = PracticeFactory(author=official, title=TITLE)
    picture = tmp_path / "caminata.jpg"
    picture.write_bytes(photo(size=(640, 480)))

    # The official: from "Mi aprendizaje" to their practice; a photo, published, sent for the course's practice.
    mine = new_context().new_page()
    log_in(mine, official)
    mine.goto("/mi-aprendizaje/")
    mine.locator("main").get_by_role("link", name="Mis prácticas").click()
    expect(mine.get_by_role("heading", level=1)).to_have_text("Mis prácticas")
    mine.locator("main").get_by_role("link", name=TITLE).click()
    expect(mine.get_by_role("heading", level=1)).to_have_text(TITLE)
    mine.locator("main").get_by_label("Foto o documento").set_input_files(str(picture))
    send(mine, "Agregar el archivo")
    expect(mine.locator("#evidencias img")).to_have_count(1)
    send(mine, "Publicar en el mapa")
    mine.goto(course.practice_item.url)
    send(mine, "Enviar mi práctica a revisión")
    practice.refresh_from_db()
    assert (practice.status, practice.item_id, practice.published) == (Status.SUBMITTED, course.practice_item.pk, True)

    # The trainer asks for changes.
    trainer_page = new_context().new_page()
    log_in(trainer_page, trainer)
    review(trainer_page, practice, levels=(0, 1), decision="Pedir cambios", feedback="Agregue la lista de asistentes.")
    assert Practice.objects.get(pk=practice.pk).status == Status.CHANGES_REQUESTED
    assert Enrolment.objects.get(user=official, course=course).completed_at is None

    # The official reads the feedback, edits the practice and sends it again.
    mine.goto(f"/mis-practicas/{practice.pk}/")
    expect(mine.locator("main")).to_contain_text("Agregue la lista de asistentes.")
    mine.locator("main textarea[name=learned]").fill("Asistieron 12 vecinos; la lista va adjunta.")
    send(mine, "Guardar los cambios")
    mine.goto(course.practice_item.url)
    send(mine, "Enviarla de nuevo")
    practice.refresh_from_db()
    assert (practice.status, practice.versions.count()) == (Status.SUBMITTED, 2)

    # The trainer accepts it: the course is complete.
    review(trainer_page, practice, levels=(1, 1), decision="Aceptar", feedback="Excelente trabajo.")
    assert Practice.objects.get(pk=practice.pk).status == Status.ACCEPTED
    enrolment = Enrolment.objects.get(user=official, course=course)
    assert enrolment.completed_at is not None and enrolment.progress_percent == 100

    # Anyone sees it on the map of practices, with its photo.
    visitor = new_context().new_page()
    visitor.goto("/practicas/")
    visitor.locator("main").get_by_role("link", name=TITLE).first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("main img")).not_to_have_count(0)
    expect(visitor.locator("main")).to_contain_text("Asistieron 12 vecinos; la lista va adjunta.")

    # The certificate says the course was passed with an applied practice.
    certificate = wait_for_the_certificate(enrolment)
    mine.goto("/mi-aprendizaje/")
    text, code = download_certificate(mine, course.title)
    assert "con práctica aplicada" in text and code == certificate.display_code
