"""The job runner: work off the GUI thread, its result back on it, a progress dialog for
long work, Cancel only where allowed, errors routed as the rest of the UI routes them.

The work blocks on threading.Events the test releases, so what is on screen at each
point does not depend on how fast the machine is; the dialog's delay is 0 (or very long)
for the same reason.
"""

from __future__ import annotations

import sys
import threading

import pytest

from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QMainWindow, QProgressBar, QProgressDialog, QPushButton

from checkpoint_app.core.problems import InvalidInput, problem
from checkpoint_app.core.progress import Progress

from checkpoint_app.services.errors import StorageError, StorageProblem

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.jobs import JobRunner, Outcome

WAIT_S = 30  # only how long a broken test hangs; the events fire at once when all is well


@pytest.fixture
def parent(qtbot):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def runner(parent):
    runner = JobRunner(parent, show_after_ms=0, poll_ms=10)
    yield runner
    runner.shutdown(timeout=WAIT_S)


class Gate:
    """Work that reports a step, says it got there and waits until the test lets it go."""

    def __init__(self, result=None, step=(3, 10, "Counting entries"), check=False):
        self.reached, self.release = threading.Event(), threading.Event()
        self.result, self.step, self.check = result, step, check
        self.worker_thread = None
        self.returned = False

    def __call__(self, progress: Progress):
        self.worker_thread = threading.current_thread()
        if self.step:
            progress.step(*self.step)
        self.reached.set()
        assert self.release.wait(WAIT_S), "the test never released the work"
        if self.check:
            progress.check()
        self.returned = True
        return self.result

    def open(self):
        self.release.set()

    def open_on_cancel(self, job):
        """Let the work go when someone asks the job to cancel (as work checking between
        batches would see the cancel), so a test can block in shutdown() meanwhile."""
        cancel = job.progress.cancel

        def cancel_and_open():
            asked = cancel()
            self.open()
            return asked

        job.progress.cancel = cancel_and_open


def dialog_of(parent) -> QProgressDialog | None:
    dialog = parent.findChild(QProgressDialog, "job_progress")
    return dialog if dialog is not None and dialog.isVisible() else None


def shown_dialog(qtbot, parent) -> QProgressDialog:
    qtbot.waitUntil(lambda: dialog_of(parent) is not None)
    return dialog_of(parent)


def run_to_end(qtbot, runner, *args, **kwargs):
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000) as ended:
        job = runner.run(*args, **kwargs)
        assert job is not None
    assert ended.args[0] is job
    return job


def test_the_result_comes_back_to_on_done_in_the_gui_thread(qtbot, runner):
    gui = QCoreApplication.instance().thread()
    delivered = []
    work = Gate(result={"entries": 7}, step=None)
    work.open()
    job = run_to_end(qtbot, runner, "Daily report", work,
                     lambda result: delivered.append((result, QThread.currentThread() == gui)))
    assert work.worker_thread is not threading.main_thread()  # the work ran elsewhere
    assert delivered == [({"entries": 7}, True)]
    assert job.outcome is Outcome.DONE and job.result == {"entries": 7} and not runner.busy


def test_the_dialog_shows_the_step_and_has_no_cancel_for_work_that_may_not_stop(qtbot, parent, runner, keyboard):
    work = Gate(step=(3, 10, "Counting entries"))
    job = runner.run("Daily report", work, lambda result: None)
    dialog = shown_dialog(qtbot, parent)
    qtbot.waitUntil(lambda: dialog.labelText() == "Counting entries")
    assert dialog.findChild(QProgressBar).text() == "30%"
    assert dialog.windowTitle() == "Daily report"
    assert dialog.windowModality() == Qt.WindowModality.WindowModal and dialog.parent() is parent
    assert dialog.findChild(QPushButton) is None
    keyboard.key(Qt.Key.Key_Escape, dialog)
    dialog.close()  # the title bar's ×
    assert dialog_of(parent) is dialog and runner.cancel() is False and not job.progress.cancelled
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()
    assert dialog_of(parent) is None and job.outcome is Outcome.DONE


