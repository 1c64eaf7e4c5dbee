"""prepare.py: a record's fields read, hashed and converted to what the driver stores,
without the database (the part of the import that may run in the helper process)."""

from __future__ import annotations

import datetime as dt
import pickle

import orjson
import pytest
from sqlalchemy.dialects import sqlite

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.central.importer import PASSAGE_FIELDS, PASSAGES, PERSON_FIELDS, PERSONS, passage_hash
from checkpoint_app.central.prepare import Fields, Preparer, copy_fields, parse_time

FILE = "CKB_JB-TSP-01_000001_20200213-20200213.age"


def passage(**overrides) -> dict:
    base = {"uuid": "5b0a8c1e-7d41-4c64-9d55-5a0d8b3e9f10", "direction": "in", "kind": "person",
            "proposed_decision": "pass", "decision": "pass", "seq": 1, "recorded_at": "2020-02-13T01:45:00Z",
            "utc_offset_min": 480, "local_date": "2020-02-13", "operator": "张卫东", "plate": None,
            "notes": "", "voided": False, "void_reason": "", "voided_at": None, "voided_by": ""}
    return {**base, **overrides}


def line(record: dict) -> bytes:
    return orjson.dumps(record)


def create(p: dict, persons: list[dict] | None = None) -> dict:
    return {"kind": "passage", "op": "create", "change": 1, "at": "2020-02-13T01:45:00Z", "passage": p,
            "persons": persons if persons is not None else [{"category": "visitor", "name": "李娜"}]}


@pytest.mark.parametrize(("data", "expected"), [
    (passage(), None),  # all there
    (passage(notes=None, voided=None, kind=None), {"notes": "", "voided": False, "kind": "person"}),  # defaults
    ({k: v for k, v in passage().items() if k not in ("notes", "plate")}, {"notes": "", "plate": None}),  # absent
])
def test_the_reader_fills_defaults_in_column_order(data: dict, expected: dict | None) -> None:
    values = PASSAGE_FIELDS.reader("passage", FILE)(data)
    assert len(values) == len(PASSAGE_FIELDS.names)
    by_name = dict(zip(PASSAGE_FIELDS.names, values, strict=True))
    for name, value in (expected or {}).items():
        assert by_name[name] == value
    assert by_name["uuid"] == data["uuid"]


@pytest.mark.parametrize("missing", ["direction", "decision", "uuid", "seq", "recorded_at", "operator"])
def test_a_required_field_missing_refuses_the_batch_naming_it(missing: str) -> None:
    with pytest.raises(BatchRejected) as refused:
        PASSAGE_FIELDS.reader("passage", FILE)(passage(**{missing: None}))
    assert refused.value.reason == "altered" and refused.value.params["what"] == f"passage: {missing}"


TIMES = ["2020-02-13T01:45:00Z", "2020-02-13T09:45:00+08:00", "2020-02-13T01:45:00.250000Z", "2020-02-12T17:45:00-08:00"]


@pytest.mark.parametrize("text", TIMES)
def test_timestamps_are_stored_as_sqlalchemy_would_store_them_in_utc(text: str) -> None:
    """The storer skips SQLAlchemy's per-row machinery: on SQLite it must give the driver
    what the column's own bind processor gives for the same moment in UTC."""
    dialect = sqlite.dialect()
    store = PASSAGE_FIELDS.storer(dialect.name, "passage", FILE)
    values = PASSAGE_FIELDS.reader("passage", FILE)(passage(recorded_at=text, local_date="2020-02-13"))
    stored = dict(zip(PASSAGE_FIELDS.names, store(values), strict=True))
    moment = dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc)
    processor = PASSAGES.c.recorded_at.type._cached_bind_processor(dialect)
    assert stored["recorded_at"] == processor(moment)
    day = PASSAGES.c.local_date.type._cached_bind_processor(dialect)
    assert stored["local_date"] == day(dt.date(2020, 2, 13))


@pytest.mark.parametrize("text", TIMES)
def test_postgresql_gets_every_value_as_a_field_of_copys_text_format(text: str) -> None:
    """On PostgreSQL the rows go in by COPY: each row one text, every value a field of it,
    timestamps in UTC (the import tests read them back from a real server)."""
    store = PASSAGE_FIELDS.storer("postgresql", "passage", FILE)
    values = PASSAGE_FIELDS.reader("passage", FILE)(passage(recorded_at=text, local_date="2020-02-13", seq=7))
    [row] = store(values)  # the row's text, its fields apart by tabs
    stored = dict(zip(PASSAGE_FIELDS.names, row.split("\t"), strict=True))
    assert all(isinstance(v, str) for v in stored.values())
    assert dt.datetime.fromisoformat(stored["recorded_at"]) == dt.datetime.fromisoformat(text)
    assert stored["recorded_at"].endswith("+00:00")
    assert (stored["local_date"], stored["seq"], stored["voided"], stored["plate"]) == ("2020-02-13", "7", "f", "\\N")


@pytest.mark.parametrize(("values", "fields"), [
    ([None, "", True, False, 0, -12, 2.5, dt.date(2020, 2, 13)], ["\\N", "", "t", "f", "0", "-12", "2.5", "2020-02-13"]),
    (["张卫东", "a b", "N"], ["张卫东", "a b", "N"]),
    (["a\tb", "two\nlines", "cr\r", "back\\slash", "\\N", "\\", None],
     ["a\\tb", "two\\nlines", "cr\\r", "back\\\\slash", "\\\\N", "\\\\", "\\N"]),
    ([None, "\\N"], ["\\N", "\\\\N"]),  # the text \N is not the NULL beside it
])
def test_copy_fields_escape_what_copy_reads_specially(values: list, fields: list) -> None:
    assert copy_fields(values) == fields


