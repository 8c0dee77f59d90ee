"""Layout pieces that keep a cramped counter screen readable: splitters that remember where the clerk
dragged them, a one-line label that elides rather than wraps, and table columns that fit their texts.

Sizes are kept with QSettings under the application's organisation and name (ui/app.py); tests point
QSettings at a folder of their own (tests/ui/conftest.py), so nothing leaks between them."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QSizePolicy, QSplitter, QTableView, QWidget


class RememberedSplitter(QSplitter):
    """A splitter whose sizes, once the clerk drags it, are kept in QSettings under `key` and restored by
    every splitter made with that key later (the next window, the next start)."""

    def __init__(self, orientation: Qt.Orientation, key: str, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self.setObjectName(key.replace("/", "_"))
        self.key = key
        self.setChildrenCollapsible(False)
        self.splitterMoved.connect(lambda _pos, _index: self.remember())

    def restore(self) -> bool:
        """Take the sizes kept last time, if any; call once the widgets are added. True if there were."""
        state = QSettings().value(f"layout/{self.key}")
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.restoreState(state)
        return False

    def remember(self) -> None:
        settings = QSettings()
        settings.setValue(f"layout/{self.key}", self.saveState())
        settings.sync()


class ElidedLabel(QLabel):
    """Always one line: a text too long for the width ends in "…", and the tooltip holds all of it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text.replace("\n", " ")
        self._elide()

    def full_text(self) -> str:
        return self._full

    def is_elided(self) -> bool:
        return super().text() != self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margin = self.contentsMargins().left() + self.contentsMargins().right() + 2 * self.margin() + 8
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width() - margin))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def compact_table(view: QTableView) -> None:
    """Rows of one line each, long texts ending in "…" (the model's tooltip holds the whole text)."""
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setTextElideMode(Qt.TextElideMode.ElideRight)
    header.setStretchLastSection(True)


def fit_columns(view: QTableView, long_columns: Iterable[int] = (), cap: int = 260) -> None:
    """Short columns as wide as their widest text; long ones too but at most `cap` pixels (the rest is
    elided, with a tooltip); a header is never cut. The last column takes what is left."""
    header = view.horizontalHeader()
    long = set(long_columns)
    last = header.count() - 1
    for column in range(header.count()):
        if column == last:
            continue
        wanted = max(view.sizeHintForColumn(column), header.sectionSizeHint(column))
        if column in long:
            wanted = max(header.sectionSizeHint(column), min(wanted, cap))
        header.resizeSection(column, wanted)
