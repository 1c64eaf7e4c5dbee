"""Read-only access to the register for the UI: pages, result counts, today's counts,
one entry's details and the links between a corrected entry and its correction.

What it hands the UI is masked (names, ID numbers, phones; core/masking.py) and is
plain data, never an ORM object: rows are `EntryRow`s, one entry is a `PassageView`
(services/records.py). A full value is the audited reveal (services/reveal.py), for a
supervisor with a reason.

Every read names its actor: one the desk issued whose role may see masked lists
(Action.VIEW_MASKED); anyone else is refused, and the refusal audited, by the unit of
work's permission check (a dictionary look-up, cheap enough for every page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from sqlmodel import col, select

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow, SavedRow, masked_row, row_matches
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db import queries, vehicle_queries
from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Passage, PersonCheck

from checkpoint_app.services import reveal
from checkpoint_app.services.context import AppContext
from checkpoint_app.services.records import PassageView, entry_view

_T = TypeVar("_T")


@dataclass(frozen=True)
class EntryLinks:
    """(id, seq) of the entry an entry corrects, and of the one that corrected it."""

    corrects: tuple[int, int] | None = None
    corrected_by: tuple[int, int] | None = None


class RegisterReader:
    def __init__(self, ctx: AppContext):
        self._ctx = ctx

    def _run(self, actor: Actor | None, func: Callable[..., _T], *args: Any) -> _T:
        self._ctx.uow.require(actor, Action.VIEW_MASKED)
        with storage_errors(self._ctx.health.note_error), self._ctx.connect() as conn:
            return func(conn, *args)

    def page(self, actor: Actor | None, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
        """Up to `limit` masked rows matching `f`, newest first, after the row `before_id`."""
        return [masked_row(row) for row in self._run(actor, queries.fetch_page, f, before_id, limit)]

    def count(self, actor: Actor | None, f: EntryFilter, cap: int) -> int:
        """Rows matching `f`, up to cap + 1 (more than `cap`: "cap+")."""
        return self._run(actor, queries.count_matching, f, cap)

    def saved(self, actor: Actor | None, entry_id: int, f: EntryFilter) -> SavedRow | None:
        """A just-saved entry's masked row, whether it corrected (voided) another entry,
        and whether the filter `f` lists it (judged on the full values: a search by phone
        or ID digits must find it)."""
        found = self._run(actor, queries.fetch_saved, entry_id)
        if found is None:
            return None
        row, corrected = found
        # a vehicle's row shows its first person; the filter looks at all of them
        matches = row_matches(f, row) if row.occupants == 1 else self._run(actor, queries.passage_matches, f, entry_id)
        return SavedRow(masked_row(row), corrected, matches)

    def recent_vehicles(self, actor: Actor | None, minutes: int = 60, limit: int = 200) -> list[EntryRow]:
        """The vehicles of the last `minutes`, newest first, masked (the list beside the
        vehicle form)."""
        since = self._ctx.clock() - dt.timedelta(minutes=minutes)
        return [masked_row(row) for row in self._run(actor, vehicle_queries.recent_vehicles, since, limit)]

    def vehicles_by_category(self, actor: Actor | None, day: dt.date | None = None) -> dict[str, tuple[int, int]]:
        """The day's vehicles by category: (vehicles, persons aboard)."""
        return self._run(actor, vehicle_queries.vehicles_by_category, day or self.today())

    def counts(self, actor: Actor | None, day: dt.date | None = None) -> DayCounts:
        return self._run(actor, queries.day_counts, day or self.today())

    def today(self) -> dt.date:
        return self._ctx.clock().date()

    def entry(self, actor: Actor | None, entry_id: int) -> PassageView | None:
        """One entry's details, its identity masked (None: no such entry)."""
        self._ctx.uow.require(actor, Action.VIEW_MASKED)
        with storage_errors(self._ctx.health.note_error), self._ctx.session() as session:
            found = session.get(Passage, entry_id)
            if found is None:
                return None
            persons = session.exec(select(PersonCheck).where(PersonCheck.passage_id == entry_id)
                                   .order_by(col(PersonCheck.position))).all()
            return entry_view(found, persons)

    def may_reveal(self, actor: Actor | None) -> None:
        """NotPermitted (the refusal audited) unless `actor` may reveal full identities."""
        reveal.may_reveal(self._ctx.uow, actor)

    def reveal(self, actor: Actor | None, entry_id: int, field: str, reason: str, position: int = 0) -> str:
        """One full identity field ("name", "id_number", "phone") of an entry's person at
        `position` (a vehicle's occupant; 0 the person on foot), for a supervisor with a
        reason; audited (services/reveal.py)."""
        return reveal.reveal(self._ctx.uow, actor, entry_id, field, reason, position)

    def links(self, actor: Actor | None, entry_id: int) -> EntryLinks:
        return EntryLinks(*self._run(actor, queries.corrections, entry_id))
