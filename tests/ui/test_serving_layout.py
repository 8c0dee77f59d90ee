"""The Serving tab at 1280×800 (issue 11, item 3): after a passed check the clerk sees the citizen, a
one-line verdict, every MitID method and the last actions without scrolling; the splitters keep where the
clerk dragged them, in a new window too."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QSplitter, QTableView, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import Method, MethodKind, MethodState
from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
from borgerservice_desk.domain.mrz.rules import field_at
from borgerservice_desk.scanning import mrz_reader
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import NOW, TODAY
from tests.support.journey import appointment_with_apps, french_card_for, give_every_method, passport_for
from tests.ui.helpers import open_main_window, wait_for_check
from ui.main_window import MainWindow
from ui.mitid_view import METHODS_ALWAYS_SHOWN, shown_order


def _serve_checked(qtbot: QtBot, window: MainWindow, services: Services, ctx: ClerkContext) -> None:
    """Check the citizen in from Today, type their passport and check it, as the clerk does."""
    candidate = appointment_with_apps(services, ctx, TODAY, active=3)
    give_every_method(services.db, candidate.citizen.id, NOW)
    window.today.refresh()
    qtbot.waitUntil(lambda: any(r.id == candidate.appointment.id for r in window.today.model.rows()))
    row = next(i for i, r in enumerate(window.today.model.rows()) if r.id == candidate.appointment.id)
    window.today.table.selectRow(row)
    window.today.check_in_selected()
    qtbot.waitUntil(lambda: window.visit.visit is not None)
    assert window.tabs.currentWidget() is window.visit
    panel = window.visit
    panel.mrz_edit.setPlainText("\n".join(passport_for(candidate.citizen, expiry=TODAY + timedelta(days=900))))
    qtbot.keyClick(panel.mrz_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, panel.identity)
    qtbot.waitUntil(lambda: panel.last_check is not None and panel.last_check.passed)
    qtbot.waitUntil(lambda: panel.mitid.history.rowCount() >= 3)


def _inside(widget: QWidget, ancestor: QWidget) -> bool:
    """The widget is shown and lies wholly inside `ancestor`'s rectangle (nothing scrolled or cut off)."""
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(ancestor, QPoint(0, 0))
    return ancestor.rect().contains(QRect(top_left, widget.size()))


def _rows_fully_visible(view: QTableView) -> bool:
    viewport = view.viewport().rect()
    return all(
        viewport.contains(view.visualRect(view.model().index(row, column)))
        for row in range(view.model().rowCount())
        for column in range(view.model().columnCount() - 1)  # the last column stretches to the edge
    ) and view.verticalScrollBar().value() == 0


def _headers_whole(view: QTableView) -> list[str]:
    header = view.horizontalHeader()
    model = view.model()
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(header.count())
        if header.sectionSize(c) < header.sectionSizeHint(c)
    ]


