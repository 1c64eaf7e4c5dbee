"""The watchlist's rules (core/watchlist.py): what a supervisor types for a person under
home quarantine or medical observation, every problem at once on its field, loose dates,
the default 14 days, an end before the start refused, and when an entry alerts."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date

import pytest

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.watchlist import WatchDraft, WatchKind, is_active, validate_watch

TODAY = date(2020, 2, 2)
ID = "11010519491231002X"
HQ = WatchKind.HOME_QUARANTINE.value
MO = WatchKind.MEDICAL_OBSERVATION.value


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("", "", (date(2020, 2, 2), date(2020, 2, 16))),  # today, + 14 days
    ("2020/2/3", "", (date(2020, 2, 3), date(2020, 2, 17))),
    ("2020年2月3日", "2020年2月17日", (date(2020, 2, 3), date(2020, 2, 17))),
    ("2.3", "2.10", (date(2020, 2, 3), date(2020, 2, 10))),
    ("2020-02-03", "20200205", (date(2020, 2, 3), date(2020, 2, 5))),
    ("２０２０．２．３", "2月4日", (date(2020, 2, 3), date(2020, 2, 4))),
    ("1.30", "1.30", (date(2020, 1, 30), date(2020, 1, 30))),  # one day
])
def test_dates_are_read_as_typed(start, end, expected):
    valid = validate_watch(WatchDraft(HQ, "李四", "", "3-5-502", start, end), TODAY)
    assert (valid.start_date, valid.end_date) == expected


@pytest.mark.parametrize(("draft", "fields", "first_message"), [
    (WatchDraft(HQ, "", "", "3-5-502"), ["name"], "Enter the name."),
    (WatchDraft(HQ, "李四", "", ""), ["room"],
     "Enter the room (building-unit-room, like 3-5-502): the household is quarantined there."),
    (WatchDraft(MO, "李四", "", ""), ["room"],
     "Enter the room or the ID number: the gate recognises the person by one of them."),
    (WatchDraft("jail", "李四", "", "3-5-502"), ["kind"], "Choose home quarantine or medical observation."),
    (WatchDraft(HQ, "李四", "110105194912310021", "3-5-502"), ["id_number"], None),
    (WatchDraft(HQ, "李四", "", "3-5-502", "2020/2/10", "2020/2/3"), ["end_date"],
     "The end date 2020-02-03 is before the start date 2020-02-10."),
    (WatchDraft(HQ, "李四", "", "3-5-502", "soon"), ["start_date"],
     "soon is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日."),
    (WatchDraft(HQ, "李四", "", "3-5-502", "", "2.30"), ["end_date"], "2.30: month 2 has no day 30."),
    (WatchDraft(HQ, "李四", "", "3-5-502", reason="x" * 201), ["reason"], "Too long: 201 characters, at most 200 allowed."),
    (WatchDraft(HQ, "李四", "", "3-5\x00-502"), ["room"], None),
    (WatchDraft("", "", "123", "", "x", "y"), ["kind", "name", "id_number", "start_date", "end_date"], None),
])
def test_every_problem_is_on_its_field(draft, fields, first_message):
    with pytest.raises(InvalidInput) as caught:
        validate_watch(draft, TODAY)
    assert [p.field for p in caught.value.problems] == fields
    if first_message is not None:
        assert caught.value.problems[0].english() == first_message
    for p in caught.value.problems:
        names = {n for _, n, _, _ in string.Formatter().parse(p.template) if n}
        assert names == set(p.params)


def test_a_valid_entry_is_normalised():
    valid = validate_watch(WatchDraft(MO, " 阿依古丽 ・ 买买提 ", ID.lower(), "", "2.1", "", "  来自  武汉 "), TODAY)
    assert valid.kind is WatchKind.MEDICAL_OBSERVATION
    assert (valid.name, valid.id_number, valid.room, valid.reason) == ("阿依古丽·买买提", ID, "", "来自 武汉")
    assert (valid.start_date, valid.end_date) == (date(2020, 2, 1), date(2020, 2, 15))


def test_no_id_number_is_none():
    assert validate_watch(WatchDraft(HQ, "李四", "  ", "3-5-502"), TODAY).id_number is None


@dataclass
class Entry:
    start_date: date
    end_date: date
    lifted_on: date | None = None


@pytest.mark.parametrize(("entry", "today", "active"), [
    (Entry(date(2020, 2, 1), date(2020, 2, 14)), date(2020, 1, 31), False),  # not begun
    (Entry(date(2020, 2, 1), date(2020, 2, 14)), date(2020, 2, 1), True),
    (Entry(date(2020, 2, 1), date(2020, 2, 14)), date(2020, 2, 14), True),  # the last day
    (Entry(date(2020, 2, 1), date(2020, 2, 14)), date(2020, 2, 15), False),  # lapsed
    (Entry(date(2020, 2, 1), date(2020, 2, 14), date(2020, 2, 5)), date(2020, 2, 4), True),
    (Entry(date(2020, 2, 1), date(2020, 2, 14), date(2020, 2, 5)), date(2020, 2, 5), False),  # lifted that day
])
def test_is_active(entry, today, active):
    assert is_active(entry, today) is active


@pytest.mark.parametrize(("typed", "stored"), [
    ("3栋5单元502室", "3-5-502"), ("３－５－５０２", "3-5-502"), ("03-05-0502", "3-5-502"), ("3号楼502", "3-502"),
])
def test_rooms_are_stored_as_the_residents_are(typed, stored):
    """One form with core/rooms.py, so the gate's name-and-room match finds the entry."""
    assert validate_watch(WatchDraft(HQ, "李四", "", typed), TODAY).room == stored


def test_a_room_that_is_not_one_is_refused():
    with pytest.raises(InvalidInput) as caught:
        validate_watch(WatchDraft(MO, "李四", ID, "五栋"), TODAY)
    assert [p.field for p in caught.value.problems] == ["room"]


@pytest.mark.parametrize(("typed", "kind"), [
    ("居家隔离", WatchKind.HOME_QUARANTINE), ("Home quarantine", WatchKind.HOME_QUARANTINE),
    ("医学观察", WatchKind.MEDICAL_OBSERVATION), ("MEDICAL_OBSERVATION", WatchKind.MEDICAL_OBSERVATION),
])
def test_kinds_are_read_as_lists_name_them(typed, kind):
    assert validate_watch(WatchDraft(typed, "李四", "", "3-5-502"), TODAY).kind is kind
