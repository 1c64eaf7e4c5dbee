"""Read side of the register: filtered pages (newest first) and today's counts.

Pages use keyset paging on the entry id (`id < before`), so page N costs the same
as page 1 and the whole table is never loaded. Name search walks the name-gram index
backwards; ID and phone fragments use LIKE over their narrow covering indexes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from sqlalchemy import Connection, and_, func, select, text

from checkpoint_app.db.grams import name_key, query_grams
from checkpoint_app.db.models import Entry, EntryNameGram


class SearchKind(str, Enum):
    NAME = "name"
    ID_NUMBER = "id_number"
    PHONE = "phone"


class VoidFilter(str, Enum):
    HIDE = "hide"
    INCLUDE = "include"
    ONLY = "only"


@dataclass(frozen=True)
class EntryFilter:
    day_from: dt.date | None = None
    day_to: dt.date | None = None
    direction: str | None = None
    category: str | None = None
    fever: bool | None = None
    key_area: bool | None = None
    decision: str | None = None
    voided: VoidFilter = VoidFilter.HIDE
    search_kind: SearchKind | None = None
    search_text: str = ""


@dataclass(frozen=True)
class EntryRow:
    id: int
    seq: int
    recorded_at: dt.datetime  # aware, UTC
    utc_offset_min: int
    direction: str
    category: str
    name: str
    id_number: str | None
    phone: str | None
    temp1: int | None
    temp2: int | None
    fever: bool
    key_area: bool
    decision: str
    voided: bool

    @property
    def local_time(self) -> dt.datetime:
        return self.recorded_at.astimezone(dt.timezone(dt.timedelta(minutes=self.utc_offset_min)))

    @property
    def temperature(self) -> int | None:
        return self.temp2 if self.temp2 is not None else self.temp1


_ROW_COLUMNS = (
    Entry.id, Entry.seq, Entry.recorded_at, Entry.utc_offset_min, Entry.direction, Entry.category,
    Entry.name, Entry.id_number, Entry.phone, Entry.temp1, Entry.temp2, Entry.fever, Entry.key_area,
    Entry.decision, Entry.voided,
)

MIN_FRAGMENT = {SearchKind.ID_NUMBER: 3, SearchKind.PHONE: 3, SearchKind.NAME: 1}


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


def search_fragment(kind: SearchKind, raw: str) -> str:
    """The normalised search text; an empty string means 'no usable search'."""
    raw = raw.strip()
    if kind == SearchKind.NAME:
        return name_key(raw)
    keep = "0123456789X" if kind == SearchKind.ID_NUMBER else "0123456789"
    cleaned = "".join(ch for ch in raw.upper() if ch in keep)
    return cleaned if len(cleaned) >= MIN_FRAGMENT[kind] else ""


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


@dataclass(frozen=True)
class DayCounts:
    entered: int = 0
    left: int = 0
    visitors: int = 0
    fevers: int = 0
    refused: int = 0
    referred: int = 0
    key_area: int = 0


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
