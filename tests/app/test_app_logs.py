"""No personal data in any log, ever: exceptions are logged (and shown in the crash
dialog) as their type, SQLite's error code and the traceback's code locations only."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from actors import supervisor
from damage import ID, PHONE, damage_id_number, make_populated
from sqlalchemy import exc as sa_exc

from checkpoint_app import app as app_module
from checkpoint_app import logs
from checkpoint_app.paths import DataPaths

from checkpoint_app.core.listing import EntryFilter

from checkpoint_app.db import driver
from checkpoint_app.db.errors import StorageError

from checkpoint_app.services.context import open_context
from checkpoint_app.services.reader import RegisterReader

from checkpoint_app.ui import ask

NAME = "李四"


@pytest.fixture
def log_file(tmp_path) -> Path:
    paths = DataPaths(tmp_path / "data").ensure()
    logs.setup(paths.log_file)
    yield paths.log_file
    root = logging.getLogger("checkpoint")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()


def fragments(secret: str, size: int = 4) -> set[str]:
    return {secret[i:i + size] for i in range(len(secret) - size + 1)}


def assert_no_personal_data(text: str) -> None:
    # timestamps and the traceback's line numbers are digits the formatter writes itself
    text = re.sub(r", line \d+,", ", line N,", text)
    text = re.sub(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}", "", text, flags=re.MULTILINE)
    leaked = sorted(f for f in fragments(ID) | fragments(PHONE) | {NAME} if f in text)
    assert not leaked, f"personal data in the log: {leaked}\n{text}"


def damaged_read_error(tmp_path) -> StorageError:
    folder = tmp_path / "register"
    folder.mkdir()
    database = make_populated(folder, entries=200)
    damage_id_number(database)
    ctx = open_context(folder)
    try:
        with pytest.raises(StorageError) as caught:
            RegisterReader(ctx).page(supervisor(ctx), EntryFilter(), None, 50)
    finally:
        ctx.close()
    error = caught.value
    # the chain underneath quotes the stored text: that is what must never be written
    assert ID[6:] in str(error.__cause__) and ID[6:] in str(error.__cause__.orig)
    return error


def integrity_error_with_parameters() -> sa_exc.IntegrityError:
    orig = driver.IntegrityError("UNIQUE constraint failed: entry.id_number")
    orig.sqlite_errorcode, orig.sqlite_errorname = 2067, "SQLITE_CONSTRAINT_UNIQUE"
    error = sa_exc.IntegrityError("INSERT INTO entry (name, id_number, phone) VALUES (?, ?, ?)",
                                  (NAME, ID, PHONE), orig, hide_parameters=False)
    assert ID in str(error)
    return error


def undecodable() -> UnicodeDecodeError:
    stored = ID.encode()[:5] + b"\xff" + ID.encode()[6:]
    try:
        stored.decode("utf-8")  # the local `stored` holds the ID: locals are never logged either
    except UnicodeDecodeError as error:
        return error
    raise AssertionError("decoded")


def raise_in_context(error: BaseException) -> BaseException:
    """`error` raised with a traceback, and a bug raised while handling it."""
    try:
        try:
            raise error
        except BaseException:
            raise RuntimeError(f"while handling the visitor {NAME} {ID}")  # noqa: B904 - the implicit chain is the point
    except RuntimeError as bug:
        return bug


def test_exceptions_in_the_log_carry_no_personal_data(tmp_path, log_file):
    log = logging.getLogger("checkpoint.test")
    read_error = damaged_read_error(tmp_path)
    for error in (read_error, integrity_error_with_parameters(), undecodable(), ValueError(ID),
                  raise_in_context(undecodable()), raise_in_context(integrity_error_with_parameters())):
        log.error("failed", exc_info=error)
        log.warning("failed: %s", error)  # an exception passed as an argument
        log.error(error)  # or as the message
    text = log_file.read_text(encoding="utf-8")
    assert_no_personal_data(text)
    # what is there: the kinds, SQLite's codes, the code locations
    assert "checkpoint_app.db.errors.StorageError [corrupt]" in text
    assert "sqlalchemy.exc.OperationalError (from sqlcipher3.dbapi2.OperationalError)" in text
    assert "sqlalchemy.exc.IntegrityError (from sqlcipher3.dbapi2.IntegrityError) [SQLITE_CONSTRAINT_UNIQUE]" in text
    assert "UnicodeDecodeError" in text and "The above exception was the direct cause" in text
    assert "During handling of the above exception, another exception occurred:" in text
    assert re.search(r'File ".*reader\.py", line \d+, in page', text)
    assert re.search(r'File ".*test_app_logs\.py", line \d+, in raise_in_context', text)


def test_a_stack_and_a_text_formatted_by_another_handler_are_scrubbed_too(log_file):
    log = logging.getLogger("checkpoint.test")
    log.warning("where am I", stack_info=True)  # this source line is not logged: 11010519491231002X
    record = logging.LogRecord("checkpoint.test", logging.ERROR, __file__, 1, "failed", None,
                               (ValueError, ValueError(ID), None))
    record.exc_text = f"ValueError: {ID}"  # what a plain Formatter left on the record
    text = logs.ScrubbingFormatter(logs.FORMAT).format(record)
    assert text.endswith("failed\nValueError") and record.exc_text is None
    log_text = log_file.read_text(encoding="utf-8")
    assert "Stack (most recent call last):" in log_text and "in test_a_stack_and" in log_text
    assert_no_personal_data(log_text + text)


def test_the_crash_hook_logs_and_shows_the_scrubbed_form(tmp_path, monkeypatch, qapp):
    paths = DataPaths(tmp_path / "data").ensure()
    shown = []
    monkeypatch.setattr(ask, "crash", lambda parent, title, text, details: shown.append((title, text, details)))
    error = raise_in_context(damaged_read_error(tmp_path))
    root = logging.getLogger("checkpoint")
    try:
        for handler in list(root.handlers):  # a crash before the log was set up: the hook sets it up
            root.removeHandler(handler)
        app_module._crash_hook(paths)(type(error), error, error.__traceback__)
        assert isinstance(root.handlers[0].formatter, logs.ScrubbingFormatter)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
    (title, text, details), = shown
    assert title == "Unexpected error" and str(paths.log_file) in text
    assert "RuntimeError" in details and "StorageError [corrupt" in details and "in raise_in_context" in details
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "CRITICAL checkpoint.app: unexpected error" in log_text
    assert_no_personal_data(details + log_text)


def test_the_log_handler_uses_the_scrubbing_formatter(log_file):
    handlers = logging.getLogger("checkpoint").handlers
    assert len(handlers) == 1 and isinstance(handlers[0].formatter, logs.ScrubbingFormatter)


def test_the_readers_storage_error_says_only_its_kind(tmp_path):
    error = damaged_read_error(tmp_path)
    assert str(error) == "corrupt: OperationalError"
    shutil.rmtree(tmp_path / "register")
