"""Book an appointment for the citizen shown: choose the service, a day in the calendar (days with free
times and closed days marked), a time and a counter on that day; then the booking confirmation.

Every database call runs through ServiceCalls, off the UI thread. Which days are free or closed, and
what is free on a day, the core decides (BookingService.day_availability / free_on_day); the dialog only
shows it. An answer that arrives after the clerk has moved on (another service, month or day) is dropped.

Enter books the time shown, once, wherever the focus is (Book is the dialog's default button; Close never
is); Esc closes. A refusal stays in the dialog, with the times read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.scheduling import DayAvailability, FreeTime
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.citizens import CitizenSummary
from borgerservice_desk.services.context import ClerkContext
from ui.dates import date_text, time_text
from ui.feedback import FeedbackLabel
from ui.receipt_dialog import ReceiptDialog
from ui.tasks import ServiceCalls, TaskRunner


@dataclass(frozen=True)
class _Start:
    """What the dialog needs before the clerk can choose: services, counters, the bookable days."""

    services: list[tuple[str, str, str, int]]
    counters: dict[int, str]
    first: date
    last: date


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _is_enter(event: QKeyEvent) -> bool:
    """Enter or Return as QDialog takes them for its default button (no modifier but the keypad's)."""
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in (
        Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier
    )


def _month(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return first, following - timedelta(days=1)


class BookingDialog(QDialog):
    booked = Signal(Booking)  # the appointment just booked
    day_loaded = Signal()  # the free times of the chosen day are shown (for tests and the curious)
    month_loaded = Signal()  # the calendar's marks for the shown month are up to date

    @classmethod
    def for_move(
        cls,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        appointment: AppointmentRow,
        language: str,
        parent: QWidget | None = None,
    ) -> BookingDialog:
        """The same dialog, moving an existing booking: its service is fixed and its code kept."""
        citizen = CitizenSummary(appointment.citizen_id, appointment.citizen_name, "", "", date.min, None,
                                 appointment.cpr_masked)
        dialog = cls(services, ctx, runner, citizen, language, parent, moving=appointment)
        return dialog

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        citizen: CitizenSummary,
        language: str,
        parent: QWidget | None = None,
        *,
        moving: AppointmentRow | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingDialog")
        self._moving = moving
        self.setWindowTitle(self.tr("Move the booking") if moving else self.tr("Book an appointment"))
        self._services = services
        self._ctx = ctx
        self._runner = runner
        self._citizen = citizen
        self._language = language
        self._counters: dict[int, str] = {}
        self._free_days: frozenset[date] = frozenset()
        self._closed_days: frozenset[date] = frozenset()
        self._month_key: tuple[str, int, int] | None = None
        self._day_key: tuple[str, date] | None = None
        self._last_day: date | None = None
        self._first_month = True
        self._at_time: dict[datetime, list[int]] = {}

        self.service = QComboBox()
        self.service.setObjectName("bookingService")
        self.service.setEnabled(False)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("bookingCalendar")
        self.calendar.setEnabled(False)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setLocale(
            QLocale(QLocale.Language.Danish, QLocale.Country.Denmark) if language == "da"
            else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
        )
        # Wide enough for every day's short name in its column: at the width the layout gave it, Danish "man."
        # was cut to "m…". A column needs the widest name and its cell's margins (a few px each side).
        names = (self.calendar.locale().dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8))
        widest = max(self.calendar.fontMetrics().horizontalAdvance(name) for name in names)
        self.calendar.setMinimumWidth(7 * (widest + 16))
        legend = QLabel(self.tr("Bold green: days with free times. Grey and struck through: closed."))
        legend.setWordWrap(True)
        self.day_label = QLabel()
        self.day_label.setObjectName("bookingDay")
        self.times = QListWidget()
        self.times.setObjectName("freeTimes")
        self.counter = QComboBox()
        self.counter.setObjectName("bookingCounter")
        # A move writes the confirmation anew: in the language the citizen's last one was in, where known.
        kept = moving.confirmation_language if moving is not None else None
        self.confirmation_language = confirmation_language_box(kept or language, "confirmationLanguage")
        self.feedback = FeedbackLabel()
        # Reads (the month's marks, the day's times) may overlap, each dropped by its own key check when the
        # clerk has moved on; the booking itself is one call at a time.
        self.calls = ServiceCalls(runner, self.feedback, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Enter never closes: as the first button in the focus chain, Close was made the default, and Enter on
        # a time (or the counter) closed the dialog, taking a refusal with it. Esc closes.
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.book_button = buttons.addButton(
            self.tr("&Move") if moving else self.tr("&Book"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.book_button.setObjectName("bookButton")
        self.book_button.setEnabled(False)
        self.book_button.clicked.connect(self.book)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Citizen"), QLabel(citizen.full_name))
        form.addRow(self.tr("&Service"), self.service)
        left = QVBoxLayout()
        day_caption = QLabel(self.tr("&Day"))
        day_caption.setBuddy(self.calendar)
        left.addWidget(day_caption)
        left.addWidget(self.calendar)
        left.addWidget(legend)
        right = QVBoxLayout()
        right.addWidget(self.day_label)
        times_caption = QLabel(self.tr("&Time"))
        times_caption.setBuddy(self.times)
        right.addWidget(times_caption)
        right.addWidget(self.times, 1)
        counter_form = QFormLayout()
        counter_form.addRow(self.tr("&Counter"), self.counter)
        right.addLayout(counter_form)
        columns = QHBoxLayout()
        columns.addLayout(left)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(columns, 1)
        language_caption = QLabel(self.tr("Confirmation &in"))
        language_caption.setBuddy(self.confirmation_language)
        bottom = QHBoxLayout()
        bottom.addWidget(language_caption)
        bottom.addWidget(self.confirmation_language)
        bottom.addStretch()
        bottom.addWidget(buttons)
        layout.addWidget(self.feedback)
        layout.addLayout(bottom)
        # Made the default once inside the dialog: set before, the dialog never learns it is its main default,
        # and loses it for good once the focus has passed over the button.
        self.book_button.setDefault(True)

        self.calendar.selectionChanged.connect(self._day_chosen)
        self.calendar.currentPageChanged.connect(lambda _year, _month: self._load_month())
        # A double click on a day goes on to its times; Enter on it books (below, in eventFilter).
        self.calendar.activated.connect(lambda _day: self.times.setFocus())
        self.times.currentItemChanged.connect(lambda _now, _before: self._show_counters())
        # Enter on a time reaches the default button by itself (the list lets it through): booking on the
        # list's activation too booked twice. A double click books.
        self.times.itemDoubleClicked.connect(lambda _item: self.book())
        # The calendar's grid keeps Enter to itself (as "day chosen"): caught before it, to book like
        # everywhere else in the dialog.
        self._calendar_grid = self.calendar.findChild(QTableView)
        self._year_edit = self.calendar.findChild(QSpinBox)
        for part in (self._calendar_grid, self._year_edit):
            if part is not None:
                part.installEventFilter(self)
        self.resize(760, 520)

        booking = services.booking

        def start() -> _Start:
            first, last = booking.bookable_days(ctx)
            return _Start(booking.services(), dict(booking.counters(ctx)), first, last)

        self._run(start, self._started)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and _is_enter(event):
            # On a day without a time to book yet (its times on their way, or none) Enter goes on to the times.
            if watched is self._calendar_grid and self.book_button.isEnabled():
                self.book_button.click()
                event.accept()
                return True
            if watched is self._year_edit and isinstance(watched, QWidget):
                # Enter typing a year ends the year, then went on to the default button: it booked a time
                # of the day chosen before, a day the clerk may no longer see. The year edit has it alone
                # (accepted: an ignored key goes on to the parents, whatever a filter answers).
                watched.event(event)
                event.accept()
                return True
        return super().eventFilter(watched, event)

    # Loading ----------------------------------------------------------------------------------------
    def _run(self, job: Callable[[], object], done: Callable[[object], None]) -> None:
        self.calls.fetch(job, done)

    def _started(self, result: object) -> None:
        assert isinstance(result, _Start)
        self._counters = result.counters
        self.service.blockSignals(True)
        for code, name_da, name_en, minutes in result.services:
            self.service.addItem(f"{name_da if self._language == 'da' else name_en} ({minutes} min)", code)
        if self._moving is not None:
            self.service.setCurrentIndex(self.service.findData(self._moving.service_code))
        self.service.blockSignals(False)
        self.service.setEnabled(self._moving is None)
        self.service.currentIndexChanged.connect(self._service_changed)
        self.calendar.blockSignals(True)
        self.calendar.setDateRange(_qdate(result.first), _qdate(result.last))
        self.calendar.setSelectedDate(_qdate(result.first))
        self.calendar.blockSignals(False)
        self._last_day = result.first
        self.calendar.setEnabled(True)
        self._load_month()
        self.calendar.setFocus()

    def _service_code(self) -> str:
        return str(self.service.currentData())

    def _service_changed(self) -> None:
        self._first_month = True  # a new service: show its first free day again
        self._load_month()

    def _load_month(self) -> None:
        """Ask which days of the month shown have free times and which are closed."""
        year, month = self.calendar.yearShown(), self.calendar.monthShown()
        first, last = _month(year, month)
        first = max(first, _pydate(self.calendar.minimumDate()))
        last = min(last, _pydate(self.calendar.maximumDate()))
        key = (self._service_code(), year, month)
        self._month_key = key
        if last < first:
            return
        booking, ctx = self._services.booking, self._ctx
        self._run(lambda: booking.day_availability(ctx, key[0], first, last),
                  lambda days: self._month_shown(key, days))

    def _month_shown(self, key: tuple[str, int, int], days: object) -> None:
        if key != self._month_key:
            return  # the clerk has moved on
        assert isinstance(days, DayAvailability)
        self._free_days, self._closed_days = days.free, days.closed
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear the last month's marks
        free = QTextCharFormat()
        free.setFontWeight(QFont.Weight.Bold)
        free.setForeground(QColor("#0b5d1e"))
        free.setBackground(QColor("#dff3e3"))
        closed = QTextCharFormat()
        closed.setForeground(QColor("#8a8a8a"))
        closed.setFontStrikeOut(True)
        for day in days.free:
            self.calendar.setDateTextFormat(_qdate(day), free)
        for day in days.closed:
            self.calendar.setDateTextFormat(_qdate(day), closed)
        chosen, first, self._first_month = self.selected_day(), self._first_month, False
        later = sorted(d for d in days.free if d >= chosen)
        if first and chosen not in days.free and later:
            self.calendar.setSelectedDate(_qdate(later[0]))  # the first day with free times; loads it
        elif chosen in days.closed:
            self._day_chosen()
        elif first:
            self._load_day()
        self.month_loaded.emit()

    def selected_day(self) -> date:
        return _pydate(self.calendar.selectedDate())

    def _day_chosen(self) -> None:
        """A closed day cannot be chosen: the selection goes on to the next open day the way the clerk
        was going (back for a move back), and the clerk is told why."""
        day = self.selected_day()
        if day in self._closed_days:
            step = timedelta(days=-1 if self._last_day is not None and day < self._last_day else 1)
            low, high = _pydate(self.calendar.minimumDate()), _pydate(self.calendar.maximumDate())
            other = day + step
            while low <= other <= high and other in self._closed_days:
                other += step
            if not low <= other <= high:
                other = self._last_day if self._last_day is not None else low
            self.feedback.error(
                self.tr("The centre is closed on %1. Choose another day.").replace("%1", date_text(day))
            )
            self._last_day = other
            self.calendar.setSelectedDate(_qdate(other))  # comes back here with an open day
            return
        if day != self._last_day:
            self.feedback.clear_message()
        self._last_day = day
        self._load_day()

    def _load_day(self) -> None:
        day = self.selected_day()
        key = (self._service_code(), day)
        self._day_key = key
        self.times.clear()
        self.counter.clear()
        self.book_button.setEnabled(False)
        self.day_label.setText(self.tr("Free times on %1").replace("%1", date_text(day)))
        booking, ctx = self._services.booking, self._ctx
        self._run(lambda: booking.free_on_day(ctx, key[0], key[1]), lambda free: self._day_shown(key, free))

    def _day_shown(self, key: tuple[str, date], free: object) -> None:
        if key != self._day_key:
            return  # the clerk has moved on
        assert isinstance(free, list)
        self._at_time = {}
        for slot in free:
            assert isinstance(slot, FreeTime)
            self._at_time.setdefault(slot.starts_at, []).append(slot.counter_id)
        self.times.clear()
        for starts_at, counters in self._at_time.items():
            names = ", ".join(self._counters.get(c, "") for c in counters)
            item = QListWidgetItem(f"{time_text(starts_at)}  ·  {names}")
            item.setData(Qt.ItemDataRole.UserRole, starts_at)
            self.times.addItem(item)
        if self._at_time:
            self.times.setCurrentRow(0)
        else:
            self.day_label.setText(self.tr("No free times on %1").replace("%1", date_text(key[1])))
        self.book_button.setEnabled(bool(self._at_time))
        self.day_loaded.emit()

    def _show_counters(self) -> None:
        self.counter.clear()
        item = self.times.currentItem()
        if item is None:
            return
        for counter_id in self._at_time.get(item.data(Qt.ItemDataRole.UserRole), []):
            self.counter.addItem(self._counters.get(counter_id, str(counter_id)), counter_id)

    # Booking ----------------------------------------------------------------------------------------
    def book(self) -> None:
        item = self.times.currentItem()
        if item is None or self.counter.currentData() is None:
            self.feedback.error(self.tr("Choose a time first."))
            return
        starts_at: datetime = item.data(Qt.ItemDataRole.UserRole)
        counter_id = int(self.counter.currentData())
        booking, ctx, moving, citizen = self._services.booking, self._ctx, self._moving, self._citizen
        service = self._service_code()
        language = str(self.confirmation_language.currentData())  # as chosen when Book was pressed

        def job() -> Booking:
            if moving is not None:
                return booking.move(ctx, moving.id, starts_at, counter_id=counter_id)
            return booking.book(ctx, citizen.id, service, starts_at, counter_id=counter_id)

        self.calls.run(job, lambda result: self._booked(result, language), self._refused, lock=[self.book_button])

    def _refused(self, error: BaseException) -> None:
        self.feedback.show_error(error)
        self._load_day()  # what was free a moment ago may not be; show what is
        self._load_month()

    def _booked(self, result: object, language: str) -> None:
        assert isinstance(result, Booking)
        booking = result
        self.booked.emit(booking)
        service, ctx = self._services.booking, self._ctx
        # The button stays off while the confirmation is written: the booking is made, not to be made twice.
        self.calls.run(
            lambda: service.write_confirmation(ctx, booking.appointment_id, language=language),
            lambda paths: self._show(booking, paths), self._confirmation_failed, lock=[self.book_button],
        )

    def _confirmation_failed(self, error: BaseException) -> None:
        self.feedback.show_error(error)
        self.book_button.setEnabled(False)  # booked all the same: not a second time

    def _show(self, booking: Booking, paths: object) -> None:
        show_confirmation(booking.booking_code, paths, self.parentWidget() or self)
        self.accept()


def confirmation_language_box(language: str, name: str) -> QComboBox:
    """The language a confirmation is written in: the citizen's, not the desk's (a Danish desk books for,
    and prints again for, citizens who read English). Each named in itself; the window's is chosen first."""
    box = QComboBox()
    box.setObjectName(name)
    box.addItem("Dansk", "da")
    box.addItem("English", "en")
    choose_language(box, language)
    return box


def choose_language(box: QComboBox, language: str) -> None:
    """Choose `language` ("da", "en") in a box made by `confirmation_language_box`; Danish for any other."""
    box.setCurrentIndex(max(0, box.findData(language)))


def show_confirmation(booking_code: str, paths: object, parent: QWidget) -> ReceiptDialog:
    """The confirmation just written (`BookingService.write_confirmation`: PDF and .ics) as it prints, with
    where both files are; Ctrl+P in it prints. After a booking, and again from the day list."""
    assert isinstance(paths, tuple)
    pdf, ics = paths
    assert isinstance(pdf, Path) and isinstance(ics, Path)
    note = (
        QCoreApplication.translate("BookingDialog", "Booking code %1. Confirmation %2 and calendar file %3 saved in the folder %4")
        .replace("%1", booking_code).replace("%2", pdf.name).replace("%3", ics.name)
        .replace("%4", str(ics.parent))
    )
    viewer = ReceiptDialog(
        pdf, booking_code, parent,
        title=QCoreApplication.translate("BookingDialog", "Booking confirmation %1").replace("%1", booking_code), note=note,
    )
    viewer.setObjectName("bookingConfirmation")
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer
