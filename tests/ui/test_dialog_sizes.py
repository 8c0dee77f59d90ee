"""Dialogs as a clerk sees them on a counter screen: every wrapped text whole, every dialog inside the screen.

Found by looking at each dialog in Danish under Xvfb at 1280x800 (stop 29): the errand dialogs were sized
before their rows were in, so the two lines explaining a device handed out were cut off at top and bottom;
the receipt preview (after every MitID action) asked for 860 px and the settings for 820, their buttons
below the edge of an 800 px screen. The offscreen screen these tests run on is 800 px high too.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QWidget
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.control_questions import Question, QuestionKind
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.assurance import WitnessFound
from borgerservice_desk.services.citizens import CitizenSummary
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import TODAY
from ui.booking_dialog import BookingDialog
from ui.licence_dialog import LicenceDialog, alphabetical
from ui.receipt_dialog import ReceiptDialog
from ui.recovery_dialogs import (
    BlockDeviceDialog,
    ChooseAppDialog,
    DocumentDialog,
    IssueMitidDialog,
    QuestionsDialog,
    SerialDialog,
    WitnessDialog,
)
from ui.settings_dialog import SettingsDialog
from ui.tasks import TaskRunner
from ui.users_dialog import UsersDialog


def _clipped(dialog: QWidget) -> list[str]:
    """The wrapped texts shown lower than they need at their width: cut off, or squeezed onto fewer lines."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.text() and label.height() < label.heightForWidth(label.width())
    ]


def test_every_errand_dialog_shows_its_wrapped_texts_whole(qtbot: QtBot, danish: None) -> None:
    witness = WitnessDialog("Ane Andersen")
    witness.cpr.setText("0101801234")
    witness.show_found("0101801234", WitnessFound(
        1, "Bo Berg", datetime(1980, 1, 1).date(), "010180-XXXX",
        (RuleViolation("witness.too_young", min_age=18), RuleViolation("witness.mitid_too_new", min_days=30)),
    ))  # fmt: skip
    dialogs: list[QWidget] = [
        # As the recovery panel opens it: the explanation takes two lines at the dialog's width.
        SerialDialog(
            "Udlever en enhed",
            "En kodeviser, kodeoplæser eller chip fra borgerservicens lager knyttes til Niels Brønds MitID.",
            "&Udlever",
        ),
        BlockDeviceDialog("Kodeviser 123456"),
        DocumentDialog("Ane Andersen", TODAY),
        QuestionsDialog(
            [Question(QuestionKind.FORMER_ADDRESS, "2001", "Vejle"), Question(QuestionKind.MOTHER_FIRST_NAME, "", "Bodil"),
             Question(QuestionKind.FATHER_FIRST_NAME, "", "Carl")],
            2,
        ),
        WitnessDialog("Ane Andersen"),
        witness,
        IssueMitidDialog("Ane Andersen"),
        ChooseAppDialog([(1, "iPhone 15"), (2, "Samsung Galaxy S24")]),
    ]
    clipped: list[str] = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        clipped += _clipped(dialog)
        dialog.close()
    assert clipped == []


def test_the_receipt_settings_and_users_dialogs_open_inside_the_screen(
    qtbot: QtBot, sqlite_services: Services, danish: None, tmp_path: Path
) -> None:
    ctx = sqlite_services.auth.sign_in("supervisor", "demo")
    parent = QWidget()
    qtbot.addWidget(parent)
    screen = parent.screen().availableGeometry()
    assert screen.height() <= 860  # the screen is smaller than the receipt asks for: the test can fail
    for dialog in (
        ReceiptDialog(tmp_path / "receipt.pdf", "BSD-1", parent),
        SettingsDialog(sqlite_services, ctx, parent, "da"),
        UsersDialog(sqlite_services, ctx, parent),
    ):
        dialog.show()  # closed with its parent, which qtbot closes
        qtbot.waitExposed(dialog)
        assert dialog.height() < screen.height() and dialog.width() <= screen.width(), type(dialog).__name__
        if isinstance(dialog, SettingsDialog):
            qtbot.waitUntil(lambda dialog=dialog: dialog.loaded)  # its read off the UI thread done before it goes
        dialog.close()


