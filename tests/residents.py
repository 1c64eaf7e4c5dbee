"""Residents stored directly, for tests (the residents service's import is tested on its own)."""

from __future__ import annotations

import datetime as dt
import uuid

from checkpoint_app.db.models import Resident, ResidentPlate


def add_resident(ctx, name="王五", room="3-5-502", phone="13812345678", id_number=None, pass_code=None,
                 plates=(), moved_out=False) -> Resident:
    now = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)
    with ctx.session() as session:
        resident = Resident(uuid=str(uuid.uuid4()), name=name, room=room, phone=phone,
                            phone_tail=phone[-4:] if phone else None, id_number=id_number, pass_code=pass_code,
                            moved_out=moved_out, created_at=now, updated_at=now)
        session.add(resident)
        session.flush()
        for plate in plates:
            session.add(ResidentPlate(plate=plate, resident_id=resident.id))
        session.commit()
        session.refresh(resident)
        return resident


def add_watch(ctx, name="王五", id_number=None, room="3-5-502", start=dt.date(2026, 11, 20), end=dt.date(2026, 12, 4),
              kind="home_quarantine", resident=None, lifted_on=None):
    """A watchlist entry stored directly (the watchlist service is tested on its own)."""
    from checkpoint_app.db.models import Watch

    now = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)
    with ctx.session() as session:
        watch = Watch(uuid=str(uuid.uuid4()), kind=kind, name=name, id_number=id_number, room=room, start_date=start,
                      end_date=end, reason="", lifted_on=lifted_on, resident_id=resident.id if resident else None,
                      created_at=now, created_by=1)
        session.add(watch)
        session.commit()
        session.refresh(watch)
        return watch
