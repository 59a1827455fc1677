"""Authoring in the Wagtail admin: each trainer writes only their courses; the ministry reviews and publishes."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowState

from accounts.roles import TRAINER
from courses.authoring import sync_course_team
from courses.models import CoursePage, CourseTeam, LessonPage
from tests.factories import UserFactory

from .admin_forms import page_form
from .factories import build_course, lessons_of


@pytest.fixture
def trainer_b(db):
    return UserFactory(role=TRAINER, municipality=None, first_name="Tomás", last_name="Fuentes")


@pytest.fixture
def course_a(trainer):
    course = build_course(modules=1, lessons=2, title="Curso de la formadora A", trainers=[trainer])
    sync_course_team(course)
    return course


@pytest.fixture
def course_b(trainer_b):
    course = build_course(modules=1, lessons=1, title="Curso del formador B", trainers=[trainer_b])
    sync_course_team(course)
    return course


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def edit_form(client, page):
    return page_form(client, edit_url(page), type(page))


def test_a_trainer_edits_only_their_courses(client, trainer, course_a, course_b):
    client.force_login(trainer)
    lesson_a = lessons_of(course_a)[0]
    for page in (course_a, lesson_a.get_parent(), lesson_a):
        assert client.get(edit_url(page)).status_code == 200, page
    module_a = lesson_a.get_parent()
    assert client.get(f"/admin/pages/add/courses/lessonpage/{module_a.pk}/").status_code == 200

    lesson_b = lessons_of(course_b)[0]
    for page in (course_b, lesson_b):
        response = client.get(edit_url(page))
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    module_b = lesson_b.get_parent()
    response = client.get(f"/admin/pages/add/courses/lessonpage/{module_b.pk}/")
    assert response.status_code == 302
    assert not LessonPage.objects.child_of(module_b).exclude(pk=lesson_b.pk).exists()


def test_trainers_cannot_add_courses_or_touch_the_catalogue(client, trainer, course_index, course_a):
    client.force_login(trainer)
    assert client.get(f"/admin/pages/add/courses/coursepage/{course_index.pk}/").status_code == 302
    assert client.get(edit_url(course_index)).status_code == 302


def test_a_course_team_has_page_and_collection_rights_and_follows_the_trainers(trainer, trainer_b, course_a):
    team = CourseTeam.objects.get(course=course_a)
    assert set(team.group.user_set.all()) == {trainer}
    assert set(
        GroupPagePermission.objects.filter(group=team.group, page=course_a).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page"}
    assert not trainer.has_perm("wagtailcore.publish_page")
    assert team.group.collection_permissions.filter(collection=team.collection).count() == 6

    course = CoursePage.objects.get(pk=course_a.pk)
    course.trainers = [trainer_b]
    course.title = "Curso renombrado"
    course.save_revision().publish()
    team.refresh_from_db()
    assert set(team.group.user_set.all()) == {trainer_b}
    assert team.group.name == f"Curso {course.pk}: Curso renombrado"
    assert team.collection.name == "Curso renombrado"


def test_a_learner_cannot_reach_the_admin(client, learner, course_a):
    client.force_login(learner)
    for address in ("/admin/", edit_url(course_a)):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_ministry_creates_a_course_for_a_trainer_who_can_then_write_it(client, ministry, trainer, course_index):
    client.force_login(ministry)
    add_url = f"/admin/pages/add/courses/coursepage/{course_index.pk}/"
    data = page_form(
        client,
        add_url,
        CoursePage,
        title="Encuestas móviles y SMS",
        slug="encuestas-moviles-y-sms",
        summary="Cómo preguntar a la ciudadanía por SMS.",
        audience="Equipos de tránsito.",
        estimated_hours="3",
        level="basico",
        trainers=str(trainer.pk),
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    course = CoursePage.objects.get(slug="encuestas-moviles-y-sms")
    assert not course.live
    assert list(CourseTeam.objects.get(course=course).group.user_set.all()) == [trainer]
    client.force_login(trainer)
    assert client.get(edit_url(course)).status_code == 200


def test_trainer_submits_and_the_ministry_approves_to_publish(client, trainer, ministry, course_a):
    lesson = lessons_of(course_a)[0]
    client.force_login(trainer)

    # Publishing directly is not possible: the attempt only saves a draft.
    data = edit_form(client, lesson)
    data["title"] = "Entrevistas en el paradero"
    data["action-publish"] = "action-publish"
    client.post(edit_url(lesson), data)
    lesson.refresh_from_db()
    assert lesson.title != "Entrevistas en el paradero"
    assert lesson.has_unpublished_changes

    data = edit_form(client, lesson)
    data["title"] = "Entrevistas en el paradero"
    data["action-submit"] = "action-submit"
    response = client.post(edit_url(lesson), data)
    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(lesson.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == "Revisión de cursos"
    assert Page.objects.get(pk=lesson.pk).title != "Entrevistas en el paradero"  # still the published title

    client.force_login(ministry)
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{lesson.pk}/approve/{task_state.pk}/", {"comment": "Muy clara."}
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.title == "Entrevistas en el paradero"
    assert lesson.live and not lesson.has_unpublished_changes
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_deleting_a_course_removes_its_editing_group(course_a):
    group_id = CourseTeam.objects.get(course=course_a).group_id
    course_a.delete()
    assert not Group.objects.filter(pk=group_id).exists()
