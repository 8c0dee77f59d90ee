"""Rules that count in days judge on the centre's local date, not the UTC date: a document expires at the
end of its day as the clerk and the citizen reckon it, and a witness's MitID is 30 days old by the calendar
on the counter's wall. The UTC date is a day behind in Copenhagen after local midnight, and a day ahead in
Nuuk in the evening; each test sits in such an hour, where the UTC date would give the other answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.assurance.documents import DocumentType, Refusal
from borgerservice_desk.domain.assurance.errands import Errand
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.licence import TypedLicence
from borgerservice_desk.errors import DeskError, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import AuditEntry, Centre, MitidIdentity, PresentedDocument
from tests.conftest import NOW, TODAY
from tests.support.assurance import checked, citizens, open_visit_for, pass_questions, passport
from tests.support.clock import MovableClock
from tests.support.journey import Candidate, appointment_with_apps, passport_for

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NUUK = ZoneInfo("America/Nuuk")
# The day after the tests' day, 00:30 in Copenhagen: still TODAY in UTC (23:30).
AFTER_MIDNIGHT_COPENHAGEN = datetime.combine(date(2026, 11, 28), time(0, 30), COPENHAGEN)
# The tests' day, 22:30 in Nuuk: already the next day in UTC (00:30).
LATE_EVENING_NUUK = datetime.combine(TODAY, time(22, 30), NUUK)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def desk(seeded_db: Database, tmp_path: Path, clock: MovableClock) -> tuple[Services, ClerkContext]:
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    return services, services.auth.sign_in("clerk", "demo")


def _centre_in(services: Services, clerk: ClerkContext, zone: ZoneInfo) -> None:
    with services.db.unit_of_work() as uow:
        uow.session.get_one(Centre, clerk.centre_id).timezone = zone.key
        uow.commit()


def _checked_in(services: Services, clerk: ClerkContext) -> tuple[Candidate, int]:
    """A citizen checked in at the tests' fixed moment; the clock is moved afterwards."""
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    return candidate, services.appointments.check_in(clerk, candidate.appointment.id).visit_id


def test_a_passport_that_expired_yesterday_is_refused_after_midnight_in_copenhagen(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, clerk = desk
    candidate, visit = _checked_in(services, clerk)
    clock.set(AFTER_MIDNIGHT_COPENHAGEN.astimezone(UTC))
    assert clock().date() == TODAY  # the UTC date still says the passport is valid today
    mrz = "\n".join(passport_for(candidate.citizen, expiry=TODAY))
    result = services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)
    assert not result.passed
    assert [f.code for f in result.outcome.failures] == ["expired"]
    # A typed document valid through 27 November is expired by the same day.
    typed = services.assurance.record_document(clerk, visit, DocumentType.DRIVING_LICENCE_APP, "DNK", expires_on=TODAY)
    assert typed.refusal is Refusal.EXPIRED


def test_a_passport_valid_through_today_passes_late_in_the_evening_in_nuuk(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, clerk = desk
    candidate, visit = _checked_in(services, clerk)
    _centre_in(services, clerk, NUUK)
    clock.set(LATE_EVENING_NUUK.astimezone(UTC))
    assert clock().date() > TODAY  # the UTC date would call it expired
    mrz = "\n".join(passport_for(candidate.citizen, expiry=TODAY))
    result = services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)
    assert result.passed, result.outcome.failures
    (checked_passport,) = services.assurance.overview(clerk, visit).documents
    assert checked_passport.refusal is None  # it counts among the visit's documents, valid through today
    with services.db.read() as session:  # and is stored so, as the check judged it
        stored = session.scalars(select(PresentedDocument).where(PresentedDocument.identity_check_id == result.check_id)).one()
        assert (stored.counted, stored.refusal) == (True, None)
    typed = services.assurance.record_document(clerk, visit, DocumentType.DRIVING_LICENCE_APP, "DNK", expires_on=TODAY)
    assert typed.refusal is None


