"""A citizen without MitID gets one at the counter, with its first method.

The MitID is issued with one method: an app (activated with an activation code from the counter) or a
device from the centre's stock; every method kind may come first. The errand's identity requirements are
those of `errands.Errand.ISSUE_MITID`.
"""

from __future__ import annotations

from borgerservice_desk.errors import RuleViolation


def check_issue(*, has_mitid: bool) -> None:
    """One MitID per citizen: a citizen who has one gets a new method, not a second MitID."""
    if has_mitid:
        raise RuleViolation("mitid.already_issued")
