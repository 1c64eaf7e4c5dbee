"""Logging: one named logger per subsystem ("checkpoint.db", "checkpoint.ui", ...), a
rotating file in the data directory.

Personal data (names, ID numbers, phones) never reaches the log. Our own messages refer
to entries by sequence number only; exceptions are the danger, because their messages
and arguments can quote stored values (SQLite's "Could not decode to UTF-8 column
'id_number' with text '…'", a UnicodeDecodeError's bytes, a statement's parameters).
So every handler formats exceptions with `ScrubbingFormatter`: the exception's type,
SQLite's result code or the errno name, and the traceback's code locations (file, line,
function) for it and every exception chained to it; never a message, argument, source
line or local variable. The crash dialog shows the same form (`describe`).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def exception_label(error: BaseException) -> str:
    """'module.Type [CODE]': what kind of error, never what it said."""
    from checkpoint_app.db.errors import StorageError, code_name  # light: no SQLAlchemy at import

    kind = type(error)
    name = kind.__qualname__ if kind.__module__ in ("builtins", "__main__") else f"{kind.__module__}.{kind.__qualname__}"
    code = code_name(error)
    orig = getattr(error, "orig", None)  # SQLAlchemy's wrapper: the driver's exception and its code
    if isinstance(orig, BaseException):
        code = code or code_name(orig)
        name += f" (from {type(orig).__module__}.{type(orig).__qualname__})"
    if isinstance(error, StorageError):
        code = f"{error.kind.value}{' ' + code if code else ''}"
    return f"{name} [{code}]" if code else name


def describe(error: BaseException) -> str:
    """The scrubbed traceback of `error` and every exception chained to it (oldest first,
    as Python prints them): locations and labels only."""
    chain: list[tuple[BaseException, str]] = []  # newest first, each with how it led to the one before
    seen: set[int] = set()
    current: BaseException | None = error
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "The above exception was the direct cause of the following exception:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "During handling of the above exception, another exception occurred:"
        else:
            current = None
    parts: list[str] = []
    for exc, led_on in reversed(chain):
        parts.append(_one(exc))
        if led_on:
            parts.append(led_on)
    return "\n\n".join(parts)


def _one(error: BaseException) -> str:
    lines = ["Traceback (most recent call last):"] if error.__traceback__ is not None else []
    lines += [_location(frame) for frame in traceback.extract_tb(error.__traceback__)]
    lines.append(exception_label(error))
    return "\n".join(lines)


def _location(frame: traceback.FrameSummary) -> str:
    return f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'


class ScrubbingFormatter(logging.Formatter):
    """A Formatter that never writes an exception's message, arguments or locals."""

    def format(self, record: logging.LogRecord) -> str:
        exc_info, stack_info = record.exc_info, record.stack_info
        msg, args = record.msg, record.args
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        if isinstance(msg, BaseException):
            record.msg = exception_label(msg)
        if isinstance(args, tuple):  # an exception passed as a %s argument is labelled, not printed
            record.args = tuple(exception_label(a) if isinstance(a, BaseException) else a for a in args)
        try:
            text = super().format(record)
        finally:
            record.exc_info, record.stack_info, record.msg, record.args = exc_info, stack_info, msg, args
            record.exc_text = None  # never leave our text for, or take it from, another handler
        if exc_info and exc_info[1] is not None:
            text += "\n" + self.formatException(exc_info)
        if stack_info:
            text += "\n" + self.formatStack(stack_info)
        return text

    def formatException(self, ei) -> str:  # noqa: N802 - logging API
        return describe(ei[1]) if ei[1] is not None else ""

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging API
        # the stack as logging formats it: keep the "File ..., line ..., in ..." lines only
        kept = [line for line in stack_info.splitlines() if line.startswith(("Stack", "  File "))]
        return "\n".join(kept)


def setup(log_file: Path, level: int = logging.INFO) -> None:
    import logging.handlers  # ~8 ms: loaded after the first window is on screen

    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    root = logging.getLogger("checkpoint")
    root.setLevel(level)
    for old in list(root.handlers):
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)


def setup_stderr(level: int = logging.INFO) -> None:
    """When there can be no log file: the same scrubbed lines on stderr."""
    handler = logging.StreamHandler()
    handler.setFormatter(ScrubbingFormatter(FORMAT))
    root = logging.getLogger("checkpoint")
    root.setLevel(level)
    root.addHandler(handler)


def tail(log_file: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""
