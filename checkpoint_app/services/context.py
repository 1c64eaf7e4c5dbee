"""Everything a running station needs, opened once and handed down explicitly
(no global registry): paths, database, settings and the services on top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from argon2 import PasswordHasher
from sqlalchemy import Connection
from sqlmodel import Session

from checkpoint_app.paths import DataPaths

from checkpoint_app.db.engine import Database, open_database
from checkpoint_app.db.errors import StorageError

from checkpoint_app.services import audit_head
from checkpoint_app.services.backups import BackupService, backups_in
from checkpoint_app.services.batches import BatchService
from checkpoint_app.services.desk import Desk
from checkpoint_app.services.health import Health, watch_engine
from checkpoint_app.services.inside import InsideService
from checkpoint_app.services.operators import OperatorService
from checkpoint_app.services.register import RegisterService
from checkpoint_app.services.report import ReportService
from checkpoint_app.services.residents import ResidentsService
from checkpoint_app.services.retention import RetentionService
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.shifts import ShiftService
from checkpoint_app.services.station import StationService
from checkpoint_app.services.unit_of_work import UnitOfWork
from checkpoint_app.services.watchlist import WatchlistService

Clock = Callable[[], dt.datetime]


def local_now() -> dt.datetime:
    """The aware local time (with the machine's UTC offset)."""
    return dt.datetime.now().astimezone()


@dataclass
class AppContext:
    paths: DataPaths
    db: Database
    settings: Settings
    station: StationService
    register: RegisterService
    operators: OperatorService
    reports: ReportService  # the daily report (日报 / 零报告)
    uow: UnitOfWork  # every write goes through it (permissions, audit, change records)
    clock: Clock
    shifts: ShiftService  # duty shifts, handovers, the seven-ones check
    residents: ResidentsService  # the compound's residents (issue 8): import, list, edit, move out
    watchlist: WatchlistService  # home quarantine, medical observation, the five dailies
    inside: InsideService  # who is inside (visitors, visitor vehicles), checking them out
    batches: BatchService  # batches for the district office: keys, export, ledger, acknowledgements
    retention: RetentionService  # the retention purge: people's data erased once the office has it
    backups: BackupService  # copies of the register into a folder or drive, and restoring one
    health: Health = field(default_factory=Health)  # damage found, clock warnings (shared)

    def session(self) -> Session:
        return Session(self.db.engine, expire_on_commit=False)

    def connect(self) -> Connection:
        return self.db.engine.connect()

    def close(self) -> None:
        self.db.dispose()


def open_context(data_dir: Path, clock: Clock = local_now, pin_hasher: PasswordHasher | None = None,
                 key: bytes | None = None, encrypt: bool = False) -> AppContext:
    """Open the station at `data_dir` (creating and migrating its database).
    Raises StorageError when the database cannot be used. (`pin_hasher`: the Argon2
    parameters for new PINs; tests pass cheap ones.)

    `key`: an encrypted register's key (encryption.unlock gives it for a PIN). Without
    it, `encrypt` makes a new register encrypted and converts a plain one (the app and
    the command line ask for that; tests mostly work on plain registers), and an
    encrypted register raises StorageError ENCRYPTED."""
    from checkpoint_app.services import encryption

    paths = DataPaths(Path(data_dir)).ensure()
    converted = False
    if key is None:
        key, converted = encryption.prepare(paths, encrypt)
    db = open_database(paths.database, key=key)

    def session_factory() -> Session:
        return Session(db.engine, expire_on_commit=False)

    health = Health(clock)
    watch_engine(db.engine, health)
    db.start_checkpoints(may_run=lambda: not health.damaged)  # nothing is written into a damaged file
    desk = Desk()  # the logins this app issued: held by the unit of work and the operators only
    uow = UnitOfWork(session_factory, health, desk, clock, head_file=audit_head.head_path(paths.root))
    settings = Settings(session_factory, health, uow)
    station = StationService(uow, session_factory, clock, health)
    shifts = ShiftService(uow, settings, clock)
    register = RegisterService(uow, session_factory, settings, clock, health)
    inside = InsideService(uow, register, settings, clock, health)
    watchlist = WatchlistService(uow, settings, clock)
    retention = RetentionService(uow, settings, clock, db.engine)
    backups = BackupService(uow, settings, clock, paths, lambda: _station_code(station), db.engine, key)
    retention.after_purge = backups.follow_retention  # an old backup is no way around the purge
    operators = OperatorService(uow, desk, pin_hasher)
    batches = BatchService(uow, station, paths.root, clock)
    if key is not None:
        slots = encryption.KeySlots(paths, key, session_factory, operators.audit_failed_unlocks)
        try:
            slots.sync()
        except StorageError:
            db.dispose()
            raise
        operators.after_change = batches.after_key_change = slots.sync
        if converted:  # the copies made before upgrades, and the backups, hold the same people
            kept_backups = [b.path for b in backups_in(backups.folder())]
            encryption.encrypt_copies(sorted(paths.root.glob("register.before-*")) + kept_backups, key)
            backups.keys_beside_encrypted(kept_backups)
    return AppContext(
        paths=paths, db=db, settings=settings,
        station=station,
        register=register,
        operators=operators,
        reports=ReportService(uow, station, clock, shifts.shifts_on, inside.count_at_end_of, watchlist.daily_counts),
        uow=uow, clock=clock, health=health, shifts=shifts, inside=inside,
        residents=ResidentsService(uow, clock),
        watchlist=watchlist,
        batches=batches,
        retention=retention,
        backups=backups,
    )


def _station_code(station: StationService) -> str:
    """The station's code for a backup's name ("station" before the profile is set)."""
    current = station.current()
    return current.code if current is not None else "station"
