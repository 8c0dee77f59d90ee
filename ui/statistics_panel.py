"""Statistics per service and day: bookings, no-show rate, waiting time in the queue. The last week loads
when the tab is first shown (in a worker), so the clerk does not have to press Show first."""

from __future__ import annotations

from datetime import timedelta

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
from ui.tasks import TaskRunner


class StatisticsModel(RowTableModel[ServiceDay]):
    def __init__(self, names: dict[str, str]) -> None:
        # Spelled out, not through an alias: lupdate finds only QCoreApplication.translate(...) calls.
        super().__init__(
            [
                Column(QCoreApplication.translate("statistics", "Day"), lambda r: date_text(r.day)),
                Column(QCoreApplication.translate("statistics", "Service"), lambda r: names.get(r.service, r.service)),
                Column(QCoreApplication.translate("statistics", "Bookings"), lambda r: str(r.bookings)),
                Column(QCoreApplication.translate("statistics", "No-shows"), lambda r: f"{r.no_shows} ({r.no_show_rate:.0%})"),
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
        names = {code: (da if language == "da" else en) for code, da, en, _m in services.booking.services()}
        self.model = StatisticsModel(names)
        today = services.appointments.today(ctx.centre_id)
        self.first = QDateEdit(QDate(today - timedelta(days=7)))
        self.last = QDateEdit(QDate(today))
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        self.loaded_once = True
        first, last = self.first.date().toPython(), self.last.date().toPython()
        self._runner.run(
            lambda: self._services.statistics.per_service_and_day(self._ctx, first, last),
            self._on_loaded,
            self.feedback.show_error,
        )

    def _on_loaded(self, rows: list[ServiceDay]) -> None:
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
