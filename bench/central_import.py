"""Issue 9: the office's import of 1,000,000 records (target >= 20,000 records/s into SQLite
and into PostgreSQL), PostgreSQL COPY of the same rows beside it, and the peak memory of each.

The records are passages of the batch format (docs/batch-format.md §5.2): four in five a
person on foot, one in five a vehicle with one to four occupants (about 1.5 persons a
passage), realistic names, ID numbers and phones. They are sealed once with the real library
into `--batches` batches (10 of 100,000 by default, each in parts of 50,000), cached under
bench/results/work-central/<records>/, with the office key they are encrypted to.

Each measurement runs in a subprocess of its own, so its peak RSS (VmHWM) is its own:
- `import` into a new SQLite file, and into a fresh PostgreSQL schema: the office's
  OfficeService.import_paths, everything included (signature check, decryption, the
  manifest, the records' checks and hashes, one transaction per batch);
- `copy`: the same passages and persons, decrypted and decoded from the same batches,
  written into the same (empty) tables with COPY through the office's driver (pg8000):
  the floor for PostgreSQL.
The ratio import/COPY is reported. PostgreSQL comes from CHECKPOINT_TEST_PG_URL (or
--pg-url); without it the PostgreSQL rows are left out and the report says so.

    .venv/bin/python bench/central_import.py [--records 1000000] [--batches 10]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS  # noqa: E402
from proc_rss import vm_hwm_mb  # noqa: E402

TARGET_PER_S = 20_000
WORK = RESULTS / "work-central"
PASSPHRASE = "bench"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英"


def _records(count: int, first: int, rng: random.Random):
    import datetime as dt

    base = dt.datetime(2020, 2, 1, 0, 0, tzinfo=dt.timezone.utc)
    for n in range(first, first + count):
        at = base + dt.timedelta(seconds=n * 2)
        stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
        vehicle = rng.random() < 0.2
        persons = rng.randint(1, 4) if vehicle else 1
        people = []
        for position in range(persons):
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
            fever = rng.random() < 0.002
            people.append({
                "position": position, "driver": vehicle and position == 0, "category": "visitor", "name": name,
                "id_type": "resident_id", "id_number": f"4201{rng.randint(10, 99)}19{rng.randint(50, 99)}"
                f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 9999):04d}",
                "phone": f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}", "phone_foreign": False,
                "destination": f"{rng.randint(1, 12)}-{rng.randint(1, 3)}-{rng.randint(1, 18)}0{rng.randint(1, 4)}",
                "purpose": "回家", "origin_province": "42", "origin_city": "武汉", "arrival_date": None,
                "temp1": 385 if fever else rng.randint(358, 372), "temp2": None, "fever": fever,
                "symptoms": "fever" if fever else "", "key_area": False, "key_area_reasons": "",
                "resident_uuid": None, "watch_uuid": None})
        local = (at + dt.timedelta(hours=8)).date().isoformat()
        yield {"kind": "passage", "op": "create", "change": n, "at": stamp, "passage": {
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "seq": n,
            "direction": "in" if rng.random() < 0.6 else "out", "kind": "vehicle" if vehicle else "person",
            "plate": f"鄂A{rng.randint(10000, 99999)}" if vehicle else None, "plate_kind": None,
            "vehicle_category": "car" if vehicle else None, "any_fever": any(p["fever"] for p in people),
            "any_key_area": False, "proposed_decision": "allow", "decision": "allow", "override_reason": "",
            "leaflet": False, "notes": "", "exit_of": None, "recorded_at": stamp, "utc_offset_min": 480,
            "local_date": local, "operator": "李娜", "operator_id": 2, "voided": False, "void_reason": "",
            "voided_at": None, "voided_by": "", "voided_by_id": None, "corrects_uuid": None},
            "persons": people}


def make_batches(records: int, batches: int, log=print) -> dict:
    """The sealed batches, the enrollment and the office key (cached per size)."""
    from checkpoint_app.batch import sealed
    from checkpoint_app.batch.keys import ESCROW, Enrollment, OfficeIdentity
    from checkpoint_app.batch.minisign import SigningKey

    folder = WORK / f"{records}-{batches}"
    meta_path = folder / "meta.json"
    if meta_path.exists():
        return json.loads(meta_path.read_text(encoding="utf-8"))
    shutil.rmtree(folder, ignore_errors=True)
    (folder / sealed.FOLDER).mkdir(parents=True)
    office = OfficeIdentity.generate("基准测试区")
    escrow = OfficeIdentity.generate("基准备份", ESCROW)
    (folder / "office.key").write_bytes(office.seal(PASSPHRASE))
    key = SigningKey.generate()
    code = "BENCH-01"
    enrollment = Enrollment({"code": code, "name": "基准卡口", "district": "基准街道", "station_type": "road_checkpoint",
                             "province_code": "42"}, key.public(), "2020-02-01T00:00:00Z")
    (folder / "enrollment.json").write_text(enrollment.to_text(), encoding="utf-8")
    rng = random.Random(2020)
    per_batch = records // batches
    previous = None
    started = time.perf_counter()
    import datetime as dt

    for number in range(1, batches + 1):
        name = sealed.BatchName(code, number, dt.date(2020, 2, number), dt.date(2020, 2, number))
        manifest = {"format": "checkpoint-batch", "format_version": 1, "app_version": "bench", "schema_version": "0006",
                    "station": {"code": code, "name": "基准卡口", "district": "基准街道",
                                "station_type": "road_checkpoint", "province_code": "42", "key_id": key.key_id.hex()},
                    "batch": {"uuid": str(uuid.uuid4()), "number": number, "previous_sha256": previous,
                              "created_at": "2020-02-20T00:00:00Z", "created_by": "bench"},
                    "range": {"first_day": name.first_day.isoformat(), "last_day": name.last_day.isoformat()},
                    "counts": {"passage.create": per_batch}}
        batch = sealed.seal(name, manifest, _records(per_batch, (number - 1) * per_batch + 1, rng),
                            [office.public().age_recipient, escrow.public().age_recipient], key)
        (folder / sealed.FOLDER / batch.file_name).write_bytes(batch.ciphertext)
        (folder / sealed.FOLDER / (batch.file_name + sealed.SIGNATURE_SUFFIX)).write_text(batch.signature)
        previous = batch.sha256
        log(f"  sealed batch {number}/{batches} ({per_batch:,} records)")
    size = sum(p.stat().st_size for p in (folder / sealed.FOLDER).glob("*.age"))
    meta = {"folder": str(folder), "records": per_batch * batches, "batches": batches,
            "seal_s": round(time.perf_counter() - started, 1), "batches_mb": round(size / 2**20, 1)}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return meta


# ---- the measurements (each in its own subprocess) -----------------------------------------

def _child_import(folder: Path, db: str) -> dict:
    from checkpoint_app.batch import sealed
    from checkpoint_app.batch.keys import OfficeIdentity
    from checkpoint_app.central.service import OfficeService

    identity = OfficeIdentity.from_text(sys.stdin.read())
    service = OfficeService.open(db)
    service.enroll(folder / "enrollment.json")
    started, cpu = time.perf_counter(), time.process_time()
    results = service.import_paths([folder / sealed.FOLDER], identity)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    bad = [r for r in results if r.status != "imported"]
    if bad:
        raise SystemExit(f"import failed: {bad[0].reason}")
    records = sum(r.counts.get("passage.create", 0) for r in results)
    with service.engine.connect() as conn:
        from sqlalchemy import text

        persons = conn.execute(text("SELECT count(*) FROM office_person")).scalar_one()
    service.close()
    import resource

    helper_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB on Linux
    return {"seconds": round(elapsed, 2), "records": records, "persons": persons,
            "records_per_s": round(records / elapsed), "client_cpu_s": round(cpu, 2),
            "peak_rss_mb": vm_hwm_mb(), "helper_peak_rss_mb": round(helper_peak, 1)}


def _child_copy(folder: Path, db: str) -> dict:
    """The floor: the same rows with COPY into the same empty tables (decrypting and decoding
    the batches included, the office's checks, hashes and lookups left out), through the
    office's driver (pg8000) and its COPY text (prepare.copy_row), one COPY a 50,000 rows."""
    import datetime as dt

    import pg8000
    from sqlalchemy.engine import make_url

    from checkpoint_app.batch import sealed
    from checkpoint_app.batch.keys import OfficeIdentity
    from checkpoint_app.batch.minisign import PublicKey
    from checkpoint_app.central.database import pg8000_url
    from checkpoint_app.central.importer import PASSAGE_FIELDS, PERSON_FIELDS, passage_hash
    from checkpoint_app.central.prepare import copy_row
    from checkpoint_app.central.service import OfficeService

    identity = OfficeIdentity.from_text(sys.stdin.read())
    service = OfficeService.open(db)
    station = service.enroll(folder / "enrollment.json").station
    public = PublicKey.from_text(json.loads((folder / "enrollment.json").read_text())["minisign_public_key"])
    service.close()
    url, connect_args = pg8000_url(make_url(db))  # the schema's search_path is in the URL's options
    passage_cols = ["station_id", "content_hash", "batch_id", *PASSAGE_FIELDS.names]
    person_cols = ["passage_id", *PERSON_FIELDS.names]
    records = persons = 0
    started = time.perf_counter()
    conn = pg8000.connect(user=url.username, password=url.password, host=url.host or "localhost",
                          port=url.port or 5432, database=url.database, **connect_args)
    try:
        cursor = conn.cursor()
        station_id = cursor.execute("SELECT id FROM office_station WHERE code = %s", (station.code,)).fetchone()[0]
        next_id = 1
        for path in sorted((folder / sealed.FOLDER).glob("*.age")):
            with sealed.open_batch(path, lambda _c: public, identity.decryptor()) as opened:
                batch_id = cursor.execute(
                    "INSERT INTO office_batch (station_id, number, uuid, sha256, file_name, created_by, imported_at, "
                    "first_day, last_day, counts, format_version, app_version, schema_version) VALUES "
                    "(%s, %s, %s, %s, %s, '', %s, %s, %s, '{}', 1, '', '') RETURNING id",
                    (station_id, opened.name.number, opened.manifest["batch"]["uuid"], opened.sha256, path.name,
                     dt.datetime.now(dt.timezone.utc), opened.name.first_day, opened.name.last_day)).fetchone()[0]
                records_iter = opened.payload.records()
                while True:
                    chunk = list(itertools.islice(records_iter, 50_000))
                    if not chunk:
                        break
                    lines, people = [], []
                    for record in chunk:
                        row = PASSAGE_FIELDS.row(record["passage"], "passage", path.name)
                        lines.append(copy_row([next_id, station_id, passage_hash(record), batch_id,
                                                 *(row[c] for c in PASSAGE_FIELDS.names)]))
                        for p in record["persons"]:
                            person = PERSON_FIELDS.row(p, "person", path.name)
                            people.append(copy_row([next_id, *(person[c] for c in PERSON_FIELDS.names)]))
                        next_id += 1
                        records += 1
                    _copy(cursor, "office_passage", ["id", *passage_cols], lines)
                    persons += _copy(cursor, "office_person", person_cols, people)
        cursor.execute("SELECT setval(pg_get_serial_sequence('office_passage', 'id'), %s)", (next_id,))
        conn.commit()
    finally:
        conn.close()
    elapsed = time.perf_counter() - started
    return {"seconds": round(elapsed, 2), "records": records, "persons": persons,
            "records_per_s": round(records / elapsed),
            "peak_rss_mb": vm_hwm_mb()}


def _copy(cursor, table: str, columns: list[str], lines: list[str]) -> int:
    """One COPY of `lines` (rows in COPY's text format) into `table`."""
    if lines:
        cursor.execute(f"COPY {table} ({', '.join(columns)}) FROM STDIN", stream=["\n".join(lines) + "\n"])
    return len(lines)


def _run_child(kind: str, folder: Path, db: str, identity_text: str) -> dict:
    """One measurement in a fresh process; the office identity comes on stdin, unsealed
    here once (its scrypt would otherwise be the child's peak memory)."""
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--folder", str(folder), "--db", db],
                          input=identity_text, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{kind} into {db.split('://')[0]} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


class _Schema:
    def __init__(self, base: str):
        from sqlalchemy import create_engine, text

        self.name = "bench_" + uuid.uuid4().hex[:10]
        self.engine = create_engine(base)
        with self.engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{self.name}"'))
        self.url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        from sqlalchemy import text

        with self.engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.engine.dispose()


def run(records: int = 1_000_000, batches: int = 10, pg_url: str | None = None, log=print) -> dict:
    pg_url = pg_url or os.environ.get("CHECKPOINT_TEST_PG_URL")
    WORK.mkdir(parents=True, exist_ok=True)
    log(f"  sealing {records:,} records into {batches} batches (cached) ...")
    meta = make_batches(records, batches, log)
    folder = Path(meta["folder"])
    from checkpoint_app.central.service import load_identity

    identity_text = load_identity(folder / "office.key", PASSPHRASE).to_text()
    out: dict = {"batches": meta, "target_records_per_s": TARGET_PER_S}
    sqlite_file = WORK / "office-bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    out["sqlite"] = _run_child("import", folder, str(sqlite_file), identity_text)
    log(f"  SQLite: {out['sqlite']['records_per_s']:,} records/s ({out['sqlite']['seconds']} s), "
        f"peak {out['sqlite']['peak_rss_mb']} MB (helper process {out['sqlite']['helper_peak_rss_mb']} MB)")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
    if not pg_url:
        out["postgresql"] = "skipped: set CHECKPOINT_TEST_PG_URL (.ci/postgres.sh prints it)"
        log("  PostgreSQL: skipped (no CHECKPOINT_TEST_PG_URL)")
        return out
    for kind, key in (("import", "postgresql"), ("copy", "postgresql_copy")):
        schema = _Schema(pg_url)
        try:
            out[key] = _run_child(kind, folder, schema.url, identity_text)
        finally:
            schema.drop()
        helper = f" (helper process {out[key]['helper_peak_rss_mb']} MB)" if kind == "import" else ""
        log(f"  PostgreSQL {kind}: {out[key]['records_per_s']:,} records/s ({out[key]['seconds']} s), "
            f"peak {out[key]['peak_rss_mb']} MB{helper}")
    out["postgresql_import_over_copy"] = round(out["postgresql"]["seconds"] / out["postgresql_copy"]["seconds"], 2)
    log(f"  PostgreSQL import takes {out['postgresql_import_over_copy']}x the time of COPY")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--pg-url", default=None)
    parser.add_argument("--child", choices=("import", "copy"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = (_child_import if args.child == "import" else _child_copy)(args.folder, args.db)
        print(json.dumps(result))
        return 0
    from common import machine_info

    result = {"machine": machine_info(), **run(args.records, args.batches, args.pg_url)}
    text = json.dumps(result, indent=2, ensure_ascii=False, default=str)
    print(text)
    (RESULTS / "central-import-latest.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
