"""The bulk loader (db/bulk.py) on the passage / person-check shape: passages, their
person checks in place order, the persons' name grams, the ID/phone search index kept
by its triggers, the change records, the station's next number; all or nothing.

The register here is made by the migrations (the models' schema is checked equal to
it in tests/db/test_db_migrations.py), so the loader meets migration 0004's own
ID/phone index and triggers; demo data is tested in tests/services/test_services_demo.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checkpoint_app.core.name_search import name_grams

from checkpoint_app.db import bulk, driver, migrations
from checkpoint_app.db.models import IDENT_FTS_TABLE, PASSAGE_COLUMNS, PERSON_COLUMNS

FTS = IDENT_FTS_TABLE
STAMP = "2026-11-29 01:00:00.000000"


def head_register(path: Path) -> Path:
    """An empty register made by the migrations (so the ID/phone index and its triggers
    are migration 0004's own) with one station (next_seq 1)."""
    migrations.upgrade(path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO station (id, code, name, station_type, district, province_code, created_at, "
                     "updated_at, next_seq) VALUES (1, 'JB-01', '东门', 'compound_gate', '江北区', '50', ?, ?, 1)",
                     (STAMP, STAMP))
    conn.close()
    return path


@pytest.fixture
def db(tmp_path) -> Path:
    return head_register(tmp_path / "register.sqlite3")


def person(name: str, id_number: str | None = None, phone: str | None = None, **changes) -> dict:
    return {"category": "visitor", "name": name, "id_number": id_number, "phone": phone, **changes}


def passage(seq: int, *persons: dict, **changes) -> dict:
    return {"uuid": f"00000000-0000-4000-8000-{seq:012d}", "station_id": 1, "seq": seq, "recorded_at": STAMP,
            "utc_offset_min": 480, "local_date": "2026-11-29", "operator": "guard", "direction": "in",
            "proposed_decision": "admit", "decision": "admit", "persons": list(persons), **changes}


def rows(db: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        found = conn.execute(sql, params).fetchall()
    conn.close()
    return found


def test_passages_and_their_persons_are_stored_in_place_order(db):
    loaded = bulk.insert_passages(db, 1, [
        passage(1, person("李四", "11010519491231002X", "13812345678", temp1=365)),
        passage(2, person("王五", driver=True), person("赵六"), person("欧阳娜娜", position=5),
                kind="vehicle", plate="渝A12345", any_fever=True),
    ], name_grams)
    assert loaded == 2
    assert rows(db, "SELECT id, seq, kind, plate, any_fever, any_key_area, voided FROM passage ORDER BY id") == [
        (1, 1, "person", None, 0, 0, 0), (2, 2, "vehicle", "渝A12345", 1, 0, 0)]
    assert rows(db, "SELECT id, passage_id, position, driver, name, id_number, temp1, fever, symptoms "
                    "FROM person_check ORDER BY id") == [
        (1, 1, 0, 0, "李四", "11010519491231002X", 365, 0, ""),
        (2, 2, 0, 1, "王五", None, None, 0, ""),
        (3, 2, 1, 0, "赵六", None, None, 0, ""),
        (4, 2, 5, 0, "欧阳娜娜", None, None, 0, ""),
    ]
    assert rows(db, "SELECT next_seq FROM station WHERE id = 1") == [(3,)]


def test_every_column_the_models_declare_is_loaded(db):
    """The loader takes its columns from the models: a value given for each of them
    is stored, none is dropped on the way."""
    given = passage(1, {name: f"p-{name}" for name in PERSON_COLUMNS if name != "passage_id"},
                    **{name: f"v-{name}" for name in PASSAGE_COLUMNS if name not in ("station_id", "seq")})
    given["persons"][0]["position"] = 0
    bulk.insert_passages(db, 1, [given], name_grams)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        stored_passage = dict(conn.execute("SELECT * FROM passage").fetchone())
        stored_person = dict(conn.execute("SELECT * FROM person_check").fetchone())
    conn.close()
    assert {name: stored_passage[name] for name in PASSAGE_COLUMNS} == {
        name: given[name] for name in PASSAGE_COLUMNS}
    assert {name: stored_person[name] for name in PERSON_COLUMNS} == {
        **given["persons"][0], "passage_id": stored_passage["id"]}


def test_columns_left_out_take_their_declared_defaults_and_required_ones_are_named(db):
    bulk.insert_passages(db, 1, [passage(1, person("李四"))], name_grams)
    assert rows(db, "SELECT kind, leaflet, notes, override_reason, voided_at, corrects_uuid FROM passage") == [
        ("person", 0, "", "", None, None)]
    assert rows(db, "SELECT phone_foreign, destination, key_area_reasons, arrival_date FROM person_check") == [
        (0, "", "", None)]
    no_decision = passage(2, person("王五"))
    del no_decision["decision"]
    with pytest.raises(KeyError, match="decision"):
        bulk.insert_passages(db, 1, [no_decision], name_grams)
    with pytest.raises(KeyError, match="category"):
        bulk.insert_passages(db, 1, [passage(2, {"name": "王五"})], name_grams)


def test_name_grams_are_stored_for_every_person(db):
    bulk.insert_passages(db, 1, [passage(1, person("李四")), passage(2, person("欧阳娜娜"), person("王五"))],
                         name_grams)
    stored = sorted(rows(db, "SELECT person_id, gram FROM person_name_gram"))
    expected = sorted((person_id, gram) for person_id, name in ((1, "李四"), (2, "欧阳娜娜"), (3, "王五"))
                      for gram in name_grams(name))
    assert stored == expected


def test_the_id_and_phone_index_is_kept_by_its_triggers(db):
    bulk.insert_passages(db, 1, [
        passage(1, person("李四", "11010519491231002X", "13812345678")),
        passage(2, person("王五", None, "13900001111"), person("赵六", "420102198001011234", None)),
    ], name_grams)
    assert rows(db, f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH ? ORDER BY rowid", '"1231002X"') == [(1,)]
    assert rows(db, f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH ? ORDER BY rowid", '"0001111"') == [(2,)]
    assert rows(db, f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH ? ORDER BY rowid", '"420102"') == [(3,)]
    assert rows(db, f"SELECT count(*) FROM {FTS}_docsize") == [(3,)]


def test_change_records_for_every_passage_and_every_void(db):
    bulk.insert_passages(db, 1, [
        passage(1, person("李四"), operator_id=7),
        passage(2, person("王五"), operator_id=7, voided=1, voided_by_id=9, voided_at=STAMP),
        passage(3, person("赵六"), operator_id=8),
    ], name_grams)
    uuid = "00000000-0000-4000-8000-{:012d}".format
    assert rows(db, "SELECT record_type, record_uuid, kind, operator_id FROM change_record ORDER BY id") == [
        ("passage", uuid(1), "create", 7), ("passage", uuid(2), "create", 7), ("passage", uuid(3), "create", 8),
        ("passage", uuid(2), "void", 9)]


def test_a_second_load_continues_the_ids_and_the_station_number(db):
    bulk.insert_passages(db, 1, [passage(1, person("李四"), person("王五"))], name_grams)
    bulk.insert_passages(db, 1, [passage(2, person("赵六")), passage(3, person("钱七"))], name_grams)
    assert rows(db, "SELECT id, passage_id FROM person_check ORDER BY id") == [(1, 1), (2, 1), (3, 2), (4, 3)]
    assert rows(db, "SELECT gram, person_id FROM person_name_gram WHERE gram = '钱七'") == [("钱七", 4)]
    assert rows(db, "SELECT next_seq FROM station") == [(4,)]


def test_batches_are_flushed_as_they_fill(db):
    many = [passage(seq, person(f"李{seq}")) for seq in range(1, 26)]
    assert bulk.insert_passages(db, 1, iter(many), name_grams, batch=4) == 25
    assert rows(db, "SELECT count(*), min(seq), max(seq) FROM passage") == [(25, 1, 25)]
    assert rows(db, "SELECT count(*), count(DISTINCT passage_id) FROM person_check") == [(25, 25)]
    assert rows(db, "SELECT count(*) FROM change_record") == [(25,)]


@pytest.mark.parametrize("bad, said", [
    (passage(3), "passage seq 3 has no person check"),
    (passage(3, person("钱七"), station_id=2), "passage seq 3 is of station 2, not 1"),
    (passage(1, person("钱七"), uuid="another"), "UNIQUE constraint failed: passage.station_id, passage.seq"),
])
def test_nothing_is_half_written(db, bad, said):
    """A bad passage after whole batches have been written leaves the register as it was."""
    bulk.insert_passages(db, 1, [passage(1, person("李四"))], name_grams)
    before = {table: rows(db, f"SELECT * FROM {table}")
              for table in ("passage", "person_check", "person_name_gram", "change_record", "station")}
    with pytest.raises((ValueError, driver.IntegrityError), match=said):
        bulk.insert_passages(db, 1, [passage(2, person("王五")), passage(4, person("赵六")), bad], name_grams, batch=1)
    for table, stored in before.items():
        assert rows(db, f"SELECT * FROM {table}") == stored, table
    assert rows(db, f"SELECT count(*) FROM {FTS}_docsize") == [(1,)]
