"""The day's queue at the desk: arrivals by booking code or CPR number, walk-in tickets, calling the
next citizen to this counter, no-shows, the now-serving list (numbers only, never names), how many wait
per service, and a button for the public display in the waiting room (ui/queue_display.py).

The list and the counts are read off the UI thread every few seconds; the services and counters to choose
from are read off it once, the controls that need them off until they are in."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.cpr import masked_input
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from borgerservice_desk.services.queue import Arrival, Called, Serving, Waiting
from ui.feedback import FeedbackLabel
from ui.lookup_panel import BirthDateEdit
from ui.messages import describe_error
from ui.tasks import ServiceCalls, TaskRunner
from ui.walk_in_dialog import WalkInDialog

POLL_MS = 5000  # how often the now-serving list looks for what other desks called


class QueuePanel(QWidget):
    serve_appointment = Signal(int)  # appointment id of the citizen called to this counter
    served = Signal(CheckedIn)  # a walk-in's visit, opened at this desk
    display_requested = Signal()  # the clerk asks for the public display on a second screen

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        language: str,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self._language = language
        # Its own runner for the reads: a poll every few seconds is no work the window waits for (the busy
        # bar, or the question before quitting, would otherwise flicker with it).
        self.feedback = FeedbackLabel()
        self._reads = ServiceCalls(TaskRunner(self), self.feedback, self)
        self.ready = False  # the services and counters to choose from are in
        self._choices_out = False
        self._refreshing = False
        self._refresh_again = False
        self.last_called: Called | None = None
        self.document: IdentityCheckResult | None = None  # the last document checked at this desk
        self.walk_in_dialog: WalkInDialog | None = None
        # The clerk's actions: off the UI thread, one at a time (a second F6 while the first is out is
        # not a second call).
        self.calls = ServiceCalls(runner if runner is not None else TaskRunner(self), self.feedback, self)
        # What must happen before the next citizen is called: the window that holds this tab finishes (after
        # asking) a visit still open at this desk, then calls `go`. On its own the tab just calls.
        self.before_calling: Callable[[Callable[[], None]], None] = lambda go: go()

        self.arrival = QLineEdit()
        self.arrival.setObjectName("arrivalInput")
        self.arrival.setPlaceholderText(self.tr("Booking code or CPR number, then Enter"))
        self.name = QLineEdit()
        self.name.setObjectName("arrivalName")
        self.name.setPlaceholderText(self.tr("Name"))
        # Typed as in Find citizen: no made-up default date to correct, digits go straight in.
        self.birth_date = BirthDateEdit()
        self.birth_date.setObjectName("arrivalBirthDate")
        self.birth_date.setToolTip(self.tr("Type the birth date as DD-MM-YYYY, e.g. 15031980"))
        self.by_name_button = QPushButton(self.tr("Check in by name"))
        self.by_name_button.setObjectName("arriveByName")
        self.service = QComboBox()
        self.service.setObjectName("walkInService")
        self.walk_in_button = QPushButton(self.tr("New &walk-in ticket"))
        self.walk_in_button.setObjectName("walkInButton")
        self.counter = QComboBox()
        self.counter.setObjectName("counterCombo")
        self.call_button = QPushButton(self.tr("&Call next (F6)"))
        self.call_button.setObjectName("callNext")
        self.no_show_button = QPushButton(self.tr("&No-show"))
        self.no_show_button.setObjectName("noShow")
        self.no_show_button.setEnabled(False)
        self.find_button = QPushButton(self.tr("&Find the called citizen…"))
        self.find_button.setObjectName("findCalledCitizen")
        self.find_button.setEnabled(False)
        self.called_label = QLabel()
        self.called_label.setObjectName("calledLabel")
        self.serving = QListWidget()
        self.serving.setObjectName("nowServing")
        self.display_button = QPushButton(self.tr("Show the &queue display…"))
        self.display_button.setObjectName("showQueueDisplay")
        self.display_button.setToolTip(self.tr("Ticket numbers and counters, full screen on a second screen"))
        self.waiting = QTableWidget(0, 2)
        self.waiting.setObjectName("waitingPerService")
        self.waiting.setHorizontalHeaderLabels([self.tr("Service"), self.tr("Waiting")])
        self.waiting.verticalHeader().hide()
        self.waiting.horizontalHeader().setStretchLastSection(True)
        self.waiting.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.waiting_total = QLabel()
        self.waiting_total.setObjectName("waitingTotal")

        arrivals = QGroupBox(self.tr("Arrivals"))
        form = QFormLayout(arrivals)
        form.addRow(self.tr("&Arrived"), self.arrival)
        by_name = QHBoxLayout()
        by_name.addWidget(self.name, 1)
        by_name.addWidget(self.birth_date)
        by_name.addWidget(self.by_name_button)
        form.addRow(self.tr("Without code or CPR"), by_name)
        walk = QHBoxLayout()
        walk.addWidget(self.service, 1)
        walk.addWidget(self.walk_in_button)
        form.addRow(self.tr("Walk-in"), walk)
        desk = QGroupBox(self.tr("My counter"))
        desk_layout = QVBoxLayout(desk)
        row = QHBoxLayout()
        row.addWidget(self.counter)
        row.addWidget(self.call_button)
        row.addWidget(self.no_show_button)
        row.addWidget(self.find_button)
        row.addStretch()
        desk_layout.addLayout(row)
        desk_layout.addWidget(self.called_label)
        board = QGroupBox(self.tr("Now serving"))
        board_layout = QVBoxLayout(board)
        board_layout.addWidget(self.serving, 1)
        board_layout.addWidget(self.display_button)
        waiting = QGroupBox(self.tr("Waiting per service"))
        waiting_layout = QVBoxLayout(waiting)
        waiting_layout.addWidget(self.waiting, 1)
        waiting_layout.addWidget(self.waiting_total)
        lists = QHBoxLayout()
        lists.addWidget(board, 1)
        lists.addWidget(waiting, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.feedback)
        layout.addWidget(arrivals)
        layout.addWidget(desk)
        layout.addLayout(lists, 1)

        self.arrival.returnPressed.connect(self.arrive)
        self.by_name_button.clicked.connect(self.arrive_by_name)
        self.name.returnPressed.connect(self.arrive_by_name)
        self.birth_date.returnPressed.connect(self.arrive_by_name)
        self.walk_in_button.clicked.connect(self.walk_in)
        self.call_button.clicked.connect(self.call_next)
        self.no_show_button.clicked.connect(self.no_show)
        self.find_button.clicked.connect(self.find_walk_in)
        self.display_button.clicked.connect(self.display_requested)
        QShortcut(QKeySequence("F6"), self, self.call_next)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(POLL_MS)
        # Off, and saying so, until the choices are in.
        for combo in (self.service, self.counter):
            combo.setPlaceholderText(self.tr("Loading…"))
        self._needs_choices = (self.service, self.walk_in_button, self.counter, self.call_button)
        for widget in self._needs_choices:
            widget.setEnabled(False)
        self.refresh()

    def _load_choices(self) -> None:
        """The services and this centre's counters, read once; tried again at the next poll if it failed."""
        if self.ready or self._choices_out:
            return
        self._choices_out = True
        booking, ctx = self._services.booking, self._ctx
        self._reads.fetch(lambda: (booking.services(), booking.counters(ctx)), self._on_choices, self._on_choices_failed)

    def _on_choices(self, choices: tuple[list[tuple[str, str, str, int]], list[tuple[int, str]]]) -> None:
        self._choices_out = False
        services, counters = choices
        for code, name_da, name_en, _minutes in services:
            self.service.addItem(name_da if self._language == "da" else name_en, code)
        for counter_id, name in counters:
            self.counter.addItem(name, counter_id)
        for combo in (self.service, self.counter):
            combo.setCurrentIndex(0)  # with a placeholder text set, Qt leaves a filled combo at "none chosen"
        # A desk PC stands at one counter: the counter chosen last time on this PC is chosen again, so F6
        # after a restart or the next clerk's sign-in calls to this counter, not to the centre's first.
        remembered = self.counter.findData(QSettings().value(self._counter_key()))
        if remembered >= 0:
            self.counter.setCurrentIndex(remembered)
        self.counter.currentIndexChanged.connect(self._remember_counter)
        for widget in self._needs_choices:
            widget.setEnabled(True)
        self.ready = True

    def _counter_key(self) -> str:
        # Per centre: counter ids belong to one centre, and a PC may be moved to another centre's database.
        return f"queue/counter/{self._ctx.centre_id}"

    @Slot()
    def _remember_counter(self) -> None:
        counter_id = self.counter.currentData()
        if counter_id is None:
            return
        settings = QSettings()
        settings.setValue(self._counter_key(), int(counter_id))
        settings.sync()

    def _on_choices_failed(self, error: BaseException) -> None:
        self._choices_out = False
        self.feedback.show_error(error)

    @Slot(int)
    def citizen_changed(self, _citizen_id: int) -> None:
        """A citizen was checked in, served or finished at this window: the list and counts read again."""
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The now-serving list and the waiting counts, read in a worker."""
        self._load_choices()
        if self._refreshing:
            # The last read is still out: no pile of them on a slow database, but what changed since
            # (a call just made here) is read once it is back.
            self._refresh_again = True
            return
        self._refreshing = True
        self._refresh_again = False
        queue, ctx = self._services.queue, self._ctx
        self._reads.fetch(lambda: (queue.now_serving(ctx), queue.waiting_per_service(ctx)),
                          self._on_refreshed, self._on_refresh_failed)

    def _on_refresh_failed(self, _error: BaseException) -> None:
        self._refreshing = False  # a passing database hiccup; the next poll tries again
        if self._refresh_again:
            self.refresh()

    def _on_refreshed(self, result: tuple[list[Serving], list[Waiting]]) -> None:
        self._refreshing = False
        if self._refresh_again:
            self.refresh()
        rows, waiting = result
        self.serving.clear()
        for row in rows:
            self.serving.addItem(f"{row.number:>4}  →  {row.counter}")
        self.waiting.setRowCount(len(waiting))
        for index, service in enumerate(waiting):
            name = QTableWidgetItem(service.name_da if self._language == "da" else service.name_en)
            count = QTableWidgetItem(str(service.waiting))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.waiting.setItem(index, 0, name)
            self.waiting.setItem(index, 1, count)
        self.waiting.resizeColumnToContents(0)
        self.waiting_total.setText(self.tr("%1 waiting in all").replace("%1", str(sum(s.waiting for s in waiting))))

    @Slot()
    def arrive(self) -> None:
        self.feedback.clear_message()  # what was said before this action no longer holds
        text = self.arrival.text().strip()
        if not text:
            return
        digits = text.replace("-", "").replace(" ", "")
        queue, ctx = self._services.queue, self._ctx
        if digits.isascii() and digits.isdigit():
            shown = masked_input(digits)  # a refused CPR number is named by its birth-date part only
            self.calls.run(lambda: queue.arrive(ctx, cpr=digits), self._arrived,
                           lambda error: self._arrival_refused(error, shown, clear=True))
        else:
            self.calls.run(lambda: queue.arrive(ctx, booking_code=text), self._arrived,
                           lambda error: self._arrival_refused(error, text.upper(), clear=False))

    def _arrived(self, arrival: Arrival) -> None:
        self.arrival.clear()  # never leave a typed CPR number on screen
        self._tell(arrival)

    def _arrival_refused(self, error: BaseException, shown: str, *, clear: bool) -> None:
        """The next citizen in line must not have to delete the last one's code first: the message keeps
        what was refused, and the field is ready for typing. A booking code stays, selected, so a typo can
        be corrected or typed over; a CPR number is cleared (never left on screen)."""
        self.feedback.error(f"{shown}: {describe_error(error)}")
        if clear:
            self.arrival.clear()
        else:
            self.arrival.selectAll()
        self.arrival.setFocus()

    @Slot()
    def arrive_by_name(self) -> None:
        """For a citizen without code or CPR number at hand: name and birth date must match one booking."""
        self.feedback.clear_message()  # what was said before this action no longer holds
        queue, ctx = self._services.queue, self._ctx
        name, birth_date = self.name.text(), self.birth_date.birth_date()
        if birth_date is None:
            self.feedback.error(self.tr("Type the birth date as DD-MM-YYYY, e.g. 15031980"))
            self.birth_date.setFocus()
            return
        self.calls.run(
            lambda: queue.arrive(ctx, name=name, birth_date=birth_date), self._arrived_by_name,
            lock=[self.by_name_button],
        )

    def _arrived_by_name(self, arrival: Arrival) -> None:
        self.name.clear()
        self.birth_date.set_birth_date(None)
        self._tell(arrival)

    def _tell(self, arrival: Arrival) -> None:
        if arrival.late:
            self.feedback.error(
                self.tr("Too late for the appointment: ticket %1 in the walk-in queue.").replace("%1", str(arrival.number))
            )
        else:
            self.feedback.info(self.tr("Checked in: ticket %1.").replace("%1", str(arrival.number)))
        self.refresh()

    @Slot()
    def walk_in(self) -> None:
        if not self.ready:
            return  # no service to choose yet
        self.feedback.clear_message()  # what was said before this action no longer holds
        queue, ctx, service = self._services.queue, self._ctx, str(self.service.currentData())
        self.calls.run(lambda: queue.walk_in(ctx, service), self._walked_in, lock=[self.walk_in_button])

    def _walked_in(self, arrival: Arrival) -> None:
        self.feedback.info(self.tr("Walk-in ticket %1.").replace("%1", str(arrival.number)))
        self.refresh()

    @Slot()
    def call_next(self) -> None:
        if not self.ready or self.counter.currentData() is None:
            return  # F6 before the counters are in (or a centre without any): no counter to call to
        self.feedback.clear_message()  # what was said before this action no longer holds
        self.before_calling(self._call_next_now)

    def _call_next_now(self) -> None:
        if self.counter.currentData() is None:
            return
        queue, ctx, counter = self._services.queue, self._ctx, int(self.counter.currentData())
        self.calls.run(lambda: queue.call_next(ctx, counter), self._called, self._not_called, lock=[self.call_button])

    def _not_called(self, error: BaseException) -> None:
        # Nobody was called (e.g. walk-ins wait but none fits before this counter's appointment): the ticket
        # called before is no longer the one at the counter, so its buttons go with it.
        self._called(None)
        self.called_label.clear()
        self.feedback.show_error(error)

    def _called(self, called: Called | None) -> None:
        self.last_called = called
        self.no_show_button.setEnabled(called is not None)
        self.find_button.setEnabled(called is not None and called.appointment_id is None)
        if called is None:
            self.called_label.setText(self.tr("Nobody is waiting for this counter."))
            return
        self.called_label.setText(self.tr("Ticket %1 to %2").replace("%1", str(called.number)).replace("%2", called.counter))
        self.refresh()
        if called.appointment_id is not None:
            self.serve_appointment.emit(called.appointment_id)
        elif called.citizen_id is not None:
            self._serve_named_walk_in(called)  # the ticket names its citizen (e.g. a late arrival)
        else:
            self.find_walk_in()

    def set_document(self, result: IdentityCheckResult) -> None:
        self.document = result

    def _serve_named_walk_in(self, called: Called) -> None:
        queue, ctx, ticket_id = self._services.queue, self._ctx, called.ticket_id
        self.calls.run(lambda: queue.serve_walk_in(ctx, ticket_id), self._on_walk_in_served, lock=[self.find_button])

    @Slot()
    def find_walk_in(self) -> None:
        """Ask who the called walk-in is; serving them opens their visit like a booked citizen's."""
        called = self.last_called
        if called is None or called.appointment_id is not None:
            return
        if called.citizen_id is not None:
            self._serve_named_walk_in(called)
            return
        dialog = WalkInDialog(
            self._services, self._ctx, called, self.document, self, runner=self.calls.runner, language=self._language
        )
        dialog.served.connect(self._on_walk_in_served)
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        self.walk_in_dialog = dialog
        dialog.open()

    def _forget_dialog(self, dialog: WalkInDialog) -> None:
        if self.walk_in_dialog is dialog:
            self.walk_in_dialog = None
        dialog.deleteLater()

    @Slot(object)
    def appointment_served(self, visit: CheckedIn) -> None:
        """The booked citizen called here is at the counter, their visit open: no longer a no-show."""
        called = self.last_called
        if called is not None and called.appointment_id is not None and called.appointment_id == visit.appointment_id:
            self.no_show_button.setEnabled(False)
            self.find_button.setEnabled(False)

    @Slot(object)
    def _on_walk_in_served(self, visit: CheckedIn) -> None:
        # Served: no longer a no-show, and not to be served a second time.
        self.no_show_button.setEnabled(False)
        self.find_button.setEnabled(False)
        self.feedback.clear_message()
        self.served.emit(visit)

    @Slot()
    def no_show(self) -> None:
        self.feedback.clear_message()  # what was said before this action no longer holds
        if self.last_called is None:
            return
        called, queue, ctx = self.last_called, self._services.queue, self._ctx
        self.calls.run(
            lambda: queue.mark_no_show(ctx, called.ticket_id), lambda _none: self._marked_no_show(called),
            lock=[self.no_show_button],
        )

    def _marked_no_show(self, called: Called) -> None:
        self.feedback.info(self.tr("Ticket %1 did not come: marked as a no-show.").replace("%1", str(called.number)))
        self.last_called = None
        self.no_show_button.setEnabled(False)
        self.find_button.setEnabled(False)
        self.refresh()
