"""Update messages in Telegram HTML: a counted headline, the items, the link.

Article text is clipped before it is escaped (an entity is never cut) and every message stays
within Telegram's 4096 UTF-16 units, split only between whole lines.
"""

from __future__ import annotations

from html import escape
from typing import Literal

from bot.updates.diff import ChangedFigure, Update
from bot.updates.items import Item

UpdateKind = Literal["revision", "story"]

MAX_MESSAGE_LENGTH = 4096
MAX_ITEMS = 8  # short and scannable: the rest is counted, not listed
MAX_ITEM_CHARS = 300
MAX_TITLE_CHARS = 150


def render_update(
    update: Update,
    *,
    story_title: str,
    article_title: str | None,
    url: str | None,
    kind: UpdateKind,
) -> list[str]:
    """The messages for ``update`` (usually one); none for an empty update."""
    if update.is_empty:
        return []
    lines = [_headline(update, story_title)]
    bullets = _bullets(update)
    lines += bullets[:MAX_ITEMS]
    if len(bullets) > MAX_ITEMS:
        lines.append(f"…and {len(bullets) - MAX_ITEMS} more")
    link = _link(kind, article_title, url)
    if link:
        lines += ["", link]
    return _pack(lines)


def idempotency_key(chat_id: int | str, revision_or_article_id: int | str, kind: str) -> str:
    """One update per chat and revision (or joining article): the outbox's unique key."""
    return f"update:{kind}:{chat_id}:{revision_or_article_id}"


def _headline(update: Update, story_title: str) -> str:
    counts = [
        _count(len(update.new_facts), "new fact", "new facts"),
        _count(len(update.new_positions), "new statement", "new statements"),
        _count(len(update.changed_figures), "changed figure", "changed figures"),
        _count(len(update.corrections), "correction", "corrections"),
    ]
    title = escape(_clip(story_title, MAX_TITLE_CHARS))
    return f"🔄 <b>Update on</b> {title}: " + ", ".join(c for c in counts if c)


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"{n} {one if n == 1 else many}"


def _bullets(update: Update) -> list[str]:
    # Corrections first: they amend what the reader already believes.
    return [
        *(f"• ✏️ <i>{_esc(c.text)}</i>" for c in update.corrections),
        *(_figure(f) for f in update.changed_figures),
        *(_fact(f) for f in update.new_facts),
        *(_statement(p) for p in update.new_positions),
    ]


def _figure(change: ChangedFigure) -> str:
    label = escape(change.label or "figure")
    return f"• <b>{label}</b>: {escape(_number(change.old))} → {escape(_number(change.new))}"


def _fact(item: Item) -> str:
    text = _esc(item.text)
    if item.speaker and item.speaker.lower() not in item.text.lower():
        text += f" <i>({_esc(item.speaker)})</i>"
    return f"• {text}"


def _statement(item: Item) -> str:
    if item.quote:
        content = f"“{_esc(item.text)}”"
        return f"• <b>{_esc(item.speaker)}</b>: {content}" if item.speaker else f"• {content}"
    text = _esc(item.text)
    if not item.speaker or item.speaker.lower() in item.text.lower():
        return f"• {text}"  # reported speech that names its speaker already
    # "condemned the attack" continues the speaker's name; a whole sentence follows a colon.
    joint = " " if item.text[:1].islower() else ": "
    return f"• <b>{_esc(item.speaker)}</b>{joint}{text}"


def _link(kind: UpdateKind, article_title: str | None, url: str | None) -> str:
    label = "Revised article" if kind == "revision" else article_title or "New article"
    label = escape(_clip(label, MAX_TITLE_CHARS))
    if not url or not url.lower().startswith(("http://", "https://")):
        return "" if kind == "revision" else f"📰 {label}"
    return f'🔗 <a href="{escape(url, quote=True)}">{label}</a>'


def _number(value: str) -> str:
    """ "1300000" → "1,300,000": digits only, so a normalised value reads naturally."""
    digits = value.lstrip("$€£")
    if digits.isdigit() and len(digits) > 4:
        return value[: len(value) - len(digits)] + f"{int(digits):,}"
    return value


def _esc(text: str) -> str:
    return escape(_clip(" ".join(text.split()), MAX_ITEM_CHARS), quote=False)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _units(text: str) -> int:
    """Telegram counts UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _pack(lines: list[str]) -> list[str]:
    messages: list[str] = []
    current: list[str] = []
    for line in lines:
        if current and _units("\n".join([*current, line])) > MAX_MESSAGE_LENGTH:
            messages.append("\n".join(current).strip())
            current = []
        current.append(line)
    if current:
        messages.append("\n".join(current).strip())
    return messages
