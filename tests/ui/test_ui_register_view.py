"""The register view: the paged model under qtmodeltester, masking, filters, search,
the detail dialog (the only place with full values) and voiding."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from uihelpers import find

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.listing import EntryFilter
from checkpoint_app.services.reader import RegisterReader
from checkpoint_app.ui import entry_model
from checkpoint_app.ui.detail_dialog import EntryDetailDialog
from checkpoint_app.ui.entry_model import EntryTableModel

ID_X = "11010519491231002X"


def save(ctx, name, **changes):
    base = dict(category="visitor", name=name, id_number=ID_X, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    base.update(changes)
    return ctx.register.save(EntryDraft(**base), "张保安")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(entry_model, "PAGE_SIZE", 5)


def test_model_passes_qtmodeltester_while_paging(qtmodeltester, ctx, small_pages):
    for n in range(12):
        save(ctx, f"访客{n}")
    model = EntryTableModel(RegisterReader(ctx).page)
    model.set_filter(EntryFilter())
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    qtmodeltester.check(model, force_py=True)  # the tester fetches the rest itself
    assert model.rowCount() == 12 and not model.canFetchMore(QModelIndex())
    seqs = [model.row_at(r).seq for r in range(12)]
    assert seqs == list(range(12, 0, -1))
    model.set_filter(EntryFilter(category="resident"))
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_table_masks_identity_and_details_show_it_in_full(window, ctx, qtbot, dialogs):
    save(ctx, "李四")
    window.refresh()
    model = window.model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "110105********002X" in shown
    assert "138****5678" in shown
    assert "李*" in shown
    assert ID_X not in shown and "13812345678" not in shown and "李四" not in shown
    entry = window.reader.entry(model.row_at(0).id)
    dialog = EntryDetailDialog(entry, ctx.register, "队长", window)
    qtbot.addWidget(dialog)
    assert ID_X in find(dialog, "detail_id_number_label").text()


def test_void_from_detail_dialog_hides_entry_and_keeps_reason(window, ctx, qtbot, dialogs):
    _, answers = dialogs
    saved = save(ctx, "李四")
    window.refresh()
    dialog = EntryDetailDialog(window.reader.entry(saved.id), ctx.register, "队长", window)
    qtbot.addWidget(dialog)
    answers.append("登记错误")
    qtbot.mouseClick(find(dialog, "void_button"), Qt.MouseButton.LeftButton)
    assert dialog.voided
    window.refresh()
    assert window.model.rowCount() == 0
    view = window.view
    find(view, "voided_filter").setCurrentIndex(2)  # void only
    assert window.model.rowCount() == 1 and window.model.row_at(0).voided


def test_search_by_two_character_name_and_fragments(window, ctx, keyboard, qtbot):
    save(ctx, "李四")
    save(ctx, "李四光", phone="13955556666")
    save(ctx, "张三", phone="13700001111")
    window.refresh()
    view = window.view
    search = find(view, "search_edit")
    keyboard.type(search, "李四")
    keyboard.enter(search)
    assert [window.model.row_at(r).name for r in range(window.model.rowCount())] == ["李四光", "李四"]
    kind = find(view, "search_kind_combo")
    kind.setCurrentIndex(kind.findData("phone"))
    search.clear()
    keyboard.type(search, "1111")
    keyboard.enter(search)
    assert [window.model.row_at(r).name for r in range(window.model.rowCount())] == ["张三"]
    search.clear()
    keyboard.type(search, "11")
    keyboard.enter(search)
    assert window.model.rowCount() == 0
    assert find(view, "search_hint_label").isVisible()


def test_filters_combine(window, ctx):
    save(ctx, "甲乙", category="resident", id_number="", phone="", purpose="", origin_province="")
    save(ctx, "丙丁", temperature="37.9", temperature2="38.0")
    window.refresh()
    view = window.view
    category = find(view, "category_filter")
    category.setCurrentIndex(category.findData("resident"))
    assert [window.model.row_at(r).name for r in range(window.model.rowCount())] == ["甲乙"]
    category.setCurrentIndex(0)
    fever = find(view, "fever_filter")
    fever.setCurrentIndex(fever.findData(True))
    assert [window.model.row_at(r).name for r in range(window.model.rowCount())] == ["丙丁"]
    find(view, "day_range_check").setChecked(True)
    assert window.model.rowCount() == 1
    day_from = find(view, "day_from_edit")
    day_from.setDate(day_from.date().addDays(1))
    assert window.model.rowCount() == 0


def test_status_strip_counts_today(window, ctx):
    save(ctx, "丙丁", temperature="37.9", temperature2="38.0")
    save(ctx, "甲乙", category="resident", id_number="", phone="", purpose="", origin_province="", direction="out")
    window.refresh()
    counts = find(window, "today_counts_label").counts
    assert (counts.entered, counts.left, counts.visitors, counts.fevers, counts.referred) == (1, 1, 1, 1, 1)


def test_correction_voids_the_old_entry_and_records_the_new_one(window, ctx, qtbot, dialogs, keyboard):
    _, answers = dialogs
    old = save(ctx, "李思")
    window.refresh()
    dialog = EntryDetailDialog(window.reader.entry(old.id), ctx.register, "队长", window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(find(dialog, "correct_button"), Qt.MouseButton.LeftButton)
    assert dialog.correct_requested
    form = window.form
    form.start_correction(window.reader.entry(old.id))
    assert find(form, "name_edit").text() == "李思" and find(form, "id_number_edit").text() == ID_X
    find(form, "name_edit").clear()
    keyboard.type(find(form, "name_edit"), "李四")
    answers.append("姓名写错")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert [r.name for r in rows] == ["李四"]
    with ctx.session() as session:
        from checkpoint_app.db.models import Entry

        voided = session.get(Entry, old.id)
        new = session.get(Entry, rows[0].id)
    assert voided.voided and voided.void_reason == "姓名写错"
    assert new.corrects_uuid == voided.uuid


def test_settings_and_station_dialogs_open_from_the_menu(window, ctx, monkeypatch, qtbot):
    from checkpoint_app.ui.settings_dialog import SettingsDialog
    from checkpoint_app.ui.station_dialog import StationDialog

    opened = []

    def settings_exec(dialog):
        opened.append("settings")
        find(dialog, "key_areas_edit").setPlainText("湖北\n火星")
        dialog.save()
        assert find(dialog, "settings_error_label").text()  # a bad line is named, nothing stored
        find(dialog, "key_areas_edit").setPlainText("湖北/武汉")
        find(dialog, "fever_threshold_spin").setValue(37.5)
        dialog.save()
        return dialog.result()

    def station_exec(dialog):
        opened.append("station")
        find(dialog, "station_name_edit").setText("翠湖小区北门")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", settings_exec)
    monkeypatch.setattr(StationDialog, "exec", station_exec)
    from PySide6.QtGui import QAction

    window.findChild(QAction, "settings_action").trigger()
    window.findChild(QAction, "station_action").trigger()
    assert opened == ["settings", "station"]
    assert ctx.settings.get("key_areas") == ["湖北/武汉"] and ctx.settings.get("fever_threshold") == 375
    assert "翠湖小区北门" in window.windowTitle()


def test_correction_checks_the_form_before_asking_why_and_guards_typed_data(window, ctx, qtbot, dialogs, monkeypatch):
    shown, answers = dialogs
    old = save(ctx, "李思")
    window.refresh()
    form = window.form
    find(form, "name_edit").setText("半填的人")  # a guard is half-way through the next person
    monkeypatch.setattr(EntryDetailDialog, "exec", lambda dialog: (setattr(dialog, "correct_requested", True), 1)[1])
    answers.append(False)  # "discard the typed details?" -> no
    window.show_entry(old.id)
    assert find(form, "name_edit").text() == "半填的人"
    answers.append(True)
    window.show_entry(old.id)
    assert find(form, "name_edit").text() == "李思"
    find(form, "phone_edit").setText("123")  # a mistake in the correction itself
    assert not form.save()  # refused before any reason was asked (answers is empty: asking would fail)
    assert find(form, "phone_error").isVisible()
    find(form, "phone_edit").setText("13812345678")
    answers.append("x")  # too short a reason: said in the status line, nothing voided
    assert not form.save()
    assert "2" in find(form, "form_status_label").text()
    assert not window.reader.entry(old.id).voided


def test_saving_settings_keeps_what_is_typed(window, ctx, monkeypatch):
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    find(window.form, "name_edit").setText("张三")
    find(window.form, "temperature_edit").setText("37.4")
    assert find(window.form, "screening_label").property("state") == "warn"

    def raise_threshold(dialog):
        find(dialog, "fever_threshold_spin").setValue(37.5)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", raise_threshold)
    window.open_settings()
    assert find(window.form, "name_edit").text() == "张三"
    assert find(window.form, "screening_label").property("state") == "ok"  # 37.4 is below the new threshold


def test_correction_preview_uses_the_rules_of_the_day_passed(window, ctx, clock, keyboard):
    import datetime as dt

    from checkpoint_app.core.idcard import check_character

    first17 = "42010219900101123"
    old = save(ctx, "王五", id_number=first17 + check_character(first17), origin_province="42",
               arrival_date="11-20", decision="refuse", override_reason="")
    assert old.key_area and old.decision == "refuse"
    clock.now += dt.timedelta(days=11)  # outside the window today, inside it on the day passed
    form = window.form
    form.start_correction(window.reader.entry(old.id))
    assert "Refuse" in find(form, "decision_combo").itemText(0)
    assert not find(form, "override_reason_edit").isEnabled()


def test_settings_dialog_stores_nothing_when_the_display_file_cannot_be_written(window, ctx, qtbot, tmp_path):
    from checkpoint_app.ui.display_prefs import DisplayPrefs
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    (ctx.paths.root / "display.ini").mkdir()  # cannot be written (tests run as root: no chmod)
    dialog = SettingsDialog(ctx.settings, DisplayPrefs(ctx.paths.root), lambda: None, window)
    qtbot.addWidget(dialog)
    find(dialog, "fever_threshold_spin").setValue(37.8)
    dialog.save()
    assert find(dialog, "settings_error_label").text()
    assert ctx.settings.get("fever_threshold") == 373
