"""Every register write is one unit of work: the entry, its change record (what the
USB export reads) and its audit events commit together or not at all; the actor's
role is checked in the service, against the operator record, whatever the caller built."""

from __future__ import annotations

import json

import pytest
from actors import guard, supervisor
from sqlalchemy import event
from sqlmodel import col, select

from checkpoint_app.core.audit_chain import verify_chain
from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Actor, NotPermitted, Role

from checkpoint_app.db.models import AuditEvent, ChangeRecord, Passage, PersonCheck, PersonNameGram, Station

PERSON_ID = "11010519491231002X"


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="李四", id_number=PERSON_ID, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    return EntryDraft(**{**base, **changes})


def rows(ctx, model):
    with ctx.session() as session:
        return list(session.exec(select(model).order_by(col(model.id) if hasattr(model, "id") else None)))


def changes(ctx) -> list[tuple[str, str]]:
    return [(c.record_uuid, c.kind) for c in rows(ctx, ChangeRecord)]


def audit(ctx) -> list[AuditEvent]:
    return rows(ctx, AuditEvent)


def test_a_save_writes_its_change_record_in_the_same_commit(ctx):
    saved = ctx.register.save(guard(ctx), visitor())
    assert changes(ctx) == [(saved.uuid, "create")]
    record = rows(ctx, ChangeRecord)[0]
    assert record.operator_id == guard(ctx).operator_id and record.record_type == "passage"
    entry = rows(ctx, Passage)[0]
    assert (entry.operator, entry.operator_id) == ("张保安", guard(ctx).operator_id)


def test_void_and_correct_write_change_records_and_audit_events(ctx):
    boss = supervisor(ctx)
    first = ctx.register.save(boss, visitor())
    second = ctx.register.save(boss, visitor(name="李思"))
    ctx.register.void(boss, first.id, "重复登记")
    corrected = ctx.register.correct(boss, second.id, visitor(name="李四"), "姓名写错")
    assert changes(ctx) == [(first.uuid, "create"), (second.uuid, "create"), (first.uuid, "void"),
                            (second.uuid, "void"), (corrected.uuid, "correct")]
    actions = [(e.action, e.subject) for e in audit(ctx) if e.action in ("void", "correct")]
    assert actions == [("void", f"entry:{first.uuid}"), ("correct", f"entry:{second.uuid}")]
    void_row = [e for e in audit(ctx) if e.action == "void"][0]
    assert (void_row.operator_id, void_row.operator_name) == (boss.operator_id, "王队长")
    assert PERSON_ID not in "".join(e.detail for e in audit(ctx))  # never an ID number in the log
    events = [e.model_dump() for e in audit(ctx)]
    assert verify_chain(events) is None


@pytest.mark.parametrize("fail_after", ["INSERT INTO passage ", "INSERT INTO person_check ", "INSERT INTO person_name_gram",
                                        "INSERT INTO change_record"])
def test_a_failure_after_any_insert_of_a_save_leaves_nothing(ctx, fail_after):
    """A failure injected right after the entry's insert (or the grams', or the change
    record's) rolls back the entry, its search keys, its change record and the sequence."""
    ctx.register.save(guard(ctx), visitor(name="王五"))
    before = (len(rows(ctx, Passage)), len(rows(ctx, PersonCheck)), changes(ctx), len(rows(ctx, PersonNameGram)),
              rows(ctx, Station)[0].next_seq)

    class Injected(Exception):
        pass

    def hook(_conn, _cursor, statement, *_args):
        if statement.startswith(fail_after):
            raise Injected(statement[:30])

    event.listen(ctx.db.engine, "after_cursor_execute", hook)
    try:
        with pytest.raises(Injected):
            ctx.register.save(guard(ctx), visitor())
    finally:
        event.remove(ctx.db.engine, "after_cursor_execute", hook)
    after = (len(rows(ctx, Passage)), len(rows(ctx, PersonCheck)), changes(ctx), len(rows(ctx, PersonNameGram)),
             rows(ctx, Station)[0].next_seq)
    assert after == before
    assert ctx.register.save(guard(ctx), visitor()).seq == 2  # and the register goes on


def test_a_failed_void_leaves_neither_the_void_nor_its_records(ctx):
    boss = supervisor(ctx)
    saved = ctx.register.save(boss, visitor())
    audit_before, changes_before = len(audit(ctx)), changes(ctx)

    def hook(_conn, _cursor, statement, *_args):
        if statement.startswith("INSERT INTO audit_event"):
            raise RuntimeError("injected")

    event.listen(ctx.db.engine, "after_cursor_execute", hook)
    try:
        with pytest.raises(RuntimeError):
            ctx.register.void(boss, saved.id, "重复登记")
    finally:
        event.remove(ctx.db.engine, "after_cursor_execute", hook)
    assert not rows(ctx, Passage)[0].voided
    assert (len(audit(ctx)), changes(ctx)) == (audit_before, changes_before)


def test_a_guard_voiding_is_refused_in_the_service_and_the_refusal_audited(ctx):
    saved = ctx.register.save(guard(ctx), visitor())
    with pytest.raises(NotPermitted) as caught:
        ctx.register.void(guard(ctx), saved.id, "重复登记")
    assert caught.value.role is Role.GUARD
    assert not rows(ctx, Passage)[0].voided and changes(ctx) == [(saved.uuid, "create")]
    refused = audit(ctx)[-1]
    assert (refused.action, refused.outcome, refused.subject, refused.operator_name) == (
        "refused", "refused", "void", "张保安")
    assert json.loads(refused.detail) == {"role": "guard"}


def test_an_actor_the_desk_did_not_issue_is_refused(ctx):
    """A caller cannot make itself a supervisor by building an Actor."""
    saved = ctx.register.save(guard(ctx), visitor())
    forged = Actor(operator_id=supervisor(ctx).operator_id, name="王队长", role=Role.SUPERVISOR, token="made-up")
    with pytest.raises(NotPermitted) as caught:
        ctx.register.void(forged, saved.id, "重复登记")
    assert caught.value.role is None
    assert audit(ctx)[-1].operator_id is None  # not credited to the supervisor it pretended to be


def test_a_logged_out_or_demoted_operator_is_refused(ctx):
    boss = supervisor(ctx)
    saved = ctx.register.save(boss, visitor())
    ctx.operators.logout(boss)
    with pytest.raises(NotPermitted):
        ctx.register.void(boss, saved.id, "重复登记")
    deputy_info = ctx.operators.create(ctx.operators.login("王队长", "246813"), "刘副队长", Role.SUPERVISOR, "570391")
    deputy = ctx.operators.login("刘副队长", "570391")
    ctx.operators.change(ctx.operators.login("王队长", "246813"), deputy_info.id, role=Role.GUARD)
    with pytest.raises(NotPermitted):  # the role is read from the record, and the login was ended
        ctx.register.void(deputy, saved.id, "重复登记")
    assert not rows(ctx, Passage)[0].voided


def test_the_audit_chain_holds_across_logins_refusals_and_writes(ctx):
    boss = supervisor(ctx)
    with pytest.raises(InvalidInput):
        ctx.operators.login("王队长", "000001")
    saved = ctx.register.save(guard(ctx), visitor())
    with pytest.raises(NotPermitted):
        ctx.register.void(guard(ctx), saved.id, "x" * 5)
    ctx.register.void(boss, saved.id, "重复登记")
    events = [e.model_dump() for e in audit(ctx)]
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    assert verify_chain(events) is None
    events[2]["action"] = "logout"  # one field changed afterwards
    assert verify_chain(events).event_id == 3
