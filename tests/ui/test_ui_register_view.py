"""The register view: the paged model under qtmodeltester, masking, filters, search,
the detail dialog (the only place with full values) and voiding."""

from __future__ import annotations

import json

import pytest
from actors import supervisor
from uihelpers import find

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from checkpoint_app.core.entry import EntryDraft
from checkpoint_app.core.idcard import check_character
from checkpoint_app.core.listing import EntryFilter

from checkpoint_app.db.queries import day_counts

from checkpoint_app.services.reader import RegisterReader

from checkpoint_app.ui import entry_model
from checkpoint_app.ui.detail_dialog import EntryDetailDialog
from checkpoint_app.ui.entry_model import EntryTableModel

ID_X = "11010519491231002X"
OTHER_ID = "50010519900101123" + check_character("50010519900101123")


def save(ctx, name, **changes):
    base = dict(category="visitor", name=name, id_number=ID_X, phone="13812345678", origin_province="50",
                purpose="探亲", temperature="36.5")
    base.update(changes)
    return ctx.register.save(supervisor(ctx), EntryDraft(**base))


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(entry_model, "PAGE_SIZE", 5)


def test_model_passes_qtmodeltester_while_paging(qtmodeltester, ctx, small_pages):
    for n in range(12):
        save(ctx, f"访客{n}")
    model = EntryTableModel(lambda *args: RegisterReader(ctx).page(supervisor(ctx), *args))
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


def test_table_masks_identity_and_details_show_it_masked_too(window, ctx, qtbot, dialogs):
    save(ctx, "李四")
    window.refresh()
    model = window.model
    shown = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert "110105********002X" in shown
    assert "138****5678" in shown
    assert "李*" in shown
    assert ID_X not in shown and "13812345678" not in shown and "李四" not in shown
    row = model.row_at(0)  # masked by the service, not by the model
    assert (row.name, row.id_number, row.phone) == ("李*", "110105********002X", "138****5678")
    dialog = EntryDetailDialog(window.reader.entry(window.actor, row.id), ctx.register, window.actor, window, reader=window.reader)
    qtbot.addWidget(dialog)
    assert find(dialog, "detail_id_number_label").text().endswith("110105********002X")
    assert find(dialog, "detail_phone_label").text() == "138****5678"
    assert find(dialog, "detail_name_label").text() == "李*"
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert ID_X not in texts and "13812345678" not in texts and "李四" not in texts


def audit_events(ctx, action: str):
    from sqlmodel import select

    from checkpoint_app.db.models import AuditEvent

    with ctx.session() as session:
        return session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()


def test_a_supervisor_reveals_a_full_value_in_the_dialog_until_it_closes(window, ctx, qtbot, dialogs):
    shown, answers = dialogs
    saved = save(ctx, "李四")
    dialog = EntryDetailDialog(window.reader.entry(window.actor, saved.id), ctx.register, window.actor, window, reader=window.reader)
    qtbot.addWidget(dialog)
    answers.append("x")  # too short a reason: refused, nothing shown, nothing audited
    qtbot.mouseClick(find(dialog, "reveal_id_number_button"), Qt.MouseButton.LeftButton)
    assert shown and "2" in shown[-1][1]
    assert ID_X not in find(dialog, "detail_id_number_label").text() and audit_events(ctx, "reveal") == []
    for field, full in (("id_number", ID_X), ("phone", "13812345678"), ("name", "李四")):
        answers.append("派出所核查")
        qtbot.mouseClick(find(dialog, f"reveal_{field}_button"), Qt.MouseButton.LeftButton)
        assert full in find(dialog, f"detail_{field}_label").text()
        assert not find(dialog, f"reveal_{field}_button").isEnabled()
    assert [json.loads(e.detail) for e in audit_events(ctx, "reveal")] == [
        {"field": field, "reason": "派出所核查", "seq": 1} for field in ("id_number", "phone", "name")]
    dialog.reject()  # closed: the full values are gone from it
    assert find(dialog, "detail_id_number_label").text().endswith("110105********002X")
    assert find(dialog, "detail_phone_label").text() == "138****5678"
    assert find(dialog, "detail_name_label").text() == "李*"


