"""The arrival date: how typed text is read, and which dates the guard must confirm."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.arrival import (
    DEFAULT_CONFIRM_DAYS,
    check_confirm_days,
    check_confirmed,
    parse_day,
    read_arrival,
)
from checkpoint_app.core.problems import InvalidInput

TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(("typed", "read"), [
    ("2026-11-20", "2026-11-20"),
    ("2026/11/20", "2026-11-20"),
    ("2026.11.2", "2026-11-02"),
    ("2026年11月20日", "2026-11-20"),
    ("20261120", "2026-11-20"),
    ("11-20", "2026-11-20"),
    ("11月20日", "2026-11-20"),
    ("１１－２０", "2026-11-20"),          # full-width digits from an input method
    ("11-29", "2026-11-29"),              # today
    ("11-30", "2025-11-30"),              # no year: never after today, so last year
    ("12-25", "2025-12-25"),              # the slip of issue 5: a year back, not this December
    ("2027-01-05", "2027-01-05"),         # with the year typed, a later date stays as typed
])
def test_dates_are_read_with_their_year(typed, read):
    assert parse_day(typed, TODAY, "arrival_date").isoformat() == read


@pytest.mark.parametrize(("typed", "message"), [
    ("2026-02-30", "2026-02-30 is not a real date."),
    ("13-01", "13-01 is not a real date."),
    ("2-29", "2-29 is not a real date."),  # 2026 has no 29 February
    ("yesterday", "Type the date as 2026-11-20 or 11-20."),
    ("11 20", "Type the date as"),
])
def test_unreadable_dates_are_refused(typed, message):
    with pytest.raises(InvalidInput) as caught:
        parse_day(typed, TODAY, "arrival_date")
    (only,) = caught.value.problems
    assert only.field == "arrival_date" and message in only.english()


def test_empty_is_no_date():
    assert parse_day("  ", TODAY, "arrival_date") is None


@pytest.mark.parametrize(("day", "confirm_days", "days_ago", "needs"), [
    ("2026-11-29", 60, 0, False),         # today
    ("2026-11-20", 60, 9, False),
    ("2026-09-30", 60, 60, False),        # exactly the limit: still fine
    ("2026-09-29", 60, 61, True),         # one day more
    ("2025-12-25", 60, 339, True),        # "12-25" read as last year
    ("2026-11-30", 60, -1, True),         # after today (year typed, or the clock is behind)
    ("2027-11-29", 60, -365, True),
    ("2026-11-22", 7, 7, False),          # the setting moves the limit
    ("2026-11-21", 7, 8, True),
    ("2025-11-30", 365, 364, False),      # the largest setting lets any year-less date through
])
def test_unusual_dates_need_confirmation(day, confirm_days, days_ago, needs):
    reading = read_arrival(dt.date.fromisoformat(day), TODAY, confirm_days)
    assert (reading.days_ago, reading.needs_confirmation, reading.future) == (days_ago, needs, days_ago < 0)


@pytest.mark.parametrize(("day", "confirmed", "message"), [
    ("2025-12-25", False, "Arrival read as 2025-12-25, 339 days ago: correct the date, or tick “date is right”."),
    ("2026-12-01", False, "Arrival read as 2026-12-01, after today"),
    ("2025-12-25", True, None),
    ("2026-12-01", True, None),
    ("2026-11-20", False, None),
])
def test_confirmation_is_required_only_for_unusual_dates(day, confirmed, message):
    reading = read_arrival(dt.date.fromisoformat(day), TODAY, DEFAULT_CONFIRM_DAYS)
    if message is None:
        check_confirmed(reading, confirmed)
        return
    with pytest.raises(InvalidInput) as caught:
        check_confirmed(reading, confirmed)
    (only,) = caught.value.problems
    assert only.field == "arrival_confirmed"
    assert message in only.english()


@pytest.mark.parametrize(("value", "ok"), [
    (60, True), (1, True), (365, True), (0, False), (366, False), (-5, False), ("60", False), (True, False), (6.5, False),
])
def test_confirm_days_setting(value, ok):
    if ok:
        assert check_confirm_days(value) == value
        return
    with pytest.raises(InvalidInput) as caught:
        check_confirm_days(value)
    assert caught.value.problems[0].field == "arrival_confirm_days"
    assert f"not {value}" in caught.value.problems[0].english()
