"""Read-only access to the register for the UI: pages, counts, one entry's details."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, TypeVar

from checkpoint_app.db import queries
from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Entry
from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow
from checkpoint_app.services.context import AppContext

_T = TypeVar("_T")


class RegisterReader:
    def __init__(self, ctx: AppContext):
        self._ctx = ctx

    def _run(self, func: Callable[..., _T], *args: Any) -> _T:
        with storage_errors(), self._ctx.connect() as conn:
            return func(conn, *args)

    def page(self, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
        return self._run(queries.fetch_page, f, before_id, limit)

    def counts(self, day: dt.date | None = None) -> DayCounts:
        return self._run(queries.day_counts, day or self._ctx.clock().date())

    def entry(self, entry_id: int) -> Entry | None:
        with storage_errors(), self._ctx.session() as session:
            return session.get(Entry, entry_id)
