"""What makes an acceptable desk PIN, and the lockout after wrong ones.

A PIN is 6 to 12 digits. Refused as too easy to guess: one digit repeated (000000),
runs up or down (123456, 987654), a short pattern repeated (121212, 123123, 112233),
the commonest PINs people choose, and the operator's own birth date (as it appears in
their ID number: 19900101, 900101, 010190, 0101) or the end of that ID number.
"""

from __future__ import annotations

import datetime as dt

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

PIN_MIN = 6
PIN_MAX = 12
MAX_FAILED = 5  # wrong PINs in a row before the lock
LOCK_MINUTES = 5

COMMON = frozenset({
    "123123", "121212", "112233", "520520", "521521", "147258", "159357", "123321", "654321", "111222",
    "123654", "147369", "789456", "456123", "131313", "5201314", "1314520", "696969", "168168", "888888",
})


def _runs(pin: str) -> bool:
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9}, {0})


def _repeated_pattern(pin: str) -> bool:
    return any(len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size) for size in (1, 2, 3))


def _pairs(pin: str) -> bool:
    """112233, 778899: each digit doubled in a run."""
    return len(pin) % 2 == 0 and all(pin[i] == pin[i + 1] for i in range(0, len(pin), 2)) and _runs(pin[::2])


def birth_date_forms(birth: dt.date) -> set[str]:
    y, m, d = f"{birth.year:04d}", f"{birth.month:02d}", f"{birth.day:02d}"
    return {y + m + d, y[2:] + m + d, d + m + y, d + m + y[2:], m + d + y, m + d + y[2:], m + d + m + d}


def check_pin(pin: str, birth: dt.date | None = None, id_number: str | None = None) -> str:
    """The PIN if acceptable; InvalidInput (field 'pin') saying why not."""
    if not pin.isascii() or not pin.isdigit():
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP("problems", "The PIN is digits only."))])
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "The PIN is {low} to {high} digits."), low=PIN_MIN, high=PIN_MAX)])
    if _runs(pin) or _repeated_pattern(pin) or _pairs(pin) or pin in COMMON:
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "This PIN is too easy to guess (a run, a repeat or a common PIN). Choose another."))])
    own = birth_date_forms(birth) if birth else set()
    if id_number and len(id_number) >= PIN_MIN:
        own.add(id_number[-len(pin):])
    if any(form in pin for form in own if len(form) >= PIN_MIN) or pin in own:
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "The PIN must not be your birth date or part of your ID number."))])
    return pin


def locked_until(failed: int, now: dt.datetime) -> dt.datetime | None:
    """After the MAX_FAILED-th wrong PIN in a row: when the lock ends."""
    return now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED else None
