"""`checkpoint-cli central …` end to end (in process): keygen, enroll, import, ack, gaps,
report; exit 0 done, 1 refused or failed (the reason on stderr), 2 bad arguments."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from batches import FakeStation, Office, write

from checkpoint_app import cli
from checkpoint_app.batch import sealed
from checkpoint_app.batch.keys import ESCROW
from checkpoint_app.central.service import load_identity

DAY = dt.date(2020, 2, 13)
PASSPHRASE = "测试 passphrase"


def run(*args: str) -> int:
    return cli.main(["central", *args])


@pytest.fixture(scope="module")
def made_keys(tmp_path_factory):
    """The office and escrow keys, made once for the module (sealing with scrypt takes seconds)."""
    from checkpoint_app.central.service import keygen

    folder = tmp_path_factory.mktemp("keys")
    key, _pub = keygen(folder / "office", "测试区指挥部", PASSPHRASE)
    escrow_key, _escrow_pub = keygen(folder / "escrow", "备份", PASSPHRASE, ESCROW)
    return key, escrow_key, Office(load_identity(key, PASSPHRASE), load_identity(escrow_key, PASSPHRASE))


@pytest.fixture
def keys(made_keys, monkeypatch):
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", PASSPHRASE)
    key, _escrow_key, office = made_keys
    return key, office


def test_keygen_prints_the_fingerprint_and_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", PASSPHRASE)
    assert run("keygen", "--out", str(tmp_path), "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "office.key" in out and "fingerprint: " in out
    assert stat.S_IMODE((tmp_path / "office.key").stat().st_mode) == 0o600
    assert run("keygen", "--out", str(tmp_path), "--lang", "en") == 1
    assert "already exists" in capsys.readouterr().err


def test_keygen_refuses_a_name_of_two_lines(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", PASSPHRASE)
    assert run("keygen", "--out", str(tmp_path), "--name", "区\n# x", "--lang", "en") != 0
    assert "one line" in capsys.readouterr().err and list(tmp_path.iterdir()) == []


def test_keygen_without_a_passphrase_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", "")
    assert run("keygen", "--out", str(tmp_path), "--lang", "en") == 2
    assert not (tmp_path / "office.key").exists()


def test_the_whole_office_flow(keys, tmp_path, capsys):
    key_file, office = keys
    db = str(tmp_path / "office.sqlite3")
    station = FakeStation("JB-TSP-01", name="花山一号卡口")
    enrollment = station.write_enrollment(tmp_path)
    assert run("enroll", "--db", db, str(enrollment), "--active-from", "2020-02-01", "--lang", "en") == 0
    assert "enrolled JB-TSP-01" in capsys.readouterr().out
    stick = tmp_path / "stick"
    entry = station.passage(DAY)
    write(station.seal([entry, station.day(DAY)], DAY, recipients=office.recipients), stick)
    changed = dict(entry, passage=dict(entry["passage"], notes="不同"))
    write(station.seal([changed, station.day(DAY + dt.timedelta(days=2), zero=True)], DAY + dt.timedelta(days=2),
                       recipients=office.recipients), stick)
    (stick / sealed.FOLDER / "CKB_JB-TSP-01_000003_20200216-20200216.age.partial").write_bytes(b"half")

    assert run("import", "--db", db, "--identity", str(key_file), str(stick), "--lang", "en") == 0
    out = capsys.readouterr().out
    assert "imported CKB_JB-TSP-01_000001_20200213-20200213.age: 2 records" in out
    assert "1 records arrived again with other content" in out
    assert run("import", "--db", db, "--identity", str(key_file), str(stick), "--lang", "en") == 0
    assert out.count("imported") == 2 and "nothing changed" in capsys.readouterr().out

    assert run("ack", "--db", db, "--identity", str(key_file), "--to", str(stick), "--lang", "en") == 0
    [ack] = (stick / sealed.FOLDER / sealed.ACKS).glob("*.json")
    assert [b["number"] for b in sealed.read_ack(ack, [office.identity.signing.public()])["batches"]] == [1, 2]

    assert run("gaps", "--db", db, "--today", "2020-02-16", "--lang", "en") == 0
    gaps = capsys.readouterr().out
    assert "days without a report 2020-02-01..2020-02-12, 2020-02-14" in gaps

    xlsx, pdf = tmp_path / "d.xlsx", tmp_path / "d.pdf"
    assert run("report", "--db", db, "--day", "2020-02-13", "--xlsx", str(xlsx), "--pdf", str(pdf),
               "--deadline", "2099-01-01 10:00", "--lang", "en") == 0
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    assert "All sub-districts\t1\t1\t0\t1\t0\t0" in capsys.readouterr().out


def test_the_pdf_names_the_missing_post(keys, tmp_path, capsys):
    from pypdf import PdfReader

    db = str(tmp_path / "office.sqlite3")
    station = FakeStation("ZL-01", name="左岭一号卡口", district="左岭街道")
    assert run("enroll", "--db", db, str(station.write_enrollment(tmp_path)), "--active-from", "2020-02-01",
               "--lang", "zh_CN") == 0
    pdf = tmp_path / "d.pdf"
    assert run("report", "--db", db, "--day", "2020-02-13", "--pdf", str(pdf), "--lang", "en") == 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "左岭一号卡口" in text and "左岭街道" in text


def test_rejected_batches_exit_1_with_the_reason(keys, tmp_path, capsys):
    key_file, office = keys
    db = str(tmp_path / "office.sqlite3")
    stranger = FakeStation("XX-999")
    path = write(stranger.seal([stranger.passage(DAY)], DAY, recipients=office.recipients), tmp_path / "stick")
    assert run("import", "--db", db, "--identity", str(key_file), str(path), "--lang", "en") == 1
    assert "station XX-999 is not enrolled here" in capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["import", "--db", "{db}", "--identity", "{tmp}/nokey", "{tmp}"],
    ["import", "--db", "{db}", "--identity", "{key}", "{tmp}/nowhere"],
    ["enroll", "--db", "{db}", "{tmp}/missing.json"],
    ["report", "--db", "{db}", "--day", "2020-13-01"],
    ["report", "--db", "{db}", "--day", "2020-02-13", "--deadline", "tomorrow"],
    ["gaps", "--db", "postgresql+pg8000://nobody:secret@127.0.0.1:1/none"],
    ["gaps", "--db", "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"],  # the old driver's name: pg8000 too
    ["gaps", "--db", "postgresql://nobody:secret@127.0.0.1:1/none?gssencmode=disable"],  # an option pg8000 lacks
    ["gaps", "--db", "{tmp}"],
    ["gaps"],
])
def test_bad_arguments_exit_2(keys, tmp_path, capsys, args):
    key_file, _office = keys
    filled = [a.format(db=tmp_path / "o.sqlite3", tmp=tmp_path, key=key_file) for a in args]
    try:
        code = run(*filled, "--lang", "en")
    except SystemExit as stopped:  # argparse's own errors
        code = stopped.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err and "secret" not in err


def test_a_wrong_passphrase_is_refused(keys, tmp_path, monkeypatch, capsys):
    key_file, _office = keys
    monkeypatch.setenv("CHECKPOINT_CENTRAL_PASSPHRASE", "wrong")
    assert run("import", "--db", str(tmp_path / "o.sqlite3"), "--identity", str(key_file), str(tmp_path),
               "--lang", "en") == 1
    assert "passphrase is wrong" in capsys.readouterr().err


def test_the_escrow_key_opens_the_batches_too(keys, made_keys, tmp_path, capsys):
    _key_file, office = keys
    db = str(tmp_path / "office.sqlite3")
    station = FakeStation("JB-TSP-01")
    assert run("enroll", "--db", db, str(station.write_enrollment(tmp_path)), "--lang", "en") == 0
    path = write(station.seal([station.passage(DAY)], DAY, recipients=office.recipients), tmp_path / "stick")
    escrow_key = made_keys[1]
    assert office.escrow.role == ESCROW
    assert run("import", "--db", db, "--identity", str(escrow_key), str(path), "--lang", "en") == 0
