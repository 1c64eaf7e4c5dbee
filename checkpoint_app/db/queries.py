"""Read side of the register: filtered pages (newest first) and today's counts.

Pages use keyset paging (`id < before`; with a day range `(local_date, id) < before`,
which walks the local_date index without sorting the range), so page N costs the same
as page 1 and the whole table is never loaded. Name search walks the name-gram index
backwards; ID and phone fragments use the FTS5 trigram index; rare flags (fever, key
area, void) have partial indexes, matched by the literal conditions written here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, column, func, select, table, text, tuple_

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow, SearchKind, VoidFilter, search_fragment
from checkpoint_app.core.name_search import query_grams
from checkpoint_app.db.models import IDENT_FTS_TABLE, Entry, EntryNameGram

_FTS = table(IDENT_FTS_TABLE, column("rowid"), column(IDENT_FTS_TABLE))
# literal conditions, so SQLite can use the partial indexes (a bound parameter cannot)
_FLAG_TRUE = {"fever": text("entry.fever = 1"), "key_area": text("entry.key_area = 1")}

_ROW_COLUMNS = (
    Entry.id, Entry.seq, Entry.recorded_at, Entry.utc_offset_min, Entry.direction, Entry.category,
    Entry.name, Entry.id_number, Entry.phone, Entry.temp1, Entry.temp2, Entry.fever, Entry.key_area,
    Entry.decision, Entry.voided,
)


def _conditions(f: EntryFilter) -> list:
    conds = []
    if f.day_from is not None:
        conds.append(Entry.local_date >= f.day_from)
    if f.day_to is not None:
        conds.append(Entry.local_date <= f.day_to)
    for col, value in ((Entry.direction, f.direction), (Entry.category, f.category), (Entry.decision, f.decision)):
        if value is not None:
            conds.append(col == value)
    for name, value in (("fever", f.fever), ("key_area", f.key_area)):
        if value is True:
            conds.append(_FLAG_TRUE[name])
        elif value is False:
            conds.append(getattr(Entry, name) == False)  # noqa: E712
    if f.voided == VoidFilter.HIDE:
        conds.append(Entry.voided == False)  # noqa: E712
    elif f.voided == VoidFilter.ONLY:
        conds.append(text("entry.voided = 1"))
    return conds


def fetch_page(conn: Connection, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
    """Up to `limit` rows matching `f`, newest first, after the row `before_id`."""
    conds = _conditions(f)
    query = select(*_ROW_COLUMNS)
    fragment = search_fragment(f.search_kind, f.search_text) if f.search_kind and f.search_text.strip() else None
    if fragment == "":
        return []
    by_day = f.day_from is not None or f.day_to is not None
    if f.search_kind == SearchKind.NAME and fragment:
        grams = query_grams(fragment)
        first = EntryNameGram.__table__.alias("g0")
        query = query.join(first, and_(first.c.entry_id == Entry.id, first.c.gram == grams[0]))
        for i, gram in enumerate(grams[1:], start=1):
            other = EntryNameGram.__table__.alias(f"g{i}")
            query = query.join(other, and_(other.c.entry_id == Entry.id, other.c.gram == gram))
        if len(fragment) > 2:
            # the grams are all there; confirm they stand together, in order
            conds.append(func.name_key(Entry.name).contains(fragment, autoescape=True))
        order = [first.c.entry_id.desc()]
        if before_id is not None:
            conds.append(first.c.entry_id < before_id)
    elif by_day:
        order = [Entry.local_date.desc(), Entry.id.desc()]
        if before_id is not None:
            last_day = select(Entry.local_date).where(Entry.id == before_id).scalar_subquery()
            conds.append(tuple_(Entry.local_date, Entry.id) < tuple_(last_day, before_id))
    else:
        order = [Entry.id.desc()]
        if before_id is not None:
            conds.append(Entry.id < before_id)
    if f.search_kind in (SearchKind.ID_NUMBER, SearchKind.PHONE) and fragment:
        match = f'{"id_number" if f.search_kind == SearchKind.ID_NUMBER else "phone"} : "{fragment}"'
        conds.append(Entry.id.in_(select(_FTS.c.rowid).where(_FTS.c[IDENT_FTS_TABLE].op("MATCH")(match))))
    query = query.where(*conds).order_by(*order).limit(limit)
    return [EntryRow(*row) for row in conn.execute(query)]


def day_counts(conn: Connection, day: dt.date) -> DayCounts:
    row = conn.execute(text(
        "SELECT "
        " coalesce(sum(direction = 'in'), 0), coalesce(sum(direction = 'out'), 0),"
        " coalesce(sum(direction = 'in' AND category != 'resident'), 0),"
        " coalesce(sum(fever), 0), coalesce(sum(decision = 'refuse'), 0),"
        " coalesce(sum(decision = 'refer'), 0), coalesce(sum(key_area), 0)"
        " FROM entry WHERE local_date = :day AND voided = 0"
    ), {"day": day.isoformat()}).one()
    return DayCounts(*row)
