"""`checkpoint-cli`: station commands that need no window."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from checkpoint_app.paths import default_data_dir


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 20_000_000:
        raise argparse.ArgumentTypeError(f"{value} is out of range (1 to 20,000,000)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="checkpoint-cli", description="Checkpoint Register station commands")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo-data", help="add realistic synthetic entries (for demos and benchmarks)")
    demo.add_argument("--data-dir", type=Path, default=None, help="station data directory")
    demo.add_argument("--entries", type=_positive, required=True, help="how many entries to add")
    demo.add_argument("--days", type=_positive, default=None, help="spread them over this many days")
    demo.add_argument("--seed", type=int, default=2020)
    doctor = sub.add_parser("doctor", help="check the database's integrity and schema version")
    doctor.add_argument("--data-dir", type=Path, default=None, help="station data directory")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if args.command == "doctor":
        return _doctor(data_dir)
    return _demo(data_dir, args.entries, args.days, args.seed)


def _doctor(data_dir: Path) -> int:
    from checkpoint_app.paths import DataPaths
    from checkpoint_app.services.doctor import examine

    report = examine(DataPaths(data_dir).database)
    for line in report.ok:
        print(f"ok       {line}")
    for line in report.problems:
        print(f"PROBLEM  {line}")
    print("healthy" if report.healthy else f"{len(report.problems)} problem(s) found")
    return 0 if report.healthy else 1


def _demo(data_dir: Path, entries: int, days: int | None, seed: int) -> int:
    from checkpoint_app.db.errors import StorageError
    from checkpoint_app.services import demo
    from checkpoint_app.services.context import open_context

    started = time.perf_counter()
    try:
        ctx = open_context(data_dir)
    except StorageError as error:
        print(f"checkpoint-cli: cannot open the database in {data_dir}: {error}", file=sys.stderr)
        return 2
    try:
        added = demo.fill(ctx, entries, days=days, seed=seed)
    finally:
        ctx.close()
    print(f"added {added} entries to {data_dir} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
