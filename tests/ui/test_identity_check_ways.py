"""Every way a document gets into the identity check, driven through the real window.

Dropped files, cancelling a read, a counter reader typing wherever the focus is, live check-digit feedback
while the clerk types, the driving licence dialog, and a camera option that is absent without a camera.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Citizen, IdentityCheck, IdentityCheckImage
from tests.conftest import TODAY
from tests.support.journey import Candidate, appointment_with_active_app, passport_for
from tests.ui.helpers import after_timers_due_within, wait_for_check
from ui.main_window import MainWindow
from ui.visit_panel import VisitPanel
from ui.wedge_filter import _FLUSH_AFTER_MS

VALID = date(2031, 6, 30)


def _checks(services: Services) -> list[tuple[CheckMethod, bool]]:
    with services.db.read() as session:
        return [tuple(row) for row in session.execute(select(IdentityCheck.method, IdentityCheck.passed))]  # type: ignore[misc]


def _count(services: Services) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(IdentityCheck)) or 0


def _serve(qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext) -> Candidate:
    candidate = appointment_with_active_app(services, ctx, TODAY)
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    return candidate


def _drop(target: QWidget, urls: list[QUrl]) -> bool:
    """Drag `urls` onto `target` and drop them, as a file manager would; True when the drop was taken."""
    mime = QMimeData()
    mime.setUrls(urls)
    point = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def _press(widget: QWidget, text: str, code: int, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key QTest cannot type from text (CR, LF, control characters), sent as a reader's wedge sends it."""
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, code, modifiers, text))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, code, modifiers, text))


def _reader_sends(qtbot: QtBot, widget: QWidget, lines: tuple[str, ...]) -> None:
    """A counter reader types `lines` into `widget`, each ended by CR, as fast as QTest types."""
    for line in lines:
        qtbot.keyClicks(widget, line)
        _press(widget, "\r", Qt.Key.Key_Return)


def _focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


# --- dropping a file ----------------------------------------------------------------------------------