def _clerk_at_a_window(qtbot: QtBot, services: Services) -> tuple[ClerkContext, QWidget, TaskRunner]:
    """A clerk signed in, a window to open a dialog from (closed by qtbot, and its dialogs with it), and the
    runner the dialog reads through."""
    ctx = services.auth.sign_in("clerk", "demo")
    parent = QWidget()
    qtbot.addWidget(parent)
    return ctx, parent, TaskRunner(parent)


def test_the_booking_calendar_shows_every_day_s_short_name_whole_in_danish(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    """Danish "man." was cut to "m…" in the calendar's header at the width the layout gave it."""
    ctx, parent, runner = _clerk_at_a_window(qtbot, sqlite_services)
    citizen = CitizenSummary(1, "Ane Andersen", "Ane", "Andersen", TODAY.replace(year=1980), "F", "010180-XXXX")
    dialog = BookingDialog(sqlite_services, ctx, runner, citizen, "da", parent)  # closed with its parent
    dialog.show()
    qtbot.waitExposed(dialog)
    view = dialog.calendar.findChild(QTableView)
    assert view is not None
    metrics = view.fontMetrics()
    names = [dialog.calendar.locale().dayName(day, QLocale.FormatType.ShortFormat) for day in range(1, 8)]
    assert names[0] == "man."
    # Each column holds its name (header row 0 of the calendar's table) with a few px to spare.
    assert [name for column, name in enumerate(names) if view.columnWidth(column) < metrics.horizontalAdvance(name) + 6] == []
    runner.wait_for_done()


def test_the_licence_countries_are_listed_denmark_first_then_in_danish_alphabetical_order(
    qtbot: QtBot, sqlite_services: Services, danish: None
) -> None:
    """By their English names the Danish list ran Østrig, Belgien, Bulgarien, Kroatien, ..."""
    ctx, parent, runner = _clerk_at_a_window(qtbot, sqlite_services)
    dialog = LicenceDialog(sqlite_services, ctx, runner, 1, parent=parent)  # closed with its parent
    names = [dialog.country.itemText(i).rsplit(" (", 1)[0] for i in range(dialog.country.count())]
    assert names[:4] == ["Danmark", "Belgien", "Bulgarien", "Cypern"]
    assert names[-3:] == ["Tyskland", "Ungarn", "Østrig"]
    assert names[1:] == sorted(names[1:], key=alphabetical)
    runner.wait_for_done()


def test_a_long_expected_answer_keeps_a_gap_from_its_marks(qtbot: QtBot, danish: None) -> None:
    """"Forventet (kun til dig): Fredericia" ran into its "Rigtigt" button."""
    dialog = QuestionsDialog(
        [Question(QuestionKind.FORMER_ADDRESS, "2005", "Frederikshavn"), Question(QuestionKind.MOTHER_FIRST_NAME, "", "Bodil")],
        1,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    expected = dialog.findChild(QLabel, "expected_0")
    assert expected is not None and "Frederikshavn" in expected.text()
    text_end = expected.x() + expected.fontMetrics().horizontalAdvance(expected.text())
    assert dialog.right[0].x() - text_end >= 2 * dialog.fontMetrics().averageCharWidth()


def test_an_action_dialog_keeps_its_rows_together_at_the_top(qtbot: QtBot) -> None:
    """The reopen dialog opened with a third of its height blank between the citizen's name and the
    consequence: the room the fixed size left over went between the rows."""
    from ui.action_dialog import ActionDialog

    dialog = ActionDialog("Reopen", "Reopen", lambda _choice: "It works again at once.", facts=[("Citizen", "Niels Brønd")])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    name = next(label for label in dialog.findChildren(QLabel) if label.text() == "Niels Brønd")
    gap = dialog.consequence.y() - (name.y() + name.height())
    assert gap < 3 * dialog.fontMetrics().height()
