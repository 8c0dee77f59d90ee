"""The window around the work on a shared counter PC: signing out and in as someone else, a supervisor
taking over and handing back with the visit still open, the idle lock that hides the citizen, and
Ctrl+Q asking first while a visit is open. With keys and clicks, on a real SQLite file."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Visit
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app
from ui.main_window import MainWindow
from ui.password_dialog import ChangePasswordDialog


def _check_in(qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext) -> str:
    """Check a booked citizen in; the citizen's name as the Serving tab shows it."""
    candidate = appointment_with_active_app(services, ctx, TODAY)
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit and window.visit.visit is not None)
    qtbot.waitUntil(lambda: "  ·  " in window.visit.citizen_label.text())
    name = window.visit.citizen_label.text().split("  ·  ")[0]
    assert candidate.citizen.given_names.split()[0] in name
    return name


def _actions(services: Services) -> list[tuple[str, str, int | None]]:
    with services.db.read() as session:
        return [
            (e.action, e.outcome, e.clerk_id)
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action.like("desk.%")).order_by(AuditEntry.id))
        ]


def _visible_texts() -> list[str]:
    """Every text a person at the counter could read on any window of the program now."""
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
                texts.append(widget.text())
            model = getattr(widget, "model", None)
            if callable(model) and hasattr(widget, "viewport"):
                items = model()
                if items is not None:
                    texts.extend(
                        str(items.index(r, c).data())
                        for r in range(items.rowCount())
                        for c in range(items.columnCount())
                    )
    return texts


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, key, modifiers)


def _answer(qtbot: QtBot, window: MainWindow, name: str, button: str) -> None:
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    box = window.question
    assert box is not None and box.objectName() == name
    if button == "leave":
        target = box.findChild(QAbstractButton, "leave")
    else:
        target = box.button(QMessageBox.StandardButton.Cancel)
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.question is None)


def _sign_in(qtbot: QtBot, username_edit: QLineEdit, password_edit: QLineEdit, user: str, password: str) -> None:
    username_edit.clear()
    qtbot.keyClicks(username_edit, user)
    password_edit.clear()
    qtbot.keyClicks(password_edit, password)
    qtbot.keyClick(password_edit, Qt.Key.Key_Return)


def test_sign_out_finishes_the_visit_after_asking_and_another_clerk_signs_in(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _check_in(qtbot, window, sqlite_services, clerk_ctx)
    visit_id = window.visit.visit.visit_id  # type: ignore[union-attr]

    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _answer(qtbot, window, "signOutQuestion", "cancel")
    assert window.isVisible() and window.visit.visit is not None  # nothing happened

    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _answer(qtbot, window, "signOutQuestion", "leave")
    qtbot.waitUntil(lambda: window.login is not None and window.login.isVisible() and not window.isVisible())
    with sqlite_services.db.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.ended_at is not None

    login = window.login
    assert login is not None
    _sign_in(qtbot, login.username, login.password, "supervisor", "demo")
    qtbot.waitUntil(lambda: window.isVisible(), timeout=15_000)
    assert window.ctx.username == "supervisor" and window.ctx.is_supervisor
    assert "supervisor" in window.who_label.text().lower()
    assert window.users_action is not None
    qtbot.waitUntil(lambda: window.today.model.rowCount() > 0)
    window.runner.wait_for_done()
    assert ("desk.sign_out", "ok", clerk_ctx.clerk_id) in _actions(sqlite_services)


def test_a_supervisor_takes_over_and_hands_back_with_the_visit_still_open(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    name = _check_in(qtbot, window, sqlite_services, clerk_ctx)
    visit = window.visit.visit
    clerk_visit_panel = window.visit

    _press(qtbot, window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.take_over_dialog is not None and window.take_over_dialog.isVisible())
    dialog = window.take_over_dialog
    assert dialog is not None
    _sign_in(qtbot, dialog.username, dialog.password, "supervisor", "wrong")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15_000)
    assert dialog.isVisible() and not window.taken_over and "Wrong user name" in dialog.feedback.text()
    _sign_in(qtbot, dialog.username, dialog.password, "supervisor", "demo")
    qtbot.waitUntil(lambda: window.taken_over, timeout=15_000)

    assert window.ctx.is_supervisor and window.ctx.username == "supervisor"
    assert window.banner.isVisible() and "Supervisor" in window.banner_text.text()
    assert window.hand_back_button.isVisible()
    assert window.visit is not clerk_visit_panel and window.visit.visit == visit
    assert window.visit.isVisible()
    qtbot.waitUntil(lambda: name in window.visit.citizen_label.text())  # the supervisor's view reads the citizen
    # The supervisor's panel was told by the service that a supervisor looks (the clerk's row, not the context).
    qtbot.waitUntil(lambda: window.visit.mitid.overview is not None and window.visit.mitid.overview.viewer_is_supervisor)
    assert not window.sign_out_action.isEnabled()
    assert window.users_action is not None  # the supervisor's menu while the supervisor acts

    qtbot.mouseClick(window.hand_back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.taken_over)
    assert window.visit is clerk_visit_panel and window.visit.visit == visit
    assert window.ctx == clerk_ctx and not window.banner.isVisible()
    assert window.users_action is None
    assert name in window.visit.citizen_label.text()
    window.runner.wait_for_done()
    with sqlite_services.db.read() as session:
        assert visit is not None
        row = session.get(Visit, visit.visit_id)
        assert row is not None and row.ended_at is None  # still open for the clerk
    supervisor_id = sqlite_services.auth.sign_in("supervisor", "demo").clerk_id
    assert _actions(sqlite_services) == [
        ("desk.take_over", "ok", supervisor_id),
        ("desk.hand_back", "ok", supervisor_id),
    ]


def test_the_idle_lock_hides_the_citizen_and_opens_only_with_the_right_password(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    name = _check_in(qtbot, window, sqlite_services, clerk_ctx)
    assert any(name in text for text in _visible_texts())

    window.set_idle_minutes(0.002)  # about a tenth of a second without input
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    window.set_idle_minutes(5)
    assert window.cover.isVisible() and not window.desk.isVisible()
    assert not any(name in text for text in _visible_texts())
    assert not window.menuBar().isEnabled()

    cover = window.cover
    assert cover.username.text() == "clerk"
    qtbot.keyClicks(cover.password, "wrong")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: cover.unlock_button.isEnabled() and cover.feedback.isVisible(), timeout=15_000)
    assert window.locked and "Wrong user name or password" in cover.feedback.text()
    assert not any(name in text for text in _visible_texts())

    qtbot.keyClicks(cover.password, "demo")
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    assert window.visit.isVisible() and name in window.visit.citizen_label.text()
    assert window.visit.visit is not None and window.menuBar().isEnabled()
    window.runner.wait_for_done()
    actions = _actions(sqlite_services)
    assert actions == [("desk.lock", "ok", clerk_ctx.clerk_id), ("desk.unlock", "ok", clerk_ctx.clerk_id)]
    with sqlite_services.db.read() as session:
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "clerk.sign_in", AuditEntry.outcome == "refused")
        ).all()
        assert len(refused) == 1


