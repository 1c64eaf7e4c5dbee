"""`checkpoint-cli watchlist import`: a watchlist into the register for a supervisor
(--operator, PIN from CHECKPOINT_PIN), the same output and exit codes as `residents
import`: 0 committed, 1 nothing importable, 2 bad arguments."""

from __future__ import annotations

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor
from resident_lists import unique_id_number, write_csv
from sqlmodel import select

from checkpoint_app import cli

from checkpoint_app.db.models import AuditEvent, Watch

from checkpoint_app.services import context

HEADER = ["姓名", "身份证号", "房号", "类型", "开始日期", "结束日期", "原因"]
ID_A = unique_id_number(77)
LIST = [HEADER,
        ["李四", ID_A, "3栋5单元502室", "居家隔离", "2026年11月20日", "", "武汉返回"],
        ["王五", "", "1-1-101", "", "2026/11/20", "2026/11/10", ""],
        ["钱七", ID_A, "1-1-102", "", "", "", ""]]


@pytest.fixture
def station(ctx, clock, monkeypatch):
    guard(ctx)
    supervisor(ctx)
    real_open = context.open_context
    monkeypatch.setattr(context, "open_context", lambda folder, **kw: real_open(folder, clock=clock, **kw))
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    return ctx


def run(ctx, *args: str, operator: str = SUPERVISOR_NAME) -> int:
    return cli.main(["watchlist", "import", "--data-dir", str(ctx.paths.root), "--operator", operator,
                     "--lang", "en", *args])


def stored(ctx) -> list[tuple]:
    with ctx.session() as session:
        return [(w.name, w.room, w.end_date.isoformat()) for w in session.exec(select(Watch).order_by(Watch.id))]


def test_import_prints_counts_and_rejected_lines_then_updates(station, tmp_path, capsys):
    path = write_csv(tmp_path / "watch.csv", LIST, "gb18030")
    assert run(station, str(path)) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "line 3: end date: The end date 2026-11-10 is before the start date 2026-11-20.",
        "line 4: ID number: The same ID number is already on line 2.",
        "imported 1, updated 0, rejected 2"]
    assert "李四" not in out.out + out.err and ID_A not in out.out + out.err
    assert stored(station) == [("李四", "3-5-502", "2026-12-04")]
    assert run(station, str(path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, updated 1, rejected 2"
    assert len(stored(station)) == 1


def test_dry_run_changes_nothing(station, tmp_path, capsys):
    assert run(station, str(write_csv(tmp_path / "watch.csv", LIST)), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "dry run: 1 rows would be imported or updated, 2 rejected; nothing was changed")
    assert stored(station) == []


def test_nothing_importable_exits_1(station, tmp_path, capsys):
    path = write_csv(tmp_path / "watch.csv", [HEADER, ["李四", "", "1-1-101", "隔离", "", "", ""]])
    assert run(station, str(path)) == 1
    assert capsys.readouterr().out.splitlines() == [
        "line 2: kind: Choose home quarantine or medical observation.", "nothing imported: all 1 rows were rejected"]
    assert stored(station) == []


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing.csv", "is not a file"),
    (lambda tmp: write_csv(tmp / "watch.csv", [["姓名", "类型"], ["李四", "居家隔离"]]),
     "watch.csv has no column for room (房号) / id_number (身份证号)."),
    (lambda tmp: (tmp / "watch.csv").write_bytes(b"") or tmp / "watch.csv", "watch.csv is empty"),
])
def test_bad_files_exit_2(station, tmp_path, capsys, make, message):
    assert run(station, str(make(tmp_path))) == 2
    err = capsys.readouterr().err
    assert err.startswith("checkpoint-cli: ") and message in err
    assert stored(station) == []


def test_a_guard_is_refused_with_exit_2(station, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)
    assert run(station, str(write_csv(tmp_path / "watch.csv", LIST)), operator=GUARD_NAME) == 2
    assert capsys.readouterr().err.startswith("checkpoint-cli: ")
    with station.session() as session:
        refused = session.exec(select(AuditEvent).where(AuditEvent.action == "refused")).all()
    assert [e.subject for e in refused] == ["manage_watchlist"]
    assert stored(station) == []


def test_missing_arguments_exit_2(station):
    with pytest.raises(SystemExit) as leaving:
        cli.main(["watchlist", "--lang", "en"])
    assert leaving.value.code == 2
