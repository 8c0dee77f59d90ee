"""The identity check in the Serving tab: every way a document's MRZ gets in, and the verdict.

Ways in: an image or PDF by file dialog (Ctrl+O) or dropped onto the tab; a camera (Ctrl+K, offered only
where one is present); a counter reader typing like a keyboard (caught anywhere in the tab by
`ui.wedge_filter.ReaderKeys`); the lines typed by hand with live check-digit feedback; and a driving
licence typed off the card (Ctrl+D). Images are read in a worker with a progress bar and a Cancel button
(Esc): after Cancel the window is usable at once and whatever the worker still brings back is dropped.

The check itself is saved in a worker too (it may store the scan in the database): while it saves, the
box says so, its buttons are off and the lines cannot be edited, so a check is never submitted twice nor
shown for lines other than those saved. A result that arrives for another visit, after the box was reset,
or after newer lines came in (the counter reader, a dropped file) is dropped.

A reading with characters in doubt (the scanner was unsure and no check digit vouches for them, or a
rule questions them: see `domain.mrz.rules`) is not checked at once: the characters are marked in the box and
the clerk ticks a box per field after comparing it with the document (`DoubtPanel`), then checks
(Ctrl+Enter). A check with a field left unticked fails; the ticks are saved with the check.

A licence line (DL1) is checked in the licence dialog, with the printed fields typed beside it: the number
is always typed off the card, and a country in doubt and not ticked is chosen off it, so the line is held
against the card, not against itself. What brought the line (a scan with its image, the reader) waits until
the dialog has saved a check: closing the dialog and checking again checks the same reading.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.identity_check import Finding
from borgerservice_desk.domain.mrz import CompareWhole, corrects
from borgerservice_desk.domain.wedge import Burst
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import DOCUMENT_FILE_SUFFIXES, IdentityCheckResult
from ui import vocabulary
from ui.camera_dialog import PICTURE_PREFIX, CameraDialog, CameraWatch, cameras_present
from ui.dates import current_zone, date_text
from ui.feedback import FeedbackLabel
from ui.findings import describe_finding, finding_html, headline
from ui.layout_memory import ElidedLabel
from ui.licence_dialog import LicenceDialog, parse_day
from ui.messages import describe_image_not_kept
from ui.mrz_entry import DoubtPanel, LiveChecksRow, MrzEdit, format_name
from ui.tasks import ServiceCalls, TaskRunner

if TYPE_CHECKING:  # the reader itself is imported in the worker: it pulls in SciPy
    from borgerservice_desk.services.identity import ScanResult


# The check status while the check waits for the clerk to compare the reading with the document.
_WAITING_STYLE = "color: #8a5a00; font-weight: bold"


@dataclass(eq=False)
class _Scan:
    """One image being read, then its reading waiting to be checked; `cancel` tells the worker to stop, and a
    result for an old scan is dropped."""

    path: Path
    cancel: threading.Event
    temporary: bool  # a camera picture: deleted once the scan is dropped and no check is saving it
    method: CheckMethod = CheckMethod.SCAN
    compare_whole: CompareWhole | None = None  # the reading, once back, is for the clerk to compare whole
    dropped: bool = False  # no longer waiting to be checked (passed, superseded, the visit over)
    saving: int = 0  # checks being saved that may still read the image to keep it

    def drop(self) -> None:
        self.dropped = True
        self._discard_when_done()

    def saved(self) -> None:
        self.saving -= 1
        self._discard_when_done()

    def _discard_when_done(self) -> None:
        if self.dropped and not self.saving:
            _discard(self.path, self.temporary)


@dataclass(eq=False)
class _Save:
    """One check being saved; a result for a save that is no longer `IdentityCheckBox._save` is dropped.

    `scan` is the scan whose image the worker may read to keep it: a camera picture is deleted only once
    the worker is done with it, whether its result is shown or not."""

    visit_id: int
    scan: _Scan | None = field(default=None)

    def done(self) -> None:
        if self.scan is not None:
            self.scan.saved()


class IdentityCheckBox(QGroupBox):
    document_checked = Signal(IdentityCheckResult)  # the check just made, passed or not
    details_toggled = Signal(bool)  # the fields read and the findings are shown (True) or folded away

    def __init__(
        self,
        services: Services,
        ctx: ClerkContext,
        runner: TaskRunner,
        feedback: FeedbackLabel,
        visit_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Identity check"), parent)
        self.setObjectName("identityCheck")
        self._services = services
        self._ctx = ctx
        self._runner = runner
        self._feedback = feedback
        # The reading of a scan and the saving of a check: each may be superseded (a newer scan, the box
        # reset) while still out, so they overlap, and this box's own checks drop what is no longer wanted.
        self.reads = ServiceCalls(runner, feedback, self)
        self._visit_id = visit_id
        self._scan: _Scan | None = None
        self._save: _Save | None = None
        # A scan read with characters in doubt, waiting for the clerk to confirm them and check.
        self._pending: _Scan | None = None
        # Lines a counter reader typed with characters in doubt, waiting likewise: their check is the reader's.
        self._reader_pending = False
        # The lines as the scan or the reader read them, while they wait: what the box holds at the check is
        # theirs only while it is them corrected, not another document's lines put in their place.
        self._read_lines: tuple[str, ...] = ()
        self._usable = True
        # Raised on every reset: a licence dialog opened for an earlier visit cannot show its result here.
        self._generation = 0
        self.last_check: IdentityCheckResult | None = None
        self._finding_lines: list[str] = []

        self.load_button = QPushButton(self.tr("Load image or &PDF… (Ctrl+O)"))
        self.load_button.setObjectName("loadImageButton")
        self.load_button.setToolTip(self.tr("Or drop a scan or photo (JPEG, PNG, TIFF, BMP, PDF) onto this tab"))
        self.camera_button = QPushButton(self.tr("Camera… (Ctrl+K)"))
        self.camera_button.setObjectName("cameraButton")
        self.licence_button = QPushButton(self.tr("&Driving licence… (Ctrl+D)"))
        self.licence_button.setObjectName("licenceButton")
        self.check_button = QPushButton(self.tr("Chec&k (Ctrl+Enter)"))
        self.check_button.setObjectName("checkButton")
        # The centre's local date, as the check will judge on (the zone is the centre's, set at sign-in).
        self.mrz_edit = MrzEdit(lambda: services.identity.today(current_zone()))
        self.mrz_edit.setPlaceholderText(
            self.tr("Machine readable zone: read from an image, a camera or the counter reader, or type the lines")
        )
        self.live = LiveChecksRow()
        self.doubt_panel = DoubtPanel()
        # A French card of the old layout has no expiry in its MRZ: the clerk types the printed one. The row
        # shows only for that format, so nobody types a date the MRZ already vouches for.
        self.printed_expiry_label = QLabel(self.tr("Expiry date printed on the card (DD.MM.YYYY):"))
        self.printed_expiry_edit = QLineEdit()
        self.printed_expiry_edit.setObjectName("printedExpiry")
        self.printed_expiry_edit.setMaxLength(10)
        self.printed_expiry_edit.setPlaceholderText(self.tr("DD.MM.YYYY"))
        self.printed_expiry_label.setBuddy(self.printed_expiry_edit)
        self.progress = QProgressBar()
        self.progress.setObjectName("scanProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.setObjectName("cancelScan")
        # The verdict is one line, always in view; what was read and each finding are details on demand.
        self.check_status = ElidedLabel()
        self.check_status.setObjectName("checkStatus")
        self.details_button = QToolButton()
        self.details_button.setObjectName("checkDetailsButton")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setText(self.tr("Show details"))
        self.details_button.toggled.connect(self.show_details)
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("mrzFields")
        self.fields.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Read")])
        self.fields.verticalHeader().hide()
        self.fields.verticalHeader().setDefaultSectionSize(self.fields.fontMetrics().height() + 6)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        # One line per finding, in the normal size, the failed ones first; rich text so the letters in which
        # a name differs can be marked.
        self.findings = QLabel()
        self.findings.setObjectName("findings")
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setWordWrap(True)  # a name difference is long; the clerk must see all of it
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._findings_scroll = QScrollArea()
        self._findings_scroll.setWidgetResizable(True)
        self._findings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._findings_scroll.setWidget(self.findings)

        buttons = QHBoxLayout()
        for button in (self.load_button, self.camera_button, self.licence_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch()
        reading = QHBoxLayout()
        reading.addWidget(self.progress, 1)
        reading.addWidget(self.cancel_button)
        verdict = QHBoxLayout()
        verdict.addWidget(self.check_status, 1)
        verdict.addWidget(self.details_button)
        self.details = QWidget()
        self.details.setObjectName("checkDetails")
        results = QHBoxLayout(self.details)
        results.setContentsMargins(0, 0, 0, 0)
        results.addWidget(self.fields, 1)
        results.addWidget(self._findings_scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.mrz_edit)
        layout.addWidget(self.live)
        layout.addWidget(self.doubt_panel)
        printed_expiry = QHBoxLayout()
        printed_expiry.addWidget(self.printed_expiry_label)
        printed_expiry.addWidget(self.printed_expiry_edit)
        printed_expiry.addStretch(1)
        layout.addLayout(printed_expiry)
        layout.addLayout(reading)
        layout.addLayout(verdict)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)

        self.load_button.clicked.connect(self.choose_image)
        self.camera_button.clicked.connect(self.open_camera)
        self.licence_button.clicked.connect(self.open_licence)
        self.check_button.clicked.connect(self.check_typed)
        self.cancel_button.clicked.connect(lambda: self.cancel_scan())
        self.mrz_edit.textChanged.connect(self._on_mrz_edit_changed)
        self.printed_expiry_edit.textChanged.connect(self.clear_result)
        self._show_printed_expiry()
        self.mrz_edit.live_changed.connect(self.live.show_live)
        self.mrz_edit.live_changed.connect(lambda _live: self.doubt_panel.show_doubts(self.mrz_edit.doubts))
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_image)
        QShortcut(QKeySequence("Ctrl+D"), self, self.open_licence)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.check_typed)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.check_typed)
        self._cancel_shortcut = QShortcut(QKeySequence("Esc"), self, self.cancel_scan)
        self._sync_controls()
        self._show_details_control(False)
        self._camera_shortcut = QShortcut(QKeySequence("Ctrl+K"), self, self.open_camera)
        # A camera plugged in while the desk runs is offered at once, one pulled out no longer.
        self._cameras = CameraWatch(self)
        self._cameras.changed.connect(self._offer_camera)
        self._offer_camera()
        # The text box takes Ctrl+Enter as a line break before any shortcut sees it; catch it first.
        self.mrz_edit.installEventFilter(self)
        self._drops = FileDrops(self.take_dropped_files, self)
        self._drops.watch(self)
        self._drops.watch(self.mrz_edit.viewport())

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

    # State --------------------------------------------------------------------------------------
    def reset(self) -> None:
        """A new visit, or none: nothing of the last citizen's document stays on screen, and nothing that
        is still being read or saved for it will show up later."""
        self._generation += 1
        self._stop_scan(quiet=True)
        self._drop_save()
        self._drop_pending()
        self.mrz_edit.set_unsure(())
        self.mrz_edit.clear()
        self.printed_expiry_edit.clear()  # the last citizen's card's date is not the next one's
        self.clear_result()

    def set_usable(self, usable: bool) -> None:
        self._usable = usable
        self._sync_controls()

    def watch_drops(self, widget: QWidget) -> None:
        """Let a scan or photo be dropped onto `widget` too (the whole Serving tab)."""
        self._drops.watch(widget)

    @property
    def scanning(self) -> bool:
        return self._scan is not None

    @property
    def saving(self) -> bool:
        return self._save is not None

    def _offer_camera(self) -> None:
        # Without a camera the option is not there at all: no button, no shortcut.
        present = cameras_present()
        self.camera_button.setVisible(present)
        self._camera_shortcut.setEnabled(present)

    # Image or PDF -------------------------------------------------------------------------------
    @Slot()
    def choose_image(self) -> None:
        if self._visit_id() is None or not self.load_button.isEnabled():  # no visit, or a scan is running
            return
        dialog = QFileDialog(self, self.tr("Load a scanned document"))
        dialog.setObjectName("imageFileDialog")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        patterns = " ".join(f"*{suffix}" for suffix in sorted(DOCUMENT_FILE_SUFFIXES))
        dialog.setNameFilters(
            [self.tr("Scans and photos (%1)").replace("%1", patterns), self.tr("All files (*)")]
        )
        dialog.fileSelected.connect(lambda path: self.load_image(Path(path)))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def take_photo(self, image: QImage) -> None:
        """The camera's picture: written to a private temporary PNG and read, both in the worker, checked
        as a CAMERA check, and the file deleted once the check is saved."""
        if self._visit_id() is None:
            return
        handle, name = tempfile.mkstemp(prefix=PICTURE_PREFIX, suffix=".png")
        os.close(handle)
        self.load_image(Path(name), temporary=True, method=CheckMethod.CAMERA, photo=image)

    def load_image(
        self,
        path: Path,
        *,
        temporary: bool = False,
        method: CheckMethod = CheckMethod.SCAN,
        photo: QImage | None = None,
    ) -> None:
        """Read the MRZ in a worker; the window stays usable, shows that it is reading, and can cancel.

        `temporary` marks a picture this program made (the camera's), deleted once the check is saved;
        `method` is recorded with the check (CAMERA for the camera's picture); `photo` is first written
        to `path`, in the worker too."""
        if self._visit_id() is None:
            if temporary:
                path.unlink(missing_ok=True)
            return
        self._stop_scan(quiet=True)
        self._drop_save()  # a new document supersedes a check still being saved; its result is not shown
        self._drop_pending()
        self._feedback.clear_message()
        self.clear_result()
        scan = _Scan(path, threading.Event(), temporary, method)
        self._scan = scan
        self.progress.setFormat(self.tr("Reading %1…").replace("%1", path.name if not temporary else self.tr("the photo")))
        self._sync_controls()

        identity = self._services.identity
        today = identity.today(current_zone())  # the day the check will judge on; the clock only

        def read() -> ScanResult:
            # QImage may be used outside the GUI thread; encoding a phone-sized PNG takes about a second.
            # PySide6 6.12 stubs type the format as bytes; at run time it takes a str only (bytes: ValueError).
            if photo is not None and not photo.save(str(path), "PNG"):  # type: ignore[call-overload]
                raise DeskError("camera.picture_not_saved", path=str(path))
            return identity.read_mrz(path, cancel=scan.cancel, today=today)

        self.reads.fetch(
            read,
            lambda result: self._on_scan_done(scan, result),
            lambda error: self._on_scan_failed(scan, error),
        )

    @Slot()
    def cancel_scan(self) -> None:
        """The clerk stops the reading (Cancel or Esc): the window is usable again at once."""
        self._stop_scan(quiet=False)

    def _stop_scan(self, *, quiet: bool) -> None:
        scan, self._scan = self._scan, None
        if scan is None:
            return
        scan.cancel.set()  # the worker stops at its next step; what it still returns is dropped
        self._sync_controls()
        if not quiet:
            self._feedback.info(self.tr("Reading stopped. Load the image again, or type the lines."))
            self.mrz_edit.setFocus()

    def _on_scan_done(self, scan: _Scan, result: ScanResult) -> None:
        if scan is not self._scan:  # cancelled, or replaced by a newer scan: too late to matter
            _discard(scan.path, scan.temporary)
            return
        self._scan = None
        self._sync_controls()
        self.doubt_panel.show_doubts(())  # a new reading: no tick given for an earlier one stands
        self.printed_expiry_edit.clear()  # ... nor a date typed off another card
        self.mrz_edit.set_unsure(result.doubtful)
        self.mrz_edit.setPlainText("\n".join(result.lines))
        self._read_lines = tuple(self.mrz_edit.live.lines)
        # The scan waits until a check of it passes: a check refused (a box left unticked, the printed date
        # not typed yet) or lines the service cannot take leave it to be checked again, still as the scan
        # with its image and why it was compared, once the clerk has ticked, typed or corrected.
        self._pending = scan
        # Not checked yet where a misread could pass every check digit: characters the reader marked, or a
        # whole reading to compare because the reader stopped at its time limit with its best reading so far
        # (not every way of reading the page was tried) or read print it has not learnt (too many characters
        # unsure at once, or half the text marked, and its confidence in the rest not to be trusted). The clerk
        # compares first.
        marked = any(not doubt.blocking for doubt in self.mrz_edit.doubts)
        whole = scan.compare_whole = result.compare_whole
        if marked or whole is not None:
            if whole is None:
                self._wait_for_clerk()
                return
            why = (
                self.tr("The reading stopped at its time limit")
                if whole is CompareWhole.TIME_LIMIT
                else self.tr("The reader is unsure of the print of this zone")
            )
            # With marks, they are not all there is to look at: every character is.
            todo = (
                self.tr(
                    "{why}: compare all the lines with the document, confirm the marked characters, then "
                    "check (Ctrl+Enter)"
                )
                if marked
                else self.tr(
                    "{why}: compare the lines with the document, correct them if needed, then check (Ctrl+Enter)"
                )
            )
            self._wait_for_clerk(todo.format(why=why))
            return
        if self._printed_expiry_missing():
            self._wait_for_printed_expiry()
            return
        self._check(scan.method, scan=scan)

    def _printed_expiry_missing(self) -> bool:
        """A document whose MRZ holds no expiry (the French card) with no printed date typed yet: checked
        now it would only be refused, and the scan recorded so, before the clerk could type the date."""
        return self.printed_expiry_edit.isVisibleTo(self) and not self.printed_expiry_edit.text().strip()

    def _wait_for_printed_expiry(self) -> None:
        self.check_status.setText(
            self.tr("This card's MRZ holds no expiry: type the date printed on the card, then check (Ctrl+Enter)")
        )
        self.check_status.setStyleSheet(_WAITING_STYLE)
        self.printed_expiry_edit.setFocus()

    def _wait_for_clerk(self, text: str | None = None) -> None:
        """The check waits while the clerk compares the reading with the document (`text` says what to do;
        by default, confirm the marked characters): the focus on the first box to tick, or on the lines where
        nothing is marked."""
        if text is None:
            text = self.tr("Compare the marked characters with the document, confirm them, then check (Ctrl+Enter)")
        self.check_status.setText(text)
        self.check_status.setStyleSheet(_WAITING_STYLE)
        box = self.doubt_panel.first_box()
        (box if box is not None else self.mrz_edit).setFocus()

    def _drop_pending(self) -> None:
        """Forget the scan or reader's lines waiting to be checked (a camera picture with it, once no check
        being saved may still read it)."""
        pending, self._pending = self._pending, None
        self._reader_pending = False
        self._read_lines = ()
        if pending is not None:
            pending.drop()

    def _on_scan_failed(self, scan: _Scan, error: BaseException) -> None:
        _discard(scan.path, scan.temporary)
        if scan is not self._scan:
            return
        self._scan = None
        self._sync_controls()
        self._feedback.show_error(error)

    def _sync_controls(self) -> None:
        """Enable what may be used now: nothing without a visit; no second way in while an image is read;
        nothing at all while a check is saved, so it cannot be submitted twice."""
        reading, saving = self._scan is not None, self._save is not None
        usable = self._usable and self._visit_id() is not None
        self.progress.setVisible(reading or saving)
        self.cancel_button.setVisible(reading)  # a save is short and all-or-nothing: nothing to cancel
        self._cancel_shortcut.setEnabled(reading)
        # Only the identity check's own controls: a MitID action may still be running in the background.
        # The licence dialog too: a reading that ends while it is open would open a second one.
        for widget in (self.load_button, self.camera_button, self.check_button, self.licence_button):
            widget.setEnabled(usable and not reading and not saving)
        self.mrz_edit.setEnabled(self._usable)
        # Read-only rather than disabled: the focus stays in the box, and Ctrl+Enter is simply not taken.
        self.mrz_edit.setReadOnly(saving)
        self.printed_expiry_edit.setReadOnly(saving)  # the date judged is the date shown
        self.doubt_panel.setEnabled(self._usable and not saving)

    def take_dropped_files(self, urls: Sequence[QUrl]) -> None:
        """Files dropped onto the tab or the window: one supported local file is read, anything else explained."""
        if self._visit_id() is None:
            self._feedback.error(self.tr("Check a citizen in first, then drop the document's scan here."))
            return
        if self.scanning:
            self._feedback.error(self.tr("An image is being read. Cancel it (Esc) first."))
            return
        if len(urls) != 1:
            self._feedback.error(self.tr("Drop one file at a time."))
            return
        url = urls[0]
        path = Path(url.toLocalFile()) if url.isLocalFile() else None
        if path is None or path.suffix.lower() not in DOCUMENT_FILE_SUFFIXES:
            self._feedback.error(
                self.tr("Only a scan or photo on this computer can be read: JPEG, PNG, TIFF, BMP or PDF.")
            )
            return
        if not path.is_file():
            self._feedback.error(self.tr("The file %1 is not there any more.").replace("%1", path.name))
            return
        self.load_image(path)

    # Camera -------------------------------------------------------------------------------------
    @Slot()
    def open_camera(self) -> None:
        if self._visit_id() is None or not self.camera_button.isEnabled() or not cameras_present():
            return
        dialog = CameraDialog(self)
        dialog.captured.connect(self.take_photo)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # Counter reader -----------------------------------------------------------------------------
    def take_reader_burst(self, burst: Burst) -> None:
        """A counter reader typed an MRZ: show it and check it, whatever had the focus."""
        if self._visit_id() is None:
            return
        self._stop_scan(quiet=True)  # the reader's lines are the fresher read
        self._drop_save()  # ... also than lines still being saved: that result is not shown
        self._drop_pending()
        self.doubt_panel.show_doubts(())  # a new reading: no tick given for an earlier one stands
        self.printed_expiry_edit.clear()  # ... nor a date typed off another card
        self.mrz_edit.set_unsure(())  # a reader's lines come with no recogniser's doubts
        self.mrz_edit.setPlainText(burst.text)
        self.mrz_edit.setFocus()
        if burst.complete:
            # The reader's lines wait, as a scan does, until a check of them passes: checked again after a
            # refusal, they are still the reader's.
            self._reader_pending = True
            self._read_lines = tuple(self.mrz_edit.live.lines)
        if burst.complete and any(not doubt.blocking for doubt in self.mrz_edit.doubts):
            # A reader misreads too (its OCR sees what a scan's does): marked characters wait for the clerk,
            # as a scan's do, and the check that follows is still the reader's, recorded once.
            self.clear_result()
            self._wait_for_clerk()
        elif burst.complete and self._printed_expiry_missing():
            self.clear_result()
            self._wait_for_printed_expiry()
        elif burst.complete:
            self._check(CheckMethod.READER)
        else:
            self.clear_result()
            self._feedback.error(
                self.tr(
                    "The counter reader sent lines that are not a whole machine readable zone. "
                    "Read the document again, or correct the lines and check (Ctrl+Enter)."
                )
            )

    # Typed --------------------------------------------------------------------------------------
    @Slot()
    def check_typed(self) -> None:
        """Check the lines as what brought them, which waits until a check of them passes: the scan (with
        its image and why it was compared whole), the counter reader, or else typing."""
        if not self.check_button.isEnabled():
            return
        self._keep_reading_if_corrected()
        pending = self._pending
        if self._reader_pending:
            self._check(CheckMethod.READER)
        elif pending is not None:
            self._check(pending.method, scan=pending)
        else:
            self._check(CheckMethod.TYPED)

    def _keep_reading_if_corrected(self) -> None:
        """Forget the waiting reading if the box no longer holds it, corrected, but another document's lines
        the clerk pasted or typed over it: those are checked as typed, without the scan's image, and without
        the recogniser's marks, which were of the characters it read, not of these."""
        if (self._pending is not None or self._reader_pending) and not corrects(
            self._read_lines, self.mrz_edit.live.lines
        ):
            self._drop_pending()
            self.mrz_edit.set_unsure(())

    def _check(self, method: CheckMethod, *, scan: _Scan | None = None) -> None:
        """Judge and save the lines in the box, in a worker; `scan` is the scan they were read from (its image
        may be kept, and why the clerk was asked to compare its whole reading is recorded with the check)."""
        visit_id = self._visit_id()
        if visit_id is None or self._save is not None:
            return
        live = self.mrz_edit.live
        if live.format is not None and live.format.value == "DL1" and live.complete:
            # A licence line names no one and holds no dates: the rest is typed off the card, in the licence
            # dialog, which makes the check of what brought the line (it waits until the dialog has: a clerk
            # who closes the dialog to look at the card again and checks again checks the same reading).
            self.clear_result()
            self.open_licence()
            return
        self._feedback.clear_message()
        self.clear_result()
        image_path = scan.path if scan is not None else None
        compared_whole = scan.compare_whole if scan is not None else None
        save = _Save(visit_id, scan)
        if scan is not None:
            scan.saving += 1
        self._save = save
        self.progress.setFormat(self.tr("Saving the check…"))
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused) and (
            isinstance(focused, QPushButton) or self.doubt_panel.isAncestorOf(focused)
        ):
            # The button pressed, or the box just ticked (a clerk checks from the last one with Ctrl+Enter),
            # is about to be disabled while the check saves, which would leave the focus nowhere; the lines
            # are where the clerk goes on from.
            self.mrz_edit.setFocus()
        self._sync_controls()
        # The worker gets values, never a widget. The image goes along so the service can keep it, which
        # it does only if the centre says so.
        identity, ctx, text = self._services.identity, self._ctx, self.mrz_edit.toPlainText()
        unsure, confirmed = self.mrz_edit.unsure, self.doubt_panel.confirmed_fields()
        # Only for a format without an MRZ expiry; an unparsable date counts as none typed, and the check
        # then says the printed date is needed.
        printed = self.printed_expiry_edit.text() if self.printed_expiry_edit.isVisibleTo(self) else ""
        printed_expiry = parse_day(printed) if printed.strip() else None
        self.reads.fetch(
            lambda: identity.check(
                ctx, visit_id, text, method, image_path=image_path, unsure=unsure, confirmed=confirmed,
                compared_whole=compared_whole, printed_expiry=printed_expiry,
            ),
            lambda result: self._on_save_done(save, result),
            lambda error: self._on_save_failed(save, error),
        )

    def _drop_save(self) -> None:
        """Forget the check being saved: it is still saved, but its result is not shown here."""
        if self._save is not None:
            self._save = None
            self._sync_controls()

    def _on_save_done(self, save: _Save, result: IdentityCheckResult) -> None:
        save.done()
        if save is not self._save or result.visit_id != self._visit_id():
            return  # the visit changed, the box was reset or newer lines came in: not this citizen's now
        self._save = None
        if result.passed:
            self._drop_pending()  # checked and passed: the reading waits no more (a camera picture goes)
        self._sync_controls()
        self.show_result(result)

    def _on_save_failed(self, save: _Save, error: BaseException) -> None:
        save.done()
        if save is not self._save:
            return
        self._save = None
        self._sync_controls()
        self.clear_result()
        self._feedback.show_error(error)

    # Driving licence ----------------------------------------------------------------------------
    @Slot()
    def open_licence(self) -> None:
        """The licence dialog (Ctrl+D), filled in with the licence line in the box, if it holds one; a check
        made there is of what brought the line: the scan waiting for the clerk (with its image and why it
        was compared whole), the counter reader, or typing."""
        visit_id = self._visit_id()
        if visit_id is None or not self.licence_button.isEnabled():
            return
        self._keep_reading_if_corrected()
        dl1 = self.mrz_edit.live
        line = dl1.lines[0] if dl1.format is not None and dl1.format.value == "DL1" and dl1.lines else None
        scan = self._pending if line is not None else None
        if scan is not None:
            method, image_path, compared_whole = scan.method, scan.path, scan.compare_whole
        else:
            method = CheckMethod.READER if line is not None and self._reader_pending else CheckMethod.TYPED
            image_path, compared_whole = None, None
        # A country the line holds in doubt (the scan doubted it and the clerk has not ticked it, or it is no
        # known code) is chosen off the card.
        confirmed = self.doubt_panel.confirmed_fields()
        country_in_doubt = any(
            doubt.field == "issuing_country" and doubt.field not in confirmed for doubt in self.mrz_edit.doubts
        )
        dialog = LicenceDialog(
            self._services, self._ctx, self._runner, visit_id,
            dl1_line=line, country_in_doubt=country_in_doubt, method=method, image_path=image_path,
            unsure=self.mrz_edit.unsure if line is not None else (), confirmed=confirmed,
            compared_whole=compared_whole, parent=self,
        )
        generation = self._generation
        dialog.checked.connect(lambda result: self._on_licence_checked(generation, result, line is not None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_licence_checked(self, generation: int, result: IdentityCheckResult, of_line: bool) -> None:
        if generation != self._generation or result.visit_id != self._visit_id():
            return  # opened for a visit that is over: its result is no one's to see here
        if of_line and result.passed:
            # What was read is checked and passed: the scan (a camera picture is deleted now) or the reader's
            # line waits no more, as for a passport.
            self._drop_pending()
        self.show_result(result)

    # Result -------------------------------------------------------------------------------------
    def show_result(self, result: IdentityCheckResult) -> None:
        self.last_check = result
        if result.image_not_kept is not None:
            # The centre keeps images, so the clerk must know when this one is not there.
            self._feedback.info(describe_image_not_kept(result.image_not_kept))
        self._show_fields(result)
        failed_first = sorted(result.outcome.findings, key=lambda finding: finding.passed)
        self._finding_lines = [f"{'✔' if f.passed else '✘'} {describe_finding(f)}" for f in failed_first]
        self.findings.setText("<br>".join(_finding_line(finding) for finding in failed_first))
        # One short headline; what each finding says is in the lines below it.
        if result.passed:
            self.check_status.setText(self.tr("✔ Identity check passed"))
            self.check_status.setStyleSheet("color: #0b5d1e; font-weight: bold")
        else:
            self.check_status.setText("✘ " + headline(result.outcome.failures))
            self.check_status.setStyleSheet("color: #a01010; font-weight: bold")
        # The boxes ticked for a passed check of these lines fold into one line; a failed check leaves them to
        # be looked at. A licence's check (typed off the card in its dialog) never saw the ticks: it folds none.
        self.doubt_panel.settle(
            result.passed and getattr(result, "licence", None) is None and self.doubt_panel.all_ticked()
        )
        self._show_details_control(True)
        self.document_checked.emit(result)

    def _show_fields(self, result: IdentityCheckResult) -> None:
        doc: Any = result.document
        licence: Any = getattr(result, "licence", None)

        def day(value: Any) -> str:
            return date_text(value) if value else ""

        if licence is not None:
            # Typed off the card face; an EU licence's line adds its format and check digit.
            rows = [
                (self.tr("Document"), vocabulary.document_kind("driving_licence")),
                (self.tr("Format"), format_name(_format_of(doc))),
                (self.tr("Issuing country"), str(licence.country_code)),
                (self.tr("Licence number"), str(licence.normalised_number)),
                (self.tr("Surname"), licence.surname),
                (self.tr("Given names"), licence.given_names),
                (self.tr("Birth date"), day(licence.birth_date)),
                (self.tr("Expiry date"), day(licence.expiry_date)),
            ]
        else:
            rows = [
                (self.tr("Document"), vocabulary.document_kind(str(doc.document_kind))),
                (self.tr("Format"), format_name(_format_of(doc))),
                (self.tr("Issuing country"), doc.issuing_country),
                (self.tr("Document number"), doc.document_number),
                (self.tr("Surname"), doc.surname),
                (self.tr("Given names"), doc.given_names),
                (self.tr("Nationality"), doc.nationality),
                (self.tr("Birth date"), day(doc.birth_date) or "?"),
                (self.tr("Sex"), doc.sex),
                (self.tr("Expiry date"), day(doc.expiry_date) or self._printed_expiry_shown(doc, result)),
            ]
            if not getattr(doc, "has_holder_data", True):
                # A licence line read alone names no one and holds no dates: show what it does hold.
                rows = rows[:4]
        rows.append((self.tr("Checked from"), vocabulary.check_method(result.method)))
        self.fields.setRowCount(len(rows))
        for i, (name, value) in enumerate(rows):
            self.fields.setItem(i, 0, QTableWidgetItem(name))
            self.fields.setItem(i, 1, QTableWidgetItem(value))

    def _printed_expiry_shown(self, doc: Any, result: IdentityCheckResult) -> str:
        """For a document without an MRZ expiry, the date judged (from the typed printed one); else '?'."""
        if getattr(doc, "expiry_in_mrz", True):
            return "?"
        judged = next((f.param("expiry_date") for f in result.outcome.findings if f.code == "expired"), None)
        if judged is None:
            return self.tr("not in the MRZ: type the printed date")
        return f"{judged[8:10]}-{judged[5:7]}-{judged[0:4]}"

    def _show_printed_expiry(self) -> None:
        live = self.mrz_edit.live
        french = live.format is not None and live.format.value == "FRCNI"
        self.printed_expiry_label.setVisible(french)
        self.printed_expiry_edit.setVisible(french)

    def _on_mrz_edit_changed(self) -> None:
        self._show_printed_expiry()
        # What is shown must be what was checked: editing the text takes the old verdict away.
        lines = getattr(self.last_check.document, "lines", None) if self.last_check is not None else None
        if lines is not None and self.mrz_edit.toPlainText() != "\n".join(lines):
            self.clear_result()

    def clear_result(self) -> None:
        self.last_check = None
        self.check_status.setText("")
        self.fields.setRowCount(0)
        self.findings.setText("")
        self._finding_lines = []
        self.doubt_panel.settle(False)
        self._show_details_control(False)

    # Details ------------------------------------------------------------------------------------
    @Slot(bool)
    def show_details(self, shown: bool) -> None:
        """Unfold (or fold away) what was read from the document and the line per finding."""
        shown = shown and self.last_check is not None
        if self.details_button.isChecked() != shown:
            self.details_button.setChecked(shown)  # comes back here through toggled
            return
        self.details_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if self.details.isHidden() == shown:
            self.details.setVisible(shown)
            self.details_toggled.emit(shown)

    def _show_details_control(self, result_shown: bool) -> None:
        """A new verdict starts folded: one line; the toggle is there only when there is something to show."""
        self.details_button.setVisible(result_shown)
        self.show_details(False)

    def finding_lines(self) -> list[str]:
        """The lines of findings shown, as plain text, in their order (failed first)."""
        return list(self._finding_lines)


def _discard(path: Path | None, temporary: bool) -> None:
    """Delete a picture this program made (the camera's) once nothing will read it any more."""
    if temporary and path is not None:
        path.unlink(missing_ok=True)


def _format_of(document: Any) -> str:
    mrz_format = getattr(document, "format", None)
    if mrz_format is not None:
        return str(getattr(mrz_format, "value", mrz_format))
    return "DANISH_LICENCE"


def _finding_line(finding: Finding) -> str:
    """One finding as a line of rich text: a green ✔ or a red ✘, then its words (already HTML)."""
    mark = '<span style="color:#0b5d1e">✔</span>' if finding.passed else '<span style="color:#a01010">✘</span>'
    return f"{mark} {finding_html(finding)}"


class FileDrops(QObject):
    """Lets files be dropped onto the widgets it watches; hands the dropped URLs to `on_drop`.

    Any drag carrying URLs is accepted so that a wrong file gets a message on the drop, rather than a
    forbidden cursor that explains nothing.
    """

    def __init__(self, on_drop: Callable[[Sequence[QUrl]], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_drop = on_drop

    def watch(self, widget: QWidget) -> None:
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, (QDragEnterEvent, QDropEvent)):
            if event.mimeData().hasUrls():
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent) and event.mimeData().hasUrls():
            event.acceptProposedAction()
            self._on_drop(list(event.mimeData().urls()))
            return True
        return False
