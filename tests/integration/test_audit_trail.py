"""The audit trail on a real database: chained under concurrency, refused UPDATE/DELETE, tampering named
by verification, and the look-ups that were not logged before."""

from __future__ import annotations

import io
import itertools
import multiprocessing
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.cli.commands import verify_audit
from borgerservice_desk.domain.audit_chain import BreakReason
from borgerservice_desk.domain.desk import AppointmentStatus
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.appointments import VIEW_LOG_INTERVAL, AppointmentService
from borgerservice_desk.services.audit import AuditTrailService
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database, make_engine, migrate, sqlite_url
from borgerservice_desk.storage.models import Appointment, AuditEntry, AuditHead, Citizen, UtcDateTime
from tests.conftest import NOW, TODAY, fixed_clock
from tests.support.audit_race import report
from tests.support.refusals import refused_with

ROOT = Path(__file__).resolve().parents[2]


def _append(db: Database, count: int) -> None:
    for number in range(count):
        with db.unit_of_work() as uow:
            audit.record(uow.session, fixed_clock, None, "test.append", purpose="test", number=number, name="Ærø")
            uow.commit()


def _entries(db: Database, action: str | None = None) -> list[AuditEntry]:
    with db.read() as session:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if action is not None:
            query = query.where(AuditEntry.action == action)
        return list(session.scalars(query))


def _untriggered(db: Database, statement: str) -> None:
    """Run `statement` as someone who got past the triggers (dropped or disabled them)."""
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "sqlite":
            for name in ("audit_entry_no_update", "audit_entry_no_delete"):
                connection.exec_driver_sql(f"DROP TRIGGER {name}")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_entry DISABLE TRIGGER USER")
        connection.exec_driver_sql(statement)


# The chain --------------------------------------------------------------------------------------------


def test_entries_get_consecutive_seqs_and_link_to_the_one_before(db: Database) -> None:
    with db.unit_of_work() as uow:
        for number in range(3):  # several in one transaction chain in the order recorded
            audit.record(uow.session, fixed_clock, None, "test.append", number=number)
        uow.commit()
    _append(db, 2)
    entries = _entries(db)
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    assert [e.detail.get("number") for e in entries] == [0, 1, 2, 0, 1]
    assert all(later.prev_hash == earlier.entry_hash for earlier, later in itertools.pairwise(entries))
    with db.read() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and (head.seq, head.hash) == (5, entries[-1].entry_hash)
    assert AuditTrailService(db, fixed_clock).verify(None).intact


def test_a_rolled_back_unit_of_work_leaves_no_entry_and_no_gap(db: Database) -> None:
    with db.unit_of_work() as uow:
        audit.record(uow.session, fixed_clock, None, "test.append")
        uow.flush()  # not committed
    _append(db, 1)
    assert [e.seq for e in _entries(db)] == [1]


def test_recording_in_a_read_only_session_is_refused_rather_than_lost(db: Database) -> None:
    with db.read() as session, pytest.raises(RuntimeError, match="read-only"):
        audit.record(session, fixed_clock, None, "test.append")


def test_desks_appending_at_once_leave_one_gap_free_intact_chain(database_url: str, db: Database) -> None:
    desks, transactions = 6, 20
    context = multiprocessing.get_context("spawn")  # a fresh interpreter each, like desk PCs
    barrier = context.Barrier(desks)
    queue = context.Queue()
    processes = [context.Process(target=report, args=(queue, database_url, desk, transactions, barrier)) for desk in range(desks)]
    for process in processes:
        process.start()
    outcomes = [queue.get(timeout=240) for _ in processes]
    for process in processes:
        process.join(60)
    per_desk = sum(1 + n % 3 for n in range(transactions))
    assert outcomes == [f"ok {per_desk}"] * desks
    entries = _entries(db)
    assert [e.seq for e in entries] == list(range(1, desks * per_desk + 1))
    for desk in range(desks):  # each desk's entries keep the order it wrote them in
        mine = [(e.detail["number"], e.detail["part"]) for e in entries if e.detail["desk"] == desk]
        assert mine == sorted(mine) and len(mine) == per_desk
    started = time.perf_counter()
    result = AuditTrailService(db, fixed_clock).verify(None)
    print(f"\n{db.engine.dialect.name}: {len(entries)} entries from {desks} processes; "
          f"verified in {time.perf_counter() - started:.3f} s")
    assert result.intact and result.entries == desks * per_desk


# Refusal by the database ------------------------------------------------------------------------------


