"""The dialogs of identity assurance and of getting a working MitID method again (issue 14).

Each dialog only gathers what the clerk typed or ticked; the rules (what a document counts for, N of M
questions, a witness's limits, what an errand needs) are the services' and the domain's. Two windows are
for the citizen's eyes: the activation code (shown once, its slip printed or saved, never archived) and
the user ID (a window of its own, turned towards the citizen, never printed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QDate, QIODevice, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPainter, QShortcut, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.assurance.control_questions import Question, QuestionKind
from borgerservice_desk.domain.assurance.documents import DocumentType
from borgerservice_desk.domain.cpr import cpr_typed
from borgerservice_desk.domain.mitid import BlockReason
from borgerservice_desk.services.assurance import CHECKED_DOCUMENTS, WitnessFound
from ui import dates, vocabulary
from ui.messages import describe_error

# The reasons a device is blocked for at the counter: lost or stolen is for good, a replaced one too.
DEVICE_REASONS = (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED)
TYPED_DOCUMENTS = tuple(t for t in DocumentType if t not in CHECKED_DOCUMENTS)


ERRAND_WIDTH = 520


class ErrandDialog(QDialog):
    """A confirmation with a form: what will happen, the fields the errand needs, and one confirm button."""

    def __init__(self, title: str, explanation: str, confirm_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errandDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.explanation = QLabel(explanation)
        self.explanation.setObjectName("errandExplanation")
        self.explanation.setWordWrap(True)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.confirm = self.buttons.addButton(confirm_label, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setObjectName("confirmErrand")
        self.confirm.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self.resize(ERRAND_WIDTH, self.sizeHint().height())
        self._sized = False

    def showEvent(self, event: QShowEvent) -> None:
        # Sized again once every row is in (the subclasses add theirs after this __init__), at the height the
        # wrapped texts need at this width: sized before, the two lines explaining a device handed out got
        # 20 px of the 28 they need, cut off at top and bottom, and a witness's "found" line was crushed.
        if not self._sized:
            self._sized = True
            layout = self.layout()
            height = self.sizeHint().height()
            if layout is not None and layout.hasHeightForWidth():
                height = max(height, layout.totalHeightForWidth(ERRAND_WIDTH))
            self.resize(ERRAND_WIDTH, height)
        super().showEvent(event)


@dataclass(frozen=True)
class TypedDocument:
    type: DocumentType
    issuer: str
    number: str | None
    cpr: str | None
    expires_on: date | None
    temporary: bool
    physical: bool


class DocumentDialog(ErrandDialog):
    """A document without an MRZ, typed off the document: the CPR number as printed is checked against the
    citizen's by the service, then forgotten."""

    def __init__(self, citizen: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Add a document"),
            self.tr(
                "Type the document as the citizen shows it. A passport, ID card, residence permit or driving "
                "licence goes through the identity check instead."
            ),
            self.tr("&Add document"),
            parent,
        )
        self.setObjectName("documentDialog")
        self.kind = QComboBox()
        self.kind.setObjectName("documentKind")
        for type_ in TYPED_DOCUMENTS:
            self.kind.addItem(vocabulary.assurance_document(type_), type_.value)
        self.issuer = QLineEdit("DNK")
        self.issuer.setObjectName("documentIssuer")
        self.issuer.setMaxLength(3)
        self.number = QLineEdit()
        self.number.setObjectName("documentNumber")
        self.number.setPlaceholderText(self.tr("optional; only the last four characters are kept"))
        self.cpr = QLineEdit()
        self.cpr.setObjectName("documentCpr")
        self.cpr.setPlaceholderText(self.tr("as printed on it; empty if it shows none"))
        self.has_expiry = QCheckBox(self.tr("It has an &expiry date"))
        self.has_expiry.setObjectName("documentHasExpiry")
        self.expiry = QDateEdit(QDate(today.year + 1, today.month, min(today.day, 28)))
        self.expiry.setObjectName("documentExpiry")
        self.expiry.setCalendarPopup(True)
        self.expiry.setDisplayFormat(dates.DATE)
        self.expiry.setEnabled(False)
        self.has_expiry.toggled.connect(self.expiry.setEnabled)
        # A photo ID always carries its expiry, and counts only with it (documents.Refusal.NO_EXPIRY): the date
        # is asked for at once; a health card or certificate carries none.
        self.kind.currentIndexChanged.connect(
            lambda _index: self.has_expiry.setChecked(DocumentType(str(self.kind.currentData())).has_photo)
        )
        self.temporary = QCheckBox(self.tr("&Temporary document"))
        self.temporary.setObjectName("documentTemporary")
        self.physical = QCheckBox(self.tr("Shown as the &physical document (or the official app)"))
        self.physical.setObjectName("documentPhysical")
        self.physical.setChecked(True)
        self.form.addRow(self.tr("Citizen"), QLabel(citizen))
        self.form.addRow(self.tr("&Kind"), self.kind)
        self.form.addRow(self.tr("&Issued by (country code)"), self.issuer)
        self.form.addRow(self.tr("Document &number"), self.number)
        self.form.addRow(self.tr("&CPR number shown"), self.cpr)
        self.form.addRow(self.has_expiry, self.expiry)
        self.has_expiry.setChecked(DocumentType(str(self.kind.currentData())).has_photo)
        self.form.addRow("", self.temporary)
        self.form.addRow("", self.physical)

    def document(self) -> TypedDocument:
        expiry = self.expiry.date()
        return TypedDocument(
            type=DocumentType(str(self.kind.currentData())),
            issuer=self.issuer.text(),
            number=self.number.text().strip() or None,
            cpr=self.cpr.text().strip() or None,
            expires_on=date(expiry.year(), expiry.month(), expiry.day()) if self.has_expiry.isChecked() else None,
            temporary=self.temporary.isChecked(),
            physical=self.physical.isChecked(),
        )


