"""The centre's clerks, for a supervisor: who they are, who is locked out, and creating, deactivating,
reactivating, resetting a password and lifting a lock, of a clerk or of a desk locked for too many wrong
names. Every change goes through the clerk service, which
checks the rights and audits it; the database work runs off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.services.clerks import ClerkRow, DeskLock
from borgerservice_desk.services.context import ClerkContext
from ui.dates import time_text
from ui.feedback import FeedbackLabel
from ui.screen_fit import fit_to_screen
from ui.tasks import ServiceCalls, TaskRunner


class UsersDialog(QDialog):
    def __init__(self, services: Services, ctx: ClerkContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle(self.tr("Clerks of the centre"))
        self._clerks = services.clerks
        self._ctx = ctx
        self.runner = TaskRunner(self)
        self.rows: list[ClerkRow] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("clerks")
        self.table.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.deactivate_button = self._button(self.tr("&Deactivate"), "deactivateClerk", lambda: self._set_active(False))
        self.reactivate_button = self._button(self.tr("Re&activate"), "reactivateClerk", lambda: self._set_active(True))
        self.unlock_button = self._button(self.tr("&Lift lock"), "unlockClerk", self._unlock)
        chosen_row = QHBoxLayout()
        for button in (self.deactivate_button, self.reactivate_button, self.unlock_button):
            chosen_row.addWidget(button)
        chosen_row.addStretch()

        reset_box = QGroupBox(self.tr("New password for the chosen clerk"))
        self.reset_password = self._password_edit("resetPassword")
        self.reset_button = self._button(self.tr("&Reset password"), "resetClerkPassword", self._reset)
        reset_layout = QHBoxLayout(reset_box)
        reset_layout.addWidget(self.reset_password)
        reset_layout.addWidget(self.reset_button)

        desks_box = QGroupBox(self.tr("Locked desks (too many wrong names)"))
        self.locked_desks = QListWidget()
        self.locked_desks.setObjectName("lockedDesks")
        self.locked_desks.setMaximumHeight(90)
        self.desk_rows: list[DeskLock] = []
        self.unlock_desk_button = self._button(self.tr("Lift the desk's lock"), "unlockDesk", self._unlock_desk)
        desks_layout = QHBoxLayout(desks_box)
        desks_layout.addWidget(self.locked_desks, 1)
        desks_layout.addWidget(self.unlock_desk_button)
        self.locked_desks.itemSelectionChanged.connect(self._update_buttons)

        create_box = QGroupBox(self.tr("New clerk (chooses their own password at first sign-in)"))
        self.new_username = QLineEdit()
        self.new_username.setObjectName("newUsername")
        self.new_full_name = QLineEdit()
        self.new_full_name.setObjectName("newFullName")
        self.new_role = QComboBox()
        self.new_role.setObjectName("newRole")
        self.new_role.addItem(self.tr("clerk"), Role.CLERK)
        self.new_role.addItem(self.tr("supervisor"), Role.SUPERVISOR)
        self.new_password = self._password_edit("newClerkPassword")
        self.create_button = self._button(self.tr("&Create clerk"), "createClerk", self._create)
        form = QFormLayout(create_box)
        form.addRow(self.tr("&User name"), self.new_username)
        form.addRow(self.tr("&Full name"), self.new_full_name)
        form.addRow(self.tr("R&ole"), self.new_role)
        form.addRow(self.tr("First &password"), self.new_password)
        form.addRow("", self.create_button)

        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(self.runner, self.feedback, self)  # reads and changes, off the UI thread
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(chosen_row)
        layout.addWidget(reset_box)
        layout.addWidget(desks_box)
        layout.addWidget(create_box)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        fit_to_screen(self, 760, 720)
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _password_edit(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    @property
    def busy(self) -> bool:
        return self.calls.busy or self.calls.fetching

    # Loading and showing ----------------------------------------------------------------------------
    def reload(self) -> None:
        clerks, ctx = self._clerks, self._ctx
        self.calls.fetch(lambda: (clerks.clerks(ctx), clerks.locked_desks(ctx)), self._show_all, key="all")

    def _show_all(self, result: Any) -> None:
        rows, desks = result
        self._show_desks(desks)
        self._show_rows(rows)

    def _show_desks(self, desks: list[DeskLock]) -> None:
        self.desk_rows = list(desks)
        self.locked_desks.clear()
        for lock in self.desk_rows:
            text = self.tr("{desk}: locked until {time}").format(
                desk=lock.desk, time=time_text(lock.locked_until)
            )
            self.locked_desks.addItem(QListWidgetItem(text))
        self._update_buttons()

    def chosen_desk(self) -> DeskLock | None:
        row = self.locked_desks.currentRow()
        selected = self.locked_desks.selectedItems()
        if not selected or not 0 <= row < len(self.desk_rows):
            return None
        return self.desk_rows[row]

    def _show_rows(self, rows: Any) -> None:
        chosen = self.chosen()
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            role = self.tr("supervisor") if row.role is Role.SUPERVISOR else self.tr("clerk")
            for c, text in enumerate((row.username, row.full_name, role, self._state(row))):
                self.table.setItem(r, c, QTableWidgetItem(text))
            if chosen is not None and row.id == chosen.id:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _state(self, row: ClerkRow) -> str:
        parts = [self.tr("active") if row.active else self.tr("deactivated")]
        if row.locked_until is not None:
            parts.append(self.tr("locked until {time}").format(time=time_text(row.locked_until)))
        if row.must_change_password:
            parts.append(self.tr("must choose a new password"))
        return ", ".join(parts)

    def chosen(self) -> ClerkRow | None:
        selected = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not selected or selected[0].row() >= len(self.rows):
            return None
        return self.rows[selected[0].row()]

    def choose(self, username: str) -> None:
        for r, row in enumerate(self.rows):
            if row.username == username:
                self.table.selectRow(r)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        raise LookupError(username)

    def _update_buttons(self) -> None:
        row = self.chosen()
        self.deactivate_button.setEnabled(row is not None and row.active and row.id != self._ctx.clerk_id)
        self.reactivate_button.setEnabled(row is not None and not row.active)
        self.unlock_button.setEnabled(row is not None and row.locked_until is not None)
        self.reset_button.setEnabled(row is not None)
        if hasattr(self, "unlock_desk_button"):
            self.unlock_desk_button.setEnabled(self.chosen_desk() is not None)

    # Changes -------------------------------------------------------------------------------------
    def _act(self, work: Callable[[], object], done_text: str, after: Callable[[], None] | None = None) -> None:
        if self.busy:
            return

        def done(_result: object) -> None:
            if after is not None:
                after()
            self.feedback.info(done_text)
            self.reload()

        self.calls.run(work, done)

    def _set_active(self, active: bool) -> None:
        row = self.chosen()
        if row is None:
            return
        clerks, ctx = self._clerks, self._ctx
        text = (self.tr("{name} can sign in again.") if active else self.tr("{name} can no longer sign in.")).format(
            name=row.full_name
        )
        self._act(lambda: clerks.set_active(ctx, row.id, active), text)

    def _unlock(self) -> None:
        row = self.chosen()
        if row is None:
            return
        clerks, ctx = self._clerks, self._ctx
        self._act(lambda: clerks.unlock(ctx, row.id), self.tr("The lock on {name} is lifted.").format(name=row.full_name))

    def _unlock_desk(self) -> None:
        lock = self.chosen_desk()
        if lock is None:
            return
        clerks, ctx = self._clerks, self._ctx
        self._act(lambda: clerks.unlock_desk(ctx, lock.desk),
                  self.tr("The lock on the desk {desk} is lifted.").format(desk=lock.desk))

    def _reset(self) -> None:
        row = self.chosen()
        if row is None:
            return
        clerks, ctx, password = self._clerks, self._ctx, self.reset_password.text()
        self._act(
            lambda: clerks.reset_password(ctx, row.id, password),
            self.tr("{name} has a new password and must choose their own at the next sign-in.").format(name=row.full_name),
            self.reset_password.clear,
        )

    def _create(self) -> None:
        clerks, ctx = self._clerks, self._ctx
        username, full_name = self.new_username.text(), self.new_full_name.text()
        role, password = Role(self.new_role.currentData()), self.new_password.text()

        def clear() -> None:
            for edit in (self.new_username, self.new_full_name, self.new_password):
                edit.clear()

        self._act(
            lambda: clerks.create(ctx, username, full_name, role, password),
            self.tr("{username} is created and chooses their own password at the first sign-in.").format(
                username=username.strip().lower()
            ),
            clear,
        )
