"""Getting a citizen a working MitID method again, through the service on a real database: each errand,
its refusals, code supersession as stored, and that no receipt, slip or audit entry holds a code or user ID."""

from __future__ import annotations

import io
import json
import logging
from collections import Counter as Tally
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.domain.assurance import activation_code as codes
from borgerservice_desk.domain.assurance.devices import StockState
from borgerservice_desk.domain.mitid import ActionKind, BlockReason, Channel, MethodKind, MethodState
from borgerservice_desk.errors import DeskError, NotFound, RuleViolation, StorageUnavailable
from borgerservice_desk.receipts.archive import ARCHIVE_ID_FILE
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    ActivationCode,
    AuditEntry,
    Centre,
    Citizen,
    DeviceStock,
    IdentityCheck,
    MitidAction,
    MitidIdentity,
    MitidMethod,
    ReceiptRecord,
)
from tests.conftest import NOW
from tests.support.assurance import checked, citizens, race, ready
from tests.support.clock import MovableClock
from tests.support.faults import inserts_conflict, inserts_fail
from tests.support.refusals import refused_with


def _pdf_text(pdf: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "".join(page.extract_text() for page in reader.pages)


def _in_stock(services: Services, kind: MethodKind) -> str:
    with services.db.read() as session:
        serial = session.scalars(
            select(DeviceStock.serial)
            .where(DeviceStock.kind == kind, DeviceStock.state == StockState.IN_STOCK)
            .order_by(DeviceStock.id)
        ).first()
    assert serial is not None
    return serial


def _without_kind(services: Services, kind: MethodKind) -> list[int]:
    """Ids of the demo citizens (CPR, active MitID, fewer than three apps) who have no method of `kind`."""
    with services.db.read() as session:
        having = set(
            session.scalars(
                select(MitidIdentity.citizen_id).join(MitidMethod).where(MitidMethod.kind == kind)
            )
        )
    return [c.id for c in citizens(services) if c.id not in having]


def test_an_activation_code_is_issued_once_stored_as_a_hash_and_supersedes_the_old(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    first = services.recovery.issue_activation_code(clerk, visit)
    assert first.done.action is ActionKind.ISSUE_ACTIVATION_CODE
    assert first.expires_at == NOW + codes.VALIDITY_DEFAULT and first.superseded == ()
    second = services.recovery.issue_activation_code(clerk, visit, language="en")
    assert second.superseded == (first.code_id,) and second.code != first.code
    with services.db.read() as session:
        rows = {r.id: r for r in session.scalars(select(ActivationCode))}
    assert rows[first.code_id].superseded_at == NOW and rows[second.code_id].superseded_at is None
    # Only a salted hash is kept: it verifies the code, and holds nothing of it.
    assert codes.matches(second.code, rows[second.code_id].code_hash)
    assert codes.normalise(second.code) not in rows[second.code_id].code_hash
    # The slip carries the code for the citizen; the receipt says a code was handed out, never which.
    assert second.code in _pdf_text(second.slip_pdf)
    receipt = _pdf_text(second.done.receipt_path)
    assert "activation code" in receipt and second.code not in receipt
    with services.db.read() as session:
        action = session.get(MitidAction, second.done.action_id)
        assert action is not None and action.kind is ActionKind.ISSUE_ACTIVATION_CODE


def test_an_app_activated_while_a_code_is_out_uses_that_code(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=1)[1]
    visit = ready(services, clerk, citizen)
    first_code = services.recovery.issue_activation_code(clerk, visit)
    first_app = services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
    # A used code is not "out" any more: the next one supersedes nothing, and the next app uses it.
    second_code = services.recovery.issue_activation_code(clerk, visit)
    assert second_code.superseded == ()
    second_app = services.mitid.activate_app(clerk, visit, "iPad", "Tablet", citizen.given_names)
    with services.db.read() as session:
        rows = [session.get(ActivationCode, c.code_id) for c in (first_code, second_code)]
        entries = {
            e.detail["receipt"]: e.detail
            for e in session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.activate_app"))
        }
    assert all(r is not None and r.used_at == NOW and r.superseded_at is None for r in rows)
    assert entries[first_app.reference]["activation_code_id"] == first_code.code_id
    assert entries[second_app.reference]["activation_code_id"] == second_code.code_id


def test_the_code_is_valid_as_long_as_the_centre_sets(services: Services, clerk: ClerkContext) -> None:
    from datetime import timedelta

    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_number(supervisor, "activation_code.valid_hours", 48)
    visit = ready(services, clerk, citizens(services, active_apps=0)[0])
    assert services.recovery.issue_activation_code(clerk, visit).expires_at == NOW + timedelta(hours=48)


def test_no_code_while_three_apps_are_active_and_the_three_are_named(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=3)[0]
    visit = ready(services, clerk, citizen)
    with pytest.raises(RuleViolation) as caught:
        services.recovery.issue_activation_code(clerk, visit)
    assert caught.value.code == "mitid.too_many_apps" and len(caught.value.params["active_apps"]) == 3
    with services.db.read() as session:
        assert session.scalars(select(ActivationCode)).first() is None
        assert session.scalars(select(ReceiptRecord)).first() is None
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert (last.action, last.outcome, last.clerk_id, last.citizen_id) == (
        "mitid.issue_activation_code", "refused", clerk.clerk_id, citizen.id,
    )
    assert last.detail == {"visit_id": visit, "refusal": "mitid.too_many_apps"}  # the code, nothing of the apps


def test_no_code_without_questions_or_a_witness(services: Services, clerk: ClerkContext) -> None:
    visit = checked(services, clerk, citizens(services, active_apps=1)[0])
    with pytest.raises(RuleViolation) as caught:
        services.recovery.issue_activation_code(clerk, visit)
    assert caught.value.code == "assurance.insufficient"
    assert caught.value.params == {"errand": "activation_code", "missing": ["questions_or_witness"]}


def test_a_forgotten_user_id_is_shown_to_the_citizen_and_each_showing_is_audited(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[0]
    visit = ready(services, clerk, citizen)
    shown = services.recovery.show_user_id(clerk, visit)
    again = services.recovery.show_user_id(clerk, visit)
    with services.db.read() as session:
        user_id = session.scalars(select(MitidIdentity.user_id).where(MitidIdentity.citizen_id == citizen.id)).one()
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.show_user_id")).all()
    assert shown.user_id == again.user_id == user_id
    assert len(entries) == 2 and all(user_id not in json.dumps(e.detail) for e in entries)
    assert user_id not in _pdf_text(shown.done.receipt_path)


def test_an_errand_s_receipt_after_midnight_in_copenhagen_is_dated_and_filed_by_the_centre_s_day(
    seeded_db: Database, tmp_path: Path
) -> None:
    """As for a MitID action's receipt (tests/integration/test_mitid_actions.py): 00:30 on 1 December in
    Copenhagen is 30 November in UTC; the reference and the month folder follow the centre's date."""
    from datetime import UTC, datetime

    clock = MovableClock(datetime(2026, 11, 30, 22, 50, tzinfo=UTC))  # 23:50 in Copenhagen
    services = build_services(seeded_db, Paths(tmp_path / "data"), clock=clock)
    clerk = services.auth.sign_in("clerk", "demo")
    visit = ready(services, clerk, citizens(services)[0])
    clock.set(datetime(2026, 11, 30, 23, 30, tzinfo=UTC))

    done = services.recovery.show_user_id(clerk, visit).done

    assert done.reference.startswith("BSD-20261201-"), done.reference
    assert done.receipt_path.parent.relative_to(services.archive.root).parts == ("2026", "12")


def test_a_device_is_handed_out_from_stock_and_a_lost_one_blocked_for_good(
    services: Services, clerk: ClerkContext
) -> None:
    citizen_id = _without_kind(services, MethodKind.CODE_READER)[0]
    citizen = next(c for c in citizens(services) if c.id == citizen_id)
    visit = ready(services, clerk, citizen)
    serial = _in_stock(services, MethodKind.CODE_READER)
    done = services.recovery.hand_out_device(clerk, visit, f"{serial[:2]}-{serial[2:6]} {serial[6:]}".lower())
    (method_id,) = done.method_ids
    with services.db.read() as session:
        item = session.scalars(select(DeviceStock).where(DeviceStock.serial == serial)).one()
        method = session.get(MitidMethod, method_id)
    assert item.state is StockState.HANDED_OUT and item.method_id == method_id
    assert method is not None and method.kind is MethodKind.CODE_READER and method.state is MethodState.ACTIVE
    assert serial in _pdf_text(done.receipt_path)
    # A second one of the same kind while the first works: refused.
    with pytest.raises(RuleViolation) as caught:
        services.recovery.hand_out_device(clerk, visit, _in_stock(services, MethodKind.CODE_READER))
    assert caught.value.code == "device.already_has_one"
    blocked = services.recovery.block_device(clerk, visit, method_id, BlockReason.LOST)
    assert blocked.action is ActionKind.BLOCK_DEVICE
    with services.db.read() as session:
        item = session.scalars(select(DeviceStock).where(DeviceStock.serial == serial)).one()
        method = session.get(MitidMethod, method_id)
    assert item.state is StockState.WITHDRAWN
    assert method is not None and method.state is MethodState.BLOCKED_PERMANENT
    with pytest.raises(RuleViolation) as caught:
        services.recovery.hand_out_device(clerk, visit, serial)
    # The refusal names the device and why, for the clerk to put it aside.
    assert (caught.value.code, caught.value.params) == ("device.not_in_stock", {"serial": serial, "state": "withdrawn"})
    # Now a new one of the kind may be handed out.
    services.recovery.hand_out_device(clerk, visit, _in_stock(services, MethodKind.CODE_READER))


def test_an_errand_s_history_entry_receipt_record_and_audit_entry_tell_the_same_story(
    services: Services, clerk: ClerkContext
) -> None:
    citizen_id = _without_kind(services, MethodKind.CODE_READER)[0]
    citizen = next(c for c in citizens(services) if c.id == citizen_id)
    visit = ready(services, clerk, citizen)
    serial = _in_stock(services, MethodKind.CODE_READER)
    handed = services.recovery.hand_out_device(clerk, visit, serial)
    (method_id,) = handed.method_ids
    # Too many wrong tries is the one temporary block: the reader stays the citizen's, not back in stock.
    done = services.recovery.block_device(clerk, visit, method_id, BlockReason.WRONG_TRIES, language="en")

    assert (done.action, done.method_ids) == (ActionKind.BLOCK_DEVICE, (method_id,))
    assert done.receipt_path.is_file() and done.receipt_path.name == f"{done.reference}.pdf"
    with services.db.read() as session:
        check_id = session.scalars(
            select(IdentityCheck.id).where(IdentityCheck.visit_id == visit, IdentityCheck.passed.is_(True))
        ).one()
        action = session.get(MitidAction, done.action_id)
        record = session.scalars(select(ReceiptRecord).where(ReceiptRecord.action_id == done.action_id)).one()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "mitid.block_device")).one()
        method = session.get(MitidMethod, method_id)
        item = session.scalars(select(DeviceStock).where(DeviceStock.serial == serial)).one()
    assert action is not None and method is not None
    assert (action.kind, action.reason, action.channel, action.method_ids) == (
        ActionKind.BLOCK_DEVICE, BlockReason.WRONG_TRIES, Channel.BORGERSERVICE, [method_id],
    )
    assert (action.visit_id, action.clerk_id, action.identity_check_id, action.created_at) == (
        visit, clerk.clerk_id, check_id, NOW,
    )
    assert (record.reference, record.language, record.created_at, record.archive_id) == (
        done.reference, "en", NOW, services.archive.archive_id,
    )
    assert record.file_name == services.archive.relative(done.receipt_path)
    assert (entry.outcome, entry.clerk_id, entry.citizen_id, entry.at) == ("ok", clerk.clerk_id, citizen.id, NOW)
    assert entry.detail == {
        "visit_id": visit, "method_ids": [method_id], "receipt": done.reference, "kind": "code_reader", "serial": serial,
    }
    assert (method.state, method.blocked_at, method.block_reason, method.block_channel) == (
        MethodState.BLOCKED_TEMPORARY, NOW, BlockReason.WRONG_TRIES, Channel.BORGERSERVICE,
    )
    assert (item.state, item.method_id, item.handed_out_at) == (StockState.HANDED_OUT, method_id, NOW)
    assert method.activated_at == NOW and method.label == serial
    # The receipt the citizen takes home: who, where, with which document, what changed, why, and what now.
    with services.db.read() as session:
        centre = session.get(Centre, clerk.centre_id)
    assert centre is not None and citizen.cpr is not None
    receipt = _pdf_text(done.receipt_path)
    for fact in (
        f"Reference\n{done.reference}", centre.name, centre.address, "Date and time\n27-11-2026 10:00",
        f"Citizen\n{citizen.given_names} {citizen.surname}", f"CPR number\n{citizen.cpr[:6]}-XXXX",
        "Identity document checked\nPassport, issued by Denmark (DNK)", f"Clerk\n{clerk.full_name}",
        f"Audio code reader\n{serial}\nTemporarily blocked", "Reason\nToo many wrong attempts",
        "Carried out via\nCitizen Service Centre (Borgerservice)", "The block is temporary.",
    ):
        assert fact in receipt, fact
    # ... and which of the citizen's other methods still work.
    with services.db.read() as session:
        working = session.scalars(
            select(MitidMethod.label).join(MitidIdentity)
            .where(MitidIdentity.citizen_id == citizen.id, MitidMethod.state == MethodState.ACTIVE)
        ).all()
    still = receipt[receipt.index("These identification methods still work:"):]
    assert working and all(label in still for label in working)
    # An errand that changes no method lists every method the citizen has, in the order they were added.
    shown = _pdf_text(services.recovery.show_user_id(clerk, visit, language="en").done.receipt_path)
    with services.db.read() as session:
        labels = session.scalars(
            select(MitidMethod.label).join(MitidIdentity).where(MitidIdentity.citizen_id == citizen.id)
            .order_by(MitidMethod.id)
        ).all()
    assert len(labels) >= 2 and serial in labels
    assert [shown.index(label) for label in labels] == sorted(shown.index(label) for label in labels)


@pytest.mark.parametrize(
    ("serial", "error", "code"),
    [("XX", "input", "device.bad_serial"), ("ZZ99999999", "not_found", "device.not_found")],
)
def test_a_serial_the_stock_does_not_know_is_refused(
    services: Services, clerk: ClerkContext, serial: str, error: str, code: str
) -> None:
    visit = ready(services, clerk, citizens(services)[0])
    with pytest.raises(DeskError) as caught:
        services.recovery.hand_out_device(clerk, visit, serial)
    assert caught.value.code == code and (error != "not_found" or isinstance(caught.value, NotFound))


def test_a_chip_needs_the_high_level(services: Services, clerk: ClerkContext) -> None:
    from borgerservice_desk.domain.assurance.documents import DocumentType

    citizen_id = _without_kind(services, MethodKind.CHIP)[0]
    citizen = next(c for c in citizens(services) if c.id == citizen_id)
    visit = checked(services, clerk, citizen, with_cpr=False)  # a Danish passport without CPR number
    services.assurance.record_document(clerk, visit, DocumentType.DRIVING_LICENCE_APP, "DNK")  # substantial
    from tests.support.assurance import pass_questions

    pass_questions(services, clerk, visit)
    with pytest.raises(RuleViolation) as caught:
        services.recovery.hand_out_device(clerk, visit, _in_stock(services, MethodKind.CHIP))
    assert caught.value.code == "assurance.insufficient" and caught.value.params["errand"] == "chip"


def test_a_citizen_without_mitid_gets_one_with_an_app_code_or_a_device(services: Services, clerk: ClerkContext) -> None:
    first, second = citizens(services, mitid=False)[:2]
    visit = ready(services, clerk, first)
    issued = services.recovery.issue_mitid(clerk, visit)
    assert issued.code is not None and issued.done.action is ActionKind.ISSUE_MITID
    assert issued.user_id not in _pdf_text(issued.done.receipt_path)
    assert issued.code.code in _pdf_text(issued.code.slip_pdf)
    with pytest.raises(RuleViolation) as caught:
        services.recovery.issue_mitid(clerk, visit)
    assert caught.value.code == "mitid.already_issued"
    other = ready(services, clerk, second)
    serial = _in_stock(services, MethodKind.CODE_DISPLAY)
    with_device = services.recovery.issue_mitid(clerk, other, device_serial=serial)
    assert with_device.code is None and len(with_device.done.method_ids) == 1
    with services.db.read() as session:
        identity = session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == second.id)).one()
        assert identity.user_id == with_device.user_id and identity.created_at == NOW
        assert [m.label for m in session.scalars(select(MitidMethod).where(MitidMethod.identity_id == identity.id))] == [serial]


