"""A residents import killed after any SQL statement (SIGKILL: nothing rolls back, the
process just stops) leaves the register with none of the list or all of it: never half a
list, never residents without their plates, never an import without its audit event.

One worker process prepares a register, counts the statements of one import of 2,500
residents (two batches) in a dry run, then for every N forks a child that opens its own
copy, imports the list and is killed right after statement N (the last child completes)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from statements import kill_after_each_statement

TESTS = Path(__file__).resolve().parents[1]
RESIDENTS = 2500


def _import_one(folder: Path, watched) -> None:
    from actors import CHEAP_HASHER, supervisor

    from checkpoint_app.services.context import open_context
    from checkpoint_app.services.demo_residents import demo_preview

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    try:
        boss = supervisor(ctx)
        preview = demo_preview(RESIDENTS, seed=3, today=ctx.clock().date())
        with watched():
            ctx.residents.import_rows(boss, preview)
    finally:
        ctx.close()


def kill_worker(root: str) -> None:
    from actors import CHEAP_HASHER, add_staff, supervisor
    from stations import STATION

    from checkpoint_app.services.context import open_context

    root_path = Path(root)
    base = root_path / "base"
    ctx = open_context(base, pin_hasher=CHEAP_HASHER)
    add_staff(ctx)
    ctx.station.save(supervisor(ctx), STATION)
    ctx.close()
    print(json.dumps(kill_after_each_statement(root_path, base, _import_one)))


def _state(database: Path) -> tuple:
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        residents = raw.execute("SELECT count(*) FROM resident").fetchone()[0]
        plates = raw.execute("SELECT count(*) FROM resident_plate").fetchone()[0]
        audited = raw.execute("SELECT count(*) FROM audit_event WHERE action = 'residents_imported'").fetchone()[0]
    return residents, plates > 0, audited


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_residents_import_killed_after_any_statement_is_all_or_nothing(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, __file__, str(tmp_path)], env=env, capture_output=True, text=True,
                            timeout=400)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    total, signals = report["total"], report["signals"]
    assert total >= 4 and signals == [signal.SIGKILL] * total + [0]
    nothing, whole = (0, False, 0), (RESIDENTS, True, 1)
    outcomes = [_state(tmp_path / f"n{n}" / "register.sqlite3") for n in range(1, total + 2)]
    assert all(o in (nothing, whole) for o in outcomes), outcomes
    assert outcomes[0] == nothing and outcomes[-1] == whole


if __name__ == "__main__":
    kill_worker(sys.argv[1])