def test_a_guard_pressing_show_full_is_refused_by_the_service_and_asked_no_reason(window, ctx, qtbot, dialogs):
    from actors import guard

    shown, answers = dialogs
    saved = save(ctx, "李四")
    window.set_actor(guard(ctx))
    dialog = EntryDetailDialog(window.reader.entry(window.actor, saved.id), ctx.register, window.actor, window, reader=window.reader)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(find(dialog, "reveal_phone_button"), Qt.MouseButton.LeftButton)  # answers is empty: asking fails
    assert shown and "Only a supervisor" in shown[-1][1]
    assert find(dialog, "detail_phone_label").text() == "138****5678"
    refusals = audit_events(ctx, "refused")
    assert [(e.subject, e.outcome, e.operator_name) for e in refusals] == [("reveal", "refused", "张保安")]


def test_no_reveal_button_where_there_is_nothing_to_reveal(window, ctx, qtbot):
    saved = save(ctx, "甲乙", category="resident", id_number="", phone="", purpose="", origin_province="")
    dialog = EntryDetailDialog(window.reader.entry(window.actor, saved.id), ctx.register, window.actor, window, reader=window.reader)
    qtbot.addWidget(dialog)
    assert dialog.findChild(QPushButton, "reveal_id_number_button") is None
    assert dialog.findChild(QPushButton, "reveal_phone_button") is None
    assert dialog.findChild(QPushButton, "reveal_name_button") is not None


def test_void_from_detail_dialog_hides_entry_and_keeps_reason(window, ctx, qtbot, dialogs):
    _, answers = dialogs
    saved = save(ctx, "李四")
    window.refresh()
    dialog = EntryDetailDialog(window.reader.entry(window.actor, saved.id), ctx.register, window.actor, window)
    qtbot.addWidget(dialog)
    answers.append("登记错误")
    qtbot.mouseClick(find(dialog, "void_button"), Qt.MouseButton.LeftButton)
    assert dialog.voided
    window.refresh()
    assert window.model.rowCount() == 0
    view = window.view
    find(view, "voided_filter").setCurrentIndex(2)  # void only
    assert window.model.rowCount() == 1 and window.model.row_at(0).voided


def names_shown(window) -> list[str]:
    """The full names of the rows listed (the rows are masked: 丙丁 and 丙戊 both show 丙*)."""
    import stored

    return [stored.person(window.ctx, window.model.row_at(r).id).name for r in range(window.model.rowCount())]


def test_one_search_box_recognises_names_digits_and_documents(window, ctx, keyboard):
    save(ctx, "李四")
    save(ctx, "李四光", phone="13955556666")
    save(ctx, "张三", phone="13700001111", id_number=OTHER_ID)
    save(ctx, "Özil", id_type="passport", id_number="EA1234567", phone="13600002222")
    window.refresh()
    view = window.view
    search = find(view, "search_edit")
    hint = find(view, "search_hint_label")
    assert view.findChild(QWidget, "search_kind_combo") is None  # no selector that silently finds nothing
    assert not hint.isVisible()  # nothing searched: no empty line above the list
    keyboard.type(search, "李四")
    keyboard.enter(search)
    assert names_shown(window) == ["李四光", "李四"]
    assert "Names" in hint.text() and "Found: 2" in hint.text()
    for text, expected, kind in (("1111", ["张三"], "ID numbers and phones"),  # a phone fragment
                                 ("19491231", ["李四光", "李四"], "ID numbers and phones"),  # an ID fragment
                                 ("ea123", ["Özil"], "ID document numbers"),  # letters and digits
                                 ("002x", ["李四光", "李四"], "ID document numbers")):
        search.clear()
        keyboard.type(search, text)
        keyboard.enter(search)
        assert names_shown(window) == expected, text
        assert kind in hint.text() and f"Found: {len(expected)}" in hint.text(), text
    search.clear()
    keyboard.type(search, "11")
    keyboard.enter(search)
    assert window.model.rowCount() == 0
    assert "at least 3" in hint.text() and hint.isVisible()  # too short: said, not silently empty
    search.clear()
    keyboard.type(search, "鄂A12345")
    keyboard.enter(search)
    assert window.model.rowCount() == 0 and "Licence plates" in hint.text() and "Found: 0" in hint.text()


