"""The proposal rule table and overrides."""

import pytest

from checkpoint_app.core.decision import (
    Category,
    Decision,
    Direction,
    Facts,
    Symptom,
    check_override,
    propose,
)
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.temperature import screen

NORMAL = screen(365, None)
FEVER = screen(380, 379)
REMEASURED_NORMAL = screen(375, 368)
NONE: frozenset[Symptom] = frozenset()
COUGH = frozenset({Symptom.COUGH})
BREATH = frozenset({Symptom.SHORT_BREATH})
A, R, F = Decision.ADMIT, Decision.REFUSE, Decision.REFER


def test_enum_values():
    assert [d.value for d in Direction] == ["in", "out"]
    assert [c.value for c in Category] == ["resident", "visitor", "delivery", "staff", "official", "other"]
    assert [d.value for d in Decision] == ["admit", "refuse", "refer"]
    assert [s.value for s in Symptom] == ["cough", "sore_throat", "fatigue", "short_breath"]
    assert Category("visitor") is Category.VISITOR and Category.VISITOR == "visitor"


@pytest.mark.parametrize(
    ("screening", "key_area", "symptoms", "category", "decision", "reasons"),
    [
        (NORMAL, False, NONE, Category.VISITOR, A, ()),
        (NORMAL, False, NONE, Category.RESIDENT, A, ()),
        (REMEASURED_NORMAL, False, NONE, Category.VISITOR, A, ()),
        (FEVER, False, NONE, Category.RESIDENT, F, ("fever",)),
        (FEVER, True, COUGH, Category.VISITOR, F, ("fever",)),  # fever first
        (FEVER, False, NONE, Category.OFFICIAL, F, ("fever",)),
        (NORMAL, False, BREATH, Category.RESIDENT, F, ("short_breath",)),
        (NORMAL, True, BREATH | COUGH, Category.VISITOR, F, ("short_breath",)),
        (NORMAL, True, NONE, Category.VISITOR, R, ("key_area",)),
        (NORMAL, True, NONE, Category.DELIVERY, R, ("key_area",)),
        (NORMAL, True, NONE, Category.STAFF, R, ("key_area",)),
        (NORMAL, True, NONE, Category.OTHER, R, ("key_area",)),
        (NORMAL, True, COUGH, Category.VISITOR, R, ("key_area",)),
        (NORMAL, True, NONE, Category.RESIDENT, A, ("key_area_report",)),
        (NORMAL, True, NONE, Category.OFFICIAL, A, ("key_area_report",)),
        (NORMAL, False, COUGH, Category.VISITOR, R, ("symptoms",)),
        (NORMAL, False, frozenset({Symptom.SORE_THROAT}), Category.DELIVERY, R, ("symptoms",)),
        (NORMAL, False, frozenset({Symptom.FATIGUE}), Category.OFFICIAL, R, ("symptoms",)),
        (NORMAL, False, COUGH, Category.RESIDENT, A, ("symptoms_report",)),
        (NORMAL, True, COUGH, Category.RESIDENT, A, ("symptoms_report", "key_area_report")),
    ],
)
def test_propose(screening, key_area, symptoms, category, decision, reasons):
    proposal = propose(Facts(screening, key_area, symptoms, category))
    assert (proposal.decision, proposal.reasons) == (decision, reasons)


@pytest.mark.parametrize(
    ("proposed", "chosen", "reason", "ok"),
    [
        (A, A, "", True),
        (R, R, "", True),
        (R, A, "", False),
        (R, A, " x ", False),
        (R, A, "   ", False),
        (R, A, "领导", True),
        (F, A, "ok", True),
        (A, R, "无证", True),
        (A, "refuse", "", False),
        ("admit", A, "", True),
    ],
)
def test_check_override(proposed, chosen, reason, ok):
    if ok:
        check_override(proposed, chosen, reason)
        return
    with pytest.raises(InvalidInput) as caught:
        check_override(proposed, chosen, reason)
    (only,) = caught.value.problems
    assert only.field == "override_reason"
    assert "at least 2 characters" in only.english()


IN, OUT = Direction.IN, Direction.OUT
EXEMPT = frozenset({Category.OFFICIAL, Category.DELIVERY})


@pytest.mark.parametrize(
    ("facts", "decision", "reasons"),
    [
        # closed management (封闭式管理): outsiders coming in are refused unless exempt
        (dict(category=Category.VISITOR, closed=True), R, ("closed",)),
        (dict(category=Category.STAFF, closed=True), R, ("closed",)),
        (dict(category=Category.OTHER, closed=True), R, ("closed",)),
        (dict(category=Category.DELIVERY, closed=True), A, ()),
        (dict(category=Category.OFFICIAL, closed=True), A, ()),
        (dict(category=Category.RESIDENT, closed=True), A, ()),
        (dict(category=Category.VISITOR, closed=True, direction=OUT), A, ()),  # going out: never refused for it
        (dict(category=Category.VISITOR, closed=False), A, ()),
        (dict(category=Category.VISITOR, closed=True, screening=FEVER), F, ("fever",)),  # a fever first
        (dict(category=Category.VISITOR, closed=True, key_area_flagged=True), R, ("key_area",)),
        # the watchlist (home quarantine): going out is refused, coming home is reported
        (dict(category=Category.RESIDENT, watched=True, direction=OUT), R, ("watchlist",)),
        (dict(category=Category.RESIDENT, watched=True, direction=IN), A, ("watchlist_report",)),
        (dict(category=Category.RESIDENT, watched=True, direction=OUT, screening=FEVER), F, ("fever",)),
        (dict(category=Category.VISITOR, watched=True, direction=OUT), R, ("watchlist",)),
    ],
)
def test_propose_with_closed_management_and_watchlist(facts, decision, reasons):
    given = dict(screening=NORMAL, key_area_flagged=False, symptoms=NONE, closed_exempt=EXEMPT) | facts
    proposal = propose(Facts(**given))
    assert (proposal.decision, proposal.reasons) == (decision, reasons)


def test_someone_on_the_residents_list_passes_closed_management_whatever_category_was_chosen():
    facts = Facts(NORMAL, False, NONE, Category.VISITOR, closed=True, listed=True)
    assert propose(facts).decision is A
