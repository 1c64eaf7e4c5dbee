"""`checkpoint-central`: the district office's window (区疫情防控办) over the office database.

    checkpoint-central [--db PATH_OR_URL] [--identity office.key] [--lang zh_CN|en]

`--db` is a file (SQLite, created and migrated when new) or a SQLAlchemy URL
(postgresql+pg8000://…), as for `checkpoint-cli central`; the default is office.sqlite3
in the per-user data folder of "checkpoint-central". The office identity (office.key) is
unlocked with its passphrase at start (ui/central_unlock.py): without it nothing can be
imported or acknowledged, so the window does not open without it. The passphrase is
never logged, stored or passed on the command line."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

log = logging.getLogger("checkpoint.central")

APP_NAME = "checkpoint-central"
EXIT_FAILED = 1
EXIT_USAGE = 2


def default_db() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "office.sqlite3"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="Checkpoint batches: the district office (区疫情防控办)")
    parser.add_argument("--db", default=None, help="office database: a file (SQLite) or a SQLAlchemy URL "
                                                   "(postgresql+pg8000://…); default: office.sqlite3 in the user's "
                                                   "data folder")
    parser.add_argument("--identity", type=Path, default=None, help="the office key (office.key); asked when left out")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default="zh_CN", help="interface language (default zh_CN)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from checkpoint_app import private_files

    private_files.restrict_umask()
    args = build_parser().parse_args(argv)
    db = args.db or str(default_db())
    from PySide6.QtWidgets import QApplication

    from checkpoint_app.ui import i18n, theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Checkpoint Central")
    translators = i18n.install(app, args.lang)
    start_logging(db)
    try:
        theme.apply(app, False)
        app.setWindowIcon(theme.app_icon())
        window = open_window(db, args.identity)
        if window is None:
            return EXIT_FAILED
        window.show()
        return app.exec()
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def start_logging(db: str) -> Path | None:
    """The office's log (logs/checkpoint.log beside an SQLite database, else in the user's
    data folder; scrubbed as the station's: no names, no passphrase) and the crash hook
    that shows a bug instead of dying silently. The log file, or None (then stderr)."""
    from checkpoint_app import logs
    from checkpoint_app.app import _crash_hook
    from checkpoint_app.paths import DataPaths

    paths = DataPaths(Path(db).parent if "://" not in db else default_db().parent)
    sys.excepthook = _crash_hook(paths)
    try:
        paths.ensure()
        logs.setup(paths.log_file)
    except OSError:
        logs.setup_stderr()
        return None
    log.info("office window started")
    return paths.log_file


def open_window(db: str, identity_path: Path | None):
    """Open the office database and unlock the identity: the window, or None after
    saying why not (on stderr and in a dialog)."""
    from checkpoint_app.central.database import OfficeDatabaseError
    from checkpoint_app.central.service import OfficeService

    from checkpoint_app.ui import ask
    from checkpoint_app.ui.central_unlock import unlock
    from checkpoint_app.ui.central_window import CentralWindow
    from checkpoint_app.ui.i18n import translate

    title = translate("CentralWindow", "The office database cannot be opened")
    try:
        if "://" not in db:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        office = OfficeService.open(db)
    except (OfficeDatabaseError, OSError) as error:
        reason = getattr(error, "what", None) or getattr(error, "strerror", None) or type(error).__name__
        text = translate("CentralWindow", "{db}: {reason}").format(db=_shown(db), reason=reason)
        print(text, file=sys.stderr)
        ask.error(None, title, text)
        return None
    identity = unlock(None, identity_path)
    if identity is None:
        office.close()
        return None
    window = CentralWindow(office, identity)
    window.destroyed.connect(lambda *_: office.close())
    return window


def _shown(db: str) -> str:
    """The database as it may be shown: a URL without its password."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL: show its scheme only
        return db.split("://", 1)[0] + "://…"


if __name__ == "__main__":
    sys.exit(main())
