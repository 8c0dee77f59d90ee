"""MitID rules pinned where mutation testing found them unpinned: what the list of methods shows as
working (a whole-MitID block stops every method, DOMAIN.md), that a new app needs both its model and
its user and keeps what was typed, and that a refused user removal names the app it was about."""

from __future__ import annotations

import pytest

from borgerservice_desk.domain.mitid import (
    ActionKind,
    IdentityState,
    MethodKind,
    MethodState,
    NewApp,
    apply,
    decide_activate_app,
    decide_remove_app_user,
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
