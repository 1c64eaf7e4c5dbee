"""The daily report's reads: a day's figures aggregated in SQL, the shifts on duty that
day with their seven-ones checks, and the supervisor's appendix.

The figures are one GROUP BY (category × local hour) over the day's entries, found
through ix_entry_local_date: a busy day of 10,000 entries on a register of a million is
10,000 index lookups and 144 groups handed to core/daily_report.combine, never a
Python loop over rows. What each sum counts is core/daily_report.tally's definition
(a test keeps the two in step).

Timestamps are stored as naive UTC text ("YYYY-MM-DD HH:MM:SS.ffffff"); the local hour
of an entry is its stored minutes plus its own UTC offset, modulo a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, text

from checkpoint_app.core.daily_report import DayFigures, GroupFigures, combine

_LOCAL_HOUR = ("((CAST(substr(recorded_at, 12, 2) AS INTEGER) * 60 + CAST(substr(recorded_at, 15, 2) AS INTEGER)"
               " + utc_offset_min) % 1440 + 1440) % 1440 / 60")

_DAY_GROUPS = text(
    "SELECT category, hour,"
    " sum(direction = 'in' AND decision = 'admit'), sum(direction = 'out' AND decision = 'admit'),"
    " sum(decision = 'refuse'), sum(decision = 'refer'), sum(fever = 1), sum(key_area = 1),"
    " sum(decision = 'refer' OR coalesce(symptoms, '') != ''), count(*)"
    f" FROM (SELECT category, direction, decision, fever, key_area, symptoms, {_LOCAL_HOUR} AS hour"
    "       FROM entry WHERE local_date = :day AND voided = 0)"
    " GROUP BY category, hour"
)


def day_figures(conn: Connection, day: dt.date) -> DayFigures:
    """The figures of `day` (the station's calendar day), entries that are not void."""
    rows = conn.execute(_DAY_GROUPS, {"day": day.isoformat()})
    return combine(GroupFigures(str(r[0]), int(r[1]), *(int(v or 0) for v in r[2:])) for r in rows)


# the appendix: anyone the supervisor follows up (the literal conditions match the partial indexes' terms)
_APPENDIX = text(
    "SELECT seq, recorded_at, utc_offset_min, name, id_number, phone, category, direction, temp1, temp2,"
    " fever, key_area, coalesce(symptoms, ''), decision"
    " FROM entry WHERE local_date = :day AND voided = 0"
    " AND (fever = 1 OR key_area = 1 OR decision = 'refer' OR coalesce(symptoms, '') != '')"
    " ORDER BY seq"
)


def appendix_rows(conn: Connection, day: dt.date) -> list[Any]:
    """The day's entries with a fever, a key-area arrival, a referral or symptoms, by
    sequence number (raw rows: the service masks them)."""
    return list(conn.execute(_APPENDIX, {"day": day.isoformat()}))



