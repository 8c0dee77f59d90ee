"""Rules for the clerks' accounts: what a password must be, and how long repeated wrong sign-ins lock an
account or a desk. Pure: no clock, no database; the service hands in the time and the counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from borgerservice_desk.domain.text_limits import USERNAME_MAX
from borgerservice_desk.errors import InvalidInput

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128  # argon2 takes any length; a bound keeps a pasted novel from costing work
USERNAME_MAX_LENGTH = USERNAME_MAX  # the clerk.username column (one home: text_limits)

# Words that make a password guessable however long it is made by repeating them.
_TRIVIAL_WORDS = ("demo", "password", "adgangskode", "kodeord", "borgerservice", "qwerty", "123456", "abcdef")


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_username(username: str) -> str:
    """The user name as stored (trimmed, lower case); refused when empty, too long or with odd characters."""
    name = normalise_username(username)
    if not name or len(name) > USERNAME_MAX_LENGTH or not all(c.isalnum() or c in "._-" for c in name):
        raise InvalidInput("clerk.bad_username", max_length=USERNAME_MAX_LENGTH)
    return name


def check_password(password: str, *, username: str) -> None:
    """Refuse a password a clerk may not choose; raises InvalidInput with a `password.*` code."""
    if len(password) < PASSWORD_MIN_LENGTH:
        raise InvalidInput("password.too_short", min_length=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        raise InvalidInput("password.too_long", max_length=PASSWORD_MAX_LENGTH)
    folded = password.casefold()
    name = normalise_username(username).casefold()
    if name and (name in folded or folded in name):
        raise InvalidInput("password.contains_username")
    if len(set(folded)) < 4 or _only_trivial(folded):
        raise InvalidInput("password.too_simple")


def _only_trivial(folded: str) -> bool:
    """True when the password is a trivial word (or digits) repeated or padded with digits only."""
    rest = folded
    for word in _TRIVIAL_WORDS:
        rest = rest.replace(word, "")
    return all(c.isdigit() or not c.isalnum() for c in rest)


@dataclass(frozen=True)
class LockoutPolicy:
    """After `threshold` wrong tries in a row the name (or desk) is locked for `first`, then twice as long
    for every further wrong try after the lock ends, up to `cap`. Tries older than `forget_after` are
    forgotten."""

    threshold: int
    first: timedelta
    cap: timedelta
    forget_after: timedelta = timedelta(hours=24)

    def lock_for(self, failures: int) -> timedelta | None:
        """How long to lock after the `failures`-th wrong try in a row; None below the threshold."""
        if failures < self.threshold:
            return None
        doublings = failures - self.threshold
        if doublings >= 32:  # 2**32 minutes is past any cap; spare the big number
            return self.cap
        return min(self.first * (1 << doublings), self.cap)

    def failures_after(self, failures: int, last_failure_at: datetime | None, now: datetime) -> int:
        """The count of wrong tries in a row once another one happens at `now`."""
        if last_failure_at is None or now - last_failure_at > self.forget_after:
            return 1
        return failures + 1


# One user name at one desk: five wrong tries, then 1, 2, 4, ... minutes, at most an hour. Tries at another
# desk count apart, so nobody locks a clerk out of their own desk by typing her name elsewhere.
USER_LOCKOUT = LockoutPolicy(threshold=5, first=timedelta(minutes=1), cap=timedelta(minutes=60))
# One user name at all desks together: a much higher cap, which still stops guessing one name from many desks.
USER_ALL_DESKS_LOCKOUT = LockoutPolicy(threshold=20, first=timedelta(minutes=1), cap=timedelta(minutes=60))
# One desk: several clerks may mistype there, so more tries; it stops trying many names from one desk.
DESK_LOCKOUT = LockoutPolicy(threshold=10, first=timedelta(minutes=1), cap=timedelta(minutes=60))
