"""Finding a citizen: by CPR number, MitID user ID, name and birth date, or the checked document.

Every look-up is logged with its purpose by the service; the CPR number stays masked unless the clerk
reveals it, and the reveal is logged too.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from borgerservice_desk.domain.cpr import cpr_typed
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.citizens import CitizenSummary, MitidOverview
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from ui import dates
from ui.booking_dialog import BookingDialog
from ui.dates import date_text
from ui.feedback import FeedbackLabel
from ui.layout_memory import compact_table, fit_columns
from ui.mitid_view import MitidView
from ui.models import ROW_ROLE, CitizenModel
from ui.tasks import ServiceCalls, TaskRunner

MODES = ("cpr", "user_id", "name_birth", "document")
# A citizen's times listed under them in full; more are counted (the open-bookings limit keeps it short).
BOOKINGS_SHOWN = 3


class BirthDateEdit(QLineEdit):
    """A birth date typed as DD-MM-YYYY: the digits go straight in, the dashes come by themselves.

    Unlike a QDateEdit, no part has to be selected first: an empty field always starts at the day, however
    the clerk got into it (Tab, a click anywhere in it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setInputMask("99-99-9999;_")
        self.setCursorPosition(0)

    def birth_date(self) -> date | None:
        """The date typed, or None while it is incomplete or no date (31-02-1980)."""
        value = QDate.fromString(self.text(), dates.DATE)
        if not value.isValid():
            return None
        return date(value.year(), value.month(), value.day())

    def set_birth_date(self, value: date | None) -> None:
        self.setText(date_text(value))
        if value is None:
            self.setCursorPosition(0)

    def _to_start_if_empty(self) -> None:
        if not any(char.isdigit() for char in self.text()):
            self.setCursorPosition(0)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._to_start_if_empty()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self._to_start_if_empty()


class _EnterSearches(QObject):
    """Enter (or Return) in any field of the search form starts the search."""

    def __init__(self, search: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._search = search

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._search()
            return True
        return False


class LookupPanel(QWidget):
    booking_chosen = Signal(str)  # the booking code of one of the citizen's times, to open in the Today list

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner | None = None,
        language: str = "da",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self._runner = runner or TaskRunner(self)
        self._language = language
        self.document: IdentityCheckResult | None = None
        self.shown: CitizenSummary | None = None
        self._searching = False

        self.mode = QComboBox()
        self.mode.setObjectName("lookupMode")
        for key, label in zip(
            MODES,
            (self.tr("CPR number"), self.tr("MitID user ID"), self.tr("Name and birth date"),
             self.tr("The checked document")),
            strict=True,
        ):
            self.mode.addItem(label, key)
        self.query = QLineEdit()
        self.query.setObjectName("lookupQuery")
        self.birth_date = BirthDateEdit()
        self.birth_date.setObjectName("lookupBirthDate")
        self.birth_date.setToolTip(self.tr("Type the birth date as DD-MM-YYYY, e.g. 15031980"))
        self.purpose = QComboBox()
        self.purpose.setObjectName("lookupPurpose")
        self.purpose.setEditable(True)
        for purpose in (self.tr("Counter visit"), self.tr("MitID block"), self.tr("Telephone enquiry")):
            self.purpose.addItem(purpose)
        self.search_button = QPushButton(self.tr("&Search (Enter)"))
        self.search_button.setObjectName("lookupSearch")
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(self._runner, self.feedback, self)  # searches and reveals, off the UI thread
        self.results = CitizenModel(self)
        self.results_view = QTableView()
        self.results_view.setObjectName("lookupResults")
        self.results_view.setModel(self.results)
        self.results_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.verticalHeader().hide()
        compact_table(self.results_view)  # one line a citizen: a long name is elided, not wrapped
        self.results_view.setMaximumHeight(160)
        self.citizen_label = QLabel()
        self.citizen_label.setObjectName("lookupCitizen")
        self.reveal_button = QPushButton(self.tr("Show full CPR number (logged)"))
        self.reveal_button.setObjectName("revealCpr")
        self.reveal_button.setEnabled(False)
        self.book_button = QPushButton(self.tr("Book &appointment… (Ctrl+T)"))
        self.book_button.setObjectName("bookAppointment")
        self.book_button.setEnabled(False)
        self.book_button.clicked.connect(self.book_appointment)
        QShortcut(QKeySequence("Ctrl+T"), self, self.book_appointment)
        # The citizen's times still to come at this centre: "when is my appointment?" answered from the
        # citizen found, when the confirmation and its code are at home. Read again with the MitID (a
        # change elsewhere, coming back to the tab); a time whose late window passes while shown stays
        # until then, and is refused as passed if the clerk acts on it.
        self.bookings_label = QLabel()
        self.bookings_label.setObjectName("lookupBookings")
        self.bookings_label.setWordWrap(True)
        # Each code a link to the booking in the Today list, to move or cancel it there: clicked, or Tab to
        # it and Enter.
        self.bookings_label.setTextFormat(Qt.TextFormat.RichText)
        self.bookings_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.bookings_label.setOpenExternalLinks(False)
        self.bookings_label.linkActivated.connect(self.booking_chosen)
        self.bookings_label.setToolTip(self.tr("Click a booking code (or Tab to it and Enter) to open it in Today"))
        self.mitid = MitidView()

        form = QFormLayout()
        form.addRow(self.tr("Search by"), self.mode)
        form.addRow(self.tr("&Find"), self.query)
        form.addRow(self.tr("Birth date"), self.birth_date)
        form.addRow(self.tr("Purpose"), self.purpose)
        citizen_row = QHBoxLayout()
        citizen_row.addWidget(self.citizen_label, 1)
        citizen_row.addWidget(self.reveal_button)
        citizen_row.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.search_button)
        layout.addWidget(self.feedback)
        layout.addWidget(self.results_view)
        layout.addLayout(citizen_row)
        layout.addWidget(self.bookings_label)
        layout.addWidget(self.mitid, 1)

        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self._enter = _EnterSearches(self.search, self)
        for field in (self.mode, self.query, self.birth_date, self.purpose, self.purpose.lineEdit()):
            if field is not None:
                field.installEventFilter(self._enter)
        self.search_button.clicked.connect(self.search)
        self.reveal_button.clicked.connect(self.reveal_cpr)
        self.results_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._on_row_changed(current.row())
        )
        self._on_mode_changed()

    def set_document(self, result: IdentityCheckResult) -> None:
        self.document = result

    def _on_mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.birth_date.setEnabled(mode == "name_birth")
        self.query.setEnabled(mode != "document")
        placeholders = {
            "cpr": self.tr("DDMMYY-SSSS"),
            "user_id": self.tr("MitID user ID"),
            "name_birth": self.tr("Name, e.g. Søren Jensen"),
            "document": "",
        }
        self.query.setPlaceholderText(placeholders[str(mode)])

    @Slot()
    def search(self) -> None:
        self.feedback.clear_message()
        citizens = self._services.citizens
        purpose = self.purpose.currentText().strip() or self.tr("Counter visit")
        mode = self.mode.currentData()
        if mode in ("name_birth", "user_id") and cpr_typed(self.query.text()) is not None:
            # A CPR number typed where a name (or user ID) was expected: look it up as the number it is.
            self.mode.setCurrentIndex(MODES.index("cpr"))
            mode = "cpr"
            self.feedback.info(self.tr("That is a CPR number: looked up by CPR number."))
        ctx, query = self._ctx, self.query.text()
        job: Callable[[], list[CitizenSummary]]
        if mode == "cpr":
            job = lambda: [citizens.find_by_cpr(ctx, query, purpose)]  # noqa: E731
        elif mode == "user_id":
            job = lambda: [citizens.find_by_user_id(ctx, query, purpose)]  # noqa: E731
        elif mode == "name_birth":
            born = self.birth_date.birth_date()
            if born is None:
                self.feedback.error(self.tr("Type the birth date as DD-MM-YYYY."))
                self.birth_date.setFocus()
                return
            job = lambda: citizens.search_name_birth(ctx, query, born, purpose)  # noqa: E731
        else:
            if self.document is None:
                self.feedback.error(self.tr("Check a document first, under Serving."))
                return
            licence = getattr(self.document, "licence", None)
            if licence is not None:
                # A licence: the names and birth date the clerk typed off its face.
                name = f"{licence.given_names} {licence.surname}"
                job = lambda: citizens.search_name_birth(ctx, name, licence.birth_date, purpose)  # noqa: E731
            else:
                document = self.document.document
                assert document is not None  # an MRZ check (not a licence) always has the MRZ it parsed
                job = lambda: citizens.find_by_document(ctx, document, purpose)  # noqa: E731
        self.calls.run(job, lambda found: self._found(found, mode), self._not_found)

    def _not_found(self, error: BaseException) -> None:
        self.results.set_rows([])
        self._show(-1)
        self.feedback.show_error(error)

    def _found(self, found: list[CitizenSummary], mode: object) -> None:
        if mode == "cpr":
            # The number typed stays on screen otherwise, unmasked, without a logged reveal.
            self.query.clear()
        self._searching = True
        try:
            self._list(found)
        finally:
            self._searching = False

    def _list(self, found: list[CitizenSummary]) -> None:
        self.results.set_rows(found)
        fit_columns(self.results_view, long_columns=(0,))
        if not found:
            self.feedback.error(self.tr("No citizen found."))
            self._show(-1)
            return
        self.results_view.selectRow(0)
        self._show(0)

    def _on_row_changed(self, row: int) -> None:
        """The clerk picks another citizen in the results: what was said about the last one goes."""
        if not self._searching:
            citizen = self.results.data(self.results.index(row, 0), ROW_ROLE) if row >= 0 else None
            if citizen != self.shown:
                self.feedback.clear_message()
        self._show(row)

    @Slot(int)
    def citizen_changed(self, citizen_id: int) -> None:
        """A citizen changed (a block, a lift, a check): the one shown is read again, off the UI thread."""
        if self.shown is not None and self.shown.id == citizen_id:
            self._read_again()

    def showEvent(self, event: QShowEvent) -> None:
        # Back at this tab: another desk may have changed the citizen shown since.
        super().showEvent(event)
        if self.shown is not None:
            self._read_again()

    @property
    def loading(self) -> bool:
        """A search, a reveal or a read of the citizen shown is still out."""
        return self.calls.busy or self.calls.fetching

    def _read_again(self) -> None:
        shown = self.shown
        if shown is None:
            return
        citizens, ctx = self._services.citizens, self._ctx
        purpose = self.purpose.currentText().strip() or self.tr("Counter visit")

        def done(overview: MitidOverview) -> None:
            if self.shown is None or self.shown.id != shown.id:
                return  # the clerk has moved on
            self.mitid.show_overview(overview)

        def failed(error: BaseException) -> None:
            if self.shown is not None and self.shown.id == shown.id:
                self.feedback.show_error(error)

        # Only the newest read may fill the view: one for an earlier citizen, or an older one for this
        # citizen, is dropped when it arrives.
        self.calls.fetch(lambda: citizens.mitid_overview(ctx, shown.id, purpose), done, failed, key="shown")
        self._read_bookings()

    def _read_bookings(self) -> None:
        shown = self.shown
        if shown is None:
            return
        appointments, ctx = self._services.appointments, self._ctx
        purpose = self.purpose.currentText().strip() or self.tr("Counter visit")

        def done(rows: list[AppointmentRow]) -> None:
            if self.shown is not None and self.shown.id == shown.id:
                self.bookings_label.setText(self._bookings_text(rows))

        def failed(error: BaseException) -> None:
            if self.shown is not None and self.shown.id == shown.id:
                self.bookings_label.setText(self.tr("The booked times could not be read."))
                self.feedback.show_error(error)

        self.calls.fetch(lambda: appointments.citizen_bookings(ctx, shown.id, purpose), done, failed, key="bookings")

    def _bookings_text(self, rows: list[AppointmentRow]) -> str:
        if not rows:
            return self.tr("No appointments booked here.")
        shown = [
            self.tr("%1 at %2: %3 (booking code %4)").replace("%1", dates.moment_text(row.starts_at, dates.WEEKDAY_DATE))
            .replace("%2", dates.time_text(row.starts_at))
            .replace("%3", html.escape(row.service_da if self._language == "da" else row.service_en))
            .replace("%4", f'<a href="{row.booking_code}">{row.booking_code}</a>')
            for row in rows[:BOOKINGS_SHOWN]
        ]
        more = len(rows) - BOOKINGS_SHOWN
        if more > 0:
            shown.append(self.tr("and %1 more").replace("%1", str(more)))
        return self.tr("Appointments here: %1").replace("%1", "; ".join(shown))

    def _show(self, row: int) -> None:
        if not 0 <= row < self.results.rowCount():
            self.shown = None
            self.citizen_label.setText("")
            self.reveal_button.setEnabled(False)
            self.book_button.setEnabled(False)
            self.bookings_label.setText("")
            self.mitid.show_overview(None)
            return
        citizen = self.results.data(self.results.index(row, 0), ROW_ROLE)
        if not isinstance(citizen, CitizenSummary) or citizen == self.shown:
            return
        self.shown = citizen
        self.bookings_label.setText("")
        no_cpr = self.tr("no CPR number")
        self.citizen_label.setText(
            f"{citizen.full_name}  ·  {citizen.cpr_masked or no_cpr}  ·  {date_text(citizen.birth_date)}"
        )
        self.reveal_button.setEnabled(citizen.has_cpr)
        self.book_button.setEnabled(True)
        # Read off the UI thread; what showed for the last citizen goes meanwhile (a re-read still out for
        # them is older and is dropped).
        self.mitid.show_overview(None)
        self._read_again()

    @Slot()
    def book_appointment(self) -> None:
        if self.shown is None:
            return
        dialog = BookingDialog(self._services, self._ctx, self._runner, self.shown, self._language, self)
        dialog.booked.connect(lambda _booking: self._read_bookings())  # the new time shows at once
        dialog.open()

    @Slot()
    def reveal_cpr(self) -> None:
        if self.shown is None:
            return
        purpose = self.purpose.currentText().strip() or self.tr("Counter visit")
        citizens, ctx, shown = self._services.citizens, self._ctx, self.shown
        self.calls.run(
            lambda: citizens.reveal_cpr(ctx, shown.id, purpose), lambda full: self._revealed(shown, full),
            lock=[self.reveal_button],
        )

    def _revealed(self, shown: CitizenSummary, full: str) -> None:
        if self.shown != shown:
            return  # the clerk has moved on to another citizen meanwhile
        self.citizen_label.setText(self.citizen_label.text().replace(shown.cpr_masked or "", full))
        self.reveal_button.setEnabled(False)
