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


class StationView(StationBase):
    """The station profile as the services hand it out (not a table row): its fields
    are StationBase's, declared once, plus the id and the next sequence number."""

    id: int
    next_seq: int


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True, max_length=60)
    value: str  # JSON


# Names of people (visitors and guards) may run long: transliterated minority and foreign
# names. The limits are checked before anything is stored (core for visitors, services
# for the guard); here it is the declared length only. SQLite does not enforce
# VARCHAR(n), so registers whose tables migration 0001 declared VARCHAR(40) store 100
# characters as they are.
PERSON_NAME_MAX = 100


class PersonFields(SQLModel):
    """Who passed: one person's fields, declared once. A person on foot is a passage
    with one person check; a vehicle has one per occupant. The services store them
    (`PersonCheck`), hand them out (`PersonCheckView`), the bulk loader, the export and
    the purge take their names from here (`PERSON_COLUMNS`). `sensitive` marks the
    identity the screen masks, the log never holds and the export encrypts."""

    category: str = Field(max_length=12)
    name: str = Field(max_length=PERSON_NAME_MAX, schema_extra={"json_schema_extra": {"sensitive": True}})
    id_type: str | None = Field(default=None, max_length=20)
    id_number: str | None = Field(default=None, max_length=40, schema_extra={"json_schema_extra": {"sensitive": True}})
    phone: str | None = Field(default=None, max_length=20, schema_extra={"json_schema_extra": {"sensitive": True}})
    phone_foreign: bool = False
    destination: str = Field(default="", max_length=60, schema_extra={"json_schema_extra": {"personal": True}})  # an address
    purpose: str = Field(default="", max_length=60, schema_extra={"json_schema_extra": {"personal": True}})  # free text: may name the one visited
    origin_province: str | None = Field(default=None, max_length=2)
    origin_city: str = Field(default="", max_length=30)
    arrival_date: dt.date | None = None
    temp1: int | None = None
    temp2: int | None = None
    fever: bool = False
    symptoms: str = Field(default="", max_length=80)  # comma-separated Symptom values
    key_area: bool = False
    key_area_reasons: str = Field(default="", max_length=200, schema_extra={"json_schema_extra": {"personal": True}})  # where they had been
    # what the register knew of the person (from 0005): the resident they were found as,
    # and the watchlist entry whose alert the guard acknowledged for this passage
    resident_uuid: str | None = Field(default=None, max_length=36, schema_extra={"json_schema_extra": {"personal": True}})  # who they are, by the roster
    watch_uuid: str | None = Field(default=None, max_length=36, schema_extra={"json_schema_extra": {"personal": True}})


class PassageFields(SQLModel):
    """The passage (the event) as decided at the gate, declared once: direction, what
    passed (a person on foot or a vehicle with its plate), the decision for all its
    persons, and the passage's screening outcome (`any_fever`, `any_key_area`: some
    person of it had one; each person's own flags are on the person check)."""

    direction: str = Field(max_length=3)
    kind: str = Field(default="person", max_length=8)  # core.entry.PassageKind
    plate: str | None = Field(default=None, max_length=16, schema_extra={"json_schema_extra": {"personal": True}})  # its holder is a person
    plate_kind: str | None = Field(default=None, max_length=16)
    vehicle_category: str | None = Field(default=None, max_length=16)
    any_fever: bool = False
    any_key_area: bool = False
    proposed_decision: str = Field(max_length=8)
    decision: str = Field(max_length=8)
    override_reason: str = Field(default="", max_length=200, schema_extra={"json_schema_extra": {"personal": True}})  # free text
    leaflet: bool = False
    notes: str = Field(default="", max_length=500, schema_extra={"json_schema_extra": {"personal": True}})
    exit_of: str | None = Field(default=None, max_length=36)  # an exit: the UUID of the entry it closes (from 0005)


class PassageRecord(PassageFields):
    """A stored passage's fields: where, when and by whom it was registered, and its
    void and correction links."""

    uuid: str = Field(max_length=36, unique=True)
    station_id: int = Field(foreign_key="station.id")
    seq: int
    recorded_at: dt.datetime  # aware, UTC
    utc_offset_min: int
    local_date: dt.date
    operator: str = Field(max_length=PERSON_NAME_MAX)  # the guard's name, as typed or logged in
    operator_id: int | None = None  # the operator record (None only in registers before 0003 kept no name)
    voided: bool = False
    void_reason: str = Field(default="", max_length=200)
    voided_at: dt.datetime | None = None
    voided_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    voided_by_id: int | None = None
    corrects_uuid: str | None = Field(default=None, max_length=36)


class Passage(PassageRecord, table=True):
    __table_args__ = (
        UniqueConstraint("station_id", "seq", name="uq_passage_station_seq"),
        Index("ix_passage_local_date", "local_date"),
        Index("ix_passage_decision", "decision"),
        Index("ix_passage_corrects_uuid", "corrects_uuid"),
        Index("ix_passage_plate", "plate", sqlite_where=text("plate IS NOT NULL")),
        Index("ix_passage_exit_of", "exit_of", sqlite_where=text("exit_of IS NOT NULL")),
        # rare flags: small partial indexes, so "fever only" never scans the whole register
        Index("ix_passage_fever_yes", "any_fever", sqlite_where=text("any_fever = 1")),
        Index("ix_passage_key_area_yes", "any_key_area", sqlite_where=text("any_key_area = 1")),
        Index("ix_passage_voided_yes", "voided", sqlite_where=text("voided = 1")),
    )

    id: int | None = Field(default=None, primary_key=True)


class PersonCheckRecord(PersonFields):
    """One person of a passage: `position` 0 is the person on foot, or a vehicle's
    first occupant (the driver when `driver`)."""

    passage_id: int = Field(foreign_key="passage.id")
    position: int = 0
    driver: bool = False


class PersonCheck(PersonCheckRecord, table=True):
    __tablename__ = "person_check"
    __table_args__ = (
        UniqueConstraint("passage_id", "position", name="uq_person_check_passage_position"),
        Index("ix_person_check_id_number", "id_number"),
        Index("ix_person_check_phone", "phone"),
    )

    id: int | None = Field(default=None, primary_key=True)


class PersonCheckView(PersonCheckRecord):
    """One person check as the services hand it to the UI (identity masked unless the
    passage view says otherwise)."""

    id: int


class PassageView(PassageRecord):
    """One stored passage as the services hand it to the UI (not a table row: nothing the
    UI does to it reaches the database), with its persons in order. `identity_masked`:
    names, ID numbers and phones are masked (core/masking.py), as everywhere on screen;
    only a correction opened by a supervisor carries them in full (services/records.py)."""

    id: int
    persons: list[PersonCheckView]
    identity_masked: bool = True

    @property
    def person(self) -> PersonCheckView:
        """The person on foot (a vehicle's first occupant)."""
        return self.persons[0]


def sensitive_fields() -> tuple[str, ...]:
    """The person fields that identify someone (masked on screen, never logged)."""
    return tuple(name for name, info in PersonFields.model_fields.items()
                 if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("sensitive"))


def personal_fields(model: type[SQLModel]) -> tuple[str, ...]:
    """A record's fields that are people's data, erased by the retention purge
    (core/retention.py): the sensitive ones (names, ID numbers, phones) and those marked
    "personal" (addresses, free text, the links to a resident or a watchlist entry, plates)."""
    return tuple(name for name, info in model.model_fields.items()
                 if isinstance(info.json_schema_extra, dict)
                 and (info.json_schema_extra.get("sensitive") or info.json_schema_extra.get("personal")))


# Column names in declaration order, for the bulk loader and (later) the export.
PERSON_COLUMNS: tuple[str, ...] = tuple(PersonCheckRecord.model_fields)
PASSAGE_COLUMNS: tuple[str, ...] = tuple(PassageRecord.model_fields)

# ID-number and phone fragments are found through an FTS5 trigram index,
# `person_ident_fts` (external content: the person_check table; kept in step by
# triggers). It is created by migration 0004 and is not a SQLModel table.
IDENT_FTS_TABLE = "person_ident_fts"


