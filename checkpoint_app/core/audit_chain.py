"""The audit log's hash chain: each event's hash covers its own fields and the hash of
the event before it, so an edited, deleted, inserted or reordered row breaks the chain
at that row (or the one after it).

Plain functions over plain values, shared by the writer (services/unit_of_work.py) and
the checkers (services/audit.py for the supervisor's view, `checkpoint-cli doctor`,
which reads the file with Python's sqlite3 and no SQLAlchemy). So every field is hashed
in a canonical form that all three readers produce from what they read:
- `at`: the UTC time as SQLAlchemy's SQLite dialect stores it,
  'YYYY-MM-DD HH:MM:SS.ffffff' (`canonical_time`), from an aware datetime (the writer,
  SQLModel's UTCDateTime reading it back) or from the stored text (doctor). An aware
  time in another zone is converted, never hashed with its offset.
- `detail`: the stored JSON text, hashed exactly as stored. The writer makes it with
  `canonical_detail` (sorted keys, no spaces, UTF-8 text, no NaN), so the same detail
  always gives the same text; re-spacing it afterwards is an edit.
- ids and operator ids as integers, NULL as null, texts as they are.
The hash is SHA-256 over the compact JSON array [prev_hash, id, at, operator_id,
operator_name, action, outcome, subject, detail]: JSON quoting keeps the field borders
unambiguous. The id is hashed, so a row moved to another id no longer matches.

What the chain cannot show by itself: removing only the newest rows leaves a shorter
chain that is still whole. So the writer also keeps the chain's head (the last event's
id and hash) outside the register, in `audit-head.json` beside it
(services/audit_head.py), and the checkers compare: the register must still hold that
event with that hash ('short' when it ends before it, 'replaced' when the event there
is another). The head file may lag behind the register (a crash between the commit and
the file's write; two writers finishing out of order); it is never ahead of it, because
it is written only after the commit. It is an unkeyed chain: someone who edits the file
with this module at hand can recompute every hash after their change. Then the
register's newest event no longer matches the head file, unless they rewrite that too;
the chain makes tampering visible to doctor and the supervisor, it is not a signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

GENESIS = "0" * 64

# The fields an event's hash covers, in this order (the row's id included: a reordered
# row carries another id than the one it was hashed with).
CHAINED_FIELDS = ("id", "at", "operator_id", "operator_name", "action", "outcome", "subject", "detail")


# Why a chain breaks at an event (ChainBreak.kind)
EDITED = "edited"  # its hash does not match its fields: a field was changed in place
BROKEN = "broken"  # it does not follow the event before it: one was deleted, inserted or moved
GAP = "gap"  # the ids skip although the chain links: rows were deleted and the rest rehashed
SHORT = "short"  # the register ends before the head kept outside it: the newest events were deleted
REPLACED = "replaced"  # another event stands where the head kept outside it was: deleted and rewritten
KINDS = (EDITED, BROKEN, GAP, SHORT, REPLACED)


def canonical_time(value: dt.datetime | str) -> str:
    """The UTC time as stored: an aware datetime (converted to UTC), a naive one (taken
    as UTC, as the register stores it) or the stored text. ValueError if unreadable."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if not isinstance(value, dt.datetime):
        raise ValueError("not a time")
    if value.utcoffset() is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return value.isoformat(" ", "microseconds")  # SQLAlchemy's SQLite format: 2026-11-29 01:00:00.000000


def canonical_detail(detail: Mapping[str, Any]) -> str:
    """The one JSON text of an event's detail (what the writer stores)."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)  # made once: 100k events


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """The hash of `event` (a mapping with CHAINED_FIELDS) following `prev_hash`.
    ValueError/TypeError when a field cannot be in a chain (an unreadable time)."""
    fields = [event[name] for name in CHAINED_FIELDS]
    fields[1] = canonical_time(fields[1])
    body = _ENCODER.encode([prev_hash, *fields])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The newest event's id and hash (kept outside the register: see the docstring)."""

    event_id: int
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    """The first event (by id) at which the chain no longer holds, and why (one of
    KINDS). For 'short', the first event missing at the end."""

    event_id: int | None
    kind: str


class ChainVerifier:
    """Checks events fed in id order, one at a time (streaming: nothing is kept but the
    previous hash), against the head kept outside the register when there is one."""

    def __init__(self, head: ChainHead | None = None):
        self.head = head
        self.count = 0
        self.last = ChainHead(0, GENESIS)
        self.found: ChainBreak | None = None

    def feed(self, event: Mapping[str, Any]) -> ChainBreak | None:
        """Check the next event; the first break found (then stop feeding)."""
        if self.found is not None:
            return self.found
        self.count += 1
        event_id = int(event["id"])
        prev = self.last.hash
        if event["prev_hash"] != prev:
            self.found = ChainBreak(event_id, BROKEN)
        elif not self._hash_holds(prev, event):
            self.found = ChainBreak(event_id, EDITED)
        elif event_id != self.last.event_id + 1:
            self.found = ChainBreak(event_id, GAP)
        elif self.head is not None and event_id == self.head.event_id and event["hash"] != self.head.hash:
            self.found = ChainBreak(event_id, REPLACED)
        else:
            self.last = ChainHead(event_id, event["hash"])
        return self.found

    @staticmethod
    def _hash_holds(prev: str, event: Mapping[str, Any]) -> bool:
        try:
            return event_hash(prev, event) == event["hash"]
        except (ValueError, TypeError):  # a time that no longer reads, a damaged value
            return False

    def finish(self) -> ChainBreak | None:
        """After the last event: the break found, or 'short' when the register ends
        before the head kept outside it; None when the chain is whole."""
        if self.found is None and self.head is not None and self.last.event_id < self.head.event_id:
            self.found = ChainBreak(self.last.event_id + 1, SHORT)
        return self.found


def verify_chain(events: Iterable[Mapping[str, Any]], head: ChainHead | None = None) -> ChainBreak | None:
    """Check events in id order; None when the chain is whole (and reaches `head`)."""
    verifier = ChainVerifier(head)
    for event in events:
        if verifier.feed(event) is not None:
            break
    return verifier.finish()
