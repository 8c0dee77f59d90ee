"""Characters read with doubt, confirmed by the clerk against the document before the check can pass.

The reader is given a reading with one doubtful letter of the surname (what `scanning.doubts` marks where
the recogniser was unsure and no check digit vouches for the character); everything after it is the real
window, database and audit trail, driven by keys and clicks.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
from borgerservice_desk.scanning import mrz_reader
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, IdentityCheck
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app, passport_for
from tests.ui.helpers import open_main_window, wait_for_check
from ui.main_window import MainWindow
from ui.mrz_entry import DOUBT_COLOUR, DoubtPanel

VALID = date(2031, 6, 30)


def _serve(
    qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext, expiry: date = VALID
) -> tuple[str, str]:
    candidate = appointment_with_active_app(services, ctx, TODAY)
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    return passport_for(candidate.citizen, expiry=expiry)


def _reader_gives(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, result: mrz_reader.ScanResult) -> Path:
    """An image file whose reading is `result`: the reader is given its reading."""

    def read(path: Path, **_kwargs: object) -> mrz_reader.ScanResult:
        return result

    monkeypatch.setattr(mrz_reader, "read_mrz", read)
    image = tmp_path / "scan.png"
    image.write_bytes(b"not read: the reader is given its reading")
    return image


def _read_with_a_doubt(monkeypatch: pytest.MonkeyPatch, lines: tuple[str, str], tmp_path: Path) -> Path:
    doubt = Doubt(0, 6, lines[0][6], DoubtReason.CLOSE_SECOND, "name")  # the surname's second letter
    reading = mrz_reader.ScanResult(lines, MrzFormat.TD3, (), "ocrb", confidence=0.9, doubtful=(doubt,))
    return _reader_gives(monkeypatch, tmp_path, reading)


def _checks(services: Services) -> list[tuple[CheckMethod, bool]]:
    with services.db.read() as session:
        return [(row.method, row.passed) for row in session.scalars(select(IdentityCheck).order_by(IdentityCheck.id))]


def _audit(services: Services) -> list[dict[str, object]]:
    with services.db.read() as session:
        query = select(AuditEntry).where(AuditEntry.action == "identity.check").order_by(AuditEntry.seq)
        return [dict(entry.detail) for entry in session.scalars(query)]


def test_a_doubtful_character_is_marked_and_the_check_passes_only_once_the_clerk_confirms_it(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = _serve(qtbot, window, sqlite_services, clerk_ctx)
    identity = window.visit.identity
    identity.load_image(_read_with_a_doubt(monkeypatch, lines, tmp_path))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == "\n".join(lines))

    # Not checked yet: the letter is marked, the clerk is asked, and the focus waits on the box to tick.
    assert _checks(sqlite_services) == []
    assert identity.check_status.text().startswith("Compare the marked characters with the document")
    marked = [
        (selection.cursor.selectionStart(), selection.format.background().color())  # type: ignore[attr-defined]
        for selection in identity.mrz_edit.extraSelections()
    ]
    assert (6, QColor(DOUBT_COLOUR)) in marked
    assert identity.doubt_panel.isVisible()
    box = identity.doubt_panel.findChild(QCheckBox, "confirm_name")
    assert isinstance(box, QCheckBox) and box.hasFocus() and not box.isChecked()
    assert f"'{lines[0][6]}' (line 1, character 7)" in box.text()

    # Checked without confirming: refused, and saved as refused.
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and not identity.last_check.passed
    assert [f.code for f in identity.last_check.outcome.failures] == ["characters_unconfirmed"]
    assert "characters not confirmed" in identity.check_status.text()
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, False)]

    # The clerk compares the letter with the passport, ticks the box (Space) and checks (a click).
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    qtbot.mouseClick(identity.check_button, Qt.MouseButton.LeftButton)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and identity.last_check.passed
    assert _checks(sqlite_services)[-1][1] is True

    # Both checks say what was in doubt; only the second that the clerk vouched for it.
    first, second = _audit(sqlite_services)
    assert first["doubtful"] == second["doubtful"] == [[0, 6, "close_second", "name"]]
    assert (first["confirmed_fields"], second["confirmed_fields"]) == ([], ["name"])
    assert "compared_whole" not in first and "compared_whole" not in second  # only the marks were to compare


def test_a_doubtful_character_the_clerk_retypes_is_settled(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lines = _serve(qtbot, window, sqlite_services, clerk_ctx)
    identity = window.visit.identity
    identity.load_image(_read_with_a_doubt(monkeypatch, lines, tmp_path))
    qtbot.waitUntil(identity.doubt_panel.isVisible)
    # The clerk reads the document and types a different letter in its place: the doubt is settled (and
    # the name, now wrong, is for the name rule to judge).
    cursor = identity.mrz_edit.textCursor()
    cursor.setPosition(6)
    cursor.setPosition(7, cursor.MoveMode.KeepAnchor)
    identity.mrz_edit.setTextCursor(cursor)
    identity.mrz_edit.setFocus()
    qtbot.keyClicks(identity.mrz_edit, "Q" if lines[0][6] != "Q" else "W")
    assert identity.mrz_edit.doubts == ()
    assert not identity.doubt_panel.isVisible()


def test_the_confirmation_speaks_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    lines = _serve(qtbot, window, sqlite_services, ctx)
    identity = window.visit.identity
    identity.load_image(_read_with_a_doubt(monkeypatch, lines, tmp_path))
    qtbot.waitUntil(identity.doubt_panel.isVisible)
    box = identity.doubt_panel.findChild(QCheckBox, "confirm_name")
    assert isinstance(box, QCheckBox)
    assert box.text().startswith("Navn: ") and "står som på dokumentet" in box.text()
    assert identity.doubt_panel.heading.text().startswith("Tegn markeret med gult")
    assert identity.check_status.text().startswith("Sammenlign de markerede tegn")
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert "tegn ikke bekræftet" in identity.check_status.text()
    assert any("IKKE bekræftet mod dokumentet: Navn" in line for line in identity.finding_lines())
    window.runner.wait_for_done()


def test_an_expiry_decades_ahead_waits_for_the_clerk_to_compare_it_in_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    # A passport "valid until 2086": a 2031 read past its check digit as 2086 (3 as 8 and 1 as 6 cancel;
    # tests/unit/test_mrz_rules.py), here typed as a counter reader would type its misread. Every check
    # digit passes and nothing in the register knows the expiry. Fails without the day reaching the box
    # (MrzEdit judging without it): no box to tick, and the check refused for a doubt no one can confirm.
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    lines = _serve(qtbot, window, sqlite_services, ctx, expiry=date(2086, 5, 7))
    identity = window.visit.identity
    identity.mrz_edit.setPlainText("\n".join(lines))

    assert all(label.text().endswith("✔") for label in identity.live.check_labels.values())
    marked = {
        selection.cursor.selectionStart() - 45  # type: ignore[attr-defined]
        for selection in identity.mrz_edit.extraSelections()
        if selection.format.background().color() == QColor(DOUBT_COLOUR)  # type: ignore[attr-defined]
    }
    assert marked == set(range(21, 27))  # line 2's expiry date, all of it
    box = identity.doubt_panel.findChild(QCheckBox, "confirm_expiry_date")
    assert isinstance(box, QCheckBox) and not box.isChecked()
    assert box.text() == (
        "Udløbsdato: '860507' (linje 2, tegn 22-27) står som på dokumentet "
        "(mere end 11 år ude i fremtiden: længere end dokumenter normalt er gyldige)"
    )

    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and not identity.last_check.passed
    assert "tegn ikke bekræftet" in identity.check_status.text()

    # The clerk reads 07-05-2086 on the passport (a 30-year card is real too), ticks the box and checks.
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and identity.last_check.passed
    first, second = _audit(sqlite_services)
    assert first["doubtful"] == [[1, column, "expiry_far_ahead", "expiry_date"] for column in range(21, 27)]
    assert (first["confirmed_fields"], second["confirmed_fields"]) == ([], ["expiry_date"])
    window.runner.wait_for_done()


def test_a_reading_cut_short_by_the_time_budget_waits_for_the_clerk_to_compare_it(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No character was marked, but the reader stopped at its time limit: its best reading so far may hold a
    misread that passes every check digit, so the window does not check it by itself."""
    lines = _serve(qtbot, window, sqlite_services, clerk_ctx)
    identity = window.visit.identity
    reading = mrz_reader.ScanResult(lines, MrzFormat.TD3, (), "ocrb", confidence=0.9, budget_reached=True)
    identity.load_image(_reader_gives(monkeypatch, tmp_path, reading))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == "\n".join(lines))
    assert identity.check_status.text().startswith("The reading stopped at its time limit")
    assert _checks(sqlite_services) == [] and identity.mrz_edit.hasFocus()
    # The clerk has compared the lines: Ctrl+Enter checks them as the scan they came from.
    qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert identity.last_check is not None and identity.last_check.passed
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert _audit(sqlite_services)[-1]["compared_whole"] == "time_limit"  # who let it through is traceable


