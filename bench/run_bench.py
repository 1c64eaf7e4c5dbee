"""`make bench`: the register's performance over a large demo database (issue 2, "Benchmark").

  1. an N-entry data dir made by the real `checkpoint-cli demo-data` (cached per N and schema
     revision under bench/results/cache-<N>/; each run works on a copy);
  2. the save at the desk through the real form: Enter on the save button until the form is
     ready for the next person with the new row and the counts painted (the headline), and
     the save alone (no list/counts update) beside it;
  3. the register view: first page, each filter, each search kind, the result count (capped
     and exact), deep keyset paging;
  4. peak RSS of this process after all of the above;
  5. app start to first window vs a bare PySide6 window (subprocesses, alternating);
  6. issue 6: the login (Argon2id PIN check), and what the change record and audit events
     add to a save and a void (duty.py).
  7. the daily report of a day topped up to 10,000 entries, to screen and to PDF (daily_report.py).
  8. issue 7: the standard car through the vehicle form (keystrokes, scripted time) and the
     save of a five-occupant vehicle (vehicles.py).
  9. issue 8: the import of 50,000 residents from a GB18030 CSV into a fresh register, then
     resident lookups at the gate over them and a resident passing by scan (resident_lookup.py)
     (resident_import.py; `--skip-residents` leaves it out).
 10. issue 9: the export of a 100,000-record batch, verification included, and its peak memory
     (batch_export.py).
 11. issue 9: the office's import of 1,000,000 records into SQLite and PostgreSQL, with
     PostgreSQL COPY of the same rows and the peak memory of each (central_import.py;
     `--skip-central` leaves it out).
 12. issue 10: the retention purge and the backup of the whole register (purge.py,
     backup.py); with a built bundle (`make bundle`), its size and first window beside a
     bare PySide6 + SQLModel window bundled two ways (bundle_compare.py; `--skip-bundle`).
`--only-view` runs 1 and 3 alone (the register view's searches and filters).
Prints a table with targets and PASS/FAIL; writes bench/results/bench-<timestamp>.json and
bench/results/latest.json. Not a test: figures depend on the machine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/run_bench.py [--entries 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402
import report  # noqa: E402
from common import RESULTS, machine_info, ms, peak_rss_mb  # noqa: E402
from proc_rss import vm_hwm_mb  # noqa: E402


def log(text: str) -> None:
    print(text, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000, help="entries in the database (default 1,000,000)")
    parser.add_argument("--saves", type=int, default=1000, help="timed saves of each of the 3 kinds (default 1000)")
    parser.add_argument("--profile-saves", type=int, default=200, help="extra saves run under cProfile (0: none)")
    parser.add_argument("--startup-runs", type=int, default=7, help="start-up runs of each kind (default 7)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the cached database")
    parser.add_argument("--skip-startup", action="store_true", help="leave out the start-up comparison")
    parser.add_argument("--skip-report", action="store_true", help="leave out the daily report")
    parser.add_argument("--skip-residents", action="store_true", help="leave out the residents import")
    parser.add_argument("--skip-central", action="store_true", help="leave out the office's import of 1,000,000 records")
    parser.add_argument("--skip-bundle", action="store_true", help="leave out the bundle beside a bare one (make bundle)")
    parser.add_argument("--only-view", action="store_true",
                        help="the register view alone (searches, filters, paging): no saves, report, "
                             "integrity check or start-up")
    return parser.parse_args(argv)


def in_process(work: Path, anchor_day: dt.date, args, key: bytes | None = None) -> dict:
    """Everything measured inside this process, on the real main window."""
    import duty
    import integrity
    import saves
    import view

    from PySide6.QtWidgets import QApplication

    from checkpoint_app import logs
    from checkpoint_app.paths import DataPaths

    from checkpoint_app.services.context import open_context

    from checkpoint_app.ui import i18n, theme
    from checkpoint_app.ui.main_window import MainWindow

    out: dict = {}
    paths = DataPaths(work).ensure()
    logs.setup(paths.log_file)  # as the app does: every save writes a log line
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Checkpoint Register")
    i18n.install(app, "zh_CN")
    started = time.perf_counter()
    ctx = open_context(work, key=key)  # `key`: the encrypted copy's (bench/encryption.py)
    out["open_context_ms"] = ms(time.perf_counter() - started)
    theme.apply(app, False)
    started = time.perf_counter()
    from checkpoint_app.services.demo import DEMO_GUARD, DEMO_SUPERVISOR

    log("login (Argon2id PIN check and its audit event) ...")
    out["login"] = duty.login(ctx, *DEMO_SUPERVISOR, log=log)
    guard = ctx.operators.login(*DEMO_GUARD)
    window = MainWindow(ctx)
    window.set_actor(guard)  # the desk's saves are a guard's
    window.show()
    window.form.clear()
    app.processEvents()
    out["main_window_ms"] = ms(time.perf_counter() - started)
    out["startup_integrity"] = integrity.settle(window, app, log=log)  # issue 5 item 3: not measured against it
    try:
        if not args.only_view:
            log(f"saving {args.saves} entries at desk pace, then {args.saves} + {args.saves} back to back, through the form ...")
            out["saves"] = saves.run(window, args.saves, profile_saves=args.profile_saves, log=log)
            log("unit of work: saves and voids with and without their change records and audit events ...")
            out["unit_of_work"] = duty.unit_of_work_cost(
                ctx, ctx.operators.login(*DEMO_SUPERVISOR), lambda rng: _draft(saves.visitor(rng), dt.date.today()),
                log=log)
            import vehicles

            log("vehicles: the standard car through the vehicle form, a five-occupant vehicle's save ...")
            out["vehicles"] = vehicles.run(window, ctx, guard, ctx.operators.login(*DEMO_SUPERVISOR), log=log)
        log("register view ...")
        out["view"] = view.run(window, anchor_day, log=log)
        out["peak_rss_mb"] = peak_rss_mb()
        out["peak_rss_vmhwm_mb"] = vm_hwm_mb()
    finally:
        window.close()
        ctx.close()
    return out


def _draft(v: dict, today: dt.date):
    from checkpoint_app.core.entry import EntryDraft

    arrival = (today - dt.timedelta(days=v["arrival_days_ago"])).isoformat() if v["arrival_days_ago"] else ""
    return EntryDraft(category="visitor", name=v["name"], id_number=v["id_number"], phone=v["phone"],
                      destination=v["destination"], purpose=v["purpose"], origin_province=v["province"],
                      arrival_date=arrival, arrival_confirmed=bool(arrival), temperature=v["temperature"])


def main(argv=None) -> int:
    args = parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    result: dict = {"entries": args.entries, "machine": machine_info()}
    log(f"benchmark over {args.entries:,} entries")
    meta = data.ensure_cache(args.entries, rebuild=args.rebuild, log=log)
    result["data"] = meta
    work = data.work_copy(args.entries)
    result["work_dir"] = str(work)
    anchor_day = dt.date.fromisoformat(meta["last_day"])
    result.update(in_process(work, anchor_day, args))
    if args.only_view:
        args.skip_report = args.skip_startup = True
    if not args.skip_report:
        import daily_report  # issue 6: the daily report of a 10,000-entry day, to screen and to PDF

        log("daily report of a 10,000-entry day ...")
        result["daily_report"] = daily_report.run(work, log=log)
    if not args.only_view and not args.skip_residents:
        import resident_import  # issue 8: 50,000 residents from CSV

        log("import of 50,000 residents from CSV ...")
        result["resident_import"] = resident_import.run(log=log)
    if not args.only_view and not args.skip_central:
        import central_import  # issue 9: 1,000,000 records into the office database, SQLite and PostgreSQL

        log("office import of 1,000,000 records (SQLite, PostgreSQL, PostgreSQL COPY) ...")
        result["central_import"] = central_import.run(log=log)
    if not args.only_view:
        import batch_export  # issue 9: a batch of 100,000 records for the district office, verified

        log("export of a 100,000-record batch ...")
        result["batch_export"] = batch_export.run(log=log)
    if not args.only_view:
        import purge  # issue 10: the retention purge of the whole register, once the office acknowledged it

        log(f"retention purge of {args.entries:,} entries ...")
        result["purge"] = purge.run(args.entries, log=log)
    if not args.only_view:
        import backup  # issue 10: a checked backup of the whole register

        log(f"backup of {args.entries:,} entries ...")
        result["backup"] = backup.run(args.entries, log=log)
    if not args.only_view and not args.skip_bundle:
        import bundle_compare  # issue 10: the bundle (make bundle) beside a bare window bundled two ways

        if (bundle_compare.APP / "checkpoint-app").exists():
            log("the bundle beside a bare PySide6 + SQLModel window ...")
            result["bundle"] = bundle_compare.run(args.startup_runs, bundle_compare.RESULTS / "bare-venv", log=log)
        else:
            log("bundle comparison left out: no dist/checkpoint-app (run make bundle first)")
    if not args.only_view:
        import integrity  # issue 5 item 3: the background quick_check's cost

        log("integrity check (PRAGMA quick_check) ...")
        result["integrity"] = integrity.run(work / "register.sqlite3", log=log)
    if not args.skip_startup:
        import startup

        log(f"start-up: {args.startup_runs} runs each, bare window and app, alternating ...")
        result["startup"] = startup.run(work, runs=args.startup_runs, log=log)
        if result["startup"]["ratio_app_over_bare"] > report.TARGETS["start_ratio"]:
            result["startup"]["import_profile"] = startup.import_profile(work)
            result["startup"]["start_profile"] = startup.start_profile(work)
    result["verdicts"] = report.verdicts(result)
    text = report.render(result)
    print(text)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    payload = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    (RESULTS / f"bench-{stamp}.json").write_text(payload, encoding="utf-8")
    (RESULTS / "latest.json").write_text(payload, encoding="utf-8")
    (RESULTS / "latest.txt").write_text(text + "\n", encoding="utf-8")
    log(f"written: {RESULTS / f'bench-{stamp}.json'} and {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
