"""Search input from visitors, made safe for every search backend the site runs on."""

import unicodedata


def search_terms(text):
    """``text`` as plain words for Wagtail search: control characters and double quotes dropped, spaces collapsed.

    PostgreSQL refuses text containing NUL; in SQLite's full-text syntax a double quote opens a phrase the visitor
    cannot be expected to close (an unmatched one is a database error). Neither means anything in a search here.
    """
    kept = "".join(" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in text)
    return " ".join(kept.split())
