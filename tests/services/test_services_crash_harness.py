"""The crash harness (issue 10 item 4): the real save path, and the real batch export, run
in a child process that is killed with SIGKILL at random moments, at least 100 times per
run; after every kill the next child opens the same register (recovery included) and goes
on. At the end, and for every round:
- saves: every save the child acknowledged (the service returned) is stored; the register
  passes `PRAGMA integrity_check`; sequence numbers have no duplicates and no gaps (an
  unacknowledged save in flight is either whole or absent) and the station's next number
  follows the last;
- exports: every batch the child acknowledged is in the ledger with its SHA-256; ledger
  numbers have no gaps; each ledger row's kept copy verifies with the station's key; the
  register passes integrity_check; and after the last kill one more export succeeds with
  the next number.

A worker process (not pytest's) prepares the register once, then for each round forks a
child (fast: the app is imported already) that reports each acknowledgement on a pipe. The
worker reads a random number of acknowledgements (0 = kill it while it opens the
register), then kills it: the child is by then inside its next save or export, at a moment
no one chose. The worker waits on the pipe, never on a timer.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
ROUNDS = 100


def _child_saves(folder: Path, out: int) -> None:
    from actors import CHEAP_HASHER, guard

    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.services.context import open_context

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    actor = guard(ctx)
    n = 0
    while True:
        n += 1
        saved = ctx.register.save(actor, EntryDraft(category="visitor", name=f"测试{n % 97}", id_number="11010519491231002X",
                                                    phone="13800138000", origin_province="50", purpose="探亲",
                                                    destination="5栋", temperature="36.6"))
        os.write(out, f"{saved.seq} {saved.uuid}\n".encode())


def _child_exports(folder: Path, out: int) -> None:
    from actors import CHEAP_HASHER, guard, supervisor

    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.services.context import open_context

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    g, boss = guard(ctx), supervisor(ctx)
    while True:
        ctx.register.save(g, EntryDraft(category="resident", temperature="36.5", name="李娜",
                                        id_number="11010519491231002X"))
        entry = ctx.batches.export(boss, folder.parent / "stick")
        os.write(out, f"{entry.number} {entry.sha256}\n".encode())


def _prepare(folder: Path, exports: bool) -> bool:
    from actors import CHEAP_HASHER, add_staff, supervisor
    from batch_station import with_keys
    from stations import STATION

    from checkpoint_app.services.context import open_context

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    try:
        add_staff(ctx)
        ctx.station.save(supervisor(ctx), STATION)
        if exports:
            with_keys(ctx, folder.parent / "office")
            ctx.batches.station_key()
    finally:
        ctx.close()
    return True


def _round(folder: Path, child, acks_wanted: int) -> list[str]:
    """One child: its acknowledgements up to `acks_wanted`, then SIGKILL."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: works until killed
        os.close(read_end)
        try:
            child(folder, write_end)
        finally:
            os._exit(3)  # only if the work itself failed
    os.close(write_end)
    acks: list[str] = []
    with os.fdopen(read_end, "r", encoding="utf-8") as lines:
        while len(acks) < acks_wanted:
            line = lines.readline()
            if not line:  # the child died on its own: a failure
                break
            acks.append(line.strip())
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if len(acks) < acks_wanted or not os.WIFSIGNALED(status):
        raise AssertionError(f"the child ended by itself (status {status}) after {len(acks)} acknowledgements")
    return acks


