"""Reported speech: reporting, stance and evidence verbs with their clause or object ('said
that …', 'condemned the attack', 'the report found …', 'ruled out X')."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.analysis import cues
from bot.analysis.positions.context import ArticleContext, inside_used_quote, mark_fragments
from bot.analysis.positions.grammar import (
    is_according,
    is_report_verb,
    plausible_stance_subject,
    second_report,
    subject_of,
)
from bot.analysis.positions.spans import breaks_between, char_range, cue_span
from bot.analysis.positions.via import enclosing_via, via_of
from bot.analysis.speakers import AUTHOR
from bot.types import Content, Position

CONTENT_DEPS = frozenset(["dobj", "prep", "xcomp", "ccomp", "oprd", "dative", "attr", "advcl"])


def reported_positions(ctx: ArticleContext) -> list[Position]:
    out = []
    for tok in ctx.doc:
        if tok.i in ctx.used_cues or not (is_report_verb(tok) or _is_stance_frame(tok)):
            continue
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in cues.REFUSAL_VERBS:
            continue  # "declined to comment on X" reports nothing
        via = enclosing_via(ctx, tok)
        if ctx.quote_of[tok.i] >= 0 and via is None:
            continue
        pos = _reported(ctx, tok, via)
        if pos is not None:
            ctx.used_cues.add(tok.i)
            ctx.report_verbs[pos.cue.start] = tok.i
            out.append(pos)
    return out


def _reported(ctx: ArticleContext, verb: Token, via: str | None) -> Position | None:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "was accused of": the subject is the target, not the speaker
    parts = _interposed(verb) if verb.dep_ == "parataxis" else None
    if parts is not None:
        content: tuple[int, int] | None = (parts[0][0], parts[1][1])
    else:
        content = _verb_content(verb) if is_report_verb(verb) else _frame_content(verb)
    if content is None:
        return None
    subj = subject_of(verb) or _subject_as_object(verb)
    if subj is None or _nobody(subj):
        return None
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    inference = verb.lemma_.lower() in cues.INFERENCE_VERBS
    if (inference or not clause) and not plausible_stance_subject(subj):
        return None
    if _asked_of_subject(verb):
        # "Asked whether she had regrets, she said …": reporters asked, she was asked
        asker = _agent_of(verb)  # "Asked by the BBC whether …": the BBC asked
        question = verb.i + 1 < len(ctx.doc) and ctx.doc[verb.i + 1].lower_ in WH_WORDS
        if asker is None and not question:
            return None  # "Asked about the recipe, she laughed": no question to report
        speaker = ctx.resolver.resolve(asker) if asker is not None else None
    elif _reduced_passive(verb, subj):
        speaker = None  # "Hilly areas, thought to be …": nobody is said to think it
        content = (char_range(subj.left_edge, subj.right_edge) or content)[0], content[1]
    else:
        speaker = ctx.resolver.resolve(subj, in_quote=ctx.quote_of[verb.i] >= 0)
        if speaker is None or (speaker.resolved == AUTHOR and ctx.quote_of[verb.i] >= 0):
            return None
    if _open_question(verb, content[0]) or _anonymity_request(ctx.text[content[0] : content[1]]):
        return None
    start, end = _trim_according(verb, *content) if parts is None else content
    if ctx.resolver.paragraph(start) != ctx.resolver.paragraph(verb.idx):
        return None  # a clause parsed across a paragraph break is not this verb's content
    if via is None and inside_used_quote(ctx, start, end):
        return None
    kind = "mixed" if mark_fragments(ctx, start, end) else "indirect"
    text = " … ".join(ctx.text[a:b] for a, b in parts) if parts else ctx.text[start:end]
    via = via or via_of(ctx, verb)
    return Position(speaker, cue_span(verb), Content(text, start, end, parts), kind, via)


def _interposed(verb: Token) -> list[tuple[int, int]] | None:
    """'Cloud providers, she wrote, were becoming more disciplined': an attribution set
    between commas inside the sentence it reports; the content is the sentence around it."""
    subj = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    # the commas (and an "and" after them) hang on the verb itself
    kids = [c for c in verb.rights if not c.is_punct and c.dep_ != "cc"]
    last = max((c.right_edge.i for c in kids), default=verb.i)
    if last - subj.left_edge.i > 6:
        return None
    doc, sent = verb.doc, verb.sent
    before, after = subj.left_edge.i - 1, last + 1
    if before <= sent.start or after >= sent.end - 1:
        return None
    if doc[before].text != "," or doc[after].text != ",":
        return None
    resume = after + 1
    if doc[resume].dep_ == "cc" and doc[resume].head == verb:
        resume += 1  # "…, Mayer said, and “patched” the software"
    first = char_range(doc[sent.start], doc[before - 1])
    second = char_range(doc[resume], doc[sent.end - 1])
    if first is None or second is None:
        return None
    return [first, second]


WH_WORDS = frozenset(["whether", "if", "what", "how", "when", "why", "who", "which", "where"])
# Verbs whose question-clause is an open question, not a claim: "has not determined what …".
UNSETTLED_VERBS = frozenset(["decide", "determine", "know", "establish"])


def _open_question(verb: Token, start: int) -> bool:
    """'did not say whether he would sign it', 'has not yet determined what caused it': no
    proposition is reported, only a question left open."""
    first = next((t for t in verb.doc[verb.i + 1 :] if t.idx >= start), None)
    if first is None or first.lower_ not in WH_WORDS:
        return False
    negated = any(c.dep_ == "neg" for c in verb.children)
    return negated or verb.lemma_.lower() in UNSETTLED_VERBS


ANONYMITY = re.compile(r"not to be (named|identified|quoted)\b", re.IGNORECASE)


def _nobody(subj: Token) -> bool:
    """'No one knows how much …', 'nobody expects …': no one holds the view."""
    return subj.lower_ in ("nobody", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subj.children
    )


def _anonymity_request(content: str) -> bool:
    """'a refugee who asked not to be identified': the source's condition, not a position."""
    return bool(ANONYMITY.match(content))


