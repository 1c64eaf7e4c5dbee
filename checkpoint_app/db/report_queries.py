"""The daily report's reads: a day's figures aggregated in SQL, the shifts on duty that
day with their seven-ones checks, and the supervisor's appendix.

The figures are one GROUP BY (category × local hour) over the persons of the day's
passages, found through ix_passage_local_date: a busy day of 10,000 entries on a register of a million is
10,000 index lookups and 144 groups handed to core/daily_report.combine, never a
Python loop over rows; a second GROUP BY (kind × vehicle category) over the same rows
counts the passages: the vehicles and their occupants, the leaflets (a passage's own
counts are read on its first person's row, position 0: every passage has exactly one).
What each sum counts is core/daily_report.tally's definition (a test keeps the two in step).

Timestamps are stored as naive UTC text ("YYYY-MM-DD HH:MM:SS.ffffff"); the local hour
of an entry is its stored minutes plus its own UTC offset, modulo a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, text

from checkpoint_app.core.daily_report import DayFigures, GroupFigures, PassageGroup, combine

_LOCAL_HOUR = ("((CAST(substr(p.recorded_at, 12, 2) AS INTEGER) * 60 + CAST(substr(p.recorded_at, 15, 2) AS INTEGER)"
               " + p.utc_offset_min) % 1440 + 1440) % 1440 / 60")

_DAY_GROUPS = text(
    "SELECT category, hour,"
    " sum(direction = 'in' AND decision = 'admit'), sum(direction = 'out' AND decision = 'admit'),"
    " sum(decision = 'refuse'), sum(decision = 'refer'), sum(fever = 1), sum(key_area = 1),"
    " sum(decision = 'refer' OR coalesce(symptoms, '') != ''), count(*)"
    f" FROM (SELECT c.category, p.direction, p.decision, c.fever, c.key_area, c.symptoms, {_LOCAL_HOUR} AS hour"
    "       FROM passage p JOIN person_check c ON c.passage_id = p.id WHERE p.local_date = :day AND p.voided = 0)"
    " GROUP BY category, hour"
)


_PASSAGE_GROUPS = text(
    "SELECT p.kind, p.vehicle_category, sum(c.position = 0),"
    " sum(c.position = 0 AND p.direction = 'in' AND p.decision = 'admit'),"
    " sum(c.position = 0 AND p.direction = 'out' AND p.decision = 'admit'),"
    " sum(c.position = 0 AND p.decision = 'refuse'), sum(c.position = 0 AND p.decision = 'refer'),"
    " count(*), sum(c.position = 0 AND p.leaflet = 1)"
    " FROM passage p JOIN person_check c ON c.passage_id = p.id WHERE p.local_date = :day AND p.voided = 0"
    " GROUP BY p.kind, p.vehicle_category"
)


def day_figures(conn: Connection, day: dt.date) -> DayFigures:
    """The figures of `day` (the station's calendar day): every person of its passages
    that are not void, and the passages themselves (vehicles, leaflets)."""
    rows = conn.execute(_DAY_GROUPS, {"day": day.isoformat()})
    groups = [GroupFigures(str(r[0]), int(r[1]), *(int(v or 0) for v in r[2:])) for r in rows]
    passages = conn.execute(_PASSAGE_GROUPS, {"day": day.isoformat()})
    return combine(groups, [PassageGroup(str(r[0]), r[1] if r[0] == "vehicle" else None, *(int(v or 0) for v in r[2:]))
                            for r in passages])


# the appendix: anyone the supervisor follows up, found among the day's passages (ix_passage_local_date)
_APPENDIX = text(
    "SELECT p.seq, p.recorded_at, p.utc_offset_min, c.name, c.id_number, c.phone, c.category, p.direction,"
    " c.temp1, c.temp2, c.fever, c.key_area, coalesce(c.symptoms, ''), p.decision,"
    " CASE WHEN p.kind = 'vehicle' THEN p.plate END"
    " FROM passage p JOIN person_check c ON c.passage_id = p.id WHERE p.local_date = :day AND p.voided = 0"
    " AND (c.fever = 1 OR c.key_area = 1 OR p.decision = 'refer' OR coalesce(c.symptoms, '') != '')"
    " ORDER BY p.seq, c.position"
)


def appendix_rows(conn: Connection, day: dt.date) -> list[Any]:
    """The day's persons with a fever, a key-area arrival, a referral or symptoms, by
    sequence number and place in their passage (raw rows: the service masks them)."""
    return list(conn.execute(_APPENDIX, {"day": day.isoformat()}))



