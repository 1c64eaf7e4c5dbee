"""Demo watchlist entries (`checkpoint-cli demo-data`, `--demo`): a few households of the
demo residents in home quarantine, one person under medical observation, and one entry
that has lapsed, so the gate's alert, the watchlist and the five dailies' day sheet have
something to show. Drafts only (typed text, as a supervisor would type them): the caller
adds them through WatchlistService.add, which checks them like any other."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from checkpoint_app.core.watchlist import DEFAULT_DAYS, WatchDraft, WatchKind

REASONS = ("从武汉返回", "密切接触者", "从湖北返回", "次密切接触者")


def demo_watchlist(residents_rooms: Sequence[tuple[str, str]], today: dt.date, seed: int = 2020) -> list[WatchDraft]:
    """Drafts for some of `residents_rooms` ((name, room) of demo residents; at least one
    needed): three households in home quarantine (the first with two persons), one person
    under medical observation and one lapsed quarantine, all dates relative to `today`.
    Fewer residents give fewer entries. The same seed gives the same drafts."""
    rng = random.Random(seed)
    by_room: dict[str, list[str]] = {}
    for name, room in residents_rooms:
        if room:
            by_room.setdefault(room, []).append(name)
    rooms = sorted(by_room)
    rng.shuffle(rooms)
    rooms.sort(key=lambda room: len(by_room[room]) < 2)  # a household of two first, if there is one
    drafts: list[WatchDraft] = []

    def add(kind: WatchKind, name: str, room: str, started_days_ago: int) -> None:
        start = today - dt.timedelta(days=started_days_ago)
        drafts.append(WatchDraft(kind.value, name, "", room, f"{start:%Y/%m/%d}",
                                 f"{start + dt.timedelta(days=DEFAULT_DAYS):%Y/%m/%d}", rng.choice(REASONS)))

    for position, room in enumerate(rooms[:5]):
        names = by_room[room]
        if position < 3:  # home quarantine, started 2 to 12 days ago; the first household whole
            for name in names[:2] if position == 0 else names[:1]:
                add(WatchKind.HOME_QUARANTINE, name, room, rng.randint(2, 12))
        elif position == 3:
            add(WatchKind.MEDICAL_OBSERVATION, names[0], room, rng.randint(1, 5))
        else:  # ended before today: the gate no longer alerts on it
            add(WatchKind.HOME_QUARANTINE, names[0], room, DEFAULT_DAYS + rng.randint(1, 5))
    return drafts
