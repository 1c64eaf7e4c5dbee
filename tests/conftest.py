"""Shared fixtures: a fresh station database per test, copied from one migrated template;
a settable clock; keyboard helpers that type Chinese through the input method."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from actors import CHEAP_HASHER, supervisor

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from stations import STATION  # noqa: E402

from checkpoint_app.services.context import AppContext, open_context  # noqa: E402

CST = dt.timezone(dt.timedelta(hours=8))


def _keep_signal_blockers_alive() -> None:
    """pytest-qt's waitSignal blockers are plain Python objects whose bound method is
    connected to the awaited signal. PySide holds such a slot by a weak reference to the
    object, so a queued emission from a worker thread posted just before the blocker
    disconnected (a second `done` of a scheduled run racing the one the test started) can
    be delivered after the blocker is gone: the slot then runs on freed memory (seen as a
    segmentation fault, or `'closing' object has no attribute 'check_params_callback'`).
    Keeping every blocker alive until the session ends makes such a late call harmless (it
    quits no loop). App code connects signals to QObjects, which Qt tracks itself."""
    from pytestqt import wait_signal

    kept: list[object] = []
    for cls in (wait_signal.SignalBlocker, wait_signal.MultiSignalBlocker, wait_signal.CallbackBlocker):
        original = cls.__init__

        def init(self, *args, _original=original, **kwargs):
            _original(self, *args, **kwargs)
            kept.append(self)

        cls.__init__ = init


_keep_signal_blockers_alive()


class Clock:
    """A clock the test sets; each reading moves it on by one second."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(seconds=1)
        return self.now


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """A migrated, empty database made once; each test gets a copy."""
    folder = tmp_path_factory.mktemp("template")
    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    ctx.close()
    return ctx.paths.database


@pytest.fixture(scope="session")
def populated_template(tmp_path_factory) -> Path:
    """A register with a few thousand entries (many pages), made once (tests/damage.py)."""
    from damage import make_populated

    return make_populated(tmp_path_factory.mktemp("populated"))


@pytest.fixture
def register_copy(tmp_path, populated_template) -> Path:
    """A private copy of the populated register, for tests that damage it."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(populated_template, folder / populated_template.name)
    return folder / populated_template.name


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 11, 29, 9, 0, tzinfo=CST))


@pytest.fixture
def bare_ctx(tmp_path, template_db, clock) -> AppContext:
    """A station data dir with the schema but no station profile (first run)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(template_db, data / template_db.name)
    ctx = open_context(data, clock=clock, pin_hasher=CHEAP_HASHER)
    yield ctx
    ctx.close()


@pytest.fixture
def ctx(bare_ctx) -> AppContext:
    """A set-up station with no entries."""
    bare_ctx.station.save(supervisor(bare_ctx), STATION)
    return bare_ctx


class UnansweredDialog(AssertionError):
    """A modal dialog opened that the test did not answer (it would wait forever)."""


@pytest.fixture(autouse=True)
def _no_unanswered_dialogs(monkeypatch):
    """Every modal dialog goes through ui/ask.py or a dialog's exec(), which tests patch.
    One the test did not patch would block the headless run until CI's time runs out:
    fail the test at once instead, and end any running event loop so it returns."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialog

    from checkpoint_app.ui import ask

    def refuse(what: str):
        def unanswered(*args, **_kwargs):
            titles = [a for a in args if isinstance(a, str)][:1]
            QCoreApplication.exit(97)  # a running app.exec() returns instead of waiting
            raise UnansweredDialog(f"unanswered modal dialog {what}: {titles}")
        return unanswered

    for name in ("error", "confirm", "text_input", "crash", "save_file", "printer", "alarm"):
        monkeypatch.setattr(ask, name, refuse(f"ask.{name}"))
    monkeypatch.setattr(QDialog, "exec", lambda dialog: refuse(type(dialog).__name__)(dialog.windowTitle()))


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication(qapp):
    """The widgets' QApplication exists before any test runs: the command line makes a
    QGuiApplication when none exists, and a test running it first would leave the later
    widget tests without one (Qt aborts), depending on which tests were selected."""
    return qapp
