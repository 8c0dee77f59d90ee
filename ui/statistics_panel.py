"""Statistics per service and day: bookings, no-show rate, waiting time in the queue. The last week loads
when the tab is first shown (in a worker), so the clerk does not have to press Show first. The services'
names and the centre's today are read in a worker too, as the tab is made; its controls are off till then."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.statistics import ServiceDay
from ui import dates
from ui.dates import date_text
from ui.feedback import FeedbackLabel
from ui.models import Column, RowTableModel
from ui.qt_values import python_date
from ui.tasks import ServiceCalls, TaskRunner


class StatisticsModel(RowTableModel[ServiceDay]):
    def __init__(self, names: dict[str, str]) -> None:
        # Spelled out, not through an alias: lupdate finds only QCoreApplication.translate(...) calls.
        super().__init__(
            [
                Column(QCoreApplication.translate("statistics", "Day"), lambda r: date_text(r.day)),
                Column(QCoreApplication.translate("statistics", "Service"), lambda r: names.get(r.service, r.service)),
                Column(QCoreApplication.translate("statistics", "Bookings"), lambda r: str(r.bookings)),
                Column(QCoreApplication.translate("statistics", "No-shows"), lambda r: f"{r.no_shows} ({r.no_show_rate:.0%})"),
                Column(QCoreApplication.translate("statistics", "Late arrivals"), lambda r: str(r.late_arrivals)),
                Column(QCoreApplication.translate("statistics", "Called from the queue"), lambda r: str(r.served_from_queue)),
                Column(
                    QCoreApplication.translate("statistics", "Median wait"),
                    lambda r: "" if r.median_wait_minutes is None else f"{r.median_wait_minutes:.0f} min",
                ),
            ]
        )


class StatisticsPanel(QWidget):
    def __init__(
        self, services: Services, ctx: ClerkContext, runner: TaskRunner, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self._runner = runner
        self._language = language
        self._names: dict[str, str] = {}  # filled in once read; the model looks names up in it
        self.model = StatisticsModel(self._names)
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit in (self.first, self.last):
            edit.setDisplayFormat(dates.DATE)
            edit.setCalendarPopup(True)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setObjectName("showStatistics")
        self.table = QTableView()
        self.table.setObjectName("statisticsTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.feedback = FeedbackLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.first)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.last)
        row.addWidget(self.show_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.feedback)
        layout.addWidget(self.table, 1)
        self.show_button.clicked.connect(self.refresh)
        self.loaded_once = False  # loads on the tab's first show, not with the window
        self.ready = False  # the names and the dates are in
        self._refresh_when_ready = False
        self._controls = (self.first, self.last, self.show_button)
        for widget in self._controls:
            widget.setEnabled(False)
        self.calls = ServiceCalls(runner, self.feedback, self)
        self._starting = False
        self._start()

    def _start(self) -> None:
        """Read the services' names and the centre's today; tried again by the next refresh if it failed."""
        if self.ready or self._starting:
            return
        self._starting = True
        booking, appointments, centre_id = self._services.booking, self._services.appointments, self._ctx.centre_id
        self.calls.fetch(lambda: (booking.services(), appointments.today(centre_id)), self._on_ready,
                         self._on_start_failed)

    def _on_start_failed(self, error: BaseException) -> None:
        self._starting = False
        self.feedback.show_error(error)

    def _on_ready(self, result: tuple[list[tuple[str, str, str, int]], date]) -> None:
        self._starting = False
        services, today = result
        self._names.update({code: (da if self._language == "da" else en) for code, da, en, _m in services})
        self.first.setDate(QDate(today - timedelta(days=7)))
        self.last.setDate(QDate(today))
        for widget in self._controls:
            widget.setEnabled(True)
        self.ready = True
        if self._refresh_when_ready:
            self.refresh()  # asked for (or the tab shown) before the dates were in

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.refresh()  # at once, or as soon as the dates are in

    @Slot()
    def refresh(self) -> None:
        if not self.ready:
            self._refresh_when_ready = True
            self._start()
            return
        self.loaded_once = True
        first, last = python_date(self.first.date()), python_date(self.last.date())
        statistics, ctx = self._services.statistics, self._ctx
        self.calls.fetch(lambda: statistics.per_service_and_day(ctx, first, last), self._on_loaded, key="rows")

    def _on_loaded(self, rows: list[ServiceDay]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
