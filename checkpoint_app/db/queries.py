"""Read side of the register: filtered pages (newest first) and today's counts.

Pages use keyset paging on the entry id (`id < before`), so page N costs the same
as page 1 and the whole table is never loaded. Name search walks the name-gram index
backwards; ID and phone fragments use LIKE over their narrow covering indexes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, func, select, text

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow, SearchKind, VoidFilter, search_fragment
from checkpoint_app.core.name_search import query_grams
from checkpoint_app.db.models import Entry, EntryNameGram

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
    for column, value in ((Entry.direction, f.direction), (Entry.category, f.category),
                          (Entry.fever, f.fever), (Entry.key_area, f.key_area), (Entry.decision, f.decision)):
        if value is not None:
            conds.append(column == value)
    if f.voided == VoidFilter.HIDE:
        conds.append(Entry.voided == False)  # noqa: E712
    elif f.voided == VoidFilter.ONLY:
        conds.append(Entry.voided == True)  # noqa: E712
    return conds


def fetch_page(conn: Connection, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
    """Up to `limit` rows matching `f`, newest first, with ids below `before_id`."""
    conds = _conditions(f)
    if before_id is not None:
        conds.append(Entry.id < before_id)
    query = select(*_ROW_COLUMNS)
    fragment = search_fragment(f.search_kind, f.search_text) if f.search_kind and f.search_text.strip() else None
    if fragment == "":
        return []
    if f.search_kind == SearchKind.NAME and fragment:
        grams = query_grams(fragment)
        first = EntryNameGram.__table__.alias("g0")
        query = query.join(first, and_(first.c.entry_id == Entry.id, first.c.gram == grams[0]))
        for i, gram in enumerate(grams[1:], start=1):
            other = EntryNameGram.__table__.alias(f"g{i}")
            query = query.join(other, and_(other.c.entry_id == Entry.id, other.c.gram == gram))
        if len(fragment) > 2:
            # the grams are all there; confirm they stand together, in order
            folded = func.replace(func.replace(func.lower(Entry.name), " ", ""), "·", "")
            conds.append(folded.contains(fragment, autoescape=True))
        order = first.c.entry_id.desc()
        if before_id is not None:
            conds.append(first.c.entry_id < before_id)
    else:
        order = Entry.id.desc()
        if f.search_kind == SearchKind.ID_NUMBER and fragment:
            conds.append(Entry.id.in_(_fragment_ids(Entry.id_number, fragment)))
        elif f.search_kind == SearchKind.PHONE and fragment:
            conds.append(Entry.id.in_(_fragment_ids(Entry.phone, fragment)))
    query = query.where(*conds).order_by(order).limit(limit)
    return [EntryRow(*row) for row in conn.execute(query)]


def _fragment_ids(column, fragment: str):
    # Reads only the narrow index on the column (covering: value + rowid).
    return select(Entry.id).where(column.contains(fragment, autoescape=True)).scalar_subquery()


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


def latest_id(conn: Connection) -> int:
    return conn.execute(text("SELECT coalesce(max(id), 0) FROM entry")).scalar_one()
