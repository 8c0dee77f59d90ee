"""Rights come from the database at the moment of the action, not from the context the window holds, and
a clerk acts only on their own centre's visits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod, Role
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import DeskError, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Clerk, IdentityCheck
from tests.conftest import TODAY
from tests.support.journey import appointment_with_active_app, checked_visit, passport_for
from tests.support.other_centre import ODENSE_PASSWORD, add_odense_clerk

VALID = date(2031, 1, 1)


def _update_clerk(services: Services, username: str, **values: object) -> None:
    """What another supervisor (or an administrator) changes while this clerk's window stays open."""
    with services.db.unit_of_work() as uow:
        clerk = uow.session.scalars(select(Clerk).where(Clerk.username == username)).one()
        for key, value in values.items():
            setattr(clerk, key, value)
        uow.commit()


def _active_app(services: Services, ctx: ClerkContext, citizen_id: int) -> int:
    return next(
        m.id for m in services.citizens.mitid_overview(ctx, citizen_id, "t").methods
        if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE
    )


def _code(call: object) -> str:
    with pytest.raises(DeskError) as caught:
        call()  # type: ignore[operator]
    return caught.value.code


def test_a_demoted_supervisor_loses_the_rights_at_once(services: Services, clerk: ClerkContext) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    visit = checked_visit(services, clerk, appointment_with_active_app(services, clerk, TODAY), expiry=VALID)
    services.settings.set_number(supervisor, "arrival.late_minutes", 15)  # a supervisor still
    _update_clerk(services, "supervisor", role=Role.CLERK)
    assert supervisor.is_supervisor  # the window's context still says so
    assert _code(lambda: services.settings.set_number(supervisor, "arrival.late_minutes", 20)) == "settings.supervisor_only"
    assert _code(lambda: services.settings.set_keep_document_images(supervisor, True)) == "settings.supervisor_only"
    assert _code(lambda: services.mitid.lift_mitid_block(supervisor, visit)) == "mitid.supervisor_only"
    assert _code(lambda: services.clerks.clerks(supervisor)) == "clerk.supervisor_only"
    assert services.settings.numbers()["arrival.late_minutes"] == 15


def test_a_context_made_by_hand_gets_no_rights(services: Services, clerk: ClerkContext) -> None:
    forged = replace(clerk, role=Role.SUPERVISOR)
    visit = checked_visit(services, clerk, appointment_with_active_app(services, clerk, TODAY), expiry=VALID)
    assert _code(lambda: services.settings.set_number(forged, "arrival.late_minutes", 20)) == "settings.supervisor_only"
    assert _code(lambda: services.mitid.lift_mitid_block(forged, visit)) == "mitid.supervisor_only"
    assert _code(lambda: services.clerks.create(forged, "ny", "Ny Medarbejder", Role.SUPERVISOR, "Tårnfalk.Fjord")) \
        == "clerk.supervisor_only"
    # Another clerk's id under this clerk's name, or another centre: not who it claims to be.
    other = replace(clerk, clerk_id=clerk.clerk_id + 1)
    assert _code(lambda: services.settings.set_number(replace(other, role=Role.SUPERVISOR), "arrival.late_minutes", 20)) \
        == "auth.not_active"


def test_a_deactivated_clerk_is_refused_with_the_window_still_open(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _active_app(services, clerk, candidate.citizen.id)
    _update_clerk(services, "clerk", active=False)
    assert _code(lambda: services.mitid.block_app(clerk, visit, app_id, BlockReason.LOST)) == "auth.not_active"
    mrz = "\n".join(passport_for(candidate.citizen, expiry=VALID))
    assert _code(lambda: services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)) == "auth.not_active"
    supervisor = services.auth.sign_in("supervisor", "demo")
    _update_clerk(services, "supervisor", active=False)
    assert _code(lambda: services.settings.set_number(supervisor, "arrival.late_minutes", 20)) == "auth.not_active"


