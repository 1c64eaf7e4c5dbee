"""The daily report's cost (issue 6, "Benchmark"): a day with 10,000 entries on the large
register, to the screen (target <= 1 s) and to a PDF (target <= 3 s).

The day before the register's last day (which the save benchmark writes into) is topped
up to exactly `target` entries with the demo generator (the work copy is a demo register),
then measured, each as medians of warm runs plus one cold first run (the file's pages
dropped from the OS cache first):
- figures: ReportService.daily (the GROUP BY over the day, the shifts) and the SQL alone;
- screen: the report window's recompute through the job runner until the figures, the
  chart and the tables are painted (what the supervisor waits for);
- PDF: daily + the A4 PDF painted and renamed into place (QPdfWriter), without and with
  the personal appendix.
Called from run_bench.py on its work copy, or on its own:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/daily_report.py --entries 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/daily_report.py --copy-of /path/to/cache-1000000

`--copy-of DIR` copies DIR's register into bench/results/work-report/ and upgrades the
copy if its schema is older: DIR itself is only read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, evict_file_cache, machine_info, ms  # noqa: E402

TARGETS = {"screen_ms": 1000.0, "pdf_ms": 3000.0}
DB_NAME = "register.sqlite3"


class _Clock:
    """The station's clock at the end of the measured day (a report of today is allowed)."""

    def __init__(self, day: dt.date):
        self.now = dt.datetime.combine(day, dt.time(23, 59, 0)).astimezone()

    def __call__(self) -> dt.datetime:
        return self.now


def day_size(database: Path, day: dt.date) -> int:
    import sqlite3

    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM passage WHERE local_date = ?", (day.isoformat(),)).fetchone()[0]
    finally:
        conn.close()


def last_day(database: Path) -> dt.date:
    import sqlite3

    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return dt.date.fromisoformat(conn.execute("SELECT max(local_date) FROM passage").fetchone()[0])
    finally:
        conn.close()


def top_up(work: Path, day: dt.date, target: int, log=print) -> dict:
    """Add demo entries to `day` until it holds `target` entries (never removes any)."""
    from checkpoint_app.services import demo
    from checkpoint_app.services.context import open_context

    before = day_size(work / DB_NAME, day)
    added = 0
    if before < target:
        ctx = open_context(work, clock=_Clock(day))
        try:
            started = time.perf_counter()
            added = demo.fill(ctx, target - before, days=1, seed=66)
            log(f"  topped {day} up from {before:,} to {before + added:,} entries in {time.perf_counter() - started:.1f} s")
        finally:
            ctx.close()
    return {"day": day.isoformat(), "entries_before": before, "entries": before + added}


def _median_ms(values: list[float]) -> float:
    return ms(statistics.median(values))


def measure(work: Path, day: dt.date, runs: int = 7, log=print) -> dict:
    """Everything timed (see the module docstring); needs a QApplication."""
    from PySide6.QtWidgets import QApplication

    from checkpoint_app.db import report_queries

    from checkpoint_app.services import demo
    from checkpoint_app.services.context import open_context
    from checkpoint_app.services.report import OutputFile

    from checkpoint_app.ui.jobs import JobRunner
    from checkpoint_app.ui.report_render import chinese_font_family, write_pdf
    from checkpoint_app.ui.report_window import ReportWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    database = work / DB_NAME
    out: dict = {"runs": runs}
    ctx = open_context(work, clock=_Clock(day))
    boss = demo.demo_staff(ctx)[0]
    pdf = RESULTS / "daily-report-bench.pdf"
    try:
        with ctx.connect() as conn:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + str(report_queries._DAY_GROUPS),
                                        {"day": day.isoformat()}).all()
        out["query_plan"] = [str(row[-1]) for row in plan]
        evict_file_cache(database, database.with_name(DB_NAME + "-wal"))
        started = time.perf_counter()
        report = ctx.reports.daily(boss, day)
        out["figures_cold_ms"] = ms(time.perf_counter() - started)
        out["registered"] = report.figures.registered
        out["zero_report"] = report.zero_report

        def timed(work_) -> list[float]:
            times = []
            for _ in range(runs):
                started_ = time.perf_counter()
                work_()
                times.append(time.perf_counter() - started_)
            return times

        def sql() -> None:
            with ctx.connect() as conn_:
                report_queries.day_figures(conn_, day)

        out["sql_median_ms"] = _median_ms(timed(sql))
        out["figures_median_ms"] = _median_ms(timed(lambda: ctx.reports.daily(boss, day)))

        family = chinese_font_family()

        def to_pdf(appendix: bool) -> None:
            made = ctx.reports.daily(boss, day, appendix=appendix)
            with OutputFile(pdf) as target:
                write_pdf(made, target.temp, family)
                target.commit()

        out["pdf_median_ms"] = _median_ms(timed(lambda: to_pdf(False)))
        out["pdf_bytes"] = pdf.stat().st_size
        out["pdf_appendix_median_ms"] = _median_ms(timed(lambda: to_pdf(True)))
        out["appendix_persons"] = len(ctx.reports.daily(boss, day, appendix=True).appendix or ())

        jobs = JobRunner()
        window = ReportWindow(ctx, lambda: boss, jobs)
        window.show()
        app.processEvents()
        window.day_edit.blockSignals(True)
        window.day_edit.setDate(day)
        window.day_edit.blockSignals(False)
        screen = []
        for _ in range(runs):
            started = time.perf_counter()
            job = window.recompute()
            assert job is not None
            jobs.wait_idle()  # the worker ended and on_done (the tables, the chart) ran
            window.repaint()  # painted, not just scheduled
            app.processEvents()
            screen.append(time.perf_counter() - started)
        out["screen_median_ms"] = _median_ms(screen)
        out["screen_max_ms"] = ms(max(screen))
        window.close()
        jobs.shutdown()
    finally:
        ctx.operators.logout(boss)
        ctx.close()
    log(f"  figures: cold {out['figures_cold_ms']:.0f} ms, median {out['figures_median_ms']:.0f} ms (SQL "
        f"{out['sql_median_ms']:.0f} ms); screen median {out['screen_median_ms']:.0f} ms; PDF median "
        f"{out['pdf_median_ms']:.0f} ms ({out['pdf_bytes'] / 1024:.0f} KB), with appendix "
        f"{out['pdf_appendix_median_ms']:.0f} ms ({out['appendix_persons']} persons)")
    return out


