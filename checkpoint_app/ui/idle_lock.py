"""Who is at the desk: the idle lock, and switching operator by keyboard (F9).

The idle lock. An application-wide event filter notes every key press, mouse click,
mouse move, wheel turn and input-method commit in any window of the app; a timer checks
whether the desk has been left that long (the station setting `idle_lock_minutes`,
default 10). Then the desk locks: open dialogs are closed (a revealed ID number must not
stay on screen), the operator is logged out through the operator service (audited as
"idle_lock"), a lock screen showing only the station's name covers the window, and the
login appears with the last operator preselected, so they type only their PIN. Work
that may not be interrupted (a job running) postpones the lock.

Logging in again restores the desk. What was half typed in the form belongs to the
operator who typed it: the same operator finds it as they left it; when another operator
logs in, the form is cleared (and cannot be brought back with Ctrl+Z), because the next
operator must not see or sign a person someone else began.

Switching operator (F9, Station → Switch operator…): the login dialog opens; a
successful login replaces the operator at the desk, the previous login ends (audited as
"switch"); Cancel leaves the desk as it was. Type the first letters of a name, Tab, the
PIN, Enter: a few seconds. The same rule about the form applies, and the previous
operator is asked before a half-typed entry would be cleared.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

from checkpoint_app.core.roles import Actor

from checkpoint_app.services.errors import StorageError

from checkpoint_app.ui import ask, i18n
from checkpoint_app.ui.i18n import translate
from checkpoint_app.ui.lock_screen import LockScreen

if TYPE_CHECKING:
    from checkpoint_app.ui.main_window import MainWindow

log = logging.getLogger("checkpoint.ui")

DEFAULT_MINUTES = 10
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.InputMethod, QEvent.Type.TouchBegin,
})
STAY_ENABLED = ("quit_action", "switch_operator_action")  # while locked: quit, and F9 brings the login


class IdleLock(QObject):
    """The desk's lock and operator switch for one main window (see the module docstring).

    `interval_ms` (default: the station setting) is read each time the timer is set, so
    a changed setting applies from the next input on; tests give a short one."""

    locked = Signal()
    unlocked = Signal(object)  # the Actor now at the desk
    switched = Signal(object)  # the Actor now at the desk

    def __init__(self, window: MainWindow, interval_ms: Callable[[], int] | None = None):
        super().__init__(window)
        self._window = window
        self._interval = interval_ms or self._setting_ms
        self._quiet = QElapsedTimer()
        self._quiet.start()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._check)
        self._screen: LockScreen | None = None
        self._dialog = None  # the lock's login dialog while it is open
        self._previous: Actor | None = None  # who was at the desk when it locked
        self._focus = None  # the field they were in
        self._reason = ""  # why the desk locked, said in the login
        self._disabled: list = []  # actions switched off by the lock
        QCoreApplication.instance().installEventFilter(self)
        self.rearm()

    # -- noticing the desk is idle --------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._screen is not None and self._screen.isVisible()

    def set_interval(self, interval_ms: Callable[[], int]) -> None:
        self._interval = interval_ms
        self.rearm()

    def rearm(self) -> None:
        """Count the idle time from now (after the settings changed, or an unlock)."""
        self._quiet.restart()
        self._timer.start(self._interval())

    def stop(self) -> None:
        """The window is closing: no more locks."""
        self._timer.stop()
        QCoreApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            self._quiet.restart()
        return False

    def _setting_ms(self) -> int:
        ctx = self._window.ctx
        try:
            minutes = ctx.settings.get("idle_lock_minutes") if ctx is not None else DEFAULT_MINUTES
        except StorageError as err:
            log.warning("idle lock setting unreadable: %s", err.kind.value)
            minutes = DEFAULT_MINUTES
        return minutes * 60_000

    def _check(self) -> None:
        if self.is_locked or not self._window.isVisible():  # a closed window locks no more
            return
        left = self._interval() - self._quiet.elapsed()
        if left > 0:
            self._timer.start(left)
            return
        if self._window.actor is None or self._window.jobs.busy:
            self.rearm()  # nobody to log out, or work that must not be interrupted
            return
        self.lock()

    # -- locking ------------------------------------------------------------------------------

    def lock(self, reason: str = "") -> None:
        """Lock the desk now: dialogs closed, the operator logged out, the window covered,
        then the login. `reason`: what the login says (default: nobody used the desk)."""
        if self.is_locked or self._window.ctx is None:
            return
        self._reason = reason or translate("IdleLock", "The desk was locked because nobody used it. Log in to go on.")
        self._close_dialogs()
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and self._window.isAncestorOf(focus) else None
        actor = self._window.actor
        self._previous = actor
        if actor is not None:
            self._log_out(actor, "idle_lock")
        self._window.set_actor(None)
        self._cover()
        log.info("desk locked")
        self.locked.emit()
        QTimer.singleShot(0, self.ask_login)  # once the closed dialogs' own loops have returned

    def ask_login(self) -> None:
        """The login over the lock screen (Enter on the lock screen, F9, or at once)."""
        if not self.is_locked:
            return
        if self._dialog is not None:
            self._dialog.raise_()
            self._dialog.activateWindow()
            return
        from checkpoint_app.ui.login_dialog import LoginDialog

        try:
            dialog = LoginDialog(self._window.ctx.operators, self._window,
                                 preselect=self._previous.name if self._previous else None, reason=self._reason)
        except StorageError as err:
            ask.storage_error(self._window, err, during="read")
            return
        self._dialog = dialog
        dialog.accepted.connect(lambda: self._unlock(dialog.actor))
        dialog.finished.connect(self._login_closed)
        dialog.open()

    def _login_closed(self) -> None:
        self._dialog = None
        if self.is_locked:  # cancelled: the lock screen waits for Enter
            self._screen.login_button.setFocus()

    def _unlock(self, actor: Actor | None) -> None:
        if actor is None:
            return
        previous, self._previous = self._previous, None
        self._uncover()
        self._take_over(actor, previous)
        self.rearm()
        log.info("desk unlocked")
        self.unlocked.emit(actor)

    def _close_dialogs(self) -> None:
        """Close every dialog (modal or not) so nothing stays readable over the lock."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        for _ in range(10):  # message boxes and dialogs in their own loops; stop if one will not close
            modal = QApplication.activeModalWidget()
            if modal is None:
                break
            modal.reject() if isinstance(modal, QDialog) else modal.close()
            if modal.isVisible():
                break

    def _cover(self) -> None:
        window = self._window
        if self._screen is None:
            self._screen = LockScreen(window, self._station_name())
            self._screen.login_requested.connect(self.ask_login)
        window.centralWidget().hide()  # nothing of the form can take the keyboard behind the cover
        self._disabled = []
        for menu in window.menuBar().actions():
            for action in menu.menu().actions() if menu.menu() else []:
                if action.isEnabled() and action.objectName() not in STAY_ENABLED:
                    action.setEnabled(False)
                    self._disabled.append(action)
        self._screen.cover()

    def _uncover(self) -> None:
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self._window.centralWidget().show()
        self._screen.hide()

    def _station_name(self) -> str:
        try:
            station = self._window.ctx.station.current()
        except StorageError:
            station = None
        return f"{station.name} ({station.code})" if station else translate("IdleLock", "Checkpoint Register")

    # -- switching operator ------------------------------------------------------------------

    def switch(self, preselect: str | None = None, reason: str | None = None) -> bool:
        """F9: the next operator logs in; Cancel keeps the one at the desk. (A handover
        asks the incoming operator, `preselect`, to log in.) True once someone logged in."""
        if self.is_locked:
            self.ask_login()
            return False
        window = self._window
        if window.ctx is None:
            return False
        if window.has_typed_data() and not ask.confirm(window, translate("IdleLock", "Switch operator"), translate(
                "IdleLock", "The form holds an entry that is not saved. If another operator logs in, it is cleared. "
                            "Switch anyway?")):
            return False
        from checkpoint_app.ui.login_dialog import LoginDialog

        try:
            dialog = LoginDialog(window.ctx.operators, window, preselect=preselect, reason=reason or translate(
                "IdleLock", "Switch operator: the next operator chooses their name and types their PIN."))
        except StorageError as err:
            ask.storage_error(window, err, during="read")
            return False
        dialog.setWindowTitle(translate("IdleLock", "Switch operator"))
        if not dialog.exec() or dialog.actor is None:
            return False
        previous = window.actor
        if previous is not None:
            self._log_out(previous, "switch")
        self._take_over(dialog.actor, previous)
        self.rearm()
        self.switched.emit(dialog.actor)
        return True

    # -- the hand-over, shared by both ---------------------------------------------------------

    def _log_out(self, actor: Actor, reason: str) -> None:
        try:
            self._window.ctx.operators.logout(actor, reason=reason)
        except StorageError as err:  # the login has ended anyway (first, in memory); only its audit event is missing
            log.warning("logout not audited: %s", err.kind.value)

    def _take_over(self, actor: Actor, previous: Actor | None) -> None:
        window = self._window
        form = window.desk.current()  # the person or the vehicle form, whichever is in front
        if previous is None or previous.operator_id != actor.operator_id:
            for each in (window.form, window.vehicle_form):
                had_entry = each.has_typed_data()
                each.clear()  # the half-typed person or vehicle was the previous operator's
                if had_entry:
                    each.status_label.setText(translate(
                        "IdleLock", "The entry the previous operator left unsaved was cleared."))
        window.set_actor(actor)
        window.statusBar().showMessage(translate("IdleLock", "At the desk: {name} ({role}).").format(
            name=actor.name, role=i18n.role_label(actor.role.value)), 10000)
        focus, self._focus = self._focus, None
        if not form.has_typed_data():
            form.first_field().setFocus()
        elif focus is not None:  # back in the field they left
            focus.setFocus()
