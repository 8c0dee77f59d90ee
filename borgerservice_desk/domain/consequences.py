"""What an action on a MitID means for the citizen, as facts: the one source of every consequence text.

Dialogs (ui/) and receipts (receipts/) render these facts; neither decides on its own what still works.
Given the MitID before an action and after it (`mitid.apply`), `consequences` says which methods stop
working, which keep working, which start working (again), which stay blocked and why, whether the
citizen must activate a new app, and whether nothing is left working.

A method *works* when it is active and the whole MitID is not blocked (DOMAIN.md: a whole-MitID block
stops every method, for the citizen too).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from borgerservice_desk.domain.mitid import (
    ActionKind,
    Identity,
    Method,
    MethodKind,
    MethodState,
    method_works,
)


@dataclass(frozen=True)
class MethodRef:
    """A method as the citizen knows it: its kind and its phone model or serial."""

    kind: MethodKind
    label: str


class WhyNot(enum.StrEnum):
    """Why a method does not work."""

    PERMANENT = "permanent"  # blocked for good: never reopened, the citizen activates a new one
    TEMPORARY = "temporary"  # blocked for wrong tries: can be reopened
    INACTIVE = "inactive"  # its last user was removed
    WHOLE_MITID = "whole_mitid"  # the method itself is fine, the whole MitID is blocked


@dataclass(frozen=True)
class NotWorking:
    method: MethodRef
    why: WhyNot


@dataclass(frozen=True)
class Consequences:
    action: ActionKind
    stops: tuple[NotWorking, ...]  # worked before, does not after (and why not)
    keeps_working: tuple[MethodRef, ...]  # worked before and after
    starts_working: tuple[MethodRef, ...]  # did not work before, works after (reopened, lifted, new)
    stays_blocked: tuple[NotWorking, ...]  # worked neither before nor after (and why not)
    must_activate_new_app: bool  # the citizen had apps, none works and none can come back
    nothing_works: bool  # after the action no method works at all

    def stops_because(self, why: WhyNot) -> tuple[MethodRef, ...]:
        return tuple(n.method for n in self.stops if n.why is why)

    def stays_because(self, why: WhyNot) -> tuple[MethodRef, ...]:
        return tuple(n.method for n in self.stays_blocked if n.why is why)


def why_not(identity: Identity, method: Method) -> WhyNot:
    """Why a method that does not work does not; its own block weighs more than the whole-MitID one."""
    if method.state is MethodState.BLOCKED_PERMANENT:
        return WhyNot.PERMANENT
    if method.state is MethodState.BLOCKED_TEMPORARY:
        return WhyNot.TEMPORARY
    if method.state is MethodState.INACTIVE:
        return WhyNot.INACTIVE
    return WhyNot.WHOLE_MITID


def _ref(method: Method) -> MethodRef:
    return MethodRef(method.kind, method.label)


def consequences(before: Identity, after: Identity, action: ActionKind) -> Consequences:
    """The facts of an action; `after` is `mitid.apply(before, decision, ...)` (same methods, same order,
    a new app appended)."""
    after_by_id = {m.id: m for m in after.methods if m.id is not None}
    pairs: list[tuple[Method | None, Method]] = []
    for index, old in enumerate(before.methods):
        found = after_by_id.get(old.id) if old.id is not None else None
        if found is None and index < len(after.methods):
            found = after.methods[index]
        if found is not None:
            pairs.append((old, found))
    seen = {id(new) for _, new in pairs}
    pairs.extend((None, m) for m in after.methods if id(m) not in seen)

    stops: list[NotWorking] = []
    keeps: list[MethodRef] = []
    starts: list[MethodRef] = []
    stays: list[NotWorking] = []
    for earlier, new in pairs:
        worked = earlier is not None and method_works(before, earlier)
        working = method_works(after, new)
        if worked and working:
            keeps.append(_ref(new))
        elif worked:
            stops.append(NotWorking(_ref(new), why_not(after, new)))
        elif working:
            starts.append(_ref(new))
        else:
            stays.append(NotWorking(_ref(new), why_not(after, new)))

    apps = [m for m in after.methods if m.kind is MethodKind.APP]
    # An app can come back by a reopen (a temporary block of an app that still has users) or by lifting
    # the whole-MitID block; only when neither can happen must the citizen activate a new one.
    app_can_come_back = any(
        m.state is MethodState.ACTIVE or (m.state is MethodState.BLOCKED_TEMPORARY and m.users) for m in apps
    )
    return Consequences(
        action=action,
        stops=tuple(stops),
        keeps_working=tuple(keeps),
        starts_working=tuple(starts),
        stays_blocked=tuple(stays),
        must_activate_new_app=bool(apps) and not app_can_come_back,
        nothing_works=not any(method_works(after, m) for m in after.methods),
    )
