"""One way for the UI to run long work off the GUI thread (after Anki's QueryOp /
CollectionOp and Vorta's jobs): reports now; imports, exports and purges later.

`JobRunner.run(title, work, on_done, ...)` calls `work(progress)` on a worker thread
and hands its result to `on_done(result)` back on the GUI thread, so the window updates
from what the operation says it did instead of reloading everything. Work that runs
longer than a moment gets a window-modal progress dialog (ui/job_dialog.py) showing the
step the work reports through its `Progress` (core/progress.py), with a Cancel button
only when the caller passed `cancellable=True`. How a job ends is its `Outcome`:
- DONE: `on_done(result)`; also when a Cancel came too late to stop the work, because
  the work finished and the window must learn what it changed.
- CANCELLED: the work raised `Cancelled` (from `progress.check()`); `on_cancelled()`.
- FAILED, routed as the rest of the UI routes errors: a StorageError gets the storage
  message (ask.storage_error, `during` says what the guard was doing) and InvalidInput
  its problems in an error dialog, both through the `ask` seam, unless the caller gave
  `on_error`, which then receives them. Any other exception is a bug: it goes to
  sys.excepthook, which in the app is the crash hook (scrubbed log, crash dialog); the
  app goes on, and `on_error` never swallows a bug.

One job at a time: `run` while a job runs starts nothing and returns None (a second
report or import started by a double key press is not wanted, and queued work would
start behind the guard's back). `busy_changed` lets a window disable its actions.

The worker is a plain Python thread, not QThreadPool: the GIL leaves a pool nothing to
gain for one job at a time, a thread can be joined at shutdown (as ui/health_watch.py
does), and it avoids QRunnable's ownership rules under PySide. Its result travels back
through a signal emitted in the worker and delivered queued in the runner's (the GUI)
thread. Callbacks run only in the GUI thread; `Job` fields change only there.

Closing the window: `may_close` refuses (with a message) while work runs that the
caller did not allow to be cancelled, e.g. a write; `shutdown` cancels cancellable work,
waits for the worker to end and drops the callbacks (the window is going away).
"""

from __future__ import annotations

import enum
import logging
import sys
import threading
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.progress import CONTEXT as PROGRESS_CONTEXT
from checkpoint_app.core.progress import Cancelled, Progress

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

log = logging.getLogger("checkpoint.ui")

T = TypeVar("T")

SHOW_AFTER_MS = 400  # quicker work ends before a dialog would flash up
POLL_MS = 100  # how often the dialog reads the latest step


class Outcome(enum.Enum):
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


class Job:
    """One run of some work. Read it in the GUI thread; `outcome` is None while it runs."""

    def __init__(self, title: str, progress: Progress, during: str, parent_widget: QWidget | None,
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None,
                 on_cancelled: Callable[[], None] | None):
        self.title = title
        self.progress = progress
        self.during = during
        self.parent_widget = parent_widget
        self.outcome: Outcome | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self._on_done, self._on_error, self._on_cancelled = on_done, on_error, on_cancelled
        self._thread: threading.Thread | None = None
        self._ended: tuple[Outcome, Any, BaseException | None] | None = None  # set by the worker, last

    @property
    def running(self) -> bool:
        return self.outcome is None

    @property
    def cancellable(self) -> bool:
        return self.progress.cancellable

    def cancel(self) -> bool:
        """Ask the work to stop; False when it is not cancellable."""
        return self.progress.cancel()


