"""What each errand needs, and the three-app rule, expiry and supersession of activation codes."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from borgerservice_desk.domain.assurance import activation_code as codes
from borgerservice_desk.domain.assurance.activation_code import CodeState, IssuedCode, decide_issue
from borgerservice_desk.domain.assurance.devices import (
    StockItem,
    StockState,
    check_hand_out,
    decide_block_device,
    normalise_serial,
)
from borgerservice_desk.domain.assurance.documents import DocumentType, PresentedDocument
from borgerservice_desk.domain.assurance.errands import Assurance, Errand, Gap, gaps, ready_errands, require
from borgerservice_desk.domain.assurance.first_mitid import check_issue
from borgerservice_desk.domain.mitid import (
    BlockReason,
    Identity,
    IdentityState,
    Method,
    MethodKind,
    MethodState,
)
from borgerservice_desk.errors import InvalidInput, RuleViolation

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
DK_PASSPORT = PresentedDocument(DocumentType.PASSPORT, "DNK", cpr_shown=True, cpr_matches=True,
                                expires_on=date(2030, 1, 1))
LICENCE = PresentedDocument(DocumentType.DRIVING_LICENCE, "DNK", expires_on=date(2030, 1, 1))
HEALTH = PresentedDocument(DocumentType.HEALTH_CARD, "DNK", cpr_shown=True, cpr_matches=True)


def test_blocking_needs_only_a_valid_photo_id() -> None:
    assert gaps(Errand.BLOCK, Assurance((LICENCE,)), TODAY) == ()
    assert gaps(Errand.BLOCK, Assurance((HEALTH,)), TODAY) == (Gap.PHOTO_ID,)
    assert gaps(Errand.BLOCK, Assurance(), TODAY) == (Gap.PHOTO_ID,)


@pytest.mark.parametrize(
    "errand",
    [Errand.ACTIVATION_CODE, Errand.CODE_DISPLAY, Errand.CODE_READER, Errand.SHOW_USER_ID,
     Errand.LIFT_MITID_BLOCK, Errand.ISSUE_MITID],
)
def test_getting_going_again_needs_documents_and_questions_or_witness(errand: Errand) -> None:
    assert gaps(errand, Assurance((LICENCE,)), TODAY) == (Gap.QUESTIONS_OR_WITNESS,)
    assert gaps(errand, Assurance((LICENCE,), questions_passed=True), TODAY) == ()
    assert gaps(errand, Assurance((LICENCE,), witness_accepted=True), TODAY) == ()
    assert gaps(errand, Assurance((HEALTH,), questions_passed=True), TODAY) == (Gap.PHOTO_ID,)


def test_a_chip_needs_the_high_level() -> None:
    assert gaps(Errand.CHIP, Assurance((LICENCE,), questions_passed=True), TODAY) == (Gap.STRONGER_DOCUMENT,)
    assert gaps(Errand.CHIP, Assurance((DK_PASSPORT,), questions_passed=True), TODAY) == ()


def test_every_gap_is_named_at_once() -> None:
    with pytest.raises(RuleViolation) as caught:
        require(Errand.ACTIVATION_CODE, Assurance((HEALTH,)), TODAY)
    assert caught.value.code == "assurance.insufficient"
    assert caught.value.params == {"errand": "activation_code", "missing": ["photo_id", "questions_or_witness"]}
    require(Errand.ACTIVATION_CODE, Assurance((LICENCE,), witness_accepted=True), TODAY)


SE_PASSPORT = PresentedDocument(DocumentType.PASSPORT, "SWE", expires_on=date(2030, 1, 1))


def test_a_mitid_without_cpr_number_needs_no_cpr_document_beside_a_foreign_passport() -> None:
    assert gaps(Errand.CHIP, Assurance((SE_PASSPORT,), questions_passed=True), TODAY) == (Gap.CPR_DOCUMENT,)
    assert gaps(
        Errand.CHIP, Assurance((SE_PASSPORT,), questions_passed=True, mitid_carries_cpr=False), TODAY
    ) == ()


def test_the_overview_covers_every_errand() -> None:
    overview = ready_errands(Assurance((LICENCE,)), TODAY)
    assert set(overview) == set(Errand)
    assert overview[Errand.BLOCK] == ()


# --- activation codes ---------------------------------------------------------------------------------

def app(id_: int, state: MethodState = MethodState.ACTIVE) -> Method:
    return Method(id_, MethodKind.APP, state, f"Phone {id_}", users=("Anne",))


TWO_APPS = Identity(IdentityState.ACTIVE, (app(1), app(2), app(3, MethodState.BLOCKED_PERMANENT)))


def test_a_code_is_random_readable_and_stored_only_as_a_hash() -> None:
    new = decide_issue(TWO_APPS, (), now=NOW)
    assert len(new.code) == 14 and new.code.count("-") == 2
    assert set(new.code.replace("-", "")) <= set(codes.ALPHABET)
    assert new.code.replace("-", "") not in new.code_hash
    assert codes.matches(new.code, new.code_hash)
    assert codes.matches(new.code.lower().replace("-", " "), new.code_hash)  # as the citizen may type it
    assert not codes.matches("AAAA-AAAA-AAAA", new.code_hash)
    assert decide_issue(TWO_APPS, (), now=NOW).code != new.code
    # Two hashes of one code differ (salted).
    assert codes.hash_code(new.code) != codes.hash_code(new.code)


def test_generation_uses_the_generator_it_is_given() -> None:
    assert codes.generate(random.Random(5)) == codes.generate(random.Random(5))
    assert decide_issue(TWO_APPS, (), now=NOW, rng=random.Random(5)).code == codes.generate(random.Random(5))


def test_a_typed_code_is_read_as_the_capitals_printed_on_the_slip() -> None:
    assert codes.normalise("abcd-efgh jkmn") == "ABCDEFGHJKMN"


def test_a_hash_stored_by_an_earlier_version_still_matches() -> None:
    # Codes are valid for up to 30 days and stored only as this text: an upgrade in between must not change
    # how a code is hashed (scrypt, N=2**14, r=8, p=1, over the capitals without separators).
    stored = (
        "scrypt$000102030405060708090a0b0c0d0e0f$fcd06cb568e60c5cc738d70ffa4fa7ee0b4a064412db3c53caf9e9d8f895ec9f"
        "0117b621e3f97409996c631cb205607ea7716a90532fa4c57be46e421ef95e79"
    )
    assert codes.hash_code("abcd efgh-jkmn", bytes(range(16))) == stored
    assert codes.matches("ABCD-EFGH-JKMN", stored)


def test_a_hash_of_an_unknown_scheme_matches_nothing() -> None:
    # A stored hash is trusted only in the one scheme this desk writes; anything else is refused, not guessed.
    stored = codes.hash_code("ABCD-EFGH-JKMN")
    assert not codes.matches("ABCD-EFGH-JKMN", stored.replace("scrypt$", "plain$", 1))


def test_no_code_with_three_active_apps_and_the_three_are_named() -> None:
    three = Identity(IdentityState.ACTIVE, (app(1), app(2), app(4)))
    with pytest.raises(RuleViolation) as caught:
        decide_issue(three, (), now=NOW)
    assert caught.value.code == "mitid.too_many_apps"
    assert caught.value.params["active_apps"] == ["Phone 1", "Phone 2", "Phone 4"]


def test_no_code_while_the_whole_mitid_is_blocked() -> None:
    blocked = Identity(IdentityState.BLOCKED, (app(1),), blocked_at=NOW - timedelta(days=1))
    with pytest.raises(RuleViolation) as caught:
        decide_issue(blocked, (), now=NOW)
    assert caught.value.code == "mitid.whole_mitid_blocked"


def test_expiry_is_the_validity_after_issue() -> None:
    new = decide_issue(TWO_APPS, (), now=NOW, validity=timedelta(days=3))
    assert new.issued_at == NOW
    assert new.expires_at == NOW + timedelta(days=3)
    issued = IssuedCode(1, new.issued_at, new.expires_at)
    assert issued.state(new.expires_at - timedelta(seconds=1)) is CodeState.VALID
    assert issued.state(new.expires_at) is CodeState.EXPIRED


@pytest.mark.parametrize("validity", [timedelta(minutes=59), timedelta(days=31)])
def test_validity_is_bounded(validity: timedelta) -> None:
    with pytest.raises(RuleViolation) as caught:
        decide_issue(TWO_APPS, (), now=NOW, validity=validity)
    assert caught.value.code == "activation_code.validity"
    assert caught.value.params == {"min_hours": 1, "max_days": 30}


@pytest.mark.parametrize("validity", [timedelta(hours=1), timedelta(days=30)])
def test_validity_bounds_are_inclusive(validity: timedelta) -> None:
    assert decide_issue(TWO_APPS, (), now=NOW, validity=validity).expires_at == NOW + validity


def test_a_new_code_supersedes_only_unused_unexpired_ones() -> None:
    day = timedelta(days=1)
    earlier = (
        IssuedCode(1, NOW - 2 * day, NOW + 5 * day),  # valid: superseded
        IssuedCode(2, NOW - 9 * day, NOW - 2 * day),  # expired
        IssuedCode(3, NOW - 3 * day, NOW + 4 * day, used_at=NOW - day),  # used
        IssuedCode(4, NOW - 4 * day, NOW + 3 * day, superseded_at=NOW - 2 * day),  # already superseded
        IssuedCode(5, NOW - day, NOW + 6 * day),  # valid: superseded
    )
    assert decide_issue(TWO_APPS, earlier, now=NOW).supersedes == (1, 5)
    assert [c.state(NOW) for c in earlier] == [
        CodeState.VALID, CodeState.EXPIRED, CodeState.USED, CodeState.SUPERSEDED, CodeState.VALID,
    ]


def test_an_app_activation_uses_the_valid_code_and_no_other() -> None:
    day = timedelta(days=1)
    expired = IssuedCode(2, NOW - 9 * day, NOW - 2 * day)
    used = IssuedCode(3, NOW - 3 * day, NOW + 4 * day, used_at=NOW - day)
    superseded = IssuedCode(4, NOW - 4 * day, NOW + 3 * day, superseded_at=NOW - 2 * day)
    ends_now = IssuedCode(6, NOW - 2 * day, NOW)  # expires at this moment: no longer valid
    assert codes.used_by_activation((expired, used, superseded, ends_now), NOW) is None
    assert codes.used_by_activation((), NOW) is None
    older, newer = IssuedCode(1, NOW - 2 * day, NOW + 5 * day), IssuedCode(5, NOW - day, NOW + 6 * day)
    # Issuing supersedes, so two valid codes come only from data written before that rule: the newest is used.
    assert codes.used_by_activation((newer, expired, older), NOW) == 5
    assert codes.used_by_activation((older, used, newer), NOW) == 5
    assert codes.used_by_activation((used, older), NOW) == 1


# --- devices ---------------------------------------------------------------------------------------------

DISPLAY = StockItem("KV123456", MethodKind.CODE_DISPLAY, StockState.IN_STOCK)


def test_a_device_from_stock_is_handed_out() -> None:
    check_hand_out(DISPLAY, TWO_APPS)


@pytest.mark.parametrize(
    ("item", "identity", "code", "params"),
    [
        (StockItem("KV123456", MethodKind.CODE_DISPLAY, StockState.HANDED_OUT), TWO_APPS, "device.not_in_stock",
         {"serial": "KV123456", "state": "handed_out"}),
        (StockItem("KV123456", MethodKind.CODE_DISPLAY, StockState.WITHDRAWN), TWO_APPS, "device.not_in_stock",
         {"serial": "KV123456", "state": "withdrawn"}),
        (StockItem("KV123456", MethodKind.APP, StockState.IN_STOCK), TWO_APPS, "device.not_a_device",
         {"kind": "app"}),
        (DISPLAY, Identity(IdentityState.BLOCKED, (), blocked_at=NOW), "mitid.whole_mitid_blocked", {}),
        # The clerk is told which device of the kind the citizen already has, so it can be blocked first.
        (
            DISPLAY,
            Identity(IdentityState.ACTIVE, (Method(8, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV999999"),)),
            "device.already_has_one",
            {"kind": "code_display", "serial": "KV999999"},
        ),
    ],
)
def test_hand_out_refusals(item: StockItem, identity: Identity, code: str, params: dict[str, object]) -> None:
    with pytest.raises(RuleViolation) as caught:
        check_hand_out(item, identity)
    assert caught.value.code == code
    assert caught.value.params == params


def test_a_blocked_device_of_the_kind_does_not_stop_a_new_one() -> None:
    old = Method(8, MethodKind.CODE_DISPLAY, MethodState.BLOCKED_PERMANENT, "KV999999")
    check_hand_out(DISPLAY, Identity(IdentityState.ACTIVE, (old,)))


def test_a_lost_device_is_blocked_for_good_wrong_tries_for_a_while() -> None:
    identity = Identity(IdentityState.ACTIVE, (Method(8, MethodKind.CHIP, MethodState.ACTIVE, "CH000001"),))
    assert decide_block_device(identity, 8, BlockReason.LOST).state is MethodState.BLOCKED_PERMANENT
    assert decide_block_device(identity, 8, BlockReason.WRONG_TRIES).state is MethodState.BLOCKED_TEMPORARY
    with pytest.raises(RuleViolation) as caught:
        decide_block_device(Identity(IdentityState.ACTIVE, (app(1),)), 1, BlockReason.LOST)
    assert caught.value.code == "device.not_a_device"
    assert caught.value.params == {"kind": "app"}


def test_the_block_names_the_device_blocked() -> None:
    chip, display = (Method(8, MethodKind.CHIP, MethodState.ACTIVE, "CH000001"),
                     Method(9, MethodKind.CODE_DISPLAY, MethodState.ACTIVE, "KV000009"))
    change = decide_block_device(Identity(IdentityState.ACTIVE, (chip, display)), 9, BlockReason.STOLEN)
    assert (change.method_id, change.state) == (9, MethodState.BLOCKED_PERMANENT)


@pytest.mark.parametrize("state", [MethodState.BLOCKED_TEMPORARY, MethodState.BLOCKED_PERMANENT])
def test_a_blocked_device_is_not_blocked_again(state: MethodState) -> None:
    identity = Identity(IdentityState.ACTIVE, (Method(8, MethodKind.CHIP, state, "CH000001"),))
    with pytest.raises(RuleViolation) as caught:
        decide_block_device(identity, 8, BlockReason.LOST)
    assert caught.value.code == "mitid.already_blocked"
    assert caught.value.params == {"method_id": 8, "state": state.value}


def test_serials_are_normalised_and_checked() -> None:
    assert normalise_serial(" kv-1234 5678 ") == "KV12345678"
    assert normalise_serial("kv1234") == "KV1234"  # six characters: the shortest serial
    assert normalise_serial("K" * 20) == "K" * 20  # twenty: the longest
    for bad in ("", "KV1", "KV123", "KV#123456", "X" * 21):
        with pytest.raises(InvalidInput) as caught:
            normalise_serial(bad)
        assert caught.value.code == "device.bad_serial"


def test_one_mitid_per_citizen() -> None:
    check_issue(has_mitid=False)
    with pytest.raises(RuleViolation) as caught:
        check_issue(has_mitid=True)
    assert caught.value.code == "mitid.already_issued"