def test_sqlite_refuses_update_and_delete_of_audit_entries_through_sqlite3(sqlite_database_url: str) -> None:
    db = Database.open(sqlite_database_url)
    _append(db, 3)
    path = make_url(sqlite_database_url).database
    assert path is not None
    connection = sqlite3.connect(path)
    try:
        for statement in (
            "UPDATE audit_entry SET purpose = 'nothing to see' WHERE seq = 2",
            "DELETE FROM audit_entry WHERE seq = 3",
            "DELETE FROM audit_head",
            "UPDATE audit_head SET seq = 2",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
        connection.execute("UPDATE audit_head SET seq = seq + 0 WHERE 0")  # touching no row is no change
    finally:
        connection.close()
    assert [e.purpose for e in _entries(db)] == ["test"] * 3
    db.dispose()


def test_the_database_refuses_update_and_delete_of_audit_entries(db: Database) -> None:
    _append(db, 3)
    statements = [
        "UPDATE audit_entry SET outcome = 'ok', purpose = NULL",
        "DELETE FROM audit_entry",
        "DELETE FROM audit_head",
        "UPDATE audit_head SET seq = 0, hash = 'x'",
    ]
    if db.engine.dialect.name == "postgresql":
        statements += ["TRUNCATE audit_entry", "TRUNCATE audit_head"]
    for statement in statements:
        with pytest.raises(IntegrityError, match="append-only"), db.engine.begin() as connection:
            connection.exec_driver_sql(statement)
    assert [e.purpose for e in _entries(db)] == ["test"] * 3
    assert AuditTrailService(db, fixed_clock).verify(None).intact


# Verification names the first broken entry ------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "seq", "reason"),
    [
        ("UPDATE audit_entry SET citizen_id = NULL, purpose = 'other' WHERE seq = 3", 3, BreakReason.CONTENT_CHANGED),
        ("UPDATE audit_entry SET detail = '{\"number\": 9}' WHERE seq = 2", 2, BreakReason.CONTENT_CHANGED),
        ("UPDATE audit_entry SET at = at + INTERVAL '1 second' WHERE seq = 4", 4, BreakReason.CONTENT_CHANGED),
        ("DELETE FROM audit_entry WHERE seq = 3", 3, BreakReason.MISSING),
        ("DELETE FROM audit_entry WHERE seq >= 5", 5, BreakReason.END_MISSING),
    ],
    ids=["content", "detail", "time", "middle-deleted", "end-deleted"],
)
def test_tampering_past_the_triggers_is_named_by_verification(
    db: Database, statement: str, seq: int, reason: BreakReason
) -> None:
    _append(db, 6)
    if db.engine.dialect.name == "sqlite":
        statement = statement.replace("at + INTERVAL '1 second'", "datetime(at, '+1 second')")
    ids = {e.seq: e.id for e in _entries(db)}
    _untriggered(db, statement)
    result = AuditTrailService(db, fixed_clock).verify(None)
    assert result.first_break is not None
    assert (result.first_break.seq, result.first_break.reason) == (seq, reason)
    if reason is BreakReason.CONTENT_CHANGED:
        assert result.first_break.entry_id == ids[seq]
    # The check's own entry says where the trail broke and why, for whoever reads the trail later.
    [check] = _entries(db, "audit.verify")
    assert (check.clerk_id, check.outcome, check.detail) == (None, "broken", {
        "entries": result.entries, "head_seq": result.head_seq, "broken_seq": seq,
        "broken_entry_id": result.first_break.entry_id, "reason": reason.value,
    })


