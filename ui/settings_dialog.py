"""The centre's settings, for a supervisor: booking and arrival limits, closed days, counter absences,
and whether images of checked documents are kept.

Everything shown is read in one go off the UI thread: the dialog opens at once with its controls off and
says it is loading, and they come on, filled in, when the answer arrives.

A closed day, a counter's absence or new opening hours leave the bookings already made as they are: after
such a change the dialog lists the bookings now outside the open time (time, counter, service, citizen,
booking code), for the supervisor to have them moved or cancelled and the citizens told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.centre_settings import NUMBERS, BookingHit, ClosureRow, HitBy
from borgerservice_desk.services.context import ClerkContext
from ui import dates
from ui.dates import date_text, moment_text
from ui.feedback import FeedbackLabel
from ui.qt_values import python_date, python_time
from ui.screen_fit import fit_to_screen
from ui.tasks import ServiceCalls, TaskRunner


@dataclass(frozen=True)
class _Current:
    """What the dialog shows, as read in the worker."""

    numbers: dict[str, int]
    hours: dict[int, tuple[time, time]]
    services: list[tuple[str, str, str, int]]  # (code, Danish name, English name, minutes)
    service_ids: list[tuple[int, str]]
    counters: list[tuple[int, str]]
    offers: set[tuple[int, int]]  # (counter id, service id)
    keep_images: bool
    closures: list[ClosureRow]


class SettingsDialog(QDialog):
    def __init__(
        self, services: Services, ctx: ClerkContext, parent: QWidget | None = None, language: str = "da"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Centre settings"))
        self._services = services
        self._ctx = ctx
        labels = {
            "booking.min_notice_minutes": self.tr("Minimum notice for a booking (minutes)"),
            "booking.max_open_per_citizen": self.tr("Open bookings per citizen at most"),
            "arrival.early_minutes": self.tr("Check-in at the earliest (minutes before)"),
            "arrival.late_minutes": self.tr("Check-in at the latest (minutes after)"),
            "desk.lock_minutes": self.tr("Lock an untouched desk after (minutes)"),
            "questions.asked": self.tr("Control questions asked"),
            "questions.required": self.tr("Control questions that must be right"),
            "activation_code.valid_hours": self.tr("An activation code is valid for (hours)"),
        }
        self._language = language
        self.loaded = False  # the current settings are shown and may be changed
        self.spins: dict[str, QSpinBox] = {}
        limits = QGroupBox(self.tr("Booking and arrival"))
        form = QFormLayout(limits)
        for key, (_default, low, high) in NUMBERS.items():
            spin = QSpinBox()
            spin.setObjectName(key)
            spin.setRange(low, high)
            self.spins[key] = spin
            form.addRow(labels[key], spin)
        hours_box = QGroupBox(self.tr("Opening hours"))
        hours_form = QFormLayout(hours_box)
        day_names = [self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                     self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday")]
        self.hours: dict[int, tuple[QCheckBox, QTimeEdit, QTimeEdit]] = {}
        for weekday, name in enumerate(day_names):
            is_open = QCheckBox(self.tr("open"))
            is_open.setObjectName(f"open{weekday}")
            start, end = QTimeEdit(QTime(9, 0)), QTimeEdit(QTime(15, 0))
            for edit in (start, end):
                edit.setDisplayFormat("HH:mm")
            row_layout = QHBoxLayout()
            for widget in (is_open, start, QLabel("–"), end):
                row_layout.addWidget(widget)
            row_layout.addStretch()
            hours_form.addRow(name, row_layout)
            self.hours[weekday] = (is_open, start, end)
        offers = QGroupBox(self.tr("Which counter offers which service"))
        self.counter_list: list[tuple[int, str]] = []
        self._service_columns: list[int] = []
        self.offers = QTableWidget(0, 0)
        self.offers.setObjectName("counterServices")
        _rows_at_least(self.offers, 2)
        QVBoxLayout(offers).addWidget(self.offers)
        privacy = QGroupBox(self.tr("Identity checks"))
        self.keep_images = QCheckBox(self.tr("&Keep images of checked documents"))
        self.keep_images.setObjectName("keepDocumentImages")
        privacy_note = QLabel(
            self.tr(
                "Off (the default): a scan or photo is read and then discarded; only the document kind, issuing "
                "country, the last four characters of its number, its expiry and the result are kept."
            )
        )
        privacy_note.setWordWrap(True)
        privacy_layout = QVBoxLayout(privacy)
        privacy_layout.addWidget(self.keep_images)
        privacy_layout.addWidget(privacy_note)
        privacy_layout.addStretch()  # beside the services, taller than the two: kept together at the top
        closures = QGroupBox(self.tr("Closed days and counter absences"))
        self.closures = QListWidget()
        self.closures.setObjectName("closures")
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("closureDay")
        self.day.setDisplayFormat(dates.DATE)
        self.day.setCalendarPopup(True)
        self.counter = QComboBox()
        self.counter.setObjectName("closureCounter")
        self.counter.addItem(self.tr("The whole centre"), None)
        self.reason = QLineEdit()
        self.reason.setObjectName("closureReason")
        self.reason.setPlaceholderText(self.tr("Reason, e.g. staff day"))
        add = QPushButton(self.tr("&Add"))
        add.setObjectName("addClosure")
        remove = QPushButton(self.tr("&Remove chosen"))
        remove.setObjectName("removeClosure")
        row = QHBoxLayout()
        # Remove on the add row, and identity checks beside the counters' services: the room they took is the
        # list of bookings to move's, so the dialog still fits a 1280x800 screen with it shown.
        for part in (self.day, self.counter, self.reason, add, remove):
            row.addWidget(part)
        closures_layout = QVBoxLayout(closures)
        closures_layout.addWidget(self.closures)
        closures_layout.addLayout(row)
        # The bookings the last changes left on a closed day or outside the hours: hidden until there are any.
        # No frame or title of its own: the note says what they are, and the dialog must keep to the screen.
        self.hits_box = QWidget()
        self.hits_box.setObjectName("hitBookingsBox")
        self.hits_note = QLabel()
        self.hits_note.setObjectName("hitsNote")
        self.hits_note.setWordWrap(True)
        self.hits_note.setStyleSheet("color: #a01010; font-weight: bold")
        self.hits = QTableWidget(0, 6)
        self.hits.setObjectName("hitBookings")
        self.hits.setHorizontalHeaderLabels([self.tr("Time"), self.tr("Counter"), self.tr("Service"),
                                             self.tr("Citizen"), self.tr("Booking code"), self.tr("Why")])
        self.hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits.verticalHeader().setVisible(False)
        self.hits.horizontalHeader().setStretchLastSection(True)
        _rows_at_least(self.hits, 3)
        hits_layout = QVBoxLayout(self.hits_box)
        hits_layout.setContentsMargins(0, 0, 0, 0)
        hits_layout.addWidget(self.hits_note)
        hits_layout.addWidget(self.hits, 1)
        self.hits_box.setVisible(False)
        self._closure_hits: list[BookingHit] = []  # every closure added here, as each answered
        self._hours_hits: list[BookingHit] = []  # the last save's opening hours
        self._closure_rows: dict[int, ClosureRow] = {}
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(TaskRunner(self), self.feedback, self)  # reading and saving, off the UI thread
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveSettings")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(limits)
        top.addWidget(hours_box)
        layout.addLayout(top)
        middle = QHBoxLayout()
        middle.addWidget(offers, 1)
        middle.addWidget(privacy, 1)
        layout.addLayout(middle, 1)
        layout.addWidget(closures, 1)
        layout.addWidget(self.hits_box, 2)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        add.clicked.connect(self.add_closure)
        remove.clicked.connect(self.remove_closure)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        fit_to_screen(self, 1100, 820)  # wide enough for the counters' services beside the identity checks
        # Off until the current settings are in: nothing is saved over values the supervisor never saw.
        self._editable = [limits, hours_box, offers, privacy, closures, self.save_button]
        for editable in self._editable:
            editable.setEnabled(False)
        self.feedback.busy(self.tr("Loading the settings…"))
        self.calls.fetch(self._read_current, self._show_current)

    def _read_current(self) -> _Current:
        """In the worker: every setting the dialog shows, read at once."""
        settings, booking, ctx = self._services.settings, self._services.booking, self._ctx
        return _Current(
            numbers=settings.numbers(), hours=settings.opening_hours(ctx), services=booking.services(),
            service_ids=booking.service_ids(), counters=booking.counters(ctx), offers=settings.counter_services(ctx),
            keep_images=settings.keep_document_images(), closures=settings.closures(ctx),
        )

    def _show_current(self, current: _Current) -> None:
        for key, spin in self.spins.items():
            spin.setValue(current.numbers[key])
        for weekday, (is_open, start, end) in self.hours.items():
            opens, closes = current.hours.get(weekday, (time(9), time(15)))
            start.setTime(QTime(opens.hour, opens.minute))
            end.setTime(QTime(closes.hour, closes.minute))
            is_open.setChecked(weekday in current.hours)
        language = self._language
        names = {code: (da if language == "da" else en) for code, da, en, _m in current.services}
        self.counter_list = current.counters
        self._service_columns = [service_id for service_id, _code in current.service_ids]
        self.offers.setRowCount(len(self.counter_list))
        self.offers.setColumnCount(len(self._service_columns))
        self.offers.setHorizontalHeaderLabels([names.get(code, code) for _id, code in current.service_ids])
        self.offers.setVerticalHeaderLabels([name for _id, name in self.counter_list])
        for r, (counter_id, _name) in enumerate(self.counter_list):
            for c, service_id in enumerate(self._service_columns):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                offered = (counter_id, service_id) in current.offers
                item.setCheckState(Qt.CheckState.Checked if offered else Qt.CheckState.Unchecked)
                self.offers.setItem(r, c, item)
        self.offers.resizeColumnsToContents()
        self.keep_images.setChecked(current.keep_images)
        for counter_id, name in self.counter_list:
            self.counter.addItem(name, counter_id)
        self._show_closures(current.closures)
        for widget in self._editable:
            widget.setEnabled(True)
        self.feedback.clear_message()
        self.loaded = True

    def _load_closures(self) -> None:
        settings, ctx = self._services.settings, self._ctx
        self.calls.fetch(lambda: settings.closures(ctx), self._show_closures, key="closures")

    def _show_closures(self, closures: list[ClosureRow]) -> None:
        self.closures.clear()
        self._closure_rows = {closure.id: closure for closure in closures}
        for closure in closures:
            where = closure.counter or self.tr("the whole centre")
            item = QListWidgetItem(f"{date_text(closure.day)}  ·  {where}  ·  {closure.reason}")
            item.setData(Qt.ItemDataRole.UserRole, closure.id)
            self.closures.addItem(item)

    def save(self) -> None:
        hours: dict[int, tuple[time, time] | None] = {}
        for weekday, (is_open, start, end) in self.hours.items():
            hours[weekday] = (python_time(start.time()), python_time(end.time())) if is_open.isChecked() else None
        pairs = {
            (counter_id, self._service_columns[c])
            for r, (counter_id, _name) in enumerate(self.counter_list)
            for c in range(len(self._service_columns))
            if (item := self.offers.item(r, c)) is not None and item.checkState() == Qt.CheckState.Checked
        }
        settings, ctx = self._services.settings, self._ctx
        numbers = {key: spin.value() for key, spin in self.spins.items()}
        keep = self.keep_images.isChecked()

        def save_all() -> list[BookingHit]:
            for key, value in numbers.items():
                settings.set_number(ctx, key, value)
            hits = settings.set_opening_hours(ctx, hours)
            settings.set_counter_services(ctx, pairs)
            if keep != settings.keep_document_images():
                settings.set_keep_document_images(ctx, keep)
            return hits

        self.calls.run(save_all, self._saved)

    def _saved(self, hits: list[BookingHit]) -> None:
        self.feedback.info(self.tr("Saved."))
        self._hours_hits = hits  # every booking outside the hours as saved: the last save says it all
        self._show_hits()

    def add_closure(self) -> None:
        settings, ctx = self._services.settings, self._ctx
        day, counter, reason = python_date(self.day.date()), self.counter.currentData(), self.reason.text()
        self.calls.run(lambda: settings.add_closure(ctx, day, counter, reason), self._closure_added)

    def _closure_added(self, hits: list[BookingHit]) -> None:
        self.reason.clear()
        self._load_closures()
        shown = {h.appointment_id for h in self._closure_hits}
        self._closure_hits += [h for h in hits if h.appointment_id not in shown]
        self._show_hits()

    def remove_closure(self) -> None:
        item = self.closures.currentItem()
        if item is None:
            return
        settings, ctx, closure_id = self._services.settings, self._ctx, int(item.data(Qt.ItemDataRole.UserRole))
        closure = self._closure_rows.get(closure_id)
        self.calls.run(lambda: settings.remove_closure(ctx, closure_id), lambda _none: self._closure_removed(closure))

    def _closure_removed(self, closure: ClosureRow | None) -> None:
        self._load_closures()
        if closure is not None:
            # Its day is open again (for its counter): the bookings it hit are no longer in the way.
            self._closure_hits = [h for h in self._closure_hits if not (
                h.starts_at.date() == closure.day
                and (h.why == HitBy.CENTRE_CLOSED if closure.counter is None else
                     h.why == HitBy.COUNTER_ABSENT and h.counter == closure.counter)
            )]
            self._show_hits()

    def _show_hits(self) -> None:
        """The bookings the closures added here and the last save's hours leave outside the open time, each
        once, in time order, with what to do about them."""
        by_id = {h.appointment_id: h for h in self._hours_hits}
        by_id.update((h.appointment_id, h) for h in self._closure_hits)  # a closed day says more than the hours
        hits = sorted(by_id.values(), key=lambda h: (h.starts_at, h.counter))
        self.hits_box.setVisible(bool(hits))
        self.hits.setRowCount(len(hits))
        if not hits:
            return
        closed = any(h.why != HitBy.OUTSIDE_HOURS for h in hits)
        outside = any(h.why == HitBy.OUTSIDE_HOURS for h in hits)
        if len(hits) == 1:
            note = (self.tr("This appointment now falls on a closed day or outside the opening hours — move it or "
                            "cancel it and contact the citizen.") if closed and outside else
                    self.tr("This appointment now falls on a closed day — move it or cancel it and contact the "
                            "citizen.") if closed else
                    self.tr("This appointment now falls outside the opening hours — move it or cancel it and "
                            "contact the citizen."))
        else:
            note = (self.tr("These %1 appointments now fall on a closed day or outside the opening hours — move "
                            "them or cancel them and contact the citizens.") if closed and outside else
                    self.tr("These %1 appointments now fall on a closed day — move them or cancel them and "
                            "contact the citizens.") if closed else
                    self.tr("These %1 appointments now fall outside the opening hours — move them or cancel them "
                            "and contact the citizens.")).replace("%1", str(len(hits)))
        self.hits_note.setText(note)
        why = {HitBy.CENTRE_CLOSED: self.tr("Closed day"), HitBy.COUNTER_ABSENT: self.tr("Counter absent"),
               HitBy.OUTSIDE_HOURS: self.tr("Outside the opening hours")}
        for r, hit in enumerate(hits):
            when = f"{moment_text(hit.starts_at, f'{dates.WEEKDAY_DATE} {dates.TIME}')}–{moment_text(hit.ends_at, dates.TIME)}"
            service = hit.service_da if self._language == "da" else hit.service_en
            cells = [when, hit.counter, service, hit.citizen_name, hit.booking_code, why.get(hit.why, hit.why)]
            for c, text in enumerate(cells):
                self.hits.setItem(r, c, QTableWidgetItem(text))
        self.hits.resizeColumnsToContents()


def _rows_at_least(table: QTableWidget, rows: int) -> None:
    """The table asks for room to show its header and `rows` rows, and takes more only as its layout gives it.

    Its own size hint (some ten rows) would otherwise count as the least the dialog's layout may give it once
    a wrapped label shares the layout (Qt's layouts then use a height for the width as both), squeezing the
    spin boxes above to slivers at 800 pixels high when the list of bookings to move is shown."""
    policy = table.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
    table.setSizePolicy(policy)
    row = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(table.horizontalHeader().sizeHint().height() + rows * row + 2 * table.frameWidth())
