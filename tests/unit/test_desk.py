"""A late arrival (statistics count it apart from a cancellation): a booking given up because the citizen
came after the late window, told from one cancelled beforehand by the arrival time that was kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from borgerservice_desk.domain.desk import AppointmentStatus, arrived_late

ARRIVED = datetime(2026, 3, 2, 9, 40, tzinfo=UTC)


def test_a_cancelled_booking_whose_citizen_arrived_is_a_late_arrival() -> None:
    assert arrived_late(AppointmentStatus.CANCELLED, ARRIVED) is True


def test_a_booking_cancelled_beforehand_has_no_arrival_and_is_no_late_arrival() -> None:
    assert arrived_late(AppointmentStatus.CANCELLED, None) is False


@pytest.mark.parametrize(
    "status",
    [AppointmentStatus.CHECKED_IN, AppointmentStatus.DONE, AppointmentStatus.NO_SHOW, AppointmentStatus.BOOKED],
)
def test_a_booking_not_given_up_is_no_late_arrival_whether_or_not_the_citizen_came(
    status: AppointmentStatus,
) -> None:
    assert arrived_late(status, ARRIVED) is False
    assert arrived_late(status, None) is False
