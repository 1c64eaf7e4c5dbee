"""Where a station's files live. Everything sits under one data directory, which
`--data-dir` overrides; the default is the platform's per-user data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "checkpoint-register"


def default_data_dir() -> Path:
    import platformdirs  # only when no --data-dir is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def not_a_folder(root: Path) -> Path | None:
    """The file standing where the data folder (or one of its parents) should be, if any:
    `--data-dir` given a file instead of a folder."""
    for candidate in (root, *root.parents):
        if candidate.exists():
            return None if candidate.is_dir() else candidate
    return None


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "register.sqlite3"

    @property
    def keys_file(self) -> Path:
        """The register's key, wrapped for each operator and the escrow (register_keys.py)."""
        return self.root / "register.keys"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "checkpoint.log"

    @property
    def lock_file(self) -> Path:
        return self.root / "app.lock"

    @property
    def display_file(self) -> Path:
        return self.root / "display.ini"

    def ensure(self) -> "DataPaths":
        """Create the folders (0700) and make this process create every file private
        (umask 077): each process that writes station files passes here first. Files an
        older version left readable by others are narrowed (see private_files.py)."""
        from checkpoint_app import private_files

        private_files.restrict_umask()
        private_files.make_folder(self.root)
        private_files.make_folder(self.log_dir)
        private_files.tighten(self.root)
        return self