def test_an_entry_appended_while_the_chain_is_walked_is_not_taken_for_tampering(db: Database) -> None:
    """The head and the entries are read in one snapshot: a desk appending between the two reads (on
    PostgreSQL's default READ COMMITTED each statement would see it) does not show up as an entry past
    the head."""
    _append(db, 3)
    appended: list[bool] = []

    def append_before_the_entries_are_read(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not appended and statement.lstrip().startswith("SELECT audit_entry.id"):
            appended.append(True)
            _append(db, 1)  # another desk, on its own connection, commits meanwhile

    sa.event.listen(db.engine, "before_cursor_execute", append_before_the_entries_are_read)
    try:
        result = AuditTrailService(db, fixed_clock).verify(None)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", append_before_the_entries_are_read)
    assert appended == [True]
    assert (result.intact, result.entries, result.head_seq) == (True, 3, 3)
    again = AuditTrailService(db, fixed_clock).verify(None)
    assert (again.intact, again.entries) == (True, 5)  # the late entry and the first check's own


def test_a_head_row_deleted_past_its_trigger_is_named_by_verification(db: Database) -> None:
    """Nothing is remembered of a head that is gone (no last seq, no hash), so the first entry is named
    as added past the head; no entry can be chained without a head, so the check is not itself recorded,
    but its answer is given, as `verify-audit` gives it."""
    _append(db, 3)
    first_id = _entries(db)[0].id
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "sqlite":
            connection.exec_driver_sql("DROP TRIGGER audit_head_no_delete")
        else:
            connection.exec_driver_sql("ALTER TABLE audit_head DISABLE TRIGGER USER")
        connection.exec_driver_sql("DELETE FROM audit_head")
    result = AuditTrailService(db, fixed_clock).verify(None)
    assert (result.entries, result.head_seq, result.head_hash) == (1, 0, "")
    assert result.first_break is not None
    assert (result.first_break.seq, result.first_break.entry_id, result.first_break.reason) == (
        1, first_id, BreakReason.AFTER_HEAD,
    )
    out = io.StringIO()
    assert verify_audit(db.engine.url.render_as_string(hide_password=False), out) == 1
    assert f"BROKEN at seq 1 (entry id {first_id})" in out.getvalue()
    assert len(_entries(db)) == 3


def test_the_verify_audit_command_exits_1_naming_the_first_broken_entry(tmp_path: Path) -> None:
    db = Database.open(sqlite_url(tmp_path / "desk.sqlite3"))
    _append(db, 4)

    def command() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path), "verify-audit"],
            capture_output=True, text=True, check=False, cwd=ROOT,
        )

    intact = command()
    assert intact.returncode == 0, intact.stderr
    assert "audit trail intact: 4 entries" in intact.stdout
    entry_id = _entries(db)[1].id
    _untriggered(db, "UPDATE audit_entry SET outcome = 'refused' WHERE seq = 2")
    broken = command()
    assert broken.returncode == 1, broken.stderr
    assert f"BROKEN at seq 2 (entry id {entry_id}): its content was changed" in broken.stdout
    # Each run is itself in the trail.
    assert [e.outcome for e in _entries(db, "audit.verify")] == ["intact", "broken"]
    db.dispose()


def test_an_upgraded_database_chains_its_existing_entries_and_verifies_intact(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine, "0007")
    entries = sa.table(
        "audit_entry",
        sa.column("at", UtcDateTime()),
        sa.column("action", sa.String()),
        sa.column("purpose", sa.String()),
        sa.column("detail", sa.JSON()),
        sa.column("outcome", sa.String()),
    )
    rows: list[dict[str, Any]] = [
        {"at": NOW + timedelta(microseconds=n * 123457), "action": f"old.{n}", "purpose": "før",
         "detail": {"n": n, "navn": "Søren Ågård", "hits": [3, 1]}, "outcome": "ok"}
        for n in range(5)
    ]
    with engine.begin() as connection:
        connection.execute(entries.insert(), rows)
    migrate(engine)
    db = Database(engine)
    result = AuditTrailService(db, fixed_clock).verify(None)
    assert result.intact and result.entries == 5 and result.head_seq == 5
    assert [e.action for e in _entries(db)][:5] == [f"old.{n}" for n in range(5)]
    _append(db, 1)  # and new entries carry on from the old ones
    assert [e.seq for e in _entries(db, "test.append")] == [7]  # 6 was the verification's own entry
    assert AuditTrailService(db, fixed_clock).verify(None).intact
    engine.dispose()


# The supervisor's check ----------------------------------------------------------------------------


def test_only_a_supervisor_verifies_and_the_check_is_audited(services: Services, clerk: ClerkContext) -> None:
    with pytest.raises(RuleViolation) as caught:
        services.audit_trail.verify(clerk)
    assert caught.value.code == "audit.supervisor_only"
    supervisor = services.auth.sign_in("supervisor", "demo")
    result = services.audit_trail.verify(supervisor)
    assert result.intact
    refused, entry = _entries(services.db, "audit.verify")
    assert (refused.clerk_id, refused.outcome, refused.detail) == (
        clerk.clerk_id, "refused", {"refusal": "audit.supervisor_only"},
    )
    assert (entry.clerk_id, entry.outcome, entry.detail) == (
        supervisor.clerk_id, "intact", {"entries": result.entries, "head_seq": result.head_seq},
    )