def _asked_of_subject(verb: Token) -> bool:
    """'Asked whether …, she said': a participle of asking with no subject of its own, whose
    implied subject is the one asked, not the one asking."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ == "advcl"
        and verb.lemma_.lower() in ("ask", "question")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    )


def _agent_of(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _reduced_passive(verb: Token, subj: Token) -> bool:
    """'Hilly areas, thought to represent …', 'the suspect, believed to be 30, …': a participle
    set off by a comma right after its noun is a passive without a speaker, though the parser
    may make the noun its subject."""
    doc = verb.doc
    return (
        verb.lemma_.lower() in cues.PASSIVE_CUES
        and verb.tag_ in ("VBN", "VBD")
        and verb.i >= 2
        and doc[verb.i - 1].text == ","
        and subj.right_edge.i in (verb.i - 2, verb.i - 1)
        and not any(t.pos_ in ("VERB", "AUX") for t in subj.subtree)  # "X, who …, told"
        and any(c.dep_ == "xcomp" and c.i > verb.i for c in verb.children)
        and not any(c.dep_ in ("dobj", "dative") for c in verb.children)
    )


def _verb_content(verb: Token) -> tuple[int, int] | None:
    """Character range of what the verb reports: its clause, or for stance verbs its object."""
    lemma = verb.lemma_.lower()
    kids = list(verb.rights)
    # A clause parsed across a paragraph break is not this verb's content.
    clause = [c for c in kids if c.dep_ in ("ccomp", "xcomp") and not breaks_between(verb, c)]
    if not clause:
        # Content before its cue: "The deal is off, officials said."
        front = [c for c in verb.lefts if c.dep_ == "ccomp"]
        # not across a semicolon: "X says A; rebels claim responsibility"
        front = [c for c in front if not any(t.text == ";" for t in verb.doc[c.i : verb.i])]
        if front:
            return char_range(front[0].left_edge, front[-1].right_edge)
    if lemma in cues.NAMING_VERBS:
        return _call_content(verb, kids)
    if not clause and lemma in cues.SPEECH_VERBS:
        found = _misattached_clause(verb) or _object_clause(verb)
        if found is not None:
            return found
    if lemma in cues.AS_ONLY_VERBS and not _has_prep(verb, "as"):
        # "identified the victim" is no stance ("identified X as Y" is); "sees growth of 2%"
        # is still a forecast
        return _frame_content(verb)
    if clause:
        objs = [c for c in kids if c.dep_ in ("dobj", "dative") and c.i < clause[0].i]
        first = min([*objs, *clause], key=lambda t: t.i)
        if lemma in ("tell", "inform", "assure", "reassure", "notify", "warn"):
            first = clause[0]  # "told reporters that …": reporters are not the content
        last = max(clause, key=lambda t: t.right_edge.i)
        return char_range(first.left_edge, _before_second_report(last))
    framed = _frame_content(verb)
    if framed is not None:
        return framed
    if lemma in cues.CLAUSE_ONLY or lemma not in cues.STANCE_VERBS:
        if lemma in cues.EVIDENCE_VERBS and _evidence_subject(verb):
            objs = [c for c in kids if c.dep_ == "dobj"]
            if objs:
                return char_range(objs[0].left_edge, objs[-1].right_edge)
        return None
    parts = [c for c in kids if c.dep_ in CONTENT_DEPS]
    if not parts or parts[0].dep_ not in ("dobj", "prep", "oprd", "dative", "attr"):
        return None
    request = any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in kids)
    if lemma in ("ask", "question") and not request:
        return None  # "asked Morrison about concerns": a topic, no request ("asked for …")
    if parts[0].dep_ == "prep" and parts[0].lower_ not in ("of", "for", "on", "about", "over"):
        return None
    parts = [p for p in parts if p.dep_ != "advcl" or p.tag_ == "VBG"]
    return char_range(parts[0].left_edge, max(p.right_edge for p in parts))


def _before_second_report(clause: Token) -> Token:
    """The clause's last token, stopping before a second report of the same speaker that the
    parser joined to it ("said rents rose, and warned that …": "warned" is not content)."""
    second = [c for c in clause.children if c.dep_ == "conj" and second_report(c)]
    if not second:
        return clause.right_edge
    end = second[0].left_edge.i - 1
    doc = clause.doc
    while end > clause.i and (doc[end].dep_ == "cc" or doc[end].is_punct):
        end -= 1
    return doc[end]


def _misattached_clause(verb: Token) -> tuple[int, int] | None:
    """'told reporters at a briefing that officials began …': the parser often hangs the
    that-clause on the nearest noun as a relative clause; a 'that' followed by a clause with
    its own subject is the reported content."""
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i - verb.i > 20 or tok.lower_ != "that":
            continue
        head = tok.head
        # also an adverbial "that" clause, which is no purpose ("so that") or degree clause
        adverbial = head.dep_ == "advcl" and tok.doc[tok.i - 1].lower_ not in ("so", "such")
        if head.pos_ not in ("VERB", "AUX") or not (head.dep_ in ("relcl", "ccomp") or adverbial):
            return None
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i for c in head.children)
        if not own_subject or _reporter_between(verb, head):
            return None
        return char_range(tok.doc[tok.i + 1], head.right_edge)
    return None


def _is_stance_frame(tok: Token) -> bool:
    """Stance carried by a verb with its preposition, particle or a figure as object, or a
    wish with 'would' (see ``_frame_content``)."""
    if tok.pos_ != "VERB":
        return False
    lemma = tok.lemma_.lower()
    if lemma in cues.WISH_VERBS:
        return any(c.lower_ == "would" or c.lower_ == "'d" for c in tok.children)
    return (
        lemma in cues.PREP_STANCE
        or lemma in cues.FORECAST_VERBS
        or any((lemma, c.lower_) in cues.PHRASAL_STANCE for c in tok.children if c.dep_ == "prt")
        or _light_noun(tok) is not None
    )


def _light_noun(verb: Token) -> Token | None:
    """The noun or adjective of a light-verb stance: 'cast doubt on', 'made clear that'."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        pair = (lemma, c.lemma_.lower())
        if (c.dep_ == "dobj" and pair in cues.LIGHT_STANCE) or pair in cues.LIGHT_CLAUSE:
            return c
    return None


