"""A certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (a W3C Verifiable Credential 2.0).

It says what the PDF prints and nothing more: the holder's name, the course, its hours, the completion date, the
certified text (with the municipality), the issuer, the code and the verification address. The holder is identified
by an ``IdentityObject`` holding a salted SHA-256 hash of their email (as Open Badges 3.0 recommends where the plain
value would expose personal data): they can prove it is theirs, nobody can read it. The criteria are in Spanish with
an English alternative (JSON-LD language-tagged values).
"""

import hashlib
import secrets
import uuid
from urllib.parse import urljoin

from core.pdf import base_url

from . import contexts, status
from .addresses import absolute
from .did import issuer_did
from .proofs import xsd_datetime

MINISTRY = "Ministerio de Transportes y Telecomunicaciones de Chile"
CRITERIA = {
    "es": (
        "Completar todas las lecciones obligatorias y aprobar todos los cuestionarios obligatorios del curso "
        "«{title}» ({hours} horas de dedicación) en la plataforma Cocrea."
    ),
    "en": (
        "Complete every required lesson and pass every required quiz of the course “{title}” ({hours} hours of "
        "study) on the Cocrea platform."
    ),
}
DESCRIPTION = "Curso de {hours} horas del programa Cocrea para funcionarias y funcionarios municipales."


def identity_hash(email, salt):
    """Open Badges 3.0's ``IdentityHash``: ``sha256$`` + the hex SHA-256 of the identity followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()


def snapshot(certificate):
    """The fields a ``Credential`` keeps from the day it is made: course address and description, holder hash."""
    course = certificate.enrolment.course
    salt = secrets.token_hex(16)
    email = certificate.enrolment.user.email
    path = course.url if course else None
    return {
        "achievement_id": urljoin(base_url(), path) if path else urn("achievement", certificate.course_title),
        "achievement_description": (course.summary if course else "") or DESCRIPTION.format(hours=certificate.hours),
        "salt": salt if email else "",
        "identity_hash": identity_hash(email, salt) if email else "",
    }


def urn(kind, name):
    """A stable identifier for something without an address of its own (a deleted course, the ministry)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"cocrea:{kind}:{name}").urn


def credential_address(certificate):
    return absolute("certificates:credential_json", certificate.code)


def subject(certificate, credential):
    identifiers = []
    if credential.identity_hash:
        identifiers.append(
            {
                "type": "IdentityObject",
                "identityHash": credential.identity_hash,
                "identityType": "emailAddress",
                "hashed": True,
                "salt": credential.salt,
            }
        )
    return {
        "type": ["AchievementSubject"],
        "name": certificate.holder_name,
        "identifier": identifiers,
        "activityEndDate": f"{certificate.completed_on.isoformat()}T00:00:00Z",
        "narrative": certificate.body,
        "achievement": {
            "id": credential.achievement_id,
            "type": ["Achievement"],
            "achievementType": "Course",
            "name": certificate.course_title,
            "description": credential.achievement_description,
            "criteria": {
                "narrative": [
                    {"@value": text.format(title=certificate.course_title, hours=certificate.hours), "@language": lang}
                    for lang, text in CRITERIA.items()
                ]
            },
            "inLanguage": "es",
        },
    }


def credential(certificate, credential):
    """The unsigned ``OpenBadgeCredential`` of ``certificate`` (``credential``: its ``Credential`` row)."""
    verification = absolute("certificates:verification", certificate.code)
    return {
        "@context": [contexts.VC_V2, contexts.OB_V3],
        "id": credential_address(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{certificate.title}: {certificate.course_title}",
        "issuer": {
            "id": issuer_did(),
            "type": ["Profile"],
            "name": certificate.issuer,
            "url": base_url(),
            "parentOrg": {"id": urn("organisation", MINISTRY), "type": ["Profile"], "name": MINISTRY},
        },
        "validFrom": xsd_datetime(certificate.issued_at),
        "awardedDate": xsd_datetime(certificate.issued_at),
        "credentialSubject": subject(certificate, credential),
        "evidence": [
            {
                "id": verification,
                "type": ["Evidence"],
                "name": f"Certificado {certificate.display_code}",
                "description": "Página pública de verificación del certificado en PDF con este código.",
            }
        ],
        "credentialStatus": status.entry(credential),
    }
