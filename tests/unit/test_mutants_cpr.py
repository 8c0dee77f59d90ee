"""CPR masking pinned where mutation testing (`make mutate`) found it unpinned: the windows at the very
start and the very end of a text, and a stored number as lists show it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from borgerservice_desk.domain.cpr import Cpr, mask, mask_cpr_runs
from borgerservice_desk.errors import InvalidInput


def test_a_text_that_is_exactly_one_cpr_number_is_masked() -> None:
    assert mask_cpr_runs("0101901234") == "010190XXXX"


def test_a_cpr_number_at_the_start_or_the_end_of_a_line_is_masked() -> None:
    assert mask_cpr_runs("0101901234<<") == "010190XXXX<<"
    assert mask_cpr_runs("<<0101901234") == "<<010190XXXX"
    assert mask_cpr_runs("0101901234", starts=[0]) == "010190XXXX"


def test_a_stored_number_is_listed_masked_and_none_stays_none() -> None:
    assert mask("0101901234") == "010190-XXXX"
    assert mask("6101901234") == "610190-XXXX"
    assert mask(None) is None


def _refusal(text: str, today: date = date(2026, 11, 27)) -> tuple[str, dict[str, object]]:
    with pytest.raises(InvalidInput) as caught:
        Cpr.parse(text, today=today)
    return caught.value.code, caught.value.params


def test_every_refusal_shows_no_more_than_the_birth_date_part_of_what_was_typed() -> None:
    assert _refusal("010190-12345") == ("cpr.invalid_format", {"value": "010190-XXXX"})
    assert _refusal(" 0101901234567 ") == ("cpr.invalid_format", {"value": "010190-XXXX"})
    assert _refusal("12345") == ("cpr.invalid_format", {"value": "12345"})
    assert _refusal("123456") == ("cpr.invalid_format", {"value": "123456"})
    assert _refusal("1234567") == ("cpr.invalid_format", {"value": "123456-XXXX"})
    assert _refusal("") == ("cpr.invalid_format", {"value": ""})
    assert _refusal("０１０１９０１２３４") == ("cpr.invalid_format", {"value": "０１０１９０-XXXX"})
    assert _refusal("3213901234") == ("cpr.invalid_date", {"value": "321390-XXXX"})
    assert _refusal("0101304234") == ("cpr.born_in_future", {"value": "010130-XXXX"})  # 2030 (serial 4xxx)


def test_a_replacement_number_is_checked_as_the_day_less_sixty() -> None:
    cpr = Cpr.parse("6101901234", today=date(2026, 11, 27))
    assert cpr.is_replacement and cpr.birth_date == date(1990, 1, 1)
    assert _refusal("9201901234")[0] == "cpr.invalid_date"  # day 32 once sixty is taken off
    assert Cpr.parse("3101901234", today=date(2026, 11, 27)).birth_date == date(1990, 1, 31)


def test_born_today_is_allowed() -> None:
    assert Cpr.parse("2711264234", today=date(2026, 11, 27)).birth_date == date(2026, 11, 27)


def test_born_in_the_future_is_judged_against_the_day_given() -> None:
    # Born 1 January 2005 (seventh digit 4, year 05): not yet born on 1 January 2000, born the day after.
    with pytest.raises(InvalidInput) as caught:
        Cpr.parse("0101054123", today=date(2000, 1, 1))
    assert caught.value.code == "cpr.born_in_future"
    assert Cpr.parse("0101054123", today=date(2005, 1, 1)).birth_date == date(2005, 1, 1)


def test_without_a_day_given_the_machine_date_is_today() -> None:
    assert Cpr.parse("0101901234").birth_date == date(1990, 1, 1)
    # Born tomorrow by the machine's clock: seventh digit 5 puts years 00-57 in 2000-2057 (CPR's century rule),
    # so this holds on any day the desk can be run until then, not only before a fixed date.
    tomorrow = date.today() + timedelta(days=1)
    assert tomorrow.year <= 2057, "seventh digit 5 no longer reaches this century: pick the next one"
    with pytest.raises(InvalidInput) as caught:
        Cpr.parse(f"{tomorrow:%d%m%y}5123")
    assert caught.value.code == "cpr.born_in_future"
