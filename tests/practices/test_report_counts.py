"""The reports' practice tables: each practice counted once per comuna and per method, in the column of its state,
within the reader's scope."""

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from accounts.roles import OFFICIAL
from practices.models import Practice, Status
from tests.factories import UserFactory

from .factories import PracticeFactory, build_practice_course

pytestmark = pytest.mark.django_db


def practice(author, status, methods=(), published=False, item=None):
    made = PracticeFactory(author=author)
    made.methods.set(methods)
    Practice.objects.filter(pk=made.pk).update(
        status=status, published=published, item=item, submitted_at=timezone.now()
    )
    return made


def table(response, caption):
    page = BeautifulSoup(response.content, "html.parser")
    rows = page.find(id=caption).find_parent("table").find_all("tr")[1:]
    return [[cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] for row in rows]


@pytest.fixture
def practices(make_method, talcahuano, coronel):
    walk, map_ = make_method("Caminata de accesibilidad"), make_method("Mapa de actores")
    twin = make_method("Mapa de actores")  # another method with the same title: one row
    here = UserFactory(role=OFFICIAL, municipality=talcahuano)
    there = UserFactory(role=OFFICIAL, municipality=coronel)
    item = build_practice_course().practice_item
    practice(here, Status.ACCEPTED, [walk, map_, twin], published=True)
    practice(here, Status.ACCEPTED, [walk])
    practice(here, Status.SUBMITTED, [map_], item=item)
    practice(here, Status.DRAFT)
    practice(here, Status.CHANGES_REQUESTED, [walk])
    practice(there, Status.SUBMITTED, [walk], item=item)


def test_ministry_staff_read_every_comuna_and_method(client, ministry, practices):
    client.force_login(ministry)
    response = client.get("/reportes/general/")
    # Comuna, accepted, waiting, draft or with changes, published.
    assert table(response, "practices-by-comuna") == [
        ["Coronel", "0", "1", "0", "0"],
        ["Talcahuano", "2", "1", "2", "1"],
    ]
    # Method, accepted, waiting, draft or with changes: most accepted first.
    assert table(response, "practices-by-method") == [
        ["Caminata de accesibilidad", "2", "1", "1"],
        ["Mapa de actores", "1", "1", "0"],
    ]


def test_a_coordinator_reads_their_comuna_only(client, coordinator, practices):
    client.force_login(coordinator)
    response = client.get("/reportes/comunas/08110/")
    assert table(response, "practices-by-comuna") == [["Talcahuano", "2", "1", "2", "1"]]
    assert table(response, "practices-by-method") == [
        ["Caminata de accesibilidad", "2", "0", "1"],
        ["Mapa de actores", "1", "1", "0"],
    ]
