"""Copying the write-ahead log into the database off the guard's save.

In WAL mode a commit appends to the log; now and then the log must be copied back into
the main file (a checkpoint). SQLite does it by itself inside the commit that takes the
log past 1,000 pages: about every 50th save then waited for the copy and the main
file's fsync (the save's p99 doubled when people came back to back).

The `Checkpointer` does it on its own thread and its own connection instead: after
every `every_commits` commits, and once the register has been quiet for `idle_s`
(a guard needs longer than that to take the next person's details). A PASSIVE
checkpoint never waits for a writer or a reader, and a save never waits for it.
SQLite's own checkpoint at 1,000 pages stays as the backstop: it fires only if this
thread falls behind (a reader holding an old snapshot, a thread that died).

Nothing is written into a register found damaged (`may_run`). A checkpoint that fails
(full disk, I/O error) is logged by kind and tried again at the next trigger; it never
reaches the desk: the log keeps the data safe until then.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from sqlalchemy import Engine, event

from checkpoint_app.db.errors import classify

log = logging.getLogger("checkpoint.db")

EVERY_COMMITS = 16  # a save writes about 20 pages: 16 saves stay well under SQLite's 1,000
IDLE_S = 2.0


def checkpoint(engine: Engine) -> bool:
    """One PASSIVE checkpoint on a connection of `engine`; False (logged) when the
    storage refused it. Bugs are raised."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        return True
    except Exception as error:  # noqa: BLE001 - classified below, bugs re-raised
        storage = classify(error)
        if storage is None:
            raise
        log.warning("checkpoint skipped: %s", storage.kind.value)
        return False


class Checkpointer:
    def __init__(self, engine: Engine, may_run: Callable[[], bool] = lambda: True,
                 every_commits: int = EVERY_COMMITS, idle_s: float = IDLE_S):
        self._engine = engine
        self._may_run = may_run
        self._every = every_commits
        self._idle_s = idle_s
        self._lock = threading.Condition()
        self._wake = threading.Event()
        self._pending = 0  # commits since the last checkpoint
        self._last_commit = 0.0
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.runs = 0  # checkpoints done (for tests and the benchmark)
        self.failures = 0
        self.skipped = 0  # triggers that found the register damaged

    def start(self) -> None:
        event.listen(self._engine, "commit", self._on_commit)
        self._thread = threading.Thread(target=self._loop, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread (after the checkpoint it may be running)."""
        if self._thread is None:
            return
        event.remove(self._engine, "commit", self._on_commit)
        with self._lock:
            self._stopping = True
        self._wake.set()
        self._thread.join(timeout)
        self._thread = None

    def _on_commit(self, _conn: object) -> None:
        with self._lock:
            self._pending += 1
            self._last_commit = time.monotonic()
            # the first commit starts the quiet-spell clock; enough of them are due now
            wake = self._pending == 1 or self._pending >= self._every
        if wake:
            self._wake.set()

    def _loop(self) -> None:
        while True:
            with self._lock:
                pending, stopping = self._pending, self._stopping
                quiet_for = time.monotonic() - self._last_commit
            if stopping:
                return
            # asleep until enough commits or (with commits waiting) until the desk is quiet
            timeout = None if not pending else max(0.0, self._idle_s - quiet_for)
            woken = self._wake.wait(timeout)
            self._wake.clear()
            with self._lock:
                if self._stopping:
                    return
                pending = self._pending
                quiet = time.monotonic() - self._last_commit >= self._idle_s
            if pending and (woken and pending >= self._every or quiet):
                self._run(pending)

    def _run(self, pending: int) -> None:
        if not self._may_run():
            with self._lock:
                self._pending = 0  # a damaged register: nothing is written into it
                self.skipped += 1
                self._lock.notify_all()
            return
        try:
            done = checkpoint(self._engine)
        except Exception:  # noqa: BLE001 - a bug here must not end checkpoints for good
            log.exception("checkpoint failed")
            done = False
        with self._lock:
            # commits that came in while it ran stay pending; a failed one is retried
            # at the next trigger, not in a loop
            self._pending = max(0, self._pending - pending) if done else 0
            if done:
                self.runs += 1
            else:
                self.failures += 1
            self._lock.notify_all()

    def wait_for(self, runs: int = 0, failures: int = 0, skipped: int = 0, timeout: float = 10.0) -> bool:
        """Block until at least `runs` checkpoints were done (and `failures` failed,
        `skipped` were skipped); False on timeout. For tests and the benchmark."""
        with self._lock:
            return self._lock.wait_for(
                lambda: self.runs >= runs and self.failures >= failures and self.skipped >= skipped, timeout)
