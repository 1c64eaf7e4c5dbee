"""The seven-ones (七个一) standard a checkpoint is checked against at each shift start,
the thermometer's reference reading, and which missing items are still open.

Every compound entrance must have 一块宣传栏 a publicity board, 一个宣传台 a publicity desk,
一个小喇叭 a loudspeaker, 一名志愿者(保安) a volunteer or guard on duty, 一本外来人员登记本
the outsiders' register (this app), 一个测温仪 a thermometer and 一条宣传横幅 a banner. A
check records each item present or missing; a missing item needs a note (what is missing
and what is being done about it), because the note is what the supervisor acts on.

The thermometer is checked by measuring someone on duty with it (a reference reading). A
healthy person at rest reads between LOW_READING (35.5 °C) and the fever threshold: a
reading outside that range makes the thermometer suspect, and a suspect thermometer cannot
be recorded as present — the guard measures again (indoors, after a few minutes' rest, or
another person on duty), or records it missing, the reading then being the evidence.

A missing item stays open (shown on the main screen) until a later check records it
present: `open_missing` reads the checks in time order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Mapping

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.temperature import (
    DEFAULT_FEVER_THRESHOLD_TENTHS,
    LOW_READING_TENTHS,
    MAX_TENTHS,
    MIN_TENTHS,
    format_tenths,
)
from checkpoint_app.core.text import clean_text

__all__ = [
    "CONTEXT", "ITEMS", "CODES", "THERMOMETER", "NOTE_MAX_LEN", "SevenOnesItem", "ItemAnswer", "Thermometer",
    "thermometer_verdict", "ValidCheck", "validate_check", "CheckRecord", "OpenItem", "open_missing",
]

CONTEXT = "seven_ones"  # the translation context of the item names
NOTE_MAX_LEN = 200  # seven_one_item.note
REFERENCE_FIELD = "reference_temp"


@dataclass(frozen=True)
class SevenOnesItem:
    code: str  # stored in seven_ones_item.item: never change one
    english: str  # translated in the UI (context CONTEXT)
    chinese: str  # the standard's own words


ITEMS: tuple[SevenOnesItem, ...] = (
    SevenOnesItem("board", QT_TRANSLATE_NOOP("seven_ones", "Publicity board"), "一块宣传栏"),
    SevenOnesItem("desk", QT_TRANSLATE_NOOP("seven_ones", "Publicity desk"), "一个宣传台"),
    SevenOnesItem("loudspeaker", QT_TRANSLATE_NOOP("seven_ones", "Loudspeaker"), "一个小喇叭"),
    SevenOnesItem("volunteer", QT_TRANSLATE_NOOP("seven_ones", "Volunteer or guard on duty"), "一名志愿者(保安)"),
    SevenOnesItem("register", QT_TRANSLATE_NOOP("seven_ones", "Outsiders' register (this app)"), "一本外来人员登记本"),
    SevenOnesItem("thermometer", QT_TRANSLATE_NOOP("seven_ones", "Thermometer"), "一个测温仪"),
    SevenOnesItem("banner", QT_TRANSLATE_NOOP("seven_ones", "Banner"), "一条宣传横幅"),
)
CODES: tuple[str, ...] = tuple(item.code for item in ITEMS)
THERMOMETER = "thermometer"
BY_CODE: dict[str, SevenOnesItem] = {item.code: item for item in ITEMS}


@dataclass(frozen=True)
class ItemAnswer:
    """What the guard answered for one item."""

    present: bool
    note: str = ""


class Thermometer(str, Enum):
    """What the reference reading says about the thermometer."""

    NOT_MEASURED = "not_measured"
    OK = "ok"
    LOW = "low"  # below LOW_READING: a cold forehead, or a thermometer reading low
    HIGH = "high"  # at or above the fever threshold: a fever, or a thermometer reading high

    @property
    def suspect(self) -> bool:
        return self in (Thermometer.LOW, Thermometer.HIGH)


def thermometer_verdict(reference: int | None, fever_threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS) -> Thermometer:
    """The reference reading (tenths of a degree) of a healthy person on duty is plausible
    from 35.5 °C up to, not including, the fever threshold."""
    if reference is None:
        return Thermometer.NOT_MEASURED
    if reference < LOW_READING_TENTHS:
        return Thermometer.LOW
    if reference >= fever_threshold:
        return Thermometer.HIGH
    return Thermometer.OK


@dataclass(frozen=True)
class ValidCheck:
    """A check as it may be stored: every item once, in ITEMS order, notes cleaned."""

    items: tuple[tuple[str, ItemAnswer], ...]
    reference: int | None
    thermometer: Thermometer

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(code for code, answer in self.items if not answer.present)


def validate_check(answers: Mapping[str, ItemAnswer], reference: int | None,
                   fever_threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS) -> ValidCheck:
    """Every item answered, a note for each missing one, and for a thermometer recorded
    present a plausible reference reading. Raises InvalidInput with every problem found
    (each on the item's code, or on REFERENCE_FIELD)."""
    unknown = sorted(set(answers) - set(CODES))
    if unknown:  # a programming error, not something a guard typed
        raise ValueError(f"unknown seven-ones items: {unknown}")
    problems: list[Problem] = []
    items: list[tuple[str, ItemAnswer]] = []
    for code in CODES:
        answer = answers.get(code)
        if answer is None:
            problems.append(problem(code, QT_TRANSLATE_NOOP("problems", "Say whether this item is present or missing.")))
            continue
        try:
            note = clean_text(answer.note, NOTE_MAX_LEN, code)
        except InvalidInput as err:
            problems.extend(err.problems)
            continue
        if not answer.present and not note:
            problems.append(problem(code, QT_TRANSLATE_NOOP(
                "problems", "A missing item needs a note: what is missing and what is being done about it.")))
        items.append((code, ItemAnswer(bool(answer.present), note)))
    verdict = thermometer_verdict(reference, fever_threshold)
    thermometer = answers.get(THERMOMETER)
    if reference is not None and not MIN_TENTHS <= reference <= MAX_TENTHS:
        problems.append(problem(REFERENCE_FIELD, QT_TRANSLATE_NOOP(
            "problems", "{value} °C is outside {low} to {high} °C: probably a misreading, measure again."),
            value=format_tenths(reference), low=format_tenths(MIN_TENTHS), high=format_tenths(MAX_TENTHS)))
    elif thermometer is not None and thermometer.present:
        problems.extend(_reference_problems(reference, verdict, fever_threshold))
    if problems:
        raise InvalidInput(problems)
    return ValidCheck(tuple(items), reference, verdict)


def _reference_problems(reference: int | None, verdict: Thermometer, threshold: int) -> list[Problem]:
    if verdict is Thermometer.NOT_MEASURED:
        return [problem(REFERENCE_FIELD, QT_TRANSLATE_NOOP(
            "problems", "Measure someone on duty with the thermometer and type the reading: it shows whether "
                        "the thermometer works."))]
    assert reference is not None
    if verdict is Thermometer.LOW:
        return [problem(REFERENCE_FIELD, QT_TRANSLATE_NOOP(
            "problems", "A reference reading of {reading} °C is below {limit} °C: the thermometer may be broken "
                        "(or the forehead is cold). Measure again indoors after a few minutes, or record the "
                        "thermometer missing with a note."), reading=format_tenths(reference),
            limit=format_tenths(LOW_READING_TENTHS))]
    if verdict is Thermometer.HIGH:
        return [problem(REFERENCE_FIELD, QT_TRANSLATE_NOOP(
            "problems", "A reference reading of {reading} °C is at or above the fever threshold {limit} °C: the "
                        "thermometer may read high. Measure another person on duty, or record the thermometer "
                        "missing with a note."), reading=format_tenths(reference), limit=format_tenths(threshold))]
    return []


# -- which missing items are still open ----------------------------------------------------

@dataclass(frozen=True)
class CheckRecord:
    """A stored check, as `open_missing` needs it: when, and each item's answer."""

    checked_at: dt.datetime
    items: Mapping[str, ItemAnswer]


@dataclass(frozen=True)
class OpenItem:
    """A missing item no later check recorded present."""

    code: str
    since: dt.datetime  # the check that first found it missing (in this run of misses)
    note: str  # the latest check's note on it


def open_missing(checks: Iterable[CheckRecord]) -> tuple[OpenItem, ...]:
    """The items still missing after these checks, in ITEMS order. An item is open from
    the first check that found it missing until a later check records it present; a check
    that does not mention an item leaves it as it was. Checks are read in time order
    (whatever order they are given in)."""
    open_items: dict[str, OpenItem] = {}
    for check in sorted(checks, key=lambda c: c.checked_at):
        for code, answer in check.items.items():
            if answer.present:
                open_items.pop(code, None)
            else:
                since = open_items[code].since if code in open_items else check.checked_at
                open_items[code] = OpenItem(code, since, answer.note)
    order = {code: i for i, code in enumerate(CODES)}
    return tuple(sorted(open_items.values(), key=lambda item: order.get(item.code, len(order))))
