"""The daily report laid out as titled tables of labelled figures: the one layout the
report window, the PDF, the printout and the CSV share, so they cannot disagree.

Cells are numbers, plain text (station, operator and visitor names, times) or a `Label`:
an English phrase marked with QT_TRANSLATE_NOOP and translated by whoever renders the
table (the UI, the command line's catalogue, or the CSV writer through a callable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from checkpoint_app.core.daily_report import AppendixPerson, DailyReport, ShiftSummary
from checkpoint_app.core.five_dailies import CONTEXT as FIVE_DAILIES
from checkpoint_app.core.five_dailies import ITEMS
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP
from checkpoint_app.core.seven_ones import CONTEXT as SEVEN_ONES_CONTEXT_NAME
from checkpoint_app.core.seven_ones import ITEMS as SEVEN_ONES_ITEMS
from checkpoint_app.core.vehicle_categories import CONTEXT as VEHICLE_CONTEXT
from checkpoint_app.core.vehicle_categories import label as vehicle_label

CONTEXT = "report"
SEVEN_ONES_CONTEXT = SEVEN_ONES_CONTEXT_NAME  # the item names are core/seven_ones.py's


@dataclass(frozen=True)
class Label:
    text: str  # English, marked for translation
    context: str = CONTEXT


@dataclass(frozen=True)
class Phrase:
    """A list in one cell ("missing: Banner, Loudspeaker"), after an optional head."""

    items: tuple[int | str | Label, ...]
    head: Label | None = None


Cell = int | str | Label | Phrase
Translate = Callable[[str, str], str]  # (context, English) -> text in the user's language

LIST_SEPARATOR = Label(QT_TRANSLATE_NOOP("report", ", "))


def english(context: str, text: str) -> str:
    return text


def cell_text(cell: Cell, tr: Translate = english) -> str:
    if isinstance(cell, Label):
        return tr(cell.context, cell.text)
    if isinstance(cell, Phrase):
        items = cell_text(LIST_SEPARATOR, tr).join(cell_text(item, tr) for item in cell.items)
        return f"{cell_text(cell.head, tr)} {items}" if cell.head is not None else items
    return str(cell)


@dataclass(frozen=True)
class Table:
    key: str  # a stable name (tests, objectNames)
    title: Label
    headers: tuple[Label, ...]
    rows: tuple[tuple[Cell, ...], ...]


TITLE = Label(QT_TRANSLATE_NOOP("report", "Daily report"))
ZERO = Label(QT_TRANSLATE_NOOP("report", "Zero report"))
FINDINGS = Label(QT_TRANSLATE_NOOP("report", "Findings to report"))
ZERO_EXPLAINED = Label(QT_TRANSLATE_NOOP("report", "No fever, no key-area arrival and no alert on this day."))
FINDINGS_EXPLAINED = Label(QT_TRANSLATE_NOOP("report", "Follow up the fevers, key-area arrivals and alerts below."))
APPENDIX_NOTE = Label(QT_TRANSLATE_NOOP(
    "report", "Personal data for the supervisor's follow-up only: keep it locked away, hand it only to the "
              "epidemic-control office."))

CATEGORY_LABELS: dict[str, Label] = {
    "resident": Label(QT_TRANSLATE_NOOP("report", "Residents")),
    "visitor": Label(QT_TRANSLATE_NOOP("report", "Visitors")),
    "delivery": Label(QT_TRANSLATE_NOOP("report", "Deliveries/couriers")),
    "staff": Label(QT_TRANSLATE_NOOP("report", "Staff/workers")),
    "official": Label(QT_TRANSLATE_NOOP("report", "Officials/emergency")),
    "other": Label(QT_TRANSLATE_NOOP("report", "Others")),
}
DECISION_LABELS: dict[str, Label] = {
    "admit": Label(QT_TRANSLATE_NOOP("report", "Let through")),
    "refuse": Label(QT_TRANSLATE_NOOP("report", "Turned back")),  # 劝返; distinct from 转诊 however narrow
    "refer": Label(QT_TRANSLATE_NOOP("report", "To clinic")),
}
DIRECTION_LABELS: dict[str, Label] = {
    "in": Label(QT_TRANSLATE_NOOP("report", "In")),
    "out": Label(QT_TRANSLATE_NOOP("report", "Out")),
}
SYMPTOM_LABELS: dict[str, Label] = {
    "cough": Label(QT_TRANSLATE_NOOP("report", "cough")),
    "sore_throat": Label(QT_TRANSLATE_NOOP("report", "sore throat")),
    "fatigue": Label(QT_TRANSLATE_NOOP("report", "fatigue")),
    "short_breath": Label(QT_TRANSLATE_NOOP("report", "short of breath")),
}
SEVEN_ONES_LABELS: dict[str, Label] = {item.code: Label(item.english, SEVEN_ONES_CONTEXT) for item in SEVEN_ONES_ITEMS}
FEVER = Label(QT_TRANSLATE_NOOP("report", "Fevers"))
REFERRALS = Label(QT_TRANSLATE_NOOP("report", "Referrals to a fever clinic"))
REFUSALS = Label(QT_TRANSLATE_NOOP("report", "Refusals (turned back)"))
KEY_AREA = Label(QT_TRANSLATE_NOOP("report", "Key-area arrivals"))
ALERTS = Label(QT_TRANSLATE_NOOP("report", "Alerts (referrals, symptoms)"))
REGISTERED = Label(QT_TRANSLATE_NOOP("report", "Entries registered"))
ENTERED = Label(QT_TRANSLATE_NOOP("report", "Let in"))
LEFT = Label(QT_TRANSLATE_NOOP("report", "Let out"))
TOTAL = Label(QT_TRANSLATE_NOOP("report", "Total"))
VEHICLES = Label(QT_TRANSLATE_NOOP("report", "Vehicles checked"))
OCCUPANTS = Label(QT_TRANSLATE_NOOP("report", "Persons aboard the vehicles"))
LEAFLETS = Label(QT_TRANSLATE_NOOP("report", "Leaflets handed out"))
INSIDE_NOW = Label(QT_TRANSLATE_NOOP("report", "Visitors/vehicles inside now"))
INSIDE_AT_END = Label(QT_TRANSLATE_NOOP("report", "Visitors/vehicles inside at day's end"))
ALL_PRESENT = Label(QT_TRANSLATE_NOOP("report", "all present"))
NOT_CHECKED = Label(QT_TRANSLATE_NOOP("report", "not checked"))
MISSING = Label(QT_TRANSLATE_NOOP("report", "missing:"))
STILL_ON = Label(QT_TRANSLATE_NOOP("report", "on duty"))


def summary_table(report: DailyReport) -> Table:
    f = report.figures
    return Table("summary", Label(QT_TRANSLATE_NOOP("report", "Figures of the day")),
                 (Label(QT_TRANSLATE_NOOP("report", "Item")), Label(QT_TRANSLATE_NOOP("report", "Number"))),
                 ((FEVER, f.fevers), (REFERRALS, f.referrals), (REFUSALS, f.refusals), (KEY_AREA, f.key_area),
                  (ALERTS, f.alerts), (REGISTERED, f.registered), (ENTERED, f.entered), (LEFT, f.left),
                  (VEHICLES, f.vehicles.vehicles), (OCCUPANTS, f.vehicles.occupants), (LEAFLETS, f.leaflets),
                  *_inside_rows(report)))


def _inside_rows(report: DailyReport) -> tuple[tuple[Cell, ...], ...]:
    """Who was still inside (core/inside.py): at the end of the day, or now for today."""
    if report.inside is None:
        return ()
    return ((INSIDE_NOW if report.day == report.made_at.date() else INSIDE_AT_END, report.inside),)


def category_table(report: DailyReport) -> Table:
    f = report.figures
    rows: list[tuple[Cell, ...]] = [
        (CATEGORY_LABELS.get(c.category, Label(c.category)), c.entered, c.left, c.refused, c.referred)
        for c in f.by_category]
    rows.append((TOTAL, f.entered, f.left, f.refusals, f.referrals))
    return Table("categories", Label(QT_TRANSLATE_NOOP("report", "Persons by category")),
                 (Label(QT_TRANSLATE_NOOP("report", "Category")), DIRECTION_LABELS["in"], DIRECTION_LABELS["out"],
                  DECISION_LABELS["refuse"], DECISION_LABELS["refer"]), tuple(rows))


def vehicle_label_cell(code: str) -> Label:
    """A vehicle category's label (core/vehicle_categories.py, translated in its context)."""
    return Label(vehicle_label(code), VEHICLE_CONTEXT)


