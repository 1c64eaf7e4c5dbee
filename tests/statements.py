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


def kill_after_each_statement(root, base, act) -> dict:
    """For a register prepared in `base`: count the statements of the write `act(folder,
    watched)` runs inside `with watched():` on a copy (a dry run), then for every N fork a
    child that runs it on its own copy `root/nN`, killed (SIGKILL) right after statement N
    of the watched write; the last child is never killed and completes. Returns {"total": statements, "signals": how each child
    ended (its signal, or minus its exit status)}."""
    import os
    import shutil
    import signal
    from pathlib import Path

    root, base = Path(root), Path(base)

    def run(folder: Path, n: int | None) -> int:
        seen: list[str] = []

        @contextmanager
        def watched():
            with after_statement(n or 10**9, lambda: os.kill(os.getpid(), signal.SIGKILL)) as statements:
                yield
            seen.extend(statements)

        act(folder, watched)
        return len(seen)

    dry = root / "dry"
    shutil.copytree(base, dry)
    total = run(dry, None)
    signals = []
    for n in range(1, total + 2):
        folder = root / f"n{n}"
        shutil.copytree(base, folder)
        pid = os.fork()
        if pid == 0:
            try:
                run(folder, n)
                os._exit(0)
            except BaseException:  # noqa: BLE001 - the child must never return into the worker
                os._exit(3)
        _, status = os.waitpid(pid, 0)
        signals.append(os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status))
    return {"total": total, "signals": signals}
