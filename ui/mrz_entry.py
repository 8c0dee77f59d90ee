"""The MRZ text box with live feedback: each check digit pending, right or wrong while the clerk types.

`live_checks` (borgerservice_desk/domain/mrz.py) judges the text on every change; the row under the box
names each check digit with a mark (… pending, ✔ right, ✘ wrong) and the length each line must reach,
and the box itself marks a wrong check digit in red, a right one in green, characters an MRZ cannot
hold in orange and characters past the end of a line struck through. Nothing here needs the mouse.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QTextEdit, QWidget

from borgerservice_desk.domain.mrz import CheckState, LiveChecks, MrzFormat, live_checks
from ui import vocabulary

_MARKS = {CheckState.PENDING: "…", CheckState.OK: "✔", CheckState.BAD: "✘"}
_COLOURS = {CheckState.PENDING: "#5f5f5f", CheckState.OK: "#0b5d1e", CheckState.BAD: "#a01010"}


def check_name(field: str) -> str:
    """The short name of a check digit in the live row."""
    return {
        "document_number": QCoreApplication.translate("mrz_entry", "Number"),
        "birth_date": QCoreApplication.translate("mrz_entry", "Birth"),
        "expiry_date": QCoreApplication.translate("mrz_entry", "Expiry"),
        "optional_data": QCoreApplication.translate("mrz_entry", "Personal no."),
        "composite": QCoreApplication.translate("mrz_entry", "Composite"),
        "licence": QCoreApplication.translate("mrz_entry", "Licence line"),
    }.get(field, field)


def state_name(state: CheckState) -> str:
    return {
        CheckState.PENDING: QCoreApplication.translate("mrz_entry", "not typed yet"),
        CheckState.OK: QCoreApplication.translate("mrz_entry", "right"),
        CheckState.BAD: QCoreApplication.translate("mrz_entry", "WRONG"),
    }[state]


class MrzEdit(QPlainTextEdit):
    """The MRZ box: fixed-width text, Tab leaves it, and it marks what `live_checks` found."""

    live_changed = Signal(object)  # LiveChecks, after every change of the text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrzEdit")
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.live: LiveChecks = live_checks("")
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        self.live = live_checks(self.toPlainText())
        self.setExtraSelections(self._marks(self.live))
        self.live_changed.emit(self.live)

    def _marks(self, live: LiveChecks) -> list[QTextEdit.ExtraSelection]:
        positions = self._positions()
        marks: list[QTextEdit.ExtraSelection] = []

        def mark(line: int, column: int, fmt: QTextCharFormat) -> None:
            if line < len(positions) and column < len(positions[line]):
                selection = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(positions[line][column])
                cursor.setPosition(positions[line][column] + 1, QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[attr-defined]
                selection.format = fmt  # type: ignore[attr-defined]
                marks.append(selection)

        for check in live.checks:
            if check.state is not CheckState.PENDING:
                mark(check.line, check.column, _digit_format(check.state))
        for line, column in live.invalid_characters:
            mark(line, column, _background("#ffcc80"))
        for line, length in enumerate(live.line_lengths):
            if line < len(live.lines):
                for column in range(length, len(live.lines[line])):
                    too_long = QTextCharFormat()
                    too_long.setFontStrikeOut(True)
                    too_long.setForeground(QColor("#a01010"))
                    mark(line, column, too_long)
        return marks

    def _positions(self) -> list[list[int]]:
        """Where each character of `live.lines` sits in the document: the lines are cleaned (blank lines
        and spaces dropped), so columns are counted over what is left, as `clean_mrz_text` does."""
        lines: list[list[int]] = []
        block = self.document().firstBlock()
        while block.isValid():
            kept = [block.position() + i for i, char in enumerate(block.text()) if not char.isspace()]
            if kept:
                lines.append(kept)
            block = block.next()
        return lines


def _background(colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    return fmt


def _digit_format(state: CheckState) -> QTextCharFormat:
    fmt = _background("#f4b4b4" if state is CheckState.BAD else "#c8e6c9")
    if state is CheckState.BAD:
        fmt.setForeground(QColor("#8b0000"))
        fmt.setFontWeight(700)
    return fmt


class LiveChecksRow(QWidget):
    """Under the MRZ box: the format guessed, the length of each line, and every check digit's state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveChecks")
        self.format_label = QLabel()
        self.format_label.setObjectName("liveFormat")
        self.lines_label = QLabel()
        self.lines_label.setObjectName("liveLines")
        self.check_labels: dict[str, QLabel] = {}
        self._checks = QHBoxLayout()
        self._checks.setSpacing(14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.format_label)
        layout.addWidget(self.lines_label)
        layout.addSpacing(18)
        layout.addLayout(self._checks)
        layout.addStretch()
        self.show_live(live_checks(""))

    def show_live(self, live: LiveChecks) -> None:
        if live.format is None:
            self.format_label.setText(
                self.tr("Type or read the lines: 2 × 44 (passport), 3 × 30 or 2 × 36 (ID card), 1 × 30 (EU licence)")
            )
            self.format_label.setStyleSheet("color: #5f5f5f")
        else:
            self.format_label.setText(format_name(live.format))
            self.format_label.setStyleSheet("font-weight: bold")
        self.lines_label.setText(_lines_text(live))
        self._show_checks(live)

    def _show_checks(self, live: LiveChecks) -> None:
        names = [check.field for check in live.checks]
        if names != list(self.check_labels):
            for label in self.check_labels.values():
                self._checks.removeWidget(label)
                label.deleteLater()
            self.check_labels = {}
            for name in names:
                label = QLabel()
                label.setObjectName(f"liveCheck_{name}")
                label.setTextFormat(Qt.TextFormat.PlainText)
                self._checks.addWidget(label)
                self.check_labels[name] = label
        for check in live.checks:
            label = self.check_labels[check.field]
            label.setText(f"{check_name(check.field)} {_MARKS[check.state]}")
            label.setToolTip(
                self.tr("Check digit of %1: %2").replace("%1", check_name(check.field)).replace("%2", state_name(check.state))
            )
            label.setAccessibleName(label.toolTip())
            weight = "bold" if check.state is CheckState.BAD else "normal"
            label.setStyleSheet(f"color: {_COLOURS[check.state]}; font-weight: {weight}")


