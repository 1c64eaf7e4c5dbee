"""A vehicle passing a road checkpoint or a compound gate, with its occupants: from the
raw text of the vehicle form to a validated, screened passage.

What the guard types once for the whole vehicle: the plate, its category, direction,
where it comes from (origin, arrival date) and goes, the occupant count; then for each
occupant a temperature (always: the fever rule and re-measure as for a person on foot)
and, where the station requires it, the identity (name, ID number, phone).

Whose identity is required (`IdentityRule`, a station setting):
- NONE: nobody's (a road checkpoint's usual practice with a queue behind the car);
- DRIVER: the driver's (occupant 1);
- OUTSIDERS: every occupant who is not a resident or an official on duty (a compound
  gate: outsiders are registered fully, as on foot);
- ALL: everyone's.

The rules: every occupant is screened as a person (fever, symptoms, the key-area rule on
the vehicle's origin and on their own ID number); the plate's province is also looked at
(core.keyarea.evaluate_plate: a key-area plate flags every occupant, a plate from another
province than the origin is only noted). The vehicle's proposal is the strictest of its
occupants': a confirmed fever in any occupant proposes "refer" for the whole vehicle.

Problems name their place: fields of the vehicle by their own name ("plate",
"occupant_count", "origin_province"), an occupant's as "occupants.2.temperature"
(0-based places: occupant 3 is "occupants.2").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum

from checkpoint_app.core.arrival import parse_day
from checkpoint_app.core.decision import Category, Decision, Direction, Proposal, check_override, propose
from checkpoint_app.core.entry import (
    OUTSIDER_CATEGORIES,
    EntryDraft,
    PassageKind,
    PersonDraft,
    Policy,
    ValidatedPassage,
    ValidatedPerson,
    collect,
    preview_entry,
    validate_person,
)
from checkpoint_app.core.idcard import is_resident_id_like
from checkpoint_app.core.keyarea import KeyAreaResult
from checkpoint_app.core.known import NOTHING_KNOWN, Known
from checkpoint_app.core.plates import Plate, PlateKind, parse_plate
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, at_path, problem
from checkpoint_app.core.regions import Province, province_by_code
from checkpoint_app.core.temperature import Screening
from checkpoint_app.core.text import clean_text
from checkpoint_app.core.vehicle_categories import VehicleCategory

__all__ = [
    "IdentityRule", "VehicleRules", "OccupantDraft", "VehicleDraft", "DEFAULT_OCCUPANT_LIMITS",
    "MAX_OCCUPANT_LIMIT", "validate_vehicle", "identity_required", "VEHICLE_FIELDS", "strictest",
    "VehiclePreview", "preview_vehicle",
]


class IdentityRule(StrEnum):
    NONE = "none"
    DRIVER = "driver"
    OUTSIDERS = "outsiders"
    ALL = "all"


# How many people a vehicle of each category may carry before the count is refused as a
# mistyped number (a setting; a coach holds up to 60).
DEFAULT_OCCUPANT_LIMITS: dict[str, int] = {
    VehicleCategory.PRIVATE_CAR: 9, VehicleCategory.TAXI: 7, VehicleCategory.BUS: 60,
    VehicleCategory.GOODS: 6, VehicleCategory.EMERGENCY: 12, VehicleCategory.OTHER: 60,
}
MAX_OCCUPANT_LIMIT = 99

# The vehicle's fields, typed once and shared by its occupants (stored on each person
# check: the register's filters and the key-area rule read them there).
VEHICLE_FIELDS = frozenset({"origin_province", "origin_city", "arrival_date", "destination", "purpose"})
_IDENTITY = frozenset({"name", "id_number", "phone"})


@dataclass(frozen=True)
class VehicleRules:
    identity: IdentityRule = IdentityRule.NONE
    occupant_limits: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_OCCUPANT_LIMITS))

    def limit(self, category: VehicleCategory) -> int:
        return self.occupant_limits.get(category.value, DEFAULT_OCCUPANT_LIMITS[category])


@dataclass
class OccupantDraft:
    """One occupant as typed: the readings, and the identity where it is asked for."""

    temperature: str = ""
    temperature2: str = ""
    category: str = Category.VISITOR.value
    name: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    phone_foreign: bool = False
    symptoms: frozenset[str] = frozenset()


@dataclass
class VehicleDraft:
    """The whole vehicle as typed on the vehicle form. Nothing here is trusted yet."""

    plate: str = ""
    plate_kind: str = ""  # "" read from the plate; "other" for free text (temporary, unreadable)
    vehicle_category: str = VehicleCategory.PRIVATE_CAR.value
    direction: str = Direction.IN.value
    occupant_count: str = ""
    occupants: list[OccupantDraft] = field(default_factory=list)
    origin_province: str = ""
    origin_city: str = ""
    arrival_date: str = ""
    arrival_confirmed: bool = False
    destination: str = ""
    purpose: str = ""
    decision: str = ""  # empty: take the proposal
    override_reason: str = ""
    leaflet: bool = False
    notes: str = ""


def identity_required(rule: IdentityRule, position: int, category: Category) -> bool:
    """Whether occupant `position` (0: the driver) must be identified."""
    if rule is IdentityRule.ALL:
        return True
    if rule is IdentityRule.DRIVER:
        return position == 0
    if rule is IdentityRule.OUTSIDERS:
        return category in OUTSIDER_CATEGORIES
    return False


def strictest(proposals: list[Proposal]) -> Proposal:
    """The vehicle's proposal: refer before refuse before admit; the reasons of the
    deciding occupants (every occupant's report reasons when all are admitted)."""
    for decision in (Decision.REFER, Decision.REFUSE):
        deciding = [p for p in proposals if p.decision is decision]
        if deciding:
            return Proposal(decision, tuple(dict.fromkeys(r for p in deciding for r in p.reasons)))
    return Proposal(Decision.ADMIT, tuple(dict.fromkeys(r for p in proposals for r in p.reasons)))


def _count(draft: VehicleDraft, category: VehicleCategory | None, rules: VehicleRules,
           problems: list[Problem]) -> int | None:
    text = draft.occupant_count.strip()
    if not text:
        problems.append(problem("occupant_count", QT_TRANSLATE_NOOP("problems", "Say how many people are in the vehicle.")))
        return None
    if not (text.isascii() and text.isdigit()):
        problems.append(problem("occupant_count", QT_TRANSLATE_NOOP("problems", "The occupant count is a whole number, not \"{text}\"."), text=text))
        return None
    count = int(text)
    if count < 1:
        problems.append(problem("occupant_count", QT_TRANSLATE_NOOP("problems", "A vehicle has at least its driver: the count is 1 or more.")))
        return None
    if category is not None and count > rules.limit(category):
        problems.append(problem("occupant_count", QT_TRANSLATE_NOOP("problems", "At most {limit} people are registered in this kind of vehicle (a station setting); {count} were typed."), limit=rules.limit(category), count=count))
        return None
    return count


def _plate(draft: VehicleDraft, problems: list[Problem]) -> Plate | None:
    text = draft.plate.strip()
    if draft.plate_kind != PlateKind.OTHER.value and text:
        compact = "".join(text.split())
        if is_resident_id_like(compact):
            problems.append(problem("plate", QT_TRANSLATE_NOOP("problems", "This is an ID number, not a plate: type it in the driver's ID field.")))
            return None
        if any("\u4e00" <= c <= "\u9fff" for c in compact[1:]) and not any(c.isascii() and c.isalnum() for c in compact):
            problems.append(problem("plate", QT_TRANSLATE_NOOP("problems", "This looks like a name, not a plate: a plate is a province abbreviation, a letter and five letters or digits (鄂A12345).")))
            return None
    return collect(problems, parse_plate, draft.plate, draft.plate_kind or None, "plate")


def validate_vehicle(draft: VehicleDraft, policy: Policy, rules: VehicleRules, today: dt.date,
                     known: Sequence[Known] = ()) -> ValidatedPassage:
    """Validate and screen a vehicle and its occupants; raise InvalidInput listing every
    problem, each at its place ("plate", "occupants.2.temperature"). `known`: what the
    register knows of each occupant, by place (core/known.py)."""
    problems: list[Problem] = []
    direction = Direction(draft.direction)
    plate = _plate(draft, problems)
    try:
        category: VehicleCategory | None = VehicleCategory(draft.vehicle_category)
    except ValueError:
        category = None
        problems.append(problem("vehicle_category", QT_TRANSLATE_NOOP("problems", "Choose the kind of vehicle.")))
    count = _count(draft, category, rules, problems)
    if count is not None and len(draft.occupants) != count:
        problems.append(problem("occupant_count", QT_TRANSLATE_NOOP("problems", "{count} occupants were counted but {rows} were checked: each one needs a temperature."), count=count, rows=len(draft.occupants)))
    origin = province_by_code(draft.origin_province) if draft.origin_province else None
    if direction is Direction.IN and not draft.origin_province:
        problems.append(problem("origin_province", QT_TRANSLATE_NOOP("problems", "Say which province the vehicle comes from.")))

    persons: list[ValidatedPerson] = []
    proposals: list[Proposal] = []
    shared: dict[tuple[str, str], Problem] = {}  # the vehicle's own fields: reported once
    plate_rule = _plate_rule(policy, direction, plate, origin, draft, today)
    for position, occupant in enumerate(draft.occupants):
        person_draft = _person_draft(draft, occupant)
        person_category = occupant_category(draft, occupant)
        required = {"temperature"}
        if identity_required(rules.identity, position, person_category):
            required |= _IDENTITY
        found: list[Problem] = []
        person, proposal = validate_person(person_draft, direction, policy, today, found, required=frozenset(required),
                                           known=_known_at(known, position))
        for p in found:
            if p.field in VEHICLE_FIELDS:
                shared.setdefault((p.field, p.template), p)
            else:
                problems.extend(at_path(f"occupants.{position}", [p]))
        if person is not None:
            person = _with_plate_rule(person, plate_rule, direction)
            proposal = person.proposal
        elif plate_rule.flagged:
            proposal = _with_plate_flag(proposal, person_category)
        if person is not None:
            persons.append(person)
        proposals.append(proposal)
    problems.extend(shared.values())
    problems.extend(p for p in plate_rule.problems if p.field not in {f for f, _ in shared})

    proposal = strictest(proposals) if proposals else Proposal(Decision.ADMIT)
    notes = collect(problems, clean_text, draft.notes, 500, "notes") or ""
    decision = Decision(draft.decision) if draft.decision else proposal.decision
    override_reason = collect(problems, clean_text, draft.override_reason, 200, "override_reason") or ""
    collect(problems, check_override, proposal.decision, decision, override_reason)
    if problems or plate is None or count is None or category is None or len(persons) != count:
        raise InvalidInput(problems)
    return ValidatedPassage(
        direction=direction, kind=PassageKind.VEHICLE, persons=tuple(persons), proposal=proposal, decision=decision,
        override_reason=override_reason if decision is not proposal.decision else "",
        leaflet=draft.leaflet, notes=notes, plate=plate, vehicle_category=category,
        notices=tuple(r for r in plate_rule.reasons if r.startswith("plate_mismatch")),
    )


def _known_at(known: Sequence[Known], position: int) -> Known:
    return known[position] if position < len(known) else NOTHING_KNOWN


def person_drafts(draft: VehicleDraft) -> list[PersonDraft]:
    """Each occupant as a person (the vehicle's origin and destination are theirs)."""
    return [_person_draft(draft, occupant) for occupant in draft.occupants]


def occupant_category(draft: VehicleDraft, occupant: OccupantDraft) -> Category:
    """An occupant's category: as given, except that the crew of an emergency or official
    vehicle (应急/公务) are officials on duty (they pass closed management, as on foot)."""
    category = Category(occupant.category)
    if category is Category.VISITOR and draft.vehicle_category == VehicleCategory.EMERGENCY.value:
        return Category.OFFICIAL
    return category


def _person_draft(draft: VehicleDraft, occupant: OccupantDraft) -> PersonDraft:
    return PersonDraft(
        category=occupant_category(draft, occupant).value, name=occupant.name, id_type=occupant.id_type or "resident_id",
        id_number=occupant.id_number, phone=occupant.phone, phone_foreign=occupant.phone_foreign,
        destination=draft.destination, purpose=draft.purpose, origin_province=draft.origin_province,
        origin_city=draft.origin_city, arrival_date=draft.arrival_date, arrival_confirmed=draft.arrival_confirmed,
        temperature=occupant.temperature, temperature2=occupant.temperature2, symptoms=occupant.symptoms,
    )


def _plate_rule(policy: Policy, direction: Direction, plate: Plate | None, origin: Province | None,
                draft: VehicleDraft, today: dt.date) -> KeyAreaResult:
    """The key-area rule on the plate's province (a vehicle coming in only, as for persons)."""
    if direction is Direction.OUT or plate is None or plate.region_code is None:
        return KeyAreaResult(False)
    ignored: list[Problem] = []
    arrival = collect(ignored, parse_day, draft.arrival_date, today, "arrival_date")
    return policy.key_areas.evaluate_plate(province_by_code(plate.region_code), origin, arrival, today)


def _with_plate_flag(proposal: Proposal, category: Category) -> Proposal:
    if proposal.decision is not Decision.ADMIT:
        return proposal
    if category in (Category.RESIDENT, Category.OFFICIAL):
        return Proposal(Decision.ADMIT, (*proposal.reasons, "key_area_report"))
    return Proposal(Decision.REFUSE, ("key_area",))


def _with_plate_rule(person: ValidatedPerson, plate_rule: KeyAreaResult, direction: Direction) -> ValidatedPerson:
    """The occupant with the plate's key-area result joined to their own."""
    if direction is Direction.OUT or not plate_rule.reasons:
        return person
    reasons = tuple(dict.fromkeys((*person.key_area.reasons, *plate_rule.reasons)))
    flagged = person.key_area.flagged or plate_rule.flagged
    key_area = KeyAreaResult(flagged, reasons)
    facts = replace(person.facts, key_area_flagged=flagged)
    return replace(person, key_area=key_area, proposal=propose(facts), facts=facts)


def check_limits(value: object) -> dict[str, int]:
    """The occupant-limit setting: every category, a whole number 1 to 99."""
    if not isinstance(value, dict):
        raise InvalidInput([problem("vehicle_occupant_limits", QT_TRANSLATE_NOOP("problems", "The occupant limits are one number for each kind of vehicle."))])
    limits = dict(DEFAULT_OCCUPANT_LIMITS)
    for key, number in value.items():
        try:
            VehicleCategory(key)
        except ValueError:
            raise InvalidInput([problem("vehicle_occupant_limits", QT_TRANSLATE_NOOP("problems", "\"{key}\" is not a kind of vehicle."), key=str(key))]) from None
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_OCCUPANT_LIMIT:
            raise InvalidInput([problem("vehicle_occupant_limits", QT_TRANSLATE_NOOP("problems", "An occupant limit is a whole number from 1 to {high}."), high=MAX_OCCUPANT_LIMIT)])
        limits[str(key)] = number
    return limits


@dataclass(frozen=True)
class VehiclePreview:
    """What the vehicle form shows while the guard types, from whatever parses so far:
    each occupant's screening, the plate as read, the vehicle's proposal and flags."""

    screenings: tuple[Screening, ...]
    plate: Plate | None
    proposal: Proposal
    key_area_flagged: bool
    notices: tuple[str, ...]
    arrival_needed: bool  # the origin or the plate is a key area: the arrival date is asked
    known: tuple[Known, ...] = ()  # what the register knows of each occupant (a watchlist alert)


def preview_vehicle(draft: VehicleDraft, policy: Policy, today: dt.date,
                    known: Sequence[Known] = ()) -> VehiclePreview:
    ignored: list[Problem] = []
    direction = Direction(draft.direction)
    plate = collect(ignored, parse_plate, draft.plate, draft.plate_kind or None, "plate") if draft.plate.strip() else None
    origin = province_by_code(draft.origin_province) if draft.origin_province else None
    plate_rule = _plate_rule(policy, direction, plate, origin, draft, today)
    screenings: list[Screening] = []
    proposals: list[Proposal] = []
    flagged = plate_rule.flagged
    for position, occupant in enumerate(draft.occupants):
        person = _person_draft(draft, occupant)
        preview = preview_entry(EntryDraft(**{f.name: getattr(person, f.name) for f in fields(PersonDraft)},
                                           direction=direction.value), policy, today, _known_at(known, position))
        screenings.append(preview.screening)
        proposal = preview.proposal
        if plate_rule.flagged:
            proposal = strictest([proposal, _with_plate_flag(Proposal(Decision.ADMIT), occupant_category(draft, occupant))])
        proposals.append(proposal)
        flagged = flagged or preview.key_area_flagged
    codes = {p.code for p in (origin,) if p is not None} | ({plate.region_code} if plate and plate.region_code else set())
    arrival_needed = direction is Direction.IN and any(a.province.code in codes for a in policy.key_areas.key_areas)
    return VehiclePreview(
        screenings=tuple(screenings), plate=plate, proposal=strictest(proposals) if proposals else Proposal(Decision.ADMIT),
        key_area_flagged=flagged, notices=tuple(r for r in plate_rule.reasons if r.startswith("plate_mismatch")),
        arrival_needed=arrival_needed, known=tuple(_known_at(known, n) for n in range(len(draft.occupants))),
    )
