"""sealed.py: batch names, sealing, the importer's checks in order, acknowledgements
(docs/batch-format.md §1–3, §6)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pyrage
import pytest
from sealed_batches import DAY, records, sealed, station, write

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import ESCROW, OfficeIdentity
from checkpoint_app.batch.minisign import SigningKey
from checkpoint_app.batch.sealed import (
    ACKS,
    FOLDER,
    SIGNATURE_SUFFIX,
    BatchName,
    batch_comment,
    make_ack,
    open_batch,
    read_ack,
    verify_sealed,
)

NOW = dt.datetime(2020, 2, 14, 1, 2, 3, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def office() -> OfficeIdentity:
    return OfficeIdentity.generate("太平街道办")


@pytest.fixture(scope="module")
def escrow() -> OfficeIdentity:
    return OfficeIdentity.generate("区应急指挥部", ESCROW)


@pytest.fixture(scope="module")
def tsp():
    return station("JB-TSP-01")


def reason_of(action) -> BatchRejected:
    with pytest.raises(BatchRejected) as info:
        action()
    return info.value


# ---- names ---------------------------------------------------------------------------------

@pytest.mark.parametrize("file_name, expected", [
    ("CKB_JB-TSP-01_000001_20200213-20200213.age", ("JB-TSP-01", 1, dt.date(2020, 2, 13), dt.date(2020, 2, 13))),
    ("CKB_ABC_999999_20191231-20200101.age", ("ABC", 999999, dt.date(2019, 12, 31), dt.date(2020, 1, 1))),
    ("CKB_A1234567890123456789_000042_20200229-20200301.age",
     ("A1234567890123456789", 42, dt.date(2020, 2, 29), dt.date(2020, 3, 1))),
])
def test_batch_name_parse(file_name, expected):
    name = BatchName.parse(file_name)
    assert (name.station, name.number, name.first_day, name.last_day) == expected
    assert name.file_name == file_name


@pytest.mark.parametrize("file_name", [
    "CKB_JB-TSP-01_000001_20200213-20200213.age.partial",
    "CKB_JB-TSP-01_000001_20200213-20200213.age.minisig",
    "CKB_jb-tsp-01_000001_20200213-20200213.age",
    "CKB_JB_TSP_000001_20200213-20200213.age",
    "CKB_AB_000001_20200213-20200213.age",
    "CKB_A12345678901234567890_000001_20200213-20200213.age",
    "CKB_-JB-TSP_000001_20200213-20200213.age",
    "CKB_JB-TSP-01_00001_20200213-20200213.age",
    "CKB_JB-TSP-01_0000001_20200213-20200213.age",
    "CKB_JB-TSP-01_000000_20200213-20200213.age",
    "CKB_JB-TSP-01_000001_20200230-20200301.age",
    "CKB_JB-TSP-01_000001_20200214-20200213.age",
    "CKB_JB-TSP-01_000001_2020021-20200213.age",
    "ckb_JB-TSP-01_000001_20200213-20200213.age",
    "CKB_JB-TSP-01_000001_20200213-20200213.AGE",
    "ACK_0011223344556677_20200214T010203Z.json",
    "",
], ids=["partial", "signature", "lower case", "underscore", "short code", "long code", "leading dash",
        "five digits", "seven digits", "number 0", "no such day", "days reversed", "short day", "lower prefix",
        "upper suffix", "an ack", "empty"])
def test_not_a_batch_name(file_name):
    error = reason_of(lambda: BatchName.parse(file_name))
    assert error.reason == "bad_name" and error.problem.params["file"] == file_name


# ---- seal and open -------------------------------------------------------------------------

def test_seal_open_round_trip(tmp_path, tsp, office, escrow):
    rows = records(7)
    batch = sealed(tsp, office, rows, number=3, escrow=escrow)
    path = write(batch, tmp_path)
    assert path.parent.name == FOLDER and path.name == "CKB_JB-TSP-01_000003_20200213-20200213.age"
    assert batch.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert verify_sealed(path, tsp.key.public()) == batch.sha256
    with open_batch(path, tsp.lookup, office.decryptor()) as opened:
        assert opened.sha256 == batch.sha256 and opened.name == BatchName.parse(path.name)
        assert opened.manifest["batch"]["number"] == 3
        assert opened.manifest["counts"] == {"passage.create": 7}
        assert list(opened.payload.records()) == rows
    with open_batch(path, tsp.lookup, escrow.decryptor()) as by_escrow:  # one lost key loses no data
        assert list(by_escrow.payload.records()) == rows


def test_the_ciphertext_is_age_and_holds_no_personal_data(tsp, office):
    rows = records(20)
    batch = sealed(tsp, office, rows)
    assert batch.ciphertext.startswith(b"age-encryption.org/v1\n")
    for row in rows:
        for person in row["persons"]:
            for value in (person["name"], person["id_number"], person["phone"]):
                assert value.encode() not in batch.ciphertext and value not in batch.signature


def test_the_signature_names_station_number_and_hash(tsp, office):
    batch = sealed(tsp, office, records(1), number=12)
    lines = batch.signature.splitlines()
    assert lines[0] == "untrusted comment: checkpoint station JB-TSP-01 batch 000012"
    assert lines[2] == f"trusted comment: {batch_comment('JB-TSP-01', 12, batch.sha256)}"


def test_a_batch_without_records_opens(tmp_path, tsp, office):
    path = write(sealed(tsp, office, []), tmp_path)
    with open_batch(path, tsp.lookup, office.decryptor()) as opened:
        assert list(opened.payload.records()) == [] and opened.manifest["parts"] == []


def _resign(path: Path, key: SigningKey, station_code: str, number: int) -> None:
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    path.with_name(path.name + SIGNATURE_SUFFIX).write_text(
        key.sign_bytes(data, batch_comment(station_code, number, sha), "x"), encoding="utf-8")


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


CASES = {
    "unknown station": ("unknown_station", lambda p, tsp, other: None, "lookup nobody"),
    "no signature": ("no_signature", lambda p, tsp, other: p.with_name(p.name + SIGNATURE_SUFFIX).unlink(), None),
    "altered byte": ("bad_signature", lambda p, tsp, other: _flip(p, len(p.read_bytes()) // 2), None),
    "altered first byte": ("bad_signature", lambda p, tsp, other: _flip(p, 0), None),
    "truncated file": ("bad_signature", lambda p, tsp, other: p.write_bytes(p.read_bytes()[:-100]), None),
    "empty file": ("bad_signature", lambda p, tsp, other: p.write_bytes(b""), None),
    "signed by another station": ("bad_signature", lambda p, tsp, other: _resign(p, other.key, tsp.code, 1), None),
    "signature of another batch": ("bad_signature", None, "swap signature"),
    "renamed to another number": ("bad_signature", None, "rename"),
    "signature mangled": ("unreadable_or_bad", lambda p, tsp, other: p.with_name(p.name + SIGNATURE_SUFFIX)
                          .write_text("untrusted comment: x\n", encoding="utf-8"), None),
    "signature not utf-8": ("unreadable", lambda p, tsp, other: p.with_name(p.name + SIGNATURE_SUFFIX)
                            .write_bytes(b"\xff\xfe"), None),
    "truncated, re-signed by the station": ("truncated", lambda p, tsp, other: (
        p.write_bytes(p.read_bytes()[:-100]), _resign(p, tsp.key, tsp.code, 1)), None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_open_batch_rejects(tmp_path, tsp, office, case):
    reason, damage, special = CASES[case]
    other = station("JB-XYZ-02")
    path = write(sealed(tsp, office, records(300)), tmp_path)
    lookup = tsp.lookup
    if damage is not None:
        damage(path, tsp, other)
    if special == "lookup nobody":
        lookup = other.lookup
    elif special == "swap signature":
        second = write(sealed(tsp, office, records(2)), tmp_path / "second")
        path.with_name(path.name + SIGNATURE_SUFFIX).write_text(
            second.with_name(second.name + SIGNATURE_SUFFIX).read_text(encoding="utf-8"), encoding="utf-8")
    elif special == "rename":
        renamed = path.with_name(BatchName(tsp.code, 2, DAY, DAY).file_name)
        path.rename(renamed)
        path.with_name(path.name + SIGNATURE_SUFFIX).rename(renamed.with_name(renamed.name + SIGNATURE_SUFFIX))
        path = renamed
    error = reason_of(lambda: open_batch(path, lookup, office.decryptor()))
    if reason == "unreadable_or_bad":
        assert error.reason == "bad_signature"
    else:
        assert error.reason == reason, error
    assert error.problem.params["file"] in (path.name, path.name + SIGNATURE_SUFFIX)
    if reason == "bad_signature":
        assert error.problem.english() == (f"{path.name}: the signature does not match: the file was altered or "
                                           f"not signed by JB-TSP-01.")


def test_verify_sealed_rejects_an_altered_file(tmp_path, tsp, office):
    path = write(sealed(tsp, office, records(3)), tmp_path)
    _flip(path, 200)
    assert reason_of(lambda: verify_sealed(path, tsp.key.public())).reason == "bad_signature"


def test_a_missing_batch_file_is_unreadable(tmp_path, tsp, office):
    path = write(sealed(tsp, office, records(1)), tmp_path)
    path.unlink()
    assert reason_of(lambda: open_batch(path, tsp.lookup, office.decryptor())).reason == "unreadable"


def test_a_batch_for_another_office_is_wrong_key(tmp_path, tsp, office):
    other_office = OfficeIdentity.generate("另一个街道办")
    path = write(sealed(tsp, other_office, records(3)), tmp_path)
    error = reason_of(lambda: open_batch(path, tsp.lookup, office.decryptor()))
    assert error.reason == "wrong_key"


def test_the_station_inside_must_be_the_signer(tmp_path, tsp, office):
    """A manifest made for JB-TSP-01, in a file named and signed by JB-XYZ-02's key."""
    signer = station("JB-XYZ-02")
    path = write(sealed(tsp, office, records(2), name_station=signer.code), tmp_path)
    _resign(path, signer.key, signer.code, 1)
    error = reason_of(lambda: open_batch(path, signer.lookup, office.decryptor()))
    assert error.reason == "station_mismatch"
    assert error.problem.params == {"file": path.name, "inside": "JB-TSP-01", "station": "JB-XYZ-02"}


