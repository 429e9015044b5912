"""The bot's own membership: blocked or removed → inactive; group → supergroup migration."""

from __future__ import annotations

import logging

from telegram import Chat, ChatMember, Update
from telegram.ext import ContextTypes

from handlers.common import runtime
from storage import repository

log = logging.getLogger(__name__)
GONE = (ChatMember.LEFT, ChatMember.BANNED)


async def on_my_chat_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    change = update.my_chat_member
    chat = change.chat
    rt = runtime(context)
    if change.new_chat_member.status in GONE:
        await repository.deactivate_chat(rt.db, chat.id)
        log.info("removed from or blocked in chat %s: marked inactive", chat.id)
        return
    await repository.upsert_chat(rt.db, chat.id, chat.type, chat.title)
    joined_channel = (
        chat.type == Chat.CHANNEL
        and change.new_chat_member.status == ChatMember.ADMINISTRATOR
        and change.old_chat_member.status in GONE
    )
    if joined_channel:
        # Made an administrator of a channel: that is a request for digests under links.
        await repository.update_chat_settings(rt.db, chat.id, auto_digest=True)


async def on_migration(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message.migrate_to_chat_id:
        old_id, new_id = message.chat_id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id:
        old_id, new_id = message.migrate_from_chat_id, message.chat_id
    else:
        return
    await repository.migrate_chat(runtime(context).db, old_id, new_id)
    log.info("chat %s became supergroup %s: data moved", old_id, new_id)
