"""The daily report (日报) and its headline, the zero report (零报告): what the figures
mean, independent of where they are read from.

Every post files a report every day, even when nothing happened (BRIEF §2: 24小时值班、
每日"零报告"; a missing report is itself a finding). This module says what each figure
counts, one entry at a time (`tally`); db/report_queries.py computes the same figures
with GROUP BY over a day's entries, and a test keeps the two in step.

What is counted (every person of every passage, as in core/listing.DayCounts):
- Void entries count nowhere. A correction voids the entry it corrects and keeps its day,
  so a corrected passage counts once, as corrected.
- entered / left, by category: people let through (decision admit) going in / out.
  People refused (劝返) or referred to a fever clinic (转诊) did not pass; they count
  under refusals / referrals (also by category).
- fevers: a fever confirmed on re-measure, whatever the decision.
- key-area arrivals (重点地区来人): entries flagged by the key-area rule, whatever the decision.
- hourly traffic (每小时通行量): the people let through, in and out, by the hour of the
  station's local time at which they passed (so the hours add up to entered / left).
- vehicles, by vehicle category (core/vehicle_categories.py), counted per passage beside
  their occupants (who count above as persons): let in / let out / turned back / referred
  (the whole vehicle: a fever aboard refers it), the occupants aboard, the leaflets handed
  over. leaflets: every passage (a person on foot or a vehicle) handed a leaflet.

The headline is the zero report when the day had no fever, no key-area arrival and no
alert (the vehicle figures do not change it: a fever aboard already counts as a fever). An *alert* is an entry (not void) that is
- a referral to a fever clinic (decision refer: a confirmed fever, shortness of breath, or
  the guard's own decision to refer), or
- a person with any symptom recorded (cough, sore throat, fatigue, short breath), whatever
  was decided: this covers the refusals for symptoms and the residents let in with
  symptoms whom the decision table reports to the community ("symptoms_report").
Refusals for other reasons are not alerts: a refusal for a key-area arrival is already
counted as a key-area arrival, and a refusal the guard chose (e.g. a non-resident at a
closed compound) is routine gate work, not an epidemic finding. Why: the zero report
answers "did this post find anything the epidemic-control office must follow up?"
(BRIEF §2: fevers are referred to the fever clinic; symptoms and key-area arrivals are
reported to the community for observation): exactly the referral and symptom rules of
core/decision.py plus the key-area flag.

A day with no entries is a valid zero report; a day after today cannot be reported on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from checkpoint_app.core.decision import Category
from checkpoint_app.core.five_dailies import CareCounts
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.vehicle_categories import VehicleCategory

HOURS = 24
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)  # the report's row order
VEHICLE_CATEGORIES: tuple[str, ...] = tuple(c.value for c in VehicleCategory)


@dataclass(frozen=True)
class EntryFacts:
    """What the report reads of one entry."""

    direction: str
    category: str
    decision: str
    fever: bool = False
    key_area: bool = False
    symptoms: str = ""  # comma-separated Symptom codes, as stored
    voided: bool = False
    local_hour: int = 0  # 0-23, the station's local time of the passage


@dataclass(frozen=True)
class PassageFacts:
    """What the report reads of one passage (the vehicle figures and the leaflets)."""

    kind: str  # person (on foot) or vehicle
    direction: str
    decision: str
    vehicle_category: str | None = None
    occupants: int = 1  # the persons of the passage
    leaflet: bool = False
    voided: bool = False


def is_alert(decision: str, symptoms: str) -> bool:
    """An alert (see the module docstring); the SQL twin is in db/report_queries.py."""
    return decision == "refer" or bool(symptoms)


@dataclass(frozen=True)
class CategoryFigures:
    category: str
    entered: int = 0
    left: int = 0
    refused: int = 0
    referred: int = 0

    def __add__(self, other: CategoryFigures) -> CategoryFigures:
        return CategoryFigures(self.category, self.entered + other.entered, self.left + other.left,
                               self.refused + other.refused, self.referred + other.referred)


@dataclass(frozen=True)
class HourTraffic:
    hour: int
    entered: int = 0
    left: int = 0


@dataclass(frozen=True)
class VehicleFigures:
    """The vehicles of one category: how many, by what was decided, the persons aboard
    and the leaflets handed over."""

    category: str
    vehicles: int = 0
    entered: int = 0
    left: int = 0
    refused: int = 0
    referred: int = 0
    occupants: int = 0
    leaflets: int = 0

    def __add__(self, other: VehicleFigures) -> VehicleFigures:
        return VehicleFigures(self.category, *(getattr(self, n) + getattr(other, n) for n in _VEHICLE_SUMS))


_VEHICLE_SUMS = ("vehicles", "entered", "left", "refused", "referred", "occupants", "leaflets")


def _empty_vehicles() -> tuple[VehicleFigures, ...]:
    return tuple(VehicleFigures(c) for c in VEHICLE_CATEGORIES)


def _empty_categories() -> tuple[CategoryFigures, ...]:
    return tuple(CategoryFigures(c) for c in CATEGORIES)


def _empty_hours() -> tuple[HourTraffic, ...]:
    return tuple(HourTraffic(h) for h in range(HOURS))


@dataclass(frozen=True)
class DayFigures:
    """The counted figures of one day (see the module docstring for each)."""

    by_category: tuple[CategoryFigures, ...] = field(default_factory=_empty_categories)
    hourly: tuple[HourTraffic, ...] = field(default_factory=_empty_hours)
    fevers: int = 0
    referrals: int = 0
    refusals: int = 0
    key_area: int = 0
    alerts: int = 0
    registered: int = 0  # entries of the day that are not void, whatever the decision
    by_vehicle: tuple[VehicleFigures, ...] = field(default_factory=_empty_vehicles)
    leaflets: int = 0  # passages handed a leaflet: persons on foot and vehicles

    @property
    def vehicles(self) -> VehicleFigures:
        """All the day's vehicles, whatever their category (category "")."""
        total = VehicleFigures("")
        for v in self.by_vehicle:
            total = total + v
        return total

    def vehicle(self, code: str) -> VehicleFigures:
        return next(v for v in self.by_vehicle if v.category == code)

    @property
    def entered(self) -> int:
        return sum(c.entered for c in self.by_category)

    @property
    def left(self) -> int:
        return sum(c.left for c in self.by_category)

    @property
    def zero_report(self) -> bool:
        return self.fevers == 0 and self.key_area == 0 and self.alerts == 0

    def category(self, code: str) -> CategoryFigures:
        return next(c for c in self.by_category if c.category == code)