def test_a_step_without_a_total_shows_a_busy_bar(qtbot, parent, runner):
    work = Gate(step=(5, None, "Writing the file"))
    runner.run("Export", work, lambda result: None)
    dialog = shown_dialog(qtbot, parent)
    qtbot.waitUntil(lambda: dialog.labelText() == "Writing the file")
    bar = dialog.findChild(QProgressBar)
    assert (bar.minimum(), bar.maximum()) == (0, 0)
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()


def test_work_that_ends_before_the_delay_shows_no_dialog(qtbot, parent):
    runner = JobRunner(parent, show_after_ms=60_000)
    work = Gate()
    runner.run("Daily report", work, lambda result: None)
    assert work.reached.wait(WAIT_S)
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()
    assert parent.findChild(QProgressDialog) is None


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_stops_cancellable_work_and_on_done_is_not_called(qtbot, parent, runner, keyboard, how):
    work = Gate(check=True)
    done, cancelled = [], []
    job = runner.run("Import", work, done.append, cancellable=True, on_cancelled=lambda: cancelled.append(True))
    dialog = shown_dialog(qtbot, parent)
    button = dialog.findChild(QPushButton, "job_cancel_button")
    assert button is not None and button.text() == "Cancel" and button.isEnabled()
    if how == "button":
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    else:
        keyboard.key(Qt.Key.Key_Escape, dialog)
    assert job.progress.cancelled
    # the work has not stopped yet: the dialog stays and says so
    assert dialog_of(parent) is dialog and dialog.labelText() == "Cancelling…" and not button.isEnabled()
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()
    assert job.outcome is Outcome.CANCELLED and not work.returned
    assert done == [] and cancelled == [True]
    assert dialog_of(parent) is None and not runner.busy


def test_a_cancel_too_late_to_stop_the_work_still_delivers_its_result(qtbot, runner):
    """Work that finished (e.g. committed) despite the Cancel: the window must learn
    what it changed."""
    work = Gate(result=5, check=False)
    done = []
    job = runner.run("Import", work, done.append, cancellable=True)
    assert work.reached.wait(WAIT_S)
    assert runner.cancel() is True
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()
    assert job.outcome is Outcome.DONE and done == [5]


@pytest.mark.parametrize("during", ["read", "save"])
def test_a_storage_error_gets_the_storage_message(qtbot, runner, dialogs, during):
    shown, _ = dialogs
    err = StorageError(StorageProblem.FULL)

    def work(progress):
        raise err

    done = []
    job = run_to_end(qtbot, runner, "Daily report", work, done.append, during=during)
    assert job.outcome is Outcome.FAILED and job.error is err and done == []
    assert len(shown) == 1 and shown[0][1] == ask.storage_message(err, during=during)


def test_on_error_receives_the_errors_a_guard_can_act_on_instead_of_the_dialog(qtbot, runner, dialogs):
    shown, _ = dialogs
    got = []
    for err in (StorageError(StorageProblem.LOCKED), InvalidInput([problem("day", "This day is in the future.")])):
        def work(progress, err=err):
            raise err

        run_to_end(qtbot, runner, "Daily report", work, lambda result: None, on_error=got.append)
    assert [type(e) for e in got] == [StorageError, InvalidInput] and shown == []


def test_invalid_input_is_shown_with_its_problems(qtbot, runner, dialogs):
    shown, _ = dialogs
    err = InvalidInput([problem("day", "This day is in the future."), problem("pdf", "Choose where to save the PDF.")])

    def work(progress):
        raise err

    run_to_end(qtbot, runner, "Daily report", work, lambda result: None)
    assert shown == [("Daily report", "\n".join(i18n.problem_text(p) for p in err.problems))]


def test_a_bug_in_the_work_goes_to_the_crash_hook_and_the_app_goes_on(qtbot, runner, dialogs, monkeypatch):
    shown, _ = dialogs
    crashes = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, err, tb: crashes.append((kind, err, tb)))
    on_error = []

    def work(progress):
        raise KeyError("a bug")

    job = run_to_end(qtbot, runner, "Daily report", work, lambda result: None, on_error=on_error.append)
    assert job.outcome is Outcome.FAILED
    assert len(crashes) == 1 and crashes[0][0] is KeyError and crashes[0][1] is job.error
    assert crashes[0][2] is not None  # the traceback, for the scrubbed log
    assert on_error == [] and shown == []  # a bug is never swallowed as an expected error
    again = Gate(result="fine", step=None)
    again.open()
    done = []
    run_to_end(qtbot, runner, "Daily report", again, done.append)
    assert done == ["fine"]


