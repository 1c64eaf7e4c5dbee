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
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Protocol, TypeVar

from checkpoint_app.core.idcard import parse_resident_id
from checkpoint_app.core.loose_dates import parse_loose_date
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.rooms import ROOM_MAX_LEN, normalise_room
from checkpoint_app.core.text import clean_text, normalise_name

__all__ = [
    "WatchKind", "WatchDraft", "ValidWatch", "validate_watch", "is_active", "DEFAULT_DAYS",
    "REASON_MAX_LEN", "ROOM_MAX_LEN", "KIND_LABELS", "watch_room", "read_kind",
]

DEFAULT_DAYS = 14
REASON_MAX_LEN = 200  # watch.reason
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


def watch_room(text: str, field: str = "room") -> str:
    """The room as stored and matched, "3-5-502" (core/rooms.py, the residents' form, so
    the gate's name-and-room match and the link to the resident find it); "" when none
    is typed (a medical observation may name only the ID number)."""
    if not unicodedata.normalize("NFKC", text or "").strip():
        return ""
    return normalise_room(text, field)


def _date(text: str, today: dt.date, field: str) -> dt.date | None:
    """A date as Chinese users type it (core/loose_dates.py); "" -> None."""
    if not unicodedata.normalize("NFKC", text or "").strip():
        return None
    return parse_loose_date(text, today, field)


# the kinds as a list names them (compared without case, spaces, "_" or "-")
_KIND_NAMES = {
    "居家隔离": WatchKind.HOME_QUARANTINE, "homequarantine": WatchKind.HOME_QUARANTINE,
    "医学观察": WatchKind.MEDICAL_OBSERVATION, "medicalobservation": WatchKind.MEDICAL_OBSERVATION,
}


def read_kind(text: str) -> WatchKind | None:
    """"home_quarantine", "居家隔离", "Home quarantine" -> the kind; None when it is none."""
    key = "".join(c for c in unicodedata.normalize("NFKC", text or "").casefold() if not c.isspace() and c not in "_-")
    return _KIND_NAMES.get(key)


def validate_watch(draft: WatchDraft, today: dt.date) -> ValidWatch:
    """The entry checked and normalised, or InvalidInput with every problem found."""
    problems: list[Problem] = []

    def attempt(check: Callable[[], _T]) -> _T | None:
        try:
            return check()
        except InvalidInput as err:
            problems.extend(err.problems)
            return None

    kind = read_kind(draft.kind)
    if kind is None:
        problems.append(problem("kind", QT_TRANSLATE_NOOP(
            "problems", "Choose home quarantine or medical observation.")))
    name = attempt(lambda: normalise_name(draft.name, "name"))
    id_number = None
    if draft.id_number.strip():
        parsed = attempt(lambda: parse_resident_id(draft.id_number, today, field="id_number"))
        id_number = parsed.number if parsed is not None else None
    room = attempt(lambda: watch_room(draft.room, "room"))
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
