"""Serving a checked-in citizen: check their photo ID, see and act on their MitID, hand the receipt."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.identity_check import Finding
from borgerservice_desk.errors import DeskError
from borgerservice_desk.scanning.mrz_reader import read_mrz_lines
from borgerservice_desk.services.appointments import CheckedIn
from borgerservice_desk.services.citizens import MitidOverview
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import IdentityCheckResult
from ui import vocabulary
from ui.feedback import FeedbackLabel
from ui.findings import describe_finding
from ui.mitid_actions import MitidActions
from ui.mitid_view import MitidView
from ui.tasks import TaskRunner

VISIT_PURPOSE = "counter visit"


class VisitPanel(QWidget):
    document_checked = Signal(object)  # IdentityCheckResult
    finished = Signal()  # the visit ended; the window goes back to Today
    receipt_shown = Signal(object)  # ReceiptDialog, so tests and the window can follow it

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
        self.last_check: IdentityCheckResult | None = None
        self._check_method = CheckMethod.TYPED

        self.citizen_label = QLabel(self.tr("No citizen checked in. Pick one under Today."))
        self.citizen_label.setObjectName("visitCitizen")
        big = QFont(self.citizen_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.citizen_label.setFont(big)
        self.feedback = FeedbackLabel()

        # Identity check
        self.load_button = QPushButton(self.tr("Load &image… (Ctrl+O)"))
        self.load_button.setObjectName("loadImageButton")
        self.check_button = QPushButton(self.tr("&Check (Ctrl+Enter)"))
        self.check_button.setObjectName("checkButton")
        self.mrz_edit = QPlainTextEdit()
        self.mrz_edit.setObjectName("mrzEdit")
        self.mrz_edit.setPlaceholderText(self.tr("Machine readable zone: read from an image, or type the lines"))
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.mrz_edit.setFont(mono)
        self.mrz_edit.setMaximumHeight(self.mrz_edit.fontMetrics().lineSpacing() * 4 + 16)
        self.mrz_edit.setTabChangesFocus(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Reading the image…"))
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.check_status = QLabel()
        self.check_status.setObjectName("checkStatus")
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("mrzFields")
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Read")])
        self.fields.verticalHeader().hide()
        self.fields.verticalHeader().setDefaultSectionSize(self.fields.fontMetrics().height() + 6)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.findings = QListWidget()
        self.findings.setObjectName("findings")

        id_box = QGroupBox(self.tr("Identity check"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.check_button)
        buttons.addStretch()
        results = QHBoxLayout()
        results.addWidget(self.fields, 1)
        results.addWidget(self.findings, 1)
        id_layout = QVBoxLayout(id_box)
        id_layout.addLayout(buttons)
        id_layout.addWidget(self.mrz_edit)
        id_layout.addWidget(self.progress)
        id_layout.addWidget(self.check_status)
        id_layout.addLayout(results)

        # MitID
        self.mitid = MitidView()
        self.actions = MitidActions(
            services, ctx, runner, self.mitid, self.feedback,
            lambda: self.visit.visit_id if self.visit else None, language,
        )
        self.actions.changed.connect(self.refresh_mitid)
        self.actions.receipt_shown.connect(self.receipt_shown)
        mitid_box = QGroupBox(self.tr("MitID"))
        mitid_layout = QVBoxLayout(mitid_box)
        mitid_layout.addWidget(self.mitid)
        mitid_layout.addWidget(self.actions)

        self.finish_button = QPushButton(self.tr("&Finish visit (Ctrl+E)"))
        self.finish_button.setObjectName("finishVisit")
        self.finish_button.clicked.connect(self.finish_visit)
        QShortcut(QKeySequence("Ctrl+E"), self, self.finish_visit)
        header = QHBoxLayout()
        header.addWidget(self.citizen_label, 1)
        header.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.feedback)
        layout.addWidget(id_box, 2)
        layout.addWidget(mitid_box, 3)

        self.load_button.clicked.connect(self.choose_image)
        self.check_button.clicked.connect(self.check_typed)
        self.mrz_edit.textChanged.connect(self._on_mrz_edit_changed)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_image)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.check_typed)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.check_typed)
        # The text box takes Ctrl+Enter as a line break before any shortcut sees it; catch it first.
        self.mrz_edit.installEventFilter(self)
        self._set_enabled(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.mrz_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.check_typed()
            return True
        return super().eventFilter(watched, event)

    # Visit --------------------------------------------------------------------------------------
    def open_visit(self, visit: CheckedIn) -> None:
        self.visit = visit
        self.last_check = None
        self.mrz_edit.clear()
        self._clear_result()
        self.feedback.clear_message()
        self._set_enabled(True)
        self.refresh_mitid()
        self.mrz_edit.setFocus()

    @Slot()
    def finish_visit(self) -> None:
        if self.visit is None or not self.actions.isEnabled():
            return
        try:
            self._services.appointments.finish_visit(self._ctx, self.visit.visit_id)
        except DeskError as error:
            self.feedback.show_error(error)
            return
        self.visit = None
        self.last_check = None
        self.mrz_edit.clear()
        self._clear_result()
        self.mitid.show_overview(None)
        self.citizen_label.setText(self.tr("No citizen checked in. Pick one under Today."))
        self._set_enabled(False)
        self.finished.emit()

    def refresh_mitid(self) -> None:
        if self.visit is None:
            return
        try:
            overview = self._services.citizens.mitid_overview(self._ctx, self.visit.citizen_id, VISIT_PURPOSE)
        except DeskError as error:
            self.feedback.show_error(error)
            return
        self._show_citizen(overview)
        self.mitid.show_overview(overview)

    def _show_citizen(self, overview: MitidOverview) -> None:
        citizen = overview.citizen
        cpr = citizen.cpr_masked or self.tr("no CPR number, born %1").replace(
            "%1", citizen.birth_date.strftime("%d-%m-%Y")
        )
        self.citizen_label.setText(f"{citizen.full_name}  ·  {cpr}")

    # Identity check -----------------------------------------------------------------------------
    @Slot()
    def choose_image(self) -> None:
        if self.visit is None or not self.load_button.isEnabled():  # no visit, or a scan is running
            return
        dialog = QFileDialog(self, self.tr("Load a scanned document"))
        dialog.setObjectName("imageFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp);;All files (*)"))
        dialog.fileSelected.connect(lambda path: self.load_image(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def load_image(self, path: Path) -> None:
        """Read the MRZ in a worker; the window stays responsive and shows that it is reading."""
        self.feedback.clear_message()
        self._clear_result()
        self.progress.show()
        self.load_button.setEnabled(False)
        self.check_button.setEnabled(False)
        self._runner.run(lambda: read_mrz_lines(path), self._on_scan_done, self._on_scan_failed)

    def _on_scan_done(self, lines: tuple[str, ...]) -> None:
        self._scan_finished()
        self.mrz_edit.setPlainText("\n".join(lines))
        self._check(CheckMethod.SCAN)

    def _on_scan_failed(self, error: BaseException) -> None:
        self._scan_finished()
        self.feedback.show_error(error)

    def _scan_finished(self) -> None:
        self.progress.hide()
        # Only the scan's own controls: a MitID action may still be running in the background.
        for widget in (self.load_button, self.check_button):
            widget.setEnabled(self.visit is not None)

    @Slot()
    def check_typed(self) -> None:
        self._check(CheckMethod.TYPED)

    def _check(self, method: CheckMethod) -> None:
        if self.visit is None:
            return
        self.feedback.clear_message()
        try:
            result = self._services.identity.check(
                self._ctx, self.visit.visit_id, self.mrz_edit.toPlainText(), method
            )
        except DeskError as error:
            self._clear_result()
            self.feedback.show_error(error)
            return
        self.last_check = result
        self._show_result(result)
        self.document_checked.emit(result)

    def _on_mrz_edit_changed(self) -> None:
        # What is shown must be what was checked: editing the text takes the old verdict away.
        if self.last_check is not None and self.mrz_edit.toPlainText() != "\n".join(
            self.last_check.document.lines
        ):
            self._clear_result()

    def _show_result(self, result: IdentityCheckResult) -> None:
        doc = result.document
        rows = [
            (self.tr("Document"), f"{vocabulary.document_kind(doc.document_kind)} ({doc.format.value})"),
            (self.tr("Issuing country"), doc.issuing_country),
            (self.tr("Document number"), doc.document_number),
            (self.tr("Surname"), doc.surname),
            (self.tr("Given names"), doc.given_names),
            (self.tr("Nationality"), doc.nationality),
            (self.tr("Birth date"), doc.birth_date.strftime("%d-%m-%Y") if doc.birth_date else "?"),
            (self.tr("Sex"), doc.sex),
            (self.tr("Expiry date"), doc.expiry_date.strftime("%d-%m-%Y") if doc.expiry_date else "?"),
        ]
        self.fields.setRowCount(len(rows))
        for i, (name, value) in enumerate(rows):
            self.fields.setItem(i, 0, QTableWidgetItem(name))
            self.fields.setItem(i, 1, QTableWidgetItem(value))
        self.findings.clear()
        for finding in result.outcome.findings:
            self.findings.addItem(_finding_item(finding))
        if result.passed:
            self.check_status.setText(self.tr("✔ Identity check passed"))
            self.check_status.setStyleSheet("color: #0b5d1e; font-weight: bold; font-size: 14pt")
        else:
            reasons = "; ".join(describe_finding(f) for f in result.outcome.failures)
            self.check_status.setText(self.tr("✘ Identity check failed: %1").replace("%1", reasons))
            self.check_status.setStyleSheet("color: #a01010; font-weight: bold; font-size: 14pt")
        self.check_status.setWordWrap(True)

    def _clear_result(self) -> None:
        self.last_check = None
        self.check_status.setText("")
        self.fields.setRowCount(0)
        self.findings.clear()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.load_button, self.check_button, self.mrz_edit, self.actions, self.finish_button):
            widget.setEnabled(enabled)


def _finding_item(finding: Finding) -> QListWidgetItem:
    mark = "✔" if finding.passed else "✘"
    item = QListWidgetItem(f"{mark} {describe_finding(finding)}")
    item.setData(Qt.ItemDataRole.UserRole, finding.code)
    item.setForeground(Qt.GlobalColor.darkGreen if finding.passed else Qt.GlobalColor.red)
    return item