def _light_content(verb: Token, noun: Token) -> tuple[int, int] | None:
    """'cast doubt on the report' -> 'the report'; 'made clear that she would stay' -> the
    clause (the parser hangs it on the verb or on the adjective)."""
    pair = (verb.lemma_.lower(), noun.lemma_.lower())
    if pair in cues.LIGHT_CLAUSE:
        clauses = [c for h in (verb, noun) for c in h.rights if c.dep_ == "ccomp" and c is not noun]
        return char_range(clauses[0].left_edge, clauses[-1].right_edge) if clauses else None
    for head in (noun, verb):
        for c in head.rights:
            if c.dep_ == "prep" and c.lower_ in cues.LIGHT_STANCE[pair]:
                inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if inner:
                    return char_range(inner[0].left_edge, c.right_edge)
    return None


def _frame_content(verb: Token) -> tuple[int, int] | None:
    """'balking at committing …', 'ruled out X', 'sees growth of 2 percent': the object of
    the preposition, of the phrasal verb, or the forecast figure."""
    lemma = verb.lemma_.lower()
    light = _light_noun(verb)
    if light is not None:
        return _light_content(verb, light)
    if lemma in cues.WISH_VERBS:  # "would like to see X agree"
        wish = [c for c in verb.rights if c.dep_ == "xcomp"]
        return char_range(wish[0].left_edge, wish[0].right_edge) if wish else None
    preps = cues.PREP_STANCE.get(lemma, ())
    for c in verb.rights:
        if c.dep_ == "prep" and c.lower_ in preps:
            inner = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if inner:
                return char_range(inner[0].left_edge, c.right_edge)
    has_prt = any((lemma, c.lower_) in cues.PHRASAL_STANCE for c in verb.children)
    forecast = lemma in cues.FORECAST_VERBS
    if not (has_prt or forecast):
        return None
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if forecast and not _is_figure(obj):
        return None
    return char_range(obj.left_edge, obj.right_edge)


