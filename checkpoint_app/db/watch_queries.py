"""Is the person at the gate on the watchlist? An entry is active from its start date to
its end date unless lifted; it is matched by ID number, by the resident it was entered
for, or by name and room together (ix_watch_id_number, ix_watch_room)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_
from sqlmodel import Session, col, select

from checkpoint_app.db.models import Watch

__all__ = ["active_watch"]


def active_watch(session: Session, today: dt.date, id_number: str | None = None, resident_id: int | None = None,
                 name: str | None = None, room: str | None = None) -> Watch | None:
    """The active watchlist entry matching the first key that matches, in the order given
    (the one ending last). Each key is its own query through its index: an OR of them
    would scan the table."""
    keys = []
    if id_number:
        keys.append(col(Watch.id_number) == id_number)
    if resident_id is not None:
        keys.append(col(Watch.resident_id) == resident_id)
    if name and room:
        keys.append(and_(col(Watch.room) == room, col(Watch.name) == name))
    for key in keys:
        found = session.exec(select(Watch).where(
            key, col(Watch.start_date) <= today, col(Watch.end_date) >= today, col(Watch.lifted_on).is_(None))
            .order_by(col(Watch.end_date).desc()).limit(1)).first()
        if found is not None:
            return found
    return None