class QuestionsDialog(ErrandDialog):
    """The drawn questions for the clerk to read out, each with its expected answer for the clerk only,
    and right/wrong to mark. Never turn this screen towards the citizen."""

    def __init__(self, questions: Sequence[Question], required: int, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Control questions"),
            self.tr(
                "Read each question out. Do not show this screen to the citizen: the expected answers are for "
                "you only. %1 of %2 must be right."
            ).replace("%1", str(required)).replace("%2", str(len(questions))),
            self.tr("&Save the marks"),
            parent,
        )
        self.setObjectName("questionsDialog")
        self.right: list[QRadioButton] = []
        self.wrong: list[QRadioButton] = []
        grid = QGridLayout()
        for index, question in enumerate(questions):
            asked = QLabel(f"{index + 1}. {question_text(question)}")
            asked.setObjectName(f"question_{index}")
            asked.setWordWrap(True)
            expected = QLabel(self.tr("Expected (for you only): %1").replace("%1", question.expected))
            expected.setObjectName(f"expected_{index}")
            expected.setStyleSheet("color: #6a4a00; font-style: italic")
            right = QRadioButton(self.tr("Right"))
            right.setObjectName(f"right_{index}")
            wrong = QRadioButton(self.tr("Wrong"))
            wrong.setObjectName(f"wrong_{index}")
            group = QButtonGroup(self)
            group.addButton(right)
            group.addButton(wrong)
            group.buttonToggled.connect(lambda *_: self._update())
            grid.addWidget(asked, index * 2, 0, 1, 3)
            grid.addWidget(expected, index * 2 + 1, 0)
            grid.addWidget(right, index * 2 + 1, 1)
            grid.addWidget(wrong, index * 2 + 1, 2)
            self.right.append(right)
            self.wrong.append(wrong)
        # The expected answer takes the room; the marks keep a gap from it (a long town ran into "Right").
        grid.setColumnStretch(0, 1)
        grid.setHorizontalSpacing(grid.horizontalSpacing() + 2 * self.fontMetrics().averageCharWidth())
        self.form.addRow(grid)
        self._update()

    def _update(self) -> None:
        self.confirm.setEnabled(all(r.isChecked() or w.isChecked() for r, w in zip(self.right, self.wrong, strict=True)))

    def marks(self) -> dict[int, bool]:
        return {i: r.isChecked() for i, (r, w) in enumerate(zip(self.right, self.wrong, strict=True)) if r.isChecked() or w.isChecked()}


