"""Conflicts at the office (issue 9 item 5), on SQLite and PostgreSQL: a passage arriving
again with other content is held as a conflict; its detail shows the fields that differ;
"keep" leaves the held record, "take" puts the incoming one (row and persons) in its place
with the importer's content hash, a voided record staying voided; who, when, the choice
and the note are recorded; resolving twice or an unknown conflict is refused."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from batches import FakeStation, office_keys, write
from sqlalchemy import select

from checkpoint_app.central.importer import passage_hash
from checkpoint_app.central.models import OfficeAudit, OfficeConflict, OfficeDay, OfficePassage, OfficePerson
from checkpoint_app.central.problems import OfficeRefused
from checkpoint_app.central.service import IMPORTED

DAY = dt.date(2020, 2, 13)


def import_one(service, path):
    [result] = service.import_paths([path], office_keys().identity)
    return result


def passage_and_persons(service, uuid):
    passages, persons = OfficePassage.__table__, OfficePerson.__table__
    with service.engine.connect() as conn:
        row = conn.execute(select(passages).where(passages.c.uuid == uuid)).one()
        people = conn.execute(select(persons).where(persons.c.passage_id == row.id)
                              .order_by(persons.c.position)).all()
    return row, people


def conflicted(office, tmp_path, stick, void_first: bool = False):
    """Batch 1 with a passage (voided by batch 1 too when `void_first`), batch 2 (chained)
    with the same UUID and other content: one conflict."""
    station = FakeStation("JB-TSP-01")
    office.enroll(station.write_enrollment(tmp_path))
    first = station.passage(DAY, persons=2)
    records = [first] + ([station.void(first["passage"]["uuid"], DAY)] if void_first else [])
    assert import_one(office, write(station.seal(records, DAY), stick)).status == IMPORTED
    persons = [dict(first["persons"][0], name="王改名", phone="13900000000"), first["persons"][1]]
    changed = dict(first, passage=dict(first["passage"], notes="改过的备注", plate="鄂A54321"), persons=persons)
    result = import_one(office, write(station.seal([changed], DAY), stick))
    assert result.status == IMPORTED and result.counts["conflicts"] == 1
    [conflict] = office.conflicts()
    return first, changed, conflict


def test_the_detail_shows_the_fields_that_differ_held_and_incoming(office, tmp_path, stick):
    first, changed, conflict = conflicted(office, tmp_path, stick)
    detail = office.conflict_detail(conflict.id)
    assert (detail.station, detail.kind, detail.key, detail.batch_number, detail.resolved) == (
        "JB-TSP-01", "passage", first["passage"]["uuid"], 2, False)
    assert {(d.field, d.held, d.incoming) for d in detail.differences} == {
        ("notes", "", "改过的备注"), ("plate", "鄂A12345", "鄂A54321"),
        ("person 1: name", first["persons"][0]["name"], "王改名"),
        ("person 1: phone", first["persons"][0]["phone"], "13900000000")}


def test_keep_leaves_the_held_record_and_records_who_when_why(office, tmp_path, stick, caplog):
    first, _changed, conflict = conflicted(office, tmp_path, stick)
    before = passage_and_persons(office, first["passage"]["uuid"])
    with caplog.at_level(logging.DEBUG, logger="checkpoint"):
        detail = office.resolve_conflict(conflict.id, "keep", "站点确认原记录正确", "赵文员")
    assert passage_and_persons(office, first["passage"]["uuid"]) == before
    assert (detail.resolved, detail.resolution, detail.resolved_by, detail.resolution_note) == (
        True, "keep", "赵文员", "站点确认原记录正确")
    assert detail.resolved_at is not None and office.conflicts() == []
    assert [c.resolved for c in office.conflicts(unresolved_only=False)] == [True]
    assert first["persons"][0]["name"] not in caplog.text and "改过的备注" not in caplog.text


def test_take_replaces_the_row_and_its_persons_with_the_importers_hash(office, tmp_path, stick, caplog):
    first, changed, conflict = conflicted(office, tmp_path, stick)
    with caplog.at_level(logging.DEBUG, logger="checkpoint"):
        detail = office.resolve_conflict(conflict.id, "take", "以新记录为准", "赵文员")
    row, people = passage_and_persons(office, first["passage"]["uuid"])
    assert (row.notes, row.plate, row.voided) == ("改过的备注", "鄂A54321", False)
    assert [(p.position, p.name, p.phone) for p in people] == [
        (0, "王改名", "13900000000"), (1, first["persons"][1]["name"], first["persons"][1]["phone"])]
    assert row.content_hash == passage_hash(changed) != passage_hash(first)
    assert detail.resolution == "take" and detail.differences == []  # held is now the incoming one
    assert "王改名" not in caplog.text and "13900000000" not in caplog.text


def test_take_keeps_a_voided_record_voided(office, tmp_path, stick):
    first, _changed, conflict = conflicted(office, tmp_path, stick, void_first=True)
    office.resolve_conflict(conflict.id, "take", "", "赵文员")
    row, _people = passage_and_persons(office, first["passage"]["uuid"])
    assert row.notes == "改过的备注" and row.voided and row.void_reason == "登记错误" and row.voided_by == "张卫东"


def test_take_an_audit_event_replaces_its_row(office, tmp_path, stick):
    station = FakeStation("JB-TSP-01")
    office.enroll(station.write_enrollment(tmp_path))
    audit = station.audit(7, DAY)
    assert import_one(office, write(station.seal([audit], DAY), stick)).status == IMPORTED
    assert import_one(office, write(station.seal([dict(audit, action="passage.void", hash="f" * 64)], DAY),
                                    stick)).counts["conflicts"] == 1
    [conflict] = office.conflicts()
    assert {d.field for d in office.conflict_detail(conflict.id).differences} == {"action", "hash"}
    office.resolve_conflict(conflict.id, "take", "", "赵文员")
    with office.engine.connect() as conn:
        held = conn.execute(select(OfficeAudit.__table__)).one()
    assert (held.action, held.hash) == ("passage.void", "f" * 64)


def test_resolving_twice_or_an_unknown_conflict_is_refused_and_changes_nothing(office, tmp_path, stick):
    first, _changed, conflict = conflicted(office, tmp_path, stick)
    office.resolve_conflict(conflict.id, "keep", "", "赵文员")
    before = passage_and_persons(office, first["passage"]["uuid"])
    with pytest.raises(OfficeRefused) as refused:
        office.resolve_conflict(conflict.id, "take", "", "钱文员")
    assert refused.value.reason == "conflict_resolved" and refused.value.problem.params["by"] == "赵文员"
    assert passage_and_persons(office, first["passage"]["uuid"]) == before
    with office.engine.connect() as conn:
        assert conn.execute(select(OfficeConflict.__table__.c.resolution)).scalar_one() == "keep"
    for number, choice, clerk, reason in ((conflict.id + 99, "keep", "赵文员", "conflict_unknown"),
                                          (conflict.id, "merge", "赵文员", "conflict_choice"),
                                          (conflict.id, "keep", " ", "conflict_clerk")):
        with pytest.raises(OfficeRefused) as refused:
            office.resolve_conflict(number, choice, "", clerk)
        assert refused.value.reason == reason
    with pytest.raises(OfficeRefused) as refused:
        office.conflict_detail(conflict.id + 99)
    assert refused.value.reason == "conflict_unknown"


def test_a_day_conflict_is_taken_unless_a_later_revision_arrived_since(office, tmp_path, stick):
    station = FakeStation("JB-TSP-01")
    office.enroll(station.write_enrollment(tmp_path))
    assert import_one(office, write(station.seal([station.day(DAY)], DAY), stick)).status == IMPORTED
    other = station.day(DAY, persons=99)
    assert import_one(office, write(station.seal([other], DAY), stick)).counts["conflicts"] == 1
    assert import_one(office, write(station.seal([station.day(DAY, zero=True)], DAY), stick)).counts[
        "conflicts"] == 1  # a second other content of revision 1: a second conflict
    first, second = office.conflicts()
    assert ("figures" in {d.field for d in office.conflict_detail(first.id).differences})
    office.resolve_conflict(first.id, "take", "", "赵文员")
    with office.engine.connect() as conn:
        held = conn.execute(select(OfficeDay.__table__)).one()
    assert held.figures["persons"] == 99 and held.revision == 1
    assert import_one(office, write(station.seal([station.day(DAY, revision=2)], DAY), stick)).status == IMPORTED
    with pytest.raises(OfficeRefused) as refused:
        office.resolve_conflict(second.id, "take", "", "赵文员")
    assert refused.value.reason == "conflict_superseded"
    with office.engine.connect() as conn:
        assert conn.execute(select(OfficeDay.__table__.c.revision)).scalar_one() == 2
