"""What a chat has not been told yet: new facts, new statements, changed figures, corrections."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.updates.items import Item, Signature, figure_changes, same, signature


@dataclass(frozen=True, slots=True)
class ChangedFigure:
    label: str  # what the figure counts: "dead"
    old: str
    new: str
    item: Item  # the fact as it reads now


@dataclass(slots=True)
class Update:
    new_facts: list[Item] = field(default_factory=list)
    new_positions: list[Item] = field(default_factory=list)
    changed_figures: list[ChangedFigure] = field(default_factory=list)
    corrections: list[Item] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        parts = (self.new_facts, self.new_positions, self.changed_figures, self.corrections)
        return not any(parts)


def diff_items(told: Iterable[Item | str], new: Iterable[Item]) -> Update:
    """The items of ``new`` that ``told`` (items, or the keys storage kept) does not cover.

    Keep ``told`` in the order the chat was told: a changed figure is reported against the most
    recent earlier value.
    """
    known = [signature(t if isinstance(t, str) else t.key) for t in told]
    update = Update()
    taken: list[Signature] = []
    for item in new:
        sig = signature(item.key)
        if any(same(sig, k) for k in known) or any(same(sig, t) for t in taken):
            continue
        taken.append(sig)
        if item.kind == "position":
            update.new_positions.append(item)
        elif item.kind == "correction":
            update.corrections.append(item)
        else:
            _add_fact(update, item, sig, known)
    return update


def _add_fact(update: Update, item: Item, sig: Signature, known: list[Signature]) -> None:
    changes: dict[str, tuple[str, str]] = {}
    for k in known:
        for label, old, value in figure_changes(sig, k):
            changes[label] = (old, value)  # later (more recent) values win
    if not changes:
        update.new_facts.append(item)
        return
    fresh = {
        label: (old, value)
        for label, (old, value) in changes.items()
        if not _already_told(label, value, known)
    }
    update.changed_figures.extend(ChangedFigure(lb, o, v, item) for lb, (o, v) in fresh.items())


def _already_told(label: str, value: str, known: list[Signature]) -> bool:
    """The new value itself was delivered before, in other words: not news again."""
    return any(f.value == value and f.label == label for k in known for f in k.figures)


def update_keys(update: Update) -> list[str]:
    """Every item key of ``update``: record them as told to the chat that receives it."""
    items = [
        *update.corrections,
        *(c.item for c in update.changed_figures),
        *update.new_facts,
        *update.new_positions,
    ]
    return list(dict.fromkeys(i.key for i in items))


def keys_of(items: Iterable[Item]) -> list[str]:
    """The keys of an article's items: what a chat knows once it got the article's digest."""
    return list(dict.fromkeys(i.key for i in items))
