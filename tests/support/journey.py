"""Picking demo citizens that suit a test, and composing their documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.mitid import MethodKind, MethodState
from borgerservice_desk.services.appointments import AppointmentRow
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Citizen
from tests.support.mrz import compose_french_id, compose_td3


@dataclass(frozen=True)
class Candidate:
    appointment: AppointmentRow
    citizen: Citizen


def appointment_with_active_app(services: Services, ctx: ClerkContext, day: date) -> Candidate:
    """A booked appointment today whose citizen has a CPR number and at least one active app."""
    for row in services.appointments.day(ctx, day):
        if row.status.value != "booked" or row.cpr_masked is None:
            continue
        overview = services.citizens.mitid_overview(ctx, row.citizen_id, "test set-up")
        if any(m.kind is MethodKind.APP and m.state is MethodState.ACTIVE for m in overview.methods):
            return Candidate(row, citizen_record(services.db, row.citizen_id))
    raise AssertionError("the demo data has no booked citizen with an active app today")


def citizen_record(db: Database, citizen_id: int) -> Citizen:
    with db.read() as session:
        citizen = session.get(Citizen, citizen_id)
        assert citizen is not None
        session.expunge(citizen)
        return citizen


def passport_for(citizen: Citizen, *, expiry: date, number: str = "DK1234567") -> tuple[str, str]:
    """A Danish passport MRZ for the citizen, as the passport office would print it."""
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    return compose_td3(
        document_code="P",
        issuing_country="DNK",
        surname=citizen.surname,
        given_names=citizen.given_names,
        document_number=number,
        nationality="DNK",
        birth_date=cpr.birth_date,
        sex=cpr.sex.value,
        expiry_date=expiry,
    )


def french_card_for(citizen: Citizen) -> tuple[str, str]:
    """A French national identity card of the layout before 2021 (2x36, no expiry in its MRZ) for the citizen."""
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    return compose_french_id(
        surname=citizen.surname, given_names=citizen.given_names, card_number="180675012345",
        birth_date=cpr.birth_date, sex=cpr.sex.value, office="750123",
    )  # fmt: skip


def checked_visit(services: Services, ctx: ClerkContext, candidate: Candidate, *, expiry: date) -> int:
    """Check the candidate in and pass a typed passport check: a visit ready for MitID actions."""
    from borgerservice_desk.domain.desk import CheckMethod

    visit = services.appointments.check_in(ctx, candidate.appointment.id)
    result = services.identity.check(
        ctx, visit.visit_id, "\n".join(passport_for(candidate.citizen, expiry=expiry)), CheckMethod.TYPED
    )
    assert result.passed, result.outcome.failures
    return visit.visit_id


def appointment_with_apps(services: Services, ctx: ClerkContext, day: date, active: int) -> Candidate:
    """A booked citizen today whose MitID is active with exactly `active` active apps."""
    from borgerservice_desk.domain.mitid import IdentityState

    for row in services.appointments.day(ctx, day):
        if row.status.value != "booked" or row.cpr_masked is None:
            continue
        overview = services.citizens.mitid_overview(ctx, row.citizen_id, "test set-up")
        if overview.state is IdentityState.ACTIVE and overview.active_app_count == active:
            return Candidate(row, citizen_record(services.db, row.citizen_id))
    raise AssertionError(f"the demo data has no booked citizen with {active} active apps today")


def give_every_method(db: Database, citizen_id: int, now: datetime) -> None:
    """Round out a citizen's MitID to the most a clerk sees at once: besides their apps, a code display, a
    chip and a lost app blocked earlier, with a history of blocks that came through different ways."""
    from datetime import timedelta

    from sqlalchemy import select

    from borgerservice_desk.domain.mitid import ActionKind, BlockReason, Channel
    from borgerservice_desk.storage.models import Clerk, MitidAction, MitidIdentity, MitidMethod

    with db.unit_of_work() as uow:
        session = uow.session
        identity = session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == citizen_id)).one()
        clerk_id = session.scalars(select(Clerk.id).order_by(Clerk.id)).first()
        lost = MitidMethod(
            identity_id=identity.id, kind=MethodKind.APP, state=MethodState.BLOCKED_PERMANENT,
            label="Samsung Galaxy S21 Ultra 5G", device_name="Gamle telefon", users=[],
            activated_at=now - timedelta(days=900), last_used_at=now - timedelta(days=200),
            blocked_at=now - timedelta(days=199), block_reason=BlockReason.LOST,
            block_channel=Channel.MITID_SUPPORT,
        )
        devices = [
            MitidMethod(
                identity_id=identity.id, kind=kind, state=MethodState.ACTIVE, label=label, users=[],
                activated_at=now - timedelta(days=days), last_used_at=now - timedelta(days=3),
            )
            for kind, label, days in ((MethodKind.CODE_DISPLAY, "KV-40213377", 700), (MethodKind.CHIP, "CH-91550210", 400))
        ]
        session.add_all([lost, *devices])
        session.flush()
        newest_app = max(
            (m for m in identity.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE),
            key=lambda m: m.activated_at,
        ).id
        session.add_all([
            MitidAction(identity_id=identity.id, kind=ActionKind.BLOCK_APP, reason=BlockReason.LOST,
                        channel=Channel.MITID_SUPPORT, method_ids=[lost.id], created_at=lost.blocked_at),
            MitidAction(identity_id=identity.id, kind=ActionKind.ACTIVATE_APP, channel=Channel.BORGERSERVICE,
                        clerk_id=clerk_id, method_ids=[newest_app], created_at=now - timedelta(days=150)),
            MitidAction(identity_id=identity.id, kind=ActionKind.REOPEN_METHOD, reason=BlockReason.WRONG_TRIES,
                        channel=Channel.BORGERSERVICE, clerk_id=clerk_id, method_ids=[devices[0].id],
                        created_at=now - timedelta(days=30)),
        ])
        uow.commit()
