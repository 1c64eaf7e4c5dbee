"""The command line on an encrypted register: --operator's PIN (asked once) unlocks it and
logs in; without --operator it says the register is encrypted; doctor checks the file
alone without a PIN and the contents with one; `recover` opens it with the escrow key
and gives an operator a new PIN; nothing printed names a person or shows a PIN."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from actors import CHEAP_HASHER, GUARD_NAME, GUARD_PIN, SUPERVISOR_NAME, SUPERVISOR_PIN
from batch_station import office_files
from stations import STATION

from checkpoint_app import cli
from checkpoint_app.paths import DataPaths

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.roles import Role

from checkpoint_app.services import context, encryption

NAME = "欧阳娜娜"


@pytest.fixture
def folder(tmp_path, monkeypatch, clock):
    """An encrypted station (supervisor, guard, one visitor, office and escrow keys), closed."""
    folder = tmp_path / "data"
    ctx = context.open_context(folder, clock=clock, pin_hasher=CHEAP_HASHER, encrypt=True)
    boss = ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    ctx.operators.create(boss, GUARD_NAME, Role.GUARD, GUARD_PIN)
    ctx.station.save(boss, STATION)
    ctx.register.save(boss, EntryDraft(category="visitor", name=NAME, id_number="11010519491231002X",
                                       phone="13912345678", origin_province="50", purpose="探亲", temperature="36.5"))
    office = office_files(tmp_path / "office")
    ctx.batches.import_office_key(boss, office.office_pub, "office")
    ctx.batches.import_office_key(boss, office.escrow_pub, "escrow")
    ctx.close()
    escrow_key = tmp_path / "office" / "escrow.key"
    escrow_key.write_bytes(office.escrow.seal("office passphrase"))
    real_open = context.open_context
    monkeypatch.setattr(context, "open_context", lambda f, **kw: real_open(f, clock=clock, pin_hasher=CHEAP_HASHER, **kw))
    monkeypatch.delenv("CHECKPOINT_PIN", raising=False)
    return SimpleNamespace(path=folder, escrow_key=escrow_key)


def test_a_command_unlocks_with_the_operators_pin_asked_once(folder, monkeypatch, capsys):
    asked = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or SUPERVISOR_PIN)
    assert cli.main(["ledger", "--data-dir", str(folder.path), "--operator", SUPERVISOR_NAME, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    assert "no batch has been written yet" in out and err == ""
    assert len(asked) == 1  # one PIN for the key and the login
    assert SUPERVISOR_PIN not in out + err and NAME not in out + err


def test_a_wrong_pin_or_a_guard_is_refused(folder, monkeypatch, capsys):
    monkeypatch.setenv("CHECKPOINT_PIN", "864209")
    assert cli.main(["ledger", "--data-dir", str(folder.path), "--operator", SUPERVISOR_NAME, "--lang", "en"]) == 2
    assert "Wrong PIN. 4 more tries" in capsys.readouterr().err
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)  # the guard's PIN opens the register, the role does the rest
    assert cli.main(["ledger", "--data-dir", str(folder.path), "--operator", GUARD_NAME, "--lang", "en"]) == 1
    assert "Only a supervisor" in capsys.readouterr().err
    assert cli.main(["ledger", "--data-dir", str(folder.path), "--operator", "无此人", "--lang", "en"]) == 2
    assert "No operator of that name" in capsys.readouterr().err


def test_doctor_checks_the_file_without_a_pin_and_the_contents_with_one(folder, monkeypatch, capsys):
    assert cli.main(["doctor", "--data-dir", str(folder.path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "The register is encrypted: only its file was checked" in out and "SQLite integrity check" not in out
    monkeypatch.setenv("CHECKPOINT_PIN", GUARD_PIN)
    assert cli.main(["doctor", "--data-dir", str(folder.path), "--operator", GUARD_NAME, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "SQLite integrity check: ok" in out and "encrypted" not in out and NAME not in out
    (folder.path / "register.keys").unlink()
    assert cli.main(["doctor", "--data-dir", str(folder.path), "--lang", "en"]) == 1
    assert "register.keys is missing" in capsys.readouterr().out


def test_recover_with_the_escrow_key_sets_a_new_pin(folder, monkeypatch, capsys):
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", "wrong passphrase")
    monkeypatch.setenv("CHECKPOINT_PIN", "482916")
    args = ["recover", "--data-dir", str(folder.path), "--escrow-key", str(folder.escrow_key), "--operator",
            SUPERVISOR_NAME, "--lang", "en"]
    assert cli.main(args) == 1
    assert "passphrase" in capsys.readouterr().err.lower()
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", "office passphrase")
    assert cli.main(args) == 0
    assert f"{SUPERVISOR_NAME} has a new PIN" in capsys.readouterr().out
    key = encryption.unlock_by_name(DataPaths(folder.path), SUPERVISOR_NAME, "482916",
                                    __import__("datetime").datetime.now().astimezone())
    ctx = context.open_context(folder.path, key=key)
    try:
        assert ctx.operators.login(SUPERVISOR_NAME, "482916").role is Role.SUPERVISOR
        with ctx.connect() as conn:
            assert conn.exec_driver_sql(
                "SELECT count(*) FROM audit_event WHERE action = 'pin_set' AND detail LIKE '%by_escrow%'").scalar_one() == 1
    finally:
        ctx.close()
    monkeypatch.setenv("CHECKPOINT_PIN", "123456")  # too easy: refused, nothing changed
    assert cli.main(args) == 1
    assert "too easy" in capsys.readouterr().err
