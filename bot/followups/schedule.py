"""When to check a followed article again: a backoff schedule, then daily, then stop.

The steps come from DIGESTBOT_RECHECK_SCHEDULE (e.g. 10m,30m,1h,3h,12h,24h). A change starts
the schedule over; an article that says it will be updated is checked at the first step; past
the last step it is checked daily until it has not changed for a week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

DAILY = timedelta(days=1)
QUIET_PERIOD = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class NextCheck:
    at: datetime | None  # None: stop checking
    step: int
    unchanged_since: datetime | None


def next_check(
    schedule: tuple[float, ...],
    *,
    now: datetime,
    step: int,
    changed: bool,
    unchanged_since: datetime | None,
    update_expected: bool = False,
) -> NextCheck:
    """The next check after one that happened at ``now``."""
    if changed:
        step, unchanged_since = 0, None
    else:
        step += 1
        unchanged_since = unchanged_since or now
    if update_expected:
        return NextCheck(now + timedelta(seconds=schedule[0]), step, unchanged_since)
    if step < len(schedule):
        return NextCheck(now + timedelta(seconds=schedule[step]), step, unchanged_since)
    if unchanged_since is not None and now - unchanged_since >= QUIET_PERIOD:
        return NextCheck(None, step, unchanged_since)
    return NextCheck(now + DAILY, step, unchanged_since)


def first_check(schedule: tuple[float, ...], *, now: datetime) -> datetime:
    """When a newly followed article is first checked: the first step, the soonest."""
    return now + timedelta(seconds=schedule[0])
