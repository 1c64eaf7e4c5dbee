"""Migrations are atomic: stopped after any statement, a register has the old schema
and all its entries, and the next start upgrades it.

Two ways of stopping: an exception raised after statement N (the connection rolls
back), and a real SIGKILL after statement N in a forked child (nothing rolls back;
SQLite's journal alone must hold). Both run for a brand-new register (empty -> head)
and for the frozen register of every released schema with its entries (0001, 0002 and
0003 -> head; from 0003 that is 0004 alone, the reshape of entries into passages and
person checks). N goes over every statement the upgrade runs, counted in a dry run first.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.registers import frozen
from sqlalchemy import Engine, event
from statements import after_statement

from checkpoint_app.db import migrations
from checkpoint_app.db.engine import SCHEMA_HEAD, open_database

TESTS = Path(__file__).resolve().parents[1]
CASES = ("new", *frozen.RELEASED)  # a brand-new register; released registers with entries


class Injected(Exception):
    pass


def prepare(case: str, folder: Path) -> Path:
    if case == "new":
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "register.sqlite3"
    return frozen.copy_of(case, folder)


# CREATE statements of a whole upgrade: alembic_version, 0001's 4 tables and 3 indexes,
# 0002's 4 indexes, FTS5 table and 3 triggers, 0003's 7 tables and 3 indexes, 0004's 3
# tables, 9 indexes, FTS5 table and 3 triggers, 0005's 4 tables and 11 indexes, 0006's 3 tables.
CREATES = {"new": 60, "0001": 52, "0002": 44, "0003": 34, "0004": 18, "0005": 3}


def statements(case: str, folder: Path) -> int:
    """How many statements a whole upgrade runs (a dry run on a copy)."""
    path = prepare(case, folder)
    with after_statement(0, None) as seen:
        migrations.upgrade(path)
    assert frozen.revision(path) == SCHEMA_HEAD
    assert sum(s.upper().startswith("CREATE") for s in seen) == CREATES[case]
    return len(seen)


def state(path: Path):
    if not path.exists() or path.stat().st_size == 0:
        return None, set(), {}, {}
    return frozen.revision(path), frozen.schema(path), frozen.data(path), frozen.columns(path)


def assert_old_then_upgrades(path: Path, old) -> None:
    """The stopped upgrade changed nothing; the next start upgrades with every row."""
    assert state(path) == old
    db = open_database(path)
    try:
        assert migrations.current_revision(db.engine) == SCHEMA_HEAD
    finally:
        db.dispose()
    if old[2]:  # every row kept, where head keeps it (an upgrade may add columns, 0004 reshapes entries)
        expected = frozen.kept((old[3], old[2]))
        assert frozen.held(path, expected) == expected[1]
    else:
        assert not any(frozen.data(path).values())
    assert frozen.schema(path) == head_schema(path.parents[1])


_HEAD_SCHEMA: dict[Path, set] = {}


def head_schema(root: Path) -> set:
    if root not in _HEAD_SCHEMA:
        fresh = root / "head-schema"
        fresh.mkdir()
        open_database(fresh / "register.sqlite3").dispose()
        _HEAD_SCHEMA[root] = frozen.schema(fresh / "register.sqlite3")
    return _HEAD_SCHEMA[root]


@pytest.mark.parametrize("case", CASES)
def test_an_upgrade_that_fails_after_any_statement_changes_nothing(tmp_path, case):
    total = statements(case, tmp_path / "dry")
    for n in range(1, total + 1):
        path = prepare(case, tmp_path / f"n{n}")
        old = state(path)

        def fail(n: int = n) -> None:
            raise Injected(f"after statement {n}")

        with after_statement(n, fail), pytest.raises(Injected):
            migrations.upgrade(path)
        assert not list(path.parent.glob("*.partial"))
        assert_old_then_upgrades(path, old)


def test_ddl_is_inside_the_transaction(tmp_path):
    """The cause, checked directly: the driver's own transaction handling is off on the
    migration connection, so CREATE TABLE does not commit by itself..."""
    path = tmp_path / "register.sqlite3"
    engine = migrations.migration_engine(path)
    try:
        with pytest.raises(Injected), engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE station (id INTEGER PRIMARY KEY)")
            raise Injected()
    finally:
        engine.dispose()
    assert state(path)[1] == set()


def test_migrations_refuse_a_connection_that_commits_ddl_on_its_own(tmp_path):
    """...and Alembic's env refuses to run on any other connection (the app's engine)."""
    from alembic import command

    from checkpoint_app.db.engine import make_engine

    engine = make_engine(tmp_path / "register.sqlite3")
    cfg = migrations.config()
    try:
        with engine.begin() as conn, pytest.raises(RuntimeError, match="migration engine"):
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


# -- real kills ---------------------------------------------------------------------

def _cache_held_small(_conn, _cursor, statement: str, parameters, *_args):
    """A migration that enlarges its page cache for a big copy (0004) gets one page all
    the same: its uncommitted pages must spill into the -wal file here too."""
    if statement.lstrip().upper().startswith("PRAGMA CACHE_SIZE ="):
        statement = "PRAGMA cache_size = 1"
    return statement, parameters


def kill_worker(case: str, root: str) -> None:
    """Runs in a subprocess of its own: counts the statements, then for every N forks a
    child that upgrades a fresh copy and is SIGKILLed right after statement N. Prints
    {"total": N, "signals": [...]} for the test to check."""
    root_path = Path(root)
    # A tiny page cache makes SQLite write uncommitted pages into the -wal file before
    # the commit (as a big upgrade would): the kill then leaves frames without a commit
    # record behind, which the next open must ignore.
    event.listen(Engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA cache_size=1"))
    event.listen(Engine, "before_cursor_execute", _cache_held_small, retval=True)
    total = statements(case, root_path / "dry")
    signals = []
    for n in range(1, total + 2):  # the last one is never killed: it completes
        path = prepare(case, root_path / f"n{n}")
        pid = os.fork()
        if pid == 0:  # the child: upgrade, die mid-way
            try:
                with after_statement(n, lambda: os.kill(os.getpid(), signal.SIGKILL)):
                    migrations.upgrade(path)
                os._exit(0)
            except BaseException:  # noqa: BLE001 - the child must never return into the worker
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        signals.append(os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status))
    print(json.dumps({"total": total, "signals": signals}))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("case", CASES)
def test_an_upgrade_killed_after_any_statement_leaves_the_old_schema(tmp_path, case):
    """SIGKILL, not an exception: no rollback runs, the process just stops. One worker
    process forks a child per statement (a process per kill would take minutes)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, __file__, case, str(tmp_path)], env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    total, signals = report["total"], report["signals"]
    assert signals == [signal.SIGKILL] * total + [0]  # every child died where it was told to
    old = state(prepare(case, tmp_path / "reference"))
    for n in range(1, total + 1):
        assert_old_then_upgrades(tmp_path / f"n{n}" / "register.sqlite3", old)
    completed = tmp_path / f"n{total + 1}" / "register.sqlite3"
    assert frozen.revision(completed) == SCHEMA_HEAD


if __name__ == "__main__":
    kill_worker(sys.argv[1], sys.argv[2])
