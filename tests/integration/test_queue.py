"""The day at the counter: arrivals on time and late, walk-ins, calling the next, no-shows."""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import AppointmentStatus, Role, TicketKind
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services.appointments import AppointmentRow, AppointmentService
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.queue import BoardCall, DisplayPass, Serving, Waiting
from borgerservice_desk.storage.models import Appointment, QueueTicket, Service
from tests.conftest import NOW, TODAY
from tests.support.clock import MovableClock
from tests.support.other_centre import ODENSE_PASSWORD, add_odense_clerk
from tests.support.refusals import refused_with


def _booked(services: Services, clerk: ClerkContext, low: timedelta, high: timedelta) -> AppointmentRow:
    """A booked appointment today starting between NOW+low and NOW+high."""
    for row in services.appointments.day(clerk, TODAY):
        if row.status is AppointmentStatus.BOOKED and NOW + low <= row.starts_at <= NOW + high:
            return row
    raise AssertionError("no such appointment in the demo day")


def _roomy_counter(services: Services, clerk: ClerkContext, minutes: int, among: tuple[int, ...] = (1, 2, 3, 4)) -> int:
    """A counter whose next booked citizen is far enough off for a walk-in of `minutes` to fit first."""
    soon = {
        int(r.counter.split()[-1])
        for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and NOW < r.starts_at < NOW + timedelta(minutes=minutes)
    }
    return next(c for c in among if c not in soon)


def _status(services: Services, appointment_id: int) -> AppointmentStatus:
    with services.db.read() as session:
        appointment = session.get(Appointment, appointment_id)
        assert appointment is not None
        return appointment.status


def test_on_time_by_booking_code_then_called_at_its_counter(services: Services, clerk: ClerkContext) -> None:
    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code.lower())
    assert arrival.kind is TicketKind.APPOINTMENT and not arrival.late and arrival.number == 1
    assert _status(services, row.id) is AppointmentStatus.CHECKED_IN
    counter_id = int(row.counter.split()[-1])  # demo counters are "Skranke N" with id N
    called = services.queue.call_next(clerk, counter_id)
    assert called is not None and called.number == arrival.number and called.appointment_id == row.id
    assert [(s.number, s.counter) for s in services.queue.now_serving(clerk)] == [(1, row.counter)]
    # The clerk then serves the citizen: the visit opens from the checked-in appointment.
    visit = services.appointments.check_in(clerk, row.id)
    assert visit.appointment_id == row.id


def test_too_late_goes_to_the_walk_in_queue_and_frees_the_time(services: Services, clerk: ClerkContext) -> None:
    row = _booked(services, clerk, timedelta(hours=-1), timedelta(minutes=-11))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    assert arrival.late and arrival.kind is TicketKind.WALK_IN and arrival.appointment_id is None
    assert _status(services, row.id) is AppointmentStatus.CANCELLED


def test_a_late_arrival_counts_in_statistics_as_a_late_booking_not_a_cancelled_one(
    services: Services, clerk: ClerkContext
) -> None:
    def today(service: str) -> tuple[int, int, int]:
        row = next((r for r in services.statistics.per_service_and_day(clerk, TODAY, TODAY) if r.service == service), None)
        return (row.bookings, row.late_arrivals, row.no_shows) if row else (0, 0, 0)

    late = _booked(services, clerk, timedelta(hours=-1), timedelta(minutes=-11))
    bookings, late_arrivals, no_shows = today(late.service_code)
    assert services.queue.arrive(clerk, booking_code=late.booking_code).late
    # The citizen came (late): still a booking of the day, counted as late, and no no-show either.
    assert today(late.service_code) == (bookings, late_arrivals + 1, no_shows)
    # A booking cancelled beforehand is no booking of the day, and no late arrival.
    cancelled = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=2)
    )
    bookings, late_arrivals, no_shows = today(cancelled.service_code)
    services.booking.cancel(clerk, cancelled.id)
    assert today(cancelled.service_code) == (bookings - 1, late_arrivals, no_shows)


def test_too_early_is_refused_with_when_to_come_back(services: Services, clerk: ClerkContext) -> None:
    row = _booked(services, clerk, timedelta(minutes=31), timedelta(hours=4))
    with pytest.raises(RuleViolation) as caught:
        services.queue.arrive(clerk, booking_code=row.booking_code)
    assert caught.value.code == "arrival.too_early"
    assert _status(services, row.id) is AppointmentStatus.BOOKED


