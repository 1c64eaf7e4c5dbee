"""Masked reads and the audited reveal (issue 6, "Masked reads" and item 2).

What the reader and the register service hand the UI is plain data with the name, ID
number and phone masked, never an ORM row; a full value is a reveal (a supervisor's,
with a reason, audited without the value) or a correction opened by a supervisor."""

from __future__ import annotations

import dataclasses
import inspect
import json
import logging

import pytest
from actors import guard, supervisor
from sqlmodel import select

from checkpoint_app.core.entry import EntryDraft, Preview
from checkpoint_app.core.known import Known
from checkpoint_app.core.listing import EntryFilter, EntryRow, SavedRow, SearchKind, VoidFilter
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft, VehiclePreview

from checkpoint_app.db.models import AuditEvent, Passage, PersonCheck

from checkpoint_app.services.reader import EntryLinks, RegisterReader
from checkpoint_app.services.records import PassageView
from checkpoint_app.services.register import KnownPerson, KnownVehicle, RegisterService

ID_X = "11010519491231002X"
PHONE = "13812345678"
MASKED = ("李*", "110105********002X", "138****5678")


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="李四", id_number=ID_X, phone=PHONE, origin_province="50",
                purpose="探亲", destination="3栋2单元501", temperature="36.5")
    return EntryDraft(**{**base, **changes})


def audit(ctx) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())


def identity(view) -> tuple:
    """A list row's identity, or a passage view's person's."""
    who = getattr(view, "person", view)
    return who.name, who.id_number, who.phone


