"""Small building blocks of the register form: a field row with its hints and error
label under it, the label in front of a row, and the Enter-moves-on behaviour."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from checkpoint_app.ui.i18n import translate


class FieldLabel(QLabel):
    """The label in front of a field row: exactly as tall as the row's first field, with
    its text centred on that height, so it stays level with the field's text however
    tall the row grows below (hints, wrapped messages) and in either print size."""

    def __init__(self, text: str, field: QWidget | None, parent: QWidget | None = None):
        super().__init__(text, parent)
        self._field = field
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        hint = super().sizeHint()
        if self._field is not None:
            hint.setHeight(max(hint.height(), self._field.sizeHint().height()))
        return hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.sizeHint()


class FieldBox(QWidget):
    """A widget (or row of widgets) with hint lines and a red message line under it.

    Messages wrap inside the box's column: they make the row taller, never wider."""

    def __init__(self, name: str, *widgets: QWidget, hint: QWidget | Sequence[QWidget] | None = None,
                 parent: QWidget | None = None):
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
                # at the top: a two-line hint beside a field never pulls the field down
                row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row)
        hints = [] if hint is None else [hint] if isinstance(hint, QWidget) else list(hint)
        for line in hints:
            layout.addWidget(line)
        self.error = QLabel(self)
        self.error.setObjectName(f"{name}_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def has_error(self) -> bool:
        return bool(self.error.text())

    def first_field(self) -> QWidget | None:
        fields = [w for w in self.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        return fields[0] if fields else None


class EnterMovesOn(QObject):
    """Event filter: Return/Enter in a field moves focus to the next field in `chain()`.

    On the last field it calls `on_last()` (the form's save). Before moving on it calls
    `judge(field)`, which shows the field's messages and may keep the cursor where it is
    (returns True) so a wrong value is fixed while the card is still in hand."""

    def __init__(self, chain, on_last, judge: Callable[[QWidget], bool] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._chain = chain
        self._on_last = on_last
        self._judge = judge

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
        if self._judge is not None and self._judge(watched):
            return True
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


class KeyAction(QObject):
    """Event filter: a standard key (e.g. Undo, Ctrl+Z) runs `action()` while `wanted()`
    says so; otherwise the key does what it always does in that field."""

    def __init__(self, key: QKeySequence.StandardKey, wanted: Callable[[], bool], action: Callable[[], None],
                 parent: QObject | None = None):
        super().__init__(parent)
        self._key = key
        self._wanted = wanted
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not event.matches(self._key) or not self._wanted():
            return False
        self._action()
        return True


class FieldBuilders:
    """Mixin for the person and the vehicle form (QWidgets with `_refresh` and `_boxes`):
    the numbered lists, text fields and message boxes both build the same way."""

    def _combo(self, name: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        for number, (code, label) in enumerate(items, start=1):
            combo.addItem(f"{number} {label}" if len(items) < 10 else label, code)
        combo.setToolTip(translate("RegisterForm", "Type the number in front of an item to choose it."))
        combo.currentIndexChanged.connect(self._refresh)
        return combo

    def _edit(self, name: str, placeholder: str = "") -> QLineEdit:
        # No maxLength: a QLineEdit drops what goes past it without a word (a pasted
        # 300-character name came out as 40). The core's limits refuse over-long text with
        # a message saying how long it is and what is allowed; Qt's own cap (32767) stays.
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self._refresh)
        return edit

    @contextmanager
    def _bulk(self):
        """Change many fields, then run the rules once (`_refresh` skips while `_loading`)."""
        self._loading = True
        try:
            yield
        finally:
            self._loading = False
        self._refresh()

    def _box(self, name: str, *widgets: QWidget, hint=None) -> FieldBox:
        box = FieldBox(name, *widgets, hint=hint, parent=self)
        self._boxes[name] = box
        return box


def set_state(label: QLabel, state: str, text: str) -> None:
    """A message line's text and state ("ok", "warn", "alarm", ""), which the style sheet colours."""
    label.setText(text)
    label.setProperty("state", state)
    label.style().unpolish(label)
    label.style().polish(label)
