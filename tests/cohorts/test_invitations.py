"""Bringing officials into a cohort: the preview of a list (every reason a row is left out), applying it once and
all together, the signed invitation link, the background path, pending invitations and who may do any of it."""

import datetime
import io
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts.models import Membership, User
from accounts.roles import COORDINATOR, OFFICIAL
from cohorts import imports, invitations
from cohorts.models import BulkImport, Invitation
from courses import services as course_services
from courses.models import Enrolment
from tests.courses.factories import build_course
from tests.factories import UserFactory

from .factories import CohortFactory

HEADER = "nombres;apellidos;correo;cargo"


@pytest.fixture
def course(site):
    return build_course(modules=1, lessons=2, title="Co-diseño de servicios municipales")


@pytest.fixture
def cohort(course, talcahuano):
    return CohortFactory(course=course, municipalities=[talcahuano])


def text(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def upload(client, cohort, content, name="lista.csv", **data):
    """Post a file (bytes) to the cohort's invite form; returns the response."""
    payload = {"file": SimpleUploadedFile(name, content), **data}
    return client.post(f"/convocatorias/{cohort.pk}/invitar/", payload)


def paste(client, cohort, pasted, **data):
    return client.post(f"/convocatorias/{cohort.pk}/invitar/", {"pasted": pasted, **data})


def csv_bytes(*lines, encoding="utf-8"):
    return "\r\n".join((HEADER, *lines)).encode(encoding)


def the_import():
    return BulkImport.objects.latest("pk")


def outcomes(bulk_import):
    """Each address's outcome (the first row of an address; a duplicate's own row is looked at by line)."""
    found = {}
    for row in bulk_import.rows:
        found.setdefault(row["email"] or f"line {row['line']}", (row["outcome"], row.get("reason")))
    return found


def preview_and_apply(client, cohort, content, name="lista.csv"):
    response = upload(client, cohort, content, name)
    assert response.status_code == 302, text(response)
    with_callbacks = client.post(response["Location"])
    assert with_callbacks.status_code == 302
    return the_import()


# The preview -------------------------------------------------------------------------------------------------------


def test_the_preview_names_every_row_and_why_and_applies_nothing(client, coordinator, cohort, talcahuano, coronel):
    UserFactory(email="ya@talcahuano.cl", municipality=talcahuano, role=OFFICIAL)
    UserFactory(email="otra@coronel.cl", municipality=coronel, role=OFFICIAL)
    UserFactory(email="sinconfirmar@talcahuano.cl", municipality=talcahuano, email_confirmed_at=None)
    enrolled = UserFactory(email="inscrita@talcahuano.cl", municipality=talcahuano)
    course_services.enrol(enrolled, cohort.course)
    Invitation.objects.create(cohort=cohort, municipality=talcahuano, email="invitada@talcahuano.cl", first_name="I")
    content = csv_bytes(
        "Ana;Rojas;ana@talcahuano.cl;Tránsito",
        "Ya;Existe;YA@talcahuano.cl;Secplan",
        "Mala;Dirección;no-es-un-correo;Secplan",
        ";Sin nombre;sinnombre@talcahuano.cl;Secplan",
        "Sin;Correo;;Secplan",
        "Ana;Repetida;ana@talcahuano.cl;Tránsito",
        "Otra;Comuna;otra@coronel.cl;Secplan",
        '=HYPERLINK("http://x");Fórmula;formula@talcahuano.cl;Secplan',
        "Más;Fórmula;mas@talcahuano.cl;@SUM(A1)",
        "Sin;Confirmar;sinconfirmar@talcahuano.cl;Secplan",
        "Ya;Inscrita;inscrita@talcahuano.cl;Secplan",
        "Ya;Invitada;invitada@talcahuano.cl;Secplan",
        "Largo;" + "x" * 151 + ";largo@talcahuano.cl;Secplan",
        "Invisible\u202e;Rojas;invisible@talcahuano.cl;Secplan",
    )
    client.force_login(coordinator)
    response = upload(client, cohort, content)
    assert response.status_code == 302
    found = outcomes(the_import())
    assert found == {
        "ana@talcahuano.cl": ("invite", None),
        "ya@talcahuano.cl": ("enrol", None),
        "no-es-un-correo": ("refused", "bad_email"),
        "sinnombre@talcahuano.cl": ("refused", "no_name"),
        "line 6": ("refused", "no_email"),
        "otra@coronel.cl": ("refused", "other_municipality"),
        "formula@talcahuano.cl": ("refused", "formula"),
        "mas@talcahuano.cl": ("refused", "formula"),
        "sinconfirmar@talcahuano.cl": ("refused", "unconfirmed"),
        "inscrita@talcahuano.cl": ("refused", "enrolled"),
        "invitada@talcahuano.cl": ("refused", "invited"),
        "largo@talcahuano.cl": ("refused", "too_long"),
        "invisible@talcahuano.cl": ("refused", "unprintable"),
    }
    duplicate = [row for row in the_import().rows if row["line"] == 7][0]
    assert duplicate["reason"] == "duplicate" and duplicate["reason_args"] == {"line": 2}
    page = text(client.get(response["Location"]))
    assert "Repite el correo de la línea 2" in page
    assert "otra comuna (Coronel)" in page
    assert "fórmula" in page
    assert "1 invitaciones nuevas 1 cuentas existentes inscritas 12 filas que quedan fuera" in page
    # Nothing is applied before confirming.
    assert Invitation.objects.count() == 1 and not Enrolment.objects.filter(user__email="ya@talcahuano.cl").exists()
    assert mail.outbox == []


def test_a_comuna_column_names_people_of_another_comuna(client, ministry, course, talcahuano, coronel):
    cohort = CohortFactory(course=course, municipalities=[talcahuano, coronel])
    client.force_login(ministry)
    pasted = "nombres,correo,comuna\nAna,ana@x.cl,Talcahuano\nBea,bea@x.cl,08110\nCami,cami@x.cl,Lota"
    response = paste(client, cohort, pasted, municipality=str(talcahuano.pk))
    assert response.status_code == 302
    found = outcomes(the_import())
    assert found["ana@x.cl"] == found["bea@x.cl"] == ("invite", None)
    assert found["cami@x.cl"] == ("refused", "other_municipality")


def test_a_pasted_list_without_header_is_name_email_position(client, coordinator, cohort):
    client.force_login(coordinator)
    response = paste(client, cohort, "Ana Rojas\tana@x.cl\tTránsito\nBea Soto; bea@x.cl; Secplan")
    assert response.status_code == 302
    rows = the_import().rows
    assert [(r["first_name"], r["email"], r["outcome"]) for r in rows] == [
        ("Ana Rojas", "ana@x.cl", "invite"),
        ("Bea Soto; bea@x.cl; Secplan", "", "refused"),  # one line per person: mixed separators are not guessed
    ]


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"nombre;email_de_trabajo\nAna;ana@x.cl", "lista.csv", "Las columnas no se reconocieron"),
        (bytes(range(256)) * 40, "lista.csv", "no es una lista CSV"),
        (b"PK\x03\x04 not really a workbook", "lista.xlsx", "No se pudo leer el archivo Excel"),
        (b"\xd0\xcf\x11\xe0", "lista.xls", "Los archivos Excel antiguos (.xls)"),
        (b"", "lista.csv", "vac"),
    ],
)
def test_unreadable_files_are_a_clear_form_error(client, coordinator, cohort, content, name, message):
    client.force_login(coordinator)
    response = upload(client, cohort, content, name)
    assert response.status_code == 200
    assert message in text(response)
    assert not BulkImport.objects.exists()


