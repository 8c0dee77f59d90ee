"""A reading waits to be checked until a check of it passes: refused once (a box left unticked, the printed
date not typed yet, a slip while comparing), it is checked again as what it was (the scan with its image
and why it was compared whole, the counter reader), never as lines typed by hand; a camera picture goes
only once the reading is done with. And nothing of one citizen's card is left for the next: the French
card's printed date is cleared with the visit. Each test failed before (found by a review, stop 31)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
from borgerservice_desk.scanning import mrz_reader
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, IdentityCheckImage
from tests.support.journey import french_card_for, passport_for
from tests.support.mrz import compose_td3
from tests.ui.helpers import wait_for_check
from tests.ui.test_identity_check_ways import _checks, _focus, _OtherDesk, _reader_sends, _serve
from ui.main_window import MainWindow

VALID = date(2031, 6, 30)


def _reader_gives(monkeypatch: pytest.MonkeyPatch, image: Path, result: mrz_reader.ScanResult) -> Path:
    """The reader hands back `result` for any file (no OCR here); `image` is written to be read."""
    monkeypatch.setattr(mrz_reader, "read_mrz", lambda path, **_kwargs: result)
    image.write_bytes(b"not read: the reader is given its reading")
    return image


def _doubtful(lines: tuple[str, ...], **kwargs: object) -> mrz_reader.ScanResult:
    doubt = Doubt(0, 6, lines[0][6], DoubtReason.CLOSE_SECOND, "name")
    return mrz_reader.ScanResult(lines, MrzFormat.TD3, (), "ocrb", confidence=0.9, doubtful=(doubt,), **kwargs)  # type: ignore[arg-type]


def _audit(services: Services) -> list[dict[str, object]]:
    with services.db.read() as session:
        query = select(AuditEntry).where(AuditEntry.action == "identity.check").order_by(AuditEntry.seq)
        return [dict(entry.detail) for entry in session.scalars(query)]


def _images(services: Services) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(IdentityCheckImage)) or 0


def _check_before_and_after_ticking(qtbot: QtBot, window: MainWindow, field: str) -> None:
    """Ctrl+Enter before ticking `field`'s box (refused), then tick it and check again."""
    identity = window.visit.identity
    qtbot.waitUntil(lambda: field in identity.doubt_panel.boxes, timeout=5000)
    box = identity.doubt_panel.boxes[field]
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and not identity.last_check.passed
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and identity.last_check.passed


@pytest.mark.parametrize("camera", [False, True], ids=["scan", "camera picture"])
def test_a_scan_checked_before_its_box_was_ticked_is_checked_again_as_the_scan(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    camera: bool,
) -> None:
    sqlite_services.settings.set_keep_document_images(sqlite_services.auth.sign_in("supervisor", "demo"), True)
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    lines = passport_for(citizen, expiry=VALID)
    picture = _reader_gives(monkeypatch, tmp_path / "bsd-camera-x.png", _doubtful(lines, unfamiliar_print=True))
    method = CheckMethod.CAMERA if camera else CheckMethod.SCAN
    window.visit.identity.load_image(picture, temporary=camera, method=method)
    _check_before_and_after_ticking(qtbot, window, "name")
    assert _checks(sqlite_services) == [(method, False), (method, True)]
    assert _images(sqlite_services) == 2  # both checks keep the picture they judged
    assert [entry.get("compared_whole") for entry in _audit(sqlite_services)] == ["unfamiliar_print"] * 2
    assert picture.exists() is not camera  # a camera picture goes once the reading has passed


def test_a_reader_line_checked_before_its_box_was_ticked_is_checked_again_as_the_readers(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    view = window.visit.mitid.methods_view
    _focus(qtbot, view)
    _reader_sends(qtbot, view, passport_for(citizen, expiry=date(2086, 5, 7)))  # an expiry to confirm
    _check_before_and_after_ticking(qtbot, window, "expiry_date")
    assert _checks(sqlite_services) == [(CheckMethod.READER, False), (CheckMethod.READER, True)]


def test_lines_the_service_cannot_take_leave_the_scan_waiting(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Comparing the lines, the clerk deletes a character by mistake and checks: refused, nothing saved.
    Put right, the lines are still the scan's, with why they were compared whole."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    lines = passport_for(citizen, expiry=VALID)
    reading = mrz_reader.ScanResult(lines, MrzFormat.TD3, (), "ocrb", confidence=0.9, budget_reached=True)
    identity = window.visit.identity
    identity.load_image(_reader_gives(monkeypatch, tmp_path / "scan.png", reading))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == "\n".join(lines))
    identity.mrz_edit.setPlainText(lines[0][:-1] + "\n" + lines[1])
    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not identity.saving)
    assert _checks(sqlite_services) == []
    identity.mrz_edit.setPlainText("\n".join(lines))
    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert _audit(sqlite_services)[-1]["compared_whole"] == "time_limit"


def test_a_scanned_french_card_waits_for_its_printed_date_and_is_checked_as_the_scan(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The card's MRZ holds no expiry: checked at once it could only be refused (and the scan recorded so)
    before the clerk could type the printed date. It waits, with the focus on the date."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    lines = french_card_for(citizen)
    reading = mrz_reader.ScanResult(lines, MrzFormat.FRCNI, (), "ocrb", confidence=0.9)
    box = window.visit.identity
    box.load_image(_reader_gives(monkeypatch, tmp_path / "card.png", reading))
    qtbot.waitUntil(lambda: box.mrz_edit.toPlainText() == "\n".join(lines))
    qtbot.waitUntil(box.printed_expiry_edit.hasFocus)
    assert "date printed on the card" in box.check_status.text() and _checks(sqlite_services) == []
    qtbot.keyClicks(box.printed_expiry_edit, "20.06.2028")
    qtbot.keyClick(box.printed_expiry_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, box)
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]


