"""Finding a resident at the gate, at the top of the person form.

One field takes a room (3-5-502), the last four digits of a phone, a plate, an ID
number or a scanned pass code (F3 puts the cursor there; a scan is recognised wherever
the cursor is: ui/scan_detector.py). Enter looks them up: one match is chosen at once;
several are listed (masked name, room, phone) and Enter, or the digit of the line,
chooses one. The chosen resident is shown as a card; their identity stays in the
residents list and is taken from there when the entry is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkpoint_app.ui.form_fields import set_state
from checkpoint_app.ui.i18n import translate

if TYPE_CHECKING:
    from checkpoint_app.services.register import ResidentCard

MAX_SHOWN = 9  # chosen by digit


def card_text(card: ResidentCard) -> str:
    from checkpoint_app.ui.watch_alert import kind_label

    parts = [card.name, card.room]
    if card.phone:
        parts.append(card.phone)
    if card.plates:
        parts.append(" ".join(card.plates))
    if card.watch_kind:  # two of a household may mask alike: the one in quarantine is marked
        parts.append("⚠ " + kind_label(card.watch_kind))
    return " · ".join(parts)


class ResidentFind(QWidget):
    chosen = Signal(object)  # ResidentCard
    dropped = Signal()  # the chosen resident was taken off the form

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resident_find")
        self._search: Callable[[str, bool], list[ResidentCard]] | None = None
        self.card: ResidentCard | None = None
        self.edit = QLineEdit(self, objectName="resident_find_edit")
        self.edit.setPlaceholderText(translate("ResidentFind", "room 3-5-502, phone tail, plate, ID or scan the pass (F3)"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(lambda: self.look_up(self.edit.text()))
        self.results = QListWidget(self, objectName="resident_results")
        self.results.hide()
        self.results.itemActivated.connect(lambda item: self._choose(item.data(Qt.ItemDataRole.UserRole)))
        self.results.installEventFilter(self)
        self.card_label = QLabel(self, objectName="resident_card_label")
        self.card_label.setWordWrap(True)
        self.card_label.hide()
        self.drop_button = QPushButton(translate("ResidentFind", "Not this resident"), self, objectName="resident_drop_button")
        self.drop_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.drop_button.clicked.connect(self.drop)
        self.drop_button.hide()
        self.message_label = QLabel(self, objectName="resident_find_message")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.card_label, 1)
        row.addWidget(self.drop_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.results)
        layout.addLayout(row)
        layout.addWidget(self.message_label)

    def attach(self, search: Callable[[str, bool], list[ResidentCard]]) -> None:
        self._search = search

    def look_up(self, text: str, scanned: bool = False) -> None:
        """Find the residents `text` names; choose the only one, or list several."""
        if self._search is None or not text.strip():
            return
        found = self._search(text, scanned)
        self.results.clear()
        self.results.hide()
        if not found:
            what = translate("ResidentFind", "No resident has pass {code}.") if scanned else translate(
                "ResidentFind", "No resident found for “{code}”: check it, or register the person as typed.")
            self._say("warn", what.format(code=text.strip()))
            return
        self._say("", "")
        if len(found) == 1:
            self._choose(found[0])
            return
        for number, card in enumerate(found[:MAX_SHOWN], start=1):
            item = QListWidgetItem(f"{number}  {card_text(card)}")
            item.setData(Qt.ItemDataRole.UserRole, card)
            self.results.addItem(item)
        self.results.setFixedHeight(self.results.sizeHintForRow(0) * min(len(found), MAX_SHOWN) + 6)
        self.results.setCurrentRow(0)
        self.results.show()
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if len(found) > MAX_SHOWN:
            self._say("warn", translate("ResidentFind", "{count} residents match: type more to narrow it down.").format(
                count=len(found)))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # a digit chooses that line of the list; Esc goes back to the field
        if watched is self.results and event.type() == event.Type.KeyPress:
            text = event.text()
            if text.isdigit() and 1 <= int(text) <= self.results.count():
                self._choose(self.results.item(int(text) - 1).data(Qt.ItemDataRole.UserRole))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.results.hide()
                self.edit.setFocus()
                return True
        return False

    def _choose(self, card: ResidentCard) -> None:
        self.card = card
        self.results.hide()
        self.edit.setText("")
        set_state(self.card_label, "ok", translate("ResidentFind", "Resident {card}").format(card=card_text(card)))
        self.card_label.show()
        self.drop_button.show()
        self.chosen.emit(card)

    def drop(self) -> None:
        """Take the chosen resident off the form."""
        had = self.card is not None
        self.reset()
        if had:
            self.dropped.emit()

    def reset(self) -> None:
        self.card = None
        self.edit.setText("")
        self.results.clear()
        self.results.hide()
        self.card_label.hide()
        self.drop_button.hide()
        self._say("", "")

    def _say(self, state: str, text: str) -> None:
        set_state(self.message_label, state, text)
        self.message_label.setVisible(bool(text))
