"""The key files of docs/batch-format.md §7–8: the station's signing key, the office's
(and escrow's) identity and public key, the enrollment file, and the fingerprint read
aloud over the phone. Parsing answers a wrong file with `BatchRejected("bad_key_file")`."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

import pyrage
from pyrage import x25519

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.minisign import PublicKey, SignatureError, SigningKey

FORMAT_VERSION = 1
OFFICE, ESCROW = "office", "escrow"
STATION_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,19}")  # as the station profile's code; never "_"


def fingerprint(*key_lines: str) -> str:
    """SHA-256 of the key lines (each + "\\n"), its first 10 bytes as a big-endian number
    mod 10^24: 24 digits in six groups of four."""
    digest = hashlib.sha256("".join(f"{line}\n" for line in key_lines).encode("ascii")).digest()
    digits = f"{int.from_bytes(digest[:10], 'big') % 10**24:024d}"
    return " ".join(digits[i:i + 4] for i in range(0, 24, 4))


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _bad(file: str, what: str) -> BatchRejected:
    return BatchRejected("bad_key_file", file=file, what=what)


# ---- the station's signing key -------------------------------------------------------

def station_key_text(key: SigningKey, created_at: dt.datetime) -> str:
    return json.dumps({"format": "checkpoint-station-key", "format_version": FORMAT_VERSION,
                       "key_id": key.key_id.hex(), "seed": base64.b64encode(key.seed).decode("ascii"),
                       "created_at": utc_text(created_at)}, indent=1) + "\n"


def read_station_key(text: str, file: str = "station-signing.key") -> SigningKey:
    try:
        data = json.loads(text)
        if data.get("format") != "checkpoint-station-key":
            raise _bad(file, "format")
        key = SigningKey(bytes.fromhex(data["key_id"]), base64.b64decode(data["seed"], validate=True))
    except BatchRejected:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise _bad(file, type(error).__name__) from error
    if len(key.key_id) != 8 or len(key.seed) != 32:
        raise _bad(file, "length")
    return key


# ---- the office's (or escrow's) identity and public key ------------------------------

@dataclass(frozen=True)
class OfficePublic:
    """What a station imports: where batches are encrypted to and who signs the acks."""

    name: str
    role: str  # OFFICE or ESCROW
    age_recipient: str  # age1…
    signing: PublicKey | None  # absent for escrow

    @property
    def key_lines(self) -> tuple[str, ...]:
        return (self.age_recipient,) + ((self.signing.to_text(),) if self.signing else ())

    @property
    def fingerprint(self) -> str:
        return fingerprint(*self.key_lines)

    def to_text(self) -> str:
        head = [f"# checkpoint-office-public {FORMAT_VERSION}", f"# name: {self.name}", f"# role: {self.role}",
                f"# fingerprint: {self.fingerprint}"]
        return "\n".join(head + list(self.key_lines)) + "\n"

    @classmethod
    def from_text(cls, text: str, file: str = "office.pub") -> OfficePublic:
        comments, lines = _split(text)
        if comments.get("checkpoint-office-public") != str(FORMAT_VERSION):
            raise _bad(file, "format")
        role = comments.get("role", OFFICE)
        recipients = [line for line in lines if line.startswith("age1")]
        signing_lines = [line for line in lines if line.startswith("RW")]
        if role not in (OFFICE, ESCROW) or len(recipients) != 1 or len(signing_lines) > 1 \
                or (role == OFFICE and not signing_lines):
            raise _bad(file, "keys")
        try:
            x25519.Recipient.from_str(recipients[0])
            signing = PublicKey.from_text(signing_lines[0]) if signing_lines else None
        except (pyrage.RecipientError, SignatureError, ValueError) as error:
            raise _bad(file, "keys") from error
        public = cls(comments.get("name", ""), role, recipients[0], signing)
        stated = comments.get("fingerprint")
        if stated is not None and stated != public.fingerprint:
            raise _bad(file, "fingerprint")
        return public


@dataclass(frozen=True)
class OfficeIdentity:
    """The office's secrets: the age identity batches are decrypted with and the signing
    key of its acknowledgements. Kept passphrase-encrypted (`seal`)."""

    name: str
    role: str
    age_identity: str  # AGE-SECRET-KEY-1…
    signing: SigningKey

    @classmethod
    def generate(cls, name: str, role: str = OFFICE) -> OfficeIdentity:
        return cls(name, role, str(x25519.Identity.generate()), SigningKey.generate())

    def public(self) -> OfficePublic:
        recipient = str(x25519.Identity.from_str(self.age_identity).to_public())
        return OfficePublic(self.name, self.role, recipient, self.signing.public() if self.role == OFFICE else None)

    def decryptor(self) -> x25519.Identity:
        return x25519.Identity.from_str(self.age_identity)

    def to_text(self) -> str:
        """An age identity file (age ignores the # lines), see the format doc §8."""
        return "\n".join([
            f"# checkpoint-office-identity {FORMAT_VERSION}", f"# name: {self.name}", f"# role: {self.role}",
            f"# signing-key-id: {self.signing.key_id.hex()}",
            f"# signing-seed: {base64.b64encode(self.signing.seed).decode('ascii')}",
            self.age_identity]) + "\n"

    def seal(self, passphrase: str) -> bytes:
        if not passphrase:
            raise ValueError("a passphrase is needed")
        return pyrage.passphrase.encrypt(self.to_text().encode("utf-8"), passphrase)

    @classmethod
    def from_text(cls, text: str, file: str = "office.key") -> OfficeIdentity:
        comments, lines = _split(text)
        if comments.get("checkpoint-office-identity") != str(FORMAT_VERSION):
            raise _bad(file, "format")
        secrets_ = [line for line in lines if line.startswith("AGE-SECRET-KEY-1")]
        try:
            if len(secrets_) != 1:
                raise ValueError("one age identity expected")
            x25519.Identity.from_str(secrets_[0])
            signing = SigningKey(bytes.fromhex(comments["signing-key-id"]),
                                 base64.b64decode(comments["signing-seed"], validate=True))
            if len(signing.key_id) != 8 or len(signing.seed) != 32:
                raise ValueError("signing key length")
        except (pyrage.IdentityError, ValueError, KeyError, binascii.Error) as error:
            raise _bad(file, "keys") from error
        role = comments.get("role", OFFICE)
        if role not in (OFFICE, ESCROW):
            raise _bad(file, "keys")
        return cls(comments.get("name", ""), role, secrets_[0], signing)

    @classmethod
    def unseal(cls, sealed: bytes, passphrase: str, file: str = "office.key") -> OfficeIdentity:
        """The identity from `office.key`. A file that is not passphrase-protected age (an
        unencrypted key, a batch, an armored file) is a bad key file, not a wrong passphrase;
        so is one cut short (age checks the passphrase on the header, before the body)."""
        if not sealed.startswith(b"age-encryption.org/v1\n"):
            raise _bad(file, "not an age file")
        if not sealed.startswith(b"age-encryption.org/v1\n-> scrypt "):
            raise _bad(file, "not a passphrase-protected file")
        try:
            text = pyrage.passphrase.decrypt(sealed, passphrase).decode("utf-8")
        except pyrage.DecryptError as error:
            if str(error) == "Decryption failed":  # the header's MAC: a wrong passphrase (rage's message)
                raise BatchRejected("bad_passphrase", file=file) from error
            raise _bad(file, "damaged") from error
        except UnicodeDecodeError as error:
            raise _bad(file, "text") from error
        return cls.from_text(text, file)


def _split(text: str) -> tuple[dict[str, str], list[str]]:
    """'# key: value' / '# tag version' comment lines, and the other non-empty lines."""
    comments: dict[str, str] = {}
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            body = line[1:].strip()
            key, sep, value = body.partition(":")
            if sep:
                comments[key.strip()] = value.strip()
            else:
                tag, _, version = body.partition(" ")
                comments[tag] = version.strip()
        else:
            lines.append(line)
    return comments, lines


# ---- the enrollment file (station -> office) ----------------------------------------

STATION_FIELDS = ("code", "name", "district", "station_type", "province_code")


@dataclass(frozen=True)
class Enrollment:
    station: dict[str, str]  # STATION_FIELDS
    signing: PublicKey
    written_at: str

    @property
    def code(self) -> str:
        return self.station["code"]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing.to_text())

    def to_text(self) -> str:
        return json.dumps({"format": "checkpoint-enrollment", "format_version": FORMAT_VERSION,
                           "station": {k: self.station.get(k, "") for k in STATION_FIELDS},
                           "minisign_public_key": self.signing.to_text(), "key_id": self.signing.key_id.hex(),
                           "fingerprint": self.fingerprint, "written_at": self.written_at},
                          ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_text(cls, text: str, file: str = "enrollment.json") -> Enrollment:
        try:
            data: Any = json.loads(text)
            if data.get("format") != "checkpoint-enrollment":
                raise _bad(file, "format")
            if int(data.get("format_version", 0)) > FORMAT_VERSION:
                raise BatchRejected("unsupported_version", file=file, version=data.get("format_version"))
            station = {k: str(data["station"].get(k, "")) for k in STATION_FIELDS}
            signing = PublicKey.from_text(data["minisign_public_key"])
        except (ValueError, KeyError, TypeError, AttributeError, SignatureError) as error:
            if isinstance(error, BatchRejected):
                raise
            raise _bad(file, type(error).__name__) from error
        enrollment = cls(station, signing, str(data.get("written_at", "")))
        if not STATION_CODE.fullmatch(station["code"]):
            raise _bad(file, "code")
        if data.get("fingerprint") not in (None, enrollment.fingerprint):
            raise _bad(file, "fingerprint")
        if data.get("key_id") not in (None, signing.key_id.hex()):
            raise _bad(file, "key_id")
        return enrollment