def test_arrival_by_cpr_number(services: Services, clerk: ClerkContext) -> None:
    from borgerservice_desk.storage.models import Citizen

    for row in services.appointments.day(clerk, TODAY):
        if row.status is AppointmentStatus.BOOKED and row.cpr_masked and abs(row.starts_at - NOW) <= timedelta(minutes=10):
            with services.db.read() as session:
                citizen = session.get(Citizen, row.citizen_id)
                assert citizen is not None and citizen.cpr is not None
                cpr = citizen.cpr
            arrival = services.queue.arrive(clerk, cpr=cpr)
            assert arrival.kind is TicketKind.APPOINTMENT
            return
    pytest.fail("no appointment near now with a CPR number in the demo day")


def test_walk_ins_are_called_in_order_and_a_no_show_is_recorded(services: Services, clerk: ClerkContext) -> None:
    first = services.queue.walk_in(clerk, "health_card")
    second = services.queue.walk_in(clerk, "health_card")
    assert second.number == first.number + 1
    counter = _roomy_counter(services, clerk, 10)
    called = services.queue.call_next(clerk, counter)
    assert called is not None and called.number == first.number
    services.queue.mark_no_show(clerk, called.ticket_id)
    again = services.queue.call_next(clerk, counter)
    assert again is not None and again.number == second.number


def test_a_counter_that_does_not_serve_the_service_does_not_call_the_walk_in(services: Services, clerk: ClerkContext) -> None:
    services.queue.walk_in(clerk, "residence")  # the demo's counter 4 does not do residence documents
    assert services.queue.call_next(clerk, 4) is None
    assert services.queue.call_next(clerk, _roomy_counter(services, clerk, 30, (1, 2, 3))) is not None


def test_desks_issuing_tickets_at_once_never_share_a_number(services: Services, clerk: ClerkContext) -> None:
    numbers: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(6)

    def desk() -> None:
        barrier.wait()
        try:
            for _ in range(3):
                number = services.queue.walk_in(clerk, "mitid").number
                with lock:
                    numbers.append(number)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=desk) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(numbers) == list(range(1, 19))
    with services.db.read() as session:
        assert len(session.scalars(select(QueueTicket)).all()) == 18


def test_old_appointments_are_purged_by_the_command(tmp_path: Path) -> None:
    """The command as cron runs it, on the machine's own clock: so the demo days are laid relative to the
    machine's today (they run from 3 days before to 4 after the day given), all of them ended weeks ago."""
    from borgerservice_desk.demo import seed_demo_data
    from borgerservice_desk.storage.database import Database, sqlite_url

    machine_today = datetime.now(ZoneInfo("Europe/Copenhagen")).date()
    db = Database.open(sqlite_url(tmp_path / "desk.sqlite3"))
    seed_demo_data(db, today=machine_today - timedelta(days=30), citizens=60)
    with db.read() as session:
        before = len(session.scalars(select(Appointment)).all())
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "main.py"), "--data-dir", str(tmp_path), "purge-appointments", "--older-than-days", "7"],
        capture_output=True, text=True, check=False, cwd=root,
    )
    assert result.returncode == 0, result.stderr
    with db.read() as session:
        after = session.scalars(select(Appointment)).all()
    assert before > 0 and after == []  # every demo appointment ended more than 7 days before today
    assert f"deleted {before}" in result.stdout
    db.dispose()


def test_the_purge_keeps_what_ended_within_the_days_given(services: Services) -> None:
    """On the fixed clock: an appointment that ended just inside the window stays, one just outside goes."""
    clock = MovableClock(NOW)
    appointments = AppointmentService(services.db, clock)
    with services.db.read() as session:
        ends = sorted(session.scalars(select(Appointment.ends_at)).all())
    oldest, second = ends[0], next(e for e in ends if e > ends[0])
    clock.set(oldest + timedelta(days=7, minutes=1))  # the oldest ended 7 days and a minute ago
    assert appointments.purge_older_than(7) == ends.count(oldest)
    clock.set(second + timedelta(days=7))  # the next ended exactly 7 days ago: not more than 7
    assert appointments.purge_older_than(7) == 0
    with services.db.read() as session:
        assert min(session.scalars(select(Appointment.ends_at)).all()) == second
    with pytest.raises(InvalidInput) as caught:
        appointments.purge_older_than(0)
    assert caught.value.code == "purge.days"


