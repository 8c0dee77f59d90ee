"""Setting up visits for the assurance and recovery tests: citizens that suit a test, a visit for them,
their documents, and questions passed."""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mitid import IdentityState, MethodKind, MethodState
from borgerservice_desk.errors import DeskError
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Citizen,
    MitidIdentity,
    MitidMethod,
    RegisterFacts,
    Visit,
)
from tests.conftest import NOW, fixed_clock
from tests.support.mrz import compose_td3

VALID = date(2031, 1, 1)


def citizens(
    services: Services, *, mitid: bool = True, active_apps: int | None = None, witness: bool = False, thin: bool = False
) -> list[Citizen]:
    """Demo citizens with a CPR number: with an active MitID (and exactly `active_apps` active apps), or
    without any MitID; `witness`: adult with a MitID older than 30 days; `thin`: too few register facts."""
    found: list[Citizen] = []
    with services.db.read() as session:
        people = session.scalars(select(Citizen).where(Citizen.cpr.is_not(None)).order_by(Citizen.id)).all()
        for person in people:
            identity = session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == person.id)).one_or_none()
            if (identity is not None) != mitid:
                continue
            if identity is not None:
                if identity.state is not IdentityState.ACTIVE:
                    continue
                methods = session.scalars(select(MitidMethod).where(MitidMethod.identity_id == identity.id)).all()
                apps = sum(m.kind is MethodKind.APP and m.state is MethodState.ACTIVE for m in methods)
                if active_apps is not None and apps != active_apps:
                    continue
                if witness and identity.created_at > NOW - timedelta(days=31):
                    continue
            facts = session.get(RegisterFacts, person.id)
            if thin != (facts is not None and facts.father_first_name is None):
                continue
            session.expunge(person)
            found.append(person)
    return found


INGRID_BORN = date(1990, 3, 14)


def citizen_without_cpr(services: Services) -> int:
    """Ingrid Lindqvist, born 14 March 1990, a woman known to the register by birth date alone (no CPR
    number): her MitID carries none. Returns her id."""
    with services.db.unit_of_work() as uow:
        person = Citizen(cpr=None, given_names="Ingrid", surname="Lindqvist", birth_date=INGRID_BORN, sex="F")
        uow.session.add(person)
        uow.session.flush()
        citizen_id = person.id
        uow.commit()
    return citizen_id


def open_visit_for(services: Services, ctx: ClerkContext, citizen_id: int) -> int:
    """A visit at the clerk's counter (a walk-in's, without an appointment)."""
    with services.db.unit_of_work() as uow:
        visit = Visit(citizen_id=citizen_id, clerk_id=ctx.clerk_id, started_at=NOW)
        uow.session.add(visit)
        uow.session.flush()
        uow.commit()
        return visit.id


def passport(citizen: Citizen, *, with_cpr: bool, expiry: date = VALID) -> str:
    """A Danish passport's MRZ; `with_cpr` puts the CPR number in its optional data."""
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    return "\n".join(
        compose_td3(
            document_code="P", issuing_country="DNK", surname=citizen.surname, given_names=citizen.given_names,
            document_number="DK1234567", nationality="DNK", birth_date=cpr.birth_date, sex=cpr.sex.value,
            expiry_date=expiry, optional_data=citizen.cpr if with_cpr else "",
        )
    )


def checked(services: Services, ctx: ClerkContext, citizen: Citizen, *, with_cpr: bool = True) -> int:
    """A visit with a passed passport check: with the CPR number in the MRZ, the high level."""
    visit = open_visit_for(services, ctx, citizen.id)
    result = services.identity.check(ctx, visit, passport(citizen, with_cpr=with_cpr), CheckMethod.TYPED)
    assert result.passed, result.outcome.failures
    return visit


def pass_questions(services: Services, ctx: ClerkContext, visit: int) -> None:
    drawn = services.assurance.draw_questions(ctx, visit)
    result = services.assurance.mark_questions(ctx, visit, drawn.round_id, dict.fromkeys(range(len(drawn.questions)), True))
    assert result.passed


def ready(services: Services, ctx: ClerkContext, citizen: Citizen) -> int:
    """A visit where every errand's requirements are met: high level and questions passed."""
    visit = checked(services, ctx, citizen)
    pass_questions(services, ctx, visit)
    return visit


def race(database_url: str, tmp_path: Path, acts: list[Callable[[Services, ClerkContext], object]]) -> Tally[str]:
    """Run each act from a desk of its own at the same moment (own engine and connections); the outcomes
    by refusal code, "ok", or "error: ..." for a desk that died for any other reason."""
    barrier = threading.Barrier(len(acts))
    outcomes: list[str] = []
    lock = threading.Lock()
    databases = [Database.open(database_url, run_migrations=False) for _ in acts]

    def desk(index: int) -> None:
        services = build_services(databases[index], Paths(tmp_path / f"desk{index}"), clock=fixed_clock)
        ctx = services.auth.sign_in("clerk", "demo")
        barrier.wait()
        try:
            acts[index](services, ctx)
            outcome = "ok"
        except DeskError as refusal:
            outcome = refusal.code
        except Exception as error:  # noqa: BLE001 - counted, so a desk that died for another reason fails the test
            outcome = f"error: {error!r}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(len(acts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for database in databases:
        database.dispose()
    assert len(outcomes) == len(acts), outcomes
    return Tally(outcomes)


def give_register_facts(db: Database, citizen_id: int) -> None:
    """Enough register facts for any control-question policy (the demo leaves every tenth citizen thin)."""
    with db.unit_of_work() as uow:
        facts = uow.session.get(RegisterFacts, citizen_id) or RegisterFacts(citizen_id=citizen_id)
        facts.former_addresses = [[2004, "Odense"], [2011, "Vejle"]]
        facts.mother_first_name, facts.father_first_name, facts.place_of_birth = "Inger", "Poul", "Svendborg"
        uow.session.add(facts)
        uow.commit()