def test_the_key_id_inside_must_be_the_signers(tmp_path, tsp, office):
    from sealed_batches import manifest

    inside = dict(manifest(tsp)["station"], key_id=SigningKey.generate().key_id.hex())
    path = write(sealed(tsp, office, records(2), station=inside), tmp_path)
    error = reason_of(lambda: open_batch(path, tsp.lookup, office.decryptor()))
    assert error.reason == "station_mismatch"


@pytest.mark.parametrize("batch_field", [{"number": 2}, {"number": "1"}, {"uuid": None}],
                         ids=["another number", "number as text", "no uuid"])
def test_a_manifest_whose_batch_does_not_match_the_name_is_altered(tmp_path, tsp, office, batch_field):
    from sealed_batches import manifest

    body = manifest(tsp)["batch"]
    body.update(batch_field)
    path = write(sealed(tsp, office, records(1), batch=body), tmp_path)
    error = reason_of(lambda: open_batch(path, tsp.lookup, office.decryptor()))
    assert error.reason == "altered" and error.problem.params["what"] == "batch"


def test_a_newer_format_inside_is_unsupported(tmp_path, tsp, office):
    path = write(sealed(tsp, office, records(1), format_version=2), tmp_path)
    error = reason_of(lambda: open_batch(path, tsp.lookup, office.decryptor()))
    assert error.reason == "unsupported_version"
    assert "update the office's program" in error.problem.english()


