"""Issue 6 item 4: the supervisor's audit view (Station → Audit log…): the paged model
under qtmodeltester, the filters driven by objectName, the chain line (checked in the
background by the window's job runner) saying the log is whole or where it breaks, and
a guard refused with the NotPermitted message (the refusal audited)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from actors import GUARD_NAME, SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QTableView

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Action, NotPermitted

from checkpoint_app.db import driver

from checkpoint_app.services.audit import NOBODY, AuditFilter, AuditService

from checkpoint_app.ui import i18n
from checkpoint_app.ui.audit_dialog import AuditDialog, AuditModel, detail_summary

CST = dt.timezone(dt.timedelta(hours=8))
DAY1, DAY2 = dt.date(2026, 11, 29), dt.date(2026, 11, 30)
WAIT_MS = 10_000


def find(dialog, cls, name):
    widget = dialog.findChild(cls, name)
    assert widget is not None, name
    return widget


@pytest.fixture
def log(ctx, clock):
    """A guard's login, a failed login by an unknown name and a guard's refused void on
    DAY1; the supervisor's logout on DAY2."""
    supervisor(ctx)  # the window's login
    boss = ctx.operators.login(SUPERVISOR_NAME, SUPERVISOR_PIN)  # a second one, ended on DAY2
    guard(ctx)
    with pytest.raises(InvalidInput):
        ctx.operators.login("无此人", "123456")
    with pytest.raises(NotPermitted):
        ctx.uow.require(guard(ctx), Action.VOID)
    clock.now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=CST)
    ctx.operators.logout(boss)
    return ctx


def open_view(window, monkeypatch, qtbot, look):
    """Trigger Station → Audit log…; `look(dialog)` runs while it is open, after the
    chain check has reported."""
    seen = []

    def exec_(dialog):
        dialog.show()
        qtbot.waitUntil(lambda: dialog.check is not None, timeout=WAIT_MS)
        seen.append(look(dialog))
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(AuditDialog, "exec", exec_)
    window.findChild(QAction, "audit_log_action").trigger()
    assert len(seen) == 1, "the audit view did not open"
    return seen[0]


def texts(dialog, column: int) -> list[str]:
    model = find(dialog, QTableView, "audit_table").model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def choose(dialog, name: str, data) -> None:
    combo = find(dialog, QComboBox, name)
    index = combo.findData(data)
    assert index >= 0, (name, data)
    combo.setCurrentIndex(index)


def test_a_supervisor_sees_every_event_and_an_intact_chain(window, ctx, log, monkeypatch, qtbot):
    def look(dialog):
        label = find(dialog, QLabel, "audit_chain_label")
        count = AuditService(ctx.uow, ctx.clock).check().count
        assert label.text() == f"Hash chain intact: {count} events, none changed, removed or reordered."
        assert label.property("state") == "ok"
        assert len(texts(dialog, 0)) == count  # from the first day to the last, all of them
        assert texts(dialog, 0) == sorted(texts(dialog, 0), reverse=True)  # newest first
        assert texts(dialog, 0)[0] == "2026-11-30 08:00:01"  # local time
        assert texts(dialog, 2)[0] == "Log out" and texts(dialog, 1)[0] == SUPERVISOR_NAME
        assert texts(dialog, 4)[0] == SUPERVISOR_NAME  # the subject 'operator:<id>' by name
        return dialog.windowTitle()

    assert open_view(window, monkeypatch, qtbot, look) == "Audit log"


def test_the_filters_rerun_the_query(window, ctx, log, monkeypatch, qtbot):
    guard_id = guard(ctx).operator_id

    def look(dialog):
        choose(dialog, "audit_operator_combo", guard_id)
        assert set(texts(dialog, 1)) == {GUARD_NAME}
        choose(dialog, "audit_action_combo", "refused")
        assert texts(dialog, 2) == ["Refused"] and texts(dialog, 3) == ["Refused"]
        assert texts(dialog, 4) == ["Void an entry"]  # what was refused, translated
        assert texts(dialog, 5) == ["role: guard"]
        choose(dialog, "audit_operator_combo", NOBODY)
        assert texts(dialog, 0) == [] and find(dialog, QLabel, "audit_empty_label").text() == "No events match these filters."
        choose(dialog, "audit_action_combo", None)
        choose(dialog, "audit_outcome_combo", "failed")
        assert texts(dialog, 1) == ["—"] and texts(dialog, 5) == ["no such operator (what was typed is not kept)"]
        choose(dialog, "audit_operator_combo", None)
        choose(dialog, "audit_outcome_combo", None)
        find(dialog, QDateEdit, "audit_from_date").setDate(QDate(2026, 11, 30))
        assert texts(dialog, 2) == ["Log out"]
        find(dialog, QDateEdit, "audit_to_date").setDate(QDate(2026, 11, 29))  # the other way round: both days
        assert len(texts(dialog, 0)) > 1
        find(dialog, QDateEdit, "audit_from_date").setDate(QDate(2026, 11, 29))
        assert "Log out" not in texts(dialog, 2)[:1]
        return True

    assert open_view(window, monkeypatch, qtbot, look)


