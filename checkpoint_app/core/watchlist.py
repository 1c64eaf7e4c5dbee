"""The watchlist: people under home quarantine (居家隔离) or medical observation (医学观察).

A supervisor types an entry (or, later, imports a list) as `WatchDraft` — the text as
typed — and `validate_watch` turns it into a `ValidWatch` or raises InvalidInput with
every problem at once, each on its field. The gate then alerts on the person while
`is_active`: from the start date to the end date inclusive, unless lifted (ended early)
by a supervisor; an entry lapses by itself after its end date, nobody has to remove it.

Decisions:
- an empty start date is today (entries are mostly typed on the day they begin); an
  empty end date is the start plus DEFAULT_DAYS (14 days, the usual period);
- an end date before the start is refused with its own message, never swapped;
- a home quarantine names its room (the household the five dailies are done for); a
  medical observation needs a room or an ID number, since the gate recognises a watched
  person by ID number, or by name and room together;
- the ID number is optional but, when typed, checked like at the desk (core/idcard.py);
- an entry lifted on day L no longer alerts on L (the supervisor lifts it when the
  person is released, and they may go out that day).
Dates are read loosely as Chinese users type them ("2020/2/3", "2020年2月3日", "2.3").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Protocol, TypeVar

from checkpoint_app.core.idcard import parse_resident_id
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.text import clean_text, normalise_name

__all__ = [
    "WatchKind", "WatchDraft", "ValidWatch", "validate_watch", "is_active", "DEFAULT_DAYS",
    "REASON_MAX_LEN", "ROOM_MAX_LEN", "KIND_LABELS", "normalise_room",
]

DEFAULT_DAYS = 14
REASON_MAX_LEN = 200  # watch.reason
ROOM_MAX_LEN = 30  # watch.room
_T = TypeVar("_T")


class WatchKind(str, Enum):
    HOME_QUARANTINE = "home_quarantine"  # 居家隔离
    MEDICAL_OBSERVATION = "medical_observation"  # 医学观察


# translated in the UI (context "labels")
KIND_LABELS: dict[str, str] = {
    WatchKind.HOME_QUARANTINE.value: QT_TRANSLATE_NOOP("labels", "Home quarantine"),
    WatchKind.MEDICAL_OBSERVATION.value: QT_TRANSLATE_NOOP("labels", "Medical observation"),
}


@dataclass(frozen=True)
class WatchDraft:
    """A watchlist entry as typed (every field text, as in the form or a spreadsheet)."""

    kind: str = WatchKind.HOME_QUARANTINE.value
    name: str = ""
    id_number: str = ""
    room: str = ""
    start_date: str = ""
    end_date: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ValidWatch:
    """A checked entry, ready to store (the fields of db.models.WatchFields)."""

    kind: WatchKind
    name: str
    id_number: str | None
    room: str
    start_date: dt.date
    end_date: dt.date
    reason: str


class _Dated(Protocol):
    @property
    def start_date(self) -> dt.date: ...
    @property
    def end_date(self) -> dt.date: ...
    @property
    def lifted_on(self) -> dt.date | None: ...


def is_active(watch: _Dated, today: dt.date) -> bool:
    """Whether the gate alerts on this entry today (see the module docstring)."""
    if watch.lifted_on is not None and watch.lifted_on <= today:
        return False
    return watch.start_date <= today <= watch.end_date


def normalise_room(text: str, field: str = "room") -> str:
    """The room as stored and matched. The seam for core/rooms.py ("3-5-502"), written in
    parallel: until it is merged, the room is the cleaned text."""
    return clean_text(text, ROOM_MAX_LEN, field)


# -- loose dates: minimal, until core/loose_dates.py (parse_loose_date) is merged --------

_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SHORT = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _date(text: str, today: dt.date, field: str) -> dt.date | None:
    """"2020/2/3", "2020-02-03", "2020.2.3", "2020年2月3日", "20200203", "2.3", "2月3日"
    (this year) -> a date; "" -> None. The seam for core/loose_dates.py."""
    typed = " ".join(unicodedata.normalize("NFKC", text or "").split())
    if not typed:
        return None
    for pattern, has_year in ((_FULL, True), (_COMPACT, True), (_SHORT, False)):
        match = pattern.fullmatch(typed)
        if match is None:
            continue
        parts = [int(p) for p in match.groups()]
        year, month, day = parts if has_year else [today.year, *parts]
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise InvalidInput([problem(field, QT_TRANSLATE_NOOP(
                "problems", "There is no such day as {text}."), text=typed)]) from None
    raise InvalidInput([problem(field, QT_TRANSLATE_NOOP(
        "problems", "Type the date like 2020/2/3, 2020年2月3日 or 2.3 (typed: {text})."), text=typed)])


def _kind(text: str) -> WatchKind | None:
    try:
        return WatchKind(text)
    except ValueError:
        return None


def validate_watch(draft: WatchDraft, today: dt.date) -> ValidWatch:
    """The entry checked and normalised, or InvalidInput with every problem found."""
    problems: list[Problem] = []

    def attempt(check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except InvalidInput as err:
            problems.extend(err.problems)
            return None

    kind = _kind(draft.kind)
    if kind is None:
        problems.append(problem("kind", QT_TRANSLATE_NOOP(
            "problems", "Choose home quarantine or medical observation.")))
    name = attempt(lambda: normalise_name(draft.name, "name"))
    id_number = None
    if draft.id_number.strip():
        parsed = attempt(lambda: parse_resident_id(draft.id_number, today, field="id_number"))
        id_number = parsed.number if parsed is not None else None
    room = attempt(lambda: normalise_room(draft.room, "room"))
    if room == "" and kind is WatchKind.HOME_QUARANTINE:
        problems.append(problem("room", QT_TRANSLATE_NOOP(
            "problems", "Enter the room (building-unit-room, like 3-5-502): the household is quarantined there.")))
    elif room == "" and kind is WatchKind.MEDICAL_OBSERVATION and not draft.id_number.strip():
        problems.append(problem("room", QT_TRANSLATE_NOOP(
            "problems", "Enter the room or the ID number: the gate recognises the person by one of them.")))
    start = attempt(lambda: _date(draft.start_date, today, "start_date"))
    end = attempt(lambda: _date(draft.end_date, today, "end_date"))
    start_ok = not any(p.field == "start_date" for p in problems)
    if start_ok and start is None:
        start = today
    if start is not None and end is None and not any(p.field == "end_date" for p in problems):
        end = start + dt.timedelta(days=DEFAULT_DAYS)
    if start is not None and end is not None and end < start:
        problems.append(problem("end_date", QT_TRANSLATE_NOOP(
            "problems", "The end date {end} is before the start date {start}."),
            end=end.isoformat(), start=start.isoformat()))
    reason = attempt(lambda: clean_text(draft.reason, REASON_MAX_LEN, "reason"))
    if problems:
        raise InvalidInput(problems)
    assert kind is not None and name is not None and room is not None and start is not None and end is not None
    return ValidWatch(kind, name, id_number, room, start, end, reason or "")