# ---- acknowledgements ----------------------------------------------------------------------

ACKED = [{"station": "JB-TSP-01", "number": 1, "uuid": "u-1", "sha256": "ab" * 32, "imported_at": "2020-02-14T01:00:00Z"}]


def write_ack(folder: Path, office: OfficeIdentity, batches=ACKED) -> Path:
    name, body, signature = make_ack(office.name, office.signing, batches, NOW)
    acks = folder / FOLDER / ACKS
    acks.mkdir(parents=True, exist_ok=True)
    (acks / name).write_bytes(body)
    (acks / (name + SIGNATURE_SUFFIX)).write_text(signature, encoding="utf-8")
    return acks / name


def test_ack_round_trip(tmp_path, office):
    path = write_ack(tmp_path, office)
    assert path.name == f"ACK_{office.signing.key_id.hex()}_20200214T010203Z.json"
    ack = read_ack(path, [SigningKey.generate().public(), office.signing.public()])
    assert ack["batches"] == ACKED
    assert ack["office"] == {"name": "太平街道办", "key_id": office.signing.key_id.hex()}
    assert ack["written_at"] == "2020-02-14T01:02:03Z"
    assert "太平街道办" in path.read_text(encoding="utf-8")


def _edit_ack(path: Path, change) -> None:
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _resign_ack(path: Path, office: OfficeIdentity, body: bytes) -> None:
    from checkpoint_app.batch.sealed import ack_comment

    path.write_bytes(body)
    key = office.signing
    path.with_name(path.name + SIGNATURE_SUFFIX).write_text(
        key.sign_bytes(body, ack_comment(key.key_id.hex(), hashlib.sha256(body).hexdigest()), "x"), encoding="utf-8")


