"""A repeat person found by ID number brings that holder's own history (how their last
entry ended, their latest refusal or referral); found by phone, no history at all.
Names of any length up to the limit are stored whole; the guard's name too."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import supervisor

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import Role

PERSON_ID = "50010519900101123" + check_character("50010519900101123")  # a Chongqing ID: only the stated origin counts
OTHER_ID = "11010519491231002X"


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="吴刚", id_number=PERSON_ID, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    return EntryDraft(**{**base, **changes})


def test_the_issues_case_an_earlier_refusal_under_another_name(ctx, clock):
    ctx.register.save(supervisor(ctx), visitor(name="张伟", origin_province="42", arrival_date="11-20"))  # refused: key area
    clock.now += dt.timedelta(days=3)
    ctx.register.save(supervisor(ctx), visitor())  # the same document, another name, admitted
    ctx.register.save(supervisor(ctx), visitor(name="李四", id_number=OTHER_ID, phone="13900000000", temperature="38.0",
                              temperature2="38.2"))  # someone else: referred
    person = ctx.register.known_person(supervisor(ctx), id_number=PERSON_ID)
    assert person.name == "吴刚"  # in full: it fills the form for the holder of the document in hand
    # the history's names are masked: a notice shows them beside what the guard typed
    assert (person.last.name, person.last.decision, person.last.day.isoformat(), person.last.reasons) == (
        "吴*", "admit", "2026-12-02", ())
    assert not person.last.other_name
    turned = person.turned_away
    assert (turned.name, turned.other_name, turned.decision, turned.day.isoformat(), turned.reasons) == (
        "张*", True, "refuse", "2026-11-29", ("key_area",))


@pytest.mark.parametrize("draft, decision, reasons", [
    (dict(temperature="38.0", temperature2="38.2"), "refer", ("fever",)),
    (dict(symptoms=frozenset({"short_breath", "cough"})), "refer", ("short_breath", "symptoms")),
    (dict(symptoms=frozenset({"cough"})), "refuse", ("symptoms",)),
    (dict(decision="refuse", override_reason="业主不在家"), "refuse", ("override",)),
])
def test_the_last_entry_says_how_it_ended_and_why(ctx, draft, decision, reasons):
    ctx.register.save(supervisor(ctx), visitor(**draft))
    person = ctx.register.known_person(supervisor(ctx), id_number=PERSON_ID)
    assert (person.last.decision, person.last.reasons) == (decision, reasons)
    assert person.turned_away == person.last


def test_admitted_only_has_no_turned_away_and_void_entries_do_not_count(ctx):
    refused = ctx.register.save(supervisor(ctx), visitor(decision="refuse", override_reason="没有预约"))
    ctx.register.void(supervisor(ctx), refused.id, "登记错了")
    ctx.register.save(supervisor(ctx), visitor())
    person = ctx.register.known_person(supervisor(ctx), id_number=PERSON_ID)
    assert person.last.decision == "admit" and person.turned_away is None


def test_found_by_phone_no_history_and_no_identity_is_given(ctx):
    """A phone is shared in families and typed from what anyone says: it brings where
    they went and why, never who it was (no name, no document number)."""
    ctx.register.save(supervisor(ctx), visitor(decision="refuse", override_reason="没有预约"))
    person = ctx.register.known_person(supervisor(ctx), phone="13812345678")
    assert (person.name, person.id_type, person.id_number) == ("", None, None)
    assert (person.purpose, person.origin_province) == ("探亲", "50")
    assert person.last is None and person.turned_away is None


def test_a_long_name_is_stored_whole_and_found_again(ctx):
    name = "Maria Fernanda de los Ángeles García-Villalobos y Montenegro de la Santísima Trinidad"
    assert 80 < len(name) <= 100
    saved = ctx.register.save(supervisor(ctx), visitor(name=name))
    assert len(saved.person.name) == len(name) and saved.identity_masked  # what the services hand back is masked
    assert ctx.register.for_correction(supervisor(ctx), saved.id).person.name == name
    assert ctx.register.known_person(supervisor(ctx), id_number=PERSON_ID).name == name


def test_an_operators_long_name_is_kept_whole_and_too_long_one_refused_never_cut(ctx):
    guard = "阿卜杜热合曼·买买提艾力" * 8  # 96 characters
    ctx.operators.create(supervisor(ctx), guard, Role.GUARD, "480917")
    assert ctx.register.save(ctx.operators.login(guard, "480917"), visitor()).operator == guard
    with pytest.raises(InvalidInput) as caught:
        ctx.operators.create(supervisor(ctx), "守" * 101, Role.GUARD, "480917")
    assert [p.field for p in caught.value.problems] == ["operator"]


def test_the_arrival_check_is_a_setting_that_reaches_the_rules(ctx):
    assert ctx.settings.get("arrival_confirm_days") == 60
    draft = visitor(origin_province="42", arrival_date="10-20")  # 40 days ago
    ctx.register.validate(draft)
    ctx.settings.set_many(supervisor(ctx), {"arrival_confirm_days": 30})
    with pytest.raises(InvalidInput) as caught:
        ctx.register.validate(draft)
    assert [p.field for p in caught.value.problems] == ["arrival_confirmed"]
    ctx.register.validate(visitor(origin_province="42", arrival_date="10-20", arrival_confirmed=True))
    with pytest.raises(InvalidInput):
        ctx.settings.set_many(supervisor(ctx), {"arrival_confirm_days": 0})
