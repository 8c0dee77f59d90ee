"""Identity assurance through the service on a real database (SQLite, and PostgreSQL under `make test`):
documents, the visit's overview, control questions and witnesses, with their refusals and audit entries."""

from __future__ import annotations

import re
from collections import Counter as Tally
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.assurance.documents import DocumentType, Refusal
from borgerservice_desk.domain.assurance.errands import Errand, Gap
from borgerservice_desk.domain.assurance.levels import Level
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.errors import DeskError, InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services.assurance import DocumentRow, WitnessAccepted
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    AuditEntry,
    IdentityCheck,
    MitidIdentity,
    PresentedDocument,
    QuestionRound,
    RegisterFacts,
    Witnessing,
)
from tests.conftest import NOW
from tests.support.assurance import (
    INGRID_BORN,
    checked,
    citizen_without_cpr,
    citizens,
    open_visit_for,
    pass_questions,
    race,
)
from tests.support.clock import MovableClock
from tests.support.mrz import compose_td3

CARD_EXPIRY = date(2031, 1, 1)  # a photo ID card counts with the expiry it carries (stop 33)

TEN_DIGITS = re.compile(r"\d{10}")


def _audit(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def test_a_danish_passport_with_the_cpr_number_in_its_mrz_reaches_high(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen, with_cpr=True)
    overview = services.assurance.overview(clerk, visit)
    assert overview.level is Level.HIGH
    (document,) = overview.documents
    assert document.checked_by_mrz and document.cpr_shown and document.cpr_matches and document.used
    assert overview.ready(Errand.BLOCK)
    # The documents are enough for every errand; what is still missing is the questions or a witness.
    assert overview.gaps[Errand.CHIP] == (Gap.QUESTIONS_OR_WITNESS,)


def test_a_passport_without_cpr_number_needs_a_document_that_shows_it(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[1]
    assert citizen.cpr is not None
    visit = checked(services, clerk, citizen, with_cpr=False)
    before = services.assurance.overview(clerk, visit)
    assert before.level is Level.NONE and before.gaps[Errand.ACTIVATION_CODE][0] is Gap.CPR_DOCUMENT
    card = services.assurance.record_document(
        clerk, visit, DocumentType.HEALTH_CARD, "dnk", cpr=f"{citizen.cpr[:6]}-{citizen.cpr[6:]}",
        number="80-1234-5678", expires_on=date(2030, 5, 1),
    )
    assert card.refusal is None and card.used and card.number_last4 == "5678"
    after = services.assurance.overview(clerk, visit)
    assert after.level is Level.HIGH and all(d.used for d in after.documents)
    with services.db.read() as session:
        row = session.get(PresentedDocument, card.id)
        assert row is not None
        stored = [str(getattr(row, c.key)) for c in PresentedDocument.__table__.columns]
    # Only whether the CPR number was shown and matched is kept: never the number itself.
    assert not any(TEN_DIGITS.search(value) for value in stored) and citizen.cpr not in " ".join(stored)


def test_a_document_with_another_persons_cpr_number_is_recorded_as_refused(services: Services, clerk: ClerkContext) -> None:
    first, other = citizens(services)[2:4]
    assert other.cpr is not None
    visit = checked(services, clerk, first, with_cpr=False)
    card = services.assurance.record_document(clerk, visit, DocumentType.HEALTH_CARD, "DNK", cpr=other.cpr)
    assert card.refusal is Refusal.CPR_MISMATCH and not card.used
    assert services.assurance.overview(clerk, visit).level is Level.NONE
    (entry,) = _audit(services, "assurance.document")
    assert entry.outcome == "refused" and entry.detail["refusal"] == "cpr_mismatch"
    assert other.cpr not in str(entry.detail)


def test_expired_and_temporary_documents_do_not_count(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[4]
    visit = open_visit_for(services, clerk, citizen.id)
    expired = services.assurance.record_document(
        clerk, visit, DocumentType.DRIVING_LICENCE_APP, "DNK", expires_on=NOW.date() - timedelta(days=1)
    )
    temporary = services.assurance.record_document(clerk, visit, DocumentType.MUNICIPAL_ID_CARD, "DNK", temporary=True)
    assert (expired.refusal, temporary.refusal) == (Refusal.EXPIRED, Refusal.TEMPORARY)
    overview = services.assurance.overview(clerk, visit)
    assert overview.level is Level.NONE and overview.gaps[Errand.BLOCK] == (Gap.PHOTO_ID,)


@pytest.mark.parametrize(
    ("type_", "issuer", "code"),
    [
        (DocumentType.PASSPORT, "DNK", "document.use_identity_check"),
        (DocumentType.DRIVING_LICENCE, "DNK", "document.use_identity_check"),
        (DocumentType.HEALTH_CARD, "DK", "document.bad_issuer"),
    ],
)
def test_a_typed_document_the_desk_cannot_take_is_refused_and_the_refusal_recorded(
    services: Services, clerk: ClerkContext, type_: DocumentType, issuer: str, code: str
) -> None:
    visit = open_visit_for(services, clerk, citizens(services)[5].id)
    with pytest.raises(InvalidInput) as caught:
        services.assurance.record_document(clerk, visit, type_, issuer)
    assert caught.value.code == code
    (entry,) = _audit(services, "assurance.document")
    assert entry.outcome == "refused" and entry.detail["refusal"] == code
    with services.db.read() as session:
        assert session.scalars(select(PresentedDocument).where(PresentedDocument.visit_id == visit)).first() is None


# Control questions -------------------------------------------------------------------------------------
def test_questions_passed_n_of_m_and_nothing_of_the_answers_is_kept(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    drawn = services.assurance.draw_questions(clerk, visit)
    assert len(drawn.questions) == 3 and drawn.required == 2 and len({q.kind for q in drawn.questions}) == 3
    with pytest.raises(RuleViolation) as caught:
        services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: True})
    assert caught.value.code == "questions.not_all_answered"
    result = services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: False, 2: True})
    assert (result.right, result.passed) == (2, True)
    overview = services.assurance.overview(clerk, visit)
    assert overview.questions_passed and overview.ready(Errand.ACTIVATION_CODE) and overview.ready(Errand.CHIP)
    with pytest.raises(RuleViolation) as caught:
        services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: True, 2: True})
    assert caught.value.code == "questions.already_marked"
    # The expected answers were on the clerk's screen only: in no stored round, in no audit entry.
    with services.db.read() as session:
        rounds = [str(r.__dict__) for r in session.scalars(select(QuestionRound))]
        entries = [str(e.detail) for e in session.scalars(select(AuditEntry))]
    for question in drawn.questions:
        assert not any(question.expected in text for text in rounds + entries), question.kind


