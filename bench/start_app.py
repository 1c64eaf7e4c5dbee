"""Start-up of the real app: `checkpoint_app.app.main(["--data-dir", DIR])`, the same code
path as `checkpoint-app --data-dir DIR` (logs, translations, single-instance lock, theme,
the window shown, then the storage layer loaded, the database opened and migrated, the
window filled). The only addition wraps the app's `_open_station`, which runs in the first
turn of the event loop after the window is shown: it paints pending events and prints
"SHOWN <epoch seconds>" (first window on screen: the frame), runs the real step, printing
"FORM <epoch seconds>" once the form and register are painted (still disabled), and
"READY <epoch seconds>" (register's first page and counts on screen), then quits
the app normally. Run by bench/startup.py."""

import sys
import time

from proc_rss import vm_hwm_mb


def _unlock_as_demo(dialog) -> int:
    """The unlock dialog answered as the demo supervisor would: name chosen, PIN typed."""
    from checkpoint_app.core.masking import mask_name

    combo = dialog.name_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith(mask_name("demo"))))
    dialog.pin_edit.setText("246810")
    dialog.log_in()
    return dialog.result()


def main() -> int:
    data_dir = sys.argv[1]
    plain = "--plain" in sys.argv[2:]  # the bench's "encryption off" side: the register is left plain
    from PySide6.QtWidgets import QApplication

    QApplication(sys.argv[:1])  # created first, as a desktop launcher would
    from checkpoint_app import app as entry

    open_station = entry._open_station

    from checkpoint_app.ui.main_window import MainWindow

    build_contents = MainWindow.build_contents

    def build_then_report(window):
        first = window.form is None
        build_contents(window)
        if first:
            QApplication.processEvents()
            print(f"FORM {time.time():.6f} ok={window.form.isVisible()}", flush=True)

    MainWindow.build_contents = build_then_report

    def open_then_report(qapp, window, *args):
        # the app's first event-loop turn: the window has been shown; paint it, then report
        qapp.processEvents()
        print(f"SHOWN {time.time():.6f} ok={window.isVisible()} rss_mb={vm_hwm_mb():.1f}", flush=True)
        # the login dialog answered as the demo supervisor would (the PIN check stays in);
        # imported only now, as the app does, so the storage layer loads after the window
        from checkpoint_app.ui import login_dialog

        login_dialog.ask_login = lambda operators, parent=None: operators.login("demo", "246810")
        login_dialog.UnlockDialog.exec = _unlock_as_demo  # an encrypted register: the PIN unwraps its key
        if plain:
            from checkpoint_app.services import encryption

            encryption.prepare = lambda paths, encrypt: (None, False)
        from checkpoint_app.ui import shift_dialogs  # the offer to start a shift waits for a person: declined

        shift_dialogs.offer_shift = lambda window: None
        open_station(qapp, window, *args)
        qapp.processEvents()
        rows = window.model.rowCount()
        print(f"READY {time.time():.6f} ok={rows > 0} rows={rows} rss_mb={vm_hwm_mb():.1f}", flush=True)
        qapp.quit()

    entry._open_station = open_then_report

    return entry.main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main())
