"""The arrival date (到达日期): read what the guard typed, and say when it needs a second look.

A date typed without a year is taken as the most recent such day, so "12-25" typed on
2026-11-29 means 2025-12-25: 339 days ago, far outside any observation window. One
slip of a digit like that turns a key-area refusal into an admission without a word.
So the form shows the date as read, with its year, while it is typed, and a date after
today or more than `confirm_days` back counts only once the guard has confirmed it
(`check_confirmed`). A date after today is possible only with the year typed out, or
when the laptop's clock is behind: it is confirmed, not refused, and the key-area rule
counts it as day 0 (inside the window), never as outside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = [
    "DEFAULT_CONFIRM_DAYS", "MIN_CONFIRM_DAYS", "MAX_CONFIRM_DAYS", "Reading",
    "parse_day", "read_arrival", "check_confirmed", "check_confirm_days",
]

DEFAULT_CONFIRM_DAYS = 60
MIN_CONFIRM_DAYS = 1
MAX_CONFIRM_DAYS = 365

_DATE_FORMS = (
    re.compile(r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?$"),
)
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．", "0123456789-/.")


def parse_day(text: str, today: dt.date, field_name: str) -> dt.date | None:
    """Parse 2026-11-20, 2026/11/20, 20261120, 11-20 or 11月20日 (a date without a year
    is the most recent such day, never one in the future). Empty gives None."""
    raw = text.strip().translate(_FULLWIDTH)
    if not raw:
        return None
    for form in _DATE_FORMS:
        match = form.match(raw)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts["y"]) if parts.get("y") else today.year
        try:
            day = dt.date(year, int(parts["m"]), int(parts["d"]))
        except ValueError:
            raise InvalidInput([problem(field_name, QT_TRANSLATE_NOOP("problems", "{text} is not a real date."), text=raw)]) from None
        if not parts.get("y") and day > today:
            day = day.replace(year=year - 1)
        return day
    raise InvalidInput([problem(field_name, QT_TRANSLATE_NOOP("problems", "Type the date as 2026-11-20 or 11-20."))])


@dataclass(frozen=True)
class Reading:
    """An arrival date as read, and whether the guard must confirm it."""

    day: dt.date
    days_ago: int  # negative: after today
    needs_confirmation: bool

    @property
    def future(self) -> bool:
        return self.days_ago < 0


def read_arrival(day: dt.date, today: dt.date, confirm_days: int) -> Reading:
    """After today, or more than `confirm_days` days back: the guard confirms it."""
    days_ago = (today - day).days
    return Reading(day, days_ago, days_ago < 0 or days_ago > confirm_days)


def check_confirmed(reading: Reading, confirmed: bool, field: str = "arrival_confirmed") -> None:
    """Raise InvalidInput for an unusual date the guard has not confirmed."""
    if not reading.needs_confirmation or confirmed:
        return
    if reading.future:
        raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "Arrival read as {date}, after today: correct the date, or tick “date is right”."), date=reading.day.isoformat())])
    raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "Arrival read as {date}, {days} days ago: correct the date, or tick “date is right”."), date=reading.day.isoformat(), days=reading.days_ago)])


def check_confirm_days(value: object) -> int:
    """The setting: how many days back an arrival date may be without a confirmation."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_CONFIRM_DAYS <= value <= MAX_CONFIRM_DAYS:
        raise InvalidInput([problem("arrival_confirm_days", QT_TRANSLATE_NOOP("problems", "Arrival dates are checked from {low} to {high} days back, not {days}."), low=MIN_CONFIRM_DAYS, high=MAX_CONFIRM_DAYS, days=value)])
    return value
