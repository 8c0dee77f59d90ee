"""No English in the Danish window: every tab and dialog opened in Danish, and every visible text on it
(labels, buttons, headers, tab titles, tooltips, menus, window titles, placeholders) held against the English
source strings that have a Danish translation. A text still equal to one of them was never translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.control_questions import Question, QuestionKind
from borgerservice_desk.domain.centre_time import centre_zone
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.receipts.slip import ActivationSlip, render_activation_slip
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app
from tests.ui.helpers import open_main_window

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "desk_da.ts"

# Qt's own texts in the file dialog (translated by qtbase_da.qm, and where Qt 6 changed its source text
# and qtbase_da.qm has not caught up, by ours).
QT_OWN = {"&Look in:", "Files of &type:", "File &name:", "&Open", "Cancel", "Back", "Forward", "Parent Directory",
          "Create New Folder", "List View", "Detail View", "&Choose", "Name", "Size", "Date Modified"}


def _english() -> set[str]:
    """English sources whose Danish differs, without their '&' mnemonic too; only whole texts (no %1)."""
    found: set[str] = set(QT_OWN)
    for context in ET.parse(TS).getroot():
        for message in context.findall("message"):
            source, translation = message.findtext("source") or "", message.findtext("translation") or ""
            if source == translation or "%" in source or "{" in source:
                continue
            found.add(source)
    return found | {text.replace("&", "") for text in found}


def _header_texts(view: QAbstractItemView) -> Iterator[str]:
    header = view.horizontalHeader() if isinstance(view, QTableView) else view.header() if isinstance(view, QTreeView) else None
    model = view.model()
    if header is None or model is None or header.isHidden():
        return
    for section in range(header.count()):
        yield str(model.headerData(section, Qt.Orientation.Horizontal) or "")


def _texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a clerk can see on `top` and its children."""
    widgets = [top, *top.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield f"{name} title", widget.windowTitle()
        yield f"{name} tooltip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton)):
            yield name, widget.text()
        if isinstance(widget, QGroupBox):
            yield name, widget.title()
        if isinstance(widget, QLineEdit):
            yield f"{name} placeholder", widget.placeholderText()
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            yield f"{name} placeholder", widget.placeholderText()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{name} tab", widget.tabText(i)
                yield f"{name} tab tooltip", widget.tabToolTip(i)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{name} item", widget.itemText(i)
        if isinstance(widget, QAbstractItemView):
            for text in _header_texts(widget):
                yield f"{name} header", text
        if isinstance(widget, QMenu):
            for action in widget.actions():
                yield f"{name} action", action.text()
                yield f"{name} action tooltip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""


def _english_on(top: QWidget, english: set[str]) -> list[str]:
    return sorted(
        {f"{where}: {text!r}" for where, text in _texts(top) if text and text.strip().replace("&", "") in english}
    )


def test_every_tab_and_dialog_speaks_danish(qtbot: QtBot, sqlite_services: Services, danish: None, tmp_path: Path) -> None:
    from ui.booking_dialog import BookingDialog
    from ui.licence_dialog import LicenceDialog
    from ui.login_dialog import LoginDialog
    from ui.password_dialog import ChangePasswordDialog
    from ui.receipt_dialog import ReceiptDialog
    from ui.recovery_dialogs import (
        BlockDeviceDialog,
        ChooseAppDialog,
        CitizenWindow,
        CodeDialog,
        DocumentDialog,
        IssueMitidDialog,
        QuestionsDialog,
        SerialDialog,
        WitnessDialog,
    )
    from ui.settings_dialog import SettingsDialog
    from ui.users_dialog import UsersDialog

    slip = render_activation_slip(
        ActivationSlip("Borgerservice", "Ane Andersen", "ABCD-EFGH-JKLM", datetime(2026, 11, 27, 10, tzinfo=UTC),
                       datetime(2026, 11, 27, 12, tzinfo=UTC), centre_zone()), "da",
    )
    english = _english()
    assert "Day" in english and "Look in:" in english and "Files of type:" in english  # the check checks something
    ctx = sqlite_services.auth.sign_in("supervisor", "demo")
    candidate = appointment_with_active_app(sqlite_services, ctx, TODAY)
    window = open_main_window(qtbot, sqlite_services, ctx, "da")
    found: list[str] = []

    # Every tab, with something in it: a citizen being served, one found, the statistics loaded.
    qtbot.keyClicks(window.today.filter, candidate.appointment.booking_code)
    qtbot.keyClick(window.today.filter, Qt.Key.Key_Return)
    qtbot.keyClick(window.today.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.visit)
    qtbot.waitUntil(lambda: window.visit.recovery.overview is not None)  # the level and gaps, in words
    cpr = candidate.citizen.cpr
    assert cpr is not None
    window.tabs.setCurrentWidget(window.lookup)
    qtbot.keyClicks(window.lookup.query, cpr)
    qtbot.keyClick(window.lookup.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.lookup.loading)  # searched off the UI thread
    qtbot.waitUntil(lambda: window.lookup.shown is not None)
    window.statistics.refresh()
    qtbot.waitUntil(lambda: window.statistics.model.rowCount() > 0)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        found += _english_on(window, english)
    seen = {text for _where, text in _texts(window)}
    assert {"Dag", "Udeblevne", "Median ventetid"} <= seen  # the statistics headers were looked at, in Danish
    menus = [action.menu() for action in window.menuBar().actions()]
    for menu in menus:
        assert isinstance(menu, QMenu)
        found += _english_on(menu, english)

    # Every dialog the window opens.
    shown = window.lookup.shown
    assert shown is not None
    dialogs: list[QWidget] = [
        SettingsDialog(sqlite_services, ctx, window, "da"),
        UsersDialog(sqlite_services, ctx, window),
        ChangePasswordDialog(sqlite_services.auth, ctx, window),
        LoginDialog(sqlite_services.auth, demo=True),
        BookingDialog(sqlite_services, ctx, window.runner, shown, "da", window),
        LicenceDialog(sqlite_services, ctx, window.runner, window.visit.visit.visit_id, parent=window),  # type: ignore[union-attr]
        ReceiptDialog(tmp_path / "receipt.pdf", "BSD-1", window),
        # Identity assurance and getting a working method again (ui/recovery_dialogs.py).
        DocumentDialog("Ane Andersen", TODAY, window),
        QuestionsDialog(
            [Question(QuestionKind.FORMER_ADDRESS, "2001", "Vejle"), Question(QuestionKind.MOTHER_FIRST_NAME, "", "Bodil"),
             Question(QuestionKind.FATHER_FIRST_NAME, "", "Carl"), Question(QuestionKind.PLACE_OF_BIRTH, "", "Aarhus")],
            3, window,
        ),
        WitnessDialog("Ane Andersen", window),
        _found_witness(WitnessDialog("Ane Andersen", window)),  # the witness found, and why not
        SerialDialog("x", "y", "z", window),
        IssueMitidDialog("Ane Andersen", window),
        BlockDeviceDialog("Kodeviser 123456", window),
        ChooseAppDialog([(1, "iPhone 15")], window),
        CodeDialog("ABCD-EFGH-JKLM", datetime(2026, 11, 27, 12, tzinfo=UTC), slip, window),
        CitizenWindow("Ane Andersen", "ane123456", window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        if isinstance(dialog, SettingsDialog):
            qtbot.waitUntil(lambda dialog=dialog: dialog.loaded)  # filled in off the UI thread: look at it filled
        QApplication.processEvents()
        found += _english_on(dialog, english)
        dialog.close()
    window.tabs.setCurrentWidget(window.visit)
    window.visit.identity.choose_image()
    file_dialog = window.findChild(QFileDialog, "imageFileDialog")
    assert isinstance(file_dialog, QFileDialog)
    qtbot.waitUntil(file_dialog.isVisible)
    found += _english_on(file_dialog, english)
    seen = {text for _where, text in _texts(file_dialog)}
    assert {"&Kig i:", "Filer af &type:"} <= seen  # Qt's own texts, from qtbase_da
    file_dialog.reject()
    window.runner.wait_for_done()
    assert found == [], "still English in the Danish window:\n" + "\n".join(found)


def _found_witness(dialog: QWidget) -> QWidget:
    """The witness dialog as it shows whose record a CPR number found, with the register's refusals."""
    from borgerservice_desk.services.assurance import WitnessFound
    from ui.recovery_dialogs import WitnessDialog

    assert isinstance(dialog, WitnessDialog)
    dialog.cpr.setText("0101801234")
    dialog.show_found("0101801234", WitnessFound(
        1, "Bo Berg", datetime(1980, 1, 1).date(), "010180-XXXX",
        (RuleViolation("witness.too_young", min_age=18), RuleViolation("witness.mitid_too_new", min_days=30)),
    ))
    assert "Bo Berg" in dialog.found_label.text()
    return dialog