@pytest.mark.parametrize("marked", [False, True])
def test_a_reading_in_unfamiliar_print_waits_for_the_clerk_to_compare_it_whole_in_danish(
    qtbot: QtBot,
    sqlite_services: Services,
    danish: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    marked: bool,
) -> None:
    """So many characters were unsure that the reader flagged the print as unfamiliar (`doubts.
    unfamiliar_print`): its sure-looking characters are not to be trusted either, so the window does not
    check the reading by itself, and asks for every line to be compared, also where some characters are
    marked (the marks are not all there is to look at). Fails with the window checking such a reading at
    once, or with only the marked characters asked for."""
    ctx = sqlite_services.auth.sign_in("clerk", "demo")
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    lines = _serve(qtbot, window, sqlite_services, ctx)
    identity = window.visit.identity
    doubts = (Doubt(0, 6, lines[0][6], DoubtReason.CLOSE_SECOND, "name"),) if marked else ()
    reading = mrz_reader.ScanResult(
        lines, MrzFormat.TD3, (), "ocrb", confidence=0.8, unfamiliar_print=True, doubtful=doubts
    )
    identity.load_image(_reader_gives(monkeypatch, tmp_path, reading))
    qtbot.waitUntil(lambda: identity.mrz_edit.toPlainText() == "\n".join(lines))
    todo = (
        "sammenlign alle linjerne med dokumentet, bekræft de markerede tegn, og kontrollér (Ctrl+Enter)"
        if marked
        else "sammenlign linjerne med dokumentet, ret dem om nødvendigt, og kontrollér (Ctrl+Enter)"
    )
    assert identity.check_status.text() == "Læseren er usikker på skriften i MRZ-feltet: " + todo
    assert _checks(sqlite_services) == []
    if marked:
        box = identity.doubt_panel.findChild(QCheckBox, "confirm_name")
        assert isinstance(box, QCheckBox) and box.hasFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    else:
        assert identity.mrz_edit.hasFocus()
        qtbot.keyClick(identity.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, identity)
    assert _checks(sqlite_services) == [(CheckMethod.SCAN, True)]
    assert _audit(sqlite_services)[-1]["compared_whole"] == "unfamiliar_print"
    window.runner.wait_for_done()


