"""What the register listing asks for and gets back: filters, search kinds, rows and
day counts. Plain data (no Qt, no SQL), shared by the queries and the UI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from checkpoint_app.core.name_search import name_key


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


@dataclass(frozen=True)
class DayCounts:
    entered: int = 0
    left: int = 0
    visitors: int = 0
    fevers: int = 0
    refused: int = 0
    referred: int = 0
    key_area: int = 0


MIN_FRAGMENT = {SearchKind.ID_NUMBER: 3, SearchKind.PHONE: 3, SearchKind.NAME: 1}


def search_fragment(kind: SearchKind, raw: str) -> str:
    """The normalised search text; an empty string means 'no usable search'."""
    raw = raw.strip()
    if kind == SearchKind.NAME:
        return name_key(raw)
    if kind == SearchKind.ID_NUMBER:  # letters too: passports and permits have them
        cleaned = "".join(ch for ch in raw.upper() if ch.isascii() and ch.isalnum())
    else:
        cleaned = "".join(ch for ch in raw if ch in "0123456789")
    return cleaned if len(cleaned) >= MIN_FRAGMENT[kind] else ""
