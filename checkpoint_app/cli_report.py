"""`checkpoint-cli report`: the daily report's PDF (and CSV) without a window.

The same PDF as the app's Save PDF…: the renderer (ui/report_render.py) paints with
QtGui only, so a QGuiApplication on the offscreen platform is all it needs, and the app's
catalogue is installed in it so the PDF speaks --lang, or else the station's own display
language (the one its window uses: display.ini in the data folder), not the shell's. The
supervisor logs in with cli_login (PIN from CHECKPOINT_PIN or asked for). Every problem is
one clear line on stderr and exit 2 (a machine without a Chinese font: exit 1); the files
are written under temporary names and renamed into place only when both are complete.
"""

from __future__ import annotations

import argparse
import logging
import sys
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Callable, Iterator

from checkpoint_app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, storage_text
from checkpoint_app.cli_login import LoginRefused, cli_login, open_station
from checkpoint_app.paths import DataPaths

if TYPE_CHECKING:
    from checkpoint_app.services.context import AppContext

    from checkpoint_app.ui.catalogue import Catalogue


def _fail(text: str, code: int = EXIT_USAGE) -> int:
    print("checkpoint-cli: " + text, file=sys.stderr)
    return code


def run_report(paths: DataPaths, args: argparse.Namespace, cat: Catalogue) -> int:


    if not paths.database.exists():  # nothing is created where there is no register
        return _fail(cat.translate("cli", "there is no register in {folder}").format(folder=paths.root))
    if args.csv is not None and args.csv.resolve() == args.pdf.resolve():
        return _fail(cat.translate("cli", "--pdf and --csv name the same file"))
    return on_register(paths, cat, lambda ctx: _report(ctx, args, cat), EXIT_USAGE, args.operator)


def on_register(paths: DataPaths, cat: Catalogue, work: Callable[[AppContext], int], storage_exit: int,
                operator: str | None = None) -> int:
    """Open the station's register (logged to its own folder), run `work` on it and close
    it. An encrypted register is unlocked with `operator`'s PIN first. A register that
    cannot be opened (or unlocked) is said on stderr and ends with exit 2; a storage
    error during `work` with `storage_exit`."""
    from checkpoint_app.db.errors import StorageError

    with station_log(paths):
        try:
            ctx = open_station(paths, operator, cat)
        except LoginRefused as refused:
            return _fail(refused.message)
        except StorageError as error:
            print(storage_text(error, paths, cat), file=sys.stderr)
            return EXIT_USAGE
        try:
            return work(ctx)
        except StorageError as error:
            print(storage_text(error, paths, cat), file=sys.stderr)
            return storage_exit
        finally:
            ctx.close()


@contextmanager
def station_log(paths: DataPaths) -> Iterator[None]:
    """The station's own log file for the command's log lines (a refused guard, a login),
    as the app writes them; the logging set-up before is put back afterwards."""
    from checkpoint_app import logs

    root = logging.getLogger("checkpoint")
    before, level = list(root.handlers), root.level
    logs.setup(paths.log_file)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in before:
            root.addHandler(handler)
        root.setLevel(level)


def _report(ctx, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.core.problems import InvalidInput
    from checkpoint_app.core.roles import NotPermitted

    try:
        actor = cli_login(ctx, args.operator, cat)
    except LoginRefused as refused:
        return _fail(refused.message)
    try:
        try:
            report = ctx.reports.daily(actor, args.day, appendix=args.appendix)
        except NotPermitted as refused:
            return _fail(cat.problem(refused.problem()))
        except InvalidInput as bad:
            return _fail("; ".join(cat.problem(p) for p in bad.problems))
        return _write(ctx, actor, report, args, cat)
    finally:
        ctx.operators.logout(actor)


def _write(ctx, actor, report, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.core.problems import InvalidInput
    from checkpoint_app.core.report_table import headline

    from checkpoint_app.services.report import OutputFile, output_problem

    from checkpoint_app.ui import i18n
    from checkpoint_app.ui.display_prefs import DisplayPrefs

    app = _gui_application()
    # the office reads the station's report in the station's language, whatever the shell's
    translators = i18n.install(app, args.lang or DisplayPrefs(ctx.paths.root).language)
    try:
        from checkpoint_app.ui.report_render import NoChineseFont, chinese_font_family, translate_label, write_pdf

        try:
            family = chinese_font_family()
        except NoChineseFont as missing:
            return _fail(missing.message(), EXIT_PROBLEM)
        with ExitStack() as stack:
            try:
                pdf = stack.enter_context(OutputFile(args.pdf))
                csv = stack.enter_context(OutputFile(args.csv)) if args.csv is not None else None
                try:
                    write_pdf(report, pdf.temp, family)
                except OSError as error:
                    raise output_problem(args.pdf, error) from None
                if csv is not None:
                    ctx.reports.write_csv(actor, report, args.csv, args.encoding, tr=translate_label, output=csv)
                # audited first: a file that is put in place has its audit event (if the
                # audit cannot be written, no file appears)
                ctx.reports.record_output(actor, report, "pdf")
                if csv is not None:
                    ctx.reports.record_output(actor, report, "csv")
                pdf.commit()
                if csv is not None:
                    csv.commit()
            except InvalidInput as bad:
                return _fail("; ".join(cat.problem(p) for p in bad.problems))
        head, _explained = headline(report)
        print(cat.translate("cli", "{day}: {headline}").format(day=report.day.isoformat(),
                                                              headline=translate_label(head.context, head.text)))
        for path in (args.pdf, args.csv):
            if path is not None:
                print(cat.translate("cli", "written: {path}").format(path=path))
        return EXIT_OK
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def _gui_application():
    """The running QGuiApplication, or a new one on the offscreen platform (no display
    is needed or touched)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["checkpoint-cli", "-platform", "offscreen"])
    return app
