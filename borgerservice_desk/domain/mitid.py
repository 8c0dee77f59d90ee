"""MitID rules: methods, their states, and what each action at the counter does.

Plain values and functions only. Each `decide_*` function looks at a snapshot of a citizen's MitID and
either refuses with a coded `RuleViolation` or returns a `Decision`: what changes, which a service then
stores. `apply` carries a decision out on the snapshot, so the rules can be tested (and property-tested)
without a database. The rules come from shared/DOMAIN.md ("MitID rules"):

- at most three apps are active at a time; an uninstalled app still counts until it is blocked;
- blocking one app stops only that app, except from MitID.dk without login, which blocks every app;
- a block for wrong tries is temporary and can be reopened; one for loss, theft, misuse or replacement is
  permanent: the app is never reopened, the citizen activates a new one;
- removing the only user from an app makes the app inactive;
- suspected misuse blocks the whole MitID: every method stops, for the citizen too; the block is
  temporary and is lifted only after a new identity check, by a supervisor; an activation code still out
  stops working with it;
- lifting that block and activating a new app give the citizen a working method again: they need what the
  matching errand needs (`ActionKind.assurance_errand`), not only a passed identity check.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from borgerservice_desk.domain.assurance.errands import Errand
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
        """For a method: only a block for too many wrong tries can be reopened."""
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
    REMOVE_APP_USER = "remove_app_user"
    ACTIVATE_APP = "activate_app"
    # Getting a working method again (domain/assurance): each ends with a receipt like the actions above.
    ISSUE_ACTIVATION_CODE = "issue_activation_code"
    HAND_OUT_DEVICE = "hand_out_device"
    BLOCK_DEVICE = "block_device"
    SHOW_USER_ID = "show_user_id"
    ISSUE_MITID = "issue_mitid"

    @property
    def needs_supervisor(self) -> bool:
        return self is ActionKind.LIFT_MITID_BLOCK

    @property
    def assurance_errand(self) -> Errand | None:
        """For a MitID action at the counter (services/mitid) that gives the citizen a working method again:
        the errand whose identity requirements (domain/assurance/errands: the documents, and questions or a
        witness) it must meet besides the passed identity check. None: the passed check is enough.

        A new app activated at Borgerservice is the activation-code route (DOMAIN.md, "Getting going
        again"), so it needs exactly what the code needs: otherwise Ctrl+N would hand out without questions
        the working app that Ctrl+Shift+C refuses a code for. The recovery errands name their own."""
        return _ASSURANCE_ERRANDS.get(self)


_ASSURANCE_ERRANDS: dict[ActionKind, Errand] = {
    ActionKind.LIFT_MITID_BLOCK: Errand.LIFT_MITID_BLOCK,
    ActionKind.ACTIVATE_APP: Errand.ACTIVATION_CODE,
}


@dataclass(frozen=True)
class Method:
    """One identification method as the rules see it. `id` is None for an app not yet stored."""

    id: int | None
    kind: MethodKind
    state: MethodState
    label: str  # phone/tablet model for an app, serial for a code display, reader or chip
    activated_at: datetime | None = None
    last_used_at: datetime | None = None
    device_name: str | None = None  # what the citizen called the phone, e.g. "Annes iPhone"
    users: tuple[str, ...] = ()  # the people registered in the app

    @property
    def counts_as_active_app(self) -> bool:
        return self.kind is MethodKind.APP and self.state is MethodState.ACTIVE


@dataclass(frozen=True)
class Identity:
    """A snapshot of one citizen's MitID."""

    state: IdentityState
    methods: tuple[Method, ...]
    blocked_at: datetime | None = None  # when the whole MitID was blocked

    def method(self, method_id: int) -> Method:
        for method in self.methods:
            if method.id == method_id:
                return method
        raise RuleViolation("mitid.unknown_method", method_id=method_id)


def method_works(identity: Identity, method: Method) -> bool:
    """Whether the citizen can use the method now. A whole-MitID block stops every method, for the citizen
    too, whatever its own state: the methods keep their own states underneath only so that lifting the
    block gives back exactly what worked before. So a list of methods shows this, not the state alone."""
    return identity.state is IdentityState.ACTIVE and method.state is MethodState.ACTIVE


@dataclass(frozen=True)
class MethodChange:
    method_id: int
    state: MethodState
    users: tuple[str, ...] | None = None  # None: the users stay as they are


@dataclass(frozen=True)
class NewApp:
    model: str
    device_name: str
    user: str


@dataclass(frozen=True)
class Decision:
    """What an action changes; a service stores it in one transaction with its record and receipt."""

    action: ActionKind
    changes: tuple[MethodChange, ...] = ()
    identity_state: IdentityState | None = None  # None: unchanged
    new_app: NewApp | None = None
    reason: BlockReason | None = None
    channel: Channel = Channel.BORGERSERVICE
    removed_user: str | None = None

    @property
    def method_ids(self) -> tuple[int, ...]:
        return tuple(change.method_id for change in self.changes)

    @property
    def voids_activation_codes(self) -> bool:
        """Suspected misuse: someone else may have had the citizen's MitID, and an activation code handed
        out before may be in their hands (it was given to whoever stood at the counter with the citizen's
        documents), so every code still out stops working; the citizen gets a new one once the block is
        lifted. A lost or stolen app does not: the code is on the citizen's paper slip, not on the device,
        and it is how the citizen replaces that app (often handed out in the same visit as the block)."""
        return self.reason is BlockReason.MISUSE


@dataclass(frozen=True)
class Violation:
    code: str
    detail: dict[str, object] = field(default_factory=dict)


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


def _block_state(reason: BlockReason) -> MethodState:
    return MethodState.BLOCKED_PERMANENT if reason.is_permanent else MethodState.BLOCKED_TEMPORARY


def app_blockable(app: Method, reason: BlockReason) -> bool:
    """Whether `app` can be blocked for `reason`: an active app for any reason, and an app blocked for wrong
    tries (temporary) once it is lost or stolen after all. A block for those is permanent (DOMAIN.md): left
    temporary, the stolen phone's app could be reopened."""
    if app.state is MethodState.ACTIVE:
        return True
    return app.state is MethodState.BLOCKED_TEMPORARY and reason.is_permanent


def _require_app(identity: Identity, method_id: int) -> Method:
    method = identity.method(method_id)
    if method.kind is not MethodKind.APP:
        raise RuleViolation("mitid.not_an_app", method_id=method_id)
    return method


def decide_block_app(
    identity: Identity, method_id: int, reason: BlockReason, channel: Channel = Channel.BORGERSERVICE
) -> Decision:
    """Block the chosen app, keeping the channel's semantics (MitID.dk without login: every app)."""
    chosen = _require_app(identity, method_id)
    if channel.blocks_all_apps:
        return decide_block_all_apps(identity, reason, channel)
    if reason is BlockReason.MISUSE and identity.state is IdentityState.ACTIVE:
        # Misuse means the whole MitID first (DOMAIN.md); an app may be blocked for misuse after that.
        raise RuleViolation("mitid.misuse_blocks_whole_mitid")
    if not app_blockable(chosen, reason):
        raise RuleViolation("mitid.already_blocked", method_id=method_id, state=chosen.state.value)
    return Decision(
        ActionKind.BLOCK_APP,
        (MethodChange(method_id, _block_state(reason)),),
        reason=reason,
        channel=channel,
    )


def decide_block_all_apps(
    identity: Identity, reason: BlockReason, channel: Channel = Channel.BORGERSERVICE
) -> Decision:
    if reason is BlockReason.MISUSE and identity.state is IdentityState.ACTIVE:
        raise RuleViolation("mitid.misuse_blocks_whole_mitid")
    targets = [m for m in identity.methods if m.kind is MethodKind.APP and app_blockable(m, reason)]
    if not targets:
        raise RuleViolation("mitid.no_active_apps")
    state = _block_state(reason)
    return Decision(
        ActionKind.BLOCK_ALL_APPS,
        tuple(MethodChange(m.id, state) for m in targets if m.id is not None),
        reason=reason,
        channel=channel,
    )


def decide_block_mitid(identity: Identity, channel: Channel = Channel.BORGERSERVICE) -> Decision:
    """Suspected misuse: the whole MitID stops. The methods keep their own states underneath, so that
    lifting the block gives back exactly what worked before."""
    if identity.state is IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_already_blocked")
    return Decision(
        ActionKind.BLOCK_MITID,
        identity_state=IdentityState.BLOCKED,
        reason=BlockReason.MISUSE,
        channel=channel,
    )


def decide_reopen(identity: Identity, method_id: int) -> Decision:
    """Reopen a temporary block (too many wrong tries). Permanent blocks are never reopened."""
    method = identity.method(method_id)
    if identity.state is IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_blocked")
    if method.state is MethodState.BLOCKED_PERMANENT:
        raise RuleViolation("mitid.permanent_block", method_id=method_id)
    if method.state is not MethodState.BLOCKED_TEMPORARY:
        raise RuleViolation("mitid.not_blocked", method_id=method_id, state=method.state.value)
    if method.kind is MethodKind.APP:
        if not method.users:
            # Its users were removed while it was blocked: nobody could use it; a new app is the way.
            raise RuleViolation("mitid.app_without_users", method_id=method_id)
        ensure_room_for_new_app(identity.methods)
    return Decision(ActionKind.REOPEN_METHOD, (MethodChange(method_id, MethodState.ACTIVE),))


def decide_lift_mitid_block(
    identity: Identity, *, by_supervisor: bool, identity_checked_at: datetime | None
) -> Decision:
    """Lift a whole-MitID block: a supervisor, after an identity check made since the block."""
    if not by_supervisor:
        raise RuleViolation("mitid.supervisor_only")
    if identity.state is not IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_not_blocked")
    if identity_checked_at is None or (
        identity.blocked_at is not None and identity_checked_at <= identity.blocked_at
    ):
        raise RuleViolation("mitid.new_identity_check_needed")
    return Decision(ActionKind.LIFT_MITID_BLOCK, identity_state=IdentityState.ACTIVE)


def decide_remove_app_user(identity: Identity, method_id: int, user: str) -> Decision:
    """Remove one user from an app; the app goes inactive when its last user is removed."""
    app = _require_app(identity, method_id)
    if not app.users:
        raise RuleViolation("mitid.no_app_users", method_id=method_id)
    if user not in app.users:
        raise RuleViolation("mitid.unknown_app_user", method_id=method_id)
    # One user goes, not everyone of that name: a family tablet may have two "Jens Hansen" (father and son),
    # and the record cannot tell them apart, so which entry goes does not matter; that the other stays does.
    at = app.users.index(user)
    remaining = app.users[:at] + app.users[at + 1 :]
    # Only a working app goes inactive; a blocked one stays blocked (a permanent block is for good).
    state = MethodState.INACTIVE if not remaining and app.state is MethodState.ACTIVE else app.state
    return Decision(
        ActionKind.REMOVE_APP_USER, (MethodChange(method_id, state, remaining),), removed_user=user
    )


def check_can_activate_app(identity: Identity) -> None:
    """Whether a new app may be activated at all, before any details are typed."""
    if identity.state is IdentityState.BLOCKED:
        raise RuleViolation("mitid.whole_mitid_blocked")
    ensure_room_for_new_app(identity.methods)


def decide_activate_app(identity: Identity, model: str, device_name: str, user: str) -> Decision:
    """A new app; refused while three are active (the clerk can offer to block one first)."""
    check_can_activate_app(identity)  # first, so the clerk hears it before typing details
    if not model.strip() or not user.strip():
        raise RuleViolation("mitid.app_details_missing")
    return Decision(
        ActionKind.ACTIVATE_APP, new_app=NewApp(model.strip(), device_name.strip() or model.strip(), user.strip())
    )


def apply(identity: Identity, decision: Decision, *, now: datetime, new_app_id: int | None = None) -> Identity:
    """The MitID after the decision; what a service writes to storage."""
    changes = {c.method_id: c for c in decision.changes}
    methods: list[Method] = []
    for method in identity.methods:
        change = changes.get(method.id) if method.id is not None else None
        if change is None:
            methods.append(method)
            continue
        users = method.users if change.users is None else change.users
        methods.append(replace(method, state=change.state, users=users))
    if decision.new_app is not None:
        new = decision.new_app
        methods.append(
            Method(new_app_id, MethodKind.APP, MethodState.ACTIVE, new.model, now, None, new.device_name, (new.user,))
        )
    state = decision.identity_state or identity.state
    blocked_at = identity.blocked_at
    if decision.identity_state is IdentityState.BLOCKED:
        blocked_at = now
    elif decision.identity_state is IdentityState.ACTIVE:
        blocked_at = None
    return Identity(state, tuple(methods), blocked_at)


def violations(identity: Identity) -> list[Violation]:
    """What must always hold of a MitID; empty when all is well (the property test's invariants)."""
    found: list[Violation] = []
    apps = active_apps(identity.methods)
    if len(apps) > MAX_ACTIVE_APPS:
        found.append(Violation("too_many_active_apps", {"count": len(apps)}))
    for method in identity.methods:
        if method.kind is MethodKind.APP and not method.users and method.state is MethodState.ACTIVE:
            found.append(Violation("active_app_without_user", {"method_id": method.id}))
    if (identity.state is IdentityState.BLOCKED) != (identity.blocked_at is not None):
        found.append(Violation("blocked_at_out_of_step"))
    return found


def available_actions(
    identity: Identity,
    *,
    supervisor: bool,
    identity_checked_at: datetime | None,
    selected_method_id: int | None,
) -> dict[ActionKind, RuleViolation | None]:
    """Which actions the clerk can start now, and for each one that cannot, the refusal that says why.

    The answer comes from the `decide_*` functions themselves (with a representative reason where an
    action needs one), so a button is enabled by the very rule that decides the action: there is no
    second copy of a rule. The clerk's details (reason, channel, user, model) are chosen later in the
    dialog; an action is offered when at least the usual choice for it would be allowed.
    """

    def outcome(decide: Callable[[], object]) -> RuleViolation | None:
        try:
            decide()
        except RuleViolation as refusal:
            return refusal
        return None

    if identity_checked_at is None:
        # No action without a passed identity check in this visit (DOMAIN.md).
        return {kind: RuleViolation("mitid.no_identity_check") for kind in ActionKind}
    selected = next((m for m in identity.methods if m.id is not None and m.id == selected_method_id), None)
    # Misuse is the reason an app may still be blocked for while the whole MitID is blocked.
    app_reason = BlockReason.LOST if identity.state is IdentityState.ACTIVE else BlockReason.MISUSE

    def block_app() -> object:
        # An active app is blockable for any reason, one blocked for wrong tries for the permanent app_reason.
        if not any(app_blockable(m, app_reason) for m in identity.methods if m.kind is MethodKind.APP):
            raise RuleViolation("mitid.no_active_apps")
        if selected is None or selected.id is None:
            raise RuleViolation("mitid.choose_app")
        return decide_block_app(identity, selected.id, app_reason)

    def reopen() -> object:
        if selected is None or selected.id is None:
            if not any(m.state is MethodState.BLOCKED_TEMPORARY for m in identity.methods):
                raise RuleViolation("mitid.nothing_to_reopen")
            raise RuleViolation("mitid.choose_method")
        return decide_reopen(identity, selected.id)

    def remove_user() -> object:
        if selected is None or selected.id is None:
            raise RuleViolation("mitid.choose_app")
        app = _require_app(identity, selected.id)
        return decide_remove_app_user(identity, selected.id, app.users[0] if app.users else "")

    return {
        ActionKind.BLOCK_APP: outcome(block_app),
        ActionKind.BLOCK_ALL_APPS: outcome(lambda: decide_block_all_apps(identity, app_reason)),
        ActionKind.BLOCK_MITID: outcome(lambda: decide_block_mitid(identity)),
        ActionKind.REOPEN_METHOD: outcome(reopen),
        ActionKind.LIFT_MITID_BLOCK: outcome(
            lambda: decide_lift_mitid_block(
                identity, by_supervisor=supervisor, identity_checked_at=identity_checked_at
            )
        ),
        ActionKind.REMOVE_APP_USER: outcome(remove_user),
        ActionKind.ACTIVATE_APP: outcome(lambda: check_can_activate_app(identity)),
    }
