"""Odd corners of the MRZ parser, check digits and live feedback that the mutation run found untested:
the long document number of TD1/TD2 while it is typed, the format guess for text that fits no format,
the French card against a TD2 card at a tie, the error parameters, and the masking of a CPR number."""

from __future__ import annotations

from datetime import date

import pytest

from borgerservice_desk.domain.mrz import (
    CheckState,
    MrzFormat,
    character_value,
    check_digit,
    dl1_configuration,
    is_french_id,
    live_checks,
    mask_personal_numbers,
    parse_dl1,
    parse_mrz,
)
from borgerservice_desk.domain.mrz.parsing import parse_birth_date
from borgerservice_desk.domain.mrz.spelling import letter_spellings
from borgerservice_desk.errors import InvalidInput
from tests.support.mrz import compose_dl1, compose_french_id, compose_td1, compose_td2, compose_td3

TODAY = date(2026, 11, 30)
# ICAO 9303 part 5 specimen with a 12-character number: "D23145890734" goes on after a '<' check digit
# into the optional data, ending with its own check digit (9) and a filler.
TD1_LONG_LINE0 = "I<UTOD23145890<7349<<<<<<<<<<<"
# A Danish replacement CPR number (day + 60), which can be no real person's.
CPR = "6101701234"


# --- check digits --------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["a", "z", "[", "_", "`"])
def test_only_capital_letters_count_in_a_check_digit(char: str) -> None:
    """The MRZ set is A-Z, 0-9 and '<' (ICAO 9303 part 3): a lower-case letter, or a character that sorts
    between 'Z' and 'z', has no value; a silent digit for it would vouch for a misread."""
    with pytest.raises(ValueError, match="not an MRZ character"):
        character_value(char)
    with pytest.raises(ValueError):
        check_digit("AB" + char)


# --- the long document number while it is typed ----------------------------------------------------------


def _number_check(typed: str) -> tuple[CheckState, int, int]:
    check = live_checks(typed).checks[0]
    assert check.field == "document_number"
    return check.state, check.line, check.column


@pytest.mark.parametrize(
    ("typed", "column"),
    [
        (TD1_LONG_LINE0[:15], 15),  # nothing carried over yet: the digit will be at the first column at least
        (TD1_LONG_LINE0[:16], 15),
        (TD1_LONG_LINE0[:19], 18),  # "7349": the last typed character may be the digit
    ],
)
def test_a_long_number_is_pending_at_its_last_typed_character_until_its_filler(typed: str, column: int) -> None:
    assert _number_check(typed) == (CheckState.PENDING, 0, column)


def test_a_long_number_is_judged_as_soon_as_its_closing_filler_is_typed() -> None:
    """The filler ends the number: the clerk sees the digit's state without typing the rest of the line."""
    assert _number_check(TD1_LONG_LINE0[:20]) == (CheckState.OK, 0, 18)
    wrong = TD1_LONG_LINE0[:18] + "8<"
    assert _number_check(wrong) == (CheckState.BAD, 0, 18)


def test_a_long_number_filling_the_whole_optional_field_is_judged_at_its_last_column() -> None:
    """No closing filler, but the field is full: the number can go no further, so its digit is the field's
    last character and is judged rather than left pending forever."""
    principal = "D23145890"
    carried = "12345678901234"  # 14 more characters of number, then the digit in the 15th column
    digit = check_digit(principal + carried)
    line0 = "I<UTO" + principal + "<" + carried + digit
    assert len(line0) == 30

    assert _number_check(line0) == (CheckState.OK, 0, 29)
    wrong_digit = str((int(digit) + 1) % 10)
    assert _number_check(line0[:29] + wrong_digit) == (CheckState.BAD, 0, 29)


# --- the format guessed while typing --------------------------------------------------------------------


def test_nothing_typed_has_nothing_invalid() -> None:
    result = live_checks("  \n ")

    assert result.format is None
    assert result.invalid_characters == ()
    assert not result.all_ok


