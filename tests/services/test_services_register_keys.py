"""register.keys' operator slots (services/register_keys.py): the key wrapped under each
operator's PIN with XChaCha20-Poly1305 (PyNaCl), bound to the operator's number."""

from __future__ import annotations

import dataclasses
import json

import pytest
from argon2 import PasswordHasher

from checkpoint_app.services import register_keys as rk

# small Argon2id parameters: the slot copies whatever the PIN hash used
HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
KEY = bytes(range(32))


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return HASHER.hash("246810")


def test_the_pin_opens_its_slot(pin_hash):
    slot = rk.make_slot(KEY, 7, "王*", "supervisor", pin_hash)
    assert rk.open_slot(slot, "246810") == KEY
    assert len(rk._unb64(slot.nonce)) == rk.NONCE_BYTES
    assert KEY not in rk._unb64(slot.wrapped)


@pytest.mark.parametrize("change, why", [
    (lambda s: s, "a wrong PIN"),
    (lambda s: dataclasses.replace(s, operator_id=8), "a slot moved to another operator"),
    (lambda s: dataclasses.replace(s, wrapped=rk._b64(bytes([rk._unb64(s.wrapped)[0] ^ 1]) + rk._unb64(s.wrapped)[1:])),
     "a flipped bit"),
    (lambda s: dataclasses.replace(s, wrapped=rk._b64(rk._unb64(s.wrapped)[:-1])), "a cut tag"),
    (lambda s: dataclasses.replace(s, nonce=rk._b64(b"\0" * 12)), "a nonce of the wrong length"),
])
def test_what_does_not_open_a_slot(pin_hash, change, why):
    slot = change(rk.make_slot(KEY, 7, "王*", "supervisor", pin_hash))
    pin = "135790" if why == "a wrong PIN" else "246810"
    assert rk.open_slot(slot, pin) is None, why


def test_two_slots_of_one_pin_differ(pin_hash):
    """A fresh random nonce each time: the same key and PIN never give the same bytes."""
    first, second = (rk.make_slot(KEY, 7, "王*", "supervisor", pin_hash) for _ in range(2))
    assert first.nonce != second.nonce and first.wrapped != second.wrapped


def test_the_wrapping_key_is_derived_not_the_hash_itself(pin_hash):
    digest = rk.PinHash.parse(pin_hash).digest
    wrapping = rk._wrapping_key(digest)
    assert len(wrapping) == 32 and wrapping != digest[:32]
    assert rk._wrapping_key(digest) == wrapping and rk._wrapping_key(digest[:-1] + b"\0") != wrapping
    assert len(rk._wrapping_key(b"\1" * 100)) == 32  # longer than BLAKE2b's 64-byte key


def test_a_key_file_of_the_first_format_is_refused_by_name(tmp_path, pin_hash):
    """Format 1 (AES-GCM slots, never released) is not read as if it were this one."""
    path = tmp_path / "register.keys"
    rk.save(path, rk.KeyFile([rk.make_slot(KEY, 7, "王*", "supervisor", pin_hash)], check="c"))
    assert rk.load(path).slots[0].operator_id == 7
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "format": 1}), encoding="utf-8")
    with pytest.raises(rk.KeyFileError, match="version"):
        rk.load(path)
