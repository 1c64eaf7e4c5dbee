"""Start-up of the real app: `checkpoint_app.app.main(["--data-dir", DIR])`, the same code
path as `checkpoint-app --data-dir DIR` (logs, translations, single-instance lock,
open_context with its migration check, theme, MainWindow, show). The only addition is a
zero-delay timer that fires when the app's event loop starts (the window is shown by
then): it finishes the pending events (expose, paint) and prints "SHOWN <epoch seconds>";
and a wrapper around the app's `_open_station` (the step that loads the storage layer,
opens the database and fills the window) that prints "READY <epoch seconds>" once the
register's first page and counts are painted, then quits the app normally. The QApplication is created here first (the app takes
`QApplication.instance()`), only so the timer can be set. Run by bench/startup.py."""

import sys
import time


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries the parent's
    ru_maxrss across fork + exec, so a child would report the benchmark's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    data_dir = sys.argv[1]
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])

    def ready() -> None:
        app.processEvents()
        shown = [w for w in app.topLevelWidgets() if w.objectName() == "main_window" and w.isVisible()]
        rss = peak_rss_mb()
        print(f"SHOWN {time.time():.6f} ok={bool(shown)} rss_mb={rss:.1f}", flush=True)

    QTimer.singleShot(0, ready)
    from checkpoint_app import app as entry

    open_station = entry._open_station

    def open_then_report(qapp, window, *args):
        open_station(qapp, window, *args)
        qapp.processEvents()
        rows = window.model.rowCount()
        print(f"READY {time.time():.6f} ok={rows > 0} rows={rows} rss_mb={peak_rss_mb():.1f}", flush=True)
        qapp.quit()

    entry._open_station = open_then_report

    return entry.main(["--data-dir", data_dir])


if __name__ == "__main__":
    sys.exit(main())
