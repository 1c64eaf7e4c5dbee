"""Issue 10 item 2: every register figure with the register encrypted (SQLCipher), beside
the same figures on the plain register, in one run.

Two copies of the cached N-entry register: one left plain, one converted by the app's own
start path (`open_context(encrypt=True)`: the upgrade a station goes through, timed). Each
then gets the whole in-process run of `make bench` (the save through the form, the view's
first page, filters and searches, the vehicles, the login), and the app's start-up is
measured on both, alternating, beside the bare window. Also: the PIN's unwrapping of the
key (Argon2id at the real parameters) and the file sizes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/encryption.py [--entries 1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402
from common import RESULTS, machine_info  # noqa: E402

DEMO = ("demo", "246810")


def log(text: str) -> None:
    print(text, flush=True)


def run(entries: int, anchor_day: dt.date, args: argparse.Namespace, log=log) -> dict:
    import run_bench
    import startup

    from checkpoint_app.paths import DataPaths

    from checkpoint_app.services import encryption
    from checkpoint_app.services.context import open_context

    plain = data.work_copy(entries, f"work-{entries}-plain")
    encrypted = data.work_copy(entries, f"work-{entries}-encrypted")
    out: dict = {"entries": entries}
    log("converting the encrypted copy as the app's first start of this version would ...")
    started = time.perf_counter()
    ctx = open_context(encrypted, encrypt=True)
    out["conversion_s"] = round(time.perf_counter() - started, 2)
    ctx.close()
    paths = DataPaths(encrypted)
    unlocks = []
    for _ in range(5):
        started = time.perf_counter()
        key = encryption.unlock_by_name(paths, *DEMO, dt.datetime.now().astimezone())
        unlocks.append(time.perf_counter() - started)
    out["unlock_median_ms"] = round(statistics.median(unlocks) * 1000, 1)
    out["file_mb"] = {side: round(sum(p.stat().st_size for p in folder.glob("register.sqlite3*")) / 2**20, 1)
                      for side, folder in (("plain", plain), ("encrypted", encrypted))}
    log(f"  conversion {out['conversion_s']} s; PIN unwrap {out['unlock_median_ms']} ms; files {out['file_mb']}")
    for side, folder, side_key in (("plain", plain, None), ("encrypted", encrypted, key)):
        log(f"{side}: saves, vehicles, view ...")
        out[side] = run_bench.in_process(folder, anchor_day, args, key=side_key)
    if not args.skip_startup:
        log(f"start-up: {args.startup_runs} runs each, bare window, encrypted app, plain app, alternating ...")
        out["startup"] = startup.run(encrypted, runs=args.startup_runs, log=log, plain_dir=plain)
    out["table"] = table(out)
    return out


def _pair(label: str, plain: float, encrypted: float, unit: str = "ms") -> dict:
    return {"figure": label, "plain": plain, "encrypted": encrypted, "unit": unit,
            "ratio": round(encrypted / plain, 2) if plain else None}


def table(out: dict) -> list[dict]:
    """The figures side by side: plain, encrypted, and encrypted / plain."""
    p, e = out["plain"], out["encrypted"]
    rows = []
    for name, label in (("cycle", "save at the desk, Enter -> form ready (p99)"),
                        ("save", "save alone, back to back (p99)")):
        rows.append(_pair(label, p["saves"][name]["p99_ms"], e["saves"][name]["p99_ms"]))
        rows.append(_pair(label.replace("p99", "p50"), p["saves"][name]["p50_ms"], e["saves"][name]["p50_ms"]))
    rows.append(_pair("five-occupant vehicle save (p99)", p["vehicles"]["five_occupant_save"]["p99_ms"],
                      e["vehicles"]["five_occupant_save"]["p99_ms"]))
    cases = {c["label"]: c for c in e["view"]["cases"]}
    for case in p["view"]["cases"]:
        other = cases.get(case["label"])
        if other is not None:
            rows.append(_pair(f"view: {case['label']} (screen median)", case["screen_median_ms"],
                              other["screen_median_ms"]))
            rows.append(_pair(f"view: {case['label']} (sql cold)", case["sql_cold_ms"], other["sql_cold_ms"]))
    rows.append(_pair("open the register (open_context)", p["open_context_ms"], e["open_context_ms"]))
    rows.append(_pair("login (Argon2id check + audit, p50)", p["login"]["p50_ms"], e["login"]["p50_ms"]))
    rows.append(_pair("peak RSS of the run", p["peak_rss_mb"], e["peak_rss_mb"], "MB"))
    st = out.get("startup")
    if st:
        rows.append(_pair("start-up: first window shown (median)", st["app_plain"]["shown_median_ms"],
                          st["app"]["shown_median_ms"]))
        if "ready_median_ms" in st["app"]:
            rows.append(_pair("start-up: register's first page on screen (median, PIN unwrap included)",
                              st["app_plain"]["ready_median_ms"], st["app"]["ready_median_ms"]))
        if "peak_rss_mb_median" in st["app"]:
            rows.append(_pair("peak RSS of the app's own process when ready (median)",
                              st["app_plain"]["peak_rss_mb_median"], st["app"]["peak_rss_mb_median"], "MB"))
    rows.append(_pair("register files", out["file_mb"]["plain"], out["file_mb"]["encrypted"], "MB"))
    return rows


def render(out: dict) -> str:
    lines = [f"Encryption on vs off over {out['entries']:,} entries (conversion {out['conversion_s']} s, "
             f"PIN unwrap {out['unlock_median_ms']} ms)",
             f"{'figure':<72} {'plain':>10} {'encrypted':>10} {'ratio':>6}"]
    for row in out["table"]:
        ratio = f"{row['ratio']:.2f}" if row["ratio"] is not None else "-"
        lines.append(f"{row['figure'][:72]:<72} {row['plain']:>8.1f}{row['unit']:<2} {row['encrypted']:>8.1f}"
                     f"{row['unit']:<2} {ratio:>6}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=500, help="timed saves of each kind, each side (default 500)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args(argv)
    args.profile_saves, args.only_view = 0, False
    meta = data.ensure_cache(args.entries, log=log)
    out = run(args.entries, dt.date.fromisoformat(meta["last_day"]), args)
    out["machine"] = machine_info()
    text = render(out)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"encryption-{stamp}.json").write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