def test_statistics_count_bookings_no_shows_and_waiting_time(seeded_db: object, tmp_path: object) -> None:
    import itertools
    from pathlib import Path

    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from borgerservice_desk.storage.database import Database

    assert isinstance(seeded_db, Database) and isinstance(tmp_path, Path)
    minutes = itertools.count()
    services = build_services(seeded_db, Paths(tmp_path / "s"), clock=lambda: NOW + timedelta(minutes=3 * next(minutes)))
    clerk = services.auth.sign_in("clerk", "demo")
    ticket = services.queue.walk_in(clerk, "health_card")
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 25))
    assert called is not None and called.ticket_id == ticket.ticket_id
    stats = {(r.day, r.service): r for r in services.statistics.per_service_and_day(clerk, TODAY - timedelta(days=7), TODAY)}
    today = stats[(TODAY, "health_card")]
    assert today.served_from_queue == 1 and today.median_wait_minutes is not None and today.median_wait_minutes > 0
    past = [r for r in stats.values() if r.day < TODAY]
    assert sum(r.bookings for r in past) > 0 and 0 < sum(r.no_shows for r in past) < sum(r.bookings for r in past)


def test_a_walk_in_is_only_called_where_it_fits_before_the_next_appointment(services: Services, clerk: ClerkContext) -> None:
    rows = [r for r in services.appointments.day(clerk, TODAY) if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW]
    tight = next(
        r for r in sorted(rows, key=lambda r: r.starts_at)
        if r.starts_at - NOW < timedelta(minutes=20)
    )
    counter_id = int(tight.counter.split()[-1])
    services.queue.walk_in(clerk, "passport")  # 20 minutes: does not fit before the booked citizen
    # Not "nobody is waiting": the clerk is told a walk-in waits and whose time it would run into.
    with pytest.raises(RuleViolation) as refused:
        services.queue.call_next(clerk, counter_id)
    assert (refused.value.code, refused.value.params) == (
        "queue.walk_ins_wait", {"waiting": 1, "starts_at": tight.starts_at.isoformat(), "begun": False},
    )
    # A counter with room for 20 minutes does call it.
    assert services.queue.call_next(clerk, _roomy_counter(services, clerk, 20, (1, 2, 3))) is not None


def test_waiting_per_service_counts_todays_waiting_tickets_for_every_service(
    services: Services, clerk: ClerkContext
) -> None:
    before = {w.service: w.waiting for w in services.queue.waiting_per_service(clerk)}
    assert {"mitid", "health_card", "passport"} <= set(before)  # every service, waiting or not
    services.queue.walk_in(clerk, "health_card")
    services.queue.walk_in(clerk, "health_card")
    services.queue.walk_in(clerk, "passport")
    after = {w.service: w.waiting for w in services.queue.waiting_per_service(clerk)}
    assert after["health_card"] == before["health_card"] + 2
    assert after["passport"] == before["passport"] + 1
    assert {k: v for k, v in after.items() if k not in ("health_card", "passport")} == {
        k: v for k, v in before.items() if k not in ("health_card", "passport")
    }
    # A called ticket waits no more.
    counter_id = _roomy_counter(services, clerk, 15)
    called = services.queue.call_next(clerk, counter_id)
    assert called is not None
    again = {w.service: w.waiting for w in services.queue.waiting_per_service(clerk)}
    assert sum(again.values()) == sum(after.values()) - 1
    # Counts are the clerk's to see: a clerk deactivated since sign-in sees nothing.
    with services.db.unit_of_work() as uow:
        from borgerservice_desk.storage.models import Clerk

        uow.session.get_one(Clerk, clerk.clerk_id).active = False
        uow.commit()
    with pytest.raises(RuleViolation) as caught:
        services.queue.waiting_per_service(clerk)
    assert caught.value.code == "auth.not_active"


def test_the_public_board_shows_the_last_calls_newest_first_and_runs_without_a_clerk(
    services: Services, clerk: ClerkContext
) -> None:
    from dataclasses import fields

    from borgerservice_desk.services.queue import BoardCall

    display = services.queue.open_display(clerk)
    before = services.queue.public_board(display, 6)
    services.queue.walk_in(clerk, "health_card")
    counter_id = _roomy_counter(services, clerk, 15)
    called = services.queue.call_next(clerk, counter_id)
    assert called is not None
    board = services.queue.public_board(display, 6)
    assert (board[0].number, board[0].counter) == (called.number, called.counter)
    assert [c.ticket_id for c in board[1:]] == [c.ticket_id for c in before][: len(board) - 1]
    # Numbers, counters and times only: nothing that could name a citizen.
    assert {f.name for f in fields(BoardCall)} == {"ticket_id", "number", "counter", "called_at"}
    # The display keeps its board after the clerk who opened it is gone (signed out, deactivated).
    with services.db.unit_of_work() as uow:
        from borgerservice_desk.storage.models import Clerk

        uow.session.get_one(Clerk, clerk.clerk_id).active = False
        uow.commit()
    assert services.queue.public_board(display, 6) == board
    with refused_with("auth.not_active", RuleViolation):
        services.queue.open_display(clerk)  # but a clerk who is gone cannot open a new one


