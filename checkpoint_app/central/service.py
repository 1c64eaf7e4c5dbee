"""The district office's operations, for its window and `checkpoint-cli central`: keys,
enrollment, import, acknowledgement, gaps and the district report. No Qt.

`OfficeService(engine)` over a migrated office database (central/database.open_office).
Every refusal is an `InvalidInput` carrying a translatable problem: BatchRejected (the
batch library's reasons) or OfficeRefused (central/problems.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from checkpoint_app.batch import sealed
from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import OFFICE, Enrollment, OfficeIdentity
from checkpoint_app.batch.minisign import PublicKey
from checkpoint_app.central import problems
from checkpoint_app.central.conflicts import ConflictView
from checkpoint_app.central.database import open_office, writing
from checkpoint_app.central.helper import Helper
from checkpoint_app.central.importer import (
    BATCHES,
    CHUNK,
    HELPER_MIN,
    PASSAGE_FIELDS,
    PERSON_FIELDS,
    BatchWriter,
    batch_row,
    check_against_held,
    uuid_clash,
)
from checkpoint_app.central.models import OfficeConflict, OfficeDay, OfficeStation
from checkpoint_app.central.prepare import held_utc
from checkpoint_app.private_files import write_atomically

from checkpoint_app.core.problems import InvalidInput, Problem

log = logging.getLogger("checkpoint.central")

STATIONS = OfficeStation.__table__  # type: ignore[attr-defined]
CONFLICTS = OfficeConflict.__table__  # type: ignore[attr-defined]
DAYS = OfficeDay.__table__  # type: ignore[attr-defined]

IMPORTED, DUPLICATE, REJECTED = "imported", "duplicate", "rejected"
ENROLLED, UNCHANGED, REPLACED = "enrolled", "unchanged", "replaced"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# ---- keys -------------------------------------------------------------------------------

def key_file_names(role: str) -> tuple[str, str]:
    return (f"{role}.key", f"{role}.pub")


OFFICE_NAME_MAX = 60


def keygen(out_dir: Path, name: str, passphrase: str, role: str = OFFICE) -> tuple[Path, Path]:
    """A new office (or escrow) identity: `<role>.key` sealed with `passphrase` (0600) and
    `<role>.pub`. An existing key file is never overwritten. The name (shown to the
    stations, written on a comment line of both files) is one line of printable text."""
    name = name.strip()
    if not name or len(name) > OFFICE_NAME_MAX or any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
                                                       for c in name):
        raise problems.bad_office_name(OFFICE_NAME_MAX)
    identity = OfficeIdentity.generate(name, role)
    key_name, pub_name = key_file_names(role)
    key_path, pub_path = out_dir / key_name, out_dir / pub_name
    for path in (key_path, pub_path):
        if path.exists():
            raise problems.key_exists(str(path))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(key_path, identity.seal(passphrase), mode=0o600)
        write_atomically(pub_path, identity.public().to_text().encode("utf-8"), mode=0o644)
    except OSError as error:
        raise problems.cannot_write(str(out_dir), error.strerror or type(error).__name__) from error
    return key_path, pub_path


def load_identity(path: Path, passphrase: str) -> OfficeIdentity:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise BatchRejected("unreadable", file=path.name, what=error.strerror or type(error).__name__) from error
    return OfficeIdentity.unseal(data, passphrase, path.name)


# ---- what the service hands out -------------------------------------------------------------

@dataclass(frozen=True)
class StationView:
    code: str
    name: str
    district: str
    station_type: str
    province_code: str
    key_id: str
    fingerprint: str
    enrolled_at: dt.datetime
    active_from: dt.date
    retired_on: dt.date | None
    batches: int = 0
    last_number: int | None = None
    last_imported_at: dt.datetime | None = None
    last_day: dt.date | None = None  # the latest day it declared (日报 / 零报告)


@dataclass(frozen=True)
class EnrollResult:
    station: StationView
    status: str  # ENROLLED, UNCHANGED, REPLACED


@dataclass(frozen=True)
class ImportResult:
    file: Path
    status: str  # IMPORTED, DUPLICATE, REJECTED
    reason: Problem | None = None
    counts: dict[str, int] = field(default_factory=dict)
    station: str | None = None
    number: int | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class ImportProgress:
    """Where an import stands: file `index` (from 0) of `files`, records done of `total`
    in that file."""

    file: str
    index: int
    files: int
    done: int
    total: int


@dataclass(frozen=True)
class BatchView:
    station: str
    number: int
    uuid: str
    sha256: str
    file_name: str
    first_day: dt.date
    last_day: dt.date
    imported_at: dt.datetime
    counts: dict[str, int]



@dataclass(frozen=True)
class StationGaps:
    code: str
    name: str
    district: str
    missing_batches: list[int]
    missing_days: list[dt.date]

    @property
    def complete(self) -> bool:
        return not self.missing_batches and not self.missing_days


# ---- finding the batch files ------------------------------------------------------------------

def batch_files(paths: Iterable[Path]) -> tuple[list[Path], list[ImportResult]]:
    """The batch files under `paths` (files, folders, a stick's root, whose batches are in
    checkpoint-batches/), and a rejection for each path that names none. `*.partial` and
    the signatures beside the batches are not batches."""
    found: list[Path] = []
    refused: list[ImportResult] = []
    for path in paths:
        if path.is_dir():
            inner = path / sealed.FOLDER
            folder = inner if inner.is_dir() else path
            files = sorted(p for p in folder.glob("*.age") if p.is_file())
            if not files:
                error = problems.no_batches(str(path))
                refused.append(ImportResult(path, REJECTED, error.problem, reason_code=error.reason))
            found += files
        elif path.is_file():
            if path.name.endswith(sealed.SIGNATURE_SUFFIX):
                path = path.with_name(path.name[:-len(sealed.SIGNATURE_SUFFIX)])
            found.append(path)
        else:
            error = problems.not_found(str(path))
            refused.append(ImportResult(path, REJECTED, error.problem, reason_code=error.reason))
    unique = list(dict.fromkeys(found))

    def order(p: Path) -> tuple[str, int, str]:
        try:
            name = sealed.BatchName.parse(p.name)
            return (name.station, name.number, p.name)
        except BatchRejected:
            return ("~", 0, p.name)
    return sorted(unique, key=order), refused


# ---- the service --------------------------------------------------------------------------------

class OfficeService:
    """The office's operations over its database (`engine`, migrated)."""

    def __init__(self, engine: Engine, clock: Callable[[], dt.datetime] = utc_now,
                 tz: dt.tzinfo | None = None):
        self.engine = engine
        self.clock = clock
        self.tz = tz  # the office's local time zone (None: the machine's)
        self.helper_min = HELPER_MIN  # batches of at least this many records are prepared in a helper process

    @classmethod
    def open(cls, db: str | Path, **kwargs: Any) -> OfficeService:
        return cls(open_office(db), **kwargs)

    def close(self) -> None:
        self.engine.dispose()

    def local_today(self) -> dt.date:
        now = self.clock()
        return (now.astimezone(self.tz) if self.tz is not None else now.astimezone()).date()

    # ---- stations ---------------------------------------------------------------------------

    def stations(self) -> list[StationView]:
        with self.engine.connect() as conn:
            held = {row.station_id: row for row in conn.execute(
                select(BATCHES.c.station_id, func.count().label("n"), func.max(BATCHES.c.number).label("last"),
                       func.max(BATCHES.c.imported_at).label("at")).group_by(BATCHES.c.station_id))}
            rows = conn.execute(select(STATIONS).order_by(STATIONS.c.district, STATIONS.c.code)).all()
            declared = {station_id: day for station_id, day in conn.execute(
                select(DAYS.c.station_id, func.max(DAYS.c.day)).group_by(DAYS.c.station_id))}
        views = []
        for row in rows:
            h = held.get(row.id)
            views.append(dataclasses.replace(_station_view(row, h.n if h else 0, h.last if h else None,
                                                           held_utc(h.at) if h else None), last_day=declared.get(row.id)))
        return views

    def enroll(self, path: Path, replace: bool = False, active_from: dt.date | None = None) -> EnrollResult:
        """Enroll a station from its enrollment file. The same key again changes nothing
        (its name and sub-district are refreshed); another key for an enrolled code is
        refused unless `replace` (after reading the fingerprint back by phone)."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise BatchRejected("unreadable", file=path.name, what=getattr(error, "strerror", None)
                                or type(error).__name__) from error
        enrollment = Enrollment.from_text(text, path.name)
        now = self.clock()
        station = enrollment.station
        values = {"name": station["name"], "district": station["district"], "station_type": station["station_type"],
                  "province_code": station["province_code"][:2]}
        with writing(self.engine) as conn:
            held = conn.execute(select(STATIONS).where(STATIONS.c.code == enrollment.code)).first()
            if held is None:
                conn.execute(insert(STATIONS).values(
                    code=enrollment.code, signing_public=enrollment.signing.to_text(),
                    key_id=enrollment.signing.key_id.hex(), fingerprint=enrollment.fingerprint, enrolled_at=now,
                    active_from=active_from or now.astimezone(self.tz).date(), retired_on=None, **values))
                status = ENROLLED
            elif held.signing_public == enrollment.signing.to_text():
                changes = dict(values, **({"active_from": active_from} if active_from else {}))
                conn.execute(update(STATIONS).where(STATIONS.c.id == held.id).values(**changes))
                status = UNCHANGED
            elif not replace:
                raise problems.key_differs(path.name, enrollment.code, held.fingerprint)
            else:
                log.warning("station %s: signing key %s replaced by %s", enrollment.code, held.key_id,
                            enrollment.signing.key_id.hex())
                conn.execute(update(STATIONS).where(STATIONS.c.id == held.id).values(
                    signing_public=enrollment.signing.to_text(), key_id=enrollment.signing.key_id.hex(),
                    fingerprint=enrollment.fingerprint, **values,
                    **({"active_from": active_from} if active_from else {})))
                status = REPLACED
        view = next(v for v in self.stations() if v.code == enrollment.code)
        return EnrollResult(view, status)

    def set_active(self, code: str, active_from: dt.date | None = None, retired_on: dt.date | None = None) -> None:
        values: dict[str, Any] = {"retired_on": retired_on}
        if active_from is not None:
            values["active_from"] = active_from
        with writing(self.engine) as conn:
            conn.execute(update(STATIONS).where(STATIONS.c.code == code).values(**values))

    # ---- import -------------------------------------------------------------------------------

    def import_paths(self, paths: Sequence[Path], identity: OfficeIdentity,
                     progress: Callable[[ImportProgress], None] | None = None) -> list[ImportResult]:
        """Import every batch under `paths`, each in one transaction (see importer.py)."""
        files, results = batch_files(paths)
        decryptor = identity.decryptor()
        helper = Helper(PASSAGE_FIELDS, PERSON_FIELDS, self.engine.dialect.name, CHUNK)
        try:
            for index, path in enumerate(files):
                results.append(self._import_one(path, decryptor, index, len(files), progress, helper))
        finally:
            helper.close()
        return results

    def _station_key(self, code: str) -> PublicKey | None:
        with self.engine.connect() as conn:
            text = conn.execute(select(STATIONS.c.signing_public).where(STATIONS.c.code == code)).scalar()
        return PublicKey.from_text(text) if text else None

    def _import_one(self, path: Path, decryptor: Any, index: int, files: int,
                    progress: Callable[[ImportProgress], None] | None, helper: Helper) -> ImportResult:
        name = None
        try:
            with sealed.open_batch(path, self._station_key, decryptor) as opened:
                name = opened.name
                total = sum(int(p.get("records") or 0) for p in opened.manifest.get("parts") or [])
                if progress is not None:
                    progress(ImportProgress(path.name, index, files, 0, total))
                on_chunk = None if progress is None else (
                    lambda done: progress(ImportProgress(path.name, index, files, done, total)))
                now = self.clock()
                # first optimistic (no passage looked up first: a batch's records are new as a
                # rule); a passage held already makes the database refuse it, and the batch is
                # imported again, each passage looked up (duplicates, conflicts)
                for careful in (False, True):
                    try:
                        with writing(self.engine) as conn:
                            # the station's row locked: two imports of one station's batches (two
                            # clerks, PostgreSQL) take turns (SQLite's BEGIN IMMEDIATE does that already)
                            station_id = conn.execute(select(STATIONS.c.id).where(
                                STATIONS.c.code == name.station).with_for_update()).scalar_one()
                            if check_against_held(conn, station_id, opened).duplicate:
                                return ImportResult(path, DUPLICATE, None, {}, name.station, name.number)
                            batch_id = conn.execute(insert(BATCHES).returning(BATCHES.c.id),
                                                    [batch_row(station_id, opened, now)]).scalar_one()
                            writer = BatchWriter(conn, station_id, batch_id, path.name, now)
                            writer.optimistic = not careful
                            tally = writer.write(opened.payload, on_chunk,
                                                 helper if total >= self.helper_min else None)
                        break
                    except (IntegrityError, DBAPIError) as error:
                        if not careful and uuid_clash(error):
                            log.info("batch %s brings passages held already: imported again, each looked up",
                                     path.name)
                            continue
                        log.warning("batch %s refused by the database: %s", path.name, type(error.orig).__name__)
                        raise problems.not_stored(path.name, type(error.orig).__name__) from error
        except InvalidInput as error:
            reason = getattr(error, "reason", None)
            log.info("batch %s rejected: %s", path.name, reason)
            return ImportResult(path, REJECTED, error.problems[0], {}, name.station if name else None,
                                name.number if name else None, reason)
        log.info("batch %s imported: %s", path.name, tally.counts)
        return ImportResult(path, IMPORTED, None, tally.counts, name.station, name.number)

    # ---- acknowledgement ------------------------------------------------------------------------

    def ack_batches(self, stations: Iterable[str] | None = None) -> list[dict[str, Any]]:
        query = select(STATIONS.c.code, BATCHES.c.number, BATCHES.c.uuid, BATCHES.c.sha256, BATCHES.c.imported_at
                       ).join(STATIONS, STATIONS.c.id == BATCHES.c.station_id).order_by(STATIONS.c.code, BATCHES.c.number)
        if stations is not None:
            query = query.where(STATIONS.c.code.in_(list(stations)))
        with self.engine.connect() as conn:
            return [{"station": r.code, "number": r.number, "uuid": r.uuid, "sha256": r.sha256,
                     "imported_at": _utc_text(held_utc(r.imported_at))} for r in conn.execute(query)]

    def write_ack(self, target: Path, identity: OfficeIdentity) -> Path:
        """A signed acknowledgement into `<target>/checkpoint-batches/acks/`: the batches
        held of every station whose batch files are on `target` (every batch held when it
        has none). Written under a temporary name, fsynced and renamed; the signature
        first, so an acknowledgement is never there without it."""
        folder = target / sealed.FOLDER if (target / sealed.FOLDER).is_dir() or not target.name == sealed.FOLDER \
            else target
        on_stick = set()
        if folder.is_dir():
            for path in folder.glob("*.age"):
                try:
                    on_stick.add(sealed.BatchName.parse(path.name).station)
                except BatchRejected:
                    continue
        batches = self.ack_batches(on_stick or None)
        name, body, signature = sealed.make_ack(identity.name, identity.signing, batches, self.clock())
        acks = folder / sealed.ACKS
        try:
            acks.mkdir(parents=True, exist_ok=True)
            write_atomically(acks / (name + sealed.SIGNATURE_SUFFIX), signature.encode("utf-8"))
            write_atomically(acks / name, body)
        except OSError as error:
            raise problems.cannot_write(str(acks / name), error.strerror or type(error).__name__) from error
        return acks / name

    # ---- lists for the window -----------------------------------------------------------------

    def batches(self, station: str | None = None) -> list[BatchView]:
        query = select(STATIONS.c.code, BATCHES).join(STATIONS, STATIONS.c.id == BATCHES.c.station_id
                                                      ).order_by(STATIONS.c.code, BATCHES.c.number)
        if station is not None:
            query = query.where(STATIONS.c.code == station)
        with self.engine.connect() as conn:
            return [BatchView(r.code, r.number, r.uuid, r.sha256, r.file_name, r.first_day, r.last_day,
                              held_utc(r.imported_at), dict(r.counts)) for r in conn.execute(query)]

    def conflicts(self, unresolved_only: bool = True) -> list[ConflictView]:
        query = (select(CONFLICTS, STATIONS.c.code, BATCHES.c.number.label("batch_number"))
                 .join(STATIONS, STATIONS.c.id == CONFLICTS.c.station_id)
                 .join(BATCHES, BATCHES.c.id == CONFLICTS.c.batch_id).order_by(CONFLICTS.c.id))
        if unresolved_only:
            query = query.where(CONFLICTS.c.resolved.is_(False))
        with self.engine.connect() as conn:
            return [ConflictView(r.id, r.code, r.kind, r.key, r.batch_number, held_utc(r.found_at), r.resolved)
                    for r in conn.execute(query)]

    def conflict_detail(self, number: int) -> Any:
        """Conflict `number`: the held and the incoming record side by side, the fields that
        differ (central/conflicts.py; personal data shown in full, never logged)."""
        from checkpoint_app.central import conflicts

        with self.engine.connect() as conn:
            return conflicts.detail(conn, number, self.clock())

    def resolve_conflict(self, number: int, choice: str, note: str, clerk: str) -> Any:
        """Resolve conflict `number`: "keep" the held record or "take" the incoming one, in
        one transaction, recording who, when, the choice and the note. Refused (OfficeRefused)
        when unknown or resolved already."""
        from checkpoint_app.central import conflicts

        with writing(self.engine) as conn:
            conflicts.resolve(conn, number, choice, note, clerk, self.clock())
        return self.conflict_detail(number)

    # ---- gaps and the district report ---------------------------------------------------------

    def gaps(self, today: dt.date | None = None) -> list[StationGaps]:
        from checkpoint_app.central.district import station_gaps

        with self.engine.connect() as conn:
            return station_gaps(conn, today or self.local_today())

    def report(self, day: dt.date, deadline: dt.datetime | None = None) -> Any:
        from checkpoint_app.central.district import build_report, default_deadline

        with self.engine.connect() as conn:
            return build_report(conn, day, deadline or default_deadline(day, self.tz), self.clock())


def _station_view(row: Any, batches: int, last: int | None, last_at: dt.datetime | None) -> StationView:
    return StationView(row.code, row.name, row.district, row.station_type, row.province_code, row.key_id,
                       row.fingerprint, held_utc(row.enrolled_at), row.active_from, row.retired_on, batches, last, last_at)


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
