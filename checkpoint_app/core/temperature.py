"""Body temperature readings and fever screening (一检二测三登记).

Temperatures are integer tenths of a degree Celsius (365 == 36.5 °C) so that
comparisons with the 37.3 °C threshold never suffer from float rounding.

Forehead (infrared) guns are screening only: a first reading at or above the threshold
is re-measured (another method, or after a few minutes' rest) and the second reading
decides. Very low readings outdoors mean a cold forehead, so they are re-measured too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

__all__ = [
    "MIN_TENTHS", "MAX_TENTHS", "DEFAULT_FEVER_THRESHOLD_TENTHS", "LOW_READING_TENTHS",
    "parse_temperature", "format_tenths", "Screening", "screen", "require_complete",
]

MIN_TENTHS = 340
MAX_TENTHS = 430
DEFAULT_FEVER_THRESHOLD_TENTHS = 373
LOW_READING_TENTHS = 355

_NUMBER = re.compile(r"(\d{1,3})(?:[.,。](\d*))?")
_UNIT = re.compile(r"(?<=\d)\s*(°C|°|C)$", re.IGNORECASE)  # "36.5℃" (NFKC: "°C")


def format_tenths(tenths: int) -> str:
    """365 -> "36.5"."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    return f"{sign}{whole}.{tenth}"


def _fail(field: str, template: str, **params: object) -> InvalidInput:
    return InvalidInput([problem(field, template, **params)])


def parse_temperature(text: str, field: str = "temperature") -> int:
    """Parse "36.5", "36,5", "36", "３６．５" or "36.5℃" into tenths; never rounds."""
    typed = unicodedata.normalize("NFKC", text).strip()
    value = _UNIT.sub("", typed)
    if not value:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the temperature."))
    match = _NUMBER.fullmatch(value)
    if match is None:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the temperature as a number like 36.5, not \"{text}\"."), text=typed)
    whole, decimals = match.groups()
    if decimals is not None and len(decimals) > 1:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Enter the temperature with one decimal only, like 36.5 (typed: {text})."), text=typed)
    if decimals == "":
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Type the decimal after the point, like 36.5 (typed: {text})."), text=typed)
    tenths = int(whole) * 10 + int(decimals or 0)
    if decimals is None and MIN_TENTHS <= int(whole) <= MAX_TENTHS:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "Type the decimal point: did you mean {suggestion}?"), suggestion=format_tenths(int(whole)))
    if not MIN_TENTHS <= tenths <= MAX_TENTHS:
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "{value} °C is outside {low} to {high} °C: probably a misreading, measure again."), value=format_tenths(tenths), low=format_tenths(MIN_TENTHS), high=format_tenths(MAX_TENTHS))
    return tenths


@dataclass(frozen=True)
class Screening:
    """The outcome of one or two readings for one person.

    `reason` says why a second reading is (or was) required: "fever" when the first
    reading is at or above the threshold, "low" when it is below LOW_READING_TENTHS.
    It stays set after the second reading is entered, so the record says why two
    readings were taken; `needs_second` says whether one is still missing.
    """

    first: int | None
    second: int | None
    threshold: int
    decisive: int | None
    needs_second: bool
    reason: Literal["fever", "low"] | None
    fever: bool


def screen(first: int | None, second: int | None, threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS) -> Screening:
    """Decide from the readings (tenths) whether a second reading is needed and if there is fever."""
    decisive = second if second is not None else first
    reason: Literal["fever", "low"] | None = None
    if first is not None and first >= threshold:
        reason = "fever"
    elif first is not None and first < LOW_READING_TENTHS:
        reason = "low"
    needs_second = reason is not None and second is None
    fever = decisive is not None and decisive >= threshold and not needs_second
    return Screening(first, second, threshold, decisive, needs_second, reason, fever)


def require_complete(screening: Screening, field: str = "temperature2") -> None:
    """Raise InvalidInput when the first reading is missing or a second one is needed."""
    if screening.first is None:
        raise _fail("temperature", QT_TRANSLATE_NOOP("problems", "Enter the temperature: every person passing is measured."))
    if not screening.needs_second:
        return
    value = format_tenths(screening.first)
    if screening.reason == "fever":
        raise _fail(field, QT_TRANSLATE_NOOP("problems", "{value} °C is at or above {threshold} °C: re-measure with another method or after a few minutes' rest, and enter the second reading."), value=value, threshold=format_tenths(screening.threshold))
    raise _fail(field, QT_TRANSLATE_NOOP("problems", "{value} °C is too low for a body temperature (cold forehead?): measure again, e.g. at the wrist, and enter the second reading."), value=value)
