"""Start-up reference (information only): a bare PySide6 window that also imports SQLModel
(SQLAlchemy + pydantic), opens an SQLite engine and runs one query: the floor the app's
stack sets before any app code runs. Prints "SHOWN <epoch seconds>" like start_bare.py."""

import sys
import time

from proc_rss import vm_hwm_mb


def main() -> int:
    from sqlmodel import Session, create_engine, text

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{sys.argv[1]}")
    with Session(engine) as session:
        session.exec(text("SELECT count(*) FROM sqlite_master")).one()
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def ready() -> None:
        app.processEvents()
        print(f"SHOWN {time.time():.6f} ok={window.isVisible()} rss_mb={vm_hwm_mb():.1f}", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