def _is_figure(obj: Token) -> bool:
    """An amount or a change: '$2.52 a share', 'sales growth of 1.8 percent'."""
    if obj.ent_type_ in ("MONEY", "PERCENT"):
        return True
    return obj.lemma_.lower() in cues.CHANGE_NOUNS and any(
        t.ent_type_ in ("MONEY", "PERCENT", "CARDINAL") for t in obj.subtree
    )


def _reporter_between(verb: Token, clause: Token) -> bool:
    """Another reporting verb between the two ('felt bound to tell him that …') owns it."""
    tok = clause.head
    while tok != verb and tok.head != tok:
        if tok.pos_ == "VERB" and is_report_verb(tok):
            return True
        tok = tok.head
    return False


def _object_clause(verb: Token) -> tuple[int, int] | None:
    """'said more than 1,000 people registered': a clause parsed as an object noun with a
    participle; the object with its verb is the content."""
    if verb.lemma_.lower() not in cues.CLAUSE_VERBS:
        return None
    for obj in verb.rights:
        if obj.dep_ != "dobj" or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        for c in obj.rights:
            verb_like = c.dep_ in ("acl", "relcl") and c.tag_ in ("VBD", "VBZ", "VBP", "VBN")
            if verb_like and not any(g.lower_ in cues.RELATIVE_PRONOUNS for g in c.children):
                return char_range(obj.left_edge, obj.right_edge)
    return None


