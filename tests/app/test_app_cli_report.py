"""`checkpoint-cli report`: the daily report's PDF (and CSV) without a window, for a
supervisor logged in with --operator and the PIN from CHECKPOINT_PIN or getpass; every
bad input a clear message and exit 2, and nothing half-written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN
from pypdf import PdfReader
from report_day import FEVER_NAME, make_day
from sqlmodel import col, select

from checkpoint_app import cli, cli_login

from checkpoint_app.db.models import AuditEvent

from checkpoint_app.services import context

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8"}


@pytest.fixture
def station(ctx, clock, monkeypatch):
    """The fixture day's register; the command opens it with the test's clock."""
    make_day(ctx, clock)
    real_open = context.open_context
    monkeypatch.setattr(context, "open_context", lambda folder, **kw: real_open(folder, clock=clock, **kw))
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    return ctx


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def run(ctx, *args: str, operator: str = SUPERVISOR_NAME, day: str = "2026-11-29") -> int:
    return cli.main(["report", "--data-dir", str(ctx.paths.root), "--day", day, "--operator", operator, *args])


def audit(ctx, action: str) -> list[AuditEvent]:
    with ctx.session() as session:
        return list(session.exec(select(AuditEvent).where(AuditEvent.action == action).order_by(col(AuditEvent.id))))


def words(path) -> list[str]:
    return " ".join(page.extract_text() for page in PdfReader(str(path)).pages).split()


def test_pdf_and_csv_in_chinese(station, out, capsys):
    pdf, table = out / "日报.pdf", out / "日报.csv"
    assert run(station, "--pdf", str(pdf), "--csv", str(table), "--lang", "zh_CN") == 0
    assert capsys.readouterr().out.splitlines() == ["2026-11-29：有情况上报", f"已写入：{pdf}", f"已写入：{table}"]
    text = words(pdf)
    assert "有情况上报" in text and "翠湖小区东门" in " ".join(text)
    assert any(text[i:i + 2] == ["登记总数", "13"] for i in range(len(text)))
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("gb18030"), newline="")))
    assert ["发热", "1"] in rows and ["合计", "6", "3", "3", "1"] in rows
    assert [json.loads(e.detail)["format"] for e in audit(station, "report_printed")] == ["pdf", "csv"]
    assert sorted(os.listdir(out)) == ["日报.csv", "日报.pdf"]  # no temporary files left


def test_a_zero_report_in_english_with_utf8_csv(station, out, capsys):
    table = out / "r.csv"
    assert run(station, "--pdf", str(out / "r.pdf"), "--csv", str(table), "--encoding", "utf-8-sig",
               "--lang", "en", day="2026-11-28") == 0
    assert capsys.readouterr().out.splitlines()[0] == "2026-11-28: Zero report"
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "Zero report" in " ".join(words(out / "r.pdf"))


def test_the_appendix_only_when_asked_for(station, out):
    assert run(station, "--pdf", str(out / "plain.pdf")) == 0
    assert FEVER_NAME not in words(out / "plain.pdf")
    assert run(station, "--pdf", str(out / "full.pdf"), "--appendix") == 0
    assert FEVER_NAME in words(out / "full.pdf")
    assert [json.loads(e.detail)["appendix"] for e in audit(station, "report_printed")] == [False, True]


@pytest.mark.parametrize("case, change, message", [
    ("wrong PIN", {"pin": "999999"}, "Wrong PIN. 4 more tries before a 5-minute lock."),
    ("unknown operator", {"operator": "无名氏"}, "No operator of that name can log in here."),
    ("a guard", {"operator": GUARD_NAME, "pin": GUARD_PIN}, "Only a supervisor (负责人) may do this."),
    ("a future day", {"day": "2026-11-30"}, "2026-11-30 has not happened yet: choose today or an earlier day."),
    ("a folder for the PDF", {"pdf": "."}, "is a folder: give a file name."),
    ("a missing folder", {"pdf": "missing/r.pdf"}, "cannot be written (No such file or directory)."),
    ("the CSV's folder missing", {"csv": "missing/r.csv"}, "cannot be written (No such file or directory)."),
    ("the same file twice", {"csv": "r.pdf"}, "--pdf and --csv name the same file"),
])
def test_refusals(station, out, clock, capsys, monkeypatch, case, change, message):
    if "pin" in change:
        monkeypatch.setenv("CHECKPOINT_PIN", change["pin"])
    if case == "a future day":
        clock.now = dt.datetime(2026, 11, 29, 23, 0, tzinfo=clock.now.tzinfo)
    args = ["--pdf", str(out / change.get("pdf", "r.pdf"))]
    if "csv" in change:
        args += ["--csv", str(out / change["csv"])]
    assert run(station, *args, operator=change.get("operator", SUPERVISOR_NAME), day=change.get("day", "2026-11-29")) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert change.get("pin", "no pin") not in err and SUPERVISOR_PIN not in err
    assert not [p for p in out.rglob("*") if p.is_file()]  # nothing written, not even the PDF beside a bad CSV
    assert not audit(station, "report_printed")
    if case == "a guard":
        assert json.loads(audit(station, "refused")[-1].detail) == {"role": "guard"}


@pytest.mark.parametrize("day", ["29-11-2026", "2026/11/29", "20261129", "2026-02-30", "tomorrow"])
def test_a_bad_day_is_a_usage_error(station, out, capsys, day):
    with pytest.raises(SystemExit) as caught:
        run(station, "--pdf", str(out / "r.pdf"), day=day)
    assert caught.value.code == 2
    assert f"'{day}' is not a day: write it as YYYY-MM-DD, e.g. 2026-11-29" in capsys.readouterr().err


def test_no_register_is_not_created(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    empty = tmp_path / "nothing here"
    assert cli.main(["report", "--data-dir", str(empty), "--day", "2020-01-01", "--pdf", str(tmp_path / "r.pdf"),
                     "--operator", "x"]) == 2
    assert "there is no register in" in capsys.readouterr().err
    assert not empty.exists() and not (tmp_path / "r.pdf").exists()


def test_the_pin_is_asked_for_without_echo_when_not_in_the_environment(station, out, monkeypatch, capsys):
    monkeypatch.delenv("CHECKPOINT_PIN")
    asked = []
    monkeypatch.setattr(cli_login.getpass, "getpass", lambda prompt: asked.append(prompt) or SUPERVISOR_PIN)
    assert run(station, "--pdf", str(out / "r.pdf")) == 0
    assert asked == [f"PIN for {SUPERVISOR_NAME}: "]
    captured = capsys.readouterr()
    assert SUPERVISOR_PIN not in captured.out + captured.err
    monkeypatch.setattr(cli_login.getpass, "getpass", lambda prompt: (_ for _ in ()).throw(EOFError()))
    assert run(station, "--pdf", str(out / "r2.pdf")) == 2
    assert "no PIN was given (set CHECKPOINT_PIN or type it when asked)" in capsys.readouterr().err


def test_no_pin_reaches_the_log_or_the_audit(station, out, monkeypatch):
    monkeypatch.setenv("CHECKPOINT_PIN", "864213")  # wrong
    assert run(station, "--pdf", str(out / "r.pdf")) == 2
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    assert run(station, "--pdf", str(out / "r.pdf")) == 0
    log = (station.paths.root / "logs" / "checkpoint.log").read_text(encoding="utf-8")
    assert "logged in" in log and "864213" not in log and SUPERVISOR_PIN not in log
    with station.session() as session:
        details = " ".join(e.detail + e.subject for e in session.exec(select(AuditEvent)))
    assert "failed_pins" in details and "864213" not in details and SUPERVISOR_PIN not in details


def test_end_to_end_in_a_subprocess_on_a_demo_register(tmp_path):
    """The installed command, a demo register (demo supervisor `demo`, PIN 246810), today."""
    data = tmp_path / "demo"
    assert cli.main(["demo-data", "--data-dir", str(data), "--entries", "500", "--days", "2"]) == 0
    today = dt.date.today().isoformat()
    pdf = tmp_path / "r.pdf"
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "report", "--data-dir", str(data), "--day", today,
                           "--pdf", str(pdf), "--operator", "demo", "--lang", "zh_CN"],
                          env={**ENV, "CHECKPOINT_PIN": "246810"}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"已写入：{pdf}" in done.stdout
    text = words(pdf)
    assert "日报" in " ".join(text) and "登记总数" in text
    done = subprocess.run([sys.executable, "-m", "checkpoint_app.cli", "report", "--data-dir", str(data), "--day", today,
                           "--pdf", str(tmp_path / "g.pdf"), "--operator", "guard"],
                          env={**ENV, "CHECKPOINT_PIN": "135790"}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Only a supervisor" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == "" and not (tmp_path / "g.pdf").exists()


@pytest.mark.parametrize("target", ["register.sqlite3", "register.sqlite3-wal", "audit-head.json", "logs/app.log",
                                    "elsewhere.db"])
def test_the_register_and_its_files_are_never_written_over(station, tmp_path, capsys, target):
    """`--pdf` naming the register (or any database, or the station's other files) is
    refused: the file is left exactly as it was."""
    root = station.paths.root
    path = root / target if target != "elsewhere.db" else tmp_path / target
    if target == "elsewhere.db":
        sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    path.parent.mkdir(exist_ok=True)
    path.touch()
    assert run(station, "--pdf", str(path)) == 2
    err = capsys.readouterr().err
    assert "is the station's register or one of its files" in err and "Traceback" not in err
    assert not path.read_bytes().startswith(b"%PDF")  # (the log-in itself writes the log and the audit head)
    assert not list(path.parent.glob(f".{path.name}.*.part"))
    assert not audit(station, "report_printed")
    assert station.register.today()  # the register still opens and reads


def test_without_lang_the_pdf_speaks_the_stations_language_not_the_shells(station, out, capsys, monkeypatch):
    """A Chinese station's report is Chinese even from an English (or C) shell; the
    command's own messages follow the shell."""
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    monkeypatch.setenv("LANG", "C.UTF-8")
    pdf = out / "r.pdf"
    assert run(station, "--pdf", str(pdf)) == 0
    assert "有情况上报" in words(pdf)
    from checkpoint_app.ui.display_prefs import DisplayPrefs

    assert DisplayPrefs(station.paths.root).save("en", False)  # the station switched its window to English
    assert run(station, "--pdf", str(pdf)) == 0
    assert "有情况上报" not in words(pdf) and "Daily" in words(pdf)
