"""Demo data on the passage / person-check shape (services/demo.py): people on foot
(one person check) and, about a quarter of the passages, vehicles with their occupants
(valid plates, the driver first, every occupant's reading going in); the passage's
fever and key-area flags are its persons'; its columns the models' (a misspelt one
would be dropped by the bulk loader); the same seed gives the same passages; the mix
of people, readings, decisions and voids stays what it was. `fill` writes them into a
migrated register through the bulk loader, with the migration's ID/phone search index
kept by its triggers."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from checkpoint_app.core.entry import Policy
from checkpoint_app.core.plates import parse_plate

from checkpoint_app.db.models import IDENT_FTS_TABLE, PASSAGE_COLUMNS, PERSON_COLUMNS, PassageRecord, PersonCheckRecord

from checkpoint_app.services import demo

CST = dt.timezone(dt.timedelta(hours=8))
END = dt.datetime(2026, 11, 29, 18, 0, tzinfo=CST)
START = END - dt.timedelta(days=30)
COUNT = 20000


def generate(seed: int = 2020, count: int = COUNT, uuids: random.Random | None = None) -> list[dict]:
    rng = random.Random(seed)
    people = demo._people(rng, 800, START.date(), END.date())
    return list(demo.generate_passages(Policy(), 1, people, count, START, END, 41, rng, uuids=uuids))


@pytest.fixture(scope="module")
def passages() -> list[dict]:
    return generate()


def test_a_person_on_foot_has_one_person_check_and_no_vehicle(passages):
    assert [p["seq"] for p in passages] == list(range(41, 41 + COUNT))
    walkers = [p for p in passages if p["kind"] == "person"]
    assert {len(p["persons"]) for p in walkers} == {1}
    assert {(p["persons"][0]["position"], p["persons"][0]["driver"]) for p in walkers} == {(0, 0)}
    assert {(p["plate"], p["plate_kind"], p["vehicle_category"]) for p in walkers} == {(None, None, None)}


def test_about_a_quarter_are_vehicles_of_every_category_with_valid_plates(passages):
    cars = [p for p in passages if p["kind"] == "vehicle"]
    assert 0.22 < len(cars) / COUNT < 0.28
    categories = Counter(p["vehicle_category"] for p in cars)
    assert set(categories) == set(demo.VEHICLE_CATEGORIES)
    assert categories["private_car"] > categories["taxi"] > categories["bus"] > 0
    assert categories["goods"] > categories["bus"]
    for p in cars:
        plate = parse_plate(p["plate"])
        assert (plate.text, plate.kind.value) == (p["plate"], p["plate_kind"]), p["plate"]
    provinces = Counter(p["plate"][0] for p in cars)
    assert provinces.most_common(1)[0][0] == "渝" and provinces["渝"] > 0.6 * len(cars)  # the station's
    assert provinces.most_common(2)[1][0] == "鄂" and len(provinces) > 10
    assert {p["plate_kind"] for p in cars} >= {"ordinary", "new_energy_small", "new_energy_large"}
    plates = Counter(p["plate"] for p in cars)
    assert plates.most_common(1)[0][1] > 5  # a car seen before: the same plate comes back


def test_a_vehicle_s_occupants_driver_first_each_with_a_reading_going_in(passages):
    cars = [p for p in passages if p["kind"] == "vehicle"]
    for p in cars:
        persons = p["persons"]
        assert [o["position"] for o in persons] == list(range(len(persons)))
        assert [o["driver"] for o in persons] == [1] + [0] * (len(persons) - 1)
        assert len({(o["origin_province"], o["origin_city"]) for o in persons}) == 1  # the vehicle's origin
        if p["direction"] == "in":
            assert all(o["temp1"] is not None for o in persons)
        else:
            assert all(o["temp1"] is None for o in persons)
    sizes = {category: [len(p["persons"]) for p in cars if p["vehicle_category"] == category]
             for category in demo.VEHICLE_CATEGORIES}
    assert set(sizes["private_car"]) == {1, 2, 3, 4, 5}
    assert min(sizes["bus"]) > max(sizes["private_car"]) and max(sizes["bus"]) <= 45
    assert sum(p["leaflet"] for p in cars) > 0.8 * len(cars)


def test_the_passages_flags_are_its_persons(passages):
    for p in passages:
        persons = p["persons"]
        assert p["any_fever"] == int(any(o["fever"] for o in persons)), p["seq"]
        assert p["any_key_area"] == int(any(o["key_area"] for o in persons)), p["seq"]
    assert sum(p["any_fever"] for p in passages) > 0 and sum(p["any_key_area"] for p in passages) > 0
    cars = [p for p in passages if p["kind"] == "vehicle"]
    assert any(p["any_fever"] and not p["persons"][0]["fever"] for p in cars)  # someone else on board


def test_a_fever_on_board_refers_the_whole_vehicle(passages):
    cars = [p for p in passages if p["kind"] == "vehicle"]
    assert all(p["proposed_decision"] == "refer" for p in cars if p["any_fever"])
    assert all(p["decision"] == p["proposed_decision"] or p["override_reason"] for p in cars)


def test_the_columns_are_the_models(passages):
    """Every key is a column the loader reads (no misspelt one, which it would drop),
    and every column without a declared default is given."""
    required_passage = {n for n in PASSAGE_COLUMNS if PassageRecord.model_fields[n].is_required()}
    required_person = {n for n in PERSON_COLUMNS if PersonCheckRecord.model_fields[n].is_required()} - {"passage_id"}
    for p in passages[:200]:
        assert required_passage <= set(p) - {"persons"} <= set(PASSAGE_COLUMNS)
        for person in p["persons"]:
            assert required_person <= set(person) <= set(PERSON_COLUMNS) - {"passage_id"}


def test_the_same_seed_gives_the_same_passages_and_other_uuids_only_other_uuids():
    """As `fill` draws them: the UUIDs from their own generator, so a second run of the
    same seed adds the same people and readings under new UUIDs."""
    first = generate(count=500, uuids=random.Random("run 1"))
    assert generate(count=500, uuids=random.Random("run 1")) == first
    second = generate(count=500, uuids=random.Random("run 2"))
    assert not {p["uuid"] for p in first} & {p["uuid"] for p in second}
    assert [{**p, "uuid": None} for p in second] == [{**p, "uuid": None} for p in first]


def test_the_mix_of_people_readings_decisions_and_voids(passages):
    """The proportions the module docstring promises (seed 2020, 20,000 passages)."""
    persons = [person for p in passages for person in p["persons"]]
    share = Counter(person["category"] for person in persons)
    assert share["resident"] > share["visitor"] > share["delivery"] > share["official"] > 0
    out = [p for p in passages if p["direction"] == "out"]
    assert 0.27 < len(out) / COUNT < 0.33
    assert all(person["temp1"] is None for p in out for person in p["persons"])
    inward = [person for p in passages if p["direction"] == "in" for person in p["persons"]]
    high_first = sum(1 for person in inward if person["temp1"] >= 373)
    assert 0.005 < high_first / len(inward) < 0.015  # about 1 % of first readings
    assert all(person["temp2"] is not None for person in inward if person["temp1"] >= 373)  # re-measured
    assert 0 < sum(p["any_fever"] for p in passages) < high_first  # most fall back on the re-measure
    assert 0 < sum(p["voided"] for p in passages) < COUNT * 0.003
    assert {p["decision"] for p in passages} >= {"admit", "refer"}
    assert all(p["override_reason"] for p in passages if p["decision"] != p["proposed_decision"])


def _rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(sql, params).fetchall()
    conn.close()
    return found


def test_fill_writes_passages_persons_grams_changes_and_the_id_search(tmp_path):
    """Through a migrated register (needs migration 0004): the ID/phone search index is
    the migration's, kept by its triggers while the loader inserts."""
    from actors import CHEAP_HASHER

    from checkpoint_app.services.context import open_context

    ctx = open_context(tmp_path, clock=lambda: END, pin_hasher=CHEAP_HASHER)
    try:
        assert demo.fill(ctx, 300, days=3) == 300
        assert demo.fill(ctx, 200, days=3, seed=7) == 200
        assert ctx.station.current().next_seq == 501
    finally:
        ctx.close()
    db = ctx.paths.database
    assert _rows(db, "SELECT count(*), min(seq), max(seq), count(DISTINCT kind) FROM passage") == [(500, 1, 500, 2)]
    assert _rows(db, "SELECT count(*) FROM passage p WHERE (SELECT count(*) FROM person_check c "
                     "WHERE c.passage_id = p.id AND c.position = 0) = 1") == [(500,)]
    persons = _rows(db, "SELECT count(*) FROM person_check")[0][0]
    assert persons > 500 + 50  # the vehicles' occupants
    assert _rows(db, "SELECT count(*) FROM passage WHERE kind = 'vehicle' AND (plate IS NULL OR plate_kind IS NULL "
                     "OR vehicle_category IS NULL)") == [(0,)]
    assert _rows(db, "SELECT count(*) FROM passage p WHERE p.any_fever != (SELECT max(c.fever) FROM person_check c "
                     "WHERE c.passage_id = p.id) OR p.any_key_area != (SELECT max(c.key_area) FROM person_check c "
                     "WHERE c.passage_id = p.id)") == [(0,)]
    assert _rows(db, "SELECT count(DISTINCT person_id) FROM person_name_gram") == [(persons,)]
    voids = _rows(db, "SELECT count(*) FROM passage WHERE voided = 1")[0][0]
    assert _rows(db, "SELECT kind, count(*) FROM change_record WHERE record_type = 'passage' GROUP BY kind "
                     "ORDER BY kind") == [("create", 500)] + ([("void", voids)] if voids else [])
    person_id, id_number = _rows(db, "SELECT id, id_number FROM person_check WHERE id_number IS NOT NULL "
                                     "ORDER BY id DESC LIMIT 1")[0]
    fts = IDENT_FTS_TABLE
    found = _rows(db, f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", f'"{id_number[-8:]}"')
    assert (person_id,) in found
    assert _rows(db, f"SELECT count(*) FROM {fts}_docsize") == [(persons,)]


def test_refusal_counts_the_passages_of_a_real_register(tmp_path):
    """Read before opening (an older register is not even migrated): a real station's
    register is refused with its count, of passages or, before 0004, of entries."""
    from actors import CHEAP_HASHER, supervisor
    from fixtures.registers import frozen
    from stations import STATION

    from checkpoint_app.core.name_search import name_grams

    from checkpoint_app.db import bulk

    from checkpoint_app.services.context import open_context

    old = frozen.copy_of("0003", tmp_path / "old")
    refused = demo.refusal(old)
    assert refused is not None and refused.params["count"] == 9  # the frozen register's entries
    ctx = open_context(tmp_path / "real", clock=lambda: END, pin_hasher=CHEAP_HASHER)
    try:
        station = ctx.station.save(supervisor(ctx), STATION)
    finally:
        ctx.close()
    assert demo.refusal(ctx.paths.database).params["count"] == 0  # a real station without passages
    rng = random.Random(1)
    made = demo.generate_passages(Policy(), station.id, demo._people(rng, 10, START.date(), END.date()), 3,
                                  START, END, 1, rng)
    bulk.insert_passages(ctx.paths.database, station.id, made, name_grams)
    assert demo.refusal(ctx.paths.database).params["count"] == 3


def test_without_vehicles_every_passage_is_a_person_on_foot():
    rng = random.Random(4)
    people = demo._people(rng, 100, START.date(), END.date())
    made = list(demo.generate_passages(Policy(), 1, people, 500, START, END, 1, rng, vehicle_share=0))
    assert {p["kind"] for p in made} == {"person"} and {len(p["persons"]) for p in made} == {1}


def test_a_demo_compound_gate_has_residents_and_people_in_home_quarantine_once(tmp_path):
    """`--demo` shows the whole compound-gate flow: residents found at the gate, a
    household in home quarantine alerting; a second fill adds passages, not residents."""
    from actors import CHEAP_HASHER

    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.services.context import open_context

    ctx = open_context(tmp_path, clock=lambda: END, pin_hasher=CHEAP_HASHER)
    try:
        demo.fill(ctx, 100, days=3)
        boss, guard = demo.demo_staff(ctx)
        residents = ctx.residents.count(boss)
        assert residents == demo.DEMO_RESIDENTS
        watched = ctx.watchlist.listing(boss)
        assert len(watched) >= 3
        demo.fill(ctx, 50, days=3)
        assert ctx.residents.count(boss) == residents and len(ctx.watchlist.listing(boss)) == len(watched)
        first = ctx.residents.list(boss, limit=1)[0]
        assert ctx.register.find_residents(guard, first.room)
        quarantined = next(w for w in watched if w.kind == "home_quarantine")
        cards = ctx.register.find_residents(guard, quarantined.room)
        alerts = [ctx.register.known(EntryDraft(resident=c.uuid)).watch for c in cards]
        assert any(a is not None for a in alerts)
    finally:
        ctx.close()
