"""minisign.py: signatures in minisign's format, made and checked (docs/batch-format.md §2)."""

from __future__ import annotations

import base64
import hashlib
import io

import pytest
from nacl.signing import SigningKey as Ed25519PrivateKey

from checkpoint_app.batch.minisign import (
    PublicKey,
    Signature,
    SignatureError,
    SigningKey,
    file_digests,
    parse_comment,
)

DATA = "卡口登记 batch bytes\n".encode() * 1000
COMMENT = "checkpoint-batch 1 station:JB-TSP-01 number:7 sha256:ab"


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def blake(data: bytes) -> bytes:
    return hashlib.blake2b(data).digest()


def legacy_signature(key: SigningKey, data: bytes, comment: str) -> str:
    """What minisign wrote before prehashing: algorithm "Ed", Ed25519 over the data itself."""
    private = Ed25519PrivateKey(key.seed)
    signature = private.sign(data).signature
    glob = private.sign(signature + comment.encode()).signature
    return (f"untrusted comment: legacy\n{base64.b64encode(b'Ed' + key.key_id + signature).decode()}\n"
            f"trusted comment: {comment}\n{base64.b64encode(glob).decode()}\n")


def test_a_signature_verifies_and_returns_its_trusted_comment(key):
    text = key.sign_bytes(DATA, COMMENT, "checkpoint station JB-TSP-01 batch 000007")
    lines = text.splitlines()
    assert lines[0] == "untrusted comment: checkpoint station JB-TSP-01 batch 000007"
    assert base64.b64decode(lines[1])[:2] == b"ED"
    assert lines[2] == f"trusted comment: {COMMENT}"
    signature = Signature.from_text(text)
    assert signature.algorithm == b"ED" and signature.key_id == key.key_id
    assert signature.verify(key.public(), blake(DATA)) == COMMENT


def test_sign_digest_and_file_digests_agree_with_sign_bytes(key):
    digest, sha = file_digests(io.BytesIO(DATA))
    assert digest == blake(DATA) and sha == hashlib.sha256(DATA).hexdigest()
    assert key.sign_digest(digest, COMMENT, "u") == key.sign_bytes(DATA, COMMENT, "u")  # Ed25519 is deterministic


def test_a_legacy_Ed_signature_is_read_and_checked_against_the_data(key):
    signature = Signature.from_text(legacy_signature(key, DATA, COMMENT))
    assert signature.algorithm == b"Ed"
    assert signature.verify(key.public(), blake(DATA), DATA) == COMMENT
    with pytest.raises(SignatureError, match="needs the data"):
        signature.verify(key.public(), blake(DATA))
    with pytest.raises(SignatureError, match="does not match"):
        signature.verify(key.public(), blake(DATA), DATA + b"x")


def test_crlf_line_ends_are_read(key):
    text = key.sign_bytes(DATA, COMMENT, "u").replace("\n", "\r\n")
    assert Signature.from_text(text).verify(key.public(), blake(DATA)) == COMMENT


def _swap_comment(text: str, comment: str) -> str:
    lines = text.split("\n")
    lines[2] = f"trusted comment: {comment}"
    return "\n".join(lines)


def _other_key_same_id(key: SigningKey) -> PublicKey:
    return SigningKey(key.key_id, SigningKey.generate().seed).public()


@pytest.mark.parametrize("case, expected", [
    ("another key id", "another key"),
    ("another key with the same id", "does not match"),
    ("altered data", "does not match"),
    ("altered trusted comment", "does not match"),
    ("trusted comment of another signature", "does not match"),
])
def test_a_signature_that_does_not_match_is_refused(key, case, expected):
    text = key.sign_bytes(DATA, COMMENT, "u")
    public, digest = key.public(), blake(DATA)
    if case == "another key id":
        public = SigningKey.generate().public()
    elif case == "another key with the same id":
        public = _other_key_same_id(key)
    elif case == "altered data":
        digest = blake(DATA[:-1] + b"?")
    elif case == "altered trusted comment":
        text = _swap_comment(text, COMMENT.replace("number:7", "number:8"))
    elif case == "trusted comment of another signature":
        other = key.sign_bytes(b"other", COMMENT + "0", "u")
        text = _swap_comment(text, COMMENT + "0")
        lines = text.split("\n")
        lines[3] = other.split("\n")[3]
        text = "\n".join(lines)
    signature = Signature.from_text(text)
    with pytest.raises(SignatureError, match=expected):
        signature.verify(public, digest)


