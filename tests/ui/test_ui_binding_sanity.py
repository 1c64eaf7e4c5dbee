"""Guards against a binding bug we met: PySide6 6.12.0 on Python 3.11 drops a reference
to None on every call of a void method (QLabel.setText, ...), so a long shift at the desk
ends in "Fatal Python error: none_dealloc". The pinned version must not do that."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit


def test_void_methods_keep_none_alive(qtbot):
    label, edit, combo = QLabel(), QLineEdit(), QComboBox()
    for widget in (label, edit, combo):
        qtbot.addWidget(widget)
    combo.addItems(["a", "b"])
    before = sys.getrefcount(None)
    for i in range(5000):
        label.setText("x")
        edit.setText("y")
        edit.clear()
        combo.setCurrentIndex(i % 2)
    assert sys.getrefcount(None) - before > -500
