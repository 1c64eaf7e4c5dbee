"""Today's counts along the bottom of the window."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from checkpoint_app.core.listing import DayCounts

from checkpoint_app.ui.i18n import translate




class TodayCounts(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("today_counts_label")
        self.show_counts(DayCounts())

    def show_counts(self, c: DayCounts) -> None:
        self.counts = c
        self.setText(translate("StatusStrip", "Today: in {entered} · out {left} · visitors {visitors} · fevers {fevers} · "
                        "refused {refused} · referred {referred} · key area {key_area}").format(
            entered=c.entered, left=c.left, visitors=c.visitors, fevers=c.fevers, refused=c.refused,
            referred=c.referred, key_area=c.key_area))
