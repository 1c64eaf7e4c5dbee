"""The station profile: which gate or checkpoint this laptop registers for."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Callable

from sqlmodel import Session, col, select

from checkpoint_app.core.entry import collect
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem
from checkpoint_app.core.regions import province_by_code
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.text import clean_text

from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Station, StationView

from checkpoint_app.services.health import Health
from checkpoint_app.services.unit_of_work import UnitOfWork


class StationType(str, Enum):
    COMPOUND_GATE = "compound_gate"
    ROAD_CHECKPOINT = "road_checkpoint"
    ENTERPRISE = "enterprise"
    MARKET = "market"
    OTHER = "other"


CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}$")


@dataclass
class StationDraft:
    name: str = ""
    code: str = ""
    station_type: str = StationType.COMPOUND_GATE.value
    district: str = ""
    province_code: str = ""


class StationService:
    def __init__(self, uow: UnitOfWork, session_factory: Callable[[], Session], clock: Callable[[], dt.datetime],
                 health: Health | None = None):
        self._uow = uow
        self._session_factory = session_factory
        self._clock = clock
        self._health = health or Health(clock)

    def current(self) -> StationView | None:
        with storage_errors(self._health.note_error), self._session_factory() as session:
            station = session.exec(select(Station).order_by(col(Station.id))).first()
            return _view(station) if station is not None else None

    def save(self, actor: Actor, draft: StationDraft) -> StationView:
        """Create the station profile or update it (a supervisor's); the code must stay unique."""
        problems: list[Problem] = []
        name = collect(problems, clean_text, draft.name, 60, "station_name")
        if not name and not any(p.field == "station_name" for p in problems):
            problems.append(problem("station_name", QT_TRANSLATE_NOOP("problems", "Give the station a name.")))
        code = draft.code.strip().upper()
        if not CODE_PATTERN.match(code):
            problems.append(problem("station_code", QT_TRANSLATE_NOOP(
                "problems", "The code is 3–20 letters, digits or '-', e.g. JB-TSP-01.")))
        try:
            station_type = StationType(draft.station_type)
        except ValueError:
            station_type = None
            problems.append(problem("station_type", QT_TRANSLATE_NOOP("problems", "Choose the kind of station.")))
        district = collect(problems, clean_text, draft.district, 60, "station_district")
        if not district and not any(p.field == "station_district" for p in problems):
            problems.append(problem("station_district", QT_TRANSLATE_NOOP("problems", "Say which district the station is in.")))
        if province_by_code(draft.province_code) is None:
            problems.append(problem("station_province", QT_TRANSLATE_NOOP("problems", "Choose the station's province.")))
        if problems or station_type is None:
            raise InvalidInput(problems)
        with self._uow.write(actor, Action.EDIT_STATION) as work:
            session, now = work.session, work.now
            station = session.exec(select(Station).order_by(col(Station.id))).first()
            clash = session.exec(select(Station).where(Station.code == code)).first()
            if clash is not None and (station is None or clash.id != station.id):
                raise InvalidInput([problem("station_code", QT_TRANSLATE_NOOP(
                    "problems", "Code {code} is already used by another station."), code=code)])
            if station is None:
                station = Station(code=code, name=name, station_type=station_type.value, district=district,
                                  province_code=draft.province_code, created_at=now, updated_at=now)
            else:
                station.sqlmodel_update(dict(code=code, name=name, station_type=station_type.value,
                                             district=district, province_code=draft.province_code, updated_at=now))
            session.add(station)
            session.flush()
            work.audit(Action.EDIT_STATION, f"station:{station.id}", {"code": code, "name": name})
        return _view(station)


def _view(station: Station) -> StationView:
    assert station.id is not None
    return StationView(**station.model_dump(include=set(StationView.model_fields)))
