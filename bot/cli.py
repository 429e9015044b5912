"""The command line: ``digestbot digest SOURCE…`` and ``digestbot run``."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace

from bot import __version__
from bot.errors import DigestError
from bot.settings import ENVIRONMENT, Settings

log = logging.getLogger("digestbot")


def _environment_help() -> str:
    lines = ["environment (also read from a .env file in the working directory):"]
    for name, (default, help_text) in ENVIRONMENT.items():
        shown = f" (default: {default})" if default else ""
        lines.append(f"  {name:<28} {help_text}{shown}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="digestbot",
        description="Reads news articles: key facts, sources cited, and who says what.",
        epilog=_environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digestbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    digest = sub.add_parser(
        "digest",
        help="digest articles from links or files",
        description="Digest articles: SOURCE is an http(s) URL, an HTML file (.html, .htm, "
        ".html.gz) or a .txt file of plain article text.",
        epilog=_environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    digest.add_argument("sources", nargs="+", metavar="SOURCE")
    digest.add_argument(
        "--json", action="store_true", help="one JSON object per SOURCE per line on stdout"
    )
    digest.add_argument(
        "--format",
        choices=("text", "markdown", "html"),
        default="text",
        help="digest format (default: text; html is Telegram's HTML)",
    )
    digest.add_argument("--db", metavar="URL", help="database URL (DIGESTBOT_DATABASE_URL)")
    digest.add_argument("--no-store", action="store_true", help="do not read or write storage")
    digest.add_argument(
        "--refresh", action="store_true", help="fetch links again even if analysed recently"
    )
    digest.add_argument("--debug", action="store_true", help="log details and tracebacks")

    run = sub.add_parser(
        "run",
        help="run the Telegram bot",
        description="Run the Telegram bot (long polling, or a webhook with --webhook-url).",
        epilog=_environment_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--api-url", metavar="URL", help="Bot API server (TELEGRAM_API_URL)")
    run.add_argument("--webhook-url", metavar="URL", help="public URL of the webhook")
    run.add_argument("--listen", default="0.0.0.0", metavar="HOST", help="webhook listen address")
    run.add_argument("--port", type=int, default=8443, metavar="N", help="webhook port")
    run.add_argument("--db", metavar="URL", help="database URL (DIGESTBOT_DATABASE_URL)")
    run.add_argument(
        "--jobs-only",
        action="store_true",
        help="only the follow-up work (re-checks, feeds, sending updates), no incoming updates: "
        "for extra processes beside the one that polls or serves the webhook (PostgreSQL)",
    )
    run.add_argument("--debug", action="store_true", help="log details")
    return parser


def setup_logging(level: str) -> None:
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:
        print(f"digestbot: bad setting: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "db", None):
        settings = replace(settings, database_url=args.db)
    quiet = "WARNING" if args.command == "digest" else settings.log_level
    setup_logging("DEBUG" if args.debug else quiet)
    if args.command == "digest":
        from bot.digest_command import run_digest

        return asyncio.run(run_digest(args, settings))
    from bot.app import run_bot

    return run_bot(args, settings)


__all__ = ["DigestError", "build_parser", "main"]
