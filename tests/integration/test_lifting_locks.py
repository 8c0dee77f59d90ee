"""Lifting sign-in locks, on a real database (SQLite, and PostgreSQL under `make test`): the operator's
command and a supervisor say how many lock rows went and how many tries were refused while locked (tries no
entry has counted yet: the unlock's entry is where they are counted), a new clerk does not inherit a lock
counted against their name before it existed, and a clerk's full name may use its whole length."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.text_limits import FULL_NAME_MAX, USERNAME_MAX
from borgerservice_desk.errors import DeskError, InvalidInput, RuleViolation
from borgerservice_desk.services.auth import NAME_KEY_SETTING
from borgerservice_desk.services.clerks import operator_unlock
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Setting, SignInLock
from tests.conftest import fixed_clock
from tests.support.audit import last_entry
from tests.support.clock import MovableClock


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path) -> Services:
    return build_services(seeded_db, Paths(tmp_path / "data"), clock=fixed_clock)


def _refused(services: Services, username: str, password: str, at: str) -> str:
    with pytest.raises(DeskError) as caught:
        services.auth.sign_in(username, password, desk=at)
    return caught.value.code


def _lock_desk(services: Services, at: str) -> None:
    """Ten different wrong names lock the desk itself."""
    for n in range(10):
        _refused(services, f"name{n}", "guess", at)
    assert _refused(services, "clerk", "demo", at) == "auth.locked"


def test_the_operator_lifts_a_desk_lock_and_the_entry_counts_the_tries_refused_meanwhile(desk: Services) -> None:
    _lock_desk(desk, "kiosk")  # one try refused while locked (the clerk's, above)
    for _n in range(2):
        assert _refused(desk, "clerk", "demo", "kiosk") == "auth.locked"
    assert operator_unlock(desk.db, desk="kiosk", clock=fixed_clock) == 1
    entry = last_entry(desk, "desk.unlock")
    assert (entry.clerk_id, entry.detail["source"], entry.detail["desk"]) == (None, "command line", "kiosk")
    assert entry.detail["was_locked"] is True and entry.detail["tries_while_locked"] == {"desk": 3}
    assert desk.auth.sign_in("clerk", "demo", desk="kiosk").username == "clerk"

    # Nothing left to lift: no rows went, and the entry says no lock was running.
    assert operator_unlock(desk.db, desk="kiosk", clock=fixed_clock) == 0
    again = last_entry(desk, "desk.unlock")
    assert again.detail["was_locked"] is False and "tries_while_locked" not in again.detail


def test_the_operator_lifting_a_name_counts_the_tries_refused_while_it_was_locked(desk: Services) -> None:
    for n in range(5):
        _refused(desk, "supervisor", f"guess-{n}", "hall")
    for _n in range(4):
        assert _refused(desk, "supervisor", "demo", "hall") == "auth.locked"
    assert operator_unlock(desk.db, user="supervisor", clock=fixed_clock) == 2  # at the desk and over all desks
    entry = last_entry(desk, "clerk.unlock")
    assert entry.detail["username"] == "supervisor" and entry.detail["was_locked"] is True
    assert entry.detail["tries_while_locked"] == {"pair@hall": 4}


def test_a_supervisors_unlock_counts_the_tries_refused_while_the_clerk_was_locked(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for n in range(5):
        _refused(desk, "clerk", f"guess-{n}", "counter-2")
    for _n in range(3):
        assert _refused(desk, "clerk", "demo", "counter-2") == "auth.locked"
    clerk_id = next(r.id for r in desk.clerks.clerks(supervisor) if r.username == "clerk")
    desk.clerks.unlock(supervisor, clerk_id)
    entry = last_entry(desk, "clerk.unlock")
    assert (entry.clerk_id, entry.detail["target_clerk_id"], entry.detail["was_locked"]) == (
        supervisor.clerk_id, clerk_id, True
    )
    assert entry.detail["tries_while_locked"] == {"pair@counter-2": 3}


def test_the_operator_unlock_wants_a_name_or_a_desk_not_both(desk: Services) -> None:
    for user, at in ((None, None), ("clerk", "kiosk")):
        with pytest.raises(ValueError, match="give a user name or a desk"):
            operator_unlock(desk.db, user=user, desk=at, clock=fixed_clock)


def test_a_new_clerk_is_not_locked_out_by_tries_at_the_name_before_it_existed(desk: Services) -> None:
    """Wrong tries at a name no clerk has are counted under its keyed hash; the clerk created with that
    name later starts with no lock at all."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for n in range(5):
        _refused(desk, "newcomer", f"guess-{n}", "counter-3")
    assert _refused(desk, "newcomer", "anything", "counter-3") == "auth.locked"
    desk.clerks.create(supervisor, "newcomer", "Nanna Nielsen", Role.CLERK, "Start-Password-2026!")
    with desk.db.read() as session:
        # Nothing counted against the name is left over, under the name or its hash (only the desk's own
        # count of wrong names stays, which belongs to no name).
        left = session.scalars(select(SignInLock).where(SignInLock.username.is_not(None))).all()
        assert left == []
    signed_in = desk.auth.sign_in("newcomer", "Start-Password-2026!", desk="counter-3")
    assert signed_in.username == "newcomer" and signed_in.must_change_password


