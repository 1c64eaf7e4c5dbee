"""Issue 8: the import of a residents list of 50,000 people from CSV (target <= 10 s).

The list is made by the demo generator (services/demo_residents.py: households in
1-1-101..12-3-1802, phones, ID numbers, plates, pass codes) and written as CSV in
GB18030, as Chinese Excel saves it, once per run into bench/results/work-residents/.
Each timed run starts from a fresh migrated register with only a supervisor, then times
what the supervisor waits for: the preview (decode, header, every row checked with the
register's rules, duplicates) plus the import of every row in one transaction (commit
with WAL and synchronous=FULL), separately and together; and the same list imported
again into the filled register (every row an update, plates replaced). Medians of
`--runs` runs (3 by default). Called from run_bench.py, or on its own:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/resident_import.py [--residents 50000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import resident_lookup  # noqa: E402
from common import RESULTS, machine_info, ms  # noqa: E402

TARGETS = {"import_s": 10.0}
WORK = RESULTS / "work-residents"
HEADER = ["姓名", "楼栋单元房号", "手机", "身份证号", "车牌", "通行证"]


def write_list(path: Path, residents: int, seed: int = 2020) -> dict:
    """The demo residents as a GB18030 CSV; returns its size."""
    from checkpoint_app.services.demo_residents import demo_residents

    started = time.perf_counter()
    with open(path, "w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for d in demo_residents(residents, seed):
            writer.writerow([d.name, d.room, d.phone, d.id_number, d.plates, d.pass_code])
    return {"residents": residents, "file_mb": round(path.stat().st_size / 2**20, 1),
            "generation_s": round(time.perf_counter() - started, 2)}


def _fresh_register(folder: Path):
    from argon2 import PasswordHasher

    from checkpoint_app.services.context import open_context

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    ctx = open_context(folder, pin_hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    boss = ctx.operators.create_first_supervisor("bench", "246813")
    ctx.operators.logout(boss)
    return ctx, ctx.operators.login("bench", "246813")


def run(residents: int = 50_000, runs: int = 3, log=print) -> dict:
    WORK.mkdir(parents=True, exist_ok=True)
    source = WORK / f"residents-{residents}.csv"
    out: dict = {"list": write_list(source, residents), "runs": runs}
    log(f"  list of {residents:,} residents: {out['list']['file_mb']} MB GB18030 CSV")
    preview_s, write_s, total_s, again_s = [], [], [], []
    for n in range(runs):
        ctx, boss = _fresh_register(WORK / "data")
        try:
            started = time.perf_counter()
            preview = ctx.residents.preview_import(boss, source)
            read = time.perf_counter()
            result = ctx.residents.import_rows(boss, preview)
            done = time.perf_counter()
            preview_s.append(read - started)
            write_s.append(done - read)
            total_s.append(done - started)
            if result.imported + result.updated != residents or result.rejected:
                raise RuntimeError(f"import wrote {result}, expected {residents:,} rows")
            started = time.perf_counter()
            again = ctx.residents.import_rows(boss, ctx.residents.preview_import(boss, source))
            again_s.append(time.perf_counter() - started)
            out["counts"] = {"imported": result.imported, "updated_in_file": result.updated,
                             "reimport_updated": again.updated, "reimport_imported": again.imported}
            log(f"  run {n + 1}: preview {preview_s[-1]:.2f} s + import {write_s[-1]:.2f} s = "
                f"{total_s[-1]:.2f} s; again (updates) {again_s[-1]:.2f} s")
            if n == runs - 1:  # the gate over the register just filled
                from checkpoint_app.core.roles import Role

                ctx.operators.create(boss, "bench-guard", Role.GUARD, "135792")
                guard = ctx.operators.login("bench-guard", "135792")
                out["gate"] = {"residents": residents, "lookups": resident_lookup.lookups(ctx, guard, log=log),
                               "scan_pass": resident_lookup.scan_pass(ctx, boss, guard, log=log)}
        finally:
            ctx.close()
    out.update({
        "preview_median_ms": ms(statistics.median(preview_s)), "write_median_ms": ms(statistics.median(write_s)),
        "total_median_ms": ms(statistics.median(total_s)), "total_max_ms": ms(max(total_s)),
        "reimport_median_ms": ms(statistics.median(again_s)),
    })
    shutil.rmtree(WORK / "data", ignore_errors=True)
    return out


def verdicts(r: dict) -> list[tuple[str, str, float, str, float | None]]:
    """(name, figure, value, target text, limit) rows for bench/report.py."""
    seconds = r["total_median_ms"] / 1000
    return [
        (f"Import of {r['list']['residents']:,} residents from CSV (GB18030): preview + one transaction",
         f"median {seconds:.1f} s (preview {r['preview_median_ms'] / 1000:.1f} s, write "
         f"{r['write_median_ms'] / 1000:.1f} s; max {r['total_max_ms'] / 1000:.1f} s, n={r['runs']})",
         seconds, "<= 10 s", TARGETS["import_s"]),
        ("  (info) the same list again: every row an update",
         f"median {r['reimport_median_ms'] / 1000:.1f} s", r["reimport_median_ms"] / 1000, "(no target)", None),
        *(resident_lookup.verdicts(r["gate"]) if "gate" in r else []),
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    result = {"machine": machine_info(), "resident_import": run(args.residents, args.runs)}
    m = result["machine"]
    print(f"Machine: {m['cpu']}, {m['cores_usable']} cores, {m['ram_gb']} GB RAM; SQLite {m['sqlite']}")
    for name, figure, value, target, limit in verdicts(result["resident_import"]):
        verdict = "info" if limit is None else ("PASS" if value <= limit else "FAIL")
        print(f"{name}: {figure}  [{target}: {verdict}]")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"resident-import-{stamp}.json").write_text(
        json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
