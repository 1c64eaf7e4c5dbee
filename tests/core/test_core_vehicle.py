"""A vehicle and its occupants: counts, readings, identity by station rule, the plate's
province in the key-area rule, the whole vehicle's proposal, and problems at their places."""

from __future__ import annotations

import datetime as dt

import pytest

from checkpoint_app.core.entry import EntryDraft, PassageKind, Policy, validate_entry
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.problems import InvalidInput, path_parts
from checkpoint_app.core.vehicle import (
    IdentityRule,
    OccupantDraft,
    VehicleDraft,
    VehicleRules,
    check_limits,
    identity_required,
    strictest,
    validate_vehicle,
)

TODAY = dt.date(2026, 11, 29)


def an_id(first17: str = "44030119900101123") -> str:
    return first17 + check_character(first17)


def car(*readings: str, **changes) -> VehicleDraft:
    readings = readings or ("36.5", "36.8")
    base = dict(plate="粤B12345", occupant_count=str(len(readings)), origin_province="44",
                occupants=[OccupantDraft(temperature=r) for r in readings])
    return VehicleDraft(**{**base, **changes})


def problems_of(draft: VehicleDraft, rules: VehicleRules | None = None) -> set[str]:
    try:
        validate_vehicle(draft, Policy(), rules or VehicleRules(), TODAY)
    except InvalidInput as error:
        return {p.field for p in error.problems}
    return set()


def test_an_ordinary_car_with_two_occupants_is_admitted():
    v = validate_vehicle(car(plate="粤b·12345"), Policy(), VehicleRules(), TODAY)
    assert v.kind is PassageKind.VEHICLE
    assert v.plate.text == "粤B12345" and v.vehicle_category.value == "private_car"
    assert [p.temp1 for p in v.persons] == [365, 368]
    assert v.decision.value == "admit" and v.notices == ()
    assert all(p.origin_province.code == "44" for p in v.persons)  # the vehicle's origin is each occupant's


@pytest.mark.parametrize("changes, field", [
    (dict(occupant_count="0"), "occupant_count"),
    (dict(occupant_count=""), "occupant_count"),
    (dict(occupant_count="两"), "occupant_count"),
    (dict(occupant_count="-1"), "occupant_count"),
    (dict(occupant_count="10", occupants=[OccupantDraft("36.5")] * 10), "occupant_count"),  # a private car: 9
    (dict(occupant_count="3"), "occupant_count"),  # three counted, two measured
    (dict(plate=""), "plate"),
    (dict(plate="粤B1234I"), "plate"),
    (dict(plate="粤B123456789"), "plate"),
    (dict(plate="440301199001011238"), "plate"),  # an ID number in the plate field
    (dict(plate="张三丰"), "plate"),  # a name in the plate field
    (dict(origin_province=""), "origin_province"),
    (dict(vehicle_category="tank"), "vehicle_category"),
    (dict(decision="refuse"), "override_reason"),
])
def test_bad_vehicle_input_names_the_field(changes, field):
    assert field in problems_of(car(**changes))


def test_the_problem_names_what_is_wrong_in_the_plate():
    with pytest.raises(InvalidInput) as error:
        validate_vehicle(car(plate="粤B1234I"), Policy(), VehicleRules(), TODAY)
    (plate_problem,) = [p for p in error.value.problems if p.field == "plate"]
    assert plate_problem.params == {"position": 7, "char": "I"}


def test_a_bus_holds_sixty_and_the_limits_are_a_setting():
    forty = car(*["36.5"] * 40, vehicle_category="bus")
    assert problems_of(forty) == set()
    assert problems_of(forty, VehicleRules(occupant_limits={"bus": 30})) == {"occupant_count"}
    assert problems_of(car(*["36.5"] * 61, vehicle_category="bus")) == {"occupant_count"}


@pytest.mark.parametrize("value", [{"bus": 0}, {"bus": 100}, {"bus": "60"}, {"bus": True}, {"tank": 3}, [60]])
def test_bad_occupant_limits_are_refused(value):
    with pytest.raises(InvalidInput):
        check_limits(value)


def test_occupant_limits_keep_the_defaults_for_categories_not_given():
    assert check_limits({"bus": 45})["bus"] == 45 and check_limits({"bus": 45})["private_car"] == 9


def test_a_missing_reading_is_reported_at_the_occupants_place():
    with pytest.raises(InvalidInput) as error:
        validate_vehicle(car("36.5", "", "36.6"), Policy(), VehicleRules(), TODAY)
    assert [path_parts(p.field) for p in error.value.problems] == [("occupants", 1, "temperature")]


def test_a_fever_in_the_third_of_five_occupants_asks_a_remeasure_then_refers_the_vehicle():
    readings = ["36.5", "36.6", "38.2", "36.4", "36.7"]
    with pytest.raises(InvalidInput) as error:
        validate_vehicle(car(*readings), Policy(), VehicleRules(), TODAY)
    assert [p.field for p in error.value.problems] == ["occupants.2.temperature2"]
    draft = car(*readings)
    draft.occupants[2].temperature2 = "38.0"
    v = validate_vehicle(draft, Policy(), VehicleRules(), TODAY)
    assert v.proposal.decision.value == "refer" and v.proposal.reasons == ("fever",)
    assert [p.screening.fever for p in v.persons] == [False, False, True, False, False]


