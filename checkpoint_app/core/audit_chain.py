"""The audit log's hash chain: each event's hash covers its own fields and the hash of
the event before it, so an edited, deleted or reordered row breaks the chain from
that row on. (Removing only the newest rows leaves a valid, shorter chain; the
station's event count, kept beside the chain, catches that: see `verify_chain`.)

Plain functions over plain values, shared by the writer (services/unit_of_work.py)
and the checker (`checkpoint-cli doctor`, the audit view).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

GENESIS = "0" * 64

# The fields an event's hash covers, in this order (the row's id included: a reordered
# row carries another id than the one it was hashed with).
CHAINED_FIELDS = ("id", "at", "operator_id", "operator_name", "action", "outcome", "subject", "detail")


def event_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    body = json.dumps([prev_hash, *(_plain(event[name]) for name in CHAINED_FIELDS)],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ChainBreak:
    """The first event (by id) at which the chain no longer holds, and why:
    'edited' (its hash does not match its fields), 'broken' (it does not follow the
    event before it: one was deleted, inserted or moved), 'gap' (ids skip: rows were
    deleted), 'short' (fewer events than were written)."""

    event_id: int | None
    kind: str


def verify_chain(events: Iterable[Mapping[str, Any]], expected_count: int | None = None) -> ChainBreak | None:
    """Check events in id order; None when the chain is whole."""
    prev = GENESIS
    last_id = 0
    count = 0
    for event in events:
        count += 1
        event_id = int(event["id"])
        if event["prev_hash"] != prev:
            return ChainBreak(event_id, "broken")
        if event_hash(prev, event) != event["hash"]:
            return ChainBreak(event_id, "edited")
        if event_id != last_id + 1:
            return ChainBreak(event_id, "gap")
        prev, last_id = event["hash"], event_id
    if expected_count is not None and count < expected_count:
        return ChainBreak(None, "short")
    return None
