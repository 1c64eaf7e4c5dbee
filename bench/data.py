"""The benchmark's data: an N-entry station made by the real `checkpoint-cli demo-data`,
cached under bench/results/cache-<N>/ (keyed by entry count, schema revision and the
demo generator's version), and copied to a scratch work dir for each run so the cache
itself is never written to. Since schema 0004 an entry is a passage; since generator
version "2-vehicles" about a quarter of them are vehicles with their occupants, so a
cache of persons only (no generator version in its meta) is rebuilt."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from common import RESULTS

DB_NAME = "register.sqlite3"  # checkpoint_app.paths.DataPaths.database


def schema_revision() -> str:
    from checkpoint_app.db.migrations import head_revision

    return head_revision()


def generator_version() -> str:
    from checkpoint_app.services.demo import GENERATOR_VERSION

    return GENERATOR_VERSION


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "checkpoint-cli"
    return [str(script)] if script.exists() else [sys.executable, "-m", "checkpoint_app.cli"]


def _describe(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        count, max_id, first_day, last_day = conn.execute(
            "SELECT count(*), max(id), min(local_date), max(local_date) FROM passage").fetchone()
        persons = conn.execute("SELECT count(*) FROM person_check").fetchone()[0]
        vehicles, plates = conn.execute("SELECT count(*), count(DISTINCT plate) FROM passage WHERE plate IS NOT NULL").fetchone()
        grams = conn.execute("SELECT count(*) FROM person_name_gram").fetchone()[0]
        analyzed = conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]
    finally:
        conn.close()
    return {"entries": count, "max_id": max_id, "person_checks": persons, "vehicles": vehicles,
            "distinct_plates": plates, "first_day": first_day,
            "last_day": last_day, "name_grams": grams, "has_sqlite_stat1": bool(analyzed)}


def ensure_cache(entries: int, rebuild: bool = False, log=print) -> dict:
    """The cache dir for `entries`, built with the real CLI when missing or stale.
    Returns its meta (with the generation time of when it was built)."""
    cache = RESULTS / f"cache-{entries}"
    meta_file = cache / "meta.json"
    revision, generator = schema_revision(), generator_version()
    if meta_file.exists() and not rebuild:
        meta = json.loads(meta_file.read_text())
        if (meta.get("schema_revision") == revision and meta.get("generator") == generator
                and meta.get("entries") == entries and (cache / DB_NAME).exists()):
            meta["reused"] = True
            log(f"reusing {cache} (built {meta['built_at']}, generation took {meta['generation_s']:.1f} s)")
            return meta
        log(f"cache {cache} is stale (revision {meta.get('schema_revision')}, generator {meta.get('generator')}; "
            f"now {revision}, {generator}): rebuilding")
    building = RESULTS / f"cache-{entries}.building"
    shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    command = [*_cli(), "demo-data", "--data-dir", str(building), "--entries", str(entries)]
    log("generating: " + " ".join(command))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"demo-data failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    log(f"generated {entries} entries in {elapsed:.1f} s: {done.stdout.strip()}")
    building.rename(cache)
    meta = {
        "entries": entries, "schema_revision": revision, "generator": generator, "generation_s": round(elapsed, 2),
        "cli_output": done.stdout.strip(), "command": command[1:],
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "db_bytes": (cache / DB_NAME).stat().st_size, **_describe(cache / DB_NAME),
    }
    meta_file.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    meta["reused"] = False
    return meta


def work_copy(entries: int, name: str | None = None) -> Path:
    """A fresh copy of the cached data dir that the run may write to (`name`: another
    copy beside the usual one)."""
    cache = RESULTS / f"cache-{entries}"
    work = RESULTS / (name or f"work-{entries}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for suffix in ("", "-wal"):  # a cleanly closed WAL database has no -wal file; copy it if present
        if (cache / (DB_NAME + suffix)).exists():
            shutil.copy2(cache / (DB_NAME + suffix), work / (DB_NAME + suffix))
    return work
