"""UI fixtures: the main window on a fresh station, and a guard's keyboard."""

from __future__ import annotations

import pytest
from actors import supervisor
from uihelpers import Keyboard

from checkpoint_app.ui import ask
from checkpoint_app.ui.main_window import MainWindow


@pytest.fixture
def keyboard(qtbot) -> Keyboard:
    return Keyboard(qtbot)


@pytest.fixture
def dialogs(monkeypatch):
    """Record modal dialogs instead of showing them; tests set the answers."""
    shown: list[tuple[str, str]] = []
    answers: list[str | None] = []
    monkeypatch.setattr(ask, "error", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(ask, "alarm", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(ask, "text_input", lambda parent, title, label: answers.pop(0))
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: bool(answers.pop(0)))
    return shown, answers


@pytest.fixture
def window(qtbot, ctx, dialogs) -> MainWindow:
    win = MainWindow(ctx)
    win.set_actor(supervisor(ctx))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.form.clear()
    return win