def run(work: Path, target: int = 10_000, runs: int = 7, log=print) -> dict:
    """Top up the day before the register's last day and measure it (run_bench.py)."""
    day = last_day(work / DB_NAME) - dt.timedelta(days=1)
    mark_as_demo(work)
    result = top_up(work, day, target, log)
    result.update(measure(work, day, runs, log))
    return result


def verdicts(r: dict) -> list[tuple[str, str, float, str, float]]:
    """(name, figure, value, target text, limit) rows for bench/report.py."""
    return [
        (f"Daily report of a {r['entries']:,}-entry day: to screen (figures, chart, tables painted)",
         f"median {r['screen_median_ms']:.0f} ms (figures {r['figures_median_ms']:.0f}, SQL {r['sql_median_ms']:.0f}, "
         f"cold figures {r['figures_cold_ms']:.0f} ms)", r["screen_median_ms"], "<= 1 s", TARGETS["screen_ms"]),
        (f"Daily report of a {r['entries']:,}-entry day: to PDF",
         f"median {r['pdf_median_ms']:.0f} ms; with appendix ({r['appendix_persons']} persons) "
         f"{r['pdf_appendix_median_ms']:.0f} ms", r["pdf_median_ms"], "<= 3 s", TARGETS["pdf_ms"]),
    ]


def _copy(source: Path, log=print) -> Path:
    work = RESULTS / "work-report"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for suffix in ("", "-wal"):
        if (source / (DB_NAME + suffix)).exists():
            shutil.copy2(source / (DB_NAME + suffix), work / (DB_NAME + suffix))
    started = time.perf_counter()
    from checkpoint_app.services.context import open_context

    open_context(work).close()  # upgrades the copy when its schema is older
    log(f"copied {source} to {work} (opened/upgraded in {time.perf_counter() - started:.1f} s)")
    return work


def mark_as_demo(work: Path) -> None:
    """The work copy is the benchmark's scratch register: marked as a demo one (registers
    made by older demo-data lack the mark), so the demo generator may top the day up and
    the demo supervisor be created in it. Never called on anything but a copy."""
    import sqlite3

    from checkpoint_app.services.demo import DEMO_SETTING

    conn = sqlite3.connect(work / DB_NAME)
    try:
        with conn:
            conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES (?, 'true')", (DEMO_SETTING,))
    finally:
        conn.close()


def main(argv=None) -> int:
    import data

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="the cached register's size (bench/data.py)")
    parser.add_argument("--copy-of", type=Path, default=None, help="measure on a copy of this data folder instead")
    parser.add_argument("--day-entries", type=int, default=10_000, help="entries on the measured day")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.copy_of is not None:
        work = _copy(args.copy_of)
        source = {"copy_of": str(args.copy_of)}
    else:
        meta = data.ensure_cache(args.entries, log=print)
        work = data.work_copy(args.entries)
        source = {"cache": meta}
    result = {"machine": machine_info(), **source, "register_entries": None}
    import sqlite3

    conn = sqlite3.connect(f"file:{work / DB_NAME}?mode=ro", uri=True)
    result["register_entries"] = conn.execute("SELECT count(*) FROM passage").fetchone()[0]
    conn.close()
    result["report"] = run(work, args.day_entries, args.runs)
    m = result["machine"]
    print(f"Machine: {m['cpu']}, {m['cores_usable']} cores, {m['ram_gb']} GB RAM; SQLite {m['sqlite']}, "
          f"PySide6 {m['pyside6']}; register {result['register_entries']:,} entries")
    for name, figure, value, target, limit in verdicts(result["report"]):
        print(f"{name}: {figure}  [{target}: {'PASS' if value <= limit else 'FAIL'}]")
    print("query plan: " + " | ".join(result["report"]["query_plan"]))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"daily-report-{stamp}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str),
                                                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
