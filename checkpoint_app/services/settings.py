"""Every station setting declared in one place, with its type, default and check (after
Picard's options.py). Values live in the database's `setting` table as JSON, so a
station's rules travel with its register. (The screen's language and print size are
this laptop's, kept by the UI: see ui/display_prefs.py.)"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from sqlmodel import Session, select

from checkpoint_app.core.arrival import DEFAULT_CONFIRM_DAYS, check_confirm_days
from checkpoint_app.core.decision import Category
from checkpoint_app.core.entry import Policy
from checkpoint_app.core.inside import DEFAULT_INSIDE_DAYS, DEFAULT_LATE_HOUR, check_inside_days, check_late_hour
from checkpoint_app.core.keyarea import DEFAULT_KEY_AREAS, DEFAULT_WINDOW_DAYS, KeyAreaRule
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.retention import RETENTION_DEFAULT, check_retention_days
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.temperature import DEFAULT_FEVER_THRESHOLD_TENTHS
from checkpoint_app.core.vehicle import DEFAULT_OCCUPANT_LIMITS, IdentityRule, VehicleRules, check_limits

from checkpoint_app.db.errors import storage_errors
from checkpoint_app.db.models import Setting

from checkpoint_app.services.health import Health
from checkpoint_app.services.unit_of_work import UnitOfWork


def _threshold(value: Any) -> int:
    if not isinstance(value, int) or not 370 <= value <= 385:
        raise InvalidInput([problem("fever_threshold", QT_TRANSLATE_NOOP(
            "problems", "The fever threshold must be between 37.0 and 38.5 °C."))])
    return value


def _window(value: Any) -> int:
    KeyAreaRule.parse((), value)  # raises on a bad window
    return int(value)


def _areas(value: Any) -> list[str]:
    lines = [str(v).strip() for v in value if str(v).strip()]
    KeyAreaRule.parse(lines, DEFAULT_WINDOW_DAYS)
    return lines


def _identity(value: Any) -> str:
    if value != "auto" and value not in {r.value for r in IdentityRule}:
        raise InvalidInput([problem("vehicle_identity", QT_TRANSLATE_NOOP(
            "problems", "Choose whose identity is registered in a vehicle."))])
    return str(value)


def _on_off(key: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise InvalidInput([problem(key, QT_TRANSLATE_NOOP("problems", "Choose on or off."))])
        return value
    return check


def _exempt(value: Any) -> list[str]:
    """Who may still come in under closed management: outsider categories only (a
    resident always may)."""
    if not isinstance(value, list) or any(v not in {c.value for c in Category} for v in value):
        raise InvalidInput([problem("closed_exempt", QT_TRANSLATE_NOOP(
            "problems", "Choose who may still come in from the list of categories."))])
    return sorted({str(v) for v in value} - {Category.RESIDENT.value})


def _scan_prefix(value: Any) -> str:
    """The first characters of every resident-pass code ("" when no scanner is used)."""
    text = str(value).strip().upper() if isinstance(value, str) else None
    if text is None or len(text) > 8 or not all(c.isascii() and c.isalnum() for c in text):
        raise InvalidInput([problem("pass_code_prefix", QT_TRANSLATE_NOOP(
            "problems", "The pass codes' prefix is up to 8 letters or digits (e.g. JB), or empty."))])
    return text


IDLE_LOCK_DEFAULT, IDLE_LOCK_MIN, IDLE_LOCK_MAX = 10, 1, 120  # minutes without input before the desk locks


def _idle_minutes(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not IDLE_LOCK_MIN <= value <= IDLE_LOCK_MAX:
        raise InvalidInput([problem("idle_lock_minutes", QT_TRANSLATE_NOOP(
            "problems", "The desk locks after {low} to {high} minutes without use."), low=IDLE_LOCK_MIN,
            high=IDLE_LOCK_MAX)])
    return value


BACKUP_KEEP_DEFAULT, BACKUP_KEEP_MIN, BACKUP_KEEP_MAX = 14, 2, 90


def _backup_folder(value: Any) -> str:
    if not isinstance(value, str) or len(value) > 500 or any(ord(c) < 32 for c in value):
        raise InvalidInput([problem("backup_folder", QT_TRANSLATE_NOOP(
            "problems", "Choose a folder or a drive for the backups."))])
    return value


def _backup_keep(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not BACKUP_KEEP_MIN <= value <= BACKUP_KEEP_MAX:
        raise InvalidInput([problem("backup_keep", QT_TRANSLATE_NOOP(
            "problems", "Keep {low} to {high} backups."), low=BACKUP_KEEP_MIN, high=BACKUP_KEEP_MAX)])
    return value


@dataclass(frozen=True)
class Option:
    key: str
    default: Any
    check: Callable[[Any], Any]


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("fever_threshold", DEFAULT_FEVER_THRESHOLD_TENTHS, _threshold),
        Option("key_areas", list(DEFAULT_KEY_AREAS), _areas),
        Option("key_area_window_days", DEFAULT_WINDOW_DAYS, _window),
        Option("arrival_confirm_days", DEFAULT_CONFIRM_DAYS, check_confirm_days),
        Option("idle_lock_minutes", IDLE_LOCK_DEFAULT, _idle_minutes),
        # 封闭式管理: outsiders coming in are refused, except these categories
        Option("closed_management", False, _on_off("closed_management")),
        Option("closed_exempt", sorted(c.value for c in Policy().closed_exempt), _exempt),
        # resident passes scanned at the gate: recognised by this prefix and their speed
        Option("pass_code_prefix", "", _scan_prefix),
        # "auto": outsiders' at a compound gate (as on foot), nobody's at a road checkpoint
        Option("vehicle_identity", "auto", _identity),
        Option("vehicle_occupant_limits", dict(DEFAULT_OCCUPANT_LIMITS), check_limits),
        # who is inside (core/inside.py): highlighted after this hour; open entries count this many days
        Option("inside_late_hour", DEFAULT_LATE_HOUR, check_late_hour),
        Option("inside_days", DEFAULT_INSIDE_DAYS, check_inside_days),
        # people's data erased after this many days, once the office acknowledged it (issue 10)
        Option("retention_days", RETENTION_DEFAULT, check_retention_days),
        # backups (services/backups.py): where they go ("": <data>/backups), how many are kept
        Option("backup_folder", "", _backup_folder),
        Option("backup_keep", BACKUP_KEEP_DEFAULT, _backup_keep),
    )
}


class Settings:
    """Typed access to the stored settings; unknown keys are a bug (KeyError)."""

    def __init__(self, session_factory: Callable[[], Session], health: Health | None = None,
                 uow: UnitOfWork | None = None):
        self._session_factory = session_factory
        self._uow = uow
        self._health = health or Health()
        self._cache: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        if self._cache is None:
            with storage_errors(self._health.note_error), self._session_factory() as session:
                stored = {row.key: json.loads(row.value) for row in session.exec(select(Setting))}
            self._cache = {key: stored.get(key, opt.default) for key, opt in OPTIONS.items()}
        return self._cache

    def get(self, key: str) -> Any:
        return self._load()[key]

    def check(self, values: dict[str, Any]) -> dict[str, Any]:
        """The values as they would be stored; InvalidInput if any is wrong. Stores nothing."""
        return {key: OPTIONS[key].check(value) for key, value in values.items()}

    def set_many(self, actor: Actor, values: dict[str, Any]) -> None:
        """Check every value first; store all or nothing (a supervisor's; audited with
        the keys that changed)."""
        checked = self.check(values)
        assert self._uow is not None, "settings opened read-only"
        with self._uow.write(actor, Action.EDIT_RULES) as work:
            for key, value in checked.items():
                work.session.merge(Setting(key=key, value=json.dumps(value, ensure_ascii=False)))
            changed = sorted(k for k, v in checked.items() if v != self._load().get(k))
            work.audit(Action.EDIT_RULES, "settings", {"changed": changed})
        self._load().update(checked)

    def policy(self) -> Policy:
        return Policy(
            fever_threshold=self.get("fever_threshold"),
            key_areas=KeyAreaRule.parse(self.get("key_areas"), self.get("key_area_window_days")),
            arrival_confirm_days=self.get("arrival_confirm_days"),
            closed_management=self.get("closed_management"),
            closed_exempt=frozenset(Category(c) for c in self.get("closed_exempt")),
        )

    def vehicle_rules(self, station_type: str | None) -> VehicleRules:
        """Whose identity a vehicle's occupants give, and the occupant limits; "auto"
        follows the kind of station (a compound gate registers outsiders fully)."""
        identity = self.get("vehicle_identity")
        if identity == "auto":
            identity = IdentityRule.OUTSIDERS if station_type == "compound_gate" else IdentityRule.NONE
        return VehicleRules(identity=IdentityRule(identity), occupant_limits=dict(self.get("vehicle_occupant_limits")))
