"""One register entry (a passage): from the raw text of the form to a validated,
screened passage with its person checks.

`validate_entry` runs every field's rule and collects *all* problems, so the form can
mark each field at once; it never fixes input silently. Which fields are required
depends on the category (residents pass quickly; outsiders are registered fully).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable

from checkpoint_app.core.arrival import DEFAULT_CONFIRM_DAYS, Reading, check_confirmed, parse_day, read_arrival
from checkpoint_app.core.decision import (
    Category,
    Decision,
    Direction,
    Facts,
    Proposal,
    Symptom,
    check_override,
    propose,
)
from checkpoint_app.core.idcard import DocType, ResidentId, normalise_document_number, parse_resident_id
from checkpoint_app.core.keyarea import DEFAULT_KEY_AREAS, KeyAreaResult, KeyAreaRule
from checkpoint_app.core.known import NOTHING_KNOWN, Known
from checkpoint_app.core.phone import normalise_phone
from checkpoint_app.core.plates import Plate, looks_like_plate
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, at_path, problem
from checkpoint_app.core.regions import Province, province_by_code
from checkpoint_app.core.temperature import (
    DEFAULT_FEVER_THRESHOLD_TENTHS,
    Screening,
    parse_temperature,
    require_complete,
    screen,
)
from checkpoint_app.core.text import clean_text, normalise_name
from checkpoint_app.core.vehicle_categories import VehicleCategory

OUTSIDER_CATEGORIES = frozenset({Category.VISITOR, Category.DELIVERY, Category.STAFF, Category.OTHER})

# Which fields an entry *into* the compound needs, by category.
REQUIRED: dict[Category, frozenset[str]] = {
    Category.RESIDENT: frozenset({"name", "temperature"}),
    Category.OFFICIAL: frozenset({"name", "temperature", "purpose"}),
    **{
        c: frozenset({"name", "id_number", "phone", "origin_province", "purpose", "temperature"})
        for c in OUTSIDER_CATEGORIES
    },
}
REQUIRED_OUT = frozenset({"name"})


@dataclass
class PersonDraft:
    """One person's part of what the guard typed, as text: who, from where, the
    temperature. A person on foot is one passage with one of these; a vehicle has one
    per occupant. Nothing here is trusted yet."""

    category: str = Category.VISITOR.value
    name: str = ""
    id_type: str = DocType.RESIDENT_ID.value
    id_number: str = ""
    phone: str = ""
    phone_foreign: bool = False
    destination: str = ""
    purpose: str = ""
    origin_province: str = ""
    origin_city: str = ""
    arrival_date: str = ""
    arrival_confirmed: bool = False  # the guard ticked "date is right" (see core/arrival.py)
    temperature: str = ""
    temperature2: str = ""
    symptoms: frozenset[str] = frozenset()
    resident: str = ""  # the resident chosen at the gate (their UUID): their identity comes from the list


@dataclass
class EntryDraft(PersonDraft):
    """A person on foot passing the gate: the passage's part (direction, decision,
    leaflet, notes) with the one person's."""

    direction: str = Direction.IN.value
    decision: str = ""  # empty: take the proposal
    override_reason: str = ""
    leaflet: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Policy:
    fever_threshold: int = DEFAULT_FEVER_THRESHOLD_TENTHS
    key_areas: KeyAreaRule = field(default_factory=lambda: KeyAreaRule(DEFAULT_KEY_AREAS))
    arrival_confirm_days: int = DEFAULT_CONFIRM_DAYS
    closed_management: bool = False  # 封闭式管理: outsiders are refused unless exempt
    closed_exempt: frozenset[Category] = frozenset({Category.OFFICIAL, Category.DELIVERY})


class PassageKind(str, Enum):
    PERSON = "person"  # on foot: one person check
    VEHICLE = "vehicle"  # a vehicle: one person check per occupant


@dataclass(frozen=True)
class ValidatedPerson:
    """One person check, validated and screened."""

    category: Category
    name: str
    id_type: DocType | None
    id_number: str | None
    resident_id: ResidentId | None
    phone: str | None
    phone_foreign: bool
    destination: str
    purpose: str
    origin_province: Province | None
    origin_city: str
    arrival_date: dt.date | None
    temp1: int | None
    temp2: int | None
    screening: Screening
    symptoms: frozenset[Symptom]
    key_area: KeyAreaResult
    proposal: Proposal  # what the rules propose for this person alone
    facts: Facts  # what the rules judged them by (a vehicle re-judges with the plate's flag)
    known: Known = NOTHING_KNOWN  # what the register knew of them (stored: the resident, the watch alert)


