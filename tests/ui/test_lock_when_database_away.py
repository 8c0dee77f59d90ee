"""A locked desk whose database goes away: no password can be checked, so no unlock can succeed. Before,
the clerk heard "the database cannot be reached" at every try and could leave only by killing the program.
Now the cover, once an unlock has found the database away, offers to close the desk the way Ctrl+Q does:
an open visit or work being saved is asked about first (without naming the citizen), a save still out is
waited for, and nothing of the citizen is shown on the way. While the database answers, the password stays
the only way past the cover.

The database is really away: an SQLite file on a "share" folder that is moved out from under the desk, as
an unmounted network drive is, so every new connection fails ("unable to open database file")."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database, sqlite_url
from borgerservice_desk.storage.models import AuditEntry, Visit
from tests.conftest import TODAY, SeededTemplates, fixed_clock
from tests.support.journey import appointment_with_active_app
from tests.ui.helpers import open_main_window
from ui.main_window import MainWindow


class Share:
    """The desk's database on a folder that can go away and come back, as a network share does."""

    def __init__(self, folder: Path, data: Path, templates: SeededTemplates) -> None:
        self.folder = folder
        self._away = folder.with_name(folder.name + "-gone")
        folder.mkdir(mode=0o700)
        url = sqlite_url(folder / "desk.sqlite3")
        templates.fill(url)
        self.database = Database.open(url)
        self.services = build_services(self.database, Paths(data), clock=fixed_clock)

    @property
    def here(self) -> bool:
        return self.folder.exists()

    def go_away(self) -> None:
        # A dropped share takes the open handles with it: the pooled connections are closed, and the file is
        # no longer where the desk looks, so every new connection fails. (Run with no job out, so no
        # connection is held open past this.)
        self.database.engine.dispose()
        self.folder.rename(self._away)

    def come_back(self) -> None:
        self._away.rename(self.folder)

    def desk_entries(self) -> list[tuple[str, str, int | None]]:
        with self.database.read() as session:
            return [
                (e.action, e.outcome, e.clerk_id)
                for e in session.scalars(
                    select(AuditEntry).where(AuditEntry.action.like("desk.%")).order_by(AuditEntry.id)
                )
            ]


@pytest.fixture
def share(tmp_path: Path, seeded_templates: SeededTemplates) -> Iterator[Share]:
    share = Share(tmp_path / "share", tmp_path / "data", seeded_templates)
    yield share
    if not share.here:
        share.come_back()
    share.database.dispose()


@pytest.fixture
def clerk(share: Share) -> ClerkContext:
    return share.services.auth.sign_in("clerk", "demo")


@pytest.fixture
def desk(qtbot: QtBot, share: Share, clerk: ClerkContext) -> Iterator[MainWindow]:
    window = open_main_window(qtbot, share.services, clerk)
    yield window
    window.runner.wait_for_done()


