"""The cleanup rules and the offset map of prepare_for_analysis."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.cleanup import clean_text, is_boilerplate, is_update_signal, prepare_for_analysis
from tests.conftest import DATA

CROCUS = (DATA / "crocus-city-hall.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def crocus():
    return prepare_for_analysis(CROCUS)


def test_crocus_boilerplate_and_teaser_are_removed(crocus):
    text = crocus.text
    assert "Whatsapp" not in text
    assert "click here" not in text.lower()
    assert "The …" not in text
    assert "Further updates coming soon" not in text
    # The title is kept once, the body once.
    assert text.count("because the USA and Russia can get closer") == 1
    assert text.count("The attack on the Crocus City Hall") == 1
    assert text.rstrip().endswith("without the intention of humiliating the other.")


def test_crocus_glued_words_are_split(crocus):
    assert "the Isis-k claimed" in crocus.text
    assert "Ukraine certainly the hottest" in crocus.text
    assert "theIsis-k" not in crocus.text and "Ukrainecertainly" not in crocus.text


def test_crocus_update_signal(crocus):
    assert crocus.signals == {"update_expected": True}


def test_offsets_map_back_exactly(crocus):
    original, prepared = CROCUS, crocus
    assert len(prepared.to_original) == len(prepared.text) + 1
    assert prepared.to_original[-1] == len(original)
    for phrase in ("Karine Jean-Pierre", "common enemy", "$85 a barrel", "Colin Clarke"):
        s = prepared.text.index(phrase)
        e = s + len(phrase)
        assert original[prepared.to_original[s] : prepared.to_original[e]] == phrase
        assert original[slice(*prepared.map_span(s, e))] == phrase
    # A whole body paragraph maps back verbatim.
    para = next(p for p in prepared.text.split("\n\n") if p.startswith("There White House"))
    s = prepared.text.index(para)
    start, end = prepared.map_span(s, s + len(para))
    assert original[start:end] == para


def test_offsets_are_monotonic_and_every_copied_char_matches(crocus):
    mapping = crocus.to_original
    assert all(a <= b for a, b in pairwise(mapping))
    mismatches = [
        i for i, ch in enumerate(crocus.text) if CROCUS[mapping[i] : mapping[i] + 1] != ch
    ]
    # Only the two inserted spaces differ ("the Isis-k", "Ukraine certainly").
    assert len(mismatches) == 2
    assert all(crocus.text[i] == " " for i in mismatches)


def test_span_across_a_glue_fix_maps_to_the_glued_original(crocus):
    s = crocus.text.index("the Isis-k")
    start, end = crocus.map_span(s, s + len("the Isis-k"))
    assert CROCUS[start:end] == "theIsis-k"


def test_span_ending_before_a_deletion_excludes_it(crocus):
    s = crocus.text.index("Weak signals")
    end = len(crocus.text.rstrip())
    start, stop = crocus.map_span(s, end)
    assert CROCUS[start:stop].endswith("humiliating the other.")
    assert "Further updates" not in CROCUS[start:stop]


def test_clean_text_equals_prepared_text():
    assert clean_text(CROCUS).text == prepare_for_analysis(CROCUS).text.strip()


def test_unchanged_text_maps_to_itself():
    text = "A plain paragraph.\n\nAnother one, with nothing to clean."
    prepared = prepare_for_analysis(text)
    assert prepared.text == text
    assert prepared.to_original == list(range(len(text) + 1))
    assert prepared.signals == {}


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our newsletter",
        "Follow us on Twitter and Facebook.",
        "Follow The Daily Planet Opinion section on Facebook, Twitter and Instagram.",
        "Click here to read the full report.",
        "Read more: Oil prices climb as drones hit refineries",
        "Related: Five things to know about the election",
        "[Related: What the ruling means for renters]",
        "SEE MORE: Protesters gather outside parliament",
        "Subscribe to our daily briefing newsletter.",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "© 2024 Example Media Ltd",
        "Copyright 2019 The Associated Press. All rights reserved.",
        "Share this article",
        "Like this story? Share it with a friend!",
        "You may also like...",
        "DON'T MISS",
        "12 comments",
        "Example.com is also on Telegram. Simply click here to join the channel (free)",
        "Advertisement",
    ],
)
def test_calls_to_action_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "More than 100 people were evacuated from the building on Tuesday.",
        "Millions of people sign up for health insurance every year, officials said.",
        "The minister said she would follow the talks closely.",
        "Also, the company said it would cut 200 jobs.",
        "The Latest: Man stabbed to death on commuter train",
        "Related companies have denied any wrongdoing, their lawyers said.",
        "Read the full statement, which runs to 40 pages, on the ministry's site, she added, "
        "before taking questions about the budget, the strike and the upcoming election "
        "from reporters who had waited outside since the morning for the press conference.",
    ],
)
def test_prose_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_related_list_is_removed_with_its_label():
    text = (
        "The council approved the plan on Monday after a long debate.\n"
        "Related:\n"
        "- Ten things to know about the new plan\n"
        "- Who voted against it\n"
        "The work starts in spring, the mayor said."
    )
    cleaned = clean_text(text).text
    assert "Ten things" not in cleaned and "Related" not in cleaned
    assert "The work starts in spring" in cleaned


@pytest.mark.parametrize(
    "sentence",
    [
        "Further updates coming soon.",
        "This story is developing and will be updated.",
        "More to follow.",
        "This is a developing story.",
        "Check back later for updates.",
    ],
)
def test_update_signals(sentence):
    assert is_update_signal(sentence)
    result = clean_text(f"The fire broke out at noon, police said.\n{sentence}")
    assert result.signals.get("update_expected") is True
    assert result.text == "The fire broke out at noon, police said."


def test_no_signal_for_past_updates():
    result = clean_text("This story has been updated to correct the date of the vote.")
    assert "update_expected" not in result.signals


def test_title_is_dropped_from_the_lead_only():
    text = "Bridges close again\nThe bridges closed for the eleventh time this year on Monday, \
officials said, citing urgent repairs.\nBridges close again"
    cleaned = clean_text(text, title="Bridges close again").text
    assert cleaned.startswith("The bridges closed")
    assert cleaned.endswith("Bridges close again")


def test_repeated_lines_in_the_body_are_kept():
    text = (
        "The recipe is simple and takes less than an hour to prepare at home, she said.\n"
        "Eat every 2–3 hours\nMeal 1\nEat every 2–3 hours\nMeal 2"
    )
    assert clean_text(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        "He bought an iPhone and watched YouTube on his PlayStation at McDonald's.",
        "The Linebacker of the year award went to Jones. Linebacker stats follow.",
        "She said the Delhiite view is common, as any Delhi resident will tell you.",
        "Brace yourself, Swifties: Taylor Swift may not sing her hits.",
        "The installation Parabolic Lightcloud shows a cloud of light over the canal.",
    ],
)
def test_real_words_and_names_are_not_split(text):
    assert clean_text(text).text == text


def test_glue_needs_clear_evidence():
    text = "Talks in Ukraine resumed. The conflict in Ukrainecertainly matters to Europe."
    assert "Ukraine certainly matters" in clean_text(text).text
    # No standalone "Ukraine" elsewhere: no evidence, no split.
    alone = "The conflict in Ukrainecertainly matters to Europe."
    assert clean_text(alone).text == alone
