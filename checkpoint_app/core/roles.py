"""Who may do what at a station: the two roles, every action a service guards, and the
one table joining them (the services enforce it, whatever the screen shows).

Guards and volunteers (值班员) register people, check them out, see masked lists and run
their shift; the supervisor (负责人) also sees full identities (each reveal audited),
voids and corrects entries, edits the station, its rules and its operators, prints
reports, reads the audit log, exports batches for the district office and, later, purges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, Problem, problem


class Role(str, Enum):
    GUARD = "guard"  # 值班员: guard or volunteer
    SUPERVISOR = "supervisor"  # 负责人


class Action(str, Enum):
    REGISTER = "register"
    CHECK_OUT = "check_out"
    VIEW_MASKED = "view_masked"
    RUN_SHIFT = "run_shift"  # start, hand over, end a shift; the seven-ones check
    REVEAL = "reveal"
    VOID = "void"
    CORRECT = "correct"
    EDIT_STATION = "edit_station"
    EDIT_RULES = "edit_rules"
    MANAGE_OPERATORS = "manage_operators"
    PRINT_REPORT = "print_report"
    VIEW_AUDIT = "view_audit"
    MANAGE_RESIDENTS = "manage_residents"  # import, edit, mark moved out
    MANAGE_WATCHLIST = "manage_watchlist"  # home quarantine and medical observation entries
    DAILY_CARE = "daily_care"  # tick the five dailies for a household in quarantine
    EXPORT_BATCH = "export_batch"  # write a batch for the district office, read its acknowledgements
    MANAGE_CENTRAL_KEYS = "manage_central_keys"  # import the office's and the escrow's public keys
    PURGE = "purge"  # the retention purge: people's data erased once the office has it
    BACKUP = "backup"  # backups of the register, and restoring one


GUARD_ACTIONS = frozenset({Action.REGISTER, Action.CHECK_OUT, Action.VIEW_MASKED, Action.RUN_SHIFT, Action.DAILY_CARE})

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.GUARD: GUARD_ACTIONS,
    Role.SUPERVISOR: frozenset(Action),
}


def may(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


@dataclass(frozen=True)
class Actor:
    """The operator logged in at the desk, as the services were told at login.

    Only the operator service issues actors (after a PIN check); the token ties this one
    to that login, so the services refuse an actor they did not issue or one logged out.
    """

    operator_id: int
    name: str
    role: Role
    token: str = field(repr=False, compare=False, default="")


class NotPermitted(PermissionError):
    """A service refused an action for this actor's role (the refusal is audited)."""

    def __init__(self, action: Action, role: Role | None):
        self.action = action
        self.role = role
        super().__init__(f"{action.value} refused for role {role.value if role else 'none'}")

    def problem(self) -> Problem:
        if self.role is None:
            return problem("operator", QT_TRANSLATE_NOOP(
                "problems", "Nobody is logged in at this desk (or the login has ended): log in again."))
        return problem("operator", QT_TRANSLATE_NOOP(
            "problems", "Only a supervisor (负责人) may do this. Ask the supervisor on duty."))