def test_a_dropped_file_that_cannot_be_read_is_explained_and_nothing_is_read(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    notes = tmp_path / "notes.txt"
    notes.write_text("not a scan")
    assert _drop(panel.mitid, [QUrl.fromLocalFile(str(notes))])  # anywhere on the tab
    assert "JPEG, PNG, TIFF, BMP or PDF" in panel.feedback.text()
    assert not panel.progress.isVisible()

    assert _drop(panel.identity, [QUrl("https://example.org/passport.png")])
    assert "on this computer" in panel.feedback.text()

    a, b = tmp_path / "a.png", tmp_path / "b.png"
    assert _drop(panel.mrz_edit.viewport(), [QUrl.fromLocalFile(str(a)), QUrl.fromLocalFile(str(b))])
    assert "one file at a time" in panel.feedback.text()
    assert panel.mrz_edit.toPlainText() == ""  # the path was not typed into the box as text

    # Dropped onto another tab of the window: the Serving tab comes up and says the same.
    panel.feedback.clear_message()
    window.tabs.setCurrentWidget(window.today)
    assert _drop(window, [QUrl.fromLocalFile(str(notes))])
    assert window.tabs.currentWidget() is panel
    assert "JPEG, PNG, TIFF, BMP or PDF" in panel.feedback.text()
    assert _count(sqlite_services) == 0


def test_a_corrupt_dropped_pdf_is_read_in_the_background_and_explained(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    broken = tmp_path / "SCAN.PDF"
    broken.write_bytes(b"%PDF-1.4\n" + b"\x00 not really a pdf " * 40)
    assert _drop(panel.identity, [QUrl.fromLocalFile(str(broken))])
    qtbot.waitUntil(lambda: panel.feedback.isVisible(), timeout=30_000)
    assert "could not be opened" in panel.feedback.text()
    assert panel.load_button.isEnabled() and not panel.progress.isVisible()
    assert _count(sqlite_services) == 0


@pytest.mark.ocr
def test_a_dropped_passport_scan_is_read_and_checked(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    from tests.support.passport_image import render_document_image

    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    image = render_document_image(passport_for(candidate.citizen, expiry=VALID), tmp_path / "scan.png")
    assert _drop(panel.identity, [QUrl.fromLocalFile(str(image))])
    assert panel.progress.isVisible() and panel.identity.cancel_button.isVisible()
    assert window.isEnabled() and panel.mrz_edit.isEnabled()  # never frozen while it reads
    qtbot.waitUntil(lambda: bool(panel.check_status.text()) or panel.feedback.isVisible(), timeout=90_000)
    assert panel.last_check is not None and panel.last_check.passed, panel.feedback.text()
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    with sqlite_services.db.read() as session:  # the centre has not asked for images to be kept
        assert session.scalar(select(func.count()).select_from(IdentityCheckImage)) == 0


@pytest.mark.ocr
def test_cancel_leaves_the_window_usable_at_once_and_drops_the_late_result(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    from tests.support.passport_image import render_document_image

    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    image = render_document_image(passport_for(candidate.citizen, expiry=VALID), tmp_path / "scan.png")
    panel.load_image(image)
    assert panel.progress.isVisible()
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Escape)
    assert not panel.progress.isVisible() and not panel.identity.cancel_button.isVisible()
    assert panel.load_button.isEnabled() and panel.check_button.isEnabled()
    assert "Reading stopped" in panel.feedback.text()
    # Whatever the worker still brings back is dropped: nothing is shown, nothing is checked.
    # The worker's result is handed back on the UI thread, where it is dropped; the runner going idle is
    # the sign that it has been (not a fixed wait).
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30_000)
    assert panel.mrz_edit.toPlainText() == "" and panel.last_check is None
    assert _count(sqlite_services) == 0


def test_a_camera_picture_is_deleted_once_read_even_when_it_cannot_be_read(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path
) -> None:
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    picture = tmp_path / "bsd-camera-test.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00 truncated" * 20)
    panel.identity.load_image(picture, temporary=True)
    qtbot.waitUntil(lambda: panel.feedback.isVisible(), timeout=30_000)
    assert "could not be opened" in panel.feedback.text()
    assert not picture.exists()  # a photo of an ID document does not linger on the desk PC


# --- a counter reader typing like a keyboard ----------------------------------------------------------


def test_a_reader_burst_into_the_mitid_list_is_taken_from_it_and_checked(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    view = panel.mitid.methods_view
    _focus(qtbot, view)
    before = view.currentIndex()
    first, second = passport_for(candidate.citizen, expiry=VALID)
    # QTest types far faster than any person; the lines end in CRLF (LF is Ctrl+J on a keyboard).
    qtbot.keyClicks(view, first)
    _press(view, "\r", Qt.Key.Key_Return)
    _press(view, "\n", Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view, second)
    _press(view, "\r", Qt.Key.Key_Return)
    _press(view, "\n", Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.last_check is not None, timeout=5000)
    assert panel.last_check is not None and panel.last_check.passed
    assert panel.mrz_edit.toPlainText() == f"{first}\n{second}"
    assert view.currentIndex() == before  # the list's type-ahead search never saw the letters
    assert _checks(sqlite_services) == [(CheckMethod.READER, True)]


def test_a_reader_burst_with_a_character_in_doubt_waits_for_the_clerk_and_is_checked_once_as_the_readers(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    # A reader's OCR misreads as a scan's does: a passport valid "until 2086" (2031 misread past its check
    # digit) is marked for the clerk to compare. Fails with the reader's lines checked at once: a refused
    # check was saved before the clerk could look, and the passing one after the tick was saved as typed.
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    identity = panel.identity
    view = panel.mitid.methods_view
    _focus(qtbot, view)
    first, second = passport_for(candidate.citizen, expiry=date(2086, 5, 7))
    _reader_sends(qtbot, view, (first, second))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == f"{first}\n{second}", timeout=5000)
    box = identity.doubt_panel.boxes["expiry_date"]
    assert box.hasFocus()  # where the clerk goes on from: Space ticks it
    assert identity.check_status.text().startswith("Compare the marked characters with the document")
    window.runner.wait_for_done()
    assert panel.last_check is None and _checks(sqlite_services) == []

    qtbot.keyClick(box, Qt.Key.Key_Space)  # compared with the passport: it does say 07-05-2086
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert panel.last_check is not None and panel.last_check.passed
    assert _checks(sqlite_services) == [(CheckMethod.READER, True)]


def test_a_reader_burst_with_framing_on_a_button_does_not_press_it(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    button = panel.finish_button
    _focus(qtbot, button)
    first, second = passport_for(candidate.citizen, expiry=VALID)

    _press(button, "\x02", Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # STX
    qtbot.keyClicks(button, first)
    _press(button, "\r", Qt.Key.Key_Return)  # Enter would press the focused button, and end the visit
    qtbot.keyClicks(button, second)
    _press(button, "\r", Qt.Key.Key_Return)
    _press(button, "\x03", Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # ETX
    qtbot.waitUntil(lambda: panel.last_check is not None, timeout=5000)
    assert panel.visit is not None  # still serving: the button was never pressed
    assert panel.last_check is not None and panel.last_check.passed
    assert _checks(sqlite_services) == [(CheckMethod.READER, True)]


def test_a_clerk_typing_is_no_burst_and_reaches_the_widget_in_order(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    _focus(qtbot, panel.mrz_edit)
    bursts: list[object] = []
    panel.reader_keys.burst.connect(bursts.append)
    qtbot.keyClicks(panel.mrz_edit, "P<DNKHANSEN<<", delay=45)  # a brisk typist, 45 ms a key
    after_timers_due_within(qtbot, _FLUSH_AFTER_MS)  # the reader watch has decided about every key
    assert bursts == []
    assert panel.mrz_edit.toPlainText() == "P<DNKHANSEN<<"
    assert panel.last_check is None and not panel.feedback.isVisible()

    # Keys held back from another widget in case they start a burst are handed back to it.
    combo = panel.mitid_actions.receipt_language
    _focus(qtbot, combo)
    start = combo.currentIndex()
    qtbot.keyClicks(combo, "E")
    qtbot.waitUntil(lambda: combo.currentText().startswith("E") or combo.currentIndex() != start, timeout=2000)
    assert _count(sqlite_services) == 0

    # A shortcut sent as a control character (Ctrl+E types 0x05, as a reader's framing would) is held
    # like a key that may start a burst; none follows, so it is handed back and still finishes the visit.
    _focus(qtbot, panel.mitid.methods_view)
    _press(panel.mitid.methods_view, "\x05", Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert panel.visit is not None
    qtbot.waitUntil(lambda: panel.visit is None, timeout=2000)


# --- typed with live feedback -------------------------------------------------------------------------


def _live(panel: VisitPanel) -> dict[str, str]:
    return {name: label.text() for name, label in panel.identity.live.check_labels.items()}


def test_each_check_digit_shows_pending_right_or_wrong_as_the_clerk_types(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    first, second = passport_for(candidate.citizen, expiry=VALID)
    wrong_birth_digit = str((int(second[19]) + 1) % 10)
    typed = second[:19] + wrong_birth_digit + second[20:25]
    _focus(qtbot, panel.mrz_edit)
    panel.reader_keys.active = False  # typed at test speed, which would otherwise look like a reader
    qtbot.keyClicks(panel.mrz_edit, first)
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.mrz_edit, typed)

    live = _live(panel)
    assert panel.identity.live.checks_title.text() == "Check digits:"
    assert live["document_number"] == "Number ✔"
    assert live["birth_date"] == "Birth ✘"
    assert live["expiry_date"] == "Expiry date …" and live["composite"] == "Composite …"
    assert panel.identity.live.format_label.text() == "Passport (TD3)"
    assert "line 1: 44 of 44 ✔" in panel.identity.live.lines_label.text()
    assert "line 2: 25 of 44" in panel.identity.live.lines_label.text()
    # The wrong digit is marked in the box itself.
    marked = [s for s in panel.mrz_edit.extraSelections() if s.cursor.selectedText() == wrong_birth_digit]
    assert any(s.format.background().color().name() == "#f4b4b4" for s in marked)

    for _ in range(6):
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.mrz_edit, second[19:])
    live = _live(panel)
    assert set(live.values()) == {"Number ✔", "Birth ✔", "Expiry date ✔", "Personal no. ✔", "Composite ✔"}
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    assert panel.last_check is not None and panel.last_check.passed
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]



@pytest.mark.parametrize(
    ("compose", "code", "shown_format", "accepted"),
    [
        ("compose_td1", "ID", "ID or residence card (TD1)", True),
        ("compose_td2", "ID", "ID card (TD2)", True),
        ("compose_td1", "IR", "ID or residence card (TD1)", True),
        ("compose_mrva", "V", "Visa (MRV-A)", False),
        ("compose_mrvb", "V", "Visa (MRV-B)", False),
    ],
)
def test_every_document_format_is_named_and_judged(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    compose: str,
    code: str,
    shown_format: str,
    accepted: bool,
) -> None:
    from tests.support import mrz

    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    lines = getattr(mrz, compose)(
        document_code=code, issuing_country="DNK", surname=citizen.surname, given_names=citizen.given_names,
        document_number="AB1234567", nationality="DNK", birth_date=cpr.birth_date, sex=cpr.sex.value,
        expiry_date=VALID,
    )
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(lines))
    assert panel.identity.live.format_label.text() == shown_format
    assert all(label.text().endswith("✔") for label in panel.identity.live.check_labels.values())
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert shown["Format"] == shown_format
    assert panel.last_check is not None and panel.last_check.passed is accepted
    if not accepted:
        assert panel.check_status.text() == "✘ Rejected: not photo ID"
        assert "✘ Visa is not accepted as photo ID" in panel.identity.finding_lines()


def test_a_french_card_of_the_old_layout_asks_for_its_printed_expiry_and_then_passes(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    """Its MRZ has no expiry: without the date printed on the card the check cannot pass, with it it can."""
    from tests.support.journey import french_card_for

    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    lines = french_card_for(candidate.citizen)
    panel = window.visit
    box = panel.identity
    assert not box.printed_expiry_edit.isVisibleTo(box)

    panel.mrz_edit.setPlainText("\n".join(lines))
    assert box.live.format_label.text() == "French ID card, before 2021"
    assert box.printed_expiry_edit.isVisibleTo(box)
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, box)
    assert panel.last_check is not None and not panel.last_check.passed
    assert panel.check_status.text() == "✘ Rejected: printed expiry date needed"

    qtbot.keyClicks(box.printed_expiry_edit, "20.06.2028")
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, box)
    assert panel.last_check is not None and panel.last_check.passed
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert (shown["Format"], shown["Expiry date"]) == ("French ID card, before 2021", "20-06-2028")
    assert _checks(sqlite_services)[-2:] == [(CheckMethod.TYPED, False), (CheckMethod.TYPED, True)]


def test_a_name_that_differs_shows_where() -> None:
    from borgerservice_desk.domain.identity_check import name_finding
    from ui.findings import MARK_STYLE, describe_finding, finding_html

    finding = name_finding("given_names", False, expected="Anne Marie", read="ANNEKMARIE")
    text = describe_finding(finding)
    assert text == "Given names differ: document says 'ANNEKMARIE', the citizen is 'Anne Marie'"
    rich = finding_html(finding)
    assert "[" not in rich and "→" not in rich
    # The filler read as K is marked on the document's side, the filler itself on the citizen's.
    assert f'ANNE<span style="{MARK_STYLE}">K</span>MARIE' in rich
    assert f'ANNE<span style="{MARK_STYLE}">&lt;</span>MARIE' in rich


def test_a_name_let_pass_though_shorter_on_the_document_says_what_is_missing() -> None:
    # A passport may leave out trailing middle names; the check passes, but the clerk sees which.
    from borgerservice_desk.domain.identity_check import name_finding
    from ui.findings import MARK_STYLE, describe_finding, finding_html

    finding = name_finding("given_names", True, expected="Anne Marie Louise", read="ANNE")

    assert describe_finding(finding) == "Given names match, shortened on the document: 'MARIE LOUISE' is not on it"
    assert finding_html(finding) == (
        f'Given names match, shortened on the document: ANNE<span style="{MARK_STYLE}">&lt;MARIE&lt;LOUISE</span>'
    )
    assert describe_finding(name_finding("given_names", True, expected="Anne", read="ANNE")) == "Given names match"


def test_a_rejection_reads_as_one_headline_then_a_line_per_finding_in_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    from tests.support import mrz
    from tests.ui.helpers import open_main_window
    from ui.findings import MARK_STYLE

    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    candidate = _serve(qtbot, window, sqlite_services, ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    # Expired, another birth date, and another surname: three reasons, one headline.
    born = cpr.birth_date
    other_day = born.replace(day=2 if born.day != 2 else 3)
    lines = mrz.compose_td3(
        document_code="P", issuing_country="DNK", surname="Ericsson", given_names=citizen.given_names,
        document_number="AB1234567", nationality="DNK", birth_date=other_day,
        sex=cpr.sex.value, expiry_date=date(2026, 1, 2),
    )
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(lines))
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    assert panel.last_check is not None and not panel.last_check.passed
    assert panel.check_status.text() == "✘ Afvist: udløbet, fødselsdato og navn passer ikke"
    assert "font-size" not in panel.check_status.styleSheet()  # the normal size, not a large red block
    shown = panel.identity.finding_lines()
    assert shown[0].startswith("✘ Udløbet")
    # The row under the box says what its marks are about: the check digits, not whether it has expired.
    live = panel.identity.live
    assert live.checks_title.isVisible() and live.checks_title.text() == "Kontrolcifre:"
    assert live.check_labels["expiry_date"].text() == "Udløbsdato ✔"
    assert "✔ Kontrolciffer for udløbsdato er korrekt" in shown
    assert sum(line.startswith("✘") for line in shown) == 3 and shown[3].startswith("✔")
    rich = panel.identity.findings.text()
    assert "[" not in rich and "→" not in rich
    assert rich.count("<br>") == len(shown) - 1  # one line per finding
    assert f'<span style="{MARK_STYLE}">' in rich  # the differing letters are marked
    assert "ERICSSON" in rich.replace(f'<span style="{MARK_STYLE}">', "").replace("</span>", "")
    window.runner.wait_for_done()


# --- driving licence ----------------------------------------------------------------------------------


def _open_licence(qtbot: QtBot, window: MainWindow) -> QWidget:
    panel = window.visit
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "licenceDialog") is not None)
    dialog = window.findChild(QWidget, "licenceDialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _closed(dialog: QWidget) -> bool:
    """The dialog is closed (and, after its deleteLater, maybe gone)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _type_into(qtbot: QtBot, dialog: QWidget, name: str, text: str) -> None:
    edit = dialog.findChild(QLineEdit, name)
    assert edit is not None
    edit.setFocus()
    edit.clear()
    qtbot.keyClicks(edit, text)


def _type_licence(qtbot: QtBot, dialog: QWidget, citizen: Citizen, number: str) -> None:
    """The clerk types the printed fields: `number`, the citizen's names and birth date, an expiry."""
    assert citizen.cpr is not None
    _type_into(qtbot, dialog, "licenceNumber", number)
    _type_into(qtbot, dialog, "licenceSurname", citizen.surname)
    _type_into(qtbot, dialog, "licenceGivenNames", citizen.given_names)
    _type_into(qtbot, dialog, "licenceBirthDate", Cpr(citizen.cpr).birth_date.strftime("%d.%m.%Y"))
    _type_into(qtbot, dialog, "licenceExpiryDate", "01.02.2035")


def _last_check_entry(services: Services) -> dict[str, object]:
    """The detail of the latest identity check's audit entry."""
    from borgerservice_desk.storage.models import AuditEntry

    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "identity.check").order_by(AuditEntry.seq.desc())
        ).first()
        assert entry is not None
        return dict(entry.detail)


