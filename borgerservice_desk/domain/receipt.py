"""What a receipt shows (shared/DOMAIN.md, "Receipt"), as one frozen value.

Deliberately without the MitID user ID, codes, passwords or a document's full number: the renderer can
only print what is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from borgerservice_desk.domain.centre_time import DEFAULT_TIMEZONE
from borgerservice_desk.domain.consequences import Consequences
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    MethodKind,
    MethodState,
)

SUPPORT_PHONE = "+45 33 98 00 10"


@dataclass(frozen=True)
class ReceiptMethod:
    kind: MethodKind
    label: str  # phone model for an app, serial for a code display or chip
    new_state: MethodState


@dataclass(frozen=True)
class Receipt:
    reference: str  # unique, e.g. "BSD-20261127-000042"
    issued_at: datetime  # timezone-aware
    centre_name: str
    centre_address: str
    clerk_name: str
    citizen_name: str
    citizen_cpr_masked: str | None  # "DDMMYY-XXXX", None for a citizen without a CPR number
    action: ActionKind
    methods: tuple[ReceiptMethod, ...]
    reason: BlockReason | None
    channel: Channel
    document_kind: str  # "passport", "id_card", "residence_card", "driving_licence", "typed"
    document_country: str  # ISO 3166 alpha-3 as in the MRZ, e.g. "DNK"
    # What the action meant for the citizen's methods (domain/consequences.py); the "what to do next"
    # wording is derived from it, so it never claims that something works when nothing does.
    consequences: Consequences | None = None
    centre_timezone: str = DEFAULT_TIMEZONE  # the issue time is printed in the centre's own zone
    # Activation codes still out that the action made stop working (a block for misuse): the citizen holding
    # one is told it no longer works, not left to find out at the phone.
    activation_codes_voided: int = 0