def test_at_1280x800_the_clerk_sees_citizen_verdict_every_method_and_the_last_actions(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext, danish: None
) -> None:
    window = open_main_window(qtbot, sqlite_services, clerk_ctx, language="da")
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().width() == 1280 and window.size().height() == 800)
    _serve_checked(qtbot, window, sqlite_services, clerk_ctx)
    panel = window.visit
    qtbot.wait(50)  # the layout settles after the new rows

    # The citizen, in one line, in view.
    assert _inside(panel.citizen_label, panel)
    assert panel.citizen_label.text().startswith(window.visit.mitid.overview.citizen.full_name)
    # The verdict: one line, not elided at this width, with the details folded away behind a toggle.
    status = panel.check_status
    assert _inside(status, panel)
    assert status.text() == "✔ Identitetskontrol godkendt" and not status.is_elided()
    assert status.height() < 2 * status.fontMetrics().lineSpacing()
    assert not panel.identity.details.isVisible()
    assert panel.identity.details_button.isVisible() and panel.identity.details_button.text() == "Vis detaljer"
    # Every method, three apps, a code display and a chip (and an app blocked earlier), wholly in view.
    kinds = [m.kind for m in panel.mitid.methods.rows()]
    assert kinds.count(MethodKind.APP) >= 3 and MethodKind.CODE_DISPLAY in kinds and MethodKind.CHIP in kinds
    methods = panel.mitid.methods_view
    assert _inside(methods, panel)
    assert _rows_fully_visible(methods)
    assert not methods.verticalScrollBar().isVisible()
    # The last actions, in view, their headers whole, one line per action.
    history = panel.mitid.history_view
    assert _inside(history, panel)
    assert _rows_fully_visible(history)
    assert _headers_whole(history) == [] and _headers_whole(methods) == []
    assert history.rowHeight(0) < 2 * history.fontMetrics().lineSpacing()
    # The actions and the receipt language below them, in view too.
    for button in panel.mitid_actions.buttons.values():
        assert _inside(button, panel)
    assert _inside(panel.mitid_actions.receipt_language, panel)

    # Details on demand: the fields read and the findings unfold, and fold back to where they were.
    before = panel.splitter.sizes()
    qtbot.mouseClick(panel.identity.details_button, Qt.MouseButton.LeftButton)
    assert panel.identity.details.isVisible() and panel.identity.details_button.text() == "Skjul detaljer"
    assert panel.identity.fields.rowCount() > 0 and panel.identity.finding_lines()
    assert panel.splitter.sizes()[0] > before[0]
    # They take the room from the history first: the three active apps, listed first, stay wholly in view
    # (the app the citizen wants blocked is never behind a scroll bar), and so does the last action.
    qtbot.wait(50)
    assert _inside(methods, panel) and _inside(history, panel)
    assert _rows_in_view(methods) >= METHODS_ALWAYS_SHOWN == 3
    assert all(m.state is MethodState.ACTIVE for m in panel.mitid.methods.rows()[:3])
    assert _rows_in_view(history) >= 1
    assert _inside(panel.identity.fields, panel) and _rows_in_view(panel.identity.fields) >= 2
    qtbot.mouseClick(panel.identity.details_button, Qt.MouseButton.LeftButton)
    assert not panel.identity.details.isVisible() and panel.splitter.sizes() == before


def _rows_in_view(view: QTableView) -> int:
    """How many rows from the top are wholly in sight, scrolled to the top: inside the part of the viewport
    that no ancestor clips (a part of a splitter squeezed below its content's minimum cuts the table off)."""
    viewport = view.viewport().visibleRegion().boundingRect()
    count = 0
    for row in range(view.model().rowCount()):
        cells = (view.visualRect(view.model().index(row, c)) for c in range(view.model().columnCount() - 1))
        if not all(viewport.contains(cell) for cell in cells):
            break
        count += 1
    return count if view.verticalScrollBar().value() == 0 else 0


def drag_splitter(qtbot: QtBot, splitter: QSplitter, index: int, by: int) -> None:
    """Drag the line between part index-1 and part index, as the clerk does with the mouse."""
    handle = splitter.handle(index)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    end = QPointF(start.x(), start.y() + by) if splitter.orientation() == Qt.Orientation.Vertical else (
        QPointF(start.x() + by, start.y())
    )
    move = QMouseEvent(
        QEvent.Type.MouseMove, end, handle.mapToGlobal(end), Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(handle, move)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end.toPoint())


def test_the_splitters_keep_where_the_clerk_dragged_them_in_a_new_window(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext
) -> None:
    first = open_main_window(qtbot, sqlite_services, clerk_ctx)
    first.resize(1280, 800)
    first.tabs.setCurrentWidget(first.visit)
    qtbot.waitUntil(lambda: first.visit.splitter.isVisible())
    qtbot.wait(50)
    main_before = first.visit.splitter.sizes()
    drag_splitter(qtbot, first.visit.splitter, 1, 60)
    mitid_before = first.visit.mitid.splitter.sizes()  # the MitID part just got smaller
    drag_splitter(qtbot, first.visit.mitid.splitter, 1, -40)
    main_after = first.visit.splitter.sizes()
    mitid_after = first.visit.mitid.splitter.sizes()
    assert main_after[0] == main_before[0] + 60
    assert mitid_after[0] == mitid_before[0] - 40
    first.runner.wait_for_done()
    first.close()

    second = open_main_window(qtbot, sqlite_services, clerk_ctx)
    second.resize(1280, 800)
    second.tabs.setCurrentWidget(second.visit)
    qtbot.waitUntil(lambda: second.visit.splitter.isVisible())
    qtbot.wait(50)
    assert second.visit.splitter.sizes() == main_after
    assert second.visit.mitid.splitter.sizes() == mitid_after
    second.runner.wait_for_done()


