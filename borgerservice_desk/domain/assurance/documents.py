"""Which identity documents count, and what each one is (shared/DOMAIN.md, "Identity assurance").

A document counts only when it is valid (not expired), physical, and not temporary. The Danish driving
licence app and the health-card app are the only digital documents that count. A document that shows a
CPR number counts as showing *this citizen's* CPR number only when the number matches; one that shows
another number is refused outright, as it says the document is not theirs.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

# The countries whose passports carry a Danish CPR number (Denmark, Greenland, the Faroe Islands).
CPR_PASSPORT_ISSUERS = frozenset({"DNK", "GRL", "FRO"})
# Danish and Greenlandic driving licences reach substantial on their own.
LICENCE_ISSUERS = frozenset({"DNK", "GRL"})
DENMARK = "DNK"


class DocumentType(enum.StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID_CARD = "national_id_card"
    DRIVING_LICENCE = "driving_licence"
    DRIVING_LICENCE_APP = "driving_licence_app"
    RESIDENCE_PERMIT = "residence_permit"
    MFA_ID_CARD = "mfa_id_card"  # the Ministry of Foreign Affairs' ID card
    MUNICIPAL_ID_CARD = "municipal_id_card"
    HEALTH_CARD = "health_card"
    HEALTH_CARD_APP = "health_card_app"
    SPECIAL_HEALTH_CARD = "special_health_card"
    RESIDENCE_CERTIFICATE = "residence_certificate"
    PERSONAL_CERTIFICATE = "personal_certificate"
    BAPTISM_CERTIFICATE = "baptism_certificate"
    BIRTH_CERTIFICATE = "birth_certificate"

    @property
    def digital(self) -> bool:
        """The two apps are digital by nature; every other type must be shown as the physical document."""
        return self in _DIGITAL

    @property
    def has_photo(self) -> bool:
        return self in _PHOTO

    @property
    def cpr_document(self) -> bool:
        """A Danish document that can show the CPR number to pair with a passport or card without it."""
        return self in _CPR_DOCUMENTS


_DIGITAL = frozenset({DocumentType.DRIVING_LICENCE_APP, DocumentType.HEALTH_CARD_APP})
_PHOTO = frozenset(
    {
        DocumentType.PASSPORT,
        DocumentType.NATIONAL_ID_CARD,
        DocumentType.DRIVING_LICENCE,
        DocumentType.DRIVING_LICENCE_APP,
        DocumentType.RESIDENCE_PERMIT,
        DocumentType.MFA_ID_CARD,
        DocumentType.MUNICIPAL_ID_CARD,
    }
)
_CPR_DOCUMENTS = frozenset(
    {
        DocumentType.HEALTH_CARD,
        DocumentType.HEALTH_CARD_APP,
        DocumentType.SPECIAL_HEALTH_CARD,
        DocumentType.RESIDENCE_CERTIFICATE,
        DocumentType.PERSONAL_CERTIFICATE,
        DocumentType.BAPTISM_CERTIFICATE,
        DocumentType.BIRTH_CERTIFICATE,
        DocumentType.MUNICIPAL_ID_CARD,
    }
)


class Refusal(enum.StrEnum):
    """Why a presented document does not count; stable codes that ui/ words."""

    EXPIRED = "expired"
    TEMPORARY = "temporary"
    NOT_PHYSICAL = "not_physical"
    CPR_MISMATCH = "cpr_mismatch"
    NOT_CHECKED = "not_checked"  # an MRZ document whose check did not pass
    NO_EXPIRY = "no_expiry"  # a typed photo ID without the expiry date it carries


@dataclass(frozen=True)
class PresentedDocument:
    """A document the citizen showed in this visit, as the clerk checked or typed it.

    `issuer` is the ICAO code of the issuing state. `cpr_shown` is whether the document shows a CPR number at
    all, `cpr_matches` whether that number is the citizen's (None when none is shown). `check_passed` is the
    result of the MRZ identity check for a document that has one (None for typed documents).
    """

    type: DocumentType
    issuer: str
    cpr_shown: bool = False
    cpr_matches: bool | None = None
    expires_on: date | None = None
    temporary: bool = False
    physical: bool = True
    check_passed: bool | None = None

    @property
    def danish(self) -> bool:
        return self.issuer == DENMARK

    @property
    def shows_citizens_cpr(self) -> bool:
        return self.cpr_shown and self.cpr_matches is True


def refusal(document: PresentedDocument, today: date) -> Refusal | None:
    """Why the document does not count today, or None when it does."""
    if document.check_passed is False:
        return Refusal.NOT_CHECKED
    if document.temporary:
        return Refusal.TEMPORARY
    if not document.physical and not document.type.digital:
        return Refusal.NOT_PHYSICAL
    if document.expires_on is not None and document.expires_on < today:
        return Refusal.EXPIRED
    if (
        document.expires_on is None and document.type.has_photo and not document.type.digital
        and document.check_passed is None
    ):
        # Every physical photo ID here carries its expiry; typed without it, an expired card would count as
        # valid (a Ministry of Foreign Affairs card alone reaches substantial). One read off its MRZ has its
        # own, and the driving-licence app shows only a licence that is valid.
        return Refusal.NO_EXPIRY
    if document.cpr_shown and document.cpr_matches is False:
        return Refusal.CPR_MISMATCH
    return None


def valid_photo_id(documents: tuple[PresentedDocument, ...], today: date) -> bool:
    """At least one counting document with a photo: what blocking needs."""
    return any(d.type.has_photo and refusal(d, today) is None for d in documents)


# The identity check's document kinds (domain.mrz.DocumentKind values) as the assurance rules know them; a
# visa or an unknown document is no identity document here.
_CHECKED_KINDS = {
    "passport": DocumentType.PASSPORT,
    "id_card": DocumentType.NATIONAL_ID_CARD,
    "residence_card": DocumentType.RESIDENCE_PERMIT,
    "driving_licence": DocumentType.DRIVING_LICENCE,
}


def checked_document_type(document_kind: str) -> DocumentType | None:
    """The type of a document checked by its MRZ (or a typed licence), None for one that is no ID here."""
    return _CHECKED_KINDS.get(document_kind)


def cpr_in_optional_data(issuer: str, optional_data: str) -> str | None:
    """The CPR number a Danish document carries in its MRZ's optional data, or None when it carries none.

    Only a document issued in Denmark, Greenland or the Faroe Islands can carry a CPR number; it is ten
    digits, possibly with a hyphen after the sixth, and fillers around it.
    """
    if issuer not in CPR_PASSPORT_ISSUERS:
        return None
    compact = optional_data.replace("<", "").replace("-", "").strip()
    return compact if len(compact) == 10 and compact.isascii() and compact.isdigit() else None
