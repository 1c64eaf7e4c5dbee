"""`checkpoint-cli central …`: the district office's operations without a window (for the
office's IT, scripts and tests), the same services as the office window
(checkpoint_app/central/service.py):

    central keygen --out DIR [--escrow] [--name NAME]
    central enroll --db DB FILE [--replace] [--active-from D]
    central import --db DB --identity KEYFILE PATH…
    central ack --db DB --identity KEYFILE --to TARGET
    central gaps --db DB [--today D]
    central report --db DB --day D [--xlsx F] [--pdf F] [--deadline "YYYY-MM-DD HH:MM"]
    central conflicts --db DB
    central resolve --db DB ID --keep|--take [--note TEXT] [--clerk NAME]

`--db` is a path (SQLite) or a SQLAlchemy URL (postgresql+pg8000://…). The identity's
passphrase comes from CHECKPOINT_CENTRAL_PASSPHRASE or is asked for (twice for keygen).
Exit 0 done; 1 refused or failed (each reason on stderr, in the user's language; for
import: some file rejected); 2 bad arguments (a missing file, a database that cannot be
opened, an empty passphrase)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checkpoint_app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, _day

if TYPE_CHECKING:
    from checkpoint_app.central.service import OfficeService

    from checkpoint_app.ui.catalogue import Catalogue

PASSPHRASE_ENV = "CHECKPOINT_CENTRAL_PASSPHRASE"


def add_parser(sub: Any, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    central = sub.add_parser("central", help=cat.translate(
        "cli", "the district office: keys, enrollment, import of batches, acknowledgements, gaps, the district report"))
    central.set_defaults(run=run_central)
    actions = central.add_subparsers(dest="central_command", required=True)
    db_help = cat.translate("cli", "the office database: a file (SQLite) or a URL (postgresql+pg8000://…)")
    identity_help = cat.translate(
        "cli", "the office's key file (office.key); its passphrase from CHECKPOINT_CENTRAL_PASSPHRASE or asked for")

    keygen = actions.add_parser("keygen", parents=[common], help=cat.translate(
        "cli", "make the office's key pair (office.key protected by a passphrase, office.pub for the stations)"))
    keygen.add_argument("--out", type=Path, required=True, help=cat.translate("cli", "the folder to write the keys in"))
    keygen.add_argument("--escrow", action="store_true", help=cat.translate(
        "cli", "make the escrow key pair instead (escrow.key, escrow.pub)"))
    keygen.add_argument("--name", default=None, help=cat.translate("cli", "the office's name, shown to the stations"))

    enroll = actions.add_parser("enroll", parents=[common], help=cat.translate(
        "cli", "enroll a station from its enrollment file"))
    enroll.add_argument("--db", required=True, help=db_help)
    enroll.add_argument("file", type=Path, help=cat.translate("cli", "the station's enrollment file"))
    enroll.add_argument("--replace", action="store_true", help=cat.translate(
        "cli", "accept a new key for a station already enrolled (check its fingerprint by phone first)"))
    enroll.add_argument("--active-from", type=_day(cat), default=None, help=cat.translate(
        "cli", "the first day the station is expected to report (default: today)"))

    imports = actions.add_parser("import", parents=[common], help=cat.translate(
        "cli", "import batch files: files, folders or a USB stick's root"))
    imports.add_argument("--db", required=True, help=db_help)
    imports.add_argument("--identity", type=Path, required=True, help=identity_help)
    imports.add_argument("paths", type=Path, nargs="+", help=cat.translate("cli", "batch files or folders"))

    ack = actions.add_parser("ack", parents=[common], help=cat.translate(
        "cli", "write the signed acknowledgement of the imported batches onto a stick"))
    ack.add_argument("--db", required=True, help=db_help)
    ack.add_argument("--identity", type=Path, required=True, help=identity_help)
    ack.add_argument("--to", type=Path, required=True, help=cat.translate("cli", "the stick's root or a folder"))

    gaps = actions.add_parser("gaps", parents=[common], help=cat.translate(
        "cli", "per station: missing batch numbers and days without a daily report"))
    gaps.add_argument("--db", required=True, help=db_help)
    gaps.add_argument("--today", type=_day(cat), default=None, help=cat.translate("cli", "count days up to the day before this one (default: today)"))

    report = actions.add_parser("report", parents=[common], help=cat.translate(
        "cli", "the district report of one day: who reported, on time, late, missing, and the totals"))
    report.add_argument("--db", required=True, help=db_help)
    report.add_argument("--day", type=_day(cat), required=True, help=cat.translate("cli", "the day, YYYY-MM-DD"))
    report.add_argument("--xlsx", type=Path, default=None, help=cat.translate("cli", "write the report to this XLSX file"))
    report.add_argument("--pdf", type=Path, default=None, help=cat.translate("cli", "write the report to this PDF file"))
    report.add_argument("--deadline", type=_moment(cat), default=None, help=cat.translate(
        "cli", "reports imported after this are late (YYYY-MM-DD HH:MM, local time; default: the next day 10:00)"))

    conflicts = actions.add_parser("conflicts", parents=[common], help=cat.translate(
        "cli", "list the conflicts to resolve: records that arrived again with other content"))
    conflicts.add_argument("--db", required=True, help=db_help)

    resolve = actions.add_parser("resolve", parents=[common], help=cat.translate(
        "cli", "resolve a conflict: keep the held record or take the incoming one"))
    resolve.add_argument("--db", required=True, help=db_help)
    resolve.add_argument("conflict", type=int, help=cat.translate("cli", "the conflict's number (central conflicts)"))
    choice = resolve.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", dest="choice", action="store_const", const="keep", help=cat.translate(
        "cli", "keep the held record"))
    choice.add_argument("--take", dest="choice", action="store_const", const="take", help=cat.translate(
        "cli", "replace the held record with the incoming one"))
    resolve.add_argument("--note", default="", help=cat.translate("cli", "why (kept with the resolution)"))
    resolve.add_argument("--clerk", default=None, help=cat.translate(
        "cli", "who resolves it (default: the user logged in)"))


def _moment(cat: Catalogue):
    def parse(text: str) -> dt.datetime:
        try:
            return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").astimezone()
        except ValueError:
            raise argparse.ArgumentTypeError(cat.translate(
                "cli", "{text} is not a time: write it as YYYY-MM-DD HH:MM").format(text=repr(text))) from None
    return parse


def _fail(text: str, code: int = EXIT_USAGE) -> int:
    print("checkpoint-cli: " + text, file=sys.stderr)
    return code


def _passphrase(cat: Catalogue, twice: bool) -> str | None:
    """From CHECKPOINT_CENTRAL_PASSPHRASE, else asked for (and confirmed for a new key)."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        return given or None
    try:
        first = getpass.getpass(cat.translate("cli", "Passphrase of the office key: "))
        if twice and getpass.getpass(cat.translate("cli", "The same passphrase again: ")) != first:
            print(cat.translate("cli", "checkpoint-cli: the two passphrases differ"), file=sys.stderr)
            return None
    except (EOFError, KeyboardInterrupt):
        return None
    return first or None


