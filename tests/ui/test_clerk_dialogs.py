"""The supervisor's clerk list, the change-password dialog, and a new password at first sign-in, driven
by keys and clicks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services.context import ClerkContext
from tests.support.refusals import refused_with
from tests.ui.helpers import open_main_window, when_modal_opens
from ui.login_dialog import LoginDialog
from ui.password_dialog import ChangePasswordDialog
from ui.users_dialog import UsersDialog

GOOD = "Tårnfalk.Fjord"
OWN = "Rugbrød og Sild 7"


@pytest.fixture
def supervisor(sqlite_services: Services) -> ClerkContext:
    return sqlite_services.auth.sign_in("supervisor", "demo")


def _dialog(qtbot: QtBot, services: Services, ctx: ClerkContext) -> UsersDialog:
    dialog = UsersDialog(services, ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(dialog.rows) >= 2)
    return dialog


def _settled(qtbot: QtBot, dialog: UsersDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy)


def _row(services: Services, ctx: ClerkContext, username: str):  # type: ignore[no-untyped-def]
    return next(r for r in services.clerks.clerks(ctx) if r.username == username)


def test_a_supervisor_creates_deactivates_reactivates_and_resets_a_clerk(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    dialog = _dialog(qtbot, sqlite_services, supervisor)
    qtbot.keyClicks(dialog.new_username, "Nina.Ny")
    qtbot.keyClicks(dialog.new_full_name, "Nina Ny")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData(Role.CLERK))
    qtbot.keyClicks(dialog.new_password, GOOD)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(r.username == "nina.ny" for r in dialog.rows))
    _settled(qtbot, dialog)
    assert dialog.feedback.property("kind") == "info" and dialog.new_password.text() == ""
    assert _row(sqlite_services, supervisor, "nina.ny").must_change_password

    dialog.choose("nina.ny")
    qtbot.mouseClick(dialog.deactivate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not _row(sqlite_services, supervisor, "nina.ny").active)
    _settled(qtbot, dialog)
    with refused_with("auth.failed", InvalidInput):  # deactivated: refused like a wrong password
        sqlite_services.auth.sign_in("nina.ny", GOOD)
    dialog.choose("nina.ny")
    assert dialog.reactivate_button.isEnabled() and not dialog.deactivate_button.isEnabled()
    qtbot.mouseClick(dialog.reactivate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(sqlite_services, supervisor, "nina.ny").active)
    _settled(qtbot, dialog)

    dialog.choose("clerk")
    qtbot.keyClicks(dialog.reset_password, OWN)
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(sqlite_services, supervisor, "clerk").must_change_password)
    _settled(qtbot, dialog)
    assert sqlite_services.auth.sign_in("clerk", OWN).must_change_password


def test_a_weak_password_or_a_taken_name_is_explained_in_the_dialog(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    dialog = _dialog(qtbot, sqlite_services, supervisor)
    qtbot.keyClicks(dialog.new_username, "clerk")
    qtbot.keyClicks(dialog.new_full_name, "Igen")
    qtbot.keyClicks(dialog.new_password, "demo")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.feedback.property("kind") == "error")
    assert "at least 10 characters" in dialog.feedback.text()
    _settled(qtbot, dialog)
    dialog.new_password.setText(GOOD)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "taken" in dialog.feedback.text())


def test_a_locked_clerk_is_shown_and_the_supervisor_lifts_the_lock(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    for n in range(5):
        with refused_with("auth.failed", InvalidInput):
            sqlite_services.auth.sign_in("clerk", f"guess-{n}")
    dialog = _dialog(qtbot, sqlite_services, supervisor)
    dialog.choose("clerk")
    row = dialog.table.currentRow()
    assert "locked until" in dialog.table.item(row, 3).text()
    assert dialog.unlock_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _row(sqlite_services, supervisor, "clerk").locked_until is None)
    _settled(qtbot, dialog)
    assert sqlite_services.auth.sign_in("clerk", "demo").username == "clerk"


def test_the_clerks_menu_is_for_supervisors_and_change_password_for_everyone(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext, clerk_ctx: ClerkContext
) -> None:
    for ctx, has_users in ((clerk_ctx, False), (supervisor, True)):
        window = open_main_window(qtbot, sqlite_services, ctx)
        assert (window.findChild(QAction, "usersAction") is not None) is has_users
        assert window.findChild(QAction, "changePasswordAction") is not None
        window.runner.wait_for_done()
    users = window.findChild(QAction, "usersAction")
    assert users is not None
    users.trigger()
    qtbot.waitUntil(lambda: window.findChild(UsersDialog) is not None and window.findChild(UsersDialog).isVisible())
    dialog = window.findChild(UsersDialog)
    qtbot.waitUntil(lambda: len(dialog.rows) >= 2)
    dialog.close()


def test_a_clerk_changes_their_password(qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext) -> None:
    dialog = ChangePasswordDialog(sqlite_services.auth, clerk_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "demo")
    qtbot.keyClicks(dialog.new, OWN)
    qtbot.keyClicks(dialog.repeat, OWN + "x")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "differ" in dialog.feedback.text() and dialog.isVisible()
    qtbot.keyClicks(dialog.new, OWN)
    qtbot.keyClicks(dialog.repeat, OWN)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert dialog.context is not None and not dialog.context.must_change_password
    assert sqlite_services.auth.sign_in("clerk", OWN).username == "clerk"


def test_a_reset_clerk_chooses_a_new_password_before_the_window_opens(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    clerk_id = _row(sqlite_services, supervisor, "clerk").id
    sqlite_services.clerks.reset_password(supervisor, clerk_id, GOOD)
    login = LoginDialog(sqlite_services.auth)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClicks(login.password, GOOD)

    def choose_own(dialog: QWidget) -> None:
        assert isinstance(dialog, ChangePasswordDialog)
        assert dialog.current.text() == GOOD
        qtbot.keyClicks(dialog.new, OWN)
        qtbot.keyClicks(dialog.repeat, OWN)
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)

    when_modal_opens(qtbot, choose_own)
    with qtbot.waitSignal(login.accepted, timeout=15_000):
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.context is not None and not login.context.must_change_password
    assert sqlite_services.auth.sign_in("clerk", OWN).username == "clerk"


def test_a_reset_clerk_who_does_not_choose_a_password_is_not_signed_in(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    sqlite_services.clerks.reset_password(supervisor, _row(sqlite_services, supervisor, "clerk").id, GOOD)
    login = LoginDialog(sqlite_services.auth)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClicks(login.password, GOOD)
    when_modal_opens(qtbot, lambda dialog: dialog.close())
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Choose a new password" in login.feedback.text(), timeout=15_000)
    assert login.context is None and login.isVisible()


def test_the_sign_in_runs_off_the_ui_thread_and_cannot_be_sent_twice(qtbot: QtBot, sqlite_services: Services) -> None:
    login = LoginDialog(sqlite_services.auth)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, "clerk")
    qtbot.keyClicks(login.password, "guess")
    qtbot.keyClick(login.password, Qt.Key.Key_Return)
    assert login.busy and not login.sign_in_button.isEnabled()  # back at once: the check runs elsewhere
    qtbot.keyClick(login.password, Qt.Key.Key_Return)  # a second Enter is not a second try
    qtbot.waitUntil(lambda: not login.busy, timeout=15_000)
    assert login.sign_in_button.isEnabled() and "Wrong user name or password" in login.feedback.text()
    with sqlite_services.db.read() as session:
        from sqlalchemy import func, select

        from borgerservice_desk.storage.models import AuditEntry

        tries = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "clerk.sign_in"))
    assert tries == 1


def test_a_supervisor_lifts_a_desk_lock_in_the_clerks_dialog(
    qtbot: QtBot, sqlite_services: Services, supervisor: ClerkContext
) -> None:
    for n in range(10):
        with refused_with("auth.failed", InvalidInput):
            sqlite_services.auth.sign_in(f"name{n}", "guess", desk="kiosk")
    dialog = _dialog(qtbot, sqlite_services, supervisor)
    qtbot.waitUntil(lambda: dialog.locked_desks.count() == 1)
    assert dialog.locked_desks.item(0).text().startswith("kiosk")
    assert not dialog.unlock_desk_button.isEnabled()
    dialog.locked_desks.setCurrentRow(0)
    assert dialog.unlock_desk_button.isEnabled()
    qtbot.mouseClick(dialog.unlock_desk_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.locked_desks.count() == 0 and not dialog.busy)
    assert sqlite_services.auth.sign_in("clerk", "demo", desk="kiosk").username == "clerk"
