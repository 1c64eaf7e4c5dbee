"""`checkpoint-cli residents import`: a residents list into the register for a supervisor
(--operator, PIN from CHECKPOINT_PIN); counts and each rejected row's line and reason
printed, never a name or number; exit 0 committed, 1 nothing importable, 2 bad arguments."""

from __future__ import annotations

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor
from resident_lists import HEADER, rows, unique_id_number, write_csv
from sqlmodel import select

from checkpoint_app import cli

from checkpoint_app.db.models import AuditEvent, Resident

from checkpoint_app.services import context

ID_A = unique_id_number(7)
LIST = [HEADER,
        ["李四", "3栋5单元502室", "13812345678", ID_A, "渝A12345", "JB0001"],
        ["王五", "五栋", "123", "", "", ""],
        ["钱七", "1-1-101", "", ID_A, "", ""]]


@pytest.fixture
def station(ctx, clock, monkeypatch):
    guard(ctx)  # both operators exist
    supervisor(ctx)
    real_open = context.open_context
    monkeypatch.setattr(context, "open_context", lambda folder, **kw: real_open(folder, clock=clock, **kw))
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    return ctx


def run(ctx, *args: str, operator: str = SUPERVISOR_NAME) -> int:
    return cli.main(["residents", "import", "--data-dir", str(ctx.paths.root), "--operator", operator,
                     "--lang", "en", *args])


def names(ctx) -> list[str]:
    with ctx.session() as session:
        return [r.name for r in session.exec(select(Resident).order_by(Resident.id))]


def test_import_prints_counts_and_rejected_lines(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", LIST, "gb18030")
    assert run(station, str(path)) == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "line 3: room: \"五\" is not part of a room: write it as building-unit-room, e.g. 3-5-502.; "
        "phone: A mobile number has 11 digits; 3 were typed.",
        "line 4: ID number: The same ID number is already on line 2.",
        "imported 1, updated 0, rejected 2"]
    assert "李四" not in out.out + out.err and ID_A not in out.out + out.err and "钱七" not in out.out
    assert names(station) == ["李四"]
    assert run(station, str(path)) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0, updated 1, rejected 2"
    assert names(station) == ["李四"]


def test_dry_run_changes_nothing(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", LIST)
    assert run(station, str(path), "--dry-run") == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "dry run: 1 rows would be imported or updated, 2 rejected; nothing was changed")
    assert names(station) == []


def test_chinese_messages(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [HEADER] + rows(3))
    assert cli.main(["residents", "import", "--data-dir", str(station.paths.root), "--operator", SUPERVISOR_NAME,
                     "--lang", "zh_CN", str(path)]) == 0
    assert "3" in capsys.readouterr().out
    assert len(names(station)) == 3


def test_nothing_importable_exits_1(station, tmp_path, capsys):
    path = write_csv(tmp_path / "list.csv", [HEADER, ["", "1-1-101", "", "", "", ""]])
    assert run(station, str(path)) == 1
    assert capsys.readouterr().out.splitlines() == ["line 2: name: Enter the name.",
                                                    "nothing imported: all 1 rows were rejected"]
    assert run(station, str(path), "--dry-run") == 1
    assert names(station) == []


@pytest.mark.parametrize("make, message", [
    (lambda tmp: tmp / "missing.csv", "is not a file"),
    (lambda tmp: write_csv(tmp / "list.csv", [["姓名", "手机"], ["李四", "13812345678"]]),
     "list.csv has no column for room (楼栋单元房号)."),
    (lambda tmp: (tmp / "list.csv").write_bytes(b"\x00\x01binary") and tmp / "list.csv",
     "list.csv is not a text table (CSV)"),
    (lambda tmp: (tmp / "list.csv").write_bytes(b"") or tmp / "list.csv", "list.csv is empty"),
])
def test_bad_files_exit_2(station, tmp_path, capsys, make, message):
    path = make(tmp_path)
    assert run(station, str(path)) == 2
    err = capsys.readouterr().err
    assert err.startswith("checkpoint-cli: ") and message in err
    assert names(station) == []


def test_wrong_pin_guard_and_missing_register_exit_2(station, tmp_path, capsys, monkeypatch):
    path = write_csv(tmp_path / "list.csv", LIST)
    monkeypatch.setenv("CHECKPOINT_PIN", "000000")
    assert run(station, str(path)) == 2
    assert "Wrong PIN" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)
    assert run(station, str(path), operator=GUARD_NAME) == 2
    assert capsys.readouterr().err.startswith("checkpoint-cli: ")
    with station.session() as session:
        refused = session.exec(select(AuditEvent).where(AuditEvent.action == "refused")).all()
    assert [e.subject for e in refused] == ["manage_residents"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli.main(["residents", "import", "--data-dir", str(empty), "--operator", SUPERVISOR_NAME, "--lang", "en",
                     str(path)]) == 2
    assert "there is no register in" in capsys.readouterr().err
    assert not (empty / "register.sqlite3").exists()
    assert names(station) == []


def test_missing_arguments_exit_2(station, capsys):
    with pytest.raises(SystemExit) as leaving:
        cli.main(["residents", "import", "--data-dir", str(station.paths.root), "--lang", "en"])
    assert leaving.value.code == 2
    with pytest.raises(SystemExit) as leaving:
        cli.main(["residents", "--lang", "en"])
    assert leaving.value.code == 2
