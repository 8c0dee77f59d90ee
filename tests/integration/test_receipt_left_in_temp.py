"""A MitID action whose receipt cannot take its place in the archive after the commit, on a real database
(SQLite, and PostgreSQL under `make test`): the action stands, the clerk is handed the whole receipt from
its temporary file, said to be not archived yet, and the log names the receipt so the operator can find it;
the same for a recovery errand (an activation code)."""

from __future__ import annotations

import logging

import pytest

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.receipts.archive import StagedReceipt
from borgerservice_desk.services.context import ClerkContext
from tests.support.assurance import citizens, ready


def test_a_receipt_that_cannot_be_published_is_handed_over_from_its_temporary_file_and_logged(
    services: Services, clerk: ClerkContext, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    overview = services.citizens.mitid_overview(clerk, citizen.id, "test")
    app = next(m.id for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)

    def archive_gone(staged: StagedReceipt) -> None:
        raise OSError("the archive share went away")  # after the commit, as a lost network share would

    monkeypatch.setattr(services.archive, "publish", archive_gone)
    with caplog.at_level(logging.ERROR, logger="borgerservice_desk.services.receipted"):
        done = services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    assert done.receipt_path.is_file() and done.receipt_path.read_bytes().startswith(b"%PDF")
    assert done.receipt_path.name != f"{done.reference}.pdf"  # the temporary file, not the archive's place
    assert not done.receipt_archived  # so the window does not say it is archived (stop 32)
    after = services.citizens.mitid_overview(clerk, citizen.id, "test")
    assert next(m.state for m in after.methods if m.id == app) is not MethodState.ACTIVE  # the action stands
    (record,) = caplog.records
    assert record.getMessage() == f"receipt {done.reference}.pdf could not take its place in the archive"


def test_a_recovery_errand_s_receipt_that_cannot_be_published_is_handed_over_and_logged_the_same_way(
    services: Services, clerk: ClerkContext, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)

    def archive_gone(staged: StagedReceipt) -> None:
        raise OSError("the archive share went away")

    monkeypatch.setattr(services.archive, "publish", archive_gone)
    with caplog.at_level(logging.ERROR, logger="borgerservice_desk.services.receipted"):
        issued = services.recovery.issue_activation_code(clerk, visit)
    done = issued.done
    assert done.receipt_path.is_file() and done.receipt_path.read_bytes().startswith(b"%PDF")
    assert done.receipt_path.name != f"{done.reference}.pdf" and not done.receipt_archived
    (record,) = caplog.records
    assert record.getMessage() == f"receipt {done.reference}.pdf could not take its place in the archive"
