"""Telegram update handlers: parse the update, call bot/ services, reply. Nothing else."""

from __future__ import annotations

from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from handlers import callbacks, commands, feeds, links, membership, stories
from handlers.errors import on_error

LINKS = (
    filters.Entity("url")
    | filters.Entity("text_link")
    | filters.CaptionEntity("url")
    | (filters.CaptionEntity("text_link"))
)

COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
# New messages and posts only: an edit that keeps the link must not digest it again.
NEW_MESSAGES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST


def register(application: Application) -> None:
    command_table = {
        "start": commands.start,
        "help": commands.help_command,
        "digest": commands.digest,
        "facts": commands.facts,
        "sources": commands.sources,
        "positions": commands.positions,
        "follow": commands.follow,
        "unfollow": commands.unfollow,
        "following": commands.following,
        "stories": stories.stories,
        "story": stories.story,
        "watch": feeds.watch,
        "watching": feeds.watching,
        "unwatch": feeds.unwatch,
        "search": commands.search,
        "settings": commands.settings_command,
        "forget": commands.forget,
    }
    for name, callback in command_table.items():
        # Commands posted in channels arrive as channel posts; edits never re-run a command.
        application.add_handler(CommandHandler(name, callback, filters=COMMAND_UPDATES))
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, membership.on_migration))
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & NEW_MESSAGES & ~filters.COMMAND, links.on_private_message
        )
    )
    application.add_handler(
        MessageHandler(
            (filters.ChatType.GROUPS | filters.ChatType.CHANNEL)
            & NEW_MESSAGES
            & LINKS
            & ~filters.COMMAND,
            links.on_group_message,
        )
    )
    application.add_handler(CallbackQueryHandler(callbacks.on_button))
    application.add_handler(
        ChatMemberHandler(membership.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(on_error)