@dataclass(frozen=True)
class GroupFigures:
    """One group of a day's entries as the SQL GROUP BY returns it (category × hour):
    the sums of what `tally` counts one entry at a time."""

    category: str
    hour: int
    entered: int
    left: int
    refused: int
    referred: int
    fevers: int
    key_area: int
    alerts: int
    registered: int


@dataclass(frozen=True)
class PassageGroup:
    """One group of a day's passages as the SQL GROUP BY returns it (kind × vehicle
    category): the sums of what `tally` counts one passage at a time."""

    kind: str
    vehicle_category: str | None
    passages: int
    entered: int
    left: int
    refused: int
    referred: int
    occupants: int
    leaflets: int


def combine(groups: Iterable[GroupFigures], passage_groups: Iterable[PassageGroup] = ()) -> DayFigures:
    """The day's figures from its (category, hour) groups of entries and its (kind,
    vehicle category) groups of passages, all not void."""
    cats = {c: CategoryFigures(c) for c in CATEGORIES}
    hours = [HourTraffic(h) for h in range(HOURS)]
    totals = dict(fevers=0, referrals=0, refusals=0, key_area=0, alerts=0, registered=0, leaflets=0)
    for g in groups:
        cats[g.category] = cats.get(g.category, CategoryFigures(g.category)) + CategoryFigures(
            g.category, g.entered, g.left, g.refused, g.referred)
        hour = hours[g.hour % HOURS]
        hours[g.hour % HOURS] = HourTraffic(hour.hour, hour.entered + g.entered, hour.left + g.left)
        totals["fevers"] += g.fevers
        totals["referrals"] += g.referred
        totals["refusals"] += g.refused
        totals["key_area"] += g.key_area
        totals["alerts"] += g.alerts
        totals["registered"] += g.registered
    vehicles = {c: VehicleFigures(c) for c in VEHICLE_CATEGORIES}
    for p in passage_groups:
        totals["leaflets"] += p.leaflets
        if p.kind == "vehicle":
            code = p.vehicle_category or VehicleCategory.OTHER.value
            vehicles[code] = vehicles.get(code, VehicleFigures(code)) + VehicleFigures(
                code, p.passages, p.entered, p.left, p.refused, p.referred, p.occupants, p.leaflets)
    return DayFigures(by_category=tuple(cats.values()), hourly=tuple(hours), by_vehicle=tuple(vehicles.values()),
                      **totals)


