"""The public addresses of verifiable credentials: the issuer's DID document, a certificate's credential (JSON-LD
with a Data Integrity proof, or a VC-JWT) and the status lists.

They are meant for machines (wallets, verifiers), so they answer JSON, with CORS open to any origin. Like the
verification page, each lookup counts against the client's limit (``certificates.ratelimit``). Without usable keys
they answer 503 and log why, while the rest of the site goes on serving.
"""

import json
import logging

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .. import ratelimit
from ..models import Certificate, StatusList
from ..views import not_found, public_lookup
from . import keys

# ``did``, ``issuing`` and ``status`` are imported where a view signs something: they bring JSON-LD, JWT and
# cryptography (some 19 MB), which a web process that never serves a credential does not need to hold.

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 300
JSON_LD = "application/vc+ld+json"
MAX_LIST_DIGITS = 9  # a longer number is no list, and would overflow the database's integer


def machine_response(body, content_type, *, cache_control="no-store"):
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = cache_control
    response["X-Robots-Tag"] = "noindex"
    return response


def as_json(document):
    return json.dumps(document, ensure_ascii=False, indent=2)


def keyring_or_none():
    try:
        return keys.load()
    except keys.KeysUnavailable as error:
        logger.error("Verifiable credentials are not served: %s (run `manage.py credential_keys generate`)", error)
        return None


def unavailable(request):
    response = TemplateResponse(request, "certificates/credential_unavailable.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def did_document(request):
    """``/.well-known/did.json``: the issuer's public keys, past and present."""
    from . import did

    keyring = keyring_or_none()
    if keyring is None:
        return unavailable(request)
    return machine_response(as_json(did.document(keyring)), "application/did+json", cache_control="public, max-age=300")


def credential_view(sign, content_type, extension):
    """A view serving a certificate's credential as ``sign(certificate, keyring)`` makes it."""

    @require_safe
    def view(request, code):
        related = ("enrolment__user", "enrolment__course", "credential__status_list")
        certificate, response = public_lookup(request, code, Certificate.objects.select_related(*related))
        if certificate is None:
            return response
        if not certificate.holder_name:  # their personal data was erased: no credential identifies them any more
            return not_found(request)
        keyring = keyring_or_none()
        if keyring is None:
            return unavailable(request)
        response = machine_response(sign(certificate, keyring), content_type)
        response["Content-Disposition"] = f'inline; filename="credencial-{certificate.code}.{extension}"'
        return response

    return view


def signed_json(certificate, keyring):
    from . import issuing

    return as_json(issuing.signed_json(certificate, keyring))


def signed_jwt(certificate, keyring):
    from . import issuing

    return issuing.signed_jwt(certificate, keyring)


credential_json = credential_view(signed_json, JSON_LD, "json")
credential_jwt = credential_view(signed_jwt, "application/jwt", "jwt")


@require_safe
def status_list(request, number):
    """A signed ``BitstringStatusListCredential``: which credentials of this list are no longer valid, now."""
    if not ratelimit.allow(request):
        return ratelimit.too_many(request)
    if not number.isascii() or not number.isdigit() or len(number) > MAX_LIST_DIGITS:
        raise Http404
    from . import status

    status_list = get_object_or_404(StatusList, pk=int(number))
    keyring = keyring_or_none()
    if keyring is None:
        return unavailable(request)
    document = status.list_credential(status_list, keyring, timezone.now())
    return machine_response(as_json(document), JSON_LD, cache_control=f"public, max-age={status.MAX_AGE}")
