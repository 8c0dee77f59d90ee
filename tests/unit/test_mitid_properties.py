"""Random sequences of counter actions never break the MitID rules (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain import mitid as rules
from borgerservice_desk.domain.mitid import (
    BlockReason,
    Channel,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
)
from borgerservice_desk.errors import RuleViolation

START = datetime(2026, 1, 1, tzinfo=UTC)
USERS = ("Anne", "Bo", "Søren")
# "At most three MitID apps can be active at a time" (DOMAIN.md). Written out: an oracle that read the
# code's own limit (or called its own invariant check) would agree with any wrong limit.
MOST_ACTIVE_APPS = 3


def _active_apps(identity: Identity) -> list[Method]:
    return [m for m in identity.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE]


def _broken_rules(before: Identity, after: Identity) -> list[str]:
    """The rules of DOMAIN.md that must hold after every action, checked here without the code's help."""
    broken = []
    if len(_active_apps(after)) > MOST_ACTIVE_APPS:
        broken.append(f"{len(_active_apps(after))} active apps")
    if any(not m.users for m in _active_apps(after)):
        broken.append("an active app without a user")  # removing the only user makes an app inactive
    if (after.state is IdentityState.BLOCKED) != (after.blocked_at is not None):
        broken.append("blocked_at out of step with the state")
    kept = {m.id: m.state for m in after.methods}
    for method in before.methods:
        if method.state is MethodState.BLOCKED_PERMANENT and kept.get(method.id) is not MethodState.BLOCKED_PERMANENT:
            broken.append(f"permanent block of method {method.id} undone")
    return broken

actions = st.one_of(
    st.tuples(st.just("block_app"), st.integers(1, 8), st.sampled_from(BlockReason), st.sampled_from(Channel)),
    st.tuples(st.just("block_all"), st.sampled_from(BlockReason), st.sampled_from(Channel)),
    st.tuples(st.just("block_mitid")),
    st.tuples(st.just("reopen"), st.integers(1, 8)),
    st.tuples(st.just("lift"), st.booleans(), st.booleans()),
    st.tuples(st.just("remove_user"), st.integers(1, 8), st.sampled_from(USERS)),
    st.tuples(st.just("activate"), st.sampled_from(USERS)),
)


def _decide(identity: Identity, action: tuple[object, ...], now: datetime) -> rules.Decision:
    name = action[0]
    if name == "block_app":
        return rules.decide_block_app(identity, action[1], action[2], action[3])  # type: ignore[arg-type]
    if name == "block_all":
        return rules.decide_block_all_apps(identity, action[1], action[2])  # type: ignore[arg-type]
    if name == "block_mitid":
        return rules.decide_block_mitid(identity)
    if name == "reopen":
        return rules.decide_reopen(identity, action[1])  # type: ignore[arg-type]
    if name == "lift":
        checked = now if action[2] else (identity.blocked_at or now) - timedelta(minutes=1)
        return rules.decide_lift_mitid_block(identity, by_supervisor=bool(action[1]), identity_checked_at=checked)
    if name == "remove_user":
        return rules.decide_remove_app_user(identity, action[1], action[2])  # type: ignore[arg-type]
    return rules.decide_activate_app(identity, "Pixel 8", "phone", str(action[1]))


@settings(max_examples=1500, deadline=None)
@given(st.lists(actions, max_size=40), st.integers(0, 3))
def test_random_counter_actions_keep_every_rule(sequence: list[tuple[object, ...]], apps: int) -> None:
    identity = Identity(
        IdentityState.ACTIVE,
        (
            *(
                Method(i, MethodKind.APP, MethodState.ACTIVE, f"phone {i}", START, None, None, ("Anne",))
                for i in range(1, apps + 1)
            ),
            Method(apps + 1, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV-1", START),
        ),
    )
    next_id = apps + 2
    now = START
    for action in sequence:
        now += timedelta(minutes=1)
        try:
            decision = _decide(identity, action, now)
        except RuleViolation as refusal:
            if action[0] == "activate" and len(_active_apps(identity)) >= MOST_ACTIVE_APPS:
                assert refusal.code in ("mitid.too_many_apps", "mitid.whole_mitid_blocked"), refusal.code
            if refusal.code == "mitid.too_many_apps":  # never while there is room for one more
                assert len(_active_apps(identity)) == MOST_ACTIVE_APPS
            continue  # a refusal changes nothing, which is all there is to check
        after = rules.apply(identity, decision, now=now, new_app_id=next_id)
        if decision.new_app is not None:
            next_id += 1
            assert len(_active_apps(after)) == len(_active_apps(identity)) + 1
        assert _broken_rules(identity, after) == []
        assert rules.violations(after) == []  # the code's own check agrees
        if decision.action is rules.ActionKind.LIFT_MITID_BLOCK:
            assert identity.state is IdentityState.BLOCKED and after.state is IdentityState.ACTIVE
        if decision.action is rules.ActionKind.BLOCK_APP:
            # one app, and nothing else changed
            changed = [a.id for a, b in zip(identity.methods, after.methods, strict=False) if a != b]
            assert changed == list(decision.method_ids) and len(changed) == 1
        identity = after
