"""Language detection on a sample of the prose."""

from __future__ import annotations

import pytest

from bot.errors import UnsupportedLanguageError
from bot.language import detect_language, ensure_english, sample
from tests.conftest import DATA

GERMAN = (
    "Der Stadtrat hat am Dienstagabend beschlossen, in den kommenden zwei Jahren mehr als zwanzig "
    "Kilometer neue Radwege in der Innenstadt zu bauen. Die Entscheidung fiel nach einer langen "
    "Debatte mit knapper Mehrheit.\n"
    "Kritik kam von den Einzelhändlern in der Fußgängerzone. Sie befürchten, dass durch den "
    "Wegfall von Parkplätzen weniger Kunden in die Innenstadt kommen."
)
FRENCH = (
    "Le conseil municipal a décidé mardi soir de construire plus de vingt kilomètres de pistes "
    "cyclables dans le centre-ville au cours des deux prochaines années."
)


def test_english_article():
    text = (DATA / "crocus-city-hall.txt").read_text(encoding="utf-8")
    assert detect_language(text) == ("en", "English")
    assert ensure_english(text) == "en"


@pytest.mark.parametrize(
    ("text", "code", "name"), [(GERMAN, "de", "German"), (FRENCH, "fr", "French")]
)
def test_other_languages(text, code, name):
    assert detect_language(text) == (code, name)
    with pytest.raises(UnsupportedLanguageError) as info:
        ensure_english(text)
    assert info.value.code == code
    assert str(info.value) == f"articles in {name} are not supported yet"


def test_mixed_page_is_judged_by_its_article():
    boilerplate = "\n".join(
        ["Accept cookies", "Sign in", "Subscribe", "Share on Facebook", "Follow us on Twitter"] * 3
    )
    assert detect_language(boilerplate + "\n" + GERMAN + "\n" + boilerplate)[0] == "de"


def test_sample_prefers_long_paragraphs_and_is_bounded():
    text = "Menu\nHome\n" + "A long paragraph of prose. " * 300
    chosen = sample(text, limit=500)
    assert len(chosen) <= 500
    assert chosen.startswith("A long paragraph")


def test_too_short_to_tell_counts_as_english():
    assert detect_language("OK") == ("en", "English")
    assert ensure_english("Hallo") == "en"
