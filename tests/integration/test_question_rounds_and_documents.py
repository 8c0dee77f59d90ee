"""What a clerk and an auditor rely on around control questions and the visit's documents, on a real
database (SQLite, and PostgreSQL under `make test`): the audit entries of drawing and marking a round, every
register fact being askable, a failed MRZ check or an expired document never counting, and identity checks
recorded before documents were (migration 0012) judged by their own expiry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.control_questions import QuestionKind
from borgerservice_desk.domain.assurance.documents import DocumentType, Refusal
from borgerservice_desk.domain.assurance.levels import Level
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.assurance import DocumentRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, IdentityCheck
from tests.conftest import NOW, TODAY
from tests.support.assurance import citizens, give_register_facts, open_visit_for, pass_questions
from tests.support.mrz import compose_td3


def _entries(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)))


def test_drawing_and_marking_a_round_leave_entries_that_say_who_whose_what_and_how_it_went(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    drawn = services.assurance.draw_questions(clerk, visit)
    (entry,) = _entries(services, "assurance.questions_drawn")
    # Which kinds were asked is what shows later that the questions were not always the same ones.
    assert (entry.clerk_id, entry.citizen_id, entry.outcome) == (clerk.clerk_id, citizen.id, "ok")
    assert entry.detail == {
        "visit_id": visit, "round_id": drawn.round_id, "kinds": [q.kind.value for q in drawn.questions],
        "asked": 3, "required": 2,
    }

    # Two of three right is exactly the demo centre's required number: passed.
    passed = services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: False, 2: True})
    assert (passed.round_id, passed.asked, passed.right, passed.required, passed.passed) == (drawn.round_id, 3, 2, 2, True)
    # One right fewer fails.
    again = services.assurance.draw_questions(clerk, visit)
    failed = services.assurance.mark_questions(clerk, visit, again.round_id, {0: False, 1: True, 2: False})
    assert (failed.right, failed.required, failed.passed) == (1, 2, False)
    marked = _entries(services, "assurance.questions_marked")
    assert [(e.clerk_id, e.citizen_id, e.outcome) for e in marked] == [
        (clerk.clerk_id, citizen.id, "passed"), (clerk.clerk_id, citizen.id, "failed")
    ]
    # Each entry whole: which visit and round, how many were asked, right and required (never the answers).
    assert [e.detail for e in marked] == [
        {"visit_id": visit, "round_id": drawn.round_id, "asked": 3, "right": 2, "required": 2},
        {"visit_id": visit, "round_id": again.round_id, "asked": 3, "right": 1, "required": 2},
    ]

    # Marking a round twice is refused, and the refusal is recorded under the marking's own action.
    with pytest.raises(RuleViolation) as caught:
        services.assurance.mark_questions(clerk, visit, drawn.round_id, {0: True, 1: True, 2: True})
    assert caught.value.code == "questions.already_marked"
    refused = _entries(services, "assurance.questions_marked")[-1]
    assert (refused.outcome, refused.citizen_id, refused.detail["refusal"]) == (
        "refused", citizen.id, "questions.already_marked"
    )


def test_every_register_fact_can_be_asked_about(services: Services, clerk: ClerkContext) -> None:
    """A centre asking four questions needs every kind the register holds: the mother's and the father's
    first names, the place of birth and one former address."""
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "questions.asked", 4)
    services.settings.set_number(supervisor, "questions.required", 4)
    citizen = citizens(services)[0]
    give_register_facts(services.db, citizen.id)
    visit = open_visit_for(services, clerk, citizen.id)
    drawn = services.assurance.draw_questions(clerk, visit)
    assert {q.kind for q in drawn.questions} == set(QuestionKind)
    expected = {q.kind: q.expected for q in drawn.questions}
    assert (
        expected[QuestionKind.MOTHER_FIRST_NAME], expected[QuestionKind.FATHER_FIRST_NAME],
        expected[QuestionKind.PLACE_OF_BIRTH],
    ) == ("Inger", "Poul", "Svendborg")
    assert expected[QuestionKind.FORMER_ADDRESS] in {"Odense", "Vejle"}


def test_a_passport_whose_mrz_check_failed_is_listed_but_never_counts(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[0]
    assert citizen.cpr is not None
    visit = open_visit_for(services, clerk, citizen.id)
    cpr = Cpr(citizen.cpr)
    # The citizen's own CPR number and birth date, but another person's name: the check fails.
    mrz = "\n".join(
        compose_td3(
            document_code="P", issuing_country="DNK", surname="ANDERSENIUS", given_names="KNUD",
            document_number="DK7654321", nationality="DNK", birth_date=cpr.birth_date, sex=cpr.sex.value,
            expiry_date=date(2031, 1, 1), optional_data=citizen.cpr,
        )
    )
    result = services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)
    assert not result.passed
    overview = services.assurance.overview(clerk, visit)
    (document,) = overview.documents
    assert document.checked_by_mrz and document.refusal is Refusal.NOT_CHECKED and not document.used
    assert overview.level is Level.NONE


def _legacy_check(services: Services, clerk: ClerkContext, visit: int, *, expiry: date, kind: str = "passport") -> None:
    """An identity check as stored before documents were recorded with it: no document row of its own."""
    with services.db.unit_of_work() as uow:
        uow.session.add(
            IdentityCheck(
                visit_id=visit, clerk_id=clerk.clerk_id, checked_at=NOW, method=CheckMethod.TYPED,
                document_kind=kind, issuing_country="DNK", number_last4="4567", expiry_date=expiry, passed=True,
                failures=[],
            )
        )
        uow.commit()


def test_an_identity_check_from_before_documents_counts_by_its_kind_and_expiry(
    services: Services, clerk: ClerkContext
) -> None:
    people = citizens(services)
    valid_visit = open_visit_for(services, clerk, people[0].id)
    _legacy_check(services, clerk, valid_visit, expiry=TODAY)  # the last valid day
    (valid,) = services.assurance.overview(clerk, valid_visit).documents
    # No document row of its own (no id), no CPR number shown; alone it does not reach a level.
    assert valid == DocumentRow(None, DocumentType.PASSPORT, "DNK", "4567", False, None, TODAY, True, None, False)

    expired_visit = open_visit_for(services, clerk, people[1].id)
    _legacy_check(services, clerk, expired_visit, expiry=TODAY - timedelta(days=1))
    overview = services.assurance.overview(clerk, expired_visit)
    (expired,) = overview.documents
    assert (expired.expires_on, expired.refusal, expired.used) == (TODAY - timedelta(days=1), Refusal.EXPIRED, False)
    assert overview.level is Level.NONE


def test_a_danish_driving_licence_checked_before_documents_were_recorded_reaches_substantial_by_its_issuer(
    services: Services, clerk: ClerkContext
) -> None:
    """DOMAIN.md: a Danish driving licence alone is Substantial; the issuer of such an old check is the
    check's own issuing country."""
    visit = open_visit_for(services, clerk, citizens(services)[0].id)
    _legacy_check(services, clerk, visit, expiry=TODAY, kind="driving_licence")
    overview = services.assurance.overview(clerk, visit)
    assert overview.level is Level.SUBSTANTIAL and [d.used for d in overview.documents] == [True]


def test_control_questions_passed_in_another_visit_do_not_count_for_this_one(
    services: Services, clerk: ClerkContext
) -> None:
    """Questions answered at one visit vouch for that visit only: another citizen's passed round leaves this
    visit still without passed questions."""
    first, second = citizens(services)[:2]
    passed_visit = open_visit_for(services, clerk, first.id)
    pass_questions(services, clerk, passed_visit)
    assert services.assurance.overview(clerk, passed_visit).questions_passed
    other_visit = open_visit_for(services, clerk, second.id)
    assert not services.assurance.overview(clerk, other_visit).questions_passed
