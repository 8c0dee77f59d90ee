"""A supervisor's settings change what booking and arrival allow; a clerk cannot change them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services.centre_settings import NUMBERS
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import (
    AuditEntry,
    Closure,
    CounterService,
    OpeningHours,
)
from tests.conftest import NOW
from tests.support.other_centre import OtherCentre, add_other_centre
from tests.support.refusals import refused_with

ZONE = ZoneInfo("Europe/Copenhagen")


def test_a_closed_day_and_a_counters_absence_take_their_times_out_of_booking(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    tuesday = NOW.date() + timedelta(days=11)
    services.settings.add_closure(supervisor, tuesday, None, "staff day")
    monday = tuesday - timedelta(days=1)
    services.settings.add_closure(supervisor, monday, 1, "Skranke 1 away")
    free = services.booking.next_free(clerk, "mitid", earliest=datetime.combine(monday, time(8), ZoneInfo("Europe/Copenhagen")), limit=200)
    assert all(f.starts_at.date() != tuesday for f in free)
    assert all(f.counter_id != 1 for f in free if f.starts_at.date() == monday)
    assert [c.reason for c in services.settings.closures(clerk)] == ["Skranke 1 away", "staff day"]


def test_numbers_change_the_rules_and_stay_in_range(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "booking.min_notice_minutes", 24 * 60)
    assert services.booking.min_notice() == timedelta(days=1)
    assert services.booking.next_free(clerk, "mitid", limit=1)[0].starts_at >= NOW + timedelta(days=1)
    with refused_with("settings.out_of_range", InvalidInput):
        services.settings.set_number(supervisor, "booking.max_open_per_citizen", 0)
    with refused_with("settings.supervisor_only", RuleViolation):
        services.settings.set_number(clerk, "arrival.late_minutes", 60)
    assert services.queue.arrival_window()[1] == timedelta(minutes=10)


def test_the_centres_own_time_zone_decides_its_day(services: Services, clerk: ClerkContext) -> None:
    from datetime import date

    from borgerservice_desk.errors import NotFound
    from borgerservice_desk.storage.models import Centre

    assert services.appointments.today(clerk.centre_id) == NOW.date()  # 10:00 in Copenhagen
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = "Pacific/Honolulu"  # 09:00 UTC is 23:00 the evening before there
        uow.commit()

    assert services.appointments.today(clerk.centre_id) == date(2026, 11, 26)
    assert services.appointments.centre_zone(clerk.centre_id) == ZoneInfo("Pacific/Honolulu")
    with pytest.raises(NotFound) as missing:
        services.appointments.centre_zone(clerk.centre_id + 1000)
    assert missing.value.code == "centre.not_found"


@pytest.fixture
def other_centre(services: Services) -> OtherCentre:
    return add_other_centre(services.db)


def _last_audit(services: Services, action: str) -> AuditEntry:
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id.desc())).first()
    assert entry is not None, f"no {action} in the audit trail"
    return entry


def _audit_count(services: Services) -> int:
    with services.db.read() as session:
        return len(session.scalars(select(AuditEntry.id)).all())


def test_new_opening_hours_open_close_and_change_weekdays_and_booking_follows(
    services: Services, clerk: ClerkContext, other_centre: OtherCentre
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    before = services.settings.opening_hours(supervisor)
    assert before == {0: (time(9), time(15)), 1: (time(9), time(15)), 2: (time(9), time(15)),
                      3: (time(9), time(17, 30)), 4: (time(9), time(15))}  # not the other centre's Saturday

    # Monday closed; the long Thursday ends at 15; Sunday opens (the week's first and last weekday numbers);
    # Saturday stays closed, which it already was.
    services.settings.set_opening_hours(supervisor, {
        0: None, 3: (time(9), time(15)), 5: None, 6: (time(10), time(12, 30)),
    })

    assert services.settings.opening_hours(supervisor) == {
        1: (time(9), time(15)), 2: (time(9), time(15)), 3: (time(9), time(15)), 4: (time(9), time(15)),
        6: (time(10), time(12, 30)),
    }
    entry = _last_audit(services, "settings.opening_hours")
    assert entry.clerk_id == supervisor.clerk_id and entry.outcome == "ok"
    # What was set, weekday by weekday, so the trail says when the centre was open and who decided it.
    assert entry.detail == {"hours": {"0": None, "3": ["09:00:00", "15:00:00"], "5": None, "6": ["10:00:00", "12:30:00"]}}
    # Booking keeps the new hours: Sunday 29 November has times from 10:00 to 12:30, Monday none.
    sunday, monday = NOW.date() + timedelta(days=2), NOW.date() + timedelta(days=3)
    local = [f.starts_at.astimezone(ZONE) for f in services.booking.free_on_day(clerk, "mitid", sunday)]
    assert min(local).time() == time(10) and max(local).time() == time(12, 15)
    assert services.booking.free_on_day(clerk, "mitid", monday) == []
    # The other centre's Saturday is its own.
    with services.db.read() as session:
        assert session.get(OpeningHours, (other_centre.centre_id, 5)) is not None


@pytest.mark.parametrize(("hours", "weekday"), [
    ({7: (time(9), time(15))}, 7),  # there is no eighth weekday
    ({-1: (time(9), time(15))}, -1),
    ({2: (time(12), time(12))}, 2),  # open no time at all
    ({2: (time(12), time(11, 59))}, 2),  # closes before it opens
    # One bad weekday refuses the whole change: the good one is not half saved.
    ({1: (time(8), time(16)), 4: (time(15), time(9))}, 4),
])
def test_opening_hours_that_cannot_be_are_refused_whole(
    services: Services, hours: dict[int, tuple[time, time] | None], weekday: int
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    before, entries = services.settings.opening_hours(supervisor), _audit_count(services)
    with pytest.raises(InvalidInput) as caught:
        services.settings.set_opening_hours(supervisor, hours)
    # The message names the weekday to correct.
    assert (caught.value.code, caught.value.params) == ("settings.bad_hours", {"weekday": weekday})
    assert services.settings.opening_hours(supervisor) == before
    assert _audit_count(services) == entries


def test_a_clerk_cannot_change_opening_hours_counter_services_or_closures(
    services: Services, clerk: ClerkContext
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.add_closure(supervisor, NOW.date() + timedelta(days=11), None, "staff day")
    closure = services.settings.closures(clerk)[0]
    offers = services.settings.counter_services(clerk)
    with refused_with("settings.supervisor_only", RuleViolation):
        services.settings.set_opening_hours(clerk, {0: None})
    with refused_with("settings.supervisor_only", RuleViolation):
        services.settings.set_counter_services(clerk, set())
    with refused_with("settings.supervisor_only", RuleViolation):
        services.settings.remove_closure(clerk, closure.id)
    assert 0 in services.settings.opening_hours(clerk)
    assert services.settings.counter_services(clerk) == offers
    assert services.settings.closures(clerk) == [closure]


def test_counter_services_decide_where_a_service_is_booked_and_only_at_the_own_centre(
    services: Services, clerk: ClerkContext, other_centre: OtherCentre
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    ids = {code: service_id for service_id, code in services.booking.service_ids()}
    counters = [c for c, _name in services.booking.counters(clerk)]
    before = services.settings.counter_services(supervisor)
    # Every counter serves everything but the last, which leaves residence documents to the others;
    # the other centre's counter is not listed.
    assert before == {(c, s) for c in counters for s in ids.values()} - {(counters[-1], ids["residence"])}

    # The first counter stops doing passports; the last takes residence documents too.
    wanted = before - {(counters[0], ids["passport"])} | {(counters[-1], ids["residence"])}
    services.settings.set_counter_services(supervisor, wanted)

    assert services.settings.counter_services(supervisor) == wanted
    entry = _last_audit(services, "settings.counter_services")
    assert entry.clerk_id == supervisor.clerk_id
    assert entry.detail == {"pairs": [list(p) for p in sorted(wanted)]}
    monday = NOW.date() + timedelta(days=3)
    assert counters[0] not in {f.counter_id for f in services.booking.free_on_day(clerk, "passport", monday)}
    assert counters[-1] in {f.counter_id for f in services.booking.free_on_day(clerk, "residence", monday)}
    # Another centre's counter cannot be given a service from here, and its own services stay.
    with refused_with("counter.not_found", NotFound):
        services.settings.set_counter_services(supervisor, wanted | {(other_centre.counter_id, ids["passport"])})
    assert services.settings.counter_services(supervisor) == wanted
    with services.db.read() as session:
        theirs = set(session.scalars(select(CounterService.service_id).where(CounterService.counter_id == other_centre.counter_id)))
    assert theirs == {other_centre.service_id}


def test_a_removed_closure_opens_its_day_again_and_another_centres_is_not_found(
    services: Services, clerk: ClerkContext, other_centre: OtherCentre
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    tuesday = NOW.date() + timedelta(days=11)
    services.settings.add_closure(supervisor, tuesday, None, "staff day")
    (closure,) = services.settings.closures(supervisor)
    assert services.booking.free_on_day(clerk, "mitid", tuesday) == []

    services.settings.remove_closure(supervisor, closure.id)

    assert services.settings.closures(supervisor) == []
    assert services.booking.free_on_day(clerk, "mitid", tuesday) != []
    entry = _last_audit(services, "settings.closure_remove")
    assert (entry.clerk_id, entry.detail) == (supervisor.clerk_id, {"day": tuesday.isoformat()})
    entries = _audit_count(services)
    for missing in (closure.id, other_centre.closure_id):  # gone already; another centre's
        with refused_with("closure.not_found", NotFound):
            services.settings.remove_closure(supervisor, missing)
    assert _audit_count(services) == entries
    with services.db.read() as session:
        assert session.get(Closure, other_centre.closure_id) is not None


def test_closures_are_listed_by_day_then_as_added_naming_the_absent_counter(
    services: Services, clerk: ClerkContext, other_centre: OtherCentre
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    tuesday = NOW.date() + timedelta(days=11)
    monday = tuesday - timedelta(days=1)
    services.settings.add_closure(supervisor, tuesday, None, "staff day")
    services.settings.add_closure(supervisor, monday, 1, "Skranke 1 away")
    services.settings.add_closure(supervisor, monday, None, "power cut")
    with services.db.read() as session:
        added = list(session.scalars(select(Closure.id).where(Closure.centre_id == clerk.centre_id).order_by(Closure.id)))

    rows = services.settings.closures(clerk)  # a clerk sees them too: they explain the empty days

    assert [(r.id, r.day, r.counter, r.reason) for r in rows] == [
        (added[1], monday, "Skranke 1", "Skranke 1 away"),
        (added[2], monday, None, "power cut"),  # the whole centre
        (added[0], tuesday, None, "staff day"),
    ]  # and not the other centre's closed day


def test_an_absence_is_added_for_a_counter_of_this_centre_only_and_recorded(
    services: Services, clerk: ClerkContext, other_centre: OtherCentre
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    monday = NOW.date() + timedelta(days=10)
    for counter_id in (other_centre.counter_id, 10**6):  # another centre's counter; none at all
        with refused_with("counter.not_found", NotFound):
            services.settings.add_closure(supervisor, monday, counter_id, "away")
    assert services.settings.closures(supervisor) == []

    services.settings.add_closure(supervisor, monday, 2, "  course  ")

    [row] = services.settings.closures(supervisor)
    assert (row.day, row.counter, row.reason) == (monday, "Skranke 2", "course")
    entry = _last_audit(services, "settings.closure_add")
    assert (entry.clerk_id, entry.detail) == (supervisor.clerk_id, {"day": monday.isoformat(), "counter_id": 2})


def test_a_number_is_set_within_its_range_ends_included_and_every_change_is_recorded(services: Services) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    defaults = services.settings.numbers()
    assert defaults == {key: default for key, (default, _low, _high) in NUMBERS.items()}

    services.settings.set_number(supervisor, "desk.lock_minutes", 1)  # the lowest allowed
    services.settings.set_number(supervisor, "desk.lock_minutes", 60)  # the highest, over the value set before
    for value in (0, 61):
        with pytest.raises(InvalidInput) as caught:
            services.settings.set_number(supervisor, "desk.lock_minutes", value)
        # The message gives the range to choose from.
        assert (caught.value.code, caught.value.params) == (
            "settings.out_of_range", {"key": "desk.lock_minutes", "low": 1, "high": 60})
    with pytest.raises(InvalidInput) as unknown:
        services.settings.set_number(supervisor, "desk.colour", 3)
    assert (unknown.value.code, unknown.value.params) == ("settings.unknown", {"key": "desk.colour"})

    # As many right answers as questions asked is the strictest policy that can still be passed; more cannot.
    services.settings.set_number(supervisor, "questions.asked", 2)
    services.settings.set_number(supervisor, "questions.required", 2)
    for key, value, asked, required in (("questions.required", 3, 2, 3), ("questions.asked", 1, 1, 2)):
        with pytest.raises(InvalidInput) as policy:
            services.settings.set_number(supervisor, key, value)
        assert (policy.value.code, policy.value.params) == ("settings.questions_policy", {"asked": asked, "required": required})

    assert services.settings.numbers() == defaults | {"desk.lock_minutes": 60, "questions.asked": 2, "questions.required": 2}
    with services.db.read() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "settings.set").order_by(AuditEntry.id)).all()
    assert [(e.clerk_id, e.detail) for e in entries] == [
        (supervisor.clerk_id, {"key": "desk.lock_minutes", "value": 1}),
        (supervisor.clerk_id, {"key": "desk.lock_minutes", "value": 60}),
        (supervisor.clerk_id, {"key": "questions.asked", "value": 2}),
        (supervisor.clerk_id, {"key": "questions.required", "value": 2}),
    ]  # the refused ones changed nothing and are not settings
