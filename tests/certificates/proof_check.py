"""An eddsa-rdfc-2022 proof checked in Python from first principles (pyld and cryptography directly, not the
project's signing code): canonicalize, hash, and verify against the public key the DID document publishes."""

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from certificates.credentials.contexts import load_document

BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58_decode(text):
    number = 0
    for character in text:
        number = number * 58 + BASE58.index(character)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def canonical_hash(document):
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": load_document}
    return hashlib.sha256(jsonld.normalize(document, options).encode()).digest()


def public_key(did_document, method_id):
    (method,) = [method for method in did_document["verificationMethod"] if method["id"] == method_id]
    multikey = base58_decode(method["publicKeyMultibase"].removeprefix("z"))
    assert multikey[:2] == b"\xed\x01"  # the multicodec prefix of an Ed25519 public key
    return Ed25519PublicKey.from_public_bytes(multikey[2:])


def proof_verifies(document, did_document):
    proof = dict(document["proof"])
    signature = base58_decode(proof.pop("proofValue").removeprefix("z"))
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    options = {"@context": document["@context"], **proof}
    try:
        public_key(did_document, proof["verificationMethod"]).verify(
            signature, canonical_hash(options) + canonical_hash(unsecured)
        )
    except InvalidSignature:
        return False
    return True