@pytest.mark.parametrize("value", [[1, 2], {"a": 1}])
def test_a_list_or_an_object_where_a_value_belongs_refuses_the_batch(value) -> None:
    with pytest.raises(TypeError):
        copy_fields(["x", value])
    store = PASSAGE_FIELDS.storer("postgresql", "passage", FILE)
    values = PASSAGE_FIELDS.reader("passage", FILE)(passage(notes=value))
    with pytest.raises(BatchRejected) as refused:
        store(values)
    assert refused.value.params["what"] == "passage: notes"


@pytest.mark.parametrize(("field", "value"), [
    ("recorded_at", "2020-02-13T01:45:00"),  # no zone
    ("recorded_at", "13/02/2020"),
    ("recorded_at", 20200213),
    ("local_date", "2020-02-30"),
])
def test_a_timestamp_or_day_that_is_none_refuses_the_batch(field: str, value) -> None:
    store = PASSAGE_FIELDS.storer("sqlite", "passage", FILE)
    values = PASSAGE_FIELDS.reader("passage", FILE)(passage(**{field: value}))
    with pytest.raises(BatchRejected) as refused:
        store(values)
    assert refused.value.params["what"] == f"passage: {field}"


def test_parse_time_gives_utc() -> None:
    assert parse_time("2020-02-13T09:45:00+08:00") == dt.datetime(2020, 2, 13, 1, 45, tzinfo=dt.timezone.utc)
    assert parse_time("2020-02-13T09:45:00+08:00").utcoffset() == dt.timedelta(0)


def test_fields_cross_to_the_helper_process_intact() -> None:
    for fields in (PASSAGE_FIELDS, PERSON_FIELDS):
        copy = pickle.loads(pickle.dumps(fields))
        assert isinstance(copy, Fields)
        assert (copy.names, copy.defaults, copy.required, copy.datetimes, copy.dates, copy.filled) == (
            fields.names, fields.defaults, fields.required, fields.datetimes, fields.dates, fields.filled)
    assert PERSON_FIELDS.names == [c.name for c in PERSONS.columns if c.name not in ("id", "passage_id")]


def test_a_rejection_crosses_processes_with_its_reason_and_details() -> None:
    refused = pickle.loads(pickle.dumps(BatchRejected("altered", file=FILE, what="records-0001.jsonl.gz")))
    assert refused.reason == "altered" and refused.params == {"file": FILE, "what": "records-0001.jsonl.gz"}
    assert refused.problems[0].params["what"] == "records-0001.jsonl.gz"


def test_a_chunk_is_sorted_out_counted_and_hashed_as_the_importer_hashes() -> None:
    preparer = Preparer(PASSAGE_FIELDS, PERSON_FIELDS, "sqlite", FILE)
    first = create(passage())
    same_again = create(passage())
    other = create(passage(notes="改过"))
    records = [first, same_again, other, {"kind": "passage", "op": "void", "uuid": "x", "void": {}},
               {"kind": "passage", "op": "merge"}, {"kind": "audit", "id": 1}, {"kind": "shift", "shift": {}},
               {"kind": "day", "day": "2020-02-13"}, {"kind": "seven_ones", "check": {}}, {"kind": "future"}]
    prepared = preparer.prepare([line(r) for r in records], "records-0001.jsonl.gz")
    assert prepared.size == len(records)
    assert prepared.counts == {"passage.create": 3, "passage.void": 1, "passage.merge": 1, "audit": 1, "shift": 1,
                               "day": 1, "seven_ones": 1, "future": 1}
    assert prepared.unknown == 2
    [(uuid, (raw, digest, values, persons))] = prepared.passages.items()
    assert orjson.loads(raw) == first and digest == passage_hash(first)
    assert [r[:3] for r in prepared.repeats] == [(uuid, digest, passage_hash(other))]  # same content again: nothing
    assert dict(zip(PASSAGE_FIELDS.names, values, strict=True))["recorded_at"] == "2020-02-13 01:45:00.000000"
    assert len(persons) == 1 and persons[0][PERSON_FIELDS.names.index("name")] == "李娜"
    assert [r["kind"] for r in prepared.in_order] == ["shift", "day"]


@pytest.mark.parametrize("bad", [b"", b"not json", b"[1, 2]", b'{"kind": 7}', b'{"no kind": 1}', b"\xff\xfe"])
def test_a_line_that_is_not_a_record_refuses_the_batch_naming_the_part(bad: bytes) -> None:
    preparer = Preparer(PASSAGE_FIELDS, PERSON_FIELDS, "sqlite", FILE)
    with pytest.raises(BatchRejected) as refused:
        preparer.prepare([line(create(passage())), bad], "records-0002.jsonl.gz")
    assert refused.value.params == {"file": FILE, "what": "records-0002.jsonl.gz"}


_LONE_SURROGATE = line(create(passage(notes="@@"))).replace(b'"@@"', b'"\\ud800"')  # JSON can say it; no text is it


@pytest.mark.parametrize("text", [
    line(create("not a passage")), line(create(passage(uuid=7))), line(create(passage(), persons={"name": "x"})),
    line(create(passage(), persons=["x"])), _LONE_SURROGATE,
])
def test_a_malformed_passage_refuses_the_batch(text: bytes) -> None:
    preparer = Preparer(PASSAGE_FIELDS, PERSON_FIELDS, "sqlite", FILE)
    with pytest.raises(BatchRejected) as refused:
        preparer.prepare([text], "records-0001.jsonl.gz")
    assert refused.value.reason == "altered"
