"""The register form's notices, as text in the user's language: the arrival date as it
was read, and what an ID number's own earlier entries say (issue 5, items 10 and 13).

Only entries found by the exact ID number typed are used, so a notice never tells the
guard anything about another person; a phone number (shared by a family) gives none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checkpoint_app.core.problems import InvalidInput
from checkpoint_app.core.text import normalise_name

from checkpoint_app.ui import i18n
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.core.arrival import Reading

    from checkpoint_app.services.register import KnownPerson, PastDecision


def arrival_text(reading: Reading) -> str:
    """"read as 2025-12-25", and on a second line how far back, when the guard must confirm it."""
    read = translate("RegisterForm", "read as {date}").format(date=reading.day.isoformat())
    if not reading.needs_confirmation:
        return read
    if reading.future:
        return read + "\n" + translate("RegisterForm", "after today")
    return read + "\n" + translate("RegisterForm", "{days} days ago").format(days=reading.days_ago)


def _reasons(past: PastDecision) -> str:
    labels = {
        "fever": translate("RegisterForm", "fever"), "short_breath": translate("RegisterForm", "short of breath"),
        "key_area": translate("RegisterForm", "key area"), "symptoms": translate("RegisterForm", "symptoms"),
        "override": translate("RegisterForm", "the guard's decision"),
    }
    return translate("RegisterForm", ", ").join(labels.get(code, code) for code in past.reasons)


def _outcome(past: PastDecision) -> str:
    decision = i18n.decision_label(past.decision)
    reasons = _reasons(past)
    return translate("RegisterForm", "{decision} ({reasons})").format(decision=decision, reasons=reasons) if reasons else decision


def history_text(person: KnownPerson) -> str:
    """How this document's last entry ended if it was a refusal or referral, else its latest
    refusal or referral; "" when it was only ever admitted."""
    turned = person.turned_away
    if person.last is None or turned is None:
        return ""
    if person.last.decision != "admit":  # the last entry itself was the refusal or referral
        return translate("RegisterForm", "Last entry under this ID, on {date}: {outcome}.").format(
            date=turned.day.isoformat(), outcome=_outcome(turned))
    text = translate("RegisterForm", "Earlier entry under this ID, on {date}: {outcome}.").format(
        date=turned.day.isoformat(), outcome=_outcome(turned))
    if turned.other_name:  # masked (services/register.py KnownPerson): it may be another person's name
        text += " " + translate("RegisterForm", "Registered then as {name}.").format(name=turned.name)
    return text


def name_text(person: KnownPerson, typed: str) -> str:
    """A notice when the name typed is not the one last registered under this ID (that
    name masked: the one typed may be the right one, the person at the desk another)."""
    if person.last is None or not typed.strip() or _name_key(typed) == _name_key(person.name):
        return ""
    return translate("RegisterForm", "Last registered under this ID as {name}.").format(name=person.last.name)


def _name_key(name: str) -> str:
    try:
        return normalise_name(name).casefold()
    except InvalidInput:
        return name.strip().casefold()
