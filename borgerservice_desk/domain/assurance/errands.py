"""What each errand at the counter needs, and in plain terms what is still missing.

Blocking (the errand of a lost phone) needs a valid photo ID: the citizen must be stopped from harm quickly.
Everything that gives the citizen a working method again needs the documents *and* either control questions
answered or a witness (shared/DOMAIN.md, "Identity assurance"), because it hands over the keys to their
digital identity:

| errand | documents | questions or witness |
|---|---|---|
| block an app, all apps, the whole MitID | a valid photo ID | no |
| activation code for a new app | substantial | yes |
| code display, audio code reader | substantial | yes |
| chip | high: the chip is the method for MitID's high level, so the identity behind it must be as strong | yes |
| show a forgotten user ID | substantial | yes |
| lift a whole-MitID block | substantial | yes |
| issue a MitID to a citizen without one | substantial | yes |

The visit shows the gaps before the clerk starts an errand it cannot finish; the service checks them again
in the transaction that carries the errand out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from borgerservice_desk.domain.assurance.documents import PresentedDocument, valid_photo_id
from borgerservice_desk.domain.assurance.levels import Level, missing_for
from borgerservice_desk.errors import RuleViolation


class Errand(enum.StrEnum):
    BLOCK = "block"
    ACTIVATION_CODE = "activation_code"
    CODE_DISPLAY = "code_display"
    CODE_READER = "code_reader"
    CHIP = "chip"
    SHOW_USER_ID = "show_user_id"
    LIFT_MITID_BLOCK = "lift_mitid_block"
    ISSUE_MITID = "issue_mitid"


@dataclass(frozen=True)
class Requirement:
    level: Level | None  # None: one valid photo ID is enough
    questions_or_witness: bool


REQUIREMENTS: dict[Errand, Requirement] = {
    Errand.BLOCK: Requirement(None, False),
    Errand.ACTIVATION_CODE: Requirement(Level.SUBSTANTIAL, True),
    Errand.CODE_DISPLAY: Requirement(Level.SUBSTANTIAL, True),
    Errand.CODE_READER: Requirement(Level.SUBSTANTIAL, True),
    Errand.CHIP: Requirement(Level.HIGH, True),
    Errand.SHOW_USER_ID: Requirement(Level.SUBSTANTIAL, True),
    Errand.LIFT_MITID_BLOCK: Requirement(Level.SUBSTANTIAL, True),
    Errand.ISSUE_MITID: Requirement(Level.SUBSTANTIAL, True),
}


class Gap(enum.StrEnum):
    """Stable codes for what is still missing; ui/ words them for the clerk."""

    PHOTO_ID = "photo_id"
    CPR_DOCUMENT = "cpr_document"
    STRONGER_DOCUMENT = "stronger_document"
    QUESTIONS_OR_WITNESS = "questions_or_witness"


@dataclass(frozen=True)
class Assurance:
    """What this visit has established about who the citizen is."""

    documents: tuple[PresentedDocument, ...] = ()
    questions_passed: bool = False
    witness_accepted: bool = False
    mitid_carries_cpr: bool = True


def gaps(errand: Errand, assurance: Assurance, today: date) -> tuple[Gap, ...]:
    """What is missing before the errand may be carried out; empty when nothing is."""
    requirement = REQUIREMENTS[errand]
    found: list[Gap] = []
    if requirement.level is None:
        if not valid_photo_id(assurance.documents, today):
            found.append(Gap.PHOTO_ID)
    else:
        missing = missing_for(
            requirement.level, assurance.documents, today=today, mitid_carries_cpr=assurance.mitid_carries_cpr
        )
        if missing is not None:
            found.append(Gap(missing.value))
    if requirement.questions_or_witness and not (assurance.questions_passed or assurance.witness_accepted):
        found.append(Gap.QUESTIONS_OR_WITNESS)
    return tuple(found)


def require(errand: Errand, assurance: Assurance, today: date) -> None:
    """Refuse the errand while anything is missing, naming every gap so the clerk can say it at once."""
    found = gaps(errand, assurance, today)
    if found:
        raise RuleViolation("assurance.insufficient", errand=errand.value, missing=[g.value for g in found])


def ready_errands(assurance: Assurance, today: date) -> dict[Errand, tuple[Gap, ...]]:
    """Every errand with its gaps, for the visit's overview."""
    return {errand: gaps(errand, assurance, today) for errand in Errand}

