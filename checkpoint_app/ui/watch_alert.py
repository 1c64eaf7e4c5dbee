"""The watchlist alert on a form: a person under home quarantine or medical observation
is being registered. It cannot be missed: a red line at the top of the form that stays
while they are on it, a beep, and a message the guard must acknowledge (once per
person typed); the save records the alert with the passage (the register service
stores the watchlist entry it matched)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QLabel, QWidget

from checkpoint_app.core.known import WatchHit

from checkpoint_app.ui import ask
from checkpoint_app.ui.form_fields import set_state
from checkpoint_app.ui.i18n import translate


def kind_label(kind: str) -> str:
    return {"home_quarantine": translate("labels", "home quarantine"),
            "medical_observation": translate("labels", "medical observation")}.get(kind, kind)


def alert_text(hit: WatchHit, going_out: bool) -> str:
    where = translate("WatchAlert", " (room {room})").format(room=hit.room) if hit.room else ""
    head = translate("WatchAlert", "On the watchlist: {kind} until {end}{where}.").format(
        kind=kind_label(hit.kind), end=hit.end_date.strftime("%m-%d"), where=where)
    advice = translate("WatchAlert", "They may not go out: refuse and call the community.") if going_out else \
        translate("WatchAlert", "Coming home: let them in and tell the community.")
    return translate("WatchAlert", "{head} {advice}").format(head=head, advice=advice)


class WatchAlert:
    """One form's alert line and what the guard has acknowledged."""

    def __init__(self, form: QWidget, label: QLabel):
        self._form = form
        self.label = label
        self.label.hide()
        self._seen: set[str] = set()

    def show(self, hits: Iterable[WatchHit | None], going_out: bool) -> None:
        """Show the alert for the people on the watchlist among `hits`; ask the guard to
        acknowledge each one not yet acknowledged."""
        found = [h for h in hits if h is not None]
        text = "\n".join(alert_text(h, going_out) for h in found)
        set_state(self.label, "alarm" if found else "", text)
        self.label.setVisible(bool(found))
        for hit in found:
            if hit.uuid not in self._seen:
                self._seen.add(hit.uuid)
                ask.alarm(self._form, translate("WatchAlert", "Watchlist"), alert_text(hit, going_out))

    def reset(self) -> None:
        self._seen.clear()
        set_state(self.label, "", "")
        self.label.hide()
