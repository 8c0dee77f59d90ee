"""The assurance level a combination of documents reaches (shared/DOMAIN.md, "Identity assurance").

High:
  - a passport with CPR number issued in Denmark, Greenland or the Faroe Islands; or
  - a passport without CPR number, a foreign passport or a foreign national ID card, each combined, where the
    MitID is to carry a CPR number, with a Danish document that shows the CPR number.
Substantial:
  - a Danish or Greenlandic driving licence (or the licence app), a Danish passport with CPR number, a
    residence permit with photo and CPR number, a Ministry of Foreign Affairs ID card; or
  - a residence permit without CPR number, a foreign passport or national ID card, a municipal ID card or a
    Danish passport without CPR number, combined with a document that shows the CPR number.

Only documents that count (`documents.refusal` is None) take part, and a document is never its own partner:
a municipal ID card is both a photo document and a CPR document, but it needs a second document to pair with.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from borgerservice_desk.domain.assurance.documents import (
    CPR_PASSPORT_ISSUERS,
    LICENCE_ISSUERS,
    DocumentType,
    PresentedDocument,
    Refusal,
    refusal,
)


class Level(enum.IntEnum):
    """Ordered: a higher level satisfies every lower one."""

    NONE = 0
    SUBSTANTIAL = 1
    HIGH = 2


class Missing(enum.StrEnum):
    """What the citizen still has to show for a wanted level; stable codes that ui/ words."""

    PHOTO_ID = "photo_id"  # nothing with a photo counts yet
    CPR_DOCUMENT = "cpr_document"  # a photo document without CPR needs a Danish document showing the CPR
    STRONGER_DOCUMENT = "stronger_document"  # e.g. a driving licence reaches substantial, not high


@dataclass(frozen=True)
class Assessment:
    level: Level
    used: tuple[int, ...]  # indexes of the documents that reach the level
    refused: tuple[tuple[int, Refusal], ...]  # documents that do not count, and why


def _high_alone(d: PresentedDocument) -> bool:
    return d.type is DocumentType.PASSPORT and d.issuer in CPR_PASSPORT_ISSUERS and d.shows_citizens_cpr


def _substantial_alone(d: PresentedDocument) -> bool:
    if d.type is DocumentType.DRIVING_LICENCE:
        return d.issuer in LICENCE_ISSUERS
    if d.type is DocumentType.DRIVING_LICENCE_APP:
        return d.danish
    if d.type is DocumentType.RESIDENCE_PERMIT:
        return d.danish and d.shows_citizens_cpr
    return d.type is DocumentType.MFA_ID_CARD or _high_alone(d)


def _foreign_passport(d: PresentedDocument) -> bool:
    return d.type is DocumentType.PASSPORT and d.issuer not in CPR_PASSPORT_ISSUERS


def _passport_without_cpr(d: PresentedDocument) -> bool:
    return d.type is DocumentType.PASSPORT and d.issuer in CPR_PASSPORT_ISSUERS and not d.shows_citizens_cpr


def _foreign_id_card(d: PresentedDocument) -> bool:
    return d.type is DocumentType.NATIONAL_ID_CARD and not d.danish


def _high_with_cpr_document(d: PresentedDocument) -> bool:
    return _passport_without_cpr(d) or _foreign_passport(d) or _foreign_id_card(d)


def _substantial_with_cpr_document(d: PresentedDocument) -> bool:
    if d.type is DocumentType.RESIDENCE_PERMIT:
        return not d.shows_citizens_cpr
    return (
        _foreign_passport(d)
        or d.type is DocumentType.NATIONAL_ID_CARD
        or d.type is DocumentType.MUNICIPAL_ID_CARD
        or _passport_without_cpr(d)
    )


def _cpr_partner(d: PresentedDocument) -> bool:
    return d.type.cpr_document and d.shows_citizens_cpr


def assess(
    documents: Sequence[PresentedDocument], *, today: date, mitid_carries_cpr: bool = True
) -> Assessment:
    """The highest level the documents reach together, which of them reach it, and which do not count.

    A MitID that is not to carry a CPR number needs no CPR document beside a passport or card.
    """
    refused = tuple((i, r) for i, d in enumerate(documents) if (r := refusal(d, today)) is not None)
    counting = [(i, d) for i, d in enumerate(documents) if refusal(d, today) is None]

    def paired(base_rule: Callable[[PresentedDocument], bool]) -> tuple[int, ...] | None:
        for i, base in counting:
            if not base_rule(base):
                continue
            if not mitid_carries_cpr:
                return (i,)
            for j, partner in counting:
                if j != i and _cpr_partner(partner):
                    return (i, j)
        return None

    for i, d in counting:
        if _high_alone(d):
            return Assessment(Level.HIGH, (i,), refused)
    if (pair := paired(_high_with_cpr_document)) is not None:
        return Assessment(Level.HIGH, pair, refused)
    for i, d in counting:
        if _substantial_alone(d):
            return Assessment(Level.SUBSTANTIAL, (i,), refused)
    if (pair := paired(_substantial_with_cpr_document)) is not None:
        return Assessment(Level.SUBSTANTIAL, pair, refused)
    return Assessment(Level.NONE, (), refused)


def missing_for(
    wanted: Level, documents: Sequence[PresentedDocument], *, today: date, mitid_carries_cpr: bool = True
) -> Missing | None:
    """What the citizen still has to show to reach `wanted`, or None when the documents reach it."""
    if assess(documents, today=today, mitid_carries_cpr=mitid_carries_cpr).level >= wanted:
        return None
    counting = [d for d in documents if refusal(d, today) is None]
    base = _high_with_cpr_document if wanted is Level.HIGH else _substantial_with_cpr_document
    if any(base(d) for d in counting):
        return Missing.CPR_DOCUMENT
    if any(d.type.has_photo for d in counting):
        return Missing.STRONGER_DOCUMENT
    return Missing.PHOTO_ID
