"""The facts every consequence text is rendered from, and which actions the rules offer (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.consequences import MethodRef, WhyNot, consequences
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
    apply,
    available_actions,
    decide_block_all_apps,
    decide_block_mitid,
    decide_lift_mitid_block,
)

T = datetime(2026, 1, 1, tzinfo=UTC)


def app(id_: int, state: MethodState = MethodState.ACTIVE, label: str = "iPhone 15") -> Method:
    return Method(id_, MethodKind.APP, state, label, T, T, label, ("Anne",))


def other(id_: int, kind: MethodKind, state: MethodState = MethodState.ACTIVE) -> Method:
    return Method(id_, kind, state, f"SN-{id_}", T, T)


def mitid(*methods: Method, state: IdentityState = IdentityState.ACTIVE) -> Identity:
    return Identity(state, methods, T if state is IdentityState.BLOCKED else None)


def test_blocking_all_apps_of_a_citizen_with_only_apps_leaves_nothing_working() -> None:
    before = mitid(app(1, label="iPhone 15"), app(2, label="Pixel 8"))
    after = apply(before, decide_block_all_apps(before, BlockReason.LOST), now=T)
    facts = consequences(before, after, ActionKind.BLOCK_ALL_APPS)
    assert facts.stops_because(WhyNot.PERMANENT) == (
        MethodRef(MethodKind.APP, "iPhone 15"),
        MethodRef(MethodKind.APP, "Pixel 8"),
    )
    assert facts.keeps_working == ()
    assert facts.nothing_works and facts.must_activate_new_app


def test_blocking_all_apps_keeps_the_code_display_and_chip_working() -> None:
    before = mitid(app(1), other(2, MethodKind.CODE_DISPLAY), other(3, MethodKind.CHIP))
    after = apply(before, decide_block_all_apps(before, BlockReason.WRONG_TRIES), now=T)
    facts = consequences(before, after, ActionKind.BLOCK_ALL_APPS)
    assert [n.why for n in facts.stops] == [WhyNot.TEMPORARY]
    assert [m.kind for m in facts.keeps_working] == [MethodKind.CODE_DISPLAY, MethodKind.CHIP]
    assert not facts.nothing_works
    assert not facts.must_activate_new_app  # a temporary block can be reopened


def test_whole_mitid_block_of_a_citizen_whose_apps_are_already_blocked() -> None:
    before = mitid(*(app(i, MethodState.BLOCKED_PERMANENT) for i in (1, 2, 3)))
    after = apply(before, decide_block_mitid(before), now=T)
    facts = consequences(before, after, ActionKind.BLOCK_MITID)
    assert facts.stops == ()
    assert len(facts.stays_because(WhyNot.PERMANENT)) == 3
    assert facts.nothing_works


def test_whole_mitid_block_stops_every_working_method_until_lifted() -> None:
    before = mitid(app(1), other(2, MethodKind.CODE_DISPLAY))
    after = apply(before, decide_block_mitid(before), now=T)
    facts = consequences(before, after, ActionKind.BLOCK_MITID)
    assert [n.why for n in facts.stops] == [WhyNot.WHOLE_MITID, WhyNot.WHOLE_MITID]
    assert facts.nothing_works and not facts.must_activate_new_app


def test_lifting_when_every_app_stays_permanently_blocked_asks_for_a_new_app() -> None:
    before = mitid(*(app(i, MethodState.BLOCKED_PERMANENT) for i in (1, 2, 3)), state=IdentityState.BLOCKED)
    decision = decide_lift_mitid_block(before, by_supervisor=True, identity_checked_at=T + timedelta(hours=1))
    facts = consequences(before, apply(before, decision, now=T), ActionKind.LIFT_MITID_BLOCK)
    assert facts.starts_working == ()
    assert len(facts.stays_because(WhyNot.PERMANENT)) == 3
    assert facts.must_activate_new_app and facts.nothing_works


def test_lifting_gives_back_what_worked_and_names_what_stays_blocked() -> None:
    before = mitid(app(1), app(2, MethodState.BLOCKED_PERMANENT, "Pixel 8"), other(3, MethodKind.CHIP),
                   state=IdentityState.BLOCKED)
    decision = decide_lift_mitid_block(before, by_supervisor=True, identity_checked_at=T + timedelta(hours=1))
    facts = consequences(before, apply(before, decision, now=T), ActionKind.LIFT_MITID_BLOCK)
    assert [m.kind for m in facts.starts_working] == [MethodKind.APP, MethodKind.CHIP]
    assert facts.stays_because(WhyNot.PERMANENT) == (MethodRef(MethodKind.APP, "Pixel 8"),)
    assert not facts.must_activate_new_app and not facts.nothing_works


def test_a_citizen_without_apps_is_never_told_to_activate_a_new_one() -> None:
    before = mitid(other(1, MethodKind.CODE_DISPLAY), state=IdentityState.BLOCKED)
    decision = decide_lift_mitid_block(before, by_supervisor=True, identity_checked_at=T + timedelta(hours=1))
    facts = consequences(before, apply(before, decision, now=T), ActionKind.LIFT_MITID_BLOCK)
    assert not facts.must_activate_new_app and not facts.nothing_works


# available_actions -----------------------------------------------------------------------------------
CHECKED = T + timedelta(hours=1)


def refusals(identity: Identity, **kw: object) -> dict[ActionKind, str | None]:
    args: dict[str, object] = {"supervisor": False, "identity_checked_at": CHECKED, "selected_method_id": None}
    args.update(kw)
    found = available_actions(identity, **args)  # type: ignore[arg-type]
    return {kind: (refusal.code if refusal else None) for kind, refusal in found.items()}


def test_nothing_is_offered_before_an_identity_check() -> None:
    assert set(refusals(mitid(app(1)), identity_checked_at=None).values()) == {"mitid.no_identity_check"}


def test_a_citizen_without_active_apps_cannot_have_apps_blocked() -> None:
    found = refusals(mitid(app(1, MethodState.BLOCKED_PERMANENT), other(2, MethodKind.CHIP)), selected_method_id=1)
    assert found[ActionKind.BLOCK_APP] == "mitid.no_active_apps"
    assert found[ActionKind.BLOCK_ALL_APPS] == "mitid.no_active_apps"
    assert found[ActionKind.BLOCK_MITID] is None
    assert found[ActionKind.ACTIVATE_APP] is None
    assert found[ActionKind.REOPEN_METHOD] == "mitid.permanent_block"


def test_choosing_in_the_list_decides_block_app_reopen_and_remove_user() -> None:
    identity = mitid(app(1), app(2, MethodState.BLOCKED_TEMPORARY), other(3, MethodKind.CHIP))
    assert refusals(identity)[ActionKind.BLOCK_APP] == "mitid.choose_app"
    assert refusals(identity)[ActionKind.REOPEN_METHOD] == "mitid.choose_method"
    assert refusals(identity, selected_method_id=1)[ActionKind.BLOCK_APP] is None
    # Blocked for wrong tries, the app can still be blocked for good once lost or stolen after all.
    assert refusals(identity, selected_method_id=2)[ActionKind.BLOCK_APP] is None
    assert refusals(mitid(app(1, MethodState.BLOCKED_PERMANENT)), selected_method_id=1)[ActionKind.BLOCK_APP] == (
        "mitid.no_active_apps"
    )
    assert refusals(mitid(app(1, MethodState.BLOCKED_TEMPORARY)), selected_method_id=1)[ActionKind.BLOCK_APP] is None
    assert refusals(mitid(app(1), app(2, MethodState.BLOCKED_PERMANENT)), selected_method_id=2)[
        ActionKind.BLOCK_APP
    ] == "mitid.already_blocked"
    assert refusals(identity, selected_method_id=2)[ActionKind.REOPEN_METHOD] is None
    assert refusals(identity, selected_method_id=3)[ActionKind.REMOVE_APP_USER] == "mitid.not_an_app"
    assert refusals(mitid(app(1)))[ActionKind.REOPEN_METHOD] == "mitid.nothing_to_reopen"


def test_lift_is_for_a_supervisor_after_a_new_check() -> None:
    blocked = mitid(app(1), state=IdentityState.BLOCKED)
    assert refusals(blocked)[ActionKind.LIFT_MITID_BLOCK] == "mitid.supervisor_only"
    assert refusals(blocked, supervisor=True)[ActionKind.LIFT_MITID_BLOCK] is None
    stale = refusals(blocked, supervisor=True, identity_checked_at=T - timedelta(minutes=1))
    assert stale[ActionKind.LIFT_MITID_BLOCK] == "mitid.new_identity_check_needed"
    assert refusals(mitid(app(1)), supervisor=True)[ActionKind.LIFT_MITID_BLOCK] == "mitid.whole_mitid_not_blocked"
    assert refusals(blocked)[ActionKind.ACTIVATE_APP] == "mitid.whole_mitid_blocked"


def test_a_fourth_app_is_not_offered() -> None:
    assert refusals(mitid(app(1), app(2), app(3)))[ActionKind.ACTIVATE_APP] == "mitid.too_many_apps"


_states = st.sampled_from(list(MethodState))
_kinds = st.sampled_from(list(MethodKind))


@st.composite
def identities(draw: st.DrawFn) -> Identity:
    kinds = draw(st.lists(_kinds, max_size=6))
    methods = tuple(
        Method(i + 1, kind, draw(_states), f"M{i}", T, T, None, ("Anne",) if kind is MethodKind.APP else ())
        for i, kind in enumerate(kinds)
    )
    return mitid(*methods, state=draw(st.sampled_from(list(IdentityState))))


@st.composite
def blockable_identities(draw: st.DrawFn) -> Identity:
    """A MitID whose apps can be blocked: not blocked as a whole, with at least one active app. Built so,
    rather than filtered, so no example is skipped (a bare return would have counted it as passed)."""
    drawn = draw(identities())
    extra = Method(len(drawn.methods) + 1, MethodKind.APP, MethodState.ACTIVE, "M-active", T, T, None, ("Anne",))
    methods = draw(st.permutations((*drawn.methods, extra)))
    return mitid(*methods, state=draw(st.sampled_from([s for s in IdentityState if s is not IdentityState.BLOCKED])))


@settings(deadline=None)
@given(blockable_identities())
def test_blocking_apps_never_claims_a_non_app_stops_and_partitions_every_method(before: Identity) -> None:
    assert any(m.counts_as_active_app for m in before.methods) and before.state is not IdentityState.BLOCKED
    after = apply(before, decide_block_all_apps(before, BlockReason.STOLEN), now=T)
    facts = consequences(before, after, ActionKind.BLOCK_ALL_APPS)
    assert all(n.method.kind is MethodKind.APP for n in facts.stops)
    total = len(facts.stops) + len(facts.keeps_working) + len(facts.starts_working) + len(facts.stays_blocked)
    assert total == len(before.methods)
    assert facts.nothing_works == (facts.keeps_working == ())
