"""The demo catalogue: every ``courses/demo/*.yaml`` as a published course, and the demo officials.

Idempotent: a course, module or lesson that already exists (by slug) is kept as it is. Quizzes in the files
(``quiz`` keys) are loaded by the quizzes app. The officials' histories (``DEMO_LEARNERS``: what each did in
which course) are lived by ``reports.demo`` once every course, quiz and certificate template exists, through the
services a learner's actions go through.
"""

from pathlib import Path

import yaml
from django.core.files import File
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model

from accounts.demo import DEMO_PASSWORD
from accounts.models import Membership, Municipality, User
from accounts.roles import OFFICIAL
from home.models import HomePage
from toolkits.blocks import method_card

from .models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Topic

DEMO_DIR = Path(__file__).resolve().parent / "demo"
TRAINER_EMAIL = "formadora@cocrea.test"

# email, given names, surnames, CUT code, position, and their courses in the order they took them: (slug, share of
# the required items done, enrolled N days ago, last activity N days ago). A share of 1 completes the course; a
# course whose file is missing is skipped. Prerequisites (03 requires 01) come first.
DEMO_LEARNERS = [
    (
        "funcionaria@cocrea.test",
        None,
        None,
        None,
        None,
        [
            ("ciudad-inteligente-desde-abajo", 1, 75, 41),
            ("co-diseno-de-servicios-municipales", 0.5, 38, 3),
        ],
    ),
    (
        "rodrigo.alarcon@cocrea.test",
        "Rodrigo",
        "Alarcón Vega",
        "08101",
        "Secplan",
        [
            ("ciudad-inteligente-desde-abajo", 1, 120, 92),
            ("como-organizar-un-desafio-abierto", 0.25, 30, 12),
            ("hoja-de-ruta-tecnologica-co-creada", 0.2, 20, 10),
        ],
    ),
    (
        "camila.saavedra@cocrea.test",
        "Camila",
        "Saavedra Pino",
        "08102",
        "Dirección de Tránsito y Transporte Público",
        [("co-diseno-de-servicios-municipales", 1, 100, 60), ("ciudad-inteligente-desde-abajo", 0.8, 50, 2)],
    ),
    (
        "jorge.contreras@cocrea.test",
        "Jorge",
        "Contreras Lagos",
        "08112",
        "Dirección de Desarrollo Comunitario",
        [("ciudad-inteligente-desde-abajo", 0.3, 70, 45)],
    ),
    (
        "francisca.riquelme@cocrea.test",
        "Francisca",
        "Riquelme Soto",
        "08108",
        "Oficina de Medio Ambiente",
        [
            ("ciudad-inteligente-desde-abajo", 1, 150, 130),
            ("como-organizar-un-desafio-abierto", 1, 110, 20),
            ("hoja-de-ruta-tecnologica-co-creada", 0.5, 60, 7),
        ],
    ),
    (
        "luis.quezada@cocrea.test",
        "Luis",
        "Quezada Fernández",
        "08106",
        "Dirección de Obras Municipales",
        [("co-diseno-de-servicios-municipales", 0.1, 25, 24)],
    ),
    (
        "paula.henriquez@cocrea.test",
        "Paula",
        "Henríquez Toledo",
        "08109",
        "Secplan",
        [("ciudad-inteligente-desde-abajo", 0, 6, 6)],
    ),
    (
        "manuel.vergara@cocrea.test",
        "Manuel",
        "Vergara Inostroza",
        "08111",
        "Dirección de Tránsito",
        [("ciudad-inteligente-desde-abajo", 0.6, 40, 9)],
    ),
    (
        "daniela.fuentealba@cocrea.test",
        "Daniela",
        "Fuentealba Ortiz",
        "08107",
        "Oficina de Partes y Transparencia",
        [("co-diseno-de-servicios-municipales", 0.5, 33, 15), ("ciudad-inteligente-desde-abajo", 1, 90, 70)],
    ),
    (
        "ignacio.mella@cocrea.test",
        "Ignacio",
        "Mella Carrasco",
        "08103",
        "Departamento de Informática",
        [("como-organizar-un-desafio-abierto", 0.4, 55, 28)],
    ),
    (
        "valeria.cid@cocrea.test",
        "Valeria",
        "Cid Mardones",
        "08105",
        "Dirección de Desarrollo Comunitario",
        [("ciudad-inteligente-desde-abajo", 1, 65, 35)],
    ),
]