def test_lines_too_long_for_every_card_keep_a_format_with_lines_enough() -> None:
    """Three lines starting 'I' whose first two are 36 long fit no format. Of the candidates only TD1 has
    three lines, so it is kept (the clerk then sees the lines that are over 30) rather than a two-line
    format that would drop the third line from view."""
    typed = "I" + "<" * 35 + "\n" + "0" * 36 + "\nABCDE"

    result = live_checks(typed)

    assert result.format is MrzFormat.TD1
    assert result.line_lengths == (30, 30, 30)
    assert not result.complete


def test_a_whole_td2_card_of_france_typed_is_checked_as_td2() -> None:
    """'IDFRA' starts both the French card and a TD2 card of France: once both lines are whole, the check
    digits decide, as the parser does."""
    td2 = compose_td2(
        document_code="ID", issuing_country="FRA", surname="Martin", given_names="Claire",
        document_number="X4RTBPFW4", nationality="FRA", birth_date=date(1990, 7, 14), sex="F",
        expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    assert parse_mrz("\n".join(td2), today=TODAY).format is MrzFormat.TD2

    result = live_checks("\n".join(td2))

    assert result.format is MrzFormat.TD2
    assert result.all_ok


@pytest.mark.parametrize("length", [5, 29, 30, 36])
def test_one_line_starting_idfra_stays_the_french_card_until_a_second_line_shows_td1(length: int) -> None:
    """The 2021 French card (TD1) is only told from the older one by its second line: a first line of 30
    alone may still be a French card being typed on to 36."""
    line0 = ("IDFRADOUEL" + "<" * 26)[:length]

    assert live_checks(line0).format is MrzFormat.FRCNI
    assert live_checks(("IDFRADOUEL" + "<" * 20) + "\n3").format is MrzFormat.TD1


# --- parsing ---------------------------------------------------------------------------------------------


def test_the_two_optional_fields_of_a_td1_card_are_both_kept_apart() -> None:
    lines = list(
        compose_td1(
            document_code="ID", issuing_country="D", surname="Mustermann", given_names="Erika",
            document_number="T22000129", nationality="D", birth_date=date(1964, 8, 12), sex="F",
            expiry_date=date(2030, 10, 31), optional_data="ABC",
        )
    )  # fmt: skip
    # Line 2's optional data (columns 19-29) with a corrected composite check digit.
    lines[1] = lines[1][:18] + "DEF" + lines[1][21:29]
    composite = lines[0][5:30] + lines[1][0:7] + lines[1][8:15] + lines[1][18:29]
    lines[1] += check_digit(composite)

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.all_check_digits_pass
    assert document.optional_data == "ABC DEF"


def test_the_error_for_foreign_characters_names_each_once() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mrz("P<DNK#HANSEN<<$ANNA#", today=TODAY)

    assert caught.value.code == "mrz.invalid_characters"
    assert caught.value.params == {"line": 1, "characters": "#$"}


def test_a_text_that_is_no_licence_line_is_refused_with_what_was_seen() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_dl1("D1NLD11234567890<<<<<<<<<<<<<0\nD1NLD1")

    assert caught.value.code == "mrz.not_a_licence_line"
    assert caught.value.params == {"line_count": 2, "line_lengths": (30, 6)}


def test_asking_a_passport_for_its_licence_configuration_is_a_programming_error() -> None:
    passport = parse_mrz(
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", today=TODAY
    )

    with pytest.raises(ValueError, match="not a driving licence line: TD3"):
        dl1_configuration(passport)


def test_a_french_card_without_an_office_reads_no_optional_data() -> None:
    """Some cards have fillers where the department and office of issue would be."""
    lines = compose_french_id(
        surname="Douel", given_names="Christiane Nicole", card_number="050693202043",
        birth_date=date(1929, 6, 20), sex="F",
    )  # fmt: skip

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.format is MrzFormat.FRCNI
    assert document.optional_data == ""
    assert (document.document_code, document.issuing_country) == ("ID", "FRA")


def test_a_french_card_number_is_read_without_fillers() -> None:
    lines = compose_french_id(
        surname="Douel", given_names="Christiane", card_number="0506932<<043", birth_date=date(1929, 6, 20), sex="F"
    )

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.format is MrzFormat.FRCNI
    assert document.all_check_digits_pass
    assert document.document_number == "0506932043"


def test_two_lines_of_36_not_starting_idfra_are_never_the_french_card() -> None:
    """Even when neither reading passes a check digit (a bad misread), the French reading needs 'IDFRA'."""
    lines = ("IDDEU" + "<" * 31, "X" * 36)

    assert not is_french_id(lines)


def test_at_a_tie_of_check_digits_the_french_reading_is_taken() -> None:
    """Lines starting 'IDFRA' on which both readings pass every check digit: the French card wins the tie
    (a French TD2 card would pass its composite over different characters only by chance)."""
    lines = ("IDFRAB" + "<" * 30, "0" * 36)
    assert parse_mrz("\n".join(lines), today=TODAY).all_check_digits_pass

    assert is_french_id(lines)
    assert parse_mrz("\n".join(lines), today=TODAY).format is MrzFormat.FRCNI


def test_a_birth_date_at_a_century_turn_takes_the_new_century_once_it_has_begun() -> None:
    assert parse_birth_date("000101", today=date(2100, 6, 1)) == date(2100, 1, 1)
    assert parse_birth_date("000601", today=date(2100, 1, 1)) == date(2000, 6, 1)
    assert parse_birth_date("991231", today=date(2100, 1, 1)) == date(2099, 12, 31)


# --- masking a CPR number -------------------------------------------------------------------------------


def test_a_cpr_number_in_a_passports_optional_data_is_masked_and_nothing_else() -> None:
    lines = compose_td3(
        document_code="P", issuing_country="DNK", surname="Hansen", given_names="Anne",
        document_number="206153412", nationality="DNK", birth_date=date(1970, 1, 1), sex="F",
        expiry_date=date(2030, 1, 1), optional_data=CPR,
    )  # fmt: skip

    masked = mask_personal_numbers(lines)

    assert masked[0] == lines[0]
    assert masked[1] == lines[1].replace(CPR, CPR[:6] + "XXXX")
    assert [len(line) for line in masked] == [44, 44]


def test_a_cpr_number_in_a_licence_lines_optional_data_is_masked() -> None:
    (line,) = compose_dl1(issuing_country="NLD", licence_number="1234567890", optional_data=CPR)

    assert mask_personal_numbers((line,)) == (line.replace(CPR, CPR[:6] + "XXXX"),)


def test_a_french_card_has_no_room_for_a_cpr_number_so_nothing_is_masked() -> None:
    """Its optional data (the office of issue) is 6 characters: a CPR-looking run elsewhere on the card,
    here the card number and its check digit, is the card's own and stays."""
    lines = compose_french_id(
        surname="Douel", given_names="Anne", card_number="610170123499", birth_date=date(1970, 1, 1), sex="F"
    )
    assert parse_mrz("\n".join(lines), today=TODAY).format is MrzFormat.FRCNI

    assert mask_personal_numbers(lines) == lines


# --- spelling ---------------------------------------------------------------------------------------------


def test_a_ligature_letter_is_spelled_with_both_its_letters() -> None:
    """ICAO 9303 part 3 transliterates the Dutch 'Ĳ' as "IJ"."""
    assert letter_spellings("Ĳ") == ("IJ",)


def test_lines_of_no_known_shape_have_every_cpr_looking_run_masked() -> None:
    """A misread zone (here one line of 25) may hold a CPR number anywhere: better one hidden too many."""
    line = "P<DNK" + CPR + "<<" + CPR[:8]

    assert mask_personal_numbers((line,)) == ("P<DNK" + CPR[:6] + "XXXX<<" + CPR[:8],)