def test_a_first_high_reading_not_confirmed_is_no_fever():
    draft = car("37.6", "36.5")
    draft.occupants[0].temperature2 = "36.9"
    assert validate_vehicle(draft, Policy(), VehicleRules(), TODAY).decision.value == "admit"


@pytest.mark.parametrize("rule, category, position, required", [
    (IdentityRule.NONE, "visitor", 0, False),
    (IdentityRule.DRIVER, "visitor", 0, True),
    (IdentityRule.DRIVER, "visitor", 1, False),
    (IdentityRule.OUTSIDERS, "visitor", 1, True),
    (IdentityRule.OUTSIDERS, "resident", 0, False),
    (IdentityRule.OUTSIDERS, "official", 0, False),
    (IdentityRule.ALL, "resident", 3, True),
])
def test_whose_identity_is_required(rule, category, position, required):
    from checkpoint_app.core.decision import Category

    assert identity_required(rule, position, Category(category)) is required


def test_the_driver_rule_asks_the_drivers_identity_only():
    assert problems_of(car(), VehicleRules(IdentityRule.DRIVER)) == {
        "occupants.0.name", "occupants.0.id_number", "occupants.0.phone"}
    draft = car()
    draft.occupants[0] = OccupantDraft("36.5", name="李四", id_number=an_id(), phone="13812345678")
    v = validate_vehicle(draft, Policy(), VehicleRules(IdentityRule.DRIVER), TODAY)
    assert v.persons[0].name == "李四" and v.persons[1].name == ""


def test_an_identity_given_is_checked_even_when_not_required():
    draft = car()
    draft.occupants[1].id_number = "440301199001011230"  # wrong check digit
    assert problems_of(draft) == {"occupants.1.id_number"}


@pytest.mark.parametrize("plate, origin, arrival, flagged, notices", [
    ("鄂A12345", "42", "11-26", True, ()),                      # plate and origin in a key area
    ("鄂A12345", "44", "11-26", True, ("plate_mismatch:湖北",)),  # a Hubei plate coming from Guangdong
    ("鄂A12345", "44", "11-01", False, ("plate_mismatch:湖北",)),  # arrived before the window
    ("粤B12345", "42", "11-26", True, ("plate_mismatch:广东",)),  # a Guangdong plate from Hubei: by origin
    ("粤B12345", "44", "", False, ()),
    ("WJ0112345", "44", "", False, ()),                          # no province on the plate
])
def test_the_plate_province_in_the_key_area_rule(plate, origin, arrival, flagged, notices):
    v = validate_vehicle(car(plate=plate, origin_province=origin, arrival_date=arrival), Policy(), VehicleRules(), TODAY)
    assert v.key_area_flagged is flagged
    assert v.notices == notices
    assert v.decision.value == ("refuse" if flagged else "admit")


def test_a_key_area_plate_needs_the_arrival_date_once():
    with pytest.raises(InvalidInput) as error:
        validate_vehicle(car(plate="鄂A12345", origin_province="42"), Policy(), VehicleRules(), TODAY)
    assert [p.field for p in error.value.problems] == ["arrival_date"]


def test_a_vehicle_going_out_is_not_asked_where_it_came_from_but_every_reading_is():
    assert problems_of(car(direction="out", origin_province="")) == set()
    assert problems_of(car("", "36.5", direction="out", origin_province="")) == {"occupants.0.temperature"}
    v = validate_vehicle(car(plate="鄂A12345", direction="out", origin_province=""), Policy(), VehicleRules(), TODAY)
    assert not v.key_area_flagged and v.decision.value == "admit"


def test_strictest_proposal():
    from checkpoint_app.core.decision import Decision, Proposal

    assert strictest([Proposal(Decision.ADMIT), Proposal(Decision.REFUSE, ("key_area",)),
                      Proposal(Decision.REFER, ("fever",))]) == Proposal(Decision.REFER, ("fever",))
    assert strictest([Proposal(Decision.ADMIT, ("key_area_report",)), Proposal(Decision.ADMIT)]).reasons == (
        "key_area_report",)


@pytest.mark.parametrize("field_name, value", [("name", "鄂A12345"), ("id_number", "粤B·D12345"), ("name", "京A 12345")])
def test_a_plate_typed_in_the_person_form_is_named_as_such(field_name, value):
    draft = EntryDraft(category="resident", name="李四", temperature="36.5")
    setattr(draft, field_name, value)
    with pytest.raises(InvalidInput) as error:
        validate_entry(draft, Policy(), TODAY)
    (found,) = [p for p in error.value.problems if p.field == field_name]
    assert "vehicle" in found.template


def test_a_foreign_document_number_is_not_taken_for_a_plate():
    draft = EntryDraft(category="visitor", name="John Smith", id_type="passport", id_number="BA12345",
                       phone="13812345678", origin_province="44", purpose="visit", temperature="36.5")
    assert validate_entry(draft, Policy(), TODAY).person.id_number == "BA12345"
