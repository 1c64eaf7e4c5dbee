"""The audit chain's head kept outside the register: `audit-head.json` in the data
folder, holding the newest event's id and hash (why: core/audit_chain.py).

Written by the unit of work after each commit that added audit events, atomically (a
private temporary file in the same folder renamed over the old one), so a reader finds
the old head or the new one, never half a file. It is not flushed to disk (fsync): that
cost 12 ms on every audited write here, and what a power cut can do to it is harmless.
It may leave the old head, which lags behind the register and is not a break
(core/audit_chain.py), or, on a file system that does not order a rename after the
data, an empty file, which is read as no head at all (as if never written). The writer moves the
head on only when the head already there still names an event of the register's chain
with its hash, or when there is none yet: a head the register no longer matches (its
newest events deleted, the chain rewritten, a backup restored) is left as it is, so
doctor and the supervisor's audit view keep saying so instead of the next write hiding
it. Whoever has looked into it (e.g. after restoring a backup, which loses the newest
events honestly) moves the file aside; the next write starts a new one.

A plain file protects what a plain file can: someone who deletes the newest events
AND this file is seen only as "no head kept" (a doctor warning) until the next write.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from checkpoint_app.core.audit_chain import ChainHead

log = logging.getLogger("checkpoint.audit")

HEAD_FILENAME = "audit-head.json"
_HASH = re.compile(r"[0-9a-f]{64}")


class HeadUnreadable(ValueError):
    """The head file is there but cannot be read or is not a head (damaged, edited)."""


def head_path(folder: Path) -> Path:
    return Path(folder) / HEAD_FILENAME


def read_head(path: Path) -> ChainHead | None:
    """The head kept in `path`; None when there is no such file or it is empty (see the
    module docstring); HeadUnreadable when the file holds something that is no head."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise HeadUnreadable(type(error).__name__) from None
    if not text:
        return None
    try:
        data = json.loads(text)
        event_id, digest = data["event_id"], data["hash"]
    except (ValueError, TypeError, KeyError):
        raise HeadUnreadable("not a chain head") from None
    if type(event_id) is not int or event_id < 1 or not isinstance(digest, str) or not _HASH.fullmatch(digest):
        raise HeadUnreadable("not a chain head")
    return ChainHead(event_id, digest)


def write_head(path: Path, head: ChainHead) -> None:
    """Replace the head in `path` atomically with `head` (0600, whatever the umask).
    Raises OSError when it cannot be written."""
    import tempfile  # only when a head is written, not at start-up

    body = json.dumps({"event_id": head.event_id, "hash": head.hash}) + "\n"
    fd, temporary = tempfile.mkstemp(prefix=HEAD_FILENAME + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(body)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
