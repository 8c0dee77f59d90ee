"""A line in the window that says what happened: plain, coloured by kind, never a blocking popup.

A message lives only as long as it holds. An error stays until the clerk's next action or until the view
turns to another subject (the widget using the line clears it then); an informational message also goes
by itself after `INFO_LIFETIME_MS`; a busy message ("Checking…") stays until the work it names reports.
The line keeps its room when empty, so nothing around it moves when a message comes or goes: a click
aimed at a button lands on that button."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from ui.messages import describe_error

INFO_LIFETIME_MS = 20_000
PADDING_PX = 4


class FeedbackLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("feedback")
        # One line is kept whether a message shows or not: hidden, the label still holds its place.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        bold = QFont(self.font())
        bold.setBold(True)
        self.setMinimumHeight(QFontMetrics(bold).height() + 2 * PADDING_PX)
        self.info_lifetime_ms = INFO_LIFETIME_MS
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.clear_message)
        self.clear_message()

    def clear_message(self) -> None:
        self._expiry.stop()
        self.setText("")
        self.setProperty("kind", "none")
        self.hide()

    def info(self, text: str) -> None:
        """Something that went well: it goes by itself after a while."""
        self._show(text, "#0b5d1e", "info")
        self._expiry.start(self.info_lifetime_ms)

    def busy(self, text: str) -> None:
        """Work under way: stays until the work's own result replaces it."""
        self._show(text, "#0b5d1e", "busy")

    def error(self, text: str) -> None:
        """Stays until the next action, or until the view shows something else."""
        self._show(text, "#a01010", "error")

    def show_error(self, error: BaseException) -> None:
        self.error(describe_error(error))

    def _show(self, text: str, colour: str, kind: str) -> None:
        self._expiry.stop()
        self.setText(text)
        self.setProperty("kind", kind)
        self.setStyleSheet(f"color: {colour}; font-weight: bold; padding: {PADDING_PX}px")
        self.show()
