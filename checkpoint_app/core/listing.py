"""What the register listing asks for and gets back: filters, rows and day counts.
Plain data (no Qt, no SQL), shared by the queries and the UI.

Two rules live here beside their SQL twins in db/queries.py (a test keeps each pair in
step): what each of today's counts counts (`counts_of`), and whether a row belongs to a
filter (`row_matches`), so a saved entry can be put into the view without a reload.

The rows the UI gets are masked (`masked_row`): the reader judges `row_matches` on the
full row first and hands over only its answer (`SavedRow.matches`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace
from enum import Enum

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone
from checkpoint_app.core.name_search import name_key
from checkpoint_app.core.search_text import MIN_FRAGMENT, SearchKind, SearchQuery, recognise, search_fragment

__all__ = [
    "SearchKind", "SearchQuery", "VoidFilter", "EntryFilter", "EntryRow", "DayCounts", "MIN_FRAGMENT",
    "search_fragment", "counts_of", "row_matches", "masked_row", "SavedRow",
]


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
    search_kind: SearchKind | None = None  # None: recognised from the text
    search_text: str = ""

    def search(self) -> SearchQuery | None:
        """What the search text asks for (None: no search)."""
        if not self.search_text.strip():
            return None
        if self.search_kind is None:
            return recognise(self.search_text)
        return SearchQuery(self.search_kind, search_fragment(self.search_kind, self.search_text))

    def narrows(self) -> bool:
        """Whether anything is filtered or searched (the default view shows every entry
        that is not void)."""
        return self != EntryFilter()


@dataclass(frozen=True)
class EntryRow:
    """One passage in the list, shown by its first person (the person on foot, a
    vehicle's first occupant); `fever` and `key_area` are the passage's: some person of
    it had one."""

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
    local_date: dt.date
    kind: str = "person"  # a person on foot, or a vehicle (core.entry.PassageKind)
    plate: str | None = None
    occupants: int = 1  # persons checked: 1 on foot
    top_temperature: int | None = None  # a vehicle's: the highest last reading of its persons

    @property
    def local_time(self) -> dt.datetime:
        return self.recorded_at.astimezone(dt.timezone(dt.timedelta(minutes=self.utc_offset_min)))

    @property
    def temperature(self) -> int | None:
        """The reading the list shows: the person's last one; a vehicle's highest."""
        if self.kind != "person" and self.top_temperature is not None:
            return self.top_temperature
        return self.temp2 if self.temp2 is not None else self.temp1


def masked_row(row: EntryRow) -> EntryRow:
    """The row as the screen shows it: name, ID number and phone masked."""
    return replace(row, name=mask_name(row.name), id_number=mask_id_number(row.id_number) if row.id_number else row.id_number,
                   phone=mask_phone(row.phone) if row.phone else row.phone)


@dataclass(frozen=True)
class SavedRow:
    """A just-saved entry for the list: its masked row, whether it corrected (voided)
    another entry, and whether the list's filter (judged on the full values) includes it."""

    row: EntryRow
    corrected: bool
    matches: bool


@dataclass(frozen=True)
class DayCounts:
    """Today's counts of persons (every person of every passage: a car of three entering
    is three entered; a person who goes out and comes back counts twice). Void entries
    count nowhere.

    entered / left: let through (放行) going in / going out; people turned away or sent
    to the fever clinic did not pass and count under refused / referred only.
    visitors: the entered who are not residents (visitors, couriers, staff, officials,
    others). fevers: a fever confirmed on re-measure, whatever the decision.
    key_area: key-area arrivals registered, whatever the decision."""

    entered: int = 0
    left: int = 0
    visitors: int = 0
    fevers: int = 0
    refused: int = 0
    referred: int = 0
    key_area: int = 0

    def __add__(self, other: DayCounts) -> DayCounts:
        return DayCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __sub__(self, other: DayCounts) -> DayCounts:
        return DayCounts(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))


def counts_of(row: EntryRow) -> DayCounts:
    """What one passage of a person on foot adds to its day's counts (the SQL twin:
    queries.day_counts, which counts every person of every passage). A vehicle's row
    does not carry its occupants' details: its day is counted afresh."""
    if row.occupants != 1:
        raise ValueError("a vehicle's counts are read from the register")
    if row.voided:
        return DayCounts()
    passed = row.decision == "admit"
    entered = passed and row.direction == "in"
    return DayCounts(
        entered=int(entered), left=int(passed and row.direction == "out"),
        visitors=int(entered and row.category != "resident"), fevers=int(row.fever),
        refused=int(row.decision == "refuse"), referred=int(row.decision == "refer"), key_area=int(row.key_area),
    )


def _search_matches(query: SearchQuery, row: EntryRow) -> bool:
    if not query.usable:
        return False
    if query.kind == SearchKind.NAME:
        return query.fragment in name_key(row.name)
    found = {
        "id_number": lambda: query.fragment in (row.id_number or "").upper(),
        "phone": lambda: query.fragment in (row.phone or ""),
        # a whole plate is that plate; a fragment, any plate holding it
        "plate": lambda: row.plate is not None and (row.plate == query.fragment if query.whole_plate
                                                    else query.fragment in row.plate),
    }
    return any(found[field]() for field in query.fields)


def row_matches(f: EntryFilter, row: EntryRow) -> bool:
    """Whether the filter's query would list this row (the SQL twin: queries.fetch_page)."""
    if f.day_from is not None and row.local_date < f.day_from:
        return False
    if f.day_to is not None and row.local_date > f.day_to:
        return False
    for wanted, value in ((f.direction, row.direction), (f.category, row.category), (f.decision, row.decision),
                          (f.fever, row.fever), (f.key_area, row.key_area)):
        if wanted is not None and wanted != value:
            return False
    if f.voided == VoidFilter.HIDE and row.voided or f.voided == VoidFilter.ONLY and not row.voided:
        return False
    query = f.search()
    return query is None or _search_matches(query, row)
