"""Multibase encodings used by Data Integrity and the status list: base58btc (``z…``) and base64url (``u…``)."""

import base64

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
# Multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
ED25519_PUBLIC_KEY = b"\xed\x01"


def base58btc(data):
    """``z`` + the Bitcoin base58 encoding of ``data`` (leading zero bytes become ``1``)."""
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = BASE58_ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + BASE58_ALPHABET[0] * zeros + encoded


def base64url(data):
    """``u`` + base64url without padding, as the Bitstring Status List's ``encodedList``."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