def test_a_deactivated_clerk_can_no_longer_look_anyone_up_or_run_the_day(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    _update_clerk(services, "clerk", active=False)
    refused = {
        "cpr look-up": lambda: services.citizens.find_by_cpr(clerk, citizen.cpr, "test"),
        "user-ID look-up": lambda: services.citizens.find_by_user_id(clerk, "someone", "test"),
        "name search": lambda: services.citizens.search_name_birth(clerk, citizen.surname, citizen.birth_date, "t"),
        "reveal CPR": lambda: services.citizens.reveal_cpr(clerk, citizen.id, "test"),
        "MitID page": lambda: services.citizens.mitid_overview(clerk, citizen.id, "test"),
        "day list": lambda: services.appointments.day(clerk, TODAY),
        "check in": lambda: services.appointments.check_in(clerk, candidate.appointment.id),
        "free times": lambda: services.booking.next_free(clerk, "mitid", limit=1),
        "counters": lambda: services.booking.counters(clerk),
        "cancel": lambda: services.booking.cancel(clerk, candidate.appointment.id),
        "confirmation": lambda: services.booking.confirmation(clerk, candidate.appointment.id),
        "walk-in": lambda: services.queue.walk_in(clerk, "mitid"),
        "now serving": lambda: services.queue.now_serving(clerk),
        "statistics": lambda: services.statistics.per_service_and_day(clerk, TODAY, TODAY),
    }
    assert {what: _code(call) for what, call in refused.items()} == {what: "auth.not_active" for what in refused}


def _clerk_of_another_centre(services: Services) -> ClerkContext:
    return services.auth.sign_in(add_odense_clerk(services.db, Role.SUPERVISOR), ODENSE_PASSWORD)


def test_a_document_image_of_another_centre_or_none_at_all_is_not_found(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    with services.db.read() as session:
        check_id = session.scalars(select(IdentityCheck.id).where(IdentityCheck.visit_id == visit)).one()
    stranger = _clerk_of_another_centre(services)
    # Another centre's citizen is not shown to be there at all: the same answer as a check that never was.
    assert _code(lambda: services.identity.document_image(stranger, check_id, "complaint")) == "identity_check.not_found"
    assert _code(lambda: services.identity.document_image(clerk, check_id + 1000, "complaint")) == "identity_check.not_found"


def test_a_clerk_of_another_centre_cannot_act_on_this_centres_visit(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _active_app(services, clerk, candidate.citizen.id)
    stranger = _clerk_of_another_centre(services)
    with pytest.raises(RuleViolation) as caught:
        services.mitid.block_app(stranger, visit, app_id, BlockReason.LOST)
    assert caught.value.code == "visit.other_centre"
    mrz = "\n".join(passport_for(candidate.citizen, expiry=VALID))
    assert _code(lambda: services.identity.check(stranger, visit, mrz, CheckMethod.TYPED)) == "visit.other_centre"
    assert _code(lambda: services.mitid.lift_mitid_block(stranger, visit)) == "visit.other_centre"
    with services.db.read() as session:
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.clerk_id == stranger.clerk_id, AuditEntry.outcome == "refused")
        ).all()
    assert {e.detail["refusal"] for e in refused} == {"visit.other_centre"}
    # The centre's own clerk still acts, and the receipt names this centre.
    done = services.mitid.block_app(clerk, visit, app_id, BlockReason.LOST)
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(done.receipt_path).pages)
    assert "Aarhus" in text and "Odense" not in text


def test_a_walk_in_visit_belongs_to_the_centre_of_the_clerk_who_opened_it(services: Services, clerk: ClerkContext) -> None:
    """A walk-in's visit has no appointment to name its centre: the opening clerk's centre is the visit's.
    A clerk of another centre is refused it as any visit of this centre, and an unknown visit is named so."""
    candidate = appointment_with_active_app(services, clerk, TODAY)
    ticket = services.queue.walk_in(clerk, "mitid", candidate.citizen.id)
    called = next(c for c in (services.queue.call_next(clerk, counter) for counter in (1, 2, 3, 4)) if c is not None)
    assert called.ticket_id == ticket.ticket_id
    visit = services.queue.serve_walk_in(clerk, ticket.ticket_id).visit_id
    stranger = _clerk_of_another_centre(services)
    mrz = "\n".join(passport_for(candidate.citizen, expiry=VALID))
    assert _code(lambda: services.identity.check(stranger, visit, mrz, CheckMethod.TYPED)) == "visit.other_centre"
    assert _code(lambda: services.identity.check(clerk, 999_999, mrz, CheckMethod.TYPED)) == "visit.not_found"
    # The centre's own clerk checks the citizen's passport in it.
    assert services.identity.check(clerk, visit, mrz, CheckMethod.TYPED).passed
