"""payload.py: the tar of a manifest and gzipped JSON Lines parts (docs/batch-format.md §4–5)."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from typing import Any

import pytest
from sealed_batches import manifest, records, station

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.payload import (
    MANIFEST,
    PART_RECORDS,
    OpenedPayload,
    Part,
    build_parts,
    part_name,
    write_payload,
)

AT = station()


def payload(rows: list[dict[str, Any]], per_part: int = PART_RECORDS, **overrides: Any) -> bytes:
    out = io.BytesIO()
    write_payload(out, manifest(AT, counts={"passage.create": len(rows)}, **overrides),
                  list(build_parts(rows, per_part)))
    return out.getvalue()


def opened(data: bytes) -> OpenedPayload:
    return OpenedPayload(io.BytesIO(data), "CKB_JB-TSP-01_000001_20200213-20200213.age")


def members(data: bytes) -> list[tuple[str, bytes]]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as tar:
        return [(m.name, tar.extractfile(m).read()) for m in tar.getmembers()]


def rebuild(items: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, data in items:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out.getvalue()


def with_manifest(data: bytes, change) -> bytes:
    items = members(data)
    body = json.loads(items[0][1])
    change(body)
    return rebuild([(MANIFEST, json.dumps(body).encode())] + items[1:])


def gz(lines: list[bytes]) -> bytes:
    return gzip.compress(b"".join(lines), mtime=0)


def with_part(data: bytes, index: int, part: bytes, records_: int | None = None) -> bytes:
    """Part `index` replaced, the manifest updated to match its hash (and count)."""
    items = members(data)
    body = json.loads(items[0][1])
    body["parts"][index]["sha256"] = hashlib.sha256(part).hexdigest()
    if records_ is not None:
        body["parts"][index]["records"] = records_
    items[index + 1] = (items[index + 1][0], part)
    return rebuild([(MANIFEST, json.dumps(body).encode())] + items[1:])


def read_all(data: bytes) -> list[dict[str, Any]]:
    return list(opened(data).records())


def assert_altered(what: str, action) -> None:
    with pytest.raises(BatchRejected) as info:
        action()
    assert info.value.reason == "altered", info.value
    assert info.value.problem.params["what"] == what


# ---- writing and reading back ------------------------------------------------------------

def test_records_read_back_in_order_with_the_manifest_first():
    rows = records(5)
    data = payload(rows)
    assert [name for name, _ in members(data)] == [MANIFEST, "records-0001.jsonl.gz"]
    reader = opened(data)
    assert reader.manifest["station"]["code"] == AT.code
    assert reader.manifest["parts"] == [{"name": "records-0001.jsonl.gz", "records": 5,
                                         "sha256": hashlib.sha256(members(data)[1][1]).hexdigest()}]
    assert list(reader.records()) == rows


def test_a_part_is_gzip_of_utf8_json_lines():
    data = payload(records(2))
    lines = gzip.decompress(members(data)[1][1]).decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records(2)
    assert "张0" in lines[0]  # not \\u escaped


@pytest.mark.parametrize("count, per_part, expected", [
    (0, 3, []),
    (1, 3, [1]),
    (3, 3, [3]),
    (4, 3, [3, 1]),
    (7, 3, [3, 3, 1]),
])
def test_parts_split_at_the_part_size(count, per_part, expected):
    parts = list(build_parts(records(count), per_part))
    assert [p.records for p in parts] == expected
    assert [p.name for p in parts] == [part_name(i + 1) for i in range(len(expected))]
    data = payload(records(count), per_part)
    assert read_all(data) == records(count)


def test_parts_split_at_50000_records():
    assert PART_RECORDS == 50_000
    rows = ({"kind": "audit", "id": i} for i in range(PART_RECORDS + 1))
    parts = list(build_parts(rows))
    assert [(p.name, p.records) for p in parts] == [("records-0001.jsonl.gz", 50_000), ("records-0002.jsonl.gz", 1)]
    assert all(p.sha256 == hashlib.sha256(p.data).hexdigest() for p in parts)


def test_a_payload_is_a_function_of_its_content():
    rows = records(3)
    body = manifest(AT, counts={"passage.create": 3})
    first, second = io.BytesIO(), io.BytesIO()
    write_payload(first, body, list(build_parts(rows)))
    write_payload(second, body, list(build_parts(rows)))
    assert first.getvalue() == second.getvalue()


# ---- refusals ------------------------------------------------------------------------------

def test_an_altered_part_is_refused_before_any_record_is_read():
    data = payload(records(4), per_part=2)
    items = members(data)
    items[2] = (items[2][0], gz([b'{"kind":"audit"}\n', b'{"kind":"audit"}\n']))
    assert_altered("records-0002.jsonl.gz", lambda: opened(rebuild(items)))


def test_a_missing_part_is_refused():
    items = members(payload(records(4), per_part=2))
    assert_altered("parts", lambda: opened(rebuild(items[:2])))


@pytest.mark.parametrize("extra", ["records-0003.jsonl.gz", "notes.txt", "manifest.json"])
def test_an_extra_member_is_refused(extra):
    items = members(payload(records(4), per_part=2))
    assert_altered("parts", lambda: opened(rebuild(items + [(extra, b"x")])))


def test_parts_out_of_order_are_refused():
    items = members(payload(records(4), per_part=2))
    assert_altered("parts", lambda: opened(rebuild([items[0], items[2], items[1]])))


def test_the_manifest_not_first_is_refused():
    items = members(payload(records(2)))
    assert_altered("layout", lambda: opened(rebuild(items[1:] + items[:1])))


def test_a_folder_member_is_refused():
    out = io.BytesIO()
    data = payload(records(1))
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, body in members(data):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
        folder = tarfile.TarInfo("x")
        folder.type = tarfile.DIRTYPE
        tar.addfile(folder)
    assert_altered("layout", lambda: opened(out.getvalue()))


@pytest.mark.parametrize("rows, stated, what", [
    ([b'{"kind":"audit"}\n'] * 2, 3, "records-0001.jsonl.gz"),   # fewer lines than the manifest says
    ([b'{"kind":"audit"}\n'] * 2, 1, "records-0001.jsonl.gz"),   # more
    ([b'{"kind":"audit"}\n', b"not json\n"], 2, "records-0001.jsonl.gz"),
    ([b'{"kind":"audit"}\n', b"[1, 2]\n"], 2, "records-0001.jsonl.gz"),
    ([b'{"kind":"audit"}\n', b'{"no":"kind"}\n'], 2, "records-0001.jsonl.gz"),
    ([b'{"kind":"audit"}\n', b'{"kind":7}\n'], 2, "records-0001.jsonl.gz"),
    ([b'{"kind":"audit"}\n', b"\n"], 2, "records-0001.jsonl.gz"),
    ([b'{"kind":"audit"}\n', b'{"kind":"\xff"}\n'], 2, "records-0001.jsonl.gz"),
], ids=["fewer lines", "more lines", "not json", "not an object", "no kind", "kind not text", "empty line",
        "not utf-8"])
def test_a_bad_part_is_refused_while_reading(rows, stated, what):
    data = with_part(payload(records(2)), 0, gz(rows), stated)
    data = with_manifest(data, lambda body: body.update(counts={"audit": 2}))
    assert_altered(what, lambda: read_all(data))


def test_a_part_that_is_not_gzip_is_refused_while_reading():
    data = with_part(payload(records(2)), 0, b"plain text, not gzip", 2)
    assert_altered("records-0001.jsonl.gz", lambda: read_all(data))


def test_a_cut_gzip_part_is_refused_while_reading():
    part = gz([b'{"kind":"audit"}\n'] * 100)
    data = with_part(payload(records(2)), 0, part[:-10], 100)
    assert_altered("records-0001.jsonl.gz", lambda: read_all(data))


@pytest.mark.parametrize("counts", [
    {"passage.create": 3}, {"passage.create": 1}, {"passage.create": 2, "audit": 1}, {"passage.void": 2}, {},
], ids=["more", "fewer", "another kind", "another op", "none"])
def test_counts_that_do_not_add_up_are_refused_at_the_end(counts):
    data = with_manifest(payload(records(2)), lambda body: body.update(counts=counts))
    reader = opened(data)
    got = []
    with pytest.raises(BatchRejected) as info:
        for record in reader.records():
            got.append(record)
    assert info.value.reason == "altered" and info.value.problem.params["what"] == "counts"
    assert len(got) == 2  # streamed; the caller's transaction rolls back


def test_zero_counts_are_the_same_as_absent():
    data = with_manifest(payload(records(2)), lambda body: body["counts"].update({"audit": 0}))
    assert len(read_all(data)) == 2


@pytest.mark.parametrize("version", [2, 99])
def test_a_newer_format_version_is_unsupported(version):
    data = with_manifest(payload(records(1)), lambda body: body.update(format_version=version))
    with pytest.raises(BatchRejected) as info:
        opened(data)
    assert info.value.reason == "unsupported_version"
    assert info.value.problem.params["version"] == version


@pytest.mark.parametrize("change, what", [
    (lambda body: body.update(format_version=0), "format_version"),
    (lambda body: body.update(format_version="1"), "format_version"),
    (lambda body: body.pop("format_version"), "format_version"),
    (lambda body: body.update(format="checkpoint-ack"), MANIFEST),
    (lambda body: body.pop("parts"), "parts"),
    (lambda body: body.update(parts="records-0001.jsonl.gz"), "parts"),
    (lambda body: body.update(parts=["records-0001.jsonl.gz"]), "parts"),
    (lambda body: body.update(counts=[1]), "counts"),
    (lambda body: body.update(counts={"passage.create": "1"}), "counts"),
], ids=["version 0", "version text", "no version", "another format", "no parts", "parts text",
        "parts not objects", "counts not an object", "count not a number"])
def test_a_malformed_manifest_is_altered(change, what):
    data = with_manifest(payload(records(1)), change)
    assert_altered(what, lambda: read_all(data))


@pytest.mark.parametrize("body", [b"not json", b"[]", b'"text"', b"\xff\xfe"])
def test_a_manifest_that_is_not_a_json_object_is_altered(body):
    items = members(payload(records(1)))
    assert_altered(MANIFEST, lambda: opened(rebuild([(MANIFEST, body)] + items[1:])))


@pytest.mark.parametrize("data", [b"", b"not a tar archive" * 100], ids=["empty", "not tar"])
def test_not_a_tar_is_refused(data):
    with pytest.raises(BatchRejected) as info:
        opened(data)
    assert info.value.reason in ("truncated", "altered")


def test_a_cut_tar_is_refused():
    data = payload(records(200))
    with pytest.raises(BatchRejected) as info:
        read_all(data[: len(data) // 2])
    assert info.value.reason in ("truncated", "altered")


def test_part_dataclass_matches_what_is_written():
    part = next(build_parts(records(1)))
    assert isinstance(part, Part) and gzip.decompress(part.data).count(b"\n") == 1


@pytest.mark.parametrize("record", [
    {"kind": "passage", "name": "张三", "temp": 36.5, "fever": False, "plate": None, "n": 12},
    {"kind": "audit", "detail": '{"a":"\\u0001 \\" \\\\ \\n"}', "at": "2020-02-13T01:45:00Z"},
    {"kind": "passage", "temps": [37.3, 38.05, 0.1 + 0.2], "nested": {"empty": [], "none": {}}},
    {"kind": "passage", "name": "𠀀 Zoë \u2028 \u0000 end", "big": 2**53 + 1, "neg": -7},
])
def test_a_record_line_is_compact_utf8_json_as_the_format_states(record: dict[str, Any]) -> None:
    """docs/batch-format.md §5: one compact JSON object per line, UTF-8 (not \\u escapes),
    whatever encoder writes it: the same text as the standard library's."""
    from checkpoint_app.batch.payload import record_line

    line = record_line(record)
    assert line.endswith(b"\n") and b"\n" not in line[:-1]
    assert line[:-1].decode("utf-8") == json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    assert json.loads(line) == record


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=1, mtime=0)


