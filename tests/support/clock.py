"""A clock a test can move: services read the time through it, so a rule can be tried at a chosen moment."""

from __future__ import annotations

from datetime import datetime, timedelta


class MovableClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment

    def advance(self, by: timedelta) -> None:
        self.now += by
