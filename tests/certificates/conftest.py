import pytest

from accounts.roles import OFFICIAL
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import complete


@pytest.fixture
def course(db):
    return build_course(modules=1, lessons=2, title="Co-diseño de servicios municipales", estimated_hours=12)


@pytest.fixture
def learner(talcahuano):
    return UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="José", last_name="Ñúñez Muñoz")


@pytest.fixture
def certificate(learner, course, django_capture_on_commit_callbacks):
    """``learner``'s certificate of ``course``, issued and rendered as the task leaves it."""
    return complete(learner, course, django_capture_on_commit_callbacks)
