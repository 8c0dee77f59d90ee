"""The MitID actions at the counter: buttons with keyboard shortcuts, each through its confirmation
dialog, run in a worker (the receipt PDF is written there), ending with the receipt shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import (
    MAX_ACTIVE_APPS,
    BlockReason,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
)
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.mitid import ActionDone
from ui import vocabulary
from ui.action_dialog import ActionChoice, ActionDialog
from ui.feedback import FeedbackLabel
from ui.mitid_view import MitidView
from ui.receipt_dialog import ReceiptDialog
from ui.tasks import TaskRunner

# Misuse is not offered for apps while the MitID is active: it blocks the whole MitID (DOMAIN.md).
APP_REASONS = (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED, BlockReason.WRONG_TRIES)


class MitidActions(QWidget):
    receipt_shown = Signal(object)  # ReceiptDialog
    changed = Signal()

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        view: MitidView,
        feedback: FeedbackLabel,
        visit_id: Callable[[], int | None],
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self._runner = runner
        self._view = view
        self._feedback = feedback
        self._visit_id = visit_id
        self.receipt_language = QComboBox()
        self.receipt_language.setObjectName("receiptLanguage")
        self.receipt_language.addItem("Dansk", "da")
        self.receipt_language.addItem("English", "en")
        self.receipt_language.setCurrentIndex(0 if language == "da" else 1)

        self.buttons: dict[str, QPushButton] = {}
        specs = [
            ("block_app", self.tr("&Block app… (Ctrl+B)"), "Ctrl+B", self.block_app),
            ("block_all", self.tr("Block all apps… (Ctrl+Shift+B)"), "Ctrl+Shift+B", self.block_all_apps),
            ("block_mitid", self.tr("Block whole &MitID… (Ctrl+M)"), "Ctrl+M", self.block_mitid),
            ("reopen", self.tr("&Reopen… (Ctrl+R)"), "Ctrl+R", self.reopen),
            ("remove_user", self.tr("Remove &user… (Ctrl+U)"), "Ctrl+U", self.remove_user),
            ("activate", self.tr("&New app… (Ctrl+N)"), "Ctrl+N", self.activate_app),
            ("lift", self.tr("&Lift MitID block… (Ctrl+L)"), "Ctrl+L", self.lift_block),
        ]
        grid = QGridLayout()
        for index, (key, label, keys, slot) in enumerate(specs):
            button = QPushButton(label)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(slot)
            QShortcut(QKeySequence(keys), self, slot)
            self.buttons[key] = button
            grid.addWidget(button, index // 4, index % 4)
        if not ctx.is_supervisor:
            self.buttons["lift"].setToolTip(self.tr("Only a supervisor can lift a whole-MitID block"))
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Receipt in")))
        language_row.addWidget(self.receipt_language)
        language_row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addLayout(language_row)

    # Helpers -------------------------------------------------------------------------------------
    def _ready(self) -> int | None:
        visit = self._visit_id()
        if visit is None or not self.isEnabled():  # no visit, or an action is running
            return None
        if self._view.overview is None or self._view.overview.identity_id is None:
            self._feedback.error(self.tr("The citizen has no MitID."))
            return None
        return visit

    def _selected(self, *, app_only: bool) -> Method | None:
        method = self._view.selected_method()
        if method is None or (app_only and method.kind is not MethodKind.APP):
            self._feedback.error(
                self.tr("Choose the app in the list of methods first.")
                if app_only
                else self.tr("Choose the method in the list first.")
            )
            self._view.methods_view.setFocus()
            return None
        return method

    def _citizen(self) -> str:
        overview = self._view.overview
        return overview.citizen.full_name if overview else ""

    def _methods(self) -> tuple[Method, ...]:
        overview = self._view.overview
        return overview.methods if overview else ()

    def _ask(self, dialog: ActionDialog) -> ActionChoice | None:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _run(self, work: Callable[[str], ActionDone]) -> None:
        language = str(self.receipt_language.currentData())
        self.setEnabled(False)
        self._feedback.info(self.tr("Working, and writing the receipt…"))
        self._runner.run(lambda: work(language), self._on_done, self._on_failed)

    def _on_done(self, done: ActionDone) -> None:
        self.setEnabled(True)
        self.changed.emit()
        self._feedback.info(
            self.tr("%1. Receipt %2 is archived.").replace("%1", vocabulary.action_kind(done.action))
            .replace("%2", done.reference)
        )
        dialog = ReceiptDialog(done.receipt_path, done.reference, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.receipt_shown.emit(dialog)

    def _on_failed(self, error: BaseException) -> None:
        self.setEnabled(True)
        self.changed.emit()
        self._feedback.show_error(error)

    def _label(self, method: Method) -> str:
        name = f" ({method.device_name})" if method.device_name and method.device_name != method.label else ""
        return f"{vocabulary.method_kind(method.kind)} {method.label}{name}"

    # The actions ---------------------------------------------------------------------------------
    def block_app(self) -> None:
        visit = self._ready()
        method = self._selected(app_only=True) if visit is not None else None
        if visit is None or method is None or method.id is None:
            return
        others = [m for m in self._methods() if m.counts_as_active_app and m.id != method.id]

        def explain(choice: ActionChoice) -> str:
            if choice.channel.blocks_all_apps:
                return self.tr(
                    "Blocked from MitID.dk without login: EVERY active app stops working, not only %1."
                ).replace("%1", self._label(method))
            text = self.tr("%1 stops working at once. The citizen's other methods keep working.").replace(
                "%1", self._label(method)
            )
            if choice.reason is not None and choice.reason.is_permanent:
                text += " " + self.tr("The block is permanent: the app can never be reopened; the citizen activates a new app.")
            elif choice.reason is not None:
                text += " " + self.tr("The block is temporary: it can be reopened at Borgerservice or by MitID Support.")
            return text

        choice = self._ask(
            ActionDialog(
                self.tr("Block MitID app"),
                self.tr("Block app"),
                explain,
                facts=[(self.tr("Citizen"), self._citizen()), (self.tr("App"), self._label(method)),
                       (self.tr("Other active apps"), str(len(others)))],
                warnings=[self._uninstall_warning(), self._misuse_warning()],
                reasons=self._app_reasons(),
                channels=True,
                parent=self,
            )
        )
        if choice is None or choice.reason is None:
            return
        reason, channel, method_id = choice.reason, choice.channel, method.id
        self._run(lambda lang: self._services.mitid.block_app(
            self._ctx, visit, method_id, reason, channel=channel, language=lang))

    def block_all_apps(self) -> None:
        visit = self._ready()
        if visit is None:
            return
        apps = [m for m in self._methods() if m.counts_as_active_app]
        names = ", ".join(self._label(m) for m in apps) or self.tr("none")

        def explain(choice: ActionChoice) -> str:
            return self.tr(
                "All %1 active apps stop working: %2. Code display, audio code reader and chip keep working."
            ).replace("%1", str(len(apps))).replace("%2", names)

        choice = self._ask(
            ActionDialog(
                self.tr("Block all MitID apps"), self.tr("Block all apps"), explain,
                facts=[(self.tr("Citizen"), self._citizen())],
                warnings=[self._uninstall_warning(), self._misuse_warning()],
                reasons=self._app_reasons(), channels=True, parent=self,
            )
        )
        if choice is None or choice.reason is None:
            return
        reason, channel = choice.reason, choice.channel
        self._run(lambda lang: self._services.mitid.block_all_apps(
            self._ctx, visit, reason, channel=channel, language=lang))

    def block_mitid(self) -> None:
        visit = self._ready()
        if visit is None:
            return
        working = [m for m in self._methods() if m.state is MethodState.ACTIVE]
        names = ", ".join(self._label(m) for m in working) or self.tr("none")

        def explain(_choice: ActionChoice) -> str:
            return self.tr(
                "The WHOLE MitID is blocked for suspected misuse. Every method stops working, for the "
                "citizen too: %1. Only a supervisor can lift the block, after a new identity check."
            ).replace("%1", names)

        choice = self._ask(
            ActionDialog(
                self.tr("Block the whole MitID"), self.tr("Block MitID"), explain,
                facts=[(self.tr("Citizen"), self._citizen()), (self.tr("Reason"), vocabulary.block_reason(BlockReason.MISUSE))],
                warnings=[self.tr("Use this when someone else may have used the citizen's MitID.")],
                channels=True, parent=self,
            )
        )
        if choice is None:
            return
        channel = choice.channel
        self._run(lambda lang: self._services.mitid.block_mitid(self._ctx, visit, channel=channel, language=lang))

    def reopen(self) -> None:
        visit = self._ready()
        method = self._selected(app_only=False) if visit is not None else None
        if visit is None or method is None or method.id is None:
            return
        if method.state is not MethodState.BLOCKED_TEMPORARY:
            # Straight to the service, which refuses and records the refusal (a permanent block, ...).
            method_id = method.id
            self._run(lambda lang: self._services.mitid.reopen(self._ctx, visit, method_id, language=lang))
            return

        def explain(_choice: ActionChoice) -> str:
            return self.tr("%1 can be used again at once.").replace("%1", self._label(method))

        choice = self._ask(
            ActionDialog(self.tr("Reopen a blocked method"), self.tr("Reopen"), explain,
                         facts=[(self.tr("Citizen"), self._citizen())], parent=self)
        )
        if choice is None:
            return
        method_id = method.id
        self._run(lambda lang: self._services.mitid.reopen(self._ctx, visit, method_id, language=lang))

    def remove_user(self) -> None:
        visit = self._ready()
        method = self._selected(app_only=True) if visit is not None else None
        if visit is None or method is None or method.id is None:
            return
        if not method.users:
            self._feedback.error(self.tr("The app has no users to remove."))
            return

        def explain(choice: ActionChoice) -> str:
            text = self.tr("%1 is removed from %2.").replace("%1", choice.user or "").replace("%2", self._label(method))
            if len(method.users) == 1:
                text += " " + self.tr("It is the app's last user: the app becomes inactive.")
            return text

        choice = self._ask(
            ActionDialog(self.tr("Remove a user from an app"), self.tr("Remove user"), explain,
                         facts=[(self.tr("Citizen"), self._citizen())], users=method.users, parent=self)
        )
        if choice is None or not choice.user:
            return
        user, method_id = choice.user, method.id
        self._run(lambda lang: self._services.mitid.remove_app_user(self._ctx, visit, method_id, user, language=lang))

    def activate_app(self) -> None:
        visit = self._ready()
        if visit is None:
            return
        active = [m for m in self._methods() if m.counts_as_active_app]
        if len(active) >= MAX_ACTIVE_APPS:
            # Before the dialog, so the clerk can offer to block one first; the service refuses, names
            # the active apps and records the refusal.
            self._run(lambda lang: self._services.mitid.activate_app(self._ctx, visit, "", "", "", language=lang))
            return

        def explain(_choice: ActionChoice) -> str:
            return self.tr("A new MitID app is activated: %1 of %2 apps will be active.").replace(
                "%1", str(len(active) + 1)).replace("%2", str(MAX_ACTIVE_APPS))

        choice = self._ask(
            ActionDialog(self.tr("Activate a new MitID app"), self.tr("Activate"), explain,
                         facts=[(self.tr("Citizen"), self._citizen())], new_app=True, parent=self)
        )
        if choice is None or not choice.user:
            return
        model, device, user = choice.model, choice.device_name, choice.user
        self._run(lambda lang: self._services.mitid.activate_app(self._ctx, visit, model, device, user, language=lang))

    def lift_block(self) -> None:
        visit = self._ready()
        if visit is None:
            return
        overview = self._view.overview
        if not self._ctx.is_supervisor or overview is None or overview.state is not IdentityState.BLOCKED:
            # The service refuses a clerk (or a MitID that is not blocked) and records the refusal.
            self._run(lambda lang: self._services.mitid.lift_mitid_block(self._ctx, visit, language=lang))
            return

        def explain(_choice: ActionChoice) -> str:
            return self.tr("The block is lifted: every method that worked before the block works again.")

        choice = self._ask(
            ActionDialog(self.tr("Lift the MitID block"), self.tr("Lift block"), explain,
                         facts=[(self.tr("Citizen"), self._citizen())],
                         warnings=[self.tr("Only after a new identity check of the citizen in this visit.")],
                         parent=self)
        )
        if choice is None:
            return
        self._run(lambda lang: self._services.mitid.lift_mitid_block(self._ctx, visit, language=lang))

    def _app_reasons(self) -> tuple[BlockReason, ...]:
        overview = self._view.overview
        if overview is not None and overview.state is IdentityState.BLOCKED:
            return (*APP_REASONS, BlockReason.MISUSE)
        return APP_REASONS

    def _uninstall_warning(self) -> str:
        return self.tr("Tell the citizen: uninstalling the app is not enough, it counts as active until it is blocked.")

    def _misuse_warning(self) -> str:
        return self.tr("If someone else may have used the MitID, block the whole MitID instead (Ctrl+M).")

