"""The content the visits and journeys open: the demo (as `manage.py load_demo` makes it) and a learner's place in it.

The demo's addresses are the ones Lighthouse audits (bench/lighthouse.py), so the page-weight budgets and the
accessibility checks measure the same pages, with the same text, as a person trying the demo would see.
"""

import hashlib
import io
import random
from contextlib import ExitStack
from dataclasses import dataclass
from unittest import mock

from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from courses import services
from courses.models import CoursePage, LessonPage
from courses.outline import CourseOutline
from quizzes.models import QuizPage
from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from tests.quizzes.factories import build_quiz
from toolkits import printing

CATALOGUE = "/cursos/"
COURSE = "/cursos/ciudad-inteligente-desde-abajo/"
# A lesson with the blocks lessons are made of: paragraphs, headings, callouts, a method card and key takeaways.
LESSON = "/cursos/ciudad-inteligente-desde-abajo/el-caso-smart-city-gran-concepcion/tres-principios-del-programa/"
TOOLKIT = "/herramientas/"
METHOD = "/herramientas/mapa-de-actores/"
# The image a visit adds to the lesson, below the first screen (the demo's lessons have none yet).
LESSON_IMAGE_ALT = "Cuatro recorridos de micro que se cruzan, con sus paraderos marcados en blanco."


def load_demo():
    """The whole demo, once per test (idempotent), without making the toolkit's printable PDFs: rendering thirty
    of them takes tens of seconds, and tests/toolkits covers them. Their pages then say the card is being prepared.
    """
    if CoursePage.objects.filter(url_path__endswith=COURSE).exists():  # other visits make courses of their own
        return
    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(printing, "refresh_method_card", return_value=None))
        stack.enter_context(mock.patch.object(printing, "refresh_decks", return_value=[]))
        call_command("load_demo", stdout=io.StringIO())


def with_demo(path):
    """A ``Visit`` path: ``path`` in the demo."""

    def prepare(request):
        load_demo()
        return path

    return prepare


def course_at(path):
    return CoursePage.objects.get(url_path__endswith=path)


def lesson_at(path):
    return LessonPage.objects.get(url_path__endswith=path)


def enrolled_in(course, learner, *, done=0):
    """``learner`` enrolled in ``course``, with its first ``done`` required items completed in order."""
    enrolment = services.enrol(learner, course)[0]
    for item in CourseOutline.load(course, learner).required_items[:done]:
        services.complete_item(learner, item.page)
    return enrolment


def dashboard_with_progress(request):
    """/mi-aprendizaje/ for the ``official`` fixture, with one demo course completed and another half done."""
    load_demo()
    official = request.getfixturevalue("official")
    finished, started = course_at(COURSE), course_at("/cursos/co-diseno-de-servicios-municipales/")
    enrolled_in(finished, official, done=len(CourseOutline.load(finished, official).required_items))
    enrolled_in(started, official, done=2)
    return "/mi-aprendizaje/"


def lesson_with_an_image(request):
    """The demo lesson, for the ``official`` fixture enrolled in its course, with a captioned image added after
    its first paragraph (below the first screen of a phone), as a trainer would add it."""
    load_demo()
    lesson = lesson_at(LESSON)
    enrolled_in(lesson.get_course(), request.getfixturevalue("official"))
    if not any(block.block_type == "image" for block in lesson.body):
        image = cover_image({"slug": "recorridos-que-se-cruzan", "title": "Recorridos que se cruzan"})
        value = {"image": image, "alt_text": LESSON_IMAGE_ALT, "caption": "Los recorridos comparten paraderos."}
        lesson.body.insert(1, ("image", value))
        lesson.save_revision().publish()
    return LESSON


@dataclass(frozen=True)
class ShortCourse:
    course: CoursePage
    lessons: list
    quiz: QuizPage

    @property
    def items(self):
        """Everything a learner completes, in order."""
        return [*self.lessons, self.quiz]


def a_short_course(trainer=None):
    """A published course of one module with two lessons and a quiz (and a cover, as the demo's have): the course
    the official's journeys find, enrol in and complete. The quiz has one question of each type, 70 % to pass."""
    course = CoursePageFactory(
        title="Entrevistas en el paradero",
        slug="entrevistas-en-el-paradero",
        summary="Cómo conversar con quienes esperan la micro para entender qué necesitan antes de decidir.",
        cover_image=cover_image({"slug": "entrevistas-en-el-paradero", "title": "Entrevistas en el paradero"}),
        trainers=[trainer] if trainer else [],
    )
    module = ModulePageFactory(parent=course, title="Escuchar a quienes viajan", slug="escuchar-a-quienes-viajan")
    lessons = [
        LessonPageFactory(parent=module, title="Preparar la conversación", slug="preparar-la-conversacion"),
        LessonPageFactory(parent=module, title="Conversar en el paradero", slug="conversar-en-el-paradero"),
    ]
    quiz = build_quiz(module, title="Evaluación: escuchar a quienes viajan", slug="evaluacion")
    return ShortCourse(course, lessons, quiz)


def cover_image(data):
    """A photograph-like picture (a few bus routes and stops, seeded by ``data["slug"]``): what a trainer uploads
    as a course's cover or a lesson's image, so the visits exercise renditions of a raster image."""
    seed = int(hashlib.sha256(data["slug"].encode()).hexdigest(), 16)
    rng = random.Random(seed)  # noqa: S311 -- a drawing, not a secret
    width, height = 1200, 600
    picture = PillowImage.new("RGB", (width, height), (11, 93, 91))
    draw = ImageDraw.Draw(picture)
    palette = [(127, 211, 205), (255, 191, 71), (227, 241, 240), (163, 64, 15)]
    for colour in palette:
        points = [(x, rng.randint(60, height - 60)) for x in range(-50, width + 100, 150)]
        draw.line(points, fill=colour, width=14, joint="curve")
        for x, y in points[1:-1:2]:
            draw.ellipse((x - 18, y - 18, x + 18, y + 18), fill=(255, 255, 255), outline=colour, width=8)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return get_image_model().objects.create(
        title=f"Portada: {data['title']}",
        file=ImageFile(buffer, name=f"portada-{data['slug']}.png"),
        description="",
    )
