"""Entry points: one instance per data dir, first run, self-test, the layer rules.
(The CLI's commands and their answers to bad input: test_app_cli.py, test_app_doctor.py.)"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from actors import supervisor
from uihelpers import fill_station_dialog, find, patch_start_dialogs

from checkpoint_app import app as app_module

from checkpoint_app.ui import ask


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_second_instance_is_refused_with_a_message(tmp_path, monkeypatch, qapp, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import sys; from PySide6.QtCore import QLockFile; "
            f"lock = QLockFile({str(tmp_path / 'app.lock')!r}); "
            "print('locked' if lock.tryLock(1000) else 'failed', flush=True); sys.stdin.readline()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout.readline().strip() == "locked"
        shown = []
        monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append(text))
        code = app_module._run_gui(tmp_path, "en", demo=False)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert code == app_module.EXIT_ALREADY_RUNNING
    assert shown and "already running" in shown[0]
    assert "already running" in capsys.readouterr().err
    assert not (tmp_path / "register.sqlite3").exists()  # it did not touch the database


def test_corrupt_database_at_start_is_explained_and_kept(tmp_path, monkeypatch, qapp):
    db = tmp_path / "register.sqlite3"
    db.write_bytes(b"not a database at all" * 50)
    shown = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append(text))
    assert app_module._run_gui(tmp_path, "en", demo=False) == app_module.EXIT_STORAGE
    assert "damaged" in shown[0] and "doctor" in shown[0]
    assert db.read_bytes() == b"not a database at all" * 50


def test_first_run_asks_for_the_station(tmp_path, monkeypatch, qapp, qtbot):
    from checkpoint_app.ui.station_dialog import StationDialog

    seen = {}

    def fake_exec(dialog):
        seen["dialog"] = dialog
        return fill_station_dialog(dialog)

    monkeypatch.setattr(StationDialog, "exec", fake_exec)
    real_open = app_module._open_station
    attached = []

    def open_then_quit(app, window, paths, demo, opened):
        real_open(app, window, paths, demo, opened)
        attached.append(window.ctx is not None and window.form.isEnabled())
        app.exit(0)

    monkeypatch.setattr(app_module, "_open_station", open_then_quit)
    assert app_module._run_gui(tmp_path, "en", demo=False) == 0
    assert attached == [True]
    import datetime as dt

    from actors import SUPERVISOR_NAME, SUPERVISOR_PIN

    from checkpoint_app.paths import DataPaths

    from checkpoint_app.services import encryption
    from checkpoint_app.services.context import open_context

    paths = DataPaths(tmp_path)
    assert encryption.is_locked(paths)  # the first run made an encrypted register
    key = encryption.unlock_by_name(paths, SUPERVISOR_NAME, SUPERVISOR_PIN, dt.datetime.now().astimezone())
    ctx = open_context(tmp_path, key=key)
    try:
        assert ctx.station.current().code == "JB-01"
    finally:
        ctx.close()


def test_station_dialog_shows_problems_next_to_fields(bare_ctx, qtbot):
    from checkpoint_app.ui.station_dialog import StationDialog

    dialog = StationDialog(bare_ctx.station, supervisor(bare_ctx))
    qtbot.addWidget(dialog)
    dialog.code_edit.setText("x")
    dialog.save()
    for name in ("station_name", "station_code", "station_district", "station_province"):
        assert find(dialog, f"{name}_error").text(), name
    assert bare_ctx.station.current() is None
    dialog.name_edit.setText("翠湖小区东门")  # a fixed field's message goes at once
    dialog.province_combo.setCurrentIndex(dialog.province_combo.findData("50"))
    assert not find(dialog, "station_name_error").text() and not find(dialog, "station_province_error").text()
    assert find(dialog, "station_code_error").text() and find(dialog, "station_district_error").text()


def test_self_test_passes_in_a_subprocess():
    result = subprocess.run([sys.executable, "-m", "checkpoint_app", "--self-test"], env=ENV,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "self-test ok" in result.stdout


@pytest.mark.parametrize("argv, message", [
    (["--lang", "fr"], "invalid choice"),
    (["--demo", "--data-dir", "/tmp/x"], "--demo makes its own"),
    (["--bogus"], "unrecognized arguments"),
])
def test_gui_arguments_are_checked(argv, message, capsys):
    with pytest.raises(SystemExit) as caught:
        app_module.main(argv)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_no_qt_below_the_ui_layer():
    """core, db, services, cli and paths never import PySide6 (the layer rule)."""
    code = (
        "import sys, pkgutil, importlib, checkpoint_app\n"
        "for m in pkgutil.walk_packages(checkpoint_app.__path__, 'checkpoint_app.'):\n"
        "    if m.name.startswith(('checkpoint_app.ui', 'checkpoint_app.app', 'checkpoint_app.selftest',"
        " 'checkpoint_app.__main__', 'checkpoint_app.db.migrations.')): continue\n"
        "    importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith('PySide6')]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_window_modules_load_without_the_storage_layer():
    """The window is shown before SQLAlchemy/SQLModel/Alembic load (start-up budget)."""
    code = (
        "import sys\n"
        "import checkpoint_app.app, checkpoint_app.ui.display_prefs, checkpoint_app.ui.main_window, checkpoint_app.ui.theme\n"
        "import checkpoint_app.ui.register_form, checkpoint_app.ui.register_view, checkpoint_app.ui.entry_model\n"
        "heavy = sorted({n.split('.')[0] for n in sys.modules} & {'sqlalchemy', 'sqlmodel', 'pydantic', 'alembic'})\n"
        "print(heavy)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_shell_window_waits_for_the_station_then_attaches(qtbot, ctx):
    from checkpoint_app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    assert find(window, "opening_label").text() and window.form is None  # the frame only
    window.refresh()  # menu actions are harmless before the contents exist
    window.build_contents()
    assert not window.form.isEnabled() and not window.view.isEnabled()
    assert find(window.form, "form_status_label").text()
    assert window.model.rowCount() == 0
    window.attach(ctx)
    assert window.form.isEnabled() and window.view.isEnabled()
    assert ctx.station.current().code in window.windowTitle()


def test_display_prefs_are_kept_per_data_folder_and_bad_values_fall_back(tmp_path, qapp):
    from checkpoint_app.ui.display_prefs import DisplayPrefs

    prefs = DisplayPrefs(tmp_path)
    assert (prefs.language, prefs.large_font) == ("zh_CN", False)
    assert prefs.save("en", True)
    again = DisplayPrefs(tmp_path)
    assert (again.language, again.large_font) == ("en", True)
    (tmp_path / "display.ini").write_text("[General]\nlanguage=fr\nlarge_font=maybe\n")
    odd = DisplayPrefs(tmp_path)
    assert (odd.language, odd.large_font) == ("zh_CN", False)
    with pytest.raises(ValueError):
        odd.save("fr", False)


def test_language_from_display_prefs_at_start(tmp_path, monkeypatch, qapp):
    from checkpoint_app.ui import i18n
    from checkpoint_app.ui.display_prefs import DisplayPrefs

    DisplayPrefs(tmp_path).save("en", False)
    used = []
    monkeypatch.setattr(i18n, "install", lambda app, language: used.append(language) or [])
    monkeypatch.setattr(app_module, "_open_station", lambda app, *rest: app.exit(0))
    assert app_module._run_gui(tmp_path, None, demo=False) == 0
    assert used == ["en"]


def test_unexpected_failure_while_opening_ends_the_app_with_a_message(tmp_path, monkeypatch, qapp):
    from checkpoint_app.services import context

    crashes = []
    monkeypatch.setattr(app_module, "_crash_hook", lambda paths: lambda *exc: crashes.append(exc[1]))

    def broken(*args, **kwargs):
        raise RuntimeError("schema damaged in an unforeseen way")

    monkeypatch.setattr(context, "open_context", broken)
    assert app_module._run_gui(tmp_path, "en", demo=False) == app_module.EXIT_UNEXPECTED
    assert [str(c) for c in crashes] == ["schema damaged in an unforeseen way"]


def test_station_province_is_picked_by_its_code(bare_ctx, qtbot):
    from checkpoint_app.ui.station_dialog import StationDialog

    dialog = StationDialog(bare_ctx.station, supervisor(bare_ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.province_combo.setFocus()
    qtbot.keyClicks(dialog.province_combo, "50")
    assert dialog.province_combo.currentData() == "50"