def test_a_first_mitid_is_audited_with_its_first_method_and_the_code_handed_out_belongs_to_the_errand(
    services: Services, clerk: ClerkContext
) -> None:
    """The entry says what the citizen got first (an app with the code's record and expiry, or the device by
    its serial), never the code or the user ID; the code comes back with the errand that issued it."""
    first, second = citizens(services, mitid=False)[:2]
    visit = ready(services, clerk, first)
    issued = services.recovery.issue_mitid(clerk, visit)
    assert issued.code is not None and issued.code.done == issued.done
    other = ready(services, clerk, second)
    serial = _in_stock(services, MethodKind.CODE_DISPLAY)
    with_device = services.recovery.issue_mitid(clerk, other, device_serial=serial)
    with services.db.read() as session:
        app_entry, device_entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "mitid.issue_mitid").order_by(AuditEntry.seq)
        ).all()
    assert (app_entry.clerk_id, app_entry.citizen_id, app_entry.outcome) == (clerk.clerk_id, first.id, "ok")
    assert app_entry.detail == {
        "visit_id": visit, "method_ids": [], "receipt": issued.done.reference, "first_method": "app",
        "code_id": issued.code.code_id, "expires_at": issued.code.expires_at.isoformat(),
    }
    assert (device_entry.citizen_id, device_entry.outcome) == (second.id, "ok")
    assert device_entry.detail == {
        "visit_id": other, "method_ids": list(with_device.done.method_ids), "receipt": with_device.done.reference,
        "first_method": "code_display", "serial": serial,
    }