def test_a_doubt_under_a_check_digit_says_in_danish_why_the_digit_does_not_vouch(qtbot: QtBot, danish: None) -> None:
    # scanning.doubts marks covered characters too: the clerk is told the field, and why a passing check
    # digit is no reason to skip it. Fails with the field names or the reasons left untranslated.
    panel = DoubtPanel()
    qtbot.addWidget(panel)
    panel.show_doubts(
        (
            Doubt(1, 2, "8", DoubtReason.CHECK_BLIND, "document_number"),
            Doubt(1, 13, "4", DoubtReason.CHECK_BY_CHANCE, "birth_date"),
            Doubt(1, 19, "5", DoubtReason.CHECK_BY_CHANCE, "birth_date_check"),
            Doubt(1, 30, "0", DoubtReason.LOOK_ALIKE, "optional_data"),
        )
    )
    texts = {field: box.text() for field, box in panel.boxes.items()}
    assert texts == {
        "optional_data": "Valgfrie data: '0' (linje 2, tegn 31) står som på dokumentet "
        "(det ligner et andet tegn, og intet kontrolciffer dækker det)",
        "document_number": "Dokumentnummer: '8' (linje 2, tegn 3) står som på dokumentet "
        "(kontrolcifferet kan ikke skelne det fra et tegn, der ligner)",
        "birth_date": "Fødselsdato: '4' (linje 2, tegn 14) står som på dokumentet "
        "(kontrolcifferet kan passe ved et tilfælde)",
        "birth_date_check": "Kontrolciffer: '5' (linje 2, tegn 20) står som på dokumentet "
        "(kontrolcifferet kan passe ved et tilfælde)",
    }


