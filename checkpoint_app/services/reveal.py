"""The one way past the masks: a supervisor reveals one full identity field of one entry.

Everything else the services hand the UI is masked (records.py). A reveal names the
entry, the field (name, ID number or phone) and a reason; it is a unit of work of its
own (Action.REVEAL: a guard is refused, and the refusal audited), and its audit event
("reveal", subject "entry:<uuid>", detail field, seq and reason) commits with the read,
so no full value is shown without its trace. The value itself goes to the caller only:
never into the audit, the log or an exception.
"""

from __future__ import annotations

import logging

from sqlmodel import select

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, problem
from checkpoint_app.core.roles import Action, Actor
from checkpoint_app.core.text import clean_text

from checkpoint_app.db.models import Passage, PersonCheck, sensitive_fields

from checkpoint_app.services.unit_of_work import UnitOfWork

log = logging.getLogger("checkpoint.audit")

REVEALABLE = sensitive_fields()  # name, ID number, phone: declared once with the person fields
REASON_MAX = 200


def reveal_reason(reason: str) -> str:
    """The reason as stored in the audit; InvalidInput ("reveal_reason") if it says nothing."""
    text = clean_text(reason, REASON_MAX, "reveal_reason")
    if len(text) < 2:
        raise InvalidInput([problem("reveal_reason", QT_TRANSLATE_NOOP(
            "problems", "Say why the full value is needed (at least 2 characters)."))])
    return text


def may_reveal(uow: UnitOfWork, actor: Actor | None) -> None:
    """Raise NotPermitted (audited) unless `actor` may reveal: asked before the reason,
    so a guard is not made to type one first."""
    uow.require(actor, Action.REVEAL)


def reveal(uow: UnitOfWork, actor: Actor | None, entry_id: int, field: str, reason: str, position: int = 0) -> str:
    """The full `field` of the person at `position` (0: the person on foot, a vehicle's
    first occupant) of entry (passage) `entry_id` ("" if it was left empty), audited
    with `reason`.

    Raises InvalidInput (no reason; the entry is gone), NotPermitted or StorageError."""
    if field not in REVEALABLE:
        raise ValueError(f"not an identity field: {field}")
    why = reveal_reason(reason)
    with uow.write(actor, Action.REVEAL) as work:
        passage = work.session.get(Passage, entry_id)
        person = work.session.exec(select(PersonCheck).where(
            PersonCheck.passage_id == entry_id, PersonCheck.position == position)).first() if passage else None
        if passage is None or person is None:
            raise InvalidInput([problem("entry", QT_TRANSLATE_NOOP("problems", "This entry no longer exists."))])
        value = getattr(person, field) or ""
        detail = {"field": field, "seq": passage.seq, "reason": why} | ({"position": position} if position else {})
        work.audit(Action.REVEAL, f"entry:{passage.uuid}", detail)
    log.info("revealed %s of seq=%s", field, passage.seq)
    return value