def load(stdout):
    catalogue = CourseIndexPage.objects.filter(locale__language_code="es").first() or create_catalogue()
    if catalogue is None:
        return
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    files = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DEMO_DIR.glob("*.yaml"))]
    courses = {data["slug"]: load_course(catalogue, data, trainer, stdout) for data in files}
    for data in files:
        course = courses[data["slug"]]
        wanted = [courses[slug] for slug in data.get("prerequisites", []) if slug in courses]
        if wanted and not course.prerequisites.exists():
            course.prerequisites.set(wanted)
            course.save_revision().publish()
    load_learners(stdout)


def create_catalogue():
    """The catalogue is made by a migration; this puts it back if the demo database lost it."""
    home = HomePage.objects.filter(locale__language_code="es").first()
    if home is None:
        return None
    catalogue = home.add_child(instance=CourseIndexPage(title="Cursos", slug="cursos"))
    catalogue.save_revision().publish()
    return catalogue


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_course(catalogue, data, trainer, stdout):
    course = CoursePage.objects.child_of(catalogue).filter(slug=data["slug"]).first()
    if course is None:
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"].strip(),
            introduction=data["introduction"].strip(),
            objectives=[("objective", objective) for objective in data["objectives"]],
            audience=data["audience"].strip(),
            level=data["level"],
            estimated_hours=data["estimated_hours"],
            modules_in_order=data["modules_in_order"],
            cover_illustration=data["cover"],
        )
        course.topics = [topic_named(name) for name in data["topics"]]
        course.trainers = [trainer] if trainer else []
        publish_child(catalogue, course)
        stdout.write(f"  course {course.title}")
    for module_data in data["modules"]:
        module_slug = slugify(module_data["title"])
        module = ModulePage.objects.child_of(course).filter(slug=module_slug).first()
        if module is None:
            module = publish_child(
                course,
                ModulePage(title=module_data["title"], slug=module_slug, summary=module_data["summary"].strip()),
            )
        existing = set(LessonPage.objects.descendant_of(course).values_list("slug", flat=True))
        for lesson in module_data["lessons"]:
            if lesson["slug"] not in existing:
                publish_child(module, lesson_page(lesson))
    return course


def lesson_page(data):
    return LessonPage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"].strip(),
        estimated_minutes=data["minutes"],
        optional=data["optional"],
        body=lesson_body(data["body"]),
    )


def lesson_body(blocks):
    body = []
    for block in blocks:
        value = block["value"]
        if block["type"] == "method":
            value = method_card(value)  # the demo file names the toolkit method by its slug
        elif block["type"] == "figure":
            value = figure(value)
        body.append((block["type"], value.strip() if isinstance(value, str) else value))
    return body


def figure(data):
    """A figure block's value: the demo file names its drawing in ``courses/demo/figures/``, uploaded once as an SVG
    document, as a trainer would upload it."""
    name = data["drawing"]
    title = f"Figura: {Path(name).stem}"
    documents = get_document_model().objects
    drawing = documents.filter(title=title).first()
    if drawing is None:
        with (DEMO_DIR / "figures" / name).open("rb") as svg:
            drawing = documents.create(title=title, file=File(svg, name=name))
    return {"image": None, "drawing": drawing, "alt_text": data["alt_text"].strip(), "caption": data["caption"].strip()}


def topic_named(name):
    return Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def load_learners(stdout):
    """The demo officials' accounts; their histories come later (``reports.demo``)."""
    municipalities = Municipality.objects.in_bulk(field_name="code")
    for email, first_name, last_name, code, position, _plan in DEMO_LEARNERS:
        if demo_official(email, first_name, last_name, municipalities.get(code), position) is not None:
            stdout.write(f"  demo official {email}")


def demo_official(email, first_name, last_name, municipality, position):
    """The demo official of ``accounts.demo`` (names None), or one of the extra officials, made if missing."""
    if first_name is None:
        return User.objects.filter(email=email).first()
    learner, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "municipality": municipality,
            "position": position,
            # Demo officials are confirmed members (accounts.demo), so they count in the reports.
            "email_confirmed_at": timezone.now(),
            "membership": Membership.CONFIRMED,
        },
    )
    if created:
        learner.set_password(DEMO_PASSWORD)
        learner.privacy_accepted_at = timezone.now()
        learner.save(update_fields=["password", "privacy_accepted_at"])
        learner.groups.add(OFFICIAL.group())
    return learner
