"""The certificates app's part of an official's data download (Ley 19.628; see ``accounts.personal_data``).

Erasure is handled by ``services.forget_holder`` (listening to ``personal_data_erased``): certificates print the
holder's name, so they are revoked, their names blanked and their PDFs deleted. The export holds each certificate's
verifiable credential, signed, as the credential addresses serve it.
"""

from .credentials import issuing, keys
from .credentials.addresses import absolute
from .models import Certificate


def credential(certificate, keyring):
    """The certificate's verifiable credential, signed, and where it is served (nothing once the holder is erased)."""
    if not certificate.holder_name:
        return None
    return {
        "json": absolute("certificates:credential_json", certificate.code),
        "jwt": absolute("certificates:credential_jwt", certificate.code),
        "document": issuing.signed_json(certificate, keyring) if keyring else None,
    }


def export_certificates(user):
    certificates = (
        Certificate.objects.for_holder(user)
        .select_related("replaced_by", "enrolment__user", "enrolment__course", "credential__status_list")
        .order_by("issued_at")
    )
    try:
        keyring = keys.load()
    except keys.KeysUnavailable:
        keyring = None  # the export still lists the credentials' addresses
    return {
        "certificates": [
            {
                "code": certificate.display_code,
                "holder_name": certificate.holder_name,
                "course": certificate.course_title,
                "hours": certificate.hours,
                "completed_on": certificate.completed_on,
                "municipality": certificate.municipality_name,
                "issued_at": certificate.issued_at,
                "status": certificate.status.value,
                "revoked_at": certificate.revoked_at,
                "revoked_reason": certificate.revoked_reason,
                "replaced_by": certificate.replaced_by.display_code if certificate.replaced_by else None,
                "credential": credential(certificate, keyring),
            }
            for certificate in certificates
        ]
    }
