"""Account rules pinned where mutation testing (`make mutate`) found them unpinned."""

from __future__ import annotations

from datetime import timedelta

from borgerservice_desk.domain.accounts import LockoutPolicy


def test_a_lock_past_thirty_two_doublings_is_the_cap_even_when_the_first_lock_is_long() -> None:
    # The early return is what keeps `first * 2**n` from overflowing timedelta; with a first lock of a
    # day, 2**32 days is past what timedelta can hold, so the guard must already apply at 32 doublings.
    # (The policies in use start at one minute; a first lock of a day would already overflow at 31.)
    policy = LockoutPolicy(threshold=3, first=timedelta(days=1), cap=timedelta(days=7))
    assert policy.lock_for(3 + 32) == timedelta(days=7)
    assert policy.lock_for(3 + 1000) == timedelta(days=7)
