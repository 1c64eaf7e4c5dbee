"""Read side of the register: filtered pages (newest first), capped result counts,
today's counts, single rows and the links between a corrected entry and its correction.

A row of the list is a passage (an entry: a person on foot, or a vehicle with its
occupants) shown by its first person; filters on a person's fields (category, name, ID
number, phone) match a passage when any of its persons matches. Today's counts count
persons (a car of three entering is three entered).

Pages use keyset paging (`id < before`; with a day range `(local_date, id) < before`,
which walks the local_date index without sorting the range), so page N costs the same
as page 1 and the whole table is never loaded. Name search walks the name-gram index
backwards; ID and phone fragments use the FTS5 trigram index; a plate, the partial
index of the vehicles' plates (a whole plate by equality, a fragment by a scan of that
index's values only); rare flags (fever, key area, void) have partial indexes, matched
by the literal conditions written here. A search in two places (letters and digits: an
ID document or a plate) runs one query for each and merges them newest first.
A result count stops at a cap: counting every match of a broad filter over a million
entries would cost more than the page itself (see `make bench`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Table,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    null,
    or_,
    select,
    table,
    text,
    tuple_,
    union,
)
from sqlmodel import SQLModel, col

from checkpoint_app.core.listing import DayCounts, EntryFilter, EntryRow, SearchKind, SearchQuery, VoidFilter
from checkpoint_app.core.name_search import query_grams

from checkpoint_app.db.models import IDENT_FTS_TABLE, Passage

_FTS = table(IDENT_FTS_TABLE, column("rowid"), column(IDENT_FTS_TABLE))
_GRAMS: Table = SQLModel.metadata.tables["person_name_gram"]  # the table, for aliases in name search
_PERSONS: Table = SQLModel.metadata.tables["person_check"]
# the person a row shows: the person on foot, a vehicle's first occupant (position 0)
_LEAD = _PERSONS.alias("lead")
# literal conditions, so SQLite can use the partial indexes (a bound parameter cannot)
_FLAG_TRUE = {"fever": text("passage.any_fever = 1"), "key_area": text("passage.any_key_area = 1")}
_FLAG_COLUMN = {"fever": Passage.any_fever, "key_area": Passage.any_key_area}
_OCCUPANTS = case(
    (col(Passage.kind) == "person", literal(1)),
    else_=select(func.count()).where(_PERSONS.c.passage_id == col(Passage.id)).scalar_subquery(),
)
# a vehicle's row shows the highest last reading of its persons (a person's own is the lead's)
_TOP_TEMPERATURE = case(
    (col(Passage.kind) == "person", null()),
    else_=select(func.max(func.coalesce(_PERSONS.c.temp2, _PERSONS.c.temp1)))
    .where(_PERSONS.c.passage_id == col(Passage.id)).scalar_subquery(),
)

_ROW_COLUMNS: tuple[Any, ...] = (
    Passage.id, Passage.seq, Passage.recorded_at, Passage.utc_offset_min, Passage.direction, _LEAD.c.category,
    _LEAD.c.name, _LEAD.c.id_number, _LEAD.c.phone, _LEAD.c.temp1, _LEAD.c.temp2, Passage.any_fever,
    Passage.any_key_area, Passage.decision, Passage.voided, Passage.local_date, Passage.kind, Passage.plate, _OCCUPANTS,
    _TOP_TEMPERATURE, Passage.leaflet, Passage.vehicle_category,
)
# the FTS5 column filter for the person fields a search looks in
_FTS_COLUMNS = {frozenset({"id_number"}): "id_number : ", frozenset({"phone"}): "phone : ",
                frozenset({"id_number", "phone"}): ""}
_PLATES = SQLModel.metadata.tables["passage"].alias("plates")  # the vehicles' plates, read off their index
_HAS_PLATE = text("plates.plate IS NOT NULL")  # literal: the partial index ix_passage_plate's condition


def _with_lead(query: Select[Any]) -> Select[Any]:
    return query.join(_LEAD, and_(_LEAD.c.passage_id == col(Passage.id), _LEAD.c.position == 0))


def _conditions(f: EntryFilter) -> list[Any]:
    conds: list[Any] = []
    if f.day_from is not None:
        conds.append(col(Passage.local_date) >= f.day_from)
    if f.day_to is not None:
        conds.append(col(Passage.local_date) <= f.day_to)
    for column_, value in ((Passage.direction, f.direction), (Passage.decision, f.decision)):
        if value is not None:
            conds.append(col(column_) == value)
    if f.category is not None:
        # a person on foot by their own category; a vehicle when any occupant has it
        anyone = select(literal(1)).where(_PERSONS.c.passage_id == col(Passage.id), _PERSONS.c.category == f.category)
        conds.append(or_(_LEAD.c.category == f.category, and_(col(Passage.kind) != "person", anyone.exists())))
    for name, flag in (("fever", f.fever), ("key_area", f.key_area)):
        if flag is True:
            conds.append(_FLAG_TRUE[name])
        elif flag is False:
            conds.append(_FLAG_COLUMN[name] == False)  # noqa: E712
    if f.voided == VoidFilter.HIDE:
        conds.append(Passage.voided == False)  # noqa: E712
    elif f.voided == VoidFilter.ONLY:
        conds.append(text("passage.voided = 1"))
    return conds


def _queries(f: EntryFilter, before_id: int | None, columns: tuple[Any, ...]) -> list[Select[Any]]:
    """The SELECTs for `f` (each newest first, after the passage `before_id`) whose rows,
    merged, are the list: one, or two when a search looks in a person's field and in
    the plate (letters and digits: an ID document or a plate). None when the search
    cannot match anything (too short a fragment)."""
    search = f.search()
    if search is None:
        return [_listing(f, before_id, columns)]
    if not search.usable:
        return []
    selects = []
    if search.fields - {"plate"}:
        selects.append(_person_search(f, search, before_id, columns))
    if "plate" in search.fields:
        selects.append(_plate_search(f, search, before_id, columns))
    return selects


def _listing(f: EntryFilter, before_id: int | None, columns: tuple[Any, ...]) -> Select[Any]:
    """No search: every passage the filters let through, by id or by day."""
    conds = _conditions(f)
    order: list[Any]
    if f.day_from is not None or f.day_to is not None:
        order = [col(Passage.local_date).desc(), col(Passage.id).desc()]
        if before_id is not None:
            last_day = select(col(Passage.local_date)).where(col(Passage.id) == before_id).scalar_subquery()
            conds.append(tuple_(col(Passage.local_date), col(Passage.id)) < tuple_(last_day, before_id))
    else:
        order = [col(Passage.id).desc()]
        if before_id is not None:
            conds.append(col(Passage.id) < before_id)
    return _with_lead(select(*columns)).where(*conds).order_by(*order)


def _person_search(f: EntryFilter, search: SearchQuery, before_id: int | None, columns: tuple[Any, ...]) -> Select[Any]:
    """A person's name, ID number or phone: walk the matching persons newest first (a
    person's id grows with its passage's: both are written in the same transaction, in
    order); a passage two of whose persons match comes twice (fetch_page)."""
    conds = _conditions(f)
    matched = _PERSONS.alias("matched")
    query = _with_lead(select(*columns)).join(matched, matched.c.passage_id == col(Passage.id))
    if search.kind == SearchKind.NAME:
        fragment = search.fragment
        grams = query_grams(fragment)
        first = _GRAMS.alias("g0")
        query = query.join(first, and_(first.c.person_id == matched.c.id, first.c.gram == grams[0]))
        for i, gram in enumerate(grams[1:], start=1):
            other = _GRAMS.alias(f"g{i}")
            query = query.join(other, and_(other.c.person_id == matched.c.id, other.c.gram == gram))
        if len(fragment) > 2:
            # the grams are all there; confirm they stand together, in order
            conds.append(func.name_key(matched.c.name).contains(fragment, autoescape=True))
        person_id = first.c.person_id
    else:
        # the fragment is ASCII letters and digits only (search_text.search_fragment)
        match = f'{_FTS_COLUMNS[search.fields - {"plate"}]}"{search.fragment}"'
        conds.append(matched.c.id.in_(select(_FTS.c.rowid).where(_FTS.c[IDENT_FTS_TABLE].op("MATCH")(match))))
        person_id = matched.c.id
    if before_id is not None:
        first_of_before = select(func.min(_PERSONS.c.id)).where(_PERSONS.c.passage_id == before_id).scalar_subquery()
        conds.append(person_id < first_of_before)
    return query.where(*conds).order_by(person_id.desc())


def _plate_search(f: EntryFilter, search: SearchQuery, before_id: int | None, columns: tuple[Any, ...]) -> Select[Any]:
    """A vehicle's plate, through the partial index of the vehicles' plates: a whole
    plate by equality on it; a fragment by `instr` over the index's values, a covering
    scan of the vehicles' plates only (the literal "plate IS NOT NULL" lets SQLite use
    the partial index)."""
    conds = _conditions(f)
    if search.whole_plate:
        conds.append(col(Passage.plate) == search.fragment)
    else:
        # written as "id IN (...)": SQLite reads the matching ids off the index alone and
        # then walks them newest first; a condition on the outer passage would walk
        # the whole table instead, newest first, for a fragment that few plates hold
        holding = select(_PLATES.c.id).where(_HAS_PLATE, func.instr(_PLATES.c.plate, search.fragment) > 0)
        conds.append(col(Passage.id).in_(holding))
    if before_id is not None:
        conds.append(col(Passage.id) < before_id)
    return _with_lead(select(*columns)).where(*conds).order_by(col(Passage.id).desc())


def fetch_page(conn: Connection, f: EntryFilter, before_id: int | None, limit: int) -> list[EntryRow]:
    """Up to `limit` rows matching `f`, newest first, after the row `before_id`: fewer
    only at the end of the matches (a vehicle matched by several of its persons, or by
    a person and its plate, comes once, and the next rows are read to fill its place)."""
    rows: list[EntryRow] = []
    seen: set[int] = set()
    while len(rows) < limit:
        queries = _queries(f, before_id, _ROW_COLUMNS)
        batches = [list(conn.execute(query.limit(limit))) for query in queries]
        # every match newer than the last row of each full batch has been read: rows
        # older than that are read with the next batches, from there on
        frontier = max((batch[-1][0] for batch in batches if len(batch) == limit), default=None)
        merged = sorted({row[0]: row for batch in batches for row in batch}.values(), key=lambda row: row[0], reverse=True)
        for row in merged:
            if frontier is not None and row[0] < frontier:
                break
            if row[0] not in seen:
                seen.add(row[0])
                rows.append(EntryRow(*row))
        if frontier is None:
            break
        before_id = frontier
    return rows[:limit]


def passage_matches(conn: Connection, f: EntryFilter, passage_id: int) -> bool:
    """Whether the list for `f` holds this passage: for a vehicle, whose row shows only
    its first person while the filter looks at all of them (core.listing.row_matches is
    the twin for a passage of one person)."""
    return any(conn.execute(query.where(col(Passage.id) == passage_id).order_by(None).limit(1)).first() is not None
               for query in _queries(f, None, (Passage.id,)))


def count_matching(conn: Connection, f: EntryFilter, cap: int) -> int:
    """How many rows match `f`, counting no further than `cap` + 1 (more than `cap`
    means "over cap": the count walks the same index as the page, for at most cap + 1 rows)."""
    queries = _queries(f, None, (Passage.id,))
    if not queries:
        return 0
    capped = []
    for query in queries:
        query = query.order_by(None)
        if f.search() is not None:
            query = query.distinct()  # a vehicle two of whose persons match counts once
        capped.append(query.limit(cap + 1).subquery())
    if len(capped) == 1:
        return conn.execute(select(func.count()).select_from(capped[0])).scalar_one()
    # a vehicle found by a person and by its plate counts once
    either = union(*(select(c.c.id) for c in capped)).subquery()
    return min(cap + 1, conn.execute(select(func.count()).select_from(either)).scalar_one())


# built once: this runs after every save, while the guard waits
_SAVED = _with_lead(select(*_ROW_COLUMNS, col(Passage.corrects_uuid))).where(col(Passage.id) == bindparam("entry_id"))


def fetch_saved(conn: Connection, entry_id: int) -> tuple[EntryRow, bool] | None:
    """One entry's row, and whether it is the correction of another (void) entry."""
    found = conn.execute(_SAVED, {"entry_id": entry_id}).first()
    return (EntryRow(*found[:-1]), found[-1] is not None) if found is not None else None


