"""The reference for the bundle comparison (issue 10 item 6): a bare PySide6 window that
imports SQLModel, opens an SQLite engine and runs one query, then stays open, bundled the
same way as the app (bare.spec). Its first window is timed from outside (bundle_compare.py)."""

import sys
import tempfile
from pathlib import Path


def main() -> int:
    from sqlmodel import Session, create_engine, text

    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{Path(tempfile.gettempdir()) / 'bare-bundle.sqlite3'}")
    with Session(engine) as session:
        session.exec(text("SELECT count(*) FROM sqlite_master")).one()
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1366, 740)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
