"""SQLite's `PRAGMA quick_check` over the register, on its own read-only connection.

The app runs it on a background thread after every start (the first window does not
wait for it) and once a day while running. It reads every page and checks the b-tree
structure (it skips only the index-versus-table cross-check of `integrity_check`), so
random bytes written over part of the file are found even when no query has touched
those pages yet. A plain sqlite3 connection opened with `mode=ro` can never write,
whatever happens; `cancel()` (from any thread) interrupts a check in progress so the
app can close without waiting for it.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageProblem, classify, code_name

from checkpoint_app.services.health import Health

log = logging.getLogger("checkpoint.health")

MAX_REPORTED = 100  # quick_check stops after this many problems: one is enough to know


@dataclass(frozen=True)
class IntegrityResult:
    ok: bool | None  # None: the check could not run to the end (see `reason`)
    problems: int = 0
    seconds: float = 0.0
    reason: str = ""  # why it could not run: "cancelled" or SQLite's code name


class IntegrityCheck:
    def __init__(self, db_path: Path, health: Health | None = None, busy_timeout_s: float = 5.0,
                 key: bytes | None = None):
        self._path = Path(db_path)
        self._key = key  # an encrypted register's
        self._health = health
        self._busy_timeout_s = busy_timeout_s
        self._lock = threading.Lock()
        self._conn: driver.Connection | None = None
        self._cancelled = False

    def run(self) -> IntegrityResult:
        started = time.perf_counter()
        try:
            rows = self._quick_check()
        except driver.Error as error:
            result = self._failed(error, time.perf_counter() - started)
        else:
            if rows is None:
                result = IntegrityResult(None, seconds=time.perf_counter() - started, reason="cancelled")
            else:
                ok = rows == ["ok"]
                result = IntegrityResult(ok, 0 if ok else len(rows), time.perf_counter() - started)
                if not ok and self._health is not None:
                    self._health.mark_damaged("integrity_check")
        log.info("quick_check: %s in %.2f s", _summary(result), result.seconds)
        return result

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()

    def _quick_check(self) -> list[str] | None:
        uri = self._path.resolve().as_uri() + "?mode=ro"
        with self._lock:
            if self._cancelled:
                return None
            self._conn = driver.connect(uri, self._key, uri=True, timeout=self._busy_timeout_s,
                                        check_same_thread=False)
        try:
            rows = [str(row[0]) for row in self._conn.execute(f"PRAGMA quick_check({MAX_REPORTED})")]
        finally:
            with self._lock:
                self._conn.close()
                self._conn = None
        return None if self._cancelled else rows

    def _failed(self, error: driver.Error, seconds: float) -> IntegrityResult:
        if self._cancelled:
            return IntegrityResult(None, seconds=seconds, reason="cancelled")
        storage = classify(error)
        if storage is not None and storage.kind is StorageProblem.CORRUPT:
            if self._health is not None:
                self._health.mark_damaged("integrity_check")
            return IntegrityResult(False, 1, seconds)
        return IntegrityResult(None, seconds=seconds, reason=code_name(error) or type(error).__name__)


def _summary(result: IntegrityResult) -> str:
    if result.ok is None:
        return f"not finished ({result.reason})"
    return "ok" if result.ok else f"{result.problems} problem(s) found"