def test_one_right_of_three_fails_and_a_second_round_can_pass(services: Services, clerk: ClerkContext) -> None:
    visit = checked(services, clerk, citizens(services)[1])
    drawn = services.assurance.draw_questions(clerk, visit)
    failed = services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: False, 2: False})
    assert not failed.passed and not services.assurance.overview(clerk, visit).questions_passed
    pass_questions(services, clerk, visit)
    assert services.assurance.overview(clerk, visit).questions_passed


def test_too_few_register_facts_refuse_questions(services: Services, clerk: ClerkContext) -> None:
    visit = checked(services, clerk, citizens(services, thin=True)[0])
    with pytest.raises(RuleViolation) as caught:
        services.assurance.draw_questions(clerk, visit)
    assert caught.value.code == "questions.too_few_facts"
    assert _audit(services, "assurance.questions_drawn")[-1].outcome == "refused"


def test_the_centres_question_policy_is_used_and_kept_sensible(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(InvalidInput) as caught:
        services.settings.set_number(supervisor, "questions.required", 4)
    assert caught.value.code == "settings.questions_policy"
    services.settings.set_number(supervisor, "questions.asked", 2)
    services.settings.set_number(supervisor, "questions.required", 2)
    visit = checked(services, clerk, citizens(services)[2])
    drawn = services.assurance.draw_questions(clerk, visit)
    assert (len(drawn.questions), drawn.required) == (2, 2)
    with pytest.raises(InvalidInput):
        services.settings.set_number(supervisor, "activation_code.valid_hours", 0)


def test_questions_from_another_visit_are_not_found(services: Services, clerk: ClerkContext) -> None:
    first = checked(services, clerk, citizens(services)[0])
    second = checked(services, clerk, citizens(services)[1])
    drawn = services.assurance.draw_questions(clerk, first)
    with pytest.raises(NotFound) as caught:
        services.assurance.mark_questions(clerk, second, drawn.round_id, {0: True, 1: True, 2: True})
    assert caught.value.code == "questions.not_found"


# Witnesses ---------------------------------------------------------------------------------------------
def _witness(services: Services) -> str:
    person = citizens(services, witness=True)[-1]
    assert person.cpr is not None
    return person.cpr


def test_a_witness_vouches_for_three_people_and_is_refused_for_a_fourth(services: Services, clerk: ClerkContext) -> None:
    witness_cpr = _witness(services)
    people = [c for c in citizens(services) if c.cpr != witness_cpr][:4]
    visits = [checked(services, clerk, person) for person in people]
    for number, visit in enumerate(visits[:3], start=1):
        accepted = services.assurance.accept_witness(clerk, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True)
        assert accepted.people_in_window == number
        assert services.assurance.overview(clerk, visit).ready(Errand.ACTIVATION_CODE)
    # Again for the same citizen in the same visit uses no new place.
    again = services.assurance.accept_witness(clerk, visits[0], witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    assert again.people_in_window == 3
    with pytest.raises(RuleViolation) as caught:
        services.assurance.accept_witness(clerk, visits[3], witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    assert caught.value.code == "witness.limit_reached" and caught.value.params == {"limit": 3, "days": 120}
    assert not services.assurance.overview(clerk, visits[3]).witness_accepted
    with services.db.read() as session:
        assert len(session.scalars(select(Witnessing)).all()) == 3


def test_a_professional_witness_is_recorded_as_such(services: Services, clerk: ClerkContext) -> None:
    witness_cpr = _witness(services)
    visit = checked(services, clerk, citizens(services)[0])
    services.assurance.accept_witness(
        clerk, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True, professional=True
    )
    with services.db.read() as session:
        (row,) = session.scalars(select(Witnessing)).all()
    assert row.professional
    (entry,) = _audit(services, "assurance.witness")
    assert entry.detail["professional"] is True and witness_cpr not in str(entry.detail)


def test_an_accepted_witness_is_recorded_for_the_citizen_and_as_a_look_up_of_the_witness(
    services: Services, clerk: ClerkContext
) -> None:
    """Two entries: the witnessing, in the citizen's record, and the look-up of the witness's own record
    (every look-up of a person is logged, with who looked and why). A witness is not a professional one
    unless the clerk says so."""
    citizen = citizens(services)[0]
    witness = citizens(services, witness=True)[-1]
    assert witness.cpr is not None and witness.id != citizen.id
    visit = checked(services, clerk, citizen)
    accepted = services.assurance.accept_witness(clerk, visit, witness.cpr, photo_id_valid=True, own_mitid_shown=True)
    with services.db.read() as session:
        (row,) = session.scalars(select(Witnessing)).all()
    assert (row.visit_id, row.citizen_id, row.witness_citizen_id, row.clerk_id, row.professional) == (
        visit, citizen.id, witness.id, clerk.clerk_id, False,
    )
    assert accepted == WitnessAccepted(row.id, False, 1)
    (witnessing,) = _audit(services, "assurance.witness")
    assert (witnessing.clerk_id, witnessing.citizen_id, witnessing.purpose, witnessing.outcome) == (
        clerk.clerk_id, citizen.id, None, "ok",
    )
    assert witnessing.detail == {
        "visit_id": visit, "witnessing_id": row.id, "witness_citizen_id": witness.id, "professional": False,
    }
    (look_up,) = [e for e in _audit(services, "citizen.lookup") if e.citizen_id == witness.id]
    assert (look_up.clerk_id, look_up.purpose, look_up.outcome, look_up.detail) == (
        clerk.clerk_id, "witness", "ok", {"visit_id": visit},
    )


def test_two_witnesses_in_one_visit_each_get_their_own_witnessing(services: Services, clerk: ClerkContext) -> None:
    """A second witness in the same visit (the first could not stay, or the clerk wants two) is a witnessing
    of its own: it neither renews nor takes over the first one's row."""
    citizen = citizens(services)[0]
    first, second = citizens(services, witness=True)[-2:]
    assert first.cpr is not None and second.cpr is not None and citizen.id not in (first.id, second.id)
    visit = checked(services, clerk, citizen)
    one = services.assurance.accept_witness(clerk, visit, first.cpr, photo_id_valid=True, own_mitid_shown=True)
    two = services.assurance.accept_witness(clerk, visit, second.cpr, photo_id_valid=True, own_mitid_shown=True)
    with services.db.read() as session:
        rows = {row.id: row.witness_citizen_id for row in session.scalars(select(Witnessing))}
    assert rows == {one.witnessing_id: first.id, two.witnessing_id: second.id}


def test_a_witness_who_vouches_for_three_people_is_found_with_the_limit_named_except_for_those_three(
    services: Services, clerk: ClerkContext
) -> None:
    """The clerk sees before accepting that the witness has no place left, and for which citizen they still
    have one: witnessing again for one of the three uses no new place."""
    witness_cpr = _witness(services)
    people = [c for c in citizens(services) if c.cpr != witness_cpr][:4]
    visits = [checked(services, clerk, person) for person in people]
    for visit in visits[:3]:
        services.assurance.accept_witness(clerk, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    fourth = services.assurance.find_witness(clerk, visits[3], witness_cpr)
    assert fourth.refusal_codes == ("witness.limit_reached",)
    assert fourth.refusals[0].params == {"limit": 3, "days": 120}
    assert services.assurance.find_witness(clerk, visits[0], witness_cpr).refusals == ()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("self", "witness.is_citizen"),
        ("young", "witness.too_young"),
        ("new_mitid", "witness.mitid_too_new"),
        ("no_mitid", "witness.no_mitid"),
        ("no_photo", "witness.no_photo_id"),
        ("not_shown", "witness.mitid_not_shown"),
        ("unknown", "witness.not_found"),
    ],
)
def test_a_witness_who_may_not_witness_is_refused_with_the_rule_named(
    services: Services, clerk: ClerkContext, change: str, code: str
) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    witness = citizens(services, witness=True)[-1]
    assert witness.cpr is not None and citizen.cpr is not None
    cpr = witness.cpr
    with services.db.unit_of_work() as uow:
        identity = uow.session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == witness.id)).one()
        person = uow.session.merge(witness)
        if change == "young":
            person.birth_date = NOW.date() - timedelta(days=17 * 365)
        elif change == "new_mitid":
            identity.created_at = NOW - timedelta(days=30)  # exactly 30 days is not *more* than 30
        uow.commit()
    if change == "self":
        cpr = citizen.cpr
    elif change == "no_mitid":
        without = citizens(services, mitid=False)[0]
        assert without.cpr is not None
        cpr = without.cpr
    elif change == "unknown":
        cpr = "7101801234"  # a replacement number nobody in the demo has
    with pytest.raises(DeskError) as caught:
        services.assurance.accept_witness(
            clerk, visit, cpr, photo_id_valid=change != "no_photo", own_mitid_shown=change != "not_shown"
        )
    assert caught.value.code == code
    assert _audit(services, "assurance.witness")[-1].outcome == "refused"


