"""Issue 6's figures that are not the report's: the login (Argon2id PIN check with the
app's real parameters, plus its audit event), and what the unit of work's change record
adds to a save (and the audit event to a void), measured side by side in one run.

The save comparison is at the service (the form's own cost is in saves.py): batches of
saves alternate between the real unit of work and the same code with the change record
and audit events left out (`Work._finish` replaced by a no-op for that batch), so both
see the same register, cache and disk."""

from __future__ import annotations

import random
import time

from common import latency_summary, ms


def login(ctx, name: str, pin: str, runs: int = 15, log=print) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        actor = ctx.operators.login(name, pin)
        times.append(time.perf_counter() - started)
        ctx.operators.logout(actor)
    hash_params = ctx.operators._hasher  # noqa: SLF001 - reported, not changed
    out = latency_summary(times)
    out["argon2"] = {"time_cost": hash_params.time_cost, "memory_kib": hash_params.memory_cost,
                     "parallelism": hash_params.parallelism}
    log(f"  login median {out['p50_ms']:.1f} ms (n={runs})")
    return out


def unit_of_work_cost(ctx, actor, visitor, batches: int = 10, per_batch: int = 50, log=print) -> dict:
    """Save p50/p99 with and without the change record; void with and without its audit event."""
    from checkpoint_app.services import unit_of_work

    real_finish = unit_of_work.Work._finish
    rng = random.Random(6)
    saves: dict[str, list[float]] = {"with": [], "without": []}
    voids: dict[str, list[float]] = {"with": [], "without": []}
    for batch in range(2 * batches):
        kind = "with" if batch % 2 == 0 else "without"
        unit_of_work.Work._finish = real_finish if kind == "with" else (lambda self: None)
        try:
            saved_ids = []
            for _ in range(per_batch):
                draft = visitor(rng)
                started = time.perf_counter()
                saved = ctx.register.save(actor, draft)
                saves[kind].append(time.perf_counter() - started)
                saved_ids.append(saved.id)
            for entry_id in saved_ids[:10]:
                started = time.perf_counter()
                ctx.register.void(actor, entry_id, "基准测试作废")
                voids[kind].append(time.perf_counter() - started)
        finally:
            unit_of_work.Work._finish = real_finish
    out = {
        "save_with_records": latency_summary(saves["with"]),
        "save_without_records": latency_summary(saves["without"]),
        "void_with_audit": latency_summary(voids["with"]),
        "void_without_audit": latency_summary(voids["without"]),
    }
    for key in ("p50_ms", "p99_ms"):
        out[f"save_added_{key}"] = round(out["save_with_records"][key] - out["save_without_records"][key], 2)
        out[f"void_added_{key}"] = round(out["void_with_audit"][key] - out["void_without_audit"][key], 2)
    log(f"  service save p99 {out['save_with_records']['p99_ms']:.1f} ms with the change record, "
        f"{out['save_without_records']['p99_ms']:.1f} ms without; p50 added {out['save_added_p50_ms']:.2f} ms")
    return out


__all__ = ["login", "unit_of_work_cost", "ms"]
