"""Batches made with the format library alone (no register): a station key, an office
identity, a manifest and records, sealed and written where a stick would hold them.
Used by the format library's tests (tests/batch) and the standard-tools interop test."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkpoint_app.batch.keys import OfficeIdentity
from checkpoint_app.batch.minisign import SigningKey
from checkpoint_app.batch.sealed import FOLDER, SIGNATURE_SUFFIX, BatchName, SealedBatch, seal

DAY = dt.date(2020, 2, 13)


@dataclass(frozen=True)
class Station:
    code: str
    key: SigningKey

    def lookup(self, code: str):
        """A station_key callback that knows only this station."""
        return self.key.public() if code == self.code else None


def station(code: str = "JB-TSP-01") -> Station:
    return Station(code, SigningKey.generate())


def records(count: int) -> list[dict[str, Any]]:
    """`count` passage.create records with a person each (Chinese names, ID numbers, phones)."""
    return [{"kind": "passage", "op": "create", "change": i + 1, "at": "2020-02-13T01:00:00Z",
             "passage": {"uuid": str(uuid.UUID(int=i + 1)), "seq": i + 1, "direction": "in"},
             "persons": [{"position": 0, "name": f"张{i}", "id_number": f"42010219800101{i % 10000:04d}",
                          "phone": f"139{i:08d}"}]}
            for i in range(count)]


def manifest(at: Station, number: int = 1, counts: dict[str, int] | None = None,
             **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": "checkpoint-batch", "format_version": 1, "app_version": "0.1.0", "schema_version": "0006",
        "station": {"code": at.code, "name": "太平桥卡口", "district": "太平街道", "station_type": "road_checkpoint",
                    "province_code": "42", "key_id": at.key.key_id.hex()},
        "batch": {"uuid": str(uuid.uuid4()), "number": number, "previous_sha256": None,
                  "created_at": "2020-02-13T09:30:00Z", "created_by": "张卫东"},
        "range": {"first_at": "2020-02-13T01:00:00Z", "last_at": "2020-02-13T02:00:00Z",
                  "first_day": "2020-02-13", "last_day": "2020-02-13", "changes": [0, 1], "audit": [0, 0]},
        "counts": counts if counts is not None else {},
    }
    body.update(overrides)
    return body


def sealed(at: Station, office: OfficeIdentity, rows: list[dict[str, Any]], number: int = 1,
           escrow: OfficeIdentity | None = None, name_station: str | None = None,
           **manifest_overrides: Any) -> SealedBatch:
    """A batch of `rows` by `at`, encrypted to `office` (and `escrow`)."""
    counts: dict[str, int] = {}
    for row in rows:
        key = f"passage.{row['op']}" if row["kind"] == "passage" else row["kind"]
        counts[key] = counts.get(key, 0) + 1
    recipients = [office.public().age_recipient] + ([escrow.public().age_recipient] if escrow else [])
    name = BatchName(name_station or at.code, number, DAY, DAY)
    body = manifest(at, number, counts, **manifest_overrides)
    return seal(name, body, rows, recipients, at.key)


def write(batch: SealedBatch, root: Path) -> Path:
    """The batch and its signature under `root`/checkpoint-batches; the .age path."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / batch.file_name
    path.write_bytes(batch.ciphertext)
    path.with_name(path.name + SIGNATURE_SUFFIX).write_text(batch.signature, encoding="utf-8")
    return path
