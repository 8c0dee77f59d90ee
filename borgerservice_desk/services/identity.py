"""Checking the citizen's photo ID by its MRZ, within a visit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.identity_check import (
    HolderFacts,
    IdentityCheckOutcome,
    evaluate,
)
from borgerservice_desk.domain.mrz import MrzDocument, parse_mrz
from borgerservice_desk.services import audit
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.visits import open_visit
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Citizen, IdentityCheck


@dataclass(frozen=True)
class IdentityCheckResult:
    check_id: int
    visit_id: int
    document: MrzDocument
    outcome: IdentityCheckOutcome

    @property
    def passed(self) -> bool:
        return self.outcome.passed


def holder_facts(citizen: Citizen) -> HolderFacts:
    """What the document must match: birth date and sex from the CPR number where there is one."""
    if citizen.cpr:
        cpr = Cpr(citizen.cpr)
        return HolderFacts(citizen.surname, citizen.given_names, cpr.birth_date, cpr.sex.value)
    return HolderFacts(citizen.surname, citizen.given_names, citizen.birth_date, citizen.sex)


class IdentityCheckService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def check(
        self, ctx: ClerkContext, visit_id: int, mrz_text: str, method: CheckMethod
    ) -> IdentityCheckResult:
        """Parse and judge the MRZ against the visit's citizen, and keep the outcome.

        An MRZ that cannot be parsed raises before anything is written. A parsed document that fails
        (expired, wrong holder, bad check digit) is kept as a failed check: the refusal is part of the
        record, and it never counts as a passed check for a MitID action.
        """
        now = self._clock()
        document = parse_mrz(mrz_text, today=now.date())
        with self._db.unit_of_work() as uow:
            session = uow.session
            visit, citizen = open_visit(session, visit_id)
            outcome = evaluate(document, holder_facts(citizen), today=now.date())
            check = IdentityCheck(
                visit_id=visit.id,
                clerk_id=ctx.clerk_id,
                checked_at=now,
                method=method,
                document_kind=document.document_kind,
                issuing_country=document.issuing_country,
                number_last4=document.number_last4,
                expiry_date=document.expiry_date,
                passed=outcome.passed,
                failures=[f.code for f in outcome.failures],
            )
            session.add(check)
            session.flush()
            audit.record(
                session,
                self._clock,
                ctx,
                "identity.check",
                citizen_id=citizen.id,
                outcome="passed" if outcome.passed else "failed",
                visit_id=visit.id,
                method=method.value,
                document_kind=document.document_kind,
                failures=[f.code for f in outcome.failures],
            )
            uow.commit()
            return IdentityCheckResult(check.id, visit.id, document, outcome)



def latest_passed_check(session: Session, visit_id: int) -> IdentityCheck | None:
    return session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.visit_id == visit_id, IdentityCheck.passed.is_(True))
        .order_by(IdentityCheck.checked_at.desc(), IdentityCheck.id.desc())
        .limit(1)
    ).one_or_none()
