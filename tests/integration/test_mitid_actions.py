"""Every MitID action through the service on a real database, and two or more desks at once."""

from __future__ import annotations

import threading
from collections import Counter as Tally
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.assurance.documents import DocumentType
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    IdentityState,
    MethodKind,
    MethodState,
    available_actions,
)
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    AuditEntry,
    Centre,
    IdentityCheck,
    MitidAction,
    MitidMethod,
    ReceiptRecord,
)
from tests.conftest import NOW, TODAY, fixed_clock
from tests.support.assurance import give_register_facts, pass_questions
from tests.support.journey import Candidate, appointment_with_apps, checked_visit, citizen_record, passport_for
from tests.support.refusals import refused_with

VALID = date(2031, 1, 1)


def _apps(services: Services, ctx: ClerkContext, citizen_id: int) -> list[tuple[int, MethodState]]:
    overview = services.citizens.mitid_overview(ctx, citizen_id, "test")
    return [(m.id, m.state) for m in overview.methods if m.kind is MethodKind.APP]


def _app_labels(services: Services, ctx: ClerkContext, citizen_id: int) -> list[tuple[int, str]]:
    overview = services.citizens.mitid_overview(ctx, citizen_id, "test")
    return [(m.id, m.label) for m in overview.methods if m.kind is MethodKind.APP]


def _assured(services: Services, ctx: ClerkContext, visit: int, candidate: Candidate) -> None:
    """What a new app at the counter needs besides the passport (without CPR number) checked: a Danish
    document showing the CPR number and control questions answered, as its activation code does."""
    services.assurance.record_document(ctx, visit, DocumentType.HEALTH_CARD, "DNK", cpr=candidate.citizen.cpr)
    give_register_facts(services.db, candidate.citizen.id)  # the demo leaves some citizens too few to ask
    pass_questions(services, ctx, visit)


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_block_all_apps_block_mitid_lift_and_reopen_each_get_a_receipt(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    citizen_id = candidate.citizen.id

    done = services.mitid.block_all_apps(clerk, visit, BlockReason.WRONG_TRIES)
    assert done.action is ActionKind.BLOCK_ALL_APPS and len(done.method_ids) == 2
    assert {s for _, s in _apps(services, clerk, citizen_id)} >= {MethodState.BLOCKED_TEMPORARY}

    reopened = services.mitid.reopen(clerk, visit, done.method_ids[0], language="en")
    assert "reopened" in _pdf_text(reopened.receipt_path)

    blocked = services.mitid.block_mitid(clerk, visit)
    assert services.citizens.mitid_overview(clerk, citizen_id, "t").state is IdentityState.BLOCKED
    assert "Hele dit MitID er spærret" in _pdf_text(blocked.receipt_path)

    # The clerk may not lift it; a supervisor may, but only after a new identity check.
    with pytest.raises(RuleViolation) as caught:
        services.mitid.lift_mitid_block(clerk, visit)
    assert caught.value.code == "mitid.supervisor_only"
    supervisor = services.auth.sign_in("supervisor", "demo")
    with pytest.raises(RuleViolation) as caught:
        services.mitid.lift_mitid_block(supervisor, visit)
    assert caught.value.code == "mitid.new_identity_check_needed"


def test_a_supervisor_lifts_the_block_after_a_new_identity_check(seeded_db: Database, tmp_path: Path) -> None:
    now = {"t": NOW}
    services = build_services(seeded_db, Paths(tmp_path / "d"), clock=lambda: now["t"])
    clerk = services.auth.sign_in("clerk", "demo")
    supervisor = services.auth.sign_in("supervisor", "demo")
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    services.mitid.block_mitid(clerk, visit)
    now["t"] = NOW + timedelta(minutes=10)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))
    assert services.identity.check(supervisor, visit, lines, CheckMethod.TYPED).passed
    # The passport (without CPR number) alone is not enough: lifting hands the whole MitID back, so it
    # needs the documents and the control questions or a witness, like every errand that does.
    with pytest.raises(RuleViolation) as caught:
        services.mitid.lift_mitid_block(supervisor, visit)
    assert caught.value.code == "assurance.insufficient"
    assert caught.value.params["missing"] == ["cpr_document", "questions_or_witness"]
    services.assurance.record_document(
        supervisor, visit, DocumentType.HEALTH_CARD, "DNK", cpr=candidate.citizen.cpr
    )
    with pytest.raises(RuleViolation) as caught:
        services.mitid.lift_mitid_block(supervisor, visit)
    assert caught.value.code == "assurance.insufficient"
    assert caught.value.params["missing"] == ["questions_or_witness"]
    pass_questions(services, supervisor, visit)
    lifted = services.mitid.lift_mitid_block(supervisor, visit)
    assert lifted.action is ActionKind.LIFT_MITID_BLOCK
    assert services.citizens.mitid_overview(clerk, candidate.citizen.id, "t").state is IdentityState.ACTIVE