def _moving(services: Services, tmp_path: Path, clock: MovableClock) -> tuple[Services, ClerkContext]:
    """The same database on a clock the test moves, and the demo clerk signed in on it."""
    moving = build_services(services.db, Paths(tmp_path / "moving"), clock=clock)
    return moving, moving.auth.sign_in("clerk", "demo")


def _clerk_of_another_centre(services: Services) -> ClerkContext:
    return services.auth.sign_in(add_odense_clerk(services.db, Role.CLERK), ODENSE_PASSWORD)


def test_the_board_shows_the_latest_call_first_though_it_was_the_older_ticket(
    services: Services, tmp_path: Path
) -> None:
    """Newest *call* first, not newest ticket: a booked citizen is called ahead of an earlier walk-in."""
    clock = MovableClock(NOW)
    queue_services, clerk = _moving(services, tmp_path, clock)
    queue = queue_services.queue
    display = queue.open_display(clerk)
    assert queue.public_board(display, 6) == []  # nobody called yet on the demo day
    row = _booked(queue_services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    walk_in = queue.walk_in(clerk, "health_card")
    arrival = queue.arrive(clerk, booking_code=row.booking_code)
    assert walk_in.number < arrival.number
    booked_counter = int(row.counter.split()[-1])
    clock.advance(timedelta(minutes=1))
    booked_call = queue.call_next(clerk, booked_counter)
    assert booked_call is not None and booked_call.ticket_id == arrival.ticket_id
    clock.advance(timedelta(minutes=1))
    others = tuple(c for c in (1, 2, 3, 4) if c != booked_counter)
    walk_in_call = queue.call_next(clerk, _roomy_counter(queue_services, clerk, 15, others))
    assert walk_in_call is not None and walk_in_call.ticket_id == walk_in.ticket_id
    assert queue.public_board(display, 6) == [
        BoardCall(walk_in.ticket_id, walk_in.number, walk_in_call.counter, NOW + timedelta(minutes=2)),
        BoardCall(arrival.ticket_id, arrival.number, row.counter, NOW + timedelta(minutes=1)),
    ]
    assert queue.now_serving(clerk) == [
        Serving(walk_in.number, walk_in_call.counter), Serving(arrival.number, row.counter),
    ]


def test_calls_at_the_same_moment_show_the_last_called_first_and_only_as_many_as_asked(
    services: Services, clerk: ClerkContext
) -> None:
    tickets = [services.queue.walk_in(clerk, "health_card") for _ in range(9)]
    counter = _roomy_counter(services, clerk, 15)
    for ticket in tickets:  # all within the fixed clock's one moment, in number order
        called = services.queue.call_next(clerk, counter)
        assert called is not None and called.ticket_id == ticket.ticket_id
    latest_first = [t.number for t in reversed(tickets)]
    # The clerk's panel shows the last eight calls; the display as many rows as it has.
    assert [s.number for s in services.queue.now_serving(clerk)] == latest_first[:8]
    assert [s.number for s in services.queue.now_serving(clerk, limit=2)] == latest_first[:2]
    display = services.queue.open_display(clerk)
    assert [c.number for c in services.queue.public_board(display, 3)] == latest_first[:3]
    assert [c.number for c in services.queue.public_board(display, 20)] == latest_first


def test_the_board_and_the_waiting_counts_hold_only_todays_tickets_of_this_centre(
    services: Services, tmp_path: Path
) -> None:
    # Yesterday at 18:00 in Copenhagen, after the last booking: one walk-in called, one left waiting.
    clock = MovableClock(NOW - timedelta(days=1) + timedelta(hours=8))
    queue_services, clerk = _moving(services, tmp_path, clock)
    queue = queue_services.queue
    queue.walk_in(clerk, "health_card")
    queue.walk_in(clerk, "health_card")
    assert queue.call_next(clerk, 1) is not None
    clock.set(NOW)
    display = queue.open_display(clerk)
    assert queue.public_board(display, 6) == [] and queue.now_serving(clerk) == []
    assert {w.service: w.waiting for w in queue.waiting_per_service(clerk)}["health_card"] == 0
    # Another centre's queue is its own: its waiting citizen is not counted here, nor our calls shown there.
    stranger = _clerk_of_another_centre(queue_services)
    queue.walk_in(stranger, "health_card")
    assert {w.service: w.waiting for w in queue.waiting_per_service(clerk)}["health_card"] == 0
    queue.walk_in(clerk, "health_card")
    called = queue.call_next(clerk, _roomy_counter(queue_services, clerk, 15))
    assert called is not None
    assert [c.ticket_id for c in queue.public_board(display, 6)] == [called.ticket_id]
    assert queue.public_board(queue.open_display(stranger), 6) == []
    # A citizen who did not come is no longer called to the counter.
    queue.mark_no_show(clerk, called.ticket_id)
    assert queue.public_board(display, 6) == [] and queue.now_serving(clerk) == []
    # A display whose centre is gone shows nothing at all rather than another centre's calls.
    with refused_with("centre.not_found", NotFound):
        queue.public_board(DisplayPass(centre_id=999_999), 6)


def test_waiting_counts_name_every_service_in_danish_and_english_in_the_order_offered(
    services: Services, clerk: ClerkContext
) -> None:
    with services.db.read() as session:
        offered = [(s.code, s.name_da, s.name_en) for s in session.scalars(select(Service).order_by(Service.id))]
    services.queue.walk_in(clerk, "passport")
    assert services.queue.waiting_per_service(clerk) == [
        Waiting(code, name_da, name_en, 1 if code == "passport" else 0) for code, name_da, name_en in offered
    ]


def test_only_a_called_ticket_of_the_clerks_own_centre_can_be_marked_a_no_show(
    services: Services, clerk: ClerkContext
) -> None:
    waiting = services.queue.walk_in(clerk, "health_card")
    with pytest.raises(RuleViolation) as not_called:
        services.queue.mark_no_show(clerk, waiting.ticket_id)  # still waiting: nobody was called to come
    assert (not_called.value.code, not_called.value.params) == ("ticket.not_called", {"status": "waiting"})
    with refused_with("ticket.not_found", NotFound):
        services.queue.mark_no_show(clerk, 999_999)
    called = services.queue.call_next(clerk, _roomy_counter(services, clerk, 15))
    assert called is not None
    with refused_with("ticket.not_found", NotFound):
        services.queue.mark_no_show(_clerk_of_another_centre(services), called.ticket_id)
    services.queue.mark_no_show(clerk, called.ticket_id)
    with pytest.raises(RuleViolation) as again:
        services.queue.mark_no_show(clerk, called.ticket_id)
    assert (again.value.code, again.value.params) == ("ticket.not_called", {"status": "no_show"})


def test_a_booked_citizen_called_who_does_not_come_is_a_no_show_in_the_audit_trail_too(
    services: Services, clerk: ClerkContext
) -> None:
    from borgerservice_desk.storage.models import AuditEntry

    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    called = services.queue.call_next(clerk, int(row.counter.split()[-1]))
    assert called is not None and called.appointment_id == row.id
    services.queue.mark_no_show(clerk, called.ticket_id)
    # The booking counts as not kept (statistics, the day list), not as checked in.
    assert _status(services, row.id) is AppointmentStatus.NO_SHOW
    with services.db.read() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "queue.no_show")).all()
    assert (entry.clerk_id, entry.citizen_id, entry.outcome, entry.detail) == (
        clerk.clerk_id, row.citizen_id, "ok", {"ticket": arrival.number},
    )


