"""The MRZ text box with live feedback: each check digit pending, right or wrong while the clerk types.

`live_checks` (borgerservice_desk/domain/mrz.py) judges the text on every change; the row under the box
names each check digit with a mark (… pending, ✔ right, ✘ wrong) and the length each line must reach,
and the box itself marks a wrong check digit in red, a right one in green, characters an MRZ cannot
hold in orange and characters past the end of a line struck through. Nothing here needs the mouse.

A character in doubt (`domain.mrz.rules`: a stray letter in a name's filler, an unusual document code,
a character the scanner was unsure of) has a yellow background, one the rules forbid a red one; the
`DoubtPanel` under the box asks the clerk to confirm each field holding one against the document.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from borgerservice_desk.domain.mrz import (
    FAR_AHEAD_YEARS,
    CheckState,
    Doubt,
    DoubtReason,
    LiveChecks,
    MrzFormat,
    current_doubts,
    live_checks,
)
from ui import vocabulary

_MARKS = {CheckState.PENDING: "…", CheckState.OK: "✔", CheckState.BAD: "✘"}
_COLOURS = {CheckState.PENDING: "#5f5f5f", CheckState.OK: "#0b5d1e", CheckState.BAD: "#a01010"}


def check_name(field: str) -> str:
    """The short name of a check digit in the live row."""
    return {
        "document_number": QCoreApplication.translate("mrz_entry", "Number"),
        "birth_date": QCoreApplication.translate("mrz_entry", "Birth"),
        "expiry_date": QCoreApplication.translate("mrz_entry", "Expiry date"),
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

    live_changed = Signal(LiveChecks)  # the check digits' states, after every change of the text

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mrzEdit")
        # The day the marks are judged on (an expiry further ahead than documents are issued for is in
        # doubt): the service's, so that the box marks what the check will ask to be confirmed.
        self._today = today
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.live: LiveChecks = live_checks("")
        # The scanner's marks of characters it was unsure of, for the lines it read (see `set_unsure`), and
        # what is in doubt in the text as it is now (the rules' doubts and those marks still standing).
        self._unsure: tuple[Doubt, ...] = ()
        self.doubts: tuple[Doubt, ...] = ()
        self.textChanged.connect(self._on_text_changed)

    @property
    def unsure(self) -> tuple[Doubt, ...]:
        return self._unsure

    def set_unsure(self, unsure: tuple[Doubt, ...]) -> None:
        """The scanner's doubtful characters of the lines about to be shown (or none: typed lines)."""
        self._unsure = unsure
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        self.live = live_checks(self.toPlainText())
        live = self.live
        complete = live.complete and live.format is not None and not live.invalid_characters
        self.doubts = (
            current_doubts(live.format, live.lines, self._unsure, today=self._today())
            if complete and live.format
            else ()
        )
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
                selection.cursor = cursor
                selection.format = fmt
                marks.append(selection)

        for check in live.checks:
            if check.state is not CheckState.PENDING:
                mark(check.line, check.column, _digit_format(check.state))
        for line, column in live.invalid_characters:
            mark(line, column, _background("#ffcc80"))
        for doubt in self.doubts:
            mark(doubt.line, doubt.column, _doubt_format(doubt))
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


# A character in doubt: yellow to confirm, red where the rules forbid it; underlined as well, so it shows
# without colour vision too.
DOUBT_COLOUR = "#ffd54f"
FORBIDDEN_COLOUR = "#f4b4b4"


def _doubt_format(doubt: Doubt) -> QTextCharFormat:
    fmt = _background(FORBIDDEN_COLOUR if doubt.blocking else DOUBT_COLOUR)
    fmt.setFontUnderline(True)
    fmt.setFontWeight(700)
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
        # The row says it is about check digits: "Expiry ✔" alone read as "not expired" next to a verdict
        # "Rejected: expired". Whether the document has expired is a finding of the check, said there.
        self.checks_title = QLabel(self.tr("Check digits:"))
        self.checks_title.setObjectName("liveChecksTitle")
        self.check_labels: dict[str, QLabel] = {}
        self._checks = QHBoxLayout()
        self._checks.setSpacing(14)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.format_label)
        layout.addWidget(self.lines_label)
        layout.addSpacing(18)
        layout.addWidget(self.checks_title)
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
        self.checks_title.setVisible(bool(live.checks))
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


