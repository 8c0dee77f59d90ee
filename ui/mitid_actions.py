"""The MitID actions at the counter: buttons with keyboard shortcuts, each through its confirmation
dialog, run in a worker (the receipt PDF is written there), ending with the receipt shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
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
from borgerservice_desk.domain import mitid as rules
from borgerservice_desk.domain.consequences import Consequences, MethodRef, consequences
from borgerservice_desk.domain.mitid import (
    MAX_ACTIVE_APPS,
    ActionKind,
    BlockReason,
    Decision,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
)
from borgerservice_desk.errors import OutcomeUnknown, RuleViolation
from borgerservice_desk.services.citizens import ActionRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.mitid import ActionDone
from ui import vocabulary
from ui.action_dialog import ActionChoice, ActionDialog
from ui.consequences import describe, method_names
from ui.feedback import FeedbackLabel
from ui.messages import describe_error
from ui.mitid_view import MitidView
from ui.models import ROW_ROLE
from ui.receipt_dialog import ReceiptDialog
from ui.tasks import ServiceCalls, TaskRunner

# Misuse is not offered for apps while the MitID is active: it blocks the whole MitID (DOMAIN.md).
APP_REASONS = (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED, BlockReason.WRONG_TRIES)

# Each button and the action it starts.
BUTTON_ACTIONS: dict[str, ActionKind] = {
    "block_app": ActionKind.BLOCK_APP,
    "block_all": ActionKind.BLOCK_ALL_APPS,
    "block_mitid": ActionKind.BLOCK_MITID,
    "reopen": ActionKind.REOPEN_METHOD,
    "remove_user": ActionKind.REMOVE_APP_USER,
    "activate": ActionKind.ACTIVATE_APP,
    "lift": ActionKind.LIFT_MITID_BLOCK,
}
# Refusals that only ask the clerk to choose in the list: guidance, not an attempt worth recording. An app's
# action (Ctrl+B, Ctrl+U) with the code display or chip selected is such a slip of the selection too.
CHOOSE_FIRST = frozenset({"mitid.choose_app", "mitid.choose_method", "mitid.not_an_app"})


class MitidActions(QWidget):
    receipt_shown = Signal(ReceiptDialog)  # the receipt of the action just done, open
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
        reading: Callable[[], bool] = lambda: False,
    ) -> None:
        super().__init__(parent)
        self._reading = reading  # the citizen's MitID is being read again: what shows may be out of date
        self._services = services
        self._ctx = ctx
        self._view = view
        self._feedback = feedback
        # An action is one call at a time; the record of a refused attempt goes alongside, unwaited for.
        self.calls = ServiceCalls(runner, feedback, self)
        self._visit_id = visit_id
        # The visit an action is running for (None: none runs), and whether the panel may be used at all: a
        # visit opened meanwhile must not turn the buttons on under a running action.
        self._running_for: int | None = None
        self._usable = False
        # The new app's details last confirmed, for the visit they were typed in: (visit, model, device name,
        # user), kept until that app is activated, so a refusal after the dialog closed loses nothing typed.
        self._new_app_draft: tuple[int, str, str, str] | None = None
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
        # Set by the visit: False (with what is missing said) while the visit has not established the
        # documents and the questions or a witness that lifting a whole-MitID block needs.
        self.before_lift: Callable[[], bool] | None = None
        # What the rules allow now, per action: None, or the refusal the button's tooltip explains.
        self.availability: dict[ActionKind, RuleViolation | None] = {}
        view.changed.connect(self.update_availability)
        self.update_availability()
        # Enter (or a double click) on an action in the history shows its receipt again, to print: the printer
        # jammed, the citizen lost it, or the desk stopped before showing it.
        view.history_view.activated.connect(lambda _index: self.show_receipt())
        # In the grid's free cell after the seven buttons: a row less for the Serving tab to find room for.
        language_row = QHBoxLayout()
        language_row.addWidget(QLabel(self.tr("Receipt in")))
        language_row.addWidget(self.receipt_language)
        language_row.addStretch()
        grid.addLayout(language_row, len(specs) // 4, len(specs) % 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)

    @property
    def running(self) -> bool:
        """An action is being saved (its receipt written): the visit it is for must stay open until it is."""
        return self._running_for is not None

    # Helpers -------------------------------------------------------------------------------------
    def update_availability(self) -> None:
        """Enable each action from the rules that decide it (rules.available_actions), with the reason
        as tooltip when it cannot be done."""
        overview = self._view.overview
        identity = overview.identity if overview is not None else None
        if overview is None or identity is None:
            missing = RuleViolation("mitid.no_identity" if overview is not None else "visit.not_found")
            self.availability = {kind: missing for kind in ActionKind}
        else:
            selected = self._view.selected_method()
            self.availability = rules.available_actions(
                identity,
                supervisor=overview.viewer_is_supervisor,
                identity_checked_at=overview.identity_checked_at,
                selected_method_id=selected.id if selected is not None else None,
            )
        for key, button in self.buttons.items():
            refusal = self.availability[BUTTON_ACTIONS[key]]
            button.setEnabled(refusal is None)
            button.setToolTip(describe_error(refusal) if refusal is not None else "")

    def _allowed(self, kind: ActionKind, visit: int) -> bool:
        """True when the rules allow the action now; otherwise the clerk hears why, and an attempt by
        shortcut at an action the rules refuse is recorded like any refusal."""
        self.update_availability()
        refusal = self.availability[kind]
        if refusal is None:
            return True
        if refusal.code in CHOOSE_FIRST:
            self._feedback.error(describe_error(refusal))
            self._view.methods_view.setFocus()
            return False
        selected = self._view.selected_method()
        method_id = selected.id if selected is not None else None
        mitid, ctx = self._services.mitid, self._ctx
        self.calls.fetch(
            lambda: mitid.record_refusal(ctx, visit, kind, refusal, method_id=method_id),
            lambda _done: self._feedback.show_error(refusal),
            lambda _error: self._feedback.show_error(refusal),
        )
        return False

    def _facts(self, decide: Callable[[Identity], Decision]) -> Consequences | str:
        """What the action would mean for this citizen, from the rules: the facts, or the refusal's text."""
        overview = self._view.overview
        identity = overview.identity if overview is not None else None
        if identity is None:
            return self.tr("The citizen has no MitID.")
        try:
            decision = decide(identity)
        except RuleViolation as refusal:
            return describe_error(refusal)
        after = rules.apply(identity, decision, now=datetime.now(UTC))
        return consequences(identity, after, decision.action)

    def set_usable(self, usable: bool) -> None:
        """Let the actions be used (a visit is open) or not; while an action runs they stay off either way."""
        self._usable = usable
        self.setEnabled(usable and self._running_for is None)

    def _ready(self) -> int | None:
        visit = self._visit_id()
        if visit is not None and self._running_for is not None:
            self._feedback.info(self.tr("The last action is still being saved. Try again in a moment."))
            return None
        if visit is None or not self.isEnabled():  # no visit
            return None
        if self._reading():
            # Decided on what shows now, the rules could refuse (and record) what the check just allowed.
            self._feedback.info(self.tr("The citizen's MitID is still being read. Try again in a moment."))
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
        if not self.calls.run(lambda: work(language), self._on_done, self._on_failed):
            # Another action is still out (the buttons are off while one runs, so this is a race): said, not
            # dropped without a word behind a "Working…".
            self._feedback.info(self.tr("The last action is still being saved. Try again in a moment."))
            return
        self._running_for = self._visit_id()
        focused = QApplication.focusWidget()
        if focused is None or self.isAncestorOf(focused):
            # The button pressed is about to be disabled, which would hand the focus on to the tab bar (the
            # clerk's next arrow key would change tabs): the methods list is where the clerk goes on from.
            self._view.methods_view.setFocus()
        self.setEnabled(False)
        self._feedback.busy(self.tr("Working, and writing the receipt…"))

    def _finished(self) -> int | None:
        """The action is over: the visit it ran for; the panel usable again if a visit is open."""
        ran_for, self._running_for = self._running_for, None
        self.setEnabled(self._usable)
        self.changed.emit()
        return ran_for

    def _on_done(self, done: ActionDone) -> None:
        if done.action is ActionKind.ACTIVATE_APP:
            self._new_app_draft = None
        previous = self._finished() != self._visit_id()
        # Another citizen is being served now: the receipt is the last citizen's, and says so. A receipt the
        # archive refused (a full disk, a share gone) is handed over from its temporary file: not "archived".
        if previous and done.receipt_archived:
            text = self.tr("%1 for the previous citizen. Receipt %2 is archived.")
        elif previous:
            text = self.tr(
                "%1 for the previous citizen. Receipt %2 could not be put in the archive: print it now. "
                "The desk files it when it starts next time."
            )
        elif done.receipt_archived:
            text = self.tr("%1. Receipt %2 is archived.")
        else:
            text = self.tr(
                "%1. Receipt %2 could not be put in the archive: print it now. "
                "The desk files it when it starts next time."
            )
        self._feedback.info(text.replace("%1", vocabulary.action_kind(done.action)).replace("%2", done.reference))
        dialog = ReceiptDialog(done.receipt_path, done.reference, self, archived=done.receipt_archived)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Closed, the receipt would hand the focus back to the button pressed, disabled meanwhile, and so on
        # to the tab bar: back to the methods list instead.
        dialog.finished.connect(lambda _code: self._view.methods_view.setFocus())
        dialog.open_when_unlocked()  # not over the cover of a desk locked while the action was saved
        self.receipt_shown.emit(dialog)

    def show_receipt(self) -> None:
        """The receipt of the action chosen in the history, shown again to print."""
        visit = self._visit_id()
        index = self._view.history_view.currentIndex()
        row = self._view.history.data(index.siblingAtColumn(0), ROW_ROLE) if index.isValid() else None
        if visit is None or not isinstance(row, ActionRow):
            return
        if row.receipt is None:
            self._feedback.error(self.tr("This action has no receipt: it was recorded before the desk made them."))
            return
        reference, mitid, ctx = row.receipt, self._services.mitid, self._ctx

        def shown(path: Path) -> None:
            if self._visit_id() != visit:
                return  # the citizen has gone meanwhile: their receipt is not for the next one
            dialog = ReceiptDialog(path, reference, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.finished.connect(lambda _code: self._view.history_view.setFocus())
            dialog.open_when_unlocked()
            self.receipt_shown.emit(dialog)

        self.calls.fetch(lambda: mitid.receipt(ctx, visit, reference), shown, self._feedback.show_error, key="receipt")

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, OutcomeUnknown):
            # The app may be activated: filled in again, the dialog would invite a second one before the clerk
            # has looked at the history, as the message asks.
            self._new_app_draft = None
        self._finished()
        self._feedback.show_error(error)

    def _label(self, method: Method) -> str:
        name = f" ({method.device_name})" if method.device_name and method.device_name != method.label else ""
        return f"{vocabulary.method_kind(method.kind)} {method.label}{name}"

    # The actions ---------------------------------------------------------------------------------
    def block_app(self) -> None:
        visit = self._ready()
        if visit is None or not self._allowed(ActionKind.BLOCK_APP, visit):
            return
        method = self._selected(app_only=True)
        if method is None or method.id is None:
            return
        others = [m for m in self._methods() if m.counts_as_active_app and m.id != method.id]
        chosen_id = method.id

        def explain(choice: ActionChoice) -> str:
            reason = choice.reason or BlockReason.LOST
            facts = self._facts(lambda identity: rules.decide_block_app(identity, chosen_id, reason, choice.channel))
            if isinstance(facts, str):
                return facts
            if choice.channel.blocks_all_apps:
                text = self.tr(
                    "Blocked from MitID.dk without login: EVERY active app stops working, not only %1."
                ).replace("%1", self._label(method))
            elif method.state is MethodState.BLOCKED_TEMPORARY:
                # Blocked for wrong tries already: lost or stolen after all, the block becomes one for good.
                text = self.tr("%1 is blocked for wrong tries already.").replace("%1", self._label(method))
            else:
                text = self.tr("%1 stops working at once.").replace("%1", self._label(method))
            if reason.is_permanent:
                text += " " + self.tr("The block is permanent: the app can never be reopened; the citizen activates a new app.")
            else:
                text += " " + self.tr("The block is temporary: it can be reopened at Borgerservice or by MitID Support.")
            return f"{text} {describe(facts, stops=choice.channel.blocks_all_apps)}".strip()

        choice = self._ask(
            ActionDialog(
                self.tr("Block MitID app"),
                self.tr("Block app"),
                explain,
                facts=[(self.tr("Citizen"), self._citizen()), (self.tr("App"), self._label(method)),
                       (self.tr("Other active apps"), str(len(others)))],
                warnings=[self._uninstall_warning(), self._misuse_warning()],
                # An app blocked for wrong tries already can only be blocked for good.
                reasons=[r for r in self._app_reasons() if rules.app_blockable(method, r)],
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
        if visit is None or not self._allowed(ActionKind.BLOCK_ALL_APPS, visit):
            return
        apps = [m for m in self._methods() if m.counts_as_active_app]

        def explain(choice: ActionChoice) -> str:
            reason = choice.reason or BlockReason.LOST
            facts = self._facts(lambda identity: rules.decide_block_all_apps(identity, reason, choice.channel))
            if isinstance(facts, str):
                return facts
            head = self.tr("All %1 active apps stop working: %2.").replace("%1", str(len(apps))).replace(
                "%2", method_names(n.method for n in facts.stops)
            )
            return f"{head} {describe(facts, stops=False)}".strip()

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
        if visit is None or not self._allowed(ActionKind.BLOCK_MITID, visit):
            return

        def explain(choice: ActionChoice) -> str:
            facts = self._facts(lambda identity: rules.decide_block_mitid(identity, choice.channel))
            if isinstance(facts, str):
                return facts
            head = self.tr(
                "The WHOLE MitID is blocked for suspected misuse: every method stops working, for the citizen "
                "too, and no new one can be activated. Only a supervisor can lift the block, after a new "
                "identity check."
            )
            if not facts.stops:
                head += " " + self.tr("None of the citizen's methods works even now.")
            return f"{head} {describe(facts)}".strip()

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
        if visit is None or not self._allowed(ActionKind.REOPEN_METHOD, visit):
            return
        method = self._selected(app_only=False)
        if method is None or method.id is None:
            return
        reopened_id = method.id

        def explain(_choice: ActionChoice) -> str:
            facts = self._facts(lambda identity: rules.decide_reopen(identity, reopened_id))
            text = self.tr("%1 can be used again at once.").replace("%1", self._label(method))
            if isinstance(facts, str):
                return facts
            # The first sentence names the method that works again; "works after this" would name it twice.
            reopened = MethodRef(method.kind, method.label)
            others = tuple(ref for ref in facts.starts_working if ref != reopened)
            return f"{text} {describe(replace(facts, starts_working=others))}".strip()

        choice = self._ask(
            ActionDialog(self.tr("Reopen a blocked method"), self.tr("Reopen"), explain,
                         facts=[(self.tr("Citizen"), self._citizen()),
                                (self.tr("Identification method"), self._label(method))],
                         parent=self)
        )
        if choice is None:
            return
        method_id = method.id
        self._run(lambda lang: self._services.mitid.reopen(self._ctx, visit, method_id, language=lang))

    def remove_user(self) -> None:
        visit = self._ready()
        if visit is None or not self._allowed(ActionKind.REMOVE_APP_USER, visit):
            return
        method = self._selected(app_only=True)
        if method is None or method.id is None:
            return
        app_id = method.id

        def explain(choice: ActionChoice) -> str:
            user = choice.user or ""
            facts = self._facts(lambda identity: rules.decide_remove_app_user(identity, app_id, user))
            if isinstance(facts, str):
                return facts
            text = self.tr("%1 is removed from %2.").replace("%1", user).replace("%2", self._label(method))
            if facts.stops:
                text += " " + self.tr("It is the app's last user: the app becomes inactive.")
            elif method.state is not MethodState.ACTIVE:
                text += " " + self.tr("The app stays blocked.")  # it works for none of its users
            elif facts.keeps_working:
                text += " " + self.tr("The app keeps working for its other users.")
            if facts.must_activate_new_app or facts.nothing_works:
                text += " " + describe(facts, stops=False)
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
        # Refused before the dialog (naming the active apps), so the clerk can offer to block one first.
        if visit is None or not self._allowed(ActionKind.ACTIVATE_APP, visit):
            return
        # A new app is the activation-code route: it needs what the code needs (the documents, and the
        # questions or a witness). The service asks the visit, as the lift's pre-check asks the recovery
        # panel, so the clerk hears what is missing before typing the app's details; a refusal is recorded
        # there, and the activation checks again in its own transaction.
        mitid, ctx = self._services.mitid, self._ctx
        self.calls.fetch(
            lambda: mitid.require_assurance(ctx, visit, ActionKind.ACTIVATE_APP),
            lambda _ready: self._new_app_dialog(visit),
            self._feedback.show_error,
            key="new_app_assurance",  # Ctrl+N twice while it is asked: one dialog
        )

    def _new_app_dialog(self, visit: int) -> None:
        if self._ready() != visit:
            return  # meanwhile the visit ended, another began, or an action started: pressed again later
        active = [m for m in self._methods() if m.counts_as_active_app]

        def explain(_choice: ActionChoice) -> str:
            return self.tr("A new MitID app is activated: %1 of %2 apps will be active.").replace(
                "%1", str(len(active) + 1)).replace("%2", str(MAX_ACTIVE_APPS))

        dialog = ActionDialog(self.tr("Activate a new MitID app"), self.tr("Activate"), explain,
                              facts=[(self.tr("Citizen"), self._citizen())], new_app=True, parent=self)
        draft = self._new_app_draft
        if draft is not None and draft[0] == visit:
            # The last try for this citizen was refused or failed after the dialog closed (another desk changed
            # the MitID, a fourth app, the database away): what was typed comes back, not to be typed again.
            dialog.model.setText(draft[1])
            dialog.device_name.setText(draft[2])
            dialog.new_user.setText(draft[3])
        choice = self._ask(dialog)
        if choice is None or not choice.user:
            return
        model, device, user = choice.model, choice.device_name, choice.user
        self._new_app_draft = (visit, model, device, user)  # until the app is activated
        self._run(lambda lang: self._services.mitid.activate_app(self._ctx, visit, model, device, user, language=lang))

    def lift_block(self) -> None:
        visit = self._ready()
        if visit is None or not self._allowed(ActionKind.LIFT_MITID_BLOCK, visit):
            return
        if self.before_lift is not None and not self.before_lift():
            return
        overview = self._view.overview
        checked_at = overview.identity_checked_at if overview is not None else None

        def explain(_choice: ActionChoice) -> str:
            facts = self._facts(
                lambda identity: rules.decide_lift_mitid_block(
                    identity, by_supervisor=True, identity_checked_at=checked_at
                )
            )
            if isinstance(facts, str):
                return facts
            head = self.tr("The whole-MitID block is lifted.")
            return f"{head} {describe(facts)}".strip()

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

