"""Damaged registers for tests: a populated register (many pages), 4 KiB of random
bytes written into its middle, or one damaged byte inside a stored ID number (a person
check's) or time (a passage's)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from actors import add_staff, supervisor

from checkpoint_app.core.entry import EntryDraft

from checkpoint_app.services import demo
from checkpoint_app.services.context import open_context

ID = "11010519491231002X"
PHONE = "13812345678"


def visitor(**changes) -> EntryDraft:
    base = dict(category="visitor", name="李四", id_number=ID, phone=PHONE, origin_province="50",
                purpose="探亲", destination="3栋2单元501", temperature="36.5")
    base.update(changes)
    return EntryDraft(**base)


def make_populated(folder: Path, entries: int = 3000) -> Path:
    """A register with `entries` demo passages (people on foot) and, newest, one visitor
    with ID and PHONE; closed and checkpointed, so everything is in the main file.
    Returns the file."""
    ctx = open_context(folder)
    demo.fill(ctx, entries, days=8)  # the middle is older than the days "who is inside" reads at opening
    add_staff(ctx)  # the tests' own supervisor and guard, before any damage
    ctx.register.save(supervisor(ctx), visitor())
    ctx.close()
    with sqlite3.connect(ctx.paths.database) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    return ctx.paths.database


def random_bytes_in_the_middle(path: Path, seed: int = 7) -> None:
    """Random bytes over one whole page of passages in the middle of the register (a
    leaf of the passage table half way along it), which opening the window does not
    read (today's counts, the newest page, the result count, which stops after the
    first 1,001 rows it meets, and who is inside: the last 3 days); the integrity check does."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'passage' AND pagetype = 'leaf' ORDER BY path")]
    conn.close()
    assert len(leaves) > 30  # many pages
    page = leaves[len(leaves) // 2]
    data = bytearray(path.read_bytes())
    start = (page - 1) * page_size
    data[start:start + page_size] = random.Random(seed).randbytes(page_size)
    path.write_bytes(bytes(data))


def damage_id_number(path: Path) -> None:
    """One damaged byte inside the ID number stored in the visitor's person check row
    (followed there by the phone; the indexes' copies are left alone): the text is no
    longer UTF-8."""
    data = bytearray(path.read_bytes())
    at = data.index((ID + PHONE).encode())
    data[at + 5] = 0xFF
    path.write_bytes(bytes(data))


def damage_newest_time(path: Path) -> None:
    """One damaged character in the newest passage's stored time ('2026-11-29 …' becomes
    '2026-1x-29 …'): still UTF-8, but no longer a time SQLAlchemy can read back."""
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE passage SET recorded_at = substr(recorded_at, 1, 6) || 'x' || substr(recorded_at, 8) "
                    "WHERE id = (SELECT max(id) FROM passage)")
    raw.close()


def damage_station_name(path: Path) -> None:
    """A byte that is not UTF-8 inside the station's stored name."""
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE station SET name = CAST(X'E7BFA0FF' AS TEXT)")
    raw.close()
