"""`checkpoint-app --self-test`: prove a build works, headless, on a throwaway data dir.

Migrations from empty, one registration through the real service layer, read back
through the register queries, then the main window built offscreen. With `--data-dir
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
        ctx = open_context(data_dir)
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
            step = "window"
            from PySide6.QtWidgets import QApplication

            from checkpoint_app.ui import i18n
            from checkpoint_app.ui.main_window import MainWindow

            app = QApplication.instance() or QApplication([])
            i18n.install(app, "zh_CN")
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
    print("self-test ok: migrations, operators, registration, read-back, window")
    return 0
