"""`checkpoint-cli`: station commands that need no window.

It speaks the system's language (or `--lang`) through the app's own Qt Linguist
catalogue (ui/catalogue.py, loaded only when a command runs). Bad input gets a
specific message and exit 2, never a traceback; doctor exits 1 when it finds a problem.
Everything it creates in a data folder is private (umask 077, see private_files.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from checkpoint_app.paths import DataPaths, default_data_dir, not_a_folder

if TYPE_CHECKING:
    from checkpoint_app.services.doctor import Report

    from checkpoint_app.ui.catalogue import Catalogue

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
LANGUAGES = ("zh_CN", "en")
MAX_ENTRIES = 20_000_000


def _whole_number(cat: Catalogue):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(cat.translate("cli", "{text} is not a whole number").format(text=repr(text))) from None
        if not 1 <= value <= MAX_ENTRIES:
            raise argparse.ArgumentTypeError(cat.translate(
                "cli", "{value} is out of range (1 to {most})").format(value=value, most=f"{MAX_ENTRIES:,}"))
        return value
    return parse


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(cat: Catalogue):
    def parse(text: str) -> dt.date:
        try:
            if _DAY.match(text.strip()):
                return dt.date.fromisoformat(text.strip())
        except ValueError:
            pass
        raise argparse.ArgumentTypeError(cat.translate(
            "cli", "{text} is not a day: write it as YYYY-MM-DD, e.g. 2026-11-29").format(text=repr(text)))
    return parse


def _station_code(cat: Catalogue):
    def parse(text: str) -> str:
        from checkpoint_app.services.station import CODE_PATTERN

        code = text.strip().upper()
        if not CODE_PATTERN.match(code):
            raise argparse.ArgumentTypeError(cat.translate(
                "cli", "{text} is not a station code: 3 to 20 letters, digits or '-', starting with a letter or "
                       "digit, e.g. JB-TSP-02").format(text=repr(text)))
        return code
    return parse


def _station_text(cat: Catalogue, field: str):
    """A station name or sub-district as the station profile takes it (at most 60 characters)."""
    def parse(text: str) -> str:
        from checkpoint_app.core.problems import InvalidInput
        from checkpoint_app.core.text import clean_text

        try:
            cleaned = clean_text(text, 60, field)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(cat.problem(error.problems[0])) from None
        if not cleaned:
            raise argparse.ArgumentTypeError(cat.translate("cli", "it is empty: give a text"))
        return cleaned
    return parse


def build_parser(cat: Catalogue) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=None, help=cat.translate("cli", "station data folder"))
    common.add_argument("--lang", choices=LANGUAGES, default=None,
                        help=cat.translate("cli", "language of the messages (default: the system's)"))
    parser = argparse.ArgumentParser(prog="checkpoint-cli", description=cat.translate("cli", "Checkpoint Register station commands"))
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo-data", parents=[common], help=cat.translate(
        "cli", "add realistic synthetic entries to a new or demo register (for demos and benchmarks)"))
    demo.add_argument("--entries", type=_whole_number(cat), required=True, help=cat.translate("cli", "how many entries to add"))
    demo.add_argument("--days", type=_whole_number(cat), default=None, help=cat.translate("cli", "spread them over this many days"))
    demo.add_argument("--seed", type=int, default=2020)
    demo.add_argument("--station", type=_station_code(cat), default=None, help=cat.translate(
        "cli", "the station code of the demo post (another post of a simulated district), e.g. JB-TSP-02"))
    demo.add_argument("--name", type=_station_text(cat, "station_name"), default=None,
                      help=cat.translate("cli", "the demo post's name (default: made from its code)"))
    demo.add_argument("--district", type=_station_text(cat, "station_district"), default=None,
                      help=cat.translate("cli", "the demo post's sub-district (default: made from its code)"))
    doctor = sub.add_parser("doctor", parents=[common], help=cat.translate(
        "cli", "check the register without changing it: integrity, length, schema version, sequence numbers, permissions"))
    doctor.add_argument("--operator", default=None, help=cat.translate(
        "cli", "an encrypted register: the operator whose PIN unlocks it, so its contents are checked too"))
    report = sub.add_parser("report", parents=[common], help=cat.translate(
        "cli", "the daily report (日报 / 零报告) of one day as PDF, and its figures as CSV (a supervisor's)"))
    report.add_argument("--day", type=_day(cat), required=True, help=cat.translate("cli", "the day, YYYY-MM-DD"))
    report.add_argument("--pdf", type=Path, required=True, help=cat.translate("cli", "the PDF file to write"))
    report.add_argument("--csv", type=Path, default=None, help=cat.translate("cli", "also write the figures to this CSV file"))
    report.add_argument("--encoding", choices=("gb18030", "utf-8-sig"), default="gb18030", help=cat.translate(
        "cli", "the CSV's encoding: gb18030 (what Chinese Excel opens) or utf-8-sig (UTF-8 with BOM)"))
    report.add_argument("--appendix", action="store_true", help=cat.translate(
        "cli", "add the personal appendix (names of the persons to follow up) to the PDF"))
    report.add_argument("--operator", required=True, help=cat.translate(
        "cli", "the supervisor making the report; the PIN is read from CHECKPOINT_PIN or asked for"))
    from checkpoint_app.cli_batches import add_parser as add_batches
    from checkpoint_app.cli_keys import add_parser as add_keys
    from checkpoint_app.cli_residents import add_parser as add_residents

    add_residents(sub, common, cat)
    add_batches(sub, common, cat)
    add_keys(sub, common, cat)
    from checkpoint_app.cli_central import add_parser as add_central
    add_central(sub, common, cat)
    return parser


def _language(argv: list[str]) -> str:
    """--lang if given (looked for before the full parse, so argparse's errors are in
    the right language too), else the system's."""
    from checkpoint_app.ui.catalogue import system_language

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", choices=LANGUAGES, default=None)
    known, _rest = early.parse_known_args(argv)
    return known.lang or system_language()


