"""`checkpoint-app --self-test`: prove a build works, headless, on a throwaway data dir.

Migrations from empty, one registration through the real service layer, read back
through the register queries, then the main window built offscreen. Exit 0 if all
is well; otherwise print what failed and exit 1.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    data_dir = Path(tempfile.mkdtemp(prefix="checkpoint-selftest-"))
    step = "start"
    try:
        from checkpoint_app.core.entry import EntryDraft
        from checkpoint_app.db import migrations
        from checkpoint_app.core.listing import EntryFilter, SearchKind
        from checkpoint_app.services import demo
        from checkpoint_app.services.context import open_context
        from checkpoint_app.services.reader import RegisterReader

        step = "migrations"
        ctx = open_context(data_dir)
        assert migrations.current_revision(ctx.db.engine) == migrations.head_revision()
        try:
            step = "station profile"
            ctx.station.save(demo.DEMO_STATION)
            step = "registration"
            saved = ctx.register.save(EntryDraft(
                category="visitor", name="自检", id_number="11010519491231002X", phone="13800138000",
                origin_province="50", purpose="self-test", temperature="36.6"), operator="self-test")
            step = "read back"
            rows = RegisterReader(ctx).page(EntryFilter(search_kind=SearchKind.NAME, search_text="自检"), None, 10)
            assert [r.id for r in rows] == [saved.id], rows
            assert ctx.register.known_person(id_number="11010519491231002X").name == "自检"
            step = "window"
            from PySide6.QtWidgets import QApplication

            from checkpoint_app.ui import i18n
            from checkpoint_app.ui.main_window import MainWindow

            app = QApplication.instance() or QApplication([])
            i18n.install(app, "zh_CN")
            window = MainWindow(ctx)
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
    print("self-test ok: migrations, registration, read-back, window")
    return 0
