"""Sealed files (docs/batch-format.md §1–3, §6): a payload encrypted with age to the office
and escrow recipients and signed with minisign; the acknowledgement the office signs.

`seal` makes a batch's bytes (the station keeps them, so the batch can be written again
byte-identical); `open_batch` checks a file in the order that rejects early and cheaply:
its name, its signature against the enrolled station (over the ciphertext, before any
decryption), the trusted comment against the name and the file, then decrypts into a
temporary file (bounded memory) and checks the manifest against the signer."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterable

import pyrage
from pyrage import x25519

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import STATION_CODE, utc_text
from checkpoint_app.batch.minisign import (
    COMMENT_VERSION,
    CommentVersionError,
    PublicKey,
    Signature,
    SignatureError,
    SigningKey,
    file_digests,
    parse_comment,
)
from checkpoint_app.batch.payload import OpenedPayload, build_parts, write_payload

FOLDER = "checkpoint-batches"
ACKS = "acks"
SIGNATURE_SUFFIX = ".minisig"
PARTIAL_SUFFIX = ".partial"
_NAME = re.compile(rf"^CKB_({STATION_CODE.pattern})_(\d{{6}})_(\d{{8}})-(\d{{8}})\.age$")
_SPOOL = 64 << 20  # decrypted payloads above this go to a temporary file


@dataclass(frozen=True)
class BatchName:
    station: str
    number: int
    first_day: dt.date
    last_day: dt.date

    @property
    def file_name(self) -> str:
        return f"CKB_{self.station}_{self.number:06d}_{self.first_day:%Y%m%d}-{self.last_day:%Y%m%d}.age"

    @classmethod
    def parse(cls, file_name: str) -> BatchName:
        match = _NAME.match(file_name)
        if not match:
            raise BatchRejected("bad_name", file=file_name)
        try:
            first, last = (dt.datetime.strptime(match[i], "%Y%m%d").date() for i in (3, 4))
        except ValueError as error:
            raise BatchRejected("bad_name", file=file_name) from error
        if int(match[2]) < 1 or first > last:  # numbers start at 1; days in order
            raise BatchRejected("bad_name", file=file_name)
        return cls(match[1], int(match[2]), first, last)


@dataclass(frozen=True)
class SealedBatch:
    name: BatchName
    ciphertext: bytes
    signature: str  # the .minisig text
    sha256: str  # of the ciphertext

    @property
    def file_name(self) -> str:
        return self.name.file_name


def batch_comment(station: str, number: int, sha256: str) -> str:
    return f"checkpoint-batch {COMMENT_VERSION} station:{station} number:{number} sha256:{sha256}"


def seal(name: BatchName, manifest: dict[str, Any], records: Iterable[dict[str, Any]],
         recipients: list[str], key: SigningKey) -> SealedBatch:
    """Encode, encrypt to every recipient (`age1…`), sign. `manifest` gets its "parts"."""
    parts = list(build_parts(records))
    payload = io.BytesIO()
    write_payload(payload, manifest, parts)
    del parts
    payload.seek(0)
    ciphertext = io.BytesIO()
    pyrage.encrypt_io(payload, ciphertext, [x25519.Recipient.from_str(r) for r in recipients])
    data = ciphertext.getvalue()
    digest, sha = file_digests(io.BytesIO(data))
    signature = key.sign_digest(digest, batch_comment(name.station, name.number, sha),
                                f"checkpoint station {name.station} batch {name.number:06d}")
    return SealedBatch(name, data, signature, sha)


def verify_sealed(path: Path, public: PublicKey) -> str:
    """Check a written batch file against its signature beside it (the export's read-back).
    Returns the file's SHA-256."""
    checked = _check_signature(path, BatchName.parse(path.name), lambda _code: public)
    return checked[1]


def _check_signature(path: Path, name: BatchName,
                     station_key: Callable[[str], PublicKey | None]) -> tuple[PublicKey, str]:
    public = station_key(name.station)
    if public is None:
        raise BatchRejected("unknown_station", file=path.name, station=name.station)
    signature_path = path.with_name(path.name + SIGNATURE_SUFFIX)
    try:
        signature_text = signature_path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise BatchRejected("no_signature", file=path.name) from error
    except (OSError, UnicodeDecodeError) as error:
        raise BatchRejected("unreadable", file=signature_path.name, what=type(error).__name__) from error
    try:
        with open(path, "rb") as stream:
            digest, sha = file_digests(stream)
    except OSError as error:
        raise BatchRejected("unreadable", file=path.name, what=type(error).__name__) from error
    try:
        comment = parse_comment(Signature.from_text(signature_text).verify(public, digest), "checkpoint-batch")
    except CommentVersionError as error:
        raise BatchRejected("unsupported_version", file=path.name, version=error.version) from error
    except SignatureError as error:
        raise BatchRejected("bad_signature", file=path.name, station=name.station) from error
    if comment.get("station") != name.station or comment.get("number") != str(name.number) \
            or comment.get("sha256") != sha:
        raise BatchRejected("bad_signature", file=path.name, station=name.station)
    return public, sha


@dataclass
class OpenedBatch:
    """A batch whose signature, encryption and manifest were checked: `payload.records()`
    streams its records (and raises BatchRejected("altered") if they do not add up)."""

    path: Path
    name: BatchName
    sha256: str
    payload: OpenedPayload
    _spool: IO[bytes]

    @property
    def manifest(self) -> dict[str, Any]:
        return self.payload.manifest

    def close(self) -> None:
        self._spool.close()

    def __enter__(self) -> OpenedBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_batch(path: Path, station_key: Callable[[str], PublicKey | None],
               identity: x25519.Identity) -> OpenedBatch:
    """Check and decrypt one batch file (see the module docstring for the order)."""
    name = BatchName.parse(path.name)
    public, sha = _check_signature(path, name, station_key)
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_SPOOL)  # noqa: SIM115 - closed by OpenedBatch
    try:
        with open(path, "rb") as stream:
            try:
                pyrage.decrypt_io(stream, spool, [identity])
            except pyrage.DecryptError as error:
                reason = "wrong_key" if "no matching keys" in str(error).lower() else "truncated"
                raise BatchRejected(reason, file=path.name) from error
            except OSError as error:
                if error.errno is not None:  # the stick or the temporary folder, not the content
                    raise BatchRejected("unreadable", file=path.name, what=type(error).__name__) from error
                # pyrage's stream errors (a body cut short or altered: "decryption error") carry no errno
                raise BatchRejected("truncated", file=path.name) from error
        spool.seek(0)
        payload = OpenedPayload(spool, path.name)
        _check_manifest(payload.manifest, name, public, path.name)
        return OpenedBatch(path, name, sha, payload, spool)
    except BaseException:
        spool.close()
        raise