def test_a_demoted_supervisors_old_context_cannot_verify(services: Services) -> None:
    """The role the window remembers is not enough: the clerk's row is read as it is now."""
    from dataclasses import replace

    from borgerservice_desk.domain.desk import Role

    supervisor = services.auth.sign_in("supervisor", "demo")
    clerk = services.auth.sign_in("clerk", "demo")
    made_up = replace(clerk, role=Role.SUPERVISOR)  # a context claiming a role the row does not have
    assert made_up.is_supervisor
    with pytest.raises(RuleViolation) as caught:
        services.audit_trail.verify(made_up)
    assert caught.value.code == "audit.supervisor_only"
    [refused] = _entries(services.db, "audit.verify")
    assert refused.outcome == "refused" and refused.clerk_id == clerk.clerk_id
    assert services.audit_trail.verify(supervisor).intact


# What was not logged before -------------------------------------------------------------------------


def test_a_name_and_birth_date_search_names_each_citizen_found(services: Services, clerk: ClerkContext) -> None:
    with services.db.read() as session:
        citizen = session.scalars(select(Citizen).order_by(Citizen.id)).first()
        assert citizen is not None
    hits = services.citizens.search_name_birth(clerk, citizen.surname, citizen.birth_date, "MitID block")
    assert citizen.id in [h.id for h in hits]
    with services.db.read() as session:
        found = session.scalars(
            select(AuditEntry).where(AuditEntry.citizen_id == citizen.id, AuditEntry.action == "citizen.search_name_birth")
        ).all()
    assert len(found) == 1 and found[0].purpose == "MitID block" and found[0].clerk_id == clerk.clerk_id
    entries = _entries(services.db, "citizen.search_name_birth")
    assert sorted(e.citizen_id for e in entries if e.citizen_id) == sorted(h.id for h in hits)
    services.citizens.search_name_birth(clerk, "Nobody Known", citizen.birth_date, "MitID block")
    assert _entries(services.db, "citizen.search_name_birth")[-1].outcome == "not_found"


def test_the_day_list_is_logged_when_opened_or_changed_not_at_every_refresh(
    services: Services, clerk: ClerkContext
) -> None:
    now = [NOW]
    appointments = AppointmentService(services.db, clock=lambda: now[0])
    rows = appointments.day(clerk, TODAY)
    [entry] = _entries(services.db, "appointment.day_view")
    assert entry.clerk_id == clerk.clerk_id and entry.detail["first"] == TODAY.isoformat()
    assert entry.detail["citizen_ids"] == sorted({r.citizen_id for r in rows})
    for _ in range(5):  # the list refreshing itself every 15 s
        now[0] += timedelta(seconds=15)
        appointments.day(clerk, TODAY)
    assert len(_entries(services.db, "appointment.day_view")) == 1
    appointments.day(clerk, TODAY, counter_id=2)  # another counter: a new look
    appointments.between(clerk, TODAY, TODAY + timedelta(days=6))  # the week
    now[0] += VIEW_LOG_INTERVAL
    appointments.between(clerk, TODAY, TODAY + timedelta(days=6))  # still watching, a while later
    views = [(e.detail["counter_id"], e.detail["last"]) for e in _entries(services.db, "appointment.day_view")]
    week = (TODAY + timedelta(days=6)).isoformat()
    assert views == [(None, TODAY.isoformat()), (2, TODAY.isoformat()), (None, week), (None, week)]


def test_a_refresh_showing_a_citizen_booked_elsewhere_is_logged(services: Services, clerk: ClerkContext) -> None:
    services.appointments.day(clerk, TODAY)
    shown = set(_entries(services.db, "appointment.day_view")[0].detail["citizen_ids"])
    with services.db.read() as session:  # someone with no booking yet, so the open-bookings limit is no bar
        newcomer = session.scalars(
            select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id))).limit(1)
        ).one()
    assert newcomer not in shown
    free = services.booking.next_free(clerk, "mitid", limit=1)[0]
    services.booking.book(clerk, newcomer, "mitid", free.starts_at, counter_id=free.counter_id)
    days = (free.starts_at.astimezone(services.appointments.centre_zone(clerk.centre_id)).date() - TODAY).days
    services.appointments.between(clerk, TODAY, TODAY + timedelta(days=days))
    services.appointments.between(clerk, TODAY, TODAY + timedelta(days=days))
    last = _entries(services.db, "appointment.day_view")
    assert len(last) == 2 and newcomer in last[-1].detail["citizen_ids"]


