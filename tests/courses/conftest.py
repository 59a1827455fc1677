import pytest

from accounts.roles import OFFICIAL
from courses import services
from tests.factories import UserFactory

from .factories import build_course, catalogue


@pytest.fixture
def course_index(db):
    return catalogue()


@pytest.fixture
def course(db):
    """Two modules of two lessons, modules open in any order."""
    return build_course(modules=2, lessons=2)


@pytest.fixture
def learner(talcahuano):
    return UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="José", last_name="Ñúñez Muñoz")


@pytest.fixture
def enrolled(learner, course):
    """``learner`` enrolled in ``course``."""
    return services.enrol(learner, course)[0]


@pytest.fixture
def completed_signals():
    """The enrolments ``course_completed`` was sent for, in order."""
    from courses.signals import course_completed

    sent = []

    def receiver(sender, enrolment, **kwargs):
        sent.append(enrolment)

    course_completed.connect(receiver, dispatch_uid="tests.completed_signals")
    yield sent
    course_completed.disconnect(dispatch_uid="tests.completed_signals")
