"""Embedded Data Integrity proofs with the ``eddsa-rdfc-2022`` cryptosuite (W3C Data Integrity EdDSA 1.0).

To sign: canonicalize the proof options (the proof without ``proofValue``, with the document's ``@context``) and the
document without its proof (RDFC-1.0), hash each with SHA-256, sign proof hash + document hash with Ed25519, and
add the signature as ``proofValue``, multibase base58btc. Any verifier with the same contexts and the issuer's
public key (from the DID document) repeats the hashing and checks the signature; change one letter and it fails.
"""

import hashlib
from datetime import UTC

from . import contexts, did, multibase

CRYPTOSUITE = "eddsa-rdfc-2022"


def xsd_datetime(value):
    """A UTC XSD dateTime without fractions of a second, e.g. ``2026-12-06T20:00:00Z``."""
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def proof_options(document, key, created):
    return {
        "@context": document["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": did.method_id(key),
        "proofPurpose": "assertionMethod",
    }


def hash_data(document, options):
    """What is signed: SHA-256 of the canonical proof options, then SHA-256 of the canonical document."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    return (
        hashlib.sha256(contexts.canonical(options).encode("utf-8")).digest()
        + hashlib.sha256(contexts.canonical(unsecured).encode("utf-8")).digest()
    )


def sign(document, key, created):
    """``document`` with an embedded proof by ``key`` (an Ed25519 ``SigningKey``), ``created`` a datetime."""
    options = proof_options(document, key, xsd_datetime(created))
    signature = key.private_key.sign(hash_data(document, options))
    proof = {name: value for name, value in options.items() if name != "@context"}
    return {**document, "proof": {**proof, "proofValue": multibase.base58btc(signature)}}
