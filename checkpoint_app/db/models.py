"""SQLModel tables.

Shapes follow the FastAPI full-stack template: a `...Base` model with the shared
fields and a `table=True` model for storage. Temperatures are integer tenths of a
degree (365 == 36.5 °C). Timestamps are UTC; the local offset is kept beside them
and `local_date` (the station's calendar day of the entry) is stored for day filters.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel


class StationBase(SQLModel):
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=60)
    station_type: str = Field(max_length=20)
    district: str = Field(max_length=60)
    province_code: str = Field(max_length=2)


class Station(StationBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime
    updated_at: dt.datetime
    next_seq: int = Field(default=1)


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=60)
    value: str  # JSON


# Names of people (visitors and guards) may run long: transliterated minority and foreign
# names. The limits are checked before anything is stored (core for visitors, services
# for the guard); here it is the declared length only. SQLite does not enforce
# VARCHAR(n), so registers whose tables migration 0001 declared VARCHAR(40) store 100
# characters as they are: no migration rebuilds the entry table for this (see
# compare_type in migrations/env.py).
PERSON_NAME_MAX = 100


class EntryBase(SQLModel):
    direction: str = Field(max_length=3)
    category: str = Field(max_length=12)
    name: str = Field(max_length=PERSON_NAME_MAX)
    id_type: str | None = Field(default=None, max_length=20)
    id_number: str | None = Field(default=None, max_length=40)
    phone: str | None = Field(default=None, max_length=20)
    phone_foreign: bool = False
    destination: str = Field(default="", max_length=60)
    purpose: str = Field(default="", max_length=60)
    origin_province: str | None = Field(default=None, max_length=2)
    origin_city: str = Field(default="", max_length=30)
    arrival_date: dt.date | None = None
    temp1: int | None = None
    temp2: int | None = None
    fever: bool = False
    symptoms: str = Field(default="", max_length=80)  # comma-separated Symptom values
    key_area: bool = False
    key_area_reasons: str = Field(default="", max_length=200)
    proposed_decision: str = Field(max_length=8)
    decision: str = Field(max_length=8)
    override_reason: str = Field(default="", max_length=200)
    leaflet: bool = False
    notes: str = Field(default="", max_length=500)


class Entry(EntryBase, table=True):
    __table_args__ = (
        UniqueConstraint("station_id", "seq", name="uq_entry_station_seq"),
        Index("ix_entry_local_date", "local_date"),
        Index("ix_entry_id_number", "id_number"),
        Index("ix_entry_phone", "phone"),
        Index("ix_entry_decision", "decision"),
        # rare flags: small partial indexes, so "fever only" never scans the whole register
        Index("ix_entry_fever_yes", "fever", sqlite_where=text("fever = 1")),
        Index("ix_entry_key_area_yes", "key_area", sqlite_where=text("key_area = 1")),
        Index("ix_entry_voided_yes", "voided", sqlite_where=text("voided = 1")),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    station_id: int = Field(foreign_key="station.id")
    seq: int
    recorded_at: dt.datetime  # aware, UTC
    utc_offset_min: int
    local_date: dt.date
    operator: str = Field(max_length=PERSON_NAME_MAX)  # the guard's name
    voided: bool = False
    void_reason: str = Field(default="", max_length=200)
    voided_at: dt.datetime | None = None
    voided_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    corrects_uuid: str | None = Field(default=None, max_length=36)


# ID-number and phone fragments are found through an FTS5 trigram index,
# `entry_ident_fts` (external content: the entry table; kept in step by triggers).
# It is created by migration 0002 and is not a SQLModel table.
IDENT_FTS_TABLE = "entry_ident_fts"


class EntryNameGram(SQLModel, table=True):
    """Search index for names: every 1- and 2-character piece of a name.

    SQLite's FTS5 trigram tokenizer cannot match Chinese names of two characters
    (most names are 2-3 characters), so names are indexed by bigrams (and the single
    characters, for one-character queries); longer queries intersect bigrams and are
    confirmed with LIKE on the entry.
    """

    __tablename__ = "entry_name_gram"
    __table_args__ = {"sqlite_with_rowid": False}

    gram: str = Field(primary_key=True, max_length=2)
    entry_id: int = Field(primary_key=True, foreign_key="entry.id")
