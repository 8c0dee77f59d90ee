"""Sign-in: every action in the audit trail names the clerk who did it."""

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

from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.context import ClerkContext
from ui.feedback import FeedbackLabel
from ui.password_dialog import ChangePasswordDialog


class LoginDialog(QDialog):
    def __init__(self, auth: AuthService, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Borgerservice Desk: sign in"))
        self._auth = auth
        self.context: ClerkContext | None = None
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.feedback = FeedbackLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
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

    def _try_sign_in(self) -> None:
        try:
            self.context = self._auth.sign_in(self.username.text(), self.password.text())
        except DeskError as error:
            self.password.clear()
            self.password.setFocus()
            self.feedback.show_error(error)
            return
        if self.context.must_change_password:
            # A new or reset account: the clerk's own password first, then the window.
            change = ChangePasswordDialog(self._auth, self.context, self, forced=True)
            change.current.setText(self.password.text())
            change.new.setFocus()
            if change.exec() != QDialog.DialogCode.Accepted or change.context is None:
                self.context = None
                self.password.clear()
                self.feedback.info(self.tr("Choose a new password to sign in."))
                return
            self.context = change.context
        self.accept()
