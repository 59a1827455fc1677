"""A trainer's journey in the Wagtail admin (issue 8, journey 2): they add a lesson with a paragraph and an image to
their course and submit it for review; a reviewer of the "Revisión de cursos" workflow (the ministry, see
courses/migrations/0002) approves it from their dashboard; the lesson appears to the course's learners.
"""

import re

from playwright.sync_api import expect

from courses.authoring import sync_course_team
from courses.models import LessonPage

from .conftest import PHONE
from .content import a_short_course, enrolled_in
from .steps import (
    LESSON_BY_A_TRAINER,
    add_a_lesson_in_the_admin,
    approve_in_the_admin,
    assert_fits_the_screen,
)

RENDITIONS = re.compile(r"width-360\.format-webp\.webp 360w, .*width-720\.format-webp\.webp 720w")


def test_a_trainer_adds_a_lesson_that_a_reviewer_approves_for_learners(
    new_context, trainer, ministry, official, log_in, tmp_path
):
    short = a_short_course(trainer=trainer)
    course = short.course
    sync_course_team(course)
    enrolled_in(course, official)
    module = short.lessons[0].get_parent()

    trainer_page = new_context().new_page()
    log_in(trainer_page, trainer)
    add_a_lesson_in_the_admin(trainer_page, module, LESSON_BY_A_TRAINER, tmp_path)
    lesson = LessonPage.objects.get(slug=LESSON_BY_A_TRAINER.slug)
    assert not lesson.live
    assert lesson.current_workflow_state.workflow.name == "Revisión de cursos"

    reviewer_page = new_context().new_page()
    log_in(reviewer_page, ministry)
    approve_in_the_admin(reviewer_page, LESSON_BY_A_TRAINER.title)
    lesson.refresh_from_db()
    assert lesson.live

    learner_page = new_context(**PHONE).new_page()
    log_in(learner_page, official)
    learner_page.goto(course.url)
    learner_page.locator("#syllabus ~ section").get_by_role("link", name=LESSON_BY_A_TRAINER.title).click()
    expect(learner_page.get_by_role("heading", level=1)).to_have_text(LESSON_BY_A_TRAINER.title)
    main = learner_page.locator("main")
    expect(main).to_contain_text(LESSON_BY_A_TRAINER.paragraph)
    image = main.get_by_role("img", name=LESSON_BY_A_TRAINER.alt_text)
    expect(image).to_have_attribute("srcset", RENDITIONS)
    assert_fits_the_screen(learner_page)
