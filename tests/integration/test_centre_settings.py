"""A supervisor's settings change what booking and arrival allow; a clerk cannot change them."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from tests.conftest import NOW
from tests.support.refusals import refused_with


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
