"""Read-only access to the register for the UI: pages, result counts, today's counts,
one entry's details and the links between a corrected entry and its correction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow

from checkpoint_app.db import queries
from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Entry

from checkpoint_app.services.context import AppContext

_T = TypeVar("_T")


@dataclass(frozen=True)
class EntryLinks:
    """(id, seq) of the entry an entry corrects, and of the one that corrected it."""

    corrects: tuple[int, int] | None = None
    corrected_by: tuple[int, int] | None = None


class RegisterReader:
    def __init__(self, ctx: AppContext):
        self._ctx = ctx

    def _run(self, func: Callable[..., _T], *args: Any) -> _T:
        with storage_errors(self._ctx.health.note_error), self._ctx.connect() as conn:
            return func(conn, *args)

    def page(self, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
        return self._run(queries.fetch_page, f, before_id, limit)

    def count(self, f: EntryFilter, cap: int) -> int:
        """Rows matching `f`, up to cap + 1 (more than `cap`: "cap+")."""
        return self._run(queries.count_matching, f, cap)

    def saved(self, entry_id: int) -> tuple[EntryRow, bool] | None:
        """A just-saved entry's row, and whether it corrected (voided) another entry."""
        return self._run(queries.fetch_saved, entry_id)

    def counts(self, day: dt.date | None = None) -> DayCounts:
        return self._run(queries.day_counts, day or self.today())

    def today(self) -> dt.date:
        return self._ctx.clock().date()

    def entry(self, entry_id: int) -> Entry | None:
        with storage_errors(self._ctx.health.note_error), self._ctx.session() as session:
            return session.get(Entry, entry_id)

    def links(self, entry_id: int) -> EntryLinks:
        return EntryLinks(*self._run(queries.corrections, entry_id))
