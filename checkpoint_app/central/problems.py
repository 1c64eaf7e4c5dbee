"""Why the office refuses a file or a step, beyond the batch library's own reasons
(batch/errors.py): translatable problems in the "problems" context, as everywhere."""

from __future__ import annotations

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem


class OfficeRefused(InvalidInput):
    """One problem, with a stable `reason` code (tests and the CLI use it)."""

    def __init__(self, reason: str, found: Problem):
        self.reason = reason
        super().__init__([found])

    @property
    def problem(self) -> Problem:
        return self.problems[0]


def key_differs(file: str, station: str, fingerprint: str) -> OfficeRefused:
    return OfficeRefused("key_differs", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file}: station {station} is already enrolled with another key (fingerprint {fingerprint}). "
                    "Check the new key with the station by phone, then enroll it with --replace."),
        file=file, station=station, fingerprint=fingerprint))


def number_taken(file: str, station: str, number: int) -> OfficeRefused:
    return OfficeRefused("number_taken", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file}: station {station} already sent a different batch number {number}; this file is not "
                    "the batch held here."), file=file, station=station, number=number))


def broken_chain(file: str, station: str, number: int) -> OfficeRefused:
    return OfficeRefused("broken_chain", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file}: it does not follow on from batch {number} of station {station} held here (the "
                    "previous batch's hash differs)."), file=file, station=station, number=number))


def not_stored(file: str, what: str) -> OfficeRefused:
    return OfficeRefused("not_stored", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file}: the office database refused it ({what}); nothing of it was imported."),
        file=file, what=what))


def no_batches(path: str) -> OfficeRefused:
    return OfficeRefused("no_batches", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{path}: no batch file (CKB_….age) there."), path=path))


def not_found(path: str) -> OfficeRefused:
    return OfficeRefused("not_found", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{path}: no such file or folder."), path=path))


def key_exists(file: str) -> OfficeRefused:
    return OfficeRefused("key_exists", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file} already exists: a key file is never overwritten."), file=file))


def bad_office_name(limit: int) -> OfficeRefused:
    return OfficeRefused("bad_office_name", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "The office's name must be one line of 1 to {limit} characters, without control characters."),
        limit=limit))


def cannot_write(file: str, what: str) -> OfficeRefused:
    return OfficeRefused("cannot_write", problem("batch", QT_TRANSLATE_NOOP(
        "problems", "{file} cannot be written ({what})."), file=file, what=what))


def conflict_unknown(number: int) -> OfficeRefused:
    return OfficeRefused("conflict_unknown", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "There is no conflict number {number} in this office database."), number=number))


def conflict_resolved(number: int, choice: str, by: str, at: str) -> OfficeRefused:
    return OfficeRefused("conflict_resolved", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "Conflict {number} was already resolved ({choice}) by {by} at {at}; it is not resolved twice."),
        number=number, choice=choice, by=by, at=at))


def conflict_choice(choice: str) -> OfficeRefused:
    return OfficeRefused("conflict_choice", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "\"{choice}\" is not a way to resolve a conflict: keep the held record or take the incoming one."),
        choice=choice))


def conflict_clerk() -> OfficeRefused:
    return OfficeRefused("conflict_clerk", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "Say who resolves the conflict (the clerk's name).")))


def conflict_held_missing(number: int) -> OfficeRefused:
    return OfficeRefused("conflict_held_missing", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "Conflict {number}: the held record is not in the database any more; nothing was changed."),
        number=number))


def conflict_superseded(number: int) -> OfficeRefused:
    return OfficeRefused("conflict_superseded", problem("conflict", QT_TRANSLATE_NOOP(
        "problems", "Conflict {number}: the held day declaration has a later revision since; taking the incoming "
                    "one would go back to an older revision. Keep the held one."), number=number))
