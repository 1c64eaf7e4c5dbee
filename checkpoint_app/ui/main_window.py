"""The main window: register form on the left, the register on the right, today's
counts at the bottom. Fits 1366×768."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QScrollArea, QSplitter, QStatusBar, QWidget

from checkpoint_app.db.errors import StorageError
from checkpoint_app.services.context import AppContext
from checkpoint_app.services.reader import RegisterReader
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui import ask, theme
from checkpoint_app.ui.detail_dialog import EntryDetailDialog
from checkpoint_app.ui.entry_model import EntryTableModel
from checkpoint_app.ui.register_form import RegisterForm
from checkpoint_app.ui.register_view import RegisterView
from checkpoint_app.ui.settings_dialog import SettingsDialog
from checkpoint_app.ui.station_dialog import StationDialog
from checkpoint_app.ui.status_strip import TodayCounts

log = logging.getLogger("checkpoint.ui")




class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("main_window")
        self.ctx = ctx
        self.reader = RegisterReader(ctx)
        station = ctx.station.current()
        self.setWindowTitle(translate("MainWindow", "Checkpoint Register") + (f" — {station.name} ({station.code})" if station else ""))
        self.form = RegisterForm(ctx.register, ctx.settings, self)
        self.model = EntryTableModel(self._load_page, self)
        self.view = RegisterView(self.model, lambda: ctx.clock().date(), self)
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
        form_width = max(scroll.minimumWidth(), self.form.sizeHint().width() + 24)
        splitter.setSizes([form_width, 1366 - form_width])
        self.setCentralWidget(splitter)
        self.counts = TodayCounts(self)
        status = QStatusBar(self)
        status.addPermanentWidget(self.counts, 1)
        self.setStatusBar(status)
        self._menus()
        self.form.saved.connect(self._after_save)
        self.view.open_entry.connect(self.show_entry)
        self.view.apply_filters()
        self.refresh_counts()
        screen = self.screen().availableGeometry()
        self.resize(min(1366, screen.width()), min(740, screen.height()))

    def _menus(self) -> None:
        menu = self.menuBar().addMenu(translate("MainWindow", "&Station"))
        settings = QAction(translate("MainWindow", "Settings…"), self, objectName="settings_action", triggered=self.open_settings)
        station = QAction(translate("MainWindow", "Station profile…"), self, objectName="station_action", triggered=self.edit_station)
        quit_ = QAction(translate("MainWindow", "Quit"), self, objectName="quit_action", triggered=self.close)
        quit_.setShortcut(QKeySequence("Ctrl+Q"))
        menu.addActions([settings, station, quit_])
        view = self.menuBar().addMenu(translate("MainWindow", "&Register"))
        find = QAction(translate("MainWindow", "Search"), self, objectName="search_action", triggered=self.view.focus_search)
        find.setShortcut(QKeySequence("Ctrl+F"))
        new = QAction(translate("MainWindow", "New entry"), self, objectName="new_entry_action", triggered=lambda: self.form.clear())
        new.setShortcut(QKeySequence("Ctrl+N"))
        refresh = QAction(translate("MainWindow", "Refresh"), self, objectName="refresh_action", triggered=self.refresh)
        refresh.setShortcut(QKeySequence("F5"))
        view.addActions([new, find, refresh])

    def _load_page(self, entry_filter, before_id, limit):
        try:
            return self.reader.page(entry_filter, before_id, limit)
        except StorageError as err:
            ask.storage_error(self, err)
            return []

    def _after_save(self, _entry_id: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        try:
            self.counts.show_counts(self.reader.counts())
        except StorageError as err:
            log.warning("counts unavailable: %s", err.kind.value)

    def show_entry(self, entry_id: int) -> None:
        entry = self.reader.entry(entry_id)
        if entry is None:
            return
        dialog = EntryDetailDialog(entry, self.ctx.register, self.form.operator_edit.text().strip() or "?", self)
        dialog.exec()
        if dialog.voided:
            self.refresh()
        elif dialog.correct_requested:
            self.form.start_correction(entry)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.ctx.settings, self.edit_station, self)
        if dialog.exec():
            theme.apply(QCoreApplication.instance(), self.ctx.settings.get("large_font"))
            self.form.clear()

    def edit_station(self) -> None:
        if StationDialog(self.ctx.station, self).exec():
            station = self.ctx.station.current()
            self.setWindowTitle(translate("MainWindow", "Checkpoint Register") + f" — {station.name} ({station.code})")
