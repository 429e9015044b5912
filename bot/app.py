"""``digestbot run``: wires the core (service, storage, pool) into a python-telegram-bot app."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder

from bot.fetch import Fetcher
from bot.runtime import RUNTIME_KEY, Runtime
from bot.service import DigestService
from bot.settings import Settings
from bot.worker import AnalysisPool
from storage.db import open_database

log = logging.getLogger(__name__)

PRIVATE_COMMANDS = [
    ("digest", "Digest a link"),
    ("facts", "Key facts of the last article"),
    ("positions", "Who says what in the last article"),
    ("sources", "Sources of the last article"),
    ("follow", "Follow the last article or its story"),
    ("unfollow", "Stop following"),
    ("following", "What you follow"),
    ("stories", "Stories you follow"),
    ("search", "Search stored articles"),
    ("forget", "Delete this chat's data"),
    ("help", "How to use the bot"),
]
GROUP_COMMANDS = [c for c in PRIVATE_COMMANDS if c[0] != "forget"]
ADMIN_COMMANDS = [*GROUP_COMMANDS, ("settings", "Group settings"), ("forget", "Delete data")]


def build_application(settings: Settings, api_url: str | None = None) -> Application:
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(True)  # a slow digest never holds up /help for others
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if api_url:
        base = api_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot", 1))
    application = builder.build()
    application.bot_data["settings"] = settings

    from handlers import register

    register(application)
    return application


async def _post_init(application: Application) -> None:
    settings: Settings = application.bot_data["settings"]
    db = await open_database(settings.database_url)
    pool = AnalysisPool(settings.spacy_model, settings.workers)
    await pool.start()
    fetcher = Fetcher(settings)
    service = DigestService(settings, pool, fetcher, db)
    application.bot_data[RUNTIME_KEY] = Runtime(settings, db, pool, fetcher, service)
    await _set_commands(application)
    me = application.bot
    log.info("digestbot started as @%s", me.username)


async def _set_commands(application: Application) -> None:
    bot = application.bot
    scoped = [
        (PRIVATE_COMMANDS, BotCommandScopeAllPrivateChats()),
        (GROUP_COMMANDS, BotCommandScopeAllGroupChats()),
        (ADMIN_COMMANDS, BotCommandScopeAllChatAdministrators()),
    ]
    for commands, scope in scoped:
        await bot.set_my_commands([BotCommand(n, d) for n, d in commands], scope=scope)


async def _post_shutdown(application: Application) -> None:
    runtime: Runtime | None = application.bot_data.get(RUNTIME_KEY)
    if runtime is not None:
        await runtime.close()


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.telegram_token:
        print(
            "digestbot: no bot token: set TELEGRAM_BOT_TOKEN (from @BotFather) to run the bot",
            file=sys.stderr,
        )
        return 2
    api_url = args.api_url or settings.telegram_api_url or None
    try:
        application = build_application(settings, api_url)
    except InvalidToken:
        print("digestbot: TELEGRAM_BOT_TOKEN is not a valid bot token", file=sys.stderr)
        return 2
    # Python 3.11+: run_polling needs a current event loop to exist.
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        if args.webhook_url:
            application.run_webhook(
                listen=args.listen,
                port=args.port,
                url_path=settings.telegram_token,
                webhook_url=args.webhook_url.rstrip("/") + "/" + settings.telegram_token,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        print("digestbot: Telegram rejected the token (TELEGRAM_BOT_TOKEN)", file=sys.stderr)
        return 1
    except NetworkError as exc:
        print(f"digestbot: cannot reach the Bot API server: {exc.message}", file=sys.stderr)
        return 1
    except TelegramError as exc:
        print(f"digestbot: Telegram error: {exc.message}", file=sys.stderr)
        return 1
    return 0