def test_a_danish_driving_licence_typed_off_the_card_passes(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    born = Cpr(citizen.cpr).birth_date
    dialog = _open_licence(qtbot, window)
    _type_into(qtbot, dialog, "licenceNumber", "1234 5678")
    _type_into(qtbot, dialog, "licenceSurname", citizen.surname)
    _type_into(qtbot, dialog, "licenceGivenNames", citizen.given_names)
    _type_into(qtbot, dialog, "licenceBirthDate", born.strftime("%d.%m.%Y"))
    _type_into(qtbot, dialog, "licenceExpiryDate", "01.02.2035")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))  # once the check is saved, in the background
    panel = window.visit
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert shown["Document"] == "Driving licence"
    assert shown["Format"] == "Danish driving licence (typed)"
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]


def test_a_licence_with_mistakes_says_where_and_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    dialog = _open_licence(qtbot, window)
    _type_into(qtbot, dialog, "licenceNumber", "12AB")
    _type_into(qtbot, dialog, "licenceSurname", candidate.citizen.surname)
    _type_into(qtbot, dialog, "licenceBirthDate", "31.02.1990")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceBirthDate"), Qt.Key.Key_Return)
    assert dialog.isVisible()
    errors = {name: dialog.findChild(QLabel, f"error_{name}") for name in ("birth_date", "expiry_date", "number")}
    assert "Not a date" in errors["birth_date"].text() and errors["birth_date"].isVisible()
    assert "Type this field" in errors["expiry_date"].text()

    _type_into(qtbot, dialog, "licenceBirthDate", "02.03.1990")
    _type_into(qtbot, dialog, "licenceExpiryDate", "01.02.2035")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    # The number is judged by the service, in the background: the dialog waits for it and stays open.
    qtbot.waitUntil(lambda: not dialog.saving)  # type: ignore[attr-defined]
    assert dialog.isVisible()
    assert "8 digits" in errors["number"].text() and errors["number"].isVisible()
    assert not errors["birth_date"].isVisible()
    assert dialog.findChild(QLineEdit, "licenceNumber").text() == "12AB"  # nothing lost
    assert dialog.focusWidget() is dialog.findChild(QLineEdit, "licenceNumber")  # where to correct it
    assert _count(sqlite_services) == 0
    dialog.close()