def _check_saves(database: Path, acknowledged: dict[int, str]) -> dict:
    with closing(sqlite3.connect(database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = dict(raw.execute("SELECT seq, uuid FROM passage").fetchall())
        next_seq = raw.execute("SELECT next_seq FROM station").fetchone()[0]
        persons = raw.execute("SELECT count(*) FROM passage AS p WHERE NOT EXISTS "
                              "(SELECT 1 FROM person_check AS c WHERE c.passage_id = p.id)").fetchone()[0]
        changes = raw.execute("SELECT count(*) FROM change_record WHERE record_type = 'passage'").fetchone()[0]
    missing = {s: u for s, u in acknowledged.items() if stored.get(s) != u}
    assert not missing, f"acknowledged saves lost: {missing}"
    assert sorted(stored) == list(range(1, len(stored) + 1)), "sequence numbers with a gap"
    assert next_seq == len(stored) + 1 and persons == 0 and changes == len(stored)
    return {"stored": len(stored), "acknowledged": len(acknowledged)}


def _check_ledger(folder: Path, acknowledged: dict[int, str]) -> dict:
    from batch_station import station_public

    from checkpoint_app.batch.sealed import verify_sealed

    from checkpoint_app.services.context import open_context

    with closing(sqlite3.connect(folder / "register.sqlite3")) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ledger = dict(raw.execute("SELECT number, sha256 FROM batch").fetchall())
        kept = {n: f for n, f in raw.execute("SELECT number, file_name FROM batch")}
    missing = {n: s for n, s in acknowledged.items() if ledger.get(n) != s}
    assert not missing, f"acknowledged batches not in the ledger: {missing}; ledger: {ledger}"
    assert sorted(ledger) == list(range(1, len(ledger) + 1)), "ledger numbers with a gap"
    ctx = open_context(folder)
    try:
        public = station_public(ctx)
        for number, file_name in kept.items():
            assert verify_sealed(ctx.batches.kept_folder / file_name, public) == ledger[number]
    finally:
        ctx.close()
    return {"ledger": len(ledger), "acknowledged": len(acknowledged)}


def _in_child(work, *args):
    """`work(*args)` in a forked child, its JSON-able result (or its failure) back on a
    pipe: the worker itself never opens the register, so no SQLite state (open files, the
    library's per-file lock table, the WAL index) crosses a fork into the next child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        try:
            answer = {"ok": work(*args)}
        except BaseException as error:  # noqa: BLE001 - reported to the worker
            answer = {"failed": f"{type(error).__name__}: {error}"}
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            out.write(json.dumps(answer))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "r", encoding="utf-8") as lines:
        answer = json.loads(lines.read() or '{"failed": "the checker died"}')
    os.waitpid(pid, 0)
    if "failed" in answer:
        raise AssertionError(answer["failed"])
    return answer["ok"]


def _export_once(folder: Path) -> list:
    from actors import CHEAP_HASHER, guard, supervisor

    from checkpoint_app.core.entry import EntryDraft

    from checkpoint_app.services.context import open_context

    ctx = open_context(folder, pin_hasher=CHEAP_HASHER)
    try:
        ctx.register.save(guard(ctx), EntryDraft(category="resident", temperature="36.5", name="李娜",
                                                 id_number="11010519491231002X"))
        entry = ctx.batches.export(supervisor(ctx), folder.parent / "stick")
    finally:
        ctx.close()
    return [entry.number, entry.sha256]


def worker(root: str, mode: str, seed: int) -> None:
    folder = Path(root) / "data"
    exports = mode == "exports"
    _in_child(_prepare, folder, exports)
    rng = random.Random(seed)
    child = _child_exports if exports else _child_saves
    acknowledged: dict[int, str] = {}
    kills = 0
    for index in range(ROUNDS):
        acks = _round(folder, child, rng.choice([0, 1, 1, 2, 3] if exports else [0, 1, 2, 3, 5, 8]))
        if os.environ.get("CHECKPOINT_CRASH_TRACE"):
            print(index, acks, file=sys.stderr)
        for ack in acks:
            number, value = ack.split(" ")
            acknowledged[int(number)] = value
        kills += 1
        report = (_in_child(_check_ledger, folder, acknowledged) if exports
                  else _in_child(_check_saves, folder / "register.sqlite3", acknowledged))
    if exports:  # the station goes on after its last kill: the next batch has the next number
        number, sha = _in_child(_export_once, folder)
        report["after"] = number
        report["ledger_after"] = _in_child(_check_ledger, folder, {**acknowledged, number: sha})["ledger"]
    print(json.dumps({"kills": kills, **report}))


def _run(tmp_path: Path, mode: str) -> dict:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    seed = int(os.environ.get("CHECKPOINT_CRASH_SEED", "2020"))
    done = subprocess.run([sys.executable, __file__, str(tmp_path), mode, str(seed)], env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.timeout(900)  # 100 kills: about a minute here, more on a loaded machine
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_saves_killed_at_random_moments_lose_no_acknowledged_record(tmp_path):
    report = _run(tmp_path, "saves")
    assert report["kills"] >= 100
    assert report["acknowledged"] >= 100 and report["stored"] >= report["acknowledged"]


@pytest.mark.slow
@pytest.mark.timeout(900)  # 100 kills, each round an export: two minutes or more
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_exports_killed_at_random_moments_keep_the_ledger_whole(tmp_path):
    report = _run(tmp_path, "exports")
    assert report["kills"] >= 100 and report["acknowledged"] >= 50
    assert report["after"] == report["ledger_after"] == report["ledger"] + 1


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2], int(sys.argv[3]))