def test_an_app_blocked_for_wrong_tries_and_then_reported_stolen_is_blocked_for_good(
    services: Services, clerk: ClerkContext
) -> None:
    # Refused as "already blocked" before (found by a review, stop 31): the stolen phone's app stayed
    # temporarily blocked, and anyone with the citizen at the counter could reopen it.
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    ((app_id, _),) = [app for app in _apps(services, clerk, candidate.citizen.id) if app[1] is MethodState.ACTIVE]
    services.mitid.block_app(clerk, visit, app_id, BlockReason.WRONG_TRIES)
    assert (app_id, MethodState.BLOCKED_TEMPORARY) in _apps(services, clerk, candidate.citizen.id)

    done = services.mitid.block_app(clerk, visit, app_id, BlockReason.STOLEN)

    assert (app_id, MethodState.BLOCKED_PERMANENT) in _apps(services, clerk, candidate.citizen.id)
    assert "kan aldrig åbnes igen" in _pdf_text(done.receipt_path)
    with pytest.raises(RuleViolation) as caught:
        services.mitid.reopen(clerk, visit, app_id)
    assert caught.value.code == "mitid.permanent_block"


def test_a_fourth_app_is_refused_with_the_three_named(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 3)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    _assured(services, clerk, visit, candidate)
    with pytest.raises(RuleViolation) as caught:
        services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", candidate.citizen.given_names)
    assert caught.value.code == "mitid.too_many_apps" and len(caught.value.params["active_apps"]) == 3
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    services.mitid.block_app(clerk, visit, app_id, BlockReason.REPLACED)
    added = services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", candidate.citizen.given_names)
    assert added.action is ActionKind.ACTIVATE_APP
    assert sum(s is MethodState.ACTIVE for _, s in _apps(services, clerk, candidate.citizen.id)) == 3
    # Activated with a working method: no activation code was out, so none is recorded as used.
    with services.db.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "mitid.activate_app", AuditEntry.outcome == "ok")
        ).one()
    assert entry.detail["receipt"] == added.reference and entry.detail["activation_code_id"] is None


