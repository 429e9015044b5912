from datetime import UTC, datetime, timedelta

from bot.followups.schedule import first_check, next_check

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
SCHEDULE = (600.0, 1800.0, 3600.0)


def test_backoff_then_daily_then_stop() -> None:
    assert first_check(SCHEDULE, now=NOW) == NOW + timedelta(minutes=10)
    step, since, now = 0, None, NOW
    waits = []
    while True:
        planned = next_check(SCHEDULE, now=now, step=step, changed=False, unchanged_since=since)
        if planned.at is None:
            break
        waits.append(planned.at - now)
        step, since, now = planned.step, planned.unchanged_since, planned.at
    assert waits[:2] == [timedelta(minutes=30), timedelta(hours=1)]
    assert set(waits[2:]) == {timedelta(days=1)}
    assert now - NOW >= timedelta(days=7)  # a quiet week, then no more checks
    assert len(waits) < 12


def test_a_change_starts_over_and_an_announced_update_comes_soon() -> None:
    planned = next_check(SCHEDULE, now=NOW, step=2, changed=True, unchanged_since=NOW)
    assert planned.at == NOW + timedelta(minutes=10) and planned.step == 0
    assert planned.unchanged_since is None
    soon = next_check(
        SCHEDULE, now=NOW, step=2, changed=False, unchanged_since=NOW, update_expected=True
    )
    assert soon.at == NOW + timedelta(minutes=10)