def test_a_call_records_who_is_called_to_which_counter_by_whom(services: Services, clerk: ClerkContext) -> None:
    from borgerservice_desk.domain.desk import TicketStatus
    from borgerservice_desk.services.queue import Called
    from borgerservice_desk.storage.models import AuditEntry

    row = _booked(services, clerk, timedelta(minutes=-5), timedelta(minutes=5))
    own_counter = int(row.counter.split()[-1])
    walk_in_counter = _roomy_counter(services, clerk, 10, tuple(c for c in (1, 2, 3, 4) if c != own_counter))
    arrival = services.queue.arrive(clerk, booking_code=row.booking_code)
    walk_in = services.queue.walk_in(clerk, "health_card")  # nobody named: the citizen is asked at the counter

    # The booked citizen is called at the booking's own counter; the walk-in where there is room.
    assert services.queue.call_next(clerk, own_counter) == Called(
        arrival.ticket_id, arrival.number, row.counter, row.citizen_id, row.id
    )
    assert services.queue.call_next(clerk, walk_in_counter) == Called(
        walk_in.ticket_id, walk_in.number, f"Skranke {walk_in_counter}", None, None
    )
    with services.db.read() as session:
        tickets = {t.id: t for t in session.scalars(select(QueueTicket))}
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "queue.call").order_by(AuditEntry.id)
        ).all()
    for ticket_id, counter_id in ((arrival.ticket_id, own_counter), (walk_in.ticket_id, walk_in_counter)):
        ticket = tickets[ticket_id]
        assert (ticket.status, ticket.called_at, ticket.counter_id, ticket.called_by) == (
            TicketStatus.CALLED, NOW, counter_id, clerk.clerk_id,
        )
    assert [(e.clerk_id, e.citizen_id, e.outcome, e.detail) for e in entries] == [
        (clerk.clerk_id, row.citizen_id, "ok", {"ticket": arrival.number, "counter_id": own_counter}),
        (clerk.clerk_id, None, "ok", {"ticket": walk_in.number, "counter_id": walk_in_counter}),
    ]
    # Nobody left: nothing is called, and nothing more is recorded.
    assert services.queue.call_next(clerk, own_counter) is None


