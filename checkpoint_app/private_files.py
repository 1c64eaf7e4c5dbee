"""A station's files are private to the user running the app, whatever the umask.

The register, its WAL and SHM, the log, `display.ini`, the lock and the backups hold
(or reveal) names, ID numbers and phones; on a shared laptop a desktop's usual umask
(022) would make them readable by every account. Every process that writes them sets
the umask to 077 first (`restrict_umask`), so whatever creates a file (SQLite, which
gives `-wal`/`-shm` the register's own mode; Qt's QSettings and QLockFile; the logging
module; a backup copy) makes it 0600 and every folder 0700. Files left wider by an
older version are narrowed when the app opens the folder (`tighten`), and `doctor`
lists any that are still wider (`too_open`).

Only the app's own files are touched: `--data-dir` may point at a folder that holds
other things, and the folder itself is narrowed only when everything in it is ours.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

PRIVATE_UMASK = 0o077
FOLDER_MODE = 0o700
FILE_MODE = 0o600
OPEN_BITS = 0o077  # group and others

OWN_FILES = ("register.sqlite3", "display.ini", "app.lock", "audit-head.json", "station-signing.key", "register.keys")
OWN_PREFIXES = ("register.sqlite3", "register.before-", "audit-head.json")  # -wal, -shm, -journal; the copies made before upgrades
OWN_FOLDERS = ("logs", "backups", "batches")  # batches: every batch written for the district office


def restrict_umask() -> None:
    """From here on this process creates files 0600 and folders 0700 (a stricter umask
    the user set is kept)."""
    previous = os.umask(PRIVATE_UMASK)
    os.umask(previous | PRIVATE_UMASK)


def _is_own(name: str) -> bool:
    return name in OWN_FILES or name in OWN_FOLDERS or name.startswith(OWN_PREFIXES)


SQLITE_HEADER = b"SQLite format 3\x00"


def is_station_file(path: Path) -> bool:
    """Whether `path` is one of a station's own files (its register, a copy of it, its
    logs, its lock or audit head) or any SQLite database: never a place to save a report
    or an export into, whatever the file dialog or the command line was given."""
    path = Path(path)
    if path.parent.name in OWN_FOLDERS or (_is_own(path.name) and (path.parent / OWN_FILES[0]).exists()):
        return True
    try:
        with open(path, "rb") as existing:
            return existing.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:  # missing or unreadable: not a database this would overwrite
        return False


def own_paths(root: Path) -> Iterator[Path]:
    """The app's files and folders under `root` that exist (not `root` itself)."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return
    for name in names:
        if not _is_own(name):
            continue
        path = root / name
        yield path
        if name in OWN_FOLDERS and path.is_dir() and not path.is_symlink():
            try:
                yield from (path / inner for inner in sorted(os.listdir(path)))
            except OSError:
                continue


def only_own(root: Path) -> bool:
    """True when everything in `root` is the app's (so the folder is the app's too)."""
    try:
        return all(_is_own(name) for name in os.listdir(root))
    except OSError:
        return False


def _mode(path: Path) -> int | None:
    try:
        st = path.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None  # a link's own bits mean nothing; what it points at is not ours
    return stat.S_IMODE(st.st_mode)


def too_open(root: Path) -> list[tuple[Path, int, int]]:
    """(path, its mode, the private mode) for the folder and each of the app's files
    that others may read or enter. Empty on systems without POSIX modes."""
    if os.name != "posix":
        return []
    found = []
    for path in (root, *own_paths(root)):
        mode = _mode(path)
        if mode is not None and mode & OPEN_BITS:
            found.append((path, mode, FOLDER_MODE if path.is_dir() else FILE_MODE))
    return found


def tighten(root: Path) -> list[Path]:
    """Take group and other permissions off the app's files, and off the folder when
    it holds nothing else. Returns what is still open to others (best effort: a file
    this user does not own stays as it is, and doctor reports it)."""
    if os.name != "posix":
        return []
    paths = list(own_paths(root))
    if only_own(root):
        paths.append(root)
    for path in paths:
        mode = _mode(path)
        if mode is not None and mode & OPEN_BITS:
            try:
                os.chmod(path, mode & ~OPEN_BITS)
            except OSError:
                pass
    return [path for path, _mode_now, _wanted in too_open(root)]


def make_folder(path: Path) -> None:
    """Create `path` (and missing parents) private; an existing folder is left as it is."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)


def write_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write under a temporary name, fsync, rename, fsync the folder: a reader sees the
    whole file or none."""
    temporary = path.with_name(path.name + ".partial")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        fsync_folder(path.parent)
    except OSError:
        pass  # the file is complete; only the rename's durability is left to the file system


def fsync_folder(folder: Path) -> None:
    """Make a rename or removal in `folder` durable (its directory entry on disk)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
