import pytest

from tests.courses import conftest as courses
from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory

from .factories import build_quiz

# The courses tests' learner (an official of Talcahuano), enrolment and course-completion listener.
learner, enrolled, completed_signals = courses.learner, courses.enrolled, courses.completed_signals


@pytest.fixture
def module(db, trainer):
    course = CoursePageFactory(title="Ciudad inteligente", trainers=[trainer])
    module = ModulePageFactory(parent=course, title="Innovación abierta")
    LessonPageFactory(parent=module, title="Qué es la innovación abierta")
    return module


@pytest.fixture
def course(module):
    return module.get_parent().specific


@pytest.fixture
def quiz(module):
    return build_quiz(module)


@pytest.fixture
def learner_client(client, learner, enrolled):
    client.force_login(learner)
    return client
