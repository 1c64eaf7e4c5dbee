"""Read side of the register: filtered pages (newest first), capped result counts,
today's counts, single rows and the links between a corrected entry and its correction.

Pages use keyset paging (`id < before`; with a day range `(local_date, id) < before`,
which walks the local_date index without sorting the range), so page N costs the same
as page 1 and the whole table is never loaded. Name search walks the name-gram index
backwards; ID and phone fragments use the FTS5 trigram index; rare flags (fever, key
area, void) have partial indexes, matched by the literal conditions written here.
A result count stops at a cap: counting every match of a broad filter over a million
entries would cost more than the page itself (see `make bench`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, bindparam, column, func, select, table, text, tuple_
from sqlmodel import SQLModel, col

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow, SearchKind, VoidFilter
from checkpoint_app.core.name_search import query_grams

from checkpoint_app.db.models import IDENT_FTS_TABLE, Entry

_FTS = table(IDENT_FTS_TABLE, column("rowid"), column(IDENT_FTS_TABLE))
# literal conditions, so SQLite can use the partial indexes (a bound parameter cannot)
_GRAMS: Table = SQLModel.metadata.tables["entry_name_gram"]  # the table, for aliases in name search
_FLAG_TRUE = {"fever": text("entry.fever = 1"), "key_area": text("entry.key_area = 1")}

_ROW_COLUMNS: tuple[Any, ...] = (
    Entry.id, Entry.seq, Entry.recorded_at, Entry.utc_offset_min, Entry.direction, Entry.category,
    Entry.name, Entry.id_number, Entry.phone, Entry.temp1, Entry.temp2, Entry.fever, Entry.key_area,
    Entry.decision, Entry.voided, Entry.local_date,
)
_FTS_COLUMNS = {SearchKind.ID_NUMBER: "id_number : ", SearchKind.PHONE: "phone : ", SearchKind.ID_OR_PHONE: ""}


def _conditions(f: EntryFilter) -> list[Any]:
    conds: list[Any] = []
    if f.day_from is not None:
        conds.append(col(Entry.local_date) >= f.day_from)
    if f.day_to is not None:
        conds.append(col(Entry.local_date) <= f.day_to)
    for column_, value in ((Entry.direction, f.direction), (Entry.category, f.category), (Entry.decision, f.decision)):
        if value is not None:
            conds.append(col(column_) == value)
    for name, flag in (("fever", f.fever), ("key_area", f.key_area)):
        if flag is True:
            conds.append(_FLAG_TRUE[name])
        elif flag is False:
            conds.append(getattr(Entry, name) == False)  # noqa: E712
    if f.voided == VoidFilter.HIDE:
        conds.append(Entry.voided == False)  # noqa: E712
    elif f.voided == VoidFilter.ONLY:
        conds.append(text("entry.voided = 1"))
    return conds


def _query(f: EntryFilter, before_id: int | None, columns: tuple[Any, ...]) -> Select[Any] | None:
    """The SELECT for `f` (newest first, after `before_id`), or None when the search
    cannot match anything (too short a fragment, a licence plate)."""
    conds = _conditions(f)
    query = select(*columns)
    search = f.search()
    if search is not None and (not search.usable or search.kind == SearchKind.PLATE):
        return None
    by_day = f.day_from is not None or f.day_to is not None
    if search is not None and search.kind == SearchKind.NAME:
        fragment = search.fragment
        grams = query_grams(fragment)
        first = _GRAMS.alias("g0")
        query = query.join(first, and_(first.c.entry_id == col(Entry.id), first.c.gram == grams[0]))
        for i, gram in enumerate(grams[1:], start=1):
            other = _GRAMS.alias(f"g{i}")
            query = query.join(other, and_(other.c.entry_id == col(Entry.id), other.c.gram == gram))
        if len(fragment) > 2:
            # the grams are all there; confirm they stand together, in order
            conds.append(func.name_key(Entry.name).contains(fragment, autoescape=True))
        order = [first.c.entry_id.desc()]
        if before_id is not None:
            conds.append(first.c.entry_id < before_id)
    elif by_day:
        order = [col(Entry.local_date).desc(), col(Entry.id).desc()]
        if before_id is not None:
            last_day = select(col(Entry.local_date)).where(col(Entry.id) == before_id).scalar_subquery()
            conds.append(tuple_(col(Entry.local_date), col(Entry.id)) < tuple_(last_day, before_id))
    else:
        order = [col(Entry.id).desc()]
        if before_id is not None:
            conds.append(col(Entry.id) < before_id)
    if search is not None and search.kind in _FTS_COLUMNS:
        # the fragment is ASCII letters and digits only (search_text.search_fragment)
        match = f'{_FTS_COLUMNS[search.kind]}"{search.fragment}"'
        conds.append(col(Entry.id).in_(select(_FTS.c.rowid).where(_FTS.c[IDENT_FTS_TABLE].op("MATCH")(match))))
    return query.where(*conds).order_by(*order)


def fetch_page(conn: Connection, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
    """Up to `limit` rows matching `f`, newest first, after the row `before_id`."""
    query = _query(f, before_id, _ROW_COLUMNS)
    if query is None:
        return []
    return [EntryRow(*row) for row in conn.execute(query.limit(limit))]


def count_matching(conn: Connection, f: EntryFilter, cap: int) -> int:
    """How many rows match `f`, counting no further than `cap` + 1 (more than `cap`
    means "over cap": the count walks the same index as the page, for at most cap + 1 rows)."""
    query = _query(f, None, (Entry.id,))
    if query is None:
        return 0
    capped = query.order_by(None).limit(cap + 1).subquery()
    return conn.execute(select(func.count()).select_from(capped)).scalar_one()


# built once: this runs after every save, while the guard waits
_SAVED = select(*_ROW_COLUMNS, col(Entry.corrects_uuid)).where(col(Entry.id) == bindparam("entry_id"))


def fetch_saved(conn: Connection, entry_id: int) -> tuple[EntryRow, bool] | None:
    """One entry's row, and whether it is the correction of another (void) entry."""
    found = conn.execute(_SAVED, {"entry_id": entry_id}).first()
    return (EntryRow(*found[:-1]), found[-1] is not None) if found is not None else None


