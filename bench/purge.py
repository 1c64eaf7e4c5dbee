"""Issue 10: the retention purge of a 1,000,000-entry register, and its peak memory.

The cached demo register (bench/data.py; the real `checkpoint-cli demo-data`, its demo
office and escrow keys imported) is copied, sent to the office the real way — one batch
of every change exported to a folder, and the demo office's signed acknowledgement of it
read back — and then, with the clock moved 200 days on so every entry is older than the
28-day retention period, `RetentionService.purge` is timed: the personal fields of every
passage and person erased with their name grams (secure_delete on), the ID/phone index
compacted, the log truncated. Reported: seconds, entries and persons erased, the file's
size before and after, and the peak RSS (VmHWM) of the process that ran it.

    .venv/bin/python bench/purge.py [--entries 1000000]
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import entries_main  # noqa: E402
from data import DB_NAME, ensure_cache, work_copy  # noqa: E402
from proc_rss import vm_hwm_mb  # noqa: E402


def _acknowledge(ctx, boss, stick: Path) -> int:
    """The demo office's acknowledgement of every batch in the ledger, read as from a stick."""
    from checkpoint_app.batch.keys import OFFICE
    from checkpoint_app.batch.sealed import ACKS, FOLDER, make_ack

    from checkpoint_app.services.demo_office import demo_identity

    office = demo_identity(OFFICE)
    station = ctx.station.current()
    listed = [{"station": station.code, "number": e.number, "uuid": e.uuid, "sha256": e.sha256,
               "imported_at": "2020-03-01T00:00:00Z"} for e in ctx.batches.ledger(boss)]
    name, body, signature = make_ack(office.name, office.signing, listed, dt.datetime.now(dt.timezone.utc))
    folder = stick / FOLDER / ACKS
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(body)
    (folder / (name + ".minisig")).write_text(signature, encoding="utf-8")
    return len(ctx.batches.read_acks(boss, stick).acknowledged)


def run(entries: int = 1_000_000, log=print) -> dict:
    from checkpoint_app.services.context import local_now, open_context
    from checkpoint_app.services.demo import DEMO_SUPERVISOR

    meta = ensure_cache(entries, log=log)
    work = work_copy(entries)
    database = work / DB_NAME
    log("  sending the register to the demo office (export + acknowledgement) ...")
    started = time.perf_counter()
    ctx = open_context(work)
    try:
        boss = ctx.operators.login(*DEMO_SUPERVISOR)
        ctx.batches.export(boss, work.parent / "purge-stick", close_today=True)
        acknowledged = _acknowledge(ctx, boss, work.parent / "purge-stick")
    finally:
        ctx.close()
    sent_s = time.perf_counter() - started
    size_before = database.stat().st_size
    with closing(sqlite3.connect(database)) as raw:  # values to look for in the file's bytes afterwards
        sample = [v for (v,) in raw.execute("SELECT id_number FROM person_check WHERE id_number IS NOT NULL "
                                            "ORDER BY id DESC LIMIT 20")]
    later = local_now() + dt.timedelta(days=200)  # every entry older than the retention period
    ctx = open_context(work, clock=lambda: later)
    try:
        boss = ctx.operators.login(*DEMO_SUPERVISOR)
        rewrite = {}
        compact = ctx.retention._compact

        def timed_compact() -> bool:  # the rewrite's share (the desk's saves wait this long at most)
            begun = time.perf_counter()
            try:
                return compact()
            finally:
                rewrite["s"] = time.perf_counter() - begun

        ctx.retention._compact = timed_compact
        peak_before = vm_hwm_mb()  # the export's peak, in this same process
        started = time.perf_counter()
        result = ctx.retention.purge(boss)
        seconds = time.perf_counter() - started
    finally:
        ctx.close()
    with closing(sqlite3.connect(database)) as raw:
        left = raw.execute("SELECT count(*) FROM person_check WHERE name != '' OR id_number IS NOT NULL "
                           "OR phone IS NOT NULL").fetchone()[0]
        grams = raw.execute("SELECT count(*) FROM person_name_gram").fetchone()[0]
    body = database.read_bytes()
    in_file = sum(v.encode() in body for v in sample)
    del body
    out = {"entries": entries, "register_built": meta.get("built_at"), "send_to_office_s": round(sent_s, 1),
           "batches_acknowledged": acknowledged, "purge_s": round(seconds, 1),
           "rewrite_s": round(rewrite.get("s", 0.0), 1), "rewritten": result.compacted,
           "sampled_ids_in_file": f"{in_file} of {len(sample)}", "passages": result.passages,
           "persons": result.persons, "waiting": result.waiting, "persons_with_identity_left": left,
           "name_grams_left": grams, "db_mb_before": round(size_before / 2**20, 1),
           "db_mb_after": round(database.stat().st_size / 2**20, 1), "peak_rss_mb": vm_hwm_mb(),
           "peak_rss_before_purge_mb": peak_before}
    log(f"  purge of {result.passages:,} entries ({result.persons:,} persons): {seconds:.1f} s, of which the "
        f"file's rewrite {out['rewrite_s']} s; sampled ID numbers still in the file: {out['sampled_ids_in_file']}; "
        f"peak {out['peak_rss_mb']} MB")
    return out


def main(argv=None) -> int:
    return entries_main(__doc__, "purge", run, argv)


if __name__ == "__main__":
    sys.exit(main())
