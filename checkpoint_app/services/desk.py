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
        self._tokens: dict[str, tuple[int, str, Role]] = {}  # token -> operator id, name, role at login

    def issue(self, operator_id: int, name: str, role: Role) -> Actor:
        token = secrets.token_hex(16)
        with self._lock:
            self._tokens[token] = (operator_id, name, role)
        return Actor(operator_id=operator_id, name=name, role=role, token=token)

    def issued(self, actor: Actor) -> bool:
        # the name too: it is what entries and audit events record as who did it
        return self.role_of(actor) is not None

    def role_of(self, actor: Actor) -> Role | None:
        """The role this login was issued with (None: not issued, or ended since). The
        operator service ends an operator's logins whenever their role, PIN or duty
        changes, so this is their current role."""
        with self._lock:
            issued = self._tokens.get(actor.token)
        if issued is None or issued[:2] != (actor.operator_id, actor.name):
            return None
        return issued[2]

    def end(self, actor: Actor) -> None:
        with self._lock:
            self._tokens.pop(actor.token, None)

    def end_all_of(self, operator_id: int) -> None:
        """Log an operator out everywhere (their PIN or role changed, or they were removed)."""
        with self._lock:
            for token in [t for t, (op, _name, _role) in self._tokens.items() if op == operator_id]:
                del self._tokens[token]
