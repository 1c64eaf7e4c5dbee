"""`checkpoint-app --self-test`: prove a build works, headless, on a throwaway data dir.

Migrations from empty, one registration through the real service layer, read back
through the register queries, a tiny batch sealed and opened again (age through pyrage,
Ed25519 through PyNaCl (libsodium), the office key's passphrase; the office database
migrated and its PostgreSQL driver, pg8000, loaded when the office's code is there), then
the main window built offscreen. With `--data-dir
DIR` it then checks that folder's register too, read-only, as `checkpoint-cli doctor`
does (it never opens it with the app's engine, which would migrate or switch it to
WAL). Exit 0 if all is well; 1 if something failed (printed); 2 if DIR is a file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path


def run(check_dir: Path | None = None) -> int:
    from checkpoint_app import private_files
    from checkpoint_app.paths import not_a_folder

    private_files.restrict_umask()
    if check_dir is not None and not_a_folder(check_dir) is not None:
        print(f"self-test: {not_a_folder(check_dir)} is a file, not a folder: give --data-dir a folder", file=sys.stderr)
        return 2
    code = _build_check()
    if code == 0 and check_dir is not None:
        code = _register_check(check_dir)
    return code


def _register_check(check_dir: Path) -> int:
    from checkpoint_app.cli import report_lines
    from checkpoint_app.paths import DataPaths

    from checkpoint_app.services.doctor import examine

    from checkpoint_app.ui.catalogue import Catalogue, system_language

    report = examine(DataPaths(check_dir).database)
    for line in report_lines(report, Catalogue(system_language())):
        print(line)
    if not report.healthy:
        print(f"self-test FAILED: the register in {check_dir} has {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"self-test ok: the register in {check_dir} (read-only check)")
    return 0


def _build_check() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(tempfile.mkdtemp(prefix="checkpoint-selftest-"))
    step = "start"
    try:
        from checkpoint_app.core.entry import EntryDraft
        from checkpoint_app.core.listing import EntryFilter, SearchKind

        from checkpoint_app.db import migrations

        from checkpoint_app.services import demo
        from checkpoint_app.services.context import open_context
        from checkpoint_app.services.reader import RegisterReader

        step = "migrations"
        ctx = open_context(data_dir, encrypt=True)  # SQLCipher, as the desk opens it
        assert migrations.current_revision(ctx.db.engine) == migrations.head_revision()
        try:
            step = "operators"
            boss = ctx.operators.create_first_supervisor("自检负责人", "907142")
            assert ctx.operators.login("自检负责人", "907142").role is boss.role
            step = "station profile"
            ctx.station.save(boss, demo.DEMO_STATION)
            step = "registration"
            saved = ctx.register.save(boss, EntryDraft(
                category="visitor", name="自检", id_number="11010519491231002X", phone="13800138000",
                origin_province="50", purpose="self-test", temperature="36.6"))
            step = "read back"
            rows = RegisterReader(ctx).page(boss, EntryFilter(search_kind=SearchKind.NAME, search_text="自检"), None, 10)
            assert [r.id for r in rows] == [saved.id], rows
            assert ctx.register.known_person(boss, id_number="11010519491231002X").name == "自检"
            step = "region table"  # stdnum's cn/loc.dat, the one stdnum data file the bundle keeps
            from checkpoint_app.core.idcard import region_name

            assert region_name("420102") == "湖北省武汉市江岸区", region_name("420102")
            step = "encryption"
            _encryption_check(ctx)
            step = "batch"
            _batch_check(data_dir / "batch")
            step = "office database"
            _office_check(data_dir / "office.sqlite3")
            step = "window"
            from PySide6.QtWidgets import QApplication

            from checkpoint_app.ui import i18n
            from checkpoint_app.ui.main_window import MainWindow

            app = QApplication.instance() or QApplication([])
            i18n.install(app, "zh_CN")
            from checkpoint_app.ui.theme import app_icon

            assert not app_icon().isNull(), "the app icon (resources/icons)"
            window = MainWindow(ctx)
            window.set_actor(boss)
            window.show()
            app.processEvents()
            assert window.model.rowCount() == 1
            window.close()
        finally:
            ctx.close()
    except Exception as error:  # noqa: BLE001 - report any failure as a failed self-test
        print(f"self-test FAILED at {step}: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print("self-test ok: migrations, operators, registration, read-back, region table, encryption, batch, window")
    return 0


def _batch_check(folder: Path) -> None:
    """Seal a batch of one record to an office key (unsealed from its passphrase file) and
    open it again, signature first, as the office does: the bundle has pyrage (age),
    PyNaCl (libsodium: Ed25519) and their native libraries."""
    import datetime as dt

    from checkpoint_app.batch.keys import OfficeIdentity
    from checkpoint_app.batch.minisign import SigningKey
    from checkpoint_app.batch.sealed import SIGNATURE_SUFFIX, BatchName, open_batch, seal

    office = OfficeIdentity.unseal(OfficeIdentity.generate("self-test").seal("self-test"), "self-test")
    key = SigningKey.generate()
    day = dt.date(2020, 2, 13)
    name = BatchName("SELF-TEST", 1, day, day)
    manifest = {"format": "checkpoint-batch", "format_version": 1, "counts": {"audit": 1},
                "station": {"code": name.station, "key_id": key.key_id.hex()},
                "batch": {"uuid": "00000000-0000-4000-8000-000000000001", "number": 1}}
    records = [{"kind": "audit", "id": 1, "action": "self-test"}]
    batch = seal(name, manifest, records, [office.public().age_recipient], key)
    folder.mkdir()
    path = folder / batch.file_name
    path.write_bytes(batch.ciphertext)
    path.with_name(path.name + SIGNATURE_SUFFIX).write_text(batch.signature, encoding="utf-8")
    with open_batch(path, lambda code: key.public() if code == name.station else None, office.decryptor()) as opened:
        assert list(opened.payload.records()) == records


def _office_check(db: Path) -> None:
    """The office database (checkpoint-central) created and migrated from the bundled
    scripts, when the office's code is part of this build; and its PostgreSQL engine made
    (no server reached): SQLAlchemy's pg8000 dialect and pg8000 itself (pure Python, with
    scramp for the server's SCRAM login) load from the bundle."""
    import importlib.util

    if importlib.util.find_spec("checkpoint_app.central") is None:
        return
    import gzip

    import pg8000
    import scramp

    from checkpoint_app.central.database import make_engine, open_office
    from checkpoint_app.central.helper import Helper
    from checkpoint_app.central.importer import CHUNK, PASSAGE_FIELDS, PERSON_FIELDS

    open_office(db).dispose()
    engine = make_engine("postgresql://self-test@127.0.0.1:1/self-test")
    try:
        assert engine.dialect.driver == "pg8000" and engine.dialect.loaded_dbapi is pg8000, "the PostgreSQL driver"
        assert scramp.ScramClient is not None
    finally:
        engine.dispose()
    # the import's helper process starts from this program (multiprocessing in a bundle)
    helper = Helper(PASSAGE_FIELDS, PERSON_FIELDS, "sqlite", CHUNK)
    try:
        part = gzip.compress(b'{"kind":"audit","id":1}\n')
        chunks = list(helper.prepared("self-test", "records-0001.jsonl.gz", part))
        assert helper.started and [c.counts for c in chunks] == [{"audit": 1}], "the import's helper process"
    finally:
        helper.close()


def _encryption_check(ctx) -> None:
    """The register is encrypted (SQLCipher is in the bundle) and the PIN unwraps its key."""
    import datetime as dt

    from checkpoint_app.db import driver

    from checkpoint_app.services import encryption

    ctx.db.engine.dispose()  # the write-ahead log into the file
    assert driver.is_encrypted_header(ctx.paths.database.read_bytes()[:16]), "the register is not encrypted"
    for path in ctx.paths.root.glob("register.sqlite3*"):
        assert "自检".encode() not in path.read_bytes(), f"a name in plain text in {path.name}"
    key = encryption.unlock(ctx.paths, 1, "907142", dt.datetime.now().astimezone())
    assert key == ctx.db.key, "the PIN does not unwrap the register's key"
