"""The station's batch commands (issue 9): `import-central-key`, `enrollment`, `export`,
`ack`, `ledger`, `purge` (issue 10: people's data erased once the office has it), and
`backup` / `restore` (issue 10), for a supervisor (`--operator`, PIN from CHECKPOINT_PIN or asked for),
the same services as the app's Station menu (services/batches.py).

Exit 0 when done; 1 when refused or failed (the reason on stderr, in the user's
language: no office key, the stick full or read-only, an acknowledgement that does not
verify); 2 for bad arguments (no such file, no register in --data-dir, wrong operator or
PIN), as the other commands do. Nothing printed names a person of the register.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from checkpoint_app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from checkpoint_app.cli_login import LoginRefused, cli_login
from checkpoint_app.cli_report import on_register
from checkpoint_app.paths import DataPaths

if TYPE_CHECKING:
    from checkpoint_app.core.roles import Actor

    from checkpoint_app.services.context import AppContext

    from checkpoint_app.ui.catalogue import Catalogue

COMMANDS = ("import-central-key", "enrollment", "export", "ack", "ledger", "purge", "backup", "restore")


def add_parser(sub, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """The station's batch commands under the command's subparsers."""
    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = sub.add_parser(name, parents=[common], help=help_text)
        parser.add_argument("--operator", required=True, help=cat.translate(
            "cli", "the supervisor; the PIN is read from CHECKPOINT_PIN or asked for"))
        return parser

    key = command("import-central-key", cat.translate(
        "cli", "import the district office's public key (office.pub), or with --escrow the escrow key (escrow.pub)"))
    key.add_argument("file", type=Path, help=cat.translate("cli", "the office.pub or escrow.pub file"))
    key.add_argument("--escrow", action="store_true", help=cat.translate("cli", "the file is the escrow key"))
    enrollment = command("enrollment", cat.translate(
        "cli", "write the station's enrollment file for the district office"))
    enrollment.add_argument("--to", type=Path, required=True, dest="to", help=cat.translate(
        "cli", "the file to write (or a folder: enrollment-<STATION>.json in it)"))
    export = command("export", cat.translate(
        "cli", "write the next batch for the district office onto a stick or into a folder, verified"))
    export.add_argument("--to", type=Path, required=True, dest="to", help=cat.translate(
        "cli", "the stick or folder (the batch goes into its checkpoint-batches folder)"))
    export.add_argument("--close-today", action="store_true", help=cat.translate(
        "cli", "declare today too (the day is over); otherwise days up to yesterday are declared"))
    ack = command("ack", cat.translate("cli", "read the office's acknowledgements from a stick or folder"))
    ack.add_argument("--from", type=Path, required=True, dest="source", help=cat.translate(
        "cli", "the stick or folder the office wrote its acknowledgements onto"))
    command("ledger", cat.translate("cli", "list every batch written, acknowledged or not"))
    purge = command("purge", cat.translate(
        "cli", "erase people's data older than the retention period that the office has acknowledged"))
    purge.add_argument("--status", action="store_true", help=cat.translate(
        "cli", "only say what is erased already and what waits for the office"))
    backup = command("backup", cat.translate(
        "cli", "write a checked backup of the register into a folder or drive (the last ones kept)"))
    backup.add_argument("--to", type=Path, dest="to", default=None, help=cat.translate(
        "cli", "the folder or drive (remembered for the next backups; default: the one chosen before)"))
    restore = command("restore", cat.translate(
        "cli", "replace the register with a backup after checking it (close the app first); the current one is kept aside"))
    restore.add_argument("file", type=Path, help=cat.translate("cli", "the backup file"))


def _fail(text: str, code: int = EXIT_USAGE) -> int:
    print("checkpoint-cli: " + text, file=sys.stderr)
    return code


def run_batches(paths: DataPaths, args: argparse.Namespace, cat: Catalogue) -> int:
    if args.command == "import-central-key" and not args.file.is_file():
        return _fail(cat.translate("cli", "{file} is not a file").format(file=args.file))
    if args.command in ("export", "ack") and not (args.to if args.command == "export" else args.source).is_dir():
        folder = args.to if args.command == "export" else args.source
        return _fail(cat.translate("cli", "{folder} is not a folder").format(folder=folder))
    if args.command == "restore" and not args.file.is_file():
        return _fail(cat.translate("cli", "{file} is not a file").format(file=args.file))
    if not paths.database.exists():  # nothing is created where there is no register
        return _fail(cat.translate("cli", "there is no register in {folder}").format(folder=paths.root))
    work: dict[str, Callable[[AppContext, Actor], int]] = {
        "import-central-key": lambda ctx, actor: _import_key(ctx, actor, args, cat),
        "enrollment": lambda ctx, actor: _enrollment(ctx, actor, args, cat),
        "export": lambda ctx, actor: _export(ctx, actor, args, cat),
        "ack": lambda ctx, actor: _ack(ctx, actor, args, cat),
        "ledger": lambda ctx, actor: _ledger(ctx, actor, cat),
        "purge": lambda ctx, actor: _purge(ctx, actor, args, cat),
        "backup": lambda ctx, actor: _backup(ctx, actor, args, cat),
        "restore": lambda ctx, actor: _restore(ctx, actor, args, cat),
    }
    return on_register(paths, cat, lambda ctx: _as_operator(ctx, args, cat, work[args.command]), EXIT_PROBLEM,
                       args.operator)


def _as_operator(ctx: AppContext, args: argparse.Namespace, cat: Catalogue,
                 work: Callable[[AppContext, Actor], int]) -> int:
    from checkpoint_app.core.problems import InvalidInput
    from checkpoint_app.core.roles import NotPermitted

    try:
        actor = cli_login(ctx, args.operator, cat)
    except LoginRefused as refused:
        return _fail(refused.message)
    try:
        return work(ctx, actor)
    except NotPermitted as refused:
        return _fail(cat.problem(refused.problem()), EXIT_PROBLEM)
    except InvalidInput as bad:
        return _fail("; ".join(cat.problem(p) for p in bad.problems), EXIT_PROBLEM)
    finally:
        ctx.operators.logout(actor)


def _import_key(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    role = "escrow" if args.escrow else "office"
    view = ctx.batches.import_office_key(actor, args.file, role)
    text = cat.translate("cli", "imported the escrow key of {name}") if args.escrow else cat.translate(
        "cli", "imported the office key of {name}")
    print(text.format(name=view.name))
    print(cat.translate("cli", "fingerprint (read it aloud to the office on the phone and compare): {fingerprint}")
          .format(fingerprint=view.fingerprint))
    return EXIT_OK


def _enrollment(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    path = ctx.batches.write_enrollment(actor, args.to)
    key = ctx.batches.station_key()
    print(cat.translate("cli", "wrote {file}").format(file=path))
    print(cat.translate("cli", "station key fingerprint (the office reads it back to you): {fingerprint}").format(
        fingerprint=key.fingerprint))
    return EXIT_OK


def _export(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    entry = ctx.batches.export(actor, args.to, close_today=args.close_today)
    print(cat.translate("cli", "batch {number} written to {folder} and verified: {records} records ({counts})").format(
        number=entry.number, folder=entry.last_target, records=entry.records,
        counts=", ".join(f"{kind} {count}" for kind, count in sorted(entry.counts.items()))))
    print(cat.translate("cli", "file: {file}, SHA-256 {sha256}").format(file=entry.file_name, sha256=entry.sha256))
    print(cat.translate("cli", "the stick can be removed"))
    return EXIT_OK


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers) or "-"


def _ack(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    result = ctx.batches.read_acks(actor, args.source)
    for rejected in result.problems:
        print("checkpoint-cli: " + cat.problem(rejected.problem), file=sys.stderr)
    if not result.files:
        print(cat.translate("cli", "no acknowledgement found in {folder}").format(folder=args.source))
    print(cat.translate("cli", "acknowledged now: {numbers}").format(numbers=_numbers(result.acknowledged)))
    print(cat.translate("cli", "not yet acknowledged: {numbers}").format(numbers=_numbers(result.unacknowledged)))
    return EXIT_PROBLEM if result.problems else EXIT_OK


def _ledger(ctx: AppContext, actor: Actor, cat: Catalogue) -> int:
    entries = ctx.batches.ledger(actor)
    if not entries:
        print(cat.translate("cli", "no batch has been written yet"))
        return EXIT_OK
    yes, no = cat.translate("cli", "acknowledged"), cat.translate("cli", "not acknowledged")
    tz = ctx.clock().tzinfo
    for entry in sorted(entries, key=lambda e: e.number):
        print(cat.translate("cli", "{number}  {created}  {records} records  {first} to {last}  {file}  {ack}").format(
            number=f"{entry.number:06d}", created=entry.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            records=entry.records, first=entry.first_day.isoformat(), last=entry.last_day.isoformat(),
            file=entry.file_name, ack=yes if entry.acknowledged else no))
    return EXIT_OK


def _purge(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    if args.status:
        status = ctx.retention.status(actor)
        print(cat.translate("cli", "people's data is kept {days} days; erased before: {day}").format(
            days=status.retention_days, day=status.purged_before.isoformat() if status.purged_before else "-"))
        waiting, first = status.waiting, status.first_waiting
    else:
        result = ctx.retention.purge(actor)
        print(cat.translate("cli", "erased the people's data of {passages} entries ({persons} persons); "
                                   "erased before: {day}").format(
            passages=result.passages, persons=result.persons,
            day=result.purged_before.isoformat() if result.purged_before else "-"))
        if result.watches or result.residents:
            print(cat.translate("cli", "erased the people's data of {watches} ended watchlist entries and "
                                       "{residents} moved-out residents").format(
                watches=result.watches, residents=result.residents))
        waiting, first = result.waiting, result.first_waiting
    if waiting:
        print(cat.translate("cli", "{count} older entries (since {day}) wait for the office's acknowledgement: "
                                   "take the next batch to the office").format(count=waiting, day=first))
    return EXIT_OK


def _backup(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    info = ctx.backups.backup(actor, args.to)
    print(cat.translate("cli", "wrote {file} ({size} KB), checked").format(file=info.path, size=info.size // 1024))
    return EXIT_OK


def _restore(ctx: AppContext, actor: Actor, args: argparse.Namespace, cat: Catalogue) -> int:
    aside = ctx.backups.restore(actor, args.file)
    print(cat.translate("cli", "the register was restored from {file}; the one before is kept as {aside}").format(
        file=args.file, aside=aside))
    return EXIT_OK
