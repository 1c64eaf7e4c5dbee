"""A resident-pass scan is recognised by its speed and prefix wherever the cursor is;
a guard typing the same characters by hand loses nothing. Scans are simulated by key
events with the timestamps a scanner (a few ms apart) or a person (150 ms) gives."""

from __future__ import annotations

import pytest
from scans import type_timed

from PySide6.QtWidgets import QLineEdit

from checkpoint_app.ui.scan_detector import ScanDetector


@pytest.fixture
def field(qtbot):
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    return edit


@pytest.fixture
def detector(qtbot):
    found = ScanDetector()
    found.set_prefix("JB")
    yield found
    found.set_prefix("")


def test_a_fast_burst_with_the_prefix_ending_in_enter_is_a_scan_and_reaches_no_field(qtbot, field, detector):
    field.setText("36.")
    with qtbot.waitSignal(detector.scanned) as caught:
        type_timed(field, "JB00012345\n", 1000, 8)
    assert caught.args == ["JB00012345"]
    assert field.text() == "36."  # nothing of the scan was typed into the field


def test_the_prefix_is_matched_whatever_the_case(qtbot, field, detector):
    with qtbot.waitSignal(detector.scanned) as caught:
        type_timed(field, "jb7788\n", 1000, 5)
    assert caught.args == ["jb7788"]


def test_the_same_characters_typed_by_hand_reach_the_field(qtbot, field, detector):
    scans = []
    detector.scanned.connect(scans.append)
    with qtbot.waitSignal(detector.released):
        type_timed(field, "JB12", 1000, 150)
    assert field.text() == "JB12"
    assert scans == []


def test_a_key_that_breaks_the_prefix_gives_back_what_was_held_at_once(qtbot, field, detector):
    type_timed(field, "JX", 1000, 5)
    assert field.text() == "JX"


def test_other_text_is_never_held(qtbot, field, detector):
    type_timed(field, "36.5", 1000, 5)
    assert field.text() == "36.5"


def test_a_short_fast_burst_with_enter_is_not_a_scan(qtbot, field, detector):
    scans = []
    detector.scanned.connect(scans.append)
    type_timed(field, "JB\n", 1000, 5)
    assert scans == [] and field.text() == "JB"


def test_without_a_prefix_nothing_is_held(qtbot, field):
    idle = ScanDetector()
    idle.set_prefix("")
    type_timed(field, "JB00012345", 1000, 5)
    assert field.text() == "JB00012345"


def test_a_scanner_pressing_shift_for_capitals_is_still_one_scan(qtbot, field, detector):
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def key(k, text, at, mods=Qt.KeyboardModifier.NoModifier):
        event = QKeyEvent(QEvent.Type.KeyPress, k, mods, text)
        event.setTimestamp(at)
        QApplication.sendEvent(field, event)

    shift = Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(detector.scanned) as caught:
        key(Qt.Key.Key_Shift, "", 1000, shift)
        key(Qt.Key.Key_J, "J", 1004, shift)
        key(Qt.Key.Key_Shift, "", 1008, shift)
        key(Qt.Key.Key_B, "B", 1012, shift)
        for n, char in enumerate("0042"):
            key(Qt.Key(ord(char)), char, 1016 + 4 * n)
        key(Qt.Key.Key_Return, "\r", 1040)
    assert caught.args == ["JB0042"] and field.text() == ""
