"""MitID rules pinned where mutation testing found them unpinned: what the list of methods shows as
working (a whole-MitID block stops every method, DOMAIN.md), that a new app needs both its model and
its user and keeps what was typed, that each refusal names the method it was about, that each decision
records what a service stores (action, reason, channel), and the inclusive edges of the rules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Decision,
    IdentityState,
    MethodChange,
    MethodKind,
    MethodState,
    NewApp,
    apply,
    decide_activate_app,
    decide_block_all_apps,
    decide_block_app,
    decide_block_mitid,
    decide_lift_mitid_block,
    decide_remove_app_user,
    decide_reopen,
    method_works,
)
from borgerservice_desk.errors import RuleViolation
from tests.unit.test_mitid_rules import T, app, display, mitid, refused


def test_an_active_method_of_an_active_mitid_works() -> None:
    identity = mitid(app(1), display(2))
    assert method_works(identity, identity.methods[0]) is True
    assert method_works(identity, identity.methods[1]) is True


def test_a_whole_mitid_block_stops_even_the_methods_that_are_active_underneath() -> None:
    identity = mitid(app(1), display(2), state=IdentityState.BLOCKED)
    assert [method_works(identity, m) for m in identity.methods] == [False, False]


@pytest.mark.parametrize(
    "state", [MethodState.BLOCKED_TEMPORARY, MethodState.BLOCKED_PERMANENT, MethodState.INACTIVE]
)
def test_a_blocked_or_inactive_method_does_not_work_though_the_mitid_is_active(state: MethodState) -> None:
    identity = mitid(app(1, state), app(2))
    assert method_works(identity, identity.methods[0]) is False
    assert method_works(identity, identity.methods[1]) is True


@pytest.mark.parametrize(("model", "user"), [("", "Anne"), ("  ", "Anne"), ("Pixel 8", ""), ("Pixel 8", " \t")])
def test_a_new_app_needs_both_the_model_and_the_user(model: str, user: str) -> None:
    refused("mitid.app_details_missing", decide_activate_app, mitid(app(1)), model, "Annes telefon", user)


def test_a_new_app_keeps_what_was_typed_without_the_stray_spaces() -> None:
    decision = decide_activate_app(mitid(app(1)), " Pixel 8 ", " Annes telefon ", " Anne ")
    assert decision.action is ActionKind.ACTIVATE_APP
    assert decision.new_app == NewApp("Pixel 8", "Annes telefon", "Anne")
    added = apply(mitid(app(1)), decision, now=T, new_app_id=7).methods[-1]
    assert (added.id, added.kind, added.state, added.label) == (7, MethodKind.APP, MethodState.ACTIVE, "Pixel 8")
    assert (added.device_name, added.users, added.activated_at) == ("Annes telefon", ("Anne",), T)


@pytest.mark.parametrize("device_name", ["", "   "])
def test_a_new_app_without_a_device_name_is_called_by_its_model(device_name: str) -> None:
    decision = decide_activate_app(mitid(), "Pixel 8", device_name, "Anne")
    assert decision.new_app == NewApp("Pixel 8", "Pixel 8", "Anne")


def test_removing_a_user_is_recorded_as_a_user_removal_of_that_user() -> None:
    identity = mitid(app(1, users=("Anne", "Bo")))
    decision = decide_remove_app_user(identity, 1, "Bo")
    assert decision.action is ActionKind.REMOVE_APP_USER
    assert decision.removed_user == "Bo"
    assert decision.method_ids == (1,)


def test_a_refused_user_removal_names_the_app_it_was_about() -> None:
    identity = mitid(app(1), app(2, users=()))
    with pytest.raises(RuleViolation) as no_users:
        decide_remove_app_user(identity, 2, "Anne")
    assert (no_users.value.code, no_users.value.params) == ("mitid.no_app_users", {"method_id": 2})
    with pytest.raises(RuleViolation) as unknown:
        decide_remove_app_user(identity, 1, "Bo")
    assert (unknown.value.code, unknown.value.params) == ("mitid.unknown_app_user", {"method_id": 1})


def _refusal(action: object, *args: object, **kwargs: object) -> tuple[str, dict[str, object]]:
    with pytest.raises(RuleViolation) as caught:
        action(*args, **kwargs)  # type: ignore[operator]
    return caught.value.code, caught.value.params


def test_each_refusal_about_one_method_names_that_method_and_its_state() -> None:
    identity = mitid(
        app(1, MethodState.BLOCKED_PERMANENT), app(2, MethodState.BLOCKED_TEMPORARY, users=()), display(3), app(4)
    )
    assert _refusal(identity.method, 9) == ("mitid.unknown_method", {"method_id": 9})
    assert _refusal(decide_block_app, identity, 3, BlockReason.LOST) == ("mitid.not_an_app", {"method_id": 3})
    assert _refusal(decide_block_app, identity, 1, BlockReason.LOST) == (
        "mitid.already_blocked", {"method_id": 1, "state": "blocked_permanent"}
    )
    assert _refusal(decide_reopen, identity, 1) == ("mitid.permanent_block", {"method_id": 1})
    assert _refusal(decide_reopen, identity, 2) == ("mitid.app_without_users", {"method_id": 2})
    assert _refusal(decide_reopen, identity, 4) == ("mitid.not_blocked", {"method_id": 4, "state": "active"})


def test_all_apps_are_not_blocked_for_misuse_before_the_whole_mitid_is() -> None:
    # DOMAIN.md: suspected misuse blocks the whole MitID, not just apps; after that the apps may be blocked
    # for misuse too, and then for good.
    active = mitid(app(1), app(2))
    assert _refusal(decide_block_all_apps, active, BlockReason.MISUSE) == ("mitid.misuse_blocks_whole_mitid", {})
    blocked = mitid(app(1), app(2), state=IdentityState.BLOCKED)
    decision = decide_block_all_apps(blocked, BlockReason.MISUSE)
    assert decision.changes == (
        MethodChange(1, MethodState.BLOCKED_PERMANENT), MethodChange(2, MethodState.BLOCKED_PERMANENT)
    )


def test_an_app_block_records_its_reason_and_the_way_it_came_through() -> None:
    decision = decide_block_app(mitid(app(1), app(2)), 2, BlockReason.STOLEN, Channel.MITID_SUPPORT)
    assert decision == Decision(
        ActionKind.BLOCK_APP,
        (MethodChange(2, MethodState.BLOCKED_PERMANENT),),
        reason=BlockReason.STOLEN,
        channel=Channel.MITID_SUPPORT,
    )


def test_blocking_all_apps_records_its_reason_and_the_way_it_came_through() -> None:
    decision = decide_block_all_apps(mitid(app(1), display(2)), BlockReason.WRONG_TRIES, Channel.MITID_DK_WITHOUT_LOGIN)
    assert decision == Decision(
        ActionKind.BLOCK_ALL_APPS,
        (MethodChange(1, MethodState.BLOCKED_TEMPORARY),),
        reason=BlockReason.WRONG_TRIES,
        channel=Channel.MITID_DK_WITHOUT_LOGIN,
    )


def test_a_whole_mitid_block_is_recorded_as_misuse_with_the_way_it_came_through() -> None:
    decision = decide_block_mitid(mitid(app(1)), Channel.MITID_SUPPORT)
    assert decision == Decision(
        ActionKind.BLOCK_MITID,
        identity_state=IdentityState.BLOCKED,
        reason=BlockReason.MISUSE,
        channel=Channel.MITID_SUPPORT,
    )


def test_reopening_and_lifting_are_recorded_as_what_they_are() -> None:
    identity = mitid(app(1, MethodState.BLOCKED_TEMPORARY))
    assert decide_reopen(identity, 1) == Decision(
        ActionKind.REOPEN_METHOD, (MethodChange(1, MethodState.ACTIVE),)
    )
    blocked = mitid(app(1), state=IdentityState.BLOCKED)
    lifted = decide_lift_mitid_block(blocked, by_supervisor=True, identity_checked_at=T + timedelta(minutes=5))
    assert lifted == Decision(ActionKind.LIFT_MITID_BLOCK, identity_state=IdentityState.ACTIVE)


def test_an_identity_check_at_the_very_moment_of_the_block_is_not_one_made_after_it() -> None:
    # DOMAIN.md: the block is lifted after a *new* identity check; the one that led to the block is not new.
    blocked = mitid(app(1), state=IdentityState.BLOCKED)  # blocked at T
    assert _refusal(decide_lift_mitid_block, blocked, by_supervisor=True, identity_checked_at=T) == (
        "mitid.new_identity_check_needed", {}
    )
    after = decide_lift_mitid_block(blocked, by_supervisor=True, identity_checked_at=T + timedelta(microseconds=1))
    assert after.identity_state is IdentityState.ACTIVE
