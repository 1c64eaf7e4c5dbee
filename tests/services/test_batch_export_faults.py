"""Fault injection on export (issue 9): a full stick, a read-only one, an exception in the
middle of the write, a failed fsync, the file gone before it was read back, the database
failing after the file was written, another batch recorded meanwhile. Each leaves no
batch file (nor .partial) on the stick and none kept at the station, records nothing,
and says why; the next export then works and gets number 1."""

from __future__ import annotations

import errno
from collections import namedtuple

import pytest
from actors import guard, supervisor
from batch_station import every_file, with_keys

from checkpoint_app.batch.sealed import FOLDER

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.problems import InvalidInput

from checkpoint_app.db.errors import StorageError, StorageProblem

from checkpoint_app.services import batch_files
from checkpoint_app.services.batches import BatchService


@pytest.fixture
def station(ctx, tmp_path):
    with_keys(ctx, tmp_path / "office")
    for name in ("李四", "王五", "赵六"):
        ctx.register.save(guard(ctx), EntryDraft(category="resident", name=name, temperature="36.5"))
    return ctx


class Breaking:
    """A file that fails after `after` bytes were written (with `error`)."""

    def __init__(self, stream, after: int, error: BaseException):
        self._stream, self._left, self._error = stream, after, error

    def write(self, data: bytes) -> int:
        if len(data) > self._left:
            self._stream.write(data[:self._left])
            self._left = 0
            raise self._error
        self._left -= len(data)
        return self._stream.write(data)

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._stream.close()


def _breaking_on_the_batch(monkeypatch, error: BaseException, after: int = 100) -> None:
    real = batch_files._open_new

    def open_new(path):
        stream = real(path)
        return Breaking(stream, after, error) if path.name.endswith(".age.partial") else stream

    monkeypatch.setattr(batch_files, "_open_new", open_new)


def _read_only(monkeypatch) -> None:
    def open_new(path):
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(batch_files, "_open_new", open_new)


def _fsync_fails(monkeypatch) -> None:
    def fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(batch_files, "_fsync", fsync)


def _removed_before_verification(monkeypatch) -> None:
    real = batch_files.verify_sealed

    def verify(path, public):
        path.unlink()
        return real(path, public)

    monkeypatch.setattr(batch_files, "verify_sealed", verify)


def _altered_on_the_stick(monkeypatch) -> None:
    real = batch_files.verify_sealed

    def verify(path, public):
        data = bytearray(path.read_bytes())
        data[-1] ^= 1
        path.write_bytes(bytes(data))
        return real(path, public)

    monkeypatch.setattr(batch_files, "verify_sealed", verify)


def _record_fails(monkeypatch) -> None:
    def record(*args, **kwargs):
        raise StorageError(StorageProblem.FULL, "disk I/O")

    monkeypatch.setattr(BatchService, "_record", record)


def _full(monkeypatch) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(batch_files.shutil, "disk_usage", lambda path: usage(10 << 20, 10 << 20, 4096))


FAULTS = {
    "disk full at write (ENOSPC)": (lambda m: _breaking_on_the_batch(m, OSError(errno.ENOSPC, "No space left")),
                                    "the disk is full"),
    "too little free space": (_full, "the batch needs"),
    "read-only at open (EROFS)": (_read_only, "read-only"),
    "permission denied": (lambda m: _breaking_on_the_batch(m, PermissionError(errno.EACCES, "Permission denied"), 0),
                          "may not write"),
    "exception mid-write": (lambda m: _breaking_on_the_batch(m, RuntimeError("bug")), "RuntimeError"),
    "stick pulled mid-write (EIO)": (lambda m: _breaking_on_the_batch(m, OSError(errno.EIO, "I/O error")),
                                     "stick pulled"),
    "fsync fails": (_fsync_fails, "stick pulled"),
    "file removed before verification": (_removed_before_verification, "did not read back"),
    "file altered before verification": (_altered_on_the_stick, "did not read back"),
}


def _nothing_written(ctx, target) -> None:
    assert [f for f in every_file(target) if ".age" in f] == []
    kept = ctx.paths.root / "batches"
    assert not kept.exists() or list(kept.iterdir()) == []
    assert ctx.batches.ledger(supervisor(ctx)) == []
    with ctx.session() as session:
        from sqlmodel import select

        from checkpoint_app.db.models import AuditEvent, DayDeclaration

        assert session.exec(select(DayDeclaration)).all() == []
        assert [e for e in session.exec(select(AuditEvent)) if e.action == "batch_exported"] == []


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_export_leaves_no_batch_file_and_records_nothing(station, tmp_path, monkeypatch, fault):
    inject, said = FAULTS[fault]
    target = tmp_path / "stick"
    target.mkdir()
    (target / "photo.jpg").write_bytes(b"not ours")
    with monkeypatch.context() as patch:
        inject(patch)
        with pytest.raises(InvalidInput) as caught:
            station.batches.export(supervisor(station), target, close_today=True)
    problem = caught.value.problems[0]
    assert problem.field == "output" and said in problem.english(), problem.english()
    assert "李四" not in problem.english()
    _nothing_written(station, target)
    assert every_file(target) == ["photo.jpg"]  # nothing else left, what was there before stays
    entry = station.batches.export(supervisor(station), target, close_today=True)  # the next one works
    assert entry.number == 1 and (target / FOLDER / entry.file_name).is_file()


def test_a_database_failure_after_the_file_was_written_takes_the_file_away(station, tmp_path, monkeypatch):
    target = tmp_path / "stick"
    with monkeypatch.context() as patch:
        _record_fails(patch)
        with pytest.raises(StorageError):
            station.batches.export(supervisor(station), target)
    _nothing_written(station, target)
    assert station.batches.export(supervisor(station), target).number == 1


def test_a_batch_recorded_meanwhile_by_another_desk_refuses_this_one(station, tmp_path, monkeypatch):
    """Two desks exporting at once: the one recording second finds the ledger moved on,
    takes its file off the stick again and records nothing; the first one's stands."""
    real_put = batch_files.put
    other = tmp_path / "other"
    calls = []

    def put(folder, *args, **kwargs):
        path = real_put(folder, *args, **kwargs)
        if not calls:
            calls.append(folder)
            station.batches.export(supervisor(station), other)  # the other desk, finishing first
        return path

    monkeypatch.setattr(batch_files, "put", put)
    with pytest.raises(InvalidInput) as caught:
        station.batches.export(supervisor(station), tmp_path / "stick")
    assert "same time" in caught.value.problems[0].english()
    assert [f for f in every_file(tmp_path / "stick") if ".age" in f] == []
    (entry,) = station.batches.ledger(supervisor(station))
    assert (other / FOLDER / entry.file_name).is_file()
    assert sorted(p.name for p in (station.paths.root / "batches").iterdir()) == [
        entry.file_name, entry.file_name + ".minisig"]
