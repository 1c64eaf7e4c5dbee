"""Issue 6 item 4: `checkpoint-cli doctor` verifies the audit log's hash chain: OK with
the count, or a PROBLEM naming the first broken event and how it broke (exit 1); a
missing or unreadable head file is a warning (the register is sound, the newest events
cannot be checked). The register is made by the CLI and tampered with through sqlite3."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checkpoint_app import cli

from checkpoint_app.services import audit_head


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.fixture(scope="module")
def demo_register(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("audit-demo")
    assert cli.main(["demo-data", "--data-dir", str(folder), "--entries", "10"]) == 0
    return folder


@pytest.fixture
def folder(demo_register, tmp_path) -> Path:
    copy = tmp_path / "data"
    copy.mkdir()
    for name in ("register.sqlite3", "audit-head.json"):
        (copy / name).write_bytes((demo_register / name).read_bytes())
    return copy


def events(folder: Path) -> int:
    with sqlite3.connect(folder / "register.sqlite3") as conn:
        count = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    conn.close()
    return count


def tamper(folder: Path, *statements: str) -> None:
    with sqlite3.connect(folder / "register.sqlite3") as conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def doctor(folder: Path, capsys) -> tuple[int, str]:
    code = cli.main(["doctor", "--data-dir", str(folder)])
    return code, capsys.readouterr().out


def test_a_whole_chain_is_ok_with_its_count(folder, capsys):
    count = events(folder)
    assert count >= 3
    code, out = doctor(folder, capsys)
    assert code == 0, out
    assert f"ok       Audit log: {count} events, hash chain intact" in out


CASES = [
    # name, statements, head file change, expected line
    ("edited", ["UPDATE audit_event SET operator_name = 'x' WHERE id = 2"], None,
     "PROBLEM  Audit log: event 2 was changed after it was written (its hash does not match)."),
    ("not UTF-8", ["UPDATE audit_event SET detail = x'7b22ff7d' WHERE id = 2"], None,
     "PROBLEM  Audit log: event 2 was changed after it was written"),
    ("deleted", ["DELETE FROM audit_event WHERE id = 2"], None,
     "PROBLEM  Audit log: event 3 does not follow the event before it: events were deleted, inserted or moved."),
    ("moved", ["UPDATE audit_event SET id = -1 WHERE id = 1", "UPDATE audit_event SET id = 1 WHERE id = 2",
               "UPDATE audit_event SET id = 2 WHERE id = -1"], None,
     "PROBLEM  Audit log: event 1 does not follow the event before it"),
    ("newest deleted", ["DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)"], None,
     "PROBLEM  Audit log: the events from event {last} on are missing (the register ends before the last event "
     "recorded in {head}). If a backup was restored, that is expected: move {head} aside."),
    ("newest replaced", ["UPDATE audit_event SET hash = prev_hash WHERE id = (SELECT max(id) FROM audit_event)"], None,
     "PROBLEM  Audit log: event {last} was changed after it was written"),
    ("head missing", [], "delete",
     "WARNING  Audit log: {count} events, hash chain whole, but {head} is missing: whether the newest events were "
     "deleted cannot be checked."),
    ("head unreadable", [], "garble",
     "WARNING  Audit log: {count} events, hash chain whole, but {head} cannot be read (damaged or edited)"),
    ("head of another chain", [], "other",
     "PROBLEM  Audit log: event {last} is not the event recorded in {head} as the newest"),
]


@pytest.mark.parametrize(("statements", "head_change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_the_first_break_is_named(folder, capsys, statements, head_change, expected):
    last, count = events(folder), events(folder)
    head = folder / audit_head.HEAD_FILENAME
    tamper(folder, *statements)
    if head_change == "delete":
        head.unlink()
    elif head_change == "garble":
        head.write_text("{not json")
    elif head_change == "other":
        audit_head.write_head(head, audit_head.ChainHead(last, "a" * 64))
    code, out = doctor(folder, capsys)
    assert expected.format(last=last, count=count, head=head) in out, out
    assert code == (0 if expected.startswith("WARNING") else 1)
    assert out.count("Audit log:") == 1  # the first break only


def test_a_register_before_the_audit_log_has_no_audit_line(tmp_path, capsys):
    import shutil

    fixture = Path(__file__).parents[1] / "fixtures" / "registers" / "register-0002.sqlite3"
    shutil.copy(fixture, tmp_path / "register.sqlite3")
    _code, out = doctor(tmp_path, capsys)
    assert "Audit log" not in out
