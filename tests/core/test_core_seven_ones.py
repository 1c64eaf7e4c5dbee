"""The seven-ones (七个一) items, the thermometer's reference reading, the validation of a
check, and which missing items stay open."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.seven_ones import (
    CODES,
    ITEMS,
    CheckRecord,
    ItemAnswer,
    OpenItem,
    Thermometer,
    open_missing,
    thermometer_verdict,
    validate_check,
)

T0 = dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.timezone.utc)


def at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def all_present(**changes: ItemAnswer) -> dict[str, ItemAnswer]:
    answers = {code: ItemAnswer(True) for code in CODES}
    answers.update(changes)
    return answers


def test_the_seven_items_with_stable_codes_and_the_standards_words():
    assert [(i.code, i.chinese) for i in ITEMS] == [
        ("board", "一块宣传栏"), ("desk", "一个宣传台"), ("loudspeaker", "一个小喇叭"), ("volunteer", "一名志愿者(保安)"),
        ("register", "一本外来人员登记本"), ("thermometer", "一个测温仪"), ("banner", "一条宣传横幅")]
    assert all(i.english and len(i.code) <= 20 for i in ITEMS)  # seven_ones_item.item is VARCHAR(20)


@pytest.mark.parametrize("reference, threshold, verdict", [
    (None, 373, Thermometer.NOT_MEASURED),
    (340, 373, Thermometer.LOW),  # a broken gun (or a frozen forehead)
    (354, 373, Thermometer.LOW),
    (355, 373, Thermometer.OK),  # the lowest plausible reading
    (365, 373, Thermometer.OK),
    (372, 373, Thermometer.OK),
    (373, 373, Thermometer.HIGH),  # at the fever threshold: suspect
    (420, 373, Thermometer.HIGH),
    (374, 375, Thermometer.OK),  # the station's own threshold counts
    (375, 375, Thermometer.HIGH),
])
def test_thermometer_verdict(reference, threshold, verdict):
    assert thermometer_verdict(reference, threshold) is verdict
    assert verdict.suspect == (verdict in (Thermometer.LOW, Thermometer.HIGH))


def test_a_check_with_everything_present_is_stored_in_item_order():
    valid = validate_check(dict(reversed(list(all_present().items()))), 364)
    assert [code for code, _ in valid.items] == list(CODES)
    assert valid.missing == () and valid.thermometer is Thermometer.OK and valid.reference == 364


@pytest.mark.parametrize("changes, reference, fields, words", [
    ({"banner": ItemAnswer(False)}, 365, ["banner"], "needs a note"),
    ({"banner": ItemAnswer(False, "   ")}, 365, ["banner"], "needs a note"),
    ({"banner": ItemAnswer(False, "x" * 201)}, 365, ["banner"], "Too long"),
    ({"desk": ItemAnswer(True, "ok\x00")}, 365, ["desk"], "control character"),
    ({}, None, ["reference_temp"], "type the reading"),
    ({}, 348, ["reference_temp"], "below 35.5"),
    ({}, 373, ["reference_temp"], "fever threshold 37.3"),
    ({}, 339, ["reference_temp"], "outside 34.0 to 43.0"),  # not a reading at all
    ({"thermometer": ItemAnswer(False, "broken")}, 431, ["reference_temp"], "outside 34.0 to 43.0"),
    ({"board": ItemAnswer(False), "loudspeaker": ItemAnswer(False)}, None,
     ["board", "loudspeaker", "reference_temp"], "needs a note"),
])
def test_bad_checks_are_refused_with_every_problem(changes, reference, fields, words):
    with pytest.raises(InvalidInput) as caught:
        validate_check(all_present(**changes), reference)
    assert [p.field for p in caught.value.problems] == fields
    assert words in caught.value.problems[0].english()


def test_an_item_left_unanswered_is_refused():
    answers = all_present()
    del answers["register"]
    with pytest.raises(InvalidInput) as caught:
        validate_check(answers, 365)
    assert [p.field for p in caught.value.problems] == ["register"]


def test_an_unknown_item_is_a_programming_error():
    with pytest.raises(ValueError):
        validate_check(all_present(mask=ItemAnswer(True)), 365)


@pytest.mark.parametrize("reference, verdict", [(None, Thermometer.NOT_MEASURED), (341, Thermometer.LOW),
                                                (366, Thermometer.OK), (390, Thermometer.HIGH)])
def test_a_missing_thermometer_needs_no_reading_and_a_suspect_one_is_kept_as_evidence(reference, verdict):
    valid = validate_check(all_present(thermometer=ItemAnswer(False, "  reads 33.0,  broken ")), reference)
    assert valid.missing == ("thermometer",)
    assert dict(valid.items)["thermometer"] == ItemAnswer(False, "reads 33.0, broken")
    assert (valid.reference, valid.thermometer) == (reference, verdict)


def check(hours: int, **missing: str) -> CheckRecord:
    """A check at T0 + hours with the named items missing (value: the note)."""
    return CheckRecord(at(hours), all_present(**{code: ItemAnswer(False, note) for code, note in missing.items()}))


@pytest.mark.parametrize("checks, expected", [
    ([], ()),
    ([check(0)], ()),
    ([check(0, banner="torn")], (OpenItem("banner", at(0), "torn"),)),
    # still missing later: open since the first miss, with the latest note
    ([check(0, banner="torn"), check(8, banner="new one ordered")], (OpenItem("banner", at(0), "new one ordered"),)),
    # a later check records it present: closed
    ([check(0, banner="torn"), check(8)], ()),
    # missing again after being present: a new run, since the new miss
    ([check(0, banner="torn"), check(8), check(16, banner="stolen")], (OpenItem("banner", at(16), "stolen"),)),
    # given out of order: read in time order
    ([check(8), check(0, banner="torn")], ()),
    ([check(16, desk="gone", banner="b"), check(0, banner="a")],
     (OpenItem("desk", at(16), "gone"), OpenItem("banner", at(0), "b"))),
    # items in ITEMS order whatever the order found
    ([check(0, banner="b"), check(1, banner="b", board="x")],
     (OpenItem("board", at(1), "x"), OpenItem("banner", at(0), "b"))),
    # a check that does not mention an item leaves it as it was
    ([check(0, banner="torn"), CheckRecord(at(4), {"desk": ItemAnswer(True)})], (OpenItem("banner", at(0), "torn"),)),
])
def test_open_missing(checks, expected):
    assert open_missing(checks) == expected
