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


def test_the_kept_municipality_follows_a_rename_and_every_request_checks_who_may_see_it(
    client, coordinator, coronel_coordinator, known, talcahuano
):
    """The report's municipality is kept with the published site (``reports.services.subject_of``): a new name
    shows on the next request, and another comuna's coordinator is refused it however often it was read."""
    client.force_login(coordinator)
    assert "Talcahuano" in soup(client.get("/reportes/comunas/08110/")).h1.get_text()
    talcahuano.name = "Talcahuano Puerto"
    talcahuano.save()
    assert "Talcahuano Puerto" in soup(client.get("/reportes/comunas/08110/")).h1.get_text()
    client.force_login(coronel_coordinator)
    assert client.get("/reportes/comunas/08110/").status_code == 403
