"""The warning banner above the form and the register: what is wrong with the register
file or the clock, in plain words, and what to do. Hidden while all is well.

Damage stays on screen for as long as the app runs (nothing more is saved); a clock
warning stays until the guard has checked the clock and says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from checkpoint_app.services.clock_watch import ClockProblem, ClockWarning

from checkpoint_app.ui.i18n import translate

_STYLE = """
#damage_alert, #clock_alert { border-radius: 4px; padding: 6px; }
#damage_alert { background: #fdecea; border: 2px solid #b3261e; }
#damage_alert QLabel { color: #5f1411; }
#clock_alert { background: #fff4d6; border: 2px solid #9a6700; }
#clock_alert QLabel { color: #4d3300; }
QFrame[notice="true"] { border-radius: 4px; padding: 6px; background: #fff4d6; border: 2px solid #9a6700; }
QFrame[notice="true"] QLabel { color: #4d3300; }
"""


def damage_text(folder: Path) -> str:
    return translate(
        "AlertBanner",
        "The register file is damaged. To protect the entries in it, the app saves nothing more into it.\n"
        "What to do: do not delete or move the file and do not copy anything over it. Keep the register "
        "on paper for now and call your supervisor.\n"
        "Supervisor: check the file with  checkpoint-cli doctor --data-dir \"{folder}\"  and restore the copy "
        "the app made before the last upgrade (beside the register, if there is one) or the last backup."
    ).format(folder=folder)


def clock_text(warning: ClockWarning) -> str:
    now = _when(warning.now)
    before = _when(warning.reference)
    if warning.problem is ClockProblem.BEHIND:
        what = translate("AlertBanner", "it shows {now}, earlier than the newest entry ({newest})").format(
            now=now, newest=before)
    elif warning.shift >= dt.timedelta(0):
        what = translate("AlertBanner", "it moved {amount} ahead between two saves (from {before} to {now})").format(
            amount=_amount(warning.shift), before=before, now=now)
    else:
        what = translate("AlertBanner", "it moved {amount} back between two saves (from {before} to {now})").format(
            amount=_amount(-warning.shift), before=before, now=now)
    return translate("AlertBanner", "The computer's clock seems wrong: {what}; entries are dated by it. "
                                    "Check the date and time.").format(what=what)


def _when(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _amount(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return translate("AlertBanner", "{hours} h {minutes} min").format(hours=minutes // 60, minutes=minutes % 60)


class AlertBanner(QWidget):
    clock_checked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("alert_banner")
        self.setStyleSheet(_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        self.damage = QFrame(self, objectName="damage_alert")
        self.damage_label = QLabel(self.damage, objectName="damage_alert_label", wordWrap=True)
        self.damage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the command can be copied
        QVBoxLayout(self.damage).addWidget(self.damage_label)
        self.clock = QFrame(self, objectName="clock_alert")
        self.clock_label = QLabel(self.clock, objectName="clock_alert_label", wordWrap=True)
        self.clock_button = QPushButton(translate("AlertBanner", "Clock checked"), self.clock,
                                        objectName="clock_alert_dismiss_button")
        self.clock_button.clicked.connect(self.clock_checked)
        row = QHBoxLayout(self.clock)
        row.addWidget(self.clock_label, 1)
        row.addWidget(self.clock_button)
        layout.addWidget(self.damage)
        layout.addWidget(self.clock)
        # notices of the desk's own duties, each a frame `<key>_alert` made when first shown:
        # "retention" (older entries the office has not acknowledged, ui/retention.py),
        # "backup" (the last scheduled backup failed, ui/backups.py)
        self.notices: dict[str, QFrame] = {}
        self.show_state(None, None)

    def show_state(self, damaged_folder: Path | None, clock_warning: ClockWarning | None) -> None:
        """Damage (the data folder, or None when all is well) and the clock warning (or None)."""
        self.damage_label.setText(damage_text(damaged_folder) if damaged_folder is not None else "")
        self.damage.setVisible(damaged_folder is not None)
        self.clock_label.setText(clock_text(clock_warning) if clock_warning is not None else "")
        self.clock.setVisible(clock_warning is not None)
        self._fit()

    def show_notice(self, key: str, text: str) -> None:
        """The notice `key` with `text`, or hidden when `text` is ''."""
        frame = self.notices.get(key)
        if frame is None:
            if not text:
                return
            frame = QFrame(self, objectName=f"{key}_alert")
            frame.setProperty("notice", True)
            QVBoxLayout(frame).addWidget(QLabel(frame, objectName=f"{key}_alert_label", wordWrap=True))
            self.layout().addWidget(frame)
            self.notices[key] = frame
        frame.findChild(QLabel).setText(text)
        frame.setVisible(bool(text))
        self._fit()

    def _fit(self) -> None:
        frames = (self.damage, self.clock, *self.notices.values())
        self.setVisible(any(not frame.isHidden() for frame in frames))
