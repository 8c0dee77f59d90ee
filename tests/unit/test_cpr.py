from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.cpr import Cpr, Sex
from borgerservice_desk.errors import InvalidInput
from tests.support.facts import TODAY


def test_a_register_number_gives_birth_date_and_sex() -> None:
    cpr = Cpr.parse("010190-1235", today=TODAY)
    assert cpr.birth_date == date(1990, 1, 1)
    assert cpr.sex is Sex.MALE
    assert not cpr.is_replacement


def test_a_replacement_number_carries_the_day_plus_sixty() -> None:
    cpr = Cpr.parse("610190-1234", today=TODAY)
    assert cpr.is_replacement
    assert cpr.birth_date == date(1990, 1, 1)
    assert cpr.sex is Sex.FEMALE


@pytest.mark.parametrize(("text", "born"), [("910190-1234", date(1990, 1, 31)), ("880292-1234", date(1992, 2, 28)),
                                             ("890292-1234", date(1992, 2, 29))])
def test_the_last_replacement_days_of_a_month_are_accepted(text: str, born: date) -> None:
    cpr = Cpr.parse(text, today=TODAY)
    assert cpr.is_replacement and cpr.birth_date == born


def test_the_seventh_digit_and_year_give_the_century() -> None:
    assert Cpr.parse("0101054123", today=TODAY).birth_date == date(2005, 1, 1)
    assert Cpr.parse("0101404123", today=TODAY).birth_date == date(1940, 1, 1)
    assert Cpr.parse("0101605123", today=TODAY).birth_date == date(1860, 1, 1)


def test_modulus_eleven_is_not_required_since_2007() -> None:
    # 010190-1234 fails the old modulus-11 check but is a valid number today.
    assert Cpr.parse("0101901234", today=TODAY).digits == "0101901234"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "cpr.invalid_format"),
        ("123", "cpr.invalid_format"),
        ("01019O-1234", "cpr.invalid_format"),
        ("320190-1234", "cpr.invalid_date"),
        # Each with a real month, so only the day can make it wrong.
        ("920190-1234", "cpr.invalid_date"),  # day 92 is past every replacement day (61-91)
        ("600190-1234", "cpr.invalid_date"),  # day 60 is neither a real day nor a replacement day
        ("890290-1234", "cpr.invalid_date"),  # replacement for 29 February 1990, which did not exist
        ("011390-1234", "cpr.invalid_date"),  # month 13
        ("010130-4999", "cpr.born_in_future"),  # 2030
    ],
)
def test_a_wrong_number_is_refused_with_its_reason(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Cpr.parse(text, today=TODAY)
    assert caught.value.code == code
    # The message never carries the serial digits of what was typed.
    assert "1234" not in str(caught.value.params) and "4999" not in str(caught.value.params)


def test_masked_and_repr_hide_the_serial() -> None:
    cpr = Cpr.parse("610190-1234", today=TODAY)
    assert cpr.masked == "610190-XXXX"
    assert "1234" not in repr(cpr) and "1234" not in str(cpr) and "1234" not in f"{cpr}"
    assert cpr.formatted == "610190-1234"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)), st.integers(0, 3999))
def test_every_replacement_number_round_trips_to_its_birth_date(born: date, serial: int) -> None:
    text = f"{born.day + 60:02d}{born:%m%y}{serial:04d}"
    cpr = Cpr.parse(text, today=TODAY)
    assert cpr.birth_date == born
    assert cpr.is_replacement
    assert cpr.sex is (Sex.FEMALE if serial % 2 == 0 else Sex.MALE)


# Characters Python's str.isdigit() says yes to, though a CPR number never holds them: superscripts,
# subscripts, circled digits, Arabic-Indic, Devanagari and fullwidth digits.
_LOOKALIKE_DIGITS = "²³¹₀₃₉①⑨٠٣٩۴०९０９"
_CPR_ALPHABET = "0123456789" + _LOOKALIKE_DIGITS + "- "
_CPR_CODES = {"cpr.invalid_format", "cpr.invalid_date", "cpr.born_in_future"}


def _check_parse(text: str) -> None:
    try:
        cpr = Cpr.parse(text, today=TODAY)
    except InvalidInput as error:
        assert error.code in _CPR_CODES
        return
    assert len(cpr.digits) == 10 and all(c in "0123456789" for c in cpr.digits)
    cpr.birth_date, cpr.sex, cpr.masked  # noqa: B018 - usable, not only constructed


@settings(max_examples=1000)
@given(st.text() | st.text(alphabet=_CPR_ALPHABET, min_size=8, max_size=13))
def test_any_text_gives_a_cpr_of_ascii_digits_or_a_cpr_error(text: str) -> None:
    """The parser never crashes and never takes a look-alike digit for one (ValueError from int('²'),
    or '٠١٠١٩٠١٢٣٤' accepted as a number)."""
    _check_parse(text)


@pytest.mark.parametrize(
    "text",
    [
        "0101901234".replace("1", "¹"),
        "010190123²",
        "٠١٠١٩٠١٢٣٤",  # Arabic-Indic digits, otherwise a valid number
        "０１０１９０１２３４",  # fullwidth
        "01019012①4",
    ],
)
def test_lookalike_digits_are_not_digits(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Cpr.parse(text, today=TODAY)
    assert caught.value.code == "cpr.invalid_format"


def test_an_mrz_date_takes_only_ascii_digits() -> None:
    from borgerservice_desk.domain.mrz import parse_birth_date, parse_expiry_date

    assert parse_birth_date("900101", today=TODAY) == date(1990, 1, 1)
    assert parse_birth_date("٩٠٠١٠١", today=TODAY) is None
    assert parse_expiry_date("３００１０１") is None


def test_cpr_runs_are_masked_in_place() -> None:
    from borgerservice_desk.domain.cpr import looks_like_cpr, mask_cpr_runs

    assert looks_like_cpr("0101901234") and looks_like_cpr("7403854702")  # a register and a replacement number
    assert not looks_like_cpr("3213901234") and not looks_like_cpr("٠١٠١٩٠١٢٣٤")
    assert mask_cpr_runs("<<0101901234<<") == "<<010190XXXX<<"
    assert mask_cpr_runs("no 2123456788 here") == "no 2123456788 here"  # not a date
    assert mask_cpr_runs("1403854702", starts=[1]) == "1403854702"  # a window may start only where told


def test_a_cpr_number_typed_where_a_name_belongs_is_recognised() -> None:
    from borgerservice_desk.domain.cpr import cpr_typed

    assert cpr_typed("741280-1234") == "7412801234"
    assert cpr_typed(" 7412801234 ") == "7412801234" and cpr_typed("741280 1234") == "7412801234"
    assert cpr_typed("Søren Jensen") is None and cpr_typed("80050") is None and cpr_typed("3213901234") is None
