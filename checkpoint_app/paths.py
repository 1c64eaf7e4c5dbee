"""Where a station's files live. Everything sits under one data directory, which
`--data-dir` overrides; the default is the platform's per-user data directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

APP_NAME = "checkpoint-register"


def default_data_dir() -> Path:
    import platformdirs  # only when no --data-dir is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "register.sqlite3"

    @property
    def log_dir(self) -> Path:
        return self.root / "logs"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "checkpoint.log"

    @property
    def lock_file(self) -> Path:
        return self.root / "app.lock"

    def ensure(self) -> "DataPaths":
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return self
