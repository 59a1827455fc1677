"""The officials table is paged by the count its summary figures already made (no second count), with or without
the "stalled only" filter."""

import math

import pytest
from django.http import QueryDict
from django.test import override_settings

from reports import services

from .pages import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["", "dias=7&estancados=on", "cargo=tr%C3%A1nsito"])
def test_the_number_of_pages_is_that_of_the_listed_rows(client, coordinator, known, query):
    listed = services.open_report(coordinator, "municipio", "08110", QueryDict(query)).export_size("funcionarios")
    assert listed > 0
    client.force_login(coordinator)
    with override_settings(REPORTS_PAGE_SIZE=2):
        page = soup(client.get(f"/reportes/comunas/08110/?{query}"))
    assert f"Página 1 de {math.ceil(listed / 2)}" in page.get_text()
