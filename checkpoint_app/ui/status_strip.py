"""Today's counts along the bottom of the window, with what each count means in its
tooltip (the definitions are core.listing.counts_of_passage's, said for a guard): the
persons, then the vehicles and the leaflets handed out."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from checkpoint_app.core.listing import DayCounts

from checkpoint_app.ui import i18n
from checkpoint_app.ui.i18n import translate


class TodayCounts(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("today_counts_label")
        self.day: dt.date | None = None  # the day counted
        self.show_counts(DayCounts())
        self.setToolTip(meanings())

    def show_counts(self, c: DayCounts, day: dt.date | None = None) -> None:
        self.counts = c
        if day is not None:
            self.day = day
        persons = translate("StatusStrip", "Today: in {entered} · out {left} · visitors {visitors} · fevers {fevers} · "
                            "refused {refused} · referred {referred} · key area {key_area}").format(
            entered=c.entered, left=c.left, visitors=c.visitors, fevers=c.fevers, refused=c.refused,
            referred=c.referred, key_area=c.key_area)
        vehicles = translate("StatusStrip", "vehicles {vehicles} (in {vehicles_in}, out {vehicles_out}) · "
                             "leaflets {leaflets}").format(
            vehicles=c.vehicles, vehicles_in=c.vehicles_in, vehicles_out=c.vehicles_out, leaflets=c.leaflets)
        self.setText(f"{persons} · {vehicles}")

    def show_vehicles(self, by_category: dict[str, tuple[int, int]]) -> None:
        """The day's vehicles by kind, and the persons aboard, in the tooltip (the line
        itself keeps to what fits 1366 px in large print)."""
        self.by_category = dict(by_category)
        order = ("private_car", "taxi", "bus", "goods", "emergency", "other")
        parts = [f"{i18n.vehicle_category_label(code)} {by_category[code][0]}" for code in order if code in by_category]
        aboard = sum(n for _, n in by_category.values())
        line = translate("StatusStrip", "<b>Today's vehicles by kind</b>: {kinds}; persons aboard: {aboard}.").format(
            kinds=" · ".join(parts) or "0", aboard=aboard)
        self.setToolTip(meanings() + "<br>" + line)


def meanings() -> str:
    """What each count counts, one line each (rich text, for the tooltip and the help)."""
    lines = [
        translate("StatusStrip", "Counts of today's entries; void entries are not counted. A person who passes twice counts twice."),
        translate("StatusStrip", "<b>in</b>: let in (admitted, going in)."),
        translate("StatusStrip", "<b>out</b>: let out (admitted, going out)."),
        translate("StatusStrip", "<b>visitors</b>: of those let in, everyone who is not a resident (visitors, couriers, staff, officials, others)."),
        translate("StatusStrip", "<b>fevers</b>: fever confirmed on the second reading, whatever was decided."),
        translate("StatusStrip", "<b>refused</b>: turned away: they did not pass and are not in 'in' or 'out'."),
        translate("StatusStrip", "<b>referred</b>: sent to the fever clinic: they did not pass either."),
        translate("StatusStrip", "<b>key area</b>: arrivals from a key area within the observation window, whatever was decided."),
        translate("StatusStrip", "<b>vehicles</b>: vehicles checked, whatever was decided; in brackets, those let in and "
                                 "those let out. The persons aboard count above as persons."),
        translate("StatusStrip", "<b>leaflets</b>: leaflets handed out, to persons on foot and to vehicles."),
    ]
    return "<br>".join(lines)
