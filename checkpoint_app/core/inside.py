"""Who is inside (在内人员): the visitors and visitor vehicles that came in and have not
been checked out, what counts as "late", and the two station settings behind them.

An entry counts as inside when it is a passage coming in, not void, let in (decision
admit), either a person on foot who is not a resident or a vehicle (every vehicle is a
visitor vehicle until residents' vehicles are recognised: a passage whose lead person
was found on the residents list is left out), entered within the last `inside_days`
days (today counting as the first), and no exit that is not void closes it (an exit's
`exit_of` is the UUID of the entry it closes; an exit closing the entry a correction
replaced closes the correction too). Older open entries are taken to have left unseen:
a gate register is not a census, and a visitor who left by another gate must not stay
"inside" for ever.

Late (highlighted): still inside past the late hour today (e.g. 22:00), or entered on an
earlier day. The SQL that finds the rows is db/inside_queries.py; this module holds the
rules it is checked against and the row the screens get.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

DEFAULT_LATE_HOUR = "22:00"
DEFAULT_INSIDE_DAYS, MIN_INSIDE_DAYS, MAX_INSIDE_DAYS = 3, 1, 14

_HOUR = re.compile(r"^(\d{1,2}):(\d{2})$")


def check_late_hour(value: Any) -> str:
    """The setting "inside_late_hour": a time of day as HH:MM (24-hour), stored zero-padded."""
    found = _HOUR.match(value.strip()) if isinstance(value, str) else None
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        raise InvalidInput([problem("inside_late_hour", QT_TRANSLATE_NOOP(
            "problems", "The late hour is a time of day such as 22:00 (hours 00-23, minutes 00-59)."))])
    return f"{int(found[1]):02d}:{found[2]}"


def check_inside_days(value: Any) -> int:
    """The setting "inside_days": how many days (today included) an open entry counts as inside."""
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_INSIDE_DAYS <= value <= MAX_INSIDE_DAYS:
        raise InvalidInput([problem("inside_days", QT_TRANSLATE_NOOP(
            "problems", "An entry counts as inside for {low} to {high} days."), low=MIN_INSIDE_DAYS,
            high=MAX_INSIDE_DAYS)])
    return value


def late_time(value: str) -> dt.time:
    """The stored late hour as a time of day."""
    hours, minutes = check_late_hour(value).split(":")
    return dt.time(int(hours), int(minutes))


def first_day(day: dt.date, inside_days: int) -> dt.date:
    """The earliest entry day that still counts as inside on `day`."""
    return day - dt.timedelta(days=inside_days - 1)


def is_late(entered_on: dt.date, now: dt.datetime, late_hour: dt.time) -> bool:
    """Inside past the late hour today, or since an earlier day (`now`: the station's local time)."""
    return entered_on < now.date() or now.time() >= late_hour


@dataclass(frozen=True)
class InsideRow:
    """One visitor or visitor vehicle inside, as the screens show it (the name masked)."""

    passage_id: int
    seq: int
    kind: str  # person (on foot) or vehicle
    plate: str | None
    name: str  # the lead person's, masked (a vehicle's driver; may be "" when no identity was asked)
    category: str
    destination: str
    persons: int  # 1 on foot; a vehicle's occupants
    entered_at: dt.datetime  # aware, the station's local time of the entry
    inside_for: dt.timedelta
    late: bool


@dataclass(frozen=True)
class InsideCounts:
    """How many are inside now, and how many of them are late."""

    inside: int = 0
    late: int = 0
