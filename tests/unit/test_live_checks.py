"""Live feedback while an MRZ is typed: the format guessed so far and each check digit pending, ok or bad."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.mrz import CheckState, MrzFormat, live_checks, parse_mrz
from borgerservice_desk.errors import InvalidInput
from tests.support.mrz import compose_dl1, compose_mrva, compose_mrvb, compose_td1, compose_td2, compose_td3

TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1_LONG_NUMBER = (
    "I<UTOD23145890<7349<<<<<<<<<<<",
    "3407127M9507122UTO<<<<<<<<<<<2",
    "STEVENSON<<PETER<JOHN<<<<<<<<<",
)
MRVB_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
)
DL1_SPECIMEN = "D1NLD15094962111659VW87Z78NB84"


def states(text: str) -> dict[str, CheckState]:
    return {check.field: check.state for check in live_checks(text).checks}


def test_nothing_typed_guesses_nothing() -> None:
    result = live_checks("  \n ")

    assert result.format is None
    assert (result.line_lengths, result.lines, result.checks) == ((), (), ())
    assert not result.complete
    assert not result.all_ok


def test_a_passport_being_typed_shows_each_digit_as_its_field_is_done() -> None:
    typed = TD3_SPECIMEN[0] + "\n" + TD3_SPECIMEN[1][:20]

    result = live_checks(typed)

    assert result.format is MrzFormat.TD3
    assert result.line_lengths == (44, 44)
    assert [(c.field, c.line, c.column, c.state) for c in result.checks] == [
        ("document_number", 1, 9, CheckState.OK),
        ("birth_date", 1, 19, CheckState.OK),
        ("expiry_date", 1, 27, CheckState.PENDING),
        ("optional_data", 1, 42, CheckState.PENDING),
        ("composite", 1, 43, CheckState.PENDING),
    ]
    assert not result.complete


def test_a_mistyped_birth_date_turns_bad_as_soon_as_its_digit_is_typed() -> None:
    line2 = TD3_SPECIMEN[1]
    typed = TD3_SPECIMEN[0] + "\n" + line2[:13] + "740813" + line2[19]

    assert states(typed)["birth_date"] is CheckState.BAD


def test_the_whole_passport_is_complete_and_all_ok() -> None:
    result = live_checks("\r\n".join(TD3_SPECIMEN) + "\r\n")

    assert result.complete
    assert result.all_ok
    assert set(states("\n".join(TD3_SPECIMEN)).values()) == {CheckState.OK}


def test_lower_case_and_spaces_are_cleaned_like_the_parser_does() -> None:
    result = live_checks(" p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\nl898902c36")

    assert result.lines == (TD3_SPECIMEN[0], "L898902C36")
    assert result.checks[0].state is CheckState.OK


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("I<UTO", MrzFormat.TD1),  # a card's first line fits 30 so far
        ("I<UTO" + "<" * 26, MrzFormat.TD2),  # 31 characters: no longer TD1
        ("I<UTO" + "<" * 32, MrzFormat.TD3),
        ("I<UTO" + "<" * 25 + "\n7408", MrzFormat.TD1),
        ("I<UTO" + "<" * 31 + "\nD23", MrzFormat.TD2),
        ("P<UTO", MrzFormat.TD3),
        ("V<UTO", MrzFormat.MRVA),
        (MRVB_SPECIMEN[0], MrzFormat.MRVA),  # 36 so far could still be a longer line
        (MRVB_SPECIMEN[0] + "\nL89", MrzFormat.MRVB),  # a second line after 36: type B
        ("D1NL", MrzFormat.DL1),
        (DL1_SPECIMEN, MrzFormat.DL1),
    ],
)
def test_the_format_is_guessed_from_the_first_letter_and_the_lengths(typed: str, expected: MrzFormat) -> None:
    assert live_checks(typed).format is expected


def test_too_long_a_line_keeps_a_format_so_the_clerk_sees_what_is_over() -> None:
    result = live_checks(TD3_SPECIMEN[0] + "<<")

    assert result.format is MrzFormat.TD3
    assert not result.complete


def test_a_licence_line_has_one_check_over_the_first_29_characters() -> None:
    assert [(c.field, c.line, c.column, c.state) for c in live_checks(DL1_SPECIMEN[:29]).checks] == [
        ("licence", 0, 29, CheckState.PENDING)
    ]
    result = live_checks(DL1_SPECIMEN)
    assert result.line_lengths == (30,)
    assert result.all_ok
    assert states(DL1_SPECIMEN[:29] + "0") == {"licence": CheckState.BAD}


def test_a_visa_has_no_composite_digit() -> None:
    result = live_checks("\n".join(MRVB_SPECIMEN))

    assert result.format is MrzFormat.MRVB
    assert [c.field for c in result.checks] == ["document_number", "birth_date", "expiry_date"]
    assert result.all_ok


def test_a_long_document_number_is_checked_where_its_digit_really_sits() -> None:
    line0 = TD1_LONG_NUMBER[0]

    pending = live_checks(line0[:17])
    assert pending.checks[0].state is CheckState.PENDING  # the number's end has not been typed yet
    done = live_checks("\n".join(TD1_LONG_NUMBER))
    number = done.checks[0]
    assert (number.field, number.line, number.column, number.state) == ("document_number", 0, 18, CheckState.OK)
    assert done.all_ok
    wrong = live_checks(line0[:18] + "8" + line0[19:])
    assert wrong.checks[0].state is CheckState.BAD


def test_a_filler_check_digit_with_nothing_carried_over_is_bad() -> None:
    line0 = "I<UTOD23145890<<<<<<<<<<<<<<<<"

    assert live_checks(line0).checks[0].state is CheckState.BAD


def test_characters_outside_the_mrz_set_are_located_and_make_their_checks_bad() -> None:
    line2 = TD3_SPECIMEN[1]
    typed = TD3_SPECIMEN[0] + "\n" + line2[:2] + "-" + line2[3:]

    result = live_checks(typed)

    assert result.invalid_characters == ((1, 2),)
    assert states(typed)["document_number"] is CheckState.BAD
    assert not result.all_ok


# --- properties ------------------------------------------------------------------------------------------

_COMPOSERS: list[tuple[MrzFormat, Callable[..., tuple[str, ...]], str]] = [
    (MrzFormat.TD1, compose_td1, "ID"),
    (MrzFormat.TD2, compose_td2, "I"),
    (MrzFormat.TD3, compose_td3, "P"),
    (MrzFormat.MRVA, compose_mrva, "V"),
    (MrzFormat.MRVB, compose_mrvb, "VC"),
]
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_at_all_gives_feedback_without_raising(text: str) -> None:
    result = live_checks(text)

    assert all(check.state in CheckState for check in result.checks)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALNUM + "<\n\r -", max_size=140))
def test_the_parser_refuses_any_text_only_with_a_coded_error(text: str) -> None:
    try:
        parse_mrz(text, today=date(2026, 11, 27))
    except InvalidInput as error:
        assert error.code in {"mrz.invalid_characters", "mrz.unrecognised_format"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALNUM + "<\n\r ", max_size=140))
def test_any_mrz_like_text_gives_feedback_without_raising(text: str) -> None:
    result = live_checks(text)

    if result.format is not None:
        assert len(result.checks) >= 1


@st.composite
def composed_mrz(draw: st.DrawFn) -> tuple[MrzFormat, tuple[str, ...]]:
    choice = draw(st.sampled_from([*_COMPOSERS, (MrzFormat.DL1, None, "D")]))
    mrz_format, compose, code = choice
    if compose is None:
        return mrz_format, compose_dl1(
            issuing_country=draw(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3)),
            licence_number=draw(st.text(alphabet=_ALNUM, min_size=1, max_size=10)),
            optional_data=draw(st.text(alphabet=_ALNUM, max_size=13)),
        )
    return mrz_format, compose(
        document_code=code,
        issuing_country="DNK",
        surname=draw(st.sampled_from(["Sørensen", "Østergård-Holm", "Li"])),
        given_names=draw(st.sampled_from(["Anne Marie", "", "Bo"])),
        document_number=draw(st.text(alphabet=_ALNUM, min_size=1, max_size=9)),
        nationality="DNK",
        birth_date=draw(st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 11, 27))),
        sex=draw(st.sampled_from("MFX")),
        expiry_date=draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))),
        optional_data=draw(st.text(alphabet=_ALNUM, max_size=7)),
    )


@settings(max_examples=300, deadline=None)
@given(composed_mrz())
def test_a_whole_valid_mrz_has_every_check_ok(composed: tuple[MrzFormat, tuple[str, ...]]) -> None:
    mrz_format, lines = composed

    result = live_checks("\n".join(lines))

    assert result.format is mrz_format
    assert result.complete
    assert [check.state for check in result.checks] == [CheckState.OK] * len(result.checks)
    assert result.all_ok


@settings(max_examples=300, deadline=None)
@given(composed=composed_mrz(), data=st.data())
def test_changing_one_digit_of_a_checked_field_turns_its_check_bad(
    composed: tuple[MrzFormat, tuple[str, ...]], data: st.DataObject
) -> None:
    _mrz_format, lines = composed
    result = live_checks("\n".join(lines))
    # A digit inside a field some check covers: for a check over dates, numbers or the licence line, any
    # change of one digit changes its 7-3-1 sum by a non-multiple of 10 (weights 7, 3, 1 are prime to 10).
    # Only checks that cover a digit can be drawn: an example is never passed without testing anything.
    candidates = [
        (check, covered)
        for check in result.checks
        if check.field != "composite" and (covered := _covered_digit_positions(lines, check.field, check.line, check.column))
    ]
    assume(candidates)  # hypothesis counts a rejected example and generates another, unlike a silent return
    check, covered = data.draw(st.sampled_from(candidates))
    line, column = data.draw(st.sampled_from(covered))
    old = lines[line][column]
    new = data.draw(st.sampled_from([d for d in "0123456789" if d != old]))
    changed = list(lines)
    changed[line] = changed[line][:column] + new + changed[line][column + 1 :]

    after = {c.field: c.state for c in live_checks("\n".join(changed)).checks}

    assert after[check.field] is CheckState.BAD


def _covered_digit_positions(lines: tuple[str, ...], field: str, line: int, column: int) -> list[tuple[int, int]]:
    """Digits of the field just before a check digit at (line, column) (the digit itself included)."""
    widths = {"birth_date": 6, "expiry_date": 6, "licence": 29, "document_number": 9, "optional_data": 14}
    return [(line, c) for c in range(column - widths[field], column + 1) if lines[line][c].isdigit()]
