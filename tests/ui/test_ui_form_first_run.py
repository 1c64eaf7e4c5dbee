"""Issue 5, item 12: Cancel on the first-run station dialog no longer quits without a
word: the app says it needs the station profile and asks; No goes back to the dialog
with what was typed."""

from __future__ import annotations

import pytest
from actors import supervisor
from uihelpers import fill_station_dialog, patch_start_dialogs

from checkpoint_app import app as app_module

from checkpoint_app.ui import ask
from checkpoint_app.ui.station_dialog import StationDialog, ask_first_station


@pytest.fixture(autouse=True)
def _start_dialogs(monkeypatch):
    """Starts of the app answer the login: the first supervisor on a first run."""
    patch_start_dialogs(monkeypatch)


def scripted_exec(monkeypatch, steps):
    """StationDialog.exec answers from `steps`: "cancel", or "save" (fills it in)."""
    seen = []

    def fake_exec(dialog):
        step = steps.pop(0)
        seen.append((dialog, dialog.name_edit.text()))
        if step == "cancel":
            dialog.name_edit.setText(dialog.name_edit.text() or "翠湖小区东门")  # typed, then Cancel
            return 0
        return fill_station_dialog(dialog)

    monkeypatch.setattr(StationDialog, "exec", fake_exec)
    return seen


def scripted_confirm(monkeypatch, answers):
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append((title, text)) or answers.pop(0))
    return asked


def test_cancel_then_no_goes_back_to_the_dialog_with_what_was_typed(bare_ctx, qtbot, monkeypatch):
    seen = scripted_exec(monkeypatch, ["cancel", "save"])
    asked = scripted_confirm(monkeypatch, [False])
    assert ask_first_station(bare_ctx.station, supervisor(bare_ctx)) is True
    (title, text), = asked
    assert title == "Quit without setting up the station?"
    assert "needs this laptop's station profile" in text and "will close" in text
    assert seen[1][0] is seen[0][0] and seen[1][1] == "翠湖小区东门"  # the same dialog, still filled in
    assert bare_ctx.station.current().name == "翠湖小区东门"


def test_cancel_then_yes_quits_without_a_station(tmp_path, qapp, monkeypatch):
    seen = scripted_exec(monkeypatch, ["cancel"])
    asked = scripted_confirm(monkeypatch, [True])
    assert app_module._run_gui(tmp_path, "en", demo=False) == 0
    assert len(seen) == 1 and len(asked) == 1
    import datetime as dt

    from actors import SUPERVISOR_NAME, SUPERVISOR_PIN

    from checkpoint_app.paths import DataPaths

    from checkpoint_app.services import encryption
    from checkpoint_app.services.context import open_context

    key = encryption.unlock_by_name(DataPaths(tmp_path), SUPERVISOR_NAME, SUPERVISOR_PIN, dt.datetime.now().astimezone())
    ctx = open_context(tmp_path, key=key)
    try:
        assert ctx.station.current() is None  # asked again at the next start
    finally:
        ctx.close()
