"""A MitID action or recovery errand whose commit's answer is lost, on a real database (SQLite, and
PostgreSQL under `make test`).

The server committed and the connection broke before the desk heard so. Told "nothing was saved", the clerk
did the action again (a second app for one request), and the receipt of the saved action was deleted. Now
the desk asks the database again: a landed action is the action done, receipt and all; one that did not land
is the failure it was; and when the database cannot be asked either, the clerk is told the action may be
saved, and its receipt waits for the next start's recovery. Found by a review helper (stop 32); each test
failed before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import OutcomeUnknown, StorageUnavailable
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, MitidAction, MitidMethod, ReceiptRecord
from tests.support.assurance import citizens, ready

LOST = OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))


def _commit_then(monkeypatch: pytest.MonkeyPatch, *, lands: bool, then: Callable[[], None] | None = None) -> None:
    """The next commit lands (or not), and its answer is lost with the connection; `then` runs after."""
    original = Session.commit
    armed = [True]

    def commit(self: Session) -> None:
        if not armed[0]:
            return original(self)
        armed[0] = False
        if lands:
            original(self)
        if then is not None:
            then()
        raise LOST

    monkeypatch.setattr(Session, "commit", commit)


def _database_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on the database cannot be asked anything."""

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise LOST

    monkeypatch.setattr(Session, "scalar", refuse)
    monkeypatch.setattr(Session, "execute", refuse)


def _app(services: Services, clerk: ClerkContext, citizen_id: int) -> int:
    overview = services.citizens.mitid_overview(clerk, citizen_id, "test")
    return next(m.id for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)


def _count(services: Services, model: type, *where: object) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0  # type: ignore[arg-type]


def _outcomes(services: Services) -> list[str]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry.outcome).where(AuditEntry.action.like("mitid.%"))))


def test_a_block_whose_commit_landed_is_done_with_its_receipt_archived(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    app = _app(services, clerk, citizen.id)
    _commit_then(monkeypatch, lands=True)
    done = services.mitid.block_app(clerk, visit, app, BlockReason.STOLEN)
    assert done.receipt_archived and done.receipt_path.is_file()
    assert done.receipt_path == services.archive.root / _file_of(services, done.reference)
    assert _count(services, MitidMethod, MitidMethod.id == app, MitidMethod.state == MethodState.BLOCKED_PERMANENT) == 1
    assert "failed" not in _outcomes(services)  # one action, recorded once, as done


def test_a_new_app_whose_commit_landed_is_not_made_twice(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    _commit_then(monkeypatch, lands=True)
    done = services.mitid.activate_app(clerk, visit, "Pixel 9", "Pixel 9", "Anne Holm")
    assert done.receipt_archived
    assert _count(services, MitidMethod, MitidMethod.label == "Pixel 9") == 1


def test_an_activation_code_whose_commit_landed_is_handed_over_with_its_receipt(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    _commit_then(monkeypatch, lands=True)
    issued = services.recovery.issue_activation_code(clerk, visit)
    assert issued.code and issued.done.receipt_archived and issued.done.receipt_path.is_file()
    assert "failed" not in _outcomes(services)


def test_a_commit_that_did_not_land_is_still_nothing_saved(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    app = _app(services, clerk, citizen.id)
    actions = _count(services, MitidAction)
    _commit_then(monkeypatch, lands=False)
    with pytest.raises(StorageUnavailable) as raised:
        services.mitid.block_app(clerk, visit, app, BlockReason.STOLEN)
    assert not isinstance(raised.value, OutcomeUnknown)
    assert _count(services, MitidAction) == actions
    assert _count(services, MitidMethod, MitidMethod.id == app, MitidMethod.state == MethodState.ACTIVE) == 1
    assert not _receipt_files(services)  # the staged receipt discarded with the action
    assert _outcomes(services)[-1] == "failed"


def test_a_commit_whose_outcome_cannot_be_learnt_keeps_the_receipt_for_the_next_start(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    app = _app(services, clerk, citizen.id)
    _commit_then(monkeypatch, lands=True, then=lambda: _database_gone(monkeypatch))
    with pytest.raises(OutcomeUnknown):
        services.mitid.block_app(clerk, visit, app, BlockReason.STOLEN)
    monkeypatch.undo()
    (staged,) = _receipt_files(services)
    assert staged.name.startswith(".tmp-")  # not deleted: the next start publishes it, the action being saved
    (reference,) = _references(services)
    assert staged.name.startswith(f".tmp-{reference}.pdf")


def test_an_action_done_is_not_reported_failed_when_closing_its_session_fails(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    app = _app(services, clerk, citizen.id)
    original_commit, original_close = Session.commit, Session.close
    committed = [False]

    def commit(self: Session) -> None:
        original_commit(self)
        committed[0] = True

    def close(self: Session) -> None:
        original_close(self)
        if committed[0]:
            committed[0] = False
            raise LOST

    monkeypatch.setattr(Session, "commit", commit)
    monkeypatch.setattr(Session, "close", close)
    done = services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    monkeypatch.undo()
    assert done.receipt_archived and done.receipt_path.is_file()
    assert "failed" not in _outcomes(services)


def _file_of(services: Services, reference: str) -> str:
    with services.db.read() as session:
        name = session.scalar(select(ReceiptRecord.file_name).where(ReceiptRecord.reference == reference))
    assert name is not None
    return name


def _references(services: Services) -> list[str]:
    with services.db.read() as session:
        return list(session.scalars(select(ReceiptRecord.reference)))


def _receipt_files(services: Services) -> list[Path]:
    return sorted(p for p in services.archive.root.rglob("*") if p.is_file() and ".pdf" in p.name)


def test_a_landed_commit_is_done_even_when_the_database_goes_away_right_after_saying_so(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commit's answer was lost, the question found the action saved, and then the database was gone
    again: the action's result must not need it (the rolled-back session would read its rows again), or the
    clerk would hear "nothing was saved" for a saved block (found in review, stop 32)."""
    from borgerservice_desk.services import mitid as mitid_service

    citizen = citizens(services, active_apps=2)[0]
    visit = ready(services, clerk, citizen)
    app = _app(services, clerk, citizen.id)
    real = mitid_service.receipt_recorded

    def then_gone(reference: str) -> Callable[[Session], bool]:
        asked = real(reference)

        def landed(session: Session) -> bool:
            answer = asked(session)
            _database_gone(monkeypatch)
            return answer

        return landed

    monkeypatch.setattr(mitid_service, "receipt_recorded", then_gone)
    original = Session.commit
    armed = [True]

    def server_commits_answer_lost(self: Session) -> None:
        """The server commits; SQLAlchemy never hears so: its session stays in the transaction, as when the
        connection breaks during COMMIT, and is rolled back (its objects expired) by the desk."""
        if not armed[0]:
            return original(self)
        armed[0] = False
        self.flush()
        self.connection().exec_driver_sql("COMMIT")
        raise LOST

    monkeypatch.setattr(Session, "commit", server_commits_answer_lost)
    done = services.mitid.block_app(clerk, visit, app, BlockReason.STOLEN)
    monkeypatch.undo()
    assert done.method_ids == (app,) and done.receipt_archived
