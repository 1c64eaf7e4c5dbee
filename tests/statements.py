"""Stopping a write after its Nth SQL statement (importable from any test module, like
stations.py): the kill and failure tests of migrations and saves use it."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import Engine, event


@contextmanager
def after_statement(n: int, action):
    """Run `action` right after the n-th SQL statement any engine executes; yields the
    list of statements run so far."""
    seen: list[str] = []

    def hook(_conn, _cursor, statement, *_args):
        seen.append(statement.strip())
        if len(seen) == n:
            action()

    event.listen(Engine, "after_cursor_execute", hook)
    try:
        yield seen
    finally:
        event.remove(Engine, "after_cursor_execute", hook)