def test_finding_a_witness_shows_whose_record_the_cpr_number_finds_and_audits_a_look_up(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    witness = citizens(services, witness=True)[-1]
    assert witness.cpr is not None and witness.id != citizen.id
    typed = f"{witness.cpr[:6]}-{witness.cpr[6:]}"  # as the clerk types it
    found = services.assurance.find_witness(clerk, visit, typed)
    assert found.citizen_id == witness.id
    assert found.full_name == f"{witness.given_names} {witness.surname}"
    assert found.birth_date == witness.birth_date
    assert found.cpr_masked == f"{witness.cpr[:6]}-XXXX"
    assert found.refusals == () and found.refusal_codes == ()
    (entry,) = [e for e in _audit(services, "citizen.lookup") if e.purpose == "witness"]
    assert (entry.clerk_id, entry.citizen_id, entry.outcome) == (clerk.clerk_id, witness.id, "ok")
    assert entry.detail == {"visit_id": visit, "refusals": []}
    assert witness.cpr not in str(entry.detail) and not TEN_DIGITS.search(str(entry.detail))
    # Finding accepts nothing: the witness is still to be accepted.
    assert not services.assurance.overview(clerk, visit).witness_accepted


@pytest.mark.parametrize(
    ("change", "codes"),
    [
        ("young", ("witness.too_young",)),
        ("new_mitid", ("witness.mitid_too_new",)),
        ("young_and_new_mitid", ("witness.too_young", "witness.mitid_too_new")),
        ("no_mitid", ("witness.no_mitid",)),
        ("self", ("witness.is_citizen",)),
    ],
)
def test_a_found_witness_the_register_refuses_comes_with_the_rules_named_not_raised(
    services: Services, clerk: ClerkContext, change: str, codes: tuple[str, ...]
) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    witness = citizens(services, witness=True)[-1]
    if change == "self":
        witness = citizen
    elif change == "no_mitid":
        witness = citizens(services, mitid=False)[0]
    with services.db.unit_of_work() as uow:
        person = uow.session.merge(witness)
        if "young" in change:
            person.birth_date = NOW.date() - timedelta(days=17 * 365)
        if "new_mitid" in change:
            identity = uow.session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == witness.id)).one()
            identity.created_at = NOW - timedelta(days=30)  # exactly 30 days is not *more* than 30
        uow.commit()
    assert witness.cpr is not None
    found = services.assurance.find_witness(clerk, visit, witness.cpr)
    assert found.citizen_id == witness.id and found.full_name == f"{witness.given_names} {witness.surname}"
    assert found.refusal_codes == codes
    entry = _audit(services, "citizen.lookup")[-1]
    assert entry.purpose == "witness" and entry.citizen_id == witness.id and entry.outcome == "ok"
    assert entry.detail["refusals"] == list(codes)
    assert not _audit(services, "assurance.witness_lookup")  # a refusing register is an answer, not a refusal