class Watch(QObject):
    """Looks at every window of the program every few milliseconds, from the lock to the end, and keeps
    any text of the citizen someone at the counter could have read meanwhile."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name
        self.seen: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(5)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def look(self) -> None:
        self.seen.extend(text for text in _visible_texts() if self._name in text)

    def stop(self) -> list[str]:
        self.look()
        self._timer.stop()
        return self.seen


def _visible_texts() -> list[str]:
    texts: list[str] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if not widget.isVisible():
                continue
            if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
                texts.append(widget.text())
            if isinstance(widget, QMessageBox):
                texts.extend((widget.text(), widget.informativeText(), widget.detailedText()))
            model = getattr(widget, "model", None)
            if callable(model) and hasattr(widget, "viewport"):
                items = model()
                if items is not None:
                    texts.extend(
                        str(items.index(r, c).data()) for r in range(items.rowCount()) for c in range(items.columnCount())
                    )
    return texts


def _check_in(qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext) -> tuple[str, int]:
    """Check a booked citizen in: the name the Serving tab shows, and the visit."""
    candidate = appointment_with_active_app(services, ctx, TODAY)
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.visit.visit is not None and "  ·  " in window.visit.citizen_label.text())
    name = window.visit.citizen_label.text().split("  ·  ")[0]
    assert name and any(name in text for text in _visible_texts())
    assert window.visit.visit is not None
    return name, window.visit.visit.visit_id


def _idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=15_000)


def _lock(qtbot: QtBot, window: MainWindow) -> None:
    focus = QApplication.focusWidget() or window
    qtbot.keyClick(focus, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.locked)
    assert window.cover.isVisible() and not window.desk.isVisible()


def _try_password(qtbot: QtBot, window: MainWindow, password: str) -> None:
    """Type a password on the cover and wait for the answer (the cover takes no second try meanwhile)."""
    cover = window.cover
    qtbot.keyClicks(cover.password, password)
    qtbot.keyClick(cover.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked or (cover.unlock_button.isEnabled() and cover.feedback.isVisible()),
                    timeout=15_000)


def _close_button(window: MainWindow) -> QPushButton:
    button = window.cover.findChild(QPushButton, "closeDesk")
    assert button is not None, "the lock cover has no way to close the desk"
    return button


def _offered(window: MainWindow) -> bool:
    """Whether someone looking at the cover now sees the way to close the desk."""
    button = window.cover.findChild(QPushButton, "closeDesk")
    return button is not None and button.isVisible() and button.isEnabled()


def _still_locked(window: MainWindow) -> None:
    assert window.isVisible() and window.locked
    assert window.cover.isVisible() and not window.desk.isVisible()
    assert not window.menuBar().isEnabled()


def _questions() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def _question(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(window.close_question, QMessageBox) and window.close_question.isVisible())
    box = window.close_question
    assert box is not None and box.objectName() == "closeLockedQuestion"
    return box


def _answer(qtbot: QtBot, window: MainWindow, box: QMessageBox, *, leave: bool) -> None:
    button = box.findChild(QAbstractButton, "leave") if leave else box.button(QMessageBox.StandardButton.Cancel)
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_locked_desk_whose_database_is_away_closes_from_its_cover(
    qtbot: QtBot, desk: MainWindow, share: Share, clerk: ClerkContext
) -> None:
    window = desk
    name, visit_id = _check_in(qtbot, window, share.services, clerk)
    _idle(qtbot, window)
    share.go_away()
    _lock(qtbot, window)  # its audit entry cannot be written: the lock holds all the same
    watch = Watch(name)
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))

    assert not _offered(window)  # nobody has asked the database yet
    window.close()
    _still_locked(window)

    _try_password(qtbot, window, "demo")
    _still_locked(window)
    assert "database cannot be reached" in window.cover.feedback.text()
    assert _offered(window), "no way off the cover but killing the program"
    assert window.cover.password.hasFocus()  # Enter tries the password again; it never closes the desk

    # A visit is open: asked first, as Ctrl+Q asks, but naming nobody to whoever stands at the desk.
    qtbot.mouseClick(_close_button(window), Qt.MouseButton.LeftButton)
    box = _question(qtbot, window)
    assert "visit is still open" in box.text() and name not in box.text()
    _answer(qtbot, window, box, leave=False)
    qtbot.waitUntil(lambda: window.close_question is None)
    _still_locked(window)
    assert _offered(window)

    qtbot.mouseClick(_close_button(window), Qt.MouseButton.LeftButton)
    _answer(qtbot, window, _question(qtbot, window), leave=True)
    qtbot.waitUntil(lambda: bool(closed), timeout=35_000)
    assert not window.isVisible() and window.locked
    qtbot.wait(50)  # whatever was still on its way has arrived
    assert watch.stop() == [], "the citizen was shown on the way out"

    # The trail holds no lock and no quit: neither could be written, and nothing was written in their place.
    # The visit stays open in the database, as after Ctrl+Q, until it is finished.
    window.runner.wait_for_done()
    share.come_back()
    assert share.desk_entries() == []
    assert share.services.audit_trail.verify(None).intact
    with share.database.read() as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None and visit.ended_at is None


def test_closing_from_the_cover_waits_for_work_being_saved(
    qtbot: QtBot, desk: MainWindow, share: Share
) -> None:
    window = desk
    _idle(qtbot, window)
    share.go_away()
    release, saved = threading.Event(), threading.Event()

    def save() -> None:
        release.wait(20)
        saved.set()

    assert window.calls.run(save, lambda _: None)
    _lock(qtbot, window)
    _try_password(qtbot, window, "demo")
    assert _offered(window) and window.saving
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(saved.is_set()))

    qtbot.mouseClick(_close_button(window), Qt.MouseButton.LeftButton)
    box = _question(qtbot, window)
    assert "still being saved" in box.text()
    threading.Timer(0.5, release.set).start()  # the save ends while the desk is closing
    _answer(qtbot, window, box, leave=True)
    qtbot.waitUntil(lambda: bool(closed), timeout=35_000)
    assert closed == [True], "the desk closed before the save running in it had ended"
    assert not window.isVisible()


def test_while_the_database_answers_only_a_password_gets_past_the_cover(
    qtbot: QtBot, desk: MainWindow, share: Share, clerk: ClerkContext
) -> None:
    window = desk
    name, _visit = _check_in(qtbot, window, share.services, clerk)
    _lock(qtbot, window)
    watch = Watch(name)
    assert not _offered(window)
    window.close()  # the window's own close leaves a locked desk as it is
    _still_locked(window)
    assert not _questions()

    _try_password(qtbot, window, "wrong")
    _still_locked(window)
    assert "Wrong user name or password" in window.cover.feedback.text() and not _offered(window)

    _idle(qtbot, window)
    share.go_away()
    _try_password(qtbot, window, "demo")
    assert _offered(window)

    # The database is back: the next answer takes the offer back, and the desk is as locked as before.
    share.come_back()
    _try_password(qtbot, window, "wrong")
    _still_locked(window)
    assert "Wrong user name or password" in window.cover.feedback.text()
    assert not _offered(window) and not _close_button(window).isVisible()
    window.close()
    _still_locked(window)
    assert not _questions()
    assert watch.stop() == []

    _try_password(qtbot, window, "demo")
    qtbot.waitUntil(lambda: not window.locked, timeout=15_000)
    assert window.visit.isVisible() and name in window.visit.citizen_label.text()
    assert window.menuBar().isEnabled() and not _close_button(window).isVisible()
    window.runner.wait_for_done()
    assert share.desk_entries() == [("desk.lock", "ok", clerk.clerk_id), ("desk.unlock", "ok", clerk.clerk_id)]


def test_closing_from_the_cover_ends_the_program_and_never_opens_the_desk(
    qtbot: QtBot, desk: MainWindow, share: Share, clerk: ClerkContext
) -> None:
    """The offer stands until the next try is answered; used after the database came back, it still only
    closes the desk (no password, no desk), and the quit is recorded honestly: after the lock, no unlock."""
    window = desk
    name, _visit = _check_in(qtbot, window, share.services, clerk)
    _lock(qtbot, window)
    watch = Watch(name)
    _idle(qtbot, window)
    share.go_away()
    _try_password(qtbot, window, "demo")
    assert _offered(window)
    share.come_back()
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))

    qtbot.mouseClick(_close_button(window), Qt.MouseButton.LeftButton)
    box = _question(qtbot, window)
    assert name not in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a stray Enter is Cancel
    qtbot.waitUntil(lambda: window.close_question is None)
    _still_locked(window)

    qtbot.mouseClick(_close_button(window), Qt.MouseButton.LeftButton)
    _answer(qtbot, window, _question(qtbot, window), leave=True)
    qtbot.waitUntil(lambda: bool(closed), timeout=35_000)
    assert not window.isVisible() and window.locked and not window.desk.isVisible()
    qtbot.wait(50)
    assert watch.stop() == []
    window.runner.wait_for_done()
    assert share.desk_entries() == [("desk.lock", "ok", clerk.clerk_id), ("desk.quit", "ok", clerk.clerk_id)]
