"""Witness rules at their boundaries (DOMAIN.md, "Identity assurance")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from borgerservice_desk.domain.assurance.witness import (
    WitnessFacts,
    Witnessing,
    birthday,
    check_witness,
    register_refusals,
)
from borgerservice_desk.errors import RuleViolation

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
GOOD = WitnessFacts(
    birth_date=date(1970, 5, 1), mitid_since=date(2024, 1, 1), photo_id_valid=True, own_mitid_shown=True
)
CITIZEN = 7
WITNESS = 99


def check(facts: WitnessFacts = GOOD, history: tuple[Witnessing, ...] = (), *, citizen: int = CITIZEN,
          witness_id: int | None = WITNESS, now: datetime = NOW) -> None:
    check_witness(facts, witness_citizen_id=witness_id, citizen_id=citizen, history=history, now=now, today=now.date())


def refused(code: str, **kwargs: object) -> None:
    with pytest.raises(RuleViolation) as caught:
        check(**kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_a_good_witness_is_accepted() -> None:
    check()


def test_age_18_on_the_birthday_not_the_day_before() -> None:
    check(replace(GOOD, birth_date=date(2008, 11, 30)))
    refused("witness.too_young", facts=replace(GOOD, birth_date=date(2008, 12, 1)))


def test_born_on_29_february_turns_18_on_1_march_in_a_common_year() -> None:
    assert birthday(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert birthday(date(2008, 2, 29), 16) == date(2024, 2, 29)
    refused("witness.too_young", facts=replace(GOOD, birth_date=date(2008, 2, 29)),
            now=datetime(2026, 2, 28, 12, tzinfo=UTC))
    check(replace(GOOD, birth_date=date(2008, 2, 29)), now=datetime(2026, 3, 1, 12, tzinfo=UTC))


def test_mitid_more_than_30_days() -> None:
    refused("witness.mitid_too_new", facts=replace(GOOD, mitid_since=NOW.date() - timedelta(days=30)))
    check(replace(GOOD, mitid_since=NOW.date() - timedelta(days=31)))
    refused("witness.no_mitid", facts=replace(GOOD, mitid_since=None))


def test_photo_id_and_own_mitid_shown() -> None:
    refused("witness.no_photo_id", facts=replace(GOOD, photo_id_valid=False))
    refused("witness.mitid_not_shown", facts=replace(GOOD, own_mitid_shown=False))


def test_nobody_witnesses_for_themselves() -> None:
    refused("witness.is_citizen", witness_id=CITIZEN)


def ago(days: float, citizen: int) -> Witnessing:
    return Witnessing(citizen, NOW - timedelta(days=days))


def test_three_people_within_120_days_then_no_more() -> None:
    three = (ago(1, 1), ago(50, 2), ago(119, 3))
    refused("witness.limit_reached", history=three)
    check(history=three[:2])
    with pytest.raises(RuleViolation) as caught:
        check(history=three)
    assert caught.value.params == {"limit": 3, "days": 120}


def test_a_witnessing_this_very_moment_counts() -> None:
    # Another desk may have recorded one a moment ago with the same clock reading: it is in the window.
    refused("witness.limit_reached", history=(ago(1, 1), ago(50, 2), ago(0, 3)))


def test_the_window_is_120_days() -> None:
    # The oldest witnessing falls out of the window exactly 120 days later.
    check(history=(ago(1, 1), ago(50, 2), ago(120, 3)))
    refused("witness.limit_reached", history=(ago(1, 1), ago(50, 2), ago(119.99, 3)))


def test_people_are_counted_not_witnessings() -> None:
    check(history=(ago(1, 1), ago(2, 1), ago(3, 2), ago(4, 2)))
    # Witnessing again for someone already counted uses no new place.
    check(history=(ago(1, 1), ago(2, 2), ago(3, CITIZEN)))


def test_a_professional_witness_keeps_the_limit_and_is_accepted_otherwise() -> None:
    professional = replace(GOOD, professional=True)
    check(professional)
    refused("witness.limit_reached", facts=professional, history=(ago(1, 1), ago(2, 2), ago(3, 3)))


def test_the_register_refusals_name_every_rule_the_register_decides_and_none_of_the_clerks_ticks() -> None:
    young_new = register_refusals(
        date(2010, 1, 1), NOW.date() - timedelta(days=3), witness_citizen_id=CITIZEN, citizen_id=CITIZEN,
        history=[Witnessing(c, NOW - timedelta(days=1)) for c in (1, 2, 3)], now=NOW, today=NOW.date(),
    )
    assert [r.code for r in young_new] == [
        "witness.is_citizen", "witness.too_young", "witness.mitid_too_new", "witness.limit_reached"
    ]
    assert young_new[1].params == {"min_age": 18} and young_new[2].params == {"min_days": 30}
    assert [r.code for r in register_refusals(
        GOOD.birth_date, None, witness_citizen_id=WITNESS, citizen_id=CITIZEN, history=(), now=NOW, today=NOW.date()
    )] == ["witness.no_mitid"]
    # What the register does not know (photo ID, the MitID shown) is the clerk's to tick, not refused here.
    assert register_refusals(
        GOOD.birth_date, GOOD.mitid_since, witness_citizen_id=WITNESS, citizen_id=CITIZEN, history=(), now=NOW, today=NOW.date()
    ) == ()