def test_a_name_too_long_for_the_record_is_said_next_to_its_field(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    """The service refuses a name longer than the record holds; the dialog says so beside that name and puts
    the focus there (it said it in the line at the bottom, beside no field)."""
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    dialog = _open_licence(qtbot, window)
    _type_licence(qtbot, dialog, candidate.citizen, "12345678")
    given = dialog.findChild(QLineEdit, "licenceGivenNames")
    given.setText("Anna " * 30)  # 150 characters, pasted from somewhere
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.saving)  # type: ignore[attr-defined]
    error = dialog.findChild(QLabel, "error_given_names")
    assert error.isVisible() and error.text(), dialog.feedback.text()  # type: ignore[attr-defined]
    assert dialog.focusWidget() is given and given.text() == "Anna " * 30  # nothing lost
    assert _count(sqlite_services) == 0
    dialog.close()


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("01.12.1990", date(1990, 12, 1)),
        ("1.12.1990", date(1990, 12, 1)),
        ("01-12-1990", date(1990, 12, 1)),
        ("01121990", date(1990, 12, 1)),
        ("1121990", None),  # 11.02.1990 or 01.12.1990: neither is guessed
        ("111990", None),
        ("31.02.1990", None),
    ],
)
def test_a_licence_date_is_read_only_where_it_can_be_read_one_way(typed: str, day: date | None) -> None:
    from ui.licence_dialog import parse_day

    assert parse_day(typed) == day


def test_an_eu_licence_line_from_the_reader_opens_the_licence_dialog_filled_in(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    from tests.support.mrz import compose_dl1

    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", optional_data="55")
    panel = window.visit
    view = panel.mitid.methods_view
    _focus(qtbot, view)
    _reader_sends(qtbot, view, (line,))
    qtbot.waitUntil(lambda: window.findChild(QWidget, "licenceDialog") is not None)
    dialog = window.findChild(QWidget, "licenceDialog")
    assert dialog.findChild(QLineEdit, "licenceMrzLine").text() == line
    assert dialog.country.currentData() == "DEU"  # type: ignore[attr-defined]
    assert _count(sqlite_services) == 0  # a line alone names no one: nothing is judged yet
    _type_licence(qtbot, dialog, citizen, "B072RRE2I5")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))  # once the check is saved, in the background
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert shown["Format"] == "EU driving licence (DL1)" and shown["Issuing country"] == "DEU"
    findings = panel.identity.finding_lines()
    assert any("Check digit of the licence line is right" in f for f in findings)