def test_a_test_starts_with_no_remembered_sizes(qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext) -> None:
    """The sizes dragged in the test before are not here: every test has its own settings folder."""
    from PySide6.QtCore import QSettings

    assert QSettings().value("layout/serving/main") is None
    assert QSettings().value("layout/serving/mitid") is None


def test_the_methods_are_listed_active_apps_first_then_working_methods_then_the_rest() -> None:
    """A MitID's methods come from the register in the order they were added, so an app blocked years ago
    came before the three in use, and a row kept in view went to it. Each group keeps that order."""
    def method(id_: int, kind: MethodKind, state: MethodState) -> Method:
        return Method(id_, kind, state, f"#{id_}")

    added = [
        method(1, MethodKind.APP, MethodState.BLOCKED_PERMANENT),
        method(2, MethodKind.CODE_DISPLAY, MethodState.ACTIVE),
        method(3, MethodKind.APP, MethodState.ACTIVE),
        method(4, MethodKind.CHIP, MethodState.BLOCKED_TEMPORARY),
        method(5, MethodKind.APP, MethodState.ACTIVE),
        method(6, MethodKind.APP, MethodState.INACTIVE),
        method(7, MethodKind.APP, MethodState.ACTIVE),
    ]
    assert [m.id for m in shown_order(added)] == [3, 5, 7, 2, 1, 4, 6]


