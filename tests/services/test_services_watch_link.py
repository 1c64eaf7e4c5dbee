"""A watchlist entry is linked to its resident (watch.resident_id) when a supervisor adds
or edits it: by ID number, else by name and room among residents not moved out; left
empty when none or several match."""

from __future__ import annotations

import pytest
from actors import supervisor
from residents import add_resident
from sqlmodel import select

from checkpoint_app.core.watchlist import WatchDraft

from checkpoint_app.db.models import Watch

ID = "11010519491231002X"


def linked(ctx, uuid: str) -> int | None:
    with ctx.session() as session:
        return session.exec(select(Watch.resident_id).where(Watch.uuid == uuid)).one()


@pytest.mark.parametrize(("draft", "who"), [
    (WatchDraft(name="李四", id_number=ID, room="9-9-909"), "li"),  # by ID number, whatever the room
    (WatchDraft(name="李四", room="3栋5单元502室"), "li"),  # by name and room, normalised
    (WatchDraft(name="王五", room="3-5-502"), None),  # nobody of that name in the room
    (WatchDraft(name="赵六", room="1-1-101"), None),  # moved out
    (WatchDraft(name="孙八", room="2-2-202"), None),  # two of that name in the room
])
def test_the_entry_names_its_resident(ctx, draft, who):
    li = add_resident(ctx, name="李四", room="3-5-502", phone=None, id_number=ID)
    add_resident(ctx, name="赵六", room="1-1-101", phone=None, moved_out=True)
    add_resident(ctx, name="孙八", room="2-2-202", phone=None)
    add_resident(ctx, name="孙八", room="2-2-202", phone=None)
    view = ctx.watchlist.add(supervisor(ctx), draft)
    assert linked(ctx, view.uuid) == (li.id if who == "li" else None)


def test_an_edit_links_again(ctx):
    li = add_resident(ctx, name="李四", room="3-5-502", phone=None)
    boss = supervisor(ctx)
    view = ctx.watchlist.add(boss, WatchDraft(name="李四", room="3-5-503"))
    assert linked(ctx, view.uuid) is None
    ctx.watchlist.edit(boss, view.uuid, WatchDraft(name="李四", room="3-5-502"))
    assert linked(ctx, view.uuid) == li.id
    ctx.watchlist.edit(boss, view.uuid, WatchDraft(name="李四", room="3-5-501"))
    assert linked(ctx, view.uuid) is None