def vehicle_table(report: DailyReport) -> Table:
    """The vehicles by category: let in, let out, turned back, referred (each a whole
    vehicle), the persons aboard them and the leaflets handed over."""
    f = report.figures
    rows: list[tuple[Cell, ...]] = [
        (vehicle_label_cell(v.category), v.entered, v.left, v.refused, v.referred, v.occupants, v.leaflets)
        for v in (*f.by_vehicle, f.vehicles)]
    rows[-1] = (TOTAL, *rows[-1][1:])
    return Table("vehicles", Label(QT_TRANSLATE_NOOP("report", "Vehicles by category")),
                 (Label(QT_TRANSLATE_NOOP("report", "Vehicle category")), DIRECTION_LABELS["in"],
                  DIRECTION_LABELS["out"], DECISION_LABELS["refuse"], DECISION_LABELS["refer"],
                  Label(QT_TRANSLATE_NOOP("report", "Persons aboard")),
                  Label(QT_TRANSLATE_NOOP("report", "Leaflets"))), tuple(rows))


def care_table(report: DailyReport) -> Table:
    """Home quarantine (居家隔离) that day: the households and persons on the day sheet,
    and how many of each of the five dailies (五个每日) were done, of how many due."""
    care = report.care
    rows: list[tuple[Cell, ...]] = []
    if care is not None:
        rows.append((Label(QT_TRANSLATE_NOOP("report", "Households in home quarantine")), care.households, ""))
        rows.append((Label(QT_TRANSLATE_NOOP("report", "Persons in home quarantine")), care.persons, ""))
        rows.extend((Label(item.english, FIVE_DAILIES), care.done.get(item.code, 0), care.expected) for item in ITEMS)
        rows.append((Label(QT_TRANSLATE_NOOP("report", "Fever readings at home")), care.fevers, ""))
    return Table("care", Label(QT_TRANSLATE_NOOP("report", "Home quarantine: the five dailies")),
                 (Label(QT_TRANSLATE_NOOP("report", "Item")), Label(QT_TRANSLATE_NOOP("report", "Done")),
                  Label(QT_TRANSLATE_NOOP("report", "Due"))), tuple(rows))


