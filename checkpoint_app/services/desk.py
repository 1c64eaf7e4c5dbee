"""The logins this running app has issued (in memory only: a restart logs everyone out).

An `Actor` is a plain value the UI holds and passes back to every service call; the
services honour it only if this desk issued it and it has not been ended since. So a
widget cannot make itself a supervisor by building an Actor, and a logout or idle lock
ends what the old actor may do.
"""

from __future__ import annotations

import secrets
import threading

from checkpoint_app.core.roles import Actor, Role


class Desk:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens: dict[str, tuple[int, str]] = {}  # token -> operator id and name

    def issue(self, operator_id: int, name: str, role: Role) -> Actor:
        token = secrets.token_hex(16)
        with self._lock:
            self._tokens[token] = (operator_id, name)
        return Actor(operator_id=operator_id, name=name, role=role, token=token)

    def issued(self, actor: Actor) -> bool:
        with self._lock:
            # the name too: it is what entries and audit events record as who did it
            return self._tokens.get(actor.token) == (actor.operator_id, actor.name)

    def end(self, actor: Actor) -> None:
        with self._lock:
            self._tokens.pop(actor.token, None)

    def end_all_of(self, operator_id: int) -> None:
        """Log an operator out everywhere (their PIN or role changed, or they were removed)."""
        with self._lock:
            for token in [t for t, (op, _name) in self._tokens.items() if op == operator_id]:
                del self._tokens[token]
