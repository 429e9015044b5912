"""A story's view: its title, the timeline of its articles, and the union of what they say."""

from __future__ import annotations

from bot.render.digest import _check, _date, _fact_line, _pick_positions, _position_line
from bot.render.markup import MAX_MESSAGE_LENGTH, Format, Line, Section, b, i, p, pack
from bot.types import Analysis

MAX_FACTS = 8
MAX_POSITIONS = 6


def render_story(
    story_id: int, title: str | None, analyses: list[Analysis], fmt: Format = "html"
) -> list[str]:
    """``analyses`` in the order they joined the story (oldest first)."""
    fmt = _check(fmt)
    heading = Line([p("🧵 "), b(title or "Untitled story"), i(f"  · story {story_id}")])
    sections = [Section([heading])]
    timeline = [_timeline_line(a) for a in analyses]
    sections.append(Section([Line([b("Timeline")]), *timeline], header=True))
    facts = _union_facts(analyses)
    if facts:
        sections.append(Section([Line([b("Key facts")]), *facts], header=True))
    positions = _union_positions(analyses)
    if positions:
        sections.append(Section([Line([b("Who says what")]), *positions], header=True))
    return pack(sections, fmt, MAX_MESSAGE_LENGTH)


def _timeline_line(analysis: Analysis) -> Line:
    meta = analysis.meta
    when = _date(meta.published) or "undated"
    where = f" · {meta.site}" if meta.site else ""
    return Line([p(f"{when}{where}: "), p(meta.title or meta.url or "untitled")], bullet=True)


def _union_facts(analyses: list[Analysis]) -> list[Line]:
    """Each article's facts in turn, skipping what an earlier article already said."""
    seen: list[set[str]] = []
    lines: list[Line] = []
    for analysis in analyses:
        for fact in analysis.result.key_facts:
            words = {w for w in fact.text.lower().split() if len(w) > 3}
            if any(len(words & old) >= 0.6 * max(1, min(len(words), len(old))) for old in seen):
                continue
            seen.append(words)
            line = _fact_line(fact, 300)
            if line is not None:
                lines.append(line)
            if len(lines) >= MAX_FACTS:
                return lines
    return lines


def _union_positions(analyses: list[Analysis]) -> list[Line]:
    lines: list[Line] = []
    for analysis in analyses:
        for position in _pick_positions(analysis, 3):
            line = _position_line(position)
            if line is not None:
                lines.append(line)
    return lines[:MAX_POSITIONS]