def test_the_printed_date_of_one_citizens_card_is_not_the_next_ones(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    first = _serve(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    box = panel.identity
    panel.mrz_edit.setPlainText("\n".join(french_card_for(first.citizen)))
    qtbot.keyClicks(box.printed_expiry_edit, "20.06.2028")
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, box)
    assert panel.last_check is not None and panel.last_check.passed
    panel.finish_button.click()
    qtbot.waitUntil(lambda: panel.visit is None)
    window.today.filter.clear()
    second = _serve(qtbot, window, sqlite_services, clerk_ctx)
    assert second.citizen.id != first.citizen.id
    panel.mrz_edit.setPlainText("\n".join(french_card_for(second.citizen)))
    assert box.printed_expiry_edit.isVisible() and box.printed_expiry_edit.text() == ""


def test_the_printed_date_cannot_be_changed_while_its_check_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    """The verdict shown must be for the date shown."""
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    box = window.visit.identity
    box.mrz_edit.setPlainText("\n".join(french_card_for(citizen)))
    qtbot.keyClicks(box.printed_expiry_edit, "20.06.2028")
    other = _OtherDesk(sqlite_services)
    other.start_writing()
    try:
        qtbot.keyClick(box.printed_expiry_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert box.saving and box.printed_expiry_edit.isReadOnly()
        box.printed_expiry_edit.selectAll()
        qtbot.keyClicks(box.printed_expiry_edit, "01.01.2020")
    finally:
        other.finish()
    wait_for_check(qtbot, box)
    assert box.printed_expiry_edit.text() == "20.06.2028" and not box.printed_expiry_edit.isReadOnly()


# --- another document's lines put over a reading (stop 32) ------------------------------------------------


def _someone_elses_passport() -> tuple[str, ...]:
    return compose_td3(
        document_code="P", issuing_country="SWE", surname="LINDQVIST", given_names="ASTRID MAJA",
        document_number="91827364", nationality="SWE", birth_date=date(1988, 4, 2), sex="F",
        expiry_date=date(2030, 1, 15),
    )  # fmt: skip


def _paste_over(qtbot: QtBot, window: MainWindow, lines: tuple[str, ...]) -> None:
    """Select everything in the MRZ box and paste `lines` over it, as a clerk pastes from another program."""
    edit = window.visit.identity.mrz_edit
    QApplication.clipboard().setText("\n".join(lines))
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText() == "\n".join(lines)


@pytest.mark.parametrize("camera", [False, True], ids=["scan", "camera picture"])
def test_another_documents_lines_pasted_over_a_waiting_scan_are_checked_as_typed(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    camera: bool,
) -> None:
    """The scan read the wrong document (someone else's passport lay on the glass), with a mark to confirm;
    the clerk pastes the citizen's own lines from the booking over it. Recorded as the scan, the check would
    keep the image of one document under the lines of another, and the recogniser's marks of characters it
    never read. Those lines are typed: no image, no marks, no "compared whole"; a camera picture goes."""
    sqlite_services.settings.set_keep_document_images(sqlite_services.auth.sign_in("supervisor", "demo"), True)
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    picture = _reader_gives(
        monkeypatch, tmp_path / "bsd-camera-y.png", _doubtful(_someone_elses_passport(), unfamiliar_print=True)
    )
    identity = window.visit.identity
    identity.load_image(picture, temporary=camera, method=CheckMethod.CAMERA if camera else CheckMethod.SCAN)
    qtbot.waitUntil(lambda: "name" in identity.doubt_panel.boxes, timeout=5000)
    own = passport_for(citizen, expiry=VALID)
    _paste_over(qtbot, window, own)
    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert _checks(sqlite_services) == [(CheckMethod.TYPED, True)]
    assert _images(sqlite_services) == 0
    entry = _audit(sqlite_services)[-1]
    assert "compared_whole" not in entry and not entry.get("doubtful")
    assert picture.exists() is not camera


def test_a_waiting_scan_corrected_by_the_clerk_is_still_the_scan(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader misread a letter of the surname and marked it; the clerk types the right one over it."""
    sqlite_services.settings.set_keep_document_images(sqlite_services.auth.sign_in("supervisor", "demo"), True)
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    own = passport_for(citizen, expiry=VALID)
    right = own[0][6]
    wrong = "Q" if right != "Q" else "O"
    misread = (own[0][:6] + wrong + own[0][7:], own[1])
    identity = window.visit.identity
    identity.load_image(_reader_gives(monkeypatch, tmp_path / "scan.png", _doubtful(misread, unfamiliar_print=True)))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == "\n".join(misread))
    edit = identity.mrz_edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(7, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, right)
    assert edit.toPlainText() == "\n".join(own)
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert _images(sqlite_services) == 1
    assert _audit(sqlite_services)[-1]["compared_whole"] == "unfamiliar_print"


def test_another_documents_lines_pasted_over_a_waiting_reader_line_are_checked_as_typed(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    citizen = _serve(qtbot, window, sqlite_services, clerk_ctx).citizen
    view = window.visit.mitid.methods_view
    _focus(qtbot, view)
    _reader_sends(qtbot, view, _someone_elses_passport())  # checked at once: refused, not the citizen's
    identity = window.visit.identity
    wait_for_check(qtbot, identity)
    _paste_over(qtbot, window, passport_for(citizen, expiry=VALID))
    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert _checks(sqlite_services) == [(CheckMethod.READER, False), (CheckMethod.TYPED, True)]