def test_result_count_is_capped(window, ctx, keyboard, small_pages, monkeypatch):
    from checkpoint_app.ui import register_view

    monkeypatch.setattr(entry_model, "COUNT_CAP", 6)
    monkeypatch.setattr(register_view, "COUNT_CAP", 6)
    for n in range(8):
        save(ctx, f"李{n}")
    save(ctx, "王五")
    search = find(window.view, "search_edit")
    keyboard.type(search, "李")
    keyboard.enter(search)
    assert window.model.rowCount() == 5  # one page
    assert "Found: more than 6" in find(window.view, "search_hint_label").text()
    search.clear()
    keyboard.type(search, "王")
    keyboard.enter(search)
    assert "Found: 1" in find(window.view, "search_hint_label").text()


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Down])
def test_enter_or_down_in_the_search_box_moves_into_the_results(window, ctx, keyboard, qtbot, key, monkeypatch):
    monkeypatch.setattr(EntryDetailDialog, "exec", lambda dialog: 0)
    save(ctx, "李四")
    save(ctx, "李四光")
    save(ctx, "张三")
    search = find(window.view, "search_edit")
    keyboard.type(search, "李四")
    keyboard.key(key, search)  # before the typing pause has run the search
    table = find(window.view, "entry_table")
    assert QApplication.focusWidget() is table
    assert table.currentIndex().row() == 0 and table.selectionModel().isRowSelected(0)
    assert names_shown(window) == ["李四光", "李四"]
    opened = []
    window.view.open_entry.connect(opened.append)
    keyboard.key(Qt.Key.Key_Down)
    keyboard.key(Qt.Key.Key_Return)  # Enter on a row opens it
    assert opened == [window.model.row_at(1).id]


def test_double_click_opens_the_details_once(window, ctx, qtbot, monkeypatch):
    saved = save(ctx, "李四")
    window.refresh()
    opened = []
    monkeypatch.setattr(EntryDetailDialog, "exec", lambda dialog: opened.append(dialog._entry.id) or 0)
    table = find(window.view, "entry_table")
    point = table.visualRect(window.model.index(0, 3)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)  # a double click's first click
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened == [saved.id]


def test_after_a_void_the_keyboard_is_back_on_the_list(window, ctx, qtbot, dialogs, monkeypatch):
    _, answers = dialogs
    for name in ("甲一", "乙二", "丙三"):
        save(ctx, name)
    window.refresh()
    view = window.view
    assert view.focus_results(1)  # on 乙二

    def void(dialog):
        answers.append("登记错误")
        qtbot.mouseClick(find(dialog, "void_button"), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EntryDetailDialog, "exec", void)
    keyboard_table = find(view, "entry_table")
    qtbot.keyClick(keyboard_table, Qt.Key.Key_Return)
    assert names_shown(window) == ["丙三", "甲一"]
    assert "No. 2 is void" in window.statusBar().currentMessage()  # the row left the list: say why
    assert QApplication.focusWidget() is keyboard_table
    assert keyboard_table.currentIndex().row() == 1  # the row that took the void one's place
    monkeypatch.setattr(EntryDetailDialog, "exec", lambda dialog: 0)
    qtbot.keyClick(keyboard_table, Qt.Key.Key_Up)  # typed keys go to the list
    assert keyboard_table.currentIndex().row() == 0


def test_filters_combine(window, ctx):
    save(ctx, "甲乙", category="resident", id_number="", phone="", purpose="", origin_province="")
    save(ctx, "丙丁", temperature="37.9", temperature2="38.0")
    window.refresh()
    view = window.view
    category = find(view, "category_filter")
    category.setCurrentIndex(category.findData("resident"))
    assert names_shown(window) == ["甲乙"]
    category.setCurrentIndex(0)
    fever = find(view, "fever_filter")
    fever.setCurrentIndex(fever.findData(True))
    assert names_shown(window) == ["丙丁"]
    find(view, "day_range_check").setChecked(True)
    assert window.model.rowCount() == 1
    day_from = find(view, "day_from_edit")
    day_from.setDate(day_from.date().addDays(1))
    assert window.model.rowCount() == 0


