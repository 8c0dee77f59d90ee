"""The recogniser's doubts: an unsure character no check digit covers is marked for the clerk.

Fed the probabilities the recogniser would give (tests.support.recogniser), so each case is exact.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
from borgerservice_desk.scanning.doubts import covered_positions, reading_doubts, unsure_characters
from borgerservice_desk.scanning.ocrb import ALPHABET
from tests.support import mrz
from tests.support.recogniser import certain

PASSPORT = mrz.compose_td3(
    document_code="P", issuing_country="DNK", surname="Sørensen", given_names="Anne Marie",
    document_number="212345678", nationality="DNK", birth_date=date(1985, 3, 14), sex="F",
    expiry_date=date(2031, 5, 2),
)  # fmt: skip


def _torn(probabilities: list[np.ndarray], line: int, column: int, shares: dict[str, float]) -> None:
    """Give one cell these probabilities (the rest shared evenly), as a smudged character would get."""
    rest = (1 - sum(shares.values())) / (len(ALPHABET) - len(shares))
    probabilities[line][column] = rest
    for char, share in shares.items():
        probabilities[line][column, ALPHABET.index(char)] = share


def test_a_confident_reading_has_no_doubt() -> None:
    assert reading_doubts(MrzFormat.TD3, PASSPORT, certain(PASSPORT)) == ()


def test_a_low_confidence_letter_of_a_name_is_doubtful() -> None:
    # Fails with the threshold taken out (SURE_SHARE = 0): the name letter stood unmarked.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 7, {"E": 0.6})  # the E of SOERENSEN, barely, the rest spread thin
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == (
        Doubt(0, 7, "E", DoubtReason.UNSURE, "name"),
    )


def test_a_close_second_choice_in_a_country_code_is_doubtful() -> None:
    # INP or IND: the recogniser is fairly sure of one, but the other is not far behind.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 12, {"K": 0.7, "R": 0.25})  # the K of the nationality DNK
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == (
        Doubt(1, 12, "K", DoubtReason.CLOSE_SECOND, "nationality"),
    )


def test_an_unsure_character_a_check_digit_covers_is_left_to_the_check_digit() -> None:
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 0, {"2": 0.5, "Z": 0.4})  # the document number's first character
    assert (1, 0) in covered_positions(MrzFormat.TD3)
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == ()


def test_a_character_the_recogniser_gave_nothing_is_doubtful() -> None:
    # The correction chose the country code from the list against the recogniser: unsure by definition.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 4, {"P": 0.98})  # it saw INP-like P where the reading has K
    (doubt,) = unsure_characters(MrzFormat.TD3, PASSPORT, probabilities)
    assert (doubt.line, doubt.column, doubt.character, doubt.reason) == (0, 4, "K", DoubtReason.UNSURE)


def test_the_document_code_and_the_sex_are_judged_too() -> None:
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 1, {"<": 0.6, "K": 0.3})  # P< or PK
    _torn(probabilities, 0, 0, {"P": 0.6, "R": 0.3})  # a passport's code starts with P: R is no rival
    _torn(probabilities, 1, 20, {"F": 0.6, "M": 0.3})
    assert [(d.field, d.reason) for d in unsure_characters(MrzFormat.TD3, PASSPORT, probabilities)] == [
        ("document_code", DoubtReason.CLOSE_SECOND),
        ("sex", DoubtReason.CLOSE_SECOND),
    ]


def test_a_rule_doubt_and_an_unsure_mark_at_one_place_count_once_the_rule_first() -> None:
    lines = (PASSPORT[0][:40] + "C<<<", PASSPORT[1])  # a stray C in the name's filler
    probabilities = certain(lines)
    _torn(probabilities, 0, 40, {"C": 0.5})
    assert reading_doubts(MrzFormat.TD3, lines, probabilities) == (
        Doubt(0, 40, "C", DoubtReason.STRAY_LETTER, "name"),
    )
