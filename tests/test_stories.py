"""Story matching on short synthetic articles: the same event in other words joins, others don't."""

from __future__ import annotations

import json
import time

import pytest

from bot.stories import (
    DEFAULT_THRESHOLD,
    StoryProfile,
    article_fingerprint,
    assign_story,
    entity_key,
    similarity,
    story_title,
    time_factor,
)
from bot.types import Analysis, ArticleMeta, Entity, KeyFact, TextAnalysis


def make(
    title: str,
    text: str,
    entities: list[tuple[str, str, int]],
    published: str | None,
    facts: tuple[str, ...] = (),
) -> Analysis:
    result = TextAnalysis(
        summary="",
        key_facts=[KeyFact(f, 0, len(f)) for f in facts],
        entities=[Entity(t, label, n) for t, label, n in entities],
    )
    meta = ArticleMeta(source="test", title=title, published=published)
    return Analysis(meta=meta, text=text, result=result)


DAM_WIRE = make(
    "Dam bursts above Varnfield, flooding 300 homes",
    "A dam above the mountain town of Varnfield burst early on Tuesday, sending a wall of water "
    "through the valley and flooding 300 homes, regional officials said. Two people were missing. "
    "Governor Elena Markov said the reservoir had been filled beyond capacity after a week of "
    "rain. Rescue crews in boats searched the flooded streets of Varnfield through the morning.",
    [
        ("Varnfield", "GPE", 3),
        ("Elena Markov", "PERSON", 1),
        ("Tarn Valley", "LOC", 1),
        ("Varn Reservoir", "FAC", 2),
        ("Civil Protection Agency", "ORG", 1),
    ],
    "2024-05-14",
    ("A dam above Varnfield burst, flooding 300 homes.",),
)
DAM_LOCAL = make(
    "Varnfield flood: families rescued from rooftops after reservoir dam gives way",
    "Families climbed onto their rooftops in Varnfield as the reservoir dam gave way on Tuesday. "
    "Around 300 homes are under water and two residents remain missing, Governor Markov told "
    "reporters, blaming a week of heavy rain that filled the reservoir past its capacity. Boats "
    "from the rescue service ferried families out of the flooded streets of the Tarn Valley.",
    [
        ("Varnfield", "GPE", 2),
        ("Markov", "PERSON", 2),
        ("Tarn Valley", "LOC", 1),
        ("Varn Reservoir", "FAC", 1),
        ("Red Cross", "ORG", 1),
    ],
    "2024-05-15",
    ("The reservoir dam gave way, and about 300 homes are under water.",),
)
MARKOV_BUDGET = make(
    "Governor Markov presents budget with school spending rise",
    "Governor Elena Markov presented the regional budget on Thursday, with a rise in spending on "
    "schools and teachers' pay, and a cut in the fuel tax. Opposition leaders called the plan "
    "unaffordable, and Freedom Party leader Petr Holm said it would not pass. The Regional "
    "Assembly in Varnfield votes on the budget next month.",
    [
        ("Elena Markov", "PERSON", 2),
        ("Varnfield", "GPE", 1),
        ("Petr Holm", "PERSON", 1),
        ("Regional Assembly", "ORG", 2),
        ("Freedom Party", "ORG", 1),
    ],
    "2024-06-06",
    ("Markov presented a budget raising school spending.",),
)
OTHER_NEWS = [
    make(
        "Central bank holds rates as inflation cools",
        "The central bank held interest rates on Wednesday as inflation cooled for a third month.",
        [("Central Bank", "ORG", 2)],
        "2024-05-15",
    ),
    make(
        "Striker signs record contract with city club",
        "The striker signed a record contract with the city club on Monday after a long transfer "
        "saga, the club said.",
        [("City FC", "ORG", 2)],
        "2024-05-13",
    ),
    make(
        "Chipmaker unveils faster processor for laptops",
        "The chipmaker unveiled a faster processor for laptops, promising longer battery life.",
        [("Chipco", "ORG", 3)],
        "2024-05-14",
    ),
]


