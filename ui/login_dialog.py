"""Sign-in: every action in the audit trail names the clerk who did it.

The check runs off the UI thread (argon2 takes a while, and the write may wait for another desk's): the
dialog says it is checking and takes no second submit until the answer is in."""

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

from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.context import ClerkContext
from ui.feedback import FeedbackLabel
from ui.password_dialog import ChangePasswordDialog
from ui.tasks import ServiceCalls, TaskRunner


class LoginDialog(QDialog):
    def __init__(self, auth: AuthService, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Borgerservice Desk: sign in"))
        self._auth = auth
        self.context: ClerkContext | None = None
        self.runner = TaskRunner(self)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.feedback = FeedbackLabel()
        self.calls = ServiceCalls(self.runner, self.feedback, self)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.sign_in_button.setObjectName("signIn")
        buttons.accepted.connect(self._try_sign_in)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("&User name"), self.username)
        form.addRow(self.tr("&Password"), self.password)
        layout = QVBoxLayout(self)
        if demo:
            hint = QLabel(self.tr("Demo data: sign in as clerk or supervisor, password demo."))
            hint.setStyleSheet("color: #555555")
            layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(buttons)

    @property
    def busy(self) -> bool:
        return self.calls.busy

    def _try_sign_in(self) -> None:
        if self.calls.busy:
            return  # a second Enter while the first is checked
        auth, username, password = self._auth, self.username.text(), self.password.text()
        self._set_busy(True)
        self.feedback.busy(self.tr("Checking…"))
        self.calls.run(lambda: auth.sign_in(username, password), lambda ctx: self._signed_in(ctx, password),
                       self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setEnabled(not busy)
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.password.clear()
        self.password.setFocus()
        self.feedback.show_error(error)

    def _signed_in(self, context: object, password: str) -> None:
        assert isinstance(context, ClerkContext)
        self._set_busy(False)
        self.feedback.clear_message()
        self.context = context
        if context.must_change_password:
            # A new or reset account: the clerk's own password first, then the window.
            change = ChangePasswordDialog(self._auth, context, self, forced=True)
            change.current.setText(password)
            change.new.setFocus()
            if change.exec() != QDialog.DialogCode.Accepted or change.context is None:
                self.context = None
                self.password.clear()
                self.feedback.info(self.tr("Choose a new password to sign in."))
                return
            self.context = change.context
        self.accept()
