import io

import pytest
from django.core.management import call_command

from accounts.roles import OFFICIAL
from certificates.credentials import keys
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


@pytest.fixture
def issuer_keys(settings, tmp_path):
    """The issuer's keys, made by the management command in a folder of this test's own."""
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    call_command("credential_keys", "generate", stdout=io.StringIO())
    return keys.load()