def main(argv: list[str] | None = None) -> int:
    from checkpoint_app import private_files

    from checkpoint_app.ui.catalogue import Catalogue

    private_files.restrict_umask()
    for stream in (sys.stdout, sys.stderr):  # a terminal whose charset lacks a character: '?' not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    argv = sys.argv[1:] if argv is None else list(argv)
    cat = Catalogue(_language(argv))
    args = build_parser(cat).parse_args(argv)
    if args.command == "central":  # the office's commands (cli_central.py): no station data folder
        return args.run(args, cat)
    data_dir = args.data_dir or default_data_dir()
    blocking = not_a_folder(data_dir)
    if blocking is not None:
        print(cat.translate("cli", "checkpoint-cli: {path} is a file, not a folder. Give --data-dir a folder "
                                   "(it is created when missing).").format(path=blocking), file=sys.stderr)
        return EXIT_USAGE
    if args.command == "doctor":
        return _doctor(DataPaths(data_dir), cat, args.operator)
    if args.command == "report":
        from checkpoint_app.cli_report import run_report

        return run_report(DataPaths(data_dir), args, cat)
    if args.command == "recover":
        from checkpoint_app.cli_keys import run_recover

        return run_recover(DataPaths(data_dir), args, cat)
    if args.command in ("residents", "watchlist"):
        from checkpoint_app.cli_residents import run_residents

        return run_residents(DataPaths(data_dir), args, cat)
    from checkpoint_app.cli_batches import COMMANDS as BATCH_COMMANDS

    if args.command in BATCH_COMMANDS:
        from checkpoint_app.cli_batches import run_batches
        return run_batches(DataPaths(data_dir), args, cat)
    return _demo(DataPaths(data_dir), args.entries, args.days, args.seed, cat,
                 profile=(args.station, args.name, args.district))


def report_lines(report: Report, cat: Catalogue) -> list[str]:
    """Doctor's findings as lines in the catalogue's language (also used by --self-test)."""
    labels = [(cat.translate("cli", "ok"), report.ok), (cat.translate("cli", "WARNING"), report.warnings),
              (cat.translate("cli", "PROBLEM"), report.problems)]
    width = max(_display_width(label) for label, _found in labels) + 2
    lines = [label + " " * (width - _display_width(label)) + cat.problem(found)
             for label, findings in labels for found in findings]
    if report.problems:
        lines.append(cat.translate("cli", "{count} problem(s) found").format(count=len(report.problems)))
    elif report.warnings:
        lines.append(cat.translate("cli", "healthy, with {count} warning(s)").format(count=len(report.warnings)))
    else:
        lines.append(cat.translate("cli", "healthy"))
    return lines


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # CJK characters take two columns


