"""The station's batch commands: `import-central-key`, `enrollment`, `export`, `ack`,
`ledger` for a supervisor (--operator, PIN from CHECKPOINT_PIN); exit 0 done, 1 refused or
failed (the reason on stderr), 2 bad arguments; nothing printed names a person."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN, guard, supervisor
from batch_station import batch_files, office_files

from checkpoint_app import cli
from checkpoint_app.batch.keys import Enrollment
from checkpoint_app.batch.sealed import ACKS, FOLDER, make_ack

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.services import context


@pytest.fixture
def station(ctx, clock, monkeypatch):
    guard(ctx)
    supervisor(ctx)
    ctx.register.save(guard(ctx), EntryDraft(category="visitor", name="李四", id_number="11010519491231002X",
                                             phone="13812345678", origin_province="50", purpose="探亲",
                                             temperature="36.5"))
    real_open = context.open_context
    monkeypatch.setattr(context, "open_context", lambda folder, **kw: real_open(folder, clock=clock, **kw))
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    return ctx


def run(ctx, command: str, *args: str, operator: str = SUPERVISOR_NAME, lang: str = "en") -> int:
    return cli.main([command, "--data-dir", str(ctx.paths.root), "--operator", operator, "--lang", lang, *args])


def test_the_whole_flow_from_the_command_line(station, tmp_path, capsys):
    office = office_files(tmp_path / "office")
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run(station, "export", "--to", str(stick)) == 1
    err = capsys.readouterr().err
    assert "No office key has been imported" in err and "import-central-key" in err and "escrow" in err
    assert run(station, "import-central-key", str(office.office_pub)) == 0
    out = capsys.readouterr().out
    assert office.office.public().fingerprint in out and "read it aloud" in out
    assert run(station, "import-central-key", str(office.office_pub), "--escrow") == 1  # the office's, not escrow
    assert "is the office key, not the escrow key" in capsys.readouterr().err
    assert run(station, "import-central-key", str(office.escrow_pub), "--escrow") == 0
    capsys.readouterr()
    assert run(station, "enrollment", "--to", str(tmp_path)) == 0
    out = capsys.readouterr().out
    enrollment = Enrollment.from_text((tmp_path / "enrollment-JB-TSP-01.json").read_text(encoding="utf-8"))
    assert enrollment.fingerprint in out
    assert run(station, "export", "--to", str(stick), "--close-today") == 0
    out, err = capsys.readouterr()
    (path,) = batch_files(stick)
    assert path.name in out and "the stick can be removed" in out and err == ""
    assert "李四" not in out and "13812345678" not in out
    assert run(station, "ledger") == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("000001") and path.name in line and line.endswith("not acknowledged")
    acks = stick / FOLDER / ACKS
    acks.mkdir()
    ledger = station.batches.ledger(supervisor(station))[0]
    name, body, signature = make_ack(office.office.name, office.office.signing, [
        {"station": "JB-TSP-01", "number": 1, "uuid": ledger.uuid, "sha256": ledger.sha256,
         "imported_at": "2026-11-30T01:00:00Z"}], dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc))
    (acks / name).write_bytes(body)
    (acks / (name + ".minisig")).write_text(signature, encoding="utf-8")
    assert run(station, "ack", "--from", str(stick)) == 0
    assert capsys.readouterr().out.splitlines() == ["acknowledged now: 1", "not yet acknowledged: -"]
    assert run(station, "ledger") == 0
    assert capsys.readouterr().out.strip().endswith(" acknowledged")


def test_bad_arguments_and_refusals(station, tmp_path, capsys, monkeypatch):
    assert run(station, "import-central-key", str(tmp_path / "missing.pub")) == 2
    assert "is not a file" in capsys.readouterr().err
    assert run(station, "export", "--to", str(tmp_path / "no-such-stick")) == 2
    assert "is not a folder" in capsys.readouterr().err
    assert cli.main(["ledger", "--data-dir", str(tmp_path / "empty"), "--operator", SUPERVISOR_NAME,
                     "--lang", "en"]) == 2
    assert "there is no register" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)
    assert run(station, "ledger", operator=GUARD_NAME) == 1
    assert "Only a supervisor" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_PIN", "000000")
    assert run(station, "ledger") == 2
    not_a_key = tmp_path / "not.pub"
    not_a_key.write_text("hello", encoding="utf-8")
    monkeypatch.setenv("CHECKPOINT_PIN", SUPERVISOR_PIN)
    capsys.readouterr()
    assert run(station, "import-central-key", str(not_a_key)) == 1
    assert "not a key file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        cli.main(["export", "--data-dir", str(station.paths.root), "--operator", SUPERVISOR_NAME])
    assert usage.value.code == 2  # --to is required


def test_messages_in_chinese(station, tmp_path, capsys):
    office = office_files(tmp_path / "office")
    assert run(station, "import-central-key", str(office.office_pub), lang="zh_CN") == 0
    out = capsys.readouterr().out
    assert "指纹" in out and office.office.public().fingerprint in out
    stick = tmp_path / "stick"
    stick.mkdir()
    assert run(station, "export", "--to", str(stick), lang="zh_CN") == 1
    assert "托管" in capsys.readouterr().err
