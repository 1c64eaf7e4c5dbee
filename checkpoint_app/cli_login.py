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
    from checkpoint_app.core.roles import Actor

    from checkpoint_app.services.context import AppContext

    from checkpoint_app.ui.catalogue import Catalogue

PIN_VARIABLE = "CHECKPOINT_PIN"


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
    try:
        return (prompt or getpass.getpass)(cat.translate("cli", "PIN for {name}: ").format(name=name))
    except (EOFError, KeyboardInterrupt):
        raise LoginRefused(cat.translate("cli", "no PIN was given (set {variable} or type it when asked)").format(
            variable=PIN_VARIABLE)) from None


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
