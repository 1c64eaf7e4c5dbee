"""App start to first window, side by side with a bare PySide6 window, in the same run:
each script is launched as a subprocess, alternating, and timed from just before the
launch to the "SHOWN <epoch seconds>" it prints (wall clock, same machine)."""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _launch(script: str, *args: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    started = time.time()
    done = subprocess.run([sys.executable, str(HERE / script), *args], capture_output=True, text=True,
                          env=env, timeout=300)
    ended = time.time()
    line = next((out for out in done.stdout.splitlines() if out.startswith("SHOWN ")), None)
    if done.returncode != 0 or line is None or "ok=True" not in line:
        raise SystemExit(f"{script} failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    fields = dict(part.split("=", 1) for part in line.split()[2:])
    sample = {"shown_s": float(line.split()[1]) - started, "exit_s": ended - started, "rss_mb": float(fields["rss_mb"])}
    ready = next((out for out in done.stdout.splitlines() if out.startswith("READY ")), None)
    if ready is not None:  # the app only: register opened, first page and counts painted
        if "ok=True" not in ready:
            raise SystemExit(f"{script} opened an empty register:\n{done.stdout}")
        sample["ready_s"] = float(ready.split()[1]) - started
        form = next((out for out in done.stdout.splitlines() if out.startswith("FORM ")), None)
        if form is not None:
            sample["form_s"] = float(form.split()[1]) - started
        sample["rss_mb"] = float(dict(p.split("=", 1) for p in ready.split()[2:])["rss_mb"])
    return sample


def run(data_dir: Path, runs: int = 7, warmup: int = 1, log=print, plain_dir: Path | None = None) -> dict:
    """`data_dir`'s register is encrypted by the app's first (warm-up) start; `plain_dir`,
    when given, is started with the register left plain (encryption off), alternating."""
    samples: dict[str, list[dict]] = {"bare": [], "app": [], "bare_sqlmodel": []}
    reference_db = str(data_dir / "bare-reference.sqlite3")
    kinds = (("bare", "start_bare.py", ()), ("app", "start_app.py", (str(data_dir),)),
             ("bare_sqlmodel", "start_bare_sqlmodel.py", (reference_db,)))
    if plain_dir is not None:
        samples["app_plain"] = []
        kinds += (("app_plain", "start_app.py", (str(plain_dir), "--plain")),)
    for i in range(warmup + runs):
        for kind, script, args in kinds:
            sample = _launch(script, *args)
            if i >= warmup:
                samples[kind].append(sample)
        if i >= warmup:
            log(f"  run {i - warmup + 1}/{runs}: bare {samples['bare'][-1]['shown_s'] * 1000:.0f} ms, "
                f"app {samples['app'][-1]['shown_s'] * 1000:.0f} ms (ready {samples['app'][-1].get('ready_s', 0) * 1000:.0f} ms), "
                f"bare + SQLModel {samples['bare_sqlmodel'][-1]['shown_s'] * 1000:.0f} ms")
    out = {"runs": runs, "warmup_pairs": warmup}
    for kind, values in samples.items():
        out[kind] = {
            "shown_median_ms": round(statistics.median(v["shown_s"] for v in values) * 1000, 1),
            "shown_runs_ms": [round(v["shown_s"] * 1000, 1) for v in values],
            "process_wall_median_ms": round(statistics.median(v["exit_s"] for v in values) * 1000, 1),
            "peak_rss_mb_median": round(statistics.median(v["rss_mb"] for v in values), 1),
        }
        if all("ready_s" in v for v in values):
            out[kind]["ready_median_ms"] = round(statistics.median(v["ready_s"] for v in values) * 1000, 1)
            out[kind]["ready_runs_ms"] = [round(v["ready_s"] * 1000, 1) for v in values]
        if all("form_s" in v for v in values):
            out[kind]["form_median_ms"] = round(statistics.median(v["form_s"] for v in values) * 1000, 1)
    out["ratio_app_over_bare"] = round(out["app"]["shown_median_ms"] / out["bare"]["shown_median_ms"], 2)
    out["ratio_app_over_bare_sqlmodel"] = round(out["app"]["shown_median_ms"] / out["bare_sqlmodel"]["shown_median_ms"], 2)
    return out


def import_profile(data_dir: Path) -> list[str]:
    """`python -X importtime` of the app start: the slowest cumulative imports (evidence
    when start-up misses its target)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-X", "importtime", str(HERE / "start_app.py"), str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=300)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = line[len("import time:"):].split("|")
        rows.append((int(cumulative), name[1:].rstrip()))  # nested imports keep extra indentation
    top_level = [r for r in rows if not r[1].startswith(" ")]
    top_level.sort(reverse=True)
    return [f"{us / 1000:8.1f} ms  {name}" for us, name in top_level[:15]]


def start_profile(data_dir: Path, top: int = 40) -> list[str]:
    """cProfile of one app start (imports included): the top functions by cumulative time."""
    import pstats
    import tempfile

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "start.prof"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), str(HERE / "start_app.py"), str(data_dir)],
                       capture_output=True, text=True, env=env, timeout=300)
        if not out.exists():
            return ["(profile not written)"]
        buffer = io.StringIO()
        pstats.Stats(str(out), stream=buffer).sort_stats("cumulative").print_stats(top)
    return [line for line in buffer.getvalue().splitlines() if line.strip()][3:]
