"""Logging in at the command line, for station commands that need a role (`--operator NAME`).

The PIN comes from the CHECKPOINT_PIN environment variable (for scripts) or is asked for
with getpass, which does not echo it; it is never printed, logged or put in a message.
The login is the operator service's own, so wrong PINs count towards the lockout and
every attempt is audited, exactly as at the desk.
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING, Callable, Mapping

if TYPE_CHECKING:
    from checkpoint_app.paths import DataPaths

    from checkpoint_app.core.roles import Actor

    from checkpoint_app.services.context import AppContext

    from checkpoint_app.ui.catalogue import Catalogue

PIN_VARIABLE = "CHECKPOINT_PIN"
# the PIN typed for an encrypted register's key, reused for the login on it (one prompt
# per command; the process ends with the command)
_typed: dict[str, str] = {}


class LoginRefused(Exception):
    """The login failed; `message` says why in the catalogue's language (never the PIN)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_pin(name: str, cat: Catalogue, environ: Mapping[str, str] | None = None,
             prompt: Callable[[str], str] | None = None) -> str:
    """The PIN from CHECKPOINT_PIN, else asked for without echo (getpass)."""
    pin = (os.environ if environ is None else environ).get(PIN_VARIABLE)
    if pin is not None:
        return pin
    if name in _typed:
        return _typed.pop(name)
    try:
        return (prompt or getpass.getpass)(cat.translate("cli", "PIN for {name}: ").format(name=name))
    except (EOFError, KeyboardInterrupt):
        raise LoginRefused(cat.translate("cli", "no PIN was given (set {variable} or type it when asked)").format(
            variable=PIN_VARIABLE)) from None


def open_station(paths: DataPaths, operator: str | None, cat: Catalogue,
                 environ: Mapping[str, str] | None = None) -> AppContext:
    """The station's context for a command. An encrypted register is unlocked first with
    `operator`'s PIN (read once: the login that follows reuses it). A plain one (an older
    version's, not yet started with this one) is used as it is: only the desk app, which
    holds the folder's lock, converts it. Raises LoginRefused or StorageError (ENCRYPTED
    when no operator was given)."""
    import datetime as dt

    from checkpoint_app.core.problems import InvalidInput

    from checkpoint_app.services import encryption
    from checkpoint_app.services.context import open_context

    if not encryption.is_locked(paths):  # a plain register stays plain until the desk app converts it
        return open_context(paths.root)
    if not operator:
        from checkpoint_app.db.errors import StorageError, StorageProblem

        raise StorageError(StorageProblem.ENCRYPTED)
    pin = read_pin(operator, cat, environ)
    try:
        key = encryption.unlock_by_name(paths, operator, pin, dt.datetime.now().astimezone())
    except InvalidInput as refused:
        raise LoginRefused("; ".join(cat.problem(p) for p in refused.problems)) from None
    _typed[operator] = pin
    try:
        return open_context(paths.root, key=key)
    except BaseException:
        _typed.pop(operator, None)
        raise


def cli_login(ctx: AppContext, name: str, cat: Catalogue, environ: Mapping[str, str] | None = None,
              prompt: Callable[[str], str] | None = None) -> Actor:
    """Log `name` in with the PIN read as above. Raises LoginRefused (unknown operator,
    wrong PIN, locked out) or StorageError."""
    from checkpoint_app.core.problems import InvalidInput

    pin = read_pin(name, cat, environ, prompt)
    try:
        return ctx.operators.login(name.strip(), pin)
    except InvalidInput as refused:
        raise LoginRefused("; ".join(cat.problem(p) for p in refused.problems)) from None
