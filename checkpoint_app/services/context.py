"""Everything a running station needs, opened once and handed down explicitly
(no global registry): paths, database, settings and the services on top."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sqlalchemy import Connection
from sqlmodel import Session

from checkpoint_app.paths import DataPaths

from checkpoint_app.db.engine import Database, open_database

from checkpoint_app.services.health import Health, watch_engine
from checkpoint_app.services.register import RegisterService
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.station import StationService

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
    clock: Clock
    health: Health = field(default_factory=Health)  # damage found, clock warnings (shared)

    def session(self) -> Session:
        return Session(self.db.engine, expire_on_commit=False)

    def connect(self) -> Connection:
        return self.db.engine.connect()

    def close(self) -> None:
        self.db.dispose()


def open_context(data_dir: Path, clock: Clock = local_now) -> AppContext:
    """Open the station at `data_dir` (creating and migrating its database).
    Raises StorageError when the database cannot be used."""
    paths = DataPaths(Path(data_dir)).ensure()
    db = open_database(paths.database)

    def session_factory() -> Session:
        return Session(db.engine, expire_on_commit=False)

    health = Health(clock)
    watch_engine(db.engine, health)
    settings = Settings(session_factory, health)
    return AppContext(
        paths=paths, db=db, settings=settings,
        station=StationService(session_factory, clock, health),
        register=RegisterService(session_factory, settings, clock, health),
        clock=clock, health=health,
    )