@pytest.mark.parametrize(
    ("typed", "code"),
    [("7101801234", "witness.not_found"), ("3213901234", "cpr.invalid_date"), ("12345", "cpr.invalid_format")],
)
def test_finding_an_unknown_or_wrong_cpr_number_is_refused_and_the_refusal_audited_without_it(
    services: Services, clerk: ClerkContext, typed: str, code: str
) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    before = len(_audit(services, "citizen.lookup"))
    with pytest.raises(DeskError) as caught:
        services.assurance.find_witness(clerk, visit, typed)
    assert caught.value.code == code
    assert isinstance(caught.value, NotFound if code == "witness.not_found" else InvalidInput)
    assert len(_audit(services, "citizen.lookup")) == before  # nobody was looked at
    (entry,) = _audit(services, "assurance.witness_lookup")
    assert entry.outcome == "refused" and entry.detail == {"visit_id": visit, "refusal": code}
    assert entry.citizen_id == citizen.id and typed not in str(entry.detail)


def test_finding_a_witness_needs_an_open_visit_of_the_clerks_own_centre(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[0]
    visit = checked(services, clerk, citizen)
    services.appointments.finish_visit(clerk, visit)
    witness = citizens(services, witness=True)[-1]
    assert witness.cpr is not None
    with pytest.raises(DeskError) as caught:
        services.assurance.find_witness(clerk, visit, witness.cpr)
    assert caught.value.code == "visit.ended"
    assert not [e for e in _audit(services, "citizen.lookup") if e.purpose == "witness"]


def _moving_desk(seeded_db: Database, tmp_path: Path) -> tuple[Services, ClerkContext, MovableClock]:
    """A desk whose clock the test moves, on the same demo database."""
    clock = MovableClock(NOW)
    services = build_services(seeded_db, Paths(tmp_path / "moving"), clock=clock)
    return services, services.auth.sign_in("clerk", "demo"), clock


def test_another_witness_s_people_leave_this_witness_s_places_free(services: Services, clerk: ClerkContext) -> None:
    """The limit counts the people *this* witness vouched for: a second witness is not refused because the
    first one has no place left."""
    first, second = (w.cpr for w in citizens(services, witness=True)[-2:])
    assert first is not None and second is not None and first != second
    people = [c for c in citizens(services) if c.cpr not in (first, second)][:4]
    visits = [checked(services, clerk, person) for person in people]
    for visit in visits[:3]:
        services.assurance.accept_witness(clerk, visit, first, photo_id_valid=True, own_mitid_shown=True)
    assert services.assurance.find_witness(clerk, visits[3], first).refusal_codes == ("witness.limit_reached",)
    assert services.assurance.find_witness(clerk, visits[3], second).refusals == ()
    accepted = services.assurance.accept_witness(clerk, visits[3], second, photo_id_valid=True, own_mitid_shown=True)
    assert accepted.people_in_window == 1


def test_a_witnessing_exactly_120_days_old_no_longer_counts_and_renewing_it_counts_anew(
    seeded_db: Database, tmp_path: Path
) -> None:
    """DOMAIN.md: at most 3 people within 120 days. A witnessing exactly 120 days old is outside the window
    (one second younger is inside). Accepting the same witness again in the same, still open, visit then is
    a new witnessing that takes a place in the new window (the visit's row renewed, not left as it was: else
    the witness could vouch for three more people besides; nor a second row, which the unique key refuses)."""
    services, clerk, clock = _moving_desk(seeded_db, tmp_path)
    witness_cpr = _witness(services)
    people = [c for c in citizens(services) if c.cpr != witness_cpr][:6]
    visits = [checked(services, clerk, person) for person in people]
    old = [services.assurance.accept_witness(clerk, v, witness_cpr, photo_id_valid=True, own_mitid_shown=True)
           for v in visits[:3]]
    clock.set(NOW + timedelta(days=120) - timedelta(seconds=1))
    assert services.assurance.find_witness(clerk, visits[3], witness_cpr).refusal_codes == ("witness.limit_reached",)
    clock.set(NOW + timedelta(days=120))
    assert services.assurance.find_witness(clerk, visits[3], witness_cpr).refusals == ()
    renewed = services.assurance.accept_witness(clerk, visits[0], witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    assert renewed.people_in_window == 1 and renewed.witnessing_id == old[0].witnessing_id  # the visit's one row
    for number, visit in enumerate(visits[3:5], start=2):
        accepted = services.assurance.accept_witness(clerk, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True)
        assert accepted.people_in_window == number
    with pytest.raises(RuleViolation) as caught:
        services.assurance.accept_witness(clerk, visits[5], witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    assert caught.value.code == "witness.limit_reached"


def test_a_witness_cpr_number_born_after_the_desks_day_is_refused_by_the_desks_clock(
    seeded_db: Database, tmp_path: Path
) -> None:
    """"Born in the future" is judged by the desk's clock (the day the counter works on), not the PC's own
    calendar: on a desk set to 10 January 2020 a number born that day is looked for, one born the next day
    is refused as a wrong number. (Replacement numbers, 4 in the 7th digit: born 2020.)"""
    services, clerk, clock = _moving_desk(seeded_db, tmp_path)
    visit = checked(services, clerk, citizens(services)[0])
    clock.set(datetime(2020, 1, 10, 9, 0, tzinfo=UTC))
    with pytest.raises(NotFound) as unknown:
        services.assurance.find_witness(clerk, visit, "700120-4001")
    assert unknown.value.code == "witness.not_found"
    with pytest.raises(InvalidInput) as caught:
        services.assurance.find_witness(clerk, visit, "710120-4001")
    assert caught.value.code == "cpr.born_in_future"


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("1" * 41, "text.too_long", {"field": "cpr", "limit": 40, "length": 41}),
        ("010180\x00-1234", "text.invalid_characters", {"field": "cpr"}),
    ],
)
def test_a_witness_cpr_number_the_field_cannot_hold_is_refused_naming_the_cpr_field(
    services: Services, clerk: ClerkContext, typed: str, code: str, params: dict[str, object]
) -> None:
    """The Danish message names the field the clerk typed into: the CPR number's."""
    visit = checked(services, clerk, citizens(services)[0])
    with pytest.raises(InvalidInput) as caught:
        services.assurance.find_witness(clerk, visit, typed)
    assert (caught.value.code, caught.value.params) == (code, params)


def test_two_desks_using_one_witness_for_a_fourth_citizen_at_once_one_wins(
    database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    witness_cpr = _witness(services)
    people = [c for c in citizens(services) if c.cpr != witness_cpr][:4]
    visits = [checked(services, clerk, person) for person in people]
    for visit in visits[:2]:
        services.assurance.accept_witness(clerk, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True)
    # Two desks, each with its own engine and connections, take the witness's last place at once.
    outcomes = race(
        database_url, tmp_path,
        [
            lambda s, ctx, visit=visit: s.assurance.accept_witness(
                ctx, visit, witness_cpr, photo_id_valid=True, own_mitid_shown=True
            )
            for visit in visits[2:]
        ],
    )
    assert outcomes == Tally({"ok": 1, "witness.limit_reached": 1}), outcomes
    with services.db.read() as session:
        assert len(session.scalars(select(Witnessing)).all()) == 3


def test_every_demo_citizen_has_register_facts(services: Services) -> None:
    with services.db.read() as session:
        facts = session.scalars(select(RegisterFacts)).all()
        assert len(facts) == 150
        assert all(f.mother_first_name and f.place_of_birth for f in facts)


def test_reading_the_overview_adds_nothing_to_the_audit_trail(services: Services, clerk: ClerkContext) -> None:
    """The window reads the overview after every action: what it shows was audited when it was recorded."""
    citizen = citizens(services)[5]
    visit = checked(services, clerk, citizen, with_cpr=True)
    with services.db.read() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    for _ in range(3):
        services.assurance.overview(clerk, visit)
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before


def test_an_errand_the_window_refused_for_its_gaps_is_audited_with_what_was_missing(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[6]
    visit = checked(services, clerk, citizen, with_cpr=True)
    gaps = services.assurance.refuse_unready(clerk, visit, Errand.CHIP)
    assert gaps == (Gap.QUESTIONS_OR_WITNESS,)
    (entry,) = _audit(services, "assurance.errand")
    assert (entry.outcome, entry.clerk_id, entry.citizen_id) == ("refused", clerk.clerk_id, citizen.id)
    assert entry.detail == {
        "visit_id": visit, "errand": "chip", "refusal": "assurance.insufficient", "missing": "questions_or_witness"
    }
    # A screen that was behind: the errand can be done after all, and no refusal is recorded.
    assert services.assurance.refuse_unready(clerk, visit, Errand.BLOCK) == ()
    assert len(_audit(services, "assurance.errand")) == 1


def test_an_errand_refused_for_several_gaps_names_each_of_them(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[6]
    visit = open_visit_for(services, clerk, citizen.id)  # nothing shown yet
    gaps = services.assurance.refuse_unready(clerk, visit, Errand.ACTIVATION_CODE)
    assert gaps == (Gap.PHOTO_ID, Gap.QUESTIONS_OR_WITNESS)
    (entry,) = _audit(services, "assurance.errand")
    assert entry.detail["missing"] == "photo_id,questions_or_witness"  # each code, comma separated


def test_a_typed_document_is_recorded_and_shown_in_the_overview_field_by_field(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[1]
    assert citizen.cpr is not None
    visit = checked(services, clerk, citizen, with_cpr=False)
    card = services.assurance.record_document(
        clerk, visit, DocumentType.HEALTH_CARD, " dnk ", cpr=f"{citizen.cpr[:6]}-{citizen.cpr[6:]}",
        number="ab 12 3-4cd", expires_on=date(2030, 5, 1), temporary=False, physical=True,
    )
    assert card == DocumentRow(card.id, DocumentType.HEALTH_CARD, "DNK", "34CD", True, True, date(2030, 5, 1),
                               False, None, True)
    # A card that is not the physical one is recorded with why it does not count.
    app = services.assurance.record_document(clerk, visit, DocumentType.MUNICIPAL_ID_CARD, "DNK", physical=False)
    assert (app.refusal, app.used, app.number_last4, app.cpr_shown, app.cpr_matches) == (
        Refusal.NOT_PHYSICAL, False, None, False, None,
    )
    overview = services.assurance.overview(clerk, visit)
    passport, shown_card, shown_app = overview.documents
    # The passport checked by its MRZ (tests/support/assurance.py), the typed card and the refused one.
    assert passport == DocumentRow(passport.id, DocumentType.PASSPORT, "DNK", "4567", False, None, date(2031, 1, 1),
                                   True, None, True)
    assert shown_card == card and shown_app == app
    with services.db.read() as session:
        row = session.get(PresentedDocument, card.id)
        assert row is not None
        assert (row.clerk_id, row.identity_check_id, row.type, row.issuer, row.number_last4, row.physical,
                row.temporary, row.counted, row.refusal) == (
            clerk.clerk_id, None, "health_card", "DNK", "34CD", True, False, True, None,
        )
        # The trail names who recorded which document for whom, and whether it counted; never the number.
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "assurance.document").order_by(AuditEntry.seq)
        ).all()
    assert [(e.clerk_id, e.citizen_id, e.outcome, e.detail) for e in entries] == [
        (clerk.clerk_id, citizen.id, "counted", {
            "visit_id": visit, "document_id": card.id, "type": "health_card", "issuer": "DNK",
            "cpr_shown": True, "cpr_matches": True, "refusal": None,
        }),
        (clerk.clerk_id, citizen.id, "refused", {
            "visit_id": visit, "document_id": app.id, "type": "municipal_id_card", "issuer": "DNK",
            "cpr_shown": False, "cpr_matches": None, "refusal": "not_physical",
        }),
    ]


@pytest.mark.parametrize(
    ("type_", "issuer", "number", "cpr", "code", "params"),
    [
        (DocumentType.PASSPORT, "DNK", None, None, "document.use_identity_check", {"type": "passport"}),
        (DocumentType.HEALTH_CARD, "Danmark i alt", None, None, "document.bad_issuer", {"value": "Danmark i "}),
        (DocumentType.HEALTH_CARD, "DNK", "12/34", None, "document.bad_number", {}),
        (DocumentType.HEALTH_CARD, "DNK", None, "0101901234567", "cpr.invalid_format", None),
        (DocumentType.HEALTH_CARD, "DNK", None, "0101\x0090-1234", "text.invalid_characters", {"field": "cpr"}),
        # Born on 29 November 2026: after the desk's today (27 November), whatever the machine's date.
        (DocumentType.HEALTH_CARD, "DNK", None, "291126-4000", "cpr.born_in_future", None),
    ],
)
def test_a_typed_document_is_refused_with_what_was_wrong(
    services: Services, clerk: ClerkContext, type_: DocumentType, issuer: str, number: str | None,
    cpr: str | None, code: str, params: dict[str, str] | None,
) -> None:
    visit = open_visit_for(services, clerk, citizens(services)[5].id)
    with pytest.raises(InvalidInput) as caught:
        services.assurance.record_document(clerk, visit, type_, issuer, number=number, cpr=cpr)
    assert caught.value.code == code
    if params is not None:
        assert caught.value.params == params


def test_identity_checks_an_older_desk_stored_without_their_documents_show_as_the_documents_they_read(
    services: Services, clerk: ClerkContext
) -> None:
    """Before documents were recorded with their checks (migration 0012), a desk stored the check alone.
    Such a check still counts as the document it read: checked by its MRZ, with no CPR number (the old row
    kept none), refused like any document when it failed or has expired; a visa is no identity document.
    Typed documents are listed first, then these checks in the order they were made."""
    citizen = citizens(services)[1]
    assert citizen.cpr is not None
    visit = open_visit_for(services, clerk, citizen.id)
    yesterday = NOW.date() - timedelta(days=1)

    def old_check(kind: str, country: str, last4: str, expiry: date, passed: bool) -> IdentityCheck:
        return IdentityCheck(
            visit_id=visit, clerk_id=clerk.clerk_id, checked_at=NOW, method=CheckMethod.TYPED, document_kind=kind,
            issuing_country=country, number_last4=last4, expiry_date=expiry, passed=passed,
            failures=[] if passed else ["check_digit"],
        )

    with services.db.unit_of_work() as uow:
        uow.session.add_all([
            old_check("passport", "DNK", "4567", date(2031, 1, 1), True),
            old_check("id_card", "SWE", "0042", yesterday, True),
            old_check("residence_card", "DNK", "7788", date(2030, 1, 1), False),
            old_check("visa", "USA", "1111", date(2030, 1, 1), True),
        ])
        uow.commit()
    passport = DocumentRow(None, DocumentType.PASSPORT, "DNK", "4567", False, None, date(2031, 1, 1), True, None, False)
    expired = DocumentRow(None, DocumentType.NATIONAL_ID_CARD, "SWE", "0042", False, None, yesterday, True,
                          Refusal.EXPIRED, False)
    failed = DocumentRow(None, DocumentType.RESIDENCE_PERMIT, "DNK", "7788", False, None, date(2030, 1, 1), True,
                         Refusal.NOT_CHECKED, False)
    before = services.assurance.overview(clerk, visit)
    # A Danish passport that shows no CPR number needs a document that does.
    assert before.level is Level.NONE and before.documents == (passport, expired, failed)
    card = services.assurance.record_document(
        clerk, visit, DocumentType.HEALTH_CARD, "DNK", cpr=citizen.cpr, expires_on=date(2030, 5, 1)
    )
    after = services.assurance.overview(clerk, visit)
    assert after.level is Level.HIGH and card.used
    assert after.documents == (card, DocumentRow(**{**passport.__dict__, "used": True}), expired, failed)
    assert (after.visit_id, after.citizen_id, after.mitid_carries_cpr) == (visit, citizen.id, True)
    assert after.questions_passed is False and after.witness_accepted is False


def test_a_citizen_without_cpr_number_reaches_high_with_a_foreign_passport_alone(
    services: Services, clerk: ClerkContext
) -> None:
    """A MitID that carries no CPR number needs no Danish document showing one beside a foreign passport
    (DOMAIN.md, level High); the overview says the MitID carries none."""
    visit = open_visit_for(services, clerk, citizen_without_cpr(services))
    lines = compose_td3(
        document_code="P", issuing_country="SWE", surname="Lindqvist", given_names="Ingrid",
        document_number="SE1234567", nationality="SWE", birth_date=INGRID_BORN, sex="F",
        expiry_date=date(2031, 1, 1),
    )
    result = services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.TYPED)
    assert result.passed, result.outcome.failures
    overview = services.assurance.overview(clerk, visit)
    assert overview.mitid_carries_cpr is False
    assert overview.level is Level.HIGH and [d.used for d in overview.documents] == [True]


def test_a_checked_document_is_kept_as_one_of_the_visits_documents_with_who_when_and_whether_it_counted(
    services: Services, clerk: ClerkContext
) -> None:
    """The identity check records its document for the assurance rules while the MRZ is at hand: the CPR
    number it showed is compared and forgotten, and a check that failed is kept as a document that does not
    count, with why."""
    from tests.support.assurance import passport

    citizen = citizens(services)[3]
    assert citizen.cpr is not None
    visit = open_visit_for(services, clerk, citizen.id)
    expired = services.identity.check(
        clerk, visit, passport(citizen, with_cpr=False, expiry=date(2026, 11, 26)), CheckMethod.TYPED
    )
    valid = services.identity.check(clerk, visit, passport(citizen, with_cpr=True), CheckMethod.TYPED)
    # The citizen's own passport, but the CPR number in it is another person's.
    other = citizens(services)[4].cpr
    assert other is not None
    born = Cpr(citizen.cpr)
    foreign_cpr = services.identity.check(
        clerk, visit, "\n".join(compose_td3(
            document_code="P", issuing_country="DNK", surname=citizen.surname, given_names=citizen.given_names,
            document_number="DK1234567", nationality="DNK", birth_date=born.birth_date, sex=born.sex.value,
            expiry_date=date(2031, 1, 1), optional_data=other,
        )), CheckMethod.TYPED,
    )
    assert not expired.passed and valid.passed and foreign_cpr.passed
    with services.db.read() as session:
        rows = session.scalars(
            select(PresentedDocument).where(PresentedDocument.visit_id == visit).order_by(PresentedDocument.id)
        ).all()
    fields = [
        (r.identity_check_id, r.clerk_id, r.type, r.issuer, r.number_last4, r.cpr_shown, r.cpr_matches, r.expires_on,
         r.temporary, r.physical, r.counted, r.refusal, r.recorded_at)
        for r in rows
    ]
    assert fields == [
        (expired.check_id, clerk.clerk_id, "passport", "DNK", "4567", False, None, date(2026, 11, 26), False, True,
         False, "not_checked", NOW),
        (valid.check_id, clerk.clerk_id, "passport", "DNK", "4567", True, True, date(2031, 1, 1), False, True,
         True, None, NOW),
        (foreign_cpr.check_id, clerk.clerk_id, "passport", "DNK", "4567", True, False, date(2031, 1, 1), False, True,
         False, "cpr_mismatch", NOW),
    ]


def test_a_citizen_without_cpr_number_counts_a_municipal_id_card_alone(services: Services, clerk: ClerkContext) -> None:
    """A MitID that carries no CPR number needs no CPR document beside the card (DOMAIN.md): the card
    recorded for such a citizen is used on its own, where a CPR-carrying MitID would need a partner."""
    visit = open_visit_for(services, clerk, citizen_without_cpr(services))
    card = services.assurance.record_document(clerk, visit, DocumentType.MUNICIPAL_ID_CARD, "DNK", expires_on=CARD_EXPIRY)
    assert (card.refusal, card.used) == (None, True)
    assert services.assurance.overview(clerk, visit).level is Level.SUBSTANTIAL


def test_a_visit_that_does_not_exist_is_refused_as_not_found_and_the_refusal_audited_with_the_clerk_for_nobody(
    services: Services, clerk: ClerkContext
) -> None:
    witness = _witness(services)
    with pytest.raises(NotFound) as caught:
        services.assurance.find_witness(clerk, 999_999, witness)
    assert caught.value.code == "visit.not_found"
    (entry,) = _audit(services, "assurance.witness_lookup")
    assert (entry.clerk_id, entry.outcome, entry.citizen_id, entry.detail) == (
        clerk.clerk_id, "refused", None, {"visit_id": 999_999, "refusal": "visit.not_found"},
    )
