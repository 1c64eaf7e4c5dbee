"""The retention purge at the desk: the setting, the scheduled run and its warning on the
main screen, and Station → Erase old people's data now… (a supervisor's)."""

from __future__ import annotations

import datetime as dt
from contextlib import closing

import pytest
from actors import guard, supervisor
from batch_station import acknowledge, with_keys
from uihelpers import find

from PySide6.QtGui import QAction

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.db import driver

from checkpoint_app.ui import ask

CST = dt.timezone(dt.timedelta(hours=8))


def at(clock, day: dt.date) -> None:
    clock.now = dt.datetime.combine(day, dt.time(9), CST)


@pytest.fixture
def old_entries(ctx, clock, tmp_path):
    """Two visitors 40 days ago, sent to the office in batch 1 (not acknowledged yet)."""
    office = with_keys(ctx, tmp_path / "office")
    at(clock, dt.date(2026, 10, 20))
    for name, id_number in (("欧阳娜娜", "110105194912310038"), ("司马青衫", "11010519491231002X")):
        ctx.register.save(guard(ctx), EntryDraft(category="visitor", name=name, id_number=id_number,
                                                 phone="13912345678", origin_province="50", purpose="探亲",
                                                 temperature="36.5"))
    at(clock, dt.date(2026, 10, 21))
    batch = ctx.batches.export(supervisor(ctx), tmp_path / "stick")
    at(clock, dt.date(2026, 11, 29))
    return office, batch, tmp_path / "stick"


def names(ctx) -> list[str]:
    with closing(driver.connect(ctx.paths.database)) as raw:
        return [n for (n,) in raw.execute("SELECT name FROM person_check ORDER BY id")]


def test_the_scheduled_run_warns_while_old_entries_wait_for_the_office(old_entries, window, qtbot, ctx):
    with qtbot.waitSignal(window.retention_watch.done, timeout=10000):
        window.retention_watch.run_due()
    banner = window.alert_banner
    assert banner.isVisible() and find(banner, "retention_alert").isVisible()
    text = find(banner, "retention_alert_label").text()
    assert "2" in text and "2026-10-20" in text
    assert names(ctx) == ["欧阳娜娜", "司马青衫"]  # nothing erased before the acknowledgement


def test_a_supervisor_erases_now_from_the_station_menu(old_entries, window, qtbot, ctx, dialogs, monkeypatch):
    office, batch, stick = old_entries
    acknowledge(ctx, office, stick, [batch])
    shown, answers = dialogs
    told: list[str] = []
    monkeypatch.setattr(ask, "info", lambda parent, title, text, digits="": told.append(text))
    answers.append("yes")
    with qtbot.waitSignal(window.jobs.finished, timeout=10000):
        window.findChild(QAction, "purge_action").trigger()
    assert names(ctx) == ["", ""] and shown == []
    assert len(told) == 1 and "2" in told[0] and "2026-11-01" in told[0]
    notice = window.alert_banner.notices.get("retention")
    assert notice is None or not notice.isVisible()


def test_saying_no_erases_nothing_and_a_guard_is_refused(old_entries, window, qtbot, ctx, dialogs):
    office, batch, stick = old_entries
    acknowledge(ctx, office, stick, [batch])
    shown, answers = dialogs
    answers.append(None)
    window.findChild(QAction, "purge_action").trigger()
    assert names(ctx) == ["欧阳娜娜", "司马青衫"]
    window.set_actor(guard(ctx))
    window.findChild(QAction, "purge_action").trigger()  # refused before anything is asked or run
    assert names(ctx) == ["欧阳娜娜", "司马青衫"] and len(shown) == 1 and answers == []


def test_the_settings_dialog_sets_the_retention_days(window, ctx, monkeypatch, keyboard):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    def fourteen_days(dialog):
        days = find(dialog, "retention_spin")
        assert days.value() == 28 and (days.minimum(), days.maximum()) == (7, 90)
        days.selectAll()
        keyboard.type(days, "14")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", fourteen_days)
    window.open_settings()
    assert ctx.settings.get("retention_days") == 14


@pytest.mark.parametrize(("passages", "waiting", "lists", "compacted", "says"), [
    (0, 2, (0, 0), None, ["2", "2026-10-20", "acknowledged"]),  # nothing erased: what waits, not a promise
    (0, 0, (0, 0), None, ["Nothing was erased"]),
    (5, 0, (0, 0), True, ["5 entries", "2026-11-01"]),
    (0, 0, (2, 1), True, ["2 watchlist entries", "1 residents"]),
    (5, 0, (0, 0), False, ["5 entries", "could not be rewritten yet"]),
    (0, 0, (0, 0), False, ["could not be rewritten yet"]),  # only the owed rewrite, failed again
])
def test_the_result_says_what_happened(passages, waiting, lists, compacted, says):
    from checkpoint_app.services.retention import PurgeResult

    from checkpoint_app.ui.retention import result_text

    text = result_text(PurgeResult(dt.date(2026, 11, 1), passages, passages, waiting,
                                   dt.date(2026, 10, 20) if waiting else None, *lists, compacted=compacted))
    assert all(part in text for part in says), text
    assert ("Nothing was erased" in text) == (not passages and not any(lists) and not waiting and compacted is None)
    assert ("2026-11-01" in text) == bool(passages)


def test_the_scheduled_run_comes_back_every_night_at_the_quiet_hour(window, qtbot, ctx, clock):
    """After the run at start, the next one is armed for 03:00 on the station's clock
    (the file's rewrite makes saves wait: nights are quietest), and re-armed after each."""
    watch = window.retention_watch
    at(clock, dt.date(2026, 11, 29))  # 09:00
    with qtbot.waitSignal(watch.done, timeout=10000):
        watch.start()
    assert watch.daily.isActive() and watch.daily.isSingleShot()
    assert abs(watch.daily.interval() - 18 * 3600 * 1000) <= 2000  # 09:00 → 03:00 tomorrow (the clock ticks)
    clock.now = dt.datetime(2026, 11, 30, 3, 0, 1, tzinfo=CST)
    with qtbot.waitSignal(watch.done, timeout=10000):
        watch.daily.timeout.emit()  # the night's run
    assert watch.daily.isActive() and abs(watch.daily.interval() - 24 * 3600 * 1000) <= 4000
