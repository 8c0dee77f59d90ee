"""Table models over the services' frozen result objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from borgerservice_desk.domain.mitid import Identity, Method, MethodState, method_works
from borgerservice_desk.services.appointments import AppointmentRow, DayRow
from borgerservice_desk.services.citizens import ActionRow, CitizenSummary
from ui import dates, vocabulary
from ui.dates import date_text, moment_text, time_text

Row = TypeVar("Row")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A read-only table of result objects; the row object itself is under ROW_ROLE."""

    def __init__(self, columns: Sequence[Column[Row]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[index.column()].text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            # A text too long for its column is elided in the table; the tooltip holds all of it.
            return self._columns[index.column()].text(row) or None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None

    def foreground(self, row: Row) -> QBrush | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
        if horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        return None



def _code(row: DayRow) -> str:
    """An appointment's booking code; a walk-in's visit by its ticket (it has no booking)."""
    if isinstance(row, AppointmentRow):
        return row.booking_code
    return QCoreApplication.translate("models", "Walk-in, ticket %1").replace("%1", str(row.ticket_number))


class AppointmentModel(RowTableModel[DayRow]):
    """The day's list: booked appointments and the walk-ins served (services.appointments.DayRow)."""

    def __init__(self, language: str, parent: Any = None) -> None:
        self.show_dates = False  # the week view shows the day too
        super().__init__(
            [
                Column(
                    QCoreApplication.translate("models", "Time"),
                    lambda a: (moment_text(a.starts_at, dates.WEEKDAY_DAY_MONTH) + " " if self.show_dates else "")
                    + f"{time_text(a.starts_at)}-{time_text(a.ends_at)}",
                ),
                Column(QCoreApplication.translate("models", "Counter"), lambda a: a.counter),
                Column(QCoreApplication.translate("models", "Service"), lambda a: a.service_da if language == "da" else a.service_en),
                Column(QCoreApplication.translate("models", "Citizen"), lambda a: a.citizen_name),
                Column(QCoreApplication.translate("models", "CPR number"), lambda a: a.cpr_masked or QCoreApplication.translate("models", "no CPR number")),
                Column(QCoreApplication.translate("models", "Booking code"), _code),
                Column(QCoreApplication.translate("models", "Status"), lambda a: vocabulary.appointment_status(a.status)),
            ],
            parent,
        )

    def foreground(self, row: DayRow) -> QBrush | None:
        if row.status.value in ("done", "no_show"):
            return QBrush(QColor("#777777"))
        return None


class MethodModel(RowTableModel[Method]):
    def __init__(self, parent: Any = None) -> None:
        # The MitID the methods belong to: a whole-MitID block stops every method whatever its own state,
        # so the state shown is what the citizen can use (`method_works`), not the state kept underneath.
        self.identity: Identity | None = None
        super().__init__(
            [
                Column(QCoreApplication.translate("models", "Type"), lambda m: vocabulary.method_kind(m.kind)),
                Column(QCoreApplication.translate("models", "Name / model"), lambda m: m.label),
                Column(QCoreApplication.translate("models", "State"), self._state),
                Column(QCoreApplication.translate("models", "Activated"), lambda m: moment_text(m.activated_at, dates.DATE)),
                Column(QCoreApplication.translate("models", "Last used"), lambda m: moment_text(m.last_used_at)),
            ],
            parent,
        )

    def _stopped_by_whole_block(self, method: Method) -> bool:
        return self.identity is not None and method.state is MethodState.ACTIVE and not method_works(self.identity, method)

    def _state(self, method: Method) -> str:
        if self._stopped_by_whole_block(method):
            return QCoreApplication.translate("models", "Stopped (whole MitID blocked)")
        return vocabulary.method_state(method.state)

    def foreground(self, row: Method) -> QBrush | None:
        if row.state is MethodState.ACTIVE and not self._stopped_by_whole_block(row):
            return None
        return QBrush(QColor("#a01010"))


class HistoryModel(RowTableModel[ActionRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("models", "When"), lambda a: moment_text(a.created_at)),
                Column(
                    QCoreApplication.translate("models", "Action"),
                    lambda a: vocabulary.action_kind(a.kind) + (f": {a.note}" if a.note else ""),
                ),
                Column(QCoreApplication.translate("models", "Methods"), lambda a: a.methods),
                Column(QCoreApplication.translate("models", "Reason"), lambda a: vocabulary.block_reason(a.reason) if a.reason else ""),
                Column(QCoreApplication.translate("models", "Channel"), lambda a: vocabulary.channel(a.channel)),
                Column(QCoreApplication.translate("models", "Clerk"), lambda a: a.clerk),
            ],
            parent,
        )


class CitizenModel(RowTableModel[CitizenSummary]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(QCoreApplication.translate("models", "Name"), lambda c: c.full_name),
                Column(QCoreApplication.translate("models", "Birth date"), lambda c: date_text(c.birth_date)),
                Column(QCoreApplication.translate("models", "CPR number"), lambda c: c.cpr_masked or QCoreApplication.translate("models", "no CPR number")),
            ],
            parent,
        )