def corrections(conn: Connection, entry_id: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(id, seq) of the entry this one corrects, and of the entry that corrected it.

    The correction of an entry is always stored after it, in the same transaction
    that voided it: only void entries have one, and only later rows are searched."""
    this = conn.execute(select(col(Passage.uuid), col(Passage.corrects_uuid), col(Passage.voided)).where(col(Passage.id) == entry_id)).first()
    if this is None:
        return None, None
    corrects = corrected_by = None
    if this.corrects_uuid:
        found = conn.execute(select(col(Passage.id), col(Passage.seq)).where(col(Passage.uuid) == this.corrects_uuid)).first()
        corrects = (found.id, found.seq) if found else None
    if this.voided:
        found = conn.execute(select(col(Passage.id), col(Passage.seq)).where(col(Passage.id) > entry_id, col(Passage.corrects_uuid) == this.uuid)
                             .order_by(col(Passage.id)).limit(1)).first()
        corrected_by = (found.id, found.seq) if found else None
    return corrects, corrected_by


def day_counts(conn: Connection, day: dt.date) -> DayCounts:
    """Counts of the day's entries, as core.listing.counts_of defines them: entered and
    left count only people let through; refused and referred people did not pass. A
    passage's own counts (vehicles, leaflets) are read on its first person's row
    (position 0: every passage has exactly one)."""
    row = conn.execute(text(
        "SELECT "
        " coalesce(sum(direction = 'in' AND decision = 'admit'), 0),"
        " coalesce(sum(direction = 'out' AND decision = 'admit'), 0),"
        " coalesce(sum(direction = 'in' AND decision = 'admit' AND category != 'resident'), 0),"
        " coalesce(sum(person_check.fever), 0), coalesce(sum(decision = 'refuse'), 0),"
        " coalesce(sum(decision = 'refer'), 0), coalesce(sum(person_check.key_area), 0),"
        " coalesce(sum(kind = 'vehicle' AND position = 0), 0),"
        " coalesce(sum(kind = 'vehicle' AND position = 0 AND direction = 'in' AND decision = 'admit'), 0),"
        " coalesce(sum(kind = 'vehicle' AND position = 0 AND direction = 'out' AND decision = 'admit'), 0),"
        " coalesce(sum(kind = 'vehicle'), 0), coalesce(sum(leaflet AND position = 0), 0)"
        " FROM passage JOIN person_check ON person_check.passage_id = passage.id"
        " WHERE passage.local_date = :day AND passage.voided = 0"
    ), {"day": day.isoformat()}).one()
    return DayCounts(*row)
