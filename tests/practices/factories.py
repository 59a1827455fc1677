"""Practices for tests: records, evidence files (a photo with a GPS position, PDFs with and without scripts) and a
course with a "Práctica" item."""

import datetime
import io

import factory
from PIL import Image

from accounts.models import Municipality
from practices.models import Practice, PracticeItemPage
from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from tests.factories import UserFactory

RUBRIC = [
    (
        "criterion",
        {
            "name": "Participación",
            "description": "Quiénes participaron y cómo se les convocó.",
            "levels": [
                {"label": "En desarrollo", "description": "Participó solo el equipo municipal."},
                {"label": "Logrado", "description": "Participaron vecinos y otros actores."},
            ],
        },
    ),
    (
        "criterion",
        {
            "name": "Aprendizajes",
            "description": "",
            "levels": [{"label": "Básico", "description": ""}, {"label": "Profundo", "description": ""}],
        },
    ),
]


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Caminata por el paradero {n}")
    municipality = factory.LazyAttribute(lambda practice: practice.author.municipality)
    done_on = datetime.date(2024, 5, 2)
    component = "codiseno"
    place = "Paradero de calle Colón con Blanco Encalada"
    participants_neighbours = 12
    participants_elderly = 4
    learned = "Las personas mayores esperan de pie: no hay banca."
    changed = "Se pidió instalar una banca y un refugio."
    next_steps = "Repetir la caminata en invierno."


def practice_item(module, *, title="Práctica: una caminata de accesibilidad", slug="practica-caminata", optional=False):
    """A published "Práctica" with the two-criterion rubric, at the end of ``module``."""
    item = PracticeItemPage(
        title=title,
        slug=slug,
        estimated_minutes=120,
        optional=optional,
        task="<p>Organice una caminata con vecinos por un paradero de su comuna.</p>",
        rubric=RUBRIC,
    )
    module.add_child(instance=item)
    item.save_revision().publish()
    return PracticeItemPage.objects.get(pk=item.pk)


def build_practice_course(*, optional=False, trainers=()):
    """A published course with one module: a lesson and a practice (``course.practice_item``)."""
    course = CoursePageFactory(trainers=list(trainers))
    module = ModulePageFactory(parent=course, title="Terreno")
    course.lesson = LessonPageFactory(parent=module, title="Preparar la caminata")
    course.practice_item = practice_item(module, optional=optional)
    return course


def talcahuano():
    return Municipality.objects.get(code="08110")


def photo(size=(64, 48), fmt="JPEG", gps=True):
    """An image with an EXIF block that holds a camera and a GPS position."""
    image = Image.new("RGB", size, "#2a7")
    exif = Image.Exif()
    exif[0x010F] = "CamaraDePrueba"  # Make
    exif[0x0131] = "Software secreto"
    if gps:
        exif[0x8825] = {1: "S", 2: (36.0, 49.0, 37.0), 3: "W", 4: (73.0, 3.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, fmt, exif=exif.tobytes() if fmt in ("JPEG", "PNG", "WEBP") else None)
    return buffer.getvalue()


def pdf(script=False):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if script:
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('hola');")}
        )
        writer._root_object[NameObject("/OpenAction")] = action
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
