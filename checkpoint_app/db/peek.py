"""Read one stored setting with plain sqlite3, before the storage layer is loaded.

The window must appear at once (language and font size are needed to draw it), while
SQLAlchemy, SQLModel and the migrations load afterwards. Anything unreadable gives the
default: opening the database properly reports real problems a moment later.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any


def stored_setting(db_path: Path, key: str, default: Any) -> Any:
    if not db_path.is_file():
        return default
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.5)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        finally:
            conn.close()
        return json.loads(row[0]) if row else default
    except (sqlite3.Error, ValueError):
        return default
