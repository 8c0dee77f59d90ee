"""Shows a receipt PDF as it will print, and prints it through the system's printer dialog.

Also the one way a result that comes back from a worker (a receipt, an activation code, the user ID) is put
on screen: through the desk's window, which holds it back while the desk is locked (`show_when_unlocked`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.screen_fit import fit_to_screen


@runtime_checkable
class _LockingWindow(Protocol):
    """The desk's window (ui/main_window.py), named by what it does: the widgets below it may not import it."""

    def show_when_unlocked(self, widget: QWidget, show: Callable[[], None] | None = None) -> None: ...


def show_when_unlocked(widget: QWidget, show: Callable[[], None] | None = None) -> None:
    """Show `widget` (a window with a parent in the desk) by `show` (its `show` unless said, a dialog's `open`):
    at once, or, while the desk is locked, once it is unlocked. A save the clerk started before the lock comes
    back whenever it is done; shown then, its result would stand over the lock cover, the citizen in view of
    whoever is at the desk, and a window-modal one would block the password that unlocks it."""
    owner = widget.parentWidget()
    desk = owner.window() if owner is not None else None
    if isinstance(desk, _LockingWindow):
        desk.show_when_unlocked(widget, show)
    else:  # a panel on its own, outside the desk's window: nothing locks it
        (show or widget.show)()


class ReceiptDialog(QDialog):
    def __init__(
        self, path: Path, reference: str, parent: QWidget | None = None, *, title: str | None = None,
        note: str | None = None, archived: bool = True,
    ) -> None:
        """`title` and `note` (the line above the page) say what the PDF is when it is not a receipt,
        e.g. a booking confirmation; by default "Receipt <reference>" and "Archived as <path>", or, for a
        receipt the archive refused (`archived` False), that it is not in the archive yet."""
        super().__init__(parent)
        self.setObjectName("receiptDialog")
        self.setWindowTitle(title or self.tr("Receipt %1").replace("%1", reference))
        self.path = path
        self.document = QPdfDocument(self)
        self.document.load(str(path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(self.tr("&Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_receipt)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_receipt)
        layout = QVBoxLayout(self)
        if note is None:
            note = (
                self.tr("Archived as %1")
                if archived
                else self.tr("Not in the archive yet (the desk files it when it starts next time): %1")
            ).replace("%1", str(path))
        where = QLabel(note)
        where.setObjectName("receiptNote")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 700, 860)  # a whole A4 page at the width, where the screen holds it

    def open_when_unlocked(self) -> None:
        """Open window-modal over the desk, now or once the desk is unlocked (see `show_when_unlocked`)."""
        show_when_unlocked(self, self.open)

    def print_receipt(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
                image = self.document.render(page, target.size())
                painter.drawImage(target.topLeft(), image)
        finally:
            painter.end()
