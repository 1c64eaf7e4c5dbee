"""Who is inside (issue 8, Build 4) on a big register: the list and the count the main
screen shows, and checking one out, timed on a COPY of a bench register.

    .venv/bin/python bench/inside.py COPY_DIR [--runs 15]

COPY_DIR is a data folder to use and change (e.g. a copy of bench/results/cache-1000000;
never the cache itself: checking out writes exits, and opening upgrades an older schema).
The clock is set to the register's last day at 21:00 (demo data links no exits, so every
visitor let in over the last `inside_days` days is inside). Prints medians and p95 in ms,
and the query plans (the local_date index and the partial index of exits).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms (n={len(ordered)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    from sqlalchemy import text

    from checkpoint_app.services.context import open_context
    from checkpoint_app.services.demo import DEMO_GUARD

    started = time.perf_counter()
    probe = open_context(args.data_dir)  # upgrades an older schema first
    with probe.connect() as conn:
        last = dt.date.fromisoformat(str(conn.execute(text("SELECT max(local_date) FROM passage")).scalar_one()))
        entries = conn.execute(text("SELECT max(id) FROM passage")).scalar_one()
    probe.close()
    print(f"opened {args.data_dir} ({entries} entries, last day {last}) in {time.perf_counter() - started:.1f} s")
    now = dt.datetime.combine(last, dt.time(21, 0)).astimezone()
    ctx = open_context(args.data_dir, clock=lambda: now)
    try:
        guard = ctx.operators.login(*DEMO_GUARD)
        listed: list[float] = []
        counted: list[float] = []
        rows = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            rows = ctx.inside.inside(guard)
            listed.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            counts = ctx.inside.counts(guard)
            counted.append(time.perf_counter() - t0)
        print(f"inside: {len(rows)} rows ({counts.late} late), list {_ms(listed)}")
        print(f"count: {_ms(counted)}")
        checked: list[float] = []
        for row in rows[: args.runs]:
            t0 = time.perf_counter()
            ctx.inside.check_out(guard, row.passage_id)
            checked.append(time.perf_counter() - t0)
        if checked:
            print(f"check out: {_ms(checked)}")
        from checkpoint_app.core.inside import first_day

        from checkpoint_app.db import inside_queries

        since = first_day(last, ctx.settings.get("inside_days"))
        with ctx.connect() as conn:
            for name, query in (("list", inside_queries._ROWS), ("count", inside_queries._COUNT)):
                plan = conn.execute(text("EXPLAIN QUERY PLAN " + query.text),
                                    {"since": since.isoformat(), "until": last.isoformat()}).fetchall()
                print(f"plan ({name}):")
                for step in plan:
                    print("   ", step[-1])
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
