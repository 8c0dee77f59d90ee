"""The whole counter journey through the real window: sign in, check a citizen in, read their passport
from a scanned image with PassportEye and Tesseract, see their MitID, block one app, get the receipt."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import MethodKind, MethodState
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app, passport_for
from tests.support.passport_image import render_document_image
from tests.ui.helpers import back_to_window, choose_file, click_row, confirm_action, wait_for_mitid, when_modal_opens
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.receipt_dialog import ReceiptDialog

pytestmark = pytest.mark.ocr


def test_clerk_checks_passport_image_and_blocks_a_stolen_app(
    qtbot: QtBot, sqlite_services: Services, tmp_path: Path
) -> None:
    services = sqlite_services
    login = LoginDialog(services.auth)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClick(login.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(login.password, "demo")
    with qtbot.waitSignal(login.accepted, timeout=15_000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.result() == QDialog.DialogCode.Accepted and login.context is not None

    window = MainWindow(services, login.context, "en")
    qtbot.addWidget(window)
    window.show()
    back_to_window(qtbot, window)
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 20)

    # The citizen arrives: find their appointment by booking code and check them in with Enter.
    candidate = appointment_with_active_app(services, login.context, TODAY)
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    assert window.today.proxy.rowCount() == 1
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    wait_for_mitid(qtbot, window.visit, 30_000)  # the citizen is read off the UI thread
    assert candidate.citizen.surname in window.visit.citizen_label.text()
    assert candidate.citizen.cpr is not None
    assert candidate.citizen.cpr[6:] not in window.visit.citizen_label.text()  # masked

    # Their passport, scanned: the clerk loads the image (Ctrl+O) and the desk reads it in a worker.
    image = render_document_image(
        passport_for(candidate.citizen, expiry=date(2032, 3, 14)), tmp_path / "scan.png"
    )
    qtbot.keyClick(window.visit.mrz_edit, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    choose_file(qtbot, window.visit, image)
    qtbot.waitUntil(
        lambda: window.visit.progress.isVisible() or bool(window.visit.check_status.text()), timeout=5000
    )
    assert window.isEnabled()  # the window is not frozen while Tesseract reads
    qtbot.waitUntil(
        lambda: bool(window.visit.check_status.text()) or window.visit.feedback.isVisible(), timeout=90_000
    )
    assert window.visit.last_check is not None, window.visit.feedback.text()
    assert window.visit.last_check.passed, window.visit.check_status.text()
    assert "passed" in window.visit.check_status.text()
    checks = window.visit.identity.finding_lines()
    assert any("Birth date matches" in c for c in checks)
    assert sum("Check digit" in c and "right" in c for c in checks) == 5  # number, birth, expiry, personal, composite

    # Their MitID: methods with phone models, and the count of active apps (read again after the check).
    wait_for_mitid(qtbot, window.visit, 30_000)
    mitid = window.visit.mitid
    rows = mitid.methods.rows()
    apps_before = sum(1 for m in rows if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    assert mitid.apps_label.text() == f"{apps_before} of 3 apps active"
    app_row = next(i for i, m in enumerate(rows) if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    app = rows[app_row]
    click_row(qtbot, mitid.methods_view, app_row)

    def confirm_block(dialog: QWidget) -> None:
        reason = dialog.findChild(QComboBox, "reasonCombo")
        reason.setFocus()
        qtbot.keyClicks(reason, "Stolen")
        assert app.label in dialog.findChild(QWidget, "consequence").text()
        confirm_action(qtbot, dialog)

    back_to_window(qtbot, window)  # back from the file dialog (offscreen does not give focus back)
    when_modal_opens(qtbot, confirm_block)
    with qtbot.waitSignal(window.visit.receipt_shown, timeout=30_000, raising=False) as shown:
        qtbot.keyClick(mitid.methods_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert shown.signal_triggered, window.visit.feedback.text()
    receipt: ReceiptDialog = shown.args[0]
    assert receipt.isVisible() and receipt.document.pageCount() == 1
    wait_for_mitid(qtbot, window.visit, 30_000)  # the changed MitID is read again, off the UI thread

    blocked = next(m for m in mitid.methods.rows() if m.id == app.id)
    assert blocked.state is MethodState.BLOCKED_PERMANENT
    assert mitid.apps_label.text() == f"{apps_before - 1} of 3 apps active"
    assert mitid.history.rowCount() >= 1

    text = "".join(page.extract_text() for page in PdfReader(receipt.path).pages)
    assert candidate.citizen.surname in text
    assert f"{candidate.citizen.cpr[:6]}-XXXX" in text
    assert app.label in text
    assert "Line Bøgh Sørensen" in text  # the clerk
    assert "+45 33 98 00 10" in text
    assert candidate.citizen.cpr not in text
    receipt.close()
