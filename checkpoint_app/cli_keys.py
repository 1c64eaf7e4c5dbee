"""`checkpoint-cli recover`: open an encrypted register with the office's escrow key and
give an operator a new PIN (a forgotten PIN, every supervisor gone).

The escrow key's passphrase comes from CHECKPOINT_CENTRAL_PASSPHRASE or is asked for;
the new PIN from CHECKPOINT_PIN or asked for twice. Neither is printed or logged.
Exit codes: 0 done, 1 refused (wrong escrow key, unacceptable PIN), 2 bad arguments or a
register that cannot be opened.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from checkpoint_app.cli import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, storage_text
from checkpoint_app.cli_login import PIN_VARIABLE
from checkpoint_app.paths import DataPaths

if TYPE_CHECKING:
    from checkpoint_app.ui.catalogue import Catalogue

PASSPHRASE_ENV = "CHECKPOINT_CENTRAL_PASSPHRASE"


def add_parser(sub, common: argparse.ArgumentParser, cat: Catalogue) -> None:
    recover = sub.add_parser("recover", parents=[common], help=cat.translate(
        "cli", "open the encrypted register with the office's escrow key and give an operator a new PIN"))
    recover.add_argument("--escrow-key", type=Path, required=True, help=cat.translate(
        "cli", "the escrow key file (escrow.key) from the district office; its passphrase from "
               "CHECKPOINT_CENTRAL_PASSPHRASE or asked for"))
    recover.add_argument("--operator", required=True, help=cat.translate(
        "cli", "the operator who gets the new PIN (CHECKPOINT_PIN, or asked for twice)"))


def _fail(text: str, code: int = EXIT_USAGE) -> int:
    print("checkpoint-cli: " + text, file=sys.stderr)
    return code


def _secret(prompt: str, variable: str, twice_prompt: str | None = None) -> str | None:
    given = os.environ.get(variable)
    if given is not None:
        return given or None
    try:
        first = getpass.getpass(prompt)
        if twice_prompt is not None and getpass.getpass(twice_prompt) != first:
            return None
    except (EOFError, KeyboardInterrupt):
        return None
    return first or None


def run_recover(paths: DataPaths, args: argparse.Namespace, cat: Catalogue) -> int:
    from checkpoint_app.batch.errors import BatchRejected
    from checkpoint_app.central.service import load_identity
    from checkpoint_app.cli_report import station_log

    from checkpoint_app.core.problems import InvalidInput

    from checkpoint_app.db.errors import StorageError

    from checkpoint_app.services import encryption
    from checkpoint_app.services.context import open_context

    if not args.escrow_key.is_file():
        return _fail(cat.translate("cli", "{file} is not a file").format(file=args.escrow_key))
    if not paths.database.exists():
        return _fail(cat.translate("cli", "there is no register in {folder}").format(folder=paths.root))
    passphrase = _secret(cat.translate("cli", "Passphrase of the escrow key: "), PASSPHRASE_ENV)
    if not passphrase:
        return _fail(cat.translate("cli", "a passphrase is needed"))
    try:
        identity = load_identity(args.escrow_key, passphrase)
    except BatchRejected as rejected:
        return _fail(cat.problem(rejected.problems[0]), EXIT_PROBLEM)
    with station_log(paths):
        try:
            key = encryption.recover(paths, identity.decryptor())
        except InvalidInput as refused:
            return _fail("; ".join(cat.problem(p) for p in refused.problems), EXIT_PROBLEM)
        except StorageError as error:
            return _fail(storage_text(error, paths, cat).removeprefix("checkpoint-cli: "))
        pin = _secret(cat.translate("cli", "New PIN for {name}: ").format(name=args.operator), PIN_VARIABLE,
                      cat.translate("cli", "The same PIN again: "))
        if not pin:
            return _fail(cat.translate("cli", "no PIN was given, or the two differ"))
        try:
            ctx = open_context(paths.root, key=key)
        except StorageError as error:
            return _fail(storage_text(error, paths, cat).removeprefix("checkpoint-cli: "))
        try:
            info = ctx.operators.set_pin_recovered(args.operator, pin)
        except InvalidInput as refused:
            return _fail("; ".join(cat.problem(p) for p in refused.problems), EXIT_PROBLEM)
        except StorageError as error:
            return _fail(storage_text(error, paths, cat).removeprefix("checkpoint-cli: "), EXIT_PROBLEM)
        finally:
            ctx.close()
    print(cat.translate("cli", "{name} has a new PIN; the register opens with it").format(name=info.name))
    return EXIT_OK