def _scan_licence(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    image: Path,
    *,
    doubt_columns: tuple[int, ...] = (),
    budget_reached: bool = False,
    temporary: bool = False,
    method: CheckMethod = CheckMethod.SCAN,
) -> str:
    """A German EU licence's line read off `image` (the reader is given its reading, with the characters at
    `doubt_columns` marked and `budget_reached`), shown in the box: the line."""
    from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
    from borgerservice_desk.domain.mrz.rules import field_at
    from borgerservice_desk.scanning import mrz_reader
    from tests.support.mrz import compose_dl1

    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", optional_data="55")
    doubts = tuple(
        Doubt(0, column, line[column], DoubtReason.CHECK_BLIND, field_at(MrzFormat.DL1, 0, column))
        for column in doubt_columns
    )
    reading = mrz_reader.ScanResult(
        (line,), MrzFormat.DL1, (), "ocrb", confidence=0.9, budget_reached=budget_reached, doubtful=doubts
    )
    monkeypatch.setattr(mrz_reader, "read_mrz", lambda path, **_kwargs: reading)
    image.write_bytes(b"not read: the reader is given its reading")
    window.visit.identity.load_image(image, temporary=temporary, method=method)
    qtbot.waitUntil(lambda: window.visit.mrz_edit.toPlainText() == line)
    return line


def test_a_licence_line_scanned_at_the_time_limit_is_compared_then_checked_in_the_dialog_with_why_recorded(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A DL1 line read from a photo when the reader reached its time limit: the window waits for the clerk
    to compare it, Ctrl+Enter opens the licence dialog with the line, and the check made there says in the
    record that the reading was compared whole and why, as a passport's does. Fails with the reason dropped
    on the way into the dialog."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    # One character of the number in doubt: the dialog has the number typed off the card, so its box is no
    # one's to tick there, and a passed licence check must not fold it away as if it had been ticked.
    line = _scan_licence(qtbot, window, monkeypatch, tmp_path / "licence.png", doubt_columns=(6,), budget_reached=True)
    panel = window.visit
    assert panel.check_status.text().startswith("The reading stopped at its time limit")
    assert window.findChild(QWidget, "licenceDialog") is None  # not before the clerk has compared it
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "licenceDialog") is not None)
    dialog = window.findChild(QWidget, "licenceDialog")
    assert dialog.findChild(QLineEdit, "licenceMrzLine").text() == line
    _type_licence(qtbot, dialog, citizen, "B072RRE2I5")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    doubts = panel.identity.doubt_panel
    assert len(doubts.boxes) == 1 and not doubts.all_ticked() and not doubts.settled
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert _last_check_entry(sqlite_services)["compared_whole"] == "time_limit"
    window.runner.wait_for_done()


@pytest.mark.parametrize("ticked", [False, True])
def test_a_licence_country_scanned_with_doubt_is_chosen_off_the_card_unless_its_box_was_ticked(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ticked: bool,
) -> None:
    """The dialog compares the line's country with the one chosen in it. Filled in from a line whose country
    the scan doubted (and the clerk did not confirm in its box), a misread country would be compared with
    itself and pass: then no country is chosen, the focus is on the country, and Check says to choose it.
    With the box ticked the clerk has compared it with the card, and it is filled in as from a reader."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    _scan_licence(qtbot, window, monkeypatch, tmp_path / "licence.png", doubt_columns=(2,))
    panel = window.visit
    boxes = panel.identity.doubt_panel
    assert list(boxes.boxes) == ["issuing_country"]
    if ticked:
        boxes.boxes["issuing_country"].setChecked(True)
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "licenceDialog") is not None)
    dialog = window.findChild(QWidget, "licenceDialog")
    country = dialog.country  # type: ignore[attr-defined]
    if ticked:
        assert country.currentData() == "DEU"
    else:
        assert country.currentIndex() == -1
        qtbot.waitUntil(lambda: dialog.focusWidget() is country)
        assert "country" in dialog.hint.text()  # type: ignore[attr-defined]
    _type_licence(qtbot, dialog, citizen, "B072RRE2I5")
    if not ticked:
        qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
        error = dialog.findChild(QLabel, "error_country")
        assert error.isVisibleTo(dialog) and "Choose the country" in error.text()
        assert dialog.focusWidget() is country and _count(sqlite_services) == 0  # nothing saved, nothing lost
        assert dialog.findChild(QLineEdit, "licenceSurname").text() == citizen.surname
        country.setCurrentIndex(country.findData("DEU"))  # as printed on the card
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    # Who let the doubtful country through, and whether it was ticked, is in the record.
    detail = _last_check_entry(sqlite_services)
    assert detail["doubtful"] == [[0, 2, "check_blind", "issuing_country"]]
    assert detail["confirmed_fields"] == (["issuing_country"] if ticked else [])
    window.runner.wait_for_done()


def _licence_dialogs(window: MainWindow) -> list[QWidget]:
    return [dialog for dialog in window.findChildren(QWidget, "licenceDialog") if dialog.isVisible()]


def test_a_scanned_licence_line_stays_the_scans_when_the_clerk_closes_the_dialog_and_checks_again(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A camera picture of a licence read at the time limit: the clerk closes the licence dialog (Esc) to look
    at the card again, then checks again. The check is still the camera's, with why it was compared whole,
    and the picture is deleted only once that check is saved. (Before, the scan was forgotten when the dialog
    closed: the second check was recorded as typed, without its reason, and the picture was gone.)"""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    picture = tmp_path / "camera.png"
    _scan_licence(
        qtbot, window, monkeypatch, picture, budget_reached=True, temporary=True, method=CheckMethod.CAMERA
    )
    panel = window.visit
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_licence_dialogs(window)) == 1)
    first = _licence_dialogs(window)[0]
    qtbot.keyClick(first, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _closed(first))
    assert picture.exists() and _count(sqlite_services) == 0
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_licence_dialogs(window)) == 1)
    dialog = _licence_dialogs(window)[0]
    _type_licence(qtbot, dialog, citizen, "B072RRE2I5")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert _checks(sqlite_services) == [(CheckMethod.CAMERA, True)]
    assert _last_check_entry(sqlite_services)["compared_whole"] == "time_limit"
    assert not picture.exists()  # the check that could keep it is saved: the picture goes
    window.runner.wait_for_done()


