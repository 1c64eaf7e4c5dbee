"""A vehicle's save killed after any SQL statement (SIGKILL: nothing rolls back, the
process just stops) leaves the register as it was or with the whole vehicle: never a
passage without all its occupants, its change record or its sequence number.

One worker process prepares a register, counts the statements of one save in a dry run,
then for every N forks a child that opens its own copy, saves a five-occupant bus and is
killed right after statement N (the last child completes)."""

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


def _save_one(folder: Path, watched) -> None:
    """Open the register in `folder`, save one bus (the save watched for the kill)."""
    from actors import CHEAP_HASHER, guard

    from checkpoint_app.core.vehicle import OccupantDraft, VehicleDraft

    from checkpoint_app.services.context import open_context

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    try:
        actor = guard(ctx)
        rules = ctx.register.vehicle_rules()
        draft = VehicleDraft(plate="渝A12345", vehicle_category="bus", occupant_count="5", origin_province="50",
                             occupants=[OccupantDraft(f"36.{k}") for k in range(5)])
        with watched():
            ctx.register.save_vehicle(actor, draft, rules)
    finally:
        ctx.close()


def kill_worker(root: str) -> None:
    from actors import CHEAP_HASHER, add_staff, supervisor
    from stations import STATION, set_station_type

    from checkpoint_app.services.context import open_context

    root_path = Path(root)
    base = root_path / "base"
    ctx = open_context(base, pin_hasher=CHEAP_HASHER)
    add_staff(ctx)
    ctx.station.save(supervisor(ctx), STATION)
    set_station_type(ctx, "road_checkpoint")
    ctx.close()
    print(json.dumps(kill_after_each_statement(root_path, base, _save_one)))


def _state(database: Path) -> tuple:
    with sqlite3.connect(database) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        passages = raw.execute("SELECT id, seq FROM passage").fetchall()
        occupants = raw.execute("SELECT count(*) FROM person_check").fetchone()[0]
        changes = raw.execute("SELECT count(*) FROM change_record").fetchone()[0]
        next_seq = raw.execute("SELECT next_seq FROM station").fetchone()[0]
        fts = raw.execute("SELECT count(*) FROM person_ident_fts").fetchone()[0]
    return passages, occupants, changes, next_seq, fts


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_vehicle_save_killed_after_any_statement_is_all_or_nothing(tmp_path):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, __file__, str(tmp_path)], env=env, capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    total, signals = report["total"], report["signals"]
    assert total >= 5 and signals == [signal.SIGKILL] * total + [0]
    nothing = ([], 0, 0, 1, 0)
    whole = ([(1, 1)], 5, 1, 2, 5)
    outcomes = [_state(tmp_path / f"n{n}" / "register.sqlite3") for n in range(1, total + 2)]
    assert all(o in (nothing, whole) for o in outcomes), outcomes
    assert outcomes[0] == nothing and outcomes[-1] == whole


if __name__ == "__main__":
    kill_worker(sys.argv[1])
