"""The official's practice records: recording, editing, co-authors, evidence (cleaned, private), the toolkit's
quick start, the migration of old uses, personal data."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.personal_data import erase_personal_data, export_personal_data
from accounts.roles import OFFICIAL
from practices import services
from practices.models import Evidence, Practice, Status
from practices.uploads import MAX_PHOTO_BYTES
from tests.factories import UserFactory

from .factories import PracticeFactory, pdf, photo


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text().split())


@pytest.fixture
def method(make_method):
    return make_method("Caminata de accesibilidad")


@pytest.fixture
def practice(official):
    return PracticeFactory(author=official)


def test_an_official_records_a_practice_and_finds_it_in_their_list(client, official, method):
    client.force_login(official)
    form = soup_of(client.get("/mis-practicas/nueva/"))
    assert form.select_one("select[name=municipality] option[selected]").get_text(strip=True) == "Talcahuano"
    response = client.post(
        "/mis-practicas/nueva/",
        {
            "title": "Caminata con vecinos en Las Higueras",
            "methods": [method.pk],
            "component": "codiseno",
            "municipality": official.municipality_id,
            "place": "Paradero de Av. Colón",
            "done_on": "2024-05-02",
            "participants_neighbours": "14",
            "participants_elderly": "5",
            "learned": "Faltan bancas.",
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mis-practicas/{practice.pk}/"
    assert (practice.author, practice.status, practice.participants_total) == (official, Status.DRAFT, 19)
    assert practice.methods.get().pk == method.pk
    listing = text_of(client.get("/mis-practicas/"))
    assert "Caminata con vecinos en Las Higueras" in listing and "Borrador" in listing


@pytest.mark.parametrize("sent", [{}, {"municipality": SimpleUploadedFile("x.txt", b"", "text/plain")}])
def test_a_submission_with_no_field_says_what_is_missing(client, practice, sent):
    """An empty POST (or one that sends only a file) is a submission, not a first visit: the form says what is
    missing and nothing changes."""
    client.force_login(practice.author)
    title = practice.title
    for address in ("/mis-practicas/nueva/", f"/mis-practicas/{practice.pk}/"):
        response = client.post(address, sent)
        assert response.status_code == 200
        summary = soup_of(response).select_one(".error-summary")
        assert summary is not None and "Municipalidad: Este campo es necesario" in summary.get_text(), address
    practice.refresh_from_db()
    assert Practice.objects.count() == 1 and practice.title == title


def test_others_cannot_open_or_change_a_practice(client, practice, talcahuano):
    other = UserFactory(role=OFFICIAL, municipality=talcahuano)
    client.force_login(other)
    assert client.get(f"/mis-practicas/{practice.pk}/").status_code == 404
    assert client.post(f"/mis-practicas/{practice.pk}/", {"title": "Mío"}).status_code == 404
    assert client.post(f"/mis-practicas/{practice.pk}/publicacion/", {"publicar": "1"}).status_code == 404
    practice.refresh_from_db()
    assert not practice.published and practice.title.startswith("Caminata")


def test_coauthors_come_from_the_same_municipality_and_may_edit(client, practice, talcahuano, coronel):
    colleague = UserFactory(role=OFFICIAL, municipality=talcahuano, first_name="Rosa", last_name="Muñoz")
    outsider = UserFactory(role=OFFICIAL, municipality=coronel)
    client.force_login(practice.author)
    page = soup_of(client.get(f"/mis-practicas/{practice.pk}/"))
    choices = [label.get_text(strip=True) for label in page.select("#id_coauthors label")]
    assert "Rosa Muñoz" in choices and outsider.get_full_name() not in choices
    data = {
        "title": practice.title,
        "municipality": talcahuano.pk,
        "done_on": "2024-05-02",
        "coauthors": [colleague.pk],
        **{f"participants_{kind}": "0" for kind in ("neighbours", "elderly", "students", "university", "firms")},
        "participants_civil_society": "0",
        "participants_public_services": "0",
    }
    assert client.post(f"/mis-practicas/{practice.pk}/", data).status_code == 302
    assert list(practice.coauthors.all()) == [colleague]
    refused = client.post(f"/mis-practicas/{practice.pk}/", {**data, "coauthors": [outsider.pk]})
    assert refused.status_code == 200 and list(practice.coauthors.all()) == [colleague]
    client.force_login(colleague)
    assert client.get(f"/mis-practicas/{practice.pk}/").status_code == 200
    assert practice.title in text_of(client.get("/mis-practicas/"))


def upload(client, practice, content, name="foto.jpg", content_type="image/jpeg", caption="El paradero"):
    return client.post(
        f"/mis-practicas/{practice.pk}/evidencias/",
        {"file": SimpleUploadedFile(name, content, content_type), "caption": caption},
    )


def test_a_photo_is_reencoded_without_its_location_or_camera(client, practice):
    client.force_login(practice.author)
    response = upload(client, practice, photo(size=(3000, 2000)))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.kind == Evidence.Kind.PHOTO and (evidence.width, evidence.height) == (1600, 1067)
    with evidence.file.open("rb") as stored:
        content = stored.read()
    assert b"CamaraDePrueba" not in content and b"Software secreto" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG" and not image.getexif()
    served = client.get(f"/practicas/evidencias/{evidence.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"] == "private, no-store"
    assert b"".join(served.streaming_content) == content


def test_a_png_with_transparency_is_accepted(client, practice):
    client.force_login(practice.author)
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(buffer, "PNG")
    assert upload(client, practice, buffer.getvalue(), "dibujo.png", "image/png").status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.jpg", b"<html><script>alert(1)</script></html>", "ni una foto ni un PDF"),
        ("foto.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "ni una foto"),
        ("foto.gif", b"GIF89a" + b"\x00" * 30, "ni una foto"),
        ("rota.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "no se pudo leer"),
        ("rota.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "no se pudo leer"),
        ("acta.pdf", pdf(script=True), "contiene scripts"),
        ("acta.pdf", b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "scripts"),
        ("acta.pdf", b"%PDF-1.7 roto", "no se pudo leer"),
        ("vacio.jpg", b"", "vacío"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_nothing_is_stored(client, practice, name, content, message):
    client.force_login(practice.author)
    response = upload(client, practice, content, name)
    assert response.status_code == 400
    assert message in soup_of(response).select_one(".error-summary").get_text()
    assert not Evidence.objects.exists()


def test_too_large_a_photo_is_refused(client, practice):
    client.force_login(practice.author)
    response = upload(client, practice, b"\xff\xd8\xff" + b"\x00" * MAX_PHOTO_BYTES)
    assert response.status_code == 400 and "demasiado grande" in text_of(response)
    assert not Evidence.objects.exists()


def test_a_decompression_bomb_is_refused(client, practice):
    client.force_login(practice.author)
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")
    response = upload(client, practice, buffer.getvalue(), "bomba.png", "image/png")
    assert response.status_code == 400 and "demasiados píxeles" in text_of(response)


def test_a_plain_pdf_is_kept_privately_and_served_as_a_download(client, practice, official, coronel):
    client.force_login(practice.author)
    assert upload(client, practice, pdf(), "acta.pdf", "application/pdf", "Acta").status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.kind == Evidence.Kind.DOCUMENT and "practicas/" in evidence.file.name
    assert client.get(f"/practicas/evidencias/{evidence.pk}/")["Content-Disposition"].startswith("attachment")
    client.force_login(UserFactory(role=OFFICIAL, municipality=coronel))
    assert client.get(f"/practicas/evidencias/{evidence.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/practicas/evidencias/{evidence.pk}/").status_code == 404
    practice.published, practice.status = True, Status.ACCEPTED
    practice.submitted_at = practice.reviewed_at = None
    Practice.objects.filter(pk=practice.pk).update(published=True, status=Status.ACCEPTED)
    assert client.get(f"/practicas/evidencias/{evidence.pk}/").status_code == 200


def test_evidence_can_be_removed_while_the_practice_is_a_draft(client, practice, django_capture_on_commit_callbacks):
    client.force_login(practice.author)
    upload(client, practice, photo())
    evidence = Evidence.objects.get()
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mis-practicas/{practice.pk}/evidencias/{evidence.pk}/eliminar/")
    assert response.status_code == 302 and not Evidence.objects.exists()
    assert not evidence.file.storage.exists(name)


def test_i_used_this_method_starts_a_practice(client, method, official):
    client.force_login(official)
    page = soup_of(client.get(method.url))
    assert page.select_one("#usos form")["action"] == method.url + "registrar-uso/"
    response = client.post(
        method.url + "registrar-uso/",
        {"used_on": "2024-05-02", "municipality": official.municipality_id, "note": "Con la junta de vecinos."},
        follow=True,
    )
    practice = Practice.objects.get()
    assert response.redirect_chain == [(f"/mis-practicas/{practice.pk}/", 302)]
    assert (practice.author, practice.done_on, practice.learned, practice.component) == (
        official,
        datetime.date(2024, 5, 2),
        "Con la junta de vecinos.",
        "codiseno",
    )
    assert practice.methods.get().pk == method.pk
    assert "quedó registrado su uso de «Caminata de accesibilidad» el 2 de mayo de 2024" in text_of(response)
    assert "registrado 1 uso de este método en 1 municipalidad." in text_of(client.get(method.url))


def test_old_uses_of_methods_become_draft_practices(method, official):
    from importlib import import_module

    from django.apps import apps

    from toolkits.models import MethodUse

    MethodUse.objects.create(
        method=method, user=official, municipality=official.municipality, used_on="2024-05-02", note="Con la JJVV"
    )
    migration = import_module("practices.migrations.0002_method_uses_become_practices")
    migration.uses_to_practices(apps, None)
    migration.uses_to_practices(apps, None)  # idempotent
    practice = Practice.objects.get()
    assert (practice.author, practice.title, practice.learned, practice.status) == (
        official,
        "Caminata de accesibilidad",
        "Con la JJVV",
        Status.DRAFT,
    )
    assert practice.methods.get().pk == method.pk


def test_a_persons_practices_are_in_their_data_and_erasure_removes_texts_and_files(
    client, practice, django_capture_on_commit_callbacks
):
    client.force_login(practice.author)
    upload(client, practice, photo())
    name = Evidence.objects.get().file.name
    exported = export_personal_data(practice.author)["practices"]
    assert exported[0]["title"] == practice.title and exported[0]["evidence"][0]["kind"] == "foto"
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(practice.author)
    practice.refresh_from_db()
    assert (practice.learned, practice.published, practice.participants_neighbours) == ("", False, 12)
    assert not Evidence.objects.exists()
    assert not services.Evidence.file.field.storage.exists(name)


def test_the_dashboard_links_to_my_practices(client, official, practice):
    client.force_login(official)
    link = soup_of(client.get("/mi-aprendizaje/")).select_one(".dashboard__practices a")
    assert link.get_text(strip=True) == "Mis prácticas"
    listing = client.get(link["href"])
    assert listing.status_code == 200
    assert soup_of(listing).h1.get_text(strip=True) == "Mis prácticas"
    assert practice.title in text_of(listing)
