"""The watchlist at the gate: a person under home quarantine is matched while the guard
types - by ID number, by the resident chosen, or by name and room - and only while the
entry is active (from its start to its end date, unless lifted); going out is refused,
and the saved passage records the alert."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import guard
from residents import add_resident, add_watch

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.db.models import PersonCheck

ID_X = "11010519491231002X"  # the clock of the tests stands at 2026-11-29


@pytest.mark.parametrize(("watch", "draft", "matched"), [
    (dict(id_number=ID_X), dict(id_number=ID_X), True),
    (dict(id_number=ID_X), dict(id_number=ID_X.lower()), True),
    (dict(id_number=ID_X), dict(id_number="110101198001010010"), False),
    (dict(name="王五", room="3-5-502"), dict(name="王五", destination="3栋5单元502"), True),
    (dict(name="王五", room="3-5-502"), dict(name="王五", destination="3-5-503"), False),
    (dict(name="王五", room="3-5-502"), dict(name="王六", destination="3-5-502"), False),
    (dict(name="王五", room="3-5-502"), dict(name="王五"), False),  # a name alone is not enough
    (dict(id_number=ID_X, end=dt.date(2026, 11, 28)), dict(id_number=ID_X), False),  # lapsed
    (dict(id_number=ID_X, end=dt.date(2026, 11, 29)), dict(id_number=ID_X), True),  # its last day
    (dict(id_number=ID_X, start=dt.date(2026, 11, 30)), dict(id_number=ID_X), False),  # not yet
    (dict(id_number=ID_X, lifted_on=dt.date(2026, 11, 28)), dict(id_number=ID_X), False),
])
def test_the_watchlist_is_matched_while_typing(ctx, watch, draft, matched):
    entry = add_watch(ctx, **watch)
    known = ctx.register.known(EntryDraft(**draft))
    assert (known.watch_uuid == entry.uuid) is matched
    assert known.watched is matched


def test_a_chosen_resident_is_matched_by_their_entry(ctx):
    resident = add_resident(ctx, "王五", "3-5-502", "13812345678", None, "JB0001")
    entry = add_watch(ctx, name="王五", room="3-5-502", resident=resident)
    preview = ctx.register.preview(EntryDraft(category="resident", direction="out", resident=resident.uuid,
                                              temperature="36.5"))
    assert preview.known.watch.uuid == entry.uuid
    assert (preview.proposal.decision.value, preview.proposal.reasons) == ("refuse", ("watchlist",))


def test_coming_home_is_admitted_and_reported_and_the_alert_is_stored_with_the_passage(ctx):
    resident = add_resident(ctx, "王五", "3-5-502", "13812345678", ID_X, "JB0001")
    entry = add_watch(ctx, id_number=ID_X)
    saved = ctx.register.save(guard(ctx), EntryDraft(resident=resident.uuid, temperature="36.5"))
    assert (saved.decision, saved.proposed_decision) == ("admit", "admit")
    with ctx.session() as session:
        assert session.get(PersonCheck, saved.person.id).watch_uuid == entry.uuid


def test_going_out_against_the_alert_needs_a_reason(ctx):
    from checkpoint_app.core.problems import InvalidInput

    add_watch(ctx, id_number=ID_X)
    draft = EntryDraft(category="resident", direction="out", name="王五", id_number=ID_X, decision="admit")
    with pytest.raises(InvalidInput) as caught:
        ctx.register.save(guard(ctx), draft)
    assert [p.field for p in caught.value.problems] == ["override_reason"]
    draft.override_reason = "社区批准外出就医"
    saved = ctx.register.save(guard(ctx), draft)
    assert (saved.decision, saved.proposed_decision) == ("admit", "refuse")


def test_the_residents_found_mark_the_one_in_quarantine(ctx):
    add_resident(ctx, "熊大", "1-2-201", "13600004943")
    watched = add_resident(ctx, "熊二", "1-2-201", "13600004064")
    add_watch(ctx, name="熊二", room="1-2-201", resident=watched)
    cards = ctx.register.find_residents(guard(ctx), "1-2-201")
    assert [(c.name, c.watch_kind) for c in cards] == [("熊*", None), ("熊*", "home_quarantine")]