@pytest.mark.parametrize("case, reason", [
    ("tampered", "bad_signature"),
    ("tampered byte", "bad_signature"),
    ("unknown office", "bad_signature"),
    ("no signature", "no_signature"),
    ("signature mangled", "unreadable"),
    ("comment of another ack", "bad_signature"),
    ("signed, not json", "altered"),
    ("signed, another format", "altered"),
    ("signed, batches not a list", "altered"),
    ("signed, newer version", "unsupported_version"),
    ("signed, version not a number", "altered"),
])
def test_read_ack_rejects(tmp_path, office, case, reason):
    path = write_ack(tmp_path, office)
    keys = [office.signing.public()]
    body = path.read_bytes()
    if case == "tampered":
        _edit_ack(path, lambda data: data["batches"].append(dict(ACKED[0], number=2)))
    elif case == "tampered byte":
        path.write_bytes(body.replace(b'"number": 1', b'"number": 7'))
    elif case == "unknown office":
        keys = [OfficeIdentity.generate("x").signing.public()]
    elif case == "no signature":
        path.with_name(path.name + SIGNATURE_SUFFIX).unlink()
    elif case == "signature mangled":
        path.with_name(path.name + SIGNATURE_SUFFIX).write_text("nonsense", encoding="utf-8")
    elif case == "comment of another ack":  # a valid signature of the same key over other bytes
        other = body.replace(b'"number": 1', b'"number": 2')
        _, _, signature = make_ack(office.name, office.signing, [dict(ACKED[0], number=2)], NOW)
        path.with_name(path.name + SIGNATURE_SUFFIX).write_text(signature, encoding="utf-8")
        assert other != body
    elif case == "signed, not json":
        _resign_ack(path, office, b"not json")
    elif case == "signed, another format":
        _resign_ack(path, office, json.dumps({"format": "checkpoint-batch", "batches": []}).encode())
    elif case == "signed, batches not a list":
        _resign_ack(path, office, json.dumps({"format": "checkpoint-ack", "batches": {}}).encode())
    elif case == "signed, newer version":
        _resign_ack(path, office, json.dumps({"format": "checkpoint-ack", "format_version": 2, "batches": []}).encode())
    elif case == "signed, version not a number":
        _resign_ack(path, office, json.dumps({"format": "checkpoint-ack", "format_version": "x",
                                              "batches": []}).encode())
    error = reason_of(lambda: read_ack(path, keys))
    assert error.reason == reason, error
    assert "?" not in error.problem.english()


def test_an_ack_signed_by_a_batch_key_is_not_an_ack(tmp_path, tsp, office):
    """A station's batch signature (another trusted comment tag) never passes as an ack."""
    path = write_ack(tmp_path, office)
    body = path.read_bytes()
    sha = hashlib.sha256(body).hexdigest()
    path.with_name(path.name + SIGNATURE_SUFFIX).write_text(
        office.signing.sign_bytes(body, batch_comment("JB-TSP-01", 1, sha), "x"), encoding="utf-8")
    assert reason_of(lambda: read_ack(path, [office.signing.public()])).reason == "bad_signature"


def test_escrow_recipient_file_does_not_decrypt_without_a_key(tsp, office):
    batch = sealed(tsp, office, records(1))
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(batch.ciphertext, [OfficeIdentity.generate("x").decryptor()])