def run_central(args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.core.problems import InvalidInput

    try:
        if args.central_command == "keygen":
            return _keygen(args, cat)
        if getattr(args, "file", None) is not None and not args.file.is_file():
            return _fail(cat.translate("cli", "{file} is not a file").format(file=args.file))
        missing = [p for p in getattr(args, "paths", []) if not p.exists()]
        if missing:
            return _fail(cat.translate("cli", "{path}: no such file or folder").format(path=missing[0]))
        identity = None
        if getattr(args, "identity", None) is not None:
            if not args.identity.is_file():
                return _fail(cat.translate("cli", "{file} is not a file").format(file=args.identity))
            passphrase = _passphrase(cat, twice=False)
            if not passphrase:
                return _fail(cat.translate("cli", "a passphrase is needed"))
            from checkpoint_app.central.service import load_identity

            identity = load_identity(args.identity, passphrase)
        service = _open(args.db, cat)
        if service is None:
            return EXIT_USAGE
        try:
            return _COMMANDS[args.central_command](service, identity, args, cat)
        finally:
            service.close()
    except InvalidInput as refused:
        for found in refused.problems:
            print("checkpoint-cli: " + cat.problem(found), file=sys.stderr)
        return EXIT_PROBLEM


def _open(db: str, cat: Catalogue) -> OfficeService | None:
    from checkpoint_app.central.database import OfficeDatabaseError
    from checkpoint_app.central.service import OfficeService

    try:
        return OfficeService.open(db)
    except OfficeDatabaseError as error:
        _fail(cat.translate("cli", "the office database {db} cannot be opened: {why}").format(
            db=_safe_db(db), why=error.what))
        return None


def _safe_db(db: str) -> str:
    """The database named without its password."""
    if "://" not in db:
        return db
    from sqlalchemy.engine import make_url

    try:
        return make_url(db).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL SQLAlchemy cannot read is shown by its scheme only
        return db.split("://", 1)[0] + "://…"


def _keygen(args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.batch.keys import ESCROW, OFFICE
    from checkpoint_app.central.service import keygen

    if args.out.exists() and not args.out.is_dir():
        return _fail(cat.translate("cli", "{path} is a file, not a folder").format(path=args.out))
    passphrase = _passphrase(cat, twice=True)
    if not passphrase:
        return _fail(cat.translate("cli", "a passphrase is needed"))
    role = ESCROW if args.escrow else OFFICE
    name = args.name or (cat.translate("cli", "district office") if role == OFFICE else cat.translate("cli", "escrow"))
    key_path, pub_path = keygen(args.out, name, passphrase, role)
    from checkpoint_app.batch.keys import OfficePublic

    public = OfficePublic.from_text(pub_path.read_text(encoding="utf-8"))
    print(cat.translate("cli", "wrote {key} (keep it secret) and {pub} (for the stations)").format(
        key=key_path, pub=pub_path))
    print(cat.translate("cli", "fingerprint: {fingerprint}").format(fingerprint=public.fingerprint))
    return EXIT_OK


def _enroll(service: OfficeService, _identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.central.service import ENROLLED, REPLACED

    result = service.enroll(args.file, replace=args.replace, active_from=args.active_from)
    station = result.station
    text = {ENROLLED: cat.translate("cli", "enrolled {code} {name} ({district})"),
            REPLACED: cat.translate("cli", "the key of {code} {name} ({district}) was replaced")}.get(
        result.status, cat.translate("cli", "{code} {name} ({district}) was enrolled already with this key"))
    print(text.format(code=station.code, name=station.name, district=station.district))
    print(cat.translate("cli", "fingerprint: {fingerprint}").format(fingerprint=station.fingerprint))
    return EXIT_OK


def _import(service: OfficeService, identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.central.service import DUPLICATE, IMPORTED

    results = service.import_paths(args.paths, identity)
    failed = 0
    for result in results:
        if result.status == IMPORTED:
            records = sum(v for k, v in result.counts.items() if k not in ("new", "conflicts", "unknown"))
            print(cat.translate("cli", "imported {file}: {records} records").format(
                file=result.file.name, records=records))
            if result.counts.get("conflicts"):
                print(cat.translate("cli", "  {count} records arrived again with other content: kept as conflicts "
                                           "to resolve").format(count=result.counts["conflicts"]))
        elif result.status == DUPLICATE:
            print(cat.translate("cli", "{file}: imported before; nothing changed").format(file=result.file.name))
        else:
            failed += 1
            assert result.reason is not None
            print(cat.translate("cli", "checkpoint-cli: rejected: {reason}").format(
                reason=cat.problem(result.reason)), file=sys.stderr)
    return EXIT_PROBLEM if failed else EXIT_OK


def _ack(service: OfficeService, identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    if not args.to.is_dir():
        return _fail(cat.translate("cli", "{path} is not a folder").format(path=args.to))
    path = service.write_ack(args.to, identity)
    print(cat.translate("cli", "wrote the acknowledgement {file}").format(file=path))
    return EXIT_OK


def _gaps(service: OfficeService, _identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    for station in service.gaps(args.today):
        if station.complete:
            print(cat.translate("cli", "{code} {name}: complete").format(code=station.code, name=station.name))
            continue
        print(cat.translate("cli", "{code} {name}: missing batches {batches}; days without a report {days}").format(
            code=station.code, name=station.name, batches=_numbers(station.missing_batches) or "-",
            days=_days(station.missing_days) or "-"))
    return EXIT_OK


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _days(days: list[dt.date]) -> str:
    """Runs of days: 2020-02-01..2020-02-03, 2020-02-07."""
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and runs[-1][-1] + dt.timedelta(days=1) == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(r[0].isoformat() if len(r) == 1 else f"{r[0].isoformat()}..{r[-1].isoformat()}" for r in runs)


def _report(service: OfficeService, _identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.central.report_table import summary_rows, write_xlsx

    if args.xlsx is not None and args.pdf is not None and args.xlsx.resolve() == args.pdf.resolve():
        return _fail(cat.translate("cli", "--pdf and --xlsx name the same file"))
    report = service.report(args.day, args.deadline)
    for row in summary_rows(report, cat.translate):
        print("\t".join(str(cell) for cell in row))
    try:
        if args.xlsx is not None:
            write_xlsx(report, args.xlsx, cat.translate)
            print(cat.translate("cli", "wrote {file}").format(file=args.xlsx))
        if args.pdf is not None:
            code = _pdf(report, args.pdf, cat)
            if code != EXIT_OK:
                return code
            print(cat.translate("cli", "wrote {file}").format(file=args.pdf))
    except OSError as error:
        return _fail(cat.translate("cli", "{file} cannot be written ({why})").format(
            file=error.filename or "", why=error.strerror or type(error).__name__), EXIT_PROBLEM)
    return EXIT_OK


def _pdf(report: Any, path: Path, cat: Catalogue) -> int:
    """The PDF is painted by the UI layer's renderer under an offscreen QGuiApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from checkpoint_app.ui.district_report_render import NoChineseFont, write_pdf

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    temporary = path.with_name(path.name + ".partial")
    try:
        write_pdf(report, temporary, cat.translate)
        os.replace(temporary, path)
    except NoChineseFont as missing:
        return _fail(missing.message(), EXIT_PROBLEM)
    finally:
        temporary.unlink(missing_ok=True)
    del app
    return EXIT_OK


def _conflicts(service: OfficeService, _identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    found = service.conflicts()
    if not found:
        print(cat.translate("cli", "no conflicts to resolve"))
        return EXIT_OK
    print("\t".join((cat.translate("cli", "id"), cat.translate("cli", "station"), cat.translate("cli", "kind"),
                     cat.translate("cli", "key"), cat.translate("cli", "batch"), cat.translate("cli", "found"))))
    for conflict in found:
        print("\t".join((str(conflict.id), conflict.station, conflict.kind, conflict.key, str(conflict.batch_number),
                         conflict.found_at.astimezone().strftime("%Y-%m-%d %H:%M"))))
    return EXIT_OK


def _resolve(service: OfficeService, _identity: Any, args: argparse.Namespace, cat: Catalogue) -> int:
    clerk = args.clerk if args.clerk is not None else getpass.getuser()
    detail = service.resolve_conflict(args.conflict, args.choice, args.note, clerk)
    text = cat.translate("cli", "conflict {number} resolved: the held record kept") if detail.resolution == "keep" \
        else cat.translate("cli", "conflict {number} resolved: the incoming record taken")
    print(text.format(number=detail.id))
    return EXIT_OK


_COMMANDS = {"enroll": _enroll, "import": _import, "ack": _ack, "gaps": _gaps, "report": _report,
             "conflicts": _conflicts, "resolve": _resolve}
