"""What the register knows of the person being typed, beyond the form.

Some rules need facts only the database has: is this person on the residents list, on
the watchlist (home quarantine), still inside; is the station under closed management.
The register service gathers them (services/register.py `preview`, `validate`) and
hands them to the rules as this one object, so an alert shows while the guard types,
not only on save; the rules themselves (core/entry.py, core/decision.py) stay pure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Known", "WatchHit", "NOTHING_KNOWN"]


@dataclass(frozen=True)
class WatchHit:
    """The watchlist entry a person matched: what the guard's alert says (no identity)."""

    uuid: str
    kind: str  # home_quarantine, medical_observation
    end_date: dt.date
    room: str


@dataclass(frozen=True)
class Known:
    """The database's facts about one person at the gate (all unknown by default: a
    register with no residents and no watchlist)."""

    resident_uuid: str | None = None  # found on the residents list (by ID, phone, room, plate or pass code)
    watch: WatchHit | None = None  # on the watchlist now (home quarantine, medical observation)
    unlisted_room: str | None = None  # the room typed, when the residents list has nobody there

    @property
    def watched(self) -> bool:
        return self.watch is not None

    @property
    def watch_uuid(self) -> str | None:
        return self.watch.uuid if self.watch is not None else None


NOTHING_KNOWN = Known()
