"""Consequence facts and offered MitID actions pinned where mutation testing (`make mutate`) found them
unpinned: methods are paired by id (by position only when they have none), the action is kept, and each
offered or refused action comes from the rule with its own code."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from borgerservice_desk.domain.consequences import MethodRef, WhyNot, consequences
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
    Violation,
    apply,
    available_actions,
    decide_block_app,
    violations,
)
from tests.unit.test_consequences import app, mitid

T = datetime(2026, 1, 1, tzinfo=UTC)


def test_methods_are_paired_by_id_not_by_their_place_in_the_list() -> None:
    before = mitid(app(1, label="A"), app(2, MethodState.BLOCKED_PERMANENT, label="B"))
    after = apply(before, decide_block_app(before, 1, BlockReason.LOST), now=T)
    reordered = dataclasses.replace(after, methods=tuple(reversed(after.methods)))
    facts = consequences(before, reordered, ActionKind.BLOCK_APP)
    assert facts.action is ActionKind.BLOCK_APP
    assert facts.stops_because(WhyNot.PERMANENT) == (MethodRef(MethodKind.APP, "A"),)
    assert facts.stays_because(WhyNot.PERMANENT) == (MethodRef(MethodKind.APP, "B"),)
    assert facts.starts_working == ()


def test_methods_without_an_id_are_paired_by_their_place() -> None:
    method = Method(None, MethodKind.APP, MethodState.ACTIVE, "A", T, T, "A", ("Anne",))
    before = Identity(IdentityState.ACTIVE, (method,))
    after = Identity(IdentityState.ACTIVE, (dataclasses.replace(method, state=MethodState.BLOCKED_PERMANENT),))
    facts = consequences(before, after, ActionKind.BLOCK_APP)
    assert facts.stops_because(WhyNot.PERMANENT) == (MethodRef(MethodKind.APP, "A"),)
    assert facts.stays_blocked == ()
    # A method the `after` snapshot no longer has is left out rather than read past the end.
    two = Identity(IdentityState.ACTIVE, (method, dataclasses.replace(method, label="B")))
    assert consequences(two, before, ActionKind.BLOCK_APP).keeps_working == (MethodRef(MethodKind.APP, "A"),)


def test_the_offered_actions_of_a_blocked_mitid_allow_a_misuse_app_block_and_no_second_block() -> None:
    blocked = mitid(app(1), state=IdentityState.BLOCKED)
    offered = available_actions(blocked, supervisor=False, identity_checked_at=T, selected_method_id=1)
    assert offered[ActionKind.BLOCK_APP] is None  # for misuse, the one reason allowed while blocked
    refusal = offered[ActionKind.BLOCK_MITID]
    assert refusal is not None


def test_an_app_block_or_user_removal_without_a_chosen_app_asks_for_one() -> None:
    offered = available_actions(mitid(app(1)), supervisor=False, identity_checked_at=T, selected_method_id=None)
    for kind in (ActionKind.BLOCK_APP, ActionKind.REMOVE_APP_USER):
        refusal = offered[kind]
        assert refusal is not None and refusal.code == "mitid.choose_app"


def test_removing_the_user_of_a_chosen_app_is_offered_and_of_an_app_without_users_refused() -> None:
    offered = available_actions(mitid(app(1)), supervisor=False, identity_checked_at=T, selected_method_id=1)
    assert offered[ActionKind.REMOVE_APP_USER] is None
    empty = Method(2, MethodKind.APP, MethodState.INACTIVE, "B", T, T, "B", ())
    offered = available_actions(mitid(app(1), empty), supervisor=False, identity_checked_at=T, selected_method_id=2)
    refusal = offered[ActionKind.REMOVE_APP_USER]
    assert refusal is not None and refusal.code == "mitid.no_app_users"


def test_each_broken_invariant_is_named_with_what_broke_it() -> None:
    four = mitid(app(1), app(2), app(3), app(4))
    assert Violation("too_many_active_apps", {"count": 4}) in violations(four)
    lonely = Method(5, MethodKind.APP, MethodState.ACTIVE, "X", T, T, "X", ())
    assert violations(mitid(lonely)) == [Violation("active_app_without_user", {"method_id": 5})]
    out_of_step = Identity(IdentityState.ACTIVE, (app(1),), blocked_at=T)
    assert violations(out_of_step) == [Violation("blocked_at_out_of_step")]
