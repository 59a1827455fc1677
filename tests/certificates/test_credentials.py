"""Each certificate as an Open Badges 3.0 credential: what it says, its two forms, the issuer's DID document, the
status lists, and what bad input, revocation, re-issue, erasure and the data export do to it."""

import hashlib
import json
import logging

import jwt
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from accounts.personal_data import erase_personal_data, export_personal_data
from certificates import services
from certificates.credentials import did
from certificates.models import Credential, StatusList

from .credential_helpers import bits, credential_of, get_json, revoked, status_list_of


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_the_credential_says_what_the_certificate_prints(client, certificate, learner, issuer_keys):
    response = client.get(f"/certificados/verificar/{certificate.code}/credencial.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+ld+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    credential = json.loads(response.content)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "did:web:testserver"
    assert credential["issuer"]["name"] == certificate.issuer
    assert credential["validFrom"] == certificate.issued_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    subject = credential["credentialSubject"]
    assert subject["name"] == "José Ñúñez Muñoz"
    assert subject["narrative"] == certificate.body  # the printed text, with the municipality
    assert "Talcahuano" in subject["narrative"]
    achievement = subject["achievement"]
    assert achievement["name"] == "Co-diseño de servicios municipales"
    assert achievement["id"] == "http://testserver/cursos/co-diseno-de-servicios-municipales/"
    criteria = {entry["@language"]: entry["@value"] for entry in achievement["criteria"]["narrative"]}
    assert "12 horas" in criteria["es"] and "12 hours" in criteria["en"]
    assert credential["evidence"][0]["id"] == f"http://testserver/certificados/verificar/{certificate.code}/"
    assert credential["evidence"][0]["name"] == f"Certificado {certificate.display_code}"
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["proof"]["verificationMethod"] == "did:web:testserver#ed25519-1"
    assert credential["proof"]["proofValue"].startswith("z")
    # The holder is identified by a salted hash of their email, never the email itself.
    assert learner.email not in response.content.decode()
    (identity,) = subject["identifier"]
    assert identity["hashed"] is True and identity["identityType"] == "emailAddress"
    expected = hashlib.sha256((learner.email + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"


def test_a_credential_is_made_once_and_signs_the_same_every_time(client, certificate, issuer_keys):
    first = client.get(f"/certificados/verificar/{certificate.code}/credencial.json").content
    second = client.get(f"/certificados/verificar/{certificate.code}/credencial.json").content
    assert first == second
    assert Credential.objects.filter(certificate=certificate).count() == 1


def test_the_jwt_holds_the_same_credential_signed_es256(client, certificate, issuer_keys):
    credential = credential_of(client, certificate)
    response = client.get(f"/certificados/verificar/{certificate.code}/credencial.jwt")
    assert response.status_code == 200 and response["Content-Type"] == "application/jwt; charset=utf-8"
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "ES256" and header["kid"] == "did:web:testserver#p256-1"
    document = get_json(client, "/.well-known/did.json")
    (method,) = [method for method in document["verificationMethod"] if method["id"] == header["kid"]]
    key = jwt.PyJWK(method["publicKeyJwk"], algorithm="ES256")
    payload = jwt.decode(token, key, algorithms=["ES256"], issuer="did:web:testserver")
    credential.pop("proof")
    assert payload["vc"] == credential
    assert payload["jti"] == credential["id"]
    with pytest.raises(jwt.InvalidSignatureError):
        head, body, signature = token.split(".")
        jwt.decode(f"{head}.{body[:-2]}AA.{signature}", key, algorithms=["ES256"])


def test_the_did_document_publishes_both_keys(client, db, issuer_keys):
    response = client.get("/.well-known/did.json")
    assert response["Content-Type"] == "application/did+json; charset=utf-8"
    document = json.loads(response.content)
    assert document["id"] == "did:web:testserver"
    assert document["@context"][0] == "https://www.w3.org/ns/did/v1"
    ed25519, p256 = document["verificationMethod"]
    assert ed25519["type"] == "Multikey" and ed25519["publicKeyMultibase"].startswith("z6Mk")
    assert p256["type"] == "JsonWebKey2020" and p256["publicKeyJwk"]["crv"] == "P-256"
    assert "d" not in p256["publicKeyJwk"]  # never the private part
    assert document["assertionMethod"] == [ed25519["id"], p256["id"]]
    assert client.get("/en/.well-known/did.json").status_code == 404


def test_did_web_encodes_the_port(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert did.issuer_did() == "did:web:127.0.0.1%3A8000"
    settings.WAGTAILADMIN_BASE_URL = "https://Cocrea.example.cl/"
    assert did.issuer_did() == "did:web:cocrea.example.cl"


def test_the_status_list_is_signed_gzipped_and_big_enough(client, certificate, issuer_keys):
    credential = credential_of(client, certificate)
    response = client.get(credential["credentialStatus"]["statusListCredential"].removeprefix("http://testserver"))
    assert response["Cache-Control"] == "public, max-age=60"
    status_list = json.loads(response.content)
    assert status_list["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status_list["issuer"] == credential["issuer"]["id"]
    assert status_list["credentialSubject"]["statusPurpose"] == "revocation"
    assert status_list["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert len(bits(status_list)) * 8 == 131_072
    assert not any(bits(status_list))


def test_revoking_flips_the_bit_at_once(client, certificate, ministry, issuer_keys):
    credential = credential_of(client, certificate)
    before = status_list_of(client, credential)
    assert status_list_of(client, credential) == before  # the same bits: the signed list is kept, not re-signed
    assert not revoked(client, credential)
    services.revoke(certificate, "Emitido por error", by=ministry)
    assert revoked(client, credential)
    assert status_list_of(client, credential)["proof"] != before["proof"]
    assert sum(bin(byte).count("1") for byte in bits(status_list_of(client, credential))) == 1


def test_reissuing_gives_a_new_credential_at_a_new_index(client, certificate, ministry, issuer_keys):
    old = credential_of(client, certificate)
    new_certificate = services.reissue(certificate, by=ministry)
    new = credential_of(client, new_certificate)
    assert new["id"] != old["id"]
    assert new["credentialStatus"]["id"] != old["credentialStatus"]["id"]
    assert revoked(client, old) and not revoked(client, new)


def test_credentials_are_spread_at_random_and_lists_fill_up(certificate, settings, monkeypatch):
    from certificates.credentials import status

    monkeypatch.setattr(status, "FILL_LIMIT", 1 / 131_072)  # one credential fills a list
    first = status.allocate(certificate, achievement_id="urn:x")
    assert 0 <= first.status_index < 131_072
    assert status.current_list() != first.status_list
    assert StatusList.objects.count() == 2


@pytest.mark.parametrize(
    "path",
    [
        "/certificados/verificar/7K3M9QX2ZD4Q/credencial.json",  # wrong check character
        "/certificados/verificar/0000-0000-000/credencial.jwt",
        "/certificados/verificar/%3Cscript%3E/credencial.json",
        "/certificados/estado/999/",
        "/certificados/estado/1x/",
        "/certificados/estado/99999999999999999999999/",
        "/certificados/estado/%C2%B2/",
    ],
)
def test_unknown_or_malformed_addresses_are_not_found_in_spanish(client, db, issuer_keys, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "no encontrad" in response.content.decode().lower()


def test_a_known_code_typed_loosely_is_redirected(client, certificate, issuer_keys):
    response = client.get(f"/certificados/verificar/{certificate.display_code.lower()}/credencial.jwt")
    assert response.status_code == 302
    assert response["Location"] == f"/certificados/verificar/{certificate.code}/credencial.jwt"


def test_the_lookup_limit_covers_credentials_and_status_lists(client, certificate, issuer_keys, settings):
    settings.CERTIFICATE_VERIFICATION_LIMIT = 3
    credential = credential_of(client, certificate)
    status_path = credential["credentialStatus"]["statusListCredential"].removeprefix("http://testserver")
    assert client.get(f"/certificados/verificar/{certificate.code}/credencial.jwt").status_code == 200
    assert client.get(status_path).status_code == 200
    for path in (f"/certificados/verificar/{certificate.code}/credencial.json", status_path):
        response = client.get(path)
        assert response.status_code == 429
        assert "Demasiadas consultas" in response.content.decode()


def test_the_verification_page_offers_both_forms_and_a_qr_code(client, certificate, issuer_keys):
    soup = BeautifulSoup(client.get(f"/certificados/verificar/{certificate.code}/").content, "html.parser")
    section = soup.select_one(".certificate-credential")
    assert section.h2.get_text(strip=True) == "Credencial digital"
    links = {a.get_text(strip=True): a["href"] for a in section.select("a[download]")}
    json_url = f"http://testserver/certificados/verificar/{certificate.code}/credencial.json"
    assert links == {
        "Descargar la credencial (JSON-LD, prueba Data Integrity)": json_url,
        "Descargar la credencial (VC-JWT)": f"/certificados/verificar/{certificate.code}/credencial.jwt",
    }
    image = section.select_one("figure img")
    assert image["src"].startswith("data:image/svg+xml") and image["alt"]
    assert section.figcaption.get_text(strip=True) == json_url


def test_erasure_revokes_the_credential_and_forgets_the_holder(
    client, certificate, learner, issuer_keys, django_capture_on_commit_callbacks
):
    credential = credential_of(client, certificate)
    with django_capture_on_commit_callbacks(execute=True):
        erase_personal_data(learner)
    assert revoked(client, credential)
    record = Credential.objects.get(certificate=certificate)
    assert (record.identity_hash, record.salt) == ("", "")
    assert client.get(f"/certificados/verificar/{certificate.code}/credencial.json").status_code == 404
    page = client.get(f"/certificados/verificar/{certificate.code}/").content.decode()
    assert "credencial.json" not in page


def test_the_data_download_holds_the_signed_credential(client, certificate, learner, issuer_keys):
    (entry,) = export_personal_data(learner)["certificates"]
    assert entry["credential"]["document"] == credential_of(client, certificate)


def test_without_keys_the_site_serves_and_credentials_answer_503(client, certificate, settings, tmp_path, caplog):
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "missing"
    with caplog.at_level(logging.ERROR, logger="certificates.credentials.views"):
        response = client.get(f"/certificados/verificar/{certificate.code}/credencial.json")
    assert response.status_code == 503 and response["Retry-After"]
    assert "Credencial digital no disponible" in response.content.decode()
    assert "issuer-keys.json" in caplog.text and "credential_keys generate" in caplog.text
    assert client.get("/.well-known/did.json").status_code == 503
    assert client.get(f"/certificados/verificar/{certificate.code}/credencial.jwt").status_code == 503
    assert client.get(f"/certificados/verificar/{certificate.code}/").status_code == 200
    assert client.get("/").status_code == 200


def test_an_unreadable_key_file_answers_503(client, certificate, issuer_keys, settings):
    (settings.CREDENTIAL_KEYS_DIR / "issuer-keys.json").write_text("{not json")
    assert client.get(f"/certificados/verificar/{certificate.code}/credencial.json").status_code == 503
