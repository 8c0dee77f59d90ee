"""The counter's use cases on a real database (SQLite file, and PostgreSQL under `make test`)."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mitid import BlockReason, MethodState
from borgerservice_desk.errors import InvalidInput, NotFound, RuleViolation, StorageUnavailable
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import (
    AuditEntry,
    IdentityCheck,
    MitidAction,
    MitidMethod,
    ReceiptRecord,
)
from tests.conftest import TODAY
from tests.support.faults import inserts_fail
from tests.support.journey import appointment_with_active_app, checked_visit, passport_for
from tests.support.refusals import refused_with

VALID_UNTIL = date(2031, 5, 1)


def _count(services: Services, model: type) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _method_states(services: Services) -> dict[int, MethodState]:
    with services.db.read() as session:
        return {m.id: m.state for m in session.scalars(select(MitidMethod))}


def _first_active_app(services: Services, ctx: ClerkContext, citizen_id: int) -> int:
    overview = services.citizens.mitid_overview(ctx, citizen_id, "test")
    return next(m.id for m in overview.methods if m.kind.value == "app" and m.state is MethodState.ACTIVE)


def test_check_in_check_passport_and_block_one_app_with_receipt(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    check = services.identity.check(
        clerk, visit.visit_id, "\n".join(passport_for(candidate.citizen, expiry=VALID_UNTIL)), CheckMethod.TYPED
    )
    assert check.passed, check.outcome.failures
    app_id = _first_active_app(services, clerk, candidate.citizen.id)
    before = _method_states(services)

    done = services.mitid.block_app(clerk, visit.visit_id, app_id, BlockReason.STOLEN)

    after = _method_states(services)
    assert after[app_id] is MethodState.BLOCKED_PERMANENT
    assert {k: v for k, v in after.items() if k != app_id} == {k: v for k, v in before.items() if k != app_id}
    overview = services.citizens.mitid_overview(clerk, candidate.citizen.id, "test")
    assert overview.history[0].kind == "block_app"
    text = "".join(page.extract_text() for page in PdfReader(done.receipt_path).pages)
    assert done.reference in text
    assert candidate.citizen.surname in text
    assert candidate.citizen.cpr is not None
    cpr = candidate.citizen.cpr
    assert f"{cpr[:6]}-XXXX" in text
    assert cpr not in text and f"{cpr[:6]}-{cpr[6:]}" not in text
    with services.db.read() as session:
        record = session.scalars(select(ReceiptRecord)).one()
        assert record.reference == done.reference
        actions = [a.action for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert "mitid.block_app" in actions
    assert "appointment.check_in" in actions and "identity.check" in actions


def test_a_block_without_a_passed_identity_check_is_refused_and_recorded(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    expired = passport_for(candidate.citizen, expiry=date(2025, 1, 1))
    failed = services.identity.check(clerk, visit.visit_id, "\n".join(expired), CheckMethod.TYPED)
    assert not failed.passed
    assert [f.code for f in failed.outcome.failures] == ["expired"]
    app_id = _first_active_app(services, clerk, candidate.citizen.id)
    before = _method_states(services)

    with pytest.raises(RuleViolation) as caught:
        services.mitid.block_app(clerk, visit.visit_id, app_id, BlockReason.LOST)

    assert caught.value.code == "mitid.no_identity_check"
    assert _method_states(services) == before
    assert _count(services, MitidAction) == 0 and _count(services, ReceiptRecord) == 0
    assert not list(services.archive.root.rglob("*.pdf"))
    with services.db.read() as session:
        refusal = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert refusal is not None and refusal.outcome == "refused" and refusal.action == "mitid.block_app"


def test_a_receipt_that_cannot_be_archived_leaves_the_mitid_unchanged(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit_id = checked_visit(services, clerk, candidate, expiry=VALID_UNTIL)
    app_id = _first_active_app(services, clerk, candidate.citizen.id)
    before = _method_states(services)
    # A file where the archive folder should be: the receipt cannot be written.
    services.archive.root.parent.mkdir(parents=True, exist_ok=True)
    services.archive.root.write_text("not a folder")

    with pytest.raises(OSError):
        services.mitid.block_app(clerk, visit_id, app_id, BlockReason.LOST)

    assert _method_states(services) == before
    assert _count(services, MitidAction) == 0 and _count(services, ReceiptRecord) == 0
    # The attempt is on the record all the same, as failed, with what went wrong.
    with services.db.read() as session:
        failed = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert failed is not None and (failed.action, failed.outcome) == ("mitid.block_app", "failed")
    assert (failed.clerk_id, failed.citizen_id) == (clerk.clerk_id, candidate.citizen.id)
    assert failed.detail == {"visit_id": visit_id, "method_id": app_id, "error": "NotADirectoryError"}


def test_a_storage_error_in_an_action_is_recorded_by_the_code_the_clerk_saw(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit_id = checked_visit(services, clerk, candidate, expiry=VALID_UNTIL)
    app_id = _first_active_app(services, clerk, candidate.citizen.id)
    inserts_fail(services.db, "mitid_action")  # as a full disk would

    with refused_with("storage.unavailable", StorageUnavailable):
        services.mitid.block_app(clerk, visit_id, app_id, BlockReason.LOST)

    assert _count(services, MitidAction) == 0 and not list(services.archive.root.rglob("*.pdf"))
    with services.db.read() as session:
        failed = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert failed is not None and (failed.action, failed.outcome) == ("mitid.block_app", "failed")
    assert failed.detail == {"visit_id": visit_id, "method_id": app_id, "error": "storage.unavailable"}


def test_an_action_whose_failure_cannot_be_recorded_is_logged_and_the_clerk_sees_the_first_error(
    services: Services, clerk: ClerkContext, caplog: pytest.LogCaptureFixture
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    services.db.dispose()  # the database is gone: neither the action nor its failure can be written

    with caplog.at_level(logging.ERROR, logger="borgerservice_desk.services.mitid"), pytest.raises(
        StorageUnavailable
    ):
        services.mitid.block_mitid(clerk, visit.visit_id)

    assert [r.getMessage() for r in caplog.records] == ["could not record the failed action mitid.block_mitid"]


def test_a_passport_of_someone_else_fails_the_check(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    other = passport_for(candidate.citizen, expiry=VALID_UNTIL)[0].replace(
        passport_for(candidate.citizen, expiry=VALID_UNTIL)[0][5:15], "MADSEN<<OL"
    )
    result = services.identity.check(
        clerk, visit.visit_id, other + "\n" + passport_for(candidate.citizen, expiry=VALID_UNTIL)[1],
        CheckMethod.TYPED,
    )
    assert not result.passed
    assert "name_mismatch" in {f.code for f in result.outcome.failures}
    with services.db.read() as session:
        kept = session.scalars(select(IdentityCheck)).one()
    assert kept.passed is False and kept.number_last4 == "4567"


def test_text_that_is_no_mrz_saves_nothing(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    visit = services.appointments.check_in(clerk, candidate.appointment.id)
    with pytest.raises(InvalidInput) as caught:
        services.identity.check(clerk, visit.visit_id, "hello world", CheckMethod.TYPED)
    assert caught.value.code.startswith("mrz.")
    assert _count(services, IdentityCheck) == 0


def test_checking_in_twice_is_refused(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    services.appointments.check_in(clerk, candidate.appointment.id)
    with refused_with("appointment.not_booked", RuleViolation):
        services.appointments.check_in(clerk, candidate.appointment.id)


def test_every_look_up_is_logged_with_clerk_and_purpose(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    assert candidate.citizen.cpr is not None
    found = services.citizens.find_by_cpr(clerk, candidate.citizen.cpr, "MitID block")
    assert found.id == candidate.citizen.id
    assert found.cpr_masked == candidate.citizen.cpr[:6] + "-XXXX"
    full = services.citizens.reveal_cpr(clerk, found.id, "MitID block")
    assert full.replace("-", "") == candidate.citizen.cpr
    with refused_with("citizen.not_found", NotFound):
        services.citizens.find_by_cpr(clerk, "700101-0000", "MitID block")
    with services.db.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("citizen.%")).order_by(AuditEntry.id.desc())
        ).all()[:3]
    assert [e.action for e in entries] == ["citizen.lookup_cpr", "citizen.reveal_cpr", "citizen.lookup_cpr"]
    assert all(e.clerk_id == clerk.clerk_id and e.purpose == "MitID block" for e in entries)
    assert entries[0].outcome == "not_found"
    # The log names the person by id and the masked number only.
    assert candidate.citizen.cpr not in str([e.detail for e in entries])


def test_a_citizen_is_found_by_name_and_birth_date_and_by_document(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_active_app(services, clerk, TODAY)
    citizen = candidate.citizen
    hits = services.citizens.search_name_birth(clerk, citizen.surname, citizen.birth_date, "test")
    assert citizen.id in [h.id for h in hits]
    from borgerservice_desk.domain.mrz import parse_mrz

    document = parse_mrz("\n".join(passport_for(citizen, expiry=VALID_UNTIL)), today=TODAY)
    assert citizen.id in [h.id for h in services.citizens.find_by_document(clerk, document, "test")]
    # A document whose birth date is unknown (fillers in its MRZ) cannot be searched by name and birth date.
    first, second = passport_for(citizen, expiry=VALID_UNTIL)
    unknown = parse_mrz(f"{first}\n{second[:13]}<<<<<<<{second[20:]}", today=TODAY)
    assert unknown.birth_date is None
    with refused_with("citizen.document_without_birth_date", InvalidInput):
        services.citizens.find_by_document(clerk, unknown, "test")


def test_a_wrong_password_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.auth.sign_in("clerk", "wrong")
    assert caught.value.code == "auth.failed"
