import pytest

from .factories import frozen


@pytest.fixture
def clock():
    """The clock stopped on a working morning (``factories.MORNING``), for tests that move it with ``clock.shift``."""
    with frozen() as traveller:
        yield traveller
