"""The MRZ layouts as the one home of per-position facts: what the scanner derives from them must agree with
what the parser and the check digits use, and the recogniser's model must not notice the derivation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.mrz import (
    MrzFormat,
    check_digit_places,
    formats_of_shape,
    name_and_country_spans,
    parse_mrz,
    position_characters,
)
from borgerservice_desk.scanning import ocrb
from borgerservice_desk_training import ocrb_training
from tests.support.mrz import (
    compose_dl1,
    compose_french_id,
    compose_mrva,
    compose_mrvb,
    compose_td1,
    compose_td2,
    compose_td3,
)

TODAY = date(2026, 11, 27)
DIGITS_OR_FILLER = frozenset("0123456789<")
LETTERS_OR_FILLER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")


def test_each_format_has_the_shape_icao_gives_it() -> None:
    assert {f: f.line_lengths for f in MrzFormat} == {
        MrzFormat.TD1: (30, 30, 30),
        MrzFormat.TD2: (36, 36),
        MrzFormat.TD3: (44, 44),
        MrzFormat.MRVA: (44, 44),
        MrzFormat.MRVB: (36, 36),
        MrzFormat.DL1: (30,),
        MrzFormat.FRCNI: (36, 36),
    }
    assert formats_of_shape([44, 44]) == (MrzFormat.TD3, MrzFormat.MRVA)
    assert formats_of_shape([36, 36]) == (MrzFormat.TD2, MrzFormat.MRVB, MrzFormat.FRCNI)
    assert formats_of_shape([44, 36]) == ()


def test_the_recogniser_keeps_the_class_order_and_shapes_its_model_was_trained_with() -> None:
    # The model's output columns are ALPHABET in this order, and the training draws its shapes by index
    # from SHAPES: deriving them from the layouts must not change either, or the cached model reads wrongly.
    assert ocrb.ALPHABET == "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert ocrb.LINE_LENGTHS == (30, 36, 44)
    assert ocrb_training.SHAPES == ((1, 30), (2, 36), (2, 44), (3, 30))


@pytest.mark.parametrize("mrz_format", list(MrzFormat))
def test_every_check_digit_sits_where_only_digits_and_the_filler_may_stand(mrz_format: MrzFormat) -> None:
    characters = position_characters(mrz_format)

    for place in check_digit_places(mrz_format):
        line, column = place.digit
        assert frozenset(characters[line][column]) == DIGITS_OR_FILLER, place.name


def test_a_check_digit_s_positions_are_the_characters_it_covers_in_order() -> None:
    # The TD1 composite covers the number with its digit and the optional data (line 0, 5-30), then the birth
    # date, expiry and their digits and the second optional data (line 1, 0-7, 8-15, 18-29): the ICAO weights
    # run over them in this order.
    composite = check_digit_places(MrzFormat.TD1)[-1]
    assert composite.positions == (
        *((0, column) for column in range(5, 30)),
        *((1, column) for column in range(0, 7)),
        *((1, column) for column in range(8, 15)),
        *((1, column) for column in range(18, 29)),
    )
    assert composite.digit not in composite.positions


@pytest.mark.parametrize("mrz_format", list(MrzFormat))
def test_names_and_country_codes_are_letters_and_fillers(mrz_format: MrzFormat) -> None:
    characters = position_characters(mrz_format)
    names, countries = name_and_country_spans(mrz_format)

    for line, start, end in (*names, *countries):
        assert {frozenset(characters[line][column]) for column in range(start, end)} == {LETTERS_OR_FILLER}


def test_dates_and_sex_allow_what_icao_allows_there() -> None:
    second = position_characters(MrzFormat.TD3)[1]

    # YYMMDD: the month's first digit 0 or 1, the day's 0 to 3, '<' where a part is unknown.
    date = [DIGITS_OR_FILLER, DIGITS_OR_FILLER, "01<", DIGITS_OR_FILLER, "0123<", DIGITS_OR_FILLER]
    assert [frozenset(second[column]) for column in range(13, 19)] == [frozenset(c) for c in date]  # birth date
    assert frozenset(second[20]) == frozenset("MFX<")
    assert [frozenset(second[column]) for column in range(21, 27)] == [frozenset(c) for c in date]  # expiry date
    assert position_characters(MrzFormat.TD3)[0][0] == "P"
    assert position_characters(MrzFormat.MRVB)[0][0] == "V"
    assert position_characters(MrzFormat.DL1)[0][0] == "D"


_COMPOSERS: dict[MrzFormat, Callable[..., tuple[str, ...]]] = {
    MrzFormat.TD1: compose_td1,
    MrzFormat.TD2: compose_td2,
    MrzFormat.TD3: compose_td3,
    MrzFormat.MRVA: compose_mrva,
    MrzFormat.MRVB: compose_mrvb,
}
_CODES = {MrzFormat.TD1: "IR", MrzFormat.TD2: "ID", MrzFormat.TD3: "P", MrzFormat.MRVA: "V", MrzFormat.MRVB: "VC"}
_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@settings(max_examples=150, deadline=None)
@given(
    mrz_format=st.sampled_from(list(MrzFormat)),
    surname=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ -", min_size=1, max_size=30),
    number=st.text(alphabet=_ALPHANUMERIC, min_size=1, max_size=9),
    optional=st.text(alphabet=_ALPHANUMERIC, max_size=7),
    birth_date=st.dates(min_value=date(1927, 1, 1), max_value=TODAY),
    sex=st.sampled_from("MFX"),
)
def test_a_valid_mrz_of_any_format_holds_only_characters_its_positions_allow(
    mrz_format: MrzFormat, surname: str, number: str, optional: str, birth_date: date, sex: str
) -> None:
    """The scanner picks each character among `position_characters`: were a layout to forbid what a valid
    document holds somewhere, the scanner could never read that document right."""
    if mrz_format is MrzFormat.DL1:
        lines: tuple[str, ...] = compose_dl1(issuing_country="NLD", licence_number=number, optional_data=optional)
    elif mrz_format is MrzFormat.FRCNI:
        lines = compose_french_id(
            surname=surname, given_names="Anne", card_number=("0506" + number).ljust(12, "0")[:12],
            birth_date=birth_date, sex=sex, office=optional[:6],
        )  # fmt: skip
    else:
        lines = _COMPOSERS[mrz_format](
            document_code=_CODES[mrz_format], issuing_country="D", surname=surname, given_names="Anne",
            document_number=number, nationality="DNK", birth_date=birth_date, sex=sex,
            expiry_date=date(2031, 5, 2), optional_data=optional,
        )  # fmt: skip
    assert parse_mrz("\n".join(lines), today=TODAY).all_check_digits_pass

    for line, allowed in zip(lines, position_characters(mrz_format), strict=True):
        assert all(char in allowed[column] for column, char in enumerate(line)), line
