"""Activation codes and MitID actions together, on a real database (SQLite, and PostgreSQL under `make
test`): only activating an app uses the citizen's code (never another citizen's, and never a block); an
action that collides with another desk is refused and recorded against the clerk, the citizen and the
method; and the MitID page lists the history newest first with who did it."""

from __future__ import annotations

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import ActivationCode, AuditEntry
from tests.conftest import NOW
from tests.support.assurance import citizens, open_visit_for, ready
from tests.support.faults import inserts_conflict
from tests.support.refusals import refused_with


def _code(services: Services, code_id: int) -> ActivationCode:
    with services.db.read() as session:
        row = session.get(ActivationCode, code_id)
        assert row is not None
        session.expunge(row)
        return row


def _active_app(services: Services, ctx: ClerkContext, citizen_id: int) -> int:
    overview = services.citizens.mitid_overview(ctx, citizen_id, "test")
    return next(m.id for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)


def test_only_activating_an_app_uses_a_code_and_only_the_citizens_own(services: Services, clerk: ClerkContext) -> None:
    first, second = citizens(services, active_apps=1)[:2]
    first_visit = ready(services, clerk, first)
    second_visit = ready(services, clerk, second)
    first_code = services.recovery.issue_activation_code(clerk, first_visit)
    # Another citizen's code is no earlier code of this one: it supersedes nothing.
    second_code = services.recovery.issue_activation_code(clerk, second_visit)
    assert second_code.superseded == ()
    assert _code(services, first_code.code_id).superseded_at is None

    # Blocking an app is no activation: the code stays out, unused.
    services.mitid.block_app(clerk, first_visit, _active_app(services, clerk, first.id), BlockReason.LOST)
    assert _code(services, first_code.code_id).used_at is None

    services.mitid.activate_app(clerk, first_visit, "Pixel 9", "Ny telefon", first.given_names)
    assert _code(services, first_code.code_id).used_at == NOW
    assert _code(services, second_code.code_id).used_at is None  # the other citizen's code is still theirs


def test_an_action_colliding_with_another_desk_is_refused_and_recorded(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    app = _active_app(services, clerk, citizen.id)
    inserts_conflict(services.db, "receipt")  # as if another desk had stored it first

    with refused_with("mitid.changed_by_another_desk", RuleViolation):
        services.mitid.block_app(clerk, visit, app, BlockReason.STOLEN)

    with services.db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert (last.action, last.outcome, last.clerk_id, last.citizen_id) == (
        "mitid.block_app", "refused", clerk.clerk_id, citizen.id,
    )
    assert last.detail == {"visit_id": visit, "method_id": app, "refusal": "mitid.changed_by_another_desk"}
    assert _active_app(services, clerk, citizen.id) == app  # nothing was blocked


def test_the_mitid_page_lists_the_history_newest_first_with_the_clerk(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=1)[2]
    visit = ready(services, clerk, citizen)
    # Both at the same moment (the clock stands still): the one done last is still listed first.
    services.recovery.issue_activation_code(clerk, visit)
    services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
    history = services.citizens.mitid_overview(clerk, citizen.id, "test").history
    newest = [row for row in history if row.created_at == NOW]
    assert [row.kind for row in newest] == ["activate_app", "issue_activation_code"]
    assert {row.clerk for row in newest} == {clerk.full_name}


def test_a_citizen_without_mitid_has_an_empty_page_not_a_missing_one(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, mitid=False)[0]
    open_visit_for(services, clerk, citizen.id)
    overview = services.citizens.mitid_overview(clerk, citizen.id, "test")
    assert (overview.identity_id, overview.state, overview.methods, overview.history) == (None, None, (), ())


def test_the_mitid_page_of_a_visit_knows_when_its_identity_was_checked(services: Services, clerk: ClerkContext) -> None:
    """The window offers the actions a checked identity allows from this: the visit's own passed check."""
    citizen, other = citizens(services, active_apps=1)[3:5]
    visit = ready(services, clerk, citizen)
    other_visit = open_visit_for(services, clerk, other.id)
    overview = services.citizens.mitid_overview(clerk, citizen.id, "test", visit_id=visit)
    assert overview.identity_checked_at == NOW
    assert services.citizens.mitid_overview(clerk, citizen.id, "test").identity_checked_at is None
    # Another citizen's visit, or a visit without a check, vouches for nobody here.
    assert services.citizens.mitid_overview(clerk, citizen.id, "test", visit_id=other_visit).identity_checked_at is None
    assert services.citizens.mitid_overview(clerk, other.id, "test", visit_id=other_visit).identity_checked_at is None
