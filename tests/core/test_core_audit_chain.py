"""Issue 6 item 4: the audit log's hash chain detects an edited, a deleted, a reordered
and an inserted row, and (with the head kept in audit-head.json) the newest rows
deleted. The register is made through the services and tampered with through raw
sqlite3, as someone with the file would; every case is checked by both readers: the
app's (SQLModel, services/audit.py) and doctor's (plain sqlite3, no SQLAlchemy).
Also: the canonical forms (time, detail) and the write → read → verify round trip."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from actors import GUARD_NAME, guard, supervisor
from sqlmodel import select

from checkpoint_app.core.audit_chain import (
    GENESIS,
    ChainBreak,
    ChainHead,
    canonical_detail,
    canonical_time,
    event_hash,
    verify_chain,
)
from checkpoint_app.core.problems import InvalidInput

from checkpoint_app.db.models import AuditEvent

from checkpoint_app.services import audit_head
from checkpoint_app.services.audit import AuditService

CST = dt.timezone(dt.timedelta(hours=8))


def make_log(ctx) -> int:
    """A few more events of different kinds through the services; the newest event id."""
    boss = supervisor(ctx)
    guard(ctx)  # a login
    with pytest.raises(InvalidInput):
        ctx.operators.login(GUARD_NAME, "999999")  # a failed login, audited
    ctx.operators.logout(boss)
    with raw(ctx) as conn:
        return conn.execute("SELECT max(id) FROM audit_event").fetchone()[0]


def raw(ctx) -> sqlite3.Connection:
    conn = sqlite3.connect(ctx.paths.database)
    conn.row_factory = sqlite3.Row
    return conn


def raw_events(db: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM audit_event ORDER BY id").fetchall()
    finally:
        conn.close()


def doctor_view(ctx) -> ChainBreak | None:
    """What doctor's reader finds: plain sqlite3 rows, the head file read first."""
    head = audit_head.read_head(audit_head.head_path(ctx.paths.root))
    return verify_chain(raw_events(ctx.paths.database), head)


def app_view(ctx) -> ChainBreak | None:
    return AuditService(ctx.uow, ctx.clock).verify()


def edit(column: str, value):
    def tamper(conn, last):
        conn.execute(f"UPDATE audit_event SET {column} = ? WHERE id = 3", (value,))
    return tamper


def respace_detail(conn, last):
    detail = conn.execute("SELECT detail FROM audit_event WHERE id = 1").fetchone()[0]
    assert detail.startswith('{"') and '":' in detail  # stored canonical: no spaces
    conn.execute("UPDATE audit_event SET detail = ? WHERE id = 1", (detail.replace(":", ": "),))


def move_time(conn, last):
    conn.execute("UPDATE audit_event SET at = '2026-11-29 01:00:09.000000' WHERE id = 3")


def delete_middle(conn, last):
    conn.execute("DELETE FROM audit_event WHERE id = 4")


def delete_first(conn, last):
    conn.execute("DELETE FROM audit_event WHERE id = 1")


def delete_last(conn, last):
    conn.execute("DELETE FROM audit_event WHERE id = ?", (last,))


def delete_last_and_head(conn, last):
    """Both the newest row and the head kept outside: what the chain alone cannot see."""
    delete_last(conn, last)
    audit_head.head_path(Path(conn.execute("PRAGMA database_list").fetchone()[2]).parent).unlink()


def swap_ids(conn, last):
    conn.execute("UPDATE audit_event SET id = -1 WHERE id = 3")
    conn.execute("UPDATE audit_event SET id = 3 WHERE id = 4")
    conn.execute("UPDATE audit_event SET id = 4 WHERE id = -1")


