"""What the recovery errands leave behind for the citizen and the auditor, on a real database (SQLite, and
PostgreSQL under `make test`): the audit entry of a device handed out and of a code issued (which serial,
which earlier code it superseded), the refusal of an unknown serial naming the serial as the desk read it,
the citizen's name, the language asked for and the centre's local time on the activation slip, and a receipt
naming an identity check made before documents were recorded with their checks (migration 0012)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.devices import StockState
from borgerservice_desk.domain.assurance.documents import DocumentType
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mitid import BlockReason, MethodKind
from borgerservice_desk.errors import NotFound
from borgerservice_desk.receipts.texts import document_description
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import (
    Centre,
    DeviceStock,
    IdentityCheck,
    MitidAction,
    MitidIdentity,
    MitidMethod,
)
from tests.conftest import NOW
from tests.support.assurance import (
    INGRID_BORN,
    citizen_without_cpr,
    citizens,
    give_register_facts,
    open_visit_for,
    pass_questions,
    passport,
    ready,
)
from tests.support.audit import last_entry
from tests.support.mrz import compose_td3

CARD_EXPIRY = date(2031, 1, 1)  # a photo ID card counts with the expiry it carries (stop 33)


def _pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _code_display_in_stock_and_citizen_without_one(services: Services) -> tuple[str, int]:
    with services.db.read() as session:
        serial = session.scalars(
            select(DeviceStock.serial)
            .where(DeviceStock.kind == MethodKind.CODE_DISPLAY, DeviceStock.state == StockState.IN_STOCK)
            .order_by(DeviceStock.id)
        ).first()
        having = set(
            session.scalars(
                select(MitidIdentity.citizen_id).join(MitidMethod).where(MitidMethod.kind == MethodKind.CODE_DISPLAY)
            )
        )
    assert serial is not None
    return serial, next(c.id for c in citizens(services) if c.id not in having)


def test_a_device_handed_out_is_audited_with_its_serial_and_kind(services: Services, clerk: ClerkContext) -> None:
    serial, citizen_id = _code_display_in_stock_and_citizen_without_one(services)
    citizen = next(c for c in citizens(services) if c.id == citizen_id)
    visit = ready(services, clerk, citizen)
    done = services.recovery.hand_out_device(clerk, visit, serial.lower())
    entry = last_entry(services, "mitid.hand_out_device")
    assert (entry.clerk_id, entry.citizen_id, entry.outcome) == (clerk.clerk_id, citizen.id, "ok")
    assert (entry.detail["serial"], entry.detail["kind"]) == (serial, "code_display")
    assert entry.detail["method_ids"] == list(done.method_ids) and entry.detail["receipt"] == done.reference


def test_an_unknown_serial_is_refused_naming_the_serial_as_read(services: Services, clerk: ClerkContext) -> None:
    visit = ready(services, clerk, citizens(services)[0])
    with pytest.raises(NotFound) as caught:
        services.recovery.hand_out_device(clerk, visit, " zz-9999 9999 ")
    # The message shows the serial as the desk understood it, so the clerk sees what was looked for.
    assert caught.value.code == "device.not_found" and caught.value.params == {"serial": "ZZ99999999"}


def test_a_code_issued_is_audited_with_the_code_it_superseded_and_the_slip_names_the_citizen(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=1)[0]
    visit = ready(services, clerk, citizen)
    first = services.recovery.issue_activation_code(clerk, visit)
    assert last_entry(services, "mitid.issue_activation_code").detail["superseded"] == []
    second = services.recovery.issue_activation_code(clerk, visit)
    entry = last_entry(services, "mitid.issue_activation_code")
    assert (entry.detail["code_id"], entry.detail["superseded"]) == (second.code_id, [first.code_id])
    assert entry.detail["expires_at"] == second.expires_at.isoformat()
    assert f"{citizen.given_names} {citizen.surname}" in " ".join(_pdf_text(second.slip_pdf).split())


def test_a_receipt_names_an_identity_check_made_before_documents_were_recorded(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services, active_apps=1)[1]
    assert citizen.cpr is not None
    visit = open_visit_for(services, clerk, citizen.id)
    with services.db.unit_of_work() as uow:
        check = IdentityCheck(
            visit_id=visit, clerk_id=clerk.clerk_id, checked_at=NOW, method=CheckMethod.TYPED,
            document_kind="passport", issuing_country="DNK", number_last4="4567", expiry_date=None, passed=True,
            failures=[],
        )
        uow.session.add(check)
        uow.session.flush()
        check_id = check.id
        uow.commit()
    # The old passport check shows no CPR number: a health card shows it, and together they reach the level.
    services.assurance.record_document(clerk, visit, DocumentType.HEALTH_CARD, "DNK", cpr=citizen.cpr)
    pass_questions(services, clerk, visit)
    done = services.recovery.issue_activation_code(clerk, visit)
    with services.db.read() as session:
        action = session.get(MitidAction, done.done.action_id)
        assert action is not None
        assert action.identity_check_id == check_id


def test_the_activation_slip_is_in_the_language_asked_for_with_the_expiry_in_the_centres_own_time(
    services: Services, clerk: ClerkContext
) -> None:
    """A centre in Nuuk (America/Nuuk, four hours behind Copenhagen in winter) hands an English-speaking
    citizen the slip in English, with the code's expiry as the clocks in Nuuk show it."""
    nuuk = ZoneInfo("America/Nuuk")
    with services.db.unit_of_work() as uow:
        centre = uow.session.get(Centre, clerk.centre_id)
        assert centre is not None
        centre.timezone = nuuk.key
        uow.commit()
    visit = ready(services, clerk, citizens(services, active_apps=1)[0])
    issued = services.recovery.issue_activation_code(clerk, visit, language="en")
    text = " ".join(_pdf_text(issued.slip_pdf).split())
    assert "Activation code for the MitID app" in text
    assert f"Valid until: {issued.expires_at.astimezone(nuuk):%d-%m-%Y %H:%M}" in text


