"""The issuer's identity: ``did:web`` for the site's host, and the DID document served at ``/.well-known/did.json``.

``did:web`` needs no registry: a verifier (or a test with the document on disk) reads the keys from the site
itself. The port, when there is one, is percent-encoded (``did:web:127.0.0.1%3A8000``), as the method requires.
The document lists every key ever used, so credentials signed before a rotation still verify.
"""

from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from jwt.algorithms import ECAlgorithm

from core.pdf import base_url

from . import keys, multibase

DID_CONTEXTS = [
    "https://www.w3.org/ns/did/v1",
    "https://w3id.org/security/multikey/v1",
    "https://w3id.org/security/suites/jws-2020/v1",
]


def issuer_did():
    """``did:web:<host>`` of the public address (``BASE_URL``), with ``:`` before a port encoded as ``%3A``."""
    netloc = urlsplit(base_url()).netloc.lower()
    return "did:web:" + netloc.replace(":", "%3A")


def method_id(key):
    return f"{issuer_did()}#{key.fragment}"


def multikey(public_key):
    """An Ed25519 public key as a Multikey: ``z`` + base58btc of the multicodec prefix and the 32 raw bytes."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase.base58btc(multibase.ED25519_PUBLIC_KEY + raw)


def public_jwk(public_key):
    jwk = ECAlgorithm.to_jwk(public_key, as_dict=True)
    return {name: jwk[name] for name in ("kty", "crv", "x", "y")}


def verification_method(key):
    method = {"id": method_id(key), "controller": issuer_did()}
    if key.kind == keys.ED25519:
        return {**method, "type": "Multikey", "publicKeyMultibase": multikey(key.public_key)}
    return {**method, "type": "JsonWebKey2020", "publicKeyJwk": public_jwk(key.public_key)}


def document(keyring):
    """The DID document: every key, each allowed to assert (sign) credentials."""
    methods = [verification_method(key) for key in keyring.keys]
    return {
        "@context": DID_CONTEXTS,
        "id": issuer_did(),
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
