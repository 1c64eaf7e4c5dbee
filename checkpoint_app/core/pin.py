"""What makes an acceptable desk PIN, and the lockout after wrong ones.

A PIN is 6 to 12 digits. Refused as too easy to guess:
- one digit repeated (000000) and runs up or down (123456, 987654, 890123),
- a pattern repeated (121212, 123123, 12341234, 456456),
- blocks of one digit that run (112233, 111222, 998877) and a run mirrored (123321),
- the commonest PINs people choose (520520, 147258, 5201314 …).
Refused as personal: any 6 digits in a row of the PIN that also stand in a row in the
operator's ID number (its region code, its end, its birth date) or in their birth date
written as yyyymmdd, yymmdd, ddmmyyyy, ddmmyy, mmddyyyy or mmddyy. So 19491231, 491231,
311249 and 194912 are all refused for someone born on 31 December 1949, and so is a
longer PIN with one of them inside. A 4-digit date alone (1231) is not refused: too
many PINs contain one by chance.
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
    "147852", "258369", "741852", "963852", "159753", "357951", "142536", "102030", "201314", "1314521",
})


def _runs(pin: str) -> bool:
    """Every step the same +1, -1 (wrapping 9→0) or 0: 345678, 876543, 890123, 444444."""
    steps = {(int(b) - int(a)) % 10 for a, b in zip(pin, pin[1:], strict=False)}
    return steps in ({1}, {9}, {0})


def _repeated_pattern(pin: str) -> bool:
    """121212, 123123, 12341234: a shorter pattern written again and again."""
    return any(len(pin) % size == 0 and pin == pin[:size] * (len(pin) // size) for size in range(1, len(pin) // 2 + 1))


def _blocks(pin: str) -> bool:
    """112233, 111222, 998877, 11112222: equal blocks of one digit each, the blocks a run."""
    for size in range(2, len(pin) // 2 + 1):
        if len(pin) % size:
            continue
        blocks = [pin[i:i + size] for i in range(0, len(pin), size)]
        if all(len(set(block)) == 1 for block in blocks) and _runs("".join(block[0] for block in blocks)):
            return True
    return False


def _mirrored_run(pin: str) -> bool:
    """123321, 654456: a run and the same run backwards."""
    half = len(pin) // 2
    return len(pin) % 2 == 0 and pin == pin[::-1] and _runs(pin[:half])


def too_easy(pin: str) -> bool:
    return _runs(pin) or _repeated_pattern(pin) or _blocks(pin) or _mirrored_run(pin) or pin in COMMON


def birth_date_forms(birth: dt.date) -> set[str]:
    y, m, d = f"{birth.year:04d}", f"{birth.month:02d}", f"{birth.day:02d}"
    return {y + m + d, y[2:] + m + d, d + m + y, d + m + y[2:], m + d + y, m + d + y[2:]}


def personal(pin: str, birth: dt.date | None, id_number: str | None) -> bool:
    """Whether PIN_MIN digits in a row of the PIN stand in a row in the ID number or
    in one of the ways of writing the birth date."""
    own = birth_date_forms(birth) if birth else set()
    if id_number:
        own.add(id_number.strip().upper())
    windows = {pin[i:i + PIN_MIN] for i in range(len(pin) - PIN_MIN + 1)}
    return any(window in text for window in windows for text in own)


def check_pin(pin: str, birth: dt.date | None = None, id_number: str | None = None) -> str:
    """The PIN if acceptable; InvalidInput (field 'pin') saying why not."""
    if pin and (not pin.isascii() or not pin.isdigit()):
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP("problems", "The PIN is digits only."))])
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "The PIN is {low} to {high} digits."), low=PIN_MIN, high=PIN_MAX)])
    if too_easy(pin):
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "This PIN is too easy to guess (a run, a repeat or a common PIN). Choose another."))])
    if personal(pin, birth, id_number):
        raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
            "problems", "The PIN must not be your birth date or part of your ID number."))])
    return pin


def locked_until(failed: int, now: dt.datetime) -> dt.datetime | None:
    """After the MAX_FAILED-th wrong PIN in a row: when the lock ends."""
    return now + dt.timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED else None
