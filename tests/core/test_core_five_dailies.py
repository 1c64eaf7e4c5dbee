"""The five dailies (core/five_dailies.py): the eight items and their due times, what
is overdue when, and a fever reading proposing referral."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.five_dailies import (
    BY_CODE,
    CODES,
    ItemState,
    check_item,
    item_state,
    overdue,
    read_temperature,
)
from checkpoint_app.core.problems import InvalidInput

CST = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2020, 2, 2)


def at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), CST)


def test_the_eight_items_and_their_due_times():
    assert {code: BY_CODE[code].due.strftime("%H:%M") for code in CODES} == {
        "call": "18:00", "supplies": "18:00", "rubbish": "18:00", "temp_am": "10:00", "temp_pm": "20:00",
        "disinfect_1": "10:00", "disinfect_2": "15:00", "disinfect_3": "20:00"}
    assert [code for code in CODES if BY_CODE[code].reading] == ["temp_am", "temp_pm"]


@pytest.mark.parametrize(("code", "done", "now", "day", "expected"), [
    ("temp_pm", False, at(20, 0), DAY, False),  # due by 20:00: not late at 20:00
    ("temp_pm", False, at(20, 1), DAY, True),  # the evening reading after 20:00
    ("temp_pm", True, at(23, 0), DAY, False),
    ("temp_am", False, at(9, 59), DAY, False),
    ("temp_am", False, at(10, 1), DAY, True),
    ("disinfect_2", False, at(15, 30), DAY, True),
    ("call", False, at(17, 0), DAY, False),
    ("call", False, at(8, 0, DAY + dt.timedelta(days=1)), DAY, True),  # yesterday's, undone
    ("call", False, at(23, 0, DAY - dt.timedelta(days=1)), DAY, False),  # tomorrow's
    ("call", True, at(8, 0, DAY + dt.timedelta(days=1)), DAY, False),
])
def test_overdue(code, done, now, day, expected):
    assert overdue(BY_CODE[code], done, now, day) is expected


def test_overdue_defaults_to_nows_day():
    assert overdue(BY_CODE["temp_am"], False, at(11, 0))
    assert not overdue(BY_CODE["temp_am"], False, at(9, 0))


@pytest.mark.parametrize(("code", "done", "reading", "now", "expected"), [
    ("temp_am", False, None, at(9, 0), ItemState.PENDING),
    ("temp_am", False, None, at(11, 0), ItemState.OVERDUE),
    ("temp_am", True, 365, at(11, 0), ItemState.DONE),
    ("temp_am", True, 373, at(11, 0), ItemState.FEVER),  # at the threshold
    ("temp_pm", True, 372, at(21, 0), ItemState.DONE),
    ("rubbish", True, None, at(21, 0), ItemState.DONE),
])
def test_item_state(code, done, reading, now, expected):
    assert item_state(BY_CODE[code], done, reading, now, DAY, 373) is expected


def test_item_state_uses_the_stations_threshold():
    assert item_state(BY_CODE["temp_am"], True, 375, at(9, 0), DAY, 380) is ItemState.DONE


@pytest.mark.parametrize(("text", "tenths", "fever", "low"), [
    ("36.5", 365, False, False),
    ("３７．３℃", 373, True, False),
    ("38,2", 382, True, False),
    ("35.0", 350, False, True),
])
def test_readings(text, tenths, fever, low):
    reading = read_temperature(text, 373)
    assert (reading.tenths, reading.fever, reading.low) == (tenths, fever, low)


@pytest.mark.parametrize(("text", "message"), [
    ("", "Enter the temperature."),
    ("365", "Type the decimal point: did you mean 36.5?"),
])
def test_bad_readings_say_why(text, message):
    with pytest.raises(InvalidInput) as caught:
        read_temperature(text)
    assert [(p.field, p.english()) for p in caught.value.problems] == [("reading", message)]


def test_an_unknown_item_is_refused():
    with pytest.raises(InvalidInput) as caught:
        check_item("laundry")
    assert caught.value.problems[0].english() == "There is no daily item called laundry."
    assert check_item("call") is BY_CODE["call"]
