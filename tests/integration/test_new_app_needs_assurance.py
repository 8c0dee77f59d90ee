"""A new app activated at the counter (Ctrl+N, MitidService.activate_app) needs what its activation code
needs (DOMAIN.md, "Getting going again": a new app at Borgerservice is the activation-code route): the
documents, and control questions or a witness. Found by a review: a passport without its CPR number (level
NONE) had the code refused, yet the same visit got a working app with no questions and no witness."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.assurance.documents import DocumentType
from borgerservice_desk.domain.assurance.errands import Errand
from borgerservice_desk.domain.assurance.levels import Level
from borgerservice_desk.domain.mitid import ActionKind, BlockReason, MethodKind, MethodState
from borgerservice_desk.errors import RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Citizen, MitidAction, MitidIdentity, MitidMethod
from tests.support.assurance import checked, citizens, give_register_facts, pass_questions


def _active_apps(services: Services, citizen: Citizen) -> list[str]:
    with services.db.read() as session:
        identity = session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == citizen.id)).one()
        return [
            m.label
            for m in session.scalars(
                select(MitidMethod).where(
                    MitidMethod.identity_id == identity.id, MitidMethod.kind == MethodKind.APP,
                    MitidMethod.state == MethodState.ACTIVE,
                )
            )
        ]


def _refusals(services: Services) -> list[dict[str, object]]:
    with services.db.read() as session:
        return [
            dict(e.detail)
            for e in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action == "mitid.activate_app", AuditEntry.outcome == "refused")
                .order_by(AuditEntry.seq)
            )
        ]


def _citizen(services: Services) -> Citizen:
    citizen = citizens(services, active_apps=0)[0]
    give_register_facts(services.db, citizen.id)
    return citizen


def test_a_passport_without_cpr_number_gets_neither_the_code_nor_the_app(
    services: Services, clerk: ClerkContext
) -> None:
    citizen = _citizen(services)
    visit = checked(services, clerk, citizen, with_cpr=False)
    overview = services.assurance.overview(clerk, visit)
    assert overview.level is Level.NONE
    with pytest.raises(RuleViolation) as code_refused:
        services.recovery.issue_activation_code(clerk, visit)

    with pytest.raises(RuleViolation) as app_refused:
        services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)

    # The same refusal as the code's, naming the same gaps, so the clerk hears one answer for both.
    assert app_refused.value.code == code_refused.value.code == "assurance.insufficient"
    assert app_refused.value.params == code_refused.value.params == {
        "errand": "activation_code", "missing": ["cpr_document", "questions_or_witness"],
    }
    assert _active_apps(services, citizen) == []
    with services.db.read() as session:
        assert session.scalars(select(MitidAction).where(MitidAction.visit_id == visit)).first() is None
    # Recorded, with what was missing.
    assert _refusals(services) == [
        {"visit_id": visit, "method_id": None, "refusal": "assurance.insufficient", "errand": "activation_code",
         "missing": "cpr_document,questions_or_witness"},
    ]


def _witness(services: Services, clerk: ClerkContext, visit: int, citizen: Citizen) -> None:
    witness = next(w for w in citizens(services, witness=True) if w.id != citizen.id)
    assert witness.cpr is not None
    services.assurance.accept_witness(clerk, visit, witness.cpr, photo_id_valid=True, own_mitid_shown=True)


def _health_card(services: Services, clerk: ClerkContext, visit: int, citizen: Citizen) -> None:
    services.assurance.record_document(clerk, visit, DocumentType.HEALTH_CARD, "DNK", cpr=citizen.cpr)


def _licence_app(services: Services, clerk: ClerkContext, visit: int, citizen: Citizen) -> None:
    """The driving-licence app: the substantial level, not the high one (a chip would need that)."""
    services.assurance.record_document(clerk, visit, DocumentType.DRIVING_LICENCE_APP, "DNK", cpr=citizen.cpr)
    assert services.assurance.overview(clerk, visit).level is Level.SUBSTANTIAL


SetUp = Callable[[Services, ClerkContext, Citizen], int]
SET_UPS: dict[str, tuple[SetUp, list[str]]] = {
    "passport without CPR": (lambda s, c, p: checked(s, c, p, with_cpr=False), ["cpr_document", "questions_or_witness"]),
    "passport without CPR, questions": (
        lambda s, c, p: _then(checked(s, c, p, with_cpr=False), lambda v: pass_questions(s, c, v)), ["cpr_document"],
    ),
    "passport without CPR, health card": (
        lambda s, c, p: _then(checked(s, c, p, with_cpr=False), lambda v: _health_card(s, c, v, p)),
        ["questions_or_witness"],
    ),
    "passport with CPR": (lambda s, c, p: checked(s, c, p), ["questions_or_witness"]),
    "passport with CPR, questions": (lambda s, c, p: _then(checked(s, c, p), lambda v: pass_questions(s, c, v)), []),
    "passport with CPR, witness": (lambda s, c, p: _then(checked(s, c, p), lambda v: _witness(s, c, v, p)), []),
    "passport without CPR, licence app, questions": (
        lambda s, c, p: _then(
            checked(s, c, p, with_cpr=False), lambda v: (_licence_app(s, c, v, p), pass_questions(s, c, v))
        ),
        [],
    ),
    "passport without CPR, health card, questions": (
        lambda s, c, p: _then(
            checked(s, c, p, with_cpr=False), lambda v: (_health_card(s, c, v, p), pass_questions(s, c, v))
        ),
        [],
    ),
}


def _then(visit: int, more: Callable[[int], object]) -> int:
    more(visit)
    return visit


def test_a_new_app_is_allowed_exactly_when_its_activation_code_would_be(
    services: Services, clerk: ClerkContext
) -> None:
    """One rule: the activation code errand's requirements, whatever the visit established (one citizen
    without apps for each set-up)."""
    people = citizens(services, active_apps=0)[: len(SET_UPS)]
    assert len(people) == len(SET_UPS)
    for citizen, (set_up, (make, missing)) in zip(people, SET_UPS.items(), strict=True):
        give_register_facts(services.db, citizen.id)
        visit = make(services, clerk, citizen)
        gaps = services.assurance.overview(clerk, visit).gaps[Errand.ACTIVATION_CODE]
        assert [g.value for g in gaps] == missing, set_up
        if missing:
            with pytest.raises(RuleViolation) as refused:
                services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
            assert refused.value.code == "assurance.insufficient", set_up
            assert refused.value.params["missing"] == missing, set_up
            assert _active_apps(services, citizen) == [], set_up
        else:
            done = services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
            assert done.action is ActionKind.ACTIVATE_APP, set_up
            assert _active_apps(services, citizen) == ["Pixel 9"], set_up


def test_the_rules_own_refusals_come_first(services: Services, clerk: ClerkContext) -> None:
    """A fourth app is refused as such (naming the three, so the clerk can offer to block one), whatever the
    visit established: the clerk hears first what no document can change; then what the visit lacks."""
    citizen = citizens(services, active_apps=3)[0]
    visit = checked(services, clerk, citizen, with_cpr=False)
    with pytest.raises(RuleViolation) as refused:
        services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
    assert refused.value.code == "mitid.too_many_apps"
    services.mitid.block_app(clerk, visit, _active_ids(services, citizen)[0], BlockReason.REPLACED)
    with pytest.raises(RuleViolation) as refused:
        services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
    assert refused.value.code == "assurance.insufficient"
    assert len(_active_apps(services, citizen)) == 2


def test_the_window_asks_before_the_details_are_typed_and_the_refusal_is_recorded(
    services: Services, clerk: ClerkContext
) -> None:
    """`require_assurance`: what the window asks before the new app's dialog opens."""
    citizen = _citizen(services)
    visit = checked(services, clerk, citizen, with_cpr=False)
    with pytest.raises(RuleViolation) as refused:
        services.mitid.require_assurance(clerk, visit, ActionKind.ACTIVATE_APP)
    assert refused.value.code == "assurance.insufficient"
    assert refused.value.params["missing"] == ["cpr_document", "questions_or_witness"]
    assert _refusals(services) == [
        {"visit_id": visit, "method_id": None, "refusal": "assurance.insufficient", "errand": "activation_code",
         "missing": "cpr_document,questions_or_witness"},
    ]
    # Blocking needs only the passed check: stopping harm must stay quick.
    services.mitid.require_assurance(clerk, visit, ActionKind.BLOCK_ALL_APPS)

    _health_card(services, clerk, visit, citizen)
    pass_questions(services, clerk, visit)
    services.mitid.require_assurance(clerk, visit, ActionKind.ACTIVATE_APP)
    assert len(_refusals(services)) == 1  # a visit that is ready is not recorded as refused


def test_blocking_still_needs_only_the_passed_check(services: Services, clerk: ClerkContext) -> None:
    """The rule is for what gives a working method again: a lost phone is blocked on the passport alone."""
    citizen = citizens(services, active_apps=1)[0]
    visit = checked(services, clerk, citizen, with_cpr=False)
    assert services.assurance.overview(clerk, visit).level is Level.NONE
    (app,) = _active_ids(services, citizen)
    services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    assert _active_apps(services, citizen) == []
    with pytest.raises(RuleViolation) as refused:
        services.mitid.activate_app(clerk, visit, "Pixel 9", "Ny telefon", citizen.given_names)
    assert refused.value.code == "assurance.insufficient"


def _active_ids(services: Services, citizen: Citizen) -> list[int]:
    overview = services.citizens.mitid_overview(services.auth.sign_in("clerk", "demo"), citizen.id, "test")
    return [m.id for m in overview.methods if m.counts_as_active_app and m.id is not None]
