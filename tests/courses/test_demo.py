"""The demo: every courses/demo/*.yaml published in the catalogue, the trainer assigned, officials with progress."""

from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from django.core.management import call_command

from accounts.models import User
from courses.demo import DEMO_DIR
from courses.models import CourseItem, CoursePage, CourseTeam, Enrolment, LessonPage, ModulePage
from courses.services import complete_item

FILES = sorted(DEMO_DIR.glob("*.yaml"))


class Null:
    def write(self, *args, **kwargs):
        pass


def test_every_demo_file_is_a_published_course(demo):
    assert len(FILES) >= 3
    for path in FILES:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        course = CoursePage.objects.get(slug=data["slug"])
        assert course.live and course.title == data["title"]
        assert course.url == f"/cursos/{data['slug']}/"
        assert [topic.name for topic in course.topics.order_by("name")] == sorted(data["topics"])
        modules = ModulePage.objects.child_of(course).live()
        assert [module.title for module in modules] == [module["title"] for module in data["modules"]]
        lessons = LessonPage.objects.descendant_of(course).live()
        expected = [lesson for module in data["modules"] for lesson in module["lessons"]]
        assert [lesson.slug for lesson in lessons] == [lesson["slug"] for lesson in expected]
        assert [lesson.optional for lesson in lessons] == [lesson["optional"] for lesson in expected]
        written = {lesson["slug"]: lesson["body"] for lesson in expected}
        for lesson in lessons:
            assert [block.block_type for block in lesson.body] == [block["type"] for block in written[lesson.slug]]
            methods = [block.value["method"].slug for block in lesson.body if block.block_type == "method"]
            assert methods == [block["value"] for block in written[lesson.slug] if block["type"] == "method"]
        assert course.get_latest_revision() is not None  # editable in the admin like any page


def test_demo_lessons_explain_with_drawn_figures(client, demo):
    """Journey map, stakeholder map, roadmap and a challenge's stages: SVG drawings with alternative text and a
    caption, uploaded as documents a trainer could choose again."""
    figures = {
        lesson.slug: block.value
        for lesson in LessonPage.objects.live()
        for block in lesson.body
        if block.block_type == "figure"
    }
    assert set(figures) >= {
        "mapa-de-viaje-del-pasajero",
        "mapa-de-actores-del-servicio",
        "planificar-hacia-atras-retrospeccion",
        "que-es-un-desafio-abierto",
    }
    for value in figures.values():
        assert value["drawing"].file_extension == "svg" and value["image"] is None
        assert len(value["alt_text"]) > 100 and value["caption"]
    lesson = LessonPage.objects.get(slug="mapa-de-viaje-del-pasajero")
    official = User.objects.get(email="funcionaria@cocrea.test")
    # Its module opens once the earlier ones are done: the official does them first.
    module = lesson.get_parent()
    for earlier in ModulePage.objects.live().sibling_of(module).filter(path__lt=module.path):
        for item in CourseItem.objects.live().child_of(earlier).specific():
            complete_item(official, item)
    client.force_login(official)
    soup = BeautifulSoup(client.get(lesson.url).content, "html.parser")
    image = soup.select_one("figure.figure--drawing img")
    assert image["alt"].startswith("Mapa de viaje de Marisol") and image["width"] == "640"
    assert client.get(image["src"])["Content-Type"] == "image/svg+xml"


def test_the_trainer_writes_the_demo_courses(demo):
    formadora = User.objects.get(email="formadora@cocrea.test")
    for course in CoursePage.objects.all():
        assert list(course.trainers.all()) == [formadora]
        assert formadora in CourseTeam.objects.get(course=course).group.user_set.all()


def test_demo_official_has_one_course_done_and_one_halfway(client, demo):
    official = User.objects.get(email="funcionaria@cocrea.test")
    done = Enrolment.objects.get(user=official, course__slug="ciudad-inteligente-desde-abajo")
    assert done.completed_at is not None and done.progress_percent == 100
    halfway = Enrolment.objects.get(user=official, course__slug="co-diseno-de-servicios-municipales")
    assert halfway.completed_at is None and 40 <= halfway.progress_percent <= 60
    assert halfway.started_at < halfway.last_activity_at

    client.force_login(official)
    soup = BeautifulSoup(client.get("/mi-aprendizaje/").content, "html.parser")
    assert "Co-diseño de servicios municipales" in soup.select_one("#in-progress").find_next("ul").get_text()
    assert "Ciudad inteligente desde abajo" in soup.select_one(".completed-list").get_text()
    resume = soup.select_one("#in-progress").find_next("ul").select_one("a.button")
    lesson = client.get(client.get(resume["href"])["Location"])
    assert lesson.status_code == 200


def test_other_officials_in_several_comunas_with_varied_progress(demo):
    enrolments = Enrolment.objects.exclude(user__email="funcionaria@cocrea.test").select_related("user__municipality")
    assert len({enrolment.user.municipality.name for enrolment in enrolments}) >= 8
    assert enrolments.filter(completed_at__isnull=False).count() >= 4
    assert enrolments.filter(completed_at__isnull=True, progress_percent__gt=0).count() >= 4
    assert enrolments.filter(progress_percent=0).exists()


def test_loading_the_demo_again_keeps_what_is_there(demo):
    course = CoursePage.objects.get(slug="ciudad-inteligente-desde-abajo")
    course.summary = "Editado a mano."
    course.save_revision().publish()
    counts = (CoursePage.objects.count(), LessonPage.objects.count(), Enrolment.objects.count())
    call_command("load_demo", stdout=Null())
    assert (CoursePage.objects.count(), LessonPage.objects.count(), Enrolment.objects.count()) == counts
    assert CoursePage.objects.get(pk=course.pk).summary == "Editado a mano."
