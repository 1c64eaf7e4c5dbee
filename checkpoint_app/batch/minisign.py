"""minisign's formats (https://jedisct1.github.io/minisign/): Ed25519 keys and prehashed
signatures with a signed trusted comment, made and checked with libsodium's Ed25519
(PyNaCl), the library minisign itself is built on.

We write what `minisign -S` writes (algorithm "ED": the signature is over the file's
BLAKE2b-512 hash, so any size is signed in one streaming pass) and read both "ED" and the
legacy "Ed"; Debian's `minisign -V` verifies our signatures (tests/batch). Why not a
minisign binding: the format is four base64 lines, and PyNaCl (which we need for
Ed25519 anyway) is the well-kept part."""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey as _Ed25519Private
from nacl.signing import VerifyKey as _Ed25519Public

_CHUNK = 1 << 20


class SignatureError(ValueError):
    """The signature is malformed, from another key, or does not match the data."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes, as minisign stores it
    key: bytes  # 32 bytes

    @property
    def key_id_hex(self) -> str:
        """The key id as minisign prints it (the 8 bytes read little endian, upper hex)."""
        return self.key_id[::-1].hex().upper()

    def to_text(self) -> str:
        """The `RW…` line of a minisign public key."""
        return base64.b64encode(b"Ed" + self.key_id + self.key).decode("ascii")

    def file_text(self) -> str:
        return f"untrusted comment: minisign public key {self.key_id_hex}\n{self.to_text()}\n"

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """From the `RW…` line or a whole minisign public key file."""
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        line = lines[-1] if lines else ""
        try:
            raw = base64.b64decode(line, validate=True)
        except ValueError as error:
            raise SignatureError("not a minisign public key") from error
        if len(raw) != 42 or raw[:2] != b"Ed":
            raise SignatureError("not a minisign public key")
        return cls(raw[2:10], raw[10:])


@dataclass(frozen=True)
class SigningKey:
    key_id: bytes
    seed: bytes  # the 32-byte Ed25519 private key

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(secrets.token_bytes(8), secrets.token_bytes(32))

    def public(self) -> PublicKey:
        return PublicKey(self.key_id, bytes(_Ed25519Private(self.seed).verify_key))

    def sign_digest(self, digest: bytes, trusted_comment: str, untrusted_comment: str) -> str:
        """The .minisig text for a file whose BLAKE2b-512 hash is `digest`."""
        for comment in (trusted_comment, untrusted_comment):
            if "\n" in comment or "\r" in comment:
                raise ValueError("a minisign comment is one line")
        private = _Ed25519Private(self.seed)
        signature = private.sign(digest).signature
        global_signature = private.sign(signature + trusted_comment.encode("utf-8")).signature
        return (f"untrusted comment: {untrusted_comment}\n"
                f"{base64.b64encode(b'ED' + self.key_id + signature).decode('ascii')}\n"
                f"trusted comment: {trusted_comment}\n"
                f"{base64.b64encode(global_signature).decode('ascii')}\n")

    def sign_bytes(self, data: bytes, trusted_comment: str, untrusted_comment: str) -> str:
        return self.sign_digest(hashlib.blake2b(data).digest(), trusted_comment, untrusted_comment)


def file_digests(stream: BinaryIO) -> tuple[bytes, str]:
    """(BLAKE2b-512 digest, SHA-256 hex) of a stream, read once in 1 MiB chunks."""
    blake, sha = hashlib.blake2b(), hashlib.sha256()
    while chunk := stream.read(_CHUNK):
        blake.update(chunk)
        sha.update(chunk)
    return blake.digest(), sha.hexdigest()


def path_digests(path: Path) -> tuple[bytes, str]:
    with open(path, "rb") as stream:
        return file_digests(stream)


@dataclass(frozen=True)
class Signature:
    algorithm: bytes  # b"ED" (prehashed) or b"Ed" (legacy)
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @classmethod
    def from_text(cls, text: str) -> Signature:
        lines = text.replace("\r\n", "\n").split("\n")
        if len(lines) < 4 or not lines[0].startswith("untrusted comment:") \
                or not lines[2].startswith("trusted comment: "):
            raise SignatureError("not a minisign signature")
        try:
            raw = base64.b64decode(lines[1].strip(), validate=True)
            global_signature = base64.b64decode(lines[3].strip(), validate=True)
        except ValueError as error:
            raise SignatureError("not a minisign signature") from error
        if len(raw) != 74 or raw[:2] not in (b"ED", b"Ed") or len(global_signature) != 64:
            raise SignatureError("not a minisign signature")
        return cls(raw[:2], raw[2:10], raw[10:], lines[2][len("trusted comment: "):], global_signature)

    def verify(self, public: PublicKey, digest: bytes, data: bytes | None = None) -> str:
        """Check against `public`: the BLAKE2b-512 `digest` of the data (for "ED"), or
        the data itself for a legacy "Ed" signature. Returns the trusted comment."""
        if self.key_id != public.key_id:
            raise SignatureError("signed by another key")
        key = _Ed25519Public(public.key)
        if self.algorithm == b"Ed":
            if data is None:
                raise SignatureError("a legacy signature needs the data itself")
            message = data
        else:
            message = digest
        try:
            key.verify(message, self.signature)
            key.verify(self.signature + self.trusted_comment.encode("utf-8"), self.global_signature)
        except BadSignatureError as error:
            raise SignatureError("the signature does not match") from error
        return self.trusted_comment


class CommentVersionError(SignatureError):
    """A signature made and verified, over a trusted comment of a layout this version does
    not read (a newer program's)."""

    def __init__(self, version: str):
        super().__init__(f"trusted comment version {version!r}")
        self.version = version


COMMENT_VERSION = "1"  # the word after the tag in our trusted comments (format doc)


def parse_comment(trusted_comment: str, expected_tag: str) -> dict[str, str]:
    """`checkpoint-batch 1 station:X number:7 sha256:…` -> {"version": "1", "station": …}."""
    words = trusted_comment.split(" ")
    if len(words) < 2 or words[0] != expected_tag:
        raise SignatureError("not our trusted comment")
    if words[1] != COMMENT_VERSION:  # a later layout of the comment: not one this version can read
        raise CommentVersionError(words[1])
    fields = {"version": words[1]}
    for word in words[2:]:
        key, sep, value = word.partition(":")
        if sep:
            fields[key] = value
    return fields
