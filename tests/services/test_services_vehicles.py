"""The register service's vehicles: a vehicle and all its occupants stored in one
transaction, the station's identity rule and occupant limits, a plate seen before, and
what a failed write leaves behind (nothing)."""

from __future__ import annotations

import pytest
from actors import guard, supervisor
from sqlalchemy import event
from stations import set_station_type

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted
from checkpoint_app.core.vehicle import IdentityRule, OccupantDraft, VehicleDraft

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageError


@pytest.fixture
def ctx(ctx):
    """The test station as a road checkpoint: nobody's identity asked by default."""
    set_station_type(ctx, "road_checkpoint")
    return ctx


def car(*readings: str, **changes) -> VehicleDraft:
    readings = readings or ("36.5", "36.8")
    base = dict(plate="粤B12345", occupant_count=str(len(readings)), origin_province="44", origin_city="深圳",
                occupants=[OccupantDraft(temperature=r) for r in readings], leaflet=True)
    return VehicleDraft(**{**base, **changes})


def rows(ctx, sql: str) -> list[tuple]:
    with driver.connect(ctx.paths.database) as raw:
        return raw.execute(sql).fetchall()


def test_a_vehicle_and_its_occupants_are_stored_together(ctx):
    saved = ctx.register.save_vehicle(guard(ctx), car("36.5", "36.8", "36.4"))
    assert (saved.kind, saved.plate, saved.plate_kind, saved.vehicle_category) == ("vehicle", "粤B12345", "ordinary", "private_car")
    assert [p.temp1 for p in saved.persons] == [365, 368, 364]
    assert [p.driver for p in saved.persons] == [True, False, False]
    assert saved.leaflet and saved.decision == "admit"
    assert rows(ctx, "SELECT position, origin_province, origin_city FROM person_check ORDER BY position") == [
        (0, "44", "深圳"), (1, "44", "深圳"), (2, "44", "深圳")]
    assert rows(ctx, "SELECT record_type, kind FROM change_record") == [("passage", "create")]


def test_a_fever_in_the_third_of_five_refers_the_vehicle_and_flags_the_passage(ctx):
    draft = car("36.5", "36.6", "38.2", "36.4", "36.7")
    with pytest.raises(InvalidInput) as error:
        ctx.register.save_vehicle(guard(ctx), draft)
    assert [p.field for p in error.value.problems] == ["occupants.2.temperature2"]
    draft.occupants[2].temperature2 = "38.1"
    saved = ctx.register.save_vehicle(guard(ctx), draft)
    assert saved.decision == "refer" and saved.any_fever
    assert [p.fever for p in saved.persons] == [False, False, True, False, False]


def test_bad_input_writes_nothing(ctx):
    for draft in (car(occupant_count="0"), car("36.5", ""), car(plate="粤B1234O"), car(vehicle_category="bus", occupant_count="61")):
        with pytest.raises(InvalidInput):
            ctx.register.save_vehicle(guard(ctx), draft)
    assert rows(ctx, "SELECT count(*) FROM passage") == [(0,)]
    assert rows(ctx, "SELECT next_seq FROM station") == [(1,)]


def test_the_station_decides_whose_identity_is_asked(ctx):
    # a road checkpoint asks nobody's by default ("auto"); a compound gate every outsider's
    set_station_type(ctx, "road_checkpoint")
    assert ctx.register.vehicle_rules().identity is IdentityRule.NONE
    ctx.register.save_vehicle(guard(ctx), car())
    set_station_type(ctx, "compound_gate")
    assert ctx.register.vehicle_rules().identity is IdentityRule.OUTSIDERS
    with pytest.raises(InvalidInput) as error:
        ctx.register.save_vehicle(guard(ctx), car())
    assert {p.field for p in error.value.problems} == {
        f"occupants.{n}.{f}" for n in (0, 1) for f in ("name", "id_number", "phone")}
    ctx.settings.set_many(supervisor(ctx), {"vehicle_identity": "driver"})
    assert ctx.register.vehicle_rules().identity is IdentityRule.DRIVER