@pytest.mark.parametrize(
    ("doubt", "text"),
    [
        # scanning.doubts.second_reader_doubts: both readings pass every check, so the clerk is told why a
        # passing reading still asks for a look.
        (
            Doubt(1, 29, "8", DoubtReason.SECOND_READER, "optional_data"),
            "Valgfrie data: '8' (linje 2, tegn 30) står som på dokumentet "
            "(en anden læsning gav et andet tegn, der også passer)",
        ),
        # domain.mrz.rules: a German or Dutch number read with an O, which those issuers never print.
        (
            Doubt(1, 2, "O", DoubtReason.NUMBER_LETTER_UNUSED, "document_number"),
            "Dokumentnummer: 'O' (linje 2, tegn 3) står som på dokumentet "
            "(udstederen bruger ikke det bogstav i sine dokumentnumre)",
        ),
    ],
)
def test_a_reason_a_passing_reading_is_still_doubted_is_said_in_danish(
    qtbot: QtBot, danish: None, doubt: Doubt, text: str
) -> None:
    # Fails with the reason left untranslated, or not named at all.
    panel = DoubtPanel()
    qtbot.addWidget(panel)
    panel.show_doubts((doubt,))

    assert {field: box.text() for field, box in panel.boxes.items()} == {doubt.field: text}


def test_a_whole_field_in_doubt_is_named_as_one_run_of_characters(qtbot: QtBot, danish: None) -> None:
    # Where the check digit vouches for none of a number (scanning.doubts marks all of it), ten characters
    # one at a time would run past the window's edge: side by side marks are named as one run.
    panel = DoubtPanel()
    qtbot.addWidget(panel)
    number = "80BLR138B"
    panel.show_doubts(
        (
            # The first of the run marked for a look-alike, the rest because the digit may pass by chance:
            # the box gives the reason that holds for all of it.
            Doubt(1, 0, "8", DoubtReason.CHECK_BLIND, "document_number"),
            *(Doubt(1, column, char, DoubtReason.CHECK_BY_CHANCE, "document_number")
              for column, char in enumerate(number) if column),
            Doubt(1, 9, "2", DoubtReason.CHECK_BY_CHANCE, "document_number_check"),
            Doubt(1, 13, "4", DoubtReason.CHECK_BLIND, "birth_date"),
            Doubt(1, 15, "0", DoubtReason.CHECK_BLIND, "birth_date"),
        )
    )
    texts = {field: box.text() for field, box in panel.boxes.items()}
    assert texts["document_number"] == (
        "Dokumentnummer: '80BLR138B' (linje 2, tegn 1-9) står som på dokumentet (kontrolcifferet kan passe ved et tilfælde)"
    )
    assert texts["document_number_check"].startswith("Kontrolciffer: '2' (linje 2, tegn 10) står")
    # Apart, they stay apart: a run is only what lies side by side.
    assert texts["birth_date"].startswith("Fødselsdato: '4' (linje 2, tegn 14), '0' (linje 2, tegn 16) står")
