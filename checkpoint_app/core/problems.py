"""Validation problems that the UI shows next to a field, in the user's language.

Core code never formats user-facing text itself: it returns a `Problem` holding an
English template (marked with QT_TRANSLATE_NOOP so `pyside6-lupdate` collects it
into the "problems" context) and its parameters. The UI translates the template
and fills the parameters; tests can read `Problem.english()`.

A problem's `field` is a path: a plain field name ("temperature") on a form with one
person, or the person's place and the field ("occupants.2.temperature": the third
occupant of a vehicle) when a passage has several, so the form can put the message on
the right occupant's field (`at_path`, `path_parts`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any, Mapping

CONTEXT = "problems"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - name lupdate looks for
    """Mark `text` for translation without translating it (lupdate collects it)."""
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a form."""

    field: str
    template: str
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)  # `field` is a member here

    def english(self) -> str:
        return self.template.format(**self.params)


class InvalidInput(ValueError):
    """Raised with every problem found, so the form can show them all at once."""

    def __init__(self, problems: list[Problem]):
        if not problems:
            raise ValueError("InvalidInput needs at least one problem")
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.field}: {p.english()}" for p in self.problems))

    def for_field(self, name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == name]


def problem(field_name: str, template: str, **params: Any) -> Problem:
    return Problem(field_name, template, params)


def at_path(prefix: str, problems: list[Problem]) -> list[Problem]:
    """`problems` of one part of a record, their fields put under `prefix`
    ("occupants.2"); an empty prefix leaves them as they are."""
    if not prefix:
        return list(problems)
    return [replace(p, field=f"{prefix}.{p.field}") for p in problems]


def path_parts(field_path: str) -> tuple[str | int, ...]:
    """"occupants.2.temperature" -> ("occupants", 2, "temperature"): numbers are places."""
    return tuple(int(part) if part.isdigit() else part for part in field_path.split("."))
