from datetime import UTC, datetime

import pytest

from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Method,
    MethodKind,
    MethodState,
    active_apps,
    ensure_room_for_new_app,
    plan_app_block,
)
from borgerservice_desk.errors import RuleViolation

T = datetime(2026, 1, 1, tzinfo=UTC)


def app(id_: int, state: MethodState = MethodState.ACTIVE, label: str = "iPhone 15") -> Method:
    return Method(id_, MethodKind.APP, state, label, T, T)


def display(id_: int) -> Method:
    return Method(id_, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV-1", T, T)


def test_fourth_app_is_refused_while_three_are_active() -> None:
    methods = [app(1, label="A"), app(2, label="B"), app(3, label="C"), display(4)]
    with pytest.raises(RuleViolation) as caught:
        ensure_room_for_new_app(methods)
    assert caught.value.code == "mitid.too_many_apps"
    assert caught.value.params["active_apps"] == ["A", "B", "C"]


def test_a_blocked_app_makes_room_for_a_new_one() -> None:
    ensure_room_for_new_app([app(1), app(2), app(3, MethodState.BLOCKED_PERMANENT)])


def test_only_active_apps_count_not_displays_or_blocked_apps() -> None:
    methods = [app(1), app(2, MethodState.BLOCKED_TEMPORARY), app(3, MethodState.INACTIVE), display(4)]
    assert [m.id for m in active_apps(methods)] == [1]


def test_blocking_one_app_at_the_counter_stops_only_that_app() -> None:
    plan = plan_app_block([app(1), app(2), display(3)], 2, BlockReason.LOST, Channel.BORGERSERVICE)
    assert plan.method_ids == (2,)
    assert plan.new_state is MethodState.BLOCKED_PERMANENT
    assert plan.action is ActionKind.BLOCK_APP


@pytest.mark.parametrize("channel", [Channel.APP, Channel.MITID_DK_AFTER_LOGIN, Channel.MITID_SUPPORT])
def test_other_channels_with_a_chosen_app_block_only_that_app(channel: Channel) -> None:
    assert plan_app_block([app(1), app(2)], 1, BlockReason.STOLEN, channel).method_ids == (1,)


def test_mitid_dk_without_login_blocks_every_active_app() -> None:
    methods = [app(1), app(2), app(3, MethodState.BLOCKED_PERMANENT), display(4)]
    plan = plan_app_block(methods, 1, BlockReason.LOST, Channel.MITID_DK_WITHOUT_LOGIN)
    assert plan.method_ids == (1, 2)
    assert plan.action is ActionKind.BLOCK_ALL_APPS


def test_wrong_tries_block_is_temporary_others_are_permanent() -> None:
    assert plan_app_block([app(1)], 1, BlockReason.WRONG_TRIES, Channel.BORGERSERVICE).new_state is (
        MethodState.BLOCKED_TEMPORARY
    )
    for reason in (BlockReason.LOST, BlockReason.STOLEN, BlockReason.REPLACED):
        assert plan_app_block([app(1)], 1, reason, Channel.BORGERSERVICE).new_state is (
            MethodState.BLOCKED_PERMANENT
        )


def test_misuse_is_refused_for_a_single_app() -> None:
    with pytest.raises(RuleViolation) as caught:
        plan_app_block([app(1)], 1, BlockReason.MISUSE, Channel.BORGERSERVICE)
    assert caught.value.code == "mitid.misuse_blocks_whole_mitid"


def test_a_blocked_app_cannot_be_blocked_again() -> None:
    with pytest.raises(RuleViolation) as caught:
        plan_app_block([app(1, MethodState.BLOCKED_PERMANENT)], 1, BlockReason.LOST, Channel.BORGERSERVICE)
    assert caught.value.code == "mitid.already_blocked"


def test_a_code_display_is_not_an_app_to_block_here() -> None:
    with pytest.raises(RuleViolation) as caught:
        plan_app_block([app(1), display(2)], 2, BlockReason.LOST, Channel.BORGERSERVICE)
    assert caught.value.code == "mitid.not_an_app"
