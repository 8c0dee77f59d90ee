"""What the window shows around a signed-in clerk's work: the five tabs made for one clerk, the cover of
a locked desk, and the password dialog a supervisor takes over with.

A supervisor who takes over gets a second set of tabs made with the supervisor's context, on the same
open visit; the clerk's own set is kept as it was, hidden, and shown again when the desk is handed back.
So nothing the clerk had on screen (the visit, a typed MRZ, a search) is lost, and no widget needs to
learn to change its clerk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import StorageUnavailable
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.context import ClerkContext
from ui.citizen_events import CitizenEvents
from ui.feedback import FeedbackLabel
from ui.lookup_panel import LookupPanel
from ui.queue_panel import QueuePanel
from ui.statistics_panel import StatisticsPanel
from ui.tasks import ServiceCalls, TaskRunner
from ui.today_panel import TodayPanel
from ui.visit_panel import VisitPanel


class DeskPanels(QWidget):
    """Today, Serving, Find citizen, Queue and Statistics, all acting as one clerk."""

    visit_finished = Signal()

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        language: str,
        parent: QWidget | None = None,
        events: CitizenEvents | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPanels")
        # The window's, shared with a supervisor's tabs; a set made on its own has its own.
        self.events = events if events is not None else CitizenEvents(self)
        self.ctx = ctx
        self._services = services
        # Its own runner: work these tabs started and that ends after they are gone (signed out, handed
        # back) finds nobody to tell, instead of a deleted table.
        self.runner = runner = TaskRunner(self)
        self.today = TodayPanel(services, ctx, runner, language)
        self.visit = VisitPanel(services, ctx, runner, language)
        self.lookup = LookupPanel(services, ctx, runner, language)
        self.queue = QueuePanel(services, ctx, language, runner=runner)
        self.statistics = StatisticsPanel(services, ctx, runner, language)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.today, self.tr("&Today (Ctrl+1)"))
        self.tabs.addTab(self.visit, self.tr("&Serving (Ctrl+2)"))
        self.tabs.addTab(self.lookup, self.tr("&Find citizen (Ctrl+3)"))
        self.tabs.addTab(self.queue, self.tr("&Queue (Ctrl+4)"))
        self.tabs.addTab(self.statistics, self.tr("Stat&istics (Ctrl+5)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        # F6, or Enter on another citizen under Today, while a visit is open here: that visit is finished
        # first, after a question, the way signing out does; never left open and dropped from the screen.
        self.next_citizen_question: QMessageBox | None = None
        self.queue.before_calling = lambda go: self._finish_open_visit_then(go, None)
        self.today.before_serving = self._finish_open_visit_then
        self.today.checked_in.connect(self.open_visit)
        self.visit.document_checked.connect(self.lookup.set_document)
        self.visit.finished.connect(self._on_visit_finished)
        self.queue.serve_appointment.connect(self._on_queue_serve)
        self.queue.served.connect(self.open_visit)  # a walk-in, served like a booked citizen
        self.visit.document_checked.connect(self.queue.set_document)
        self.lookup.booking_chosen.connect(self._show_booking)
        # Any change to a citizen shows in every view that shows them (connected to the panels' own
        # methods, so a set of tabs that is gone is simply no longer told).
        self.visit.citizen_changed.connect(self.events.citizen_changed)
        self.events.citizen_changed.connect(self.lookup.citizen_changed)
        self.events.citizen_changed.connect(self.today.citizen_changed)
        self.events.citizen_changed.connect(self.queue.citizen_changed)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        focus = {
            0: self.today.table, 1: self.visit.mrz_edit, 2: self.lookup.query, 3: self.queue.arrival,
            4: self.statistics.show_button,
        }[index]
        focus.setFocus()

    @Slot(str)
    def _show_booking(self, code: str) -> None:
        """A booking code chosen under the citizen found: its booking in the Today list, on its day."""
        self.show_tab(0)
        self.today.show_booking(code)

    @Slot(object)
    def open_visit(self, visit: CheckedIn) -> None:
        self.visit.open_visit(visit)
        self.tabs.setCurrentWidget(self.visit)
        self.visit.mrz_edit.setFocus()

    def let_go(self, visit: CheckedIn) -> None:
        """`visit` was finished at the window's other tabs (VisitPanel.let_go): if it was open here, these
        tabs go back to Today, as after finishing it here, for when they are shown again."""
        if self.visit.let_go(visit):
            self.tabs.setCurrentWidget(self.today)  # no focus: these tabs may be hidden behind the others

    def _finish_open_visit_then(self, go: Callable[[], None], keep_visit_id: int | None) -> None:
        """`go` at once when no visit is open at this desk (or the open one is `keep_visit_id`, taken up
        again); else ask, and on yes finish the open visit and then `go` on the tab the clerk was on. On no,
        or when the visit cannot be finished (a check being saved, a refusal), nothing more happens and the
        Serving tab says why."""
        open_visit = self.visit.visit
        if open_visit is None or open_visit.visit_id == keep_visit_id:
            go()
            return
        if self.next_citizen_question is not None:
            return  # already asked; a second F6 or Enter is no second question
        origin = self.tabs.currentIndex()
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Borgerservice Desk"),
            self.tr("The visit of {citizen} is still open. Finish the visit and go on to the next citizen?").format(
                citizen=self.visit.citizen_label.text()),
            QMessageBox.StandardButton.Cancel, self,
        )
        box.setObjectName("nextCitizenQuestion")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        finish = box.addButton(self.tr("Finish visit and go on"), QMessageBox.ButtonRole.AcceptRole)
        finish.setObjectName("finishAndGoOn")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray Enter leaves the visit as it is
        self.next_citizen_question = box

        def answered() -> None:
            self.next_citizen_question = None
            if box.clickedButton() is not finish:
                return

            def finished() -> None:
                self.show_tab(origin)  # finishing went to Today; the clerk goes on where they pressed the key
                go()

            self.visit.finish_visit_then(finished, lambda: self.show_tab(1))

        box.finished.connect(answered)
        box.open()

    @Slot(int)
    def _on_queue_serve(self, appointment_id: int) -> None:
        """The called citizen had an appointment: open their visit at this desk."""
        appointments, ctx = self._services.appointments, self.ctx
        self.queue.calls.run(lambda: appointments.check_in(ctx, appointment_id), self._on_queue_served)

    def _on_queue_served(self, visit: CheckedIn) -> None:
        self.queue.appointment_served(visit)  # at the counter: no longer a no-show
        self.open_visit(visit)

    @Slot()
    def _on_visit_finished(self) -> None:
        self.today.refresh()
        self.show_tab(0)
        self.visit_finished.emit()


def _password_form() -> tuple[QLineEdit, QLineEdit, QFormLayout]:
    username = QLineEdit()
    username.setObjectName("username")
    password = QLineEdit()
    password.setObjectName("password")
    password.setEchoMode(QLineEdit.EchoMode.Password)
    form = QFormLayout()
    form.addRow(QCoreApplication.translate("desk_session", "&User name"), username)
    form.addRow(QCoreApplication.translate("desk_session", "&Password"), password)
    return username, password, form


class LockCover(QWidget):
    """Covers the whole window while the desk is locked: nothing of the citizen shows through (the tabs
    under it are hidden, not just painted over). The locked clerk's password, or a supervisor's, opens it.

    The password is checked against the database. While the database cannot be reached, no password can
    open the desk, and the clerk would be stuck on the cover until the program is killed. So once an unlock
    has been answered "the database cannot be reached", the cover offers to close the desk instead: the
    program ends as Quit ends it, nothing of the citizen shown. Not before: while the database answers, the
    way out goes through a password (unlock, then Quit), and anyone passing a locked desk could otherwise
    end a colleague's session and what it holds on screen."""

    unlock_requested = Signal(str, str)  # user name, password
    close_requested = Signal()  # "Close the desk", offered only while the database is known to be away

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.title = QLabel(self.tr("The desk is locked"))
        big = QFont(self.title.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        self.title.setFont(big)
        self.who = QLabel()
        self.who.setObjectName("lockedFor")
        self.who.setWordWrap(True)
        self.username, self.password, form = _password_form()
        self.feedback = FeedbackLabel()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.away_note = QLabel(
            self.tr("No password can be checked until the database answers again. You can close the desk "
                    "instead: the program ends as with Quit, and the next start asks for a sign-in.")
        )
        self.away_note.setObjectName("databaseAwayNote")
        self.away_note.setWordWrap(True)
        self.close_button = QPushButton(self.tr("&Close the desk"))
        self.close_button.setObjectName("closeDesk")
        self.close_button.setAutoDefault(False)  # Enter retries the password; it never closes the desk
        self.close_button.clicked.connect(self.close_requested)
        self._close_offered = False
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        box = QWidget()
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addLayout(form)
        inner.addWidget(self.feedback)
        inner.addWidget(self.away_note)
        inner.addLayout(buttons)
        # Centred by stretches on either side, not by an alignment: an aligned box got its hint's width, or
        # the height of its wrapped texts laid out over the whole window's width, and the clerk's name, the
        # database message and what to do next were cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._busy = False
        self.offer_close(False)

    @property
    def close_offered(self) -> bool:
        return self._close_offered

    def offer_close(self, offered: bool) -> None:
        """Show or hide the way out for a database that cannot be reached (see the class)."""
        self._close_offered = offered
        self.away_note.setVisible(offered)
        self.close_button.setVisible(offered)

    def prepare(self, locked: ClerkContext) -> None:
        self.who.setText(
            self.tr("Locked for {name}. {name} or a supervisor types a password to go on.").format(
                name=locked.full_name
            )
        )
        self.username.setText(locked.username)
        self.password.clear()
        self.feedback.clear_message()
        self.offer_close(False)  # a new lock: nobody has asked the database yet
        self.set_busy(False)
        self.password.setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.unlock_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)  # a try is out: its answer decides whether the offer stands
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)
        if busy:
            self.feedback.busy(self.tr("Checking…"))

    def refused(self, error: BaseException) -> None:
        self.set_busy(False)
        self.password.clear()
        self.password.setFocus()  # Enter tries the password again, also when closing is offered
        self.feedback.show_error(error)
        # The last answer decides: a database back again (a wrong password, a lock-out) takes the offer back.
        self.offer_close(isinstance(error, StorageUnavailable))

    @Slot()
    def _submit(self) -> None:
        if self._busy:
            return  # a second Enter while the first is checked
        self.unlock_requested.emit(self.username.text(), self.password.text())


class TakeOverDialog(QDialog):
    """A supervisor signs in over the clerk's session; the check runs off the UI thread."""

    def __init__(
        self,
        check: Callable[[str, str], ClerkContext],
        runner: TaskRunner,
        clerk: ClerkContext,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takeOverDialog")
        self.setWindowTitle(self.tr("Supervisor takes over"))
        self._check = check
        self.context: ClerkContext | None = None
        intro = QLabel(
            self.tr("A supervisor signs in to act at this desk. {name}'s visit stays open and is handed back "
                    "as it is.").format(name=clerk.full_name)
        )
        intro.setWordWrap(True)
        self.username, self.password, form = _password_form()
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(runner, self.feedback, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Take over"))
        self.ok_button.setObjectName("takeOver")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._busy

    def _submit(self) -> None:
        if self._busy:
            return
        check, username, password = self._check, self.username.text(), self.password.text()
        self._set_busy(True)
        self.feedback.busy(self.tr("Checking…"))
        self.calls.run(lambda: check(username, password), self._done, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.ok_button.setEnabled(not busy)
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _done(self, context: object) -> None:
        assert isinstance(context, ClerkContext)
        self._set_busy(False)
        self.context = context
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.feedback.show_error(error)
