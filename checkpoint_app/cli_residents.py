"""`checkpoint-cli residents import` and `checkpoint-cli watchlist import`: a residents
list or a watchlist (CSV or XLSX) into the register without a window, for a supervisor
(`--operator`, PIN from CHECKPOINT_PIN or asked for). Both lists are imported by the same
code here; only the service differs.

The same two steps as the app: the preview (every row checked) and the import of its
valid rows in one transaction (services/residents.py, services/watchlist.py).
`--dry-run` stops after the preview. It prints the counts and each rejected row's line
and reasons, never a name or a number from the file. Exit 0 when the import was committed (rejected rows listed) or,
with --dry-run, when some row could be imported; 1 when no row could be imported;
2 for bad arguments (no such file, a file that is not such a list, wrong operator
or PIN, no register in --data-dir), as the other commands do.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from checkpoint_app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE
from checkpoint_app.cli_login import LoginRefused, cli_login
from checkpoint_app.cli_report import on_register
from checkpoint_app.paths import DataPaths

if TYPE_CHECKING:
    from checkpoint_app.core.table_import import RejectedRow

    from checkpoint_app.ui.catalogue import Catalogue


def add_parser(sub, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    """`residents import ...` and `watchlist import ...` under the command's subparsers."""
    residents = sub.add_parser("residents", help=cat.translate("cli", "the compound's residents (a supervisor's)"))
    _add_import(residents, "residents_command", common, cat, cat.translate(
        "cli", "import a residents list (CSV in UTF-8 or GB18030, or XLSX); rows already in the register are updated"),
        cat.translate("cli", "the residents list"))
    watchlist = sub.add_parser("watchlist", help=cat.translate(
        "cli", "home quarantine and medical observation (a supervisor's)"))
    _add_import(watchlist, "watchlist_command", common, cat, cat.translate(
        "cli", "import a watchlist (CSV in UTF-8 or GB18030, or XLSX); a person already on it for an overlapping "
               "period is updated"), cat.translate("cli", "the watchlist"))


def _add_import(command, dest: str, common: argparse.ArgumentParser, cat: Catalogue, help_text: str,
                file_help: str) -> None:
    actions = command.add_subparsers(dest=dest, required=True)
    imports = actions.add_parser("import", parents=[common], help=help_text)
    imports.add_argument("file", type=_path, help=file_help)
    imports.add_argument("--dry-run", action="store_true", help=cat.translate(
        "cli", "check the list and print what would be imported, without changing the register"))
    imports.add_argument("--operator", required=True, help=cat.translate(
        "cli", "the supervisor importing; the PIN is read from CHECKPOINT_PIN or asked for"))


def _path(text: str):
    from pathlib import Path

    return Path(text)


def _fail(text: str, code: int = EXIT_USAGE) -> int:
    print("checkpoint-cli: " + text, file=sys.stderr)
    return code


def run_residents(paths: DataPaths, args: argparse.Namespace, cat: Catalogue) -> int:
    """`residents import` or `watchlist import` (args.command says which list)."""


    if not args.file.is_file():  # before any login: a mistyped path is a usage error
        return _fail(cat.translate("cli", "{file} is not a file").format(file=args.file))
    if not paths.database.exists():  # nothing is created where there is no register
        return _fail(cat.translate("cli", "there is no register in {folder}").format(folder=paths.root))
    return on_register(paths, cat, lambda ctx: _import(ctx, args, cat), EXIT_PROBLEM, args.operator)


def _import(ctx, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.core.problems import InvalidInput
    from checkpoint_app.core.roles import NotPermitted

    service = ctx.watchlist if args.command == "watchlist" else ctx.residents

    try:
        actor = cli_login(ctx, args.operator, cat)
    except LoginRefused as refused:
        return _fail(refused.message)
    try:
        try:
            preview = service.preview_import(actor, args.file)
        except NotPermitted as refused:
            return _fail(cat.problem(refused.problem()))
        except InvalidInput as bad:
            return _fail("; ".join(cat.problem(p) for p in bad.problems))
        for warning in preview.warnings:
            print(cat.translate("cli", "warning: {text}").format(text=cat.problem(warning)), file=sys.stderr)
        if args.dry_run:
            _print_rejected(preview.rejected, cat)
            print(cat.translate("cli", "dry run: {valid} rows would be imported or updated, {rejected} rejected; "
                                       "nothing was changed").format(valid=len(preview.valid),
                                                                     rejected=len(preview.rejected)))
            return EXIT_OK if preview.valid else EXIT_PROBLEM
        if not preview.valid:
            _print_rejected(preview.rejected, cat)
            print(cat.translate("cli", "nothing imported: all {rejected} rows were rejected").format(
                rejected=len(preview.rejected)))
            return EXIT_PROBLEM
        result = service.import_rows(actor, preview)
        _print_rejected(sorted([*preview.rejected, *result.conflicts], key=lambda r: r.line), cat)
        print(cat.translate("cli", "imported {imported}, updated {updated}, rejected {rejected}").format(
            imported=result.imported, updated=result.updated, rejected=result.rejected))
        return EXIT_OK if result.imported or result.updated else EXIT_PROBLEM
    finally:
        ctx.operators.logout(actor)


def _print_rejected(rows: list[RejectedRow], cat: Catalogue) -> None:
    for row in rows:
        reasons = "; ".join(f"{_field_label(p.field, cat)}: {cat.problem(p)}" for p in row.problems)
        print(cat.translate("cli", "line {line}: {reasons}").format(line=row.line, reasons=reasons))


def _field_label(field: str, cat: Catalogue) -> str:
    labels = {
        "name": cat.translate("cli", "name"), "room": cat.translate("cli", "room"),
        "phone": cat.translate("cli", "phone"), "id_number": cat.translate("cli", "ID number"),
        "plates": cat.translate("cli", "plates"), "pass_code": cat.translate("cli", "pass code"),
        "kind": cat.translate("cli", "kind"), "start_date": cat.translate("cli", "start date"),
        "end_date": cat.translate("cli", "end date"), "reason": cat.translate("cli", "reason"),
    }
    return labels.get(field, field)