def test_the_manual_lock_and_a_supervisors_password(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _check_in(qtbot, window, sqlite_services, clerk_ctx)
    _press(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.locked)
    _sign_in(qtbot, window.cover.username, window.cover.password, "supervisor", "demo")
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    assert window.ctx == clerk_ctx and window.visit.visit is not None  # the clerk's desk, as it was

    window.open_change_password()  # a dialog over the window hides with it and comes back
    dialog = window.findChild(ChangePasswordDialog)
    assert dialog is not None and dialog.isVisible()
    window.set_idle_minutes(0.002)
    qtbot.waitUntil(lambda: window.locked, timeout=5_000)
    window.set_idle_minutes(5)
    assert not dialog.isVisible()
    _sign_in(qtbot, window.cover.username, window.cover.password, "clerk", "demo")
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    assert dialog.isVisible()
    window.runner.wait_for_done()


def test_ctrl_q_with_an_open_visit_asks_first(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _check_in(qtbot, window, sqlite_services, clerk_ctx)
    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    _answer(qtbot, window, "quitQuestion", "cancel")
    assert window.isVisible() and window.visit.visit is not None

    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    _answer(qtbot, window, "quitQuestion", "leave")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _actions(sqlite_services) == [("desk.quit", "ok", clerk_ctx.clerk_id)]


def test_ctrl_q_without_a_visit_quits_at_once(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.question is None
    assert _actions(sqlite_services) == [("desk.quit", "ok", clerk_ctx.clerk_id)]


def test_ctrl_q_while_only_a_read_is_out_quits_without_asking(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    # The queue refreshes itself all day: a read out at the moment of Ctrl+Q is nothing a clerk must confirm.
    release = threading.Event()
    window.calls.fetch(lambda: release.wait(10), lambda _: None)
    assert window.busy and not window.saving
    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.question is None
    release.set()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _actions(sqlite_services) == [("desk.quit", "ok", clerk_ctx.clerk_id)]


def test_ctrl_q_while_an_action_is_being_saved_asks_first(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    release = threading.Event()
    assert window.calls.run(lambda: release.wait(10), lambda _: None)
    assert window.saving
    _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.question is not None and window.question.isVisible())
    assert window.question is not None and "still being saved" in window.question.text()
    release.set()
    qtbot.waitUntil(lambda: not window.saving)
    _answer(qtbot, window, "quitQuestion", "leave")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _actions(sqlite_services) == [("desk.quit", "ok", clerk_ctx.clerk_id)]


def test_a_clerk_of_another_centre_signing_in_sees_that_centre_s_time(
    qtbot: QtBot, window: MainWindow, sqlite_services: Services
) -> None:
    """A shared counter PC signs in a clerk lent from another centre: every date and time on screen is their
    centre's, as a clerk signing in at the start would see (the start read the zone once, and the next
    clerk kept it)."""
    from zoneinfo import ZoneInfo

    from borgerservice_desk.domain.centre_time import centre_zone
    from borgerservice_desk.storage.models import Centre, Clerk
    from tests.support.other_centre import ODENSE_PASSWORD, add_odense_clerk
    from ui import dates

    user = add_odense_clerk(sqlite_services.db, Role.CLERK)
    with sqlite_services.db.unit_of_work() as uow:
        clerk = uow.session.scalars(select(Clerk).where(Clerk.username == user)).one()
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = "Atlantic/Faroe"  # an hour behind Copenhagen
        uow.commit()
    assert dates.current_zone() == centre_zone()
    try:
        _press(qtbot, window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: window.login is not None and window.login.isVisible() and not window.isVisible())
        login = window.login
        assert login is not None
        _sign_in(qtbot, login.username, login.password, user, ODENSE_PASSWORD)
        qtbot.waitUntil(lambda: window.isVisible(), timeout=15_000)

        assert window.ctx.username == user
        assert dates.current_zone() == ZoneInfo("Atlantic/Faroe")
    finally:
        dates.set_centre_zone(centre_zone())
