"""The station's signing key (docs/batch-format.md §8): `station-signing.key` in the data
folder, mode 0600, made the first time the station needs it and never replaced (the
office enrolled its public half; a new key would make every later batch a stranger's).

Made with O_EXCL under a temporary name and linked into place, so two desks starting at
once end with one key, and a crash never leaves half a key file where the key belongs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from checkpoint_app.batch.errors import BatchRejected
from checkpoint_app.batch.keys import read_station_key, station_key_text
from checkpoint_app.batch.minisign import SigningKey

FILE_NAME = "station-signing.key"


def key_path(root: Path) -> Path:
    return Path(root) / FILE_NAME


def load(root: Path) -> SigningKey | None:
    """The station's key, None when it was never made. Raises BatchRejected for a file
    that is not a station key (or cannot be read)."""
    path = key_path(root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise BatchRejected("unreadable", file=FILE_NAME, what=type(error).__name__) from error
    return read_station_key(text, FILE_NAME)


def create(root: Path, now: dt.datetime) -> tuple[SigningKey, bool]:
    """The key, made now when missing: (key, whether it was made by this call)."""
    existing = load(root)
    if existing is not None:
        return existing, False
    key = SigningKey.generate()
    path = key_path(root)
    temp = path.with_name(f".{FILE_NAME}.{os.getpid()}.new")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(station_key_text(key, now))
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temp, path)  # fails when another process made the key meanwhile: theirs stands
        except FileExistsError:
            loaded = load(root)
            assert loaded is not None
            return loaded, False
        _fsync_folder(path.parent)
        return key, True
    finally:
        temp.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
