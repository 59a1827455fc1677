"""The public verification form and page: valid, revoked, replaced, unknown, rate-limited; and downloads."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from accounts.roles import OFFICIAL
from certificates import codes, services
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def facts(soup):
    return {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in soup.select("dt")}


def test_a_valid_certificate_shows_what_it_certifies(client, certificate):
    response = client.get(f"/certificados/verificar/{certificate.code}/")
    assert response.status_code == 200
    soup = page(response)
    assert soup.h1.get_text(strip=True) == f"Certificado {certificate.display_code}"
    assert "Válido" in soup.select_one(".certificate-status--valid").get_text()
    shown = facts(soup)
    assert shown["Titular"] == "José Ñúñez Muñoz"
    assert shown["Curso"] == "Co-diseño de servicios municipales"
    assert shown["Horas"] == "12"
    assert shown["Emitido por"] == certificate.issuer
    assert shown["Municipalidad"] == "Talcahuano"
    assert response["Cache-Control"] == "no-store"


def test_codes_are_matched_ignoring_case_and_separators(client, certificate):
    typed = certificate.display_code.lower().replace("-", " ")
    response = client.get("/certificados/verificar/", {"codigo": typed})
    assert response.status_code == 302 and response["Location"] == f"/certificados/verificar/{certificate.code}/"
    response = client.get(f"/certificados/verificar/{certificate.display_code.lower()}/", follow=True)
    assert page(response).h1.get_text(strip=True) == f"Certificado {certificate.display_code}"


def test_a_revoked_certificate_shows_the_date_and_reason(client, certificate, ministry):
    services.revoke(certificate, "Emitido por error", by=ministry)
    soup = page(client.get(f"/certificados/verificar/{certificate.code}/"))
    status = soup.select_one(".certificate-status--revoked").get_text(" ", strip=True)
    assert status.startswith("Revocado el")
    assert facts(soup)["Motivo de la revocación"] == "Emitido por error"


def test_a_replaced_certificate_links_to_its_replacement(client, certificate, ministry):
    new = services.reissue(certificate, by=ministry)
    soup = page(client.get(f"/certificados/verificar/{certificate.code}/"))
    status = soup.select_one(".certificate-status--replaced")
    assert "Reemplazado el" in status.get_text()
    assert status.a["href"] == f"/certificados/verificar/{new.code}/"
    assert new.display_code in status.a.get_text()
    new_page = page(client.get(status.a["href"]))
    assert new_page.select_one(".certificate-status--valid")


def test_an_unknown_code_is_simply_not_found(client, certificate):
    body = "ABCDEFGHJKM"
    unknown = body + codes.check_character(body)
    response = client.get(f"/certificados/verificar/{unknown}/")
    assert response.status_code == 404
    soup = page(response)
    assert soup.h1.get_text(strip=True) == "Certificado no encontrado"
    assert "José" not in soup.get_text() and soup.select_one("form input[name=codigo]")
    # A code with a typo (wrong check character) gets exactly the same page.
    typo = certificate.code[:-1] + ("0" if certificate.code[-1] != "0" else "1")
    assert client.get(f"/certificados/verificar/{typo}/").status_code == 404


def test_the_form_explains_a_code_that_cannot_be_right(client):
    response = client.get("/certificados/verificar/", {"codigo": "1234"})
    assert response.status_code == 200
    soup = page(response)
    summary = soup.select_one(".error-summary").get_text(" ")
    assert "Código de verificación: Un código tiene 12 letras y dígitos (por ejemplo 7K3M-9QX2-ZD4B)" in summary
    assert "el que ingresó tiene 4." in summary
    assert soup.select_one("input[name=codigo]")["value"] == "1234"


def test_the_hint_shows_an_example_that_passes_its_own_check(client):
    soup = page(client.get("/certificados/verificar/"))
    example = re.search(r"por ejemplo ([0-9A-Z-]{14})\.", soup.select_one("form").get_text(" ")).group(1)
    assert codes.normalise(example) == example.replace("-", "")


def test_twelve_characters_with_a_typo_are_told_so(client, certificate):
    typo = certificate.code[:-1] + ("0" if certificate.code[-1] != "0" else "1")
    soup = page(client.get("/certificados/verificar/", {"codigo": codes.display(typo)}))
    summary = soup.select_one(".error-summary").get_text(" ")
    assert "probablemente uno de sus caracteres se copió mal" in summary
    assert "12 letras" not in summary
    soup = page(client.get("/certificados/verificar/", {"codigo": "UUUU-9QX2-ZD4B"}))
    assert "ninguna U" in soup.select_one(".error-summary").get_text(" ")


def test_the_empty_form(client):
    soup = page(client.get("/certificados/verificar/"))
    assert soup.h1.get_text(strip=True) == "Verificar certificado"
    assert soup.select_one("form[method=get] button").get_text(strip=True) == "Verificar"
    assert not soup.select_one("form.verify-form input[name=csrfmiddlewaretoken]")


def test_lookups_are_limited_per_client(client, certificate, settings):
    settings.CERTIFICATE_VERIFICATION_LIMIT = 3
    for _lookup in range(3):
        assert client.get(f"/certificados/verificar/{certificate.code}/").status_code == 200
    response = client.get(f"/certificados/verificar/{certificate.code}/")
    assert response.status_code == 429
    assert page(response).h1.get_text(strip=True) == "Demasiadas consultas"
    assert response["Retry-After"] == str(settings.CERTIFICATE_VERIFICATION_WINDOW)
    response = client.get("/certificados/verificar/", {"codigo": certificate.code}, follow=True)
    assert response.status_code == 429
    # Another client address is not affected.
    assert client.get(f"/certificados/verificar/{certificate.code}/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_the_holder_downloads_the_pdf(client, certificate):
    client.force_login(certificate.enrolment.user)
    response = client.get(f"/certificados/{certificate.code}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="certificado-{certificate.code}.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]


def test_another_learner_may_not_download_it_but_ministry_staff_may(client, certificate, talcahuano, ministry):
    client.force_login(UserFactory(municipality=talcahuano, role=OFFICIAL))
    assert client.get(f"/certificados/{certificate.code}/pdf/").status_code == 403
    client.force_login(ministry)
    assert client.get(f"/certificados/{certificate.code}/pdf/").status_code == 200
    client.logout()
    response = client.get(f"/certificados/{certificate.code}/pdf/")
    assert response.status_code == 302 and response["Location"].startswith("/cuenta/ingresar/")


def test_a_revoked_certificate_is_no_longer_served_to_its_holder(client, certificate, ministry):
    services.revoke(certificate, "Emitido por error", by=ministry)
    client.force_login(certificate.enrolment.user)
    assert client.get(f"/certificados/{certificate.code}/pdf/").status_code == 403


def test_a_certificate_not_yet_rendered_says_it_is_being_prepared(client, certificate):
    certificate.rendered_at = None
    certificate.save()
    client.force_login(certificate.enrolment.user)
    response = client.get(f"/certificados/{certificate.code}/pdf/")
    assert response.status_code == 503 and response["Retry-After"]
    assert page(response).h1.get_text(strip=True) == "Su certificado está en preparación"


def test_my_learning_shows_the_download_link_then_being_prepared(client, certificate, django_assert_max_num_queries):
    client.force_login(certificate.enrolment.user)
    with django_assert_max_num_queries(12):
        soup = page(client.get("/mi-aprendizaje/"))
    link = soup.select_one(".completed-list a.certificate-link")
    assert link["href"] == f"/certificados/{certificate.code}/pdf/"
    assert "Descargar certificado (PDF)" in link.get_text()
    certificate.rendered_at = None
    certificate.save()
    soup = page(client.get("/mi-aprendizaje/"))
    assert soup.select_one(".completed-list .certificate-pending").get_text(strip=True) == "Certificado en preparación"
