"""Course pages for tests, built with wagtail-factories under the catalogue that migration 0002 creates.

``build_course(modules=3, lessons=2)`` makes a published course with that many modules and lessons per module.
"""

import factory
import wagtail_factories
from django.utils.text import slugify

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, Topic


def catalogue():
    return CourseIndexPage.objects.get(locale__language_code="es")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    parent = factory.LazyFunction(catalogue)
    title = factory.Sequence(lambda n: f"Movilidad en la comuna {n}")
    summary = "Herramientas para mejorar el transporte local junto a quienes viajan."
    introduction = "<p>Un curso breve para equipos municipales.</p>"
    objectives = factory.LazyFunction(lambda: [("objective", "Identificar a los actores del transporte local.")])
    audience = "Funcionarias y funcionarios de tránsito."
    level = "basico"
    estimated_hours = 4


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Módulo {n}")
    summary = "Lo esencial del tema."


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lección {n}")
    summary = "Una lección breve."
    estimated_minutes = 15
    body = factory.LazyFunction(
        lambda: [
            ("heading", "Antes de empezar"),
            ("paragraph", "<p>Converse con quienes esperan la micro en el paradero.</p>"),
            ("takeaways", ["Escuchar primero.", "Probar en pequeño."]),
        ]
    )


def build_course(modules=2, lessons=2, **fields):
    """A published course with ``modules`` modules of ``lessons`` lessons each."""
    course = CoursePageFactory(**fields)
    for _module in range(modules):
        module = ModulePageFactory(parent=course)
        for _lesson in range(lessons):
            LessonPageFactory(parent=module)
    return course


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def finish_course(learner, course):
    """Enrol ``learner`` and complete every lesson of ``course``, as they would one after the other."""
    from courses import services

    enrolment = services.enrol(learner, course)[0]
    for lesson in lessons_of(course):
        services.complete_item(learner, lesson)
    enrolment.refresh_from_db()
    return enrolment
