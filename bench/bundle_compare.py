"""Issue 10 item 6: the app's bundle beside a bare PySide6 + SQLModel window bundled the same
way (bench/bare_bundle/bare.spec: onedir, the app's excludes and Qt pruning), in one run:

- size on disk of each bundle folder, and zipped (deflate, as `make bundle` zips);
- first window: from starting the bundled executable to its window being mapped on an X
  server with a window manager (Xvfb + openbox, started here when DISPLAY is unset), polled
  with `xdotool search --onlyvisible --pid`; the two alternate, medians reported. The app
  starts on a new data folder each time (its window shows before the register is opened).

    make bundle && .venv/bin/python bench/bundle_compare.py [--runs 7]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
APP = ROOT / "dist" / "checkpoint-app"
BARE_DIST = RESULTS / "bare-dist"


def build_bare(python: str, dist: Path) -> Path:
    """The bare window bundled by `python`'s PyInstaller: this venv's (every package of the
    project installed, which PyInstaller's hooks partly collect), or a clean venv's holding
    only PySide6, SQLModel and PyInstaller at the project's pins (--clean-python)."""
    subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
                    "--workpath", str(dist.with_name(dist.name + "-build")), str(HERE / "bare_bundle" / "bare.spec")],
                   check=True, capture_output=True)
    return dist / "bare-window"


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20, 1)


def zipped_mb(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        archive = shutil.make_archive(str(Path(tmp) / folder.name), "zip", folder.parent, folder.name)
        return round(Path(archive).stat().st_size / 2**20, 1)


def first_window_s(command: list[str], env: dict[str, str], timeout_s: float = 30.0) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < timeout_s:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                                   env=env, capture_output=True)
            if found.returncode == 0 and found.stdout.strip():
                return time.perf_counter() - started
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} ended before showing a window")
            time.sleep(0.005)
        raise TimeoutError(command[0])
    finally:
        process.kill()
        process.wait()


def x_server(env: dict[str, str]) -> list[subprocess.Popen]:
    """Xvfb + openbox on a display of our own when none is given."""
    if env.get("DISPLAY"):
        return []
    env["DISPLAY"] = ":91"
    started = [subprocess.Popen(["Xvfb", ":91", "-screen", "0", "1366x768x24"], stderr=subprocess.DEVNULL)]
    time.sleep(1.0)
    started.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    time.sleep(1.0)
    return started


def run(runs: int, clean_python: str | None = None, log=print) -> dict:
    if not (APP / "checkpoint-app").exists():
        raise SystemExit("build the app's bundle first: make bundle")
    log("building the bare PySide6 + SQLModel bundle the same way ...")
    bare = build_bare(sys.executable, BARE_DIST)
    out: dict = {"app": {"folder_mb": folder_mb(APP), "zip_mb": zipped_mb(APP)},
                 "bare": {"folder_mb": folder_mb(bare), "zip_mb": zipped_mb(bare)}}
    if clean_python:
        clean = build_bare(clean_python, RESULTS / "bare-clean-dist")
        out["bare_clean_venv"] = {"folder_mb": folder_mb(clean), "zip_mb": zipped_mb(clean)}
        out["size_ratio_clean_venv"] = round(out["app"]["folder_mb"] / out["bare_clean_venv"]["folder_mb"], 2)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    servers = x_server(env)
    times: dict[str, list[float]] = {"app": [], "bare": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(runs + 1):  # the first pair warms the disk cache, not counted
                data = Path(tmp) / f"data-{i}"
                app_s = first_window_s([str(APP / "checkpoint-app"), "--data-dir", str(data), "--lang", "zh_CN"], env)
                bare_s = first_window_s([str(bare / "bare-window")], env)
                if i:
                    times["app"].append(app_s)
                    times["bare"].append(bare_s)
                    log(f"  run {i}/{runs}: app {app_s * 1000:.0f} ms, bare {bare_s * 1000:.0f} ms")
    finally:
        for server in reversed(servers):
            server.kill()
    for kind in times:
        out[kind]["first_window_median_ms"] = round(statistics.median(times[kind]) * 1000, 1)
        out[kind]["first_window_runs_ms"] = [round(t * 1000, 1) for t in times[kind]]
    out["size_ratio"] = round(out["app"]["folder_mb"] / out["bare"]["folder_mb"], 2)
    out["zip_ratio"] = round(out["app"]["zip_mb"] / out["bare"]["zip_mb"], 2)
    out["first_window_ratio"] = round(out["app"]["first_window_median_ms"] / out["bare"]["first_window_median_ms"], 2)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--clean-python", default=None, help=(
        "also bundle the bare window with this interpreter: a venv holding only PySide6-Essentials, sqlmodel "
        "and pyinstaller at the project's pins"))
    args = parser.parse_args(argv)
    out = run(args.runs, args.clean_python)
    print(json.dumps(out, indent=1))
    print(f"bundle: app {out['app']['folder_mb']} MB vs bare {out['bare']['folder_mb']} MB = {out['size_ratio']}x "
          f"(zipped {out['app']['zip_mb']} vs {out['bare']['zip_mb']} MB = {out['zip_ratio']}x; target <= 1.0x)")
    if "bare_clean_venv" in out:
        print(f"  beside the bare window bundled from a clean venv: {out['bare_clean_venv']['folder_mb']} MB = "
              f"{out['size_ratio_clean_venv']}x")
    print(f"first window: app {out['app']['first_window_median_ms']} ms vs bare "
          f"{out['bare']['first_window_median_ms']} ms = {out['first_window_ratio']}x (target <= 1.5x)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"bundle-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
