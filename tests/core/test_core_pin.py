"""Desk PINs: what is refused and with which message (table-driven), and when the lock
after wrong PINs starts and ends."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.pin import LOCK_MINUTES, MAX_FAILED, check_pin, locked_until
from checkpoint_app.core.problems import InvalidInput

BIRTH = dt.date(1949, 12, 31)
ID_NUMBER = "110105194912310021"  # born 31 Dec 1949 (only the digits matter here, not the check character)

DIGITS = "The PIN is digits only."
LENGTH = "The PIN is 6 to 12 digits."
EASY = "This PIN is too easy to guess (a run, a repeat or a common PIN). Choose another."
PERSONAL = "The PIN must not be your birth date or part of your ID number."

REFUSED = [
    # (PIN, birth date, ID number, message)
    ("", None, None, LENGTH),
    ("12345", None, None, LENGTH),
    ("24681", None, None, LENGTH),
    ("2468135790246", None, None, LENGTH),
    ("24681a", None, None, DIGITS),
    ("246 813", None, None, DIGITS),
    ("２４６８１３", None, None, DIGITS),  # full-width digits from a Chinese input method
    ("-246813", None, None, DIGITS),
    ("123456", None, None, EASY),
    ("000000", None, None, EASY),
    ("999999999", None, None, EASY),
    ("654321", None, None, EASY),
    ("987654", None, None, EASY),
    ("890123", None, None, EASY),  # a run wrapping past 9
    ("121212", None, None, EASY),
    ("123123", None, None, EASY),
    ("12341234", None, None, EASY),
    ("456456456456", None, None, EASY),
    ("112233", None, None, EASY),
    ("778899", None, None, EASY),
    ("111222", None, None, EASY),
    ("998877", None, None, EASY),
    ("11112222", None, None, EASY),
    ("123321", None, None, EASY),
    ("654456", None, None, EASY),
    ("520520", None, None, EASY),
    ("5201314", None, None, EASY),
    ("147258", None, None, EASY),
    ("19491231", BIRTH, None, PERSONAL),
    ("491231", BIRTH, None, PERSONAL),
    ("311249", BIRTH, None, PERSONAL),
    ("31121949", BIRTH, None, PERSONAL),
    ("123149", BIRTH, None, PERSONAL),
    ("194912", BIRTH, None, PERSONAL),  # six digits of the 8-digit birth date
    ("7194912317", BIRTH, None, PERSONAL),  # the birth date inside a longer PIN
    ("19491231", None, ID_NUMBER, PERSONAL),  # the birth date found in the ID number alone
    ("491231", None, ID_NUMBER, PERSONAL),
    ("310021", None, ID_NUMBER, PERSONAL),  # the end of the ID number
    ("110105", None, ID_NUMBER, PERSONAL),  # its region code
    ("31002x", None, None, DIGITS),
]


@pytest.mark.parametrize(("pin", "birth", "id_number", "message"), REFUSED, ids=[r[0] or "empty" for r in REFUSED])
def test_refused_pins_say_why(pin, birth, id_number, message):
    with pytest.raises(InvalidInput) as caught:
        check_pin(pin, birth, id_number)
    (found,) = caught.value.problems
    assert found.field == "pin"
    assert found.english() == message


ACCEPTED = [
    ("246813", None, None),
    ("135792", None, None),
    ("246810", BIRTH, ID_NUMBER),  # the demo supervisor's PIN
    ("135790", BIRTH, ID_NUMBER),  # the demo guard's PIN
    ("123179", BIRTH, ID_NUMBER),  # holds 1231 (a 4-digit date alone is allowed)
    ("491230", BIRTH, ID_NUMBER),  # one digit off the birth date
    ("830517294", None, None),
    ("112234", None, None),  # almost blocks
    ("123457", None, None),  # almost a run
    ("738291046381", None, None),
]


@pytest.mark.parametrize(("pin", "birth", "id_number"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_acceptable_pins_pass(pin, birth, id_number):
    assert check_pin(pin, birth, id_number) == pin


def test_birth_date_is_refused_only_for_its_owner():
    assert check_pin("491231") == "491231"
    assert check_pin("19491231", dt.date(1950, 1, 1)) == "19491231"


def test_the_lock_starts_at_the_fifth_wrong_pin_and_lasts_five_minutes():
    now = dt.datetime(2026, 11, 29, 1, 0, tzinfo=dt.timezone.utc)
    assert [locked_until(n, now) for n in range(MAX_FAILED)] == [None] * MAX_FAILED
    assert MAX_FAILED == 5 and LOCK_MINUTES == 5
    assert locked_until(MAX_FAILED, now) == now + dt.timedelta(minutes=5)
