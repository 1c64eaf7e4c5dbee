"""The encrypted register at the door: which key opens it, unlocking it with a PIN,
converting a plain one, and keeping `register.keys` in step with the operators.

Before the register is open (`prepare`, `choices`, `unlock`) only the key file is read.
Once it is open (`KeySlots.sync`), the operators' PIN hashes and the escrow key in it
rebuild the key file's slots (see services/register_keys.py for what a slot is).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from sqlmodel import Session, select

from checkpoint_app.paths import DataPaths

from checkpoint_app.core.masking import mask_name
from checkpoint_app.core.pin import MAX_FAILED, locked_until
from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem

from checkpoint_app.db import cipher, driver, sqlite_file
from checkpoint_app.db.errors import StorageError, StorageProblem, classify, os_problem
from checkpoint_app.db.models import CentralKey, Operator

from checkpoint_app.services import register_keys as keys
from checkpoint_app.services.operators import LockedOut

log = logging.getLogger("checkpoint.keys")

ESCROW_ROLE = "escrow"


@dataclass(frozen=True)
class Choice:
    """One operator in the login list of a locked register."""

    operator_id: int
    label: str  # masked name (张*)
    role: str


def key_check(key: bytes) -> str:
    """A value that tells which key the slots wrap, without revealing it."""
    return hmac.new(key, b"checkpoint-register key check", hashlib.sha256).hexdigest()[:16]


def _load(paths: DataPaths) -> keys.KeyFile | None:
    try:
        return keys.load(paths.keys_file)
    except keys.KeyFileError as error:
        raise StorageError(StorageProblem.KEYS_DAMAGED, str(error)) from error


def _header(path: Path) -> bytes:
    try:
        return sqlite_file.read_header(path)
    except FileNotFoundError:
        return b""
    except OSError as error:
        raise StorageError(StorageProblem.CANNOT_OPEN, error.strerror or type(error).__name__) from error


def is_locked(paths: DataPaths) -> bool:
    """Whether the register is encrypted and only an operator's PIN opens it."""
    if not driver.is_encrypted_header(_header(paths.database)):
        return False
    kept = _load(paths)
    return kept is not None and kept.pending is None


def prepare(paths: DataPaths, encrypt: bool) -> tuple[bytes | None, bool]:
    """The key to open the register with before any PIN is known, and whether this call
    encrypted a plain register (its copies then need the same: `encrypt_copies`).

    - An encrypted register of the first start (no operator yet): its pending key.
    - `encrypt` and no register yet: a new key (kept pending until the first supervisor).
    - `encrypt` and a plain register: it is converted now (an upgrade from a version
      without encryption), with a new key, pending until the slots are written.
    - Otherwise None (a plain register stays plain: tests, `encrypt=False`).
    Raises StorageError ENCRYPTED when the register needs a PIN (`unlock`), KEYS_MISSING
    when it is encrypted and its key file is gone, KEYS_DAMAGED for a damaged key file."""
    cipher.finish_wipes(paths.root)
    header = _header(paths.database)
    kept = _load(paths)
    if driver.is_encrypted_header(header):
        if kept is None:
            raise StorageError(StorageProblem.KEYS_MISSING, "register.keys")
        if kept.pending is not None:
            return bytes.fromhex(kept.pending), False
        raise StorageError(StorageProblem.ENCRYPTED)
    if not encrypt:
        return None, False
    key = bytes.fromhex(kept.pending) if kept is not None and kept.pending else keys.new_key()
    if kept is None or kept.pending is None:
        # any slots there wrap another key (a plain register put back by hand): they go
        keys.save(paths.keys_file, keys.KeyFile(pending=key.hex(), check=key_check(key)))
    if header:
        try:
            cipher.encrypt_in_place(paths.database, key)
        except (OSError, driver.Error) as error:
            storage = StorageError(os_problem(error), "encrypting") if isinstance(error, OSError) else classify(error)
            if storage is None:
                raise
            raise storage from error
        return key, True
    return key, False