def _receipt_text(path: Path) -> str:
    return " ".join("".join(page.extract_text() for page in PdfReader(path).pages).split())


def _check_and_receipt(services: Services, action_id: int, receipt_path: Path) -> tuple[int | None, str]:
    """The identity check behind the MitID action, and the text of its receipt."""
    with services.db.read() as session:
        action = session.get(MitidAction, action_id)
    assert action is not None
    return action.identity_check_id, _receipt_text(receipt_path)


def test_a_receipt_names_the_document_that_counted_not_an_expired_one_shown_before_it(
    services: Services, clerk: ClerkContext
) -> None:
    """Blocking needs one valid photo ID. The citizen's expired passport is checked first and fails; the
    municipal ID card typed in after it is what counted, and what the receipt names (typed in: no identity
    check behind the action)."""
    serial, citizen_id = _code_display_in_stock_and_citizen_without_one(services)
    citizen = next(c for c in citizens(services) if c.id == citizen_id)
    handed = services.recovery.hand_out_device(clerk, ready(services, clerk, citizen), serial)
    visit = open_visit_for(services, clerk, citizen.id)
    expired = services.identity.check(
        clerk, visit, passport(citizen, with_cpr=True, expiry=NOW.date() - timedelta(days=1)), CheckMethod.TYPED
    )
    assert not expired.passed
    services.assurance.record_document(clerk, visit, DocumentType.MUNICIPAL_ID_CARD, "DNK", expires_on=CARD_EXPIRY)
    blocked = services.recovery.block_device(clerk, visit, handed.method_ids[0], BlockReason.LOST)
    check_id, text = _check_and_receipt(services, blocked.action_id, blocked.receipt_path)
    assert check_id is None
    assert document_description("da", "municipal_id_card", "DNK") in text
    assert document_description("da", "passport", "DNK") not in text


def test_a_citizen_without_cpr_number_gets_a_receipt_naming_the_foreign_passport_that_reached_high(
    services: Services, clerk: ClerkContext
) -> None:
    """Her MitID is to carry no CPR number, so her Swedish passport alone reaches High (DOMAIN.md) and is
    the document the receipt of her first MitID names, not the Ministry of Foreign Affairs ID card shown
    after it (which reaches Substantial alone, and would be named were a CPR document needed beside the
    passport)."""
    ingrid = citizen_without_cpr(services)
    give_register_facts(services.db, ingrid)
    visit = open_visit_for(services, clerk, ingrid)
    lines = compose_td3(
        document_code="P", issuing_country="SWE", surname="Lindqvist", given_names="Ingrid",
        document_number="SE1234567", nationality="SWE", birth_date=INGRID_BORN, sex="F",
        expiry_date=date(2031, 1, 1),
    )
    checked = services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.TYPED)
    assert checked.passed
    services.assurance.record_document(clerk, visit, DocumentType.MFA_ID_CARD, "DNK", expires_on=CARD_EXPIRY)
    pass_questions(services, clerk, visit)
    issued = services.recovery.issue_mitid(
        clerk, visit, device_serial=_code_display_in_stock_and_citizen_without_one(services)[0]
    )
    check_id, text = _check_and_receipt(services, issued.done.action_id, issued.done.receipt_path)
    assert check_id == checked.check_id
    assert document_description("da", "passport", "SWE") in text
    assert document_description("da", "mfa_id_card", "DNK") not in text


def test_a_citizen_with_a_cpr_number_gets_a_receipt_naming_the_document_that_reached_the_level_alone(
    services: Services, clerk: ClerkContext
) -> None:
    """The same two documents for a citizen whose MitID carries a CPR number: the Swedish passport needs a
    Danish CPR document beside it and reaches nothing, so the Ministry of Foreign Affairs ID card is what
    the activation code was issued on, and what the receipt names."""
    citizen = citizens(services, active_apps=1)[0]
    assert citizen.cpr is not None
    born = Cpr(citizen.cpr)
    visit = open_visit_for(services, clerk, citizen.id)
    lines = compose_td3(
        document_code="P", issuing_country="SWE", surname=citizen.surname, given_names=citizen.given_names,
        document_number="SE1234567", nationality="SWE", birth_date=born.birth_date, sex=born.sex.value,
        expiry_date=date(2031, 1, 1),
    )
    assert services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.TYPED).passed
    services.assurance.record_document(clerk, visit, DocumentType.MFA_ID_CARD, "DNK", expires_on=CARD_EXPIRY)
    pass_questions(services, clerk, visit)
    issued = services.recovery.issue_activation_code(clerk, visit)
    check_id, text = _check_and_receipt(services, issued.done.action_id, issued.done.receipt_path)
    assert check_id is None
    assert document_description("da", "mfa_id_card", "DNK") in text
    assert document_description("da", "passport", "SWE") not in text


def test_an_activation_code_for_a_citizen_without_a_mitid_is_refused_saying_so(
    services: Services, clerk: ClerkContext
) -> None:
    """There is nothing to activate an app for: the clerk is told the citizen has no MitID (a first MitID is
    the errand), and the refusal is audited."""
    citizen = citizens(services, mitid=False)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    with pytest.raises(NotFound) as caught:
        services.recovery.issue_activation_code(clerk, visit)
    assert caught.value.code == "mitid.no_identity"
    entry = last_entry(services, "mitid.issue_activation_code")
    assert (entry.outcome, entry.citizen_id, entry.detail["refusal"]) == ("refused", citizen.id, "mitid.no_identity")
