"""Verifiable credentials: every certificate also an Open Badges 3.0 credential that anyone can check offline.

The pieces, each in its own module:

- ``keys``: the issuer's signing keys (Ed25519 for Data Integrity proofs, P-256 for JWTs), kept in files outside the
  database and ``MEDIA_ROOT``, generated and rotated by ``manage.py credential_keys``;
- ``did``: the issuer's identity, ``did:web`` for the site's host, and its DID document;
- ``contexts``: the JSON-LD contexts, vendored and loaded from files, never from the network;
- ``documents``: the ``OpenBadgeCredential`` of a certificate;
- ``proofs``: the embedded Data Integrity proof (``eddsa-rdfc-2022``);
- ``tokens``: the same credential as a VC-JWT signed ES256;
- ``status``: revocation as a signed ``BitstringStatusListCredential``;
- ``issuing``: what the views and the data export ask for (a certificate's signed credential).
"""