def encrypt_copies(files: list[Path], key: bytes) -> int:
    """Encrypt the plain copies of the register (those made before upgrades, backups)
    with the register's key. A copy that cannot be converted is logged and left."""
    done = 0
    for path in files:
        if not cipher.is_plain(path):
            continue
        try:
            cipher.encrypt_in_place(path, key)
            done += 1
        except (OSError, driver.Error) as error:
            log.warning("a copy of the register could not be encrypted (%s): %s", type(error).__name__, path.name)
    return done


def choices(paths: DataPaths) -> list[Choice]:
    """Who can unlock the register: masked names and roles, from the key file."""
    kept = _load(paths)
    if kept is None:
        return []
    return [Choice(s.operator_id, s.label, s.role) for s in sorted(kept.slots, key=lambda s: (s.label, s.operator_id))]


def unlock(paths: DataPaths, operator_id: int, pin: str, now: dt.datetime) -> bytes:
    """The register key for this operator and PIN. Wrong PINs count towards the same
    lockout as at the desk (kept in the key file, since the register is not open yet).
    Raises InvalidInput (field 'operator' or 'pin'), LockedOut, StorageError."""
    kept = _load(paths)
    slot = kept.slot(operator_id) if kept is not None else None
    return _unlock(paths, kept, [slot] if slot is not None else [], pin, now)


def unlock_by_name(paths: DataPaths, name: str, pin: str, now: dt.datetime) -> bytes:
    """The same for a typed name (the command line's --operator): the slots whose masked
    name matches are tried (usually one; 张三 and 张四 share 张*)."""
    kept = _load(paths)
    label = mask_name(" ".join(name.split()))
    return _unlock(paths, kept, [s for s in kept.slots if s.label == label] if kept else [], pin, now)


def _unlock(paths: DataPaths, kept: keys.KeyFile | None, candidates: list[keys.Slot], pin: str,
            now: dt.datetime) -> bytes:
    if kept is None or not candidates:
        raise InvalidInput([problem("operator", QT_TRANSLATE_NOOP(
            "problems", "No operator of that name can log in here. A supervisor adds operators."))])
    open_ones = [s for s in candidates if (keys.locked_until(s) or now) <= now]
    if not open_ones:
        until = min(keys.locked_until(s) or now for s in candidates)
        raise LockedOut(until, now)
    for slot in open_ones:
        key = keys.open_slot(slot, pin)
        if key is not None and (not kept.check or key_check(key) == kept.check):
            if slot.failed or slot.locked_until:
                _save_slots(paths, kept, [keys.with_failures(slot, 0, None)])
            return key
    counted: list[keys.Slot] = []
    lock: dt.datetime | None = None
    left = MAX_FAILED
    for slot in open_ones:
        failed = (0 if slot.locked_until else slot.failed) + 1  # a past lock starts a new count
        lock_ends = locked_until(failed, now)
        counted.append(keys.with_failures(slot, 0 if lock_ends else failed, lock_ends, slot.unaudited + 1))
        lock = lock or lock_ends
        left = min(left, MAX_FAILED - failed)
    _save_slots(paths, kept, counted)
    log.info("wrong PIN at the start (%d slot(s) tried)", len(open_ones))
    if lock is not None:
        raise LockedOut(lock, now)
    raise InvalidInput([problem("pin", QT_TRANSLATE_NOOP(
        "problems", "Wrong PIN. {left} more tries before a 5-minute lock."), left=left)])