def question_text(question: Question) -> str:
    """The question as the clerk reads it out."""
    texts = {
        QuestionKind.FORMER_ADDRESS: QCoreApplication.translate(
            "QuestionsDialog", "In which town did you live in %1?"
        ).replace("%1", question.prompt_value),
        QuestionKind.MOTHER_FIRST_NAME: QCoreApplication.translate("QuestionsDialog", "What is your mother's first name?"),
        QuestionKind.FATHER_FIRST_NAME: QCoreApplication.translate("QuestionsDialog", "What is your father's first name?"),
        QuestionKind.PLACE_OF_BIRTH: QCoreApplication.translate("QuestionsDialog", "Where were you born?"),
    }
    return texts[question.kind]


@dataclass(frozen=True)
class WitnessFacts:
    cpr: str
    photo_id_valid: bool
    own_mitid_shown: bool
    professional: bool


class WitnessDialog(ErrandDialog):
    """A witness found by CPR number; the clerk confirms what they saw. The limits are the service's.

    Whose record the number finds is shown before anything can be accepted (name, birth date, the masked
    number, and what the register already refuses them for), so the clerk holds the photo ID of the person
    in front of them against that record: a mistyped number can find another real person. A full number
    typed, Enter in the field or "Find witness" asks for the look-up (`find_requested`, with what was typed;
    the panel fetches it off the UI thread and answers with `show_found` or `show_not_found`). Accept stays
    disabled until a witness is found for the number now typed; editing it forgets the one found.
    """

    find_requested = Signal(str)

    def __init__(self, citizen: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Accept a witness"),
            self.tr(
                "The witness is at least 18, has had MitID for more than 30 days, and vouches for at most 3 "
                "people within 120 days. The register is looked up by their CPR number."
            ),
            self.tr("&Accept witness"),
            parent,
        )
        self.setObjectName("witnessDialog")
        self.found: WitnessFound | None = None  # the witness found for the number now typed
        self._asked: str | None = None  # the number last asked for, so Enter does not ask twice
        self.cpr = QLineEdit()
        self.cpr.setObjectName("witnessCpr")
        self.cpr.setPlaceholderText(self.tr("the witness's CPR number"))
        self.find_button = QPushButton(self.tr("&Find witness"))
        self.find_button.setObjectName("findWitness")
        self.find_button.setAutoDefault(False)  # Enter in the dialog accepts (once found); Enter in the field finds
        self.found_label = QLabel(self.tr("Type the CPR number and press Enter to see whose record it finds."))
        self.found_label.setObjectName("witnessFound")
        self.found_label.setWordWrap(True)
        self.photo_id = QCheckBox(self.tr("The witness showed valid &photo ID"))
        self.photo_id.setObjectName("witnessPhotoId")
        self.own_mitid = QCheckBox(self.tr("The witness showed their own &MitID working"))
        self.own_mitid.setObjectName("witnessOwnMitid")
        self.professional = QCheckBox(self.tr("P&rofessional witness (e.g. a guardian or a care worker)"))
        self.professional.setObjectName("witnessProfessional")
        cpr_row = QHBoxLayout()
        cpr_row.addWidget(self.cpr, 1)
        cpr_row.addWidget(self.find_button)
        self.form.addRow(self.tr("For"), QLabel(citizen))
        self.form.addRow(self.tr("Witness's &CPR number"), cpr_row)
        self.form.addRow(self.tr("Found"), self.found_label)
        self.form.addRow("", self.photo_id)
        self.form.addRow("", self.own_mitid)
        self.form.addRow("", self.professional)
        # QFormLayout gives the buddy to the row's layout, not the field: Alt+C must still reach the field.
        label = self.form.labelForField(cpr_row)
        if isinstance(label, QLabel):
            label.setBuddy(self.cpr)
        self.cpr.textChanged.connect(self._typed)
        self.cpr.returnPressed.connect(self._enter)
        self.find_button.clicked.connect(self.ask)
        # Keyboard only: the field has the focus first, and Enter never reaches Cancel (its button comes
        # first in the focus chain, and a dialog makes a focused auto-default button its default).
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.cpr.setFocus()
        self._allow_accept(False)

    def _allow_accept(self, allowed: bool) -> None:
        self.confirm.setEnabled(allowed)
        if allowed:
            self.confirm.setDefault(True)  # Enter accepts, wherever the focus is

    def ask(self) -> None:
        """Ask for whose record the number now typed finds (a wrong number is the service's to word)."""
        text = self.cpr.text().strip()
        if not text:
            return
        self._asked = text
        self.found_label.setText(self.tr("Looking up the witness…"))
        self.find_requested.emit(text)

    def _typed(self, text: str) -> None:
        # What was found belonged to the number as it was: another number may be another person.
        self.found = None
        self._asked = None
        self._allow_accept(False)
        self.found_label.setText("")
        if cpr_typed(text) is not None:
            self.ask()

    def _enter(self) -> None:
        # Once the witness is found, Enter goes on to the dialog's default button (accept); until then it
        # finds, once per number typed.
        if self.found is None and self._asked != self.cpr.text().strip():
            self.ask()

    def show_found(self, asked: str, found: WitnessFound) -> None:
        """The look-up's answer for `asked`; dropped when the number has been edited since."""
        if asked != self._asked or asked != self.cpr.text().strip():
            return
        self.found = found
        text = (
            self.tr("%1, born %2 (CPR %3)")
            .replace("%1", found.full_name)
            .replace("%2", dates.date_text(found.birth_date))
            # A non-breaking hyphen: the label wraps, and "250192-" / "XXXX" on two lines reads as two things.
            .replace("%3", found.cpr_masked.replace("-", "\u2011"))
        )
        if found.refusals:
            text += "\n" + self.tr("Cannot be a witness: %1").replace(
                "%1", " ".join(describe_error(r) for r in found.refusals)
            )
        self.found_label.setText(text)
        # A witness the register already refuses cannot be accepted: the clerk reads why, and cancels.
        self._allow_accept(not found.refusals)

    def show_not_found(self, asked: str, error: BaseException) -> None:
        if asked != self._asked or asked != self.cpr.text().strip():
            return
        self.found = None
        self._asked = None  # Enter asks again (the database may answer now)
        self._allow_accept(False)
        self.found_label.setText(describe_error(error))

    def facts(self) -> WitnessFacts:
        return WitnessFacts(
            self.cpr.text().strip(), self.photo_id.isChecked(), self.own_mitid.isChecked(), self.professional.isChecked()
        )


