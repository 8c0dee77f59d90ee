"""The assurance level from each combination of documents (DOMAIN.md, "Identity assurance")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from borgerservice_desk.domain.assurance.documents import (
    DocumentType as T,
)
from borgerservice_desk.domain.assurance.documents import (
    PresentedDocument,
    Refusal,
    refusal,
    valid_photo_id,
)
from borgerservice_desk.domain.assurance.levels import Level, Missing, assess, missing_for

TODAY = date(2026, 11, 30)


def doc(type_: T, issuer: str = "DNK", *, cpr: bool | None = None, **changes: object) -> PresentedDocument:
    """`cpr`: True shows the citizen's CPR number, False shows someone else's, None shows none."""
    base = PresentedDocument(
        type_, issuer, cpr_shown=cpr is not None, cpr_matches=cpr, expires_on=date(2030, 1, 1)
    )
    return replace(base, **changes)  # type: ignore[arg-type]


DK_PASSPORT_CPR = doc(T.PASSPORT, "DNK", cpr=True)
DK_PASSPORT_NO_CPR = doc(T.PASSPORT, "DNK")
GL_PASSPORT_CPR = doc(T.PASSPORT, "GRL", cpr=True)
FO_PASSPORT_CPR = doc(T.PASSPORT, "FRO", cpr=True)
SE_PASSPORT = doc(T.PASSPORT, "SWE")
DE_ID_CARD = doc(T.NATIONAL_ID_CARD, "D<<")
DK_LICENCE = doc(T.DRIVING_LICENCE, "DNK")
GL_LICENCE = doc(T.DRIVING_LICENCE, "GRL")
SE_LICENCE = doc(T.DRIVING_LICENCE, "SWE")
LICENCE_APP = doc(T.DRIVING_LICENCE_APP, "DNK", physical=False, expires_on=None)
PERMIT_CPR = doc(T.RESIDENCE_PERMIT, "DNK", cpr=True)
PERMIT_NO_CPR = doc(T.RESIDENCE_PERMIT, "DNK")
MFA_CARD = doc(T.MFA_ID_CARD, "DNK")
MUNICIPAL = doc(T.MUNICIPAL_ID_CARD, "DNK", cpr=True)
HEALTH = doc(T.HEALTH_CARD, "DNK", cpr=True, expires_on=None)
HEALTH_APP = doc(T.HEALTH_CARD_APP, "DNK", cpr=True, physical=False, expires_on=None)
SPECIAL_HEALTH = doc(T.SPECIAL_HEALTH_CARD, "DNK", cpr=True)
RESIDENCE_CERT = doc(T.RESIDENCE_CERTIFICATE, "DNK", cpr=True, expires_on=None)
PERSONAL_CERT = doc(T.PERSONAL_CERTIFICATE, "DNK", cpr=True, expires_on=None)
BAPTISM_CERT = doc(T.BAPTISM_CERTIFICATE, "DNK", cpr=True, expires_on=None)
BIRTH_CERT = doc(T.BIRTH_CERTIFICATE, "DNK", cpr=True, expires_on=None)
CPR_DOCUMENTS = [HEALTH, HEALTH_APP, SPECIAL_HEALTH, RESIDENCE_CERT, PERSONAL_CERT, BAPTISM_CERT, BIRTH_CERT, MUNICIPAL]


@pytest.mark.parametrize(
    ("documents", "level"),
    [
        # High on its own: a passport with CPR issued in Denmark, Greenland or the Faroe Islands.
        ([DK_PASSPORT_CPR], Level.HIGH),
        ([GL_PASSPORT_CPR], Level.HIGH),
        ([FO_PASSPORT_CPR], Level.HIGH),
        # Substantial on its own.
        ([DK_LICENCE], Level.SUBSTANTIAL),
        ([GL_LICENCE], Level.SUBSTANTIAL),
        ([LICENCE_APP], Level.SUBSTANTIAL),
        ([PERMIT_CPR], Level.SUBSTANTIAL),
        ([MFA_CARD], Level.SUBSTANTIAL),
        # Not enough alone.
        ([SE_LICENCE], Level.NONE),
        ([DK_PASSPORT_NO_CPR], Level.NONE),
        ([SE_PASSPORT], Level.NONE),
        ([DE_ID_CARD], Level.NONE),
        ([PERMIT_NO_CPR], Level.NONE),
        ([MUNICIPAL], Level.NONE),
        ([HEALTH], Level.NONE),
        ([], Level.NONE),
        # High by a pair.
        ([DK_PASSPORT_NO_CPR, HEALTH], Level.HIGH),
        ([SE_PASSPORT, HEALTH], Level.HIGH),
        ([DE_ID_CARD, BIRTH_CERT], Level.HIGH),
        ([SE_PASSPORT, MUNICIPAL], Level.HIGH),
        # Substantial by a pair.
        ([PERMIT_NO_CPR, HEALTH], Level.SUBSTANTIAL),
        ([MUNICIPAL, HEALTH], Level.SUBSTANTIAL),
        # A Swedish licence is no photo document of the lists; a CPR document beside it does not help.
        ([SE_LICENCE, HEALTH], Level.NONE),
        # Two CPR documents are no photo ID.
        ([HEALTH, BIRTH_CERT], Level.NONE),
        # The best combination wins whatever the order.
        ([HEALTH, DK_LICENCE, SE_PASSPORT], Level.HIGH),
        ([DK_LICENCE, DK_PASSPORT_CPR], Level.HIGH),
    ],
)
def test_level_of_each_combination(documents: list[PresentedDocument], level: Level) -> None:
    assert assess(documents, today=TODAY).level is level


@pytest.mark.parametrize("partner", CPR_DOCUMENTS, ids=lambda d: d.type.value)
def test_every_cpr_document_pairs_with_a_foreign_passport(partner: PresentedDocument) -> None:
    assessment = assess([SE_PASSPORT, partner], today=TODAY)
    assert assessment.level is Level.HIGH
    assert assessment.used == (0, 1)


def test_only_a_listed_cpr_document_that_shows_the_number_is_a_partner() -> None:
    # A residence permit shows the CPR number but is no CPR document of the list: it reaches substantial on
    # its own, and a foreign passport beside it stays without a partner for high.
    assert assess([SE_PASSPORT, PERMIT_CPR], today=TODAY).level is Level.SUBSTANTIAL
    # A health card that shows no CPR number (an old one, or one the clerk did not see it on) pairs with nothing.
    assert assess([SE_PASSPORT, doc(T.HEALTH_CARD, expires_on=None)], today=TODAY).level is Level.NONE


@pytest.mark.parametrize(
    ("documents", "level", "used"),
    [
        ([HEALTH, DK_PASSPORT_CPR], Level.HIGH, (1,)),
        ([HEALTH, SE_PASSPORT], Level.HIGH, (1, 0)),
        ([HEALTH, DK_LICENCE], Level.SUBSTANTIAL, (1,)),
        ([HEALTH, PERMIT_NO_CPR], Level.SUBSTANTIAL, (1, 0)),
        ([HEALTH, SE_LICENCE], Level.NONE, ()),
    ],
)
def test_the_documents_that_reach_the_level_are_named(
    documents: list[PresentedDocument], level: Level, used: tuple[int, ...]
) -> None:
    assessment = assess(documents, today=TODAY)
    assert (assessment.level, assessment.used) == (level, used)


EXPIRED_LICENCE = replace(DK_LICENCE, expires_on=date(2026, 11, 29))


@pytest.mark.parametrize(
    ("documents", "level"),
    [
        ([EXPIRED_LICENCE, DK_PASSPORT_CPR], Level.HIGH),
        ([EXPIRED_LICENCE, SE_PASSPORT, HEALTH], Level.HIGH),
        ([EXPIRED_LICENCE, MFA_CARD], Level.SUBSTANTIAL),
        ([EXPIRED_LICENCE, PERMIT_NO_CPR, HEALTH], Level.SUBSTANTIAL),
        ([EXPIRED_LICENCE, HEALTH], Level.NONE),
    ],
)
def test_a_refused_document_is_named_whatever_level_the_others_reach(
    documents: list[PresentedDocument], level: Level
) -> None:
    assessment = assess(documents, today=TODAY)
    assert (assessment.level, assessment.refused) == (level, ((0, Refusal.EXPIRED),))


def test_a_municipal_card_is_not_its_own_partner() -> None:
    assert assess([MUNICIPAL], today=TODAY).level is Level.NONE
    assert assess([MUNICIPAL, replace(MUNICIPAL)], today=TODAY).level is Level.SUBSTANTIAL


def test_a_cpr_document_with_someone_elses_number_does_not_pair() -> None:
    wrong = replace(HEALTH, cpr_matches=False)
    assessment = assess([SE_PASSPORT, wrong], today=TODAY)
    assert assessment.level is Level.NONE
    assert assessment.refused == ((1, Refusal.CPR_MISMATCH),)


def test_a_danish_passport_with_someone_elses_cpr_counts_for_nothing() -> None:
    assert assess([replace(DK_PASSPORT_CPR, cpr_matches=False)], today=TODAY).level is Level.NONE


def test_without_cpr_on_the_mitid_a_foreign_passport_is_enough() -> None:
    assert assess([SE_PASSPORT], today=TODAY, mitid_carries_cpr=False).level is Level.HIGH
    assert assess([PERMIT_NO_CPR], today=TODAY, mitid_carries_cpr=False).level is Level.SUBSTANTIAL


@pytest.mark.parametrize(
    ("document", "reason"),
    [
        (replace(DK_PASSPORT_CPR, expires_on=date(2026, 11, 29)), Refusal.EXPIRED),
        (replace(DK_PASSPORT_CPR, temporary=True), Refusal.TEMPORARY),
        (replace(DK_PASSPORT_CPR, physical=False), Refusal.NOT_PHYSICAL),  # a photo of it on a phone
        (replace(DK_LICENCE, physical=False), Refusal.NOT_PHYSICAL),  # a licence photo is not the licence app
        (replace(DK_PASSPORT_CPR, check_passed=False), Refusal.NOT_CHECKED),
    ],
)
def test_documents_that_do_not_count(document: PresentedDocument, reason: Refusal) -> None:
    assert refusal(document, TODAY) is reason
    assessment = assess([document], today=TODAY)
    assert assessment.level is Level.NONE
    assert assessment.refused == ((0, reason),)


def test_expiry_day_itself_still_counts() -> None:
    assert refusal(replace(DK_PASSPORT_CPR, expires_on=TODAY), TODAY) is None


def test_the_two_apps_are_the_only_digital_documents_that_count() -> None:
    digital = [t for t in T if refusal(doc(t, physical=False, expires_on=None), TODAY) is None]
    assert sorted(digital) == sorted([T.DRIVING_LICENCE_APP, T.HEALTH_CARD_APP])


def test_a_valid_photo_id() -> None:
    assert valid_photo_id((DK_LICENCE,), TODAY)
    assert valid_photo_id((SE_PASSPORT,), TODAY)
    assert not valid_photo_id((HEALTH, BIRTH_CERT), TODAY)
    assert not valid_photo_id((replace(SE_PASSPORT, expires_on=date(2026, 1, 1)),), TODAY)


@pytest.mark.parametrize(
    ("wanted", "documents", "missing"),
    [
        (Level.HIGH, [DK_PASSPORT_CPR], None),
        (Level.SUBSTANTIAL, [DK_PASSPORT_CPR], None),
        (Level.HIGH, [SE_PASSPORT], Missing.CPR_DOCUMENT),
        (Level.SUBSTANTIAL, [PERMIT_NO_CPR], Missing.CPR_DOCUMENT),
        # A foreign passport or ID card reaches substantial too once a CPR document is beside it.
        (Level.SUBSTANTIAL, [SE_PASSPORT], Missing.CPR_DOCUMENT),
        (Level.SUBSTANTIAL, [DE_ID_CARD], Missing.CPR_DOCUMENT),
        (Level.HIGH, [DK_LICENCE], Missing.STRONGER_DOCUMENT),
        (Level.HIGH, [MUNICIPAL, HEALTH], Missing.STRONGER_DOCUMENT),
        (Level.SUBSTANTIAL, [HEALTH], Missing.PHOTO_ID),
        (Level.SUBSTANTIAL, [], Missing.PHOTO_ID),
        (Level.SUBSTANTIAL, [replace(DK_LICENCE, expires_on=date(2020, 1, 1))], Missing.PHOTO_ID),
    ],
)
def test_what_is_missing(wanted: Level, documents: list[PresentedDocument], missing: Missing | None) -> None:
    assert missing_for(wanted, documents, today=TODAY) is missing


def test_nothing_is_missing_beside_a_foreign_passport_for_a_mitid_without_cpr() -> None:
    assert missing_for(Level.HIGH, [SE_PASSPORT], today=TODAY, mitid_carries_cpr=False) is None


@pytest.mark.parametrize("card", [MFA_CARD, MUNICIPAL, PERMIT_CPR, DK_LICENCE], ids=lambda d: d.type.value)
def test_a_typed_photo_id_without_its_expiry_does_not_count(card: PresentedDocument) -> None:
    """Stop 33, found by a review: an MFA ID card typed without its expiry counted as valid, expired or not,
    and reached substantial alone. Every physical photo ID carries the date; without it the card is refused,
    with it the card counts as before. One whose MRZ check passed, and the licence app, are not asked."""
    undated = replace(card, expires_on=None)
    assert refusal(undated, TODAY) is Refusal.NO_EXPIRY
    assert refusal(card, TODAY) is None
    assert refusal(replace(undated, check_passed=True), TODAY) is None
    assert refusal(LICENCE_APP, TODAY) is None
    assert assess([replace(MFA_CARD, expires_on=None)], today=TODAY).level is Level.NONE
