"""Read side for the vehicle desk: the vehicles of the last hour, shown beside the
vehicle form so the guard sees the queue that has passed (and a car coming round again).

Read through the local_date index (today and yesterday, for the hour after midnight):
never a scan of the whole register.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, select
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