def corrections(conn: Connection, entry_id: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(id, seq) of the entry this one corrects, and of the entry that corrected it.

    The correction of an entry is always stored after it, in the same transaction
    that voided it: only void entries have one, and only later rows are searched."""
    this = conn.execute(select(col(Entry.uuid), col(Entry.corrects_uuid), col(Entry.voided)).where(col(Entry.id) == entry_id)).first()
    if this is None:
        return None, None
    corrects = corrected_by = None
    if this.corrects_uuid:
        found = conn.execute(select(col(Entry.id), col(Entry.seq)).where(col(Entry.uuid) == this.corrects_uuid)).first()
        corrects = (found.id, found.seq) if found else None
    if this.voided:
        found = conn.execute(select(col(Entry.id), col(Entry.seq)).where(col(Entry.id) > entry_id, col(Entry.corrects_uuid) == this.uuid)
                             .order_by(col(Entry.id)).limit(1)).first()
        corrected_by = (found.id, found.seq) if found else None
    return corrects, corrected_by


def day_counts(conn: Connection, day: dt.date) -> DayCounts:
    """Counts of the day's entries, as core.listing.counts_of defines them: entered and
    left count only people let through; refused and referred people did not pass."""
    row = conn.execute(text(
        "SELECT "
        " coalesce(sum(direction = 'in' AND decision = 'admit'), 0),"
        " coalesce(sum(direction = 'out' AND decision = 'admit'), 0),"
        " coalesce(sum(direction = 'in' AND decision = 'admit' AND category != 'resident'), 0),"
        " coalesce(sum(fever), 0), coalesce(sum(decision = 'refuse'), 0),"
        " coalesce(sum(decision = 'refer'), 0), coalesce(sum(key_area), 0)"
        " FROM entry WHERE local_date = :day AND voided = 0"
    ), {"day": day.isoformat()}).one()
    return DayCounts(*row)
