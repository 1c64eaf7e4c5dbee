"""`checkpoint-app` (and `python -m checkpoint_app`): the desk application."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from checkpoint_app import logs
from checkpoint_app.paths import DataPaths, default_data_dir, not_a_folder

log = logging.getLogger("checkpoint.app")

EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_ALREADY_RUNNING = 3
EXIT_STORAGE = 4

DEMO_ENTRIES = 9000  # 30 days of a busy gate: about 300 a day


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="checkpoint-app", description="Checkpoint Register (卡口登记)")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="station data directory (database, settings, logs); default: %(default)s")
    parser.add_argument("--demo", action="store_true", help="run on a throwaway data directory with 30 days of synthetic entries")
    parser.add_argument("--lang", choices=("zh_CN", "en"), default=None, help="interface language (default: the setting, zh_CN)")
    parser.add_argument("--self-test", action="store_true", help="headless check of storage, services and window; exit 0 when all is well")
    return parser


def main(argv: list[str] | None = None) -> int:
    from checkpoint_app import private_files

    private_files.restrict_umask()  # every file the app creates is 0600, every folder 0700
    args = build_parser().parse_args(argv)
    if args.self_test:
        from checkpoint_app.selftest import run

        return run(args.data_dir)
    if args.demo and args.data_dir:
        build_parser().error("--demo makes its own throwaway data directory: leave out --data-dir")
    if not args.demo:
        return _run_gui(args.data_dir or default_data_dir(), args.lang, demo=False)
    import shutil
    import tempfile

    throwaway = Path(tempfile.mkdtemp(prefix="checkpoint-demo-"))
    try:
        return _run_gui(throwaway, args.lang, demo=True)
    finally:
        shutil.rmtree(throwaway, ignore_errors=True)


def _run_gui(data_dir: Path, language: str | None, demo: bool) -> int:
    """Show the window first, then fill it and open the station's database behind it.

    Only Qt and a few light modules load before the window frame is on screen; the form
    and register are built, and SQLAlchemy, SQLModel and the migrations load, in the
    first turn of the event loop.
    """
    from PySide6.QtCore import QLockFile, QTimer
    from PySide6.QtWidgets import QApplication

    from checkpoint_app.ui import ask, i18n, theme
    from checkpoint_app.ui.display_prefs import DisplayPrefs

    paths = DataPaths(data_dir)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Checkpoint Register")
    prefs = DisplayPrefs(paths.root)
    translators = i18n.install(app, language or prefs.language)

    def refuse(title: str, text: str, code: int) -> int:
        print(text, file=sys.stderr)
        ask.error(None, title, text)
        for translator in translators:
            app.removeTranslator(translator)
        return code

    blocking = not_a_folder(data_dir)
    if blocking is not None:
        return refuse(app.translate("app", "The register cannot be opened"), app.translate(
            "app", "{path} is a file, not a folder. Start with --data-dir and a folder (it is created when "
                   "missing).").format(path=blocking), EXIT_USAGE)
    cannot_write = app.translate("app", "The data folder {folder} cannot be written: {reason}. Nothing was changed. "
                                        "Fix the folder (or the USB disk's write-protect switch), or start with "
                                        "--data-dir and another folder.")
    try:
        paths.ensure()
        with paths.log_file.open("a", encoding="utf-8"):  # the folder takes writes (the log starts later)
            pass
    except OSError as error:
        return refuse(app.translate("app", "The register cannot be opened"),
                      cannot_write.format(folder=data_dir, reason=_folder_reason(app, error)), EXIT_STORAGE)
    sys.excepthook = _crash_hook(paths)

    lock = QLockFile(str(paths.lock_file))
    lock.setStaleLockTime(0)
    if not lock.tryLock(100):
        if lock.error() == QLockFile.LockError.LockFailedError:
            return refuse(app.translate("app", "Already running"), app.translate(
                "app", "Checkpoint Register is already running for {folder}. Use the open window.").format(
                folder=data_dir), EXIT_ALREADY_RUNNING)
        return refuse(app.translate("app", "The register cannot be opened"),
                      cannot_write.format(folder=data_dir, reason=_folder_reason(app, _write_probe(data_dir))), EXIT_STORAGE)
    opened: list = []
    try:
        from checkpoint_app.ui.main_window import MainWindow

        theme.apply(app, prefs.large_font)
        app.setWindowIcon(theme.app_icon())
        window = MainWindow()
        window.show()
        QTimer.singleShot(0, lambda: _open_station(app, window, paths, demo, opened))
        return app.exec()
    finally:
        for ctx in opened:
            ctx.close()
        for translator in translators:
            app.removeTranslator(translator)
        lock.unlock()


def _open_station(app, window, paths: DataPaths, demo: bool, opened: list) -> None:
    """Build the window's contents, open (and migrate) the database, ask for the station
    on first run, and connect the window to it. Runs from the event loop: any failure
    ends the app with a message and a non-zero exit, never a window left half-open."""
    try:
        _fill_window(app, window, paths, demo, opened)
    except Exception:  # noqa: BLE001 - shown by the crash hook, then the app stops
        sys.excepthook(*sys.exc_info())
        app.exit(EXIT_UNEXPECTED)


def _fill_window(app, window, paths: DataPaths, demo: bool, opened: list) -> None:
    window.build_contents()  # the form and the register, on screen before the storage layer loads
    app.processEvents()
    logs.setup(paths.log_file)

    from checkpoint_app.db.errors import StorageError

    from checkpoint_app.services.context import open_context

    from checkpoint_app.ui import ask

    def cannot_open(err: StorageError) -> None:
        log.error("cannot open the database: %s", err.kind.value)
        text = ask.storage_message(err, during="start") + "\n\n" + str(paths.database)
        print(text, file=sys.stderr)
        ask.error(window, app.translate("app", "The register cannot be opened"), text)
        app.exit(EXIT_STORAGE)

    from checkpoint_app.services import encryption

    unlocked = None
    try:
        if encryption.is_locked(paths):  # the PIN opens the register: asked before it is open
            from checkpoint_app.services.context import local_now

            from checkpoint_app.ui.login_dialog import UnlockDialog

            unlocked = UnlockDialog(paths, local_now, window)
            if not unlocked.exec():
                app.exit(0)
                return
            ctx = open_context(paths.root, key=unlocked.key)
        else:  # a new register is made encrypted, a plain one (an older version's) converted
            ctx = open_context(paths.root, encrypt=True)
    except StorageError as err:
        cannot_open(err)
        return
    opened.append(ctx)
    try:  # the first reads (station, settings, the first page) can meet a damaged row too
        if not _set_up_station(app, window, ctx, demo, unlocked):
            app.exit(0)
            return
    except StorageError as err:
        cannot_open(err)
        return
    if ctx.db.backup_path is not None:  # this start upgraded the register: say where the copy from before is
        window.statusBar().showMessage(app.translate(
            "app", "The register was upgraded for this version. A copy from before the upgrade is kept at {path}")
            .format(path=ctx.db.backup_path))


def _set_up_station(app, window, ctx, demo: bool, unlocked=None) -> bool:
    """Demo data, the login (on the first run: the first supervisor), the first-run
    station profile, then the window on the register and, when no shift is on duty,
    the offer to start one. False when the guard chose to
    quit instead of logging in or setting up the station."""
    if demo:
        from checkpoint_app.services import demo as demo_data

        demo_data.fill(ctx, DEMO_ENTRIES, days=30)
    from checkpoint_app.ui.login_dialog import ask_login

    actor = _login_unlocked(ctx, unlocked, window) if unlocked is not None else ask_login(ctx.operators, window)
    if actor is None:
        return False
    window.set_actor(actor)
    if ctx.station.current() is None:
        from checkpoint_app.ui.station_dialog import ask_first_station

        if not ask_first_station(ctx.station, actor, window):  # Cancel, then "yes, quit"
            return False
    window.attach(ctx)
    window.form.clear()
    window.desk.show_page(window.desk.stack.currentIndex())  # the cursor in the form in front
    from checkpoint_app.ui.shift_dialogs import offer_shift

    offer_shift(window)  # no shift on duty: offer to start one (not forced)
    return True


def _login_unlocked(ctx, unlocked, window):
    """The operator whose PIN just opened the register, logged in with the same PIN (the
    register's own checks and audit). Should that be refused (a lock set in the
    register), the usual login dialog asks, with the reason."""
    from checkpoint_app.core.problems import InvalidInput

    from checkpoint_app.ui import i18n
    from checkpoint_app.ui.login_dialog import LoginDialog

    name = next((op.name for op in ctx.operators.all() if op.id == unlocked.operator_id), "")
    pin, unlocked.pin = unlocked.pin, ""
    try:
        return ctx.operators.login(name, pin)
    except InvalidInput as refused:
        dialog = LoginDialog(ctx.operators, window, preselect=name,
                             reason="\n".join(i18n.problem_text(p) for p in refused.problems))
        return dialog.actor if dialog.exec() else None


def _crash_hook(paths: DataPaths):
    """The last resort for a bug: log it (scrubbed: no messages, see logs.py) and show it.
    Nothing the guard saved is lost: every save is committed before it is acknowledged."""
    def hook(exc_type, exc, tb):
        if not logging.getLogger("checkpoint").handlers:  # a crash before the log was set up
            try:
                logs.setup(paths.log_file)
            except OSError:
                logs.setup_stderr()  # no log file: scrubbed lines on stderr
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from checkpoint_app.ui import ask

            details = logs.describe(exc) if exc is not None else exc_type.__name__
            ask.crash(None, QApplication.translate("app", "Unexpected error"),
                      QApplication.translate("app", "Something went wrong inside the app. What you saved is "
                                             "safe. Please show this to your supervisor.\nLog: {log}").format(log=paths.log_file),
                      details + "\n\n" + logs.tail(paths.log_file))
    return hook


def _folder_reason(app, error: OSError | None) -> str:
    """Why the data folder cannot be written, by errno (a full disk is not "no permission")."""
    from checkpoint_app.db.errors import StorageProblem, os_problem

    kind = os_problem(error) if error is not None else StorageProblem.PERMISSION
    return {
        StorageProblem.FULL: app.translate("app", "the disk is full (free some space)"),
        StorageProblem.READ_ONLY: app.translate("app", "the disk is read-only"),
        StorageProblem.PERMISSION: app.translate("app", "no permission"),
        StorageProblem.CANNOT_OPEN: app.translate("app", "the folder cannot be created"),
    }.get(kind, app.translate("app", "the disk reported an error"))


def _write_probe(folder: Path) -> OSError | None:
    """Write a few bytes into `folder` the way the lock file does: the error, if any."""
    import os

    probe = folder / ".write-probe"
    try:
        with probe.open("wb") as handle:
            handle.write(b"\0" * 4096)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        return error
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError:
            pass
    return None


if __name__ == "__main__":
    sys.exit(main())
