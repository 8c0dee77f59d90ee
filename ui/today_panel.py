"""Today's appointments at the centre, with check-in on arrival.

Everything shown is read off the UI thread: the centre's today and its counters once, as the tab is made
(the list waits for them), and the list on each refresh."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.appointments import (
    AppointmentRow,
    CheckedIn,
    DayRow,
    WalkInRow,
    complete_booking_code,
)
from borgerservice_desk.services.context import ClerkContext
from ui import dates
from ui.booking_dialog import BookingDialog, choose_language, confirmation_language_box, show_confirmation
from ui.dates import date_text, moment_text
from ui.feedback import FeedbackLabel
from ui.models import ROW_ROLE, AppointmentModel
from ui.receipt_dialog import ReceiptDialog
from ui.tasks import ServiceCalls, TaskRunner

POLL_MS = 15_000


class TodayPanel(QWidget):
    checked_in = Signal(CheckedIn)  # the booked citizen's visit, open at this desk
    loaded = Signal(int)

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self.take_over_box: QMessageBox | None = None  # the question about another clerk's visit, while asked
        self._runner = runner
        self._language = language
        self.model = AppointmentModel(language, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.day = date.min  # the centre's today, once read (`ready`)
        self.ready = False
        self._refresh_when_ready = False
        self.title = QLabel(self.tr("Loading…"))
        self.title.setObjectName("todayTitle")
        self.counter = QComboBox()
        self.counter.setObjectName("dayCounter")
        self.counter.addItem(self.tr("All counters"), None)
        self.week = QCheckBox(self.tr("&Week"))
        self.week.setObjectName("weekView")
        self.filter = QLineEdit()
        self.filter.setObjectName("appointmentFilter")
        self.filter.setPlaceholderText(self.tr("Filter: name, booking code, counter, service"))
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setObjectName("appointmentsTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.check_in_button = QPushButton(self.tr("Check &in / serve (Enter)"))
        self.check_in_button.setObjectName("checkInButton")
        self.refresh_button = QPushButton(self.tr("&Refresh (F5)"))
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(runner, self.feedback, self)  # the clerk's actions, off the UI thread
        # What must happen before another citizen is served: the window that holds this tab finishes (after
        # asking) a visit still open at this desk, unless it is the one being taken up again (its id, the
        # second argument), then calls `go`. On its own the tab just serves.
        self.before_serving: Callable[[Callable[[], None], int | None], None] = lambda go, _keep: go()

        self.move_button = QPushButton(self.tr("&Move… (F2)"))
        self.move_button.setObjectName("moveButton")
        self.cancel_button = QPushButton(self.tr("Cancel booking (Del)"))
        self.cancel_button.setObjectName("cancelButton")
        self.no_show_button = QPushButton(self.tr("No-show (F8)"))
        self.no_show_button.setObjectName("noShowButton")
        # The citizen lost the confirmation, or it could not be written when booked: print it again.
        self.confirmation_button = QPushButton(self.tr("Confirmation (Ctrl+P)"))
        self.confirmation_button.setObjectName("confirmationButton")
        self.confirmation_viewer: ReceiptDialog | None = None  # the last one shown
        # As in the booking dialog: the one who booked in English and lost the confirmation gets it in
        # English again from a Danish desk.
        self.confirmation_language = confirmation_language_box(language, "todayConfirmationLanguage")
        self.confirmation_language.setToolTip(self.tr("The language the confirmation is written in: the citizen's"))
        # Chosen by the clerk (not set from a booking's last confirmation): it stands for a booking with none.
        self._language_chosen = False
        self.confirmation_language.activated.connect(self._on_language_chosen)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.counter)
        top.addWidget(self.week)
        top.addStretch()
        top.addWidget(self.filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_in_button)
        bottom.addWidget(self.refresh_button)
        bottom.addWidget(self.move_button)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.no_show_button)
        bottom.addWidget(self.confirmation_button)
        bottom.addWidget(self.confirmation_language)
        bottom.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.check_in_button.clicked.connect(self.check_in_selected)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.activated.connect(lambda _index: self.check_in_selected())
        self.filter.returnPressed.connect(self._on_filter_return)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self.go(-1))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self.go(1))
        QShortcut(QKeySequence("Alt+Home"), self, lambda: self.go(0))
        QShortcut(QKeySequence("F2"), self, self.move_selected)
        QShortcut(QKeySequence("Delete"), self.table, self.cancel_selected)
        QShortcut(QKeySequence("F8"), self, self.no_show_selected)
        QShortcut(QKeySequence("Ctrl+P"), self, self.confirmation_selected)
        self.counter.currentIndexChanged.connect(self.refresh)
        self.week.toggled.connect(self.refresh)
        self.move_button.clicked.connect(self.move_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.no_show_button.clicked.connect(self.no_show_selected)
        self.confirmation_button.clicked.connect(self.confirmation_selected)
        # What other desks book, check in or finish shows up without a restart: a light poll, which
        # works the same on SQLite and PostgreSQL. Skipped while a refresh is still under way.
        self.poll = QTimer(self)
        self.poll.timeout.connect(self._poll)
        self.poll.start(POLL_MS)
        self._loading = False
        # The appointment the clerk has chosen, as last shown: a message about it goes when another is
        # chosen, or (an error) when a refresh shows it changed.
        self._subject: AppointmentRow | None = None
        self._reselecting = False
        # A booking found by its code (`_on_filter_return`): chosen, with the focus, once its day is loaded.
        self._jump_to: int | None = None
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.counter.setEnabled(False)
        self._starting = False
        self._start()

    def _start(self) -> None:
        """Read the centre's today and its counters; a refresh asked for meanwhile runs once they are in.
        A failed read is tried again with the next refresh (the poll's, or F5)."""
        if self.ready or self._starting:
            return
        self._starting = True
        appointments, booking, ctx = self._services.appointments, self._services.booking, self._ctx
        self.calls.fetch(lambda: (appointments.today(ctx.centre_id), booking.counters(ctx)), self._on_ready,
                         self._on_start_failed)

    def _on_start_failed(self, error: BaseException) -> None:
        self._starting = False
        self.feedback.show_error(error)

    def _on_ready(self, result: tuple[date, list[tuple[int, str]]]) -> None:
        self._starting = False
        self.day, counters = result
        self.counter.blockSignals(True)  # filling it is no choice of the clerk's: no refresh per counter
        for counter_id, name in counters:
            self.counter.addItem(name, counter_id)
        self.counter.blockSignals(False)
        self.counter.setEnabled(True)
        self.ready = True
        if self._refresh_when_ready:
            self.refresh()

    def _poll(self) -> None:
        if not self._loading:
            self.refresh()

    def go(self, days: int) -> None:
        """Alt+Left / Alt+Right a day (a week in the week view) back or on; Alt+Home back to today."""
        if not self.ready:
            return
        if days == 0:
            # The centre's today is read again: a desk left open overnight goes to the new day.
            appointments, centre_id = self._services.appointments, self._ctx.centre_id
            self.calls.fetch(lambda: appointments.today(centre_id), self._go_to, key="today")
            return
        step = timedelta(days=7 if self.week.isChecked() else 1)
        self._go_to(self.day + days * step)

    def _go_to(self, day: date) -> None:
        self.day = day
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if not self.ready:
            self._refresh_when_ready = True  # the list is read once the centre's today is known
            self._start()
            return
        self._loading = True
        first = last = self.day
        if self.week.isChecked():
            first = self.day - timedelta(days=self.day.weekday())
            last = first + timedelta(days=6)
            self.title.setText(self.tr("Week %1").replace("%1", f"{first.isocalendar().week:02d} ({date_text(first, dates.DAY_MONTH)}–{date_text(last)})"))
        else:
            self.title.setText(self.tr("Appointments %1").replace("%1", date_text(self.day, dates.WEEKDAY_DATE)))
        self.model.show_dates = self.week.isChecked()
        counter = self.counter.currentData()
        # Quick key presses start several loads; only the newest may fill the table.
        appointments, ctx = self._services.appointments, self._ctx
        self.calls.fetch(
            lambda: appointments.day_list(ctx, first, last, counter), self._on_day_loaded, self._on_day_failed,
            key="day",
        )

    def _on_day_failed(self, error: BaseException) -> None:
        self._loading = False
        self.feedback.show_error(error)

    def _on_day_loaded(self, rows: list[DayRow]) -> None:
        self._loading = False
        jump, self._jump_to = self._jump_to, None
        if rows == self.model.rows():
            if jump is not None:
                self._choose_found(jump)
            self.loaded.emit(len(rows))
            return  # nothing changed: leave the table (and the clerk's scrolling) alone
        keep, keep_walk_in = self.selected(), self.selected_walk_in()
        self._reselecting = True
        try:
            self.model.set_rows(rows)
            self.table.resizeColumnsToContents()
            # The booking found by its code; else keep the clerk's place across a refresh; otherwise start
            # at the next citizen due.
            if (jump is not None and self._choose_found(jump)) or (
                keep_walk_in is not None and self.select_walk_in(keep_walk_in.visit_id)
            ):
                pass
            elif keep is None or not self.select_appointment(keep.id):
                self._select_next_due()
        finally:
            self._reselecting = False
        self._note_subject()
        self.loaded.emit(len(rows))

    def _on_current_changed(self) -> None:
        if not self._reselecting:
            self._note_subject()

    @Slot()
    def _on_language_chosen(self) -> None:
        self._language_chosen = True

    def _note_subject(self) -> None:
        """Another appointment chosen: the message about the last one no longer holds. The same one
        changed under a refresh (checked in at another desk, say): an error about it no longer holds."""
        before, now = self._subject, self.selected()
        self._subject = now
        another = (before.id if before else None) != (now.id if now else None)
        if another or (before != now and self.feedback.property("kind") == "error"):
            self.feedback.clear_message()
        if now is not None and now.confirmation_language and (
            another or before is None or now.confirmation_language != before.confirmation_language
        ):
            # Ctrl+P writes it again in the language its last confirmation was in, also when that changed
            # under a refresh (moved in the citizen's language, printed at another desk).
            choose_language(self.confirmation_language, now.confirmation_language)
            self._language_chosen = False
        elif another and now is not None and not self._language_chosen:
            # None written: the window's, unless the clerk chose one for the booking about to be chosen.
            choose_language(self.confirmation_language, self._language)

    @Slot(int)
    def citizen_changed(self, citizen_id: int) -> None:
        """A citizen on the list changed (checked in, served, finished): read the list again."""
        if any(row.citizen_id == citizen_id for row in self.model.rows()):
            self.refresh()

    def _select_next_due(self) -> None:
        for row in range(self.proxy.rowCount()):
            appointment = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
            if isinstance(appointment, AppointmentRow) and appointment.status is AppointmentStatus.BOOKED:
                self.table.selectRow(row)
                self.table.scrollTo(self.proxy.index(row, 0))
                return

    def _on_filter_return(self) -> None:
        # Enter in the filter picks the first match, so a booking code typed in checks in at once.
        code = complete_booking_code(self.filter.text())
        if code is not None:
            loaded = next((r for r in self.model.rows() if isinstance(r, AppointmentRow) and r.booking_code == code),
                          None)
            if loaded is not None:
                self.filter.setText(code)  # as the list shows it: a space typed after it hid the row
                self._choose_found(loaded.id)
                return
            if not self.proxy.rowCount() and self.ready:
                # The citizen quotes the code to move or cancel a booking on any day, not only the one on
                # screen: the centre's bookings are asked for it, and the list goes to its day.
                self._find_booking(code)
                return
        if self.proxy.rowCount():
            self.table.selectRow(0)
        self.table.setFocus()

    def show_booking(self, code: str) -> None:
        """The booking with this code chosen in the list, on whatever day it is, as if the clerk had typed
        the code in the filter and pressed Enter."""
        self.filter.setText(code)
        self._on_filter_return()

    def _find_booking(self, code: str) -> None:
        appointments, ctx = self._services.appointments, self._ctx
        self.calls.fetch(lambda: appointments.find_by_code(ctx, code), lambda row: self._found_booking(code, row),
                         key="code")

    def _found_booking(self, code: str, row: AppointmentRow | None) -> None:
        if complete_booking_code(self.filter.text()) != code:
            return  # the clerk has typed on meanwhile: the answer is to a question no longer asked
        if row is None:
            self.feedback.error(self.tr("No appointment with the booking code %1.").replace("%1", code))
            self.filter.selectAll()  # the next try is typed over it
            return
        self.filter.setText(row.booking_code)  # as the list shows it, so the filter keeps the row in view
        if self.counter.currentData() is not None and self.counter.currentText() != row.counter:
            # Another counter's booking: the list of all counters holds it (one refresh, below).
            self.counter.blockSignals(True)
            self.counter.setCurrentIndex(0)
            self.counter.blockSignals(False)
        self._jump_to = row.id
        self._go_to(dates.local(row.starts_at).date())  # its day, or its week in the week view

    def _choose_found(self, appointment_id: int) -> bool:
        """The booking found by its code, chosen with the focus on the list, ready for F2, Delete or Enter."""
        if not self.select_appointment(appointment_id):
            return False  # cancelled meanwhile at another desk, say: the list starts as it always does
        self.table.scrollTo(self.table.currentIndex())
        self.table.setFocus()
        return True

    def selected(self) -> AppointmentRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.proxy.data(index.siblingAtColumn(0), ROW_ROLE)
        return row if isinstance(row, AppointmentRow) else None

    def select_appointment(self, appointment_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            shown = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
            if isinstance(shown, AppointmentRow) and shown.id == appointment_id:
                self.table.selectRow(row)
                return True
        return False

    def selected_walk_in(self) -> WalkInRow | None:
        index = self.table.currentIndex()
        row = self.proxy.data(index.siblingAtColumn(0), ROW_ROLE) if index.isValid() else None
        return row if isinstance(row, WalkInRow) else None

    def select_walk_in(self, visit_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            shown = self.proxy.data(self.proxy.index(row, 0), ROW_ROLE)
            if isinstance(shown, WalkInRow) and shown.visit_id == visit_id:
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def move_selected(self) -> None:
        appointment = self.selected()
        if appointment is None or appointment.status is not AppointmentStatus.BOOKED:
            self.feedback.error(self.tr("Choose a booked appointment to move."))
            return
        dialog = BookingDialog.for_move(self._services, self._ctx, self._runner, appointment, self._language, self)
        dialog.booked.connect(lambda _booking: self.refresh())
        dialog.open()

    @Slot()
    def cancel_selected(self) -> None:
        appointment = self.selected()
        if appointment is None:
            return
        # No is the default: Delete is one key away from the list's Enter (check in), and a booking cancelled
        # by a quick Delete, Enter frees the citizen's time for others.
        answer = QMessageBox.question(
            self, self.tr("Cancel booking"),
            self.tr("Cancel %1's booking at %2? The time becomes free for others.")
            .replace("%1", appointment.citizen_name).replace("%2", moment_text(appointment.starts_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        booking, ctx, appointment_id = self._services.booking, self._ctx, appointment.id
        self.calls.run(lambda: booking.cancel(ctx, appointment_id), self._cancelled, lock=[self.cancel_button])

    def _cancelled(self, _result: object) -> None:
        self.feedback.info(self.tr("Booking cancelled."))
        self.refresh()

    @Slot()
    def no_show_selected(self) -> None:
        appointment = self.selected()
        if appointment is None:
            return
        # Whether it is late enough is the service's rule, by the centre's setting: a refusal is said plainly.
        appointments, ctx, appointment_id = self._services.appointments, self._ctx, appointment.id
        name = appointment.citizen_name
        self.calls.run(
            lambda: appointments.mark_no_show(ctx, appointment_id), lambda _none: self._marked_no_show(name),
            lock=[self.no_show_button],
        )

    @Slot()
    def confirmation_selected(self) -> None:
        """The chosen booking's confirmation, written again as it stands now (a moved booking's new time),
        in the language chosen beside the button (the window's unless changed), and shown to print (Ctrl+P
        again)."""
        appointment = self.selected()
        if appointment is None or appointment.status is not AppointmentStatus.BOOKED:
            self.feedback.error(self.tr("Choose a booked appointment to print its confirmation."))
            return
        booking, ctx, appointment_id = self._services.booking, self._ctx, appointment.id
        language = str(self.confirmation_language.currentData())
        code = appointment.booking_code
        self.calls.run(
            lambda: booking.write_confirmation(ctx, appointment_id, language=language),
            lambda paths: self._show_confirmation(code, paths), lock=[self.confirmation_button],
        )

    def _show_confirmation(self, code: str, paths: object) -> None:
        self.confirmation_viewer = show_confirmation(code, paths, self)

    def _marked_no_show(self, name: str) -> None:
        self.feedback.info(self.tr("%1 is marked as a no-show.").replace("%1", name))
        self.refresh()

    def resume_visit(self, visit_id: int, *, take_over: bool = False) -> None:
        """Take an open visit up again; another clerk's only when this clerk says so (and it is recorded)."""
        appointments, ctx = self._services.appointments, self._ctx

        def refused(error: BaseException) -> None:
            if isinstance(error, DeskError) and error.code == "visit.other_clerk" and not take_over:
                self._ask_take_over(visit_id, str(error.params.get("clerk", "")))
            else:
                self.feedback.show_error(error)

        self.calls.run(
            lambda: appointments.resume_visit(ctx, visit_id, take_over=take_over), self._resumed, refused,
            lock=[self.check_in_button],
        )

    def _resumed(self, visit: CheckedIn) -> None:
        self.feedback.clear_message()
        self.checked_in.emit(visit)

    def _ask_take_over(self, visit_id: int, clerk: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Another clerk's visit"),
            self.tr("The visit was opened by %1. Take it over?").replace("%1", clerk),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("takeOverQuestion")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.take_over_box = box

        def answered(result: int) -> None:
            self.take_over_box = None
            if result == QMessageBox.StandardButton.Yes:
                self.resume_visit(visit_id, take_over=True)

        box.finished.connect(answered)
        box.open()

    @Slot()
    def check_in_selected(self) -> None:
        """Check the chosen citizen in; one already checked in is taken up again where it was left, and so is
        a walk-in's unfinished visit."""
        walk_in = self.selected_walk_in()
        if walk_in is not None:
            if walk_in.ends_at is not None:
                self.feedback.error(self.tr("This walk-in's visit has ended."))
            else:
                visit_id = walk_in.visit_id
                self.before_serving(lambda: self.resume_visit(visit_id), visit_id)
            return
        appointment = self.selected()
        if appointment is None:
            self.feedback.error(self.tr("Choose the citizen's appointment first."))
            return
        if appointment.status is AppointmentStatus.CHECKED_IN and appointment.visit_id is not None:
            open_id = appointment.visit_id
            self.before_serving(lambda: self.resume_visit(open_id), open_id)
            return
        # A closed appointment is refused by the service, and said plainly in the feedback line.
        appointments, ctx, appointment_id = self._services.appointments, self._ctx, appointment.id

        def check_in() -> None:
            self.calls.run(lambda: appointments.check_in(ctx, appointment_id), self._checked_in,
                           lock=[self.check_in_button])

        self.before_serving(check_in, None)

    def _checked_in(self, visit: CheckedIn) -> None:
        self.feedback.clear_message()
        self.refresh()
        self.checked_in.emit(visit)