class PersonNameGram(SQLModel, table=True):
    """Search index for names: every 1- and 2-character piece of a person's name.

    SQLite's FTS5 trigram tokenizer cannot match Chinese names of two characters
    (most names are 2-3 characters), so names are indexed by bigrams (and the single
    characters, for one-character queries); longer queries intersect bigrams and are
    confirmed with LIKE on the person check.
    """

    __tablename__ = "person_name_gram"
    __table_args__ = {"sqlite_with_rowid": False}

    gram: str = Field(primary_key=True, max_length=2)
    person_id: int = Field(primary_key=True, foreign_key="person_check.id")


class Operator(SQLModel, table=True):
    """A guard, volunteer or supervisor who logs in at the desk with a PIN.

    Names typed into the free-text "on duty" field before schema 0003 became operators
    with no PIN (`pin_hash` None): they cannot log in until a supervisor gives them one.
    Wrong PINs are counted here, so a lockout survives a restart."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=PERSON_NAME_MAX, unique=True)
    role: str = Field(max_length=12)  # core.roles.Role
    pin_hash: str | None = Field(default=None, max_length=200)  # Argon2id, PHC string
    birth_date: dt.date | None = None  # from their ID number, only to refuse it as a PIN
    active: bool = True
    failed_pins: int = 0
    locked_until: dt.datetime | None = None  # aware, UTC
    created_at: dt.datetime
    updated_at: dt.datetime


class AuditEvent(SQLModel, table=True):
    """Append-only: who did what, when, with a hash chained to the event before
    (core/audit_chain.py). `detail` is JSON and never holds an ID number or phone."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_at", "at"), Index("ix_audit_event_action", "action"))

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime  # aware, UTC
    operator_id: int | None = None
    operator_name: str = Field(default="", max_length=PERSON_NAME_MAX)
    action: str = Field(max_length=40)
    outcome: str = Field(default="ok", max_length=10)  # ok, refused, failed
    subject: str = Field(default="", max_length=80)  # e.g. "entry:<uuid>", "operator:3"
    detail: str = Field(default="{}", max_length=2000)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class ChangeRecord(SQLModel, table=True):
    """One row for every register record created, voided or corrected, written in the
    same transaction: the USB export reads what changed since its last batch from here."""

    __tablename__ = "change_record"

    id: int | None = Field(default=None, primary_key=True)  # the change sequence
    at: dt.datetime  # aware, UTC
    record_type: str = Field(default="passage", max_length=20)
    # no index on the UUID: the export reads by change id (the primary key); a second
    # random-UUID index beside passage's would dirty one more random page with every save
    record_uuid: str = Field(max_length=36)
    kind: str = Field(max_length=10)  # create, void, correct (the new entry of a correction)
    operator_id: int | None = None


class Shift(SQLModel, table=True):
    """A duty shift (24小时值班 in turns): started, handed over, ended."""

    id: int | None = Field(default=None, primary_key=True)
    started_at: dt.datetime  # aware, UTC
    started_by: int
    ended_at: dt.datetime | None = None
    ended_by: int | None = None
    handed_to: int | None = None  # the incoming operator at a handover
    handover_note: str = Field(default="", max_length=1000)
    open_matters: str = Field(default="", max_length=1000)
    previous_shift_id: int | None = None


class ShiftMember(SQLModel, table=True):
    __tablename__ = "shift_member"

    shift_id: int = Field(primary_key=True, foreign_key="shift.id")
    operator_id: int = Field(primary_key=True, foreign_key="operator.id")


class SevenOnesCheck(SQLModel, table=True):
    """The station checked against the seven-ones (七个一) standard at a shift's start."""

    __tablename__ = "seven_ones_check"

    id: int | None = Field(default=None, primary_key=True)
    shift_id: int | None = Field(default=None, foreign_key="shift.id")
    checked_at: dt.datetime  # aware, UTC
    operator_id: int
    reference_temp: int | None = None  # the guard's own reading, tenths of a degree