def _call_content(verb: Token, kids: list[Token]) -> tuple[int, int] | None:
    """'called on X to …', 'called for …', 'called X a Y'."""
    preps = [c for c in kids if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "for", "upon")]
    if verb.lemma_.lower() != "call":
        preps = []  # "called on X to …"; not "considered for the job"
    objs = [c for c in kids if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr")]
    if preps:
        parts = [c for c in kids if c.i > preps[0].i and c.dep_ in CONTENT_DEPS | {"pobj"}]
        first = preps[0] if preps[0].dep_ == "prep" else (parts[0] if parts else None)
        if first is None:
            return None
        start = next(iter(first.children), first) if first.dep_ == "prep" else first
        last = max([first, *parts], key=lambda t: t.right_edge.i)
        return char_range(start.left_edge, last.right_edge)
    if len(objs) >= 2 or any(c.dep_ == "oprd" for c in objs):
        return char_range(objs[0].left_edge, max(o.right_edge for o in objs))
    # "considers the tax a mistake": a clause without a verb, "the tax (is) a mistake"
    small = [c for c in objs if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "ADJ", "PROPN")]
    if small:
        return char_range(small[0].left_edge, small[0].right_edge)
    dobj = [c for c in kids if c.dep_ == "dobj"]
    if dobj and any(c.dep_ in ("ccomp", "xcomp", "oprd") for c in dobj[0].children):
        return char_range(dobj[0].left_edge, dobj[0].right_edge)
    if dobj and _bare_second_object(dobj[0]):
        return char_range(dobj[0].left_edge, dobj[0].right_edge)
    return None


def _bare_second_object(obj: Token) -> bool:
    """'called the decision on the merger a landmark ruling': the parser hangs the Y of
    "call X a Y" inside X as an appositive, but one without the comma an appositive has."""
    doc = obj.doc
    return any(
        t.dep_ == "appos"
        and t.left_edge.lower_ in ("a", "an")
        and t.left_edge.i > obj.i
        and doc[t.left_edge.i - 1].text != ","
        for t in obj.subtree
    )


def _trim_according(verb: Token, start: int, end: int) -> tuple[int, int]:
    """Cut a trailing 'according to X' from reported content: it is its own position."""
    for tok in verb.subtree:
        last = tok.right_edge
        if is_according(tok) and start < tok.idx and last.idx + len(last) >= end:
            cut = tok.i
            while cut > 0 and tok.doc[cut - 1].is_punct:
                cut -= 1
            if cut > 0 and tok.doc[cut - 1].idx > start:
                prev = tok.doc[cut - 1]
                return start, prev.idx + len(prev)
    return start, end


def _subject_as_object(verb: Token) -> Token | None:
    """'after employees of a dealership said he …': a finite verb without a subject whose
    speaker the parser took for the object of a preposition just before it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ not in ("NOUN", "PROPN") or prev.dep_ != "pobj":
        return None
    while prev.dep_ == "pobj" and prev.head.lower_ == "of" and prev.head.head.pos_ == "NOUN":
        prev = prev.head.head  # "employees of a dealership": the employees speak
    return prev


def _has_prep(verb: Token, word: str) -> bool:
    if any(c.dep_ == "prep" and c.lower_ == word for c in verb.children):
        return True
    # "described the idea that the U.S. is training X as absurd": the parser hangs the "as"
    # inside the object's clause (not in a relative clause: "the man, who worked as a cook").
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    return any(
        t.dep_ == "prep" and t.lower_ == word and t.head.dep_ != "relcl"
        for o in objs
        for t in o.subtree
        if t.i > o.i
    )


def _evidence_subject(verb: Token) -> bool:
    subj = subject_of(verb)
    return subj is not None and subj.lemma_.lower() in cues.DOCUMENT_NOUNS
