"""The office's keys, enrollment and acknowledgement (issue 9 items 4 and 5), and the office
database itself: its own migrations and MetaData, and the PostgreSQL tests' rule."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys

import pytest
from batches import FakeStation, office_keys, write
from sqlalchemy import inspect
from sqlmodel import SQLModel

from checkpoint_app.batch import sealed
from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import ESCROW, OfficeIdentity, OfficePublic
from checkpoint_app.central import database
from checkpoint_app.central.models import OFFICE_METADATA, OFFICE_TABLES
from checkpoint_app.central.problems import OfficeRefused
from checkpoint_app.central.service import ENROLLED, REPLACED, UNCHANGED, keygen, load_identity

DAY = dt.date(2020, 2, 13)


def test_keygen_writes_a_sealed_private_key_and_its_public_key(tmp_path):
    key, pub = keygen(tmp_path / "keys", "测试区指挥部", "correct horse")
    assert (key.name, pub.name) == ("office.key", "office.pub")
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert key.read_bytes().startswith(b"age-encryption.org/v1")  # passphrase-sealed
    identity = load_identity(key, "correct horse")
    public = OfficePublic.from_text(pub.read_text(encoding="utf-8"))
    assert identity.name == "测试区指挥部" and public == identity.public() and public.signing is not None
    with pytest.raises(BatchRejected) as wrong:
        load_identity(key, "wrong")
    assert wrong.value.reason == "bad_passphrase"


def test_keygen_makes_the_escrow_pair_and_never_overwrites(tmp_path):
    key, pub = keygen(tmp_path, "备份", "pass", ESCROW)
    assert (key.name, pub.name) == ("escrow.key", "escrow.pub")
    assert OfficePublic.from_text(pub.read_text(encoding="utf-8")).role == ESCROW
    before = key.read_bytes()
    with pytest.raises(OfficeRefused) as exists:
        keygen(tmp_path, "备份", "other", ESCROW)
    assert exists.value.reason == "key_exists" and key.read_bytes() == before


@pytest.mark.parametrize("name", ["", "   ", "区防控办\n# fingerprint: 0000", "a\rb", "tab\there", "x" * 61,
                                  "line\u2028break", "zero\u200bwidth"])
def test_keygen_refuses_a_name_that_is_not_one_printable_line(tmp_path, name):
    """The name goes on a comment line of office.key and office.pub: a newline would forge
    the lines after it."""
    with pytest.raises(OfficeRefused) as refused:
        keygen(tmp_path, name, "pass")
    assert refused.value.reason == "bad_office_name" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["武汉市江岸区疫情防控指挥部", "x" * 60, "  JB district office  "])
def test_keygen_takes_a_name_of_one_line(tmp_path, name):
    _key, pub = keygen(tmp_path, name, "pass")
    assert OfficePublic.from_text(pub.read_text(encoding="utf-8")).name == name.strip()


def test_enrolling_the_same_key_again_changes_nothing_and_another_key_needs_replace(office, tmp_path):
    station = FakeStation("JB-TSP-01")
    path = station.write_enrollment(tmp_path)
    first = office.enroll(path)
    assert first.status == ENROLLED and first.station.fingerprint == station.enrollment().fingerprint
    assert office.enroll(path).status == UNCHANGED
    assert len(office.stations()) == 1
    new_key = FakeStation("JB-TSP-01")
    other = tmp_path / "new"
    other.mkdir()
    with pytest.raises(OfficeRefused) as refused:
        office.enroll(new_key.write_enrollment(other))
    assert refused.value.reason == "key_differs" and first.station.fingerprint in refused.value.problem.english()
    assert office.stations()[0].key_id == station.key.key_id.hex()
    assert office.enroll(new_key.write_enrollment(other), replace=True).status == REPLACED
    assert office.stations()[0].key_id == new_key.key.key_id.hex()


def test_an_enrollment_file_that_is_not_one_is_refused(office, tmp_path):
    path = tmp_path / "enrollment.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(BatchRejected) as refused:
        office.enroll(path)
    assert refused.value.reason == "bad_key_file" and office.stations() == []


def test_the_acknowledgement_lists_the_batches_on_the_stick_and_verifies(office, tmp_path, stick):
    station = FakeStation("JB-TSP-01")
    office.enroll(station.write_enrollment(tmp_path))
    elsewhere = FakeStation("JB-TSP-02")
    office.enroll(elsewhere.write_enrollment(tmp_path))
    paths = [write(station.seal([station.passage(DAY)], DAY), stick) for _ in range(2)]
    other_stick = tmp_path / "other"
    office.import_paths([*paths, write(elsewhere.seal([elsewhere.day(DAY)], DAY), other_stick)], office_keys().identity)
    ack_path = office.write_ack(stick, office_keys().identity)
    assert ack_path.parent == stick / sealed.FOLDER / sealed.ACKS
    assert not list(ack_path.parent.glob("*.partial"))
    ack = sealed.read_ack(ack_path, [office_keys().identity.signing.public()])
    assert [(b["station"], b["number"], b["sha256"]) for b in ack["batches"]] == [
        ("JB-TSP-01", 1, station.sealed_batches[0].sha256), ("JB-TSP-01", 2, station.sealed_batches[1].sha256)]
    assert {b["uuid"] for b in ack["batches"]} == {b.uuid for b in office.batches("JB-TSP-01")}
    with pytest.raises(BatchRejected):  # another office's key does not verify it
        sealed.read_ack(ack_path, [OfficeIdentity.generate("x").signing.public()])


def test_the_office_tables_are_on_their_own_metadata_and_migrated(office_db):
    assert not set(OFFICE_TABLES) & set(SQLModel.metadata.tables)
    assert set(OFFICE_METADATA.tables) == set(OFFICE_TABLES)
    engine = database.open_office(office_db)
    try:
        names = set(inspect(engine).get_table_names())
        assert set(OFFICE_TABLES) | {database.VERSION_TABLE} <= names
        assert database.migrate(engine) == database.head_revision()  # opening again changes nothing
    finally:
        engine.dispose()


def test_a_station_register_is_not_taken_for_an_office_database(template_db, tmp_path):
    import shutil

    copy = tmp_path / "register.sqlite3"
    shutil.copy(template_db, copy)
    with pytest.raises(database.OfficeDatabaseError) as refused:
        database.open_office(str(copy))
    assert "not an office database" in refused.value.what


def test_the_migrations_match_the_models(office_db):
    """Autogenerate finds nothing to do: the migration and the tables say the same."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = database.open_office(office_db)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), OFFICE_METADATA)
    finally:
        engine.dispose()
    assert [d for d in diff if d[0] != "remove_table"] == []


def test_postgresql_tests_fail_instead_of_skipping_in_ci(tmp_path):
    test = tmp_path / "test_pg_rule.py"
    test.write_text("def test_it(office_db):\n    pass\n", encoding="utf-8")
    conftest = tmp_path / "conftest.py"
    conftest.write_text("from central_conftest import *  # noqa\n", encoding="utf-8")
    (tmp_path / "central_conftest.py").write_text(
        (__import__("pathlib").Path(__file__).parent / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k not in ("CHECKPOINT_TEST_PG_URL",)}
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", str(test),
           "-k", "postgresql", "--rootdir", str(tmp_path), "-c", "/dev/null"]
    skipped = subprocess.run(run, capture_output=True, text=True, env=dict(env, CHECKPOINT_TEST_REQUIRE_TOOLS="0"),
                             cwd=tmp_path)
    assert "1 skipped" in skipped.stdout and ".ci/postgres.sh" in skipped.stdout
    failed = subprocess.run(run, capture_output=True, text=True, env=dict(env, CHECKPOINT_TEST_REQUIRE_TOOLS="1"),
                            cwd=tmp_path)
    assert failed.returncode != 0 and "CHECKPOINT_TEST_REQUIRE_TOOLS=1" in failed.stdout