def test_counts_mean_what_a_guard_means(window, ctx):
    save(ctx, "丙丁", temperature="37.9", temperature2="38.0")  # referred to the fever clinic
    save(ctx, "戊己", decision="refuse", override_reason="无预约")  # turned away
    save(ctx, "甲乙", category="resident", id_number="", phone="", purpose="", origin_province="", direction="out")
    save(ctx, "庚辛")  # a visitor let in
    window.refresh()
    strip = find(window, "today_counts_label")
    counts = strip.counts
    # the refused and the referred did not enter: they count under refused / referred only
    assert (counts.entered, counts.left, counts.visitors, counts.fevers, counts.refused, counts.referred) == (1, 1, 1, 1, 1, 1)
    for word in ("in", "out", "visitors", "fevers", "refused", "referred", "key area"):  # each count explained
        assert f"<b>{word}</b>" in strip.toolTip()


def test_correction_voids_the_old_entry_and_records_the_new_one(window, ctx, qtbot, dialogs, keyboard):
    _, answers = dialogs
    old = save(ctx, "李思")
    window.refresh()
    dialog = EntryDetailDialog(window.reader.entry(window.actor, old.id), ctx.register, window.actor, window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(find(dialog, "correct_button"), Qt.MouseButton.LeftButton)
    assert dialog.correct_requested
    form = window.form
    form.start_correction(window.reader.entry(window.actor, old.id))
    assert find(form, "name_edit").text() == "李思" and find(form, "id_number_edit").text() == ID_X
    find(form, "name_edit").clear()
    keyboard.type(find(form, "name_edit"), "李四")
    answers.append("姓名写错")
    with qtbot.waitSignal(form.saved):
        assert form.save()
    rows = [window.model.row_at(r) for r in range(window.model.rowCount())]
    assert names_shown(window) == ["李四"]
    with ctx.session() as session:
        from checkpoint_app.db.models import Passage

        voided = session.get(Passage, old.id)
        new = session.get(Passage, rows[0].id)
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
    assert not window.reader.entry(window.actor, old.id).voided


def test_a_guard_asking_to_correct_is_refused_by_the_service_and_nothing_is_loaded(window, ctx, dialogs, monkeypatch):
    from actors import guard

    shown, _ = dialogs
    old = save(ctx, "李思")
    window.set_actor(guard(ctx))
    monkeypatch.setattr(EntryDetailDialog, "exec", lambda dialog: (setattr(dialog, "correct_requested", True), 1)[1])
    window.show_entry(old.id)
    assert shown and "Only a supervisor" in shown[-1][1]
    assert find(window.form, "name_edit").text() == "" and "Correcting" not in find(window.form, "form_status_label").text()


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
    assert old.any_key_area and old.decision == "refuse"
    clock.now += dt.timedelta(days=11)  # outside the window today, inside it on the day passed
    form = window.form
    form.start_correction(window.reader.entry(window.actor, old.id))
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


def fill_visitor(form, name: str, **fields) -> None:
    """A valid visitor in the form's widgets (how they got there is the form tests' business)."""
    form.category_combo.setCurrentIndex(form.category_combo.findData(fields.get("category", "visitor")))
    form.direction_combo.setCurrentIndex(form.direction_combo.findData(fields.get("direction", "in")))
    values = dict(id_number_edit=ID_X, name_edit=name, phone_edit="13812345678", destination_edit="3栋501",
                  purpose_edit="探亲", temperature_edit="36.5")
    values.update({k: v for k, v in fields.items() if k.endswith("_edit")})
    for edit, text in values.items():
        find(form, edit).setText(text)
    form.origin_province_combo.setCurrentIndex(form.origin_province_combo.findData("50"))


def test_a_save_puts_the_new_row_on_top_and_moves_the_counts_without_reloading(window, ctx, qtbot, monkeypatch):
    save(ctx, "甲乙")
    window.refresh()
    find(window.view, "category_filter").setCurrentIndex(find(window.view, "category_filter").findData("visitor"))
    before = find(window, "today_counts_label").counts
    reads = []
    monkeypatch.setattr(window.model, "set_filter", lambda f: reads.append("page"))
    monkeypatch.setattr(window.reader, "counts", lambda day=None: reads.append("counts"))
    fill_visitor(window.form, "丙丁")
    with qtbot.waitSignal(window.form.saved):
        assert window.form.save()
    assert reads == []  # neither the list nor the counts were read again
    assert names_shown(window) == ["丙丁", "甲乙"]
    shown = find(window, "today_counts_label").counts
    assert (shown.entered - before.entered, shown.visitors - before.visitors) == (1, 1)
    with ctx.connect() as conn:
        assert shown == day_counts(conn, ctx.clock().date())  # the same as counting afresh
    fill_visitor(window.form, "戊己", temperature_edit="38.1", temperature2_edit="38.2")  # referred
    with qtbot.waitSignal(window.form.saved):
        assert window.form.save()
    shown = find(window, "today_counts_label").counts
    with ctx.connect() as conn:
        assert shown == day_counts(conn, ctx.clock().date()) and shown.referred == 1 and shown.entered == 2


def test_a_saved_entry_hidden_by_the_search_clears_it_and_says_so(window, ctx, qtbot, keyboard):
    save(ctx, "甲乙")
    window.refresh()
    view = window.view
    keyboard.type(find(view, "search_edit"), "甲乙")
    keyboard.enter(find(view, "search_edit"))
    find(view, "fever_filter").setCurrentIndex(find(view, "fever_filter").findData(False))
    fill_visitor(window.form, "丙丁")
    with qtbot.waitSignal(window.form.saved) as saved:
        assert window.form.save()
    assert find(view, "search_edit").text() == "" and find(view, "fever_filter").currentIndex() == 0
    assert names_shown(window) == ["丙丁", "甲乙"]
    seq = window.model.row_at(0).seq
    assert window.model.row_at(0).id == saved.args[0]
    assert f"No. {seq}" in find(view, "search_hint_label").text()
    # a save the search would show keeps the search
    keyboard.type(find(view, "search_edit"), "丙")
    keyboard.enter(find(view, "search_edit"))
    fill_visitor(window.form, "丙戊")
    with qtbot.waitSignal(window.form.saved):
        assert window.form.save()
    assert find(view, "search_edit").text() == "丙" and names_shown(window) == ["丙戊", "丙丁"]
    assert "Found: 2" in find(view, "search_hint_label").text()


@pytest.mark.parametrize("digits", ["12345", "19491231"])  # of the phone, of the ID number: both hidden by the masks
def test_a_saved_entry_found_by_digits_the_masks_hide_stays_under_the_search(window, ctx, qtbot, keyboard, monkeypatch, digits):
    save(ctx, "甲乙", phone="13900001111", id_number=OTHER_ID)
    save(ctx, "戊己")
    window.refresh()
    view = window.view
    keyboard.type(find(view, "search_edit"), digits)
    keyboard.enter(find(view, "search_edit"))
    assert names_shown(window) == ["戊己"]
    reads = []
    monkeypatch.setattr(window.model, "set_filter", lambda f: reads.append("page"))
    fill_visitor(window.form, "丙丁")
    with qtbot.waitSignal(window.form.saved):
        assert window.form.save()
    assert reads == []  # put in at the top, the search kept: not cleared, not reloaded
    assert find(view, "search_edit").text() == digits and names_shown(window) == ["丙丁", "戊己"]
    assert window.model.row_at(0).phone == "138****5678"
    assert "cleared" not in find(view, "search_hint_label").text()


def test_a_search_still_being_typed_when_saving_is_run_first(window, ctx, qtbot, keyboard):
    save(ctx, "甲乙")
    window.refresh()
    keyboard.type(find(window.view, "search_edit"), "丙")  # the typing pause has not passed yet
    fill_visitor(window.form, "丙丁")
    with qtbot.waitSignal(window.form.saved):
        assert window.form.save()
    assert names_shown(window) == ["丙丁"] and find(window.view, "search_edit").text() == "丙"


def test_corrected_entry_and_its_correction_link_to_each_other(window, ctx, qtbot, dialogs, monkeypatch):
    old = save(ctx, "李思")
    new = ctx.register.correct(supervisor(ctx), old.id, EntryDraft(category="visitor", name="李四", id_number=ID_X, phone="13812345678",
                                                  origin_province="50", purpose="探亲", temperature="36.5"), "姓名写错")
    plain = save(ctx, "王五")
    seen = []

    def look(dialog):
        seen.append((dialog._entry.id, {b.objectName(): b.text() for b in dialog.findChildren(QPushButton)
                                         if b.objectName().startswith("correct")}))
        follow = {old.id: "corrected_by_button", new.id: "corrects_button"}.get(dialog._entry.id)
        if follow is not None and len(seen) < 3:
            qtbot.mouseClick(find(dialog, follow), Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(EntryDetailDialog, "exec", look)
    window.show_entry(old.id)  # the void one, then its correction, then back
    assert [entry_id for entry_id, _ in seen] == [old.id, new.id, old.id]
    assert f"No. {new.seq}" in seen[0][1]["corrected_by_button"]
    assert f"No. {old.seq}" in seen[1][1]["corrects_button"]
    seen.clear()
    window.show_entry(plain.id)
    assert seen == [(plain.id, {"correct_button": seen[0][1]["correct_button"]})]  # no links


def test_tab_in_the_key_area_list_moves_on(window, ctx, qtbot):
    from checkpoint_app.ui.display_prefs import DisplayPrefs
    from checkpoint_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx.settings, DisplayPrefs(ctx.paths.root), lambda: None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    areas = find(dialog, "key_areas_edit")
    before = areas.toPlainText()
    areas.setFocus()
    qtbot.keyClick(areas, Qt.Key.Key_Tab)
    assert areas.toPlainText() == before and "\t" not in areas.toPlainText()
    assert QApplication.focusWidget() is not areas


def test_the_table_paints_selection_colours_and_text(window, ctx, qtbot):
    save(ctx, "丙丁", temperature="37.9", temperature2="38.0")  # fever: red reading
    save(ctx, "甲乙")
    window.refresh()
    view = window.view
    table = find(view, "entry_table")
    assert view.focus_results(0)
    QApplication.processEvents()
    image = table.viewport().grab().toImage()
    model = window.model

    def colours(row: int, column: int) -> set[tuple[int, int, int]]:
        rect = table.visualRect(model.index(row, column))
        return {image.pixelColor(x, y).getRgb()[:3] for x in range(rect.left(), rect.right(), 2)
                for y in range(rect.top(), rect.bottom(), 2)}

    highlight = table.palette().highlight().color().getRgb()[:3]
    assert highlight in colours(0, 0)  # the selected row
    assert highlight not in colours(1, 0)
    fever = colours(1, EntryTableModel.COLUMNS.index("temperature"))
    assert any(r > 150 and g < 80 and b < 80 for r, g, b in fever)  # the red reading, as text
    assert len(colours(1, EntryTableModel.COLUMNS.index("name"))) > 2  # the name is drawn


def test_nothing_is_read_while_nobody_is_logged_in_and_a_login_reads_the_list_again(window, ctx):
    """The register is read in the name of who is logged in (Action.VIEW_MASKED): while
    nobody is, the window asks nothing (no refusal piles up in the audit log), and the
    next login shows what was saved meanwhile."""
    from sqlmodel import select

    from checkpoint_app.db.models import AuditEvent

    boss = window.actor
    window.set_actor(None)
    saved = save(ctx, "赵六")  # another desk, say
    window.refresh()
    assert window.model.rowCount() == 0 or window.model.row_at(0).id != saved.id
    window.set_actor(boss)
    assert window.model.row_at(0).id == saved.id
    assert window.counts.counts.entered >= 1
    with ctx.session() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.outcome == "refused")).all() == []


