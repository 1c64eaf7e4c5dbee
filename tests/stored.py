"""What the register holds, read straight from the tables (for assertions only)."""

from __future__ import annotations

from sqlmodel import col, select

from checkpoint_app.db.models import Passage, PersonCheck


def passage(ctx, passage_id: int) -> Passage | None:
    with ctx.session() as session:
        return session.get(Passage, passage_id)


def person(ctx, passage_id: int, position: int = 0) -> PersonCheck | None:
    """A passage's person (0: the person on foot), as stored (identity in full)."""
    with ctx.session() as session:
        return session.exec(select(PersonCheck).where(PersonCheck.passage_id == passage_id,
                                                      PersonCheck.position == position)).first()


def persons(ctx) -> list[PersonCheck]:
    with ctx.session() as session:
        return list(session.exec(select(PersonCheck).order_by(col(PersonCheck.id))).all())
