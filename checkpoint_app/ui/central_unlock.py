"""Unlock the district office's identity (office.key) at the office window's start.

The key file is age-encrypted with a passphrase (docs/batch-format.md §8); the clerk picks
the file (or the office window was started with --identity) and types the passphrase,
which goes to the decryption only: it is never logged, stored or shown. A wrong
passphrase asks again; Cancel ends the start without opening anything."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QWidget

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import OfficeIdentity

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate

log = logging.getLogger("checkpoint.ui")

ATTEMPTS = 5


def unlock(parent: QWidget | None, path: Path | None) -> OfficeIdentity | None:
    """The office identity, or None when the clerk cancelled (or gave up)."""
    title = translate("CentralWindow", "Unlock the office key")
    if path is None:
        chosen = ask.open_file(parent, translate("CentralWindow", "Choose the office key (office.key)"),
                               "office.key (*.key);;*")
        if not chosen:
            return None
        path = Path(chosen)
    try:
        sealed = path.read_bytes()
    except OSError as error:
        ask.error(parent, title, translate("CentralWindow", "{file} cannot be read ({reason}).").format(
            file=path, reason=error.strerror or type(error).__name__))
        return None
    for _attempt in range(ATTEMPTS):
        secret = ask.passphrase(parent, title, translate(
            "CentralWindow", "Passphrase of the office key {file}:").format(file=path.name))
        if secret is None:
            return None
        try:
            identity = OfficeIdentity.unseal(sealed, secret, path.name)
        except BatchRejected as refused:
            log.info("office key not unlocked: %s", refused.reason)  # the reason code, never the passphrase
            ask.error(parent, title, i18n.problem_text(refused.problem))
            if refused.reason != "bad_passphrase":
                return None
            continue
        log.info("office key unlocked")
        return identity
    return None
