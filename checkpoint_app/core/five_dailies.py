"""The five dailies (五个每日) done for each person in home quarantine, and when each is due.

The community does, every day, for every household in home quarantine: one phone call
(每日一次电话), one delivery of supplies (每日一次送物资), one rubbish collection
(每日一次收垃圾), two temperature readings (每日两次测体温) and three disinfections
(每日三次消毒). That makes the eight items of ITEMS, each ticked once a day with the time
and the operator (services/watchlist.py); each has the local time it is due by, in this
one table, so what is overdue can be highlighted (e.g. the evening reading after 20:00).

A temperature reading is typed when its item is ticked and read like the desk's
(core/temperature.py, tenths of a degree). A reading at or above the station's fever
threshold puts the item in the FEVER state, which proposes referral to the fever clinic
(转诊): at home the person is measured with their own thermometer, so there is no
re-measure at the gate; the community doctor decides on the referral.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Mapping

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.temperature import DEFAULT_FEVER_THRESHOLD_TENTHS, parse_temperature, screen

__all__ = [
    "CONTEXT", "CareItem", "ITEMS", "CODES", "BY_CODE", "ItemState", "overdue", "item_state",
    "Reading", "read_temperature", "CareCounts", "check_item", "NOTE_MAX_LEN",
]

CONTEXT = "five_dailies"  # the translation context of the item names
NOTE_MAX_LEN = 200  # daily_care.note


@dataclass(frozen=True)
class CareItem:
    code: str  # stored in daily_care.item: never change one
    english: str  # translated in the UI (context CONTEXT)
    chinese: str  # the standard's own words
    due: dt.time  # local time it is due by
    reading: bool = False  # a temperature reading is typed with it


ITEMS: tuple[CareItem, ...] = (
    CareItem("call", QT_TRANSLATE_NOOP("five_dailies", "Phone call"), "每日一次电话", dt.time(18, 0)),
    CareItem("supplies", QT_TRANSLATE_NOOP("five_dailies", "Supplies"), "每日一次送物资", dt.time(18, 0)),
    CareItem("rubbish", QT_TRANSLATE_NOOP("five_dailies", "Rubbish"), "每日一次收垃圾", dt.time(18, 0)),
    CareItem("temp_am", QT_TRANSLATE_NOOP("five_dailies", "Morning temperature"), "每日两次测体温",
             dt.time(10, 0), reading=True),
    CareItem("temp_pm", QT_TRANSLATE_NOOP("five_dailies", "Evening temperature"), "每日两次测体温",
             dt.time(20, 0), reading=True),
    CareItem("disinfect_1", QT_TRANSLATE_NOOP("five_dailies", "Disinfection 1"), "每日三次消毒", dt.time(10, 0)),
    CareItem("disinfect_2", QT_TRANSLATE_NOOP("five_dailies", "Disinfection 2"), "每日三次消毒", dt.time(15, 0)),
    CareItem("disinfect_3", QT_TRANSLATE_NOOP("five_dailies", "Disinfection 3"), "每日三次消毒", dt.time(20, 0)),
)
CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
BY_CODE: dict[str, CareItem] = {item.code: item for item in ITEMS}


def check_item(code: str) -> CareItem:
    """The item of that code, or InvalidInput (a code from outside the table)."""
    item = BY_CODE.get(code)
    if item is None:
        raise InvalidInput([problem("item", QT_TRANSLATE_NOOP(
            "problems", "There is no daily item called {code}."), code=code)])
    return item


class ItemState(str, Enum):
    PENDING = "pending"  # not done, not yet due
    OVERDUE = "overdue"  # not done, past its time (or the day is over)
    DONE = "done"
    FEVER = "fever"  # done, with a reading at or above the fever threshold: propose referral


def overdue(item: CareItem, done: bool, now: dt.datetime, day: dt.date | None = None) -> bool:
    """Whether `item` of `day` (default: now's day) is overdue at `now` (station local
    time): not done and past its due time that day; every undone item of a past day is
    overdue, none of a day to come."""
    if done:
        return False
    day = now.date() if day is None else day
    if day != now.date():
        return day < now.date()
    return now.time().replace(tzinfo=None) > item.due


@dataclass(frozen=True)
class Reading:
    tenths: int
    fever: bool  # at or above the threshold: propose referral to the fever clinic
    low: bool  # below a body temperature: measure again


def read_temperature(text: str, threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS,
                     field: str = "reading") -> Reading:
    """A typed reading ("36.5", "３６.５℃") in tenths and what it means; InvalidInput
    with the desk's messages when it cannot be a reading."""
    tenths = parse_temperature(text, field)
    screening = screen(tenths, None, threshold)
    return Reading(tenths, screening.reason == "fever", screening.reason == "low")


def item_state(item: CareItem, done: bool, reading: int | None, now: dt.datetime, day: dt.date,
               threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS) -> ItemState:
    """What the day sheet shows for one item of one person."""
    if done:
        if item.reading and reading is not None and reading >= threshold:
            return ItemState.FEVER
        return ItemState.DONE
    return ItemState.OVERDUE if overdue(item, done, now, day) else ItemState.PENDING


@dataclass(frozen=True)
class CareCounts:
    """The five dailies of one day for the daily report: households (rooms) and persons
    in home quarantine that day, and how many of each item were done."""

    households: int
    persons: int
    done: Mapping[str, int]  # item code -> count, every code of ITEMS present
    fevers: int = 0  # readings at or above the fever threshold that day

    @property
    def expected(self) -> int:
        """How many of each item were due: once per person."""
        return self.persons
