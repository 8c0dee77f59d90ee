"""A citizen's MitID at a glance: state, "2 of 3 apps active", the methods and the history.

The methods and the history share a splitter the clerk can drag; where it was left is kept (QSettings).
Rows are one line each; a text too long for its column ends in "…" with the whole text as tooltip."""

from __future__ import annotations

from collections.abc import Sequence

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

from borgerservice_desk.domain.mitid import MAX_ACTIVE_APPS, IdentityState, Method, MethodKind, MethodState
from borgerservice_desk.services.citizens import MitidOverview
from ui.layout_memory import RememberedSplitter, compact_table, fit_columns
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
        self.history_label = QLabel(self.tr("History of actions on this MitID (Enter: show its receipt again)"))

        methods_part = QWidget()
        header = QHBoxLayout()
        header.addWidget(self.state_label)
        header.addStretch()
        header.addWidget(self.apps_label)
        methods_layout = QVBoxLayout(methods_part)
        methods_layout.setContentsMargins(0, 0, 0, 0)
        methods_layout.addLayout(header)
        methods_layout.addWidget(self.methods_view, 1)
        history_part = QWidget()
        history_layout = QVBoxLayout(history_part)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addWidget(self.history_label)
        history_layout.addWidget(self.history_view, 1)
        # Every method and the last few actions, by default; the clerk drags the line to see more of either.
        self.splitter = RememberedSplitter(Qt.Orientation.Vertical, "serving/mitid")
        self.splitter.addWidget(methods_part)
        self.splitter.addWidget(history_part)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        keep_rows_in_view(self.history_view, 1)
        row = self.methods_view.verticalHeader().defaultSectionSize()
        if not self.splitter.restore():
            self.splitter.setSizes([row * 8, row * 5])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)
        self.show_overview(None)

    def show_overview(self, overview: MitidOverview | None) -> None:
        self.overview = overview
        if overview is None or overview.identity_id is None:
            self.state_label.setText(self.tr("No MitID") if overview else "")
            self.apps_label.setText("")
            self.methods.identity = None
            self.methods.set_rows([])
            keep_rows_in_view(self.methods_view, 1)
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
        # A refresh (after a check, an action, another desk's change) keeps the method the clerk chose.
        chosen = self.selected_method()
        column = max(self.methods_view.currentIndex().column(), 0)
        self.methods.identity = overview.identity
        self.methods.set_rows(shown_order(overview.methods))
        self.history.set_rows(overview.history)
        if chosen is not None:
            for row, method in enumerate(self.methods.rows()):
                if method.id == chosen.id:
                    self.methods_view.setCurrentIndex(self.methods.index(row, column))
                    break
        fit_columns(self.methods_view, long_columns=(1,))
        fit_columns(self.history_view, long_columns=(1, 2))
        keep_rows_in_view(self.methods_view, min(max(len(overview.methods), 1), METHODS_ALWAYS_SHOWN))
        self.changed.emit()

    def selected_method(self) -> Method | None:
        index = self.methods_view.currentIndex()
        if not index.isValid():
            return None
        method = self.methods.data(index.siblingAtColumn(0), ROW_ROLE)
        return method if isinstance(method, Method) else None


# How many methods stay in view however the room is shared (the check's details unfolded, a small window):
# as many as a MitID can have active apps, listed first (`shown_order`), so the app the citizen wants blocked
# is never behind a scroll bar. The splitter takes room from the history first, down to its last action. Not
# more: every row kept is a row less for the identity check above on an 800-pixel screen.
METHODS_ALWAYS_SHOWN = MAX_ACTIVE_APPS


def shown_order(methods: Sequence[Method]) -> list[Method]:
    """Active apps first, then the other working methods, then the blocked and retired ones, each group in the
    order the methods were added: what the clerk acts on is at the top."""
    def group(method: Method) -> int:
        if method.state is not MethodState.ACTIVE:
            return 2
        return 0 if method.kind is MethodKind.APP else 1

    return sorted(methods, key=group)


def keep_rows_in_view(view: QTableView, rows: int) -> None:
    """The table is never made lower than its header and `rows` whole rows."""
    header = view.horizontalHeader().sizeHint().height()
    view.setMinimumHeight(header + rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth())


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
    compact_table(view)
    return view
