"""The credential as a VC-JWT signed ES256 (P-256), the form Open Badges 3.0 describes for JSON Web Tokens and that
1EdTech's validator accepts: the credential in the ``vc`` claim, with ``iss``, ``jti`` and ``nbf`` mirroring its
issuer, id and ``validFrom``, and ``kid`` naming the key in the issuer's DID document."""

import jwt

from . import did


def vc_jwt(document, key, valid_from):
    payload = {
        "iss": document["issuer"]["id"],
        "jti": document["id"],
        "nbf": int(valid_from.timestamp()),
        "vc": document,
    }
    return jwt.encode(payload, key.private_key, algorithm="ES256", headers={"kid": did.method_id(key), "typ": "JWT"})
