"""Small building blocks of the register form: a field row with its error label,
and the Enter-moves-on behaviour."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget


class FieldBox(QWidget):
    """A widget (or row of widgets) with a red message line under it."""

    def __init__(self, name: str, *widgets: QWidget, hint: QLabel | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"{name}_box")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        if len(widgets) == 1:
            layout.addWidget(widgets[0])
        else:
            row = QHBoxLayout()
            row.setSpacing(4)
            for widget in widgets:  # text fields take the room; combos and ticks keep their size
                row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
            layout.addLayout(row)
        if hint is not None:
            layout.addWidget(hint)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class EnterMovesOn(QObject):
    """Event filter: Return/Enter in a field moves focus to the next field in `chain()`.

    On the last field it calls `on_last()` (the form's save)."""

    def __init__(self, chain, on_last, parent: QObject | None = None):
        super().__init__(parent)
        self._chain = chain
        self._on_last = on_last

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if isinstance(watched, QComboBox) and watched.view().isVisible():
            return False
        chain = [w for w in self._chain() if w.isVisibleTo(w.window()) and w.isEnabled()]
        if watched not in chain:
            # a field off the Enter path (a symptom tick, the ID type): go on to the next
            # field of the path that follows it in tab order, so Enter is never a dead key
            widget = watched.nextInFocusChain()
            while widget is not None and widget is not watched:
                if widget in chain:
                    widget.setFocus(Qt.FocusReason.TabFocusReason)
                    return True
                widget = widget.nextInFocusChain()
            return False
        index = chain.index(watched)
        if index + 1 < len(chain):
            chain[index + 1].setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self._on_last()
        return True


class DigitsPick(QObject):
    """Event filter for combo boxes whose items start with a number ("2 Visitor",
    "42 湖北"): typed digits pick the item at once. The digits typed since the box got
    focus are matched together, so "4" then "2" picks 42; a digit that matches
    nothing starts a new number."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._typed: dict[int, str] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not isinstance(watched, QComboBox):
            return False
        if event.type() == QEvent.Type.FocusIn:
            self._typed[id(watched)] = ""
            return False
        if event.type() != QEvent.Type.KeyPress or not event.text().isdigit() or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        for typed in (self._typed.get(id(watched), "") + event.text(), event.text()):
            for index in range(watched.count()):
                if watched.itemText(index).startswith(typed + " "):
                    watched.setCurrentIndex(index)
                    watched.activated.emit(index)  # a choice by the user, like picking from the list
                    self._typed[id(watched)] = typed
                    return True
                if watched.itemText(index).startswith(typed):
                    self._typed[id(watched)] = typed  # a prefix of a longer number: wait for more
                    return True
        return True