def format_name(mrz_format: MrzFormat | str) -> str:
    """The format with the kind of document that uses it, as a clerk knows it."""
    return {
        "TD3": QCoreApplication.translate("mrz_entry", "Passport (TD3)"),
        "TD1": QCoreApplication.translate("mrz_entry", "ID or residence card (TD1)"),
        "TD2": QCoreApplication.translate("mrz_entry", "ID card (TD2)"),
        "MRVA": QCoreApplication.translate("mrz_entry", "Visa (MRV-A)"),
        "MRVB": QCoreApplication.translate("mrz_entry", "Visa (MRV-B)"),
        "DL1": QCoreApplication.translate("mrz_entry", "EU driving licence (DL1)"),
        "FRCNI": QCoreApplication.translate("mrz_entry", "French ID card, before 2021"),
        "DANISH_LICENCE": QCoreApplication.translate("mrz_entry", "Danish driving licence (typed)"),
    }.get(str(mrz_format), vocabulary.document_kind(str(mrz_format)))


def _lines_text(live: LiveChecks) -> str:
    if live.format is None:
        return ""
    parts = []
    for index, length in enumerate(live.line_lengths):
        typed = len(live.lines[index]) if index < len(live.lines) else 0
        mark = "✔" if typed == length else ("✘" if typed > length else "")
        parts.append(
            QCoreApplication.translate("mrz_entry", "line %1: %2 of %3")
            .replace("%1", str(index + 1))
            .replace("%2", str(typed))
            .replace("%3", str(length))
            + (f" {mark}" if mark else "")
        )
    extra = len(live.lines) - len(live.line_lengths)
    if extra > 0:
        parts.append(QCoreApplication.translate("mrz_entry", "%1 line(s) too many").replace("%1", str(extra)))
    return " · ".join(parts)
