"""What an identity check leaves in the record, on a real database (SQLite, and PostgreSQL under `make
test`): who let a doubtful reading pass is traceable (where the doubts were and which fields the clerk
vouched for, never the characters), and a failed check's document is stored as not counting, and why."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.documents import Refusal
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.mrz import CompareWhole, Doubt, DoubtReason
from borgerservice_desk.domain.text_limits import MRZ_TEXT_MAX
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import Citizen, IdentityCheck, PresentedDocument
from tests.support.assurance import INGRID_BORN, VALID, citizen_without_cpr, citizens, open_visit_for, passport
from tests.support.audit import last_entry
from tests.support.mrz import compose_french_id, compose_td3


def test_a_doubtful_reading_passed_names_where_the_doubts_were_and_what_the_clerk_vouched_for(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = citizens(services)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    lines = passport(citizen, with_cpr=True).split("\n")
    doubts = (
        Doubt(0, 6, lines[0][6], DoubtReason.CLOSE_SECOND, "name"),
        Doubt(1, 2, lines[1][2], DoubtReason.UNSURE, "document_number"),
    )
    result = services.identity.check(
        clerk, visit, "\n".join(lines), CheckMethod.SCAN, unsure=doubts, confirmed={"name", "document_number"}
    )
    assert result.passed, result.outcome.failures
    entry = last_entry(services, "identity.check")
    assert (entry.outcome, entry.citizen_id, entry.clerk_id) == ("passed", citizen.id, clerk.clerk_id)
    # Positions and reasons only: the characters read are the citizen's and stay out of the trail.
    assert entry.detail["doubtful"] == [[0, 6, "close_second", "name"], [1, 2, "unsure", "document_number"]]
    assert entry.detail["confirmed_fields"] == ["document_number", "name"]


@pytest.mark.parametrize("why", list(CompareWhole))
def test_a_reading_the_clerk_was_asked_to_compare_whole_says_why_in_the_record(
    services: Services, clerk: ClerkContext, why: CompareWhole
) -> None:
    # The reader stopped at its time limit or read unfamiliar print: no mark covers what may be wrong, so
    # the trail says the whole reading was put to the clerk. Fails with `compared_whole` not recorded.
    citizen = citizens(services)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    text = passport(citizen, with_cpr=True)
    assert services.identity.check(clerk, visit, text, CheckMethod.SCAN, compared_whole=why).passed
    assert last_entry(services, "identity.check").detail["compared_whole"] == str(why)
    assert services.identity.check(clerk, visit, text, CheckMethod.TYPED).passed
    assert "compared_whole" not in last_entry(services, "identity.check").detail


def test_a_failed_checks_document_is_stored_as_not_counting_and_why(services: Services, clerk: ClerkContext) -> None:
    citizen = citizens(services)[1]
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    visit = open_visit_for(services, clerk, citizen.id)
    mrz = "\n".join(
        compose_td3(
            document_code="P", issuing_country="DNK", surname="ANDERSENIUS", given_names="KNUD",
            document_number="DK7654321", nationality="DNK", birth_date=cpr.birth_date, sex=cpr.sex.value,
            expiry_date=VALID, optional_data=citizen.cpr,
        )
    )
    result = services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)
    assert not result.passed
    with services.db.read() as session:
        (row,) = session.scalars(select(PresentedDocument).where(PresentedDocument.visit_id == visit)).all()
    assert (row.counted, row.refusal, row.issuer) == (False, Refusal.NOT_CHECKED.value, "DNK")


def test_a_passport_of_the_other_sex_fails_against_the_register_and_the_entry_says_failed(
    services: Services, clerk: ClerkContext
) -> None:
    """The register's sex is held against the document's: a passport for someone of the other sex (a
    relative's, a forgery) fails, and the trail records the check as failed."""
    citizen = citizens(services)[0]
    assert citizen.cpr is not None and citizen.sex in ("M", "F")
    cpr = Cpr(citizen.cpr)
    other = "F" if citizen.sex == "M" else "M"
    visit = open_visit_for(services, clerk, citizen.id)
    mrz = "\n".join(
        compose_td3(
            document_code="P", issuing_country="DNK", surname=citizen.surname, given_names=citizen.given_names,
            document_number="DK1234567", nationality="DNK", birth_date=cpr.birth_date, sex=other,
            expiry_date=VALID, optional_data="",
        )
    )
    result = services.identity.check(clerk, visit, mrz, CheckMethod.TYPED)
    assert not result.passed
    assert [(f.code, dict(f.params)) for f in result.outcome.failures if f.code == "sex_mismatch"] == [
        ("sex_mismatch", {"expected": citizen.sex, "read": other}),
    ]
    entry = last_entry(services, "identity.check")
    assert (entry.outcome, entry.citizen_id) == ("failed", citizen.id)


def test_a_citizen_without_cpr_number_is_held_against_the_sex_in_the_register_too(
    services: Services, clerk: ClerkContext
) -> None:
    """Without a CPR number the register's own birth date and sex are the holder's facts."""
    visit = open_visit_for(services, clerk, citizen_without_cpr(services))
    lines = compose_td3(
        document_code="P", issuing_country="SWE", surname="Lindqvist", given_names="Ingrid",
        document_number="SE1234567", nationality="SWE", birth_date=INGRID_BORN, sex="M",
        expiry_date=VALID,
    )
    result = services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.TYPED)
    assert [(f.code, dict(f.params)) for f in result.outcome.failures] == [
        ("sex_mismatch", {"expected": "F", "read": "M"}),
    ]


