"""Serving a checked-in citizen: check their photo ID, see and act on their MitID, hand the receipt.

At 1280×800 the tab shows, without scrolling, the citizen, the identity check with its one-line verdict,
every MitID method and the last actions. The identity check and the MitID share a splitter (and the
methods and history another, in ui/mitid_view.py) whose sizes the clerk may drag; they are kept with
QSettings. The check's details unfold on demand and take room from the MitID only while shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.errands import Errand
from borgerservice_desk.errors import StorageUnavailable
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.citizens import MitidOverview
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from ui.dates import date_text
from ui.feedback import FeedbackLabel
from ui.identity_check_box import IdentityCheckBox
from ui.layout_memory import RememberedSplitter
from ui.mitid_actions import MitidActions
from ui.mitid_view import MitidView
from ui.receipt_dialog import ReceiptDialog
from ui.recovery_panel import RecoveryPanel
from ui.tasks import ServiceCalls, TaskRunner
from ui.wedge_filter import ReaderKeys

VISIT_PURPOSE = "counter visit"


class VisitPanel(QWidget):
    document_checked = Signal(IdentityCheckResult)  # the check just made at this desk
    finished = Signal()  # the visit ended; the window goes back to Today
    # The visit (CheckedIn) was finished here: other tabs of the window on the same visit let it go (let_go).
    visit_ended = Signal(object)
    # The receipt just opened (on a locked desk: to open once unlocked), so tests and the window can follow it.
    receipt_shown = Signal(ReceiptDialog)
    # A MitID action, an identity check, a check-in or a finished visit changed this citizen: every view
    # that shows them reads them again (ui/citizen_events.py).
    citizen_changed = Signal(int)

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._ctx = ctx
        self._runner = runner
        self.visit: CheckedIn | None = None

        self.citizen_label = QLabel(self.tr("No citizen checked in. Pick one under Today."))
        self.citizen_label.setObjectName("visitCitizen")
        big = QFont(self.citizen_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.citizen_label.setFont(big)
        self.feedback = FeedbackLabel()
        # Finishing the visit, and reading the citizen's MitID again after each change, off the UI thread.
        self.calls = ServiceCalls(runner, self.feedback, self)

        # Identity check: every way in, and the verdict (ui/identity_check_box.py).
        self.identity = IdentityCheckBox(
            services, ctx, runner, self.feedback, lambda: self.visit.visit_id if self.visit else None
        )
        self.identity.document_checked.connect(self.document_checked)
        # A passed check makes actions possible: the overview carries the visit's latest passed check.
        self.identity.document_checked.connect(lambda _result: self.refresh_mitid())
        self.identity.document_checked.connect(lambda _result: self._tell_changed())
        # The parts tests and the window reach for by name.
        self.mrz_edit = self.identity.mrz_edit
        self.load_button = self.identity.load_button
        self.check_button = self.identity.check_button
        self.progress = self.identity.progress
        self.check_status = self.identity.check_status
        self.fields = self.identity.fields
        self.findings = self.identity.findings

        # MitID
        self.mitid = MitidView()
        self.mitid_actions = MitidActions(
            services, ctx, runner, self.mitid, self.feedback,
            lambda: self.visit.visit_id if self.visit else None, language, reading=lambda: self.calls.fetching,
        )
        self.mitid_actions.changed.connect(self.refresh_mitid)
        self.mitid_actions.changed.connect(self._tell_changed)
        self.mitid_actions.receipt_shown.connect(self.receipt_shown)
        mitid_box = self._mitid_box = QGroupBox(self.tr("MitID"))
        mitid_layout = QVBoxLayout(mitid_box)
        mitid_layout.addWidget(self.mitid)
        mitid_layout.addWidget(self.mitid_actions)
        # Who the citizen is as the MitID rules ask it, and the errands that give a working method again.
        self.recovery = RecoveryPanel(
            services, ctx, runner, self.mitid, self.mitid_actions, self.feedback,
            lambda: self.visit.visit_id if self.visit else None,
        )
        self.recovery.changed.connect(self.refresh_mitid)
        self.recovery.changed.connect(self._tell_changed)
        self.recovery.receipt_shown.connect(self.receipt_shown)
        self.mitid_actions.changed.connect(self.recovery.refresh)
        self.mitid_actions.before_lift = lambda: self.recovery.can_start(Errand.LIFT_MITID_BLOCK)
        self.identity.document_checked.connect(lambda _result: self.recovery.refresh())
        mitid_layout.addWidget(self.recovery)

        self.finish_button = QPushButton(self.tr("&Finish visit (Ctrl+E)"))
        self.finish_button.setObjectName("finishVisit")
        self.finish_button.clicked.connect(self.finish_visit)
        QShortcut(QKeySequence("Ctrl+E"), self, self.finish_visit)
        header = QHBoxLayout()
        header.addWidget(self.citizen_label, 1)
        header.addWidget(self.finish_button)
        # The identity check as tall as it needs, the MitID the rest; the clerk may move the line between.
        self.splitter = RememberedSplitter(Qt.Orientation.Vertical, "serving/main")
        self.splitter.addWidget(self.identity)
        self.splitter.addWidget(mitid_box)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        if not self.splitter.restore():
            self.splitter.setSizes([self.identity.sizeHint().height(), 10_000])
        self._sizes_before_details: list[int] | None = None
        self.identity.details_toggled.connect(self._on_details_toggled)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.feedback)
        layout.addWidget(self.splitter, 1)

        # A counter reader typing an MRZ is caught wherever the focus is in this tab, the MRZ box or not.
        self.reader_keys = ReaderKeys(self, direct=self.mrz_edit)
        self.reader_keys.burst.connect(self.identity.take_reader_burst)
        # A scan or photo dropped anywhere on the tab is read like one chosen with Ctrl+O.
        self.identity.watch_drops(self)
        self._set_enabled(False)

    # Visit --------------------------------------------------------------------------------------
    def open_visit(self, visit: CheckedIn) -> None:
        if self.visit is not None and self.visit != visit:
            self.close_citizen_windows()  # the last citizen's user ID or code is not for this one
        self.visit = visit
        self.identity.reset()
        self.feedback.clear_message()
        # Nothing of the last citizen stays on screen while this one's MitID is read.
        self.mitid.show_overview(None)
        self.citizen_label.setText(self.tr("Loading the citizen…"))
        self._set_enabled(True)
        self.refresh_mitid()
        self.recovery.refresh()
        self.mrz_edit.setFocus()
        self._tell_changed()

    @Slot()
    def finish_visit(self) -> None:
        self.finish_visit_then()

    def finish_visit_then(
        self, then: Callable[[], None] | None = None, otherwise: Callable[[], None] | None = None
    ) -> None:
        """Finish the visit off the UI thread; `then` once it is finished, `otherwise` when it is not."""
        if self.visit is not None and (self.mitid_actions.running or self.recovery.calls.busy):
            # Its receipt (an errand's code or user ID too) is for this citizen, who must not be sent off
            # without it, nor have it shown to the next one; it takes a moment.
            self.feedback.info(self.tr("The last action is still being saved. Finish the visit once it is."))
            if otherwise is not None:
                otherwise()
            return
        if self.visit is None or not self.mitid_actions.isEnabled():
            if otherwise is not None:
                otherwise()
            return
        if self.identity.saving:
            # Finishing now would race the save: the visit closed first, the save fails for a visit no
            # longer open, and its error would belong to a citizen who has gone. A save takes a moment.
            self.feedback.info(self.tr("The identity check is still being saved. Finish the visit once it is."))
            if otherwise is not None:
                otherwise()
            return
        appointments, ctx, visit = self._services.appointments, self._ctx, self.visit

        def refused(error: BaseException) -> None:
            self.feedback.show_error(error)
            if otherwise is not None:
                otherwise()

        started = self.calls.run(
            lambda: appointments.finish_visit(ctx, visit.visit_id), lambda _none: self._finished(visit, then),
            refused, lock=[self.finish_button],
        )
        if not started and otherwise is not None:
            otherwise()

    def _finished(self, visit: CheckedIn, then: Callable[[], None] | None = None) -> None:
        if self.visit != visit:
            return  # another visit was opened meanwhile; this one is finished all the same
        self._clear()
        self.citizen_changed.emit(visit.citizen_id)
        self.visit_ended.emit(visit)
        self.finished.emit()
        if then is not None:
            then()

    def let_go(self, visit: CheckedIn) -> bool:
        """`visit` was finished by other tabs of this window (a supervisor who took over finished it): the
        citizen has gone. If these tabs show it, they stop, and the citizen's user ID and code close with it,
        shown or kept hidden for the hand back, so the next citizen never sees them. Whether it was shown."""
        if self.visit != visit:
            return False
        self._clear()
        return True

    def _clear(self) -> None:
        self.visit = None
        self.close_citizen_windows()
        self.identity.reset()
        self.mitid.show_overview(None)
        self.recovery.show_overview(None)
        self.citizen_label.setText(self.tr("No citizen checked in. Pick one under Today."))
        self._set_enabled(False)
        self.feedback.clear_message()  # what was said about this citizen no longer holds

    def close_citizen_windows(self) -> None:
        """The citizen's user ID and activation code, shown in windows of their own, go with the citizen."""
        self.recovery.close_citizen_windows()

    @Slot()
    def _tell_changed(self) -> None:
        if self.visit is not None:
            self.citizen_changed.emit(self.visit.citizen_id)

    @property
    def loading(self) -> bool:
        """The citizen's MitID is still being read (after a check-in, an action, a check)."""
        return self.calls.fetching

    def refresh_mitid(self) -> None:
        """Read the citizen's MitID (and the visit's latest passed check) again, off the UI thread. Only the
        newest read fills the view; one that comes back after the visit ended or changed is dropped."""
        visit = self.visit
        if visit is None:
            return
        citizens, ctx = self._services.citizens, self._ctx

        def read() -> MitidOverview:
            return citizens.mitid_overview(ctx, visit.citizen_id, VISIT_PURPOSE, visit_id=visit.visit_id)

        def shown(overview: MitidOverview) -> None:
            if self.visit != visit:
                return
            self._show_citizen(overview)
            self.mitid.show_overview(overview)

        def failed(error: BaseException) -> None:
            if self.visit != visit:
                return
            if not isinstance(error, StorageUnavailable):
                self.feedback.show_error(error)
                return
            # A read, not a save: "nothing was saved" here would tell the clerk that the action whose result
            # is on this line (it is read again after every action) was not done, and it would be done twice.
            said = self.feedback.text() if self.feedback.property("kind") == "info" else ""
            lost = self.tr(
                "The citizen's MitID could not be read again (the database cannot be reached): what is shown "
                "may be out of date."
            )
            self.feedback.error(f"{said} {lost}".strip())

        self.calls.fetch(read, shown, failed, key="mitid")

    def _show_citizen(self, overview: MitidOverview) -> None:
        citizen = overview.citizen
        cpr = citizen.cpr_masked or self.tr("no CPR number, born %1").replace(
            "%1", date_text(citizen.birth_date)
        )
        self.citizen_label.setText(f"{citizen.full_name}  ·  {cpr}")

    @Slot(bool)
    def _on_details_toggled(self, shown: bool) -> None:
        """Unfolded details take room from the MitID part for as long as they are shown; folded again, the
        line goes back where the clerk had it."""
        if shown:
            self._sizes_before_details = self.splitter.sizes()
            total = sum(self._sizes_before_details)
            wanted = self.identity.sizeHint().height() + self.identity.fields.sizeHint().height() // 2
            mitid_least = _least_height(self._mitid_box)
            identity = max(self._sizes_before_details[0], min(wanted, total - mitid_least))
            self.splitter.setSizes([identity, total - identity])
        elif self._sizes_before_details is not None:
            self.splitter.setSizes(self._sizes_before_details)
            self._sizes_before_details = None

    # Identity check -----------------------------------------------------------------------------
    @property
    def last_check(self) -> IdentityCheckResult | None:
        return self.identity.last_check

    def choose_image(self) -> None:
        self.identity.choose_image()

    def load_image(self, path: Path) -> None:
        self.identity.load_image(path)

    def check_typed(self) -> None:
        self.identity.check_typed()

    def _set_enabled(self, enabled: bool) -> None:
        self.identity.set_usable(enabled)
        self.reader_keys.active = enabled
        self.mitid_actions.set_usable(enabled)  # not under an action still running for the last visit
        for widget in (self.recovery, self.finish_button):
            widget.setEnabled(enabled)


def _least_height(box: QWidget) -> int:
    """The least height `box` needs at its width. Its minimum size hint alone is too little when a label in it
    wraps (the assurance texts under the MitID actions take two lines at 1280 pixels), and the splitter would
    then squeeze the tables inside the box below their own minimum."""
    layout = box.layout()
    least = box.minimumSizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        least = max(least, layout.totalMinimumHeightForWidth(box.width()))
    return least
