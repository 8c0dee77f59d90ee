"""What the booking screen offers, on a real database (SQLite, and PostgreSQL under `make test`): a taken
time with no counter named offers the first free time after it (the Danish message shows it), the last local
day of the booking horizon is searched even across the change to summer time, an unknown service is named
in its refusal, days are the centre's (not the PC's zone, not another centre's closures), and more times than
one week's search window holds come in order."""

from __future__ import annotations

import time as time_module
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Appointment, Citizen
from tests.conftest import NOW

ZONE = ZoneInfo("Europe/Copenhagen")
NEXT_TUESDAY = datetime.combine(NOW.date() + timedelta(days=11), time(11, 0), ZONE).astimezone(UTC)  # 8 Dec 2026


def _free_citizens(services: Services, count: int) -> list[int]:
    with services.db.read() as session:
        return list(
            session.scalars(
                select(Citizen.id).where(Citizen.id.not_in(select(Appointment.citizen_id))).order_by(Citizen.id)
                .limit(count)
            )
        )


def test_a_taken_time_without_a_counter_named_offers_the_first_free_time_after_it(
    services: Services, clerk: ClerkContext
) -> None:
    """With one counter serving MitID, booking its taken time offers the very next slot, not a later one."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    mitid = next(service_id for service_id, code in services.booking.service_ids() if code == "mitid")
    offers = services.settings.counter_services(supervisor)
    services.settings.set_counter_services(supervisor, {(c, s) for c, s in offers if s != mitid or c == 1})
    minutes = next(m for code, _da, _en, m in services.booking.services() if code == "mitid")
    first, second = _free_citizens(services, 2)
    services.booking.book(clerk, first, "mitid", NEXT_TUESDAY)
    with pytest.raises(RuleViolation) as caught:
        services.booking.book(clerk, second, "mitid", NEXT_TUESDAY)
    following = NEXT_TUESDAY + timedelta(minutes=minutes)
    assert (caught.value.code, caught.value.params) == ("booking.taken", {"next_free": following.isoformat()})
    assert services.booking.next_free(clerk, "mitid", earliest=NEXT_TUESDAY, limit=1)[0].starts_at == following


def test_a_taken_time_with_nothing_free_after_it_in_the_horizon_offers_no_time(
    services: Services, clerk: ClerkContext
) -> None:
    """The day's last MitID time taken and the centre closed for the whole horizon after it: the refusal
    says the time is taken and offers nothing, rather than failing."""
    from borgerservice_desk.services.booking import HORIZON
    from borgerservice_desk.storage.models import Closure

    supervisor = services.auth.sign_in("supervisor", "demo")
    mitid = next(service_id for service_id, code in services.booking.service_ids() if code == "mitid")
    offers = services.settings.counter_services(supervisor)
    services.settings.set_counter_services(supervisor, {(c, s) for c, s in offers if s != mitid or c == 1})
    day = NEXT_TUESDAY.astimezone(ZONE).date()
    last = max(f.starts_at for f in services.booking.free_on_day(clerk, "mitid", day))
    with services.db.unit_of_work() as uow:
        uow.session.add_all(
            Closure(centre_id=clerk.centre_id, day=day + timedelta(days=n), reason="test")
            for n in range(1, HORIZON.days + 2)
        )
        uow.commit()
    first, second = _free_citizens(services, 2)
    services.booking.book(clerk, first, "mitid", last)
    with pytest.raises(RuleViolation) as caught:
        services.booking.book(clerk, second, "mitid", last)
    assert (caught.value.code, caught.value.params) == ("booking.taken", {"next_free": None, "horizon_days": HORIZON.days})


def test_an_unknown_service_is_refused_naming_what_was_asked_for(services: Services, clerk: ClerkContext) -> None:
    with pytest.raises(NotFound) as caught:
        services.booking.next_free(clerk, "no-such-service", limit=1)
    assert (caught.value.code, caught.value.params) == ("service.not_found", {"query": "no-such-service"})


def test_the_horizons_last_day_is_searched_when_the_clocks_go_forward_on_the_way(
    services: Services, clerk: ClerkContext
) -> None:
    """Ninety days on from 23:30 on 5 January are past midnight on 6 April in summer time: 6 April is the
    horizon's last local day, and its opening is offered like every Tuesday's before it."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_opening_hours(supervisor, {0: None, 1: (time(11), time(11, 15)), 2: None, 3: None, 4: None})
    mitid = next(service_id for service_id, code in services.booking.service_ids() if code == "mitid")
    offers = services.settings.counter_services(supervisor)
    services.settings.set_counter_services(supervisor, {(c, s) for c, s in offers if s != mitid or c == 1})
    earliest = datetime(2027, 1, 5, 23, 30, tzinfo=ZONE).astimezone(UTC)  # as the desk's clock gives times
    free = services.booking.next_free(clerk, "mitid", earliest=earliest, limit=50)
    days = [f.starts_at.astimezone(ZONE).date() for f in free]
    assert days == [date(2027, 1, 5) + timedelta(weeks=n) for n in range(1, 14)]
    assert free[-1].starts_at == datetime(2027, 4, 6, 11, tzinfo=ZONE)


def test_a_public_holiday_is_kept_closed_when_the_desk_pcs_own_zone_is_a_day_ahead(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Days are the centre's (Copenhagen), never the PC's: at 11:00 on Christmas Day (a Friday in 2026) it is
    already 26 December on a PC set to Kiritimati (UTC+14); Christmas Day still offers nothing, and neither
    does the weekend after it: the first time is Monday 28 December."""
    christmas = datetime(2026, 12, 25, 11, 0, tzinfo=ZONE).astimezone(UTC)
    try:
        with monkeypatch.context() as patched:
            patched.setenv("TZ", "Pacific/Kiritimati")
            time_module.tzset()
            assert christmas.astimezone().date() == date(2026, 12, 26)  # the PC's own day
            (first,) = services.booking.next_free(clerk, "mitid", earliest=christmas, limit=1)
    finally:
        time_module.tzset()
    assert first.starts_at.astimezone(ZONE).date() == date(2026, 12, 28)


def test_asking_for_more_times_than_one_search_window_holds_offers_the_earliest_ones_in_order(
    services: Services, clerk: ClerkContext
) -> None:
    """The search goes a week at a time; thirty times asked for on a free Tuesday are that Tuesday's first
    thirty free start times from the earliest moment, none skipped for a later week."""
    day = NEXT_TUESDAY.astimezone(ZONE).date()
    times = [f.starts_at for f in services.booking.next_free(clerk, "mitid", earliest=NEXT_TUESDAY, limit=30)]
    on_the_day = sorted({f.starts_at for f in services.booking.free_on_day(clerk, "mitid", day)})
    assert times == [t for t in on_the_day if t >= NEXT_TUESDAY][:30]
    assert len(times) == 30


def test_another_centres_closed_day_leaves_this_centre_open(services: Services, clerk: ClerkContext) -> None:
    """Randers closes for a day; the demo centre's clerk still offers that day's times from its opening on."""
    from tests.support.other_centre import add_other_centre

    add_other_centre(services.db)
    randers_closed = NOW.date() + timedelta(days=12)
    opening = datetime.combine(randers_closed, time(0), ZONE).astimezone(UTC)
    (first,) = services.booking.next_free(clerk, "mitid", earliest=opening, limit=1)
    assert first.starts_at.astimezone(ZONE).date() == randers_closed
    assert services.booking.free_on_day(clerk, "mitid", randers_closed)
