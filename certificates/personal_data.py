"""The certificates app's part of an official's data download (Ley 19.628; see ``accounts.personal_data``).

Erasure is handled by ``services.forget_holder`` (listening to ``personal_data_erased``): certificates print the
holder's name, so they are revoked, their names blanked and their PDFs deleted.
"""

from .models import Certificate


def export_certificates(user):
    certificates = Certificate.objects.for_holder(user).select_related("replaced_by").order_by("issued_at")
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
            }
            for certificate in certificates
        ]
    }
