"""Read side for the vehicle desk: the vehicles of the last hour, shown beside the
vehicle form so the guard sees the queue that has passed (and a car coming round again).

Read through the local_date index (today and yesterday, for the hour after midnight):
never a scan of the whole register.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select, text
from sqlmodel import col

from checkpoint_app.core.listing import EntryRow

from checkpoint_app.db.models import Passage
from checkpoint_app.db.queries import _ROW_COLUMNS, _with_lead


def recent_vehicles(conn: Connection, since: dt.datetime, limit: int) -> list[EntryRow]:
    """The vehicles (not void) registered at or after `since` (aware), newest first."""
    query = _with_lead(select(*_ROW_COLUMNS)).where(
        col(Passage.local_date) >= (since - dt.timedelta(days=1)).date(),
        col(Passage.kind) == "vehicle", col(Passage.voided) == False,  # noqa: E712
        col(Passage.recorded_at) >= since.astimezone(dt.timezone.utc),
    ).order_by(col(Passage.id).desc()).limit(limit)
    return [EntryRow(*row) for row in conn.execute(query)]


def vehicles_by_category(conn: Connection, day: dt.date) -> dict[str, tuple[int, int]]:
    """The day's vehicles (not void) by category: (vehicles, persons aboard), through
    the local_date index (the daily report's figures give the same by decision)."""
    rows = conn.execute(text(
        "SELECT coalesce(vehicle_category, 'other'), count(*),"
        " sum((SELECT count(*) FROM person_check WHERE person_check.passage_id = passage.id))"
        " FROM passage WHERE local_date = :day AND voided = 0 AND kind = 'vehicle'"
        " GROUP BY 1"), {"day": day.isoformat()})
    return {category: (vehicles, aboard) for category, vehicles, aboard in rows}
