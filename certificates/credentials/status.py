"""Revocation that verifiers see: each credential's place in a status list, and the signed list itself.

A ``BitstringStatusListCredential`` (W3C Bitstring Status List 1.0) holds one bit per index, the first index the
left-most bit of the first byte; ``1`` means revoked. The bits are the certificates' status read in one query when
the list is served (revoked or replaced → 1), GZIP-compressed and written as multibase base64url (``u…``), then
signed like any credential. The bits are read on every request, so a revocation shows at once; the signature,
the costly part (canonicalization: see ``bench/credentials.py``), is made once per version of the bits and kept in
the cache. Verifiers may keep a list for at most ``MAX_AGE`` seconds.
"""

import gzip
import hashlib
import secrets

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Q

from ..models import Credential, StatusList
from . import contexts, did, multibase, proofs
from .addresses import absolute

MAX_AGE = 60  # seconds a verifier may keep a list: a revocation reaches everyone within a minute
FILL_LIMIT = 0.5  # a list this full takes no more credentials, so a random free index is found in few tries
ATTEMPTS = 20
# zlib's default: gzip's own default (9) takes ~70 ms on a list with 5,000 bits set, for 4 % fewer bytes
GZIP_LEVEL = 6
SIGNED_LIST_TIMEOUT = 24 * 60 * 60  # seconds a signed version of a list is kept for when its bits are the same


def list_address(status_list):
    return absolute("certificates:status_list", status_list.pk)


def current_list():
    """The list new credentials go to: the newest that is less than half full, or a new one."""
    status_list = StatusList.objects.order_by("-pk").first()
    if status_list is None or status_list.credentials.count() >= status_list.size * FILL_LIMIT:
        status_list = StatusList.objects.create()
    return status_list


def allocate(certificate, **fields):
    """The certificate's ``Credential`` at a random free index (another request may have made it first)."""
    for _attempt in range(ATTEMPTS):
        status_list = current_list()
        try:
            with transaction.atomic():
                return Credential.objects.create(
                    certificate=certificate,
                    status_list=status_list,
                    status_index=secrets.randbelow(status_list.size),
                    **fields,
                )
        except IntegrityError:
            existing = Credential.objects.filter(certificate=certificate).first()
            if existing is not None:
                return existing
    raise RuntimeError(f"No free status index in {ATTEMPTS} attempts.")


def entry(credential):
    """The ``credentialStatus`` of a credential: where a verifier looks up its bit."""
    address = list_address(credential.status_list)
    return {
        "id": f"{address}#{credential.status_index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(credential.status_index),
        "statusListCredential": address,
    }


def revoked_indexes(status_list):
    invalid = Q(certificate__revoked_at__isnull=False) | Q(certificate__replaced_at__isnull=False)
    return Credential.objects.filter(invalid, status_list=status_list).values_list("status_index", flat=True)


def encoded_list(size, indexes):
    """GZIP of the bitstring with ``indexes`` set, as multibase base64url."""
    bits = bytearray(size // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return multibase.base64url(gzip.compress(bytes(bits), compresslevel=GZIP_LEVEL, mtime=0))


def list_credential(status_list, keyring, now):
    """The signed ``BitstringStatusListCredential`` of ``status_list``: signed again only when its bits change (or
    the issuer or key does), else as kept in the cache, with the time it was signed as ``validFrom``."""
    encoded = encoded_list(status_list.size, revoked_indexes(status_list))
    address, issuer = list_address(status_list), did.issuer_did()
    version = hashlib.sha256(f"{address} {issuer} {keyring.data_integrity.fragment} {encoded}".encode()).hexdigest()
    key = f"certificates:status-list:{version}"
    document = cache.get(key)
    if document is None:
        unsigned = {
            "@context": [contexts.VC_V2],
            "id": address,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer,
            "validFrom": proofs.xsd_datetime(now),
            "credentialSubject": {
                "id": f"{address}#list",
                "type": "BitstringStatusList",
                "statusPurpose": "revocation",
                "encodedList": encoded,
            },
        }
        document = proofs.sign(unsigned, keyring.data_integrity, now)
        cache.set(key, document, timeout=SIGNED_LIST_TIMEOUT)
    return document