def test_a_broken_chain_is_named_in_the_line(window, ctx, log, monkeypatch, qtbot):
    with driver.connect(ctx.paths.database) as conn:
        conn.execute("UPDATE audit_event SET outcome = 'ok' WHERE outcome = 'refused'")
        changed = conn.execute("SELECT min(id) FROM audit_event WHERE action = 'refused'").fetchone()[0]
    conn.close()

    def look(dialog):
        label = find(dialog, QLabel, "audit_chain_label")
        assert label.property("state") == "alarm"
        return label.text()

    text = open_view(window, monkeypatch, qtbot, look)
    assert text.startswith(f"The audit log has been tampered with: event {changed} was changed after it was written.")
    assert "checkpoint-cli doctor" in text


def test_a_guard_gets_the_not_permitted_message_and_is_audited(window, ctx, dialogs, monkeypatch):
    shown, _answers = dialogs
    window.set_actor(guard(ctx))
    monkeypatch.setattr(AuditDialog, "exec", lambda dialog: pytest.fail("the audit view opened for a guard"))
    window.findChild(QAction, "audit_log_action").trigger()
    assert shown == [("Audit log", "Only a supervisor (负责人) may do this. Ask the supervisor on duty.")]
    newest = AuditService(ctx.uow, ctx.clock).events(supervisor(ctx), AuditFilter(limit=1))[0]
    assert (newest.action, newest.subject, newest.operator_name) == ("refused", "view_audit", GUARD_NAME)


def test_closing_while_the_check_runs_cancels_it(window, ctx, log, monkeypatch, qtbot):
    release, reached = threading.Event(), threading.Event()
    real_check = AuditService.check

    def slow_check(service, progress):
        reached.set()
        assert release.wait(WAIT_MS / 1000)
        progress.check()  # the cancel asked by the closed dialog ends it here
        return real_check(service, progress)

    monkeypatch.setattr(AuditService, "check", slow_check)
    jobs = []

    def exec_(dialog):
        dialog.show()
        assert reached.wait(WAIT_MS / 1000)
        jobs.append(window.jobs.current)
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(AuditDialog, "exec", exec_)
    window.findChild(QAction, "audit_log_action").trigger()
    assert jobs[0] is not None and jobs[0].progress.cancelled
    with qtbot.waitSignal(window.jobs.finished, timeout=WAIT_MS):
        release.set()
    assert jobs[0].outcome.value == "cancelled"


def test_model_passes_qtmodeltester_while_paging(qtmodeltester, ctx, log):
    service = AuditService(ctx.uow, ctx.clock)
    boss = supervisor(ctx)
    model = AuditModel(lambda f: service.events(boss, f))
    model.set_filter(AuditFilter(limit=3))
    assert model.rowCount() == 3 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # it fetches more pages itself, checking each insert
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == service.check().count and not model.canFetchMore()
    ids = [model.row_at(r).id for r in range(model.rowCount())]
    assert ids == sorted(set(ids), reverse=True)


def test_every_action_has_a_label():
    for action in Action:
        assert i18n.audit_action_label(action.value) != action.value, action
    for code in ("login", "logout", "lockout", "reveal", "void", "correct", "edit_station", "edit_rules",
                 "operator_created", "operator_changed", "pin_set", "refused", "report_printed", "shift_started",
                 "shift_handover", "shift_ended", "seven_ones_checked", "idle_lock", "switch"):
        assert i18n.audit_action_label(code) != code, code
    assert i18n.audit_action_label("something_new") == "something_new"


def test_detail_summary_names_what_it_knows():
    assert detail_summary("correct", {"seq": 12, "new_seq": 14, "new": "uuid"}) == "new No. 14; No. 12"
    assert detail_summary("edit_rules", {"changed": ["fever_threshold", "key_areas"]}) == "changed: fever_threshold, key_areas"
    assert detail_summary("operator_created", {"first": True, "role": "supervisor"}) == "role: supervisor"
    assert detail_summary("operator_changed", {"other": 1, "active": False}) == "active: no; other: 1"
    assert detail_summary("login", {"unknown_operator": True}) == "no such operator (what was typed is not kept)"
    assert detail_summary("edit_station", {"name": "东门", "code": "A1"}) == "code: A1; name: 东门"
    assert detail_summary("logout", {}) == ""


def test_while_other_work_runs_the_line_says_the_chain_was_not_checked(window, ctx, monkeypatch, qtbot):
    release = threading.Event()
    other = window.jobs.run("Daily report", lambda progress: release.wait(WAIT_MS / 1000), lambda result: None)
    assert other is not None
    seen = []

    def exec_(dialog):
        dialog.show()
        label = find(dialog, QLabel, "audit_chain_label")
        seen.append((label.text(), label.property("state"), texts(dialog, 2)[:1]))
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(AuditDialog, "exec", exec_)
    try:
        window.findChild(QAction, "audit_log_action").trigger()
    finally:
        with qtbot.waitSignal(window.jobs.finished, timeout=WAIT_MS):
            release.set()
    assert seen == [("The hash chain was not checked: other work is running. Open the audit log again when it has "
                     "finished.", "warn", ["Edit the station profile"])]  # the rows are there all the same
