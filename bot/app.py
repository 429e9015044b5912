"""``digestbot run``: wires the core (service, storage, pool) into a python-telegram-bot app."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys
from pathlib import Path

from telegram import (
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, Defaults

from bot.flood import PriorityRateLimiter
from bot.runtime import RUNTIME_KEY, Runtime
from bot.settings import Settings

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The bot cannot start; ``str()`` is one line for the operator."""


class RedactingFormatter(logging.Formatter):
    """Wraps a formatter and blanks out a secret: Bot API URLs (and PTB's InvalidToken
    message) contain the token, and any library may log them."""

    def __init__(self, inner: logging.Formatter | None, secret: str) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()
        self.secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return self.inner.format(record).replace(self.secret, "<token>")


def _not_bootstrap_failure(record: logging.LogRecord) -> bool:
    """PTB logs a failed start-up call (getMe, deleteWebhook) with a traceback before raising;
    run_bot turns that exception into one clear line, so the record is noise."""
    return not record.getMessage().startswith("Network Retry Loop (Bootstrap")


def redact_logs(secret: str) -> None:
    """Blank the token out of every log line, and drop PTB's start-up failure tracebacks."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(_not_bootstrap_failure)
        if secret:
            handler.setFormatter(RedactingFormatter(handler.formatter, secret))


def _one_line(exc: BaseException) -> str:
    """A short reason: SQLAlchemy wraps the driver's error and appends SQL and a link."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


