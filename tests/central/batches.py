"""Test batches made with the real library (batch.sealed.seal), of the shape
docs/batch-format.md §5.2 gives and the station's export writes: a `FakeStation` keeps a
signing key, a change counter and the hash chain, and seals each batch onto a "stick"."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkpoint_app.batch import sealed
from checkpoint_app.batch.keys import ESCROW, Enrollment, OfficeIdentity, utc_text
from checkpoint_app.batch.minisign import SigningKey

CST = dt.timezone(dt.timedelta(hours=8))
NAMES = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "=HYPERLINK(\"http://x\")", "杨帆", "赵磊"]


@dataclass
class Office:
    identity: OfficeIdentity
    escrow: OfficeIdentity

    @property
    def recipients(self) -> list[str]:
        return [self.identity.public().age_recipient, self.escrow.public().age_recipient]


_OFFICE: Office | None = None


def office_keys() -> Office:
    """One office and escrow identity for the whole test run (key generation is cheap,
    but one identity keeps the files comparable)."""
    global _OFFICE
    if _OFFICE is None:
        _OFFICE = Office(OfficeIdentity.generate("测试区指挥部"), OfficeIdentity.generate("测试区备份", ESCROW))
    return _OFFICE


def person(index: int, **overrides: Any) -> dict[str, Any]:
    values = {"position": 0, "driver": False, "category": "visitor", "name": NAMES[index % len(NAMES)],
              "id_type": "resident_id", "id_number": f"42010619800101{index % 10000:04d}",
              "phone": f"138{index % 100000000:08d}", "phone_foreign": False, "destination": "3-5-502",
              "purpose": "探亲", "origin_province": "42", "origin_city": "武汉", "arrival_date": None,
              "temp1": 365, "temp2": None, "fever": False, "symptoms": "", "key_area": False,
              "key_area_reasons": "", "resident_uuid": None, "watch_uuid": None}
    values.update(overrides)
    return values


@dataclass
class FakeStation:
    """A station as the office sees it through its batches."""

    code: str
    name: str = "测试卡口"
    district: str = "花山街道"
    station_type: str = "road_checkpoint"
    key: SigningKey = field(default_factory=SigningKey.generate)
    number: int = 0
    change: int = 0
    seq: int = 0
    previous_sha256: str | None = None
    sealed_batches: list[sealed.SealedBatch] = field(default_factory=list)

    def enrollment(self) -> Enrollment:
        return Enrollment({"code": self.code, "name": self.name, "district": self.district,
                           "station_type": self.station_type, "province_code": "42"}, self.key.public(),
                          "2020-02-01T00:00:00Z")

    def write_enrollment(self, folder: Path) -> Path:
        path = folder / f"enrollment-{self.code}.json"
        path.write_text(self.enrollment().to_text(), encoding="utf-8")
        return path

    # ---- records ---------------------------------------------------------------------------

    def _next_change(self) -> int:
        self.change += 1
        return self.change

    def passage(self, day: dt.date, persons: int = 1, op: str = "create", uuid: str | None = None,
                corrects: str | None = None, voided: bool = False, **overrides: Any) -> dict[str, Any]:
        self.seq += 1
        at = dt.datetime.combine(day, dt.time(9, 0), CST) + dt.timedelta(seconds=self.seq)
        passage = {"uuid": uuid or str(uuid_module.uuid4()), "seq": self.seq, "direction": "in",
                   "kind": "vehicle" if persons > 1 else "person", "plate": "鄂A12345" if persons > 1 else None,
                   "plate_kind": None, "vehicle_category": "car" if persons > 1 else None, "any_fever": False,
                   "any_key_area": False, "proposed_decision": "allow", "decision": "allow",
                   "override_reason": "", "leaflet": False, "notes": "", "exit_of": None,
                   "recorded_at": utc_text(at), "utc_offset_min": 480, "local_date": day.isoformat(),
                   "operator": "李娜", "operator_id": 2, "voided": voided, "void_reason": "",
                   "voided_at": None, "voided_by": "", "voided_by_id": None, "corrects_uuid": corrects}
        passage.update(overrides)
        return {"kind": "passage", "op": op, "change": self._next_change(), "at": utc_text(at), "passage": passage,
                "persons": [person(self.seq * 10 + i, position=i, driver=persons > 1 and i == 0)
                            for i in range(persons)]}

    def void(self, uuid: str, day: dt.date, reason: str = "登记错误") -> dict[str, Any]:
        at = utc_text(dt.datetime.combine(day, dt.time(12, 0), CST))
        return {"kind": "passage", "op": "void", "change": self._next_change(), "at": at, "uuid": uuid,
                "void": {"voided_at": at, "voided_by": "张卫东", "void_reason": reason}}

    def shift(self, shift_id: int, day: dt.date, ended: bool = False) -> dict[str, Any]:
        start = dt.datetime.combine(day, dt.time(8, 0), CST)
        return {"kind": "shift", "op": "upsert", "change": self._next_change(), "at": utc_text(start),
                "shift": {"id": shift_id, "started_at": utc_text(start), "started_by": "李娜",
                          "ended_at": utc_text(start + dt.timedelta(hours=8)) if ended else None,
                          "ended_by": "李娜" if ended else None, "handed_to": None, "handover_note": "",
                          "open_matters": "", "previous_shift_id": shift_id - 1 or None, "members": ["李娜", "王强"]}}

    def seven_ones(self, check_id: int, day: dt.date) -> dict[str, Any]:
        at = utc_text(dt.datetime.combine(day, dt.time(8, 5), CST))
        return {"kind": "seven_ones", "op": "create", "change": self._next_change(), "at": at,
                "check": {"id": check_id, "shift_id": 1, "checked_at": at, "operator": "李娜",
                          "reference_temp": 363, "items": [{"item": "thermometer", "present": True, "note": ""}]}}

    def audit(self, event_id: int, day: dt.date, action: str = "passage.save") -> dict[str, Any]:
        at = utc_text(dt.datetime.combine(day, dt.time(9, 0), CST))
        return {"kind": "audit", "id": event_id, "at": at, "operator_name": "李娜", "action": action,
                "outcome": "ok", "subject": "entry:x", "detail": "{}", "prev_hash": f"{event_id - 1:064x}",
                "hash": f"{event_id:064x}"}

    def day(self, day: dt.date, zero: bool = False, revision: int = 1, **figures: int) -> dict[str, Any]:
        values = {"registered": 0, "entered": 0, "left": 0, "refused": 0, "referrals": 0, "fevers": 0,
                  "key_area": 0, "alerts": 0, "vehicles": 0, "persons": 0}
        if not zero:
            values.update(registered=12, entered=10, left=2, refused=1, referrals=1, fevers=1, key_area=2,
                          alerts=1, vehicles=3, persons=12)
        values.update(figures)
        closed = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(7, 0), CST)
        return {"kind": "day", "day": day.isoformat(), "revision": revision, "closed_at": utc_text(closed),
                "closed_by": "张卫东", "zero_report": zero, "figures": values}

    # ---- sealing ----------------------------------------------------------------------------

    def seal(self, records: list[dict[str, Any]], first_day: dt.date, last_day: dt.date | None = None,
             recipients: list[str] | None = None, number: int | None = None,
             manifest_overrides: dict[str, Any] | None = None, key: SigningKey | None = None,
             counts: dict[str, int] | None = None) -> sealed.SealedBatch:
        """The next batch of this station (or batch `number`), sealed with the real library."""
        self.number = number if number is not None else self.number + 1
        name = sealed.BatchName(self.code, self.number, first_day, last_day or first_day)
        stated: dict[str, int] = {}
        for record in records if counts is None else ():
            k = f"passage.{record['op']}" if record["kind"] == "passage" else record["kind"]
            stated[k] = stated.get(k, 0) + 1
        manifest = {"format": "checkpoint-batch", "format_version": 1, "app_version": "0.1.0",
                    "schema_version": "0006",
                    "station": {"code": self.code, "name": self.name, "district": self.district,
                                "station_type": self.station_type, "province_code": "42",
                                "key_id": self.key.key_id.hex()},
                    "batch": {"uuid": str(uuid_module.uuid4()), "number": self.number,
                              "previous_sha256": self.previous_sha256,
                              "created_at": utc_text(dt.datetime.combine(last_day or first_day, dt.time(20), CST)),
                              "created_by": "张卫东"},
                    "range": {"first_at": None, "last_at": None, "first_day": first_day.isoformat(),
                              "last_day": (last_day or first_day).isoformat(), "changes": [0, self.change],
                              "audit": [0, 0]},
                    "counts": counts if counts is not None else stated}
        if manifest_overrides:
            for key_, value in manifest_overrides.items():
                manifest[key_] = value
        batch = sealed.seal(name, manifest, records, recipients or office_keys().recipients, key or self.key)
        self.previous_sha256 = batch.sha256
        self.sealed_batches.append(batch)
        return batch


def write(batch: sealed.SealedBatch, stick: Path) -> Path:
    """The batch and its signature onto `stick`/checkpoint-batches/."""
    folder = stick / sealed.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / batch.file_name
    path.write_bytes(batch.ciphertext)
    (folder / (batch.file_name + sealed.SIGNATURE_SUFFIX)).write_text(batch.signature, encoding="utf-8")
    return path
