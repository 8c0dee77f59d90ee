"""The clerk's own new password: from the menu, or at sign-in when a new or reset account must choose one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.accounts import PASSWORD_MIN_LENGTH
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.context import ClerkContext
from ui.feedback import FeedbackLabel
from ui.tasks import ServiceCalls, TaskRunner


class ChangePasswordDialog(QDialog):
    def __init__(
        self, auth: AuthService, ctx: ClerkContext, parent: QWidget | None = None, *, forced: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self._auth = auth
        self._ctx = ctx
        self.context: ClerkContext | None = None  # the context to go on with, once changed
        self.runner = TaskRunner(self)
        self.current = self._password_edit("currentPassword")
        self.new = self._password_edit("newPassword")
        self.repeat = self._password_edit("repeatPassword")
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(self.runner, self.feedback, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Change password"))
        ok.setObjectName("changePassword")
        self.buttons.accepted.connect(self.change)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&Current password"), self.current)
        form.addRow(self.tr("&New password"), self.new)
        form.addRow(self.tr("&Repeat the new password"), self.repeat)
        layout = QVBoxLayout(self)
        if forced:
            note = QLabel(self.tr("Choose your own password before you start."))
            note.setObjectName("mustChangeNote")
            layout.addWidget(note)
        rules = QLabel(
            self.tr("At least {count} characters, not your user name and not easy to guess.").format(
                count=PASSWORD_MIN_LENGTH
            )
        )
        rules.setWordWrap(True)
        rules.setStyleSheet("color: #555555")
        layout.addLayout(form)
        layout.addWidget(rules)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)

    @staticmethod
    def _password_edit(name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    @property
    def busy(self) -> bool:
        return self.calls.busy

    def change(self) -> None:
        if self.calls.busy:
            return
        if self.new.text() != self.repeat.text():
            self._failed(InvalidInput("password.mismatch"))
            return
        auth, ctx, current, new = self._auth, self._ctx, self.current.text(), self.new.text()
        self.buttons.setEnabled(False)
        self.calls.run(lambda: auth.change_password(ctx, current, new), self._changed, self._failed)

    def _changed(self, context: object) -> None:
        assert isinstance(context, ClerkContext)
        self.context = context
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.new.clear()
        self.repeat.clear()
        self.new.setFocus()
        self.feedback.show_error(error)