def _issue_to(services: Services, clerk: ClerkContext, citizen: Citizen, given_names: str) -> str:
    """A first MitID for `citizen` as the register now spells their given names (the visit is made ready
    with the passport first); the new user ID."""
    visit = ready(services, clerk, citizen)
    with services.db.unit_of_work() as uow:
        uow.session.get_one(Citizen, citizen.id).given_names = given_names
        uow.commit()
    return services.recovery.issue_mitid(clerk, visit, device_serial=_in_stock(services, MethodKind.CODE_DISPLAY)).user_id


@pytest.mark.parametrize(
    ("given_names", "start"),
    [
        ("Søren Åge", "soeren"),  # Danish letters as the MRZ writes them
        ("Anne-Marie Sofie", "annemarie"),  # the first name only, in plain letters
        ("Bartholomæus", "bartholomaeu"),  # at most twelve letters
        ("Αλέξανδρος", "mitid"),  # no plain letter at all
    ],
)
def test_a_new_user_id_is_the_first_name_in_plain_letters_and_six_digits_of_the_whole_million(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch, given_names: str, start: str
) -> None:
    """The random draw is made to give its largest number: the six digits are drawn from all of 000000 to
    999999, never fewer, never a seventh."""
    import secrets

    monkeypatch.setattr(secrets, "randbelow", lambda bound: bound - 1)
    citizen = citizens(services, mitid=False)[0]
    assert _issue_to(services, clerk, citizen, given_names) == f"{start}999999"


