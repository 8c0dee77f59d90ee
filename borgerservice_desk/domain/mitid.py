"""MitID rules: methods, their states, and what a block does.

Plain values and functions only. The rules come from shared/DOMAIN.md ("MitID rules"):
- at most three apps are active at a time; an uninstalled app still counts until it is blocked;
- blocking one app stops only that app, except from MitID.dk without login, which blocks every app;
- a block for wrong tries is temporary, one for loss, theft, misuse or replacement is permanent.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from borgerservice_desk.errors import RuleViolation

MAX_ACTIVE_APPS = 3


class MethodKind(enum.StrEnum):
    APP = "app"
    CODE_DISPLAY = "code_display"
    CODE_READER = "code_reader"
    CHIP = "chip"


class MethodState(enum.StrEnum):
    ACTIVE = "active"
    BLOCKED_TEMPORARY = "blocked_temporary"
    BLOCKED_PERMANENT = "blocked_permanent"
    INACTIVE = "inactive"


class IdentityState(enum.StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"


class BlockReason(enum.StrEnum):
    LOST = "lost"
    STOLEN = "stolen"
    MISUSE = "misuse"
    REPLACED = "replaced"
    WRONG_TRIES = "wrong_tries"

    @property
    def is_permanent(self) -> bool:
        """Only a block for too many wrong tries can be reopened."""
        return self is not BlockReason.WRONG_TRIES


class Channel(enum.StrEnum):
    """The way a block came through; this program is the Borgerservice way."""

    APP = "app"
    MITID_DK_WITHOUT_LOGIN = "mitid_dk_without_login"
    MITID_DK_AFTER_LOGIN = "mitid_dk_after_login"
    MITID_SUPPORT = "mitid_support"
    BORGERSERVICE = "borgerservice"

    @property
    def blocks_all_apps(self) -> bool:
        """MitID.dk without login cannot tell one app from another: it blocks them all."""
        return self is Channel.MITID_DK_WITHOUT_LOGIN


class ActionKind(enum.StrEnum):
    BLOCK_APP = "block_app"
    BLOCK_ALL_APPS = "block_all_apps"
    BLOCK_MITID = "block_mitid"
    REOPEN_METHOD = "reopen_method"
    LIFT_MITID_BLOCK = "lift_mitid_block"


@dataclass(frozen=True)
class Method:
    """One identification method as the rules see it."""

    id: int
    kind: MethodKind
    state: MethodState
    label: str  # phone/tablet model for an app, serial for a code display or chip
    activated_at: datetime | None = None
    last_used_at: datetime | None = None

    @property
    def counts_as_active_app(self) -> bool:
        return self.kind is MethodKind.APP and self.state is MethodState.ACTIVE


def active_apps(methods: Iterable[Method]) -> list[Method]:
    return [m for m in methods if m.counts_as_active_app]


def ensure_room_for_new_app(methods: Iterable[Method]) -> None:
    """Refuse a fourth active app, naming the three so the clerk can offer to block one."""
    apps = active_apps(methods)
    if len(apps) >= MAX_ACTIVE_APPS:
        raise RuleViolation(
            "mitid.too_many_apps",
            limit=MAX_ACTIVE_APPS,
            active_apps=[m.label for m in apps],
        )


@dataclass(frozen=True)
class BlockPlan:
    """What a block request will do: the methods that stop and the state they go to."""

    method_ids: tuple[int, ...]
    new_state: MethodState
    action: ActionKind


def plan_app_block(
    methods: Sequence[Method], chosen_id: int, reason: BlockReason, channel: Channel
) -> BlockPlan:
    """Decide which apps a block of `chosen_id` stops, keeping the channel's semantics."""
    by_id = {m.id: m for m in methods}
    chosen = by_id.get(chosen_id)
    if chosen is None or chosen.kind is not MethodKind.APP:
        raise RuleViolation("mitid.not_an_app", method_id=chosen_id)
    if chosen.state is not MethodState.ACTIVE and not channel.blocks_all_apps:
        raise RuleViolation("mitid.already_blocked", method_id=chosen_id, state=chosen.state.value)
    if reason is BlockReason.MISUSE:
        # Misuse means the whole MitID, never a single app (DOMAIN.md).
        raise RuleViolation("mitid.misuse_blocks_whole_mitid")
    new_state = MethodState.BLOCKED_PERMANENT if reason.is_permanent else MethodState.BLOCKED_TEMPORARY
    if channel.blocks_all_apps:
        targets = tuple(m.id for m in methods if m.counts_as_active_app)
        if not targets:
            raise RuleViolation("mitid.already_blocked", method_id=chosen_id, state=chosen.state.value)
        return BlockPlan(targets, new_state, ActionKind.BLOCK_ALL_APPS)
    return BlockPlan((chosen.id,), new_state, ActionKind.BLOCK_APP)
