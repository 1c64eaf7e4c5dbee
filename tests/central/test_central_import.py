"""Importing batches at the office (issue 9 item 5), on SQLite and PostgreSQL: every record
kind stored; every rejection reason with nothing written; the same batch twice; batches out
of order; a conflicting record kept, not written over; voids after and before their
create; a voided record never coming back from an older batch; the hash chain."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from batches import FakeStation, office_keys, write
from sqlalchemy import func, select

from checkpoint_app.batch import sealed
from checkpoint_app.batch.keys import OfficeIdentity
from checkpoint_app.batch.minisign import SigningKey, file_digests
from checkpoint_app.central.models import (
    OfficeAudit,
    OfficeBatch,
    OfficeConflict,
    OfficeDay,
    OfficePassage,
    OfficePerson,
    OfficeSevenOnes,
    OfficeShift,
    OfficeVoid,
)
from checkpoint_app.central.service import DUPLICATE, IMPORTED, REJECTED

DAY = dt.date(2020, 2, 13)
TABLES = (OfficeBatch, OfficePassage, OfficePerson, OfficeVoid, OfficeShift, OfficeSevenOnes, OfficeAudit,
          OfficeDay, OfficeConflict)


def counts(service) -> dict[str, int]:
    with service.engine.connect() as conn:
        return {t.__tablename__: conn.execute(select(func.count()).select_from(t.__table__)).scalar_one()
                for t in TABLES}


def passage_row(service, uuid: str):
    table = OfficePassage.__table__
    with service.engine.connect() as conn:
        return conn.execute(select(table).where(table.c.uuid == uuid)).first()


def enrolled(service, tmp_path, code: str = "JB-TSP-01", **kwargs) -> FakeStation:
    station = FakeStation(code, **kwargs)
    service.enroll(station.write_enrollment(tmp_path))
    return station


def import_one(service, path):
    [result] = service.import_paths([path], office_keys().identity)
    return result


def test_a_batch_of_every_record_kind_is_stored(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    walk_in = station.passage(DAY)
    car = station.passage(DAY, persons=3)
    records = [walk_in, car, station.shift(1, DAY), station.seven_ones(1, DAY), station.audit(1, DAY),
               station.audit(2, DAY), station.shift(1, DAY, ended=True), station.day(DAY)]
    result = import_one(office, write(station.seal(records, DAY), stick))
    assert result.status == IMPORTED and result.reason is None
    assert result.counts["passage.create"] == 2 and result.counts["audit"] == 2 and result.counts["day"] == 1
    assert counts(office) == {"office_batch": 1, "office_passage": 2, "office_person": 4, "office_void": 0,
                              "office_shift": 1, "office_seven_ones": 1, "office_audit": 2, "office_day": 1,
                              "office_conflict": 0}
    row = passage_row(office, car["passage"]["uuid"])
    assert row.kind == "vehicle" and row.plate == "鄂A12345" and row.local_date == DAY
    assert row.recorded_at.replace(tzinfo=dt.timezone.utc) == dt.datetime.fromisoformat(car["passage"]["recorded_at"])
    persons = OfficePerson.__table__
    with office.engine.connect() as conn:
        stored = conn.execute(select(persons).where(persons.c.passage_id == row.id).order_by(persons.c.position)).all()
        shift = conn.execute(select(OfficeShift.__table__)).one()
    assert [p.name for p in stored] == [p["name"] for p in car["persons"]]
    assert stored[0].id_number == car["persons"][0]["id_number"] and stored[0].driver
    assert shift.ended_by == "李娜" and shift.members == ["李娜", "王强"]  # the shift as of its latest change


AWKWARD = ["a\tb", "two\nlines", "cr\r\nlf", "back\\slash", "\\N", "\\", "", "\\.", "末尾\\", "引号\"和'"]


def test_text_comes_back_as_sent_whatever_it_holds(office, tmp_path, stick):
    """Tabs, newlines, backslashes, `\\N` (COPY's text format reads them specially: the
    rows go in escaped on PostgreSQL); the empty text stays apart from NULL."""
    station = enrolled(office, tmp_path)
    records = [station.passage(DAY, notes=text, override_reason=text.upper()) for text in AWKWARD]
    records[0]["persons"][0].update(name="王\t\\N", destination="\\N", symptoms="")
    result = import_one(office, write(station.seal(records, DAY), stick))
    assert result.status == IMPORTED, result.reason
    for record, text in zip(records, AWKWARD, strict=True):
        row = passage_row(office, record["passage"]["uuid"])
        assert (row.notes, row.override_reason, row.plate) == (text, text.upper(), None)
    persons = OfficePerson.__table__
    with office.engine.connect() as conn:
        first = conn.execute(select(persons).where(persons.c.passage_id == passage_row(
            office, records[0]["passage"]["uuid"]).id)).one()
    assert (first.name, first.destination, first.symptoms, first.arrival_date) == ("王\t\\N", "\\N", "", None)


def test_the_same_batch_twice_changes_nothing(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    path = write(station.seal([station.passage(DAY), station.day(DAY)], DAY), stick)
    assert import_one(office, path).status == IMPORTED
    before = counts(office)
    again = import_one(office, path)
    assert again.status == DUPLICATE and again.reason is None
    assert counts(office) == before


def test_another_batch_with_a_held_number_is_rejected(office, tmp_path, stick, tmp_path_factory):
    station = enrolled(office, tmp_path)
    assert import_one(office, write(station.seal([station.passage(DAY)], DAY), stick)).status == IMPORTED
    before = counts(office)
    other = tmp_path_factory.mktemp("other")
    result = import_one(office, write(station.seal([station.passage(DAY)], DAY, number=1), other))
    assert result.status == REJECTED and result.reason_code == "number_taken"
    assert counts(office) == before


def test_batches_out_of_order_are_all_imported_and_the_chain_holds(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    days = [DAY + dt.timedelta(days=n) for n in range(3)]
    paths = [write(station.seal([station.passage(d), station.day(d)], d), stick) for d in days]
    for path in (paths[2], paths[0], paths[1]):
        assert import_one(office, path).status == IMPORTED
    assert counts(office)["office_batch"] == 3 and counts(office)["office_day"] == 3
    assert office.gaps(days[2] + dt.timedelta(days=1))[0].complete


def test_a_batch_breaking_the_hash_chain_is_rejected(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    assert import_one(office, write(station.seal([station.passage(DAY)], DAY), stick)).status == IMPORTED
    station.previous_sha256 = "0" * 64  # not batch 1's hash
    result = import_one(office, write(station.seal([station.passage(DAY)], DAY), stick))
    assert result.status == REJECTED and result.reason_code == "broken_chain"
    assert counts(office)["office_batch"] == 1


def test_a_record_arriving_with_other_content_is_kept_as_a_conflict(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    first = station.passage(DAY)
    assert import_one(office, write(station.seal([first], DAY), stick)).status == IMPORTED
    changed = dict(first, passage=dict(first["passage"], notes="改过的备注"))
    audit = station.audit(7, DAY)
    assert import_one(office, write(station.seal([changed, audit], DAY), stick)).status == IMPORTED
    altered_audit = dict(audit, action="passage.void", hash="f" * 64)
    result = import_one(office, write(station.seal([altered_audit], DAY), stick))
    assert result.status == IMPORTED and result.counts["conflicts"] == 1
    assert passage_row(office, first["passage"]["uuid"]).notes == ""  # never written over
    conflicts = office.conflicts()
    assert [(c.kind, c.key, c.batch_number) for c in conflicts] == [
        ("passage", first["passage"]["uuid"], 2), ("audit", "7", 3)]
    with office.engine.connect() as conn:
        assert conn.execute(select(OfficeAudit.__table__.c.action)).scalar_one() == "passage.save"


def test_a_void_in_a_later_batch_voids_the_passage(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    entry = station.passage(DAY)
    import_one(office, write(station.seal([entry], DAY), stick))
    assert not passage_row(office, entry["passage"]["uuid"]).voided
    result = import_one(office, write(station.seal([station.void(entry["passage"]["uuid"], DAY)], DAY), stick))
    assert result.status == IMPORTED
    row = passage_row(office, entry["passage"]["uuid"])
    assert row.voided and row.voided_by == "张卫东" and row.void_reason == "登记错误"


def test_a_void_arriving_before_its_create_applies_and_the_record_never_comes_back(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    entry = station.passage(DAY)
    older = write(station.seal([entry], DAY), stick)
    newer = write(station.seal([station.void(entry["passage"]["uuid"], DAY)], DAY), stick)
    assert import_one(office, newer).status == IMPORTED  # the void first: a tombstone
    assert passage_row(office, entry["passage"]["uuid"]) is None
    assert import_one(office, older).status == IMPORTED  # the older batch cannot bring it back
    assert passage_row(office, entry["passage"]["uuid"]).voided
    # nor can a later re-export of the same passage (same content, "voided": false)
    again = write(station.seal([entry], DAY), stick)
    assert import_one(office, again).status == IMPORTED
    assert passage_row(office, entry["passage"]["uuid"]).voided and counts(office)["office_conflict"] == 0


def test_a_correction_adds_the_new_passage_and_voids_the_old(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    entry = station.passage(DAY)
    import_one(office, write(station.seal([entry], DAY), stick))
    old = entry["passage"]["uuid"]
    fixed = station.passage(DAY, op="correct", corrects=old)
    import_one(office, write(station.seal([fixed, station.void(old, DAY, "更正")], DAY), stick))
    assert passage_row(office, old).voided
    new = passage_row(office, fixed["passage"]["uuid"])
    assert not new.voided and new.corrects_uuid == old


def test_a_later_revision_of_a_day_replaces_it_and_an_older_does_not(office, tmp_path, stick):
    station = enrolled(office, tmp_path)
    first = write(station.seal([station.day(DAY, persons=5)], DAY), stick)
    second = write(station.seal([station.day(DAY, revision=2, persons=6)], DAY), stick)
    import_one(office, second)
    import_one(office, first)
    with office.engine.connect() as conn:
        day = conn.execute(select(OfficeDay.__table__)).one()
    assert day.revision == 2 and day.figures["persons"] == 6


# ---- rejections: each reason, nothing written -------------------------------------------

def _resign(station: FakeStation, batch: sealed.SealedBatch, ciphertext: bytes) -> sealed.SealedBatch:
    """`ciphertext` signed properly by the station: only what is inside is wrong."""
    digest, sha = file_digests(io.BytesIO(ciphertext))
    signature = station.key.sign_digest(digest, sealed.batch_comment(batch.name.station, batch.name.number, sha),
                                        "test")
    return sealed.SealedBatch(batch.name, ciphertext, signature, sha)


def _newer_comment(office, station, stick, tmp_path):
    """Signed properly, but over a trusted comment of a later layout ("checkpoint-batch 2 …")."""
    batch = station.seal([station.passage(DAY)], DAY)
    digest, sha = file_digests(io.BytesIO(batch.ciphertext))
    comment = sealed.batch_comment(batch.name.station, batch.name.number, sha).replace(" 1 ", " 2 ", 1)
    return write(sealed.SealedBatch(batch.name, batch.ciphertext, station.key.sign_digest(digest, comment, "t"), sha),
                 stick)


def _unknown_station(office, station, stick, tmp_path):
    stranger = FakeStation("XX-999")
    return write(stranger.seal([stranger.passage(DAY)], DAY), stick)


def _bad_signature(office, station, stick, tmp_path):
    path = write(station.seal([station.passage(DAY)], DAY), stick)
    data = bytearray(path.read_bytes())
    data[-100] ^= 1
    path.write_bytes(bytes(data))
    return path


def _other_signer(office, station, stick, tmp_path):
    return write(station.seal([station.passage(DAY)], DAY, key=SigningKey.generate()), stick)


def _no_signature(office, station, stick, tmp_path):
    path = write(station.seal([station.passage(DAY)], DAY), stick)
    path.with_name(path.name + ".minisig").unlink()
    return path


def _wrong_key(office, station, stick, tmp_path):
    other = OfficeIdentity.generate("另一个区")
    return write(station.seal([station.passage(DAY)], DAY, recipients=[other.public().age_recipient]), stick)


def _truncated(office, station, stick, tmp_path):
    batch = station.seal([station.passage(DAY) for _ in range(50)], DAY)
    return write(_resign(station, batch, batch.ciphertext[:-300]), stick)


def _altered_counts(office, station, stick, tmp_path):
    # the manifest promises more than the parts hold: found only at the end of records()
    records = [station.passage(DAY) for _ in range(30)] + [station.day(DAY)]
    return write(station.seal(records, DAY, counts={"passage.create": 31, "day": 1}), stick)


def _unsupported_version(office, station, stick, tmp_path):
    return write(station.seal([station.passage(DAY)], DAY, manifest_overrides={"format_version": 2}), stick)


def _station_mismatch(office, station, stick, tmp_path):
    inside = {"code": "JB-TSP-99", "name": "别处", "district": "", "station_type": "road_checkpoint",
              "province_code": "42", "key_id": station.key.key_id.hex()}
    return write(station.seal([station.passage(DAY)], DAY, manifest_overrides={"station": inside}), stick)


def _bad_name(office, station, stick, tmp_path):
    path = write(station.seal([station.passage(DAY)], DAY), stick)
    renamed = path.with_name("batch.age")
    path.rename(renamed)
    return renamed


@pytest.mark.parametrize("make, reason", [
    (_unknown_station, "unknown_station"), (_bad_signature, "bad_signature"), (_other_signer, "bad_signature"),
    (_no_signature, "no_signature"), (_wrong_key, "wrong_key"), (_truncated, "truncated"),
    (_altered_counts, "altered"), (_unsupported_version, "unsupported_version"),
    (_station_mismatch, "station_mismatch"), (_bad_name, "bad_name"), (_newer_comment, "unsupported_version"),
])
def test_each_rejection_reason_writes_nothing(office, tmp_path, stick, make, reason):
    station = enrolled(office, tmp_path)
    import_one(office, write(station.seal([station.passage(DAY), station.day(DAY)], DAY), stick))
    before = counts(office)
    path = make(office, station, stick / "more", tmp_path)
    result = import_one(office, path)
    assert result.status == REJECTED
    assert result.reason_code == reason, result.reason
    assert result.reason is not None and path.name in result.reason.english()
    assert counts(office) == before


def test_records_failing_half_way_roll_the_whole_batch_back(office, tmp_path, stick, monkeypatch):
    """More than one chunk is written before the parts turn out not to add up."""
    from checkpoint_app.central import importer

    monkeypatch.setattr(importer, "CHUNK", 10)
    station = enrolled(office, tmp_path)
    records = [station.passage(DAY) for _ in range(45)]
    path = write(station.seal(records, DAY, counts={"passage.create": 46}), stick)
    result = import_one(office, path)
    assert result.status == REJECTED and result.reason_code == "altered"
    assert counts(office) == dict.fromkeys(counts(office), 0)


def test_a_folder_without_batches_and_a_missing_path_are_reported(office, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.age.partial").write_bytes(b"half")
    results = office.import_paths([empty, tmp_path / "nowhere"], office_keys().identity)
    assert [(r.status, r.reason_code) for r in results] == [(REJECTED, "no_batches"), (REJECTED, "not_found")]



def test_uniqueness_is_enforced_by_the_database(office, tmp_path, stick):
    from sqlalchemy import insert
    from sqlalchemy.exc import IntegrityError

    station = enrolled(office, tmp_path)
    entry = station.passage(DAY)
    import_one(office, write(station.seal([entry], DAY), stick))
    row = passage_row(office, entry["passage"]["uuid"])._asdict()
    row.pop("id")
    with pytest.raises(IntegrityError), office.engine.begin() as conn:
        conn.execute(insert(OfficePassage.__table__), [row])
    batch = dict(office_batch_row(office))
    batch.pop("id")
    batch["uuid"] = "another"
    with pytest.raises(IntegrityError), office.engine.begin() as conn:
        conn.execute(insert(OfficeBatch.__table__), [batch])  # the same (station, number)


def office_batch_row(service):
    with service.engine.connect() as conn:
        return conn.execute(select(OfficeBatch.__table__)).one()._asdict()


def test_a_value_the_database_refuses_rejects_the_whole_batch(office, office_db, tmp_path, stick):
    """PostgreSQL enforces the declared lengths (SQLite does not): a batch with a value too
    long is refused with the reason, and nothing of it stays."""
    if "://" not in office_db:
        pytest.skip("SQLite does not enforce VARCHAR(n)")
    station = enrolled(office, tmp_path)
    records = [station.passage(DAY) for _ in range(5)] + [station.passage(DAY, plate="鄂A" + "1" * 40)]
    result = import_one(office, write(station.seal(records, DAY), stick))
    assert result.status == REJECTED and result.reason_code == "not_stored"
    assert counts(office) == dict.fromkeys(counts(office), 0)


def test_progress_is_reported_per_chunk(office, tmp_path, stick, monkeypatch):
    from checkpoint_app.central import importer

    monkeypatch.setattr(importer, "CHUNK", 4)
    station = enrolled(office, tmp_path)
    path = write(station.seal([station.passage(DAY) for _ in range(10)], DAY), stick)
    seen = []
    office.import_paths([path], office_keys().identity, seen.append)
    assert [(p.done, p.total) for p in seen] == [(0, 10), (4, 10), (8, 10), (10, 10)]
    assert {(p.file, p.index, p.files) for p in seen} == {(path.name, 0, 1)}
