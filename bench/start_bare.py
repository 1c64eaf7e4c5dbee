"""Start-up reference: a bare PySide6 window (QApplication + an empty QMainWindow at the
app's size). Prints "SHOWN <epoch seconds>" once the window is shown and the first event
loop pass (expose, paint) is done, then exits. Run by bench/startup.py."""

import sys
import time

from proc_rss import vm_hwm_mb

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def ready() -> None:
        app.processEvents()
        rss = vm_hwm_mb()
        print(f"SHOWN {time.time():.6f} ok={window.isVisible()} rss_mb={rss:.1f}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
