"""The main screen fits and works at 1366×768 in every language and print size: the
columns a guard reads are inside the table's viewport (measured on the real header), the
whole form is visible, and large print switches on and off while the app runs."""

from __future__ import annotations

import pytest
from uihelpers import find

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QSplitter

from checkpoint_app.ui import i18n, theme
from checkpoint_app.ui.entry_model import EntryTableModel
from checkpoint_app.ui.main_window import MainWindow

MODES = [("zh_CN", False), ("zh_CN", True), ("en", False), ("en", True)]


@pytest.fixture
def language(request):
    """Install a language's translations before the window is built; remove them after."""
    app = QApplication.instance()
    before = QLocale()
    translators = i18n.install(app, request.param)
    yield request.param
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(before)
    theme.apply(app, False)


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window


def hidden_columns(window: MainWindow) -> list[str]:
    """The columns that must be on screen but are (partly) outside the table's viewport."""
    table = window.view.table
    header = table.horizontalHeader()
    width = table.viewport().width()
    return [name for column, name in enumerate(window.model.COLUMNS)
            if name in EntryTableModel.ALWAYS_VISIBLE
            and (header.isSectionHidden(column) or header.sectionViewportPosition(column) < 0
                 or header.sectionViewportPosition(column) + header.sectionSize(column) > width)]


def fully_visible(widget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def check_fits(window: MainWindow) -> None:
    assert fully_visible(find(window.form, "save_button"))
    assert window.width() <= 1366 and window.height() <= 768
    assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 768
    form_side, view_side = window.findChild(QSplitter, "main_splitter").sizes()
    assert form_side >= window.form.minimumSizeHint().width()  # no field is cut off
    assert view_side >= window.view.minimumSizeHint().width()  # and the register is there
    assert fully_visible(find(window.form, "id_number_edit"))
    assert window.view.table.isVisible()
    assert hidden_columns(window) == []


@pytest.mark.parametrize("language, large", MODES, indirect=["language"])
def test_main_window_fits_1366_by_768(qtbot, ctx, language, large):
    theme.apply(QApplication.instance(), large)
    window = open_window(qtbot, ctx)
    check_fits(window)


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
def test_large_print_switches_live(qtbot, ctx, language, monkeypatch):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    theme.apply(QApplication.instance(), False)
    window = open_window(qtbot, ctx)
    find(window.form, "name_edit").setText("张三")  # what is typed stays through the switch
    wanted = [True]

    def switch(dialog):
        find(dialog, "large_font_check").setChecked(wanted[0])
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", switch)
    window.open_settings()
    QApplication.processEvents()
    assert QApplication.font().pointSizeF() == 14.0
    check_fits(window)
    assert find(window.form, "name_edit").text() == "张三"
    wanted[0] = False
    window.open_settings()
    QApplication.processEvents()
    assert QApplication.font().pointSizeF() < 14.0
    check_fits(window)


@pytest.mark.parametrize("language, large", MODES, indirect=["language"])
def test_the_vehicle_form_fits_beside_the_register(qtbot, ctx, language, large):
    """The vehicle form is never wider than the person form (the register keeps its
    columns), and a car's fields are on screen without sideways scrolling."""
    theme.apply(QApplication.instance(), large)
    window = open_window(qtbot, ctx)
    window.desk.show_page(1)
    form = window.vehicle_form
    form.count_edit.setText("3")
    QApplication.processEvents()
    assert form.minimumSizeHint().width() <= window.form.minimumSizeHint().width()
    check_fits_register(window)
    for name in ("plate_edit", "occupant_count_edit", "occupant_1_temperature_edit", "occupant_3_temperature_edit",
                 "vehicle_origin_province_combo", "vehicle_decision_combo"):
        widget = find(form, name)
        widget.setFocus()
        QApplication.processEvents()
        assert fully_visible(widget), name


def check_fits_register(window: MainWindow) -> None:
    form_side, view_side = window.findChild(QSplitter, "main_splitter").sizes()
    assert form_side >= window.desk.minimumSizeHint().width()
    assert view_side >= window.view.minimumSizeHint().width()
    assert hidden_columns(window) == []
