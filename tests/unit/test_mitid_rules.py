"""Every MitID rule of DOMAIN.md, each with a test that fails when the rule is broken."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
    active_apps,
    apply,
    decide_activate_app,
    decide_block_all_apps,
    decide_block_app,
    decide_block_mitid,
    decide_lift_mitid_block,
    decide_remove_app_user,
    decide_reopen,
    violations,
)
from borgerservice_desk.errors import RuleViolation

T = datetime(2026, 1, 1, tzinfo=UTC)


def app(id_: int, state: MethodState = MethodState.ACTIVE, label: str = "iPhone 15", users: tuple[str, ...] = ("Anne",)) -> Method:
    return Method(id_, MethodKind.APP, state, label, T, T, f"{label} ({id_})", users)


def display(id_: int) -> Method:
    return Method(id_, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV-1", T, T)


def mitid(*methods: Method, state: IdentityState = IdentityState.ACTIVE) -> Identity:
    return Identity(state, methods, T if state is IdentityState.BLOCKED else None)


def refused(code: str, action: object, *args: object, **kwargs: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        action(*args, **kwargs)  # type: ignore[operator]
    assert caught.value.code == code
    return caught.value


# The three-app limit ---------------------------------------------------------------------------------
def test_fourth_app_is_refused_while_three_are_active() -> None:
    identity = mitid(app(1, label="A"), app(2, label="B"), app(3, label="C"), display(4))
    error = refused("mitid.too_many_apps", decide_activate_app, identity, "Pixel 8", "Annes Pixel", "Anne")
    # The clerk's message names the limit and the three apps, so one can be offered for blocking.
    assert error.params == {"limit": 3, "active_apps": ["A", "B", "C"]}


def test_an_app_unused_for_years_still_counts_and_is_blocked_with_the_others() -> None:
    # Uninstalling does not deactivate an app (DOMAIN.md); all the desk can see of it is that it has not
    # been used for a long time. Such an app still takes one of the three places until it is blocked, and a
    # block of all apps stops it too.
    forgotten = dataclasses.replace(
        app(3, label="uninstalled long ago"), activated_at=T - timedelta(days=5 * 365), last_used_at=T - timedelta(days=3 * 365)
    )
    identity = mitid(app(1), app(2), forgotten)
    assert [m.id for m in active_apps(identity.methods)] == [1, 2, 3]
    error = refused("mitid.too_many_apps", decide_activate_app, identity, "Pixel 8", "Annes Pixel", "Anne")
    assert "uninstalled long ago" in error.params["active_apps"]
    decision = decide_block_all_apps(identity, BlockReason.LOST)
    assert {change.method_id for change in decision.changes} == {1, 2, 3}


def test_a_blocked_app_makes_room_for_a_new_one() -> None:
    identity = mitid(app(1), app(2), app(3, MethodState.BLOCKED_PERMANENT))
    decision = decide_activate_app(identity, "Pixel 8", "Annes Pixel", "Anne")
    after = apply(identity, decision, now=T, new_app_id=9)
    assert len(active_apps(after.methods)) == 3


def test_only_active_apps_count_not_displays_or_blocked_apps() -> None:
    methods = [app(1), app(2, MethodState.BLOCKED_TEMPORARY), app(3, MethodState.INACTIVE), display(4)]
    assert [m.id for m in active_apps(methods)] == [1]


def test_reopening_an_app_is_refused_when_three_others_are_active() -> None:
    identity = mitid(app(1), app(2), app(3), app(4, MethodState.BLOCKED_TEMPORARY))
    refused("mitid.too_many_apps", decide_reopen, identity, 4)


# Blocking apps ---------------------------------------------------------------------------------------
def test_blocking_one_app_at_the_counter_stops_only_that_app() -> None:
    identity = mitid(app(1), app(2), display(3))
    decision = decide_block_app(identity, 2, BlockReason.LOST)
    after = apply(identity, decision, now=T)
    assert [m.state for m in after.methods] == [MethodState.ACTIVE, MethodState.BLOCKED_PERMANENT, MethodState.ACTIVE]
    assert decision.action is ActionKind.BLOCK_APP and decision.channel is Channel.BORGERSERVICE


@pytest.mark.parametrize("channel", [Channel.APP, Channel.MITID_DK_AFTER_LOGIN, Channel.MITID_SUPPORT, Channel.BORGERSERVICE])
def test_other_channels_with_a_chosen_app_block_only_that_app(channel: Channel) -> None:
    decision = decide_block_app(mitid(app(1), app(2)), 1, BlockReason.STOLEN, channel)
    assert decision.method_ids == (1,) and decision.channel is channel


def test_mitid_dk_without_login_blocks_every_active_app_even_when_one_was_chosen() -> None:
    identity = mitid(app(1), app(2), app(3, MethodState.BLOCKED_PERMANENT), display(4))
    decision = decide_block_app(identity, 1, BlockReason.LOST, Channel.MITID_DK_WITHOUT_LOGIN)
    assert decision.method_ids == (1, 2)
    assert decision.action is ActionKind.BLOCK_ALL_APPS
    assert decision.channel is Channel.MITID_DK_WITHOUT_LOGIN


def test_block_all_apps_leaves_code_display_and_chip_working() -> None:
    identity = mitid(app(1), app(2), display(3))
    after = apply(identity, decide_block_all_apps(identity, BlockReason.STOLEN), now=T)
    assert after.methods[2].state is MethodState.ACTIVE
    assert not active_apps(after.methods)


def test_wrong_tries_block_is_temporary_others_are_permanent() -> None:
    identity = mitid(app(1))
    assert decide_block_app(identity, 1, BlockReason.WRONG_TRIES).changes[0].state is MethodState.BLOCKED_TEMPORARY
    for reason in (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED):
        assert decide_block_app(identity, 1, reason).changes[0].state is MethodState.BLOCKED_PERMANENT


def test_misuse_is_refused_for_a_single_app_while_the_mitid_is_active() -> None:
    refused("mitid.misuse_blocks_whole_mitid", decide_block_app, mitid(app(1)), 1, BlockReason.MISUSE)


def test_after_the_whole_mitid_is_blocked_an_app_can_be_blocked_for_misuse_permanently() -> None:
    identity = mitid(app(1), state=IdentityState.BLOCKED)
    assert decide_block_app(identity, 1, BlockReason.MISUSE).changes[0].state is MethodState.BLOCKED_PERMANENT


def test_a_blocked_app_cannot_be_blocked_again() -> None:
    refused("mitid.already_blocked", decide_block_app, mitid(app(1, MethodState.BLOCKED_PERMANENT)), 1, BlockReason.LOST)
    refused("mitid.already_blocked", decide_block_app, mitid(app(1, MethodState.INACTIVE)), 1, BlockReason.STOLEN)
    # Blocked for wrong tries already: the same temporary block again is no action.
    refused(
        "mitid.already_blocked", decide_block_app, mitid(app(1, MethodState.BLOCKED_TEMPORARY)), 1,
        BlockReason.WRONG_TRIES,
    )


@pytest.mark.parametrize("reason", [BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED])
def test_an_app_blocked_for_wrong_tries_is_blocked_for_good_once_it_is_lost_or_stolen(reason: BlockReason) -> None:
    """A block of a lost or stolen app is permanent (DOMAIN.md). An app blocked for wrong tries and then
    reported stolen was refused as "already blocked", so the stolen phone's app stayed reopenable (found by
    a review, stop 31)."""
    identity = mitid(app(1, MethodState.BLOCKED_TEMPORARY), app(2))
    decision = decide_block_app(identity, 1, reason)
    assert [(change.method_id, change.state) for change in decision.changes] == [(1, MethodState.BLOCKED_PERMANENT)]


def test_blocking_all_apps_for_good_takes_those_blocked_for_wrong_tries_too() -> None:
    identity = mitid(app(1), app(2, MethodState.BLOCKED_TEMPORARY), app(3, MethodState.BLOCKED_PERMANENT), display(4))
    stolen = decide_block_all_apps(identity, BlockReason.STOLEN)
    assert {(c.method_id, c.state) for c in stolen.changes} == {
        (1, MethodState.BLOCKED_PERMANENT), (2, MethodState.BLOCKED_PERMANENT)
    }
    tries = decide_block_all_apps(identity, BlockReason.WRONG_TRIES)
    assert [(c.method_id, c.state) for c in tries.changes] == [(1, MethodState.BLOCKED_TEMPORARY)]
    refused("mitid.no_active_apps", decide_block_all_apps, mitid(app(2, MethodState.BLOCKED_TEMPORARY)), BlockReason.WRONG_TRIES)
    assert decide_block_all_apps(mitid(app(2, MethodState.BLOCKED_TEMPORARY)), BlockReason.LOST).changes


def test_a_code_display_is_not_an_app() -> None:
    refused("mitid.not_an_app", decide_block_app, mitid(app(1), display(2)), 2, BlockReason.LOST)


def test_a_method_of_someone_else_is_unknown() -> None:
    refused("mitid.unknown_method", decide_block_app, mitid(app(1)), 99, BlockReason.LOST)


# Reopening -------------------------------------------------------------------------------------------
def test_a_temporary_block_can_be_reopened() -> None:
    identity = mitid(app(1, MethodState.BLOCKED_TEMPORARY))
    assert apply(identity, decide_reopen(identity, 1), now=T).methods[0].state is MethodState.ACTIVE


def test_a_permanent_block_is_never_reopened() -> None:
    refused("mitid.permanent_block", decide_reopen, mitid(app(1, MethodState.BLOCKED_PERMANENT)), 1)


def test_reopening_needs_a_blocked_method() -> None:
    refused("mitid.not_blocked", decide_reopen, mitid(app(1)), 1)


# Users on an app -------------------------------------------------------------------------------------
def test_removing_one_of_two_users_keeps_the_app_active() -> None:
    identity = mitid(app(1, users=("Anne", "Bo")))
    after = apply(identity, decide_remove_app_user(identity, 1, "Bo"), now=T)
    assert after.methods[0].state is MethodState.ACTIVE and after.methods[0].users == ("Anne",)


def test_removing_one_of_two_users_of_the_same_name_keeps_the_other() -> None:
    """A family tablet of father and son, both Jens Hansen: removing one must not remove both (stop 32)."""
    identity = mitid(app(1, users=("Anne", "Jens Hansen", "Jens Hansen")))
    after = apply(identity, decide_remove_app_user(identity, 1, "Jens Hansen"), now=T)
    assert after.methods[0].state is MethodState.ACTIVE and after.methods[0].users == ("Anne", "Jens Hansen")


def test_removing_the_last_user_makes_the_app_inactive() -> None:
    identity = mitid(app(1, users=("Anne",)), app(2), app(3))
    after = apply(identity, decide_remove_app_user(identity, 1, "Anne"), now=T)
    assert after.methods[0].state is MethodState.INACTIVE
    assert len(active_apps(after.methods)) == 2  # and it no longer counts


def test_removing_a_user_who_is_not_on_the_app_is_refused() -> None:
    refused("mitid.unknown_app_user", decide_remove_app_user, mitid(app(1)), 1, "Mallory")


# The whole MitID -------------------------------------------------------------------------------------
def test_misuse_blocks_the_whole_mitid_and_lifting_restores_what_worked() -> None:
    identity = mitid(app(1), app(2, MethodState.BLOCKED_PERMANENT), display(3))
    blocked = apply(identity, decide_block_mitid(identity), now=T)
    assert blocked.state is IdentityState.BLOCKED and blocked.blocked_at == T
    checked = T + timedelta(minutes=5)
    lifted = apply(blocked, decide_lift_mitid_block(blocked, by_supervisor=True, identity_checked_at=checked), now=checked)
    assert lifted.state is IdentityState.ACTIVE
    assert [m.state for m in lifted.methods] == [m.state for m in identity.methods]


def test_a_blocked_mitid_cannot_be_blocked_twice() -> None:
    refused("mitid.whole_mitid_already_blocked", decide_block_mitid, mitid(app(1), state=IdentityState.BLOCKED))


def test_only_a_supervisor_lifts_a_whole_mitid_block() -> None:
    identity = mitid(app(1), state=IdentityState.BLOCKED)
    refused("mitid.supervisor_only", decide_lift_mitid_block, identity, by_supervisor=False, identity_checked_at=T + timedelta(1))


def test_lifting_needs_an_identity_check_made_after_the_block() -> None:
    identity = mitid(app(1), state=IdentityState.BLOCKED)
    refused("mitid.new_identity_check_needed", decide_lift_mitid_block, identity, by_supervisor=True, identity_checked_at=T - timedelta(minutes=1))


def test_no_new_app_and_no_reopening_while_the_whole_mitid_is_blocked() -> None:
    identity = mitid(app(1, MethodState.BLOCKED_TEMPORARY), state=IdentityState.BLOCKED)
    refused("mitid.whole_mitid_blocked", decide_activate_app, identity, "Pixel", "P", "Anne")
    refused("mitid.whole_mitid_blocked", decide_reopen, identity, 1)


def test_the_invariants_notice_a_broken_mitid() -> None:
    broken = mitid(app(1), app(2), app(3), app(4))
    assert [v.code for v in violations(broken)] == ["too_many_active_apps"]
    assert violations(mitid(app(1, users=()))) [0].code == "active_app_without_user"


def test_removing_the_last_user_of_a_blocked_app_keeps_it_blocked() -> None:
    # Found by the property test: the permanent block must not turn into "inactive".
    identity = mitid(app(1, MethodState.BLOCKED_PERMANENT, users=("Anne",)))
    after = apply(identity, decide_remove_app_user(identity, 1, "Anne"), now=T)
    assert after.methods[0].state is MethodState.BLOCKED_PERMANENT and after.methods[0].users == ()


def test_an_app_whose_users_were_removed_while_blocked_is_not_reopened() -> None:
    # Found in review (and by the property test with more examples): it would be active with nobody on it.
    identity = mitid(app(1, MethodState.BLOCKED_TEMPORARY, users=("Anne",)))
    emptied = apply(identity, decide_remove_app_user(identity, 1, "Anne"), now=T)
    refused("mitid.app_without_users", decide_reopen, emptied, 1)
