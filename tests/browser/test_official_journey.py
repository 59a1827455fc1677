"""The official's journey on a 360×740 phone (issue 8, journey 1): sign up choosing Talcahuano, come back, find a
course in the catalogue, enrol, complete its lessons and see the progress, on the course and in "Mi aprendizaje".

The quiz (failed once, then passed) goes between the last lesson and the completed course, and the certificate
(downloaded, with the official's name; verified by a stranger) after it, when those features land.
"""

from playwright.sync_api import expect

from accounts.models import User
from courses.models import Enrolment

from .content import a_short_course
from .steps import (
    TALCAHUANO_OFFICIAL,
    assert_course_complete,
    assert_fits_the_screen,
    assert_progress,
    complete_lesson,
    edit_profile,
    enrol,
    find_course,
    open_my_learning,
    sign_in,
    sign_out,
    sign_up,
)


def test_an_official_signs_up_on_a_phone_and_completes_a_course(phone):
    official = TALCAHUANO_OFFICIAL
    course, lessons = a_short_course()
    phone.goto("/")
    assert_fits_the_screen(phone)

    sign_up(phone, official)
    user = User.objects.get(email=official.email)
    assert (user.get_full_name(), user.municipality.name) == (official.full_name, "Talcahuano")

    edit_profile(phone, official, **{"Cargo o departamento": "Secplan, unidad de movilidad"})
    user.refresh_from_db()
    assert user.position == "Secplan, unidad de movilidad"

    sign_out(phone)
    sign_in(phone, official.email, official.password)

    find_course(phone, "paradero", course.title)
    enrol(phone, course.title, lessons[0].title)
    assert_progress(phone, 0, len(lessons), 0)
    complete_lesson(phone, lessons[0].title)
    assert_progress(phone, 1, len(lessons), 50)
    complete_lesson(phone, lessons[1].title)

    assert_course_complete(phone, course.title)
    assert_progress(phone, 2, len(lessons), 100)
    enrolment = Enrolment.objects.get(user=user, course=course)
    assert (enrolment.progress_percent, enrolment.completed_at is not None) == (100, True)

    open_my_learning(phone)
    completed = phone.locator("main section").filter(has=phone.get_by_role("heading", name="Completados"))
    expect(completed.get_by_role("link", name=course.title)).to_be_visible()
