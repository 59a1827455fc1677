"""Verification codes: unguessable, easy to type and read aloud, with a check character that catches typos.

A code is 11 random characters from Crockford's base-32 alphabet (digits and capitals without I, L, O and U,
so nothing looks like something else) plus one check character, computed with the Luhn mod N algorithm, which
catches every single-character mistake and every swap of two neighbours but one (0 and Z). 55 random bits:
guessing a valid code by trying, at the verification page's rate limit, would take longer than the programme
will exist.

Stored without separators (``7K3M9QX2ZD4B``); printed in capitals in groups of four (``7K3M-9QX2-ZD4B``). What a
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


#: The code shown as an example in hints and messages: a valid one (it passes its own check character).
EXAMPLE = "7K3M9QX2ZD4" + check_character("7K3M9QX2ZD4")


def generate():
    body = "".join(secrets.choice(ALPHABET) for _position in range(RANDOM_LENGTH))
    return body + check_character(body)


class Problem:
    """Why what a person typed cannot be a code (``problem``), so that the message says what to fix."""

    LENGTH = "length"
    CHARACTERS = "characters"
    CHECK = "check"


def cleaned(typed):
    """What a person typed without separators, in capitals, with confusable letters read as digits."""
    return SEPARATORS.sub("", str(typed or "")).upper().translate(CONFUSABLE)


def problem(typed):
    """``None`` if ``typed`` can be a code; otherwise a ``Problem``: its length, a character outside the
    alphabet, or (twelve good characters) a check character that does not match, i.e. a typo somewhere."""
    candidate = cleaned(typed)
    if len(candidate) != LENGTH:
        return Problem.LENGTH
    if any(character not in ALPHABET for character in candidate):
        return Problem.CHARACTERS
    if check_character(candidate[:-1]) != candidate[-1]:
        return Problem.CHECK
    return None


def normalise(typed):
    """The stored form of what a person typed, or ``None`` if it cannot be a code (wrong length, letters, check)."""
    return None if problem(typed) else cleaned(typed)


def display(code):
    """``7K3M9QX2ZD4B`` → ``7K3M-9QX2-ZD4B``, as printed."""
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))
