"""Small pieces every handler uses: the runtime, links in a message, sending safely."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity
from telegram.constants import ChatAction
from telegram.error import ChatMigrated, Forbidden
from telegram.ext import ContextTypes

from bot.render import Button
from bot.runtime import RUNTIME_KEY, Runtime
from bot.telegram_send import send_html_or_plain
from bot.urls import find_urls
from storage import repository

log = logging.getLogger(__name__)


def runtime(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    return context.application.bot_data[RUNTIME_KEY]


def links_in(message: Message | None) -> list[str]:
    """Links of a message, text and caption, entities first (they carry text_link targets)."""
    if message is None:
        return []
    found: list[str] = []
    kinds = [MessageEntity.URL, MessageEntity.TEXT_LINK]
    for entity, text in [
        *message.parse_entities(kinds).items(),
        *message.parse_caption_entities(kinds).items(),
    ]:
        url = entity.url if entity.type == MessageEntity.TEXT_LINK else text
        if url:
            found.extend(find_urls(url) or [url])
    if not found:  # clients that send no entities (e.g. some bridges)
        found = find_urls(message.text or message.caption or "")
    unique: list[str] = []
    for url in found:
        if url not in unique:
            unique.append(url)
    return unique


def to_markup(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    keyboard = [
        [
            InlineKeyboardButton(b.text, url=b.url)
            if b.url
            else InlineKeyboardButton(b.text, callback_data=b.callback_data)
            for b in row
        ]
        for row in rows
        if row
    ]
    return InlineKeyboardMarkup(keyboard) if keyboard else None


async def keep_typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    """Telegram shows 'typing…' for 5 seconds; repeat it until cancelled."""
    with contextlib.suppress(asyncio.CancelledError):
        while True:
            with contextlib.suppress(Exception):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4.5)


async def send_html(
    context: ContextTypes.DEFAULT_TYPE,
    chat_id: int,
    messages: Sequence[str],
    *,
    plain: Sequence[str] | None = None,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    edit_message_id: int | None = None,
) -> Message | None:
    """Send (or edit into) HTML messages, the keyboard under the last one.

    If Telegram rejects the HTML anyway, fall back to the plain-text rendering and log why.
    Returns the last message sent, or None when the chat is gone.
    """
    try:
        return await send_html_or_plain(
            context.bot,
            chat_id,
            messages,
            plain,
            markup=markup,
            reply_to=reply_to,
            edit_message_id=edit_message_id,
            what="a digest",
        )
    except Forbidden:
        await repository.deactivate_chat(runtime(context).db, chat_id)
        log.info("chat %s blocked or removed the bot: marked inactive", chat_id)
        return None
    except ChatMigrated as exc:
        await repository.migrate_chat(runtime(context).db, chat_id, exc.new_chat_id)
        return await send_html(context, exc.new_chat_id, messages, plain=plain, markup=markup)
