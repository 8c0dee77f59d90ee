"""Identity assurance and getting a working MitID method again, in the Serving tab (issue 14).

The visit's level and, per errand, what is still missing (AssuranceService.overview: the rules are the
domain's, the words ui/messages'), read again after every document, question round, witness, check and
action; the ways to add to it (a typed document, control questions, a witness); and the errands, each with
its shortcut, through its dialog, in a worker (ServiceCalls), ending with the receipt like the MitID
actions. An errand whose requirements are not met is not started: the clerk hears what is missing first.

Shortcuts (the Serving tab's, beside the MitID actions' Ctrl+B/M/R/U/N/L):
Ctrl+Shift+D document, Ctrl+Shift+S control questions, Ctrl+Shift+W witness, Ctrl+Shift+C activation
code, Ctrl+Shift+H hand out a device, Ctrl+Shift+X block a device, Ctrl+Shift+I show the user ID,
Ctrl+Shift+M issue a MitID.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.errands import Errand
from borgerservice_desk.domain.centre_time import local_today
from borgerservice_desk.domain.mitid import MethodKind
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.assurance import (
    AssuranceOverview,
    DocumentRow,
    DrawnQuestions,
    QuestionResult,
    WitnessAccepted,
    WitnessFound,
)
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.recovery import (
    CodeIssued,
    ErrandDone,
    MitidIssued,
    UserIdShown,
)
from ui import vocabulary
from ui.dates import current_zone
from ui.feedback import FeedbackLabel
from ui.messages import describe_gap
from ui.mitid_actions import MitidActions
from ui.mitid_view import MitidView
from ui.models import ROW_ROLE
from ui.receipt_dialog import ReceiptDialog, show_when_unlocked
from ui.recovery_dialogs import (
    BlockDeviceDialog,
    ChooseAppDialog,
    CitizenWindow,
    CodeDialog,
    DocumentDialog,
    ErrandDialog,
    IssueMitidDialog,
    QuestionsDialog,
    SerialDialog,
    WitnessDialog,
)
from ui.tasks import ServiceCalls, TaskRunner

# The errands the overview words, in the order the clerk meets them.
SHOWN_ERRANDS = (Errand.ACTIVATION_CODE, Errand.CODE_DISPLAY, Errand.CHIP, Errand.SHOW_USER_ID,
                 Errand.LIFT_MITID_BLOCK, Errand.ISSUE_MITID)
DEVICE_KINDS = frozenset({MethodKind.CODE_DISPLAY, MethodKind.CODE_READER, MethodKind.CHIP})


class RecoveryPanel(QWidget):
    receipt_shown = Signal(ReceiptDialog)  # the receipt of the errand just done: open, or once the desk is unlocked
    changed = Signal()  # the citizen's MitID changed: the visit reads it again
    overview_shown = Signal(object)  # AssuranceOverview, once it is on screen

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        view: MitidView,
        actions: MitidActions,
        feedback: FeedbackLabel,
        visit_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPanel")
        # No frame or title of its own: below the MitID actions, the level line says what it is, and the
        # methods keep the room at 1280×800.
        self.setAccessibleName(self.tr("Identity and new methods"))
        self._services = services
        self._ctx = ctx
        self._view = view
        self._actions = actions
        self._feedback = feedback
        self._visit_id = visit_id
        self.overview: AssuranceOverview | None = None
        # Reads and errands apart, so a refresh never makes an errand wait (or be refused as "busy").
        # The overview is a read through `run` until ServiceCalls.fetch lands (branch i11-oneway2).
        self.reads = ServiceCalls(runner, None, self)
        self.calls = ServiceCalls(runner, feedback, self)
        self.dialog: QDialog | None = None  # the open dialog, for tests and to keep it alive
        self.citizen_window: CitizenWindow | None = None
        self.code_dialog: CodeDialog | None = None
        # Set aside while a supervisor has taken the desk over: the citizen's windows of these tabs are kept,
        # hidden, for the hand back (the supervisor's tabs show their own), and a late one waits with them.
        self.aside = False

        self.level_label = QLabel()
        self.level_label.setObjectName("assuranceLevel")
        self.level_label.setWordWrap(True)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("assuranceGaps")
        self.gaps_label.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
        specs = [
            ("document", self.tr("Document…"), "Ctrl+Shift+D", self.add_document),
            ("questions", self.tr("Questions…"), "Ctrl+Shift+S", self.ask_questions),
            ("witness", self.tr("Witness…"), "Ctrl+Shift+W", self.accept_witness),
            ("code", self.tr("Activation code…"), "Ctrl+Shift+C", self.issue_code),
            ("device", self.tr("Hand out device…"), "Ctrl+Shift+H", self.hand_out_device),
            ("block_device", self.tr("Block device…"), "Ctrl+Shift+X", self.block_device),
            ("user_id", self.tr("Show user ID…"), "Ctrl+Shift+I", self.show_user_id),
            ("issue", self.tr("Issue MitID…"), "Ctrl+Shift+M", self.issue_mitid),
        ]
        self._keys = {key: keys for key, _label, keys, _slot in specs}
        grid = QGridLayout()
        for index, (key, label, keys, slot) in enumerate(specs):
            button = QPushButton(label)
            button.setObjectName(f"errand_{key}")
            button.clicked.connect(slot)
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            self.buttons[key] = button
            grid.addWidget(button, 0, index)
        grid.setHorizontalSpacing(4)
        texts = QHBoxLayout()
        texts.addWidget(self.level_label, 1)
        texts.addWidget(self.gaps_label, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(texts)
        layout.addLayout(grid)
        view.changed.connect(self._update_buttons)
        self.show_overview(None)

    # The visit's level and gaps --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the overview again, off the UI thread; only the newest read asked for fills the view."""
        visit = self._visit_id()
        if visit is None:
            self.show_overview(None)
            return
        assurance, ctx = self._services.assurance, self._ctx

        def shown(overview: AssuranceOverview) -> None:
            if self._visit_id() == overview.visit_id:
                self.show_overview(overview)

        self.reads.fetch(lambda: assurance.overview(ctx, visit), shown, self._feedback.show_error, key="overview")

    def show_overview(self, overview: AssuranceOverview | None) -> None:
        self.overview = overview
        if overview is None:
            self.level_label.setText(self.tr("Identity level: no visit."))
            self.gaps_label.setText("")
        else:
            counted = [d for d in overview.documents if d.refusal is None]
            extra = (
                self.tr("control questions answered") if overview.questions_passed
                else self.tr("a witness accepted") if overview.witness_accepted
                else self.tr("no control questions or witness yet")
            )
            self.level_label.setText(
                self.tr("Identity level: %1. %2 document(s) count; %3.")
                .replace("%1", vocabulary.assurance_level(overview.level.name))
                .replace("%2", str(len(counted)))
                .replace("%3", extra)
            )
            # Errands that miss the same things share a line: two or three lines say it all, so the
            # Serving tab keeps its room for the methods at 1280×800.
            ready = [vocabulary.errand(e.value) for e in SHOWN_ERRANDS if not overview.gaps[e]]
            missing: dict[tuple[str, ...], list[str]] = {}
            for errand in SHOWN_ERRANDS:
                gaps = tuple(g.value for g in overview.gaps[errand])
                if gaps:
                    missing.setdefault(gaps, []).append(vocabulary.errand(errand.value))
            parts = [self.tr("Can be done: %1.").replace("%1", ", ".join(ready))] if ready else []
            parts += [
                self.tr("%1: missing %2.").replace("%1", ", ".join(names))
                .replace("%2", ", ".join(describe_gap(g) for g in gaps))
                for gaps, names in missing.items()
            ]
            self.gaps_label.setText("\n".join(parts))
        self._update_buttons()
        self.overview_shown.emit(overview)

    def _update_buttons(self) -> None:
        """Which errands fit the citizen's MitID (issue one only to a citizen without); what they still
        need is said in each button's tooltip and, when pressed, in the feedback line."""
        visit = self._visit_id() is not None
        mitid = self._view.overview
        has_mitid = mitid is not None and mitid.identity_id is not None
        for key, button in self.buttons.items():
            if key in ("document", "questions", "witness"):
                button.setEnabled(visit)
            elif key == "issue":
                button.setEnabled(visit and mitid is not None and not has_mitid)
            else:
                button.setEnabled(visit and has_mitid)
            errand = _ERRAND_OF.get(key)
            gaps = self.overview.gaps[errand] if self.overview is not None and errand is not None else ()
            tip = self._keys[key]
            if gaps:
                tip += "\n" + self.tr("Missing: %1").replace("%1", ", ".join(describe_gap(g.value) for g in gaps))
            button.setToolTip(tip)

    def can_start(self, errand: Errand) -> bool:
        """False, with what is missing said, when the visit's overview shows the errand cannot be finished;
        the service checks again in the transaction that carries it out."""
        if self.overview is None:
            return True
        gaps = self.overview.gaps[errand]
        if not gaps:
            return True
        self._feedback.show_error(
            RuleViolation("assurance.insufficient", errand=errand.value, missing=[g.value for g in gaps])
        )
        visit = self._visit_id()
        if visit is not None:
            # Refused here without a round trip, but recorded like every refused use case: the service
            # looks again and audits it (off the UI thread; the answer changes nothing on the screen).
            assurance, ctx = self._services.assurance, self._ctx
            self.reads.fetch(
                lambda: assurance.refuse_unready(ctx, visit, errand), lambda _gaps: None,
                self._feedback.show_error, key="refused",
            )
        return False

    def _ready(self, key: str) -> int | None:
        visit = self._visit_id()
        if visit is None or self.calls.busy or not self.buttons[key].isEnabled():
            if visit is not None and not self.buttons[key].isEnabled():
                self._feedback.error(
                    self.tr("The citizen already has a MitID.") if key == "issue" else self.tr("The citizen has no MitID.")
                )
            return None
        return visit

    def _citizen(self) -> str:
        overview = self._view.overview
        return overview.citizen.full_name if overview is not None else ""

    def _language(self) -> str:
        return str(self._actions.receipt_language.currentData())

    def _open(self, dialog: QDialog, accepted: Callable[[], None]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(accepted)
        dialog.finished.connect(lambda _code: self._forget(dialog))
        self.dialog = dialog
        # Some open with a worker's answer (the questions drawn), which may come back on a locked desk.
        show_when_unlocked(dialog, dialog.open)

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    # Adding to what the visit establishes --------------------------------------------------------
    def add_document(self) -> None:
        visit = self._ready("document")
        if visit is None:
            return
        dialog = DocumentDialog(self._citizen(), local_today(datetime.now(UTC), current_zone()), self)

        def record() -> None:
            typed = dialog.document()
            self.calls.run(
                lambda: self._services.assurance.record_document(
                    self._ctx, visit, typed.type, typed.issuer, cpr=typed.cpr, number=typed.number,
                    expires_on=typed.expires_on, temporary=typed.temporary, physical=typed.physical,
                ),
                self._document_recorded, self._refused, lock=list(self.buttons.values()),
            )

        self._open(dialog, record)

    def _document_recorded(self, row: DocumentRow) -> None:
        name = vocabulary.assurance_document(row.type.value)
        if row.refusal is not None:
            self._feedback.error(
                self.tr("%1 was recorded but does not count: %2.").replace("%1", name)
                .replace("%2", vocabulary.document_refusal(row.refusal.value))
            )
        elif row.cpr_shown:
            self._feedback.info(self.tr("%1 counts; its CPR number is the citizen's.").replace("%1", name))
        else:
            self._feedback.info(self.tr("%1 counts.").replace("%1", name))
        self.refresh()

    def ask_questions(self) -> None:
        visit = self._ready("questions")
        if visit is None:
            return
        self.calls.run(
            lambda: self._services.assurance.draw_questions(self._ctx, visit),
            lambda drawn: self._ask(visit, drawn), self._refused, lock=list(self.buttons.values()),
        )

    def _ask(self, visit: int, drawn: DrawnQuestions) -> None:
        dialog = QuestionsDialog(drawn.questions, drawn.required, self)

        def mark() -> None:
            marks = dialog.marks()
            self.calls.run(
                lambda: self._services.assurance.mark_questions(self._ctx, visit, drawn.round_id, marks),
                self._marked, self._refused, lock=list(self.buttons.values()),
            )

        self._open(dialog, mark)

    def _marked(self, result: QuestionResult) -> None:
        text = self.tr("%1 of %2 answers right (%3 needed).").replace("%1", str(result.right)) \
            .replace("%2", str(result.asked)).replace("%3", str(result.required))
        if result.passed:
            self._feedback.info(text + " " + self.tr("The control questions are passed."))
        else:
            self._feedback.error(text + " " + self.tr("Not passed: draw new questions, or use a witness."))
        self.refresh()

    def accept_witness(self) -> None:
        visit = self._ready("witness")
        if visit is None:
            return
        dialog = WitnessDialog(self._citizen(), self)
        assurance, ctx = self._services.assurance, self._ctx

        def find(typed: str) -> None:
            def found(witness: WitnessFound) -> None:
                if shiboken6.isValid(dialog):  # the clerk may have closed it meanwhile
                    dialog.show_found(typed, witness)

            def not_found(error: BaseException) -> None:
                if shiboken6.isValid(dialog):
                    dialog.show_not_found(typed, error)

            # A read with its own audit entry, off the UI thread; only the newest number asked for answers.
            self.reads.fetch(lambda: assurance.find_witness(ctx, visit, typed), found, not_found, key="witness")

        dialog.find_requested.connect(find)

        def accept() -> None:
            facts = dialog.facts()
            self.calls.run(
                lambda: self._services.assurance.accept_witness(
                    self._ctx, visit, facts.cpr, photo_id_valid=facts.photo_id_valid,
                    own_mitid_shown=facts.own_mitid_shown, professional=facts.professional,
                ),
                self._witnessed, self._refused, lock=list(self.buttons.values()),
            )

        self._open(dialog, accept)

    def _witnessed(self, accepted: WitnessAccepted) -> None:
        text = self.tr("The witness is accepted (%1 of 3 people within 120 days).").replace(
            "%1", str(accepted.people_in_window)
        )
        if accepted.professional:
            text += " " + self.tr("Recorded as a professional witness.")
        self._feedback.info(text)
        self.refresh()

    def _refused(self, error: BaseException) -> None:
        self._feedback.show_error(error)
        self.refresh()

    # The errands ----------------------------------------------------------------------------------
    def _run(self, work: Callable[[str], Any], done: Callable[[Any], ErrandDone], then: Callable[[Any], None],
             failed: Callable[[BaseException], None] | None = None) -> None:
        language = self._language()
        self._feedback.busy(self.tr("Working, and writing the receipt…"))

        def finished(result: Any) -> None:
            then(result)
            self._receipt(done(result))

        def refused(error: BaseException) -> None:
            self._feedback.show_error(error)
            if failed is not None:
                failed(error)
            self.changed.emit()
            self.refresh()

        self.calls.run(lambda: work(language), finished, refused, lock=list(self.buttons.values()))

    def _receipt(self, done: ErrandDone) -> None:
        # A receipt the archive refused is handed over from its temporary file: not "archived".
        text = (
            self.tr("%1. Receipt %2 is archived.")
            if done.receipt_archived
            else self.tr(
                "%1. Receipt %2 could not be put in the archive: print it now. "
                "The desk files it when it starts next time."
            )
        )
        self._feedback.info(text.replace("%1", vocabulary.action_kind(done.action)).replace("%2", done.reference))
        self.changed.emit()
        self.refresh()
        dialog = ReceiptDialog(done.receipt_path, done.reference, self, archived=done.receipt_archived)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_when_unlocked()
        self.receipt_shown.emit(dialog)

    def issue_code(self) -> None:
        visit = self._ready("code")
        if visit is None or not self.can_start(Errand.ACTIVATION_CODE):
            return
        dialog = ErrandDialog(
            self.tr("Activation code for a new MitID app"),
            self.tr(
                "A new activation code is made for %1. It is shown once, for the citizen, with a slip to print; "
                "an unused earlier code stops working."
            ).replace("%1", self._citizen()),
            self.tr("&Make code"), self,
        )
        self._open(dialog, lambda: self._run(
            lambda lang: self._services.recovery.issue_activation_code(self._ctx, visit, language=lang),
            lambda issued: issued.done, lambda issued: self._show_code(issued, visit), self._offer_block,
        ))

    def _show_code(self, issued: CodeIssued, visit: int) -> None:
        if self._visit_id() != visit:
            return  # the visit ended while this was saved (see "The citizen's windows" below)
        if self.code_dialog is not None and shiboken6.isValid(self.code_dialog):
            self.code_dialog.close()  # the new code made the earlier one stop working
        dialog = CodeDialog(issued.code, issued.expires_at, issued.slip_pdf, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._forget_code_dialog(dialog))
        self.code_dialog = dialog
        self._present(dialog)

    def _offer_block(self, error: BaseException) -> None:
        """Three apps are active: name them (the refusal's text does) and offer to block one first."""
        if not (isinstance(error, RuleViolation) and error.code == "mitid.too_many_apps"):
            return
        overview = self._view.overview
        apps = [(m.id, f"{m.label}" + (f" ({m.device_name})" if m.device_name else ""))
                for m in (overview.methods if overview is not None else ()) if m.counts_as_active_app and m.id is not None]
        dialog = ChooseAppDialog(apps, self)

        def block() -> None:
            chosen = dialog.method_id()
            for row in range(self._view.methods.rowCount()):
                index = self._view.methods.index(row, 0)
                if getattr(self._view.methods.data(index, ROW_ROLE), "id", None) == chosen:
                    self._view.methods_view.setCurrentIndex(index)
                    break
            self._actions.block_app()

        self._open(dialog, block)

    def hand_out_device(self) -> None:
        visit = self._ready("device")
        if visit is None or not self.can_start(Errand.CODE_DISPLAY):
            return
        dialog = SerialDialog(
            self.tr("Hand out a device"),
            self.tr("A code display, audio code reader or chip from the centre's stock is tied to %1's MitID.")
            .replace("%1", self._citizen()),
            self.tr("&Hand out"), self,
        )

        def go() -> None:
            serial = dialog.serial.text()
            self._run(
                lambda lang: self._services.recovery.hand_out_device(self._ctx, visit, serial, language=lang),
                lambda done: done, lambda _done: None,
            )

        self._open(dialog, go)

    def block_device(self) -> None:
        visit = self._ready("block_device")
        if visit is None:
            return
        method = self._view.selected_method()
        if method is None or method.kind not in DEVICE_KINDS or method.id is None:
            self._feedback.error(self.tr("Choose the code display, audio code reader or chip in the list of methods first."))
            self._view.methods_view.setFocus()
            return
        if not self.can_start(Errand.BLOCK):
            return
        method_id = method.id
        dialog = BlockDeviceDialog(f"{vocabulary.method_kind(method.kind)} {method.label}", self)

        def go() -> None:
            reason = dialog.chosen_reason()
            self._run(
                lambda lang: self._services.recovery.block_device(self._ctx, visit, method_id, reason, language=lang),
                lambda done: done, lambda _done: None,
            )

        self._open(dialog, go)

    def show_user_id(self) -> None:
        visit = self._ready("user_id")
        if visit is None or not self.can_start(Errand.SHOW_USER_ID):
            return
        dialog = ErrandDialog(
            self.tr("Show the user ID to the citizen"),
            self.tr(
                "The user ID opens in a window for the citizen only: turn the screen towards them, or move the "
                "window to the citizen's screen. It is never printed; the showing is recorded."
            ),
            self.tr("&Show to the citizen"), self,
        )
        self._open(dialog, lambda: self._run(
            lambda lang: self._services.recovery.show_user_id(self._ctx, visit, language=lang),
            lambda shown: shown.done, lambda shown: self._show_user_id(shown, visit),
        ))

    def _show_user_id(self, shown: UserIdShown | MitidIssued, visit: int) -> None:
        if self._visit_id() != visit:
            return  # the visit ended while this was saved (see "The citizen's windows" below)
        if self.citizen_window is not None:
            self.citizen_window.close()
        # A window of its own (for the citizen's screen), but the desk's: the lock hides it with the desk's
        # other windows, and it goes with the desk's tabs.
        window = CitizenWindow(self._citizen(), shown.user_id, self)
        window.destroyed.connect(lambda *_: self._forget_citizen_window(window))
        self.citizen_window = window
        self._present(window)

    # The citizen's windows: for the citizen of this visit only -------------------------------------------
    # A code or user ID is shown only for the visit it was made in. These tabs may have let the visit go while
    # it was saved (a supervisor who took over finished it): the citizen has gone, and the window, kept for the
    # hand back, would be shown to the next one. The receipt still says the errand was done.

    def _present(self, window: QWidget) -> None:
        """Show a citizen's window now, or once the desk is unlocked; held while the tabs are set aside."""
        if not self.aside:
            show_when_unlocked(window, lambda: self._show_if_current(window))

    def _show_if_current(self, window: QWidget) -> None:
        # Shown later (at the unlock): only if still this desk's to show, not closed, replaced or set aside.
        if not self.aside and shiboken6.isValid(window) and window in self.citizen_windows():
            window.show()

    def citizen_windows(self) -> list[QWidget]:
        """The citizen's user ID and activation code windows these tabs hold: shown, or waiting to be."""
        windows: list[QWidget] = []
        for window in (self.citizen_window, self.code_dialog):
            if window is not None and shiboken6.isValid(window):
                windows.append(window)
        return windows

    def set_aside(self) -> list[QWidget]:
        """A supervisor takes the desk over: the citizen's windows hide (the supervisor's tabs show their
        own) and are kept for the hand back. Returns them."""
        self.aside = True
        windows = self.citizen_windows()
        for window in windows:
            window.hide()
        return windows

    def take_back(self, supervisors: RecoveryPanel | None) -> None:
        """The desk is handed back. With the visit still open (`supervisors`: the panel of the supervisor's
        tabs, on the same visit), the citizen is still at the counter, maybe still typing the code into the
        app: the windows come back as they were, for a code is shown once and kept nowhere. A window the
        supervisor opened meanwhile comes over from the supervisor's tabs (they are deleted) and replaces
        the one of its kind: a new code made the earlier one stop working, and the user ID shown last is the
        one the citizen is reading. Windows of a visit that has ended were closed with it (VisitPanel.let_go)."""
        if supervisors is not None:
            theirs_window, theirs_code = supervisors.citizen_window, supervisors.code_dialog
            supervisors.citizen_window = supervisors.code_dialog = None
            if theirs_window is not None and shiboken6.isValid(theirs_window):
                if self.citizen_window is not None and shiboken6.isValid(self.citizen_window):
                    self.citizen_window.close()
                self._adopt(theirs_window)
                theirs_window.destroyed.connect(lambda *_: self._forget_citizen_window(theirs_window))
                self.citizen_window = theirs_window
            if theirs_code is not None and shiboken6.isValid(theirs_code):
                if self.code_dialog is not None and shiboken6.isValid(self.code_dialog):
                    self.code_dialog.close()
                self._adopt(theirs_code)
                theirs_code.destroyed.connect(lambda *_: self._forget_code_dialog(theirs_code))
                self.code_dialog = theirs_code
        self.aside = False
        for window in self.citizen_windows():
            self._present(window)

    def _adopt(self, window: QWidget) -> None:
        # Where it was put (the citizen's screen) it stays: a new parent hides it (_present shows it again)
        # and may move it.
        geometry = window.geometry()
        window.setParent(self, window.windowFlags())
        window.setGeometry(geometry)

    def _forget_citizen_window(self, window: CitizenWindow) -> None:
        if self.citizen_window is window:
            self.citizen_window = None

    def _forget_code_dialog(self, dialog: CodeDialog) -> None:
        if self.code_dialog is dialog:
            self.code_dialog = None

    def close_citizen_windows(self) -> None:
        """Take the user ID and the activation code off the screen: the citizen they were shown to has gone
        (the visit is finished, the clerk signs out), and the next one must not see them."""
        for window in (self.citizen_window, self.code_dialog):
            if window is not None and shiboken6.isValid(window):
                window.close()
        self.citizen_window = self.code_dialog = None

    def issue_mitid(self) -> None:
        visit = self._ready("issue")
        if visit is None or not self.can_start(Errand.ISSUE_MITID):
            return
        dialog = IssueMitidDialog(self._citizen(), self)

        def go() -> None:
            serial = dialog.device_serial()

            def then(issued: MitidIssued) -> None:
                self._show_user_id(issued, visit)
                if issued.code is not None:
                    self._show_code(issued.code, visit)

            self._run(
                lambda lang: self._services.recovery.issue_mitid(self._ctx, visit, device_serial=serial, language=lang),
                lambda issued: issued.done, then,
            )

        self._open(dialog, go)


_ERRAND_OF = {
    "code": Errand.ACTIVATION_CODE,
    "device": Errand.CODE_DISPLAY,
    "block_device": Errand.BLOCK,
    "user_id": Errand.SHOW_USER_ID,
    "issue": Errand.ISSUE_MITID,
}

