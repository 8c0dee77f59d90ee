"""The desk's one window: Today, Serving, Find citizen, Queue, Statistics, for the clerk signed in.

Around the work: signing out (back to the sign-in, same program), a supervisor taking over and handing
back, a lock after idle minutes or by hand that hides the citizen until a password is typed, and Ctrl+Q
with a question while a visit is open or work is being saved. Each is audited (services/session.py).
A locked desk whose database cannot be reached can be closed from its cover, as Ctrl+Q closes it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QScreen, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.audit_chain import Verification
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.centre_settings import NUMBERS
from borgerservice_desk.services.context import ClerkContext
from ui.citizen_events import CitizenEvents
from ui.dates import set_centre_zone
from ui.desk_session import DeskPanels, LockCover, TakeOverDialog
from ui.identity_check_box import FileDrops
from ui.login_dialog import LoginDialog
from ui.lookup_panel import LookupPanel
from ui.messages import describe_audit_verification, describe_error
from ui.password_dialog import ChangePasswordDialog
from ui.queue_display import QueueDisplay, second_screen
from ui.queue_panel import QueuePanel
from ui.settings_dialog import SettingsDialog
from ui.statistics_panel import StatisticsPanel
from ui.tasks import ServiceCalls, TaskRunner
from ui.today_panel import TodayPanel
from ui.users_dialog import UsersDialog
from ui.visit_panel import VisitPanel

DEFAULT_LOCK_MINUTES = NUMBERS["desk.lock_minutes"][0]  # the setting's default, until the centre's is read
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
})


class _IdleWatch(QObject):
    """Any key or mouse input to the application starts the idle time again. Work in the background
    (a save, OCR) is no input: it does not keep the desk open."""

    def __init__(self, on_input: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._on_input = on_input

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._on_input()
        return False


def _ignore(_value: object) -> None:
    """An audit entry of leaving that could not be written must not keep the clerk at the desk."""


class MainWindow(QMainWindow):
    # The window has closed for good (quit, or the sign-in after signing out was cancelled): the program
    # ends. The window may be hidden behind the sign-in for a while, so the last window closing is no sign.
    closed = Signal()

    def __init__(
        self, services: Services, ctx: ClerkContext, language: str = "da", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Borgerservice Desk"))
        self._services = services
        self._language = language
        self.runner = TaskRunner(self)
        # The window's own calls: the audit notes of leaving, locking and handing back, sent without waiting
        # (they overlap, so `fetch`), the unlock (the cover takes no second try meanwhile), and the audit
        # trail's verification, one at a time.
        self.calls = ServiceCalls(self.runner, None, self)
        self.citizen_events = CitizenEvents(self)  # one for the window: the clerk's and a supervisor's tabs
        self.clerk_desk: DeskPanels | None = None  # the signed-in clerk's tabs
        self.supervisor_desk: DeskPanels | None = None  # a supervisor's, while one has taken over
        self.locked_for: ClerkContext | None = None
        self.login: LoginDialog | None = None  # the sign-in after signing out, while shown
        self.take_over_dialog: TakeOverDialog | None = None
        self.question: QMessageBox | None = None  # the open question before leaving, while shown
        self.close_question: QMessageBox | None = None  # the same, asked on the lock cover (close_locked_desk)
        # The windows to show once the desk is unlocked, each with how: those the lock hid, and results that
        # came back while it was locked (show_when_unlocked).
        self._hidden_for_lock: list[tuple[QWidget, Callable[[], None]]] = []
        self._closing = False

        self.stack = QStackedWidget()
        self.cover = LockCover()
        self.cover.unlock_requested.connect(self._try_unlock)
        self.cover.close_requested.connect(self.close_locked_desk)
        self.stack.addWidget(self.cover)
        self.banner = QWidget()
        self.banner.setObjectName("takeOverBanner")
        self.banner.setStyleSheet("#takeOverBanner { background: #fff1c2; }")
        self.banner_text = QLabel()
        self.banner_text.setObjectName("takeOverText")
        bold = self.banner_text.font()
        bold.setBold(True)
        self.banner_text.setFont(bold)
        self.hand_back_button = QPushButton(self.tr("&Give back"))
        self.hand_back_button.setObjectName("handBack")
        self.hand_back_button.clicked.connect(self.hand_back)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.hand_back_button)
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for number in range(5):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self, lambda n=number: self._show_tab(n))

        settings = QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)
        settings.setObjectName("settingsShortcut")
        menu = self.menuBar().addMenu(self.tr("&Centre"))
        menu.addAction(self.tr("&Settings… (Ctrl+,)"), self.open_settings)
        # Made only while a supervisor acts (the service checks the role again for every change).
        self.centre_menu = menu
        self.users_action: QAction | None = None
        self.verify_action: QAction | None = None
        # The waiting room's display: the second screen when there is one; or a screen chosen by name.
        self.queue_display: QueueDisplay | None = None
        menu.addSeparator()
        show_display = menu.addAction(self.tr("Show the &queue display…"), self.open_queue_display)
        show_display.setObjectName("queueDisplayAction")
        self.screens_menu = menu.addMenu(self.tr("Queue display &on"))
        self.screens_menu.setObjectName("queueDisplayScreens")
        self.screens_menu.aboutToShow.connect(self._list_screens)
        self.close_display_action = menu.addAction(self.tr("Close the queue display"), self.close_queue_display)
        self.close_display_action.setObjectName("closeQueueDisplayAction")
        self.close_display_action.setEnabled(False)
        menu.addSeparator()
        account = self.menuBar().addMenu(self.tr("&Account"))
        change = account.addAction(self.tr("Change &password…"), self.open_change_password)
        change.setObjectName("changePasswordAction")
        account.addSeparator()
        self.lock_action = self._action(account, self.tr("&Lock the desk"), "Ctrl+Shift+L", self.lock_manually,
                                        "lockAction")
        self.take_over_action = self._action(account, self.tr("Supervisor &takes over…"), "Ctrl+Shift+T",
                                             self.take_over, "takeOverAction")
        self.sign_out_action = self._action(account, self.tr("Sign &out"), "Ctrl+Shift+Q", self.sign_out,
                                            "signOutAction")
        self.quit_action = self._action(account, self.tr("&Quit"), "Ctrl+Q", self.close, "quitAction")
        self.audit_result: QMessageBox | None = None  # the last verification's answer, while shown

        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(120)
        busy.hide()
        self._busy_bar = busy
        self.runner.busy_changed.connect(self._busy_changed)
        self.who_label = QLabel()
        self.who_label.setObjectName("signedIn")
        self.statusBar().addWidget(self.who_label)
        self.statusBar().addPermanentWidget(busy)

        # A scan dropped anywhere on the window goes to the identity check of the citizen being served.
        self._drops = FileDrops(self._on_window_files_dropped, self)
        self._drops.watch(self)

        # The idle lock: any input restarts the time; the centre's setting says how long.
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idleTimer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(DEFAULT_LOCK_MINUTES * 60_000)
        self.idle_timer.timeout.connect(self.lock_idle)
        self._idle_watch = _IdleWatch(self._on_input, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._idle_watch)
        self.resize(1280, 800)  # the smallest counter screen the Serving tab is laid out for
        self._start(ctx)

    @staticmethod
    def _action(menu: QMenu, text: str, keys: str, slot: Callable[[], object], name: str) -> QAction:
        action = QAction(text, menu)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setObjectName(name)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # The clerk acting now ------------------------------------------------------------------------
    @property
    def desk(self) -> DeskPanels:
        """The tabs that act now: a supervisor's while one has taken over, else the clerk's."""
        desk = self.supervisor_desk or self.clerk_desk
        assert desk is not None, "no clerk is signed in"
        return desk

    @property
    def ctx(self) -> ClerkContext:
        return self.desk.ctx

    @property
    def _ctx(self) -> ClerkContext:
        return self.ctx

    @property
    def tabs(self) -> QTabWidget:
        return self.desk.tabs

    @property
    def today(self) -> TodayPanel:
        return self.desk.today

    @property
    def visit(self) -> VisitPanel:
        return self.desk.visit

    @property
    def lookup(self) -> LookupPanel:
        return self.desk.lookup

    @property
    def queue(self) -> QueuePanel:
        return self.desk.queue

    @property
    def statistics(self) -> StatisticsPanel:
        return self.desk.statistics

    @property
    def taken_over(self) -> bool:
        return self.supervisor_desk is not None

    @property
    def locked(self) -> bool:
        return self.locked_for is not None

    def _start(self, ctx: ClerkContext) -> None:
        """Build the clerk's tabs and show them: at the start and after signing in again."""
        self.clerk_desk = self._new_desk(ctx)
        self.stack.setCurrentWidget(self.clerk_desk)
        self._context_changed()
        self.clerk_desk.today.refresh()
        self._read_lock_minutes()
        self.idle_timer.start()

    def _new_desk(self, ctx: ClerkContext) -> DeskPanels:
        desk = DeskPanels(self._services, ctx, self._language, events=self.citizen_events)
        desk.runner.busy_changed.connect(self._busy_changed)
        desk.queue.display_requested.connect(self.open_queue_display)
        desk.visit.visit_ended.connect(self._visit_ended)
        self.stack.addWidget(desk)
        return desk

    def _visit_ended(self, visit: object) -> None:
        """A visit was finished at one set of tabs: the other set (the clerk's, behind a supervisor who took
        over and finished it; or the supervisor's) lets it go too. The citizen's user ID and activation code
        never outlive their visit on this PC, whichever tabs finish it."""
        assert isinstance(visit, CheckedIn)
        for desk in (self.clerk_desk, self.supervisor_desk):
            if desk is not None:
                desk.let_go(visit)

    @property
    def busy(self) -> bool:
        """Whether work runs in the background: a save, a read, a check."""
        desks = (self.clerk_desk, self.supervisor_desk)
        return self.runner.busy or any(d is not None and d.runner.busy for d in desks)

    @property
    def saving(self) -> bool:
        """Whether a clerk's action (a save, a check, a block) is still out; reads do not count."""
        desks = (self.clerk_desk, self.supervisor_desk)
        return self.runner.saving or any(d is not None and d.runner.saving for d in desks)

    def _busy_changed(self, _busy: bool = False) -> None:
        self._busy_bar.setVisible(self.busy)

    def _context_changed(self) -> None:
        ctx = self.ctx
        role = self.tr("supervisor") if ctx.is_supervisor else self.tr("clerk")
        self.who_label.setText(f"{ctx.full_name} ({role})")
        if ctx.is_supervisor and self.users_action is None:
            self.users_action = self.centre_menu.addAction(self.tr("&Clerks…"), self.open_users)
            self.users_action.setObjectName("usersAction")
            self.verify_action = self.centre_menu.addAction(self.tr("&Verify audit trail…"), self.verify_audit_trail)
            self.verify_action.setObjectName("verifyAuditAction")
        elif not ctx.is_supervisor:
            for action in (self.users_action, self.verify_action):
                if action is not None:
                    self.centre_menu.removeAction(action)
                    action.setParent(None)
                    action.deleteLater()
            self.users_action = self.verify_action = None
        self.take_over_action.setEnabled(not self.taken_over)
        self.sign_out_action.setEnabled(not self.taken_over)
        if self.supervisor_desk is not None and self.clerk_desk is not None:
            self.banner_text.setText(
                self.tr("Supervisor {supervisor} has taken over from {clerk}").format(
                    supervisor=self.supervisor_desk.ctx.full_name, clerk=self.clerk_desk.ctx.full_name
                )
            )
            self.banner.show()
        else:
            self.banner.hide()

    def _read_lock_minutes(self) -> None:
        settings = self._services.settings
        self.calls.fetch(settings.numbers, self._lock_minutes_read, _ignore, key="lock minutes")

    def _lock_minutes_read(self, numbers: object) -> None:
        assert isinstance(numbers, dict)
        self.set_idle_minutes(float(numbers.get("desk.lock_minutes", DEFAULT_LOCK_MINUTES)))

    def set_idle_minutes(self, minutes: float) -> None:
        """How long the desk may stay untouched before it locks (a test sets a fraction of a minute)."""
        self.idle_timer.setInterval(max(1, round(minutes * 60_000)))
        if self.idle_timer.isActive():
            self.idle_timer.start()

    def _on_input(self) -> None:
        if not self.locked and self.clerk_desk is not None:
            self.idle_timer.start()

    @Slot()
    def open_settings(self) -> None:
        if not self._ctx.is_supervisor:
            self.statusBar().showMessage(self.tr("Only a supervisor can change the centre's settings."), 8000)
            return
        dialog = SettingsDialog(self._services, self._ctx, self, self._language)
        dialog.finished.connect(self._settings_closed)
        dialog.open()

    @Slot()
    def _settings_closed(self) -> None:
        self.today.refresh()
        self._read_lock_minutes()

    @Slot()
    def open_users(self) -> None:
        dialog = UsersDialog(self._services, self._ctx, self)
        dialog.open()

    @Slot()
    def open_change_password(self) -> None:
        dialog = ChangePasswordDialog(self._services.auth, self._ctx, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Your password is changed."), 8000))
        dialog.open()

    @Slot()
    def verify_audit_trail(self) -> None:
        """Walk the audit trail's hash chain in a worker (it reads every entry) and say what was found."""
        self.statusBar().showMessage(self.tr("Verifying the audit trail…"))
        audit_trail, ctx = self._services.audit_trail, self._ctx
        self.calls.run(
            lambda: audit_trail.verify(ctx),
            self._on_audit_verified,
            self._on_audit_failed,
        )

    def _on_audit_verified(self, result: Verification) -> None:
        self.statusBar().clearMessage()
        icon = QMessageBox.Icon.Information if result.intact else QMessageBox.Icon.Critical
        self._show_audit_result(icon, describe_audit_verification(result))

    def _on_audit_failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        self._show_audit_result(QMessageBox.Icon.Warning, describe_error(error))

    def _show_audit_result(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Audit trail"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("auditResult")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.audit_result = box
        box.finished.connect(self._on_audit_result_finished)
        self.show_when_unlocked(box, box.open)  # the walk takes a while: the desk may be locked by now

    @Slot()
    def _on_audit_result_finished(self) -> None:
        self.audit_result = None

    # The public queue display ------------------------------------------------------------------------
    @Slot()
    def open_queue_display(self, screen: QScreen | None = None) -> None:
        """Full screen on the second screen (or the one chosen); a window beside the desk when the desk's
        screen is the only one. The display is not the window's child: it keeps showing numbers while
        the desk is locked or signed out, and closes only with the program or by the clerk."""
        own = self.screen()
        target = screen or second_screen(own) or own
        queue = self._services.queue
        ctx = self.ctx
        self.calls.fetch(
            lambda: queue.open_display(ctx),
            lambda display: self._show_queue_display(display, target, full_screen=target is not own),
            lambda error: self.statusBar().showMessage(describe_error(error), 8000),
        )

    def _show_queue_display(self, display: object, screen: QScreen, *, full_screen: bool) -> None:
        from borgerservice_desk.services.queue import DisplayPass

        assert isinstance(display, DisplayPass)
        if self.queue_display is None or not shiboken6.isValid(self.queue_display):
            self.queue_display = QueueDisplay(self._services.queue, display)
            self.queue_display.destroyed.connect(self._queue_display_gone)
        self.queue_display.show_on(screen, full_screen)
        self.close_display_action.setEnabled(True)

    @Slot()
    def _queue_display_gone(self) -> None:
        self.queue_display = None
        self.close_display_action.setEnabled(False)

    @Slot()
    def close_queue_display(self) -> None:
        if self.queue_display is not None and shiboken6.isValid(self.queue_display):
            self.queue_display.close()

    @Slot()
    def _list_screens(self) -> None:
        self.screens_menu.clear()
        own = self.screen()
        for screen in QGuiApplication.screens():
            size = screen.size()
            text = f"{screen.name()} ({size.width()}×{size.height()})"
            if screen is own:
                text = self.tr("%1 (this window)").replace("%1", text)

            def open_on(_checked: bool = False, screen: QScreen = screen) -> None:
                self.open_queue_display(screen)

            self.screens_menu.addAction(text, open_on)

    def _show_tab(self, index: int) -> None:
        if not self.locked:
            self.desk.show_tab(index)

    def _on_window_files_dropped(self, urls: Sequence[QUrl]) -> None:
        if self.locked:
            return
        if self.visit.visit is not None:
            self.tabs.setCurrentWidget(self.visit)
            self.visit.identity.take_dropped_files(urls)
        else:
            self.statusBar().showMessage(self.tr("Check a citizen in first, then drop the document's scan here."), 8000)

    def _open_visit_id(self, desk: DeskPanels | None = None) -> int | None:
        visit = (desk or self.desk).visit.visit
        return None if visit is None else visit.visit_id

    def _question_box(self, name: str, text: str, yes: str) -> tuple[QMessageBox, QPushButton]:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Borgerservice Desk"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        go.setObjectName("leave")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray Enter leaves nothing
        return box, go

    def _ask(self, name: str, text: str, yes: str, on_yes: Callable[[], None]) -> None:
        """A question before leaving, answered without blocking the window (the idle lock still runs)."""
        box, go = self._question_box(name, text, yes)
        self.question = box

        def answered() -> None:
            self.question = None
            if box.clickedButton() is go and not self.locked:
                on_yes()

        box.finished.connect(answered)
        box.open()

    def _citizen_text(self) -> str:
        return self.visit.citizen_label.text()

    # Signing out -------------------------------------------------------------------------------------
    @Slot()
    def sign_out(self) -> None:
        """Back to the sign-in, in the same program. An open visit is finished first, after a question."""
        if self.locked or self.clerk_desk is None:
            return
        if self.taken_over:
            self.statusBar().showMessage(self.tr("Give the desk back to the clerk first."), 8000)
            return
        if self.visit.visit is None:
            self._sign_out_now()
            return
        self._ask(
            "signOutQuestion",
            self.tr("The visit of {citizen} is still open. Finish the visit and sign out?").format(
                citizen=self._citizen_text()),
            self.tr("Finish visit and sign out"),
            self._finish_visit_and_sign_out,
        )

    def _finish_visit_and_sign_out(self) -> None:
        # Signs out once the visit is finished (off the UI thread); says why on the Serving tab when it
        # cannot (a check being saved, a refusal).
        desk = self.desk
        self.visit.finish_visit_then(self._sign_out_after_finishing, lambda: desk.show_tab(1))

    def _sign_out_after_finishing(self) -> None:
        # The finish is saved off the UI thread; a supervisor may have taken over meanwhile. Signing out then
        # would drop the clerk's tabs from under the supervisor's: the visit is finished, the clerk stays.
        if self.taken_over:
            self.statusBar().showMessage(self.tr("Give the desk back to the clerk first."), 8000)
            return
        self._sign_out_now()

    def _sign_out_now(self) -> None:
        desk = self.clerk_desk
        assert desk is not None
        ctx, session = desk.ctx, self._services.session
        self.calls.fetch(lambda: session.sign_out(ctx), _ignore, _ignore)
        # The user ID shown to the citizen is a window of its own: it must not wait for the next clerk.
        desk.visit.close_citizen_windows()
        self.login = login = LoginDialog(self._services.auth)
        login.setObjectName("signInAgain")
        login.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        login.accepted.connect(lambda: self._signed_in_again(login.context))
        login.rejected.connect(self._login_cancelled)
        login.show()  # before the window hides, so the program never has no window
        self.idle_timer.stop()
        self.hide()
        self.clerk_desk = None
        self.stack.removeWidget(desk)
        desk.deleteLater()

    def _signed_in_again(self, ctx: ClerkContext | None) -> None:
        self.login = None
        if ctx is None:
            self._login_cancelled()
            return
        # The one who signs in may be of another centre than the one before (a clerk lent for the day): the
        # dates and times on screen follow their centre's time zone, read before their tabs are built. A
        # database gone away starts them in the zone before; their tabs' own reads then say what is wrong.
        appointments = self._services.appointments
        self.calls.fetch(
            lambda: appointments.centre_zone(ctx.centre_id),
            lambda zone: self._start_signed_in(ctx, zone),
            lambda error: self._start_signed_in(ctx, None),
        )

    def _start_signed_in(self, ctx: ClerkContext, zone: ZoneInfo | None) -> None:
        if zone is not None:
            set_centre_zone(zone)
        self._start(ctx)
        self.show()
        self.activateWindow()

    @Slot()
    def _login_cancelled(self) -> None:
        self.login = None
        if self.clerk_desk is None:  # nobody is signed in: the program ends
            self._closing = True
            self.close()

    # A supervisor takes over ------------------------------------------------------------------------
    @Slot()
    def take_over(self) -> None:
        if self.locked or self.taken_over or self.clerk_desk is None:
            return
        clerk = self.clerk_desk.ctx
        visit_id = self._open_visit_id(self.clerk_desk)
        session = self._services.session
        dialog = TakeOverDialog(
            lambda username, password: session.take_over(clerk, username, password, visit_id=visit_id),
            self.runner, clerk, self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.take_over_dialog = dialog
        dialog.accepted.connect(lambda: self._taken_over_by(dialog.context))
        dialog.finished.connect(self._take_over_dialog_closed)
        dialog.open()

    @Slot()
    def _take_over_dialog_closed(self) -> None:
        self.take_over_dialog = None

    def _taken_over_by(self, supervisor: ClerkContext | None) -> None:
        clerk_desk = self.clerk_desk
        if supervisor is None or clerk_desk is None or self.taken_over:
            return
        self.supervisor_desk = desk = self._new_desk(supervisor)
        # The citizen's user ID and code on the clerk's tabs hide: the supervisor's tabs show their own, and
        # the clerk's come back at the hand back if the visit is still open (RecoveryPanel.take_back). Hidden
        # by a lock meanwhile (the take-over's check came back while locked), the unlock must not show them.
        aside = clerk_desk.visit.recovery.set_aside()
        self._hidden_for_lock = [(w, show) for w, show in self._hidden_for_lock if w not in aside]
        if clerk_desk.visit.visit is not None:
            desk.open_visit(clerk_desk.visit.visit)  # the same visit, now acted on as the supervisor
        desk.tabs.setCurrentIndex(clerk_desk.tabs.currentIndex())
        desk.today.refresh()
        if not self.locked:
            self.stack.setCurrentWidget(desk)
        self._context_changed()

    @Slot()
    def hand_back(self) -> None:
        """The supervisor gives the desk back: the clerk's tabs as they were, the visit still open."""
        supervisor_desk, clerk_desk = self.supervisor_desk, self.clerk_desk
        if supervisor_desk is None or clerk_desk is None or self.locked:
            return
        if supervisor_desk.visit.identity.saving:
            self.statusBar().showMessage(self.tr("Wait until the identity check is saved, then give back."), 8000)
            return
        if supervisor_desk.runner.saving:
            # Its tabs go with the hand back: an action saved after that would tell nobody (no receipt for
            # the citizen, no message) although it is done. As closeEvent, wait for it.
            self.statusBar().showMessage(
                self.tr("The supervisor's action is still being saved. Give back once it is done."), 8000
            )
            return
        supervisor, clerk, session = supervisor_desk.ctx, clerk_desk.ctx, self._services.session
        visit_id = self._open_visit_id(clerk_desk)
        self.calls.fetch(lambda: session.hand_back(supervisor, clerk, visit_id=visit_id), _ignore, _ignore)
        self.supervisor_desk = None
        # The visit still open (the supervisor did not finish it): the citizen's windows come back to the clerk,
        # with those the supervisor opened for them; else they closed with the visit (_visit_ended), and the
        # supervisor's of another visit go with the supervisor's tabs.
        same_visit = visit_id is not None and supervisor_desk.visit.visit == clerk_desk.visit.visit
        self.stack.setCurrentWidget(clerk_desk)
        clerk_desk.visit.recovery.take_back(supervisor_desk.visit.recovery if same_visit else None)
        self.stack.removeWidget(supervisor_desk)
        supervisor_desk.deleteLater()
        self._context_changed()
        clerk_desk.visit.refresh_mitid()  # what the supervisor did shows in the clerk's view
        clerk_desk.today.refresh()
        self.idle_timer.start()

    # The lock ------------------------------------------------------------------------------------------
    @Slot()
    def lock_idle(self) -> None:
        self._lock(idle=True)

    @Slot()
    def lock_manually(self) -> None:
        self._lock(idle=False)

    def _lock(self, *, idle: bool) -> None:
        if self.locked or self.clerk_desk is None or not self.isVisible():
            return
        ctx, session = self.ctx, self._services.session
        self.locked_for = ctx
        self.calls.fetch(lambda: session.lock(ctx, idle=idle), _ignore, _ignore)
        # Dialogs over the window (an action's question, a receipt) show the citizen too: they hide until
        # the desk is unlocked. One waiting in exec() ends as cancelled; the clerk starts it again.
        self._hidden_for_lock = [
            (w, w.show) for w in QApplication.topLevelWidgets()
            if w is not self and w.isVisible() and self._owns(w)
        ]
        for widget, _show in self._hidden_for_lock:
            widget.hide()
        self.idle_timer.stop()
        self.stack.setCurrentWidget(self.cover)
        self.banner.hide()
        self._set_actions_enabled(False)
        self.cover.prepare(ctx)

    def show_when_unlocked(self, widget: QWidget, show: Callable[[], None] | None = None) -> None:
        """Show a window opened from this one (a receipt, an activation code, the citizen's user ID) by `show`
        (`widget.show` unless said; a dialog's `open`): now, or, while the desk is locked, once it is
        unlocked. Work saved in the background comes back whenever it is done, the lock or not: shown over
        the cover, its result would show the citizen to whoever stands at the desk, and a window-modal one
        would block the password that unlocks it."""
        if self.locked:
            self._hidden_for_lock.append((widget, show or widget.show))
        else:
            (show or widget.show)()

    def _owns(self, widget: QWidget) -> bool:
        """Whether a window (a dialog) was opened from this one, at any depth (isAncestorOf stops at windows)."""
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.menuBar().setEnabled(enabled)
        for action in (self.lock_action, self.take_over_action, self.sign_out_action, self.quit_action):
            action.setEnabled(enabled)

    @Slot(str, str)
    def _try_unlock(self, username: str, password: str) -> None:
        locked = self.locked_for
        if locked is None:
            return
        session = self._services.session
        self.cover.set_busy(True)
        self.calls.fetch(lambda: session.unlock(locked, username, password), self._unlocked, self.cover.refused)

    def _unlocked(self, _ctx: object) -> None:
        if self.locked_for is None:
            return
        self.locked_for = None
        self.cover.set_busy(False)
        self.cover.password.clear()
        self.cover.feedback.clear_message()
        self.cover.offer_close(False)
        self.stack.setCurrentWidget(self.desk)
        self._set_actions_enabled(True)
        self._context_changed()
        waiting, self._hidden_for_lock = self._hidden_for_lock, []
        for widget, show in waiting:
            if shiboken6.isValid(widget):
                show()
        self.idle_timer.start()

    # Quitting ---------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing or self.clerk_desk is None:
            self._finish_closing(event)
            return
        if self.locked:
            # The desk is left as it is until someone unlocks it; only while the cover offers closing (the
            # database cannot be reached), the window's own close does what the cover's button does.
            event.ignore()
            self.close_locked_desk()
            return
        visit_open = self._visit_open()
        if not visit_open and not self.saving:
            self._record_quit()
            self._finish_closing(event)
            return
        event.ignore()
        if self.question is not None:
            return
        text = (
            self.tr("The visit of {citizen} is still open. Quit anyway? The visit stays open until it is "
                    "finished.").format(citizen=self._citizen_text())
            if visit_open
            else self.tr("Work is still being saved. Quit once it is done?")
        )
        self._ask("quitQuestion", text, self.tr("Quit"), self._quit_confirmed)

    def _visit_open(self) -> bool:
        return any(d.visit.visit is not None for d in (self.clerk_desk, self.supervisor_desk) if d)

    @Slot()
    def close_locked_desk(self) -> None:
        """End the program from the lock cover, once it offers that (an unlock found the database away, so
        no password can open the desk). It is Ctrl+Q's way out, with the same guarantees: an open visit or
        work being saved is asked about first, and closing waits for that work; but the question names no
        citizen, as it is asked to whoever stands at a locked desk. The desk stays locked to the end: nothing
        hidden by the lock is shown again, and a result that comes back meanwhile waits for an unlock that
        never comes (a receipt is finished at the next start)."""
        if not self.locked or not self.cover.close_offered or self.close_question is not None:
            return
        visit_open = self._visit_open()
        if not visit_open and not self.saving:
            self._close_locked_now()
            return
        text = (
            self.tr("A visit is still open at this desk. Close the desk anyway? The visit stays open until it "
                    "is finished.")
            if visit_open
            else self.tr("Work is still being saved. Close the desk once it is done?")
        )
        box, go = self._question_box("closeLockedQuestion", text, self.tr("Close the desk"))
        self.close_question = box

        def answered() -> None:
            self.close_question = None
            if box.clickedButton() is go and self.locked:
                self._close_locked_now()

        box.finished.connect(answered)
        box.open()

    def _close_locked_now(self) -> None:
        # Recorded as any quit is, for the clerk the desk was locked for (in the trail it follows the lock with
        # no unlock between). With the database away the entry cannot land and is dropped, as every note of
        # leaving is (_ignore): nothing is written in its place, and the program ends all the same.
        self._record_quit()
        self._closing = True
        self.close()

    def _quit_confirmed(self) -> None:
        self._record_quit()
        self._closing = True
        self.close()

    def _record_quit(self) -> None:
        if self.clerk_desk is None:
            return
        ctx, session = self.ctx, self._services.session
        visit_id = self._open_visit_id()
        saving = self.saving
        self.calls.fetch(lambda: session.quit(ctx, visit_id=visit_id, work_in_progress=saving), _ignore, _ignore)

    def _finish_closing(self, event: QCloseEvent) -> None:
        # A block half-way in a worker must finish (it commits or rolls back as a whole) before we go.
        self.idle_timer.stop()
        self.close_queue_display()
        self.runner.wait_for_done(30000)
        super().closeEvent(event)
        self.closed.emit()