def test_a_counter_of_another_centre_or_none_calls_nobody(services: Services, clerk: ClerkContext) -> None:
    services.queue.walk_in(clerk, "health_card")
    other = _clerk_of_another_centre(services)
    with refused_with("counter.not_found"):
        services.queue.call_next(other, _roomy_counter(services, clerk, 10))
    with refused_with("counter.not_found"):
        services.queue.call_next(clerk, 999)


def test_a_booked_citizen_is_called_at_the_bookings_counter_from_five_minutes_before_earliest_first(
    services: Services, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    booked = sorted(
        (r for r in desk.appointments.day(ctx, TODAY) if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW),
        key=lambda r: r.starts_at,
    )
    # Two appointments at one counter, the second at most 25 minutes after the first.
    first, second = next(
        (a, b) for a in booked for b in booked
        if a.counter == b.counter and timedelta(0) < b.starts_at - a.starts_at <= timedelta(minutes=25)
    )
    counter = int(first.counter.split()[-1])
    elsewhere = next(c for c in (1, 2, 3, 4) if c != counter)
    clock.set(first.starts_at - timedelta(minutes=6))
    # The later one arrives first: it is still called second.
    later = desk.queue.arrive(ctx, booking_code=second.booking_code)
    earlier = desk.queue.arrive(ctx, booking_code=first.booking_code)
    assert desk.queue.call_next(ctx, counter) is None  # six minutes before: not yet
    clock.set(second.starts_at - timedelta(minutes=5))  # both are due now
    assert desk.queue.call_next(ctx, elsewhere) is None  # never at another counter
    called = [desk.queue.call_next(ctx, counter), desk.queue.call_next(ctx, counter)]
    assert [c.ticket_id if c else None for c in called] == [earlier.ticket_id, later.ticket_id]


def test_a_ticket_left_waiting_yesterday_is_not_called_today(services: Services, tmp_path: Path) -> None:
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    row = _booked(desk, ctx, timedelta(minutes=-5), timedelta(minutes=5))
    desk.queue.arrive(ctx, booking_code=row.booking_code)  # and never called
    clock.advance(timedelta(days=1))
    assert desk.queue.call_next(ctx, int(row.counter.split()[-1])) is None


def test_a_walk_in_is_called_only_where_its_service_is_served_and_never_another_centres_or_days(
    services: Services, tmp_path: Path
) -> None:
    clock = MovableClock(NOW - timedelta(days=1))
    desk, ctx = _moving(services, tmp_path, clock)
    desk.queue.walk_in(ctx, "health_card")  # yesterday's, never called
    # Today after the day's last appointment has begun: a walk-in fits at every counter.
    clock.set(max(r.starts_at for r in desk.appointments.day(ctx, TODAY)) + timedelta(minutes=1))
    desk.queue.walk_in(_clerk_of_another_centre(services), "health_card")
    desk.queue.walk_in(ctx, "residence")  # the demo's counter 4 does not do residence documents

    assert desk.queue.call_next(ctx, 4) is None
    mine = desk.queue.walk_in(ctx, "health_card")
    called = desk.queue.call_next(ctx, 4)
    assert called is not None and called.ticket_id == mine.ticket_id


def test_a_walk_in_fits_when_it_ends_as_the_next_citizen_begins_and_a_cancelled_booking_leaves_room(
    services: Services, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    with desk.db.read() as session:
        minutes = session.scalars(select(Service.minutes).where(Service.code == "health_card")).one()
    _early, late = desk.queue.arrival_window()
    rows = [r for r in desk.appointments.day(ctx, TODAY) if r.status is AppointmentStatus.BOOKED]
    # A booked citizen with exactly a health card's time free before them at their counter (and no citizen
    # booked earlier there who might still arrive in their late window).
    row = next(
        r for r in sorted(rows, key=lambda r: r.starts_at)
        if r.starts_at - timedelta(minutes=minutes) > NOW
        and not any(
            o.counter == r.counter and r.starts_at - timedelta(minutes=minutes) - late <= o.starts_at < r.starts_at
            for o in rows
        )
    )
    counter = int(row.counter.split()[-1])
    clock.set(row.starts_at - timedelta(minutes=minutes))
    first = desk.queue.walk_in(ctx, "health_card")
    called = desk.queue.call_next(ctx, counter)
    assert called is not None and called.ticket_id == first.ticket_id  # ends as the citizen begins
    clock.advance(timedelta(minutes=1))
    desk.queue.walk_in(ctx, "health_card")
    with refused_with("queue.walk_ins_wait", RuleViolation):
        desk.queue.call_next(ctx, counter)  # a minute later it would run into their time
    desk.booking.cancel(ctx, row.id)
    assert desk.queue.call_next(ctx, counter) is not None  # a cancelled booking keeps no time


def test_a_booked_citizen_who_came_early_is_not_called_as_a_walk_in_at_another_counter(
    services: Services, tmp_path: Path
) -> None:
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    rows = [r for r in desk.appointments.day(ctx, TODAY) if r.status is AppointmentStatus.BOOKED]
    last = max(rows, key=lambda r: r.starts_at)
    clock.set(last.starts_at - timedelta(minutes=20))  # early, inside the arrival window
    free = [  # counters with nothing booked from now on: any walk-in would fit there
        c for c in (1, 2, 3) if f"Skranke {c}" != last.counter
        and not any(r.counter == f"Skranke {c}" and r.starts_at > clock() for r in rows)
    ]
    desk.queue.arrive(ctx, booking_code=last.booking_code)

    assert free and all(desk.queue.call_next(ctx, c) is None for c in free)


def _booked_alone_past_its_late_window(desk: Services, ctx: ClerkContext) -> tuple[AppointmentRow, timedelta]:
    """A booked citizen later today with nothing else booked at their counter until a health card's time
    after their late window (so only they can be what holds the counter), and the late window."""
    _early, late = desk.queue.arrival_window()
    rows = [r for r in desk.appointments.day(ctx, TODAY) if r.status is AppointmentStatus.BOOKED]
    with desk.db.read() as session:
        minutes = session.scalars(select(Service.minutes).where(Service.code == "health_card")).one()
    row = next(
        r for r in sorted(rows, key=lambda r: r.starts_at)
        if r.starts_at > NOW and not any(
            o.counter == r.counter and r.starts_at < o.starts_at <= r.starts_at + late + timedelta(minutes=minutes)
            for o in rows
        )
    )
    return row, late


def test_a_booked_citizen_running_late_keeps_the_counter_until_the_late_window_has_passed(
    services: Services, tmp_path: Path
) -> None:
    """The booked time is the citizen's until they may no longer arrive on time (`arrival.late_minutes`,
    10 in the demo): a walk-in called into it would make the late citizen wait for a stranger."""
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    row, late = _booked_alone_past_its_late_window(desk, ctx)
    counter = int(row.counter.split()[-1])
    desk.queue.walk_in(ctx, "health_card")

    for moment in (row.starts_at, row.starts_at + timedelta(minutes=1)):  # due now, then a minute late
        clock.set(moment)
        with pytest.raises(RuleViolation) as refused:
            desk.queue.call_next(ctx, counter)
        assert (refused.value.code, refused.value.params) == (
            "queue.walk_ins_wait", {"waiting": 1, "starts_at": row.starts_at.isoformat(), "begun": True},
        )
    clock.set(row.starts_at + late)  # still on time exactly at the window's end
    with refused_with("queue.walk_ins_wait", RuleViolation):
        desk.queue.call_next(ctx, counter)
    clock.advance(timedelta(seconds=1))  # from now on they would be late: the time is free
    called = desk.queue.call_next(ctx, counter)
    assert called is not None and called.appointment_id is None
    assert _status(desk, row.id) is AppointmentStatus.BOOKED  # nothing was marked for them


def test_a_citizen_being_served_past_the_start_does_not_hold_the_counter(
    services: Services, tmp_path: Path
) -> None:
    """Only a booked citizen who has not come holds the time: one checked in and served already has it."""
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    row, _late = _booked_alone_past_its_late_window(desk, ctx)
    counter = int(row.counter.split()[-1])
    clock.set(row.starts_at)
    desk.queue.arrive(ctx, booking_code=row.booking_code)
    called = desk.queue.call_next(ctx, counter)
    assert called is not None and called.appointment_id == row.id
    desk.appointments.check_in(ctx, row.id)
    desk.queue.walk_in(ctx, "health_card")
    called = desk.queue.call_next(ctx, counter)  # the counter's next call, in the very second it began
    assert called is not None and called.appointment_id is None


def test_a_citizen_checked_in_early_keeps_their_time_from_walk_ins(services: Services, tmp_path: Path) -> None:
    """Arriving early (inside `arrival.early_minutes`) checks the citizen in long before their ticket may
    be called (CALL_AHEAD): their appointment still holds its time against a walk-in that would overrun it."""
    clock = MovableClock(NOW)
    desk, ctx = _moving(services, tmp_path, clock)
    _early, late = desk.queue.arrival_window()
    rows = [r for r in desk.appointments.day(ctx, TODAY) if r.status is AppointmentStatus.BOOKED]
    # A citizen with nobody else booked at their counter in the 20 minutes (and late window) before them.
    row = next(
        r for r in sorted(rows, key=lambda r: r.starts_at)
        if r.starts_at > NOW + timedelta(minutes=30) and not any(
            o.counter == r.counter and r.starts_at - timedelta(minutes=20) - late <= o.starts_at < r.starts_at
            for o in rows
        )
    )
    counter = int(row.counter.split()[-1])
    clock.set(row.starts_at - timedelta(minutes=15))
    assert desk.queue.arrive(ctx, booking_code=row.booking_code).appointment_id == row.id
    assert _status(desk, row.id) is AppointmentStatus.CHECKED_IN
    desk.queue.walk_in(ctx, "passport")  # 20 minutes: would still be at the counter when they are due
    with pytest.raises(RuleViolation) as refused:
        desk.queue.call_next(ctx, counter)
    assert (refused.value.code, refused.value.params) == (
        "queue.walk_ins_wait", {"waiting": 1, "starts_at": row.starts_at.isoformat(), "begun": False},
    )


def test_a_walk_in_takes_the_days_next_number_is_recorded_with_whom_and_an_unknown_service_is_named(
    services: Services, clerk: ClerkContext
) -> None:
    from borgerservice_desk.storage.models import AuditEntry, Citizen

    with services.db.read() as session:
        citizen_id = session.scalars(select(Citizen.id).order_by(Citizen.id)).first()
    named = services.queue.walk_in(clerk, "health_card", citizen_id)
    unnamed = services.queue.walk_in(clerk, "passport")  # the citizen is asked at the counter
    assert [(a.number, a.kind, a.appointment_id, a.late) for a in (named, unnamed)] == [
        (1, TicketKind.WALK_IN, None, False), (2, TicketKind.WALK_IN, None, False),
    ]
    with services.db.read() as session:
        tickets = [session.get_one(QueueTicket, a.ticket_id) for a in (named, unnamed)]
        codes = {s.id: s.code for s in session.scalars(select(Service))}
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "queue.walk_in").order_by(AuditEntry.id)
        ).all()
    assert [(t.number, t.citizen_id, codes[t.service_id], t.appointment_id) for t in tickets] == [
        (1, citizen_id, "health_card", None), (2, None, "passport", None),
    ]
    assert [(e.clerk_id, e.citizen_id, e.outcome, e.detail) for e in entries] == [
        (clerk.clerk_id, citizen_id, "ok", {"ticket": 1}), (clerk.clerk_id, None, "ok", {"ticket": 2}),
    ]
    with pytest.raises(NotFound) as unknown:
        services.queue.walk_in(clerk, "fishing_licence")
    assert (unknown.value.code, unknown.value.params) == ("service.not_found", {"query": "fishing_licence"})


def test_the_ticket_numbers_begin_at_one_each_day(services: Services, tmp_path: Path) -> None:
    clock = MovableClock(NOW - timedelta(days=1))
    desk, clerk = _moving(services, tmp_path, clock)
    assert [desk.queue.walk_in(clerk, "passport").number for _ in range(3)] == [1, 2, 3]
    clock.set(NOW)
    assert desk.queue.walk_in(clerk, "passport").number == 1
