"""The office database's tables, on a MetaData of their own (`OFFICE_METADATA`), never the
station register's `SQLModel.metadata`: the two databases have separate schemas and
migrations (central/migrations), and a station's tests and autogenerate never see these.

A passage and its persons reuse the register's declarations (db/models.py PassageRecord,
PersonCheckRecord), so a field is declared once; only the station link and the uniqueness
differ: a UUID is unique per station here (`uq_office_passage_station_uuid`). Every
"the same thing twice" rule is a database constraint, not only a check in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from checkpoint_app.db.models import PERSON_NAME_MAX, PassageRecord, PersonCheckRecord

OFFICE_REGISTRY = registry()


class OfficeModel(SQLModel, registry=OFFICE_REGISTRY):
    """Base of the office's tables: their MetaData is OFFICE_REGISTRY's."""


OFFICE_METADATA = OfficeModel.metadata


class OfficeStation(OfficeModel, table=True):
    """An enrolled station (a checkpoint post): from its enrollment file (batch-format §7)."""

    __tablename__ = "office_station"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, unique=True)
    name: str = Field(max_length=60)
    district: str = Field(max_length=60)  # the sub-district (街道/乡镇) the report groups by
    station_type: str = Field(max_length=20)
    province_code: str = Field(max_length=2)
    signing_public: str = Field(max_length=80)  # minisign RW… line
    key_id: str = Field(max_length=16)
    fingerprint: str = Field(max_length=40)
    enrolled_at: dt.datetime  # aware, UTC
    active_from: dt.date  # expected to report from this day (default: the enrollment day)
    retired_on: dt.date | None = None  # no longer expected from this day


class OfficeBatch(OfficeModel, table=True):
    """A batch imported: the same (station, number) or UUID cannot be held twice."""

    __tablename__ = "office_batch"
    __table_args__ = (UniqueConstraint("station_id", "number", name="uq_office_batch_station_number"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    number: int
    uuid: str = Field(max_length=36, unique=True)
    sha256: str = Field(max_length=64)
    previous_sha256: str | None = Field(default=None, max_length=64)
    file_name: str = Field(max_length=80)
    created_at: dt.datetime | None = None
    created_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    imported_at: dt.datetime
    first_day: dt.date
    last_day: dt.date
    counts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    format_version: int
    app_version: str = Field(default="", max_length=20)
    schema_version: str = Field(default="", max_length=20)


class OfficePassage(PassageRecord, OfficeModel, table=True):
    """A passage as a station registered it (PassageRecord's fields), per station UUID."""

    __tablename__ = "office_passage"
    __table_args__ = (
        UniqueConstraint("station_id", "uuid", name="uq_office_passage_station_uuid"),
        Index("ix_office_passage_local_date", "station_id", "local_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    uuid: str = Field(max_length=36)
    content_hash: str = Field(max_length=64)  # of the passage and persons, void fields left out
    batch_id: int = Field(foreign_key="office_batch.id")


class OfficePerson(PersonCheckRecord, OfficeModel, table=True):
    __tablename__ = "office_person"
    __table_args__ = (UniqueConstraint("passage_id", "position", name="uq_office_person_passage_position"),)

    id: int | None = Field(default=None, primary_key=True)
    passage_id: int = Field(foreign_key="office_passage.id")


class OfficeVoid(OfficeModel, table=True):
    """A tombstone: the passage `uuid` of the station is void, whichever batch brings it
    (an older batch imported later cannot bring it back; a void before its create applies)."""

    __tablename__ = "office_void"
    __table_args__ = (UniqueConstraint("station_id", "uuid", name="uq_office_void_station_uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    uuid: str = Field(max_length=36)
    voided_at: dt.datetime | None = None
    voided_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    void_reason: str = Field(default="", max_length=200)
    batch_id: int = Field(foreign_key="office_batch.id")


class OfficeShift(OfficeModel, table=True):
    """A duty shift as it stood at its latest change (`change`, the station's sequence)."""

    __tablename__ = "office_shift"
    __table_args__ = (UniqueConstraint("station_id", "shift_id", name="uq_office_shift_station_shift"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    shift_id: int
    change: int
    started_at: dt.datetime | None = None
    started_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    ended_at: dt.datetime | None = None
    ended_by: str | None = Field(default=None, max_length=PERSON_NAME_MAX)
    handed_to: str | None = Field(default=None, max_length=PERSON_NAME_MAX)
    handover_note: str = Field(default="", max_length=1000)
    open_matters: str = Field(default="", max_length=1000)
    previous_shift_id: int | None = None
    members: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    batch_id: int = Field(foreign_key="office_batch.id")


class OfficeSevenOnes(OfficeModel, table=True):
    __tablename__ = "office_seven_ones"
    __table_args__ = (UniqueConstraint("station_id", "check_id", name="uq_office_seven_ones_station_check"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    check_id: int
    shift_id: int | None = None
    checked_at: dt.datetime | None = None
    operator: str = Field(default="", max_length=PERSON_NAME_MAX)
    reference_temp: int | None = None
    items: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    content_hash: str = Field(max_length=64)
    batch_id: int = Field(foreign_key="office_batch.id")


class OfficeAudit(OfficeModel, table=True):
    __tablename__ = "office_audit"
    __table_args__ = (UniqueConstraint("station_id", "event_id", name="uq_office_audit_station_event"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    event_id: int
    at: dt.datetime | None = None
    operator_name: str = Field(default="", max_length=PERSON_NAME_MAX)
    action: str = Field(default="", max_length=40)
    outcome: str = Field(default="", max_length=10)
    subject: str = Field(default="", max_length=80)
    detail: str = Field(default="{}", max_length=2000)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
    batch_id: int = Field(foreign_key="office_batch.id")


class OfficeDay(OfficeModel, table=True):
    """A day declaration (日报 / 零报告), its latest revision; `first_imported_at` is when
    the office first held a declaration of the day (what "on time" is judged by)."""

    __tablename__ = "office_day"
    __table_args__ = (UniqueConstraint("station_id", "day", name="uq_office_day_station_day"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    day: dt.date
    revision: int
    closed_at: dt.datetime | None = None
    closed_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    zero_report: bool = False
    figures: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    content_hash: str = Field(max_length=64)
    batch_id: int = Field(foreign_key="office_batch.id")
    first_imported_at: dt.datetime
    imported_at: dt.datetime


class OfficeConflict(OfficeModel, table=True):
    """A record that arrived again with other content: kept here to resolve, never
    written over the one held (`key`: the passage UUID, the audit or check id, the day)."""

    __tablename__ = "office_conflict"
    __table_args__ = (UniqueConstraint("station_id", "kind", "key", "incoming_hash",
                                       name="uq_office_conflict_incoming"),)

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="office_station.id")
    kind: str = Field(max_length=20)
    key: str = Field(max_length=40)
    batch_id: int = Field(foreign_key="office_batch.id")
    existing_hash: str = Field(max_length=64)
    incoming_hash: str = Field(max_length=64)
    incoming: str  # the record as it arrived (JSON)
    found_at: dt.datetime
    resolved: bool = False
    # how the clerk resolved it (migration c0002): "keep" the held record or "take" the incoming one
    resolution: str = Field(default="", max_length=10)
    resolved_at: dt.datetime | None = None
    resolved_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    resolution_note: str = Field(default="", max_length=500)


OFFICE_TABLES = tuple(OFFICE_METADATA.tables)
