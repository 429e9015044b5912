"""What the Telegram handlers need at run time, kept in ``application.bot_data``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.flood import FloodGate

if TYPE_CHECKING:  # not at run time: `digestbot run` fails fast without importing spaCy
    from bot.fetch import Fetcher
    from bot.followups.engine import FollowUps
    from bot.service import DigestService
    from bot.settings import Settings
    from bot.worker import AnalysisPool
    from storage.db import Database

RUNTIME_KEY = "digestbot.runtime"
MAX_LINKS_PER_MESSAGE = 5


@dataclass
class Runtime:
    settings: Settings
    db: Database
    pool: AnalysisPool
    fetcher: Fetcher
    service: DigestService
    flood: FloodGate = field(default_factory=FloodGate)
    followups: FollowUps | None = None  # set once the follow-up jobs are wired

    async def close(self) -> None:
        await self.fetcher.aclose()
        await self.pool.close()
        await self.db.dispose()