def test_a_french_card_read_at_the_time_limit_with_every_field_in_doubt_still_fits_1280x800(
    qtbot: QtBot,
    sqlite_services: Services,
    clerk_ctx: ClerkContext,
    danish: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The fullest the identity check gets: the reading stopped at its time limit, a box to tick for each of
    the seven fields in doubt, the card's printed expiry to type, and the details unfolded after the check.
    One row per box made the window 869 px high, the MitID actions and Finish below the screen's edge; the
    boxes past the third scroll, and the scroll follows the clerk's Tab."""
    window = open_main_window(qtbot, sqlite_services, clerk_ctx, language="da")
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.size().width() == 1280 and window.size().height() == 800)
    candidate = appointment_with_apps(sqlite_services, clerk_ctx, TODAY, active=3)
    give_every_method(sqlite_services.db, candidate.citizen.id, NOW)
    window.today.refresh()
    qtbot.waitUntil(lambda: any(r.id == candidate.appointment.id for r in window.today.model.rows()))
    window.today.table.selectRow(next(i for i, r in enumerate(window.today.model.rows()) if r.id == candidate.appointment.id))
    window.today.check_in_selected()
    qtbot.waitUntil(lambda: window.visit.visit is not None)
    lines = french_card_for(candidate.citizen)
    # One doubt in every field that holds text, as a faint card read at the time limit gives them.
    doubts = tuple(
        Doubt(line, column, lines[line][column], DoubtReason.CHECK_BY_CHANCE, field_at(MrzFormat.FRCNI, line, column))
        for line, column in ((0, 0), (0, 2), (0, 5), (0, 30), (1, 13), (1, 34), (1, 35))
    )
    assert len({doubt.field for doubt in doubts}) == 7
    reading = mrz_reader.ScanResult(lines, MrzFormat.FRCNI, (), "ocrb", confidence=0.6, doubtful=doubts, budget_reached=True)
    monkeypatch.setattr(mrz_reader, "read_mrz", lambda path, **_kwargs: reading)
    image = tmp_path / "card.png"
    image.write_bytes(b"not read: the reader is given its reading")
    panel = window.visit
    box = panel.identity
    box.load_image(image)
    qtbot.waitUntil(lambda: len(box.doubt_panel.boxes) == 7)
    qtbot.wait(50)
    assert window.height() == 800 and window.minimumSizeHint().height() <= 800
    assert box.printed_expiry_edit.isVisible() and _inside(box.printed_expiry_edit, panel)

    # The clerk ticks each box from the keyboard: each comes into view as the Tab reaches it.
    boxes = list(box.doubt_panel.boxes.values())
    boxes[0].setFocus()
    viewport = box.doubt_panel.box_scroll.viewport()
    hidden_at_first = [b for b in boxes if not viewport.rect().contains(QRect(b.mapTo(viewport, QPoint(0, 0)), b.size()))]
    assert len(hidden_at_first) >= 3  # the boxes past the third were out of view
    for number, check in enumerate(boxes):
        qtbot.waitUntil(check.hasFocus)
        assert viewport.rect().contains(QRect(check.mapTo(viewport, QPoint(0, 0)), check.size()))
        qtbot.keyClick(check, Qt.Key.Key_Space)
        if number < len(boxes) - 1:
            qtbot.keyClick(check, Qt.Key.Key_Tab)
    assert all(b.isChecked() for b in boxes)
    qtbot.keyClicks(box.printed_expiry_edit, "20.06.2028")
    # A box the focus comes to otherwise (Shift+Tab back into the list, or from code) is scrolled to as well.
    boxes[0].setFocus()
    qtbot.waitUntil(lambda: viewport.rect().contains(QRect(boxes[0].mapTo(viewport, QPoint(0, 0)), boxes[0].size())))
    qtbot.keyClick(boxes[0], Qt.Key.Key_Backtab)  # back out of the list ...
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # ... and into it again: the first box
    assert boxes[0].hasFocus()
    # Checked from the last box, as a clerk who has just ticked it does.
    boxes[-1].setFocus()
    assert viewport.rect().contains(QRect(boxes[-1].mapTo(viewport, QPoint(0, 0)), boxes[-1].size()))
    qtbot.keyClick(boxes[-1], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_check(qtbot, box)
    # The box, disabled while the check saved and folded away once it passed, left the focus nowhere.
    assert box.mrz_edit.hasFocus()
    assert panel.last_check is not None and panel.last_check.passed
    # The ticks are saved with the check: the boxes fold into one line, to make room for the details.
    assert box.doubt_panel.settled and not box.doubt_panel.box_scroll.isVisible()
    assert box.doubt_panel.heading.text() == "De gulmarkerede tegn er sammenholdt med dokumentet og bekræftet."
    assert box.doubt_panel.confirmed_fields() == tuple(box.doubt_panel.boxes)
    qtbot.mouseClick(box.details_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    # Everything the clerk serves with is still on the screen.
    assert window.height() == 800 and window.minimumSizeHint().height() <= 800
    assert box.details.isVisible() and _rows_in_view(box.fields) >= 2
    for widget in (panel.finish_button, panel.mitid.methods_view, *panel.mitid_actions.buttons.values()):
        assert _inside(widget, panel)
    assert _rows_in_view(panel.mitid.methods_view) >= METHODS_ALWAYS_SHOWN

    # A change to the lines takes the verdict away, and the boxes come back, unfolded, to be looked at again:
    # the first digit of the card number, which no box is about, so every box stays as it was.
    box.mrz_edit.setFocus()
    qtbot.keyClick(box.mrz_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box.mrz_edit, Qt.Key.Key_Home)
    qtbot.keyClick(box.mrz_edit, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(box.mrz_edit, "2" if lines[1][0] == "1" else "1")
    qtbot.waitUntil(lambda: panel.last_check is None)
    assert list(box.doubt_panel.boxes.values()) == boxes  # the same boxes, ticked still
    assert not box.doubt_panel.settled and box.doubt_panel.box_scroll.isVisible()
