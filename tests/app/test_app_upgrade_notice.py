"""Starting on a register of an earlier release: it is upgraded, and the window says
where the copy from before the upgrade is."""

from __future__ import annotations

import pytest
from fixtures.registers import frozen
from uihelpers import patch_start_dialogs

from checkpoint_app import app as app_module


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)


def test_an_upgraded_register_shows_where_its_copy_is(tmp_path, monkeypatch, qapp):
    frozen.copy_of("0001", tmp_path)
    real_open = app_module._open_station
    seen = []

    def open_then_quit(app, window, paths, demo, opened):
        real_open(app, window, paths, demo, opened)
        seen.append((window.statusBar().currentMessage(), opened[0].db.backup_path))
        app.exit(0)

    monkeypatch.setattr(app_module, "_open_station", open_then_quit)
    assert app_module._run_gui(tmp_path, "en", demo=False) == 0
    (message, backup), = seen
    assert backup is not None and backup.exists() and backup.parent == tmp_path
    assert "upgraded" in message and str(backup) in message
    assert str(backup) in (tmp_path / "logs" / "checkpoint.log").read_text(encoding="utf-8")


def test_a_current_register_shows_no_upgrade_notice(tmp_path, monkeypatch, qapp):
    from checkpoint_app.db import migrations

    migrations.upgrade(frozen.copy_of("0001", tmp_path))  # already upgraded by an earlier start
    real_open = app_module._open_station
    seen = []

    def open_then_quit(app, window, paths, demo, opened):
        real_open(app, window, paths, demo, opened)
        seen.append(window.statusBar().currentMessage())
        app.exit(0)

    monkeypatch.setattr(app_module, "_open_station", open_then_quit)
    assert app_module._run_gui(tmp_path, "en", demo=False) == 0
    assert seen == [""]
