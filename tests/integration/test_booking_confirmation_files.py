"""Booking confirmations (the citizen's name, service, time and booking code) leave the desk's disk when
nobody needs them any more: when the booking is cancelled, and in the purge's sweep once the booking is gone,
was cancelled elsewhere, or ended more than the purge's days ago. Before, every confirmation ever written
stayed in data/confirmations for good, after the booking itself had been purged for privacy."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from borgerservice_desk import cli
from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import sqlite_url
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import NOW, SeededTemplates
from tests.integration.test_booking import NEXT_TUESDAY, _citizens
from tests.support.clock import MovableClock
from tests.support.refusals import refused_with


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_cancelling_a_booking_deletes_its_confirmation_and_no_other(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=MovableClock(NOW))
    first, second = _citizens(services, 2)
    cancelled = desk.booking.book(clerk, first, "passport", NEXT_TUESDAY)
    kept = desk.booking.book(clerk, second, "passport", NEXT_TUESDAY + timedelta(hours=1))
    pdf, ics = desk.booking.write_confirmation(clerk, cancelled.appointment_id)
    other = desk.booking.write_confirmation(clerk, kept.appointment_id)
    with services.db.read() as session:
        person = session.get(Citizen, first)
        assert person is not None
    assert person.surname in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()

    desk.booking.cancel(clerk, cancelled.appointment_id)

    assert not pdf.exists() and not ics.exists()
    assert _names(pdf.parent) == sorted(p.name for p in other)
    # Printed again from the day list (Ctrl+P): never for a time the citizen no longer has.
    with refused_with("appointment.not_booked", RuleViolation):
        desk.booking.write_confirmation(clerk, cancelled.appointment_id)
    assert not pdf.exists() and not ics.exists()
    # The purge of the cancelled booking (ended 90 days and more ago) finds nothing of it left either.
    desk_clock = MovableClock(NOW + timedelta(days=200))
    later = build_services(services.db, Paths(tmp_path / "desk"), clock=desk_clock)
    assert later.appointments.purge_older_than(90) >= 1
    assert not pdf.exists() and not ics.exists()


def test_the_sweep_deletes_the_confirmations_nobody_needs_and_keeps_the_rest(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=clock)
    folder = desk.booking.confirmations_dir
    assert folder is not None
    days = 30
    purged, cancelled, ended_long_ago, ended_lately, coming = _citizens(services, 5)
    bookings = {
        "purged": desk.booking.book(clerk, purged, "mitid", NEXT_TUESDAY),
        "cancelled": desk.booking.book(clerk, cancelled, "mitid", NEXT_TUESDAY + timedelta(hours=1)),
        "ended_long_ago": desk.booking.book(clerk, ended_long_ago, "mitid", NEXT_TUESDAY + timedelta(hours=2)),
        "ended_lately": desk.booking.book(clerk, ended_lately, "mitid", NEXT_TUESDAY + timedelta(hours=3)),
        "coming": desk.booking.book(clerk, coming, "mitid", NEXT_TUESDAY + timedelta(days=1)),
    }
    files = {name: desk.booking.write_confirmation(clerk, b.appointment_id) for name, b in bookings.items()}
    # Cancelled at another desk: this desk's copy of the confirmation stays behind until the sweep.
    services.booking.cancel(clerk, bookings["cancelled"].appointment_id)
    with services.db.unit_of_work() as uow:  # gone: the purge (or another database's booking)
        appointment = uow.session.get(Appointment, bookings["purged"].appointment_id)
        assert appointment is not None
        uow.session.delete(appointment)
        uow.commit()
    # Two bookings that have been and gone, at night (no demo booking in the way): when the sweep runs, one
    # ended exactly the sweep's days ago (not more: kept, as the purge keeps its booking), one a day earlier.
    lately = datetime(2026, 10, 1, 2, 0, tzinfo=UTC)
    with services.db.unit_of_work() as uow:
        for name, start in (("ended_long_ago", lately - timedelta(days=1)), ("ended_lately", lately)):
            appointment = uow.session.get(Appointment, bookings[name].appointment_id)
            assert appointment is not None
            appointment.starts_at, appointment.ends_at = start, start + timedelta(minutes=15)
        uow.commit()
    clock.set(lately + timedelta(minutes=15, days=days))
    # What is not a booking's confirmation is not the sweep's to judge, whatever its name.
    strangers = ["notes.pdf", "ABCDEF.txt", "ABCDEFG.ics", "abcdef.pdf"]
    for name in strangers:
        (folder / name).write_text("not a confirmation")

    assert desk.booking.sweep_confirmations(days) == 6  # a PDF and an .ics of three bookings

    for name in ("purged", "cancelled", "ended_long_ago"):
        assert not any(p.exists() for p in files[name]), name
    kept = [p.name for name in ("ended_lately", "coming") for p in files[name]]
    assert _names(folder) == sorted([*kept, *strangers])
    assert desk.booking.sweep_confirmations(days) == 0
    with pytest.raises(InvalidInput):
        desk.booking.sweep_confirmations(0)


def test_the_sweep_without_a_confirmations_folder_deletes_nothing_and_makes_none(
    services: Services, tmp_path: Path
) -> None:
    desk = build_services(services.db, Paths(tmp_path / "never-used"), clock=MovableClock(NOW))
    assert desk.booking.sweep_confirmations(90) == 0
    assert not (tmp_path / "never-used").exists()


def test_the_purge_command_sweeps_this_desks_confirmations(
    tmp_path: Path, seeded_templates: SeededTemplates, capsys: pytest.CaptureFixture[str]
) -> None:
    """`purge-appointments` (the centre's scheduled privacy clean-up) removes the confirmations of bookings
    that are gone from the data folder's confirmations, next to the purge of the bookings themselves."""
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    seeded_templates.fill(sqlite_url(Paths(data).database_file))
    folder = Paths(data).confirmations_dir
    folder.mkdir(mode=0o700)
    from borgerservice_desk.storage.database import Database

    db = Database.open(sqlite_url(Paths(data).database_file))
    with db.read() as session:
        taken = set(session.scalars(select(Appointment.booking_code)))
    db.dispose()
    gone = next(code for code in ("ABCDEF", "GHJKLM", "NPQRST") if code not in taken)
    for suffix in (".pdf", ".ics"):
        (folder / f"{gone}{suffix}").write_bytes(b"the booking of a citizen, purged long ago")
    (folder / "notes.txt").write_text("not a confirmation")

    assert cli.main(["--data-dir", str(data), "purge-appointments", "--older-than-days", "90"]) == 0

    assert _names(folder) == ["notes.txt"]
    assert f"deleted 2 booking confirmation files no longer needed from {folder}" in capsys.readouterr().out


def test_each_start_of_the_window_sweeps_the_confirmations_of_times_gone_by(
    tmp_path: Path, seeded_templates: SeededTemplates
) -> None:
    """On a counter PC where nobody set up the purge command, the confirmations of bookings whose time is a
    day and more gone (every one the citizen had, for as long as the desk ran) stayed for good. The real
    window, started on the real clock, clears them before its sign-in; the confirmation of a time to come
    stays."""
    import os
    import subprocess
    import sys
    import time

    from borgerservice_desk.storage.database import Database

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    seeded_templates.fill(sqlite_url(Paths(data).database_file))
    db = Database.open(sqlite_url(Paths(data).database_file))
    desk = build_services(db, Paths(data))  # the real clock, as the window has
    clerk = desk.auth.sign_in("clerk", "demo")
    with db.read() as session:
        # The seeded days are long past on the real clock (the template's today is the tests' fixed one).
        past = session.scalars(select(Appointment.booking_code).where(Appointment.ends_at < NOW)).first()
    assert past is not None
    (citizen,) = _citizens(desk, 1)
    [free] = desk.booking.next_free(clerk, "passport", limit=1)
    coming = desk.booking.book(clerk, citizen, "passport", free.starts_at)
    kept = desk.booking.write_confirmation(clerk, coming.appointment_id)
    db.dispose()
    folder = Paths(data).confirmations_dir
    for suffix in (".pdf", ".ics"):
        (folder / f"{past}{suffix}").write_bytes(b"a confirmation of a time gone by")

    root = Path(__file__).resolve().parents[2]
    window = subprocess.Popen(
        [sys.executable, str(root / "main.py"), "--data-dir", str(data)],
        cwd=root, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while (folder / f"{past}.pdf").exists() or (folder / f"{past}.ics").exists():
            assert window.poll() is None, "the window ended before it showed its sign-in"
            assert time.monotonic() < deadline, "the window never swept the old confirmations"
            time.sleep(0.2)
    finally:
        window.kill()
        window.wait(timeout=30)
    assert _names(folder) == sorted(p.name for p in kept)


def test_a_booking_keeps_the_language_its_confirmation_was_last_written_in(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """The day list shows it, so that Ctrl+P and a move write the next one in the citizen's language without
    the clerk choosing again; a language the receipts cannot write is refused and nothing is kept."""
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=MovableClock(NOW))
    (citizen,) = _citizens(services, 1)
    booked = desk.booking.book(clerk, citizen, "passport", NEXT_TUESDAY)

    def kept() -> str | None:
        rows = desk.appointments.day(clerk, NEXT_TUESDAY.date())
        return next(row.confirmation_language for row in rows if row.id == booked.appointment_id)

    assert kept() is None  # none written yet
    pdf, _ics = desk.booking.write_confirmation(clerk, booked.appointment_id, language="en")
    assert kept() == "en"
    assert "Booking code" in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    desk.booking.write_confirmation(clerk, booked.appointment_id, language="da")
    assert kept() == "da"
    with pytest.raises(ValueError, match="unknown confirmation language"):
        desk.booking.write_confirmation(clerk, booked.appointment_id, language="de")
    assert kept() == "da"
    # Written nowhere (the folder is a file): no confirmation in English, so the booking's stays Danish.
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with pytest.raises(OSError):
        desk.booking.write_confirmation(clerk, booked.appointment_id, blocked, language="en")
    assert kept() == "da"
    with services.db.read() as session:
        stored = session.scalars(select(Appointment.confirmation_language).where(Appointment.id == booked.appointment_id))
        assert stored.one() == "da"