def test_a_clerks_full_name_may_use_its_whole_length(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    longest = ("Anne-Sofie " * 11 + "Christensen-Bøgholm")[:FULL_NAME_MAX]
    assert len(longest) == FULL_NAME_MAX and longest == " ".join(longest.split())
    clerk_id = desk.clerks.create(supervisor, "longname", longest, Role.CLERK, "Start-Password-2026!")
    assert next(r.full_name for r in desk.clerks.clerks(supervisor) if r.id == clerk_id) == longest
    with pytest.raises(InvalidInput) as caught:
        desk.clerks.create(supervisor, "longername", longest + "x", Role.CLERK, "Start-Password-2026!")
    assert (caught.value.code, caught.value.params) == (
        "text.too_long", {"field": "full_name", "limit": FULL_NAME_MAX, "length": FULL_NAME_MAX + 1},
    )


def test_a_clerk_needs_a_full_name_not_only_blanks(desk: Services) -> None:
    """The name goes on the centre's receipts and in the audit trail: blanks alone are no name. The
    message gives the limit, as the form's hint does."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for blank in ("", "   ", "\u00a0 \u2003"):
        with pytest.raises(InvalidInput) as caught:
            desk.clerks.create(supervisor, "blank", blank, Role.CLERK, "Start-Password-2026!")
        assert (caught.value.code, caught.value.params) == ("clerk.bad_full_name", {"max_length": FULL_NAME_MAX})
    assert "blank" not in [r.username for r in desk.clerks.clerks(supervisor)]


def test_a_lock_ends_at_the_moment_the_refusal_named(seeded_db: Database, tmp_path: Path) -> None:
    """The Danish message tells the clerk until when the name is locked: at that moment it is free again."""

    clock = MovableClock(fixed_clock())
    services = build_services(seeded_db, Paths(tmp_path / "desk"), clock=clock)
    for n in range(5):
        _refused(services, "clerk", f"guess-{n}", "counter-5")
    with pytest.raises(RuleViolation) as caught:
        services.auth.sign_in("clerk", "demo", desk="counter-5")
    until = datetime.fromisoformat(caught.value.params["until"])
    clock.now = until - timedelta(microseconds=1)
    assert _refused(services, "clerk", "demo", "counter-5") == "auth.locked"
    clock.now = until
    assert services.auth.sign_in("clerk", "demo", desk="counter-5").username == "clerk"


@pytest.mark.parametrize("last", ["desk", "pair"])
def test_of_two_locks_running_the_refusal_names_the_one_that_ends_last(
    seeded_db: Database, tmp_path: Path, last: str
) -> None:
    """The Danish message says until when the clerk must wait: with the name locked at this desk and the
    desk locked too, that is the later of the two ends, whichever it is."""
    clock = MovableClock(fixed_clock())
    start = clock.now
    services = build_services(seeded_db, Paths(tmp_path / "desk"), clock=clock)
    for n in range(5):
        _refused(services, "clerk", f"guess-{n}", "kiosk")  # the name here: until start + 1 min
    if last == "desk":
        clock.now = start + timedelta(seconds=30)
        others, ends = 5, {"desk": start + timedelta(seconds=90)}
    else:
        clock.now = start + timedelta(minutes=1)
        _refused(services, "clerk", "guess-5", "kiosk")  # the name here again: until start + 3 min
        others, ends = 4, {"pair": start + timedelta(minutes=3)}
    for n in range(others):  # the tenth wrong name locks the desk for a minute
        _refused(services, f"name{n}", "guess", "kiosk")
    clock.now += timedelta(seconds=10)
    with pytest.raises(RuleViolation) as caught:
        services.auth.sign_in("clerk", "demo", desk="kiosk")
    assert caught.value.params == {"until": ends[last].isoformat(), "scope": last}


def test_a_wrong_try_after_a_lock_ran_out_counts_the_tries_refused_while_it_ran(
    seeded_db: Database, tmp_path: Path
) -> None:
    """The tries refused while locked are counted in the next entry, a refused one as much as a sign-in."""

    clock = MovableClock(fixed_clock())
    services = build_services(seeded_db, Paths(tmp_path / "desk"), clock=clock)
    for n in range(5):
        _refused(services, "clerk", f"guess-{n}", "counter-6")
    for _n in range(2):
        assert _refused(services, "clerk", "demo", "counter-6") == "auth.locked"
    clock.now += timedelta(hours=1)
    assert _refused(services, "clerk", "still-wrong", "counter-6") == "auth.failed"
    entry = last_entry(services, "clerk.sign_in")
    assert (entry.outcome, entry.detail["reason"]) == ("refused", "password")
    assert entry.detail["tries_while_locked"] == {"pair": 2}


def test_a_desk_name_too_long_for_the_operator_is_refused_naming_the_desk(desk: Services) -> None:
    from borgerservice_desk.domain.text_limits import DESK_NAME_MAX

    with pytest.raises(InvalidInput) as caught:
        operator_unlock(desk.db, desk="k" * (DESK_NAME_MAX + 1), clock=fixed_clock)
    assert caught.value.params["field"] == "desk"


@pytest.mark.parametrize("lifter", ["supervisor", "operator"])
def test_an_unlock_says_a_lock_was_running_only_until_the_moment_it_ends(
    seeded_db: Database, tmp_path: Path, lifter: str
) -> None:
    """At the moment the refusal named the name is free again (as for signing in, and in the supervisor's
    list of clerks): lifting its lock then, or later, lifts a lock that no longer ran, and the entry, which
    names the clerk, says so."""
    clock = MovableClock(fixed_clock())
    services = build_services(seeded_db, Paths(tmp_path / "desk"), clock=clock)
    supervisor = services.auth.sign_in("supervisor", "demo", desk="office")
    clerk_id = next(r.id for r in services.clerks.clerks(supervisor) if r.username == "clerk")
    for at_the_end in (timedelta(microseconds=-1), timedelta(0), timedelta(hours=2)):
        start = clock.now
        for n in range(5):
            _refused(services, "clerk", f"guess-{n}", "counter-7")
        with pytest.raises(RuleViolation) as caught:
            services.auth.sign_in("clerk", "demo", desk="counter-7")
        until = datetime.fromisoformat(caught.value.params["until"])
        clock.now = until + at_the_end
        running = at_the_end < timedelta(0)
        listed = next(r for r in services.clerks.clerks(supervisor) if r.id == clerk_id)
        assert listed.locked_until == (until if running else None), at_the_end
        if lifter == "supervisor":
            services.clerks.unlock(supervisor, clerk_id)
            entry = last_entry(services, "clerk.unlock")
            who = {"target_clerk_id": clerk_id}
        else:
            assert operator_unlock(services.db, user="Clerk", clock=clock) == 2  # the name here and everywhere
            entry = last_entry(services, "clerk.unlock")
            who = {"source": "command line"}
        assert entry.detail == {
            **who, "username": "clerk", "was_locked": running, "tries_while_locked": {"pair@counter-7": 1},
        }, at_the_end
        clock.now = start + timedelta(days=2)


def test_lifting_one_names_locks_leaves_the_other_names_and_the_desks_locked(desk: Services) -> None:
    """An unlock is for one clerk (or one typed name): a colleague's lock, a name nobody has, and the
    desk where names were tried stay as they are, by a supervisor or by the operator."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    clerk_id = next(r.id for r in desk.clerks.clerks(supervisor) if r.username == "clerk")
    desk.clerks.create(supervisor, "tredje", "Tredje Kollega", Role.CLERK, "Start-Password-2026!")
    for name, at in (("clerk", "counter-8"), ("tredje", "counter-8"), ("nobody", "counter-7")):
        for n in range(5):
            _refused(desk, name, f"guess-{n}", at)
    assert _refused(desk, "supervisor", "demo", "counter-8") == "auth.locked"  # ten wrong names there
    desk.clerks.unlock(supervisor, clerk_id)
    locked = {r.username: r.locked_until is not None for r in desk.clerks.clerks(supervisor)}
    assert (locked["clerk"], locked["tredje"]) == (False, True)
    assert operator_unlock(desk.db, user="nobody", clock=fixed_clock) == 2  # its lock here and everywhere
    assert operator_unlock(desk.db, user="clerk", clock=fixed_clock) == 0
    assert _refused(desk, "supervisor", "demo", "counter-8") == "auth.locked"


def test_the_supervisors_list_of_clerks_is_by_user_name(desk: Services) -> None:
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for name in ("zenia", "aage", "mads"):
        desk.clerks.create(supervisor, name, name.title(), Role.CLERK, "Start-Password-2026!")
    names = [r.username for r in desk.clerks.clerks(supervisor)]
    assert names == sorted(names) and {"zenia", "aage", "mads", "clerk", "supervisor"} <= set(names)


def test_the_operator_unlocking_a_name_nobody_has_keeps_nothing_of_it(desk: Services) -> None:
    """With no name ever counted there is nothing to lift and no key to name it by: the entry names no user
    and no key is made for it (what was typed may be a password)."""
    assert operator_unlock(desk.db, user="Hemmelig-Kode-42", clock=fixed_clock) == 0
    entry = last_entry(desk, "clerk.unlock")
    assert (entry.clerk_id, entry.detail) == (None, {"source": "command line", "was_locked": False})
    with desk.db.read() as session:
        assert session.get(Setting, NAME_KEY_SETTING) is None


def test_a_user_name_too_long_for_the_operator_is_refused_naming_the_field(desk: Services) -> None:
    with pytest.raises(InvalidInput) as caught:
        operator_unlock(desk.db, user="u" * (USERNAME_MAX + 1), clock=fixed_clock)
    assert (caught.value.code, caught.value.params["field"]) == ("text.too_long", "username")


def test_a_password_reset_lifts_the_lock_on_the_clerks_name(desk: Services) -> None:
    """The docstring's promise: a supervisor who hands over a new password lifts every lock on the clerk's
    name, or the clerk, locked out by wrong tries, could not use the new password until the lock ran out."""
    supervisor = desk.auth.sign_in("supervisor", "demo", desk="office")
    for n in range(5):
        _refused(desk, "clerk", f"guess-{n}", "counter-2")
    assert _refused(desk, "clerk", "demo", "counter-2") == "auth.locked"
    clerk_id = next(r.id for r in desk.clerks.clerks(supervisor) if r.username == "clerk")
    desk.clerks.reset_password(supervisor, clerk_id, "Tårnfalk.Fjord")
    signed_in = desk.auth.sign_in("clerk", "Tårnfalk.Fjord", desk="counter-2")
    assert signed_in.username == "clerk" and signed_in.must_change_password