def field_label(field: str) -> str:
    """A field of the MRZ, as the clerk calls it."""
    t = QCoreApplication.translate
    return {
        "document_code": t("mrz_entry", "Document code"),
        "issuing_country": t("mrz_entry", "Issuing country"),
        "name": t("mrz_entry", "Name"),
        "document_number": t("mrz_entry", "Document number"),
        "nationality": t("mrz_entry", "Nationality"),
        "sex": t("mrz_entry", "Sex"),
        "optional_data": t("mrz_entry", "Optional data"),
        "configuration": t("mrz_entry", "Licence configuration"),
        "version": t("mrz_entry", "Licence version"),
        # The scanner also doubts characters a check digit covers (scanning/doubts.py), and the French card
        # names its fields apart.
        "surname": t("mrz_entry", "Surname"),
        "given_names": t("mrz_entry", "Given names"),
        "office": t("mrz_entry", "Office of issue"),
        "birth_date": t("mrz_entry", "Date of birth"),
        "expiry_date": t("mrz_entry", "Expiry date"),
    }.get(field) or (t("mrz_entry", "Check digit") if field.endswith("_check") else field)


# The most confirmation boxes in view at once; more scroll, and a box the focus comes to (Tab, Shift+Tab, or
# from code) is scrolled into view. A French card read at the time limit has seven fields in doubt: one row
# each pushed the window to 869 px high, the MitID actions below the edge of a 1280x800 counter screen
# (stop 29, tests/ui/test_serving_layout.py).
BOXES_IN_VIEW = 3


