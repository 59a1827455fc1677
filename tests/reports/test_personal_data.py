"""A person's data download lists the exports they asked for; erasing anyone deletes the stored export files,
which may name them, while the reports keep counting the anonymised enrolments."""

import json

import pytest
from django.core.files.base import ContentFile

from accounts.personal_data import erase_personal_data
from reports.models import ReportExport

from .pages import screen_rows, soup

pytestmark = pytest.mark.django_db


def test_the_download_lists_their_exports(client, coordinator):
    ReportExport.objects.create(
        requested_by=coordinator,
        report="municipio",
        subject="08110",
        table="funcionarios",
        format="xlsx",
        query="dias=7",
    )
    client.force_login(coordinator)
    (exported,) = json.loads(client.get("/cuenta/mis-datos/descargar/").content)["report_exports"]
    assert (exported["subject"], exported["table"], exported["format"], exported["filters"]) == (
        "08110",
        "funcionarios",
        "xlsx",
        "dias=7",
    )


def test_erasure_deletes_stored_exports_and_keeps_the_figures(
    client, coordinator, ministry, known, django_capture_on_commit_callbacks
):
    export = ReportExport.objects.create(
        requested_by=coordinator,
        report="municipio",
        subject="08110",
        table="funcionarios",
        format="csv",
        status=ReportExport.Status.READY,
        file=ContentFile(b"T5 Espinoza", name="funcionarios.csv"),
    )
    storage, name = export.file.storage, export.file.name
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(known.people["t5"])
    assert not ReportExport.objects.exists()
    assert not storage.exists(name)
    client.force_login(ministry)
    talcahuano = screen_rows(soup(client.get("/reportes/general/")), "comunas")["Talcahuano"]
    assert talcahuano == ["7", "3", "2", "28,6 %", "1"]
