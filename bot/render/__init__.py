"""Rendering of an Analysis for people: Telegram HTML, Markdown, plain text, and keyboards.

Nothing here imports telegram: keyboards are neutral ``Button`` rows that handlers turn into
InlineKeyboardMarkup.
"""

from bot.render.digest import (
    render_digest,
    render_facts,
    render_json,
    render_positions,
    render_sources,
)
from bot.render.keyboard import (
    ACTIONS,
    CALLBACK_PATTERN,
    FACTS,
    FOLLOW,
    FOLLOW_ARTICLE,
    FOLLOW_STORY,
    MAX_CALLBACK_BYTES,
    POSITIONS,
    SOURCES,
    UNFOLLOW,
    UNFOLLOW_STORY,
    Button,
    decode_callback,
    digest_keyboard,
    encode_callback,
    follow_choice_keyboard,
    original_url,
)
from bot.render.markup import FORMATS, MAX_MESSAGE_LENGTH, Format, utf16_len
from bot.render.story import render_story

__all__ = [
    "ACTIONS",
    "CALLBACK_PATTERN",
    "FACTS",
    "FOLLOW",
    "FOLLOW_ARTICLE",
    "FOLLOW_STORY",
    "FORMATS",
    "MAX_CALLBACK_BYTES",
    "MAX_MESSAGE_LENGTH",
    "POSITIONS",
    "SOURCES",
    "UNFOLLOW",
    "UNFOLLOW_STORY",
    "Button",
    "Format",
    "decode_callback",
    "digest_keyboard",
    "encode_callback",
    "follow_choice_keyboard",
    "original_url",
    "render_digest",
    "render_facts",
    "render_json",
    "render_positions",
    "render_sources",
    "render_story",
    "utf16_len",
]
