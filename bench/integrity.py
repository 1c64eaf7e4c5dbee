"""The cost of the register's integrity check (issue 5, item 3): `PRAGMA quick_check`
through the app's own IntegrityCheck (its own read-only connection), as the app runs it
on a background thread after every start and once a day.

Measured twice: cold (the file's pages dropped from the OS cache first, as after a
reboot) and warm (right after, as when the app has been reading the register). The
first window never waits for it; the figure says how long the background thread keeps
one core and the disk busy after start. Called from run_bench.py on its work copy.
"""

from __future__ import annotations

from pathlib import Path

from common import evict_file_cache, ms


def run(database: Path, log=print) -> dict:
    from checkpoint_app.services.integrity import IntegrityCheck

    out: dict = {"file_mb": round(database.stat().st_size / 1024 / 1024, 1)}
    wal = database.with_name(database.name + "-wal")
    for kind in ("cold", "warm"):
        if kind == "cold":
            evict_file_cache(database, wal)
        result = IntegrityCheck(database).run()
        out[f"quick_check_{kind}_ms"] = ms(result.seconds)
        out[f"quick_check_{kind}_ok"] = result.ok
        log(f"  quick_check ({kind}): {ms(result.seconds):.0f} ms, ok={result.ok}")
    return out


def settle(window, app, log=print) -> dict:
    """Wait until the check the main window started behind itself has finished, so the
    save and view figures that follow are not measured against it; report how long it
    ran alongside the open window."""
    import time

    watch = window.health_watch
    started = time.perf_counter()
    while watch is not None and (watch._thread is None or watch._thread.is_alive()):
        app.processEvents()
        time.sleep(0.01)
    waited = ms(time.perf_counter() - started)
    result = watch.last_result if watch is not None else None
    ran = ms(result.seconds) if result is not None else None
    log(f"  start-up integrity check: ran {ran} ms beside the window; still running {waited:.0f} ms after it was filled")
    return {"startup_check_ms": ran, "startup_check_ok": result.ok if result is not None else None,
            "startup_check_wait_ms": waited}
