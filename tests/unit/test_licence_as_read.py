"""Which one-line readings count as a driving licence (`stages.licence_as_read`), without any image.

A licence line has one check digit over 29 characters: the repair always finds a character to change that makes
it pass, so a line the repair changed says nothing. What the alphabet of a position forces is different: a digit
where only letters may stand is the recogniser's look-alike for the letter (OCR-B's 0 and O), not a repair.
"""

from __future__ import annotations

from borgerservice_desk.scanning.stages import licence_as_read
from tests.support.mrz import compose_dl1

(UTOPIAN,) = compose_dl1(issuing_country="UTO", licence_number="5342633601", optional_data="1TDV4JZPXBNJP")
(DANISH,) = compose_dl1(issuing_country="DK", licence_number="1234567890", optional_data="A7X2K9Q4LM3BZ")


def _with(line: str, column: int, char: str) -> str:
    return line[:column] + char + line[column + 1 :]


def test_a_line_read_as_it_stands_is_a_licence() -> None:
    # Whatever its country: the licence's country is judged by the rules and shown to the clerk, not refused
    # by the reader ("DK<", not on ICAO's list, as some issuers may print it).
    assert licence_as_read(UTOPIAN, UTOPIAN) and licence_as_read(DANISH, DANISH)


def test_a_digit_read_in_the_country_is_its_look_alike_letter() -> None:
    assert licence_as_read(_with(UTOPIAN, 4, "0"), UTOPIAN)  # UT0 -> UTO
    assert not licence_as_read(_with(_with(UTOPIAN, 3, "1"), 4, "0"), _with(UTOPIAN, 3, "I"))  # UIO: no country
    assert not licence_as_read(_with(UTOPIAN, 2, "0"), UTOPIAN)  # 0 is no U


def test_a_character_the_position_allows_changed_is_a_repair_and_no_licence() -> None:
    # Column 18 takes letters and digits: a 0 changed to O there is the check digit's repair.
    repaired = _with(UTOPIAN, 18, "O")
    assert not licence_as_read(_with(repaired, 18, "0"), repaired)
    assert not licence_as_read(_with(UTOPIAN, 10, "8"), UTOPIAN)  # not even a look-alike


def test_a_line_the_alphabet_changed_must_make_a_licence_by_the_rules() -> None:
    assert not licence_as_read(_with(UTOPIAN, 4, "2"), _with(UTOPIAN, 4, "Z"))  # UTZ: no country
    assert not licence_as_read(_with(UTOPIAN, 0, "0"), UTOPIAN)  # 0 -> D: no letter's look-alike


def test_a_line_of_another_length_than_the_licence_is_no_licence() -> None:
    assert not licence_as_read(_with(UTOPIAN, 4, "0")[:29], UTOPIAN[:29])
    assert not licence_as_read(_with(UTOPIAN, 4, "0"), UTOPIAN + "<")