def test_the_licence_dialog_cannot_be_opened_while_an_image_is_read(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reading of a licence opens the licence dialog when it ends: one opened meanwhile with Ctrl+D
    would be a second, and the clerk could fill in both and record two checks."""
    from borgerservice_desk.domain.mrz import MrzFormat
    from borgerservice_desk.scanning import mrz_reader
    from tests.support.mrz import compose_dl1

    _serve(qtbot, window, sqlite_services, clerk_ctx)
    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", optional_data="55")
    reading = mrz_reader.ScanResult((line,), MrzFormat.DL1, (), "ocrb", confidence=0.95)
    go = threading.Event()

    def slow_read(path: Path, **_kwargs: object) -> mrz_reader.ScanResult:
        go.wait(10)
        return reading

    monkeypatch.setattr(mrz_reader, "read_mrz", slow_read)
    image = tmp_path / "licence.png"
    image.write_bytes(b"not read: the reader is given its reading")
    panel = window.visit
    panel.identity.load_image(image)
    try:
        assert panel.identity.scanning and not panel.identity.licence_button.isEnabled()
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
        after_timers_due_within(qtbot, _FLUSH_AFTER_MS)
        assert _licence_dialogs(window) == []
    finally:
        go.set()
    qtbot.waitUntil(lambda: len(_licence_dialogs(window)) == 1)
    assert _licence_dialogs(window)[0].mrz_line.text() == line  # type: ignore[attr-defined]
    assert panel.identity.licence_button.isEnabled()
    _licence_dialogs(window)[0].reject()
    window.runner.wait_for_done()


def test_a_reader_line_read_into_the_licence_dialog_makes_the_check_the_readers(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The dialog opened with a scanned line; the clerk reads the card with the counter reader into it. The
    line checked is the reader's: the check says so, and keeps neither the scan's image nor its marks."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    line = _scan_licence(qtbot, window, monkeypatch, tmp_path / "licence.png", doubt_columns=(7,))
    panel = window.visit
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_licence_dialogs(window)) == 1)
    dialog = _licence_dialogs(window)[0]
    number = dialog.findChild(QLineEdit, "licenceNumber")
    _focus(qtbot, number)
    _reader_sends(qtbot, number, (line,))
    after_timers_due_within(qtbot, _FLUSH_AFTER_MS)  # the reader watch has decided about every key
    assert number.text() == "" and dialog.findChild(QLineEdit, "licenceMrzLine").text() == line
    _type_licence(qtbot, dialog, citizen, "B072RRE2I5")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert _checks(sqlite_services) == [(CheckMethod.READER, True)]
    assert "doubtful" not in _last_check_entry(sqlite_services)
    window.runner.wait_for_done()


# --- camera -------------------------------------------------------------------------------------------


def test_without_a_camera_the_camera_is_not_offered(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Whatever this machine has: an empty device folder, and Qt Multimedia left out (elsewhere than Linux
    # it is what would be asked).
    from tests.ui.helpers import open_main_window
    from ui import camera_dialog

    devices = tmp_path / "dev"
    devices.mkdir()
    monkeypatch.setattr(camera_dialog, "DEVICE_DIR", devices)
    monkeypatch.setattr(camera_dialog, "_multimedia", lambda: None)
    assert not camera_dialog.cameras_present()
    window = open_main_window(qtbot, sqlite_services, clerk_ctx)
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    assert panel.identity.camera_button.isHidden()
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    # Ctrl+K opens the dialog within the key press when a camera is offered: no wait is needed to see
    # that none opened (the reader watch hands a held Ctrl+K on once its timer runs out).
    after_timers_due_within(qtbot, _FLUSH_AFTER_MS)
    assert window.findChild(QWidget, "cameraDialog") is None
    window.runner.wait_for_done()


def test_a_camera_plugged_in_while_the_desk_runs_is_offered_and_gone_when_pulled_out(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No camera here to plug in: the device folder is a temporary one, and whether Qt Multimedia would see
    # the camera is faked (it would open a device that is not there); Qt Multimedia itself is left out, as
    # its FFmpeg back end warns about hardware this machine lacks.
    from ui import camera_dialog

    devices = tmp_path / "dev"
    devices.mkdir()
    monkeypatch.setattr(camera_dialog, "DEVICE_DIR", devices)
    monkeypatch.setattr(camera_dialog, "cameras_present", lambda: any(devices.glob("video*")))
    monkeypatch.setattr(camera_dialog, "_multimedia", lambda: None)
    import ui.identity_check_box as box_module

    monkeypatch.setattr(box_module, "cameras_present", camera_dialog.cameras_present)
    from tests.ui.helpers import open_main_window

    window = open_main_window(qtbot, sqlite_services, clerk_ctx)
    _serve(qtbot, window, sqlite_services, clerk_ctx)
    identity = window.visit.identity
    assert identity.camera_button.isHidden()

    (devices / "video0").touch()  # what udev does when the clerk plugs the camera in
    qtbot.waitUntil(lambda: not identity.camera_button.isHidden(), timeout=5000)

    (devices / "video0").unlink()
    qtbot.waitUntil(identity.camera_button.isHidden, timeout=5000)
    window.runner.wait_for_done()



# --- saving the check in the background -------------------------------------------------------------


class _OtherDesk:
    """Another desk writing to the same database: it holds SQLite's write lock until it is done, so a save
    from this desk waits for it, as it does at a busy centre."""

    def __init__(self, services: Services) -> None:
        self._connection = sqlite3.connect(str(services.db.engine.url.database), isolation_level=None)

    def start_writing(self) -> None:
        self._connection.execute("BEGIN IMMEDIATE")

    def finish(self) -> None:
        self._connection.execute("ROLLBACK")
        self._connection.close()


def test_a_check_saves_in_the_background_once_however_often_it_is_asked_for(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))
    panel.mrz_edit.setPlainText(lines)
    _focus(qtbot, panel.mrz_edit)
    other = _OtherDesk(sqlite_services)
    other.start_writing()
    try:
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        # The window stays usable and says it is saving; nothing can send the check a second time.
        assert panel.identity.saving and window.isEnabled()
        assert panel.progress.isVisible() and panel.progress.format() == "Saving the check…"
        assert not panel.identity.cancel_button.isVisible()  # a save is all or nothing: no half to cancel
        assert not panel.check_button.isEnabled() and not panel.load_button.isEnabled()
        assert not panel.identity.licence_button.isEnabled()
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(panel.mrz_edit, "X")  # the lines being saved are the lines that stay shown
        assert panel.mrz_edit.toPlainText() == lines
        # Still waiting for the other desk's lock: nothing can be saved while it holds it; that only one
        # check was sent is shown by the single check found once it lets go.
        assert panel.identity.saving and panel.last_check is None and _count(sqlite_services) == 0
    finally:
        other.finish()
    wait_for_check(qtbot, panel.identity)
    assert panel.last_check is not None and panel.last_check.passed
    assert "passed" in panel.check_status.text()
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]  # one check, not three
    assert not panel.progress.isVisible() and panel.check_button.isEnabled()
    assert not panel.mrz_edit.isReadOnly() and panel.mrz_edit.hasFocus()  # the clerk goes on from the box


def test_the_visit_is_finished_only_once_its_check_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    # Finishing while the check saves would race it: the visit closed first, the save refused for a visit
    # no longer open, and its error shown to nobody. So the clerk is asked to wait the moment it takes.
    first = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(passport_for(first.citizen, expiry=VALID)))
    other = _OtherDesk(sqlite_services)
    other.start_writing()
    try:
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert panel.identity.saving
        qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert panel.visit is not None and panel.visit.citizen_id == first.citizen.id
        assert panel.feedback.isVisible() and "still being saved" in panel.feedback.text()
    finally:
        other.finish()
    wait_for_check(qtbot, panel.identity)
    assert panel.last_check is not None and panel.last_check.passed
    panel.finish_button.click()
    qtbot.waitUntil(lambda: panel.visit is None)  # finished off the UI thread
    window.today.filter.clear()
    second = _serve(qtbot, window, sqlite_services, clerk_ctx)
    assert panel.visit is not None and panel.visit.citizen_id == second.citizen.id
    assert panel.last_check is None and panel.check_status.text() == "" and panel.fields.rowCount() == 0
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]  # saved, for the first visit


def test_a_save_that_fails_says_why_and_leaves_the_box_usable(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    visit = panel.visit
    assert visit is not None
    sqlite_services.appointments.finish_visit(clerk_ctx, visit.visit_id)  # ended from elsewhere meanwhile
    panel.mrz_edit.setPlainText("\n".join(passport_for(candidate.citizen, expiry=VALID)))
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    assert panel.feedback.isVisible() and panel.feedback.property("kind") == "error", panel.feedback.text()
    assert panel.last_check is None and panel.check_button.isEnabled() and not panel.mrz_edit.isReadOnly()
    assert _count(sqlite_services) == 0


def test_the_licence_dialog_saves_once_and_stays_open_until_the_check_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    dialog = _open_licence(qtbot, window)
    _type_into(qtbot, dialog, "licenceNumber", "1234 5678")
    _type_into(qtbot, dialog, "licenceSurname", citizen.surname)
    _type_into(qtbot, dialog, "licenceGivenNames", citizen.given_names)
    _type_into(qtbot, dialog, "licenceBirthDate", Cpr(citizen.cpr).birth_date.strftime("%d.%m.%Y"))
    _type_into(qtbot, dialog, "licenceExpiryDate", "01.02.2035")
    expiry = dialog.findChild(QLineEdit, "licenceExpiryDate")
    other = _OtherDesk(sqlite_services)
    other.start_writing()
    try:
        qtbot.keyClick(expiry, Qt.Key.Key_Return)
        assert dialog.saving  # type: ignore[attr-defined]
        assert "Saving the check" in dialog.feedback.text() and dialog.feedback.isVisible()  # type: ignore[attr-defined]
        assert not dialog.check_button.isEnabled()  # type: ignore[attr-defined]
        assert expiry.isReadOnly() and dialog.focusWidget() is expiry  # the focus stays where it was
        qtbot.keyClick(expiry, Qt.Key.Key_Return)  # Enter again
        qtbot.keyClick(expiry, Qt.Key.Key_Escape)  # and Esc: the outcome must still reach the clerk
        after_timers_due_within(qtbot, _FLUSH_AFTER_MS)  # keys held back by the reader watch are handed on
        assert dialog.isVisible() and dialog.saving  # type: ignore[attr-defined]
        assert _count(sqlite_services) == 0
    finally:
        other.finish()
    qtbot.waitUntil(lambda: _closed(dialog))
    panel = window.visit
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]


def test_a_licence_scan_too_large_to_keep_is_checked_and_the_clerk_is_told_it_was_not_kept(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from borgerservice_desk.domain.mrz import MrzFormat
    from borgerservice_desk.scanning import mrz_reader
    from borgerservice_desk.services.identity import MAX_IMAGE_BYTES
    from tests.support.mrz import compose_dl1

    sqlite_services.settings.set_keep_document_images(sqlite_services.auth.sign_in("supervisor", "demo"), True)
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    huge = tmp_path / "licence scan.tif"
    with huge.open("wb") as file:
        file.truncate(MAX_IMAGE_BYTES + 3 * 2**20)  # sparse: 28 MB without writing them
    (line,) = compose_dl1(issuing_country="DNK", licence_number="12345678")
    panel = window.visit
    # The reading itself is tested with OCR above: here the reader is given its reading, with nothing marked.
    reading = mrz_reader.ScanResult((line,), MrzFormat.DL1, (), "ocrb", confidence=0.95)
    monkeypatch.setattr(mrz_reader, "read_mrz", lambda path, **_kwargs: reading)
    panel.identity.load_image(huge)
    qtbot.waitUntil(lambda: window.findChild(QWidget, "licenceDialog") is not None)
    dialog = window.findChild(QWidget, "licenceDialog")
    qtbot.waitUntil(dialog.isVisible)
    _type_licence(qtbot, dialog, citizen, "12345678")
    qtbot.keyClick(dialog.findChild(QLineEdit, "licenceExpiryDate"), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _closed(dialog))
    assert panel.last_check is not None and panel.last_check.passed, panel.check_status.text()
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert panel.feedback.isVisible() and panel.feedback.property("kind") == "info"
    size = QLocale().toString(28.0, "f", 1)  # "28.0", or "28,0" where the desk's locale is Danish
    assert panel.feedback.text() == (
        f"The check is saved, but the document image was not kept: the file is {size} MB and at most 25 MB "
        "can be kept. Scan at a lower resolution if the image must be kept."
    )
    with sqlite_services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(IdentityCheckImage)) == 0


@pytest.mark.ocr
def test_a_camera_picture_is_checked_as_a_camera_check_kept_and_then_deleted(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.support.passport_image import render_document_image

    sqlite_services.settings.set_keep_document_images(sqlite_services.auth.sign_in("supervisor", "demo"), True)
    candidate = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    # What the camera dialog hands on: the QImage it took (ui/camera_dialog.py).
    from PySide6.QtGui import QImage

    drawn = render_document_image(passport_for(candidate.citizen, expiry=VALID), tmp_path / "page.png")
    photo = QImage(str(drawn))
    assert not photo.isNull()
    created: list[Path] = []
    original_mkstemp = tempfile.mkstemp

    def spy_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        handle, name = original_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
        created.append(Path(name))
        return handle, name

    monkeypatch.setattr(tempfile, "mkstemp", spy_mkstemp)
    panel.identity.take_photo(photo)
    assert panel.progress.format() == "Reading the photo…"
    qtbot.waitUntil(lambda: panel.last_check is not None or panel.feedback.isVisible(), timeout=90_000)
    assert panel.last_check is not None and panel.last_check.passed, panel.feedback.text()
    assert _checks(sqlite_services) == [(CheckMethod.CAMERA, True)]
    shown = {panel.fields.item(i, 0).text(): panel.fields.item(i, 1).text() for i in range(panel.fields.rowCount())}
    assert shown["Checked from"] == "Photo from the camera"
    # The picture was written as a PNG, kept, and lived until the check that keeps it was saved.
    with sqlite_services.db.read() as session:
        (kept,) = session.scalars(select(IdentityCheckImage.content)).all()
    again = QImage.fromData(kept, "PNG")
    assert (again.width(), again.height()) == (photo.width(), photo.height())
    assert [path.name.startswith("bsd-camera-") for path in created] == [True]
    assert not created[0].exists()


# --- keeping images: the supervisor's setting -------------------------------------------------------


def test_a_supervisor_turns_on_keeping_document_images(qtbot: QtBot, sqlite_services: Services) -> None:
    from PySide6.QtWidgets import QCheckBox, QPushButton

    from tests.ui.helpers import open_main_window
    from ui.settings_dialog import SettingsDialog

    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window = open_main_window(qtbot, sqlite_services, supervisor)
    assert not sqlite_services.settings.keep_document_images()
    window.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.loaded)  # the current settings are read off the UI thread
    keep = dialog.findChild(QCheckBox, "keepDocumentImages")
    assert keep is not None and not keep.isChecked()
    keep.setFocus()
    qtbot.keyClick(keep, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.findChild(QPushButton, "saveSettings"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.calls.busy)  # saved off the UI thread
    assert sqlite_services.settings.keep_document_images()
    dialog.close()
    window.runner.wait_for_done()


def test_the_new_ways_in_speak_danish(qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext) -> None:
    from borgerservice_desk.errors import InvalidInput
    from borgerservice_desk.services.identity import ImageNotKept
    from ui import vocabulary
    from ui.app import install_translators
    from ui.messages import describe_error, describe_image_not_kept

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app, "da")
    try:
        main = MainWindow(sqlite_services, clerk_ctx, "da")
        qtbot.addWidget(main)
        assert main.visit.identity.licence_button.text() == "Kø&rekort… (Ctrl+D)"
        assert main.visit.identity.cancel_button.text() == "Annullér (Esc)"
        assert describe_error(InvalidInput("scan.pdf_without_image")).startswith("PDF'en indeholder intet")
        notice = describe_image_not_kept(ImageNotKept("too_large", 31.5, 25))
        assert notice.startswith("Kontrollen er gemt, men billedet af dokumentet blev ikke gemt"), notice
        assert "31,5 MB" in notice  # the clerk's decimal comma
        assert vocabulary.check_method(CheckMethod.CAMERA) == "Foto fra kameraet"
        assert main.visit.identity.tr("Saving the check…") == "Gemmer kontrollen…"
        from borgerservice_desk.domain.identity_check import name_finding
        from ui.findings import describe_finding

        assert describe_finding(name_finding("given_names", True, expected="Anne Marie", read="ANNE")) == (
            "Fornavne passer, forkortet på dokumentet: 'MARIE' står ikke på det"
        )
        from borgerservice_desk.domain.identity_check import MRZ_RULE, Finding

        no_date = Finding(MRZ_RULE, False, (("rule", "date_impossible"), ("field", "expiry_date"), ("read", "860480")))
        assert describe_finding(no_date) == "Udløbsdato '860480' er ikke en gyldig dato: ret linjerne"
        from ui.findings import headline

        unreadable = Finding("expiry_unreadable", False)
        assert headline([no_date, unreadable]) == "Afvist: ugyldig dato, udløbsdato ulæselig"
        qtbot.waitUntil(lambda: main.today.model.rowCount() > 0)
        main.runner.wait_for_done()
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_camera_pictures_left_behind_are_deleted_but_not_one_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A desk that crashed or closed mid-read leaves its photo of an ID document in the temporary folder;
    # the next start deletes it. One a minute old may be another desk's, being read right now.
    import os

    from ui.camera_dialog import PICTURE_PREFIX, remove_left_pictures

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = tmp_path / f"{PICTURE_PREFIX}old.png"
    fresh = tmp_path / f"{PICTURE_PREFIX}fresh.png"
    other = tmp_path / "holiday.png"
    for path in (old, fresh, other):
        path.write_bytes(b"picture")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    os.utime(other, (an_hour_ago, an_hour_ago))

    assert remove_left_pictures(older_than_seconds=600) == 1

    assert not old.exists() and fresh.exists() and other.exists()
    assert remove_left_pictures(older_than_seconds=0) == 1  # at quit: every one of ours
    assert not fresh.exists() and other.exists()
