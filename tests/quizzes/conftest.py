import pytest

from accounts.roles import OFFICIAL
from courses import services
from tests.courses.conftest import completed_signals  # noqa: F401 -- shared with the courses tests
from tests.courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
from tests.factories import UserFactory

from .factories import build_quiz


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
def learner(talcahuano):
    return UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="Ana", last_name="Muñoz")


@pytest.fixture
def enrolled(learner, course):
    return services.enrol(learner, course)[0]


@pytest.fixture
def learner_client(client, learner, enrolled):
    client.force_login(learner)
    return client
