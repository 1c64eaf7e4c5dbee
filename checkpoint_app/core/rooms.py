"""Rooms of a residential compound, written the way compounds write them.

A property office's list, a guard and a resident write the same flat as "3-5-502",
"3栋5单元502", "3号楼5单元502室", "3幢5单元502" or "３－５－５０２". The register keeps one
form, "building-unit-room" ("3-5-502"; "3-502" where the building has no units), so the
gate finds a resident by room whatever way it was typed and the watchlist's rooms match
the residents'. Anything that is not a room is refused with what is wrong, never guessed.

Building: digits or capital letters (A栋, 12栋), up to 4 characters; unit: 1-2 digits;
room: 1-5 digits. Leading zeros are dropped ("03-05-0502" -> "3-5-502").
"""

from __future__ import annotations

import re
import unicodedata

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = ["normalise_room", "ROOM_MAX_LEN"]

ROOM_MAX_LEN = 30  # resident.room / watch.room
_FIELD = "room"
_DASHES = str.maketrans({c: "-" for c in "－—–‐‑‒−﹣_"})
_MARKERS = ("号楼", "单元", "栋", "幢", "座", "楼", "号", "室", "房", "#")
_ALLOWED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-#栋幢座楼号单元室房")
# building, its marker; optional unit with its marker; the room with an optional suffix
_ROOM = re.compile(
    r"(?P<b>[0-9A-Z]+)(?:号楼|栋|幢|座|楼|号|#|-)-?"
    r"(?:(?P<u>[0-9]+)(?:单元-?|-))?"
    r"(?P<r>[0-9]+)(?:室|号|房)?")


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def _compact(text: str) -> str:
    """Full-width to ASCII, dash look-alikes to '-', no spaces, capitals."""
    return "".join(unicodedata.normalize("NFKC", text or "").translate(_DASHES).split()).upper()


def normalise_room(text: str, field: str = _FIELD) -> str:
    """"3栋5单元502室" -> "3-5-502", "3-502" -> "3-502"; InvalidInput (field `field`)
    saying what is wrong otherwise."""
    room = _compact(text)
    if not room:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the room as building-unit-room, e.g. 3-5-502."))
    bad = next((c for c in room if c not in _ALLOWED), None)
    if bad is not None:
        raise _fail(field, QT_TRANSLATE_NOOP(
            "problems", "\"{char}\" is not part of a room: write it as building-unit-room, e.g. 3-5-502."), char=bad)
    match = _ROOM.fullmatch(room)
    if match is None:
        parts = [p for p in re.split("|".join(_MARKERS) + "|-", room) if p]
        if len(parts) > 3:
            raise _fail(field, QT_TRANSLATE_NOOP(
                "problems", "A room has at most three parts (building-unit-room); {count} were given."), count=len(parts))
        if len(parts) < 2:
            raise _fail(field, QT_TRANSLATE_NOOP(
                "problems", "Give the building and the room number, e.g. 3-5-502 or 3-502."))
        raise _fail(field, QT_TRANSLATE_NOOP(
            "problems", "{text} is not a room: write it as building-unit-room (3-5-502) or building-room (3-502)."),
            text=room)
    building, unit, number = match.group("b"), match.group("u"), match.group("r")
    building = str(int(building)) if building.isdigit() else building.lstrip("0") or "0"
    if len(building) > 4:
        raise _fail(field, QT_TRANSLATE_NOOP(
            "problems", "The building \"{building}\" is too long: at most 4 letters or digits."), building=building)
    if unit is not None and len(unit.lstrip("0")) > 2:
        raise _fail(field, QT_TRANSLATE_NOOP(
            "problems", "The unit number {unit} is too long: a unit has at most 2 digits."), unit=unit)
    if len(number.lstrip("0")) > 5:
        raise _fail(field, QT_TRANSLATE_NOOP(
            "problems", "The room number {number} is too long: a room has at most 5 digits."), number=number)
    values = [building, *([str(int(unit))] if unit is not None else []), str(int(number))]
    if "0" in values:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Building, unit and room numbers start at 1, not 0."))
    return "-".join(values)
