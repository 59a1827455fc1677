import pytest
from django.utils import timezone

from accounts.models import Membership
from accounts.roles import OFFICIAL
from tests.factories import UserFactory


@pytest.fixture
def applicant(talcahuano):
    """Says they work in Talcahuano and confirmed their address, which is not on its domain: pending, waiting for
    the coordinator."""
    return UserFactory(
        municipality=talcahuano,
        role=OFFICIAL,
        membership=Membership.PENDING,
        membership_requested_at=timezone.now(),
        email="aplicante@correo.test",
        first_name="Rodrigo",
        last_name="Pino",
    )
