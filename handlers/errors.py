"""The global error handler: log with context, tell the user without internals."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_id = None
    if isinstance(update, Update) and update.effective_chat is not None:
        chat_id = update.effective_chat.id
    log.error(
        "error handling update %s in chat %s",
        getattr(update, "update_id", None),
        chat_id,
        exc_info=context.error,
    )
    if chat_id is None or isinstance(context.error, Forbidden):
        return
    with contextlib.suppress(Exception):  # the chat may be gone; nothing more to do then
        await context.bot.send_message(
            chat_id, "Sorry, something went wrong on my side. Please try again in a moment."
        )