def test_a_doubtful_reading_the_clerk_did_not_confirm_does_not_pass(services: Services, clerk: ClerkContext) -> None:
    """The scanner was unsure of a character of the document number and the clerk vouched for nothing: the
    check fails and names the field to look at, with the count of characters in doubt."""
    citizen = citizens(services)[0]
    visit = open_visit_for(services, clerk, citizen.id)
    lines = passport(citizen, with_cpr=True).split("\n")
    doubts = (Doubt(1, 2, lines[1][2], DoubtReason.UNSURE, "document_number"),)
    result = services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.SCAN, unsure=doubts)
    assert not result.passed
    assert [(f.code, dict(f.params)) for f in result.outcome.failures] == [
        ("characters_unconfirmed", {"fields": "document_number", "count": "1", "confirmed": ""}),
    ]
    # The entry whole: the visit, how it was read, what it was, why it failed, and where the doubt was.
    entry = last_entry(services, "identity.check")
    assert (entry.outcome, entry.citizen_id) == ("failed", citizen.id)
    assert entry.detail == {
        "visit_id": visit, "method": "scan", "document_kind": "passport", "failures": ["characters_unconfirmed"],
        "image_kept": False, "doubtful": [[1, 2, "unsure", "document_number"]], "confirmed_fields": [],
    }


def test_a_french_card_without_expiry_in_its_mrz_is_kept_with_the_printed_date_the_clerk_typed(
    services: Services, clerk: ClerkContext
) -> None:
    """The French identity card of the pre-2021 layout has no expiry in its MRZ: with the date printed on
    the card the check passes, and the check (and the visit's document) keeps that date."""
    with services.db.unit_of_work() as uow:
        claire = Citizen(cpr=None, given_names="Claire Anaïs", surname="Lefèvre", birth_date=date(1980, 2, 11), sex="F")
        uow.session.add(claire)
        uow.session.flush()
        claire_id = claire.id
        uow.commit()
    visit = open_visit_for(services, clerk, claire_id)
    card = compose_french_id(
        surname="Lefèvre", given_names="Claire Anaïs", card_number="150775012345", birth_date=date(1980, 2, 11),
        sex="F", office="750123",
    )
    printed = date(2035, 7, 20)
    result = services.identity.check(clerk, visit, "\n".join(card), CheckMethod.TYPED, printed_expiry=printed)
    assert result.passed, result.outcome.failures
    assert result.visit_id == visit
    with services.db.read() as session:
        check = session.get(IdentityCheck, result.check_id)
        (document,) = session.scalars(select(PresentedDocument).where(PresentedDocument.visit_id == visit)).all()
    assert check is not None and (check.document_kind, check.issuing_country, check.expiry_date) == (
        "id_card", "FRA", printed,
    )
    assert (document.expires_on, document.counted) == (printed, True)


@pytest.mark.parametrize(
    ("text", "code", "params"),
    [
        ("P<DNK\x00", "text.invalid_characters", {"field": "mrz"}),
        ("P" * (MRZ_TEXT_MAX + 1), "text.too_long", {"field": "mrz", "limit": MRZ_TEXT_MAX, "length": MRZ_TEXT_MAX + 1}),
    ],
)
def test_an_mrz_text_the_field_cannot_hold_is_refused_naming_the_mrz_field(
    services: Services, clerk: ClerkContext, text: str, code: str, params: dict[str, object]
) -> None:
    visit = open_visit_for(services, clerk, citizens(services)[0].id)
    with pytest.raises(InvalidInput) as caught:
        services.identity.check(clerk, visit, text, CheckMethod.TYPED)
    assert (caught.value.code, caught.value.params) == (code, params)