@pytest.mark.parametrize(("text", "lines"), [
    (b"", []),
    (b"a\n", [b"a"]),
    (b"a\nb", [b"a", b"b"]),  # a last line without its newline is still a line
    (b"a\n\nb\n", [b"a", b"", b"b"]),  # a blank line is kept (the decoder refuses it)
    ("张三\n".encode() * 3, ["张三".encode()] * 3),
    (b"x" * (9 << 20) + b"\ny\n", [b"x" * (9 << 20), b"y"]),  # more than one decompression step
    (b"".join(b"%d\n" % n for n in range(300_000)), [b"%d" % n for n in range(300_000)]),
])
def test_gunzipped_lines_are_the_lines_of_the_member(text: bytes, lines: list[bytes]) -> None:
    from checkpoint_app.batch.payload import gunzipped_lines

    assert list(gunzipped_lines(io.BytesIO(_gz(text)))) == lines


@pytest.mark.parametrize(("damage", "error"), [
    (lambda z: z[:-9], EOFError),  # cut inside the trailer
    (lambda z: z[: len(z) // 2], EOFError),  # cut in the middle
    (lambda z: z + b"junk", ValueError),  # something after the member
    (lambda z: z[:-8] + bytes([z[-8] ^ 1]) + z[-7:], Exception),  # CRC-32 wrong (zlib.error)
    (lambda z: b"not gzip at all", Exception),
])
def test_gunzipped_lines_refuse_a_damaged_member(damage, error: type[Exception]) -> None:
    import zlib

    from checkpoint_app.batch.payload import gunzipped_lines

    with pytest.raises(error) as raised:
        list(gunzipped_lines(io.BytesIO(damage(_gz(b"".join(b"line %d\n" % n for n in range(50_000)))))))
    assert isinstance(raised.value, (EOFError, ValueError, zlib.error))
