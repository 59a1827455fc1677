import pytest

from core.search import search_terms


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ("  participación   ciudadana ", "participación ciudadana"),
        ('"mapa de actores', "mapa de actores"),
        ("paradero\x00\x07\ttechado\n", "paradero techado"),
        ("", ""),
    ],
)
def test_search_terms_are_plain_words(typed, searched):
    assert search_terms(typed) == searched