class SerialDialog(ErrandDialog):
    def __init__(self, title: str, explanation: str, confirm: str, parent: QWidget | None = None) -> None:
        super().__init__(title, explanation, confirm, parent)
        self.serial = QLineEdit()
        self.serial.setObjectName("deviceSerial")
        self.serial.setPlaceholderText(self.tr("as printed on the device"))
        self.form.addRow(self.tr("&Serial number"), self.serial)


class IssueMitidDialog(ErrandDialog):
    """A first MitID: an app (with an activation code now) or a device from stock as its first method."""

    def __init__(self, citizen: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Issue a MitID"),
            self.tr("The citizen has no MitID. They get one now, with its first method."),
            self.tr("&Issue MitID"),
            parent,
        )
        self.setObjectName("issueMitidDialog")
        self.app = QRadioButton(self.tr("MitID &app: an activation code is handed out now"))
        self.app.setObjectName("firstMethodApp")
        self.app.setChecked(True)
        self.device = QRadioButton(self.tr("A &device from the centre's stock"))
        self.device.setObjectName("firstMethodDevice")
        self.serial = QLineEdit()
        self.serial.setObjectName("deviceSerial")
        self.serial.setPlaceholderText(self.tr("as printed on the device"))
        self.serial.setEnabled(False)
        self.device.toggled.connect(self.serial.setEnabled)
        self.form.addRow(self.tr("Citizen"), QLabel(citizen))
        self.form.addRow("", self.app)
        self.form.addRow("", self.device)
        self.form.addRow(self.tr("&Serial number"), self.serial)

    def device_serial(self) -> str | None:
        return self.serial.text().strip() if self.device.isChecked() else None


