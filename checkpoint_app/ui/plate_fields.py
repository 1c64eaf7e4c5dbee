"""The plate's province box: the station's province by default, another picked without a
Chinese input method by typing its GB/T 2260 number ("42" -> 鄂) or its pinyin initial
("e" -> 鄂; "j" again and again steps through 京 津 冀 晋 吉), as core/plates.py's
`pick_provinces` finds them. The last item is "no province" for the plates that have
none (military, armed police, embassy: typed whole in the plate field)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QWidget

from checkpoint_app.core.plates import PLATE_PROVINCES, pick_provinces

from checkpoint_app.ui import i18n
from checkpoint_app.ui.i18n import translate

NO_PROVINCE = ""


class PlateProvinceBox(QComboBox):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("plate_province_combo")
        for abbr, entry in PLATE_PROVINCES.items():
            self.addItem(f"{abbr} {i18n.province_label(entry.province)}", abbr)
        self.addItem(translate("VehicleForm", "— none (WJ, 使, military)"), NO_PROVINCE)
        self.setToolTip(translate("VehicleForm", "Type the province's number (42 = 鄂) or its pinyin initial (e = 鄂); "
                                                 "again to step through those with the same initial."))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(6)
        self._default = NO_PROVINCE
        self._typed = ""
        self.installEventFilter(self)

    def set_default(self, abbr: str | None) -> None:
        """The station's province (its abbreviation), chosen after every save."""
        self._default = abbr if abbr in PLATE_PROVINCES else next(iter(PLATE_PROVINCES))
        self.reset()

    def reset(self) -> None:
        self.pick(self._default)

    def pick(self, abbr: str) -> None:
        index = self.findData(abbr)
        if index >= 0:
            self.setCurrentIndex(index)

    def abbr(self) -> str:
        return self.currentData() or ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.FocusIn:
            self._typed = ""
            return False
        if event.type() != QEvent.Type.KeyPress or self.view().isVisible():
            return False
        text = event.text()
        if event.key() == Qt.Key.Key_Minus:
            self.pick(NO_PROVINCE)
            return True
        if not text or not text.isascii() or not text.isalnum() or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier:
            return False
        typed = self._typed + text.lower()
        found = pick_provinces(typed, self._default)
        if not found and text.isalpha() and set(typed) == {text.lower()}:
            # the same initial again: the next province with it
            same = pick_provinces(text.lower(), self._default)
            found = same[(len(typed) - 1) % len(same):] if same else []
        elif not found:
            typed = text.lower()
            found = pick_provinces(typed, self._default)
        if found:
            self._typed = typed
            self.pick(found[0])
        return True