def _good() -> list[str]:
    return SigningKey.generate().sign_bytes(DATA, COMMENT, "u").split("\n")


@pytest.mark.parametrize("mangle", [
    lambda lines: "",
    lambda lines: "\n".join(lines[:3]),
    lambda lines: "\n".join(["untrusted: x"] + lines[1:]),
    lambda lines: "\n".join(lines[:2] + ["trusted: x"] + lines[3:]),
    lambda lines: "\n".join(lines[:1] + ["not base64 !"] + lines[2:]),
    lambda lines: "\n".join(lines[:1] + [lines[1][:-8] + "AAAA"] + lines[2:]),  # too short
    lambda lines: "\n".join(lines[:1] + [base64.b64encode(b"XX" + base64.b64decode(lines[1])[2:]).decode()]
                            + lines[2:]),  # unknown algorithm
    lambda lines: "\n".join(lines[:3] + [lines[3][:-4]]),  # global signature cut
], ids=["empty", "three lines", "no untrusted comment", "no trusted comment", "not base64",
        "short signature", "unknown algorithm", "short global signature"])
def test_malformed_signature_text_is_refused(mangle):
    with pytest.raises(SignatureError, match="not a minisign signature"):
        Signature.from_text(mangle(_good()))


def test_public_key_text_round_trip_and_minisign_key_id(key):
    public = key.public()
    assert public.to_text().startswith("RW")
    assert PublicKey.from_text(public.to_text()) == public
    assert PublicKey.from_text(public.file_text()) == public
    assert public.key_id_hex == key.key_id[::-1].hex().upper()
    assert public.file_text().splitlines()[0] == f"untrusted comment: minisign public key {public.key_id_hex}"


@pytest.mark.parametrize("text", [
    "", "RW!!", base64.b64encode(b"Ed" + bytes(30)).decode(), base64.b64encode(b"XX" + bytes(40)).decode(),
], ids=["empty", "not base64", "short", "not Ed"])
def test_a_malformed_public_key_is_refused(text):
    with pytest.raises(SignatureError, match="not a minisign public key"):
        PublicKey.from_text(text)


def test_comments_are_one_line(key):
    for comment, untrusted in ((COMMENT + "\nx", "u"), (COMMENT, "u\rx")):
        with pytest.raises(ValueError, match="one line"):
            key.sign_bytes(DATA, comment, untrusted)


@pytest.mark.parametrize("comment, tag, expected", [
    ("checkpoint-batch 1 station:A-1 number:7 sha256:ab", "checkpoint-batch",
     {"version": "1", "station": "A-1", "number": "7", "sha256": "ab"}),
    ("checkpoint-ack 1 office:00ff sha256:cd", "checkpoint-ack", {"version": "1", "office": "00ff", "sha256": "cd"}),
])
def test_parse_comment(comment, tag, expected):
    assert parse_comment(comment, tag) == expected


@pytest.mark.parametrize("comment", ["checkpoint-batch 2", "checkpoint-batch 2 station:A-1", "checkpoint-batch v1 x:y"])
def test_parse_comment_refuses_a_layout_it_does_not_read(comment):
    from checkpoint_app.batch.minisign import CommentVersionError

    with pytest.raises(CommentVersionError) as refused:
        parse_comment(comment, "checkpoint-batch")
    assert refused.value.version == comment.split(" ")[1]


@pytest.mark.parametrize("comment", ["", "checkpoint-batch", "checkpoint-ack 1 office:x", "timestamp:1 file:x"])
def test_parse_comment_refuses_another_tag(comment):
    with pytest.raises(SignatureError):
        parse_comment(comment, "checkpoint-batch")
