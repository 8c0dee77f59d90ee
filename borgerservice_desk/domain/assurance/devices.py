"""Code displays, audio code readers and chips handed out from the centre's stock.

The centre keeps a stock of devices by serial number. The clerk hands one out to a citizen whose identity
meets the errand's requirements (`errands`), ties it to the citizen's MitID and records it. A citizen has at
most one working device of each kind: a second of the same kind is refused until the first is blocked (a
lost device is blocked permanently, like a lost app, and never comes back).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from borgerservice_desk.domain.mitid import (
    BlockReason,
    Identity,
    IdentityState,
    MethodChange,
    MethodKind,
    MethodState,
)
from borgerservice_desk.errors import InvalidInput, RuleViolation

DEVICE_KINDS = frozenset({MethodKind.CODE_DISPLAY, MethodKind.CODE_READER, MethodKind.CHIP})
_SERIAL = re.compile(r"[A-Z0-9]{6,20}")


class StockState(enum.StrEnum):
    IN_STOCK = "in_stock"
    HANDED_OUT = "handed_out"
    WITHDRAWN = "withdrawn"  # found faulty or returned blocked: never handed out again


@dataclass(frozen=True)
class StockItem:
    serial: str
    kind: MethodKind
    state: StockState


def normalise_serial(serial: str) -> str:
    """Serials are printed in capitals, sometimes grouped by spaces or hyphens; stored without them."""
    cleaned = re.sub(r"[\s-]", "", serial).upper()
    if not _SERIAL.fullmatch(cleaned):
        raise InvalidInput("device.bad_serial")
    return cleaned


def check_hand_out(item: StockItem, identity: Identity) -> None:
    """Refuse handing this item to this citizen; the first rule that fails is named."""
    if item.kind not in DEVICE_KINDS:
        raise RuleViolation("device.not_a_device", kind=item.kind.value)
    if item.state is not StockState.IN_STOCK:
        raise RuleViolation("device.not_in_stock", serial=item.serial, state=item.state.value)
    if identity.state is IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_blocked")
    working = [m for m in identity.methods if m.kind is item.kind and m.state is MethodState.ACTIVE]
    if working:
        raise RuleViolation("device.already_has_one", kind=item.kind.value, serial=working[0].label)


def decide_block_device(identity: Identity, method_id: int, reason: BlockReason) -> MethodChange:
    """Block a lost, stolen or faulty device. Only too many wrong tries is a temporary block."""
    method = identity.method(method_id)
    if method.kind not in DEVICE_KINDS:
        raise RuleViolation("device.not_a_device", kind=method.kind.value)
    if method.state is not MethodState.ACTIVE:
        raise RuleViolation("mitid.already_blocked", method_id=method_id, state=method.state.value)
    state = MethodState.BLOCKED_PERMANENT if reason.is_permanent else MethodState.BLOCKED_TEMPORARY
    return MethodChange(method_id, state)