def test_removing_the_last_user_makes_the_app_inactive(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    overview = services.citizens.mitid_overview(clerk, candidate.citizen.id, "t")
    app = next(m for m in overview.methods if m.counts_as_active_app)
    for user in app.users:
        done = services.mitid.remove_app_user(clerk, visit, app.id, user)
        with services.db.read() as session:
            action = session.get(MitidAction, done.action_id)
        # The history keeps who was taken off the app.
        assert action is not None and action.note == user
    after = services.citizens.mitid_overview(clerk, candidate.citizen.id, "t")
    left = next(m for m in after.methods if m.id == app.id)
    assert left.state is MethodState.INACTIVE and tuple(left.users) == ()


def test_removing_one_of_two_users_keeps_the_other(services: Services, clerk: ClerkContext) -> None:
    for row in services.appointments.day(clerk, TODAY):
        if row.status.value != "booked" or row.cpr_masked is None:
            continue
        overview = services.citizens.mitid_overview(clerk, row.citizen_id, "test set-up")
        shared = [m for m in overview.methods if m.counts_as_active_app and len(m.users) == 2]
        if shared:
            break
    else:
        raise AssertionError("the demo data has no booked citizen today with an app of two users")
    app = shared[0]
    visit = services.appointments.check_in(clerk, row.id).visit_id
    citizen = citizen_record(services.db, row.citizen_id)
    services.identity.check(clerk, visit, "\n".join(passport_for(citizen, expiry=VALID)), CheckMethod.TYPED)
    services.mitid.remove_app_user(clerk, visit, app.id, app.users[0])
    after = services.citizens.mitid_overview(clerk, row.citizen_id, "t")
    kept = next(m for m in after.methods if m.id == app.id)
    assert (kept.state, tuple(kept.users)) == (MethodState.ACTIVE, (app.users[1],))


def test_every_app_blocked_on_a_call_to_mitid_support_says_so(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    done = services.mitid.block_all_apps(clerk, visit, BlockReason.LOST, channel=Channel.MITID_SUPPORT)
    with services.db.read() as session:
        channels = session.scalars(select(MitidMethod.block_channel).where(MitidMethod.id.in_(done.method_ids))).all()
    assert len(channels) == 2 and set(channels) == {Channel.MITID_SUPPORT}


def test_a_whole_mitid_block_reported_through_mitid_support_records_that_way(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    done = services.mitid.block_mitid(clerk, visit, channel=Channel.MITID_SUPPORT)
    with services.db.read() as session:
        action = session.get(MitidAction, done.action_id)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.block_mitid")).one()
    assert action is not None and (action.kind, action.reason, action.channel) == (
        ActionKind.BLOCK_MITID, BlockReason.MISUSE, Channel.MITID_SUPPORT,
    )
    assert (entry.detail["reason"], entry.detail["channel"]) == ("misuse", "mitid_support")


def test_a_refused_reopening_of_a_permanent_block_is_recorded_naming_the_app(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    services.mitid.block_app(clerk, visit, app_id, BlockReason.STOLEN)
    with refused_with("mitid.permanent_block", RuleViolation):
        services.mitid.reopen(clerk, visit, app_id)
    with services.db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and (last.action, last.outcome) == ("mitid.reopen_method", "refused")
    assert last.detail == {"visit_id": visit, "method_id": app_id, "refusal": "mitid.permanent_block"}


def test_removing_someone_not_on_the_app_is_refused_and_the_record_names_the_app(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    with refused_with("mitid.unknown_app_user", RuleViolation):
        services.mitid.remove_app_user(clerk, visit, app_id, "Nobody Registered")
    with services.db.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and (last.action, last.outcome) == ("mitid.remove_app_user", "refused")
    assert last.detail == {"visit_id": visit, "method_id": app_id, "refusal": "mitid.unknown_app_user"}


def test_blocking_the_whole_mitid_touches_every_method_once(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    every = {m.id for m in services.citizens.mitid_overview(clerk, candidate.citizen.id, "t").methods}
    done = services.mitid.block_mitid(clerk, visit)
    assert sorted(done.method_ids) == sorted(every)


def test_a_mitid_receipt_tells_the_time_of_the_centre_s_own_zone(services: Services, clerk: ClerkContext) -> None:
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = "Atlantic/Faroe"  # an hour behind Copenhagen in November
        uow.commit()
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    done = services.mitid.block_app(clerk, visit, _apps(services, clerk, candidate.citizen.id)[0][0], BlockReason.LOST)
    local = NOW.astimezone(ZoneInfo("Atlantic/Faroe"))
    assert f"{local:%d-%m-%Y %H:%M}" in _pdf_text(done.receipt_path)


def test_a_block_reported_from_mitid_dk_without_login_blocks_every_app(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    chosen = _apps(services, clerk, candidate.citizen.id)[0][0]
    done = services.mitid.block_app(clerk, visit, chosen, BlockReason.LOST, channel=Channel.MITID_DK_WITHOUT_LOGIN)
    assert done.action is ActionKind.BLOCK_ALL_APPS and len(done.method_ids) == 2
    with services.db.read() as session:
        channels = set(session.scalars(select(MitidMethod.block_channel).where(MitidMethod.id.in_(done.method_ids))))
    assert channels == {Channel.MITID_DK_WITHOUT_LOGIN}


def test_a_refused_action_is_recorded_and_leaves_nothing(services: Services, clerk: ClerkContext) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    with refused_with("mitid.misuse_blocks_whole_mitid", RuleViolation):
        services.mitid.block_app(clerk, visit, app_id, BlockReason.MISUSE)
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(MitidAction)) == 0
        assert session.scalar(select(func.count()).select_from(ReceiptRecord)) == 0
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and last.outcome == "refused" and last.detail["refusal"] == "mitid.misuse_blocks_whole_mitid"


def test_an_action_the_window_refused_but_the_clerk_asked_for_by_shortcut_is_recorded(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    overview = services.citizens.mitid_overview(clerk, candidate.citizen.id, "test")
    assert overview.identity is not None
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    # The refusal the window holds for the action: the rules' own (lifting a block nobody placed).
    refusal = available_actions(
        overview.identity, supervisor=False, identity_checked_at=NOW, selected_method_id=app_id
    )[ActionKind.LIFT_MITID_BLOCK]
    assert refusal is not None

    services.mitid.record_refusal(clerk, visit, ActionKind.LIFT_MITID_BLOCK, refusal, method_id=app_id)

    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(MitidAction)) == 0
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None
    assert (last.action, last.outcome, last.clerk_id, last.citizen_id) == (
        "mitid.lift_mitid_block", "refused", clerk.clerk_id, candidate.citizen.id,
    )
    assert last.detail == {"visit_id": visit, "method_id": app_id, "refusal": refusal.code}


def test_a_block_and_its_reopening_leave_history_receipt_record_and_audit_entry_that_agree(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    # Reported through MitID Support, for too many wrong tries: a temporary block, so it may be reopened.
    blocked = services.mitid.block_app(
        clerk, visit, app_id, BlockReason.WRONG_TRIES, channel=Channel.MITID_SUPPORT, language="en"
    )
    assert (blocked.action, blocked.method_ids) == (ActionKind.BLOCK_APP, (app_id,))
    assert blocked.receipt_path.is_file() and blocked.receipt_path.name == f"{blocked.reference}.pdf"
    with services.db.read() as session:
        check_id = session.scalars(
            select(IdentityCheck.id).where(IdentityCheck.visit_id == visit, IdentityCheck.passed.is_(True))
        ).one()
        action = session.get(MitidAction, blocked.action_id)
        record = session.scalars(select(ReceiptRecord).where(ReceiptRecord.action_id == blocked.action_id)).one()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.block_app")).one()
        method = session.get(MitidMethod, app_id)
    assert action is not None and method is not None
    assert (action.kind, action.reason, action.channel, action.method_ids, action.note) == (
        ActionKind.BLOCK_APP, BlockReason.WRONG_TRIES, Channel.MITID_SUPPORT, [app_id], None,
    )
    assert (action.visit_id, action.clerk_id, action.identity_check_id, action.created_at) == (
        visit, clerk.clerk_id, check_id, NOW,
    )
    assert (record.reference, record.language, record.created_at, record.archive_id) == (
        blocked.reference, "en", NOW, services.archive.archive_id,
    )
    assert record.file_name == services.archive.relative(blocked.receipt_path)
    assert (entry.outcome, entry.clerk_id, entry.citizen_id, entry.at) == ("ok", clerk.clerk_id, candidate.citizen.id, NOW)
    assert entry.detail == {
        "visit_id": visit, "method_ids": [app_id], "reason": "wrong_tries", "channel": "mitid_support",
        "receipt": blocked.reference, "activation_code_id": None,
    }
    assert (method.state, method.blocked_at, method.block_reason, method.block_channel) == (
        MethodState.BLOCKED_TEMPORARY, NOW, BlockReason.WRONG_TRIES, Channel.MITID_SUPPORT,
    )
    receipt = _pdf_text(blocked.receipt_path)
    citizen = candidate.citizen
    with services.db.read() as session:
        centre = session.get(Centre, clerk.centre_id)
    assert centre is not None
    assert citizen.cpr is not None
    for fact in (
        f"Reference\n{blocked.reference}", "Date and time\n27-11-2026 10:00",
        f"Citizen\n{citizen.given_names} {citizen.surname}", f"CPR number\n{citizen.cpr[:6]}-XXXX",
        "Identity document checked\nPassport, issued by Denmark (DNK)", f"Clerk\n{clerk.full_name}",
        f"{method.label}\nTemporarily blocked", "Reason\nToo many wrong attempts", "The block is temporary.",
        "Carried out via\nMitID Support", centre.name, centre.address,
    ):
        assert fact in receipt, fact
    other = next(label for m_id, label in _app_labels(services, clerk, citizen.id) if m_id != app_id)
    assert other in receipt[receipt.index("These identification methods still work:"):]

    reopened = services.mitid.reopen(clerk, visit, app_id)
    with services.db.read() as session:
        method = session.get(MitidMethod, app_id)
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.reopen_method")).one()
    assert method is not None
    # Reopened, the block's when, why and how are gone with it.
    assert (method.state, method.blocked_at, method.block_reason, method.block_channel) == (
        MethodState.ACTIVE, None, None, None,
    )
    assert entry.detail == {
        "visit_id": visit, "method_ids": [app_id], "reason": None, "channel": "borgerservice",
        "receipt": reopened.reference, "activation_code_id": None,
    }


# Several desks at once -------------------------------------------------------------------------------
def _race(database_url: str, tmp_path: Path, desks: int, act: Callable[[Services, ClerkContext], object]) -> Tally[str]:
    """Run `act` from `desks` desks at once, each with its own engine and connections."""
    barrier = threading.Barrier(desks)
    outcomes: list[str] = []
    lock = threading.Lock()
    databases = [Database.open(database_url, run_migrations=False) for _ in range(desks)]

    def desk(index: int) -> None:
        services = build_services(databases[index], Paths(tmp_path / f"desk{index}"), clock=fixed_clock)
        ctx = services.auth.sign_in("clerk", "demo")
        barrier.wait()
        try:
            act(services, ctx)
            outcome = "ok"
        except RuleViolation as refusal:
            outcome = refusal.code
        except Exception as error:  # noqa: BLE001 - counted, so a desk that died for another reason fails the test
            outcome = f"error: {error!r}"
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(desks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for database in databases:
        database.dispose()
    assert len(outcomes) == desks, outcomes
    return Tally(outcomes)


def test_two_desks_cannot_activate_a_fourth_app(database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    _assured(services, clerk, visit, candidate)
    outcomes = _race(
        database_url, tmp_path, 6,
        lambda s, ctx: s.mitid.activate_app(ctx, visit, "Pixel 9", "tablet", candidate.citizen.given_names),
    )
    assert outcomes["ok"] == 1, outcomes
    assert set(outcomes) <= {"ok", "mitid.too_many_apps", "mitid.changed_by_another_desk"}
    assert sum(s is MethodState.ACTIVE for _, s in _apps(services, clerk, candidate.citizen.id)) == 3


def test_two_desks_cannot_block_one_app_twice(database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]
    outcomes = _race(database_url, tmp_path, 6, lambda s, ctx: s.mitid.block_app(ctx, visit, app_id, BlockReason.STOLEN))
    assert outcomes["ok"] == 1, outcomes
    assert set(outcomes) <= {"ok", "mitid.already_blocked", "mitid.changed_by_another_desk"}
    with services.db.read() as session:
        assert session.scalar(select(func.count()).select_from(MitidAction)) == 1
        assert session.scalar(select(func.count()).select_from(ReceiptRecord)) == 1
    assert len(list(services.archive.root.parent.parent.rglob("BSD-*.pdf"))) == 1


def test_a_permanent_block_stays_while_another_desk_tries_to_reopen(
    database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app_id = _apps(services, clerk, candidate.citizen.id)[0][0]

    def block_or_reopen(s: Services, ctx: ClerkContext) -> object:
        try:
            return s.mitid.block_app(ctx, visit, app_id, BlockReason.STOLEN)
        except RuleViolation:
            return s.mitid.reopen(ctx, visit, app_id)

    outcomes = _race(database_url, tmp_path, 4, block_or_reopen)
    assert outcomes["ok"] == 1, outcomes
    assert dict(_apps(services, clerk, candidate.citizen.id))[app_id] is MethodState.BLOCKED_PERMANENT


def test_a_mitid_action_for_a_citizen_without_a_mitid_is_refused_saying_so(services: Services, clerk: ClerkContext) -> None:
    from borgerservice_desk.errors import NotFound
    from tests.support.assurance import citizens, open_visit_for

    citizen = citizens(services, mitid=False)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    with refused_with("mitid.no_identity", NotFound):
        services.mitid.block_mitid(clerk, visit)


def test_a_clerk_asking_to_lift_a_block_is_told_it_is_for_a_supervisor_before_anything_else(
    services: Services, clerk: ClerkContext
) -> None:
    """The role is looked at first: on a visit without any identity check yet, the clerk is told that lifting
    is a supervisor's, not that a check is missing (which they could not act on anyway)."""
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = services.appointments.check_in(clerk, candidate.appointment.id).visit_id
    with refused_with("mitid.supervisor_only", RuleViolation):
        services.mitid.lift_mitid_block(clerk, visit)


def test_a_whole_mitid_block_receipt_keeps_an_app_blocked_for_good_as_permanently_blocked(
    services: Services, clerk: ClerkContext
) -> None:
    """The receipt of a whole-MitID block lists every method: those that worked as temporarily blocked, a
    lost app with the permanent block it already had."""
    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    lost, kept = (app_id for app_id, _ in _apps(services, clerk, candidate.citizen.id)[:2])
    services.mitid.block_app(clerk, visit, lost, BlockReason.LOST)
    done = services.mitid.block_mitid(clerk, visit, language="en")
    assert {lost, kept} <= set(done.method_ids)
    text = " ".join(_pdf_text(done.receipt_path).split())
    assert "Permanently blocked" in text and "Temporarily blocked" in text


def test_an_app_activated_at_the_counter_is_listed_with_its_model_name_and_user(
    services: Services, clerk: ClerkContext
) -> None:
    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    _assured(services, clerk, visit, candidate)
    user = candidate.citizen.given_names
    services.mitid.activate_app(clerk, visit, "Pixel 9", "Annes telefon", user)
    overview = services.citizens.mitid_overview(clerk, candidate.citizen.id, "test")
    (new,) = [m for m in overview.methods if m.kind is MethodKind.APP and m.label == "Pixel 9"]
    assert (new.state, new.device_name, new.users) == (MethodState.ACTIVE, "Annes telefon", (user,))


def test_a_receipt_names_the_document_of_the_check_made_last_even_in_the_same_instant(
    services: Services, clerk: ClerkContext
) -> None:
    """Two checks passed in one visit at the same moment of the clock (the tests' clock stands still; a
    desk's clock has its resolution): the receipt names the document checked last."""
    from borgerservice_desk.domain.cpr import Cpr
    from borgerservice_desk.receipts.texts import document_description
    from tests.support.mrz import compose_td3

    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    citizen = candidate.citizen
    assert citizen.cpr is not None
    born = Cpr(citizen.cpr)
    swedish = compose_td3(
        document_code="P", issuing_country="SWE", surname=citizen.surname, given_names=citizen.given_names,
        document_number="SE1234567", nationality="SWE", birth_date=born.birth_date, sex=born.sex.value,
        expiry_date=VALID,
    )
    second = services.identity.check(clerk, visit, "\n".join(swedish), CheckMethod.TYPED)
    assert second.passed
    app = _apps(services, clerk, citizen.id)[0][0]
    done = services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    with services.db.read() as session:
        action = session.get(MitidAction, done.action_id)
    assert action is not None and action.identity_check_id == second.check_id
    assert document_description("da", "passport", "SWE") in " ".join(_pdf_text(done.receipt_path).split())


@pytest.mark.parametrize(
    ("fault", "code"),
    [("conflict", "mitid.changed_by_another_desk"), ("storage", "storage.unavailable")],
)
def test_an_action_whose_receipt_cannot_be_recorded_leaves_no_receipt_file(
    services: Services, clerk: ClerkContext, fault: str, code: str
) -> None:
    """The receipt is written before the commit; when the commit fails (another desk stored first, or the
    disk is full) the action did not happen, and its receipt file is gone again at once."""
    from borgerservice_desk.errors import DeskError
    from borgerservice_desk.receipts.archive import ARCHIVE_ID_FILE
    from tests.support.faults import inserts_conflict, inserts_fail

    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app = _apps(services, clerk, candidate.citizen.id)[0][0]
    (inserts_conflict if fault == "conflict" else inserts_fail)(services.db, "receipt")
    with refused_with(code, DeskError):
        services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    assert [p for p in services.archive.root.rglob("*") if p.is_file() and p.name != ARCHIVE_ID_FILE] == []
    assert dict(_apps(services, clerk, candidate.citizen.id))[app] is MethodState.ACTIVE


def test_an_action_interrupted_before_its_commit_leaves_no_receipt_file(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk is stopped (Ctrl+C, the window closed) after the receipt was written and before the commit:
    nothing was saved, and the receipt file goes with it."""
    from borgerservice_desk.receipts.archive import ARCHIVE_ID_FILE
    from borgerservice_desk.services import mitid as mitid_service

    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    app = _apps(services, clerk, candidate.citizen.id)[0][0]

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(mitid_service.audit, "record", interrupted)
    with pytest.raises(KeyboardInterrupt):
        services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    monkeypatch.undo()
    assert [p for p in services.archive.root.rglob("*") if p.is_file() and p.name != ARCHIVE_ID_FILE] == []
    assert dict(_apps(services, clerk, candidate.citizen.id))[app] is MethodState.ACTIVE


def test_the_mitid_page_s_history_lists_each_action_whole_newest_first(services: Services, clerk: ClerkContext) -> None:
    """When, what, why, which way, which methods (by their labels), which clerk, and the user taken off an
    app; a block recorded before the desk kept the clerk shows no clerk. And when the whole MitID was
    blocked."""
    from borgerservice_desk.services.citizens import ActionRow
    from borgerservice_desk.storage.models import MitidIdentity

    candidate = appointment_with_apps(services, clerk, TODAY, 2)
    citizen_id = candidate.citizen.id
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    before = services.citizens.mitid_overview(clerk, citizen_id, "test")
    labels = {m.id: m.label for m in before.methods}
    lost, shared = (m for m in before.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)
    long_ago = NOW - timedelta(days=400)
    with services.db.unit_of_work() as uow:
        identity_id = uow.session.scalars(select(MitidIdentity.id).where(MitidIdentity.citizen_id == citizen_id)).one()
        uow.session.add(MitidAction(
            identity_id=identity_id, clerk_id=None, kind=ActionKind.BLOCK_APP, reason=BlockReason.LOST,
            channel=Channel.APP, method_ids=[], note=None, created_at=long_ago,
        ))
        uow.commit()
    removed = services.mitid.remove_app_user(clerk, visit, shared.id, shared.users[0])
    blocked = services.mitid.block_app(clerk, visit, lost.id, BlockReason.LOST)
    whole = services.mitid.block_mitid(clerk, visit)
    assert len(whole.method_ids) >= 2
    after = services.citizens.mitid_overview(clerk, citizen_id, "test")
    assert after.blocked_at == NOW
    name = clerk.full_name
    # Each with its receipt, to show again; the old block recorded before the desk made receipts has none.
    assert list(after.history) == [
        ActionRow(NOW, "block_mitid", "misuse", "borgerservice", whole.method_ids,
                  ", ".join(labels[i] for i in whole.method_ids), name, None, whole.reference),
        ActionRow(NOW, "block_app", "lost", "borgerservice", (lost.id,), lost.label, name, None, blocked.reference),
        ActionRow(NOW, "remove_app_user", None, "borgerservice", (shared.id,), shared.label, name, shared.users[0],
                  removed.reference),
        ActionRow(long_ago, "block_app", "lost", "app", (), "", "", None, None),
    ]


def test_the_mitid_page_of_a_citizen_without_one_still_names_the_citizen(
    services: Services, clerk: ClerkContext
) -> None:
    from tests.support.assurance import citizens

    citizen = citizens(services, mitid=False)[0]
    overview = services.citizens.mitid_overview(clerk, citizen.id, "test")
    assert (overview.identity_id, overview.state, overview.methods, overview.history) == (None, None, (), ())
    assert overview.citizen.id == citizen.id
    assert overview.citizen.full_name == f"{citizen.given_names} {citizen.surname}"


def test_a_receipt_after_midnight_in_copenhagen_is_dated_and_filed_by_the_centre_s_day(
    seeded_db: Database, tmp_path: Path
) -> None:
    """At 00:30 in Copenhagen on 1 December it is still 30 November in UTC: the reference and the archive's
    month folder follow the date the receipt prints and the clerk sees, not the UTC date. The citizen came
    on the 30th and the action ends after midnight (here, to make the point, long after)."""
    from datetime import UTC, datetime

    from tests.support.clock import MovableClock

    last_day = date(2026, 11, 30)
    clock = MovableClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    ctx = services.auth.sign_in("clerk", "demo")
    candidate = appointment_with_apps(services, ctx, last_day, 1)
    clock.set(candidate.appointment.starts_at)
    visit = checked_visit(services, ctx, candidate, expiry=VALID)
    clock.set(datetime(2026, 11, 30, 23, 30, tzinfo=UTC))  # 00:30 on 1 December in Copenhagen

    done = services.mitid.block_app(ctx, visit, _apps(services, ctx, candidate.citizen.id)[0][0], BlockReason.LOST)

    assert done.reference.startswith("BSD-20261201-"), done.reference
    assert done.receipt_path.parent.relative_to(services.archive.root).parts == ("2026", "12")


def test_a_receipt_reference_is_the_day_and_two_groups_of_four_from_the_reference_alphabet(
    services: Services, clerk: ClerkContext
) -> None:
    """As printed on the receipt and read out over the phone: BSD-YYYYMMDD-XXXX-XXXX, 40 random bits in
    characters that cannot be mistaken for one another."""
    import re

    from borgerservice_desk.services.mitid import REFERENCE_ALPHABET

    candidate = appointment_with_apps(services, clerk, TODAY, 1)
    visit = checked_visit(services, clerk, candidate, expiry=VALID)
    done = services.mitid.block_app(clerk, visit, _apps(services, clerk, candidate.citizen.id)[0][0], BlockReason.LOST)
    group = f"[{REFERENCE_ALPHABET}]{{4}}"
    assert re.fullmatch(f"BSD-{TODAY:%Y%m%d}-{group}-{group}", done.reference), done.reference  # the centre's day
