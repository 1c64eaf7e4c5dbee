"""What makes a resident record valid: one rule set for a row of an imported list and
for a resident added or edited by hand (services/residents.py), so both say the same.

A resident needs a name and a room; the phone, ID number, plates and resident-pass
code are optional, each checked by the project's own rule for it (core/text, rooms,
phone, idcard, plates). Every problem of a record is collected at once. Values a
spreadsheet prefixes with an apostrophe to keep them text ('420102..., '138...) are
read without it; nothing else is changed silently.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from checkpoint_app.core.idcard import DocType, normalise_document_number, parse_resident_id
from checkpoint_app.core.phone import normalise_phone
from checkpoint_app.core.plates import parse_plate
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.rooms import normalise_room
from checkpoint_app.core.text import normalise_name

__all__ = ["ResidentDraft", "ValidResident", "validate_resident", "split_plates", "FIELDS", "PASS_CODE_MAX_LEN"]

FIELDS = ("name", "room", "phone", "id_number", "plates", "pass_code")
PASS_CODE_MAX_LEN = 40
MAX_PLATES = 10
_PLATE_SEPARATORS = re.compile(r"[、,，;；/]+")
_PASS_CODE = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-")


@dataclass(frozen=True)
class ResidentDraft:
    """A resident as typed or as read from one row of a list (all text)."""

    name: str = ""
    room: str = ""
    phone: str = ""
    id_number: str = ""
    plates: str = ""  # several separated by 、 , ， ; or spaces
    pass_code: str = ""


@dataclass(frozen=True, slots=True)
class ValidResident:
    """A checked resident, normalised as the register stores it."""

    name: str
    room: str
    phone: str | None
    id_number: str | None
    plates: tuple[str, ...]
    pass_code: str | None

    @property
    def phone_tail(self) -> str | None:
        """The last four digits of the phone, for the gate's lookup."""
        return self.phone[-4:] if self.phone else None


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def _unquoted(text: str) -> str:
    """Without the apostrophe a spreadsheet puts before a number kept as text."""
    text = (text or "").strip()
    return text[1:].strip() if text.startswith(("'", "’", "‘")) else text


def _phone(text: str) -> str:
    compact = "".join(unicodedata.normalize("NFKC", text).split())
    foreign = compact.startswith(("+", "00")) and not compact.startswith(("+86", "0086"))
    return normalise_phone(text, foreign=foreign, field="phone")


def _id_number(text: str, today: dt.date) -> str:
    compact = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    if compact[:1].isalpha():  # a passport or a Hong Kong/Macau permit, never a resident ID
        return normalise_document_number(DocType.OTHER, compact)
    return parse_resident_id(compact, today, "id_number").number


def split_plates(text: str) -> list[str]:
    """The plates written in one cell: separated by 、 , ， ; ； / or, where the whole
    cannot be one plate, by spaces ("渝A 12345" is one plate, "渝A12345 渝B23456" two)."""
    plates: list[str] = []
    for piece in _PLATE_SEPARATORS.split(unicodedata.normalize("NFKC", text or "")):
        piece = piece.strip()
        if not piece:
            continue
        words = piece.split()
        if len(words) > 1:
            try:
                parse_plate(piece)
            except InvalidInput:
                plates.extend(words)
                continue
        plates.append(piece)
    return plates


def _plates(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for written in split_plates(text):
        plate = parse_plate(written, field="plates").text
        if plate not in found:
            found.append(plate)
    if len(found) > MAX_PLATES:
        raise _fail("plates", QT_TRANSLATE_NOOP(
            "problems", "{count} plates for one resident; at most {limit} are kept."), count=len(found), limit=MAX_PLATES)
    return tuple(found)


def _pass_code(text: str) -> str:
    code = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    bad = next((c for c in code if c not in _PASS_CODE), None)
    if bad is not None:
        raise _fail("pass_code", QT_TRANSLATE_NOOP(
            "problems", "A resident-pass code contains only letters, digits and dashes, not \"{char}\"."), char=bad)
    if len(code) > PASS_CODE_MAX_LEN:
        raise _fail("pass_code", QT_TRANSLATE_NOOP(
            "problems", "The resident-pass code has {count} characters; at most {limit} are allowed."),
            count=len(code), limit=PASS_CODE_MAX_LEN)
    return code


def validate_resident(draft: ResidentDraft, today: dt.date) -> ValidResident:
    """The resident `draft` describes, normalised; InvalidInput with every problem
    (fields "name", "room", "phone", "id_number", "plates", "pass_code") otherwise."""
    problems: list[Problem] = []

    def check(rule, text: str, optional: bool = True):  # type: ignore[no-untyped-def]
        if optional and not text:
            return None
        try:
            return rule(text)
        except InvalidInput as bad:
            problems.extend(bad.problems)
            return None

    name = check(lambda t: normalise_name(t, "name"), draft.name, optional=False)
    room = check(normalise_room, _unquoted(draft.room), optional=False)
    phone = check(_phone, _unquoted(draft.phone))
    id_number = check(lambda t: _id_number(t, today), _unquoted(draft.id_number))
    plates = check(_plates, _unquoted(draft.plates))
    pass_code = check(_pass_code, _unquoted(draft.pass_code))
    if problems:
        raise InvalidInput(problems)
    return ValidResident(name, room, phone, id_number, plates or (), pass_code)