def test_occupant_limits_are_a_supervisors_setting(ctx):
    ctx.settings.set_many(supervisor(ctx), {"vehicle_occupant_limits": {"private_car": 2}})
    with pytest.raises(InvalidInput) as error:
        ctx.register.save_vehicle(guard(ctx), car("36.5", "36.5", "36.5"))
    assert error.value.problems[0].params == {"limit": 2, "count": 3}
    with pytest.raises(NotPermitted):
        ctx.settings.set_many(guard(ctx), {"vehicle_occupant_limits": {"private_car": 5}})
    with pytest.raises(InvalidInput):
        ctx.settings.set_many(supervisor(ctx), {"vehicle_identity": "everyone"})


def test_a_plate_seen_before_offers_its_last_origin_and_category(ctx):
    assert ctx.register.known_vehicle(guard(ctx), "粤B12345") is None
    ctx.register.save_vehicle(guard(ctx), car(vehicle_category="taxi", origin_city="广州"))
    last = ctx.register.save_vehicle(guard(ctx), car(vehicle_category="taxi", origin_city="佛山"))
    known = ctx.register.known_vehicle(guard(ctx), "粤b 12345")  # typed as a guard would
    assert (known.vehicle_category, known.origin_province, known.origin_city) == ("taxi", "44", "佛山")
    ctx.register.void(supervisor(ctx), last.id, "录错了")
    assert ctx.register.known_vehicle(guard(ctx), "粤B12345").origin_city == "广州"
    assert ctx.register.known_vehicle(guard(ctx), "not a plate") is None
    with pytest.raises(NotPermitted):
        ctx.register.known_vehicle(None, "粤B12345")


@pytest.mark.parametrize("pragma", ["PRAGMA query_only = ON", "PRAGMA max_page_count = 1"])
def test_a_failed_write_leaves_no_vehicle_without_its_occupants(ctx, pragma):
    ctx.register.save_vehicle(guard(ctx), car())
    event.listen(ctx.db.engine, "connect", lambda conn, _: conn.execute(pragma))
    ctx.db.engine.dispose()
    with pytest.raises(StorageError):
        for _ in range(200):
            ctx.register.save_vehicle(guard(ctx), car(*["36.5"] * 40, vehicle_category="bus", notes="x" * 400))
    passages = rows(ctx, "SELECT id FROM passage")
    counts = rows(ctx, "SELECT passage_id, count(*) FROM person_check GROUP BY passage_id")
    assert [n for _, n in counts] == [2] + [40] * (len(passages) - 1)  # every stored vehicle is whole
    assert rows(ctx, "SELECT count(*) FROM change_record") == [(len(passages),)]


def test_the_days_vehicles_by_category_count_vehicles_and_persons_aboard_not_void(ctx):
    from checkpoint_app.services.reader import RegisterReader

    ctx.register.save_vehicle(guard(ctx), car("36.5", "36.6", "36.7", vehicle_category="taxi"))
    ctx.register.save_vehicle(guard(ctx), car("36.5", vehicle_category="taxi"))
    bus = ctx.register.save_vehicle(guard(ctx), car(*["36.5"] * 30, vehicle_category="bus"))
    ctx.register.save_vehicle(guard(ctx), car())
    reader = RegisterReader(ctx)
    assert reader.vehicles_by_category(guard(ctx)) == {"taxi": (2, 4), "bus": (1, 30), "private_car": (1, 2)}
    ctx.register.void(supervisor(ctx), bus.id, "录错了")
    assert reader.vehicles_by_category(guard(ctx)) == {"taxi": (2, 4), "private_car": (1, 2)}
    counts = reader.counts(guard(ctx))
    assert (counts.vehicles, counts.occupants) == (3, 6)  # the strip's totals agree
