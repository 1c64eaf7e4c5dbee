"""What the guard should do with a person: admit, refuse or refer (to a fever clinic).

`propose` is a small ordered rule table; the first rule that refuses or refers wins.
Admitting rules only add reasons the record carries (things to report to the
community). The guard may choose differently, but must then say why (`check_override`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.temperature import Screening

__all__ = [
    "Direction", "Category", "Decision", "Symptom", "Proposal", "Rule", "RULES",
    "propose", "check_override", "MIN_OVERRIDE_REASON",
]

MIN_OVERRIDE_REASON = 2


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


class Category(StrEnum):
    RESIDENT = "resident"
    VISITOR = "visitor"
    DELIVERY = "delivery"
    STAFF = "staff"
    OFFICIAL = "official"  # emergency services, officials on duty
    OTHER = "other"


class Decision(StrEnum):
    ADMIT = "admit"
    REFUSE = "refuse"
    REFER = "refer"  # to a fever clinic


class Symptom(StrEnum):
    COUGH = "cough"
    SORE_THROAT = "sore_throat"
    FATIGUE = "fatigue"
    SHORT_BREATH = "short_breath"


MINOR_SYMPTOMS = frozenset({Symptom.COUGH, Symptom.SORE_THROAT, Symptom.FATIGUE})


@dataclass(frozen=True)
class Facts:
    """What the rules look at: one object, built by core/entry.py from what was typed
    and what the register knows of the person (core/known.py)."""

    screening: Screening
    key_area_flagged: bool
    symptoms: frozenset[Symptom]
    category: Category
    direction: Direction = Direction.IN
    closed: bool = False  # the station is under closed management (封闭式管理)
    closed_exempt: frozenset[Category] = frozenset()  # who may still come in then
    watched: bool = False  # on the watchlist (home quarantine): must not go out
    listed: bool = False  # found on the residents list (a resident's pass, room or plate)

    @property
    def resident(self) -> bool:
        return self.category is Category.RESIDENT or self.listed

    @property
    def minor_symptoms(self) -> bool:
        return bool(self.symptoms & MINOR_SYMPTOMS)


@dataclass(frozen=True)
class Rule:
    """When `applies`, propose `decision` with `reason` (a stored machine code)."""

    reason: str
    decision: Decision
    applies: Callable[[Facts], bool]


RULES: tuple[Rule, ...] = (
    Rule("fever", Decision.REFER, lambda f: f.screening.fever),
    Rule("short_breath", Decision.REFER, lambda f: Symptom.SHORT_BREATH in f.symptoms),
    Rule("watchlist", Decision.REFUSE, lambda f: f.watched and f.direction is Direction.OUT),
    Rule("key_area", Decision.REFUSE,
         lambda f: f.key_area_flagged and f.category not in (Category.RESIDENT, Category.OFFICIAL)),
    Rule("closed", Decision.REFUSE, lambda f: f.closed and f.direction is Direction.IN and not f.resident
         and f.category not in f.closed_exempt),
    Rule("symptoms", Decision.REFUSE, lambda f: f.minor_symptoms and not f.resident),
    # Admitted, but reported to the community (home observation / health follow-up).
    Rule("symptoms_report", Decision.ADMIT, lambda f: f.minor_symptoms and f.resident),
    Rule("key_area_report", Decision.ADMIT, lambda f: f.key_area_flagged),
    Rule("watchlist_report", Decision.ADMIT, lambda f: f.watched),
)


@dataclass(frozen=True)
class Proposal:
    decision: Decision
    reasons: tuple[str, ...] = ()


def propose(facts: Facts) -> Proposal:
    """Run the rule table. Assumes a complete screening (see `require_complete`):
    a first reading still waiting for its second one does not count as fever."""
    reports: list[str] = []
    for rule in RULES:
        if not rule.applies(facts):
            continue
        if rule.decision is not Decision.ADMIT:
            return Proposal(rule.decision, (rule.reason,))
        reports.append(rule.reason)
    return Proposal(Decision.ADMIT, tuple(reports))


def check_override(proposed: Decision, chosen: Decision, reason_text: str, field: str = "override_reason") -> None:
    """Raise InvalidInput when the guard overrides the proposal without a reason."""
    if Decision(chosen) is Decision(proposed):
        return
    if len((reason_text or "").strip()) < MIN_OVERRIDE_REASON:
        raise InvalidInput([problem(field, QT_TRANSLATE_NOOP("problems", "You chose a different decision than proposed: say why (at least {count} characters)."), count=MIN_OVERRIDE_REASON)])
