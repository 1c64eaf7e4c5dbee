"""`checkpoint-cli doctor`: a read-only health check of a station's database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from checkpoint_app.db import migrations
from checkpoint_app.db.engine import SQLITE_MAGIC, make_engine


@dataclass
class Report:
    ok: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def examine(db_path: Path) -> Report:
    report = Report()
    if not db_path.exists():
        report.problems.append(f"no database at {db_path} (start the app once, or check --data-dir)")
        return report
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            report.problems.append("the file is not an SQLite database (damaged or replaced): restore a backup")
            return report
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        report.problems.append(f"cannot open the database read-only: {error}")
        return report
    try:
        _integrity(conn, report)
        if report.healthy:
            _schema(db_path, report)
        if report.healthy:
            _sequences(conn, report)
    except sqlite3.DatabaseError as error:
        report.problems.append(f"the database cannot be read: {error}")
    finally:
        conn.close()
    return report


def _integrity(conn: sqlite3.Connection, report: Report) -> None:
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows == ["ok"]:
        report.ok.append("SQLite integrity check: ok")
    else:
        report.problems.append("SQLite integrity check failed: " + "; ".join(rows[:5]))
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        report.problems.append(f"{len(broken)} rows point at missing rows (foreign keys)")
    else:
        report.ok.append("foreign keys: ok")


def _schema(db_path: Path, report: Report) -> None:
    engine = make_engine(db_path)
    try:
        current = migrations.current_revision(engine)
    finally:
        engine.dispose()
    head = migrations.head_revision()
    if current == head:
        report.ok.append(f"schema version: {current} (current)")
    elif current is None:
        report.problems.append("the database has no schema version: it was not made by this app")
    elif current in migrations.known_revisions():
        report.problems.append(f"schema version {current} is older than {head}: start the app to upgrade it")
    else:
        report.problems.append(f"schema version {current} is newer than this app ({head}): install the newer app")


def _sequences(conn: sqlite3.Connection, report: Report) -> None:
    for station_id, code, next_seq in conn.execute("SELECT id, code, next_seq FROM station"):
        max_seq, count, distinct = conn.execute(
            "SELECT coalesce(max(seq), 0), count(*), count(DISTINCT seq) FROM entry WHERE station_id = ?",
            (station_id,)).fetchone()
        if max_seq >= next_seq:
            report.problems.append(f"station {code}: sequence {max_seq} used but next is {next_seq}")
        elif count != distinct:
            report.problems.append(f"station {code}: sequence numbers repeat")
        else:
            report.ok.append(f"station {code}: {count} entries, sequence numbers ok (next {next_seq})")
