"""The desk's session in the audit trail: signing out, a supervisor taking over and handing back, the
lock and its unlocking (with the sign-in's password check and lock-out), quitting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Clerk
from tests.support.refusals import refused_with


def _entries(services: Services, prefix: str = "desk.") -> list[AuditEntry]:
    with services.db.read() as session:
        return list(
            session.scalars(select(AuditEntry).where(AuditEntry.action.like(prefix + "%")).order_by(AuditEntry.id))
        )


def _sign_ins(services: Services) -> list[AuditEntry]:
    return _entries(services, "clerk.sign_in")


def test_sign_out_lock_and_quit_are_audited_with_the_clerk(services: Services, clerk: ClerkContext) -> None:
    services.session.sign_out(clerk, visit_id=None)
    services.session.lock(clerk, idle=True)
    services.session.lock(clerk, idle=False)
    services.session.quit(clerk, visit_id=7, work_in_progress=True)
    entries = _entries(services)
    assert [(e.action, e.clerk_id, e.outcome) for e in entries] == [
        ("desk.sign_out", clerk.clerk_id, "ok"),
        ("desk.lock", clerk.clerk_id, "ok"),
        ("desk.lock", clerk.clerk_id, "ok"),
        ("desk.quit", clerk.clerk_id, "ok"),
    ]
    assert [e.detail.get("reason") for e in entries[1:3]] == ["idle", "manual"]
    assert entries[3].detail["visit_id"] == 7 and entries[3].detail["work_in_progress"] is True
    assert all(e.detail["desk"] == services.auth.desk for e in entries)


def test_leaving_names_the_visit_left_open_and_whether_work_was_unsaved(
    services: Services, clerk: ClerkContext
) -> None:
    """The entry tells a supervisor which citizen's visit a clerk walked away from; quitting without a
    word about work in progress says there was none."""
    services.session.sign_out(clerk, visit_id=5)
    services.session.quit(clerk)
    signed_out, quit = _entries(services)
    assert (signed_out.action, signed_out.detail) == ("desk.sign_out", {"desk": services.auth.desk, "visit_id": 5})
    assert (quit.action, quit.detail) == ("desk.quit", {"desk": services.auth.desk, "work_in_progress": False})


def test_a_deactivated_clerk_can_still_leave_and_it_is_noted(services: Services, clerk: ClerkContext) -> None:
    with services.db.unit_of_work() as uow:
        row = uow.session.get(Clerk, clerk.clerk_id)
        assert row is not None
        row.active = False
        uow.commit()
    services.session.sign_out(clerk)
    (entry,) = _entries(services)
    assert entry.action == "desk.sign_out" and entry.detail["clerk_active"] is False


def test_a_clerk_who_must_still_change_the_password_leaves_as_an_active_clerk(
    services: Services, clerk: ClerkContext
) -> None:
    """A new password being due takes no rights away from leaving: the entry must not read as if the
    clerk had been deactivated."""
    with services.db.unit_of_work() as uow:
        uow.session.get_one(Clerk, clerk.clerk_id).must_change_password = True
        uow.commit()
    services.session.sign_out(clerk)
    (entry,) = _entries(services)
    assert (entry.action, entry.detail) == ("desk.sign_out", {"desk": services.auth.desk})


def test_a_supervisor_takes_over_and_hands_back(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.session.take_over(clerk, "supervisor", "demo", visit_id=3)
    assert supervisor.is_supervisor
    services.session.hand_back(supervisor, clerk, visit_id=3)
    take, back = _entries(services)
    assert (take.action, take.clerk_id, take.outcome) == ("desk.take_over", supervisor.clerk_id, "ok")
    assert take.detail == {"desk": services.auth.desk, "over": "clerk", "visit_id": 3}
    assert (back.action, back.clerk_id) == ("desk.hand_back", supervisor.clerk_id)
    assert back.detail == {"desk": services.auth.desk, "to": "clerk", "visit_id": 3}
    assert _sign_ins(services)[-1].detail["username"] == "supervisor"


def test_a_clerk_cannot_take_over_and_the_refusal_is_audited(services: Services, clerk: ClerkContext) -> None:
    with pytest.raises(RuleViolation) as refused:
        services.session.take_over(clerk, "clerk", "demo")
    assert refused.value.code == "auth.supervisor_only"
    (entry,) = _entries(services)
    assert (entry.action, entry.outcome) == ("desk.take_over", "refused")


def test_a_supervisor_who_must_still_change_the_password_cannot_take_over(
    services: Services, clerk: ClerkContext
) -> None:
    """A password handed over by someone else gives no rights over another clerk's desk until changed."""
    with services.db.unit_of_work() as uow:
        uow.session.scalars(select(Clerk).where(Clerk.username == "supervisor")).one().must_change_password = True
        uow.commit()
    with refused_with("auth.supervisor_only", RuleViolation):
        services.session.take_over(clerk, "supervisor", "demo")
    (entry,) = _entries(services)
    assert (entry.action, entry.outcome) == ("desk.take_over", "refused")


def test_a_supervisor_of_another_centre_cannot_take_over(services: Services, clerk: ClerkContext) -> None:
    from borgerservice_desk.domain.desk import Role
    from tests.support.other_centre import ODENSE_PASSWORD, add_odense_clerk

    supervisor = add_odense_clerk(services.db, Role.SUPERVISOR)
    with refused_with("auth.supervisor_only", RuleViolation):
        services.session.take_over(clerk, supervisor, ODENSE_PASSWORD)
    (entry,) = _entries(services)
    assert (entry.action, entry.outcome, entry.detail["over"]) == ("desk.take_over", "refused", "clerk")


