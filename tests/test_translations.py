"""Every interface string has a Spanish translation, and every catalogue is committed in a compilable state."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted([*ROOT.glob("locale/es/LC_MESSAGES/django.po"), *ROOT.glob("*/locale/es/LC_MESSAGES/django.po")])


def test_there_are_spanish_catalogues():
    names = {path.relative_to(ROOT).parts[0] for path in CATALOGUES}
    assert {"locale", "accounts", "home"} <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert catalogue.metadata["Language"] == "es"
