"""The issuer's keys: generated once (mode 0600, outside the database and media), rotated without breaking what
was signed before, and warned about by ``manage.py check`` when they cannot be used."""

import io
import json
import stat

from django.conf import settings as django_settings
from django.core.management import call_command

from certificates.checks import credential_keys

from .credential_helpers import credential_of, get_json
from .proof_check import proof_verifies


def run(*args):
    out = io.StringIO()
    call_command("credential_keys", *args, stdout=out)
    return out.getvalue()


def test_generate_writes_a_private_file_once(settings, tmp_path):
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "keys"
    output = run("generate")
    path = tmp_path / "keys" / "issuer-keys.json"
    assert "Created the issuer's keys" in output and "did:web:testserver#ed25519-1" in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not path.is_relative_to(django_settings.MEDIA_ROOT)
    before = path.read_bytes()
    assert "nothing to do" in run("generate")
    assert path.read_bytes() == before
    kinds = [entry["type"] for entry in json.loads(before)["keys"]]
    assert kinds == ["Ed25519", "P-256"]


def test_rotation_signs_with_new_keys_and_keeps_the_old_ones(client, certificate, issuer_keys, settings):
    signed_before = credential_of(client, certificate)
    assert "(signs)" in run("rotate")
    did_document = get_json(client, "/.well-known/did.json")
    assert [method["id"].split("#")[1] for method in did_document["verificationMethod"]] == [
        "ed25519-1",
        "p256-1",
        "ed25519-2",
        "p256-2",
    ]
    assert proof_verifies(signed_before, did_document)  # old credentials still verify
    signed_after = credential_of(client, certificate)
    assert signed_after["proof"]["verificationMethod"] == "did:web:testserver#ed25519-2"
    assert proof_verifies(signed_after, did_document)
    path = settings.CREDENTIAL_KEYS_DIR / "issuer-keys.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_check_warns_when_the_keys_cannot_be_used(settings, tmp_path):
    settings.CREDENTIAL_KEYS_DIR = tmp_path / "nowhere"
    (warning,) = credential_keys(None)
    assert warning.id == "certificates.W001"
    assert "issuer-keys.json" in warning.msg and "credential_keys generate" in warning.hint
    run("generate")
    assert credential_keys(None) == []
    path = tmp_path / "nowhere" / "issuer-keys.json"
    path.unlink()
    path.mkdir()  # unreadable as a file, even for root (whom file modes do not stop)
    (warning,) = credential_keys(None)
    assert "Is a directory" in warning.msg