@dataclass(frozen=True)
class ValidatedPassage:
    """One passage (the event), validated: its persons and the decision for all of them."""

    direction: Direction
    kind: PassageKind
    persons: tuple[ValidatedPerson, ...]
    proposal: Proposal
    decision: Decision
    override_reason: str
    leaflet: bool
    notes: str
    plate: Plate | None = None  # a vehicle's
    vehicle_category: VehicleCategory | None = None
    notices: tuple[str, ...] = ()  # flagged for the guard, not decided: "plate_mismatch:鄂"
    exit_of: str | None = None  # an exit: the UUID of the entry it closes (who is inside)

    @property
    def person(self) -> ValidatedPerson:
        """The person on foot (the first person of a vehicle)."""
        return self.persons[0]

    @property
    def key_area_flagged(self) -> bool:
        return any(p.key_area.flagged for p in self.persons)


def collect(problems: list[Problem], func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`func(*args, **kwargs)`, or None with its InvalidInput's problems added to `problems`
    (so one form's every problem is found in one pass)."""
    try:
        return func(*args, **kwargs)
    except InvalidInput as error:
        problems.extend(error.problems)
        return None


def validate_entry(draft: EntryDraft, policy: Policy, today: dt.date, known: Known = NOTHING_KNOWN) -> ValidatedPassage:
    """Validate and screen the passage of a person on foot; raise InvalidInput listing
    every problem (fields named as on the person form: "temperature", ...). `known`:
    what the register knows of the person (core/known.py)."""
    problems: list[Problem] = []
    direction = Direction(draft.direction)
    person, proposal = validate_person(draft, direction, policy, today, problems, known=known)
    for name in ("name", "id_number"):
        if looks_like_plate(getattr(draft, name)):
            problems[:] = [p for p in problems if p.field != name]
            problems.append(problem(name, QT_TRANSLATE_NOOP("problems", "This is a vehicle plate: register a vehicle on the vehicle form (F2).")))
            person = None
    notes = collect(problems, clean_text, draft.notes, 500, "notes") or ""
    decision = Decision(draft.decision) if draft.decision else proposal.decision
    override_reason = collect(problems, clean_text, draft.override_reason, 200, "override_reason") or ""
    collect(problems, check_override, proposal.decision, decision, override_reason)
    if problems or person is None:
        raise InvalidInput(problems)
    return ValidatedPassage(
        direction=direction, kind=PassageKind.PERSON, persons=(person,), proposal=proposal, decision=decision,
        override_reason=override_reason if decision is not proposal.decision else "",
        leaflet=draft.leaflet, notes=notes,
    )


def validate_person(draft: PersonDraft, direction: Direction, policy: Policy, today: dt.date,
                    problems: list[Problem], at: str = "",
                    required: frozenset[str] | None = None,
                    known: Known = NOTHING_KNOWN) -> tuple[ValidatedPerson | None, Proposal]:
    """One person's fields, validated and screened, and what the rules propose for them
    (from whatever parsed, so an override can be judged beside other problems).
    Problems are added to `problems` with their fields under `at` ("occupants.2"); the
    person is None when there were any. `required` replaces the fields the category
    requires (a vehicle's occupants: see core/vehicle.py)."""
    found: list[Problem] = []
    category = Category(draft.category)
    if required is None:
        required = REQUIRED[category] if direction is Direction.IN else REQUIRED_OUT

    def missing(name: str, template: str) -> None:
        if name in required:
            found.append(problem(name, template))

    # every person on foot is named; a vehicle's occupant only where identity is asked for
    name = collect(found, normalise_name, draft.name) if draft.name.strip() or "name" in required else ""

    doc_type = DocType(draft.id_type) if draft.id_type else DocType.RESIDENT_ID
    resident_id: ResidentId | None = None
    id_number: str | None = None
    if draft.id_number.strip():
        if doc_type is DocType.RESIDENT_ID:
            resident_id = collect(found, parse_resident_id, draft.id_number, today)
            id_number = resident_id.number if resident_id else None
        else:
            id_number = collect(found, normalise_document_number, doc_type, draft.id_number)
    else:
        missing("id_number", QT_TRANSLATE_NOOP("problems", "Outsiders are registered with an identity document number."))

    phone: str | None = None
    if draft.phone.strip():
        phone = collect(found, normalise_phone, draft.phone, draft.phone_foreign)
    else:
        missing("phone", QT_TRANSLATE_NOOP("problems", "Outsiders are registered with a phone number."))

    destination = collect(found, clean_text, draft.destination, 100, "destination") or ""
    purpose = collect(found, clean_text, draft.purpose, 60, "purpose") or ""
    if not draft.purpose.strip():  # (a purpose refused as too long is not also "missing")
        missing("purpose", QT_TRANSLATE_NOOP("problems", "Say why they are coming in."))
    origin_city = collect(found, clean_text, draft.origin_city, 30, "origin_city") or ""

    origin = province_by_code(draft.origin_province) if draft.origin_province else None
    if draft.origin_province and origin is None:
        found.append(problem("origin_province", QT_TRANSLATE_NOOP("problems", "Choose a province from the list.")))
    if origin is None and not draft.origin_province:
        missing("origin_province", QT_TRANSLATE_NOOP("problems", "Say which province they came from."))
    arrival = collect(found, parse_day, draft.arrival_date, today, "arrival_date")
    if arrival is not None:
        collect(found, check_confirmed, read_arrival(arrival, today, policy.arrival_confirm_days),
                 draft.arrival_confirmed)

    temp1 = collect(found, parse_temperature, draft.temperature, "temperature") if draft.temperature.strip() else None
    temp2 = collect(found, parse_temperature, draft.temperature2, "temperature2") if draft.temperature2.strip() else None
    screening = screen(temp1, temp2, policy.fever_threshold)
    if temp1 is None and not problems_for(found, "temperature"):
        if "temperature" in required:
            collect(found, require_complete, screening)
    elif temp1 is not None and temp2 is None:
        collect(found, require_complete, screening)

    symptoms = frozenset(Symptom(s) for s in draft.symptoms)
    key_area, facts = _apply_rules(policy, PersonFacts(
        direction, category, screening, symptoms, origin, origin_city, resident_id, arrival, today, known))
    proposal = propose(facts)
    found.extend(key_area.problems)
    problems.extend(at_path(at, found))
    if found:
        return None, proposal
    return ValidatedPerson(
        category=category, name=name, id_type=doc_type if id_number else None,
        id_number=id_number, resident_id=resident_id, phone=phone,
        phone_foreign=bool(phone and draft.phone_foreign), destination=destination, purpose=purpose,
        origin_province=origin, origin_city=origin_city, arrival_date=arrival, temp1=temp1, temp2=temp2,
        screening=screening, symptoms=symptoms, key_area=key_area, proposal=proposal, facts=facts,
        known=known,
    ), proposal


def problems_for(problems: list[Problem], field_name: str) -> list[Problem]:
    return [p for p in problems if p.field == field_name]


@dataclass(frozen=True)
class Preview:
    """What the form shows while the guard types: screening state, key-area flag,
    the rule's proposal and what the ID number tells, from whatever parses so far."""

    screening: Screening
    key_area_flagged: bool
    proposal: Proposal
    resident_id: ResidentId | None
    arrival: Reading | None  # the arrival date as read, once it parses
    known: Known = NOTHING_KNOWN  # what the register knows of the person (a watchlist alert)


def preview_entry(draft: EntryDraft, policy: Policy, today: dt.date, known: Known = NOTHING_KNOWN) -> Preview:
    ignored: list[Problem] = []
    category = Category(draft.category)
    resident_id = None
    if draft.id_number.strip() and draft.id_type in ("", DocType.RESIDENT_ID.value):
        resident_id = collect(ignored, parse_resident_id, draft.id_number, today)
    temp1 = collect(ignored, parse_temperature, draft.temperature) if draft.temperature.strip() else None
    temp2 = collect(ignored, parse_temperature, draft.temperature2) if draft.temperature2.strip() else None
    screening = screen(temp1, temp2, policy.fever_threshold)
    origin = province_by_code(draft.origin_province) if draft.origin_province else None
    arrival = collect(ignored, parse_day, draft.arrival_date, today, "arrival_date")
    symptoms = frozenset(Symptom(s) for s in draft.symptoms)
    key_area, facts = _apply_rules(policy, PersonFacts(
        Direction(draft.direction), category, screening, symptoms, origin, draft.origin_city, resident_id, arrival,
        today, known))
    proposal = propose(facts)
    reading = read_arrival(arrival, today, policy.arrival_confirm_days) if arrival is not None else None
    return Preview(screening, key_area.flagged, proposal, resident_id, reading, known)


@dataclass(frozen=True)
class PersonFacts:
    """Everything the rules judge one person by, as one object: what was typed (parsed
    as far as it goes) and what the register knows of them."""

    direction: Direction
    category: Category
    screening: Screening
    symptoms: frozenset[Symptom]
    origin: Province | None
    origin_city: str
    resident_id: ResidentId | None
    arrival: dt.date | None
    today: dt.date
    known: Known = NOTHING_KNOWN


def _apply_rules(policy: Policy, facts: PersonFacts) -> tuple[KeyAreaResult, Facts]:
    """The key-area rule, and the decision table's facts. Someone going out is never asked
    where they came from: only a confirmed fever or the watchlist counts."""
    key_area = KeyAreaResult(flagged=False)
    if facts.direction is Direction.IN:
        key_area = policy.key_areas.evaluate(
            facts.origin, facts.origin_city, facts.resident_id.province if facts.resident_id else None, facts.arrival,
            facts.today, category_is_resident=facts.category is Category.RESIDENT,
        )
    return key_area, rule_facts(policy, facts, key_area.flagged)


def rule_facts(policy: Policy, facts: PersonFacts, key_area_flagged: bool) -> Facts:
    """The decision table's facts for one person (core/decision.py)."""
    going_in = facts.direction is Direction.IN
    return Facts(
        screening=facts.screening, key_area_flagged=key_area_flagged and going_in,
        symptoms=facts.symptoms if going_in else frozenset(), category=facts.category, direction=facts.direction,
        closed=policy.closed_management, closed_exempt=policy.closed_exempt, watched=facts.known.watched,
        listed=facts.known.resident_uuid is not None,
    )