def fingerprint(analysis: Analysis) -> dict:
    return article_fingerprint(analysis)


def background() -> list[StoryProfile]:
    return [StoryProfile.from_fingerprint(fingerprint(a)) for a in OTHER_NEWS]


def test_fingerprint_is_json_and_round_trips() -> None:
    fp = fingerprint(DAM_WIRE)
    assert json.loads(json.dumps(fp)) == fp
    assert fp["published"] == "2024-05-14"
    assert "varnfield" in fp["entities"] and "markov" in fp["entities"]
    assert "300 home" in fp["numbers"]
    assert {"dam", "flooding", "varnfield"} <= set(fp["terms"])
    assert "said" not in fp["terms"]  # a news word, not evidence


def test_profile_round_trips_through_json() -> None:
    profile = StoryProfile.from_fingerprint(fingerprint(DAM_WIRE))
    profile.add(fingerprint(DAM_LOCAL))
    blob = json.loads(json.dumps(profile.to_json()))
    assert StoryProfile.from_json(blob) == profile


def test_same_event_other_outlet_matches() -> None:
    stories = [(i, p) for i, p in enumerate(background(), start=1)]
    stories.append((99, StoryProfile.from_fingerprint(fingerprint(DAM_WIRE))))
    assert assign_story(fingerprint(DAM_LOCAL), stories, threshold=DEFAULT_THRESHOLD) == 99


def test_same_politician_other_event_does_not_match() -> None:
    dam = StoryProfile.from_fingerprint(fingerprint(DAM_WIRE))
    stories = [(i, p) for i, p in enumerate(background(), start=1)] + [(99, dam)]
    budget = fingerprint(MARKOV_BUDGET)
    assert assign_story(budget, stories, threshold=DEFAULT_THRESHOLD) is None
    # Not only because of the three weeks: on the same day it is still another story.
    budget["published"] = "2024-05-14"
    assert similarity(budget, dam, background=background()) < DEFAULT_THRESHOLD


def test_time_gap_lowers_the_score() -> None:
    story = StoryProfile.from_fingerprint(fingerprint(DAM_WIRE))
    near = fingerprint(DAM_LOCAL)
    far = dict(near, published="2024-06-20")
    assert similarity(far, story) < similarity(near, story) * 0.5
    assert time_factor("2024-05-15", story) == 1.0
    assert time_factor(None, story) == 1.0  # unknown date: no evidence either way
    assert time_factor("2024-05-21", story) == pytest.approx(0.37, abs=0.01)
    assert time_factor("2024-05-04", story) < 0.5  # before the story too


def test_profile_update() -> None:
    profile = StoryProfile.from_fingerprint(fingerprint(DAM_LOCAL))
    profile.add(fingerprint(DAM_WIRE))
    assert profile.articles == 2
    assert (profile.first_published, profile.last_published) == ("2024-05-14", "2024-05-15")
    assert profile.entities["varnfield"] == ["GPE", 2]
    assert profile.numbers["300 home"] == 2
    assert story_title(profile).startswith("Varnfield flood")  # the first article's title
    assert len(profile.terms) <= 60
    # Terms both articles use outweigh terms only one uses.
    assert profile.terms["varnfield"] > profile.terms.get("boat", 0.0)


def test_no_candidates_means_a_new_story() -> None:
    assert assign_story(fingerprint(DAM_WIRE), [], threshold=DEFAULT_THRESHOLD) is None


def test_entity_keys_merge_spellings() -> None:
    assert entity_key("Patrick W. Carlineo Jr.", "PERSON") == entity_key("Carlineo", "PERSON")
    assert entity_key("the U.S.", "GPE") == entity_key("United States", "GPE")


def test_fingerprint_is_cheap() -> None:
    long = make(DAM_WIRE.meta.title or "", DAM_WIRE.text * 40, [], "2024-05-14")
    start = time.perf_counter()
    for _ in range(20):
        article_fingerprint(long)
    assert (time.perf_counter() - start) / 20 < 0.02  # generous for a slow CI machine
