"""A receipt shown again from the citizen's history, to print: the printer jammed, the citizen lost it, or
the desk stopped before showing it (the next start finishes the file). Only the citizen's own receipts,
only to the clerk serving them, and every showing in the audit trail. SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import NotFound
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry
from tests.support.assurance import citizens, ready
from tests.support.refusals import refused_with


def _block(services: Services, clerk: ClerkContext, citizen_id: int, visit: int) -> tuple[str, object]:
    overview = services.citizens.mitid_overview(clerk, citizen_id, "test")
    app = next(m.id for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    done = services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    return done.reference, done.receipt_path


def test_the_history_names_each_actions_receipt_and_it_is_shown_again_and_logged(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    reference, path = _block(services, clerk, citizen.id, visit)
    history = services.citizens.mitid_overview(clerk, citizen.id, "test").history
    assert history[0].receipt == reference
    assert services.mitid.receipt(clerk, visit, reference) == path
    with services.db.read() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.shown")).one()
    assert (entry.clerk_id, entry.citizen_id, entry.detail) == (
        clerk.clerk_id, citizen.id, {"visit_id": visit, "receipt": reference}
    )


def test_another_citizens_receipt_is_not_shown(services: Services, clerk: ClerkContext) -> None:
    first, second = citizens(services, active_apps=2)[:2]
    first_visit = ready(services, clerk, first)
    reference, _path = _block(services, clerk, first.id, first_visit)
    services.appointments.finish_visit(clerk, first_visit)
    second_visit = ready(services, clerk, second)
    with refused_with("receipt.unknown", NotFound):
        services.mitid.receipt(clerk, second_visit, reference)


def test_a_receipt_not_in_this_desks_archive_is_said_so(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    reference, path = _block(services, clerk, citizen.id, visit)
    path.unlink()  # type: ignore[attr-defined]  # written at another desk, or not filed yet
    with refused_with("receipt.not_here", NotFound):
        services.mitid.receipt(clerk, visit, reference)
