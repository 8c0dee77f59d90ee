"""What the citizen's receipt says after a MitID action through the real service, read back from the PDF
with pypdf, and that a finished visit authorises no further action."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import BlockReason, MethodState
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.receipts import texts
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, MitidAction
from tests.conftest import TODAY
from tests.support.journey import appointment_with_apps, checked_visit

VALID = date(2031, 1, 1)


def _pdf_text(path: Path) -> str:
    # Whitespace normalised: a table cell or a long line may wrap anywhere.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(path).pages))


def _states(services: Services, clerk: ClerkContext, citizen_id: int) -> dict[int, tuple[str, str, MethodState]]:
    overview = services.citizens.mitid_overview(clerk, citizen_id, "test")
    return {m.id: (texts.method_kind_name("en", m.kind), m.label, m.state) for m in overview.methods}


def test_the_whole_mitid_receipt_lists_every_working_method_as_temporarily_blocked(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    before = _states(services, clerk, candidate.citizen.id)
    working = [(kind, label) for kind, label, state in before.values() if state is MethodState.ACTIVE]
    assert len(working) >= 2
    done = services.mitid.block_mitid(clerk, visit, language="en")
    content = _pdf_text(done.receipt_path)
    for kind, label in working:
        assert f"{kind} {label} Temporarily blocked" in content, (kind, label, content)
    # The literal words, so a wording that says "Active" for a stopped method is caught even if the
    # texts table changed with it.
    assert " Active" not in content
    assert content.count("Temporarily blocked") >= len(working)


def test_the_receipt_shows_the_citizens_cpr_number_masked_only(services: Services, clerk: ClerkContext) -> None:
    """The receipt is built from the citizen's stored, full number: only DDMMYY-XXXX may reach the PDF."""
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    cpr = candidate.citizen.cpr
    assert cpr is not None and len(cpr) == 10
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = next(i for i, (_k, _l, s) in _states(services, clerk, candidate.citizen.id).items() if s is MethodState.ACTIVE)
    blocked = services.mitid.block_app(clerk, visit, app_id, BlockReason.WRONG_TRIES, language="da")
    reopened = services.mitid.reopen(clerk, visit, app_id, language="en")
    for done in (blocked, reopened):
        content = _pdf_text(done.receipt_path)
        assert f"{cpr[:6]}-XXXX" in content
        assert cpr not in content.replace(" ", "").replace("-", "")
        assert cpr[6:] not in content


def test_no_mitid_action_is_allowed_on_a_finished_visit(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    before = _states(services, clerk, candidate.citizen.id)
    app_id = next(i for i, (_k, _l, s) in before.items() if s is MethodState.ACTIVE)
    services.appointments.finish_visit(clerk, visit)
    with services.db.read() as session:
        actions_before = session.scalar(select(func.count()).select_from(MitidAction))
    attempts = {
        "block app": lambda: services.mitid.block_app(clerk, visit, app_id, BlockReason.LOST),
        "block all apps": lambda: services.mitid.block_all_apps(clerk, visit, BlockReason.LOST),
        "block MitID": lambda: services.mitid.block_mitid(clerk, visit),
        "activate app": lambda: services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny", candidate.citizen.given_names),
    }
    codes: dict[str, str] = {}
    for what, attempt in attempts.items():
        with pytest.raises(RuleViolation) as caught:
            attempt()
        codes[what] = caught.value.code
    assert codes == {what: "visit.ended" for what in attempts}
    assert _states(services, clerk, candidate.citizen.id) == before  # nothing changed
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(MitidAction)) == actions_before
        refused = session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("mitid.%"), AuditEntry.outcome != "ok")
        ).all()
    assert len(refused) == len(attempts) and {e.outcome for e in refused} == {"refused"}
    assert {e.detail["refusal"] for e in refused} == {"visit.ended"}


def test_a_receipt_gone_from_the_desks_archive_is_reported_at_start_but_not_by_another_desk(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """Each desk keeps its own archive on the shared database: a receipt recorded as written to this desk's
    archive whose file is gone is named when the desk starts; the other desk's start does not miss it."""
    from borgerservice_desk.bootstrap import build_services
    from borgerservice_desk.config import Paths
    from tests.conftest import fixed_clock

    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = next(i for i, (_k, _l, s) in _states(services, clerk, candidate.citizen.id).items() if s is MethodState.ACTIVE)
    done = services.mitid.block_app(clerk, visit, app_id, BlockReason.LOST)
    other = build_services(services.db, Paths(tmp_path / "other-desk"), clock=fixed_clock)
    assert services.mitid.recover_receipts().clean and other.mitid.recover_receipts().clean
    done.receipt_path.unlink()
    assert services.mitid.recover_receipts().missing == [services.archive.relative(done.receipt_path)]
    assert other.mitid.recover_receipts().clean
