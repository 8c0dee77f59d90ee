"""The desk's one window: Today, Serving, Find citizen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QProgressBar, QTabWidget, QWidget

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.audit_chain import Verification
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.context import ClerkContext
from ui.identity_check_box import FileDrops
from ui.lookup_panel import LookupPanel
from ui.password_dialog import ChangePasswordDialog
from ui.messages import describe_audit_verification, describe_error
from ui.queue_panel import QueuePanel
from ui.settings_dialog import SettingsDialog
from ui.statistics_panel import StatisticsPanel
from ui.tasks import TaskRunner
from ui.today_panel import TodayPanel
from ui.users_dialog import UsersDialog
from ui.visit_panel import VisitPanel


class MainWindow(QMainWindow):
    def __init__(
        self, services: Services, ctx: ClerkContext, language: str = "da", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Borgerservice Desk"))
        self._services = services
        self._ctx = ctx
        self._language = language
        self.runner = TaskRunner(self)
        self.today = TodayPanel(services, ctx, self.runner, language)
        self.visit = VisitPanel(services, ctx, self.runner, language)
        self.lookup = LookupPanel(services, ctx, self.runner, language)
        self.queue = QueuePanel(services, ctx, language)
        self.statistics = StatisticsPanel(services, ctx, self.runner, language)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.today, self.tr("&Today (Ctrl+1)"))
        self.tabs.addTab(self.visit, self.tr("&Serving (Ctrl+2)"))
        self.tabs.addTab(self.lookup, self.tr("&Find citizen (Ctrl+3)"))
        self.tabs.addTab(self.queue, self.tr("&Queue (Ctrl+4)"))
        self.tabs.addTab(self.statistics, self.tr("Stat&istics (Ctrl+5)"))
        self.setCentralWidget(self.tabs)
        for number in range(5):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self, lambda n=number: self._show_tab(n))

        settings = QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)
        settings.setObjectName("settingsShortcut")
        menu = self.menuBar().addMenu(self.tr("&Centre"))
        menu.addAction(self.tr("&Settings… (Ctrl+,)"), self.open_settings)
        if ctx.is_supervisor:  # the service checks the role again for every change
            users = menu.addAction(self.tr("&Clerks…"), self.open_users)
            users.setObjectName("usersAction")
        account = self.menuBar().addMenu(self.tr("&Account"))
        change = account.addAction(self.tr("Change &password…"), self.open_change_password)
        change.setObjectName("changePasswordAction")
        self.audit_result: QMessageBox | None = None  # the last verification's answer, while shown
        if ctx.is_supervisor:
            verify = menu.addAction(self.tr("&Verify audit trail…"), self.verify_audit_trail)
            verify.setObjectName("verifyAuditAction")

        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(120)
        busy.hide()
        self.runner.busy_changed.connect(busy.setVisible)
        role = self.tr("supervisor") if ctx.is_supervisor else self.tr("clerk")
        self.statusBar().addWidget(QLabel(f"{ctx.full_name} ({role})"))
        self.statusBar().addPermanentWidget(busy)

        # A scan dropped anywhere on the window goes to the identity check of the citizen being served.
        self._drops = FileDrops(self._on_window_files_dropped, self)
        self._drops.watch(self)
        self.today.checked_in.connect(self._on_today_checked_in)
        self.visit.document_checked.connect(self.lookup.set_document)
        self.visit.finished.connect(self._on_visit_finished)
        self.queue.serve_appointment.connect(self._on_queue_serve)
        self.queue.served.connect(self._on_today_checked_in)  # a walk-in, served like a booked citizen
        self.visit.document_checked.connect(self.queue.set_document)
        self.resize(1200, 820)
        self.today.refresh()

    def _show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        focus = {
            0: self.today.table, 1: self.visit.mrz_edit, 2: self.lookup.query, 3: self.queue.arrival,
            4: self.statistics.show_button,
        }[index]
        focus.setFocus()

    @Slot(object)
    def _on_today_checked_in(self, visit: CheckedIn) -> None:
        self.visit.open_visit(visit)
        self.tabs.setCurrentWidget(self.visit)
        self.visit.mrz_edit.setFocus()

    def _on_window_files_dropped(self, urls: Sequence[QUrl]) -> None:
        if self.visit.visit is not None:
            self.tabs.setCurrentWidget(self.visit)
            self.visit.identity.take_dropped_files(urls)
        else:
            self.statusBar().showMessage(self.tr("Check a citizen in first, then drop the document's scan here."), 8000)

    @Slot()
    def open_settings(self) -> None:
        if not self._ctx.is_supervisor:
            self.statusBar().showMessage(self.tr("Only a supervisor can change the centre's settings."), 8000)
            return
        dialog = SettingsDialog(self._services, self._ctx, self, self._language)
        dialog.finished.connect(lambda _result: self.today.refresh())
        dialog.open()

    @Slot()
    def open_users(self) -> None:
        dialog = UsersDialog(self._services, self._ctx, self)
        dialog.open()

    @Slot()
    def open_change_password(self) -> None:
        dialog = ChangePasswordDialog(self._services.auth, self._ctx, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Your password is changed."), 8000))
        dialog.open()

    @Slot()
    def verify_audit_trail(self) -> None:
        """Walk the audit trail's hash chain in a worker (it reads every entry) and say what was found."""
        self.statusBar().showMessage(self.tr("Verifying the audit trail…"))
        self.runner.run(
            lambda: self._services.audit_trail.verify(self._ctx),
            self._on_audit_verified,
            self._on_audit_failed,
        )

    def _on_audit_verified(self, result: Verification) -> None:
        self.statusBar().clearMessage()
        icon = QMessageBox.Icon.Information if result.intact else QMessageBox.Icon.Critical
        self._show_audit_result(icon, describe_audit_verification(result))

    def _on_audit_failed(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        self._show_audit_result(QMessageBox.Icon.Warning, describe_error(error))

    def _show_audit_result(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Audit trail"), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("auditResult")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.audit_result = box
        box.finished.connect(self._on_audit_result_finished)
        box.open()

    @Slot()
    def _on_audit_result_finished(self) -> None:
        self.audit_result = None

    @Slot(int)
    def _on_queue_serve(self, appointment_id: int) -> None:
        """The called citizen had an appointment: open their visit at this desk."""
        try:
            visit = self._services.appointments.check_in(self._ctx, appointment_id)
        except DeskError as error:
            self.queue.feedback.show_error(error)
            return
        self._on_today_checked_in(visit)

    @Slot()
    def _on_visit_finished(self) -> None:
        self.today.refresh()
        self._show_tab(0)

    def closeEvent(self, event: QCloseEvent) -> None:
        # A block half-way in a worker must finish (it commits or rolls back as a whole) before we go.
        self.runner.wait_for_done(30000)
        super().closeEvent(event)
