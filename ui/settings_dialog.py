"""The centre's settings, for a supervisor: booking and arrival limits, closed days, counter absences,
and whether images of checked documents are kept.

Everything shown is read in one go off the UI thread: the dialog opens at once with its controls off and
says it is loading, and they come on, filled in, when the answer arrives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
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
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.centre_settings import NUMBERS, ClosureRow
from borgerservice_desk.services.context import ClerkContext
from ui import dates
from ui.dates import date_text
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
        for part in (self.day, self.counter, self.reason, add):
            row.addWidget(part)
        closures_layout = QVBoxLayout(closures)
        closures_layout.addWidget(self.closures)
        closures_layout.addLayout(row)
        closures_layout.addWidget(remove)
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
        layout.addWidget(offers)
        layout.addWidget(privacy)
        layout.addWidget(closures, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        add.clicked.connect(self.add_closure)
        remove.clicked.connect(self.remove_closure)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        fit_to_screen(self, 900, 820)
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

        def save_all() -> None:
            for key, value in numbers.items():
                settings.set_number(ctx, key, value)
            settings.set_opening_hours(ctx, hours)
            settings.set_counter_services(ctx, pairs)
            if keep != settings.keep_document_images():
                settings.set_keep_document_images(ctx, keep)

        self.calls.run(save_all, lambda _none: self.feedback.info(self.tr("Saved.")))

    def add_closure(self) -> None:
        settings, ctx = self._services.settings, self._ctx
        day, counter, reason = python_date(self.day.date()), self.counter.currentData(), self.reason.text()
        self.calls.run(lambda: settings.add_closure(ctx, day, counter, reason), self._closure_added)

    def _closure_added(self, _result: object) -> None:
        self.reason.clear()
        self._load_closures()

    def remove_closure(self) -> None:
        item = self.closures.currentItem()
        if item is None:
            return
        settings, ctx, closure_id = self._services.settings, self._ctx, int(item.data(Qt.ItemDataRole.UserRole))
        self.calls.run(lambda: settings.remove_closure(ctx, closure_id), lambda _none: self._load_closures())