class SevenOnesItem(SQLModel, table=True):
    __tablename__ = "seven_ones_item"

    check_id: int = Field(primary_key=True, foreign_key="seven_ones_check.id")
    item: str = Field(primary_key=True, max_length=20)  # core.seven_ones item code
    present: bool
    note: str = Field(default="", max_length=200)


class ResidentFields(SQLModel):
    """A resident of the compound (from 0005), declared once: imported from the
    property office's list or typed by a supervisor; found at the gate by room, phone
    tail, plate, ID number or resident-pass code. `room` is normalised ("3-5-502":
    building-unit-room, core/rooms.py); `phone_tail` is the phone's last four digits, for
    the lookup. The plates are in `resident_plate`."""

    name: str = Field(max_length=PERSON_NAME_MAX, schema_extra={"json_schema_extra": {"sensitive": True}})
    room: str = Field(max_length=30)
    phone: str | None = Field(default=None, max_length=20, schema_extra={"json_schema_extra": {"sensitive": True}})
    phone_tail: str | None = Field(default=None, max_length=4, schema_extra={"json_schema_extra": {"personal": True}})
    id_number: str | None = Field(default=None, max_length=40, schema_extra={"json_schema_extra": {"sensitive": True}})
    pass_code: str | None = Field(default=None, max_length=40, schema_extra={"json_schema_extra": {"personal": True}})  # a card that names them
    moved_out: bool = False
    moved_out_on: dt.date | None = None


