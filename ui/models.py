"""Table models over the services' frozen result objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from borgerservice_desk.domain.mitid import Method, MethodState
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.citizens import ActionRow, CitizenSummary
from ui import vocabulary

Row = TypeVar("Row")
ZONE = ZoneInfo("Europe/Copenhagen")
ROW_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(value: datetime | None, fmt: str = "%d-%m-%Y %H:%M") -> str:
    return "" if value is None else value.astimezone(ZONE).strftime(fmt)


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
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return None

    def foreground(self, row: Row) -> QBrush | None:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].header
        return None


def _t(text: str) -> str:
    return QCoreApplication.translate("models", text)


class AppointmentModel(RowTableModel[AppointmentRow]):
    def __init__(self, language: str, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_t("Time"), lambda a: f"{local_time(a.starts_at, '%H:%M')}-{local_time(a.ends_at, '%H:%M')}"),
                Column(_t("Counter"), lambda a: a.counter),
                Column(_t("Service"), lambda a: a.service_da if language == "da" else a.service_en),
                Column(_t("Citizen"), lambda a: a.citizen_name),
                Column(_t("CPR number"), lambda a: a.cpr_masked or _t("no CPR number")),
                Column(_t("Booking code"), lambda a: a.booking_code),
                Column(_t("Status"), lambda a: vocabulary.appointment_status(a.status)),
            ],
            parent,
        )

    def foreground(self, row: AppointmentRow) -> QBrush | None:
        if row.status.value in ("done", "no_show"):
            return QBrush(QColor("#777777"))
        return None


class MethodModel(RowTableModel[Method]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_t("Type"), lambda m: vocabulary.method_kind(m.kind)),
                Column(_t("Name / model"), lambda m: m.label),
                Column(_t("State"), lambda m: vocabulary.method_state(m.state)),
                Column(_t("Activated"), lambda m: local_time(m.activated_at, "%d-%m-%Y")),
                Column(_t("Last used"), lambda m: local_time(m.last_used_at)),
            ],
            parent,
        )

    def foreground(self, row: Method) -> QBrush | None:
        if row.state is MethodState.ACTIVE:
            return None
        return QBrush(QColor("#a01010"))


class HistoryModel(RowTableModel[ActionRow]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_t("When"), lambda a: local_time(a.created_at)),
                Column(_t("Action"), lambda a: vocabulary.action_kind(a.kind)),
                Column(_t("Reason"), lambda a: vocabulary.block_reason(a.reason) if a.reason else ""),
                Column(_t("Channel"), lambda a: vocabulary.channel(a.channel)),
            ],
            parent,
        )


class CitizenModel(RowTableModel[CitizenSummary]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(_t("Name"), lambda c: c.full_name),
                Column(_t("Birth date"), lambda c: c.birth_date.strftime("%d-%m-%Y")),
                Column(_t("CPR number"), lambda c: c.cpr_masked or _t("no CPR number")),
            ],
            parent,
        )