PRIVATE_COMMANDS = [
    ("digest", "Digest a link"),
    ("facts", "Key facts of the last article"),
    ("positions", "Who says what in the last article"),
    ("sources", "Sources of the last article"),
    ("follow", "Follow the last article or its story"),
    ("unfollow", "Stop following"),
    ("following", "What you follow"),
    ("stories", "Stories you follow"),
    ("story", "A story: timeline, facts, who says what"),
    ("watch", "Watch a news feed or site"),
    ("watching", "Feeds you watch"),
    ("unwatch", "Stop watching a feed"),
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
        .rate_limiter(PriorityRateLimiter(max_retries=3))
        .concurrent_updates(True)  # a slow digest never holds up /help for others
        # PTB 22 quotes the message replied to only in groups by default; quote everywhere,
        # and still send when the message replied to was deleted meanwhile.
        .defaults(Defaults(do_quote=True, allow_sending_without_reply=True))
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


def _check_model(name: str) -> None:
    """Fail fast in this process: a worker failing to load the model only says it broke."""
    import spacy.util

    if not (spacy.util.is_package(name) or Path(name).expanduser().is_dir()):
        raise StartupError(
            f"the spaCy pipeline {name!r} is not installed (set DIGESTBOT_SPACY_MODEL)"
        )


async def _post_init(application: Application) -> None:
    # Imported here: a bad token or an unreachable Bot API fails before paying for spaCy.
    from bot.fetch import Fetcher
    from bot.followups.jobs import FOLLOWUPS_KEY, FollowUpJobs
    from bot.service import DigestService
    from bot.worker import AnalysisPool
    from storage.db import open_database

    settings: Settings = application.bot_data["settings"]
    _check_model(settings.spacy_model)
    try:
        db = await open_database(settings.database_url)
    except Exception as exc:
        raise StartupError(f"cannot open the database: {_one_line(exc)}") from exc
    pool = AnalysisPool(settings.spacy_model, settings.workers)
    try:
        await pool.start()
    except Exception as exc:
        await pool.close()
        await db.dispose()
        raise StartupError(f"cannot start the analysis workers: {_one_line(exc)}") from exc
    fetcher = Fetcher(settings)
    service = DigestService(settings, pool, fetcher, db)
    # Stored before anything else can fail, so post_shutdown releases it all.
    runtime = Runtime(settings, db, pool, fetcher, service)
    application.bot_data[RUNTIME_KEY] = runtime
    jobs = FollowUpJobs(settings, db, service, application)
    application.bot_data[FOLLOWUPS_KEY] = jobs
    runtime.followups = jobs.engine
    jobs.start(application)
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


STOP_TASK_KEY = "digestbot.stop_task"


def _install_stop_signals(application: Application, loop: asyncio.AbstractEventLoop) -> None:
    """SIGTERM/SIGINT stop the bot cleanly at any time, start-up included.

    PTB's own handlers raise SystemExit inside whatever is running; during start-up (an HTTP
    call in flight) that leaves a broken request and a traceback instead of a clean exit.
    Here a signal before the application runs waits for it to run, then stops it; one during
    post_init makes PTB skip polling altogether (stop_running's marker).
    """

    async def stop_once_running() -> None:
        while not application.running:
            await asyncio.sleep(0.05)
        application.stop_running()

    def on_signal() -> None:
        log.info("stop signal received: shutting down")
        if application.running:
            application.stop_running()
            return
        application.stop_running()
        if STOP_TASK_KEY not in application.bot_data:
            application.bot_data[STOP_TASK_KEY] = loop.create_task(stop_once_running())

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # not on Windows' event loops
            loop.add_signal_handler(sig, on_signal)


async def _post_shutdown(application: Application) -> None:
    stop_task: asyncio.Task[None] | None = application.bot_data.pop(STOP_TASK_KEY, None)
    if stop_task is not None and not stop_task.done():
        stop_task.cancel()
        await asyncio.gather(stop_task, return_exceptions=True)
    runtime: Runtime | None = application.bot_data.get(RUNTIME_KEY)
    if runtime is not None:
        await runtime.close()


async def _run_jobs_only(application: Application) -> None:
    """Start the application (and so its JobQueue) without receiving updates; until a signal.

    Telegram gives updates to one receiver per bot, so extra processes sharing the database
    only do the follow-up work, which they share through row claims.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await application.initialize()
    try:
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        log.info("running the follow-up jobs only (no incoming updates)")
        await stop.wait()
        await application.stop()
    finally:
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


def run_bot(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.telegram_token:
        print(
            "digestbot: no bot token: set TELEGRAM_BOT_TOKEN (from @BotFather) to run the bot",
            file=sys.stderr,
        )
        return 2
    redact_logs(settings.telegram_token)
    api_url = args.api_url or settings.telegram_api_url or None
    try:
        application = build_application(settings, api_url)
    except InvalidToken:
        print("digestbot: TELEGRAM_BOT_TOKEN is not a valid bot token", file=sys.stderr)
        return 2
    # Python 3.11+: run_polling needs a current event loop to exist.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    _install_stop_signals(application, loop)
    try:
        if getattr(args, "jobs_only", False):
            loop.run_until_complete(_run_jobs_only(application))
        elif args.webhook_url:
            application.run_webhook(
                listen=args.listen,
                port=args.port,
                url_path=settings.telegram_token,
                webhook_url=args.webhook_url.rstrip("/") + "/" + settings.telegram_token,
                allowed_updates=Update.ALL_TYPES,
                stop_signals=None,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None)
    except InvalidToken:
        # Never print the exception: PTB's message contains the token.
        print("digestbot: Telegram rejected the token (TELEGRAM_BOT_TOKEN)", file=sys.stderr)
        return 1
    except StartupError as exc:
        print(f"digestbot: {exc}", file=sys.stderr)
        return 1
    except NetworkError as exc:
        reason = _redact(exc.message, settings.telegram_token)
        print(f"digestbot: cannot reach the Bot API server: {reason}", file=sys.stderr)
        return 1
    except TelegramError as exc:
        print(
            f"digestbot: Telegram error: {_redact(exc.message, settings.telegram_token)}",
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # anything else at start-up: one line, details in the debug log
        log.debug("start-up failed", exc_info=True)
        reason = _redact(_one_line(exc), settings.telegram_token)
        print(f"digestbot: cannot start: {type(exc).__name__}: {reason}", file=sys.stderr)
        return 1
    return 0


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, "<token>") if secret else text