def test_a_wrong_password_to_take_over_is_a_refused_sign_in(services: Services, clerk: ClerkContext) -> None:
    with refused_with("auth.failed", InvalidInput):
        services.session.take_over(clerk, "supervisor", "guess")
    assert _entries(services) == []
    assert _sign_ins(services)[-1].outcome == "refused"


def test_unlock_with_the_clerks_own_password_or_a_supervisors(services: Services, clerk: ClerkContext) -> None:
    assert services.session.unlock(clerk, "clerk", "demo") == clerk
    assert services.session.unlock(clerk, "supervisor", "demo") == clerk
    own, by_supervisor = _entries(services)
    assert (own.action, own.clerk_id, own.outcome) == ("desk.unlock", clerk.clerk_id, "ok")
    assert own.detail["locked_for"] == "clerk" and "by_supervisor" not in own.detail
    assert by_supervisor.outcome == "ok" and by_supervisor.detail["by_supervisor"] is True


def test_unlock_refuses_a_wrong_password_like_a_sign_in_and_locks_out(services: Services, clerk: ClerkContext) -> None:
    for _ in range(5):
        with refused_with("auth.failed", InvalidInput):
            services.session.unlock(clerk, "clerk", "wrong")
    refused = [e for e in _sign_ins(services) if e.outcome == "refused"]
    assert len(refused) == 5 and refused[-1].detail["locked_until"]
    with pytest.raises(RuleViolation) as locked:
        services.session.unlock(clerk, "clerk", "demo")  # the right one, too late: the name is locked here
    assert locked.value.code == "auth.locked"
    assert _entries(services) == []


def test_another_clerk_cannot_unlock(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(RuleViolation) as refused:
        services.session.unlock(supervisor, "clerk", "demo")  # the clerk may not open a supervisor's desk
    assert refused.value.code == "desk.unlock_refused"
    (entry,) = _entries(services)
    assert (entry.action, entry.outcome, entry.clerk_id) == ("desk.unlock", "refused", clerk.clerk_id)


def test_a_supervisor_who_unlocks_her_own_desk_is_not_recorded_as_unlocking_by_supervisor(services: Services) -> None:
    """"By supervisor" says someone else's desk was opened with a supervisor's rights; her own password on
    her own desk is the ordinary unlock."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    assert services.session.unlock(supervisor, "supervisor", "demo") == supervisor
    (entry,) = _entries(services)
    assert (entry.action, entry.clerk_id, entry.outcome) == ("desk.unlock", supervisor.clerk_id, "ok")
    assert entry.detail == {"desk": services.auth.desk, "locked_for": "supervisor"}


def test_a_clerk_whose_password_was_reset_while_the_desk_was_locked_opens_it_with_the_new_one(
    services: Services, clerk: ClerkContext
) -> None:
    """A password due for a change takes no right away from going on at her own desk (the window asks for
    the change as at a sign-in); the entry is the ordinary unlock."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.clerks.reset_password(supervisor, clerk.clerk_id, "Tårnfalk.Fjord")
    assert services.session.unlock(clerk, "clerk", "Tårnfalk.Fjord") == clerk
    entry = _entries(services)[-1]
    assert (entry.action, entry.clerk_id, entry.outcome) == ("desk.unlock", clerk.clerk_id, "ok")
    assert entry.detail == {"desk": services.auth.desk, "locked_for": "clerk"}


def test_a_clerk_deactivated_while_her_password_is_checked_does_not_get_the_desk_back(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The password is right, but a supervisor at another desk deactivates her in that moment: the rights
    are read from the database with the entry, and the refusal names whose desk it is."""
    real_sign_in = services.auth.sign_in

    def sign_in_then_deactivated(username: str, password: str) -> ClerkContext:
        who = real_sign_in(username, password)
        with services.db.unit_of_work() as uow:
            uow.session.get_one(Clerk, clerk.clerk_id).active = False
            uow.commit()
        return who

    monkeypatch.setattr(services.auth, "sign_in", sign_in_then_deactivated)
    with pytest.raises(RuleViolation) as refused:
        services.session.unlock(clerk, "clerk", "demo")
    assert (refused.value.code, refused.value.params) == ("desk.unlock_refused", {"name": clerk.full_name})
    (entry,) = _entries(services)
    assert (entry.action, entry.clerk_id, entry.outcome) == ("desk.unlock", clerk.clerk_id, "refused")
    assert entry.detail == {"desk": services.auth.desk, "locked_for": "clerk"}


def test_a_supervisor_opens_the_desk_of_a_clerk_deactivated_since_so_the_session_can_be_ended(
    services: Services, clerk: ClerkContext
) -> None:
    """Leaving never depends on the clerk's rights: a supervisor's password opens the desk of a clerk who was
    deactivated meanwhile, and the sign-out that follows notes that the clerk is no longer active."""
    with services.db.unit_of_work() as uow:
        uow.session.get_one(Clerk, clerk.clerk_id).active = False
        uow.commit()
    assert services.session.unlock(clerk, "supervisor", "demo") == clerk
    services.session.sign_out(clerk)
    unlock, sign_out = _entries(services)
    assert (unlock.action, unlock.outcome) == ("desk.unlock", "ok")
    assert unlock.detail == {"desk": services.auth.desk, "locked_for": "clerk", "by_supervisor": True}
    assert sign_out.detail == {"desk": services.auth.desk, "clerk_active": False}
