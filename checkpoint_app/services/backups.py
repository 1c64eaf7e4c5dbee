"""Backups of the register (issue 10 item 3): a consistent copy made with SQLite's backup
API while the desk works, into a folder or drive the supervisor chooses (remembered as the
`backup_folder` setting; `<data>/backups` until one is chosen), checked with
`integrity_check` before it counts, the last `backup_keep` kept. Restoring checks the copy
first and keeps the current register aside (db/upgrade_copy.py's copy) before replacing
it; it is done with the app closed (`checkpoint-cli restore`).

Backups follow the retention rule: after every purge that erased something, the same days
(and the same ended watchlist entries and moved-out residents) are erased in each backup in
the backup folder and the backup rewritten whole (`follow_retention`), so an old copy is no
way around it. An encrypted register's backups are encrypted with the same key, with the
key file beside them (what opens them on another laptop: a PIN of that time, or the
office's escrow key).

A drive without room is refused before anything is written (the register's size against
the drive's free space), and a drive that fills up during the copy is reported as full;
either way nothing is left on it."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import Engine

from checkpoint_app import private_files
from checkpoint_app.paths import DataPaths

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.roles import Action, Actor

from checkpoint_app.db import driver, purge_queries, sqlite_file
from checkpoint_app.db.errors import StorageProblem, classify
from checkpoint_app.db.upgrade_copy import copy_register, make_backup

from checkpoint_app.services import register_keys
from checkpoint_app.services.batch_files import human_size
from checkpoint_app.services.settings import Settings
from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.backups")

PREFIX = "checkpoint-backup-"
_NAME = re.compile(r"checkpoint-backup-(?P<station>[A-Za-z0-9-]+)-(?P<when>\d{8}-\d{6})(?:\.\d+)?\.sqlite3")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    station: str
    made_at: dt.datetime  # local, to the second (from the name)
    size: int


ROOM_MARGIN = 1 << 20  # beyond the register's size: the copy's journal switch, the key file


def _is_full(error: BaseException) -> bool:
    """ENOSPC (or a quota) from the file system, or SQLite's 'database or disk is full'."""
    storage = classify(error)
    return storage is not None and storage.kind is StorageProblem.FULL


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def backups_in(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (files named as this module names them)."""
    found = []
    if folder.is_dir():
        for path in folder.glob(PREFIX + "*.sqlite3"):
            match = _NAME.fullmatch(path.name)
            if match:
                found.append(BackupInfo(path, match["station"], dt.datetime.strptime(match["when"], "%Y%m%d-%H%M%S"),
                                        path.stat().st_size))
    return sorted(found, key=lambda b: (b.made_at, b.path.name), reverse=True)


def check_copy(path: Path, key: bytes | None = None) -> None:
    """A backup that can be restored: SQLite's integrity check passes and it is a register
    (opened with `key`, the register's: an encrypted register's backups are encrypted
    with its key)."""
    try:
        with closing(driver.connect(sqlite_file.uri(path, "mode=ro"), key, uri=True)) as raw:
            result = raw.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except driver.DatabaseError as error:
        raise _fail("backup", QT_TRANSLATE_NOOP("problems", "{file} is not a register backup ({what})."),
                    file=path.name, what=str(error)) from error
    if result != "ok":
        raise _fail("backup", QT_TRANSLATE_NOOP("problems", "{file} is damaged (integrity check: {what})."),
                    file=path.name, what=result)
    if not {"passage", "station", "alembic_version"} <= tables:
        raise _fail("backup", QT_TRANSLATE_NOOP("problems", "{file} is not a register backup ({what})."),
                    file=path.name, what="tables")


def keys_beside(backup: Path) -> Path:
    """The copy of register.keys kept beside an encrypted backup."""
    return backup.with_name(backup.name + ".keys")


def _copy_keys(source: Path, target: Path) -> None:
    kept = register_keys.load(source)
    if kept is not None and kept.pending is None:  # a key not yet wrapped for anyone is never copied out
        register_keys.save(target, kept)


class BackupService:
    def __init__(self, uow: UnitOfWork, settings: Settings, clock: Callable[[], dt.datetime], paths: DataPaths,
                 station_code: Callable[[], str], engine: Engine, key: bytes | None = None):
        self._uow, self._settings, self._clock, self._paths = uow, settings, clock, paths
        self._station_code, self._engine = station_code, engine
        self._key = key  # an encrypted register's: its backups are encrypted with it

    def folder(self) -> Path:
        """Where backups go: the supervisor's folder, or `<data>/backups`."""
        chosen = self._settings.get("backup_folder")
        return Path(chosen) if chosen else self._paths.root / "backups"

    def backup(self, actor: Actor | None, folder: Path | str | None = None, reason: str = "now") -> BackupInfo:
        """A checked backup into `folder` (remembered) or the backup folder; the oldest beyond
        `backup_keep` removed. `actor` None: the scheduled one (shift change, daily)."""
        if actor is not None or reason == "now":
            self._uow.require(actor, Action.BACKUP)
        if folder is not None:
            target = Path(folder).expanduser()
            if actor is not None and self._settings.get("backup_folder") != str(target):
                self._settings.set_many(actor, {"backup_folder": str(target)})  # the next ones go there too
        else:
            target = self.folder()
        if target.resolve() == self._paths.root.resolve():
            raise _fail("backup_folder", QT_TRANSLATE_NOOP(
                "problems", "{path} is the register's own folder: choose another folder or a drive."), path=str(target))
        try:
            private_files.make_folder(target)
        except OSError as error:
            raise _fail("backup_folder", QT_TRANSLATE_NOOP("problems", "{path} cannot be used ({what})."),
                        path=str(target), what=error.strerror or type(error).__name__) from error
        self._check_room(target)
        now = self._clock()
        base = target / f"{PREFIX}{self._station_code()}-{now:%Y%m%d-%H%M%S}.sqlite3"
        final, n = base, 1
        while final.exists():
            n += 1
            final = base.with_suffix(f".{n}.sqlite3")
        try:
            copy_register(self._paths.database, final, self._key)
            check_copy(final, self._key)
            if self._key is not None:  # what opens it on another laptop (with a PIN of that time, or the escrow key)
                _copy_keys(self._paths.keys_file, keys_beside(final))
        except (OSError, InvalidInput, driver.Error, register_keys.KeyFileError) as error:
            final.unlink(missing_ok=True)
            keys_beside(final).unlink(missing_ok=True)
            if _is_full(error):
                raise _fail("backup_folder", QT_TRANSLATE_NOOP(
                    "problems", "{path}: the drive is full. No backup was left there and the register is unchanged; "
                                "free some space or choose another drive."), path=str(target)) from error
            what = error.problems[0].english() if isinstance(error, InvalidInput) else (
                getattr(error, "strerror", None) or type(error).__name__)
            raise _fail("backup_folder", QT_TRANSLATE_NOOP(
                "problems", "The backup could not be written to {path} ({what}); the register is unchanged."),
                path=str(target), what=what) from error
        removed = self._prune(target)
        if actor is not None:  # a supervisor's backup is audited; the scheduled ones write nothing into the register
            with self._uow.write(actor, None) as work:
                work.audit(Action.BACKUP, "register", {"how": reason, "file": final.name, "removed": len(removed)})
        log.info("backup (%s) written: %s; %d old ones removed", reason, final.name, len(removed))
        return BackupInfo(final, self._station_code(), now.replace(tzinfo=None, microsecond=0), final.stat().st_size)

    def _check_room(self, target: Path) -> None:
        """Refuse a drive without room for a copy of the register (its file and write-ahead
        log, the most a copy can take) and a margin, before anything is written."""
        needed = sum(p.stat().st_size for p in (self._paths.database, sqlite_file.side_file(self._paths.database, "-wal"))
                     if p.exists()) + ROOM_MARGIN
        try:
            free = shutil.disk_usage(target).free
        except OSError:
            return  # the copy itself will say what is wrong with the folder
        if free < needed:
            raise _fail("backup_folder", QT_TRANSLATE_NOOP(
                "problems", "{path} has {free} free but a backup of the register needs {needed}: free some space "
                            "or choose another drive. Nothing was written."),
                path=str(target), free=human_size(free), needed=human_size(needed))

    def _prune(self, folder: Path) -> list[Path]:
        keep = self._settings.get("backup_keep")
        station = self._station_code()
        mine = [b for b in backups_in(folder) if b.station == station]
        removed = [b.path for b in mine[keep:]]
        for path in removed:
            path.unlink(missing_ok=True)
            keys_beside(path).unlink(missing_ok=True)
        return removed

    def keys_beside_encrypted(self, backups: list[Path]) -> None:
        """Put the key file beside each of these backups that is encrypted and has none
        (the backups a conversion encrypted: they open with the register's key)."""
        for path in backups:
            if not keys_beside(path).exists() and driver.is_encrypted_header(sqlite_file.read_header(path)):
                try:
                    _copy_keys(self._paths.keys_file, keys_beside(path))
                except (OSError, register_keys.KeyFileError) as error:
                    log.warning("no key file written beside backup %s (%s)", path.name, type(error).__name__)

    def list(self, actor: Actor | None) -> list[BackupInfo]:
        self._uow.require(actor, Action.BACKUP)
        return backups_in(self.folder())

    def follow_retention(self, before: dt.date, lists_before: dt.date | None = None) -> int:
        """Erase, in every backup in the backup folder, what the purge erased in the
        register: the personal data of the passages of the days before `before`, and of
        the watchlist entries ended and residents moved out before `lists_before`.
        Returns how many were changed."""
        changed = 0
        for info in backups_in(self.folder()):
            try:
                with closing(driver.connect(info.path, self._key)) as raw:
                    raw.isolation_level = None
                    raw.execute("PRAGMA secure_delete=ON")
                    raw.execute("BEGIN IMMEDIATE")
                    passages, _persons = purge_queries.erase_raw(raw, None, before)
                    if passages:
                        purge_queries.compact_search_index_raw(raw)
                    watches, residents = (purge_queries.erase_lists_raw(raw, lists_before)
                                          if lists_before is not None else (0, 0))
                    raw.execute("COMMIT")
                    if passages or watches or residents:
                        purge_queries.vacuum(raw)  # the pages' unused space too (db/purge_queries.py)
                changed += bool(passages or watches or residents)
            except driver.Error as error:  # a damaged or foreign file: logged, left for the supervisor
                log.warning("backup %s not brought under the retention rule: %s", info.path.name, type(error).__name__)
        return changed

    def restore(self, actor: Actor | None, backup: Path | str) -> Path:
        """Replace the register with `backup` after checking it; the current register is
        copied aside first (returned). The app must be closed (the command line does it)."""
        self._uow.require(actor, Action.BACKUP)
        source = Path(backup)
        if not source.is_file():
            raise _fail("backup", QT_TRANSLATE_NOOP("problems", "{file} is not a file."), file=str(source))
        check_copy(source, self._key)
        assert actor is not None
        aside = make_backup(self._paths.database, "restore", self._key)
        self._engine.dispose()  # no connection of ours keeps the register's old pages or schema
        with closing(driver.connect(sqlite_file.uri(source, "mode=ro"), self._key, uri=True)) as src, \
                closing(driver.connect(self._paths.database, self._key)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with self._uow.write(None, None) as work:  # in the restored register (its operators may differ)
            work.audit(Action.BACKUP, "register", {"how": "restore", "file": source.name, "aside": aside.name,
                                                   "by": actor.name})
        log.info("register restored from %s; the one before kept as %s", source.name, aside.name)
        return aside
