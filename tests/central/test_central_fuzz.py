"""Fuzzing the office's importer (issue 10 item 5, hypothesis): batches signed properly by
an enrolled station but with their content mutated — a record's field given any JSON
value, or the decrypted payload's bytes flipped, cut or extended — are imported or
rejected, never crash the importer, and a rejected one writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pyrage
from batches import FakeStation, office_keys, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyrage import x25519
from sqlalchemy import func, select

from checkpoint_app.batch import sealed
from checkpoint_app.batch.minisign import file_digests
from checkpoint_app.central.models import OFFICE_METADATA
from checkpoint_app.central.service import IMPORTED, REJECTED, OfficeService

DAY = dt.date(2020, 2, 13)
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
JSON = st.recursive(st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63 - 1)
                    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                    max_leaves=6)
_codes = itertools.count(1)


def rows(service: OfficeService) -> dict[str, int]:
    with service.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in OFFICE_METADATA.sorted_tables}


def records(station: FakeStation) -> list[dict]:
    return [station.passage(DAY), station.passage(DAY, persons=3), station.void("00000000-0000-4000-8000-00000000abcd", DAY),
            station.shift(1, DAY), station.seven_ones(1, DAY), station.audit(1, DAY), station.day(DAY)]


def _mutate(data, value, record: dict) -> dict:
    """`record` with one field (at any depth) set to `value`, or one removed."""
    record = __import__("copy").deepcopy(record)
    node = record
    while True:
        keys = sorted(node)
        key = data.draw(st.sampled_from(keys))
        child = node[key]
        if isinstance(child, dict) and child and data.draw(st.booleans()):
            node = child
            continue
        if isinstance(child, list) and child and isinstance(child[0], dict) and data.draw(st.booleans()):
            node = child[data.draw(st.integers(0, len(child) - 1))]
            continue
        if data.draw(st.integers(0, 9)) == 0:
            del node[key]
        else:
            node[key] = value
        return record


def _import(service: OfficeService, station: FakeStation, batch, tmp_path) -> str:
    before = rows(service)
    stick = tmp_path / f"stick-{station.code}"
    [result] = service.import_paths([write(batch, stick)], office_keys().identity)
    assert result.status in (IMPORTED, REJECTED)
    if result.status == REJECTED:
        assert rows(service) == before, result.reason
    return result.status


def test_records_with_any_field_mutated_are_imported_or_rejected_whole(tmp_path):
    service = OfficeService.open(tmp_path / "office.sqlite3")
    outcomes: list[str] = []

    @FUZZ
    @given(st.data(), JSON)
    def one(data, value) -> None:
        station = FakeStation(f"FZ-{next(_codes):04d}")
        service.enroll(station.write_enrollment(tmp_path))
        batch_records = records(station)
        counts = {"passage.create": 2, "passage.void": 1, "shift": 1, "seven_ones": 1, "audit": 1, "day": 1}
        index = data.draw(st.integers(0, len(batch_records) - 1))
        batch_records[index] = _mutate(data, value, batch_records[index])  # the manifest as before it
        outcomes.append(_import(service, station, station.seal(batch_records, DAY, counts=counts), tmp_path))

    try:
        one()
    finally:
        service.close()
    assert REJECTED in outcomes  # the fuzzing reached the checks


def _payload(batch) -> bytes:
    out = io.BytesIO()
    pyrage.decrypt_io(io.BytesIO(batch.ciphertext), out, [office_keys().identity.decryptor()])
    return out.getvalue()


def _resealed(station: FakeStation, batch, payload: bytes):
    """`payload` encrypted to the office and signed by the station, as a real station would."""
    out = io.BytesIO()
    pyrage.encrypt_io(io.BytesIO(payload), out, [x25519.Recipient.from_str(r) for r in office_keys().recipients])
    data = out.getvalue()
    digest, sha = file_digests(io.BytesIO(data))
    signature = station.key.sign_digest(digest, sealed.batch_comment(batch.name.station, batch.name.number, sha), "t")
    return sealed.SealedBatch(batch.name, data, signature, sha)


def test_a_payload_with_its_bytes_damaged_is_rejected_and_writes_nothing(tmp_path):
    service = OfficeService.open(tmp_path / "office.sqlite3")
    outcomes: list[str] = []

    @FUZZ
    @given(st.data())
    def one(data) -> None:
        station = FakeStation(f"FB-{next(_codes):04d}")
        service.enroll(station.write_enrollment(tmp_path))
        batch = station.seal(records(station), DAY)
        payload = bytearray(_payload(batch))
        how = data.draw(st.sampled_from(["flip", "cut", "extend", "zero"]))
        at = data.draw(st.integers(0, len(payload) - 1))
        if how == "flip":
            for position in data.draw(st.lists(st.integers(0, len(payload) - 1), min_size=1, max_size=8)):
                payload[position] ^= data.draw(st.integers(1, 255))
        elif how == "cut":
            del payload[at:]
        elif how == "extend":
            payload[at:at] = data.draw(st.binary(min_size=1, max_size=600))
        else:
            payload[at:at + data.draw(st.integers(1, 2048))] = b"\0" * min(2048, len(payload) - at)
        outcomes.append(_import(service, station, _resealed(station, batch, bytes(payload)), tmp_path))

    try:
        one()
    finally:
        service.close()
    assert outcomes.count(REJECTED) > len(outcomes) // 2
