"""A certificate's credential, signed: what the credential addresses serve and the personal-data export holds."""

from ..models import Credential
from . import documents, proofs, status, tokens


def record_for(certificate):
    """The certificate's ``Credential``, made (with its status index) the first time it is asked for."""
    try:
        return certificate.credential
    except Credential.DoesNotExist:
        return status.allocate(certificate, **documents.snapshot(certificate))


def signed_json(certificate, keyring):
    """The ``OpenBadgeCredential`` with its Data Integrity proof (the same bytes every time: Ed25519 is
    deterministic and the proof's time is the credential's)."""
    record = record_for(certificate)
    return proofs.sign(documents.credential(certificate, record), keyring.data_integrity, record.issued_at)


def signed_jwt(certificate, keyring):
    record = record_for(certificate)
    return tokens.vc_jwt(documents.credential(certificate, record), keyring.jwt, certificate.issued_at)
