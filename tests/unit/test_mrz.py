"""MRZs: check digits, parsing of the ICAO formats (TD1, TD2, TD3, MRV-A, MRV-B) and the EU driving licence
line (DL1), composing, and refusing what is not an MRZ."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.mrz import (
    DocumentKind,
    MrzFormat,
    character_value,
    check_digit,
    dl1_configuration,
    parse_dl1,
    parse_mrz,
)
from borgerservice_desk.errors import InvalidInput
from tests.support.facts import TODAY
from tests.support.mrz import (
    compose_dl1,
    compose_mrva,
    compose_mrvb,
    compose_td1,
    compose_td2,
    compose_td3,
    transliterate,
)

# ICAO Doc 9303 specimens (part 4 appendix B, part 5 appendix B, part 6 appendix B).
TD3_SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
)
TD1_SPECIMEN = (
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
)
TD2_SPECIMEN = (
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
)
# ICAO Doc 9303 part 7 appendices A and B: the visa specimens.
MRVA_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
)
MRVB_SPECIMEN = (
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "L8988901C4XXX4009078F9612109<<<<<<<<",
)
# A Dutch licence's line as printed in public examples: D, BAP configuration 1, NLD, version 1, the number
# 5094962111, 13 random characters and the 7-3-1 check digit over the first 29 characters.
DL1_SPECIMEN = "D1NLD15094962111659VW87Z78NB84"


def replace_char(lines: tuple[str, ...], line: int, position: int, char: str) -> str:
    changed = list(lines)
    changed[line] = changed[line][:position] + char + changed[line][position + 1 :]
    return "\n".join(changed)


# --- check digits ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("L898902C3", "6"),  # TD3 specimen document number
        ("740812", "2"),  # birth date
        ("120415", "9"),  # expiry date
        ("ZE184226B<<<<<", "1"),  # personal number
        ("D23145890", "7"),
        ("520727", "3"),
        ("<<<<<<<<<", "0"),
        ("", "0"),
    ],
)
def test_check_digit_matches_icao_examples(field: str, expected: str) -> None:
    assert check_digit(field) == expected


def test_check_digit_values_letters_from_ten_and_filler_as_zero() -> None:
    # 'A' = 10 weighted 7 is 70, so 0; 'B' = 11 -> 77 -> 7; '<' counts nothing.
    assert check_digit("A") == "0"
    assert check_digit("B") == "7"
    assert check_digit("<B") == check_digit("0B")


def test_check_digit_refuses_characters_outside_the_mrz_set() -> None:
    with pytest.raises(ValueError, match="not an MRZ character"):
        check_digit("AB-1")
    with pytest.raises(ValueError, match="not an MRZ character"):
        character_value("-")


def test_a_check_digit_cannot_tell_apart_characters_whose_values_differ_by_ten() -> None:
    # S counts 28, 8 counts 8: a document number with one misread for the other passes its check digit,
    # which is why the scanner marks such a rival for the clerk (scanning.doubts).
    assert [character_value(char) for char in "08SZ<"] == [0, 8, 28, 35, 0]
    assert check_digit("X1S45678") == check_digit("X1845678")
    assert check_digit("X1S45678") != check_digit("X1B45678")


# --- parsing the specimens -------------------------------------------------------------------------------


def test_td3_specimen_parses_with_every_check_passing() -> None:
    document = parse_mrz("\n".join(TD3_SPECIMEN), today=TODAY)

    assert document.format is MrzFormat.TD3
    assert document.document_code == "P"
    assert document.issuing_country == "UTO"
    assert document.surname == "ERIKSSON"
    assert document.given_names == "ANNA MARIA"
    assert document.document_number == "L898902C3"
    assert document.nationality == "UTO"
    assert document.birth_date == date(1974, 8, 12)
    assert document.sex == "F"
    assert document.expiry_date == date(2012, 4, 15)
    assert document.optional_data == "ZE184226B"
    assert document.lines == TD3_SPECIMEN
    assert [name for name, _ in document.checks] == [
        "document_number",
        "birth_date",
        "expiry_date",
        "optional_data",
        "composite",
    ]
    assert document.all_check_digits_pass
    assert document.document_kind is DocumentKind.PASSPORT
    assert document.number_last4 == "02C3"


def test_td1_specimen_parses_with_every_check_passing() -> None:
    document = parse_mrz("\n".join(TD1_SPECIMEN), today=TODAY)

    assert document.format is MrzFormat.TD1
    assert (document.document_code, document.issuing_country) == ("I", "UTO")
    assert (document.surname, document.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert document.document_number == "D23145890"
    assert (document.birth_date, document.sex, document.expiry_date) == (date(1974, 8, 12), "F", date(2012, 4, 15))
    assert document.nationality == "UTO"
    assert [name for name, _ in document.checks] == ["document_number", "birth_date", "expiry_date", "composite"]
    assert document.all_check_digits_pass
    assert document.document_kind is DocumentKind.ID_CARD


def test_td2_specimen_parses_with_every_check_passing() -> None:
    document = parse_mrz("\n".join(TD2_SPECIMEN), today=TODAY)

    assert document.format is MrzFormat.TD2
    assert (document.surname, document.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert document.document_number == "D23145890"
    assert document.birth_date == date(1974, 8, 12)
    assert document.all_check_digits_pass


def test_two_letter_document_code_and_german_country_code_keep_their_letters() -> None:
    lines = compose_td1(
        document_code="ID",
        issuing_country="D",
        surname="Mustermann",
        given_names="Erika",
        document_number="T22000129",
        nationality="D",
        birth_date=date(1964, 8, 12),
        sex="F",
        expiry_date=date(2030, 10, 31),
    )
    assert lines[0].startswith("IDD<<T22000129")

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert (document.document_code, document.issuing_country, document.nationality) == ("ID", "D", "D")


def test_surname_of_several_words_and_long_given_names() -> None:
    document = parse_mrz(
        "P<POLKOWALSKA<KWIATKOWSKA<<JOANNA<<<<<<<<<<<\nAA00000000POL6002084F1412314<<<<<<<<<<<<<<<4", today=TODAY
    )

    assert document.surname == "KOWALSKA KWIATKOWSKA"
    assert document.given_names == "JOANNA"
    assert document.all_check_digits_pass


@pytest.mark.parametrize(
    ("line", "position", "char", "failing"),
    [
        # The composite digit covers the fields and their check digits, so it fails along with any of them.
        (1, 0, "M", {"document_number", "composite"}),
        (1, 9, "5", {"document_number", "composite"}),
        (1, 13, "8", {"birth_date", "composite"}),
        (1, 19, "3", {"birth_date", "composite"}),
        (1, 21, "2", {"expiry_date", "composite"}),
        (1, 27, "8", {"expiry_date", "composite"}),
        (1, 30, "9", {"optional_data", "composite"}),
        (1, 42, "2", {"optional_data", "composite"}),
        (1, 43, "9", {"composite"}),
        # Nothing covers the nationality, the sex or the names (DOMAIN.md: never trusted blindly).
        (1, 11, "X", set()),
        (1, 20, "M", set()),
        (0, 6, "X", set()),
    ],
)
def test_one_corrupted_character_fails_exactly_the_checks_covering_it(
    line: int, position: int, char: str, failing: set[str]
) -> None:
    document = parse_mrz(replace_char(TD3_SPECIMEN, line, position, char), today=TODAY)

    assert {name for name, valid in document.checks if not valid} == failing
    assert document.all_check_digits_pass is (not failing)


def test_one_corrupted_digit_in_td1_fails_its_check_and_the_composite() -> None:
    document = parse_mrz(replace_char(TD1_SPECIMEN, 1, 14, "0"), today=TODAY)

    assert document.failed_checks == ("expiry_date", "composite")


def test_empty_personal_number_may_have_filler_or_zero_as_check_digit() -> None:
    filler = parse_mrz(
        "P<POLKOWALSKA<KWIATKOWSKA<<JOANNA<<<<<<<<<<<\nAA00000000POL6002084F1412314<<<<<<<<<<<<<<<4", today=TODAY
    )
    zero = parse_mrz(
        "P<POLKOWALSKA<KWIATKOWSKA<<JOANNA<<<<<<<<<<<\nAA00000000POL6002084F1412314<<<<<<<<<<<<<<04", today=TODAY
    )

    assert dict(filler.checks)["optional_data"]
    assert dict(zero.checks)["optional_data"]


def test_personal_number_with_filler_check_digit_fails() -> None:
    text = replace_char(TD3_SPECIMEN, 1, 42, "<")

    assert parse_mrz(text, today=TODAY).failed_checks == ("optional_data", "composite")


def test_long_document_number_continues_in_the_optional_data() -> None:
    # ICAO 9303 part 5, 4.2.2 note j: nine characters, '<' for the check digit, the rest and its check digit
    # in the optional data.
    document = parse_mrz(
        "I<UTOD23145890<7349<<<<<<<<<<<\n3407127M9507122UTO<<<<<<<<<<<2\nSTEVENSON<<PETER<JOHN<<<<<<<<<", today=TODAY
    )

    assert document.document_number == "D23145890734"
    assert document.optional_data == ""
    assert dict(document.checks)["document_number"]


def test_a_td2_card_number_continues_in_the_optional_data_too() -> None:
    # ICAO 9303 part 6, 4.2.2: the TD2 card has the long-number rule of the TD1 card; its optional data
    # (7 characters) holds the rest of the number and its check digit.
    second = "D23145890<UTO3407127M9507122" + "7349<<<"
    composite = check_digit(second[0:10] + second[13:20] + second[21:35])
    document = parse_mrz(f"I<UTOSTEVENSON<<PETER<JOHN<<<<<<<<<<\n{second}{composite}", today=TODAY)

    assert document.format is MrzFormat.TD2
    assert document.document_number == "D23145890734"
    assert document.optional_data == ""
    assert document.failed_checks == ()


def test_a_passport_number_does_not_continue_in_the_personal_number() -> None:
    # The long-number overflow is a TD1/TD2 rule (ICAO 9303 parts 5 and 6). A passport (TD3) whose number
    # check digit is a filler fails that check, even when its personal number starts like an overflow
    # that would pass ("7349": "734" and the check digit 9 of D23145890734).
    personal = "7349" + "<" * 10
    second = f"D23145890<UTO7408122F1204159{personal}{check_digit(personal)}"
    composite = check_digit(second[0:10] + second[13:20] + second[21:43])
    document = parse_mrz(f"{TD3_SPECIMEN[0]}\n{second}{composite}", today=TODAY)

    assert document.document_number == "D23145890"
    assert document.failed_checks == ("document_number",)


def test_unknown_sex_is_x() -> None:
    assert parse_mrz(replace_char(TD3_SPECIMEN, 1, 20, "<"), today=TODAY).sex == "X"
    assert parse_mrz(replace_char(TD3_SPECIMEN, 1, 20, "X"), today=TODAY).sex == "X"


# --- dates -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yymmdd", "expected"),
    [
        ("261127", date(2026, 11, 27)),  # born today
        ("261128", date(1926, 11, 28)),  # tomorrow is impossible, so a century ago
        ("000229", date(2000, 2, 29)),
        ("740812", date(1974, 8, 12)),
    ],
)
def test_birth_century_is_the_latest_that_is_not_in_the_future(yymmdd: str, expected: date) -> None:
    lines = (TD3_SPECIMEN[0], TD3_SPECIMEN[1][:13] + yymmdd + check_digit(yymmdd) + TD3_SPECIMEN[1][20:])

    assert parse_mrz("\n".join(lines), today=TODAY).birth_date == expected


def test_birth_on_29_february_falls_back_a_century_only_when_that_date_exists() -> None:
    lines = (TD3_SPECIMEN[0], TD3_SPECIMEN[1][:13] + "000229" + "<" + TD3_SPECIMEN[1][20:])

    # On 1 January 2000 "000229" is in the future; 1900 was no leap year, so there is no such birth date.
    assert parse_mrz("\n".join(lines), today=date(2000, 1, 1)).birth_date is None


def test_expiry_is_always_this_century() -> None:
    lines = (TD3_SPECIMEN[0], TD3_SPECIMEN[1][:21] + "991231" + TD3_SPECIMEN[1][27:])

    assert parse_mrz("\n".join(lines), today=TODAY).expiry_date == date(2099, 12, 31)


def test_impossible_date_reads_as_none_and_its_check_digit_still_counts() -> None:
    bad_month = "741312"
    lines = (TD3_SPECIMEN[0], TD3_SPECIMEN[1][:13] + bad_month + check_digit(bad_month) + TD3_SPECIMEN[1][20:])

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.birth_date is None
    assert dict(document.checks)["birth_date"]


def test_unknown_day_of_birth_written_as_fillers_reads_as_none() -> None:
    lines = (TD3_SPECIMEN[0], TD3_SPECIMEN[1][:13] + "7408<<" + TD3_SPECIMEN[1][19:])

    assert parse_mrz("\n".join(lines), today=TODAY).birth_date is None


# --- what counts as input --------------------------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\n", "\r\n", "\r"])
def test_lines_may_be_separated_by_any_line_break(separator: str) -> None:
    document = parse_mrz(separator.join(TD1_SPECIMEN), today=TODAY)

    assert document.lines == TD1_SPECIMEN


def test_counter_reader_input_with_spaces_lower_case_and_blank_lines_is_cleaned() -> None:
    text = (
        "\r\n  p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<  \r\n"
        "\r\n L898902C36UTO7408122F1204159ZE184226B<<<<<10\r\n"
    )

    assert parse_mrz(text, today=TODAY).lines == TD3_SPECIMEN


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n  ",
        TD3_SPECIMEN[0],  # one line only
        TD3_SPECIMEN[0] + "\n" + TD3_SPECIMEN[1][:-1],  # one character short
        TD3_SPECIMEN[0] + "<\n" + TD3_SPECIMEN[1] + "<",  # one character too many
        "\n".join(TD1_SPECIMEN[:2]),  # two lines of 30
        "\n".join(TD1_SPECIMEN) + "\n" + TD1_SPECIMEN[2],  # four lines
        TD3_SPECIMEN[0] + "\n" + TD2_SPECIMEN[1],  # mixed lengths
    ],
)
def test_wrong_shape_is_refused_with_a_coded_error(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mrz(text, today=TODAY)

    assert caught.value.code == "mrz.unrecognised_format"


def test_wrong_shape_error_tells_what_was_seen() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mrz(TD3_SPECIMEN[0] + "\n" + TD3_SPECIMEN[1][:-2], today=TODAY)

    assert caught.value.code == "mrz.unrecognised_format"
    assert caught.value.params == {"line_count": 2, "line_lengths": (44, 42)}


@pytest.mark.parametrize("bad", ["Ø", "-", ".", "«", "é"])
def test_characters_outside_the_mrz_set_are_refused(bad: str) -> None:
    text = replace_char(TD3_SPECIMEN, 0, 7, bad)

    with pytest.raises(InvalidInput) as caught:
        parse_mrz(text, today=TODAY)

    assert caught.value.code == "mrz.invalid_characters"
    assert caught.value.params["line"] == 1
    assert caught.value.params["characters"] == bad.upper()


# --- document kinds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("P", DocumentKind.PASSPORT),
        ("PD", DocumentKind.PASSPORT),
        ("I", DocumentKind.ID_CARD),
        ("ID", DocumentKind.ID_CARD),
        ("A", DocumentKind.ID_CARD),
        ("C", DocumentKind.ID_CARD),
        ("AR", DocumentKind.RESIDENCE_CARD),
        ("IR", DocumentKind.RESIDENCE_CARD),
        ("RT", DocumentKind.RESIDENCE_CARD),
        ("RP", DocumentKind.RESIDENCE_CARD),
        ("V", DocumentKind.VISA),
        ("VI", DocumentKind.VISA),
        ("X", DocumentKind.OTHER),
    ],
)
def test_document_kind_follows_the_document_code(code: str, kind: DocumentKind) -> None:
    lines = compose_td1(
        document_code=code,
        issuing_country="DNK",
        surname="Jensen",
        given_names="Lars",
        document_number="AB1234567",
        nationality="DNK",
        birth_date=date(1980, 1, 1),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )

    assert parse_mrz("\n".join(lines), today=TODAY).document_kind is kind


# --- composing -------------------------------------------------------------------------------------------


def test_compose_td3_reproduces_the_icao_specimen() -> None:
    lines = compose_td3(
        document_code="P",
        issuing_country="UTO",
        surname="Eriksson",
        given_names="Anna Maria",
        document_number="L898902C3",
        nationality="UTO",
        birth_date=date(1974, 8, 12),
        sex="F",
        expiry_date=date(2012, 4, 15),
        optional_data="ZE184226B",
    )

    assert lines == TD3_SPECIMEN


def test_compose_td1_and_td2_reproduce_the_icao_specimens() -> None:
    common: dict[str, Any] = {
        "document_code": "I",
        "issuing_country": "UTO",
        "surname": "Eriksson",
        "given_names": "Anna Maria",
        "document_number": "D23145890",
        "nationality": "UTO",
        "birth_date": date(1974, 8, 12),
        "sex": "F",
        "expiry_date": date(2012, 4, 15),
    }

    assert compose_td1(**common) == TD1_SPECIMEN
    assert compose_td2(**common) == TD2_SPECIMEN


def test_compose_spells_danish_letters_out_and_drops_accents() -> None:
    lines = compose_td3(
        document_code="P",
        issuing_country="DNK",
        surname="Østergård-Sørensen",
        given_names="Anne Marie Æbelø Zoë D'Angelo",
        document_number="212345678",
        nationality="DNK",
        birth_date=date(1985, 3, 14),
        sex="F",
        expiry_date=date(2031, 5, 2),
    )

    assert lines[0] == "P<DNKOESTERGAARD<SOERENSEN<<ANNE<MARIE<AEBEL"
    assert transliterate("Zoë D'Angelo") == "ZOE<DANGELO"


def test_compose_cuts_long_names_at_the_end_of_the_line() -> None:
    lines = compose_td1(
        document_code="ID",
        issuing_country="DNK",
        surname="Kristiansen-Bjørnholm",
        given_names="Kirsten Margrethe",
        document_number="AB1234567",
        nationality="DNK",
        birth_date=date(1977, 5, 19),
        sex="F",
        expiry_date=date(2030, 1, 1),
    )

    assert lines[2] == "KRISTIANSEN<BJOERNHOLM<<KIRSTE"
    assert parse_mrz("\n".join(lines), today=TODAY).names_may_be_truncated


def test_compose_refuses_a_document_number_that_does_not_fit_a_passport() -> None:
    with pytest.raises(ValueError, match="document number"):
        compose_td3(
            document_code="P",
            issuing_country="DNK",
            surname="Jensen",
            given_names="Lars",
            document_number="1234567890",
            nationality="DNK",
            birth_date=date(1980, 1, 1),
            sex="M",
            expiry_date=date(2030, 1, 1),
        )


# --- visas (ICAO 9303 part 7) ----------------------------------------------------------------------------


def test_mrva_specimen_parses_without_a_composite_check() -> None:
    document = parse_mrz("\n".join(MRVA_SPECIMEN), today=TODAY)

    assert document.format is MrzFormat.MRVA
    assert (document.document_code, document.issuing_country) == ("V", "UTO")
    assert (document.surname, document.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert document.document_number == "L8988901C"
    assert document.nationality == "XXX"
    assert (document.birth_date, document.sex, document.expiry_date) == (date(1940, 9, 7), "F", date(2096, 12, 10))
    # Columns 29-44 are all optional data: no personal-number digit, no composite digit.
    assert document.optional_data == "6ZE184226B"
    assert [name for name, _ in document.checks] == ["document_number", "birth_date", "expiry_date"]
    assert document.all_check_digits_pass
    assert document.document_kind is DocumentKind.VISA


def test_mrvb_specimen_parses_with_eight_characters_of_optional_data() -> None:
    document = parse_mrz("\n".join(MRVB_SPECIMEN), today=TODAY)

    assert document.format is MrzFormat.MRVB
    assert (document.surname, document.given_names) == ("ERIKSSON", "ANNA MARIA")
    assert document.document_number == "L8988901C"
    assert document.birth_date == date(1940, 9, 7)
    assert document.optional_data == ""
    assert [name for name, _ in document.checks] == ["document_number", "birth_date", "expiry_date"]
    assert document.all_check_digits_pass
    assert document.document_kind is DocumentKind.VISA


def test_compose_mrva_and_mrvb_reproduce_the_icao_specimens() -> None:
    common: dict[str, Any] = {
        "document_code": "V",
        "issuing_country": "UTO",
        "surname": "Eriksson",
        "given_names": "Anna Maria",
        "document_number": "L8988901C",
        "nationality": "XXX",
        "birth_date": date(1940, 9, 7),
        "sex": "F",
        "expiry_date": date(2096, 12, 10),
    }

    assert compose_mrva(**common, optional_data="6ZE184226B") == MRVA_SPECIMEN
    assert compose_mrvb(**common) == MRVB_SPECIMEN


@pytest.mark.parametrize("compose", [compose_mrva, compose_mrvb])
def test_compose_visa_refuses_a_code_that_is_not_a_visa(compose: Callable[..., tuple[str, ...]]) -> None:
    with pytest.raises(ValueError, match="starts with V"):
        compose(
            document_code="P",
            issuing_country="DNK",
            surname="Jensen",
            given_names="Lars",
            document_number="123456789",
            nationality="DNK",
            birth_date=date(1980, 1, 1),
            sex="M",
            expiry_date=date(2030, 1, 1),
        )


def test_compose_mrvb_refuses_optional_data_that_does_not_fit() -> None:
    with pytest.raises(ValueError, match="optional data"):
        compose_mrvb(
            document_code="V",
            issuing_country="DNK",
            surname="Jensen",
            given_names="Lars",
            document_number="123456789",
            nationality="DNK",
            birth_date=date(1980, 1, 1),
            sex="M",
            expiry_date=date(2030, 1, 1),
            optional_data="123456789",
        )


@pytest.mark.parametrize(
    ("line", "position", "char", "failing"),
    [
        (1, 0, "M", {"document_number"}),
        (1, 9, "5", {"document_number"}),
        (1, 14, "1", {"birth_date"}),
        (1, 27, "0", {"expiry_date"}),
        # Optional data, nationality, sex and names: nothing covers them on a visa.
        (1, 30, "X", set()),
        (1, 43, "7", set()),
        (1, 11, "Y", set()),
        (1, 20, "M", set()),
        (0, 7, "X", set()),
    ],
)
def test_one_corrupted_character_in_a_visa_fails_exactly_the_checks_covering_it(
    line: int, position: int, char: str, failing: set[str]
) -> None:
    document = parse_mrz(replace_char(MRVA_SPECIMEN, line, position, char), today=TODAY)

    assert document.format is MrzFormat.MRVA
    assert set(document.failed_checks) == failing


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (MRVA_SPECIMEN, MrzFormat.MRVA),
        (MRVB_SPECIMEN, MrzFormat.MRVB),
        (("P" + MRVA_SPECIMEN[0][1:], MRVA_SPECIMEN[1]), MrzFormat.TD3),  # the same shape, another first letter
        (("I" + MRVB_SPECIMEN[0][1:], MRVB_SPECIMEN[1]), MrzFormat.TD2),
        (TD1_SPECIMEN, MrzFormat.TD1),
        ((DL1_SPECIMEN,), MrzFormat.DL1),
    ],
)
def test_the_first_letter_tells_formats_of_the_same_shape_apart(lines: tuple[str, ...], expected: MrzFormat) -> None:
    assert parse_mrz("\n".join(lines), today=TODAY).format is expected


def test_a_visa_written_in_td1_shape_stays_td1_and_is_a_visa() -> None:
    lines = compose_td1(
        document_code="V",
        issuing_country="DNK",
        surname="Jensen",
        given_names="Lars",
        document_number="AB1234567",
        nationality="DNK",
        birth_date=date(1980, 1, 1),
        sex="M",
        expiry_date=date(2030, 1, 1),
    )

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert (document.format, document.document_kind) == (MrzFormat.TD1, DocumentKind.VISA)


# --- the EU driving licence line (DL1) -------------------------------------------------------------------


def test_dl1_line_parses_to_a_licence_number_and_country_without_holder_data() -> None:
    document = parse_mrz(DL1_SPECIMEN, today=TODAY)

    assert document.format is MrzFormat.DL1
    assert (document.format.line_count, document.format.line_length) == (1, 30)
    assert document.document_kind is DocumentKind.DRIVING_LICENCE
    assert document.document_code == "D"
    assert document.issuing_country == "NLD"
    assert document.document_number == "5094962111"
    assert document.optional_data == "659VW87Z78NB8"
    assert dl1_configuration(document) == ("1", "1")
    assert document.checks == (("licence", True),)
    assert (document.surname, document.given_names, document.nationality) == ("", "", "")
    assert (document.birth_date, document.expiry_date, document.sex) == (None, None, "X")
    assert not document.has_holder_data
    assert not document.names_may_be_truncated
    assert document.number_last4 == "2111"
    assert parse_dl1(f"  {DL1_SPECIMEN.lower()}\r\n") == document


@pytest.mark.parametrize("position", range(1, 29))  # column 1 must stay 'D' for it to be a licence line
def test_any_wrong_character_of_a_dl1_line_fails_its_check_digit(position: int) -> None:
    replacement = "7" if DL1_SPECIMEN[position] != "7" else "8"

    document = parse_mrz(replace_char((DL1_SPECIMEN,), 0, position, replacement), today=TODAY)

    assert document.failed_checks == ("licence",)


def test_a_wrong_dl1_check_digit_fails() -> None:
    assert parse_mrz(DL1_SPECIMEN[:29] + "5", today=TODAY).failed_checks == ("licence",)


def test_compose_dl1_writes_a_short_country_and_number_with_fillers() -> None:
    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", configuration="2", version="1")

    assert line.startswith("D2D<<1B072RRE2I5<<<<<<<<<<<<<")
    document = parse_mrz(line, today=TODAY)
    assert (document.issuing_country, document.document_number) == ("D", "B072RRE2I5")
    assert dl1_configuration(document) == ("2", "1")
    assert document.all_check_digits_pass


def test_compose_dl1_reproduces_the_dutch_example() -> None:
    assert compose_dl1(issuing_country="NLD", licence_number="5094962111", optional_data="659VW87Z78NB8") == (
        DL1_SPECIMEN,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"licence_number": "12345678901"}, "licence number"),
        ({"issuing_country": "DNKX"}, "issuing country"),
        ({"optional_data": "A" * 14}, "optional data"),
        ({"configuration": "12"}, "configuration"),
        ({"version": ""}, "version"),
    ],
)
def test_compose_dl1_refuses_what_does_not_fit(changes: dict[str, str], message: str) -> None:
    fields = {"issuing_country": "DNK", "licence_number": "12345678"} | changes
    with pytest.raises(ValueError, match=message):
        compose_dl1(**fields)


@settings(max_examples=200, deadline=None)
@given(
    country=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    number=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=10),
    configuration=st.sampled_from("0123456789ABC"),
    optional=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", max_size=13),
)
def test_composed_dl1_parses_back(country: str, number: str, configuration: str, optional: str) -> None:
    (line,) = compose_dl1(
        issuing_country=country, licence_number=number, configuration=configuration, optional_data=optional
    )

    document = parse_mrz(line, today=TODAY)

    assert len(line) == 30
    assert document.format is MrzFormat.DL1
    assert (document.issuing_country, document.document_number, document.optional_data) == (country, number, optional)
    assert dl1_configuration(document) == (configuration, "1")
    assert document.all_check_digits_pass


@pytest.mark.parametrize(
    "text",
    [
        "I" + DL1_SPECIMEN[1:],  # one line of 30 that is not a licence
        DL1_SPECIMEN + "<",
        DL1_SPECIMEN[:-1],
        DL1_SPECIMEN + "\n" + DL1_SPECIMEN,
    ],
)
def test_a_single_line_must_be_a_licence_line_of_30(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mrz(text, today=TODAY)

    assert caught.value.code == "mrz.unrecognised_format"


@pytest.mark.parametrize("text", ["\n".join(TD3_SPECIMEN), "I" + DL1_SPECIMEN[1:], "", DL1_SPECIMEN[:-1]])
def test_parse_dl1_refuses_anything_but_a_licence_line(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_dl1(text)

    assert caught.value.code == "mrz.not_a_licence_line"


def test_dl1_with_a_foreign_character_is_refused_as_such() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mrz(DL1_SPECIMEN[:10] + "-" + DL1_SPECIMEN[11:], today=TODAY)

    assert caught.value.code == "mrz.invalid_characters"


# --- round trip ------------------------------------------------------------------------------------------

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÉÜ"
_names = st.lists(st.text(alphabet=_LETTERS, min_size=1, max_size=12), min_size=1, max_size=4).map(" ".join)
_alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@settings(max_examples=300, deadline=None)
@given(
    format_and_compose=st.sampled_from(
        [
            (MrzFormat.TD1, compose_td1),
            (MrzFormat.TD2, compose_td2),
            (MrzFormat.TD3, compose_td3),
            (MrzFormat.MRVA, compose_mrva),
            (MrzFormat.MRVB, compose_mrvb),
        ]
    ),
    document_code=st.sampled_from(["P", "I", "ID", "AR", "IR", "C"]),
    country=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=3),
    surname=_names,
    given_names=_names | st.just(""),
    document_number=st.text(alphabet=_alphanumeric, min_size=1, max_size=9),
    birth_date=st.dates(min_value=TODAY - timedelta(days=99 * 366), max_value=TODAY),
    sex=st.sampled_from(["M", "F", "X"]),
    expiry_date=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    optional_data=st.text(alphabet=_alphanumeric, max_size=7),
)
def test_composed_mrz_parses_back_to_what_was_composed(
    format_and_compose: tuple[MrzFormat, Callable[..., tuple[str, ...]]],
    document_code: str,
    country: str,
    surname: str,
    given_names: str,
    document_number: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str,
) -> None:
    mrz_format, compose = format_and_compose
    if mrz_format in (MrzFormat.MRVA, MrzFormat.MRVB):
        document_code = "V" + document_code[1:]  # a visa's code starts with V, the rest is the issuer's
    lines = compose(
        document_code=document_code,
        issuing_country=country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=country,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )

    document = parse_mrz("\r\n".join(lines), today=TODAY)

    assert document.format is mrz_format
    assert tuple(len(line) for line in lines) == (mrz_format.line_length,) * mrz_format.line_count
    assert document.all_check_digits_pass
    assert (document.document_code, document.issuing_country, document.nationality) == (
        document_code,
        country,
        country,
    )
    assert document.document_number == document_number
    assert document.birth_date == birth_date
    assert document.expiry_date == expiry_date
    assert document.sex == sex
    assert document.optional_data == optional_data
    expected_surname = words(transliterate(surname))
    expected_given = words(transliterate(given_names))
    name_field_width = mrz_format.line_length - (0 if mrz_format is MrzFormat.TD1 else 5)
    needed = len(expected_surname) + (len(expected_given) + 2 if expected_given else 0)
    if needed <= name_field_width:
        assert (document.surname, document.given_names) == (expected_surname, expected_given)
    else:
        # A cut may fall anywhere, even inside the '<<' between surname and given names.
        read = (document.surname + document.given_names).replace(" ", "")
        assert (expected_surname + expected_given).replace(" ", "").startswith(read)


def words(mrz_text: str) -> str:
    return " ".join(mrz_text.replace("<", " ").split())