def test_fifty_thousand_rows_are_refused_with_the_limit(client, coordinator, cohort):
    client.force_login(coordinator)
    content = csv_bytes(*(f"Persona;{n};p{n}@x.cl;Secplan" for n in range(50_000)))
    response = upload(client, cohort, content)
    assert response.status_code == 200
    assert "el máximo por carga es 5.000" in text(response)
    assert not BulkImport.objects.exists()


def test_a_huge_xlsx_is_refused_with_the_limit(client, coordinator, cohort):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nombres", "apellidos", "correo", "cargo"])
    for n in range(imports.MAX_ROWS + 5):
        sheet.append(["P", str(n), f"p{n}@x.cl", "S"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)
    response = upload(client, cohort, buffer.getvalue(), "lista.xlsx")
    assert response.status_code == 200 and "el máximo por carga es 5.000" in text(response)


def test_a_windows_1252_file_is_read_and_the_preview_says_so(client, coordinator, cohort):
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes("José;Muñoz;jose@x.cl;Dirección", encoding="cp1252"))
    assert response.status_code == 302
    row = the_import().rows[0]
    assert (row["first_name"], row["last_name"], row["position"]) == ("José", "Muñoz", "Dirección")
    assert "Windows-1252" in text(client.get(response["Location"]))


def test_an_xlsx_list_is_read_with_formulas_refused(client, coordinator, cohort):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nombres", "Apellidos", "Correo electrónico", "Cargo"])
    sheet.append(["Ana", "Rojas", "ana@x.cl", "Tránsito"])
    sheet.append(["Bea", "Soto", "bea@x.cl", "=1+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)
    response = upload(client, cohort, buffer.getvalue(), "lista.xlsx")
    assert response.status_code == 302
    assert outcomes(the_import()) == {"ana@x.cl": ("invite", None), "bea@x.cl": ("refused", "formula")}


def test_the_templates_download_and_read_back(client, coordinator, cohort):
    client.force_login(coordinator)
    as_csv = client.get(f"/convocatorias/{cohort.pk}/invitar/plantilla.csv")
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    assert as_csv.content.decode("utf-8-sig").splitlines()[0] == HEADER
    as_xlsx = client.get(f"/convocatorias/{cohort.pk}/invitar/plantilla.xlsx")
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == imports.TEMPLATE_HEADER
    assert client.get(f"/convocatorias/{cohort.pk}/invitar/plantilla.exe").status_code == 404
    for content, name in ((as_csv.content, "p.csv"), (as_xlsx.content, "p.xlsx")):
        assert upload(client, cohort, content, name).status_code == 302
        assert outcomes(the_import()) == {"mjperez@municipalidad.cl": ("invite", None)}


# Applying ---------------------------------------------------------------------------------------------------------


def test_applying_invites_enrols_and_emails_a_signed_link(
    client, coordinator, cohort, talcahuano, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="ya@talcahuano.cl", municipality=talcahuano, role=OFFICIAL)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        bulk_import = preview_and_apply(
            client, cohort, csv_bytes("Ana;Rojas;ana@talcahuano.cl;Tránsito", "Ya;Existe;ya@talcahuano.cl;S")
        )
    bulk_import.refresh_from_db()  # the emails left after the commit
    assert (bulk_import.status, bulk_import.invited, bulk_import.enrolled, bulk_import.sent) == ("applied", 1, 1, 1)
    assert Enrolment.objects.filter(user=existing, course=cohort.course).exists()
    invitation = Invitation.objects.get(email="ana@talcahuano.cl")
    assert invitation.municipality == talcahuano and invitation.invited_by == coordinator and invitation.sent_at
    [message] = mail.outbox
    assert message.to == ["ana@talcahuano.cl"] and "Co-diseño de servicios municipales" in message.subject
    assert re.search(r"http\S+/convocatorias/invitacion/\S+/", message.body)
    page = text(client.get(f"/convocatorias/{cohort.pk}/invitar/{bulk_import.pk}/"))
    assert "Invitaciones enviadas por correo: 1 de 1" in page
    detail = text(client.get(f"/convocatorias/{cohort.pk}/"))
    assert "ana@talcahuano.cl" in detail and "1 invitación pendiente" in detail


def test_the_same_file_twice_changes_nothing(
    client, coordinator, cohort, talcahuano, django_capture_on_commit_callbacks
):
    UserFactory(email="ya@talcahuano.cl", municipality=talcahuano, role=OFFICIAL)
    content = csv_bytes("Ana;Rojas;ana@talcahuano.cl;Tránsito", "Ya;Existe;ya@talcahuano.cl;S")
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        preview_and_apply(client, cohort, content)
    before = (Invitation.objects.count(), Enrolment.objects.count(), len(mail.outbox))
    response = upload(client, cohort, content)
    assert outcomes(the_import()) == {
        "ana@talcahuano.cl": ("refused", "invited"),
        "ya@talcahuano.cl": ("refused", "enrolled"),
    }
    assert "No hay nada que aplicar" in text(client.get(response["Location"]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
    assert (Invitation.objects.count(), Enrolment.objects.count(), len(mail.outbox)) == before


def test_confirming_twice_applies_once(client, coordinator, cohort, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes("Ana;Rojas;ana@x.cl;T"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
        again = client.post(response["Location"], follow=True)
    assert "ya se confirmó" in text(again)
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_applying_is_all_or_nothing(client, coordinator, cohort, talcahuano, monkeypatch):
    UserFactory(email="uno@talcahuano.cl", municipality=talcahuano, role=OFFICIAL)

    def failing(*args, **kwargs):  # after the invitations and the enrolments were written
        raise RuntimeError("the database went away")

    monkeypatch.setattr(imports.enrolments_changed, "send", failing)
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes("Ana;R;ana@talcahuano.cl;T", "Uno;U;uno@talcahuano.cl;T"))
    page = client.post(response["Location"], follow=True)
    assert page.status_code == 200 and "No se aplicó nada" in text(page)
    assert the_import().status == "failed"
    assert not Invitation.objects.exists() and not Enrolment.objects.exists() and mail.outbox == []


def test_enrolling_from_a_list_counts_what_the_person_already_holds(coordinator, cohort, talcahuano):
    from courses.models import Completion
    from tests.courses.factories import lessons_of

    fresh = UserFactory(municipality=talcahuano)
    holder = UserFactory(municipality=talcahuano)
    lesson = lessons_of(cohort.course)[0]
    Completion.objects.create(user=holder, item=lesson)
    assert imports.enrol_all([fresh, holder], cohort.course) == 2
    assert imports.enrol_all([fresh, holder], cohort.course) == 0  # once
    by_person = {e.user_id: e for e in Enrolment.objects.filter(course=cohort.course)}
    assert (by_person[fresh.pk].items_required, by_person[fresh.pk].items_done) == (2, 0)
    assert (by_person[holder.pk].items_done, by_person[holder.pk].progress_percent) == (1, 50)
    expected = course_services.enrol(UserFactory(municipality=talcahuano), cohort.course)[0]
    assert (expected.items_required, expected.course_title) == (2, by_person[fresh.pk].course_title)


def test_a_long_list_runs_in_the_background_with_a_progress_page(
    client, coordinator, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "BACKGROUND_FROM", 2)
    monkeypatch.setattr(invitations, "CHUNK", 2)
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes(*(f"P;{n};p{n}@x.cl;T" for n in range(5))))
    assert "se aplicará en segundo plano" in text(client.get(response["Location"]))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(response["Location"])
    waiting = client.get(response["Location"])
    soup = BeautifulSoup(waiting.content, "html.parser")
    assert soup.find("meta", attrs={"http-equiv": "refresh"}) is not None
    assert "Aplicando la lista a 5 personas" in text(waiting) and soup.find("a", string="Actualizar ahora")
    assert not Invitation.objects.exists()
    for callback in callbacks:
        callback()
    done = client.get(response["Location"])
    assert BeautifulSoup(done.content, "html.parser").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert "Invitaciones enviadas por correo: 5 de 5" in text(done)
    assert len(mail.outbox) == 5


# The link ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def invitation(cohort, talcahuano, coordinator):
    return Invitation.objects.create(
        cohort=cohort,
        municipality=talcahuano,
        email="ana@talcahuano.cl",
        first_name="Ana",
        last_name="Rojas",
        position="Tránsito",
        invited_by=coordinator,
    )


def accept_data(**changes):
    data = {
        "first_name": "Ana María",
        "last_name": "Rojas",
        "position": "Dirección de Tránsito",
        "password1": "una clave bastante larga 2027",
        "password2": "una clave bastante larga 2027",
        "accept_privacy": "on",
    }
    return {**data, **changes}


def test_the_link_creates_a_confirmed_member_enrolled_in_the_course(client, invitation, talcahuano):
    url = f"/convocatorias/invitacion/{invitations.make_token(invitation)}/"
    page = client.get(url)
    assert page.status_code == 200 and "ana@talcahuano.cl" in text(page)
    assert not User.objects.filter(email="ana@talcahuano.cl").exists()  # opening the link creates nothing
    response = client.post(url, accept_data())
    assert response.status_code == 302
    user = User.objects.get(email="ana@talcahuano.cl")
    assert user.is_confirmed_member and user.municipality == talcahuano and user.membership == Membership.CONFIRMED
    assert user.first_name == "Ana María" and user.groups.filter(name=OFFICIAL.group().name).exists()
    assert Enrolment.objects.filter(user=user, course=invitation.cohort.course).exists()
    assert client.get("/mi-aprendizaje/").status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.accepted_at and invitation.user == user
    # Used: the same link again says so, and creates nothing.
    client.logout()
    reused = client.post(url, accept_data())
    assert reused.status_code == 410 and "ya se usó" in text(reused)
    assert User.objects.filter(email="ana@talcahuano.cl").count() == 1


def test_the_form_checks_the_password(client, invitation):
    url = f"/convocatorias/invitacion/{invitations.make_token(invitation)}/"
    response = client.post(url, accept_data(password2="otra cosa distinta 2027"))
    assert response.status_code == 200 and "Las dos contraseñas no coinciden" in text(response)
    assert not User.objects.filter(email="ana@talcahuano.cl").exists()


def test_a_tampered_link_is_refused(client, invitation):
    token = invitations.make_token(invitation)
    for bad in (token[:-2] + ("aa" if not token.endswith("aa") else "bb"), "no-es-un-enlace"):
        response = client.get(f"/convocatorias/invitacion/{bad}/")
        assert response.status_code == 404 and "no es válido" in text(response)


def test_an_expired_link_says_so(client, invitation):
    token = invitations.make_token(invitation)
    with time_machine.travel(timezone.now() + invitations.VALID_FOR + datetime.timedelta(hours=1)):
        response = client.post(f"/convocatorias/invitacion/{token}/", accept_data())
    assert response.status_code == 410 and "venció" in text(response)
    assert not User.objects.filter(email="ana@talcahuano.cl").exists()


def test_resending_replaces_the_link_and_cancelling_kills_it(client, coordinator, invitation):
    old = invitations.make_token(invitation)
    client.force_login(coordinator)
    response = client.post(f"/convocatorias/{invitation.cohort.pk}/invitaciones/{invitation.pk}/reenviar/")
    assert response.status_code == 302 and len(mail.outbox) == 1
    # A double click sends no second link.
    again = client.post(f"/convocatorias/{invitation.cohort.pk}/invitaciones/{invitation.pk}/reenviar/", follow=True)
    assert "se envió hace un momento" in text(again) and len(mail.outbox) == 1
    client.logout()
    assert client.get(f"/convocatorias/invitacion/{old}/").status_code == 404
    new = re.search(r"/convocatorias/invitacion/([^/\s]+)/", mail.outbox[0].body).group(1)
    assert invitations.invitation_for_token(new) == invitation
    assert client.get(f"/convocatorias/invitacion/{new}/").status_code == 200
    client.force_login(coordinator)
    client.post(f"/convocatorias/{invitation.cohort.pk}/invitaciones/{invitation.pk}/cancelar/")
    client.logout()
    assert client.get(f"/convocatorias/invitacion/{new}/").status_code == 404
    client.force_login(coordinator)
    assert "No hay invitaciones pendientes" in text(client.get(f"/convocatorias/{invitation.cohort.pk}/"))


def test_an_address_that_got_an_account_meanwhile_signs_in(client, invitation, talcahuano):
    url = f"/convocatorias/invitacion/{invitations.make_token(invitation)}/"
    UserFactory(email="ana@talcahuano.cl", municipality=talcahuano)
    response = client.post(url, accept_data())
    assert response.status_code == 200 and "Ya tiene una cuenta" in text(response)
    assert User.objects.filter(email="ana@talcahuano.cl").count() == 1


# Who may -----------------------------------------------------------------------------------------------------------


def test_who_may_bring_a_list(client, cohort, official, coronel):
    url = f"/convocatorias/{cohort.pk}/invitar/"
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    client.force_login(official)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(municipality=coronel, role=COORDINATOR))
    assert client.get(url).status_code == 404
    assert paste(client, cohort, "Ana\tana@x.cl\tT").status_code == 404
    assert not BulkImport.objects.exists()


def test_a_list_is_only_its_uploaders(client, coordinator, cohort, talcahuano):
    client.force_login(coordinator)
    response = paste(client, cohort, "Ana\tana@x.cl\tT")
    other = UserFactory(municipality=talcahuano, role=COORDINATOR)
    client.force_login(other)
    assert client.get(response["Location"]).status_code == 404
    assert client.post(response["Location"]).status_code == 404
    assert not Invitation.objects.exists()


def test_a_coordinator_invites_for_their_own_comuna_in_a_shared_cohort(client, coordinator, course, coronel):
    cohort = CohortFactory(course=course, municipalities=[coordinator.municipality, coronel])
    client.force_login(coordinator)
    response = paste(client, cohort, "Ana\tana@x.cl\tT", municipality=str(coronel.pk))
    assert response.status_code == 302  # the hidden field is their own comuna whatever is sent
    assert the_import().municipality == coordinator.municipality


def test_a_closed_cohort_takes_no_list(client, coordinator, course):
    today = timezone.localdate()
    cohort = CohortFactory(
        course=course,
        municipalities=[coordinator.municipality],
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
    )
    client.force_login(coordinator)
    response = paste(client, cohort, "Ana\tana@x.cl\tT")
    assert response.status_code == 200 and "cerró" in text(response)
    assert not BulkImport.objects.exists()


def test_deciding_a_list_takes_a_few_queries_whatever_its_length(
    coordinator, cohort, talcahuano, django_assert_max_num_queries
):
    for n in range(30):
        UserFactory(email=f"p{n}@x.cl", municipality=talcahuano)
    rows = [{"line": n + 2, "first_name": "P", "email": f"p{n}@x.cl"} for n in range(3000)]
    with django_assert_max_num_queries(12):
        decided = imports.decide(rows, cohort, talcahuano)
    assert imports.counts(decided) == {"invite": 2970, "enrol": 30, "refused": 0}


def test_an_erased_persons_invitations_go_with_them(client, invitation):
    from accounts.personal_data import erase_personal_data
    from cohorts.personal_data import export_invitations

    user = invitations.accept(invitation, first_name="Ana", last_name="Rojas", position="T", password="x" * 20)
    assert export_invitations(user)["invitations"][0]["email"] == "ana@talcahuano.cl"
    erase_personal_data(user)
    assert not Invitation.objects.exists()


def test_the_sweep_applies_a_list_whose_task_was_lost_and_sends_its_emails_once(
    client, coordinator, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(imports, "BACKGROUND_FROM", 1)
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes("Ana;R;ana@x.cl;T", "Bea;S;bea@x.cl;T"))
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down: the task is lost
        client.post(response["Location"])
    assert the_import().status == "queued"
    with django_capture_on_commit_callbacks(execute=True) as queued:
        assert imports.sweep() == 0  # too recent to be called lost
    assert queued == []
    later = timezone.now() + imports.STALE_AFTER + datetime.timedelta(minutes=1)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert imports.sweep() == 1
    assert the_import().status == "applied" and len(mail.outbox) == 2
    with time_machine.travel(later + imports.STALE_AFTER), django_capture_on_commit_callbacks(execute=True):
        assert imports.sweep() == 0
    assert len(mail.outbox) == 2


def test_the_sweep_sends_the_invitations_whose_emails_did_not_leave(
    client, coordinator, cohort, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    response = upload(client, cohort, csv_bytes("Ana;R;ana@x.cl;T"))
    monkeypatch.setattr(invitations, "send", lambda chunk: 0)  # the mail server is down
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
    assert the_import().status == "applied" and Invitation.objects.get().sent_at is None
    monkeypatch.undo()
    with (
        time_machine.travel(timezone.now() + imports.STALE_AFTER * 2),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert imports.sweep() == 1
    assert Invitation.objects.get().sent_at is not None and len(mail.outbox) == 1


def test_the_cohort_page_and_a_preview_take_as_many_queries_for_many_people_as_for_few(
    client, coordinator, cohort, talcahuano
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    counts = []
    for people in (2, 40):
        Invitation.objects.all().delete()
        Invitation.objects.bulk_create(
            Invitation(cohort=cohort, municipality=talcahuano, email=f"p{n}@x.cl", first_name="P")
            for n in range(people)
        )
        response = paste(client, cohort, "\n".join(f"Q {n}\tq{n}@x.cl\tT" for n in range(people)))
        with CaptureQueriesContext(connection) as page:
            assert client.get(f"/convocatorias/{cohort.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as preview:
            assert client.get(response["Location"]).status_code == 200
        counts.append((len(page), len(preview)))
    assert counts[0] == counts[1]


def test_a_workbook_that_unpacks_into_too_much_is_refused(client, coordinator, cohort, monkeypatch):
    monkeypatch.setattr(imports, "MAX_UNPACKED_BYTES", 1000)
    workbook = Workbook()
    workbook.active.append(["nombres", "correo"])
    workbook.active.append(["Ana " * 400, "ana@x.cl"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(coordinator)
    response = upload(client, cohort, buffer.getvalue(), "lista.xlsx")
    assert response.status_code == 200 and "No se pudo leer el archivo Excel" in text(response)
