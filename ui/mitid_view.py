"""A citizen's MitID at a glance: state, "2 of 3 apps active", the methods and the history."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.mitid import IdentityState, Method
from borgerservice_desk.services.citizens import MitidOverview
from ui.models import ROW_ROLE, HistoryModel, MethodModel


class MitidView(QWidget):
    changed = Signal()  # a new overview is shown, or another method is chosen in the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.overview: MitidOverview | None = None
        self.state_label = QLabel()
        self.state_label.setObjectName("mitidState")
        self.apps_label = QLabel()
        self.apps_label.setObjectName("activeApps")
        self.methods = MethodModel(self)
        self.methods_view = _table(self.methods)
        self.methods_view.setObjectName("methodsTable")
        self.methods_view.selectionModel().currentChanged.connect(lambda *_: self.changed.emit())
        self.history = HistoryModel(self)
        self.history_view = _table(self.history)
        self.history_view.setObjectName("historyTable")
        self.history_view.setMaximumHeight(140)

        header = QHBoxLayout()
        header.addWidget(self.state_label)
        header.addStretch()
        header.addWidget(self.apps_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.methods_view, 3)
        layout.addWidget(QLabel(self.tr("History of actions on this MitID")))
        layout.addWidget(self.history_view, 1)
        self.show_overview(None)

    def show_overview(self, overview: MitidOverview | None) -> None:
        self.overview = overview
        if overview is None or overview.identity_id is None:
            self.state_label.setText(self.tr("No MitID") if overview else "")
            self.apps_label.setText("")
            self.methods.set_rows([])
            self.history.set_rows([])
            self.changed.emit()
            return
        if overview.state is IdentityState.BLOCKED:
            self.state_label.setText(self.tr("MitID: BLOCKED (every method stopped)"))
            self.state_label.setStyleSheet("color: #a01010; font-weight: bold")
        else:
            self.state_label.setText(self.tr("MitID: active"))
            self.state_label.setStyleSheet("font-weight: bold")
        self.apps_label.setText(
            self.tr("%1 of %2 apps active")
            .replace("%1", str(overview.active_app_count))
            .replace("%2", str(overview.max_active_apps))
        )
        self.methods.set_rows(overview.methods)
        self.history.set_rows(overview.history)
        self.methods_view.resizeColumnsToContents()
        self.changed.emit()

    def selected_method(self) -> Method | None:
        index = self.methods_view.currentIndex()
        if not index.isValid():
            return None
        method = self.methods.data(index.siblingAtColumn(0), ROW_ROLE)
        return method if isinstance(method, Method) else None


def _table(model: MethodModel | HistoryModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return view
