"""Book an appointment for the citizen shown: choose the service, pick one of the next free times."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.booking import Booking
from borgerservice_desk.services.citizens import CitizenSummary
from borgerservice_desk.services.context import ClerkContext
from ui.feedback import FeedbackLabel
from ui.models import local_time
from ui.receipt_dialog import ReceiptDialog
from ui.tasks import TaskRunner


class BookingDialog(QDialog):
    booked = Signal(object)  # Booking

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
        self._counters = dict(services.booking.counters(ctx))
        self.service = QComboBox()
        self.service.setObjectName("bookingService")
        for code, name_da, name_en, minutes in services.booking.services():
            self.service.addItem(f"{name_da if language == 'da' else name_en} ({minutes} min)", code)
        self.times = QListWidget()
        self.times.setObjectName("freeTimes")
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.book_button = buttons.addButton(
            self.tr("&Move") if moving else self.tr("&Book"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.book_button.setObjectName("bookButton")
        self.book_button.clicked.connect(self.book)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Citizen"), QLabel(citizen.full_name))
        form.addRow(self.tr("&Service"), self.service)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Next free times")))
        layout.addWidget(self.times, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        if moving is not None:
            self.service.setCurrentIndex(self.service.findData(moving.service_code))
            self.service.setEnabled(False)
        self.service.currentIndexChanged.connect(self.find_times)
        self.times.itemActivated.connect(lambda _item: self.book())
        self.find_times()
        self.resize(460, 480)

    def find_times(self) -> None:
        self.times.clear()
        try:
            free = self._services.booking.next_free(self._ctx, str(self.service.currentData()), limit=12)
        except DeskError as error:
            self.feedback.show_error(error)
            return
        for slot in free:
            item = QListWidgetItem(f"{local_time(slot.starts_at, '%a %d-%m-%Y %H:%M')}  ·  {self._counters.get(slot.counter_id, '')}")
            item.setData(Qt.ItemDataRole.UserRole, (slot.starts_at, slot.counter_id))
            self.times.addItem(item)
        if free:
            self.times.setCurrentRow(0)

    def book(self) -> None:
        item = self.times.currentItem()
        if item is None:
            self.feedback.error(self.tr("Choose a time first."))
            return
        starts_at, counter_id = item.data(Qt.ItemDataRole.UserRole)
        try:
            if self._moving is not None:
                booking = self._services.booking.move(self._ctx, self._moving.id, starts_at, counter_id=counter_id)
            else:
                booking = self._services.booking.book(
                    self._ctx, self._citizen.id, str(self.service.currentData()), starts_at, counter_id=counter_id
                )
        except DeskError as error:
            self.feedback.show_error(error)
            self.find_times()  # what was free a moment ago may not be; show what is
            return
        self.booked.emit(booking)
        folder = self._services.archive.root.parent / "confirmations"
        self.book_button.setEnabled(False)
        self._runner.run(
            lambda: self._services.booking.write_confirmation(self._ctx, booking.appointment_id, folder, self._language),
            lambda paths: self._show(booking, paths),
            self.feedback.show_error,
        )

    def _show(self, booking: Booking, paths: tuple[Path, Path]) -> None:
        pdf, ics = paths
        self.feedback.info(
            self.tr("Booked: code %1. Calendar file: %2").replace("%1", booking.booking_code).replace("%2", str(ics))
        )
        viewer = ReceiptDialog(pdf, booking.booking_code, self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        self.accept()
