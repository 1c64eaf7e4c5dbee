"""Realistic synthetic residents for demo registers and benchmarks (issue 8).

A compound of 12 buildings, 3 units each, 18 floors with 2 flats a floor ("1-1-101" to
"12-3-1802"); each household 1 to 4 people sharing a surname, most with their own phone
(a child often gives a parent's), mostly Chongqing ID numbers; about a third of the
households have a car (渝A… plates, some new-energy), most people a resident-pass code
("JB" + six digits, unique). Everything is valid by core/resident_rules.py: the rows go
through the same import as a real list (`demo_preview` builds its preview).

The same (n, seed) always gives the same residents. Never real people: names are
random combinations and ID numbers synthetic (valid check characters, random serials).
"""

from __future__ import annotations

import datetime as dt
import random

from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.resident_import import ImportedRow, ImportPreview
from checkpoint_app.core.resident_rules import FIELDS, ResidentDraft, validate_resident

from checkpoint_app.services.demo import GIVEN, REGIONS, SURNAMES

__all__ = ["demo_residents", "demo_preview", "rooms"]

BUILDINGS, UNITS, FLOORS, FLATS = 12, 3, 18, 2
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # never I or O


def rooms() -> list[str]:
    """Every flat of the demo compound, "1-1-101" … "12-3-1802"."""
    return [f"{b}-{u}-{f}{n:02d}" for b in range(1, BUILDINGS + 1) for u in range(1, UNITS + 1)
            for f in range(1, FLOORS + 1) for n in range(1, FLATS + 1)]


def _id_number(rng: random.Random, birth: dt.date, used: set[str]) -> str:
    while True:
        first17 = f"{rng.choice(REGIONS['50'])}{birth:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + check_character(first17)
        if number not in used:
            used.add(number)
            return number


def _plate(rng: random.Random) -> str:
    if rng.random() < 0.15:  # small new energy: 渝AD + letter/digit + four digits
        return f"渝A{rng.choice('DF')}{rng.choice(_PLATE_LETTERS + '0123456789')}{rng.randrange(10**4):04d}"
    chars = [rng.choice("0123456789") for _ in range(5)]
    for place in rng.sample(range(5), rng.choice((0, 1, 1, 2))):
        chars[place] = rng.choice(_PLATE_LETTERS)
    return f"渝{rng.choice('ABCDFGH')}" + "".join(chars)


def demo_residents(n: int, seed: int = 2020) -> list[ResidentDraft]:
    """`n` residents in households, flats filled in order (more than the compound's 1,296
    flats share flats again from the first)."""
    rng = random.Random(seed)
    flats = rooms()
    out: list[ResidentDraft] = []
    ids: set[str] = set()
    phones: set[str] = set()
    household = 0
    pass_numbers = rng.sample(range(10**6), n)
    while len(out) < n:
        room = flats[household % len(flats)]
        household += 1
        surname = rng.choice(SURNAMES)
        size = min(rng.choice((1, 2, 2, 3, 3, 3, 4)), n - len(out))
        parent_phone = ""
        plates = "、".join(_plate(rng) for _ in range(rng.choice((1, 1, 1, 2)))) if rng.random() < 0.35 else ""
        for member in range(size):
            name = surname + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
            child = member >= 2
            birth = dt.date(2005 if child else 1945, 1, 1) + dt.timedelta(days=rng.randrange(365 * (14 if child else 55)))
            phone = ""
            if not child or rng.random() < 0.3:
                while not phone or phone in phones:
                    phone = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
                phones.add(phone)
                parent_phone = parent_phone or phone
            elif parent_phone and rng.random() < 0.5:
                phone = parent_phone  # a child gives a parent's phone
            out.append(ResidentDraft(
                name=name, room=room, phone=phone,
                id_number=_id_number(rng, birth, ids) if rng.random() < 0.9 else "",
                plates=plates if member == 0 else "",
                pass_code=f"JB{pass_numbers[len(out)]:06d}" if rng.random() < 0.85 else ""))
    return out


def demo_preview(n: int, seed: int = 2020, today: dt.date | None = None) -> ImportPreview:
    """The demo residents as an import preview, for ResidentsService.import_rows (one
    transaction, the same path as a real list)."""
    today = today or dt.date.today()
    valid = [ImportedRow(line, validate_resident(draft, today))
             for line, draft in enumerate(demo_residents(n, seed), start=2)]
    return ImportPreview(source="demo", kind="demo", headers=FIELDS, fields=frozenset(FIELDS), valid=valid)
