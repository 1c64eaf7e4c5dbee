"""What a locked desk shows: the station's name and "Locked — log in", nothing else.

It covers the whole main window (form, register, menus, counts), so nothing the last
operator typed or looked at stays readable for whoever walks up to an unattended desk.
Enter (or the button) brings the login back; the idle lock (ui/idle_lock.py) decides
when it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from checkpoint_app.ui.i18n import translate

_STYLE = """
#lock_screen { background: #263238; }
#lock_screen QLabel { color: #ffffff; background: transparent; }  /* large print paints every widget white */
#lock_station_label { font-size: 20pt; }
#lock_title_label { font-size: 28pt; font-weight: bold; }
"""


class LockScreen(QWidget):
    """Lies over the whole window while the desk is locked."""

    login_requested = Signal()

    def __init__(self, window: QWidget, station: str):
        super().__init__(window)
        self.setObjectName("lock_screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_STYLE)
        self.station_label = QLabel(station, self, objectName="lock_station_label")
        self.title_label = QLabel(translate("LockScreen", "Locked — log in"), self, objectName="lock_title_label")
        self.login_button = QPushButton(translate("LockScreen", "Log in (Enter)"), self, objectName="unlock_button")
        self.login_button.setAutoDefault(True)  # Enter presses it, as Space does
        self.login_button.clicked.connect(self.login_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.station_label, self.title_label, self.login_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)  # in the upper part: the login dialog opens over the middle
        window.installEventFilter(self)
        self.hide()

    def cover(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.login_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self.parentWidget().rect())  # the window grew or shrank: still all of it
        return False
