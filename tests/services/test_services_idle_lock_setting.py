"""The station setting for the idle lock: 10 minutes unless a supervisor sets 1 to 120."""

from __future__ import annotations

import pytest
from actors import guard, supervisor

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.roles import NotPermitted


def test_default_is_ten_minutes(ctx):
    assert ctx.settings.get("idle_lock_minutes") == 10


@pytest.mark.parametrize("minutes", [1, 10, 120])
def test_a_supervisor_sets_it(ctx, minutes):
    ctx.settings.set_many(supervisor(ctx), {"idle_lock_minutes": minutes})
    assert ctx.settings.get("idle_lock_minutes") == minutes


@pytest.mark.parametrize("minutes", [0, -5, 121, 10.5, "10", True, None])
def test_out_of_range_is_refused_with_a_message(ctx, minutes):
    with pytest.raises(InvalidInput) as caught:
        ctx.settings.set_many(supervisor(ctx), {"idle_lock_minutes": minutes})
    (found,) = caught.value.problems
    assert (found.field, found.english()) == ("idle_lock_minutes", "The desk locks after 1 to 120 minutes without use.")
    assert ctx.settings.get("idle_lock_minutes") == 10


def test_a_guard_may_not_change_it(ctx):
    with pytest.raises(NotPermitted):
        ctx.settings.set_many(guard(ctx), {"idle_lock_minutes": 60})
    assert ctx.settings.get("idle_lock_minutes") == 10