def test_a_danish_licence_valid_through_today_passes_late_in_the_evening_in_nuuk(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, clerk = desk
    candidate, visit = _checked_in(services, clerk)
    _centre_in(services, clerk, NUUK)
    clock.set(LATE_EVENING_NUUK.astimezone(UTC))
    citizen = candidate.citizen
    assert citizen.cpr is not None
    licence = TypedLicence(
        issuing_country="DK", number="12 34 56 78", surname=citizen.surname, given_names=citizen.given_names,
        birth_date=Cpr(citizen.cpr).birth_date, expiry_date=TODAY,
    )
    result = services.identity.check_licence(clerk, visit, licence, CheckMethod.TYPED)
    assert result.passed, result.outcome.failures


def test_the_windows_day_for_live_marks_is_the_local_date_of_the_zone_it_is_given(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    services, _ = desk
    clock.set(AFTER_MIDNIGHT_COPENHAGEN.astimezone(UTC))
    assert services.identity.today(COPENHAGEN) == date(2026, 11, 28)
    assert services.identity.today(ZoneInfo("UTC")) == TODAY
    clock.set(LATE_EVENING_NUUK.astimezone(UTC))
    assert services.identity.today(NUUK) == TODAY


def test_a_witness_s_mitid_is_31_days_old_by_the_local_calendar_after_midnight(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    """MitID more than 30 days old, counted in the centre's dates at both ends: created at 00:30 on
    28 October in Copenhagen (still 27 October in UTC), it is 30 days old at 23:30 on 27 November (UTC would
    count 31) and 31 days old an hour later, on 28 November (UTC still says 27 November)."""
    services, clerk = desk
    witness = citizens(services, witness=True)[-1]
    assert witness.cpr is not None
    with services.db.unit_of_work() as uow:
        identity = uow.session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == witness.id)).one()
        identity.created_at = datetime(2026, 10, 27, 23, 30, tzinfo=UTC)
        uow.commit()
    citizen = next(c for c in citizens(services) if c.id != witness.id)
    visit = checked(services, clerk, citizen)
    # 23:30 on 27 November in Copenhagen: 30 days old, too new.
    clock.set(datetime.combine(TODAY, time(23, 30), COPENHAGEN).astimezone(UTC))
    assert services.assurance.find_witness(clerk, visit, witness.cpr).refusal_codes == ("witness.mitid_too_new",)
    # An hour later it is 28 November on the counter's calendar (and still 27 November in UTC): 31 days.
    clock.set(AFTER_MIDNIGHT_COPENHAGEN.astimezone(UTC))
    assert services.assurance.find_witness(clerk, visit, witness.cpr).refusals == ()
    accepted = services.assurance.accept_witness(clerk, visit, witness.cpr, photo_id_valid=True, own_mitid_shown=True)
    assert accepted.people_in_window == 1


def test_a_visit_over_midnight_loses_the_passport_that_expired_with_the_day(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    """Checked at 23:30 with a passport valid through 27 November, the citizen could be given an activation
    code; at 00:30 on the counter's calendar it is 28 November, and the errand asks for a valid document."""
    services, clerk = desk
    citizen = citizens(services, active_apps=1)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    clock.set(datetime.combine(TODAY, time(23, 30), COPENHAGEN).astimezone(UTC))
    result = services.identity.check(clerk, visit, passport(citizen, with_cpr=True, expiry=TODAY), CheckMethod.TYPED)
    assert result.passed, result.outcome.failures
    pass_questions(services, clerk, visit)
    assert services.assurance.overview(clerk, visit).ready(Errand.ACTIVATION_CODE)
    clock.set(AFTER_MIDNIGHT_COPENHAGEN.astimezone(UTC))
    assert not services.assurance.overview(clerk, visit).ready(Errand.ACTIVATION_CODE)
    with pytest.raises(RuleViolation) as refused:
        services.recovery.issue_activation_code(clerk, visit)
    assert refused.value.code == "assurance.insufficient"


def test_a_refused_arrival_by_the_cpr_number_of_a_child_born_today_logs_the_masked_number(
    desk: tuple[Services, ClerkContext], clock: MovableClock
) -> None:
    """00:30 on 28 November in Copenhagen: a CPR number of someone born on 28 November is today's, not the
    future's, so the refused arrival's audit entry names it masked, as every look-up by CPR number does."""
    services, clerk = desk
    clock.set(AFTER_MIDNIGHT_COPENHAGEN.astimezone(UTC))
    with pytest.raises(DeskError) as refused:
        services.queue.arrive(clerk, cpr="2811264001")
    assert refused.value.code != "cpr.born_in_future"
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "queue.arrive").order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None and entry.outcome == "refused"
    assert entry.detail["by"] == "cpr" and entry.detail["query"] == "281126-XXXX"
