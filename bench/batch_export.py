"""Issue 9: the export of a batch of 100,000 records for the district office, verification
included (target <= 5 s), and its peak memory.

A demo register of `--records` passages (the demo filler: people on foot and vehicles
with their occupants, over 40 days; its demo office and escrow keys imported) is made
once per run in bench/results/work-batch/; each timed run works on a fresh copy of it
and times what the supervisor waits for: `BatchService.export` into a folder, i.e.
reading every change since the previous batch (none) and every audit event, declaring
the closed days (each day's report figures), gzip + tar + age encryption to two
recipients + the minisign signature, writing under .partial with fsync, renaming,
reading back and verifying signature and SHA-256, keeping the station's copy, and
recording the ledger row. Median of `--runs` runs (3 by default). Peak memory: the
peak RSS (VmHWM) of the process that ran the export (each export runs in a fresh
process), and tracemalloc's peak of Python allocations during one extra export (not
timed: tracemalloc slows everything down).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/batch_export.py [--records 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, machine_info  # noqa: E402
from proc_rss import vm_hwm_mb  # noqa: E402

TARGETS = {"export_s": 5.0}
WORK = RESULTS / "work-batch"


def _make_register(folder: Path, passages: int) -> dict:
    from checkpoint_app.services import demo
    from checkpoint_app.services.context import open_context

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    ctx = open_context(folder)
    try:
        demo.fill(ctx, passages, days=40, vehicle_share=demo.VEHICLE_SHARE)
    finally:
        ctx.close()
    return {"passages": passages, "generation_s": round(time.perf_counter() - started, 1)}


def _export(template: Path, run: Path, traced: bool = False) -> dict:
    from checkpoint_app.services.context import open_context
    from checkpoint_app.services.demo import DEMO_SUPERVISOR

    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(template, run / "data")
    ctx = open_context(run / "data")
    try:
        boss = ctx.operators.login(*DEMO_SUPERVISOR)
        ctx.batches.station_key()  # made once, as at the station's first look at its keys
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        entry = ctx.batches.export(boss, run / "stick")
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if traced else None
        if traced:
            tracemalloc.stop()
    finally:
        ctx.close()
    return {"seconds": seconds, "records": entry.records, "counts": entry.counts, "bytes": entry.size,
            "python_peak_mb": round(peak / 2**20, 1) if peak is not None else None, "peak_rss_mb": vm_hwm_mb()}


def _export_in_child(template: Path, run_dir: Path, traced: bool = False) -> dict:
    """One export in a fresh process, so its peak RSS is the export's own (the demo
    register's generation in this process would hide it)."""
    command = [sys.executable, __file__, "--one", str(template), str(run_dir)] + (["--traced"] if traced else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(records: int = 100_000, runs: int = 3, log=print) -> dict:
    template = WORK / "template"
    log(f"  making a demo register of {records:,} passages ...")
    made = _make_register(template, records)
    results = []
    for index in range(runs):
        result = _export_in_child(template, WORK / f"run-{index}")
        log(f"  export {index + 1}/{runs}: {result['seconds']:.2f} s, {result['records']:,} records, "
            f"{result['bytes'] / 2**20:.1f} MiB")
        results.append(result)
    traced = _export_in_child(template, WORK / "run-traced", traced=True)
    median = statistics.median(r["seconds"] for r in results)
    out = {
        "register": made, "records": results[0]["records"], "counts": results[0]["counts"],
        "batch_mib": round(results[0]["bytes"] / 2**20, 2), "runs_s": [round(r["seconds"], 3) for r in results],
        "export_median_s": round(median, 3), "target_s": TARGETS["export_s"],
        "records_per_s": round(results[0]["records"] / median), "pass": median <= TARGETS["export_s"],
        "peak_rss_mb_export_process": max(r["peak_rss_mb"] for r in results),
        "python_peak_mb_traced": traced["python_peak_mb"],
    }
    shutil.rmtree(WORK, ignore_errors=True)
    return out


def verdicts(r: dict) -> list[tuple[str, str, float, str, float | None]]:
    """(name, figure, value, target text, limit) rows for bench/report.py."""
    return [
        (f"Export of a batch of {r['records']:,} records for the district office, verification included",
         f"median {r['export_median_s']:.1f} s (runs {', '.join(f'{s:.1f}' for s in r['runs_s'])} s; "
         f"{r['batch_mib']:.1f} MiB)", r["export_median_s"], "<= 5 s", TARGETS["export_s"]),
        ("  (info) the export's peak memory: process RSS / Python allocations (tracemalloc)",
         f"{r['peak_rss_mb_export_process']:.0f} MB / {r['python_peak_mb_traced']:.0f} MB",
         r["peak_rss_mb_export_process"], "(no target)", None),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", nargs=2, type=Path, metavar=("TEMPLATE", "RUN_DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:  # a child of run(): one export, its result as the last line
        print(json.dumps(_export(*args.one, traced=args.traced)))
        return 0
    result = {"machine": machine_info(), "batch_export": run(args.records, args.runs)}
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return 0 if result["batch_export"]["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