def _doctor(paths: DataPaths, cat: Catalogue, operator: str | None = None) -> int:
    from checkpoint_app.services.doctor import examine

    key = None
    if operator:  # read only: the key file's wrong-PIN count is the one thing that may change
        import datetime as dt

        from checkpoint_app.cli_login import LoginRefused, read_pin

        from checkpoint_app.core.problems import InvalidInput

        from checkpoint_app.db.errors import StorageError

        from checkpoint_app.services import encryption

        try:
            if encryption.is_locked(paths):
                key = encryption.unlock_by_name(paths, operator, read_pin(operator, cat), dt.datetime.now().astimezone())
        except LoginRefused as refused:
            print("checkpoint-cli: " + refused.message, file=sys.stderr)
            return EXIT_USAGE
        except InvalidInput as refused:
            print("checkpoint-cli: " + "; ".join(cat.problem(p) for p in refused.problems), file=sys.stderr)
            return EXIT_USAGE
        except StorageError as error:
            print(storage_text(error, paths, cat), file=sys.stderr)
            return EXIT_USAGE
    report = examine(paths.database, key)
    for line in report_lines(report, cat):
        print(line)
    return EXIT_OK if report.healthy else EXIT_PROBLEM


def storage_text(error, paths: DataPaths, cat: Catalogue) -> str:
    from checkpoint_app.db.errors import StorageProblem

    texts = {
        StorageProblem.READ_ONLY: cat.translate("cli", "the disk or the register file is read-only"),
        StorageProblem.FULL: cat.translate("cli", "the disk is full"),
        StorageProblem.LOCKED: cat.translate("cli", "another program is holding the register open (is the app "
                                                    "running?); close it and try again"),
        StorageProblem.CORRUPT: cat.translate("cli", "the register file is damaged or is not this app's; nothing was "
                                                     "changed. Run checkpoint-cli doctor --data-dir {folder} to see why"),
        StorageProblem.NOT_A_REGISTER: cat.translate("cli", "the file there is not a register of this app (another "
                                                            "program's database, or an emptied register); nothing was "
                                                            "changed. Run checkpoint-cli doctor --data-dir {folder} to see why"),
        StorageProblem.PERMISSION: cat.translate("cli", "this user has no permission to write the register or its folder"),
        StorageProblem.CANNOT_OPEN: cat.translate("cli", "the register file cannot be opened; check that the folder "
                                                         "exists and can be read"),
        StorageProblem.IO: cat.translate("cli", "the disk reported an error"),
        StorageProblem.TOO_NEW: cat.translate("cli", "a newer version of the app wrote this register; this one will "
                                                     "not change it"),
        StorageProblem.ENCRYPTED: cat.translate("cli", "the register is encrypted: give --operator NAME (the PIN is "
                                                       "asked for, or read from CHECKPOINT_PIN)"),
        StorageProblem.KEYS_MISSING: cat.translate("cli", "the register file is damaged, or it is encrypted and its key "
                                                          "file register.keys is missing; put register.keys back from "
                                                          "the backup folder (it is kept beside each backup), or "
                                                          "restore the last backup"),
        StorageProblem.KEYS_DAMAGED: cat.translate("cli", "the register's key file register.keys is damaged; put it "
                                                          "back from the backup folder, or run checkpoint-cli recover "
                                                          "with the escrow key"),
    }
    reason = texts.get(error.kind, error.kind.value).format(folder=paths.root)
    return cat.translate("cli", "checkpoint-cli: cannot use the register in {folder}: {reason}.").format(
        folder=paths.root, reason=reason)


def _demo(paths: DataPaths, entries: int, days: int | None, seed: int, cat: Catalogue,
          profile: tuple[str | None, str | None, str | None] = (None, None, None)) -> int:
    from checkpoint_app.db.errors import StorageError

    from checkpoint_app.services import demo
    from checkpoint_app.services.context import open_context

    started = time.perf_counter()
    refused = demo.refusal(paths.database)  # read-only: a real register is not even migrated
    if refused is not None:
        print("checkpoint-cli: " + cat.problem(refused), file=sys.stderr)
        return EXIT_USAGE
    try:
        ctx = open_context(paths.root)
    except StorageError as error:
        print(storage_text(error, paths, cat), file=sys.stderr)
        return EXIT_USAGE
    try:
        code, name, district = profile
        station = demo.demo_station(code or demo.DEMO_STATION.code, name, district) if any(profile) else None
        added = demo.fill(ctx, entries, days=days, seed=seed, profile=station)
    except demo.NotADemoRegister as error:
        print("checkpoint-cli: " + cat.problem(error.problem), file=sys.stderr)
        return EXIT_USAGE
    except StorageError as error:
        print(storage_text(error, paths, cat), file=sys.stderr)
        return EXIT_PROBLEM
    finally:
        ctx.close()
    print(cat.translate("cli", "added {count} entries to {folder} in {seconds} s").format(
        count=added, folder=paths.root, seconds=f"{time.perf_counter() - started:.1f}"))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
