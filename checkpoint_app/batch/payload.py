"""The payload inside the encryption (docs/batch-format.md §4–5): a tar archive with the
manifest first and the records in gzipped JSON Lines parts of at most 50,000 records,
so neither side ever holds more than one part's records."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from typing import IO, Any, Iterable, Iterator

import orjson

from checkpoint_app.batch.errors import BatchRejected

FORMAT = "checkpoint-batch"
FORMAT_VERSION = 1
PART_RECORDS = 50_000
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes  # gzip of JSON Lines
    records: int
    sha256: str


def part_name(index: int) -> str:
    return f"records-{index:04d}.jsonl.gz"


_FLUSH = 1 << 18  # encoded lines handed to gzip in blocks of about this many bytes


def record_line(record: dict[str, Any]) -> bytes:
    """One record as a line of compact UTF-8 JSON (what json.dumps(ensure_ascii=False,
    separators=(",", ":")) writes, at a tenth of its time)."""
    return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)


def build_parts(records: Iterable[dict[str, Any]], per_part: int = PART_RECORDS) -> Iterator[Part]:
    """Encode `records` into parts, one part's bytes at a time."""
    index, count, buffer = 0, 0, io.BytesIO()
    writer = gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0)
    pending: list[bytes] = []
    pending_size = 0

    def flush() -> None:
        nonlocal pending_size
        if pending:
            writer.write(b"".join(pending))
            pending.clear()
            pending_size = 0

    def finish() -> Part:
        flush()
        writer.close()
        data = buffer.getvalue()
        return Part(part_name(index), data, count, hashlib.sha256(data).hexdigest())

    for record in records:
        if count == per_part:
            yield finish()
            count, buffer = 0, io.BytesIO()
            writer = gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1, mtime=0)
        if count == 0:
            index += 1
        line = record_line(record)
        pending.append(line)
        pending_size += len(line)
        if pending_size >= _FLUSH:
            flush()
        count += 1
    if count:
        yield finish()
    else:
        writer.close()


def write_payload(out: IO[bytes], manifest: dict[str, Any], parts: list[Part]) -> None:
    """The tar: `manifest` (its "parts" filled from `parts`) first, then the parts. Member
    times are 0 (1970-01-01) and modes 0600, so a payload is a function of its content."""
    manifest = dict(manifest, parts=[{"name": p.name, "records": p.records, "sha256": p.sha256} for p in parts])
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [(MANIFEST, manifest_bytes)] + [(p.name, p.data) for p in parts]:
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o600, 0
            tar.addfile(info, io.BytesIO(data))


class OpenedPayload:
    """A decrypted payload: `manifest` (checked), then `records()` once, streaming."""

    def __init__(self, stream: IO[bytes], file: str):
        self._file = file
        try:
            self._tar = tarfile.open(fileobj=stream, mode="r:")
            members = self._tar.getmembers()
        except (tarfile.TarError, EOFError, OSError) as error:
            raise BatchRejected("truncated", file=file) from error
        if not members or members[0].name != MANIFEST or not all(m.isfile() for m in members):
            raise self._altered("layout")
        self.manifest = self._read_manifest(members[0])
        listed = self.manifest.get("parts")
        if not isinstance(listed, list) or not all(isinstance(p, dict) for p in listed) \
                or [m.name for m in members[1:]] != [p.get("name") for p in listed]:
            raise self._altered("parts")
        if not isinstance(self.manifest.get("counts", {}), dict):
            raise self._altered("counts")
        self._parts = list(zip(members[1:], listed, strict=True))
        for member, entry in self._parts:
            if _sha256(self._extract(member)) != entry.get("sha256"):
                raise self._altered(member.name)

    def _altered(self, what: str) -> BatchRejected:
        return BatchRejected("altered", file=self._file, what=what)

    def _extract(self, member: tarfile.TarInfo) -> IO[bytes]:
        stream = self._tar.extractfile(member)
        if stream is None:
            raise self._altered(member.name)
        return stream

    def _read_manifest(self, member: tarfile.TarInfo) -> dict[str, Any]:
        try:
            manifest = json.loads(self._extract(member).read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            raise self._altered(MANIFEST) from error
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise self._altered(MANIFEST)
        version = manifest.get("format_version")
        if not isinstance(version, int) or version < 1:
            raise self._altered("format_version")
        if version > FORMAT_VERSION:
            raise BatchRejected("unsupported_version", file=self._file, version=version)
        return manifest

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record in order. The counts are checked part by part and against the
        manifest's `counts` at the end: a caller writing in one transaction rolls back
        when this raises."""
        per_kind: dict[str, int] = {}
        for member, entry in self._parts:
            count = 0
            try:
                with gzip.GzipFile(fileobj=self._extract(member), mode="rb") as lines:
                    for line in lines:
                        record = orjson.loads(line)  # json.loads' result, at twice its speed
                        if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
                            raise self._altered(member.name)
                        key = f"passage.{record.get('op')}" if record["kind"] == "passage" else record["kind"]
                        per_kind[key] = per_kind.get(key, 0) + 1
                        count += 1
                        yield record
            except (OSError, EOFError, ValueError, UnicodeDecodeError) as error:
                raise self._altered(member.name) from error
            if count != entry.get("records"):
                raise self._altered(member.name)
        stated = {k: v for k, v in (self.manifest.get("counts") or {}).items() if v}
        if stated != per_kind:
            raise self._altered("counts")


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()
