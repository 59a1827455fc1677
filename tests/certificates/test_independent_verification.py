"""The credentials checked by an implementation this project did not write: Digital Bazaar's Verifiable Credentials
libraries (Data Integrity, eddsa-rdfc-2022, Bitstring Status List) and jose for the VC-JWT, run by Node.js from
``node_modules/`` (pinned in package-lock.json, installed by ``make test`` with ``npm ci``). Everything they read
comes from files: the contexts from their npm packages, the DID document and the status list as the site served
them. Without Node or the packages the test skips; with ``LMS_REQUIRE_SERVICES=1`` (CI) it fails instead."""

import base64
import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

from accounts.roles import OFFICIAL
from certificates import services
from tests.conftest import skip_or_fail
from tests.factories import UserFactory

from .credential_helpers import credential_of, get_json
from .factories import complete

SCRIPT = Path(__file__).with_name("verify_credentials.mjs")
PACKAGES = ["@digitalbazaar/vc", "@digitalbazaar/eddsa-rdfc-2022-cryptosuite", "jose"]


@pytest.fixture
def node():
    executable = shutil.which("node")
    missing = [name for name in PACKAGES if not (settings.BASE_DIR / "node_modules" / name).is_dir()]
    if executable is None or missing:
        skip_or_fail(f"needs Node.js and {', '.join(PACKAGES)} in node_modules/ (`make test` installs them)")
    return executable


def tamper_name(name):
    """One letter of the holder's name changed."""
    return name.replace("J", "G", 1)


def tampered_jwt(token):
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["vc"]["credentialSubject"]["name"] = tamper_name(claims["vc"]["credentialSubject"]["name"])
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_digital_bazaar_and_jose_verify_valid_tampered_and_revoked(
    node, client, certificate, course, talcahuano, ministry, issuer_keys, tmp_path, django_capture_on_commit_callbacks
):
    cache.clear()
    other = UserFactory(municipality=talcahuano, role=OFFICIAL, first_name="Javiera", last_name="Soto Ríos")
    revoked_certificate = complete(other, course, django_capture_on_commit_callbacks)
    valid = credential_of(client, certificate)
    revoked = credential_of(client, revoked_certificate)
    valid_jwt = client.get(f"/certificados/verificar/{certificate.code}/credencial.jwt").content.decode()
    revoked_jwt = client.get(f"/certificados/verificar/{revoked_certificate.code}/credencial.jwt").content.decode()
    services.revoke(revoked_certificate, "Emitido por error", by=ministry)
    tampered = copy.deepcopy(valid)
    tampered["credentialSubject"]["name"] = tamper_name(valid["credentialSubject"]["name"])
    assert tampered["credentialSubject"]["name"] == "Gosé Ñúñez Muñoz"

    status_url = valid["credentialStatus"]["statusListCredential"]
    assert revoked["credentialStatus"]["statusListCredential"] == status_url
    did_document = get_json(client, "/.well-known/did.json")
    bundle = {
        "documents": {
            did_document["id"]: did_document,
            status_url: get_json(client, status_url.removeprefix("http://testserver")),
        },
        "credentials": {"valid": valid, "tampered": tampered, "revoked": revoked},
        "jwts": {"valid_jwt": valid_jwt, "tampered_jwt": tampered_jwt(valid_jwt), "revoked_jwt": revoked_jwt},
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    finished = subprocess.run(  # noqa: S603 (our own script, a path we made)
        [node, str(SCRIPT), str(path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    results = json.loads(finished.stdout)

    assert results["valid"] == {"verified": True, "revoked": False, "error": None}
    assert results["tampered"]["verified"] is False
    assert results["tampered"]["error"] == "Invalid signature."
    assert results["revoked"] == {"verified": True, "revoked": True, "error": None}  # a good signature, revoked
    assert results["valid_jwt"] == {"verified": True, "revoked": False, "error": None}
    assert results["tampered_jwt"]["verified"] is False and "signature" in results["tampered_jwt"]["error"]
    assert results["revoked_jwt"] == {"verified": True, "revoked": True, "error": None}
