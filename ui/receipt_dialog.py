"""Shows a receipt PDF as it will print, and prints it through the system's printer dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.screen_fit import fit_to_screen


class ReceiptDialog(QDialog):
    def __init__(
        self, path: Path, reference: str, parent: QWidget | None = None, *, title: str | None = None,
        note: str | None = None,
    ) -> None:
        """`title` and `note` (the line above the page) say what the PDF is when it is not a receipt,
        e.g. a booking confirmation; by default "Receipt <reference>" and "Archived as <path>"."""
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
        archived = QLabel(note or self.tr("Archived as %1").replace("%1", str(path)))
        archived.setObjectName("receiptNote")
        archived.setWordWrap(True)
        archived.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(archived)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 700, 860)  # a whole A4 page at the width, where the screen holds it

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
