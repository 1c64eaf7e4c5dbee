"""Rooms as compounds write them, normalised to building-unit-room (core/rooms.py)."""

import string

import pytest

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.rooms import normalise_room


@pytest.mark.parametrize("typed, stored", [
    ("3-5-502", "3-5-502"),
    ("3栋5单元502", "3-5-502"),
    ("3号楼5单元502室", "3-5-502"),
    ("3幢5单元502", "3-5-502"),
    ("3座5单元502号", "3-5-502"),
    ("3#5-502", "3-5-502"),
    ("3栋-5-502", "3-5-502"),
    ("3-502", "3-502"),
    ("3栋502", "3-502"),
    ("3号楼502室", "3-502"),
    ("３－５－５０２", "3-5-502"),
    ("３栋５单元５０２", "3-5-502"),
    ("3—5—502", "3-5-502"),
    ("3–5–502", "3-5-502"),
    (" 3 栋 5 单元 502 ", "3-5-502"),
    ("3 - 5 - 502", "3-5-502"),
    ("03-05-0502", "3-5-502"),
    ("12-3-1802", "12-3-1802"),
    ("a-1-101", "A-1-101"),
    ("B2栋1单元101", "B2-1-101"),
])
def test_rooms_are_normalised(typed, stored):
    assert normalise_room(typed) == stored


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the room as building-unit-room, e.g. 3-5-502."),
    ("   ", "Enter the room as building-unit-room, e.g. 3-5-502."),
    ("五栋", "\"五\" is not part of a room: write it as building-unit-room, e.g. 3-5-502."),
    ("3/5/502", "\"/\" is not part of a room: write it as building-unit-room, e.g. 3-5-502."),
    ("3-5-502-1", "A room has at most three parts (building-unit-room); 4 were given."),
    ("35502", "Give the building and the room number, e.g. 3-5-502 or 3-502."),
    ("3楼", "Give the building and the room number, e.g. 3-5-502 or 3-502."),
    ("3号5单元", "3号5单元 is not a room: write it as building-unit-room (3-5-502) or building-room (3-502)."),
    ("ABCDE-1-101", "The building \"ABCDE\" is too long: at most 4 letters or digits."),
    ("3-123-502", "The unit number 123 is too long: a unit has at most 2 digits."),
    ("3-5-5020000", "The room number 5020000 is too long: a room has at most 5 digits."),
    ("0-1-101", "Building, unit and room numbers start at 1, not 0."),
    ("3-5-000", "Building, unit and room numbers start at 1, not 0."),
])
def test_what_is_not_a_room_is_refused_with_the_reason(typed, message):
    with pytest.raises(InvalidInput) as caught:
        normalise_room(typed)
    found = caught.value.problems
    assert [p.field for p in found] == ["room"]
    assert found[0].english() == message
    names = {n for _, n, _, _ in string.Formatter().parse(found[0].template) if n}
    assert names == set(found[0].params)


def test_the_field_can_be_named():
    with pytest.raises(InvalidInput) as caught:
        normalise_room("x", field="rows.3.room")
    assert caught.value.problems[0].field == "rows.3.room"
