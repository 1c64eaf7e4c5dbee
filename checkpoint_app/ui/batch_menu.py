"""The Station menu's batch actions (issue 9), declared in one place: export to a USB
stick, the ledger of batches, the office's keys, the enrollment file, the retention purge that
follows the office's acknowledgements, and a backup (issue 10). Each dialog loads
when first opened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow


def actions(window: MainWindow) -> list[QAction]:
    def export() -> None:
        from checkpoint_app.ui.batch_export import open_export

        open_export(window)

    def ledger() -> None:
        from checkpoint_app.ui.batch_ledger import open_ledger

        open_ledger(window)

    def keys() -> None:
        from checkpoint_app.ui.batch_keys import open_office_keys

        open_office_keys(window)

    def purge() -> None:
        from checkpoint_app.ui.retention import purge_now

        purge_now(window)

    def backup() -> None:
        from checkpoint_app.ui.backups import back_up_now

        back_up_now(window)

    def enrollment() -> None:
        from checkpoint_app.ui.batch_keys import write_enrollment

        write_enrollment(window)

    export_action = QAction(translate("MainWindow", "Export batch (USB)…"), window, objectName="export_batch_action",
                            triggered=export)
    # not Ctrl+E: a line edit on X11 takes it (end of line), and the form always has the focus
    export_action.setShortcuts([QKeySequence("Ctrl+Shift+E")])
    return [
        export_action,
        QAction(translate("MainWindow", "Batches ledger…"), window, objectName="batch_ledger_action", triggered=ledger),
        QAction(translate("MainWindow", "Office keys…"), window, objectName="office_keys_action", triggered=keys),
        QAction(translate("MainWindow", "Enrollment file…"), window, objectName="enrollment_action",
                triggered=enrollment),
        QAction(translate("MainWindow", "Erase old people's data now…"), window, objectName="purge_action",
                triggered=purge),
        QAction(translate("MainWindow", "Back up now…"), window, objectName="backup_action", triggered=backup),
    ]
