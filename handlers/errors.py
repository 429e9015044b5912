"""The global error handler: log with context, tell the user without internals."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import ChatMigrated, Forbidden
from telegram.ext import ContextTypes

from handlers.common import runtime
from storage import repository

log = logging.getLogger(__name__)
SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_id = None
    if isinstance(update, Update) and update.effective_chat is not None:
        chat_id = update.effective_chat.id
    error = context.error
    # Chat-level answers from Telegram reach here from any send outside send_html.
    if chat_id is not None and isinstance(error, Forbidden):
        await repository.deactivate_chat(runtime(context).db, chat_id)
        log.info("chat %s blocked or removed the bot: marked inactive", chat_id)
        return
    if chat_id is not None and isinstance(error, ChatMigrated):
        await repository.migrate_chat(runtime(context).db, chat_id, error.new_chat_id)
        log.info("chat %s became supergroup %s: data moved", chat_id, error.new_chat_id)
        return
    log.error(
        "error handling update %s in chat %s",
        getattr(update, "update_id", None),
        chat_id,
        exc_info=error,
    )
    if chat_id is None:
        return
    with contextlib.suppress(Exception):  # the chat may be gone; nothing more to do then
        await context.bot.send_message(chat_id, SORRY)