def test_a_day_view_entry_names_the_days_the_counter_how_many_bookings_and_whom_for_each_clerk_who_looks(
    services: Services, clerk: ClerkContext
) -> None:
    rows = services.appointments.day(clerk, TODAY, counter_id=2)
    assert rows
    # Another clerk at the same desk opens the same list at once: seen by someone else, so logged again.
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.appointments.day(supervisor, TODAY, counter_id=2)
    shown = {
        "first": TODAY.isoformat(), "last": TODAY.isoformat(), "counter_id": 2, "appointments": len(rows),
        "citizen_ids": sorted({r.citizen_id for r in rows}),
    }
    assert [(e.clerk_id, e.citizen_id, e.outcome, e.detail) for e in _entries(services.db, "appointment.day_view")] == [
        (clerk.clerk_id, None, "ok", shown), (supervisor.clerk_id, None, "ok", shown),
    ]


def test_a_booking_confirmation_is_logged_naming_the_citizen(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    # A time still ahead: a confirmation of one whose late window has passed is refused.
    row = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1)
    )
    services.booking.write_confirmation(clerk, row.id, tmp_path / "out")
    [entry] = _entries(services.db, "appointment.confirmation")
    assert entry.citizen_id == row.citizen_id and entry.clerk_id == clerk.clerk_id
    assert entry.detail["appointment_id"] == row.id


def test_a_failed_arrival_is_logged_as_refused(services: Services, clerk: ClerkContext) -> None:
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, booking_code="zz99zz")
    early = next(
        r for r in services.appointments.day(clerk, TODAY)
        if r.status is AppointmentStatus.BOOKED and r.starts_at > NOW + timedelta(hours=1)
    )
    with refused_with("arrival.too_early", RuleViolation):
        services.queue.arrive(clerk, booking_code=early.booking_code)
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, cpr="010190-1230")
    refused = _entries(services.db, "queue.arrive")
    assert [(e.outcome, e.citizen_id, e.detail["refusal"]) for e in refused] == [
        ("refused", None, "arrival.not_found"),
        ("refused", early.citizen_id, "arrival.too_early"),
        ("refused", None, "arrival.not_found"),
    ]
    assert refused[0].detail["booking_code"] == "ZZ99ZZ" and refused[0].clerk_id == clerk.clerk_id
    assert refused[2].detail == {"refusal": "arrival.not_found", "by": "cpr", "query": "010190-XXXX"}


def test_a_failed_arrival_says_how_the_citizen_was_looked_for_but_never_a_mistyped_number(
    services: Services, clerk: ClerkContext
) -> None:
    """Each way of looking is named; the name searched for is never logged, and a CPR number that is not
    one (too short, or born after the centre's today) is not logged at all, not even masked."""
    from datetime import date

    from borgerservice_desk.errors import InvalidInput

    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, booking_code=" zz99zz ")
    with refused_with("cpr.invalid_format", InvalidInput):
        services.queue.arrive(clerk, cpr="12345")
    tomorrow = TODAY + timedelta(days=1)  # on the fixed clock; the machine's own today is later
    with refused_with("cpr.born_in_future", InvalidInput):
        services.queue.arrive(clerk, cpr=tomorrow.strftime("%d%m%y") + "-4000")
    with refused_with("arrival.not_found", NotFound):
        services.queue.arrive(clerk, name="Ingen Sådan", birth_date=date(1971, 2, 3))
    assert [(e.outcome, e.citizen_id, e.clerk_id, e.detail) for e in _entries(services.db, "queue.arrive")] == [
        ("refused", None, clerk.clerk_id,
         {"refusal": "arrival.not_found", "by": "booking_code", "booking_code": "ZZ99ZZ"}),
        ("refused", None, clerk.clerk_id, {"refusal": "cpr.invalid_format", "by": "cpr"}),
        ("refused", None, clerk.clerk_id, {"refusal": "cpr.born_in_future", "by": "cpr"}),
        ("refused", None, clerk.clerk_id,
         {"refusal": "arrival.not_found", "by": "name_birth", "birth_date": "1971-02-03"}),
    ]


def test_the_whole_demo_day_verifies_intact(services: Services, clerk: ClerkContext) -> None:
    # Sign-ins, look-ups and the views above, on the seeded database: nothing the program does breaks it.
    services.appointments.day(clerk, TODAY)
    result = services.audit_trail.verify(None)
    assert result.intact and result.entries >= 2
