"""A walk-in called to this counter: find the citizen (CPR number, name and birth date, or the document just
checked) and serve them, exactly as a booked citizen. The look-ups are logged by the service as any other;
serving opens the visit and links it to the ticket (QueueService.serve_walk_in).

A citizen found who has a booking today for the ticket's service is served on it, by the service's rule: the
dialog says so before the clerk serves (the time, and whether it is served on or, past its late window,
counted a late arrival; a booking for another errand stays booked, and the dialog names its time and
service), from what the service reports alongside the search (QueueService.bookings_today)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.citizens import CitizenSummary
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from borgerservice_desk.services.queue import BookingToday, Called
from ui import dates
from ui.feedback import FeedbackLabel
from ui.models import ROW_ROLE, CitizenModel
from ui.qt_values import python_date
from ui.tasks import ServiceCalls, TaskRunner

MODES = ("cpr", "name_birth", "document")


class WalkInDialog(QDialog):
    served = Signal(CheckedIn)  # the walk-in's visit, open at this desk

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        called: Called,
        document: IdentityCheckResult | None = None,
        parent: QWidget | None = None,
        runner: TaskRunner | None = None,
        language: str = "da",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self._services = services
        self._language = language  # which of a service's two names to show
        self._ctx = ctx
        self.called = called
        self.document = document
        self.setWindowTitle(self.tr("Walk-in: find the citizen"))

        self.heading = QLabel(self.tr("Number %1 — find the citizen").replace("%1", str(called.number)))
        self.heading.setObjectName("walkInHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.mode = QComboBox()
        self.mode.setObjectName("walkInMode")
        for key, label in zip(
            MODES,
            (self.tr("CPR number"), self.tr("Name and birth date"), self.tr("The checked document")),
            strict=True,
        ):
            self.mode.addItem(label, key)
        self.query = QLineEdit()
        self.query.setObjectName("walkInQuery")
        self.birth_date = QDateEdit(QDate(1980, 1, 1))
        self.birth_date.setObjectName("walkInBirthDate")
        self.birth_date.setDisplayFormat(dates.DATE)
        self.search_button = QPushButton(self.tr("&Search (Enter)"))
        self.search_button.setObjectName("walkInSearch")
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(runner if runner is not None else TaskRunner(self), self.feedback, self)
        self.results = CitizenModel(self)
        self.results_view = QTableView()
        self.results_view.setObjectName("walkInResults")
        self.results_view.setModel(self.results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.verticalHeader().hide()
        self.results_view.horizontalHeader().setStretchLastSection(True)
        # What serving the citizen chosen does with their booking of today; empty (hidden) without one.
        self.booking_note = QLabel()
        self.booking_note.setObjectName("walkInBooking")
        self.booking_note.setWordWrap(True)
        self.booking_note.setStyleSheet("font-weight: bold")
        self.booking_note.hide()
        self._bookings: dict[int, BookingToday] = {}
        self.serve_button = QPushButton(self.tr("S&erve (Enter)"))
        self.serve_button.setObjectName("walkInServe")
        self.serve_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Not now (Esc)"))
        self.cancel_button.setObjectName("walkInCancel")
        # Enter is handled where it is typed (search in the fields, serve in the list), never by a default
        # button that would serve the row of an earlier search.
        for button in (self.search_button, self.serve_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)

        form = QFormLayout()
        form.addRow(self.tr("Search by"), self.mode)
        form.addRow(self.tr("&Find"), self.query)
        form.addRow(self.tr("Birth date"), self.birth_date)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.serve_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.search_button)
        layout.addWidget(self.feedback)
        layout.addWidget(self.results_view, 1)
        layout.addWidget(self.booking_note)
        layout.addLayout(buttons)
        self.resize(560, 420)

        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.query.returnPressed.connect(self.search)
        self.birth_date.editingFinished.connect(self._on_birth_date_done)
        self.search_button.clicked.connect(self.search)
        self.results_view.activated.connect(lambda _index: self.serve())
        self.results_view.selectionModel().currentRowChanged.connect(lambda _now, _before: self._show_booking())
        self.serve_button.clicked.connect(self.serve)
        self.cancel_button.clicked.connect(self.reject)
        self._on_mode_changed()
        self.query.setFocus()

    def _on_mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.birth_date.setEnabled(mode == "name_birth")
        self.query.setEnabled(mode != "document")
        placeholders = {
            "cpr": self.tr("DDMMYY-SSSS"),
            "name_birth": self.tr("Name, e.g. Søren Jensen"),
            "document": "",
        }
        self.query.setPlaceholderText(placeholders[str(mode)])

    @Slot()
    def _on_birth_date_done(self) -> None:
        if self.birth_date.hasFocus():
            self.search()

    def chosen(self) -> CitizenSummary | None:
        index = self.results_view.currentIndex()
        if not index.isValid():
            return None
        citizen = self.results.data(self.results.index(index.row(), 0), ROW_ROLE)
        return citizen if isinstance(citizen, CitizenSummary) else None

    @Slot()
    def search(self) -> None:
        self.feedback.clear_message()
        citizens = self._services.citizens
        purpose = self.tr("Counter visit")
        mode = self.mode.currentData()
        ctx, query = self._ctx, self.query.text()
        job: Callable[[], list[CitizenSummary]]
        if mode == "cpr":
            job = lambda: [citizens.find_by_cpr(ctx, query, purpose)]  # noqa: E731
        elif mode == "name_birth":
            born = python_date(self.birth_date.date())
            job = lambda: citizens.search_name_birth(ctx, query, born, purpose)  # noqa: E731
        else:
            if self.document is None:
                self.feedback.error(self.tr("No document has been checked at this desk yet."))
                return
            licence = getattr(self.document, "licence", None)
            if licence is not None:  # a licence: the names and birth date typed off its face
                name = f"{licence.given_names} {licence.surname}"
                job = lambda: citizens.search_name_birth(ctx, name, licence.birth_date, purpose)  # noqa: E731
            else:
                document = self.document.document
                assert document is not None  # an MRZ check (not a licence) always has the MRZ it parsed
                job = lambda: citizens.find_by_document(ctx, document, purpose)  # noqa: E731
        queue, ticket_id = self._services.queue, self.called.ticket_id

        def with_bookings() -> tuple[list[CitizenSummary], dict[int, BookingToday]]:
            found = job()
            return found, queue.bookings_today(ctx, ticket_id, [c.id for c in found])

        self.calls.run(with_bookings, lambda result: self._found(result[0], result[1], mode), self._not_found,
                       lock=[self.search_button])

    def _not_found(self, error: BaseException) -> None:
        self._set_rows([])
        self.feedback.show_error(error)

    def _found(self, found: list[CitizenSummary], bookings: dict[int, BookingToday], mode: object) -> None:
        if mode == "cpr":
            self.query.clear()  # never leave a typed CPR number on screen
        self._bookings = bookings
        self._set_rows(found)
        if not found:
            self.feedback.error(self.tr("No citizen found."))
            return
        self.results_view.setFocus()

    def _set_rows(self, rows: list[CitizenSummary]) -> None:
        if not rows:
            self._bookings = {}
        self.results.set_rows(rows)
        self.serve_button.setEnabled(bool(rows))
        if rows:
            self.results_view.selectRow(0)
            self.results_view.setCurrentIndex(self.results.index(0, 0))
        self._show_booking()

    def _show_booking(self) -> None:
        """Say, for the citizen chosen, what serving them does with their booking of today."""
        citizen = self.chosen()
        booking = self._bookings.get(citizen.id) if citizen is not None else None
        if booking is None:
            self.booking_note.clear()
            self.booking_note.hide()
            self.serve_button.setText(self.tr("S&erve (Enter)"))
            return
        at = dates.time_text(booking.starts_at)
        if booking.stays:
            service = booking.service_name_da if self._language == "da" else booking.service_name_en
            self.booking_note.setText(self.tr("The citizen also has an appointment today at %1 for %2. It stays booked: served now as a walk-in.").replace("%1", at).replace("%2", service))
            self.serve_button.setText(self.tr("S&erve (Enter)"))
        elif booking.late:
            self.booking_note.setText(self.tr("The citizen had an appointment today at %1 and is past the late window: served as a walk-in, the appointment counted as a late arrival.").replace("%1", at))
            self.serve_button.setText(self.tr("S&erve (Enter)"))
        else:
            self.booking_note.setText(self.tr("The citizen has an appointment today at %1 — served on the appointment, not as a walk-in.").replace("%1", at))
            self.serve_button.setText(self.tr("S&erve on the appointment (Enter)"))
        self.booking_note.show()

    @Slot()
    def serve(self) -> None:
        citizen = self.chosen()
        if citizen is None:
            self.feedback.error(self.tr("Search for the citizen first."))
            return
        queue, ctx, ticket_id = self._services.queue, self._ctx, self.called.ticket_id
        self.calls.run(lambda: queue.serve_walk_in(ctx, ticket_id, citizen.id), self._served, lock=[self.serve_button])

    def _served(self, visit: CheckedIn) -> None:
        self.served.emit(visit)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # handled by the field or list that has the focus; never by QDialog's default button
        super().keyPressEvent(event)
