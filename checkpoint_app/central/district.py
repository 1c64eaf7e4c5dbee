"""Who reported: the gaps per station and the district's completeness report of one day
(DHIS2's reporting rates: expected reports against actual and on-time ones; a missing
report is not a zero report).

- **Expected** on a day: a station enrolled and active that day (`active_from` <= day and
  not retired on or before it), or one that declared the day anyway.
- **Reported**: the office holds a day declaration (a `day` record) of that day; **zero**
  when the declaration says so.
- **On time**: the batch first declaring the day was imported by the deadline, by default
  the next day at 10:00 in the office's local time (`default_deadline`); **late** after it.
- **Missing**: expected and no declaration held — named, per sub-district.
- Totals are the sums of the declarations' figures (persons, vehicles, fevers, referrals,
  refusals, key-area arrivals, watchlist alerts) over the posts that reported.

Gaps: per station, the batch numbers missing below the highest held, and the days from
its first (declared or active) day to yesterday without a declaration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from checkpoint_app.central.models import OfficeBatch, OfficeDay, OfficeStation
from checkpoint_app.central.prepare import held_utc

STATIONS = OfficeStation.__table__  # type: ignore[attr-defined]
BATCHES = OfficeBatch.__table__  # type: ignore[attr-defined]
DAYS = OfficeDay.__table__  # type: ignore[attr-defined]

DEADLINE_HOUR = 10
# The totals: (the key in a day declaration's figures, the column's English heading)
TOTALS: tuple[tuple[str, str], ...] = (
    ("persons", "Persons"), ("vehicles", "Vehicles"), ("fevers", "Fevers"), ("referrals", "Referrals"),
    ("refused", "Refusals"), ("key_area", "Key-area arrivals"), ("alerts", "Watchlist alerts"),
)
ON_TIME, LATE, MISSING = "on_time", "late", "missing"


def default_deadline(day: dt.date, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The next day at 10:00 in the office's local time (`tz`; None: the machine's)."""
    moment = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(DEADLINE_HOUR))
    return moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()


@dataclass(frozen=True)
class PostDay:
    """One post (station) on the report's day."""

    code: str
    name: str
    district: str
    status: str  # ON_TIME, LATE, MISSING
    zero_report: bool = False
    revision: int | None = None
    closed_by: str = ""
    imported_at: dt.datetime | None = None
    figures: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class DistrictGroup:
    """A sub-district (街道/乡镇): its posts and their counts."""

    district: str
    posts: list[PostDay]

    @property
    def expected(self) -> int:
        return len(self.posts)

    @property
    def reported(self) -> list[PostDay]:
        return [p for p in self.posts if p.status != MISSING]

    @property
    def zero(self) -> list[PostDay]:
        return [p for p in self.reported if p.zero_report]

    @property
    def on_time(self) -> list[PostDay]:
        return [p for p in self.posts if p.status == ON_TIME]

    @property
    def late(self) -> list[PostDay]:
        return [p for p in self.posts if p.status == LATE]

    @property
    def missing(self) -> list[PostDay]:
        return [p for p in self.posts if p.status == MISSING]

    def totals(self) -> dict[str, int]:
        return _sum(self.reported)


@dataclass(frozen=True)
class DistrictReport:
    day: dt.date
    deadline: dt.datetime
    made_at: dt.datetime
    groups: list[DistrictGroup]
    not_active: list[str]  # enrolled posts not expected that day (codes)

    @property
    def posts(self) -> list[PostDay]:
        return [p for g in self.groups for p in g.posts]

    def totals(self) -> dict[str, int]:
        return _sum([p for g in self.groups for p in g.reported])

    def counts(self) -> dict[str, int]:
        groups = self.groups
        return {"expected": sum(g.expected for g in groups), "reported": sum(len(g.reported) for g in groups),
                "zero": sum(len(g.zero) for g in groups), "on_time": sum(len(g.on_time) for g in groups),
                "late": sum(len(g.late) for g in groups), "missing": sum(len(g.missing) for g in groups)}


def _sum(posts: list[PostDay]) -> dict[str, int]:
    totals = {key: 0 for key, _ in TOTALS}
    for post in posts:
        for key in totals:
            value = post.figures.get(key)
            if isinstance(value, int) and not isinstance(value, bool):
                totals[key] += value
    return totals


def expected_on(station: Any, day: dt.date) -> bool:
    return station.active_from <= day and (station.retired_on is None or day < station.retired_on)


def build_report(conn: Connection, day: dt.date, deadline: dt.datetime, made_at: dt.datetime) -> DistrictReport:
    stations = conn.execute(select(STATIONS).order_by(STATIONS.c.district, STATIONS.c.code)).all()
    declared = {row.station_id: row for row in conn.execute(select(DAYS).where(DAYS.c.day == day))}
    groups: dict[str, list[PostDay]] = {}
    not_active: list[str] = []
    for station in stations:
        declaration = declared.get(station.id)
        if declaration is None and not expected_on(station, day):
            not_active.append(station.code)
            continue
        if declaration is None:
            post = PostDay(station.code, station.name, station.district, MISSING)
        else:
            first = held_utc(declaration.first_imported_at)
            post = PostDay(station.code, station.name, station.district, ON_TIME if first <= deadline else LATE,
                           bool(declaration.zero_report), declaration.revision, declaration.closed_by, first,
                           {k: v for k, v in dict(declaration.figures).items() if isinstance(v, int)})
        groups.setdefault(station.district, []).append(post)
    return DistrictReport(day, deadline, made_at, [DistrictGroup(d, posts) for d, posts in sorted(groups.items())],
                          not_active)


def station_gaps(conn: Connection, today: dt.date) -> list[Any]:
    from checkpoint_app.central.service import StationGaps

    yesterday = today - dt.timedelta(days=1)
    stations = conn.execute(select(STATIONS).order_by(STATIONS.c.district, STATIONS.c.code)).all()
    numbers: dict[int, set[int]] = {}
    for row in conn.execute(select(BATCHES.c.station_id, BATCHES.c.number)):
        numbers.setdefault(row.station_id, set()).add(row.number)
    days: dict[int, set[dt.date]] = {}
    for row in conn.execute(select(DAYS.c.station_id, DAYS.c.day)):
        days.setdefault(row.station_id, set()).add(row.day)
    first_declared = {row.station_id: row.first for row in conn.execute(
        select(DAYS.c.station_id, func.min(DAYS.c.day).label("first")).group_by(DAYS.c.station_id))}
    found = []
    for station in stations:
        held = numbers.get(station.id, set())
        missing_batches = sorted(set(range(1, max(held) + 1)) - held) if held else []
        start = min(d for d in (station.active_from, first_declared.get(station.id)) if d is not None)
        end = yesterday if station.retired_on is None else min(yesterday, station.retired_on - dt.timedelta(days=1))
        declared = days.get(station.id, set())
        missing_days = []
        day = start
        while day <= end:
            if day not in declared:
                missing_days.append(day)
            day += dt.timedelta(days=1)
        found.append(StationGaps(station.code, station.name, station.district, missing_batches, missing_days))
    return found
