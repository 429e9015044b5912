"""Inline keyboards as neutral values, and the callback-data scheme behind their buttons.

Callback data is ``<action>:<id>``: an action code from ``ACTIONS`` and a non-negative decimal
database id. Everything a handler needs is in the data itself, so buttons keep working after a
restart (no in-memory state) and old messages stay valid as long as these codes never change
meaning: add codes, never reuse them. Anything else is rejected with ValueError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.types import Analysis

FOLLOW = "f"  # follow an article
UNFOLLOW = "u"  # unfollow an article
POSITIONS = "p"  # show all positions of an article
SOURCES = "s"  # show all sources of an article
FACTS = "k"  # show all key facts of an article
FOLLOW_ARTICLE = "fa"  # follow choice: this article only
FOLLOW_STORY = "fs"  # follow choice: the whole story (id is a story id)
UNFOLLOW_STORY = "us"  # unfollow a story (id is a story id)

# Action code → number of ids it carries.
ACTIONS: dict[str, int] = {
    FOLLOW: 1,
    UNFOLLOW: 1,
    POSITIONS: 1,
    SOURCES: 1,
    FACTS: 1,
    FOLLOW_ARTICLE: 1,
    FOLLOW_STORY: 1,
    UNFOLLOW_STORY: 1,
}
MAX_CALLBACK_BYTES = 64  # Bot API limit for callback_data
MAX_ID = 2**63 - 1  # ids are SQL BIGINTs
# For CallbackQueryHandler(pattern=...): only data this module could have produced.
CALLBACK_PATTERN = (
    r"^(?:" + "|".join(sorted(ACTIONS, key=len, reverse=True)) + r"):(?:0|[1-9][0-9]{0,18})$"
)
_ID = re.compile(r"0|[1-9][0-9]{0,18}")  # canonical decimal only: one spelling per id


@dataclass(frozen=True, slots=True)
class Button:
    """One inline button: a callback button, or a URL button when ``url`` is set."""

    text: str
    callback_data: str | None = None
    url: str | None = None


def encode_callback(action: str, *ids: int) -> str:
    if action not in ACTIONS:
        raise ValueError(f"unknown callback action {action!r}")
    if len(ids) != ACTIONS[action]:
        raise ValueError(f"callback action {action!r} takes {ACTIONS[action]} id(s)")
    for id_ in ids:
        # bool is an int subclass; True as an id is always a bug.
        if not isinstance(id_, int) or isinstance(id_, bool) or not 0 <= id_ <= MAX_ID:
            raise ValueError(f"bad callback id {id_!r}")
    data = ":".join([action, *map(str, ids)])
    assert len(data.encode()) <= MAX_CALLBACK_BYTES, data  # guaranteed by MAX_ID and codes
    return data


def decode_callback(data: str | None) -> tuple[str, tuple[int, ...]]:
    """``(action, ids)`` from callback data; ValueError for anything not from encode_callback."""
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_CALLBACK_BYTES:
        raise ValueError("empty or oversized callback data")
    action, *raw_ids = data.split(":")
    if action not in ACTIONS:
        raise ValueError(f"unknown callback action {action!r}")
    if len(raw_ids) != ACTIONS[action]:
        raise ValueError(f"callback action {action!r} takes {ACTIONS[action]} id(s)")
    ids: list[int] = []
    for raw in raw_ids:
        # fullmatch on ASCII digits: int() alone would accept " 1", "+1", "1_0", "١".
        if not _ID.fullmatch(raw) or int(raw) > MAX_ID:
            raise ValueError(f"bad callback id {raw!r}")
        ids.append(int(raw))
    return action, tuple(ids)


def original_url(analysis: Analysis) -> str | None:
    """The article's web address, if it has one (a file source has none)."""
    meta = analysis.meta
    for url in (meta.canonical_url, meta.url, meta.source):
        if url and url.strip().lower().startswith(("http://", "https://")):
            return url.strip()
    return None


def digest_keyboard(analysis: Analysis, *, following: bool) -> list[list[Button]]:
    """[Follow|Unfollow] [Original] / [Positions] [Sources] [Facts].

    Callback buttons need a stored article (an id); views with nothing to show are left out.
    """
    result = analysis.result
    top: list[Button] = []
    views: list[Button] = []
    aid = analysis.article_id
    if aid is not None:
        if following:
            top.append(Button("🔕 Unfollow", encode_callback(UNFOLLOW, aid)))
        else:
            top.append(Button("🔔 Follow", encode_callback(FOLLOW, aid)))
        if result.positions:
            views.append(Button("🗣 Positions", encode_callback(POSITIONS, aid)))
        if result.sources:
            views.append(Button("📚 Sources", encode_callback(SOURCES, aid)))
        if result.key_facts:
            views.append(Button("📌 Facts", encode_callback(FACTS, aid)))
    url = original_url(analysis)
    if url:
        top.append(Button("🔗 Original", url=url))
    return [row for row in (top, views) if row]


def follow_choice_keyboard(article_id: int, story_id: int | None) -> list[list[Button]]:
    """Asked after "Follow" when the article belongs to a story: just it, or the story."""
    rows = [[Button("Follow this article", encode_callback(FOLLOW_ARTICLE, article_id))]]
    if story_id is not None:
        rows.append([Button("Follow the whole story", encode_callback(FOLLOW_STORY, story_id))])
    return rows
