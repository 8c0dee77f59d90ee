"""A supervisor verifies the audit trail from the window; a clerk is not offered the action."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry
from tests.ui.helpers import open_main_window
from ui.main_window import MainWindow


def _verify(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    action = window.findChild(QAction, "verifyAuditAction")
    assert isinstance(action, QAction)
    action.trigger()
    qtbot.waitUntil(lambda: window.audit_result is not None and window.audit_result.isVisible(), timeout=30_000)
    box = window.audit_result
    assert box is not None
    return box


def test_a_supervisor_verifies_the_audit_trail_and_is_told_the_first_broken_entry(
    qtbot: QtBot, sqlite_services: Services
) -> None:
    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    window = open_main_window(qtbot, sqlite_services, supervisor)
    box = _verify(qtbot, window)
    assert "The audit trail is intact" in box.text() and box.icon() is QMessageBox.Icon.Information
    box.accept()
    qtbot.waitUntil(lambda: window.audit_result is None)
    with sqlite_services.db.read() as session:
        checks = session.scalars(select(AuditEntry).where(AuditEntry.action == "audit.verify")).all()
        second = session.scalars(select(AuditEntry).where(AuditEntry.seq == 2)).one()
    assert [(c.clerk_id, c.outcome) for c in checks] == [(supervisor.clerk_id, "intact")]

    with sqlite_services.db.engine.begin() as connection:  # someone with the database file in hand
        connection.exec_driver_sql("DROP TRIGGER audit_entry_no_update")
        connection.exec_driver_sql("UPDATE audit_entry SET purpose = 'routine' WHERE seq = 2")
    box = _verify(qtbot, window)
    assert f"The first broken entry is entry no. 2 (id {second.id}): its content was changed" in box.text()
    assert box.icon() is QMessageBox.Icon.Critical
    box.accept()
    window.runner.wait_for_done()


def test_a_clerk_is_not_offered_the_verification(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    window = open_main_window(qtbot, sqlite_services, clerk_ctx)
    assert window.findChild(QAction, "verifyAuditAction") is None
    window.runner.wait_for_done()