def test_one_job_at_a_time_a_second_run_is_refused(qtbot, runner):
    busy = []
    runner.busy_changed.connect(busy.append)
    first = Gate(result=1)
    assert runner.run("Import", first, lambda result: None) is not None
    second = Gate(result=2)
    assert runner.run("Export", second, lambda result: None) is None
    assert runner.current.title == "Import"
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        first.open()
    assert second.worker_thread is None  # never started, not queued
    assert busy == [True, False] and runner.run("Export", second, lambda result: None) is not None
    second.open()


def test_may_close_refuses_while_work_that_may_not_stop_runs(qtbot, runner, dialogs):
    shown, _ = dialogs
    assert runner.may_close() is True
    work = Gate()
    runner.run("Import", work, lambda result: None)
    assert runner.may_close() is False
    assert len(shown) == 1 and "“Import” is still running" in shown[0][1]
    with qtbot.waitSignal(runner.finished, timeout=WAIT_S * 1000):
        work.open()
    cancellable = Gate(check=True)
    runner.run("Import", cancellable, lambda result: None, cancellable=True)
    assert runner.may_close() is True and len(shown) == 1
    cancellable.open()


def test_shutdown_cancels_cancellable_work_and_waits_for_it(qtbot, runner):
    work = Gate(check=True)
    done, cancelled = [], []
    job = runner.run("Import", work, done.append, cancellable=True, on_cancelled=lambda: cancelled.append(1))
    work.open_on_cancel(job)
    assert runner.shutdown(timeout=WAIT_S) is True
    assert job.progress.cancelled and job.outcome is Outcome.CANCELLED and not runner.busy
    assert done == [] and cancelled == []  # the window is going away: nothing more to show
    assert runner.run("Import", work, done.append) is None  # nothing starts after shutdown


def test_shutdown_waits_for_work_that_may_not_stop(qtbot, runner):
    work = Gate(result=1)
    done = []
    job = runner.run("Import", work, done.append)
    work.open_on_cancel(job)  # shutdown asks (and is refused): the work goes on only then
    assert runner.shutdown() is True
    assert work.returned and job.outcome is Outcome.DONE and not job.progress.cancelled
    assert done == []


def test_wait_idle_hands_the_result_over_at_once(qtbot, runner):
    work = Gate(result=3)
    done = []
    runner.run("Report", work, done.append)
    assert runner.wait_idle(timeout=0.01) is False  # still held
    work.open()
    assert runner.wait_idle(timeout=WAIT_S) is True
    assert done == [3]
    QCoreApplication.processEvents()  # the queued delivery arrives afterwards and finds the job handled
    assert done == [3]


# -- in the main window --------------------------------------------------------------------

def test_the_window_runs_a_service_through_its_runner(qtbot, window):
    assert window.jobs.objectName() == "job_runner" and window.jobs.parent() is window
    counts = []
    with qtbot.waitSignal(window.jobs.finished, timeout=WAIT_S * 1000):
        window.jobs.run("Daily report", lambda progress: window.reader.counts(window.actor), counts.append)
    assert counts == [window.reader.counts(window.actor)]


def test_quitting_waits_for_a_write_and_cancels_a_cancellable_job(qtbot, window, dialogs):
    from PySide6.QtGui import QAction

    shown, _ = dialogs
    work = Gate()
    window.jobs.run("Import", work, lambda result: None)
    try:
        window.findChild(QAction, "quit_action").trigger()  # Ctrl+Q
        assert window.isVisible() and len(shown) == 1 and "still running" in shown[0][1]
    finally:
        with qtbot.waitSignal(window.jobs.finished, timeout=WAIT_S * 1000):
            work.open()
    cancellable = Gate(check=True)
    job = window.jobs.run("Import", cancellable, lambda result: None, cancellable=True)
    cancellable.open_on_cancel(job)
    window.findChild(QAction, "quit_action").trigger()
    assert not window.isVisible() and job.outcome is Outcome.CANCELLED and len(shown) == 1
