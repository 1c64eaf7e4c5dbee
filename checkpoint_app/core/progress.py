"""How long work reports how far it got, and learns that the user asked it to stop.

Services doing long work (the daily report now; imports, exports and purges later)
take a `Progress` and call `step(...)` as they go and `check()` where stopping is safe
(before a transaction commits, between batches). They know nothing of Qt or threads:
the UI's job runner (ui/jobs.py) runs them on a worker thread and reads the latest step
from the GUI thread, the CLI and tests pass `NO_PROGRESS`. That is why this object is
thread-safe: the cancel flag is a `threading.Event` (set by the GUI thread, read by the
worker) and the latest step is stored and read under a lock.

A step's label is not text but a key: an English phrase marked in the service with
`QT_TRANSLATE_NOOP("progress", "...")` (context `CONTEXT`), translated by the UI, as
the problem templates are (core/problems.py).

Cancelling is the caller's decision (`cancellable`): only work that can stop without
leaving anything half-done is started cancellable, and `cancel()` on any other is
refused. `Cancelled` is raised by `check()` and should leave the work's transaction
rolled back; the job runner reports it as a cancelled outcome, not an error.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

CONTEXT = "progress"  # the translation context of step labels


class Cancelled(Exception):
    """The work stopped at a safe point because the user asked it to."""


@dataclass(frozen=True)
class Step:
    """How far the work got: `done` of `total` (None while the total is unknown)."""

    done: int
    total: int | None
    label_key: str | None

    def fraction(self) -> float | None:
        """Between 0 and 1, or None when the total is unknown (or zero)."""
        if not self.total:
            return None
        return min(max(self.done / self.total, 0.0), 1.0)


class Progress:
    """Reported by the work, read and cancelled by whoever started it."""

    def __init__(self, cancellable: bool = False):
        self._cancellable = cancellable
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: Step | None = None

    @classmethod
    def silent(cls) -> Progress:
        """Progress that nobody watches and nobody can cancel (the CLI, tests)."""
        return _Silent()

    @property
    def cancellable(self) -> bool:
        """Whether the caller allows this work to be cancelled."""
        return self._cancellable

    @property
    def cancelled(self) -> bool:
        """True once a cancel was requested (and accepted)."""
        return self._cancel.is_set()

    @property
    def latest(self) -> Step | None:
        """The last step reported, or None before the first."""
        with self._lock:
            return self._latest

    def step(self, done: int, total: int | None = None, label_key: str | None = None) -> None:
        """Report `done` of `total`. A step without a label keeps the label of the one before."""
        _check_counts(done, total)
        with self._lock:
            if label_key is None and self._latest is not None:
                label_key = self._latest.label_key
            self._latest = Step(done, total, label_key)

    def cancel(self) -> bool:
        """Ask the work to stop at its next `check()`. False (and nothing asked) when the
        caller did not allow cancelling."""
        if not self._cancellable:
            return False
        self._cancel.set()
        return True

    def check(self) -> None:
        """Raise `Cancelled` if a cancel was requested; call it where stopping is safe."""
        if self._cancel.is_set():
            raise Cancelled()


class _Silent(Progress):
    """Keeps nothing and is never cancelled: one instance can be shared by any caller."""

    def __init__(self) -> None:
        super().__init__(cancellable=False)

    def step(self, done: int, total: int | None = None, label_key: str | None = None) -> None:
        _check_counts(done, total)


def _check_counts(done: int, total: int | None) -> None:
    if done < 0 or (total is not None and total < 0):
        raise ValueError(f"progress step {done} of {total}: counts cannot be negative")


NO_PROGRESS: Progress = Progress.silent()
