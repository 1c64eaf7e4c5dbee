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
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from enum import Enum

from checkpoint_app.core.masking import mask_id_number, mask_name, mask_phone
from checkpoint_app.core.name_search import name_key
from checkpoint_app.core.search_text import MIN_FRAGMENT, SearchKind, SearchQuery, recognise, search_fragment

__all__ = [
    "SearchKind", "SearchQuery", "VoidFilter", "EntryFilter", "EntryRow", "DayCounts", "MIN_FRAGMENT",
    "search_fragment", "counts_of", "row_matches", "masked_row", "SavedRow", "PersonCounted", "counts_of_passage",
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
    leaflet: bool = False  # a leaflet handed over (the day's counts)
    vehicle_category: str | None = None  # a vehicle's (core.vehicle_categories)

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
    key_area: key-area arrivals registered, whatever the decision.

    The vehicles are counted beside their occupants (who count above as persons):
    vehicles: vehicle passages checked, whatever the decision; vehicles_in / vehicles_out:
    those let through going in / going out; occupants: the persons aboard them.
    leaflets: passages (a person on foot or a vehicle) that were handed a leaflet."""

    entered: int = 0
    left: int = 0
    visitors: int = 0
    fevers: int = 0
    refused: int = 0
    referred: int = 0
    key_area: int = 0
    vehicles: int = 0
    vehicles_in: int = 0
    vehicles_out: int = 0
    occupants: int = 0
    leaflets: int = 0

    def __add__(self, other: DayCounts) -> DayCounts:
        return DayCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __sub__(self, other: DayCounts) -> DayCounts:
        return DayCounts(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class PersonCounted:
    """What the day's counts read of one person of a passage."""

    category: str
    fever: bool = False
    key_area: bool = False


def counts_of_passage(kind: str, direction: str, decision: str, voided: bool, leaflet: bool,
                      persons: Sequence[PersonCounted]) -> DayCounts:
    """What one passage (a person on foot, or a vehicle and its occupants) adds to its
    day's counts: the definition (the SQL twin: queries.day_counts)."""
    if voided:
        return DayCounts()
    passed = decision == "admit"
    entered, left = passed and direction == "in", passed and direction == "out"
    vehicle = kind == "vehicle"
    return DayCounts(
        entered=len(persons) if entered else 0, left=len(persons) if left else 0,
        visitors=sum(p.category != "resident" for p in persons) if entered else 0,
        fevers=sum(p.fever for p in persons), refused=len(persons) if decision == "refuse" else 0,
        referred=len(persons) if decision == "refer" else 0, key_area=sum(p.key_area for p in persons),
        vehicles=int(vehicle), vehicles_in=int(vehicle and entered), vehicles_out=int(vehicle and left),
        occupants=len(persons) if vehicle else 0, leaflets=int(leaflet),
    )


def counts_of(row: EntryRow) -> DayCounts:
    """What a listed passage with one person (on foot, or alone in a vehicle) adds to its
    day's counts. A row with several occupants does not carry their details: its day is
    counted afresh."""
    if row.occupants != 1:
        raise ValueError("a vehicle's counts are read from the register")
    return counts_of_passage(row.kind, row.direction, row.decision, row.voided, row.leaflet,
                             (PersonCounted(row.category, row.fever, row.key_area),))


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
