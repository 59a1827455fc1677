"""The official's journey on a 360×740 phone (issue 8, journey 1): sign up choosing Talcahuano, come back, find a
course in the catalogue, enrol, complete its lessons, send the quiz empty (and be asked to confirm), fail it once and
then pass it, land on the course's finish page with the certificate, see the course complete at 100 %, download the
certificate (the PDF has their name) and have a stranger verify its code on the public page.
"""

from playwright.sync_api import expect

from accounts.models import User
from certificates.models import Certificate
from courses.models import Enrolment
from courses.outline import progress_percent

from .conftest import PHONE
from .content import a_short_course
from .steps import (
    QUIZ_ALL_RIGHT,
    QUIZ_FIRST_TRY,
    TALCAHUANO_OFFICIAL,
    assert_course_finished,
    assert_fits_the_screen,
    assert_message,
    assert_progress,
    assert_quiz_result,
    back_to_the_quiz,
    complete_lesson,
    confirm_email,
    download_certificate,
    edit_profile,
    enrol,
    find_course,
    open_my_learning,
    sign_in,
    sign_out,
    sign_up,
    take_quiz,
    verify_certificate,
)


def test_an_official_signs_up_on_a_phone_completes_a_course_and_gets_a_certificate(phone, new_context):
    official = TALCAHUANO_OFFICIAL
    short = a_short_course()
    course, lessons, quiz = short.course, short.lessons, short.quiz
    required = len(short.items)
    phone.goto("/")
    assert_fits_the_screen(phone)

    sign_up(phone, official)
    confirm_email(phone, official)
    user = User.objects.get(email=official.email)
    assert (user.get_full_name(), user.municipality.name) == (official.full_name, "Talcahuano")

    edit_profile(phone, official, **{"Cargo o departamento": "Secplan, unidad de movilidad"})
    user.refresh_from_db()
    assert user.position == "Secplan, unidad de movilidad"

    sign_out(phone)
    sign_in(phone, official.email, official.password)

    find_course(phone, "paradero", course.title)
    enrol(phone, course.title, lessons[0].title)
    for done, lesson in enumerate(lessons):
        assert_progress(phone, done, required, progress_percent(done, required))
        complete_lesson(phone, lesson.title)

    take_quiz(phone, quiz.title, QUIZ_FIRST_TRY, asked_first=True)
    assert_quiz_result(phone, passed=False)
    back_to_the_quiz(phone)
    assert_progress(phone, len(lessons), required, progress_percent(len(lessons), required))
    take_quiz(phone, quiz.title, QUIZ_ALL_RIGHT, finishes_course=True)
    assert_message(phone, f"Aprobó «{quiz.title}» con 100 %.")
    assert_course_finished(phone, official.first_name, course.title)

    phone.locator("main").get_by_role("link", name="Volver al curso").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(course.title)
    expect(phone.locator("main")).to_contain_text("Completó este curso el")
    assert_progress(phone, required, required, 100)
    enrolment = Enrolment.objects.get(user=user, course=course)
    assert (enrolment.progress_percent, enrolment.completed_at is not None) == (100, True)

    open_my_learning(phone)
    text, code = download_certificate(phone, course.title)
    assert official.full_name in text
    assert course.title in text
    assert Certificate.objects.get(enrolment=enrolment).display_code == code

    stranger = new_context(**PHONE).new_page()
    stranger.goto("/")
    verify_certificate(stranger, code)
    main = stranger.locator("main")
    expect(main).to_contain_text("Válido: este certificado fue emitido por Cocrea y no ha sido revocado.")
    expect(main).to_contain_text(official.full_name)
    expect(main).to_contain_text(course.title)