def test_a_vehicle_is_one_row_with_its_plate_and_its_occupants_in_the_details(window, ctx, monkeypatch):
    """Issue 7's shape: persons and vehicles in one table; a vehicle's details list every
    occupant, masked like everything else."""
    from vehicles import vehicle

    save(ctx, "李四")
    car = vehicle(ctx, [{"name": "王五"}, {"name": "赵六", "fever": True, "temp1": 385, "temp2": 384}])
    window.refresh()
    assert window.model.row_at(0).id == car
    shown = window.model.index(0, entry_model.EntryTableModel.COLUMNS.index("name")).data()
    assert shown == "鄂A12345"
    tooltip = window.model.index(0, entry_model.EntryTableModel.COLUMNS.index("name")).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Vehicle 鄂A12345: 2 persons on board"
    assert window.model.row_at(0).temperature == 384  # the highest last reading on board
    assert window.model.row_at(1).name == "李*"
    dialog = EntryDetailDialog(window.reader.entry(window.actor, car), ctx.register, window.actor, window,
                               reader=window.reader)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(t.startswith("鄂A12345") and "Private car" in t for t in texts)  # the plate and the category
    assert any(t.startswith("赵*") and "38.5" in t for t in texts)  # the second occupant, masked
    assert not any("赵六" in t or "王五" in t for t in texts)