class JobRunner(QObject):
    busy_changed = Signal(bool)
    finished = Signal(object)  # the Job, once it ended and its callbacks ran (GUI thread)
    _delivered = Signal(object)  # the Job, emitted by its worker thread, delivered queued

    def __init__(self, parent: QObject | None = None, *, show_after_ms: int = SHOW_AFTER_MS, poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.setObjectName("job_runner")
        self._job: Job | None = None
        self._dialog = None  # JobDialog while shown
        self._stopped = False
        self._show_timer = QTimer(self, singleShot=True, interval=show_after_ms)
        self._show_timer.timeout.connect(self._show_dialog)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._show_progress)
        self._delivered.connect(self._end)

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def current(self) -> Job | None:
        return self._job

    def run(self, title: str, work: Callable[[Progress], T], on_done: Callable[[T], None], *,
            cancellable: bool = False, on_error: Callable[[BaseException], None] | None = None,
            on_cancelled: Callable[[], None] | None = None, during: str = "read",
            parent_widget: QWidget | None = None) -> Job | None:
        """Start `work(progress)` on a worker thread; None (nothing started) while another
        job runs or after shutdown. `title` is the dialog's title (translated); `during`
        is "read" or "save", for the storage message; the dialog is window-modal to
        `parent_widget` (default: the runner's parent window)."""
        if self._job is not None or self._stopped:
            log.info("job refused: %s", "another job is running" if self._job is not None else "shut down")
            return None
        parent = self.parent()
        widget = parent_widget or (parent if isinstance(parent, QWidget) else None)
        job = Job(title, Progress(cancellable), during, widget, on_done, on_error, on_cancelled)
        job._thread = threading.Thread(target=self._work, args=(job, work), name="job", daemon=True)
        self._job = job
        job._thread.start()
        self._show_timer.start()
        self.busy_changed.emit(True)
        return job

    def cancel(self) -> bool:
        """Cancel the running job if it allows it; False otherwise (or when idle)."""
        if self._job is None or not self._job.cancel():
            return False
        self._show_progress()
        return True

    def may_close(self, parent: QWidget | None = None) -> bool:
        """False, after telling the guard why, while work runs that may not be cancelled."""
        job = self._job
        if job is None or job.cancellable:
            return True
        ask.error(parent, translate("JobRunner", "Please wait"), translate(
            "JobRunner", "“{title}” is still running and cannot be stopped part way. Quit when it has "
                         "finished.").format(title=job.title))
        return False

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the running job (if any) has ended and been handled here; False when
        `timeout` seconds passed first."""
        job = self._job
        if job is None:
            return True
        assert job._thread is not None
        job._thread.join(timeout)
        if job._thread.is_alive():
            return False
        self._end(job)  # now, not when the queued signal arrives (it finds the job handled)
        return True

    def shutdown(self, timeout: float | None = None) -> bool:
        """For the window's close: start nothing more, cancel cancellable work, wait for
        the worker (at most `timeout` seconds) and drop the callbacks."""
        self._stopped = True
        if self._job is not None:
            self._job.cancel()
        return self.wait_idle(timeout)

    # -- the worker thread ---------------------------------------------------------------

    def _work(self, job: Job, work: Callable[[Progress], Any]) -> None:
        result, error = None, None
        try:
            result = work(job.progress)
            outcome = Outcome.DONE
        except Cancelled:
            outcome = Outcome.CANCELLED
        except BaseException as err:  # noqa: BLE001 - handed to the GUI thread and routed there
            outcome, error = Outcome.FAILED, err
        job._ended = (outcome, result, error)
        try:
            self._delivered.emit(job)
        except RuntimeError:  # the runner was deleted without a shutdown: nobody left to tell
            log.warning("job ended after its window was gone")

    # -- back in the GUI thread ----------------------------------------------------------

    @Slot(object)
    def _end(self, job: Job) -> None:
        if job is not self._job or job._ended is None:  # handled already (wait_idle)
            return
        job.outcome, job.result, job.error = job._ended
        assert job._thread is not None
        job._thread.join()  # at once: emitting was the worker's last act
        self._job = None
        self._show_timer.stop()
        self._poll.stop()
        if self._dialog is not None:
            self._dialog.finish()
            self._dialog = None
        self.busy_changed.emit(False)
        try:
            if not self._stopped:
                self._report(job)
        finally:
            self.finished.emit(job)

    def _report(self, job: Job) -> None:
        if job.outcome is Outcome.DONE:
            job._on_done(job.result)
        elif job.outcome is Outcome.CANCELLED:
            if job._on_cancelled is not None:
                job._on_cancelled()
        elif job.error is not None:
            self._route_error(job, job.error)

    def _route_error(self, job: Job, err: BaseException) -> None:
        if isinstance(err, StorageError):
            log.warning("job stopped by a storage error: %s", err.kind.value)
        if isinstance(err, (StorageError, InvalidInput)) and job._on_error is not None:
            job._on_error(err)
        elif isinstance(err, StorageError):
            ask.storage_error(job.parent_widget, err, during=job.during)
        elif isinstance(err, InvalidInput):
            ask.error(job.parent_widget, job.title, "\n".join(i18n.problem_text(p) for p in err.problems))
        else:  # a bug: the crash hook logs it (scrubbed) and shows it; the app goes on
            sys.excepthook(type(err), err, err.__traceback__)

    def _show_dialog(self) -> None:
        if self._job is None or self._dialog is not None:
            return
        from checkpoint_app.ui.job_dialog import JobDialog

        self._dialog = JobDialog(self._job.title, self._job.cancellable, self._job.parent_widget)
        self._dialog.cancel_requested.connect(self.cancel)
        self._show_progress()
        self._dialog.show()
        self._poll.start()

    def _show_progress(self) -> None:
        if self._job is None or self._dialog is None:
            return
        step = self._job.progress.latest
        if step is not None:
            label = translate(PROGRESS_CONTEXT, step.label_key) if step.label_key else None
            self._dialog.show_step(label, step.fraction())
        if self._job.progress.cancelled:
            self._dialog.show_cancelling()
