"""Follow-up updates: what is new at the level of facts and statements, and how to say it.

Pure code: no database, no Telegram. Storage keeps, per chat, the item keys it was told
(``update_keys``); ``diff_items`` compares new items with those keys directly.
"""

from bot.updates.diff import ChangedFigure, Update, diff_items, keys_of, update_keys
from bot.updates.items import Item, items_of, make_item
from bot.updates.render import idempotency_key, render_update

__all__ = [
    "ChangedFigure",
    "Item",
    "Update",
    "diff_items",
    "idempotency_key",
    "items_of",
    "keys_of",
    "make_item",
    "render_update",
    "update_keys",
]