def recover(paths: DataPaths, identity: object) -> bytes:
    """The register key from its escrow slot, with the escrow's age identity (a forgotten
    PIN, every supervisor gone). Raises StorageError (no key file, or no escrow slot:
    KEYS_MISSING) or InvalidInput (another escrow key)."""
    kept = _load(paths)
    if kept is None or kept.escrow is None:
        raise StorageError(StorageProblem.KEYS_MISSING, "no escrow slot")
    try:
        key = keys.open_escrow(kept.escrow, identity)
    except keys.KeyFileError as error:
        raise InvalidInput([problem("escrow_key", QT_TRANSLATE_NOOP(
            "problems", "This escrow key does not open this register (it was wrapped to the key with fingerprint "
                        "{fingerprint})."), fingerprint=kept.escrow.fingerprint)]) from error
    if kept.check and key_check(key) != kept.check:
        raise StorageError(StorageProblem.KEYS_DAMAGED, "escrow slot of another key")
    return key


def _save_slots(paths: DataPaths, kept: keys.KeyFile, changed: list[keys.Slot]) -> None:
    by_id = {s.operator_id: s for s in changed}
    kept.slots = [by_id.get(s.operator_id, s) for s in kept.slots]
    try:
        keys.save(paths.keys_file, kept)
    except OSError as error:  # the count is lost, not the login: the register's own lock still applies
        log.warning("the key file could not be written (%s)", type(error).__name__)


class KeySlots:
    """Keeps `register.keys` in step with the open register: one slot per operator who can
    log in (active, with a PIN), the escrow slot when an escrow key is imported."""

    def __init__(self, paths: DataPaths, key: bytes, session_factory: Callable[[], Session],
                 audit_failed_pins: Callable[[int, int], object] | None = None):
        self._paths, self._key, self._session_factory = paths, key, session_factory
        # wrong PINs typed at the start, before the register was open: into its audit log now
        self._audit_failed_pins = audit_failed_pins

    def sync(self) -> bool:
        """Rewrite the key file if the register's operators or escrow key changed. Returns
        whether it was written. Raises StorageError when it cannot be."""
        with self._session_factory() as session:
            operators = session.exec(select(Operator).where(
                Operator.active == True, Operator.pin_hash != None)).all()  # noqa: E711, E712
            escrow = session.exec(select(CentralKey).where(CentralKey.role == ESCROW_ROLE)).first()
        kept = _load(self._paths) or keys.KeyFile()
        check = key_check(self._key)
        old = {s.operator_id: s for s in kept.slots} if kept.check == check else {}
        if self._audit_failed_pins is not None:
            for operator_id, earlier in list(old.items()):
                if earlier.unaudited:
                    self._audit_failed_pins(operator_id, earlier.unaudited)
                    old[operator_id] = replace(earlier, unaudited=0)
        slots = []
        for op in operators:
            assert op.id is not None and op.pin_hash is not None
            label, slot = mask_name(op.name), old.get(op.id)
            if slot is None or not keys.same_pin(slot, op.pin_hash):
                try:
                    slot = keys.make_slot(self._key, op.id, label, op.role, op.pin_hash)
                except ValueError:  # not an Argon2id hash (never written by this app)
                    log.warning("operator %s has a PIN hash no slot can be made from", op.id)
                    continue
            elif (slot.label, slot.role) != (label, op.role):
                slot = keys.replace_label(slot, label, op.role)
            slots.append(slot)
        wanted_escrow = kept.escrow if kept.check == check else None
        if escrow is None:
            wanted_escrow = None
        elif wanted_escrow is None or wanted_escrow.recipient != escrow.age_recipient:
            wanted_escrow = keys.make_escrow_slot(self._key, escrow.age_recipient, escrow.fingerprint)
        # no operator yet (a first start): the key stays readable, never again once a slot was made
        pending = self._key.hex() if not slots and kept.pending else None
        updated = keys.KeyFile(sorted(slots, key=lambda s: s.operator_id), wanted_escrow, pending, check)
        if updated == kept:
            return False
        try:
            keys.save(self._paths.keys_file, updated)
        except OSError as error:
            raise StorageError(os_problem(error), "register.keys") from error
        log.info("key file updated: %d operator slots, escrow %s", len(slots), "yes" if wanted_escrow else "no")
        return True
