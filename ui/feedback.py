"""A line in the window that says what happened: plain, coloured by kind, never a blocking popup."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.messages import describe_error


class FeedbackLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("feedback")
        self.clear_message()

    def clear_message(self) -> None:
        self.setText("")
        self.setProperty("kind", "none")
        self.hide()

    def info(self, text: str) -> None:
        self._show(text, "#0b5d1e", "info")

    def error(self, text: str) -> None:
        self._show(text, "#a01010", "error")

    def show_error(self, error: BaseException) -> None:
        self.error(describe_error(error))

    def _show(self, text: str, colour: str, kind: str) -> None:
        self.setText(text)
        self.setProperty("kind", kind)
        self.setStyleSheet(f"color: {colour}; font-weight: bold; padding: 4px")
        self.show()
