"""How long a register keeps people's data (issue 10): the personal fields of passages
older than the retention period are erased once the district office has acknowledged
the batches that carried them (comparable systems: Luca 4 weeks, SafeEntry 25 days; the
February 2020 national notice: the minimum, only as long as it is needed). The counts the
daily reports need stay.

Which fields are erased is declared once, on the records' own fields (db/models.py,
`"personal": True`); this module holds the rule's numbers and the day arithmetic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

RETENTION_DEFAULT, RETENTION_MIN, RETENTION_MAX = 28, 7, 90  # days


def check_retention_days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not RETENTION_MIN <= value <= RETENTION_MAX:
        raise InvalidInput([problem("retention_days", QT_TRANSLATE_NOOP(
            "problems", "People's data is kept {low} to {high} days."), low=RETENTION_MIN, high=RETENTION_MAX)])
    return value


def purge_before(today: dt.date, retention_days: int, first_undelivered: dt.date | None) -> dt.date:
    """The first day whose passages keep their personal data: the days before it are
    older than `retention_days` (today's day is day 0) and every passage of them has been
    delivered (the office acknowledged it); `first_undelivered` is the earliest day with a
    passage the office has not acknowledged yet, which stops the purge there."""
    cutoff = today - dt.timedelta(days=retention_days)
    return min(cutoff, first_undelivered) if first_undelivered is not None else cutoff


QUIET_HOUR = 3  # the daily run's hour (local): the file's rewrite makes saves wait, and nights are quietest


def ms_until_quiet_hour(now: dt.datetime, hour: int = QUIET_HOUR) -> int:
    """Milliseconds from `now` to the next `hour`:00 on the same clock (tomorrow's when
    that hour has begun today; at least one second)."""
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += dt.timedelta(days=1)
    return max(1000, int((target - now).total_seconds() * 1000))