class BlockDeviceDialog(ErrandDialog):
    def __init__(self, device: str, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Block a device"),
            self.tr("%1 stops working at once. A lost or stolen device is blocked for good.").replace("%1", device),
            self.tr("&Block device"),
            parent,
        )
        self.setObjectName("blockDeviceDialog")
        self.reason = QComboBox()
        self.reason.setObjectName("reasonCombo")
        for reason in DEVICE_REASONS:
            self.reason.addItem(vocabulary.block_reason(reason), reason.value)
        self.form.addRow(self.tr("&Reason"), self.reason)

    def chosen_reason(self) -> BlockReason:
        return BlockReason(str(self.reason.currentData()))


class ChooseAppDialog(ErrandDialog):
    """Three apps are active: which one to block first, so a new code can be issued."""

    def __init__(self, apps: Sequence[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Three apps are active"),
            self.tr("A new activation code needs one of the three active apps blocked first. Which one?"),
            self.tr("&Block this app…"),
            parent,
        )
        self.setObjectName("chooseAppDialog")
        self.apps = QComboBox()
        self.apps.setObjectName("activeApps")
        for method_id, label in apps:
            self.apps.addItem(label, method_id)
        self.form.addRow(self.tr("&App"), self.apps)

    def method_id(self) -> int:
        return int(self.apps.currentData())


class SlipView:
    """A PDF held in memory only (the activation slip): shown and printed, never written by the desk."""

    def __init__(self, pdf: bytes, owner: QWidget) -> None:
        self.data = QByteArray(pdf)
        self.buffer = QBuffer(self.data, owner)
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(owner)
        self.document.load(self.buffer)

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                painter.drawImage(target.topLeft(), self.document.render(page, target.size()))
        finally:
            painter.end()


class CodeDialog(QDialog):
    """The activation code, once: the clerk hands it over with its slip; closed, it is gone."""

    def __init__(self, code: str, expires_at: datetime, slip_pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationCodeDialog")
        self.setWindowTitle(self.tr("Activation code for the citizen"))
        self._slip_pdf = slip_pdf
        self.slip = SlipView(slip_pdf, self)
        intro = QLabel(
            self.tr(
                "Give the citizen the printed slip. The code is shown only now and is kept nowhere; it is valid "
                "until %1."
            ).replace("%1", dates.moment_text(expires_at))
        )
        intro.setWordWrap(True)
        self.code_label = QLabel(code)
        self.code_label.setObjectName("activationCode")
        big = QFont(self.code_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        big.setStyleHint(QFont.StyleHint.Monospace)
        self.code_label.setFont(big)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.print_button = buttons.addButton(self.tr("&Print slip… (Ctrl+P)"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setObjectName("printSlip")
        self.save_button = buttons.addButton(self.tr("&Save slip…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setObjectName("saveSlip")
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_slip)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_slip)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addWidget(buttons)

    def print_slip(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.slip.print_to(printer)

    def save_slip(self) -> None:
        """For a centre that prints from a PDF: saved where the clerk chooses, not in the archive."""
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the slip"), "", self.tr("PDF files (*.pdf)"))
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> None:
        path.write_bytes(self._slip_pdf)


class CitizenWindow(QWidget):
    """A window of its own for the citizen's eyes (a second screen, or the clerk turns theirs): the user ID.
    It has no print; closing it (Esc) takes the user ID off the screen."""

    def __init__(self, name: str, user_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("citizenUserIdWindow")
        self.setWindowTitle(self.tr("For the citizen"))
        greeting = QLabel(self.tr("%1, your MitID user ID is:").replace("%1", name))
        greeting.setWordWrap(True)
        self.user_id_label = QLabel(user_id)
        self.user_id_label.setObjectName("citizenUserId")
        big = QFont(self.user_id_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.5)
        big.setBold(True)
        self.user_id_label.setFont(big)
        self.user_id_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        close = QPushButton(self.tr("Close (Esc)"))
        close.setObjectName("closeCitizenWindow")
        close.clicked.connect(self.close)
        QShortcut(QKeySequence("Esc"), self, self.close)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        layout.addWidget(greeting)
        layout.addWidget(self.user_id_label, 1)
        layout.addWidget(close)
        self.resize(560, 260)
