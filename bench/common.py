"""Small shared helpers for the benchmark: statistics, machine facts, cache eviction."""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def ms(seconds: float) -> float:
    return round(seconds * 1000.0, 3)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def latency_summary(seconds: list[float]) -> dict:
    """p50/p90/p99/max/mean in milliseconds."""
    if not seconds:
        return {"n": 0}
    return {
        "n": len(seconds),
        "p50_ms": ms(percentile(seconds, 50)),
        "p90_ms": ms(percentile(seconds, 90)),
        "p99_ms": ms(percentile(seconds, 99)),
        "max_ms": ms(max(seconds)),
        "mean_ms": ms(statistics.fmean(seconds)),
    }


def median_ms(seconds: list[float]) -> float:
    return ms(statistics.median(seconds))


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def evict_file_cache(*paths: Path) -> None:
    """Drop the OS page cache of these files (clean pages only), so the next read is cold."""
    for path in paths:
        if not path.exists():
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def machine_info() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    import PySide6
    from PySide6.QtCore import qVersion

    def pkg(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    dirty = _git("status", "--porcelain", "--", "checkpoint_app")
    return {
        "cpu": _cpu_model(),
        "cores_logical": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlalchemy": pkg("SQLAlchemy"),
        "sqlmodel": pkg("sqlmodel"),
        "qpa_platform": os.environ.get("QT_QPA_PLATFORM"),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "app_code_dirty": bool(dirty),
        "app_code_dirty_files": dirty.splitlines(),
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def entries_main(doc: str, name: str, run, argv=None) -> int:
    """The command line of a benchmark over the N-entry register: `--entries N`, then
    `run(N)`'s figures printed as JSON beside the machine's description."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(json.dumps({"machine": machine_info(), name: run(args.entries)}, indent=2, ensure_ascii=False))
    return 0
