"""The import's two paths give one result: records prepared in the importer's process or in
its helper process (a large batch), and written optimistically (no passage looked up
first) or, when the database finds a passage held already, imported again looking each
up. On SQLite and PostgreSQL; the outcome compared row by row with a plain SQLite import."""

from __future__ import annotations

import datetime as dt
import logging
import os
import select as io_select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from batches import FakeStation, office_keys, write
from sqlalchemy import func, select

from checkpoint_app.central import importer
from checkpoint_app.central.helper import Helper
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
from checkpoint_app.central.service import IMPORTED, REJECTED, OfficeService

DAY = dt.date(2020, 2, 13)
# what the two paths must agree on (bookkeeping - ids, batch ids, import times - left out)
COMPARED = (OfficePassage, OfficePerson, OfficeVoid, OfficeShift, OfficeSevenOnes, OfficeAudit, OfficeDay,
            OfficeConflict)
LEFT_OUT = {"id", "passage_id", "batch_id", "imported_at", "first_imported_at", "found_at", "station_id"}


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):  # SQLite gives naive UTC, PostgreSQL aware
        return (value if value.tzinfo is None else value.astimezone(dt.timezone.utc).replace(tzinfo=None)).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


PASSAGE_COLUMNS = [c.name for c in OfficePassage.__table__.columns if c.name not in LEFT_OUT]


def snapshot(service: OfficeService) -> dict[str, list[tuple]]:
    out = {}
    with service.engine.connect() as conn:
        for model in COMPARED:
            table = model.__table__
            columns = [c for c in table.columns if c.name not in LEFT_OUT]
            rows = conn.execute(select(*columns, *(
                [table.c.passage_id] if model is OfficePerson else []))).all()
            if model is OfficePerson:  # persons by their passage's UUID, not its id
                uuids = dict(conn.execute(select(OfficePassage.__table__.c.id, OfficePassage.__table__.c.uuid)).all())
                rows = [(*r[:-1], uuids[r[-1]]) for r in rows]
            out[table.name] = sorted((tuple(_plain(v) for v in r) for r in rows), key=repr)
    return out


def scenario(station: FakeStation, stick: Path) -> list[Path]:
    """Batches for every rule: many records (more than a chunk), every kind, a passage
    twice in one batch with other content, a void before its create, a passage held
    already (same content, then other content), a correction."""
    many = [station.passage(DAY, persons=1 + n % 4) for n in range(importer.CHUNK + 150)]
    held, voided_early = many[10], station.passage(DAY)
    twice = station.passage(DAY)
    first = [*many, twice, dict(twice, passage=dict(twice["passage"], notes="同批又一次")),
             station.shift(1, DAY), station.seven_ones(1, DAY), station.audit(1, DAY), station.day(DAY)]
    void_first = [station.void(voided_early["passage"]["uuid"], DAY)]
    again = [held, voided_early, station.passage(DAY), station.shift(1, DAY, ended=True),
             station.day(DAY, revision=2)]
    conflicting = [station.passage(DAY), dict(held, passage=dict(held["passage"], notes="改过的备注")),
                   station.passage(DAY, op="correct")]
    return [write(station.seal(records, DAY), stick) for records in (first, void_first, again, conflicting)]


@pytest.fixture
def station_batches(tmp_path) -> tuple[FakeStation, list[Path]]:
    station = FakeStation("JB-TSP-01")
    stick = tmp_path / "batches"
    stick.mkdir()
    return station, scenario(station, stick)


def _import(service: OfficeService, station: FakeStation, paths: list[Path], tmp_path: Path) -> list[Any]:
    service.enroll(station.write_enrollment(tmp_path))
    return [service.import_paths([p], office_keys().identity)[0] for p in paths]


@pytest.mark.parametrize("helper_min", [0, 10**9], ids=["helper", "here"])
def test_both_paths_and_both_databases_store_the_same(office, office_db, helper_min, station_batches, tmp_path,
                                                      caplog):
    station, paths = station_batches
    reference = OfficeService.open(tmp_path / "reference.sqlite3")
    reference.helper_min = 10**9
    try:
        expected = [r.counts for r in _import(reference, station, paths, tmp_path)]
        wanted = snapshot(reference)
    finally:
        reference.close()
    office.helper_min = helper_min
    caplog.clear()  # the reference's own messages (captured when an earlier test left INFO on)
    with caplog.at_level(logging.INFO, logger="checkpoint.central"):
        results = _import(office, station, paths, tmp_path)
    assert [r.status for r in results] == [IMPORTED] * 4
    assert [r.counts for r in results] == expected
    assert snapshot(office) == wanted
    # the third and fourth bring passages held already: each imported a second time, careful
    assert sum("imported again" in m for m in caplog.messages) == 2
    assert results[0].counts["conflicts"] == 1 and results[3].counts["conflicts"] == 1
    assert results[2].counts.get("new") == 2  # not the held one; the voided-early one comes in, voided
    voided = [r for r in snapshot(office)["office_passage"] if r[PASSAGE_COLUMNS.index("voided")]]
    assert len(voided) == 1  # the voided-early one: it came in after its void, and stays void


def test_a_helper_that_cannot_start_leaves_the_work_here(office, station_batches, tmp_path, monkeypatch, caplog):
    def cannot(self):
        raise OSError("no processes left")

    monkeypatch.setattr(Helper, "_start", cannot)
    station, paths = station_batches
    office.helper_min = 0
    with caplog.at_level(logging.WARNING, logger="checkpoint.central"):
        results = _import(office, station, paths[:1], tmp_path)
    assert results[0].status == IMPORTED and results[0].counts["new"] == importer.CHUNK + 151
    assert any("did not answer" in m for m in caplog.messages)


