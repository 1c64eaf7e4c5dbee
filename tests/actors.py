"""The operators the tests log in as (importable from any test module, like stations.py).

PINs are hashed with cheap Argon2 parameters in tests (`CHEAP_HASHER`, passed to
open_context): the stored hash carries its parameters, so logging in checks it as cheaply.
"""

from __future__ import annotations

from argon2 import PasswordHasher

from checkpoint_app.core.roles import Actor, Role

from checkpoint_app.services.context import AppContext

CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

SUPERVISOR_NAME, SUPERVISOR_PIN = "王队长", "246813"
GUARD_NAME, GUARD_PIN = "张保安", "135792"


def add_staff(ctx: AppContext) -> None:
    """The supervisor and the guard the tests use (idempotent). In a new register he is
    its first supervisor; in a demo register the demo supervisor adds them."""
    if any(op.name == SUPERVISOR_NAME for op in ctx.operators.all()):
        return
    if ctx.operators.needs_first_supervisor():
        boss = ctx.operators.create_first_supervisor(SUPERVISOR_NAME, SUPERVISOR_PIN)
    else:
        from checkpoint_app.services.demo import DEMO_SUPERVISOR

        demo = ctx.operators.login(*DEMO_SUPERVISOR)
        boss_info = ctx.operators.create(demo, SUPERVISOR_NAME, Role.SUPERVISOR, SUPERVISOR_PIN)
        ctx.operators.logout(demo)
        boss = ctx.operators.login(boss_info.name, SUPERVISOR_PIN)
    ctx.operators.create(boss, GUARD_NAME, Role.GUARD, GUARD_PIN)
    ctx.operators.logout(boss)


def _login(ctx: AppContext, key: str, name: str, pin: str) -> Actor:
    cache = ctx.__dict__.setdefault("_test_actors", {})
    actor = cache.get(key)
    if actor is None or not ctx.operators.still_logged_in(actor):
        add_staff(ctx)
        actor = cache[key] = ctx.operators.login(name, pin)
    return actor


def supervisor(ctx: AppContext) -> Actor:
    """The supervisor 王队长, logged in (the same login for the whole test)."""
    return _login(ctx, "supervisor", SUPERVISOR_NAME, SUPERVISOR_PIN)


def guard(ctx: AppContext) -> Actor:
    """The guard 张保安, logged in."""
    return _login(ctx, "guard", GUARD_NAME, GUARD_PIN)
