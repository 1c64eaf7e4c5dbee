"""Issue 10: a backup of the 1,000,000-entry register (SQLite's backup API, then the
integrity check of the copy), as `BackupService.backup` makes it, and its peak memory.

    .venv/bin/python bench/backup.py [--entries 1000000]
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import entries_main  # noqa: E402
from data import DB_NAME, ensure_cache, work_copy  # noqa: E402
from proc_rss import vm_hwm_mb  # noqa: E402


def run(entries: int = 1_000_000, log=print) -> dict:
    from checkpoint_app.services.context import open_context
    from checkpoint_app.services.demo import DEMO_SUPERVISOR

    ensure_cache(entries, log=log)
    work = work_copy(entries)
    target = work.parent / "backup-target"
    shutil.rmtree(target, ignore_errors=True)
    ctx = open_context(work)
    try:
        boss = ctx.operators.login(*DEMO_SUPERVISOR)
        started = time.perf_counter()
        info = ctx.backups.backup(boss, target)
        seconds = time.perf_counter() - started
    finally:
        ctx.close()
    out = {"entries": entries, "backup_s": round(seconds, 1), "backup_mb": round(info.size / 2**20, 1),
           "register_mb": round((work / DB_NAME).stat().st_size / 2**20, 1), "peak_rss_mb": vm_hwm_mb()}
    shutil.rmtree(target, ignore_errors=True)
    log(f"  backup of {entries:,} entries: {seconds:.1f} s ({out['backup_mb']} MB), peak {out['peak_rss_mb']} MB")
    return out


def main(argv=None) -> int:
    return entries_main(__doc__, "backup", run, argv)


if __name__ == "__main__":
    sys.exit(main())
