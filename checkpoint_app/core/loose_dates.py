"""Dates as Chinese users type them into a spreadsheet or a form.

The watchlist's start and end dates and a resident's moved-out day arrive as
"2020-02-03", "2020/2/3", "2020.2.3", "2020年2月3日", "20200203", or without the year:
"2月3日", "2.3", "2/3", "2-3" (month first, as Chinese writes dates; this year, taken
from `today`). A time Excel appended ("2020/2/3 0:00") is ignored. Full-width digits
and punctuation are read as ASCII. Excel's serial dates never reach this module: the
XLSX reader gets them from openpyxl as datetimes. What is not a date is refused with
the field named, never guessed (no two-digit years, no day-first order).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = ["parse_loose_date", "MIN_YEAR", "MAX_YEAR"]

MIN_YEAR, MAX_YEAR = 1900, 2100
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_FORMS = [
    re.compile(r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})" + _TIME),
    re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?" + _TIME),
    re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"),
    re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?"),
    re.compile(r"(?P<m>\d{1,2})(?P<s>[-/.])(?P<d>\d{1,2})"),
]


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def parse_loose_date(text: str, today: dt.date, field: str) -> dt.date:
    """The date `text` names (a year-less date falls in `today`'s year); InvalidInput
    on `field` saying what is wrong."""
    raw = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not raw:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the date, e.g. 2020-02-03 or 2020年2月3日."))
    compact = raw.replace(" ", "") if "年" in raw or "月" in raw else raw
    for form in _FORMS:
        match = form.fullmatch(compact)
        if match is None:
            continue
        parts = match.groupdict()
        year = int(parts["y"]) if parts.get("y") else today.year
        month, day = int(parts["m"]), int(parts["d"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise _fail(field, QT_TRANSLATE_NOOP(
                "problems", "The year {year} is out of range ({low} to {high})."), year=year, low=MIN_YEAR, high=MAX_YEAR)
        if not 1 <= month <= 12:
            raise _fail(field, QT_TRANSLATE_NOOP(
                "problems", "{text}: there is no month {month} (the month comes before the day)."), text=raw, month=month)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _fail(field, QT_TRANSLATE_NOOP(
                "problems", "{text}: month {month} has no day {day}."), text=raw, month=month, day=day) from None
    raise _fail(field, QT_TRANSLATE_NOOP(
        "problems", "{text} is not a date: write it as 2020-02-03, 2020/2/3, 2020年2月3日 or 2月3日."), text=raw)
