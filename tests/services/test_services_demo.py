"""Demo data on the passage / person-check shape (services/demo.py): every generated
passage is a person on foot with its one person check, its fever and key-area flags
the person's, its columns the models' (a misspelt one would be dropped by the bulk
loader); the same seed gives the same passages; the mix of people, readings, decisions
and voids stays what it was. `fill` writes them into a migrated register through the
bulk loader, with the migration's ID/phone search index kept by its triggers."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from checkpoint_app.core.entry import Policy

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


def test_every_passage_is_a_person_on_foot_with_its_one_person_check(passages):
    assert [p["seq"] for p in passages] == list(range(41, 41 + COUNT))
    assert {p["kind"] for p in passages} == {"person"}
    assert {len(p["persons"]) for p in passages} == {1}
    assert {p["persons"][0]["position"] for p in passages} == {0}
    assert {(p["plate"], p["vehicle_category"]) for p in passages} == {(None, None)}


def test_the_passages_flags_are_its_persons(passages):
    for p in passages:
        person = p["persons"][0]
        assert (p["any_fever"], p["any_key_area"]) == (person["fever"], person["key_area"]), p["seq"]
    assert sum(p["any_fever"] for p in passages) > 0 and sum(p["any_key_area"] for p in passages) > 0


def test_the_columns_are_the_models(passages):
    """Every key is a column the loader reads (no misspelt one, which it would drop),
    and every column without a declared default is given."""
    required_passage = {n for n in PASSAGE_COLUMNS if PassageRecord.model_fields[n].is_required()}
    required_person = {n for n in PERSON_COLUMNS if PersonCheckRecord.model_fields[n].is_required()} - {"passage_id"}
    for p in passages[:200]:
        assert required_passage <= set(p) - {"persons"} <= set(PASSAGE_COLUMNS)
        assert required_person <= set(p["persons"][0]) <= set(PERSON_COLUMNS) - {"passage_id"}


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
    persons = [p["persons"][0] for p in passages]
    share = Counter(person["category"] for person in persons)
    assert share["resident"] > share["visitor"] > share["delivery"] > share["official"] > 0
    out = [p for p in passages if p["direction"] == "out"]
    assert 0.27 < len(out) / COUNT < 0.33
    assert all(p["persons"][0]["temp1"] is None for p in out)
    inward = [p["persons"][0] for p in passages if p["direction"] == "in"]
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
    assert _rows(db, "SELECT count(*), min(seq), max(seq), count(DISTINCT kind) FROM passage") == [(500, 1, 500, 1)]
    assert _rows(db, "SELECT count(*) FROM passage p WHERE (SELECT count(*) FROM person_check c "
                     "WHERE c.passage_id = p.id AND c.position = 0) = 1") == [(500,)]
    assert _rows(db, "SELECT count(*) FROM person_check") == [(500,)]
    assert _rows(db, "SELECT count(*) FROM passage p JOIN person_check c ON c.passage_id = p.id "
                     "WHERE p.any_fever != c.fever OR p.any_key_area != c.key_area") == [(0,)]
    assert _rows(db, "SELECT count(DISTINCT person_id) FROM person_name_gram") == [(500,)]
    voids = _rows(db, "SELECT count(*) FROM passage WHERE voided = 1")[0][0]
    assert _rows(db, "SELECT kind, count(*) FROM change_record WHERE record_type = 'passage' GROUP BY kind "
                     "ORDER BY kind") == [("create", 500)] + ([("void", voids)] if voids else [])
    person_id, id_number = _rows(db, "SELECT id, id_number FROM person_check WHERE id_number IS NOT NULL "
                                     "ORDER BY id DESC LIMIT 1")[0]
    fts = IDENT_FTS_TABLE
    found = _rows(db, f"SELECT rowid FROM {fts} WHERE {fts} MATCH ?", f'"{id_number[-8:]}"')
    assert (person_id,) in found
    assert _rows(db, f"SELECT count(*) FROM {fts}_docsize") == [(500,)]


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
