"""Quitting never drops an entry typed in the form without asking."""

from __future__ import annotations

import pytest
from uihelpers import find

from PySide6.QtGui import QAction


def type_a_name(window, keyboard) -> None:
    keyboard.type(find(window.form, "name_edit"), "王五")


@pytest.mark.parametrize("answer, closed", [(False, False), (True, True)])
def test_quit_with_an_unsaved_entry_asks_first(window, keyboard, monkeypatch, answer, closed):
    import checkpoint_app.ui.ask as ask

    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or answer)
    type_a_name(window, keyboard)
    window.findChild(QAction, "quit_action").trigger()  # Ctrl+Q
    assert len(asked) == 1 and "not saved" in asked[0]
    assert window.isVisible() is not closed
    if not closed:
        assert find(window.form, "name_edit").text() == "王五"  # nothing lost


def test_a_close_by_the_user_asks_and_one_by_the_program_does_not(window, keyboard, monkeypatch):
    """Alt+F4 and the title bar's × arrive as spontaneous close events (a window manager
    sends them; checked by hand under Xvfb + openbox); closes made in code never ask."""
    import checkpoint_app.ui.ask as ask

    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or False)
    type_a_name(window, keyboard)
    assert window.may_close(by_user=True) is False and len(asked) == 1
    assert window.may_close(by_user=False) is True and len(asked) == 1


def test_an_empty_form_quits_without_a_question(window, dialogs):
    window.findChild(QAction, "quit_action").trigger()
    assert not window.isVisible()
