"""Block one MitID app: a reason, and a confirmation that says exactly what stops working."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.mitid import BlockReason, Method
from ui import vocabulary

# Misuse is not offered here: it blocks the whole MitID, a different action (DOMAIN.md).
APP_BLOCK_REASONS = (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED, BlockReason.WRONG_TRIES)


class BlockAppDialog(QDialog):
    def __init__(self, method: Method, citizen_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Block MitID app"))
        self.setObjectName("blockAppDialog")
        self.method = method
        self.reason = QComboBox()
        self.reason.setObjectName("reasonCombo")
        for reason in APP_BLOCK_REASONS:
            self.reason.addItem(vocabulary.block_reason(reason), reason.value)
        self.consequence = QLabel()
        self.consequence.setObjectName("consequence")
        self.consequence.setWordWrap(True)
        warning = QLabel(
            self.tr(
                "Tell the citizen: uninstalling the app is not enough, it counts as active until it is "
                "blocked. If someone else may have used the MitID, block the whole MitID instead."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet("color: #8a5a00")
        self.told = QCheckBox(self.tr("I have told the citizen what will stop working"))
        self.told.setObjectName("toldCitizen")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(self.tr("Block app"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("confirmBlock")
        self.confirm.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.told.toggled.connect(self.confirm.setEnabled)
        self.reason.currentIndexChanged.connect(self._explain)

        form = QFormLayout()
        form.addRow(self.tr("Citizen"), QLabel(citizen_name))
        form.addRow(self.tr("App"), QLabel(method.label))
        form.addRow(self.tr("&Reason"), self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.consequence)
        layout.addWidget(warning)
        layout.addWidget(self.told)
        layout.addWidget(self.buttons)
        self._explain()
        self.resize(520, 300)

    def chosen_reason(self) -> BlockReason:
        # Qt hands a str enum back as a plain str; the enum is rebuilt from its value.
        return BlockReason(self.reason.currentData())

    def _explain(self) -> None:
        text = self.tr(
            "The MitID app on %1 stops working at once. The citizen's other apps, code display and "
            "chip keep working."
        ).replace("%1", self.method.label)
        if self.chosen_reason().is_permanent:
            text += " " + self.tr(
                "The block is permanent: this app can never be reopened; the citizen activates a new app."
            )
        else:
            text += " " + self.tr(
                "The block is temporary: it can be reopened at Borgerservice or by MitID Support."
            )
        self.consequence.setText(text)