def insert_forged(conn, last):
    """A row slipped in at id 4 with a correct link and hash; the later rows moved up."""
    for event_id in range(last, 3, -1):
        conn.execute("UPDATE audit_event SET id = id + 1 WHERE id = ?", (event_id,))
    before = dict(conn.execute("SELECT * FROM audit_event WHERE id = 3").fetchone())
    forged = {**before, "id": 4, "action": "login", "subject": "operator:9", "detail": "{}",
              "prev_hash": before["hash"]}
    forged["hash"] = event_hash(before["hash"], forged)
    conn.execute("INSERT INTO audit_event (id, at, operator_id, operator_name, action, outcome, subject, detail, "
                 "prev_hash, hash) VALUES (:id, :at, :operator_id, :operator_name, :action, :outcome, :subject, "
                 ":detail, :prev_hash, :hash)", forged)


def rehash_newest(conn, last):
    """The newest event rewritten and its hash recomputed: only the kept head shows it."""
    row = dict(conn.execute("SELECT * FROM audit_event WHERE id = ?", (last,)).fetchone())
    row["operator_name"] = "somebody else"
    row["hash"] = event_hash(row["prev_hash"], row)
    conn.execute("UPDATE audit_event SET operator_name = ?, hash = ? WHERE id = ?", (row["operator_name"], row["hash"], last))


def append_garbage(conn, last):
    conn.execute("INSERT INTO audit_event (id, at, operator_name, action, outcome, subject, detail, prev_hash, hash) "
                 "VALUES (?, '2026-11-29 02:00:00.000000', '', 'void', 'ok', '', '{}', ?, ?)", (last + 1, "1" * 64, "2" * 64))


LAST = "last"  # the newest event's id, known once the log is made

CASES = [
    # name, tamper, expected (event id, kind) or None
    ("intact", None, None),
    ("edited field", edit("operator_name", "李四"), (3, "edited")),
    ("edited outcome", edit("outcome", "refused"), (3, "edited")),
    ("edited subject", edit("subject", "operator:99"), (3, "edited")),
    ("edited operator id", edit("operator_id", 42), (3, "edited")),
    ("edited detail, same meaning", respace_detail, (1, "edited")),
    ("edited time", move_time, (3, "edited")),
    ("unreadable time", edit("at", "yesterday"), (3, "edited")),
    ("edited hash", edit("hash", "f" * 64), (3, "edited")),
    ("deleted middle row", delete_middle, (5, "broken")),
    ("deleted first row", delete_first, (2, "broken")),
    ("deleted last row, head kept", delete_last, (LAST, "short")),
    ("reordered (ids swapped)", swap_ids, (3, "broken")),
    ("inserted row with a correct hash", insert_forged, (5, "broken")),
    ("newest rewritten and rehashed", rehash_newest, (LAST, "replaced")),
    ("row appended", append_garbage, ("after", "broken")),
]


