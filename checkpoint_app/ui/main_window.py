"""The main window: register form on the left, the register on the right, today's
counts at the bottom. Fits 1366×768.

Start-up is progressive: the window frame (title, menus, "opening…") is shown first,
the form and the register are built in the next turn of the event loop, and the
station's database is attached after that; each step is on screen before the next."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

# Qt (the namespace of enums) is imported where used: loading it costs ~13 ms, and the
# frame must be on screen before that.
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QWidget

from checkpoint_app.core.roles import Actor, NotPermitted

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n, theme
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.jobs import JobRunner

if TYPE_CHECKING:  # loaded after the window is on screen (see attach)
    from checkpoint_app.services.context import AppContext

log = logging.getLogger("checkpoint.ui")


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None):
        """With `ctx`, the complete window. Without, only the frame: `build_contents`
        and `attach` fill it in once it is on screen."""
        super().__init__(parent)
        self.setObjectName("main_window")
        self.ctx = None
        self.reader = None
        self.actor: Actor | None = None  # who is logged in at the desk (see set_actor)
        self._user_closes = False  # set while Ctrl+Q / Station → Quit closes the window
        self.form = self.model = self.view = self.counts = self.duty_strip = None
        self.vehicle_form = self.desk = self.recent = None  # the vehicle form beside the person form (F2)
        self.alert_banner = self.health_watch = None
        self.retention_watch = None
        self.backup_watch = None
        self.scan_detector = None  # resident passes scanned anywhere (ui/scan_detector.py)
        self.inside = None  # who is inside: the count and its window (ui/inside_panel.py), from build_contents on
        self.idle_lock = None  # the desk's idle lock and F9 switch (ui/idle_lock.py), from attach on
        self.jobs = JobRunner(self)  # long work off the GUI thread (ui/jobs.py)
        self.setWindowTitle(translate("MainWindow", "Checkpoint Register"))
        opening = QLabel(translate("MainWindow", "Opening the register…"), self)
        opening.setObjectName("opening_label")
        opening.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.setCentralWidget(opening)
        self.setStatusBar(QStatusBar(self))
        self._menus()
        screen = self.screen().availableGeometry()
        self.resize(min(1366, screen.width()), min(740, screen.height()))
        if ctx is not None:
            self.attach(ctx)

    def build_contents(self) -> None:
        """Build the form, the register and the counts (once)."""
        if self.form is not None:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QScrollArea, QSplitter

        from checkpoint_app.ui.desk import Desk
        from checkpoint_app.ui.duty_strip import DutyStrip
        from checkpoint_app.ui.entry_model import EntryTableModel
        from checkpoint_app.ui.recent_vehicles import RecentVehicles
        from checkpoint_app.ui.register_form import RegisterForm
        from checkpoint_app.ui.register_view import RegisterView
        from checkpoint_app.ui.status_strip import TodayCounts
        from checkpoint_app.ui.vehicle_form import VehicleForm

        self.form = RegisterForm(parent=self)
        self.vehicle_form = VehicleForm(self)
        self.recent = RecentVehicles(self._recent_vehicles, self.vehicle_form)
        self.vehicle_form.add_below(self.recent)
        self.desk = Desk(self.form, self.vehicle_form, self)
        self.model = EntryTableModel(self._load_page, self, count=self._count_rows)
        self.view = RegisterView(self.model, self._today, self)
        self.view.setEnabled(False)
        self._detail_open = False
        scroll = QScrollArea(self)
        scroll.setObjectName("form_scroll")
        scroll.setWidget(self.desk)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(self)
        splitter.setObjectName("main_splitter")
        splitter.addWidget(scroll)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)  # neither side can vanish, whatever the window's size
        self._scroll, self._splitter = scroll, splitter
        self._fit_sides()
        for watched in (self.desk, self.form, self.vehicle_form):  # the forms' needs change with the font: _fit_sides again
            watched.installEventFilter(self)
        self.setCentralWidget(self._with_alert_banner(splitter))
        self.duty_strip = DutyStrip(self)  # the shift on duty and the seven ones missing (ui/duty_strip.py)
        self.statusBar().addPermanentWidget(self.duty_strip)
        self.counts = TodayCounts(self)
        self.statusBar().addPermanentWidget(self.counts, 1)
        self.form.saved.connect(self._after_save)
        self.vehicle_form.saved.connect(self._after_vehicle_save)
        self.view.open_entry.connect(self.show_entry)
        from checkpoint_app.ui.inside_panel import InsideDesk

        self.inside = InsideDesk(self)  # the count at the menu bar's end; an exit recorded there is shown like a save
        self.inside.checked_out.connect(self._after_vehicle_save)

    def _form_width(self) -> int:
        return self.desk.minimumSizeHint().width() + self._scroll.verticalScrollBar().sizeHint().width()

    def _fit_sides(self) -> None:
        """The form is never squeezed: it keeps the width its fields need (in the current
        font), the register takes the rest."""
        form_width = self._form_width()
        self._scroll.setMinimumWidth(form_width)
        width = max(self.width(), self._splitter.width())
        self._splitter.setSizes([form_width, max(self.view.minimumSizeHint().width(), width - form_width)])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # a font or style change reaches the form's widgets over several event-loop turns:
        # follow its layout until the width it needs settles
        if watched in (self.desk, self.form, self.vehicle_form) and event.type() == QEvent.Type.LayoutRequest and self._form_width() != self._scroll.minimumWidth():
            self._fit_sides()
        return False

    def relayout(self) -> None:
        """Lay the window out again in the current font (large print switched on or off)."""
        if self.form is None:
            return
        QCoreApplication.processEvents()  # the font and style changes reach every widget
        self.form.size_fields()
        self.vehicle_form.size_fields()
        self.view.fit_columns()
        self._fit_sides()

    def set_actor(self, actor: Actor | None) -> None:
        """Who works at the desk from now on (None: logged out). The register is read
        in the name of who is logged in: nothing is read while nobody is, and a login
        reads the list and counts again."""
        was = self.actor
        self.actor = actor
        if self.form is not None:
            self.form.set_actor(actor)
            self.vehicle_form.set_actor(actor)
        if actor is not None and was is None and self.reader is not None:
            self.refresh()
            self.recent.refresh()

    def attach(self, ctx: AppContext) -> None:
        """Connect the window to an opened station: the form, the register and the counts."""
        from checkpoint_app.services.reader import RegisterReader

        self.build_contents()
        self.ctx = ctx
        self.reader = RegisterReader(ctx)
        self._show_station_title()
        self.form.attach(ctx.register, ctx.settings)
        self.form.set_actor(self.actor)
        station = ctx.station.current()
        self.vehicle_form.attach(ctx.register, ctx.settings, station.province_code if station else None)
        self.vehicle_form.set_actor(self.actor)
        # a road checkpoint opens on vehicles; F2 is the other form
        self.desk.show_page(1 if station is not None and station.station_type == "road_checkpoint" else 0)
        self.desk.show_rules(ctx.settings.get("closed_management"), ctx.settings.get("closed_exempt"))
        self._listen_for_passes(ctx)
        self.view.reset_days()
        self.view.setEnabled(True)
        self.view.apply_filters()
        self.refresh_counts()
        self.recent.start()
        self.duty_strip.refresh(ctx.shifts, ctx.clock())
        self._watch_health(ctx)
        if self.idle_lock is None:
            from checkpoint_app.ui.idle_lock import IdleLock

            self.idle_lock = IdleLock(self)

    def _today(self) -> dt.date:
        return self.ctx.clock().date() if self.ctx is not None else dt.date.today()

    def _show_station_title(self) -> None:
        station = self.ctx.station.current()
        self.setWindowTitle(translate("MainWindow", "Checkpoint Register")
                            + (f" — {station.name} ({station.code})" if station else ""))

    def _menus(self) -> None:
        # setShortcuts([...]), not setShortcut(...): PySide6 resolves setShortcut's overloads
        # by building its Python enum of every Qt key first, about 20 ms before the first window
        menu = self.menuBar().addMenu(translate("MainWindow", "&Station"))
        settings = QAction(translate("MainWindow", "Settings…"), self, objectName="settings_action", triggered=self.open_settings)
        station = QAction(translate("MainWindow", "Station profile…"), self, objectName="station_action", triggered=self.edit_station)
        audit = QAction(translate("MainWindow", "Audit log…"), self, objectName="audit_log_action", triggered=self.open_audit_log)
        quit_ = QAction(translate("MainWindow", "Quit"), self, objectName="quit_action", triggered=self.quit)
        quit_.setShortcuts([QKeySequence("Ctrl+Q")])
        report = QAction(translate("MainWindow", "Daily report…"), self, objectName="report_action", triggered=self.open_report)
        report.setShortcuts([QKeySequence("Ctrl+R")])
        switch = QAction(translate("MainWindow", "Switch operator…"), self, objectName="switch_operator_action",
                         triggered=lambda: self.idle_lock and self.idle_lock.switch())
        switch.setShortcuts([QKeySequence("F9")])
        operators = QAction(translate("MainWindow", "Operators…"), self, objectName="operators_action", triggered=self.open_operators)
        residents = QAction(translate("MainWindow", "Residents…"), self, objectName="residents_action",
                            triggered=self.open_residents)
        watchlist = QAction(translate("MainWindow", "Watchlist…"), self, objectName="watchlist_action",
                            triggered=self.open_watchlist)
        five_dailies = QAction(translate("MainWindow", "Five dailies…"), self, objectName="five_dailies_action",
                               triggered=self.open_five_dailies)
        from checkpoint_app.ui import batch_menu

        menu.addActions([switch, operators, residents, watchlist, five_dailies, report])
        menu.addSeparator()
        menu.addActions(batch_menu.actions(self))  # export to USB, ledger, office keys, enrollment (issue 9)
        menu.addSeparator()
        menu.addActions([audit, settings, station, quit_])
        view = self.menuBar().addMenu(translate("MainWindow", "&Register"))
        find = QAction(translate("MainWindow", "Search"), self, objectName="search_action",
                       triggered=lambda: self.view and self.view.focus_search())
        find.setShortcuts([QKeySequence("Ctrl+F")])
        new = QAction(translate("MainWindow", "New entry"), self, objectName="new_entry_action", triggered=lambda: self.desk and self.desk.current().discard())  # Ctrl+Z undoes
        new.setShortcuts([QKeySequence("Ctrl+N")])
        refresh = QAction(translate("MainWindow", "Refresh"), self, objectName="refresh_action", triggered=self.refresh)
        refresh.setShortcuts([QKeySequence("F5")])
        desk = QAction(translate("MainWindow", "Persons / vehicles"), self, objectName="switch_desk_action",
                       triggered=lambda: self.desk and self.desk.toggle())
        desk.setShortcuts([QKeySequence("F2")])
        resident = QAction(translate("MainWindow", "Find a resident"), self, objectName="find_resident_action",
                           triggered=self.find_resident)
        resident.setShortcuts([QKeySequence("F3")])
        view.addActions([new, desk, resident, find, refresh])
        inside = QAction(translate("MainWindow", "Who is inside…"), self, objectName="inside_action",
                         triggered=lambda: self.inside and self.inside.open())
        inside.setShortcuts([QKeySequence("Ctrl+I")])
        view.addActions([new, desk, find, refresh, inside])
        shift = self.menuBar().addMenu(translate("MainWindow", "S&hift"))
        for name, text, keys in (("start", translate("MainWindow", "Start shift…"), "F6"),
                                 ("check", translate("MainWindow", "Seven-ones check…"), "F7"),
                                 ("handover", translate("MainWindow", "Hand over…"), "F8"),
                                 ("end", translate("MainWindow", "End shift…"), "Shift+F8")):
            action = QAction(text, self, objectName=f"shift_{name}_action", triggered=lambda _=False, n=name: self.run_shift(n))
            action.setShortcuts([QKeySequence(keys)])
            shift.addAction(action)

    def run_shift(self, what: str) -> None:
        """The Shift menu: "start", "check", "handover" or "end" (ui/shift_dialogs.py)."""
        from checkpoint_app.ui import shift_dialogs

        shift_dialogs.run(self, what)

    def _load_page(self, entry_filter, before_id, limit):
        if self.reader is None or self.actor is None:
            return []
        try:
            return self.reader.page(self.actor, entry_filter, before_id, limit)
        except NotPermitted:
            log.warning("register list not read: not permitted")
            return []
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return []

    def _count_rows(self, entry_filter, cap):
        if self.reader is None or self.actor is None:
            return None
        try:
            return self.reader.count(self.actor, entry_filter, cap)
        except NotPermitted:
            log.warning("result count not read: not permitted")
            return None
        except StorageError as err:
            log.warning("result count unavailable: %s", err.kind.value)
            return None

    def _recent_vehicles(self):
        if self.reader is None or self.actor is None:
            return []
        try:
            return self.reader.recent_vehicles(self.actor)
        except NotPermitted:
            return []
        except StorageError as err:
            log.warning("recent vehicles not read: %s", err.kind.value)
            return []

    def _after_vehicle_save(self, passage_id: int) -> None:
        self._after_save(passage_id)
        self.recent.refresh()

    def _after_save(self, entry_id: int) -> None:
        """Show what the save changed, without reloading the rest: the new row put in at
        the top of the list and the counts moved on by that one entry. A correction also
        voided an entry: the list and the counts are read again."""
        from checkpoint_app.core.listing import counts_of

        if self.reader is None or self.actor is None:
            return
        try:
            saved = self.reader.saved(self.actor, entry_id, self.view.current_filter())
        except NotPermitted:
            log.warning("saved entry not shown: not permitted")
            return
        except StorageError as err:
            log.warning("saved entry not shown: %s", err.kind.value)
            return
        if saved is None:
            return
        self.view.show_saved(saved)
        if saved.corrected or self.counts.day != saved.row.local_date or saved.row.kind != "person":
            self.refresh_counts()  # a new day (another day's entry, a vehicle and its kind) is counted afresh
        else:
            self.counts.show_counts(self.counts.counts + counts_of(saved.row))

    # -- the register's health: damage and the clock (see services/health.py) --------------

    def _with_alert_banner(self, contents: QWidget) -> QWidget:
        from PySide6.QtWidgets import QVBoxLayout

        from checkpoint_app.ui.alert_banner import AlertBanner

        page = QWidget(self, objectName="central_page")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.alert_banner = AlertBanner(page)
        layout.addWidget(self.alert_banner)
        layout.addWidget(contents, 1)
        return page

    def _watch_health(self, ctx: AppContext) -> None:
        """Show damage and clock warnings; check the file after start and once a day."""
        from checkpoint_app.ui.health_watch import HealthWatch

        if self.health_watch is not None:
            self.health_watch.stop()
        self.health_watch = HealthWatch(ctx.health, ctx.paths.database, self, key=ctx.db.key)
        self.health_watch.changed.connect(self._show_health)
        self.alert_banner.clock_checked.connect(ctx.health.dismiss_clock_warning)
        try:
            ctx.register.check_clock()
        except StorageError as err:
            log.warning("clock not compared with the register: %s", err.kind.value)
        self._show_health()
        QTimer.singleShot(0, self.health_watch.start)  # after the first page is painted
        from checkpoint_app.ui.retention import RetentionWatch

        if self.retention_watch is not None:
            self.retention_watch.stop()
        self.retention_watch = RetentionWatch(self)  # the retention purge: after the first check, then daily
        self.health_watch.checked.connect(self.retention_watch.after_check)
        from checkpoint_app.ui.backups import BackupWatch

        if self.backup_watch is not None:
            self.backup_watch.stop()
        self.backup_watch = BackupWatch(self)  # a backup at each shift change and daily
        self.backup_watch.start()

    def _show_health(self) -> None:
        if self.ctx is None or self.alert_banner is None:
            return
        health = self.ctx.health
        self.alert_banner.show_state(self.ctx.paths.root if health.damaged else None, health.clock_warning)
        if self.form is not None:
            # the service refuses every save into a damaged file; the button says so before
            # a guard types a whole entry (the banner above says what to do instead)
            for button in (self.form.save_button, self.vehicle_form.save_button):
                button.setEnabled(not health.damaged)
                button.setToolTip(translate(
                    "MainWindow", "Saving is stopped: the register file is damaged (see the notice above).")
                    if health.damaged else "")

    def quit(self) -> None:
        """Ctrl+Q or Station → Quit: like the window's close button, it asks first when
        the form holds an entry that is not saved."""
        self._user_closes = True
        try:
            self.close()
        finally:
            self._user_closes = False

    def has_typed_data(self) -> bool:
        """Whether the person form or the vehicle form holds something not saved."""
        return self.form is not None and (self.form.has_typed_data() or self.vehicle_form.has_typed_data())

    def may_close(self, by_user: bool) -> bool:
        """A close the guard asked for keeps an unsaved entry unless they confirm losing it
        (closes made by the program itself, e.g. at the end of a test, never ask), and
        waits for work that may not be cancelled."""
        if by_user and not self.jobs.may_close(self):
            return False
        if not by_user or not self.has_typed_data():
            return True
        return ask.confirm(self, translate("MainWindow", "Quit"), translate(
            "MainWindow", "The form holds an entry that is not saved. Quit anyway and lose it?"))

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self.may_close(by_user=event.spontaneous() or self._user_closes):  # Alt+F4, the title bar's ×, Ctrl+Q
            event.ignore()
            return
        if self.health_watch is not None:
            self.health_watch.stop()  # a check in progress is interrupted, not waited for
        if self.retention_watch is not None:
            self.retention_watch.stop()  # a purge in progress ends its transaction first
        if self.backup_watch is not None:
            self.backup_watch.stop()  # a backup in progress is finished (or its partial file removed)
        self.jobs.shutdown()  # cancellable work is cancelled; either way the worker is waited for
        if self.idle_lock is not None:
            self.idle_lock.stop()
        if self.scan_detector is not None:
            self.scan_detector.set_prefix("")  # no longer listening to the whole application
        super().closeEvent(event)

    def refresh(self) -> None:
        """Read the list (with the view's filters) and today's counts again (F5)."""
        if self.model is None:
            return
        self.view.apply_filters()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        if self.reader is None or self.actor is None:
            return
        try:
            day = self.reader.today()
            self.counts.show_counts(self.reader.counts(self.actor, day), day)
            self.counts.show_vehicles(self.reader.vehicles_by_category(self.actor, day))
            self.inside.refresh()
        except NotPermitted:
            log.warning("counts not read: not permitted")
        except StorageError as err:
            log.warning("counts unavailable: %s", err.kind.value)

    def show_entry(self, entry_id: int) -> None:
        """The detail window of an entry (and of the entries it links to, one after the
        other). One at a time; afterwards the keyboard is back on the list's row."""
        if self.reader is None or self.actor is None or self._detail_open:
            return
        from checkpoint_app.ui.detail_dialog import EntryDetailDialog  # dialogs load when first opened

        self._detail_open = True
        came_from = self.view.table.currentIndex().row()
        voided = False
        try:
            while entry_id is not None:
                try:
                    entry = self.reader.entry(self.actor, entry_id)
                    links = self.reader.links(self.actor, entry_id) if entry is not None else None
                except NotPermitted as refused:
                    ask.error(self, translate("MainWindow", "Could not open the entry"), i18n.problem_text(refused.problem()))
                    break
                except StorageError as err:
                    ask.storage_error(self, err, during="read")
                    break
                if entry is None:
                    break
                dialog = EntryDetailDialog(entry, self.ctx.register, self.actor, self, links=links, reader=self.reader)
                dialog.exec()
                entry_id = dialog.follow
                if dialog.voided:  # the row leaves the list (void entries are hidden): say what happened
                    self.statusBar().showMessage(translate("MainWindow", "No. {seq} is void. It is kept with its reason: "
                                                                         "choose “with void” above to see it.").format(seq=entry.seq), 15000)
                voided = voided or dialog.voided
                if dialog.correct_requested:
                    self._start_correction(entry)
                    return
        finally:
            self._detail_open = False
        if voided:
            self.refresh()
        self.activateWindow()
        if not self.view.focus_results(max(came_from, 0)):
            self.desk.current().first_field().setFocus()

    def _start_correction(self, entry) -> None:
        self.desk.show_page(0)  # a correction is made in the person form
        if self.form.has_typed_data() and not ask.confirm(
                self, translate("MainWindow", "Correct entry"),
                translate("MainWindow", "The form holds details that are not saved. Discard them and load "
                                        "No. {seq} for correction?").format(seq=entry.seq)):
            return
        self.form.start_correction(entry)  # with the full values, from the service (a supervisor's)

    def open_report(self) -> None:
        """Station → Daily report… (Ctrl+R): the day's figures, PDF, CSV, print (a supervisor's)."""
        from checkpoint_app.ui.report_window import open_report

        open_report(self)

    def open_settings(self) -> None:
        if self.ctx is None:
            return
        from checkpoint_app.ui.display_prefs import DisplayPrefs
        from checkpoint_app.ui.settings_dialog import SettingsDialog

        prefs = DisplayPrefs(self.ctx.paths.root)
        dialog = SettingsDialog(self.ctx.settings, prefs, self.edit_station, self.actor, self)
        large_before = prefs.large_font
        if dialog.exec():
            if prefs.large_font != large_before:  # switched live: lay the window out for the new size
                theme.apply(QCoreApplication.instance(), prefs.large_font)
                self.relayout()
            self.desk.show_rules(self.ctx.settings.get("closed_management"), self.ctx.settings.get("closed_exempt"))
            self._listen_for_passes(self.ctx)
            self.form.refresh_rules()  # new threshold or key areas apply to what is typed
            self.vehicle_form.refresh_rules()
            self.idle_lock.rearm()  # a new idle time applies from now

    def _listen_for_passes(self, ctx: AppContext) -> None:
        """Resident passes scanned anywhere in the window (ui/scan_detector.py), once the
        station has said how its pass codes start."""
        from checkpoint_app.ui.scan_detector import ScanDetector

        if self.scan_detector is None:
            self.scan_detector = ScanDetector(self)
            self.scan_detector.scanned.connect(self.resident_scanned)
        self.scan_detector.set_prefix(ctx.settings.get("pass_code_prefix"))

    def find_resident(self) -> None:
        """F3: the person form in front, the cursor in its resident field."""
        if self.desk is None or not self.form.isEnabled():
            return
        self.desk.show_page(0)
        self.form.focus_resident_find()

    def resident_scanned(self, code: str) -> None:
        """A resident pass was scanned, wherever the cursor was: look the resident up on the
        person form (a half-typed vehicle stays as it is on its own form)."""
        if self.desk is None or not self.form.isEnabled() or self.actor is None:
            return
        self.desk.show_page(0)
        self.form.find_resident(code, scanned=True)

    def open_operators(self) -> None:
        from checkpoint_app.ui.operators_dialog import open_operators

        if self.ctx is not None:
            open_operators(self)

    def open_residents(self) -> None:
        from checkpoint_app.ui.residents_dialog import open_residents  # issue 8: the compound's residents

        if self.ctx is not None:
            open_residents(self)

    def open_audit_log(self) -> None:
        from checkpoint_app.ui.audit_dialog import open_audit_log  # dialogs load when first opened

        open_audit_log(self)

    def open_watchlist(self) -> None:
        from checkpoint_app.ui.watchlist_dialog import open_watchlist

        open_watchlist(self)

    def open_five_dailies(self) -> None:
        from checkpoint_app.ui.five_dailies_dialog import open_five_dailies

        open_five_dailies(self)

    def edit_station(self) -> None:
        from checkpoint_app.ui.station_dialog import StationDialog

        if self.ctx is not None and StationDialog(self.ctx.station, self.actor, self).exec():
            self._show_station_title()
