"""Words for what batches carry: record kinds, the days declared, lists of batch numbers.
Shared by the station's export and ledger and the office's import results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from checkpoint_app.ui.i18n import translate


def kind_label(code: str) -> str:
    return {
        "passage.create": translate("batches", "entries"),
        "passage.correct": translate("batches", "corrections"),
        "passage.void": translate("batches", "voids"),
        "passage": translate("batches", "entries"),
        "shift": translate("batches", "shifts"),
        "seven_ones": translate("batches", "seven-ones checks"),
        "audit": translate("batches", "audit events"),
        "day": translate("batches", "day declarations"),
        # what the office's import adds (central/importer.py's tally)
        "new": translate("batches", "new at the office"),
        "conflicts": translate("batches", "conflicts to resolve"),
        "unknown": translate("batches", "records of a kind this version does not know"),
    }.get(code, code)


def counts_text(counts: Mapping[str, int] | None) -> str:
    """"300 entries, 2 corrections, 1 day declarations" (kinds with none left out)."""
    shown = [translate("batches", "{count} {kind}").format(count=n, kind=kind_label(kind))
             for kind, n in (counts or {}).items() if n]
    return translate("batches", ", ").join(shown) if shown else translate("batches", "no new records")


def day_text(day: Any) -> str:
    """A day to declare (services/batches.py DayToDeclare) or a date; a day declared
    again after a late correction says which revision."""
    if isinstance(day, dt.date):
        return day.isoformat()
    date: dt.date = day.day
    revision = day.revision
    if revision > 1:
        return translate("batches", "{day} (revision {revision})").format(day=date.isoformat(), revision=revision)
    return date.isoformat()


def days_text(days: Iterable[Any] | None) -> str:
    listed = sorted(days or (), key=lambda d: d if isinstance(d, dt.date) else d.day)
    if not listed:
        return translate("batches", "No closed day to declare yet.")
    return translate("batches", "Days declared (daily report or zero report): {days}").format(
        days=", ".join(day_text(day) for day in listed))


def numbers_text(numbers: Iterable[int] | None) -> str:
    """1, 2, 3, 5 -> "1–3, 5"."""
    listed = sorted(set(numbers or ()))
    runs: list[str] = []
    start = prev = None
    for number in listed + [None]:
        if start is not None and (number is None or number != prev + 1):
            runs.append(str(start) if start == prev else f"{start}–{prev}")
            start = None
        if number is not None and start is None:
            start = number
        prev = number
    return ", ".join(runs)


def span_text(first: dt.date, last: dt.date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
