"""What a guard typed (or a scanner sent) to find a resident at the gate, read as the
keys the residents list is searched by.

One box takes everything: a room ("3-5-502", "3栋5单元502"), the last four digits of a
phone, a whole phone, a plate (渝A12345), an ID number, or a resident-pass code. Text
that could be several things is looked up as each ("1234" is a phone tail or a pass
code); nothing is guessed beyond that, and a scan is looked up as a pass code only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from checkpoint_app.core.idcard import is_resident_id_like
from checkpoint_app.core.plates import looks_like_plate, parse_plate
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.rooms import normalise_room

__all__ = ["Lookup", "read_lookup", "PASS_CODE_MAX", "PHONE_TAIL_LEN"]

PASS_CODE_MAX = 40
PHONE_TAIL_LEN = 4
_PASS_CODE = re.compile(r"[0-9A-Za-z\-]{3,40}")


@dataclass(frozen=True)
class Lookup:
    """The keys to search by; empty when the text is none of them."""

    id_number: str | None = None
    phone: str | None = None
    phone_tail: str | None = None
    plate: str | None = None
    room: str | None = None
    pass_code: str | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.id_number, self.phone, self.phone_tail, self.plate, self.room,
                                           self.pass_code))


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def read_lookup(text: str, scanned: bool = False) -> Lookup:
    """The keys `text` can be looked up by (`scanned`: it came from a pass scanner)."""
    compact = _compact(text)
    if not compact:
        return Lookup()
    if scanned:
        return Lookup(pass_code=compact.upper()) if _PASS_CODE.fullmatch(compact) else Lookup()
    if is_resident_id_like(compact):
        return Lookup(id_number=compact.upper())
    if looks_like_plate(compact):
        return Lookup(plate=parse_plate(compact).text)
    if compact.isdigit() and len(compact) == 11 and compact.startswith("1"):
        return Lookup(phone=compact)
    pass_code = compact.upper() if _PASS_CODE.fullmatch(compact) else None  # stored upper-case (core/resident_rules.py)
    if compact.isdigit() and len(compact) == PHONE_TAIL_LEN:
        return Lookup(phone_tail=compact, pass_code=pass_code)
    room = None
    if not compact.isdigit():
        try:
            room = normalise_room(compact)
        except InvalidInput:
            room = None
    return Lookup(room=room, pass_code=pass_code)
