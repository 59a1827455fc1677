"""What a certificate's PDF is made from: the snapshot on the certificate and the look of its template.

The same template (``pdf/certificate.html``) renders the PDF in the background and the admin's live preview of
a template with sample data.
"""

from types import SimpleNamespace
from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.pdf import base_url, qr_code, render_template_to_pdf

from . import codes

TEMPLATE = "pdf/certificate.html"
TIME_LIMIT = 30  # seconds; a certificate renders in well under one
PDF_VARIANT = "pdf/a-3a"  # archival and tagged (title, language, structure tree)

SAMPLE = {
    "holder_name": "José Ñúñez Muñoz",
    "course_title": "Co-diseño de servicios municipales",
    "hours": 12,
    "municipality_name": "Talcahuano",
    "code": codes.EXAMPLE,
}


def verification_address(code):
    """The public address of a certificate's verification page, in the site's first language (as printed)."""
    with translation.override(settings.LANGUAGE_CODE):
        return urljoin(base_url(), reverse("certificates:verification", args=[code]))


def long_date(value):
    with translation.override(settings.LANGUAGE_CODE):
        return formats.date_format(value, "j \\d\\e F \\d\\e Y")


def placeholder_values(holder_name, course_title, hours, completed_on, municipality_name):
    return {
        "nombre": holder_name,
        "curso": course_title,
        "horas": hours,
        "fecha": long_date(completed_on),
        "comuna": municipality_name or "—",
    }


def context(certificate, template):
    """The template context for ``certificate`` printed with ``template`` (its look; the text is the snapshot)."""
    url = verification_address(certificate.code)
    return {
        "certificate": certificate,
        "template": template,
        "signatories": list(template.signatories.all()) if template else [],
        "completed_on": long_date(certificate.completed_on),
        "code": certificate.display_code,
        "verification_url": url,
        "qr": qr_code(url, kind="png"),
    }


def sample_context(template):
    """The preview: a made-up certificate with the template's current wording."""
    completed_on = timezone.localdate()
    values = {**SAMPLE, "completed_on": completed_on}
    body = template.fill(
        placeholder_values(
            SAMPLE["holder_name"], SAMPLE["course_title"], SAMPLE["hours"], completed_on, SAMPLE["municipality_name"]
        )
    )
    certificate = SimpleNamespace(
        **values, title=template.title, body=body, issuer=template.issuer, display_code=codes.display(SAMPLE["code"])
    )
    return {**context(certificate, template), "preview": True}


def render(certificate, template):
    return render_template_to_pdf(
        TEMPLATE, context(certificate, template), time_limit_seconds=TIME_LIMIT, pdf_variant=PDF_VARIANT
    )