class Resident(ResidentFields, table=True):
    __table_args__ = (
        Index("ix_resident_room", "room"),
        Index("ix_resident_phone", "phone"),
        Index("ix_resident_phone_tail", "phone_tail"),
        Index("ix_resident_id_number", "id_number"),
        Index("ix_resident_pass_code", "pass_code", unique=True, sqlite_where=text("pass_code IS NOT NULL")),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    created_at: dt.datetime  # aware, UTC
    updated_at: dt.datetime


class ResidentPlate(SQLModel, table=True):
    """A vehicle plate of a resident (normalised as core/plates.py reads it)."""

    __tablename__ = "resident_plate"
    __table_args__ = (Index("ix_resident_plate_resident_id", "resident_id"), {"sqlite_with_rowid": False})

    plate: str = Field(primary_key=True, max_length=16)
    resident_id: int = Field(primary_key=True, foreign_key="resident.id")


class WatchFields(SQLModel):
    """A person under home quarantine (居家隔离) or medical observation (from 0005),
    declared once: entered or imported by a supervisor; alerted at the gate while
    `start_date` <= today <= `end_date` and not lifted."""

    kind: str = Field(max_length=20)  # core.watchlist.WatchKind
    name: str = Field(max_length=PERSON_NAME_MAX, schema_extra={"json_schema_extra": {"sensitive": True}})
    id_number: str | None = Field(default=None, max_length=40, schema_extra={"json_schema_extra": {"sensitive": True}})
    room: str = Field(default="", max_length=30, schema_extra={"json_schema_extra": {"personal": True}})  # where they are kept at home
    start_date: dt.date
    end_date: dt.date
    reason: str = Field(default="", max_length=200, schema_extra={"json_schema_extra": {"personal": True}})  # free text: where they had been
    lifted_on: dt.date | None = None  # ended early by a supervisor


class Watch(WatchFields, table=True):
    __tablename__ = "watch"
    __table_args__ = (
        Index("ix_watch_id_number", "id_number"),
        Index("ix_watch_room", "room"),
        Index("ix_watch_end_date", "end_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36, unique=True)
    resident_id: int | None = Field(default=None, foreign_key="resident.id")
    created_at: dt.datetime  # aware, UTC
    created_by: int  # the supervisor (operator id)


class DailyCare(SQLModel, table=True):
    """One of the five dailies (五个每日) done for a person under home quarantine on one
    day (from 0005): the phone call, supplies, rubbish, the two temperature readings
    (`reading`, tenths of a degree) and the three disinfections (core/five_dailies.py)."""

    __tablename__ = "daily_care"
    __table_args__ = (UniqueConstraint("watch_id", "day", "item", name="uq_daily_care_watch_day_item"),
                      Index("ix_daily_care_day", "day"))

    id: int | None = Field(default=None, primary_key=True)
    watch_id: int = Field(foreign_key="watch.id")
    day: dt.date
    item: str = Field(max_length=20)
    done_at: dt.datetime  # aware, UTC
    operator_id: int
    reading: int | None = None
    note: str = Field(default="", max_length=200, schema_extra={"json_schema_extra": {"personal": True}})  # free text


class Batch(SQLModel, table=True):
    """The ledger of batches written for the district office (from 0006,
    docs/batch-format.md): one row per batch, recorded only once its file was written,
    read back and verified. `number` has no gaps; `change_from/to` and `audit_from/to`
    are the watermarks the next batch starts from; the file itself is kept in
    `<data>/batches/` so it can be written again byte-identical."""

    __tablename__ = "batch"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    uuid: str = Field(max_length=36, unique=True)
    created_at: dt.datetime  # aware, UTC
    created_by_id: int | None = None
    created_by: str = Field(default="", max_length=PERSON_NAME_MAX)
    change_from: int
    change_to: int
    audit_from: int
    audit_to: int
    first_day: dt.date
    last_day: dt.date
    counts: str = Field(default="{}", max_length=2000)  # JSON: records per kind (manifest "counts")
    file_name: str = Field(max_length=80)
    sha256: str = Field(max_length=64)
    size: int
    verified_at: dt.datetime  # when the written file was read back and verified
    last_target: str = Field(default="", max_length=500)  # the folder it was last written to
    acknowledged_at: dt.datetime | None = None
    ack_file: str = Field(default="", max_length=120)  # the acknowledgement that listed it


class DayDeclaration(SQLModel, table=True):
    """A day declared to the office (日报 / 零报告) in a batch (from 0006): the day's report
    figures when it was closed; a day whose records changed after it was declared is
    declared again with the next revision."""

    __tablename__ = "day_declaration"
    __table_args__ = (UniqueConstraint("day", "revision", name="uq_day_declaration_day_revision"),)

    id: int | None = Field(default=None, primary_key=True)
    day: dt.date
    revision: int = 1
    batch_number: int
    closed_at: dt.datetime  # aware, UTC
    closed_by: str = Field(max_length=PERSON_NAME_MAX)
    zero_report: bool
    figures: str = Field(default="{}", max_length=2000)  # JSON, docs/batch-format.md §5.2 "day"


class CentralKey(SQLModel, table=True):
    """A public key of the district office (or its escrow) imported by a supervisor
    (from 0006): batches are encrypted to both, acknowledgements are checked against the
    office's signing key. One per role; importing again replaces it."""

    __tablename__ = "central_key"

    id: int | None = Field(default=None, primary_key=True)
    role: str = Field(max_length=10, unique=True)  # office or escrow
    name: str = Field(default="", max_length=100)
    age_recipient: str = Field(max_length=100)  # age1…
    signing_public: str | None = Field(default=None, max_length=100)  # RW… (absent for escrow)
    fingerprint: str = Field(max_length=40)
    imported_at: dt.datetime  # aware, UTC
    imported_by: str = Field(default="", max_length=PERSON_NAME_MAX)


# What this app's migrations create, for telling its registers from other SQLite files
# (engine.foreign_tables) and the debris of an interrupted first start (migrations.py).
VERSION_TABLE = "alembic_version"
# The tables of schemas before 0004, which an upgrade replaces (a person and the event
# in one row): still this app's when an older register is opened.
LEGACY_TABLES = frozenset({"entry", "entry_name_gram"})
OWN_TABLES = frozenset({VERSION_TABLE} | LEGACY_TABLES | {str(model.__tablename__) for model in (
    Setting, Station, Passage, PersonCheck, PersonNameGram, Operator, AuditEvent, ChangeRecord, Shift, ShiftMember,
    SevenOnesCheck, SevenOnesItem, Resident, ResidentPlate, Watch, DailyCare, Batch, DayDeclaration, CentralKey)})