def _check_manifest(manifest: dict[str, Any], name: BatchName, public: PublicKey, file: str) -> None:
    station = manifest.get("station") or {}
    batch = manifest.get("batch") or {}
    if station.get("code") != name.station or station.get("key_id") != public.key_id.hex():
        raise BatchRejected("station_mismatch", file=file, inside=str(station.get("code")), station=name.station)
    if batch.get("number") != name.number or not isinstance(batch.get("uuid"), str):
        raise BatchRejected("altered", file=file, what="batch")


# ---- acknowledgements ----------------------------------------------------------------

def ack_comment(key_id: str, sha256: str) -> str:
    return f"checkpoint-ack {COMMENT_VERSION} office:{key_id} sha256:{sha256}"


def make_ack(office_name: str, key: SigningKey, batches: list[dict[str, Any]],
             now: dt.datetime) -> tuple[str, bytes, str]:
    """(file name, JSON bytes, .minisig text) of an acknowledgement listing `batches`
    ({station, number, uuid, sha256, imported_at})."""
    body = json.dumps({"format": "checkpoint-ack", "format_version": 1,
                       "office": {"name": office_name, "key_id": key.key_id.hex()},
                       "written_at": utc_text(now), "batches": batches},
                      ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    sha = hashlib.sha256(body).hexdigest()
    signature = key.sign_bytes(body, ack_comment(key.key_id.hex(), sha), f"checkpoint office acknowledgement {office_name}")
    stamp = now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"ACK_{key.key_id.hex()}_{stamp}.json", body, signature


def read_ack(path: Path, offices: list[PublicKey]) -> dict[str, Any]:
    """An acknowledgement checked against the office keys a station imported."""
    try:
        body = path.read_bytes()
        signature = Signature.from_text(path.with_name(path.name + SIGNATURE_SUFFIX).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BatchRejected("no_signature", file=path.name) from error
    except (OSError, UnicodeDecodeError, SignatureError) as error:
        raise BatchRejected("unreadable", file=path.name, what=type(error).__name__) from error
    signer = signature.key_id.hex()  # the office key named in the file name and the ack
    public = next((key for key in offices if key.key_id == signature.key_id), None)
    if public is None:
        raise BatchRejected("bad_signature", file=path.name, station=signer)
    try:
        comment = parse_comment(signature.verify(public, hashlib.blake2b(body).digest(), body), "checkpoint-ack")
    except CommentVersionError as error:
        raise BatchRejected("unsupported_version", file=path.name, version=error.version) from error
    except SignatureError as error:
        raise BatchRejected("bad_signature", file=path.name, station=signer) from error
    if comment.get("sha256") != hashlib.sha256(body).hexdigest():
        raise BatchRejected("bad_signature", file=path.name, station=signer)
    try:
        ack = json.loads(body.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise BatchRejected("altered", file=path.name, what="json") from error
    if not isinstance(ack, dict) or ack.get("format") != "checkpoint-ack" or not isinstance(ack.get("batches"), list):
        raise BatchRejected("altered", file=path.name, what="format")
    version = ack.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise BatchRejected("altered", file=path.name, what="format_version")
    if version > 1:
        raise BatchRejected("unsupported_version", file=path.name, version=version)
    return ack