def test_a_write_failing_mid_batch_rolls_it_back_and_the_next_import_gets_a_fresh_helper(
        office, station_batches, tmp_path, monkeypatch):
    station, paths = station_batches
    office.helper_min = 0
    applied = []
    real_apply = importer.BatchWriter.apply

    def failing(self, prepared):
        applied.append(prepared.size)
        if len(applied) == 1:  # after the first chunk, while the helper works on the next
            raise importer.BatchRejected("altered", file=self.file, what="test")
        return real_apply(self, prepared)

    monkeypatch.setattr(importer.BatchWriter, "apply", failing)
    service_paths = [paths[0], paths[0]]
    office.enroll(station.write_enrollment(tmp_path))
    first = office.import_paths(service_paths[:1], office_keys().identity)[0]
    assert first.status == REJECTED and snapshot(office)["office_passage"] == []
    second = office.import_paths(service_paths[1:], office_keys().identity)[0]
    assert second.status == IMPORTED and second.counts["new"] == importer.CHUNK + 151


def test_a_batch_tried_again_in_the_same_run_reads_none_of_the_failed_tries_chunks(
        office, station_batches, tmp_path, monkeypatch):
    """The optimistic write fails on its first chunk (a passage held already) with an error
    that, like some drivers' errors, holds its frames in a reference cycle: the helper left
    mid-part must be ended at once, not when the cycle is collected, or the careful import
    of the same batch in the same run would read the rest of the failed try's chunks."""
    import gc

    from sqlalchemy.exc import IntegrityError

    station, paths = station_batches
    office.helper_min = 0
    applied = []
    real_apply = importer.BatchWriter.apply

    def failing(self, prepared):
        applied.append(prepared.size)
        if len(applied) == 1:
            clash = IntegrityError("COPY office_passage", None, Exception(
                "UNIQUE constraint failed: office_passage.station_id, office_passage.uuid"))
            raise clash  # `clash` names the error in this frame, which its traceback holds: a cycle
        return real_apply(self, prepared)

    monkeypatch.setattr(importer.BatchWriter, "apply", failing)
    office.enroll(station.write_enrollment(tmp_path))
    gc.disable()  # the cycle stays until the end of the test
    try:
        [result] = office.import_paths(paths[:1], office_keys().identity)
    finally:
        gc.enable()
    assert result.status == IMPORTED, result.reason
    assert result.counts["new"] == importer.CHUNK + 151 and len(applied) == 3


def test_a_damaged_record_is_refused_the_same_by_the_helper(office, tmp_path):
    station = FakeStation("JB-TSP-01")
    stick = tmp_path / "stick"
    stick.mkdir()
    records = [station.passage(DAY) for _ in range(30)]
    del records[17]["passage"]["decision"]
    path = write(station.seal(records, DAY), stick)
    office.enroll(station.write_enrollment(tmp_path))
    for helper_min in (0, 10**9):
        office.helper_min = helper_min
        [result] = office.import_paths([path], office_keys().identity)
        assert result.status == REJECTED and result.reason_code == "altered"
        assert result.reason.params["what"] == "passage: decision"
    assert snapshot(office)["office_passage"] == []


_KILLED_IMPORT = """
import os, signal, sys
from pathlib import Path
from checkpoint_app.batch.keys import OfficeIdentity
from checkpoint_app.central.service import OfficeService

def main():
    service = OfficeService.open({db!r})
    service.helper_min = {helper_min}

    def progress(step):
        if step.done >= {kill_after}:  # the batch half written, inside its transaction
            import multiprocessing
            with open({pids!r}, "w") as out:
                out.write(" ".join(str(p.pid) for p in multiprocessing.active_children()))
            os.kill(os.getpid(), signal.SIGKILL)

    identity = OfficeIdentity.from_text(Path({identity!r}).read_text(encoding="utf-8"))
    print(service.import_paths([Path({path!r})], identity, progress))

if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("helper_min", [0, 10**9], ids=["helper", "here"])
def test_an_import_killed_half_way_leaves_nothing_and_the_batch_imports_again(
        office, office_db, helper_min, station_batches, tmp_path):
    """SIGKILL in the middle of a batch's transaction (after two chunks of three): the
    office database is whole, holds nothing of the batch, and the batch imports again;
    the orphaned helper process ends by itself when its pipe closes."""
    station, paths = station_batches
    office.enroll(station.write_enrollment(tmp_path))
    office.close()
    script = tmp_path / "killed_import.py"
    (tmp_path / "office.identity").write_text(office_keys().identity.to_text(), encoding="utf-8")
    script.write_text(_KILLED_IMPORT.format(identity=str(tmp_path / "office.identity"), db=office_db, helper_min=helper_min,
                                            kill_after=importer.CHUNK, path=str(paths[0]),
                                            pids=str(tmp_path / "helpers")), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr
    helpers = [int(p) for p in (tmp_path / "helpers").read_text().split()]
    assert len(helpers) == (1 if helper_min == 0 else 0)
    for pid in helpers:  # the orphan sees its pipe close and ends (waited for, not slept on)
        try:
            handle = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            assert io_select.select([handle], [], [], 60)[0] == [handle], f"helper {pid} still running"
        finally:
            os.close(handle)
    again = OfficeService.open(office_db)
    try:
        if again.engine.dialect.name == "sqlite":
            with again.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert all(rows == [] for rows in snapshot(again).values())
        with again.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(OfficeBatch.__table__)).scalar_one() == 0
        [result] = again.import_paths([paths[0]], office_keys().identity)
        assert result.status == IMPORTED and result.counts["new"] == importer.CHUNK + 151
    finally:
        again.close()
