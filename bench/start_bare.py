"""Start-up reference: a bare PySide6 window (QApplication + an empty QMainWindow at the
app's size). Prints "SHOWN <epoch seconds>" once the window is shown and the first event
loop pass (expose, paint) is done, then exits. Run by bench/startup.py."""

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries the parent's
    ru_maxrss across fork + exec, so a child would report the benchmark's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def ready() -> None:
        app.processEvents()
        rss = peak_rss_mb()
        print(f"SHOWN {time.time():.6f} ok={window.isVisible()} rss_mb={rss:.1f}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