@pytest.mark.parametrize(("tamper", "expected"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_tampering_is_found_at_its_row_by_both_readers(ctx, tamper, expected):
    last = make_log(ctx)
    assert last >= 8
    if tamper is not None:
        with raw(ctx) as conn:
            tamper(conn, last)
        conn.close()
    if expected is not None:
        event_id, kind = expected
        event_id = {LAST: last, "after": last + 1}.get(event_id, event_id)
        expected = ChainBreak(event_id, kind)
    assert doctor_view(ctx) == expected
    assert app_view(ctx) == expected


def test_without_the_kept_head_deleting_the_newest_row_goes_unseen(ctx):
    """The chain's own limit, and why the head is kept outside the register."""
    last = make_log(ctx)
    with raw(ctx) as conn:
        delete_last_and_head(conn, last)
    conn.close()
    assert doctor_view(ctx) is None and app_view(ctx) is None
    assert AuditService(ctx.uow, ctx.clock).check().head == "missing"


def test_round_trip_write_read_verify_in_any_zone(ctx, clock):
    """Times written from a UTC+8 clock, with and without microseconds, read back through
    SQLModel (aware UTC) and through sqlite3 (stored text), hash the same."""
    boss = supervisor(ctx)
    clock.now = dt.datetime(2026, 11, 29, 9, 0, 0, tzinfo=CST)  # whole seconds: stored '.000000'
    ctx.operators.logout(boss)
    clock.now = dt.datetime(2026, 11, 29, 9, 10, 0, 123456, tzinfo=CST)
    guard(ctx)
    rows = AuditService(ctx.uow, ctx.clock).events(supervisor(ctx))
    assert rows and all(row.at.tzinfo is not None and row.at.utcoffset() == dt.timedelta(0) for row in rows)
    assert {row.local_at.utcoffset() for row in rows} == {dt.timedelta(hours=8)}
    stored = [row["at"] for row in raw_events(ctx.paths.database)]
    assert any(t.startswith("2026-11-29 01:00:") and t.endswith(".000000") for t in stored), stored
    assert any(t.startswith("2026-11-29 01:10:") and t.endswith(".123456") for t in stored), stored
    assert app_view(ctx) is None and doctor_view(ctx) is None
    with ctx.session() as session:  # the ORM objects themselves, as the app reads them
        events = [e.model_dump() for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]
    assert all(e["at"].tzinfo is not None for e in events)
    assert verify_chain(events) is None


@pytest.mark.parametrize("value", [
    dt.datetime(2026, 11, 29, 9, 0, 1, tzinfo=CST),
    dt.datetime(2026, 11, 29, 1, 0, 1, tzinfo=dt.timezone.utc),
    dt.datetime(2026, 11, 29, 1, 0, 1),  # naive: UTC, as stored
    "2026-11-29 01:00:01.000000",
    "2026-11-29 01:00:01",
    "2026-11-29T01:00:01+00:00",
])
def test_canonical_time_is_the_stored_utc_text(value):
    assert canonical_time(value) == "2026-11-29 01:00:01.000000"


@pytest.mark.parametrize("value", ["", "yesterday", "2026-13-01 00:00:00", 12])
def test_canonical_time_refuses_what_is_no_time(value):
    with pytest.raises(ValueError):
        canonical_time(value)


def test_canonical_detail_is_one_text_for_one_meaning():
    assert canonical_detail({"b": 1, "a": "东门"}) == canonical_detail({"a": "东门", "b": 1}) == '{"a":"东门","b":1}'
    with pytest.raises(ValueError):
        canonical_detail({"t": float("nan")})


def test_every_chained_field_changes_the_hash():
    event = {"id": 1, "at": "2026-11-29 01:00:01.000000", "operator_id": 1, "operator_name": "王队长",
             "action": "login", "outcome": "ok", "subject": "operator:1", "detail": "{}"}
    base = event_hash(GENESIS, event)
    changed = {"id": 2, "at": "2026-11-29 01:00:02.000000", "operator_id": None, "operator_name": "王队",
               "action": "logout", "outcome": "failed", "subject": "operator:2", "detail": '{"a":1}'}
    for name, value in changed.items():
        assert event_hash(GENESIS, {**event, name: value}) != base, name
    assert event_hash("1" * 64, event) != base
    # field borders cannot shift: the same characters split differently hash differently
    assert event_hash(GENESIS, {**event, "operator_name": "王队长l", "action": "ogin"}) != base


def test_verifier_reports_short_only_against_a_kept_head():
    event = {"id": 1, "at": "2026-11-29 01:00:01.000000", "operator_id": None, "operator_name": "",
             "action": "login", "outcome": "failed", "subject": "", "detail": "{}", "prev_hash": GENESIS}
    event["hash"] = event_hash(GENESIS, event)
    assert verify_chain([event]) is None
    assert verify_chain([event], ChainHead(1, event["hash"])) is None
    assert verify_chain([event], ChainHead(3, "a" * 64)) == ChainBreak(2, "short")
    assert verify_chain([], ChainHead(1, event["hash"])) == ChainBreak(1, "short")
    assert verify_chain([event], ChainHead(1, "a" * 64)) == ChainBreak(1, "replaced")
