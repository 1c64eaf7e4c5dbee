"""Dates as Chinese users type them (core/loose_dates.py)."""

import string
from datetime import date

import pytest

from checkpoint_app.core.loose_dates import parse_loose_date
from checkpoint_app.core.problems import InvalidInput

TODAY = date(2020, 2, 10)


@pytest.mark.parametrize("typed, day", [
    ("2020-02-03", date(2020, 2, 3)),
    ("2020/2/3", date(2020, 2, 3)),
    ("2020.2.3", date(2020, 2, 3)),
    ("2020年2月3日", date(2020, 2, 3)),
    ("2020年2月3号", date(2020, 2, 3)),
    ("2020年2月3", date(2020, 2, 3)),
    ("2020 年 2 月 3 日", date(2020, 2, 3)),
    ("20200203", date(2020, 2, 3)),
    ("2020/2/3 0:00", date(2020, 2, 3)),
    ("2020-02-03 00:00:00", date(2020, 2, 3)),
    ("２０２０－０２－０３", date(2020, 2, 3)),
    ("2月3日", date(2020, 2, 3)),
    ("12月31日", date(2020, 12, 31)),  # this year, even after today (a quarantine's end)
    ("2.3", date(2020, 2, 3)),
    ("2/3", date(2020, 2, 3)),
    ("2-3", date(2020, 2, 3)),
    ("２．３", date(2020, 2, 3)),
    (" 2020/2/29 ", date(2020, 2, 29)),
])
def test_dates_are_read(typed, day):
    assert parse_loose_date(typed, TODAY, "end_date") == day


@pytest.mark.parametrize("typed, message", [
    ("", "Enter the date, e.g. 2020-02-03 or 2020年2月3日."),
    ("soon", "soon is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日."),
    ("20/2/3", "20/2/3 is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日."),
    ("2020-2/3", "2020-2/3 is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日."),
    ("2019/2/29", "2019/2/29: month 2 has no day 29."),
    ("2月30日", "2月30日: month 2 has no day 30."),
    ("13/2", "13/2: there is no month 13 (the month comes before the day)."),
    ("1800-01-01", "The year 1800 is out of range (1900 to 2100)."),
])
def test_what_is_not_a_date_is_refused_naming_the_field(typed, message):
    with pytest.raises(InvalidInput) as caught:
        parse_loose_date(typed, TODAY, "start_date")
    found = caught.value.problems
    assert [p.field for p in found] == ["start_date"]
    assert found[0].english() == message
    names = {n for _, n, _, _ in string.Formatter().parse(found[0].template) if n}
    assert names == set(found[0].params)