def holds_orm_row(value) -> bool:
    """Whether `value` is, or holds anywhere inside, an ORM row (a passage or a person check)."""
    if isinstance(value, (Passage, PersonCheck)):
        return True
    if isinstance(value, (list, tuple)):
        return any(holds_orm_row(v) for v in value)
    if dataclasses.is_dataclass(value):
        return any(holds_orm_row(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, PassageView):
        return any(holds_orm_row(p) for p in value.persons)
    return False


# every public method of the reader and the register service, with what it hands back
# (a new method must be added here: test_every_public_method_is_checked)
def _calls(ctx):
    boss = supervisor(ctx)
    reader = RegisterReader(ctx)
    register = ctx.register
    first = register.save(boss, visitor())
    second = register.save(boss, visitor(category="resident", name="王五", id_number="", phone="13900001111"))
    corrected = register.correct(boss, second.id, visitor(category="resident", name="王武", id_number="", phone="13900001111"),
                                 "姓名写错")
    voided = register.void(boss, first.id, "登记错人")
    # the test station is a compound gate: every outsider in a vehicle is identified
    vehicle = register.save_vehicle(boss, VehicleDraft(
        plate="渝A12345", occupant_count="1", origin_province="50",
        occupants=[OccupantDraft("36.5", name="李四", id_number=ID_X, phone=PHONE)]))
    return {
        (RegisterService, "save_vehicle"): (vehicle, PassageView),
        (RegisterService, "validate_vehicle"): (register.validate_vehicle(VehicleDraft(
            plate="渝A12345", occupant_count="1", origin_province="50",
            occupants=[OccupantDraft("36.5", name="李四", id_number=ID_X, phone=PHONE)])), object),
        (RegisterService, "vehicle_rules"): (register.vehicle_rules(), object),
        (RegisterService, "known_vehicle"): (register.known_vehicle(guard(ctx), "渝A12345"), KnownVehicle),
        (RegisterReader, "recent_vehicles"): (reader.recent_vehicles(guard(ctx)), list),
        (RegisterReader, "vehicles_by_category"): (reader.vehicles_by_category(guard(ctx)), dict),
        (RegisterService, "save"): (first, PassageView),
        (RegisterService, "correct"): (corrected, PassageView),
        (RegisterService, "void"): (voided, PassageView),
        (RegisterService, "for_correction"): (register.for_correction(boss, corrected.id), PassageView),
        (RegisterService, "known_person"): (register.known_person(guard(ctx), phone="13900001111"), KnownPerson),
        (RegisterService, "validate"): (register.validate(visitor()), object),  # the draft as validated: no entry
        (RegisterService, "preview"): (register.preview(visitor()), Preview),
        (RegisterService, "preview_vehicle"): (register.preview_vehicle(VehicleDraft(plate="渝A12345")), VehiclePreview),
        (RegisterService, "known"): (register.known(visitor()), Known),
        (RegisterService, "save_exit"): (register.save_exit(boss, dataclasses.replace(
            register.validate(visitor(direction="out")), exit_of=corrected.uuid), lambda session: None), PassageView),
        (RegisterService, "find_residents"): (register.find_residents(guard(ctx), "3-5-502"), list),
        (RegisterService, "today"): (register.today(), object),
        (RegisterService, "check_clock"): (register.check_clock(), type(None)),
        (RegisterReader, "page"): (reader.page(guard(ctx), EntryFilter(voided=VoidFilter.INCLUDE), None, 10), list),
        (RegisterReader, "count"): (reader.count(guard(ctx), EntryFilter(), 10), int),
        (RegisterReader, "saved"): (reader.saved(guard(ctx), corrected.id, EntryFilter()), SavedRow),
        (RegisterReader, "counts"): (reader.counts(guard(ctx)), object),
        (RegisterReader, "today"): (reader.today(), object),
        (RegisterReader, "entry"): (reader.entry(guard(ctx), first.id), PassageView),
        (RegisterReader, "links"): (reader.links(guard(ctx), corrected.id), EntryLinks),
        (RegisterReader, "may_reveal"): (reader.may_reveal(boss), type(None)),
        (RegisterReader, "reveal"): (reader.reveal(boss, first.id, "phone", "核查"), str),
    }


def test_every_public_method_is_checked_and_none_hands_out_an_orm_row(ctx):
    calls = _calls(ctx)
    public = {(cls, name) for cls in (RegisterReader, RegisterService)
              for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}
    assert public == set(calls), "add the new method to _calls"
    for (cls, name), (value, expected) in calls.items():
        assert isinstance(value, expected), (cls.__name__, name, type(value))
        assert not holds_orm_row(value), (cls.__name__, name)


def test_what_the_ui_reads_is_masked(ctx):
    saved = ctx.register.save(supervisor(ctx), visitor())
    reader = RegisterReader(ctx)
    assert identity(saved) == MASKED and saved.identity_masked
    assert [identity(r) for r in reader.page(guard(ctx), EntryFilter(), None, 10)] == [MASKED]
    assert identity(reader.saved(guard(ctx), saved.id, EntryFilter()).row) == MASKED
    view = reader.entry(guard(ctx), saved.id)
    assert identity(view) == MASKED and view.identity_masked
    assert identity(ctx.register.void(supervisor(ctx), saved.id, "登记错人")) == MASKED
    assert reader.entry(guard(ctx), 10**9) is None and reader.saved(guard(ctx), 10**9, EntryFilter()) is None


def test_a_vehicle_as_the_ui_reads_it_is_masked(ctx):
    vehicle = ctx.register.save_vehicle(supervisor(ctx), VehicleDraft(
        plate="渝A12345", occupant_count="2", origin_province="50",
        occupants=[OccupantDraft("36.5", name="李四", id_number=ID_X, phone=PHONE),
                   OccupantDraft("36.6", name="李四", id_number=ID_X, phone=PHONE)]))
    reader = RegisterReader(ctx)
    assert [identity(p) for p in vehicle.persons] == [MASKED, MASKED]
    assert [identity(p) for p in reader.entry(guard(ctx), vehicle.id).persons] == [MASKED, MASKED]
    (recent,) = reader.recent_vehicles(guard(ctx))
    assert identity(recent) == MASKED and recent.plate == "渝A12345" and recent.occupants == 2


@pytest.mark.parametrize("f, matches", [
    (EntryFilter(), True),
    (EntryFilter(search_text="5678"), True),  # phone digits: judged on the full phone, not 138****5678
    (EntryFilter(search_kind=SearchKind.PHONE, search_text="12345"), True),
    (EntryFilter(search_text="19491231"), True),  # the masked part of the ID number
    (EntryFilter(search_text="李四"), True),
    (EntryFilter(search_text="9999"), False),
    (EntryFilter(category="resident"), False),
    (EntryFilter(voided=VoidFilter.ONLY), False),
])
def test_whether_a_saved_row_belongs_to_the_filter_is_judged_on_the_full_values(ctx, f, matches):
    saved = ctx.register.save(supervisor(ctx), visitor())
    found = RegisterReader(ctx).saved(guard(ctx), saved.id, f)
    assert found.matches is matches and identity(found.row) == MASKED and not found.corrected
    assert isinstance(found.row, EntryRow)


def test_a_supervisor_reveals_a_full_value_with_one_audit_event_without_it(ctx, caplog):
    saved = ctx.register.save(supervisor(ctx), visitor())
    reader = RegisterReader(ctx)
    before = len(audit(ctx))
    with caplog.at_level(logging.DEBUG):
        assert reader.reveal(supervisor(ctx), saved.id, "id_number", " 派出所 核查 ") == ID_X
        assert reader.reveal(supervisor(ctx), saved.id, "phone", "回访") == PHONE
        assert reader.reveal(supervisor(ctx), saved.id, "name", "核对姓名") == "李四"
    events = audit(ctx)[before:]
    assert [(e.action, e.outcome, e.subject, e.operator_name) for e in events] == [
        ("reveal", "ok", f"entry:{saved.uuid}", "王队长")] * 3
    assert [json.loads(e.detail) for e in events] == [
        {"field": "id_number", "reason": "派出所 核查", "seq": 1},
        {"field": "phone", "reason": "回访", "seq": 1},
        {"field": "name", "reason": "核对姓名", "seq": 1},
    ]
    for secret in (ID_X, "19491231", PHONE, "12345678"):
        assert all(secret not in e.detail + e.subject for e in audit(ctx)), secret
        assert secret not in caplog.text, secret


def test_an_empty_field_reveals_nothing_but_is_still_audited(ctx):
    saved = ctx.register.save(supervisor(ctx), visitor(category="resident", id_number="", phone=""))
    assert RegisterReader(ctx).reveal(supervisor(ctx), saved.id, "phone", "回访") == ""
    assert audit(ctx)[-1].action == "reveal"


def test_a_guard_is_refused_a_reveal_and_the_refusal_is_audited(ctx):
    saved = ctx.register.save(guard(ctx), visitor())
    reader = RegisterReader(ctx)
    before = len(audit(ctx))
    with pytest.raises(NotPermitted):
        reader.may_reveal(guard(ctx))
    with pytest.raises(NotPermitted):
        reader.reveal(guard(ctx), saved.id, "id_number", "想看看")
    events = audit(ctx)[before:]
    assert [(e.action, e.outcome, e.subject, e.operator_name) for e in events] == [
        ("refused", "refused", "reveal", "张保安")] * 2
    assert all(ID_X not in e.detail for e in events)
    reader.may_reveal(supervisor(ctx))  # a supervisor may: nothing raised, nothing audited
    assert len(audit(ctx)) == before + 2


@pytest.mark.parametrize("reason", ["", " ", "x", None])
def test_a_reveal_without_a_reason_is_refused_and_nothing_audited(ctx, reason):
    saved = ctx.register.save(supervisor(ctx), visitor())
    before = len(audit(ctx))
    with pytest.raises(InvalidInput) as caught:
        RegisterReader(ctx).reveal(supervisor(ctx), saved.id, "id_number", reason)
    assert [p.field for p in caught.value.problems] == ["reveal_reason"]
    assert len(audit(ctx)) == before


def test_a_reveal_of_a_missing_entry_or_an_unknown_field_fails_cleanly(ctx):
    saved = ctx.register.save(supervisor(ctx), visitor())
    before = len(audit(ctx))
    with pytest.raises(InvalidInput) as caught:
        RegisterReader(ctx).reveal(supervisor(ctx), 10**9, "phone", "核查")
    assert [p.field for p in caught.value.problems] == ["entry"]
    with pytest.raises(ValueError):
        RegisterReader(ctx).reveal(supervisor(ctx), saved.id, "notes", "核查")
    assert len(audit(ctx)) == before


def test_a_correction_opens_in_full_for_a_supervisor_only_and_is_audited(ctx):
    saved = ctx.register.save(guard(ctx), visitor())
    before = len(audit(ctx))
    with pytest.raises(NotPermitted):
        ctx.register.for_correction(guard(ctx), saved.id)
    full = ctx.register.for_correction(supervisor(ctx), saved.id)
    assert identity(full) == ("李四", ID_X, PHONE) and not full.identity_masked
    events = audit(ctx)[before:]
    assert [(e.action, e.outcome, e.subject, json.loads(e.detail)) for e in events] == [
        ("refused", "refused", "correct", {"role": "guard"}),
        ("correction_opened", "ok", f"entry:{saved.uuid}", {"seq": 1})]
    ctx.register.void(supervisor(ctx), saved.id, "登记错人")
    with pytest.raises(InvalidInput):
        ctx.register.for_correction(supervisor(ctx), saved.id)  # void: nothing left to correct
