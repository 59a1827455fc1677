"""Search input from visitors, made safe for every search backend the site runs on."""


def search_terms(text):
    """``text`` as plain words for Wagtail search: spaces collapsed and double quotes dropped.

    In SQLite's full-text syntax a double quote opens a phrase the visitor cannot be expected to close (an unmatched
    one is a database error); PostgreSQL's backend gives them no meaning here either.
    """
    return " ".join(text.replace('"', " ").split())
