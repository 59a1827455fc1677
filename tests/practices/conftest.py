from tests.toolkits.conftest import make_method, toolkit  # noqa: F401 — the toolkit's fixtures