def test_a_user_id_somebody_already_has_is_drawn_again(
    services: Services, clerk: ClerkContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import secrets

    draws = iter([0, 0, 1])  # the second citizen's first draw is the first citizen's number
    monkeypatch.setattr(secrets, "randbelow", lambda bound: next(draws))
    first, second = citizens(services, mitid=False)[:2]
    assert _issue_to(services, clerk, first, "Karen") == "karen000000"
    assert _issue_to(services, clerk, second, "Karen Margrethe") == "karen000001"


def test_no_receipt_slip_or_audit_entry_holds_a_code_or_a_user_id(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """Every errand once, then every receipt in the archive, every slip and every audit entry is read."""
    secrets_shown: list[str] = []
    slips: list[bytes] = []
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    for _ in range(2):
        code = services.recovery.issue_activation_code(clerk, visit)
        secrets_shown.append(code.code)
        slips.append(code.slip_pdf)
    secrets_shown.append(services.recovery.show_user_id(clerk, visit).user_id)
    device = _without_kind(services, MethodKind.CODE_READER)
    reader_citizen = next(c for c in citizens(services) if c.id == device[0])
    reader_visit = ready(services, clerk, reader_citizen)
    handed = services.recovery.hand_out_device(clerk, reader_visit, _in_stock(services, MethodKind.CODE_READER))
    services.recovery.block_device(clerk, reader_visit, handed.method_ids[0], BlockReason.STOLEN, language="en")
    secrets_shown.append(services.recovery.show_user_id(clerk, reader_visit, language="en").user_id)
    newcomer = citizens(services, mitid=False)[0]
    issued = services.recovery.issue_mitid(clerk, ready(services, clerk, newcomer))
    assert issued.code is not None
    secrets_shown += [issued.user_id, issued.code.code]
    slips.append(issued.code.slip_pdf)

    receipts = sorted(services.archive.root.rglob("*.pdf"))
    assert len(receipts) == 7
    texts = [_pdf_text(path) for path in receipts]
    with services.db.read() as session:
        entries = [json.dumps(e.detail, ensure_ascii=False) + (e.purpose or "") for e in session.scalars(select(AuditEntry))]
    forms = {form for secret in secrets_shown for form in (secret, codes.normalise(secret))}
    for text in texts + entries:
        assert not any(form in text or form in text.replace("-", "") for form in forms)
    # The slips do carry their code (so the search above would have found one in a receipt).
    assert all(any(code in _pdf_text(slip) for code in secrets_shown) for slip in slips)
    assert not list(tmp_path.rglob("*slip*"))  # and are never written to disk


# Several desks at once -----------------------------------------------------------------------------------
def test_two_desks_handing_out_one_device_to_two_citizens_one_wins(
    database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    ids = _without_kind(services, MethodKind.CODE_READER)[:2]
    visits = [ready(services, clerk, c) for c in citizens(services) if c.id in ids]
    serial = _in_stock(services, MethodKind.CODE_READER)
    outcomes = race(
        database_url, tmp_path, [lambda s, ctx, visit=visit: s.recovery.hand_out_device(ctx, visit, serial) for visit in visits]
    )
    assert outcomes == Tally({"ok": 1, "device.not_in_stock": 1}), outcomes
    with services.db.read() as session:
        assert len(session.scalars(select(MitidMethod).where(MitidMethod.label == serial)).all()) == 1


def test_two_desks_issuing_codes_at_once_leave_exactly_one_that_works(
    database_url: str, services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    visit = ready(services, clerk, citizens(services, active_apps=1)[0])
    outcomes = race(database_url, tmp_path, [lambda s, ctx: s.recovery.issue_activation_code(ctx, visit)] * 3)
    # Each desk supersedes what the one before it stored (the MitID is locked while a code is issued).
    assert outcomes["ok"] >= 1 and set(outcomes) <= {"ok", "mitid.changed_by_another_desk"}, outcomes
    with services.db.read() as session:
        rows = session.scalars(select(ActivationCode)).all()
    assert len(rows) == outcomes["ok"]
    assert sum(r.superseded_at is None for r in rows) == 1


# Failures that are no rule's refusal ----------------------------------------------------------------------
def test_an_errand_whose_receipt_cannot_be_archived_changes_nothing_and_is_recorded_as_failed(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    # A file where the archive folder should be: the receipt cannot be written.
    services.archive.root.parent.mkdir(parents=True, exist_ok=True)
    services.archive.root.write_text("not a folder")

    with pytest.raises(NotADirectoryError):
        services.recovery.issue_activation_code(clerk, visit)

    with services.db.read() as session:
        assert session.scalars(select(ActivationCode)).first() is None
        assert session.scalars(select(MitidAction)).first() is None
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    # Failed, not refused (no rule said no), on the citizen's record, with what went wrong.
    assert last is not None
    assert (last.action, last.outcome, last.clerk_id, last.citizen_id, last.at) == (
        "mitid.issue_activation_code", "failed", clerk.clerk_id, citizen.id, NOW,
    )
    assert last.detail == {"visit_id": visit, "error": "NotADirectoryError"}


def test_a_failure_that_cannot_be_recorded_either_is_logged_and_the_clerk_sees_the_first_error(
    services: Services, clerk: ClerkContext, caplog: pytest.LogCaptureFixture
) -> None:
    visit = ready(services, clerk, citizens(services)[0])
    services.db.dispose()  # the database is gone: neither the errand nor its failure can be written

    with caplog.at_level(logging.ERROR, logger="borgerservice_desk.services.recovery"), pytest.raises(
        StorageUnavailable
    ):
        services.recovery.show_user_id(clerk, visit)

    assert [r.getMessage() for r in caplog.records] == ["could not record the failed errand mitid.show_user_id"]


def test_a_storage_error_in_an_errand_is_recorded_by_its_code(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    inserts_fail(services.db, "activation_code")  # as a full disk would

    with pytest.raises(StorageUnavailable):
        services.recovery.issue_activation_code(clerk, visit)

    with services.db.read() as session:
        assert session.scalars(select(MitidAction)).first() is None
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and (last.action, last.outcome) == ("mitid.issue_activation_code", "failed")
    assert last.detail == {"visit_id": visit, "error": "storage.unavailable"}  # the desk's code, as the clerk saw


def test_an_errand_s_receipt_tells_the_time_of_the_centre_s_own_zone(services: Services, clerk: ClerkContext) -> None:
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = "Atlantic/Faroe"  # an hour behind Copenhagen in November
        uow.commit()
    visit = ready(services, clerk, citizens(services, active_apps=1)[0])
    issued = services.recovery.issue_activation_code(clerk, visit, language="en")
    local = NOW.astimezone(ZoneInfo("Atlantic/Faroe"))
    assert f"Date and time\n{local:%d-%m-%Y %H:%M}" in _pdf_text(issued.done.receipt_path)


def _files_in_archive(services: Services) -> list[Path]:
    return [p for p in services.archive.root.rglob("*") if p.is_file() and p.name != ARCHIVE_ID_FILE]


def test_an_errand_that_collides_with_another_desk_is_refused_and_leaves_no_receipt(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    inserts_conflict(services.db, "receipt")  # as if another desk had stored it first

    with refused_with("mitid.changed_by_another_desk", RuleViolation):
        services.recovery.issue_activation_code(clerk, visit)

    assert _files_in_archive(services) == []  # the receipt written before the commit is gone again
    with services.db.read() as session:
        assert session.scalars(select(ActivationCode)).first() is None
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None
    assert (last.action, last.outcome, last.clerk_id, last.citizen_id) == (
        "mitid.issue_activation_code", "refused", clerk.clerk_id, citizen.id,
    )
    assert last.detail == {"visit_id": visit, "refusal": "mitid.changed_by_another_desk"}


def test_an_errand_whose_receipt_cannot_be_recorded_leaves_no_receipt_file(
    services: Services, clerk: ClerkContext
) -> None:
    visit = ready(services, clerk, citizens(services, active_apps=1)[0])
    inserts_fail(services.db, "receipt")  # as a full disk would, after the receipt was written

    with refused_with("storage.unavailable", StorageUnavailable):
        services.recovery.issue_activation_code(clerk, visit)

    assert _files_in_archive(services) == []
