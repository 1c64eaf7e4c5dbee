"""The form with every new message on screen at once (arrival date to confirm, an ID's
history, another name, a long error) still fits its side of a 1366×768 window in both
languages and print sizes: nothing is cut off, labels stay level with their fields.
Widths are measured from the real widgets."""

from __future__ import annotations

import datetime as dt

import pytest
from actors import supervisor
from uihelpers import find

from PySide6.QtCore import QLocale, QPoint
from PySide6.QtWidgets import QApplication, QScrollArea

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character

from checkpoint_app.ui import i18n, theme
from checkpoint_app.ui.main_window import MainWindow

PERSON_ID = "50010519900101123" + check_character("50010519900101123")


@pytest.fixture
def language(request):
    app = QApplication.instance()
    before = QLocale()
    translators = i18n.install(app, request.param)
    yield request.param
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(before)


def right_edge(widget, ancestor) -> int:
    return widget.mapTo(ancestor, QPoint(widget.width(), 0)).x()


@pytest.mark.parametrize("language", ["zh_CN", "en"], indirect=True)
@pytest.mark.parametrize("large", [False, True])
def test_every_new_message_fits_at_1366_by_768(qtbot, ctx, clock, language, large):
    ctx.register.save(supervisor(ctx), EntryDraft(category="visitor", name="阿依古丽·买买提", id_number=PERSON_ID, phone="13812345678",
                                 origin_province="42", origin_city="武汉", arrival_date="11-20", purpose="探亲",
                                 temperature="36.5"))  # refused: key area
    clock.now += dt.timedelta(days=1)
    theme.apply(QApplication.instance(), large)
    try:
        window = MainWindow(ctx)
        window.set_actor(supervisor(ctx))
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        form = window.form
        form.clear()
        form.category_combo.setCurrentIndex(form.category_combo.findData("visitor"))
        form.name_edit.setText("吴刚")
        form.id_number_edit.setText(PERSON_ID)
        form._lookup_by_id()
        form.arrival_date_edit.setText("12-25")
        form.temperature_edit.setText("37.5")
        assert not form.save()
        QApplication.processEvents()
        for name in ("id_history_label", "name_history_label", "arrival_read_label", "arrival_confirm_check",
                     "arrival_date_error", "temperature2_error"):
            assert find(form, name).isVisible(), name
        viewport = window.findChild(QScrollArea, "form_scroll").viewport()
        assert form.minimumSizeHint().width() <= viewport.width()  # nothing pushed off the side
        for name in ("id_history_label", "name_history_label", "arrival_read_label", "arrival_confirm_check",
                     "arrival_date_error", "temperature2_error", "save_button"):
            assert right_edge(find(form, name), viewport) <= viewport.width(), name
        for label, field in (("arrival_date_label", "arrival_date_edit"), ("temperature_label", "temperature_edit"),
                             ("decision_label", "decision_combo"), ("name_label", "name_edit")):
            label_widget, field_widget = find(form, label), find(form, field)
            middle = [w.mapTo(form, QPoint(0, 0)).y() + w.height() / 2 for w in (label_widget, field_widget)]
            assert abs(middle[0] - middle[1]) <= 1, label
    finally:
        theme.apply(QApplication.instance(), False)
