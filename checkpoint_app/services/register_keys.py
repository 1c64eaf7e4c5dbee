"""The register's key, and who can unwrap it: `register.keys` beside the register.

The register is encrypted with 32 random bytes (see db/driver.py). That key is never
stored as it is, except for a moment at the first start, before any operator exists
(`pending`: the register then holds nothing but its schema). It is wrapped:

- once per operator who can log in, with XChaCha20-Poly1305 (libsodium, through PyNaCl)
  under a key derived from the PIN: the Argon2id output the login computes anyway. An
  operator's PIN hash in the register (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) is that
  output; its salt and parameters are copied into the slot, so typing the PIN at the start
  recomputes the same bytes. The wrapping key is derived from them (never the hash
  itself) with keyed BLAKE2b and this file's own personalisation, libsodium's KDF
  construction; the operator's number is the associated data, so a slot cannot be moved
  to another operator. (Format 1, on main for one day in issue 10 and never released,
  used AES-256-GCM from `cryptography`; PyNaCl is a tenth of its size in the bundle.)
- once to the district office's escrow key (age X25519, the key the batches are also
  encrypted to), so a forgotten PIN, or every supervisor gone, loses nothing:
  `checkpoint-cli recover` unwraps it with `escrow.key` and sets a new PIN.

Because each operator's slot is made from what the register already holds, slots are
rebuilt from the register whenever it is open (`sync_slots`): a PIN changed, an operator
added, taken off duty or renamed is reflected the next time, and an operator removed
loses their slot. What the file shows without a PIN: masked operator names (张*) and
roles, for the login list, and how many wrong PINs each slot has had.

A 6-digit PIN is a small space: Argon2id (64 MiB, 3 passes on a real desk) makes each
guess cost about a tenth of a second on this hardware, but a determined thief with the
file and a GPU can still try them all. Longer PINs (up to 12 digits) are the defence;
docs/privacy.md says so.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from argon2 import Type
from argon2.exceptions import InvalidHashError
from argon2.low_level import hash_secret_raw
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt as _aead_open
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_encrypt as _aead_seal
from nacl.exceptions import CryptoError

from checkpoint_app.private_files import write_atomically

FORMAT = 2
KEY_BYTES = 32
NONCE_BYTES = 24  # XChaCha20: random nonces are safe at this length
KDF_PERSON = b"ckpt-keywrap-v2"  # BLAKE2b personalisation (at most 16 bytes)


class KeyFileError(Exception):
    """register.keys cannot be read or is not one (damaged, cut short, another format)."""


@dataclass(frozen=True)
class Slot:
    """The register key wrapped for one operator (see the module's text)."""

    operator_id: int
    label: str  # the masked name shown in the login list (张*)
    role: str
    salt: str  # base64, from the PIN hash
    time_cost: int
    memory_cost: int  # KiB
    parallelism: int
    hash_len: int
    nonce: str  # base64
    wrapped: str  # base64: XChaCha20-Poly1305 of the key (tag included)
    failed: int = 0  # wrong PINs in a row typed at the start (before the register is open)
    locked_until: str | None = None  # ISO time, after the lockout's number of wrong PINs
    unaudited: int = 0  # wrong PINs at the start not yet in the register's audit log (written at its next open)


@dataclass(frozen=True)
class EscrowSlot:
    recipient: str  # age1… (the escrow key's public part)
    fingerprint: str
    wrapped: str  # base64 of the age file holding the key


@dataclass
class KeyFile:
    slots: list[Slot] = field(default_factory=list)
    escrow: EscrowSlot | None = None
    pending: str | None = None  # hex key, only until the first operator exists
    check: str = ""  # which key the slots wrap (services/encryption.key_check)

    def slot(self, operator_id: int) -> Slot | None:
        return next((s for s in self.slots if s.operator_id == operator_id), None)


# ---- the file ------------------------------------------------------------------------

def load(path: Path) -> KeyFile | None:
    """The key file at `path`; None when there is none. Raises KeyFileError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise KeyFileError(error.strerror or type(error).__name__) from error
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError("not a register key file of this version")
        slots = [Slot(**s) for s in data.get("slots", [])]
        escrow = EscrowSlot(**data["escrow"]) if data.get("escrow") else None
        pending = data.get("pending")
        if pending is not None and len(bytes.fromhex(pending)) != KEY_BYTES:
            raise KeyFileError("pending key length")
        check = str(data.get("check", ""))
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError) as error:
        raise KeyFileError(type(error).__name__) from error
    return KeyFile(slots, escrow, pending, check)


def save(path: Path, keys: KeyFile) -> None:
    """Write the key file atomically (temporary file, fsync, rename, fsync the folder),
    mode 0600: a kill at any moment leaves the old file or the new one, never half."""
    data = {"format": FORMAT, "slots": [asdict(s) for s in keys.slots],
            "escrow": asdict(keys.escrow) if keys.escrow else None, "pending": keys.pending, "check": keys.check}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    write_atomically(path, text, mode=0o600)


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# ---- operators' slots ------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class PinHash:
    """What an Argon2id PHC string holds: the parameters, the salt and the output."""

    time_cost: int
    memory_cost: int
    parallelism: int
    salt: bytes
    digest: bytes

    @classmethod
    def parse(cls, phc: str) -> PinHash:
        parts = phc.split("$")
        if len(parts) != 6 or parts[1] != "argon2id" or parts[2] != "v=19":
            raise InvalidHashError("not an Argon2id v19 hash")
        try:
            params = dict(item.split("=", 1) for item in parts[3].split(","))
            return cls(int(params["t"]), int(params["m"]), int(params["p"]), _unb64(parts[4]), _unb64(parts[5]))
        except (KeyError, ValueError, binascii.Error) as error:
            raise InvalidHashError("malformed Argon2id hash") from error


def _wrapping_key(digest: bytes) -> bytes:
    """The slot's key from the PIN's Argon2id output: BLAKE2b keyed with it, personalised
    for this use (libsodium's crypto_kdf construction)."""
    key = digest if len(digest) <= hashlib.blake2b.MAX_KEY_SIZE else hashlib.blake2b(digest).digest()
    return hashlib.blake2b(b"", key=key, person=KDF_PERSON, digest_size=32).digest()


def _aad(operator_id: int) -> bytes:
    return f"checkpoint-register operator {operator_id}".encode("ascii")


def make_slot(key: bytes, operator_id: int, label: str, role: str, pin_hash: str) -> Slot:
    """`key` wrapped under the operator's PIN, from their stored PIN hash."""
    parsed = PinHash.parse(pin_hash)
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrapped = _aead_seal(key, _aad(operator_id), nonce, _wrapping_key(parsed.digest))
    return Slot(operator_id, label, role, _b64(parsed.salt), parsed.time_cost, parsed.memory_cost,
                parsed.parallelism, len(parsed.digest), _b64(nonce), _b64(wrapped))


def same_pin(slot: Slot, pin_hash: str) -> bool:
    """Whether `slot` was made from this PIN hash (same salt and parameters)."""
    try:
        parsed = PinHash.parse(pin_hash)
    except InvalidHashError:
        return False
    return (_unb64(slot.salt), slot.time_cost, slot.memory_cost, slot.parallelism, slot.hash_len) == (
        parsed.salt, parsed.time_cost, parsed.memory_cost, parsed.parallelism, len(parsed.digest))


def open_slot(slot: Slot, pin: str) -> bytes | None:
    """The register key if `pin` is this operator's PIN, else None (one Argon2id run)."""
    digest = hash_secret_raw(pin.encode("utf-8"), _unb64(slot.salt), slot.time_cost, slot.memory_cost,
                             slot.parallelism, slot.hash_len, Type.ID)
    try:
        key = _aead_open(_unb64(slot.wrapped), _aad(slot.operator_id), _unb64(slot.nonce), _wrapping_key(digest))
    except (CryptoError, ValueError, TypeError):
        return None
    return key if len(key) == KEY_BYTES else None


def with_failures(slot: Slot, failed: int, locked_until: dt.datetime | None, unaudited: int | None = None) -> Slot:
    return replace(slot, failed=failed, locked_until=locked_until.isoformat() if locked_until else None,
                   unaudited=slot.unaudited if unaudited is None else unaudited)


def replace_label(slot: Slot, label: str, role: str) -> Slot:
    return replace(slot, label=label, role=role)


def locked_until(slot: Slot) -> dt.datetime | None:
    return dt.datetime.fromisoformat(slot.locked_until) if slot.locked_until else None


# ---- the escrow's slot -------------------------------------------------------------------

def make_escrow_slot(key: bytes, recipient: str, fingerprint: str) -> EscrowSlot:
    from pyrage import encrypt, x25519

    return EscrowSlot(recipient, fingerprint, _b64(encrypt(key, [x25519.Recipient.from_str(recipient)])))


def open_escrow(escrow: EscrowSlot, identity: Any) -> bytes:
    """The register key, with the escrow's age identity. Raises KeyFileError when this
    identity is not the one the key was wrapped to (or the slot is damaged)."""
    from pyrage import DecryptError, decrypt

    try:
        key = decrypt(_unb64(escrow.wrapped), [identity])
    except (DecryptError, ValueError, binascii.Error) as error:
        raise KeyFileError("the escrow key does not open this register") from error
    if len(key) != KEY_BYTES:
        raise KeyFileError("escrow slot length")
    return bytes(key)
