"""Logging: one named logger per subsystem ("checkpoint.db", "checkpoint.ui", ...), a
rotating file in the data directory. Personal data (names, ID numbers, phones) is never
passed to a logger; entries are referred to by their sequence number."""

from __future__ import annotations

import logging
from pathlib import Path


def setup(log_file: Path, level: int = logging.INFO) -> None:
    import logging.handlers  # ~8 ms: loaded after the first window is on screen

    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("checkpoint")
    root.setLevel(level)
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)


def tail(log_file: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