def group_of(e: EntryFacts) -> GroupFigures | None:
    """What one entry adds to its (category, hour) group; None for a void entry."""
    if e.voided:
        return None
    passed = e.decision == "admit"
    return GroupFigures(
        category=e.category, hour=e.local_hour,
        entered=int(passed and e.direction == "in"), left=int(passed and e.direction == "out"),
        refused=int(e.decision == "refuse"), referred=int(e.decision == "refer"),
        fevers=int(e.fever), key_area=int(e.key_area), alerts=int(is_alert(e.decision, e.symptoms)), registered=1,
    )


def passage_group_of(p: PassageFacts) -> PassageGroup | None:
    """What one passage adds to its (kind, vehicle category) group; None when void."""
    if p.voided:
        return None
    passed = p.decision == "admit"
    return PassageGroup(
        kind=p.kind, vehicle_category=p.vehicle_category if p.kind == "vehicle" else None, passages=1,
        entered=int(passed and p.direction == "in"), left=int(passed and p.direction == "out"),
        refused=int(p.decision == "refuse"), referred=int(p.decision == "refer"), occupants=p.occupants,
        leaflets=int(p.leaflet),
    )


def tally(entries: Iterable[EntryFacts], passages: Iterable[PassageFacts] = ()) -> DayFigures:
    """The day's figures, counted one entry (person) and one passage at a time (the
    definition; the SQL twin is db/report_queries.day_figures)."""
    return combine((g for g in map(group_of, entries) if g is not None),
                   (g for g in map(passage_group_of, passages) if g is not None))


@dataclass(frozen=True)
class ShiftSummary:
    """A shift that was on duty during the day: its times (aware, UTC), the operators on
    it, and its seven-ones (七个一) check: True all present, False something missing (the
    item codes in `missing`), None no check recorded."""

    started_at: dt.datetime
    ended_at: dt.datetime | None  # None: still on duty
    operators: tuple[str, ...]  # the one who started it first
    seven_ones_ok: bool | None
    missing: tuple[str, ...] = ()  # item codes missing in its latest check
    id: int | None = None
    handover_note: str = ""
    open_matters: str = ""

    @property
    def operator_names(self) -> tuple[str, ...]:
        return self.operators


@dataclass(frozen=True)
class AppendixPerson:
    """One person for the supervisor's follow-up (fever, referral, key-area arrival or
    symptoms): the name in full, the ID number and phone masked (a full number is a
    separate, audited reveal in the app)."""

    seq: int
    local_time: dt.datetime
    name: str
    id_number_masked: str
    phone_masked: str
    category: str
    direction: str
    temperature: int | None  # tenths of a degree: the re-measure if any, else the first reading
    fever: bool
    key_area: bool
    symptoms: tuple[str, ...]
    decision: str
    plate: str | None = None  # the vehicle the person was in, if any


@dataclass(frozen=True)
class DailyReport:
    """The report of one station for one day, as shown, saved and printed."""

    station_name: str
    station_code: str
    district: str
    day: dt.date
    made_at: dt.datetime  # aware, the station's local time
    made_by: str  # the operator who asked for it
    figures: DayFigures
    shifts: tuple[ShiftSummary, ...] = ()
    appendix: tuple[AppendixPerson, ...] | None = None  # None: not asked for (the default)
    inside: int | None = None  # visitors and visitor vehicles still inside at the end of the day (today: now)
    care: CareCounts | None = None  # home quarantine that day: households, persons, the five dailies done

    @property
    def zero_report(self) -> bool:
        return self.figures.zero_report


def check_day(day: dt.date, today: dt.date) -> dt.date:
    """The day to report on; a day after today is refused (InvalidInput, field "day")."""
    if day > today:
        raise InvalidInput([problem("day", QT_TRANSLATE_NOOP(
            "problems", "{day} has not happened yet: choose today or an earlier day."), day=day.isoformat())])
    return day
