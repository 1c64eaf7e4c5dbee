"""The payload inside the encryption (docs/batch-format.md §4–5): a tar archive with the
manifest first and the records in gzipped JSON Lines parts of at most 50,000 records,
so neither side ever holds more than one part's records."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
import zlib
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

    def parts(self) -> Iterator[tuple[str, int | None, IO[bytes]]]:
        """Each part's (name, records stated for it, its gzip bytes as a stream), in order;
        their hashes were checked on opening."""
        for member, entry in self._parts:
            stated = entry.get("records")
            yield member.name, stated if isinstance(stated, int) else None, self._extract(member)

    def check_counts(self, per_kind: dict[str, int]) -> None:
        """The records read per `kind.op` (passages) or kind against the manifest's counts."""
        stated = {k: v for k, v in (self.manifest.get("counts") or {}).items() if v}
        if stated != {k: v for k, v in per_kind.items() if v}:
            raise self._altered("counts")

    def records(self) -> Iterator[dict[str, Any]]:
        """Every record in order, decoded. The counts are checked part by part and against
        the manifest's `counts` at the end: a caller writing in one transaction rolls back
        when this raises."""
        per_kind: dict[str, int] = {}
        for name, stated, stream in self.parts():
            count = 0
            try:
                for line in gunzipped_lines(stream):
                    record = orjson.loads(line)  # json.loads' result, at twice its speed
                    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
                        raise self._altered(name)
                    key = f"passage.{record.get('op')}" if record["kind"] == "passage" else record["kind"]
                    per_kind[key] = per_kind.get(key, 0) + 1
                    count += 1
                    yield record
            except BatchRejected:
                raise
            except (OSError, EOFError, ValueError, UnicodeDecodeError, zlib.error) as error:
                raise self._altered(name) from error
            if count != stated:
                raise self._altered(name)
        self.check_counts(per_kind)


_READ = 1 << 20  # compressed bytes read at a time
_INFLATE = 4 << 20  # decompressed bytes at most per step: a hostile part cannot balloon memory


def gunzipped_lines(stream: IO[bytes]) -> Iterator[bytes]:
    """The lines (without their newline) of one gzip member read from `stream`, decompressed
    in blocks and split in C: GzipFile.readline costs more than decoding the JSON. The gzip
    trailer (CRC-32 and length) is checked by zlib; a member cut short raises EOFError and
    anything after the member ValueError."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    rest = b""
    while not inflater.eof:
        block = inflater.unconsumed_tail or stream.read(_READ)
        if block:
            data = inflater.decompress(block, _INFLATE)
        else:  # all read: what zlib still holds, then the member must have ended
            data = inflater.flush()
            if not inflater.eof:
                raise EOFError("the compressed part ends early")
        lines = (rest + data).split(b"\n")
        rest = lines.pop()
        yield from lines
    if inflater.unused_data or stream.read(1):
        raise ValueError("data after the compressed part")
    if rest:
        yield rest


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := stream.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()