class DoubtPanel(QWidget):
    """Under the MRZ box, while characters are in doubt: one check box per field holding any, which the
    clerk ticks after comparing those characters with the document. The identity check passes only once
    every field is ticked (`confirmed_fields`), and the ticks are saved with the check. At most
    BOXES_IN_VIEW boxes are in view; the rest scroll into view as the focus comes to them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doubtPanel")
        self._asking = self.tr(
            "Characters marked in yellow were read with doubt: compare them with the document and "
            "confirm them (Space), or correct the lines."
        )
        self._settled = self.tr("The characters marked in yellow were compared with the document and confirmed.")
        self.heading = QLabel(self._asking)
        self.heading.setObjectName("doubtHeading")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold")
        self.boxes: dict[str, QCheckBox] = {}
        rows = QWidget()
        self._layout = QVBoxLayout(rows)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)  # the boxes go above it, at the top of the scrolled area
        self.box_scroll = QScrollArea()
        self.box_scroll.setObjectName("doubtBoxes")
        self.box_scroll.setWidgetResizable(True)
        self.box_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # No horizontal bar: it would cover the boxes in the fixed height. The area is as wide as its widest
        # box instead, as the boxes alone made the panel before they scrolled (`_fit_scroll`).
        self.box_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.box_scroll.setWidget(rows)
        panel = QVBoxLayout(self)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.heading)
        panel.addWidget(self.box_scroll)
        self.setVisible(False)

    def show_doubts(self, doubts: tuple[Doubt, ...]) -> None:
        """Offer a box per field holding a doubt the clerk can confirm; a field still in doubt keeps its tick
        only while its doubtful characters stay the same."""
        to_confirm = [doubt for doubt in doubts if not doubt.blocking]
        by_field: dict[str, list[Doubt]] = {}
        for doubt in to_confirm:
            by_field.setdefault(doubt.field, []).append(doubt)
        texts = {field: self._box_text(field, marks) for field, marks in by_field.items()}
        for field in list(self.boxes):
            if field not in texts or self.boxes[field].text() != texts[field]:
                box = self.boxes.pop(field)
                self._layout.removeWidget(box)
                box.deleteLater()
                self.settle(False)
        for field, text in texts.items():
            if field not in self.boxes:
                self.settle(False)  # a box to tick: never folded away unseen
                box = QCheckBox(text)
                box.setObjectName(f"confirm_{field}")
                box.installEventFilter(self)  # scrolled into view whenever it gets the focus
                self._layout.insertWidget(self._layout.count() - 1, box)
                self.boxes[field] = box
        self._fit_scroll()
        self.setVisible(bool(self.boxes))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QScrollArea scrolls to a child only when Tab moves the focus through it; Shift+Tab back from the
        # window's next part, or a box focused from code, would stay out of view and Space tick it unseen.
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QCheckBox):
            self.box_scroll.ensureWidgetVisible(watched, 0, 0)
        return super().eventFilter(watched, event)

    def all_ticked(self) -> bool:
        return all(box.isChecked() for box in self.boxes.values())

    def settle(self, settled: bool) -> None:
        """Fold the ticked boxes into one line once a check has passed with them (they are saved with it), and
        unfold them when it no longer stands: the room goes to the check's details and the MitID part."""
        self.box_scroll.setVisible(not settled)
        self.heading.setText(self._settled if settled else self._asking)
        self.heading.setStyleSheet("" if settled else "font-weight: bold")

    @property
    def settled(self) -> bool:
        return self.box_scroll.isHidden()

    def _fit_scroll(self) -> None:
        """Make the scrolled area exactly as high as its first BOXES_IN_VIEW boxes (all, when fewer)."""
        shown = list(self.boxes.values())[:BOXES_IN_VIEW]
        height = sum(box.sizeHint().height() for box in shown) + self._layout.spacing() * max(len(shown) - 1, 0)
        if len(self.boxes) > len(shown):
            # A sliver of the next box shows there is more than the scroll bar alone says.
            height += self._layout.spacing() + shown[-1].sizeHint().height() // 3
        self.box_scroll.setFixedHeight(height)
        widest = max((box.sizeHint().width() for box in self.boxes.values()), default=0)
        self.box_scroll.setMinimumWidth(widest + self.box_scroll.verticalScrollBar().sizeHint().width())

    def _box_text(self, field: str, marks: list[Doubt]) -> str:
        # Side by side marks are named as one run ("'80BLR138B' (line 2, characters 1-9)"): a whole
        # number in doubt would otherwise run far past the window's edge, a character at a time.
        runs: list[list[Doubt]] = []
        for mark in sorted(marks, key=lambda doubt: (doubt.line, doubt.column)):
            if runs and (runs[-1][-1].line, runs[-1][-1].column + 1) == (mark.line, mark.column):
                runs[-1].append(mark)
            else:
                runs.append([mark])
        where = ", ".join(
            (
                self.tr("'%1' (line %2, character %3)")
                if len(run) == 1
                else self.tr("'%1' (line %2, characters %3-%4)").replace("%4", str(run[-1].column + 1))
            )
            .replace("%1", "".join(mark.character for mark in run))
            .replace("%2", str(run[0].line + 1))
            .replace("%3", str(run[0].column + 1))
            for run in runs
        )
        text = self.tr("%1: %2 is as on the document").replace("%1", field_label(field)).replace("%2", where)
        why = {
            "expiry_far_ahead": self.tr(
                "more than %1 years ahead: longer than documents are usually valid"
            ).replace("%1", str(FAR_AHEAD_YEARS)),
            "country_unknown": self.tr("not a known country code"),
            "stray_letter": self.tr("a letter among the fillers"),
            "number_letter_unused": self.tr("the issuer uses no such letter in its document numbers"),
            "document_code_unusual": self.tr("an unusual document code"),
            "check_blind": self.tr("the check digit cannot tell it from a look-alike"),
            "look_alike": self.tr("it looks like another character, and no check digit covers it"),
            "check_by_chance": self.tr("the check digit may pass by chance"),
            "second_reader": self.tr("a second reading gave another character that fits as well"),
        }.get(str(self._reason(marks)))
        return f"{text} ({why})" if why else text

    @staticmethod
    def _reason(marks: list[Doubt]) -> str:
        """The one reason a field's box gives: where its check digit may pass by chance, that is why all of
        the field is marked, true of every mark in it (a look-alike the digit cannot tell apart included). An
        expiry too far ahead is all of its field too, and its reason says more than "by chance": what the
        clerk is to compare is the date itself."""
        for reason in (DoubtReason.EXPIRY_FAR_AHEAD, DoubtReason.CHECK_BY_CHANCE):
            if any(mark.reason is reason for mark in marks):
                return str(reason)
        return str(marks[0].reason)

    def confirmed_fields(self) -> tuple[str, ...]:
        return tuple(field for field, box in self.boxes.items() if box.isChecked())

    def first_box(self) -> QCheckBox | None:
        return next(iter(self.boxes.values()), None)
