"""Runs the register's integrity check off the GUI thread (after start and once a day)
and turns the shared Health state's changes into a Qt signal for the window.

The check itself is a service (services/integrity.py, its own read-only connection);
here it only gets a thread, a daily timer and a way back to the GUI thread: a signal
emitted from the worker is delivered queued, in the window's thread. Closing the window
cancels a check in progress (SQLite's interrupt) and waits for the thread."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from checkpoint_app.services.health import Health
from checkpoint_app.services.integrity import IntegrityCheck

log = logging.getLogger("checkpoint.ui")

DAILY_MS = 24 * 60 * 60 * 1000


class HealthWatch(QObject):
    changed = Signal()  # damage found or the clock warning changed (delivered in the GUI thread)
    checked = Signal(object)  # an integrity check finished: IntegrityResult, or None after a bug

    def __init__(self, health: Health, db_path: Path, parent: QObject | None = None, key: bytes | None = None):
        super().__init__(parent)
        self.setObjectName("health_watch")
        self._health = health
        self._db_path = db_path
        self._key = key
        self._thread: threading.Thread | None = None
        self._check: IntegrityCheck | None = None
        self._stopped = False
        self.last_result = None  # the IntegrityResult of the last finished check
        self.daily = QTimer(self, interval=DAILY_MS)
        self.daily.timeout.connect(self.check_now)
        health.subscribe(self._on_health)

    def start(self) -> None:
        """Check now (in the background) and then once a day."""
        if self.check_now():
            self.daily.start()

    def check_now(self) -> bool:
        """Start a check unless one is running; True when one was started."""
        if self._stopped or (self._thread is not None and self._thread.is_alive()):
            return False
        self._check = IntegrityCheck(self._db_path, self._health, key=self._key)
        self._thread = threading.Thread(target=self._run, args=(self._check,), name="quick_check", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stopped = True
        self.daily.stop()
        self._health.unsubscribe(self._on_health)
        if self._check is not None:
            self._check.cancel()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self, check: IntegrityCheck) -> None:
        result = None
        try:
            result = check.run()
        except Exception:  # noqa: BLE001 - a bug in the check must not pass unseen, nor kill the app
            log.exception("integrity check failed")
        self.last_result = result
        if not self._stopped:
            self.checked.emit(result)

    def _on_health(self) -> None:
        if not self._stopped:
            self.changed.emit()
