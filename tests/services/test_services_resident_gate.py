"""Residents at the gate: found by room, phone or its tail, plate, ID number or a scanned
pass code; a resident chosen passes with their identity from the list (the form sends
only the UUID); someone on the list counts as a resident under closed management."""

from __future__ import annotations

import pytest
from actors import guard, supervisor
from residents import add_resident

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft

from checkpoint_app.db.models import PersonCheck

ID_X = "11010519491231002X"


@pytest.fixture
def residents(ctx):
    return [
        add_resident(ctx, "王五", "3-5-502", "13812345678", ID_X, "JB0001", ("渝A12345",)),
        add_resident(ctx, "王小五", "3-5-502", "13900005678", None, "JB0002"),
        add_resident(ctx, "李四", "12-1-1801", "13700001111", None, None, ("渝B88888", "渝A0D123")),
        add_resident(ctx, "搬走", "3-5-502", "13600005678", None, "JB0003", moved_out=True),
    ]


@pytest.mark.parametrize(("typed", "scanned", "found"), [
    ("3-5-502", False, ["王*", "王*五"]),
    ("3栋5单元502室", False, ["王*", "王*五"]),
    ("5678", False, ["王*", "王*五"]),  # the tail of two phones; the one who moved out is left out
    ("13700001111", False, ["李*"]),
    ("渝B88888", False, ["李*"]),
    ("渝b 88888", False, ["李*"]),
    (ID_X, False, ["王*"]),
    (ID_X.lower(), False, ["王*"]),
    ("JB0002", False, ["王*五"]),
    ("JB0002", True, ["王*五"]),
    ("jb0002", True, ["王*五"]),  # a scanner set to lower case
    ("3-5-502", True, []),  # a scan is a pass code only
    ("JB0003", True, []),  # moved out
    ("4-4-404", False, []),
    ("", False, []),
    ("随便写", False, []),
])
def test_a_resident_is_found_by_what_the_guard_types_or_scans(ctx, residents, typed, scanned, found):
    cards = ctx.register.find_residents(guard(ctx), typed, scanned)
    assert [c.name for c in cards] == found


def test_a_card_is_masked_and_carries_the_room_and_plates(ctx, residents):
    (card,) = ctx.register.find_residents(guard(ctx), "12-1-1801")
    assert (card.name, card.room, card.phone, card.plates) == ("李*", "12-1-1801", "137****1111", ("渝A0D123", "渝B88888"))
    assert card.uuid == residents[2].uuid


def test_finding_residents_needs_a_login(ctx, residents):
    with pytest.raises(NotPermitted):
        ctx.register.find_residents(None, "3-5-502")


def test_a_chosen_resident_passes_with_only_a_temperature_and_their_identity_from_the_list(ctx, residents):
    saved = ctx.register.save(guard(ctx), EntryDraft(category="visitor", resident=residents[0].uuid, temperature="36.5"))
    assert saved.decision == "admit"
    with ctx.session() as session:
        person = session.get(PersonCheck, saved.person.id)
    assert (person.category, person.name, person.id_number, person.phone, person.destination, person.resident_uuid) \
        == ("resident", "王五", ID_X, "13812345678", "3-5-502", residents[0].uuid)
    assert saved.person.name == "王*"  # handed back masked


def test_a_resident_who_moved_out_meanwhile_is_not_registered_from_the_list(ctx, residents):
    with pytest.raises(InvalidInput) as caught:
        ctx.register.save(guard(ctx), EntryDraft(resident=residents[3].uuid, temperature="36.5"))
    assert caught.value.problems[0].field == "resident"


def test_under_closed_management_the_list_decides_who_is_a_resident(ctx, residents):
    ctx.settings.set_many(supervisor(ctx), {"closed_management": True})
    typed_id = EntryDraft(category="visitor", name="王五", id_number=ID_X, phone="13812345678", origin_province="50",
                          purpose="回家", temperature="36.5")
    assert ctx.register.preview(typed_id).proposal.decision.value == "admit"
    assert ctx.register.known(typed_id).resident_uuid == residents[0].uuid
    stranger = EntryDraft(category="visitor", temperature="36.5")
    assert ctx.register.preview(stranger).proposal.reasons == ("closed",)
    # a resident's plate makes the driver a resident; another car is refused
    car = VehicleDraft(plate="渝A12345", occupant_count="1", origin_province="50", occupants=[OccupantDraft("36.5")])
    assert ctx.register.preview_vehicle(car).proposal.decision.value == "admit"
    other = VehicleDraft(plate="渝A54321", occupant_count="1", origin_province="50", occupants=[OccupantDraft("36.5")])
    assert ctx.register.preview_vehicle(other).proposal.reasons == ("closed",)


def test_an_ambulance_passes_closed_management_and_its_crew_are_stored_as_officials(ctx):
    ctx.settings.set_many(supervisor(ctx), {"closed_management": True})
    ambulance = VehicleDraft(plate="渝A12000", vehicle_category="emergency", occupant_count="2", origin_province="50",
                             occupants=[OccupantDraft("36.5"), OccupantDraft("36.6")])
    assert ctx.register.preview_vehicle(ambulance).proposal.decision.value == "admit"
    saved = ctx.register.save_vehicle(guard(ctx), ambulance)
    assert [p.category for p in saved.persons] == ["official", "official"]
    taxi = VehicleDraft(plate="渝A12001", vehicle_category="taxi", occupant_count="1", origin_province="50",
                        occupants=[OccupantDraft("36.5")])
    assert ctx.register.preview_vehicle(taxi).proposal.reasons == ("closed",)
