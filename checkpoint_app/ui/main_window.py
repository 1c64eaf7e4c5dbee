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
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStatusBar, QWidget

from checkpoint_app.services.errors import StorageError
from checkpoint_app.ui import ask, theme
from checkpoint_app.ui.i18n import translate

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
        self.form = self.model = self.view = self.counts = None
        self.alert_banner = self.health_watch = None
        self.setWindowTitle(translate("MainWindow", "Checkpoint Register"))
        opening = QLabel(translate("MainWindow", "Opening the register…"), self)
        opening.setObjectName("opening_label")
        opening.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.setCentralWidget(opening)
        self.setStatusBar(QStatusBar(self))
        self._menus()
        self._idle = QTimer(self, singleShot=True, interval=2000)
        self._idle.timeout.connect(self._checkpoint)
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

        from checkpoint_app.ui.entry_model import EntryTableModel
        from checkpoint_app.ui.register_form import RegisterForm
        from checkpoint_app.ui.register_view import RegisterView
        from checkpoint_app.ui.status_strip import TodayCounts

        self.form = RegisterForm(parent=self)
        self.model = EntryTableModel(self._load_page, self)
        self.view = RegisterView(self.model, self._today, self)
        self.view.setEnabled(False)
        scroll = QScrollArea(self)
        scroll.setObjectName("form_scroll")
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(self)
        splitter.setObjectName("main_splitter")
        splitter.addWidget(scroll)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        # the form is never squeezed: it keeps the width its fields need, the table takes the rest
        scroll.setMinimumWidth(self.form.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        splitter.setCollapsible(0, False)
        splitter.setCollapsible(1, False)  # neither side can vanish, whatever the window's size
        form_width = scroll.minimumWidth() + 40
        splitter.setSizes([form_width, max(self.view.minimumSizeHint().width(), self.width() - form_width)])
        self.setCentralWidget(self._with_alert_banner(splitter))
        self.counts = TodayCounts(self)
        self.statusBar().addPermanentWidget(self.counts, 1)
        self.form.saved.connect(self._after_save)
        self.view.open_entry.connect(self.show_entry)

    def attach(self, ctx: AppContext) -> None:
        """Connect the window to an opened station: the form, the register and the counts."""
        from checkpoint_app.services.reader import RegisterReader

        self.build_contents()
        self.ctx = ctx
        self.reader = RegisterReader(ctx)
        self._show_station_title()
        self.form.attach(ctx.register, ctx.settings)
        self.view.reset_days()
        self.view.setEnabled(True)
        self.view.apply_filters()
        self.refresh_counts()
        self._watch_health(ctx)

    def _today(self) -> dt.date:
        return self.ctx.clock().date() if self.ctx is not None else dt.date.today()

    def _show_station_title(self) -> None:
        station = self.ctx.station.current()
        self.setWindowTitle(translate("MainWindow", "Checkpoint Register")
                            + (f" — {station.name} ({station.code})" if station else ""))

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(translate("MainWindow", "&Station"))
        settings = QAction(translate("MainWindow", "Settings…"), self, objectName="settings_action", triggered=self.open_settings)
        station = QAction(translate("MainWindow", "Station profile…"), self, objectName="station_action", triggered=self.edit_station)
        quit_ = QAction(translate("MainWindow", "Quit"), self, objectName="quit_action", triggered=self.close)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        menu.addActions([settings, station, quit_])
        view = self.menuBar().addMenu(translate("MainWindow", "&Register"))
        find = QAction(translate("MainWindow", "Search"), self, objectName="search_action",
                       triggered=lambda: self.view and self.view.focus_search())
        find.setShortcut(QKeySequence("Ctrl+F"))
        new = QAction(translate("MainWindow", "New entry"), self, objectName="new_entry_action", triggered=lambda: self.form and self.form.discard())  # Ctrl+Z undoes
        new.setShortcut(QKeySequence("Ctrl+N"))
        refresh = QAction(translate("MainWindow", "Refresh"), self, objectName="refresh_action", triggered=self.refresh)
        refresh.setShortcut(QKeySequence("F5"))
        view.addActions([new, find, refresh])

    def _load_page(self, entry_filter, before_id, limit):
        if self.reader is None:
            return []
        try:
            return self.reader.page(entry_filter, before_id, limit)
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return []

    def _after_save(self, _entry_id: int) -> None:
        self.refresh()
        self._idle.start()  # restarted by every save: runs once the desk has been quiet for 2 s

    def _checkpoint(self) -> None:
        if self.ctx is not None and not self.ctx.health.damaged:  # nothing is written into a damaged file
            self.ctx.db.checkpoint()

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
        self.health_watch = HealthWatch(ctx.health, ctx.paths.database, self)
        self.health_watch.changed.connect(self._show_health)
        self.alert_banner.clock_checked.connect(ctx.health.dismiss_clock_warning)
        try:
            ctx.register.check_clock()
        except StorageError as err:
            log.warning("clock not compared with the register: %s", err.kind.value)
        self._show_health()
        QTimer.singleShot(0, self.health_watch.start)  # after the first page is painted

    def _show_health(self) -> None:
        if self.ctx is None or self.alert_banner is None:
            return
        health = self.ctx.health
        self.alert_banner.show_state(self.ctx.paths.root if health.damaged else None, health.clock_warning)
        if self.form is not None:
            # the service refuses every save into a damaged file; the button says so before
            # a guard types a whole entry (the banner above says what to do instead)
            self.form.save_button.setEnabled(not health.damaged)
            self.form.save_button.setToolTip(translate(
                "MainWindow", "Saving is stopped: the register file is damaged (see the notice above).")
                if health.damaged else "")

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.health_watch is not None:
            self.health_watch.stop()  # a check in progress is interrupted, not waited for
        super().closeEvent(event)

    def refresh(self) -> None:
        if self.model is None:
            return
        self.model.reload()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        if self.reader is None:
            return
        try:
            self.counts.show_counts(self.reader.counts())
        except StorageError as err:
            log.warning("counts unavailable: %s", err.kind.value)

    def show_entry(self, entry_id: int) -> None:
        if self.reader is None:
            return
        from checkpoint_app.ui.detail_dialog import EntryDetailDialog  # dialogs load when first opened

        try:
            entry = self.reader.entry(entry_id)
        except StorageError as err:
            ask.storage_error(self, err, during="read")
            return
        if entry is None:
            return
        dialog = EntryDetailDialog(entry, self.ctx.register, self.form.operator_edit.text().strip() or "?", self)
        dialog.exec()
        if dialog.voided:
            self.refresh()
        elif dialog.correct_requested:
            if self.form.has_typed_data() and not ask.confirm(
                    self, translate("MainWindow", "Correct entry"),
                    translate("MainWindow", "The form holds details that are not saved. Discard them and load "
                                            "No. {seq} for correction?").format(seq=entry.seq)):
                return
            self.form.start_correction(entry)

    def open_settings(self) -> None:
        if self.ctx is None:
            return
        from checkpoint_app.ui.settings_dialog import SettingsDialog

        from checkpoint_app.ui.display_prefs import DisplayPrefs

        prefs = DisplayPrefs(self.ctx.paths.root)
        dialog = SettingsDialog(self.ctx.settings, prefs, self.edit_station, self)
        if dialog.exec():
            theme.apply(QCoreApplication.instance(), prefs.large_font)
            self.form.refresh_rules()  # new threshold or key areas apply to what is typed

    def edit_station(self) -> None:
        from checkpoint_app.ui.station_dialog import StationDialog

        if self.ctx is not None and StationDialog(self.ctx.station, self).exec():
            self._show_station_title()
