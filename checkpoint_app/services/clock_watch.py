"""Is the computer's clock believable? Entries are dated by it, and today's list and
counts are chosen by that date: a clock set back a day silently files people under
yesterday.

Two signs of a wrong clock:
  - BEHIND: the clock reads earlier than the newest entry (at start, and at each save);
  - JUMPED: between two readings the wall clock moved more than JUMP_LIMIT further
    (either way) than a steady clock did. The steady clock counts time in suspend where
    the system offers it (Linux CLOCK_BOOTTIME), so a laptop that slept overnight is not
    a jump; where it does not, a long sleep can look like one (the guard dismisses it).
A long quiet spell between two saves (the night) is not a jump: only the difference
between the two clocks counts.

Sequence numbers do not depend on the clock: they keep increasing whatever it says.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable

Clock = Callable[[], dt.datetime]
Steady = Callable[[], float]

JUMP_LIMIT = dt.timedelta(hours=3)
# the clock may be set a little back (time synchronisation) without anyone being misfiled
BEHIND_TOLERANCE = dt.timedelta(minutes=2)


def steady_seconds() -> float:
    """Seconds on a clock nobody sets, counting suspend where the system can."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class ClockProblem(str, Enum):
    BEHIND = "behind_newest_entry"
    JUMPED = "jumped"


@dataclass(frozen=True)
class ClockWarning:
    problem: ClockProblem
    now: dt.datetime  # what the clock said
    reference: dt.datetime  # BEHIND: the newest entry's time; JUMPED: the clock's previous reading
    shift: dt.timedelta  # BEHIND: now - newest (negative); JUMPED: how far the clock moved beyond the time that passed


class ClockWatch:
    def __init__(self, clock: Clock | None = None, steady: Steady = steady_seconds,
                 jump_limit: dt.timedelta = JUMP_LIMIT):
        self._clock = clock or _local_now
        self._steady = steady
        self._jump_limit = jump_limit
        self._newest: dt.datetime | None = None
        self._last: tuple[dt.datetime, float] | None = None

    def start(self, newest: dt.datetime | None) -> ClockWarning | None:
        """At start: `newest` is the newest entry's time (None for an empty register)."""
        now = self._clock()
        self._newest = newest
        self._last = (now, self._steady())
        return self._behind(now)

    def observe(self, recorded_at: dt.datetime) -> ClockWarning | None:
        """After a save: `recorded_at` is the time the clock gave the new entry."""
        steady = self._steady()
        warning = self._behind(recorded_at)
        if warning is None and self._last is not None:
            wall0, steady0 = self._last
            shift = (recorded_at - wall0) - dt.timedelta(seconds=steady - steady0)
            if abs(shift) > self._jump_limit:
                warning = ClockWarning(ClockProblem.JUMPED, recorded_at, wall0, shift)
        self._last = (recorded_at, steady)
        if self._newest is None or recorded_at > self._newest:
            self._newest = recorded_at
        return warning

    def _behind(self, now: dt.datetime) -> ClockWarning | None:
        if self._newest is not None and now < self._newest - BEHIND_TOLERANCE:
            return ClockWarning(ClockProblem.BEHIND, now, self._newest, now - self._newest)
        return None
