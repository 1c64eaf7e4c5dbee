"""Why a batch, an acknowledgement or a key file is refused, as a translatable problem.

Every reason has a stable code (tests and the office's log use it) and an English template
marked for translation; the UI and the CLI show it in the user's language."""

from __future__ import annotations

from typing import Any

from checkpoint_app.core.problems import QT_TRANSLATE_NOOP, InvalidInput, Problem, problem

REASONS: dict[str, str] = {
    "bad_signature": QT_TRANSLATE_NOOP(
        "problems", "{file}: the signature does not match: the file was altered or not signed by {station}."),
    "no_signature": QT_TRANSLATE_NOOP("problems", "{file}: its signature file (.minisig) is missing."),
    "unknown_station": QT_TRANSLATE_NOOP(
        "problems", "{file}: station {station} is not enrolled here: enroll its enrollment file first."),
    "wrong_key": QT_TRANSLATE_NOOP(
        "problems", "{file}: it was not encrypted to this office's key (wrong key or wrong office)."),
    "truncated": QT_TRANSLATE_NOOP("problems", "{file}: the file is cut short or damaged: copy it again."),
    "altered": QT_TRANSLATE_NOOP("problems", "{file}: the content does not match its manifest ({what})."),
    "unsupported_version": QT_TRANSLATE_NOOP(
        "problems", "{file}: made by a newer version (format {version}): update the office's program."),
    "station_mismatch": QT_TRANSLATE_NOOP(
        "problems", "{file}: the station inside ({inside}) is not the station that signed it ({station})."),
    "bad_name": QT_TRANSLATE_NOOP("problems", "{file}: not a batch file name (CKB_<station>_<number>_<days>.age)."),
    "bad_key_file": QT_TRANSLATE_NOOP("problems", "{file}: not a key file of this program ({what})."),
    "bad_passphrase": QT_TRANSLATE_NOOP("problems", "{file}: the passphrase is wrong."),
    "unreadable": QT_TRANSLATE_NOOP("problems", "{file}: cannot be read ({what})."),
}


class BatchRejected(InvalidInput):
    """A file refused, with one reason code (`REASONS`)."""

    def __init__(self, reason: str, **params: Any):
        self.reason, self.params = reason, params
        super().__init__([problem("batch", REASONS[reason], **params)])

    def __reduce__(self) -> tuple[Any, ...]:  # crosses from the importer's helper process
        return _rejected, (self.reason, self.params)

    @property
    def problem(self) -> Problem:
        return self.problems[0]


def _rejected(reason: str, params: dict[str, Any]) -> BatchRejected:
    return BatchRejected(reason, **params)
