"""Putting a sealed batch onto a stick (or any folder) so that it is either there whole
and verified or not there at all (issue 9: a full disk, a read-only stick, a stick
pulled, a permission denied leave no valid-looking file).

The order: check the free space; write the signature and the batch under `.partial`
names (readers ignore them), fsync each; rename the signature, then the batch, into
place and fsync the folder; read the batch back from the stick and verify its signature
and SHA-256 (what a reader will find, not what we meant to write). Any failure removes
every file this call wrote and raises InvalidInput with one problem (field "output")
saying what went wrong and that nothing was recorded. The functions the tests break on
purpose (`_open_new`, `_fsync`, `verify_sealed`) are looked up here at call time.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.minisign import PublicKey
from checkpoint_app.batch.sealed import FOLDER, PARTIAL_SUFFIX, SIGNATURE_SUFFIX, verify_sealed

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.progress import NO_PROGRESS, Progress

CHUNK = 1 << 20
MARGIN = 256 << 10  # room for the folder entries and the file system's own blocks


def batch_folder(target: Path) -> Path:
    """Where batches go on a stick: `<target>/checkpoint-batches/` (the target may be
    that folder already)."""
    target = Path(target)
    return target if target.name == FOLDER else target / FOLDER


def output_failed(path: Path, error: BaseException) -> InvalidInput:
    """The batch could not be put at `path`: why, in the user's terms."""
    if isinstance(error, BatchRejected):
        return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
            "problems", "The batch written to {path} did not read back correctly ({reason}): it was removed and "
                        "nothing was recorded. Try the stick again or another one."),
            path=str(path), reason=error.reason)])
    if isinstance(error, InvalidInput):
        return error
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
                "problems", "{path}: the disk is full. Nothing was recorded and no batch file was left there; free "
                            "some space or use another stick."), path=str(path))])
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
                "problems", "{path} cannot be written ({reason}): the stick is read-only or this user may not write "
                            "there. Nothing was recorded."), path=str(path), reason=error.strerror or "")])
        return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
            "problems", "The batch could not be written to {path} ({reason}): was the stick pulled out? Nothing was "
                        "recorded and no batch file was left there."),
            path=str(path), reason=error.strerror or type(error).__name__)])
    return InvalidInput([problem("output", QT_TRANSLATE_NOOP(
        "problems", "The batch could not be written to {path} ({reason}). Nothing was recorded and no batch file "
                    "was left there."), path=str(path), reason=type(error).__name__)])


def check_space(folder: Path, needed: int) -> None:
    """Refuse a folder without room for `needed` bytes (and a margin)."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError as error:
        raise output_failed(folder, error) from None
    if free < needed + MARGIN:
        raise InvalidInput([problem("output", QT_TRANSLATE_NOOP(
            "problems", "{path} has {free} free but the batch needs {needed}: free some space or use another stick."),
            path=str(folder), free=human_size(free), needed=human_size(needed + MARGIN))])


def human_size(size: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def _open_new(path: Path) -> BinaryIO:
    return open(path, "xb")  # noqa: SIM115 - closed by the caller


def _fsync(fd: int) -> None:
    os.fsync(fd)


def _write(path: Path, data: bytes, progress: Progress, done: int, total: int) -> int:
    with _open_new(path) as stream:
        for start in range(0, len(data), CHUNK):
            stream.write(data[start:start + CHUNK])
            done += min(CHUNK, len(data) - start)
            progress.step(done, total)
        stream.flush()
        _fsync(stream.fileno())
    return done


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        _fsync(fd)
    finally:
        os.close(fd)


def put(folder: Path, file_name: str, ciphertext: bytes, signature: str, sha256: str, public: PublicKey,
        progress: Progress = NO_PROGRESS) -> Path:
    """Write a batch and its signature into `folder` (made if missing), verified as the
    module docstring says. Returns the batch's path. Raises InvalidInput."""
    final = folder / file_name
    signature_final = folder / (file_name + SIGNATURE_SUFFIX)
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        signature_bytes = signature.encode("utf-8")
        check_space(folder, len(ciphertext) + len(signature_bytes))
        partial = folder / (file_name + PARTIAL_SUFFIX)
        signature_partial = folder / (file_name + SIGNATURE_SUFFIX + PARTIAL_SUFFIX)
        for leftover in (partial, signature_partial):  # a previous attempt's, never a reader's
            leftover.unlink(missing_ok=True)
        total = len(ciphertext) + len(signature_bytes)
        written.append(signature_partial)
        done = _write(signature_partial, signature_bytes, progress, 0, total)
        written.append(partial)
        _write(partial, ciphertext, progress, done, total)
        written.append(signature_final)
        os.replace(signature_partial, signature_final)
        written.append(final)
        os.replace(partial, final)
        fsync_folder(folder)
        found = verify_sealed(final, public)
        if found != sha256 or final.stat().st_size != len(ciphertext):
            raise BatchRejected("altered", file=file_name, what="sha256")
        return final
    except BaseException as error:
        for path in written:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        if isinstance(error, Exception):  # a bug mid-write too: said, not half-done (Cancelled is not raised here)
            raise output_failed(final, error) from error
        raise


def sha256_of(path: Path) -> str | None:
    """The file's SHA-256, None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def remove(folder: Path, file_name: str, sha256: str) -> None:
    """Take a batch and its signature away again (its record failed after the write),
    only if the file there is still this one: another desk's batch of the same number,
    written meanwhile, stays."""
    if sha256_of(folder / file_name) != sha256:
        return
    for name in (file_name, file_name + SIGNATURE_SUFFIX):
        try:
            (folder / name).unlink(missing_ok=True)
        except OSError:
            pass
