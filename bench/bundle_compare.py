"""Issue 10 item 6: the app's bundle beside a bare PySide6 + SQLModel window
(bench/bare_bundle/bare_window.py: an SQLite query through SQLModel, one window), in one run.

The bare window is bundled in a clean venv holding only PySide6-Essentials, SQLModel and
PyInstaller at the project's pins (created under bench/results/bare-venv on first use; a venv
holding the app's packages would have PyInstaller's hooks collect some of them into the bare
bundle), two ways, both onedir and stripped like the app:

- "defaults": `pyinstaller --onedir --strip bare_window.py`, what PyInstaller makes of a bare
  window; the app's own Qt pruning has to pay for everything the app adds;
- "pruned": bench/bare_bundle/bare.spec, the app's excludes and Qt pruning applied to the bare
  window too; beside it the app's ratio is what the app's own libraries weigh.

Measured: size on disk of each bundle folder, and zipped (deflate, as `make bundle` zips); the
first window, from starting the bundled executable to its window being mapped on an X server
with a window manager (Xvfb + openbox, started here when DISPLAY is unset), polled with
`xdotool search --onlyvisible --pid`, the three alternating, medians reported. The app starts
on a new data folder each time (its window shows before the register is opened).

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


BARE_PACKAGES = ("PySide6-Essentials", "shiboken6", "sqlmodel", "SQLAlchemy", "pydantic", "pydantic_core",
                 "annotated-types", "typing-inspection", "typing_extensions", "pyinstaller",
                 "pyinstaller-hooks-contrib", "altgraph", "packaging", "setuptools")


def pinned(names: tuple[str, ...] = BARE_PACKAGES) -> list[str]:
    """`name==version` for `names`, read from requirements.lock (the project's pins)."""
    wanted = {n.lower().replace("_", "-") for n in names}
    pins = []
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        spec = line.split("#", 1)[0].strip()
        if "==" in spec and spec.split("==")[0].strip().lower().replace("_", "-") in wanted:
            pins.append(spec)
    missing = wanted - {p.split("==")[0].strip().lower().replace("_", "-") for p in pins}
    if missing:
        raise SystemExit(f"requirements.lock pins no {sorted(missing)}")
    return pins


def clean_venv(folder: Path) -> str:
    """The clean venv's python, made (from the project's pins) when not there yet."""
    python = folder / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *pinned()], check=True)
    return str(python)


def build_bare(python: str, dist: Path, defaults: bool) -> Path:
    """The bare window bundled by the clean venv's PyInstaller: with its defaults, or with
    bare.spec (the app's pruning)."""
    work = dist.with_name(dist.name + "-build")
    if defaults:
        how = ["--onedir", "--strip", "--name", "bare-window", "--specpath", str(work),
               # SQLAlchemy picks the dialect's module by name from the URL: a bare app needs this too
               "--hidden-import", "sqlalchemy.dialects.sqlite.pysqlite", str(HERE / "bare_bundle" / "bare_window.py")]
    else:
        how = [str(HERE / "bare_bundle" / "bare.spec")]
    subprocess.run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist),
                    "--workpath", str(work), *how], check=True, capture_output=True)
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


def run(runs: int, venv: Path, log=print) -> dict:
    if not (APP / "checkpoint-app").exists():
        raise SystemExit("build the app's bundle first: make bundle")
    log(f"the clean venv for the bare window: {venv} ...")
    python = clean_venv(venv)
    bundles = {"app": APP / "checkpoint-app"}
    for kind, defaults in (("bare_defaults", True), ("bare_pruned", False)):
        log(f"bundling the bare window ({kind}) ...")
        bundles[kind] = build_bare(python, RESULTS / f"{kind}-dist", defaults) / "bare-window"
    out: dict = {kind: {"folder_mb": folder_mb(exe.parent), "zip_mb": zipped_mb(exe.parent)}
                 for kind, exe in bundles.items()}
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["QT_QPA_PLATFORM"] = "xcb"
    servers = x_server(env)
    times: dict[str, list[float]] = {kind: [] for kind in bundles}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(runs + 1):  # the first round warms the disk cache, not counted
                data = Path(tmp) / f"data-{i}"
                commands = {"app": [str(bundles["app"]), "--data-dir", str(data), "--lang", "zh_CN"],
                            "bare_defaults": [str(bundles["bare_defaults"])],
                            "bare_pruned": [str(bundles["bare_pruned"])]}
                round_s = {kind: first_window_s(command, env) for kind, command in commands.items()}
                if i:
                    for kind, seconds in round_s.items():
                        times[kind].append(seconds)
                    log(f"  run {i}/{runs}: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in round_s.items()))
    finally:
        for server in reversed(servers):
            server.kill()
    for kind in times:
        out[kind]["first_window_median_ms"] = round(statistics.median(times[kind]) * 1000, 1)
        out[kind]["first_window_runs_ms"] = [round(t * 1000, 1) for t in times[kind]]
    for kind in ("bare_defaults", "bare_pruned"):
        out[f"vs_{kind}"] = {
            "size_ratio": round(out["app"]["folder_mb"] / out[kind]["folder_mb"], 2),
            "zip_ratio": round(out["app"]["zip_mb"] / out[kind]["zip_mb"], 2),
            "first_window_ratio": round(out["app"]["first_window_median_ms"] / out[kind]["first_window_median_ms"], 2)}
    return out


def verdicts(out: dict):
    """(name, figure, value, target, limit) rows for bench/report.py."""
    for kind, label in (("bare_defaults", "PyInstaller's defaults"), ("bare_pruned", "the app's Qt pruning")):
        ratios = out[f"vs_{kind}"]
        yield (f"Bundle size: app / bare window bundled with {label}",
               f"{out['app']['folder_mb']:.1f} / {out[kind]['folder_mb']:.1f} MB = {ratios['size_ratio']:.2f}x "
               f"(zipped {out['app']['zip_mb']:.1f} / {out[kind]['zip_mb']:.1f} MB)",
               ratios["size_ratio"], "<= 1.0x", 1.0)
        yield (f"  First window of the bundle: app / bare ({label})",
               f"{out['app']['first_window_median_ms']:.0f} / {out[kind]['first_window_median_ms']:.0f} ms = "
               f"{ratios['first_window_ratio']:.2f}x", ratios["first_window_ratio"], "<= 1.5x", 1.5)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--venv", type=Path, default=RESULTS / "bare-venv", help=(
        "the clean venv the bare window is bundled in (made from the project's pins when missing)"))
    args = parser.parse_args(argv)
    out = run(args.runs, args.venv)
    print(json.dumps(out, indent=1))
    for kind, label in (("bare_defaults", "PyInstaller's defaults"), ("bare_pruned", "the app's pruning")):
        ratios = out[f"vs_{kind}"]
        print(f"beside the bare window with {label}: bundle {out['app']['folder_mb']} vs {out[kind]['folder_mb']} MB"
              f" = {ratios['size_ratio']}x (zipped {out['app']['zip_mb']} vs {out[kind]['zip_mb']} MB = "
              f"{ratios['zip_ratio']}x; target <= 1.0x); first window {out['app']['first_window_median_ms']} vs "
              f"{out[kind]['first_window_median_ms']} ms = {ratios['first_window_ratio']}x (target <= 1.5x)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"bundle-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
