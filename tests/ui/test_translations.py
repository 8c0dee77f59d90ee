"""No English in the Danish window: every text the widgets translate has a finished Danish translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.services.context import ClerkContext

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "desk_da.ts"


def test_every_translatable_text_of_the_window_has_a_danish_translation(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        pytest.skip("pyside6-lupdate is not installed")
    copy = tmp_path / "desk_da.ts"
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(copy)], check=True, capture_output=True, cwd=TS.parent)
    missing = [
        f"{context.findtext('name')}: {message.findtext('source')}"
        for context in ET.parse(copy).getroot()
        for message in context.findall("message")
        if (message.find("translation") is not None and message.find("translation").get("type") == "unfinished")  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert missing == [], "add these to resources/i18n/desk_da.ts:\n" + "\n".join(missing)


def test_the_clerk_dialogs_speak_danish(qtbot: QtBot, sqlite_services: Services, danish: None) -> None:
    from ui.messages import describe_error
    from ui.password_dialog import ChangePasswordDialog
    from ui.users_dialog import UsersDialog

    supervisor = sqlite_services.auth.sign_in("supervisor", "demo")
    users = UsersDialog(sqlite_services, supervisor)
    qtbot.addWidget(users)
    qtbot.waitUntil(lambda: len(users.rows) >= 2)
    assert users.windowTitle() == "Centrets brugere"
    assert users.table.horizontalHeaderItem(0).text() == "Brugernavn"
    change = ChangePasswordDialog(sqlite_services.auth, supervisor, forced=True)
    qtbot.addWidget(change)
    assert change.windowTitle() == "Skift adgangskode"
    from borgerservice_desk.errors import RuleViolation

    text = describe_error(RuleViolation("auth.locked", until="2026-11-27T09:01:00+00:00"))
    assert text.startswith("For mange forkerte forsøg") and "27-11-2026 10:01" in text



def test_a_taken_time_with_nothing_free_after_it_says_so_instead_of_naming_a_time(danish: None) -> None:
    """It read "The next free time is -." when the horizon held no free time for the service."""
    from borgerservice_desk.errors import RuleViolation
    from ui.messages import describe_error

    none_free = describe_error(RuleViolation("booking.taken", next_free=None, horizon_days=90))
    assert none_free.startswith("Tiden er optaget") and "90 dage" in none_free and "-" not in none_free
    one_free = describe_error(RuleViolation("booking.taken", next_free="2026-12-08T09:00:00+00:00"))
    assert "08-12-2026 10:00" in one_free and "dage" not in one_free


def test_a_passed_time_refused_a_confirmation_says_so_not_that_it_cannot_be_cancelled(danish: None) -> None:
    from borgerservice_desk.errors import RuleViolation
    from ui.messages import describe_error

    at = "2026-11-27T08:00:00+00:00"
    refused = describe_error(RuleViolation("appointment.passed", booked_for=at, confirmation=True))
    assert "ingen bekræftelse" in refused and "aflyses" not in refused and "27-11-2026 09:00" in refused
    cancel = describe_error(RuleViolation("appointment.passed", booked_for=at))
    assert "aflyses eller flyttes" in cancel and "bekræftelse" not in cancel


def test_the_window_menus_speak_danish(
    qtbot: QtBot, sqlite_services: Services, clerk_ctx: ClerkContext, danish: None
) -> None:
    from ui.main_window import MainWindow

    main = MainWindow(sqlite_services, clerk_ctx, "da")
    qtbot.addWidget(main)
    titles = [action.text() for action in main.menuBar().actions()]
    assert "&Konto" in titles
    qtbot.waitUntil(lambda: main.today.model.rowCount() > 0)
    main.runner.wait_for_done()


@pytest.mark.parametrize(
    "error",
    [
        "init.not_empty",
        "init.bad_centre_name",
        "init.bad_centre_address",
        "identity_check.not_found",
        "clerk.last_supervisor",
    ],
)
def test_the_set_up_and_clerk_refusals_have_their_own_text_in_danish(error: str, danish: None) -> None:
    from borgerservice_desk.errors import RuleViolation
    from ui.messages import describe_error

    text = describe_error(RuleViolation(error, max_length=120))
    assert error not in text and "{" not in text  # not the generic "refused (code)" text
    assert any(word in text for word in ("center", "Centret", "Identitetskontrollen", "Skriv")), text