def hourly_table(report: DailyReport) -> Table:
    rows = tuple((f"{h.hour:02d}:00–{h.hour + 1:02d}:00", h.entered, h.left) for h in report.figures.hourly)
    return Table("hourly", Label(QT_TRANSLATE_NOOP("report", "Hourly traffic")),
                 (Label(QT_TRANSLATE_NOOP("report", "Hour")), DIRECTION_LABELS["in"], DIRECTION_LABELS["out"]), rows)


def _time(moment: dt.datetime, report: DailyReport) -> str:
    local = moment.astimezone(report.made_at.tzinfo)
    return local.strftime("%H:%M") if local.date() == report.day else local.strftime("%Y-%m-%d %H:%M")


def seven_ones_cell(shift: ShiftSummary) -> Cell:
    """The seven-ones status of a shift: all present, not checked, or "missing:" and the items."""
    if shift.seven_ones_ok is None:
        return NOT_CHECKED
    if shift.seven_ones_ok or not shift.missing:
        return ALL_PRESENT
    order = list(SEVEN_ONES_LABELS)
    codes = sorted(shift.missing, key=lambda code: (order.index(code) if code in order else len(order), code))
    return Phrase(tuple(SEVEN_ONES_LABELS.get(code, code) for code in codes), MISSING)


def shift_table(report: DailyReport) -> Table:
    rows = tuple((_time(s.started_at, report), _time(s.ended_at, report) if s.ended_at else STILL_ON,
                  Phrase(s.operators), seven_ones_cell(s)) for s in report.shifts)
    return Table("shifts", Label(QT_TRANSLATE_NOOP("report", "Shifts")),
                 (Label(QT_TRANSLATE_NOOP("report", "Started")), Label(QT_TRANSLATE_NOOP("report", "Ended")),
                  Label(QT_TRANSLATE_NOOP("report", "Operators on duty")),
                  Label(QT_TRANSLATE_NOOP("report", "Seven ones"))), rows)


def _findings(p: AppendixPerson) -> Phrase:
    found: list[int | str | Label] = []
    if p.fever:
        found.append(Label(QT_TRANSLATE_NOOP("report", "fever")))
    if p.key_area:
        found.append(Label(QT_TRANSLATE_NOOP("report", "key area")))
    found.extend(SYMPTOM_LABELS.get(s, s) for s in p.symptoms)
    return Phrase(tuple(found))


def appendix_table(report: DailyReport) -> Table | None:
    """The personal appendix, or None when it was not asked for."""
    if report.appendix is None:
        return None
    rows = tuple((p.seq, p.local_time.strftime("%H:%M"), p.name, p.plate or "", p.id_number_masked, p.phone_masked,
                  CATEGORY_LABELS.get(p.category, p.category), DIRECTION_LABELS.get(p.direction, p.direction),
                  f"{p.temperature / 10:.1f}" if p.temperature is not None else "",
                  _findings(p),
                  DECISION_LABELS.get(p.decision, p.decision)) for p in report.appendix)
    return Table("appendix", Label(QT_TRANSLATE_NOOP("report", "Appendix: persons to follow up (supervisor only)")),
                 (Label(QT_TRANSLATE_NOOP("report", "No.")), Label(QT_TRANSLATE_NOOP("report", "Time")),
                  Label(QT_TRANSLATE_NOOP("report", "Name")), Label(QT_TRANSLATE_NOOP("report", "Plate")),
                  Label(QT_TRANSLATE_NOOP("report", "ID number")),
                  Label(QT_TRANSLATE_NOOP("report", "Phone")), Label(QT_TRANSLATE_NOOP("report", "Category")),
                  Label(QT_TRANSLATE_NOOP("report", "In/out")), Label(QT_TRANSLATE_NOOP("report", "Temperature")),
                  Label(QT_TRANSLATE_NOOP("report", "Findings")), Label(QT_TRANSLATE_NOOP("report", "Decision"))), rows)


def headline(report: DailyReport) -> tuple[Label, Label]:
    """The headline (zero report or findings to report) and the line explaining it."""
    return (ZERO, ZERO_EXPLAINED) if report.zero_report else (FINDINGS, FINDINGS_EXPLAINED)


def figure_tables(report: DailyReport) -> tuple[Table, ...]:
    """The report's tables of figures, in order (the appendix is separate)."""
    tables = [summary_table(report), category_table(report), vehicle_table(report), hourly_table(report),
              shift_table(report)]
    if report.care is not None and report.care.persons:  # a compound with people in home quarantine that day
        tables.insert(3, care_table(report))
    return tuple(tables)
