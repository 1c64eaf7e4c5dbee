"""Where a batch goes: the sticks plugged in first (label, free space), a read-only stick
listed but not offered for writing (with why), one stick chosen by itself, a folder
chosen through the ask seam; and the words for counts, days and batch numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from PySide6.QtCore import Qt

from checkpoint_app.services.drives import Drive

from checkpoint_app.ui import ask
from checkpoint_app.ui.batch_labels import counts_text, days_text, numbers_text
from checkpoint_app.ui.target_picker import TargetPicker

STICK = Drive(Path("/media/guard/KINGSTON"), "KINGSTON", 7 << 30, False, "/dev/sdb1")
LOCKED = Drive(Path("/media/guard/LOCKED"), "LOCKED", 1 << 20, True, "/dev/sdc1")


def texts(picker) -> list[str]:
    return [picker.list.item(i).text() for i in range(picker.list.count())]


def test_one_stick_is_chosen_by_itself(qtbot):
    picker = TargetPicker(True, list_drives=lambda: [STICK])
    qtbot.addWidget(picker)
    assert texts(picker) == ["USB stick KINGSTON (/media/guard/KINGSTON) — 7.0 GB free"]
    assert picker.current() == STICK.path


def test_a_read_only_stick_is_listed_with_why_but_not_offered_for_writing(qtbot):
    picker = TargetPicker(True, list_drives=lambda: [LOCKED, STICK])
    qtbot.addWidget(picker)
    assert "read-only" in texts(picker)[0]
    assert picker.current() is None  # two listed: the supervisor picks
    picker.list.setCurrentRow(0)
    assert picker.current() is None
    with qtbot.waitSignal(picker.chosen) as chosen:
        picker.list.setCurrentRow(1)
    assert chosen.args == [STICK.path]


def test_a_read_only_stick_can_be_read_from(qtbot):
    picker = TargetPicker(False, list_drives=lambda: [LOCKED])
    qtbot.addWidget(picker)
    assert picker.current() == LOCKED.path and "read-only" not in texts(picker)[0]


def test_no_stick_says_what_to_do_and_a_folder_can_be_chosen(qtbot, tmp_path, monkeypatch):
    picker = TargetPicker(True, list_drives=lambda: [])
    qtbot.addWidget(picker)
    assert "No USB stick found" in texts(picker)[0] and picker.current() is None
    monkeypatch.setattr(ask, "choose_folder", lambda parent, title: str(tmp_path))
    with qtbot.waitSignal(picker.chosen):
        qtbot.keyClick(picker.findChild(type(picker.folder_button), "target_folder_button"), Qt.Key.Key_Space)
    assert picker.current() == tmp_path and texts(picker)[-1] == f"Folder {tmp_path}"
    picker.refresh()  # a chosen folder stays listed when the drives are read again
    assert texts(picker)[-1] == f"Folder {tmp_path}"


@pytest.mark.parametrize("numbers, text", [
    ([], ""), ([4], "4"), ([1, 2, 3], "1–3"), ([5, 1, 2, 3, 9, 8], "1–3, 5, 8–9"), ([2, 2], "2"),
])
def test_batch_numbers_in_runs(numbers, text):
    assert numbers_text(numbers) == text


@pytest.mark.parametrize("counts, text", [
    ({}, "no new records"),
    ({"passage.create": 300, "passage.void": 0, "day": 1}, "300 entries, 1 day declarations"),
    ({"audit": 12, "mystery": 2}, "12 audit events, 2 mystery"),
])
def test_counts_in_words(counts, text):
    assert counts_text(counts) == text


def test_days_in_words():
    assert days_text([]) == "No closed day to declare yet."
    assert days_text([dt.date(2020, 2, 14), dt.date(2020, 2, 13)]) == \
        "Days declared (daily report or zero report): 2020-02-13, 2020-02-14"
