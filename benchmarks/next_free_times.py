"""Benchmark: next free times for one service across 20 counters over 90 days, with a busy book.

    .venv/bin/python benchmarks/next_free_times.py [--fill 0.85] [--runs 30]

Builds a throw-away SQLite database: one centre, 20 counters, the demo's services and opening hours,
and bookings on every opening day of the next 90 days until each counter's day is `--fill` full (the
first two weeks completely full, so the search has to look past them). Prints the median and the 90th
percentile of BookingService.next_free(limit=10): the database reads plus the search.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from borgerservice_desk.domain.desk import AppointmentStatus, Role
from borgerservice_desk.services.booking import BookingService
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database, sqlite_url
from borgerservice_desk.storage.models import (
    Appointment,
    Centre,
    Citizen,
    Clerk,
    Counter,
    CounterService,
    OpeningHours,
    Service,
)

ZONE = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def build(db: Database, fill: float) -> None:
    rng = random.Random(7)
    with db.unit_of_work() as uow:
        s = uow.session
        centre = Centre(name="Bench", address="-", timezone=ZONE.key)
        s.add(centre)
        s.flush()
        counters = [Counter(centre_id=centre.id, name=f"Skranke {i}") for i in range(1, 21)]
        services = [Service(code="mitid", name_da="MitID", name_en="MitID", minutes=15),
                    Service(code="passport", name_da="Pas", name_en="Passport", minutes=20)]
        s.add_all([*counters, *services])
        s.add(Citizen(cpr=None, given_names="Bench", surname="Mark", birth_date=date(1980, 1, 1), sex="F"))
        s.flush()
        s.add_all(CounterService(counter_id=c.id, service_id=v.id) for c in counters for v in services)
        s.add_all(OpeningHours(centre_id=centre.id, weekday=w, opens=time(9), closes=time(17, 30) if w == 3 else time(15))
                  for w in range(5))
        rows = []
        code = 0
        for offset in range(0, 91):
            day = NOW.date() + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            closes = time(17, 30) if day.weekday() == 3 else time(15)
            for counter in counters:
                slot = datetime.combine(day, time(9), ZONE)
                end = datetime.combine(day, closes, ZONE)
                while slot + timedelta(minutes=20) <= end:
                    service = services[rng.random() < 0.4]
                    ends = slot + timedelta(minutes=service.minutes)
                    if offset <= 14 or rng.random() < fill:
                        code += 1
                        rows.append(dict(centre_id=centre.id, counter_id=counter.id, service_id=service.id,
                                         citizen_id=1, booking_code=f"B{code:07d}", starts_at=slot.astimezone(UTC),
                                         ends_at=ends.astimezone(UTC), status=AppointmentStatus.BOOKED))
                    slot = ends
        s.execute(Appointment.__table__.insert(), rows)
        uow.commit()
    print(f"bookings: {len(rows)}")


def bench_clerk(db: Database) -> ClerkContext:
    """A real clerk row of the centre: the services check the clerk in the database at every call."""
    with db.unit_of_work() as uow:
        clerk = Clerk(centre_id=1, username="bench", full_name="Bench", role=Role.CLERK, password_hash="-")
        uow.session.add(clerk)
        uow.flush()
        ctx = ClerkContext(clerk.id, clerk.username, clerk.full_name, clerk.role, clerk.centre_id)
        uow.commit()
    return ctx


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill", type=float, default=0.85)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(sqlite_url(Path(folder) / "bench.sqlite3"))
        build(db, args.fill)
        service = BookingService(db, clock=lambda: NOW)
        ctx = bench_clerk(db)
        times = []
        for _ in range(args.runs):
            started = clock.perf_counter()
            found = service.next_free(ctx, "mitid", limit=10)
            times.append(clock.perf_counter() - started)
        assert len(found) == 10
        times.sort()
        print(f"next_free(limit=10), 20 counters, 90 days: median {statistics.median(times) * 1000:.1f} ms, "
              f"p90 {times[int(len(times) * 0.9)] * 1000:.1f} ms; first free {found[0].starts_at.astimezone(ZONE):%d-%m %H:%M}")
        db.dispose()


if __name__ == "__main__":
    main()
