"""The account rules: which passwords a clerk may choose, and how long wrong sign-ins lock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from borgerservice_desk.domain.accounts import (
    DESK_LOCKOUT,
    USER_LOCKOUT,
    LockoutPolicy,
    check_password,
    check_username,
)
from borgerservice_desk.errors import InvalidInput


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("", "password.too_short"),
        ("Kort1!", "password.too_short"),
        ("x" * 129 + "Abc1", "password.too_long"),
        ("line.sorensen-2026", "password.contains_username"),
        ("LINE.SORENSEN", "password.contains_username"),
        ("demodemodemo", "password.too_simple"),
        ("demo12345678", "password.too_simple"),
        ("Password2026!", "password.too_simple"),
        ("adgangskode1", "password.too_simple"),
        ("aaaaaaaaaaaa", "password.too_simple"),
        ("1212121212", "password.too_simple"),
        ("0123456789", "password.too_simple"),
    ],
)
def test_a_weak_password_is_refused_with_its_reason(password: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password(password, username="line.sorensen")
    assert caught.value.code == code


@pytest.mark.parametrize("password", ["Rugbrød og Sild 7", "kaffe-kande-42", "Tårnfalk.Fjord", "x" * 120 + "Abc1"])
def test_a_long_enough_password_of_ones_own_is_accepted(password: str) -> None:
    check_password(password, username="line.sorensen")


@pytest.mark.parametrize("name", ["", "   ", "a b", "x" * 61, "line;drop"])
def test_a_user_name_must_be_short_and_plain(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_username(name)
    assert caught.value.code == "clerk.bad_username"


def test_a_user_name_is_kept_trimmed_and_in_lower_case() -> None:
    assert check_username("  Line.Sorensen ") == "line.sorensen"


def test_a_user_is_locked_after_five_wrong_tries_and_the_lock_doubles_up_to_an_hour() -> None:
    minutes = [USER_LOCKOUT.lock_for(n) for n in range(1, 14)]
    assert minutes[:4] == [None] * 4
    assert [m // timedelta(minutes=1) for m in minutes[4:] if m is not None] == [1, 2, 4, 8, 16, 32, 60, 60, 60]
    assert USER_LOCKOUT.lock_for(10_000) == timedelta(minutes=60)


def test_a_desk_allows_more_wrong_tries_than_one_name() -> None:
    assert DESK_LOCKOUT.lock_for(9) is None
    assert DESK_LOCKOUT.lock_for(10) == timedelta(minutes=1)


def test_wrong_tries_long_ago_are_forgotten() -> None:
    policy = LockoutPolicy(threshold=5, first=timedelta(minutes=1), cap=timedelta(hours=1))
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert policy.failures_after(4, now - timedelta(hours=1), now) == 5
    assert policy.failures_after(4, now - timedelta(hours=25), now) == 1
    assert policy.failures_after(0, None, now) == 1


def test_the_limits_are_inclusive_and_the_refusal_says_the_limit() -> None:
    # Found by mutation testing: the boundaries and the numbers the clerk is told were not pinned.
    assert check_username("a" * 60) == "a" * 60
    assert check_username("ole.hansen_2-b") == "ole.hansen_2-b"
    with pytest.raises(InvalidInput) as caught:
        check_username("a" * 61)
    assert caught.value.params == {"max_length": 60}
    with pytest.raises(InvalidInput) as caught:
        check_username("ole hansen")
    assert caught.value.code == "clerk.bad_username"

    check_password("Rød-" + "x" * 124, username="ole")  # exactly 128
    with pytest.raises(InvalidInput) as caught:
        check_password("Rød-" + "x" * 125, username="ole")
    assert (caught.value.code, caught.value.params) == ("password.too_long", {"max_length": 128})
    with pytest.raises(InvalidInput) as caught:
        check_password("Rød-xxxxx", username="ole")  # 9 characters
    assert (caught.value.code, caught.value.params) == ("password.too_short", {"min_length": 10})


def test_four_different_characters_are_enough_and_three_are_not() -> None:
    check_password("abcdabcdab", username="ole")
    with pytest.raises(InvalidInput) as caught:
        check_password("abcabcabca", username="ole")
    assert caught.value.code == "password.too_simple"


def test_a_try_exactly_at_the_forgetting_time_still_counts() -> None:
    policy = LockoutPolicy(threshold=5, first=timedelta(minutes=1), cap=timedelta(hours=1))
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    assert policy.failures_after(4, now - policy.forget_after, now) == 5
    assert policy.failures_after(4, now - policy.forget_after - timedelta(microseconds=1), now) == 1
