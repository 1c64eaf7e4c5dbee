"""Batches for the district office, the station side (issue 9, docs/batch-format.md): the
station's signing key, the office's and escrow's public keys, the enrollment file, the
export onto a stick, the ledger of batches, and the acknowledgements coming back.

A supervisor's work (Action.EXPORT_BATCH, Action.MANAGE_CENTRAL_KEYS), enforced here.

Export reads everything after the previous batch in one read transaction
(db/batch_queries.py: the change records' passages, voids, shifts and seven-ones checks,
the audit events, and a declaration for every closed day not yet declared or changed
since), seals it (batch/sealed.py), puts it on the stick verified (services/batch_files.py),
keeps a copy in `<data>/batches/` so it can be written again byte-identical, and only
then records it: the ledger row, the day declarations and the audit event in one unit of
work, which first checks that no other batch was recorded meanwhile. A failure at any
point removes the files this export wrote and records nothing.

Decisions:
- both keys are required: the issue encrypts to two recipients so that one lost key
  loses no data, so an export without the escrow key is refused like one without the
  office key (each with instructions); `--demo` provisions both;
- the station key is made the first time it is needed (`station_key()`, which the
  Station menu shows, the enrollment, the first export), audited as "station_key_made";
- days are declared from the station's first day with a passage (or the day of the first
  export) up to yesterday; today only with `close_today`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import Connection
from sqlmodel import col, select

from checkpoint_app import __version__, private_files
from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import ESCROW, OFFICE, Enrollment, OfficePublic, utc_text
from checkpoint_app.batch.minisign import PublicKey, SigningKey
from checkpoint_app.batch.payload import FORMAT, FORMAT_VERSION
from checkpoint_app.batch.sealed import ACKS, SIGNATURE_SUFFIX, BatchName, SealedBatch, read_ack, seal

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.progress import NO_PROGRESS, Progress
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db import batch_queries, report_queries
from checkpoint_app.db.engine import SCHEMA_HEAD
from checkpoint_app.db.models import Batch, CentralKey, DayDeclaration, StationView

from checkpoint_app.services import batch_files, station_key
from checkpoint_app.services.station import StationService
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.batches")

KEPT_FOLDER = "batches"  # <data>/batches/: every batch as written, to write it again


@dataclass(frozen=True)
class StationKeyView:
    key_id: str  # 16 hex digits
    public_text: str  # RW…
    fingerprint: str  # 24 digits in six groups, read aloud


@dataclass(frozen=True)
class CentralKeyView:
    role: str  # office or escrow
    name: str
    fingerprint: str
    imported_at: dt.datetime  # aware, UTC


@dataclass(frozen=True)
class DayToDeclare:
    day: dt.date
    revision: int  # 1, or the next one for a day changed since it was declared


@dataclass(frozen=True)
class ExportPreview:
    """What the next batch would carry, and whether it may be written (`problems`)."""

    number: int
    counts: dict[str, int]  # per kind.op / kind, the days included
    days: tuple[DayToDeclare, ...]
    office_key: CentralKeyView | None
    escrow_key: CentralKeyView | None
    problems: tuple[Problem, ...] = ()

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def ready(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class LedgerEntry:
    number: int
    uuid: str
    created_at: dt.datetime  # aware, UTC
    created_by: str
    counts: dict[str, int]
    first_day: dt.date
    last_day: dt.date
    file_name: str
    sha256: str
    size: int
    last_target: str
    verified_at: dt.datetime
    acknowledged_at: dt.datetime | None

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None


@dataclass
class AckResult:
    acknowledged: list[int] = field(default_factory=list)  # newly marked by this reading
    unacknowledged: list[int] = field(default_factory=list)  # still waiting, after it
    problems: list[BatchRejected] = field(default_factory=list)  # acknowledgement files refused
    files: int = 0  # acknowledgement files read


def _fail(field_name: str, template: str, **params: Any) -> InvalidInput:
    return InvalidInput([problem(field_name, template, **params)])


def _no_key(role: str) -> Problem:
    if role == OFFICE:
        return problem("office_key", QT_TRANSLATE_NOOP(
            "problems", "No office key has been imported: a batch could be read by nobody. Import the district "
                        "office's office.pub (Station → Office keys…, or checkpoint-cli import-central-key) first."))
    return problem("escrow_key", QT_TRANSLATE_NOOP(
        "problems", "No escrow key has been imported: with the office key alone, a lost office key would lose the "
                    "batches. Import escrow.pub (Station → Office keys…, or checkpoint-cli import-central-key "
                    "--escrow) first."))


def _another_batch(number: int) -> InvalidInput:
    return _fail("output", QT_TRANSLATE_NOOP(
        "problems", "Another batch (number {number}) was written at the same time from this station: this one was "
                    "taken off the stick again and nothing was recorded. Look at the ledger and export again if "
                    "needed."), number=number)


def _no_station() -> Problem:
    return problem("station", QT_TRANSLATE_NOOP("problems", "Set up the station profile before writing a batch."))


class BatchService:
    def __init__(self, uow: UnitOfWork, station: StationService, data_root: Path,
                 clock: Callable[[], dt.datetime]):
        self._uow = uow
        self._station = station
        self._root = Path(data_root)
        self._clock = clock
        # called after an office or escrow key is imported: an encrypted register wraps
        # its key to the escrow key (services/encryption.KeySlots.sync)
        self.after_key_change: Callable[[], object] | None = None

    @property
    def kept_folder(self) -> Path:
        return self._root / KEPT_FOLDER

    # -- the station's key ------------------------------------------------------------

    def _signing_key(self) -> SigningKey:
        """The station's key, made (and audited) when missing."""
        key, made = station_key.create(self._root, self._uow.now())
        if made:
            log.info("station signing key made")
            with self._uow.write(None, None) as work:
                work.audit("station_key_made", "station_key", {"key_id": key.key_id.hex(),
                                                                 "fingerprint": _fingerprint(key.public())})
        return key

    def station_key(self) -> StationKeyView:
        """The station's public key and fingerprint (the key is made the first time)."""
        public = self._signing_key().public()
        return StationKeyView(public.key_id.hex(), public.to_text(), _fingerprint(public))

    # -- the office's keys ------------------------------------------------------------

    def office_keys(self) -> list[CentralKeyView]:
        with self._uow.read() as session:
            rows = session.exec(select(CentralKey).order_by(col(CentralKey.role).desc())).all()
            return [_key_view(r) for r in rows]

    def _central(self) -> dict[str, CentralKey]:
        with self._uow.read() as session:
            return {r.role: r for r in session.exec(select(CentralKey)).all()}

    @staticmethod
    def read_office_key(path: Path | str) -> OfficePublic:
        """Parse an office.pub / escrow.pub (nothing stored). Raises BatchRejected."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise BatchRejected("unreadable", file=path.name, what=error.strerror or type(error).__name__) from None
        if len(data) > 64 << 10:
            raise BatchRejected("bad_key_file", file=path.name, what="size")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BatchRejected("bad_key_file", file=path.name, what="text") from None
        return OfficePublic.from_text(text, path.name)

    def import_office_key(self, actor: Actor | None, path: Path | str, role: str = OFFICE) -> CentralKeyView:
        """Import the office's (or the escrow's) public key, replacing that role's key.
        Raises NotPermitted, BatchRejected (not a key file), InvalidInput (the other
        role's key)."""
        self._uow.require(actor, Action.MANAGE_CENTRAL_KEYS)
        public = self.read_office_key(path)
        if role not in (OFFICE, ESCROW):
            raise ValueError(role)
        if public.role != role:
            if role == OFFICE:
                raise _fail("office_key", QT_TRANSLATE_NOOP(
                    "problems", "{file} is the escrow key, not the office key: import it as the escrow key "
                                "(--escrow)."), file=Path(path).name)
            raise _fail("escrow_key", QT_TRANSLATE_NOOP(
                "problems", "{file} is the office key, not the escrow key: import it as the office key (without "
                            "--escrow)."), file=Path(path).name)
        with self._uow.write(actor, Action.MANAGE_CENTRAL_KEYS) as work:
            work.lock()
            row = work.session.exec(select(CentralKey).where(CentralKey.role == role)).first()
            replaced = row.fingerprint if row is not None else None
            row = row or CentralKey(role=role, age_recipient="", fingerprint="", imported_at=work.now)
            row.name, row.age_recipient = public.name[:100], public.age_recipient
            row.signing_public = public.signing.to_text() if public.signing else None
            row.fingerprint, row.imported_at, row.imported_by = public.fingerprint, work.now, actor.name if actor else ""
            work.session.add(row)
            work.audit("central_key_imported", f"central_key:{role}", {
                "role": role, "name": public.name, "fingerprint": public.fingerprint, "replaced": replaced})
            work.session.flush()
            view = _key_view(row)
        log.info("%s key imported (its fingerprint is in the audit log)", role)
        if self.after_key_change is not None:
            self.after_key_change()
        return view

    def write_enrollment(self, actor: Actor | None, path: Path | str) -> Path:
        """The enrollment file for the office (§7); a folder gets
        `enrollment-<CODE>.json` in it. Raises NotPermitted, InvalidInput."""
        from checkpoint_app.services.report import OutputFile, output_problem

        self._uow.require(actor, Action.MANAGE_CENTRAL_KEYS)
        station = self._need_station()
        key = self._signing_key()
        path = Path(path)
        if path.is_dir():
            path = path / f"enrollment-{station.code}.json"
        enrollment = Enrollment({k: str(getattr(station, k)) for k in ("code", "name", "district", "station_type",
                                                                          "province_code")},
                                key.public(), utc_text(self._uow.now()))
        with OutputFile(path) as output:
            try:
                output.temp.write_text(enrollment.to_text(), encoding="utf-8")
            except OSError as error:
                raise output_problem(path, error) from None
            with self._uow.write(actor, Action.MANAGE_CENTRAL_KEYS) as work:
                work.audit("enrollment_written", "station_key", {"key_id": key.key_id.hex(),
                                                                 "fingerprint": enrollment.fingerprint})
            output.commit()
        return path

    def _need_station(self) -> StationView:
        station = self._station.current()
        if station is None:
            raise InvalidInput([_no_station()])
        return station

    # -- what the next batch carries ----------------------------------------------------

    def pending(self, actor: Actor | None, close_today: bool = False) -> ExportPreview:
        """What the next batch would carry and, in `problems`, why it may not be written."""
        self._uow.require(actor, Action.EXPORT_BATCH)
        keys = self._central()
        problems = [_no_key(role) for role in (OFFICE, ESCROW) if role not in keys]
        if self._station.current() is None:
            problems.append(_no_station())
        with self._uow.read() as session:
            conn = session.connection()
            batch_queries.snapshot(conn)
            plan = _plan(conn, self._today(), close_today)
            counts = dict(batch_queries.change_counts(conn, plan.change_from, plan.change_to))
            audit = batch_queries.audit_count(conn, plan.audit_from, plan.audit_to)
        if audit:
            counts["audit"] = audit
        if plan.days:
            counts["day"] = len(plan.days)
        return ExportPreview(plan.number, counts, plan.days, _key_view(keys[OFFICE]) if OFFICE in keys else None,
                             _key_view(keys[ESCROW]) if ESCROW in keys else None, tuple(problems))

    def _today(self) -> dt.date:
        return self._clock().date()

    # -- export -------------------------------------------------------------------------

    def export(self, actor: Actor | None, target_dir: Path | str, progress: Progress = NO_PROGRESS,
               close_today: bool = False) -> LedgerEntry:
        """Write the next batch into `<target_dir>/checkpoint-batches/`, verified, and record
        it. Raises NotPermitted, InvalidInput (no keys, no station, the target cannot be
        written: nothing recorded, no file left), StorageError."""
        self._uow.require(actor, Action.EXPORT_BATCH)
        assert actor is not None
        keys = self._central()
        missing = [_no_key(role) for role in (OFFICE, ESCROW) if role not in keys]
        if missing:
            raise InvalidInput(missing)
        station = self._need_station()
        signing = self._signing_key()
        folder = batch_files.batch_folder(Path(target_dir))
        if folder.resolve().is_relative_to(self._root.resolve()):
            raise _fail("output", QT_TRANSLATE_NOOP(
                "problems", "{path} is the station's own folder: write the batch onto a stick or another folder."),
                path=str(folder))
        progress.step(0, 4, QT_TRANSLATE_NOOP("progress", "Collecting the records"))
        now = self._clock()
        with self._uow.read() as session:
            conn = session.connection()
            batch_queries.snapshot(conn)  # one consistent register, whatever a desk saves meanwhile
            plan = _plan(conn, now.date(), close_today)
            declarations = [_declaration(conn, d, now, actor.name) for d in plan.days]
            manifest, name = _manifest(conn, plan, station, signing, actor, now, declarations)
            records = _records(conn, plan, declarations)
            progress.step(1, 4, QT_TRANSLATE_NOOP("progress", "Encrypting and signing the batch"))
            sealed = seal(name, manifest, records, [keys[OFFICE].age_recipient, keys[ESCROW].age_recipient], signing)
        progress.check()
        progress.step(2, 4, QT_TRANSLATE_NOOP("progress", "Writing the batch"))
        written = batch_files.put(folder, sealed.file_name, sealed.ciphertext, sealed.signature, sealed.sha256,
                                  signing.public())
        try:
            progress.step(3, 4, QT_TRANSLATE_NOOP("progress", "Keeping a copy at the station"))
            self._keep(sealed, signing.public(), plan.number)
            entry = self._record(actor, plan, manifest, sealed, declarations, folder, now)
        except BaseException:
            batch_files.remove(folder, sealed.file_name, sealed.sha256)
            batch_files.remove(self.kept_folder, sealed.file_name, sealed.sha256)
            raise
        progress.step(4, 4)
        log.info("batch %d written (%d records)", plan.number, sum(manifest["counts"].values()))
        assert written.exists()
        return entry

    def _keep(self, sealed: SealedBatch, public: PublicKey, number: int) -> None:
        """The station's copy, in `<data>/batches/`. A copy of the same name that the
        ledger holds is another desk's batch recorded meanwhile: never written over (one
        the ledger does not hold is what an interrupted export left)."""
        kept = self.kept_folder / sealed.file_name
        if kept.exists() and batch_files.sha256_of(kept) != sealed.sha256:
            with self._uow.read() as session:
                if session.exec(select(Batch.id).where(Batch.file_name == sealed.file_name)).first() is not None:
                    raise _another_batch(number)
        private_files.make_folder(self.kept_folder)
        try:
            batch_files.put(self.kept_folder, sealed.file_name, sealed.ciphertext, sealed.signature, sealed.sha256,
                            public)
        except InvalidInput as error:
            raise InvalidInput([problem("output", QT_TRANSLATE_NOOP(
                "problems", "The station's copy of the batch could not be kept in {path}: nothing was recorded and "
                            "the batch was taken off the stick again. ({reason})"),
                path=str(self.kept_folder), reason=error.problems[0].english())]) from None

    def _record(self, actor: Actor, plan: _Plan, manifest: dict[str, Any], sealed: SealedBatch,
                declarations: list[dict[str, Any]], folder: Path, now: dt.datetime) -> LedgerEntry:
        """The ledger row, the day declarations and the audit event, in one unit of work,
        if no other batch was recorded since this one was planned."""
        with self._uow.write(actor, Action.EXPORT_BATCH) as work:
            work.lock()
            last = work.session.exec(select(Batch).order_by(col(Batch.number).desc()).limit(1)).first()
            if (last.number if last else 0) != plan.number - 1 or (last.change_to if last else 0) != plan.change_from:
                raise _another_batch(plan.number)
            batch_info = manifest["batch"]
            row = Batch(
                number=plan.number, uuid=batch_info["uuid"], created_at=now.astimezone(dt.timezone.utc),
                created_by_id=actor.operator_id, created_by=actor.name, change_from=plan.change_from, change_to=plan.change_to,
                audit_from=plan.audit_from, audit_to=plan.audit_to, first_day=sealed.name.first_day,
                last_day=sealed.name.last_day, counts=json.dumps(manifest["counts"], sort_keys=True),
                file_name=sealed.file_name, sha256=sealed.sha256, size=len(sealed.ciphertext),
                verified_at=work.now, last_target=str(folder))
            work.session.add(row)
            for declared in declarations:
                work.session.add(DayDeclaration(
                    day=dt.date.fromisoformat(declared["day"]), revision=declared["revision"],
                    batch_number=plan.number, closed_at=now, closed_by=declared["closed_by"],
                    zero_report=declared["zero_report"], figures=json.dumps(declared["figures"], sort_keys=True)))
            work.audit("batch_exported", f"batch:{plan.number}", {
                "number": plan.number, "file": sealed.file_name, "sha256": sealed.sha256,
                "counts": manifest["counts"], "days": [d["day"] for d in declarations]})
            work.session.flush()
            return _entry(row)

    # -- the ledger, writing again ----------------------------------------------------

    def ledger(self, actor: Actor | None) -> list[LedgerEntry]:
        """Every batch written, newest first."""
        self._uow.require(actor, Action.EXPORT_BATCH)
        with self._uow.read() as session:
            return [_entry(r) for r in session.exec(select(Batch).order_by(col(Batch.number).desc())).all()]

    def rewrite(self, actor: Actor | None, number: int, target_dir: Path | str,
                progress: Progress = NO_PROGRESS) -> LedgerEntry:
        """Write batch `number` again, byte-identical, from the station's copy."""
        self._uow.require(actor, Action.EXPORT_BATCH)
        with self._uow.read() as session:
            row = session.exec(select(Batch).where(Batch.number == number)).first()
        if row is None:
            raise _fail("number", QT_TRANSLATE_NOOP("problems", "There is no batch number {number} in the ledger."),
                        number=number)
        kept = self.kept_folder / row.file_name
        try:
            ciphertext = kept.read_bytes()
            signature = (self.kept_folder / (row.file_name + SIGNATURE_SUFFIX)).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise _fail("number", QT_TRANSLATE_NOOP(
                "problems", "The station's copy of batch {number} ({path}) cannot be read ({reason})."),
                number=number, path=str(kept), reason=getattr(error, "strerror", None) or type(error).__name__) from None
        if hashlib.sha256(ciphertext).hexdigest() != row.sha256:
            raise _fail("number", QT_TRANSLATE_NOOP(
                "problems", "The station's copy of batch {number} ({path}) was altered: it is not written again."),
                number=number, path=str(kept))
        folder = batch_files.batch_folder(Path(target_dir))
        progress.step(0, 1, QT_TRANSLATE_NOOP("progress", "Writing the batch"))
        batch_files.put(folder, row.file_name, ciphertext, signature, row.sha256, self._signing_key().public())
        try:
            with self._uow.write(actor, Action.EXPORT_BATCH) as work:
                stored = work.session.exec(select(Batch).where(Batch.number == number)).one()
                stored.last_target, stored.verified_at = str(folder), work.now
                work.session.add(stored)
                work.audit("batch_rewritten", f"batch:{number}", {"number": number, "file": row.file_name})
                work.session.flush()
                entry = _entry(stored)
        except BaseException:
            batch_files.remove(folder, row.file_name, row.sha256)
            raise
        progress.step(1, 1)
        return entry

    # -- acknowledgements -------------------------------------------------------------

    def read_acks(self, actor: Actor | None, target_dir: Path | str) -> AckResult:
        """Read the office's acknowledgements in `<target>/checkpoint-batches/acks/` and
        mark the batches they list (signed by the imported office key; station, number,
        UUID and SHA-256 all matching) acknowledged."""
        self._uow.require(actor, Action.EXPORT_BATCH)
        result = AckResult()
        office = self._central().get(OFFICE)
        station = self._station.current()
        folder = batch_files.batch_folder(Path(target_dir)) / ACKS
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        listed: dict[int, list[tuple[str, str, str]]] = {}  # number -> [(uuid, sha256, ack file)]
        for path in files:
            result.files += 1
            if office is None or not office.signing_public:
                result.problems.append(BatchRejected("bad_signature", file=path.name, station="?"))
                continue
            try:
                ack = read_ack(path, [PublicKey.from_text(office.signing_public)])
            except BatchRejected as rejected:
                result.problems.append(rejected)
                continue
            for item in ack.get("batches") or []:
                if not isinstance(item, dict) or station is None or item.get("station") != station.code:
                    continue
                number = item.get("number")
                if isinstance(number, int):
                    listed.setdefault(number, []).append((str(item.get("uuid")), str(item.get("sha256")), path.name))
        with self._uow.write(actor, Action.EXPORT_BATCH) as work:
            work.lock()
            rows = work.session.exec(select(Batch).order_by(col(Batch.number))).all()
            for row in rows:
                match = next((m for m in listed.get(row.number, []) if m[:2] == (row.uuid, row.sha256)), None)
                if row.acknowledged_at is None and match is not None:
                    row.acknowledged_at, row.ack_file = work.now, match[2]
                    work.session.add(row)
                    result.acknowledged.append(row.number)
                if row.acknowledged_at is None:
                    result.unacknowledged.append(row.number)
            if result.acknowledged or result.problems:
                work.audit("batches_acknowledged", "batch", {
                    "numbers": result.acknowledged, "files": result.files,
                    "refused": [p.reason for p in result.problems]},
                    outcome="ok" if not result.problems else "refused")
        return result


# ---- planning and building a batch --------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    number: int
    previous_sha256: str | None
    change_from: int
    change_to: int
    audit_from: int
    audit_to: int
    days: tuple[DayToDeclare, ...]


def _plan(conn: Connection, today: dt.date, close_today: bool) -> _Plan:
    """The next batch's number, watermarks and days to declare, read on `conn`."""
    last = conn.exec_driver_sql(
        "SELECT number, sha256, change_to, audit_to FROM batch ORDER BY number DESC LIMIT 1").first()
    number, previous, change_from, audit_from = (int(last[0]) + 1, last[1], int(last[2]), int(last[3])) if last \
        else (1, None, 0, 0)
    change_to, audit_to = batch_queries.max_change(conn), batch_queries.max_audit(conn)
    closed_until = today if close_today else today - dt.timedelta(days=1)
    declared = batch_queries.declared(conn)
    first = batch_queries.first_day(conn)
    starts = [d for d in (first, min(declared) if declared else None) if d is not None]
    days: list[DayToDeclare] = []
    if starts:
        day = min(starts)
        while day <= closed_until:
            if day not in declared:
                days.append(DayToDeclare(day, 1))
            day += dt.timedelta(days=1)
    elif not declared and closed_until == today:  # a station with no passage yet closes today: a zero report
        days.append(DayToDeclare(today, 1))
    for day in sorted(batch_queries.changed_days(conn, change_from, change_to)):
        if day in declared and day <= closed_until:
            days.append(DayToDeclare(day, declared[day] + 1))
    return _Plan(number, previous, change_from, change_to, audit_from, audit_to,
                 tuple(sorted(days, key=lambda d: d.day)))


def day_figures_record(figures: Any) -> dict[str, int]:
    """A day's report figures (core.daily_report.DayFigures) as a declaration carries them."""
    return {"registered": figures.registered, "entered": figures.entered, "left": figures.left,
            "refused": figures.refusals, "referrals": figures.referrals, "fevers": figures.fevers,
            "key_area": figures.key_area, "alerts": figures.alerts, "vehicles": figures.vehicles.vehicles,
            "persons": figures.entered + figures.left}


def _declaration(conn: Connection, day: DayToDeclare, now: dt.datetime, closed_by: str) -> dict[str, Any]:
    figures = report_queries.day_figures(conn, day.day)
    return {"kind": "day", "day": day.day.isoformat(), "revision": day.revision, "closed_at": utc_text(now),
            "closed_by": closed_by, "zero_report": figures.zero_report, "figures": day_figures_record(figures)}


def _records(conn: Connection, plan: _Plan, declarations: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    yield from batch_queries.change_records(conn, plan.change_from, plan.change_to)
    yield from batch_queries.audit_records(conn, plan.audit_from, plan.audit_to)
    yield from declarations


def _local_day(stored: Any, tz: dt.tzinfo | None) -> dt.date | None:
    if stored is None:
        return None
    text = str(stored)
    moment = dt.datetime.fromisoformat(text[:19]).replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(tz).date()


def _manifest(conn: Connection, plan: _Plan, station: StationView, key: SigningKey, actor: Actor,
              now: dt.datetime, declarations: list[dict[str, Any]]) -> tuple[dict[str, Any], BatchName]:
    counts = dict(batch_queries.change_counts(conn, plan.change_from, plan.change_to))
    audit = batch_queries.audit_count(conn, plan.audit_from, plan.audit_to)
    if audit:
        counts["audit"] = audit
    if declarations:
        counts["day"] = len(declarations)
    spans = [*batch_queries.change_span(conn, plan.change_from, plan.change_to),
             *batch_queries.audit_span(conn, plan.audit_from, plan.audit_to)]
    moments = sorted(str(s) for s in spans if s is not None)
    days = [d for d in (_local_day(m, now.tzinfo) for m in moments) if d is not None]
    days += [dt.date.fromisoformat(d["day"]) for d in declarations]
    first_day, last_day = (min(days), max(days)) if days else (now.date(), now.date())
    name = BatchName(station.code, plan.number, first_day, last_day)
    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__, "schema_version": SCHEMA_HEAD,
        "station": {"code": station.code, "name": station.name, "district": station.district,
                    "station_type": station.station_type, "province_code": station.province_code,
                    "key_id": key.key_id.hex()},
        "batch": {"uuid": str(uuid.uuid4()), "number": plan.number, "previous_sha256": plan.previous_sha256,
                  "created_at": utc_text(now), "created_by": actor.name},
        "range": {"first_at": batch_queries.utc_text(moments[0]) if moments else utc_text(now),
                  "last_at": batch_queries.utc_text(moments[-1]) if moments else utc_text(now),
                  "first_day": first_day.isoformat(), "last_day": last_day.isoformat(),
                  "changes": [plan.change_from, plan.change_to], "audit": [plan.audit_from, plan.audit_to]},
        "counts": dict(sorted(counts.items())),
    }
    return manifest, name


def _fingerprint(public: PublicKey) -> str:
    from checkpoint_app.batch.keys import fingerprint

    return fingerprint(public.to_text())


def _key_view(row: CentralKey) -> CentralKeyView:
    return CentralKeyView(row.role, row.name, row.fingerprint, row.imported_at)


def _entry(row: Batch) -> LedgerEntry:
    return LedgerEntry(
        number=row.number, uuid=row.uuid, created_at=row.created_at, created_by=row.created_by,
        counts=json.loads(row.counts), first_day=row.first_day, last_day=row.last_day, file_name=row.file_name,
        sha256=row.sha256, size=row.size, last_target=row.last_target, verified_at=row.verified_at,
        acknowledged_at=row.acknowledged_at)
