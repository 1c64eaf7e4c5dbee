"""Backups at the desk: one at each shift change, Station → Back up now… (a supervisor's),
and a failed scheduled backup said on the main screen until one succeeds."""

from __future__ import annotations

import pytest
from actors import guard
from uihelpers import find

from PySide6.QtGui import QAction

from checkpoint_app.services.backups import backups_in

from checkpoint_app.ui import ask


def test_ending_the_shift_makes_a_backup(window, ctx, qtbot, dialogs, tmp_path):
    from checkpoint_app.ui import shift_dialogs

    shown, answers = dialogs
    ctx.settings.set_many(window.actor, {"backup_folder": str(tmp_path / "usb")})
    ctx.shifts.start(window.actor, [window.actor.operator_id])
    answers.append("收岗")
    with qtbot.waitSignal(window.backup_watch.done, timeout=20000):
        shift_dialogs.end_shift(window)
    assert shown == [] and len(backups_in(tmp_path / "usb")) == 1
    assert not find(window, "alert_banner").isVisible()


def test_a_failed_scheduled_backup_is_said_until_one_succeeds(window, ctx, qtbot, tmp_path):
    (tmp_path / "a-file").write_text("x")
    ctx.settings.set_many(window.actor, {"backup_folder": str(tmp_path / "a-file" / "usb")})
    with qtbot.waitSignal(window.backup_watch.done, timeout=20000):
        window.backup_watch.run("daily")
    label = find(window.alert_banner, "backup_alert_label")
    assert window.alert_banner.isVisible() and "backup" in label.text().lower()
    ctx.settings.set_many(window.actor, {"backup_folder": str(tmp_path / "usb")})
    with qtbot.waitSignal(window.backup_watch.done, timeout=20000):
        window.backup_watch.run("daily")
    assert not find(window.alert_banner, "backup_alert").isVisible()


def test_back_up_now_asks_for_the_folder_and_says_where(window, ctx, qtbot, monkeypatch, tmp_path):
    told: list[str] = []
    monkeypatch.setattr(ask, "choose_folder", lambda parent, title: str(tmp_path / "usb"))
    monkeypatch.setattr(ask, "info", lambda parent, title, text, digits="": told.append(text))
    with qtbot.waitSignal(window.jobs.finished, timeout=20000):
        window.findChild(QAction, "backup_action").trigger()
    [made] = backups_in(tmp_path / "usb")
    assert len(told) == 1 and str(made.path) in told[0]


@pytest.mark.parametrize("who", ["guard"])
def test_a_guard_is_refused_before_anything_is_asked(window, ctx, dialogs, monkeypatch, who):
    shown, _answers = dialogs
    monkeypatch.setattr(ask, "choose_folder", lambda parent, title: pytest.fail("asked"))
    window.set_actor(guard(ctx))
    window.findChild(QAction, "backup_action").trigger()
    assert len(shown) == 1
