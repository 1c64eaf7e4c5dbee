"""Finding residents at the gate: by room, phone or its last four digits, plate, ID
number or pass code (core/resident_lookup.py reads the text into these keys). Every
key has its own index (models.Resident, ResidentPlate), so a lookup over tens of
thousands of residents reads a handful of rows; residents who moved out are left out."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from checkpoint_app.core.resident_lookup import Lookup

from checkpoint_app.db.models import Resident, ResidentPlate

__all__ = ["find_residents", "plates_of", "room_on_list"]


def find_residents(session: Session, lookup: Lookup, limit: int = 20) -> list[Resident]:
    """The residents (not moved out) matching any key of `lookup`, by room then id."""
    if not lookup:
        return []
    keys = []
    if lookup.id_number is not None:
        keys.append(col(Resident.id_number) == lookup.id_number)
    if lookup.phone is not None:
        keys.append(col(Resident.phone) == lookup.phone)
    if lookup.phone_tail is not None:
        keys.append(col(Resident.phone_tail) == lookup.phone_tail)
    if lookup.room is not None:
        keys.append(col(Resident.room) == lookup.room)
    if lookup.pass_code is not None:
        keys.append(col(Resident.pass_code) == lookup.pass_code)
    if lookup.plate is not None:
        keys.append(col(Resident.id).in_(select(ResidentPlate.resident_id).where(ResidentPlate.plate == lookup.plate)))
    query = (select(Resident).where(or_(*keys), col(Resident.moved_out) == False)  # noqa: E712
             .order_by(col(Resident.room), col(Resident.id)).limit(limit))
    return list(session.exec(query).all())


def plates_of(session: Session, resident_ids: list[int]) -> dict[int, list[str]]:
    """Each resident's plates."""
    found: dict[int, list[str]] = {i: [] for i in resident_ids}
    if resident_ids:
        for plate, resident_id in session.exec(select(ResidentPlate.plate, ResidentPlate.resident_id)
                                               .where(col(ResidentPlate.resident_id).in_(resident_ids))
                                               .order_by(col(ResidentPlate.plate))):
            found[resident_id].append(plate)
    return found


def room_on_list(session: Session, room: str) -> bool | None:
    """Whether someone (not moved out) lives in `room` by the residents list; None when
    there is no list (a station that never imported one)."""
    if session.exec(select(Resident.id).where(col(Resident.room) == room, col(Resident.moved_out) == False)  # noqa: E712
                    .limit(1)).first() is not None:
        return True
    return None if session.exec(select(Resident.id).limit(1)).first() is None else False
