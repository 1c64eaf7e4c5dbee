"""`checkpoint-cli central conflicts` and `central resolve` (in process), on SQLite and
PostgreSQL: the list of unresolved conflicts, keep/take with a note; exit 0 done, 1 refused
(resolved already, unknown number: the reason on stderr), 2 bad arguments."""

from __future__ import annotations

import datetime as dt

import pytest
from batches import FakeStation, office_keys, write

from checkpoint_app import cli
from checkpoint_app.central.service import OfficeService

DAY = dt.date(2020, 2, 13)


def run(*args: str) -> int:
    return cli.main(["central", *args, "--lang", "en"])


@pytest.fixture
def conflict(office_db, tmp_path):
    """An office database holding one conflict (a passage sent again with other notes)."""
    service = OfficeService.open(office_db)
    try:
        station = FakeStation("JB-TSP-01")
        service.enroll(station.write_enrollment(tmp_path))
        first = station.passage(DAY)
        changed = dict(first, passage=dict(first["passage"], notes="改过的备注"))
        stick = tmp_path / "stick"
        for records in ([first], [changed]):
            service.import_paths([write(station.seal(records, DAY), stick)], office_keys().identity)
        [found] = service.conflicts()
    finally:
        service.close()
    return office_db, found


def test_conflicts_lists_the_unresolved_and_resolve_keeps_or_takes(conflict, capsys):
    db, found = conflict
    assert run("conflicts", "--db", db) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith(f"{found.id}\t"))
    assert line.split("\t")[1:5] == ["JB-TSP-01", "passage", found.key, "2"]
    assert run("resolve", "--db", db, str(found.id), "--take", "--note", "以新记录为准", "--clerk", "赵文员") == 0
    assert "incoming record taken" in capsys.readouterr().out
    service = OfficeService.open(db)
    try:
        detail = service.conflict_detail(found.id)
    finally:
        service.close()
    assert (detail.resolution, detail.resolved_by, detail.resolution_note) == ("take", "赵文员", "以新记录为准")
    assert run("conflicts", "--db", db) == 0
    assert "no conflicts to resolve" in capsys.readouterr().out


def test_resolving_twice_or_an_unknown_number_exits_1_bad_arguments_2(conflict, capsys):
    db, found = conflict
    assert run("resolve", "--db", db, str(found.id), "--keep", "--clerk", "赵文员") == 0
    assert "held record kept" in capsys.readouterr().out
    assert run("resolve", "--db", db, str(found.id), "--take", "--clerk", "钱文员") == 1
    assert "already resolved" in capsys.readouterr().err
    assert run("resolve", "--db", db, str(found.id + 50), "--keep") == 1
    assert f"no conflict number {found.id + 50}" in capsys.readouterr().err
    for bad in ((str(found.id),), (str(found.id), "--keep", "--take"), ("x", "--keep")):
        with pytest.raises(SystemExit) as exited:
            run("resolve", "--db", db, *bad)
        assert exited.value.code == 2
