"""Sending rendered messages to Telegram, for the handlers and the outbox sender alike.

HTML goes out with link previews off; if Telegram rejects the HTML, the plain-text rendering
goes out instead. Chat-level answers (blocked, migrated, flood) are left to the caller;
``retry_after_seconds`` reads a flood wait whichever type PTB gives it in.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, RetryAfter

log = logging.getLogger(__name__)
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def retry_after_seconds(exc: RetryAfter) -> float:
    """The wait Telegram asks for, in seconds. PTB 22 gives int seconds (a float when not
    whole), or a timedelta with PTB_TIMEDELTA set, the type announced for a later version."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _html_rejected(exc: BadRequest) -> bool:
    """Telegram could not take the HTML (bad markup, or too long): plain text may still go."""
    reason = exc.message.lower()
    return "parse entities" in reason or "too long" in reason


async def send_html_or_plain(
    bot: Bot,
    chat_id: int,
    messages: Sequence[str],
    plain: Sequence[str] | None = None,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
    edit_message_id: int | None = None,
    what: str = "a message",
) -> Message | None:
    """Send (or, the first one, edit into) HTML messages, the keyboard under the last one.

    If Telegram rejects the HTML, log why and send all of ``plain`` instead (it may be split
    differently; without it, ``messages`` as they are, with no parse mode). Returns the last
    message sent.
    """
    try:
        return await _send_all(
            bot, chat_id, messages, ParseMode.HTML, markup, reply_to, edit_message_id
        )
    except BadRequest as exc:
        if not _html_rejected(exc):
            raise
        log.warning("Telegram rejected %s in chat %s (%s); sending plain text", what, chat_id, exc)
        fallback = plain or messages
        return await _send_all(bot, chat_id, fallback, None, markup, reply_to, edit_message_id)


async def _send_all(
    bot: Bot,
    chat_id: int,
    messages: Sequence[str],
    parse_mode: str | None,
    markup: InlineKeyboardMarkup | None,
    reply_to: int | None,
    edit_message_id: int | None,
) -> Message | None:
    last: Message | None = None
    for index, text in enumerate(messages):
        is_last = index == len(messages) - 1
        keyboard = markup if is_last else None
        if index == 0 and edit_message_id is not None:
            result = await bot.edit_message_text(
                text,
                chat_id=chat_id,
                message_id=edit_message_id,
                parse_mode=parse_mode,
                reply_markup=keyboard,
                link_preview_options=NO_PREVIEW,
            )
            last = result if isinstance(result, Message) else last
        else:
            last = await bot.send_message(
                chat_id,
                text,
                parse_mode=parse_mode,
                reply_markup=keyboard,
                link_preview_options=NO_PREVIEW,
                reply_to_message_id=reply_to if index == 0 else None,
                allow_sending_without_reply=True,
            )
    return last
