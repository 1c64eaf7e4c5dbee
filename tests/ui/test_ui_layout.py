"""The main screen fits and works at 1366×768, in normal and in large print."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QSplitter

from checkpoint_app.ui import theme
from checkpoint_app.ui.main_window import MainWindow


@pytest.mark.parametrize("large", [False, True])
def test_main_window_fits_1366_by_768(qtbot, ctx, large):
    theme.apply(QApplication.instance(), large)
    try:
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 768
        assert window.width() <= 1366 and window.height() <= 768
        form_side, view_side = window.findChild(QSplitter, "main_splitter").sizes()
        assert form_side >= window.form.minimumSizeHint().width()  # no field is cut off
        assert view_side >= window.view.minimumSizeHint().width()  # and the register is there
        assert window.form.save_button.isVisible() and window.view.table.isVisible()
    finally:
        theme.apply(QApplication.instance(), False)
