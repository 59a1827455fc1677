"""Verification codes: unguessable, easy to type and read aloud, with a check character that catches typos.

A code is 11 random characters from Crockford's base-32 alphabet (digits and capitals without I, L, O and U,
so nothing looks like something else) plus one check character, computed with the Luhn mod N algorithm, which
catches every single-character mistake and every swap of two neighbours but one (0 and Z). 55 random bits:
guessing a valid code by trying, at the verification page's rate limit, would take longer than the programme
will exist.

Stored without separators (``7K3M9QX2ZD4R``); printed in capitals in groups of four (``7K3M-9QX2-ZD4R``). What a
person types is normalised: case and separators ignored, and the letters people confuse with digits (O, I, L)
read as the digits.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 11
LENGTH = RANDOM_LENGTH + 1
GROUP = 4
CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.·/]+")
PATTERN = rf"[{ALPHABET}]{{{LENGTH}}}"


def check_character(body):
    """The Luhn mod 32 check character of ``body`` (characters of ``ALPHABET``)."""
    base = len(ALPHABET)
    total, factor = 0, 2
    for character in reversed(body):
        addend = factor * ALPHABET.index(character)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def generate():
    body = "".join(secrets.choice(ALPHABET) for _position in range(RANDOM_LENGTH))
    return body + check_character(body)


def normalise(typed):
    """The stored form of what a person typed, or ``None`` if it cannot be a code (wrong length, letters, check)."""
    candidate = SEPARATORS.sub("", str(typed or "")).upper().translate(CONFUSABLE)
    if len(candidate) != LENGTH or any(character not in ALPHABET for character in candidate):
        return None
    if check_character(candidate[:-1]) != candidate[-1]:
        return None
    return candidate


def display(code):
    """``7K3M9QX2ZD4R`` → ``7K3M-9QX2-ZD4R``, as printed."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))
