"""The issuer's signing keys: Ed25519 for Data Integrity proofs, P-256 for VC-JWTs.

They live in one JSON file, ``issuer-keys.json`` in ``settings.CREDENTIAL_KEYS_DIR`` (from the environment), outside
the database and ``MEDIA_ROOT`` so neither a database dump nor the media proxy ever holds them, written with mode
0600 in a folder of mode 0700. Rotating adds a key of each kind and keeps the old ones: the newest signs, and the
DID document keeps publishing the old ones so that credentials signed before still verify. A file that is missing
or cannot be read makes ``load`` raise ``KeysUnavailable``: the credential addresses answer 503 and ``manage.py
check`` warns, while the rest of the site serves as usual.
"""

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

FILENAME = "issuer-keys.json"
ED25519, P256 = "Ed25519", "P-256"
KINDS = {ED25519: "ed25519", P256: "p256"}  # the prefix of each kind's key ids (fragments of the DID)


class KeysUnavailable(Exception):
    """The key file is missing, unreadable or malformed."""


@dataclass(frozen=True)
class SigningKey:
    fragment: str  # e.g. "ed25519-1": the verification method is ``<did>#<fragment>``
    kind: str
    created: str
    private_key: object

    @property
    def public_key(self):
        return self.private_key.public_key()


@dataclass(frozen=True)
class Keyring:
    keys: tuple  # every key, oldest first

    def of_kind(self, kind):
        return [key for key in self.keys if key.kind == kind]

    @property
    def data_integrity(self):
        """The newest Ed25519 key: the one that signs."""
        return self.of_kind(ED25519)[-1]

    @property
    def jwt(self):
        """The newest P-256 key: the one that signs."""
        return self.of_kind(P256)[-1]


def location():
    return Path(settings.CREDENTIAL_KEYS_DIR) / FILENAME


_loaded = {}
_lock = threading.Lock()


def load():
    """The keyring, read again only when the file changes (rotation takes effect without a restart)."""
    path = location()
    try:
        stat = path.stat()
        version = (str(path), stat.st_mtime_ns, stat.st_size)
        keyring = _loaded.get(version)
        if keyring is None:
            keyring = parse(json.loads(path.read_text(encoding="utf-8")))
            with _lock:
                _loaded.clear()
                _loaded[version] = keyring
        return keyring
    except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
        raise KeysUnavailable(f"the issuer's keys at {path} cannot be used: {error}") from error


def parse(data):
    from cryptography.hazmat.primitives import serialization  # signing only: web processes rarely load keys
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    keys = tuple(
        SigningKey(
            fragment=entry["id"],
            kind=entry["type"],
            created=entry["created"],
            private_key=serialization.load_pem_private_key(entry["private_key"].encode("ascii"), password=None),
        )
        for entry in data["keys"]
    )
    keyring = Keyring(keys)
    if not isinstance(keyring.data_integrity.private_key, ed25519.Ed25519PrivateKey) or not isinstance(
        keyring.jwt.private_key, ec.EllipticCurvePrivateKey
    ):
        raise ValueError("the newest keys are not Ed25519 and P-256")
    return keyring


def new_entry(kind, number):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519

    private_key = ed25519.Ed25519PrivateKey.generate() if kind == ED25519 else ec.generate_private_key(ec.SECP256R1())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return {
        "id": f"{KINDS[kind]}-{number}",
        "type": kind,
        "created": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "private_key": pem.decode("ascii"),
    }


def write(data):
    """Replace the key file atomically, never readable by anyone but its owner, not even for a moment."""
    path = location()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".keys-")  # created with mode 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def generate():
    """Create the first pair of keys; ``False`` (nothing written) when a key file is already there."""
    if location().exists():
        return False
    write({"keys": [new_entry(ED25519, 1), new_entry(P256, 1)]})
    return True


def rotate():
    """Add a new key of each kind after the existing ones (which stay published); returns the new keyring."""
    data = json.loads(location().read_text(encoding="utf-8"))
    parse(data)  # refuse to build on a file that does not load
    for kind in (ED25519, P256):
        count = sum(entry["type"] == kind for entry in data["keys"])
        data["keys"].append(new_entry(kind, count + 1))
    write(data)
    return load()
