"""The confirmation every MitID action goes through: what will happen, said exactly, and the warnings
the clerk must give. The clerk ticks that the citizen has been told before the action can be confirmed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.mitid import BlockReason, Channel
from borgerservice_desk.domain.text_limits import APP_USER_MAX, DEVICE_LABEL_MAX, DEVICE_NAME_MAX
from ui import vocabulary


@dataclass(frozen=True)
class ActionChoice:
    """What the clerk chose in the dialog."""

    reason: BlockReason | None
    channel: Channel
    user: str | None
    model: str
    device_name: str


class ActionDialog(QDialog):
    def __init__(
        self,
        title: str,
        confirm_label: str,
        explain: Callable[[ActionChoice], str],
        *,
        facts: Sequence[tuple[str, str]] = (),
        warnings: Sequence[str] = (),
        reasons: Sequence[BlockReason] = (),
        channels: bool = False,
        users: Sequence[str] = (),
        new_app: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionDialog")
        self.setWindowTitle(title)
        self._explain = explain
        form = QFormLayout()
        for name, value in facts:
            form.addRow(name, QLabel(value))
        self.reason = QComboBox()
        self.reason.setObjectName("reasonCombo")
        for reason in reasons:
            self.reason.addItem(vocabulary.block_reason(reason), reason.value)
        if reasons:
            form.addRow(self.tr("&Reason"), self.reason)
        self.channel = QComboBox()
        self.channel.setObjectName("channelCombo")
        # Borgerservice first: it is what the desk does; the others record what a citizen reports.
        for channel in (Channel.BORGERSERVICE, Channel.APP, Channel.MITID_DK_WITHOUT_LOGIN,
                        Channel.MITID_DK_AFTER_LOGIN, Channel.MITID_SUPPORT):
            self.channel.addItem(vocabulary.channel(channel), channel.value)
        if channels:
            form.addRow(self.tr("Blocked &via"), self.channel)
        self.user = QComboBox()
        self.user.setObjectName("userCombo")
        self.user.addItems(list(users))
        if users:
            form.addRow(self.tr("&User"), self.user)
        self.model = QLineEdit()
        self.model.setObjectName("modelEdit")
        self.device_name = QLineEdit()
        self.device_name.setObjectName("deviceNameEdit")
        self.new_user = QLineEdit()
        self.new_user.setObjectName("newUserEdit")
        # No longer than the record holds: refused by the service, the dialog would be gone and what was
        # typed with it.
        for edit, most in ((self.model, DEVICE_LABEL_MAX), (self.device_name, DEVICE_NAME_MAX), (self.new_user, APP_USER_MAX)):
            edit.setMaxLength(most)
        if new_app:
            form.addRow(self.tr("Phone or tablet &model"), self.model)
            form.addRow(self.tr("&Device name"), self.device_name)
            form.addRow(self.tr("&User"), self.new_user)
        self.consequence = QLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        self.consequence.setStyleSheet("font-weight: bold")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.consequence)
        for text in warnings:
            warning = QLabel(text)
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #8a5a00")
            layout.addWidget(warning)
        self.told = QCheckBox(self.tr("I have told the citizen what will happen"))
        self.told.setObjectName("toldCitizen")
        layout.addWidget(self.told)
        # What the dialog's height holds beyond its rows goes below them, not between the citizen's name and
        # the consequence (a reopen dialog opened with a third of its height blank above the consequence).
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = buttons.addButton(confirm_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("confirmAction")
        self.confirm.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.told.toggled.connect(self._update)
        for combo in (self.reason, self.channel, self.user):
            combo.currentIndexChanged.connect(self._update)
        for edit in (self.model, self.new_user):
            edit.textChanged.connect(self._update)
        self._new_app = new_app
        self._update()
        self.resize(560, 320)

    def choice(self) -> ActionChoice:
        # Qt hands a str enum back as a plain str; the enums are rebuilt from their values.
        reason = self.reason.currentData()
        return ActionChoice(
            reason=BlockReason(reason) if reason else None,
            channel=Channel(self.channel.currentData()),
            user=self.user.currentText() or self.new_user.text().strip() or None,
            model=self.model.text().strip(),
            device_name=self.device_name.text().strip(),
        )

    def _update(self) -> None:
        self.consequence.setText(self._explain(self.choice()))
        complete = not self._new_app or (bool(self.model.text().strip()) and bool(self.new_user.text().strip()))
        self.confirm.setEnabled(self.told.isChecked() and complete)
