"""The recogniser's doubts: an unsure character no check digit covers is marked for the clerk, and so is a
covered one where its check digit does not vouch (a rival it cannot tell apart, or two unsure characters
under one digit).

Fed the probabilities the recogniser would give (tests.support.recogniser), so each case is exact.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat, check_digit
from borgerservice_desk.scanning.correction import correct
from borgerservice_desk.scanning.doubts import (
    CROWDED_SHARE,
    UNFAMILIAR_SHARE,
    covered_positions,
    crowded_marks,
    issuer_weighed,
    reading_doubts,
    unfamiliar_print,
    unsure_characters,
)
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


def _field_in_doubt(lines: tuple[str, ...], line: int, columns: range, check: int, field: str) -> tuple[Doubt, ...]:
    """Every character of a field (`columns`, without the fillers that end it) and its check digit (`check`):
    two characters in doubt under one check digit, and it vouches for none of them."""
    return tuple(
        Doubt(line, column, lines[line][column], DoubtReason.CHECK_BY_CHANCE, field if column != check else f"{field}_check")
        for column in (*columns, check)
    )


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


def _visa(number: str) -> tuple[str, ...]:
    return mrz.compose_mrva(
        document_code="V<", issuing_country="DNK", surname="Holm", given_names="Lars", document_number=number,
        nationality="DNK", birth_date=date(1985, 3, 14), sex="M", expiry_date=date(2031, 5, 2), optional_data="",
    )  # fmt: skip


def test_a_rival_the_check_digit_cannot_tell_apart_is_doubtful_even_when_unlikely() -> None:
    # The faint visa of issue 13: its number's S read as an 8 at 0.95, the S at 0.03. S counts 28 in a
    # check digit, the same as 8 modulo 10, so the reading passes either way: nothing but the clerk decides.
    # Fails with covered characters left to their check digit: the 8 stood unmarked.
    lines = _visa("X1845678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"8": 0.95, "S": 0.03})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == (
        Doubt(1, 2, "8", DoubtReason.CHECK_BLIND, "document_number"),
    )


def test_an_as_unlikely_rival_the_check_digit_tells_apart_is_left_to_it() -> None:
    # B counts 11: an 8 misread for it would fail the check digit, which is what it is for.
    lines = _visa("X1845678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"8": 0.95, "B": 0.04})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def test_a_k_behind_the_fillers_that_end_a_number_is_no_rival() -> None:
    # OCR-B's '<' is half a K and both count 0; but a letter in a field's trailing fillers would be a stray
    # mark, and faint print gives every filler a little K. Fails with the blind rule applied to them.
    lines = _visa("X1845678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 8, {"<": 0.9, "K": 0.08})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def test_two_unsure_characters_under_one_check_digit_are_both_doubtful() -> None:
    # Each rival alone would fail the check digit; two together pass one time in ten. Fails without the
    # rule: the check digit was taken to vouch for both.
    lines = _visa("X1S45678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"4": 0.7, "A": 0.25})
    _torn(probabilities, 1, 4, {"5": 0.7, "6": 0.25})
    # And then the check digit vouches for none of the number, its own place included.
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == _field_in_doubt(
        lines, 1, range(8), 9, "document_number"
    )


def test_a_number_s_0_the_recogniser_could_not_tell_from_o_counts_as_unsure_beside_a_repaired_character() -> None:
    # Zone TD3 996's number, as a visa's: two 0s each with an O at 0.55 (the weighing gives most of an O's share
    # to the 0, which numbers hold far more often), at weights 1 and 7, and between them an 8 where the
    # recogniser saw a 6 (the repair chose the 8 to pass the check digit). O, 6 and O pass it as well (+24, -2
    # and +168: 190); no two of them do, so the cancelling pairs do not see it. Fails without the rule: the 0s
    # were sure by the weighing, the 8 alone unsure.
    lines = _visa("X1045808")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"O": 0.55, "0": 0.44})
    _torn(probabilities, 1, 6, {"O": 0.55, "0": 0.44})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()  # the check digit decides the 0s alone
    _torn(probabilities, 1, 5, {"6": 0.9, "8": 0.09})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == _field_in_doubt(
        lines, 1, range(8), 9, "document_number"
    )
    # Where the rivals do not pass together (a 5 for the 8: 189), the check digit told the reading from every
    # other the recogniser thought possible: it vouches.
    _torn(probabilities, 1, 5, {"5": 0.9, "8": 0.09})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()
    # A letter behind the number's fillers is no rival (as for CHECK_BLIND): a C there (12, at weight 3) with
    # the O (24) would pass, but the text ends at the fillers. Fails with the trailing fillers' rivals counted.
    lines = _visa("X104580")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"O": 0.55, "0": 0.44})
    _torn(probabilities, 1, 7, {"<": 0.6, "C": 0.39})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def test_other_readings_that_pass_are_counted_by_their_sums_remainders() -> None:
    from borgerservice_desk.scanning.doubts import _other_passing

    weights = [{(1, column): (7, 3, 1)[column % 3] for column in range(9)}]
    among = frozenset({(1, 2), (1, 6)})
    assert _other_passing(weights, {(1, 2): [24], (1, 5): [-2], (1, 6): [24]}, among)  # 24 - 2 + 168 = 190
    assert not _other_passing(weights, {(1, 2): [24], (1, 5): [-3], (1, 6): [24]}, among)
    # One of `among` must change: the 5 alone with a rival that passes by itself (blind) is no other reading
    # of theirs.
    assert not _other_passing(weights, {(1, 2): [24], (1, 5): [10]}, frozenset({(1, 2)}))
    assert _other_passing(weights, {(1, 2): [24], (1, 5): [10]}, frozenset({(1, 5)}))
    # Many positions with many rivals are counted by remainders, at once: 37 rivals at 12 positions.
    many = {(1, column): list(range(-18, 19)) for column in range(12)}
    wide = [{(1, column): (7, 3, 1)[column % 3] for column in range(12)}]
    assert _other_passing(wide, many, frozenset(many))
    ones = [{(1, column): 1 for column in range(10)}]  # one more each at weight 1: ten of them make ten
    assert not _other_passing(ones, {(1, column): [1] for column in range(9)}, frozenset({(1, 0)}))
    assert _other_passing(ones, {(1, column): [1] for column in range(10)}, frozenset({(1, 0)}))


def test_one_close_second_alone_under_its_check_digit_is_left_to_it() -> None:
    lines = _visa("X1S45678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"4": 0.7, "A": 0.25})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def test_two_sure_characters_whose_rivals_cancel_out_under_their_check_digit_are_doubtful() -> None:
    # The expiry 310502: the 3 has an 8 behind it and the 5 a 0, each at 8 %. One counts 5 more, the other 5
    # less, both at weight 7: were both misread, the check digit would pass, as on a zone in a font never
    # learnt (a 3 read as 8 twice). Fails without `_cancelling_pairs`: each looked sure, no rival is blind.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 21, {"3": 0.9, "8": 0.08})
    _torn(probabilities, 1, 24, {"5": 0.9, "0": 0.08})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == _field_in_doubt(
        PASSPORT, 1, range(21, 27), 27, "expiry_date"
    )


def test_a_rival_the_second_reader_read_counts_for_a_cancelling_pair_however_small() -> None:
    # The expiry's 3 with an 8 behind it at 8 %, its 5 with a 0 at half a percent, below BLIND_RATIO: alone
    # the pair is no doubt. Where Tesseract read that 0 (ours giving it a thousandth or more), it is a rival
    # all the same: both misread, the check digit passes (a licence's O and Q read 0, zone DL1 800).
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 21, {"3": 0.9, "8": 0.08})
    _torn(probabilities, 1, 24, {"5": 0.98, "0": 0.005})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == ()
    theirs = (dict(enumerate(PASSPORT[0])), dict(enumerate(PASSPORT[1])) | {24: "0"})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities, theirs=theirs) == _field_in_doubt(
        PASSPORT, 1, range(21, 27), 27, "expiry_date"
    )
    # One ours thought impossible is Tesseract's own misread, no rival.
    _torn(probabilities, 1, 24, {"5": 0.98, "0": 0.0005})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities, theirs=theirs) == ()


def test_the_composite_s_unsure_digit_is_doubtful_where_a_field_it_covers_is_in_doubt() -> None:
    # The number's 3 and 4 each unsure (their check digit vouches for neither), and the composite digit with a
    # close rival: a composite repaired to fit a misread number passes with it (zone TD3 840). Fails without
    # the composite rule: the composite digit stood unmarked, alone unsure in its own group.
    composite = PASSPORT[1][43]
    rival = str((int(composite) + 3) % 10)
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 43, {composite: 0.6, rival: 0.38})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == ()  # the fields vouch for it
    _torn(probabilities, 1, 3, {"3": 0.7, "A": 0.25})
    _torn(probabilities, 1, 4, {"4": 0.7, "6": 0.25})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == (
        *_field_in_doubt(PASSPORT, 1, range(9), 9, "document_number"),
        Doubt(1, 43, composite, DoubtReason.CHECK_BY_CHANCE, "composite_check"),
    )
    # A composite digit read surely is left to the fields' check digits: it passes with them as read.
    probabilities[1][43] = certain(PASSPORT)[1][43]
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == _field_in_doubt(
        PASSPORT, 1, range(9), 9, "document_number"
    )


def test_a_mark_in_the_composite_s_own_text_leaves_its_other_unsure_character_to_it() -> None:
    # An ID card's optional data, which only the composite covers: an 8 with an S behind it (blind: S counts
    # 28) and a 7 unsure beside it. The blind rival changes no sum, so the composite still tells the 7 from its
    # rival: only the 8 is marked. Fails where the composite's own text counts as a field in doubt.
    card = mrz.compose_td1(
        document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
        nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2031, 5, 2),
        optional_data="K87M",
    )
    column = card[0].index("K87M")
    probabilities = certain(card)
    _torn(probabilities, 0, column + 1, {"8": 0.95, "S": 0.03})
    _torn(probabilities, 0, column + 2, {"7": 0.7, "A": 0.25})
    doubts = reading_doubts(MrzFormat.TD1, card, probabilities)
    assert [(doubt.line, doubt.column, doubt.reason) for doubt in doubts] == [
        (0, column + 1, DoubtReason.CHECK_BLIND)
    ]


def test_a_character_and_its_check_digit_whose_rivals_cancel_out_are_doubtful() -> None:
    # A visa's number (no composite check digit): its 4 (weight 7) with a 5 behind it, and its check digit
    # with a rival 7 more: the pair passes. Fails with the check digit's own place left out of the pairs.
    lines = _visa("X1S45678")
    digit = lines[1][9]
    rival = str((int(digit) + 7) % 10)
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"4": 0.9, "5": 0.08})
    _torn(probabilities, 1, 9, {digit: 0.9, rival: 0.08})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == _field_in_doubt(
        lines, 1, range(8), 9, "document_number"
    )


def test_a_pair_the_composite_check_digit_would_catch_is_left_to_it() -> None:
    # A passport's birth date 8 (weight 7) with a 9 behind it, and the birth date's check digit with a rival 7
    # more: the birth date's check passes on the pair, but the composite, which covers both at other weights,
    # fails. Fails with only the field's own check digit asked.
    lines = PASSPORT
    digit = lines[1][19]
    rival = str((int(digit) + 7) % 10)
    probabilities = certain(lines)
    _torn(probabilities, 1, 13, {"8": 0.9, "9": 0.08})
    _torn(probabilities, 1, 19, {digit: 0.9, rival: 0.08})
    assert check_digit(lines[1][13:19].replace("8", "9", 1)) == rival  # the field's check passes on the pair
    assert reading_doubts(MrzFormat.TD3, lines, probabilities) == ()


def test_rivals_that_would_not_pass_together_are_left_to_the_check_digit() -> None:
    # The 3 with a 4 behind it (7 more) and the 5 with a 6 (7 more): 14, the check digit fails on the pair.
    # Fails with every pair of rivals marked, whatever their sum; and with a rival as unlikely as 1 % counted.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 21, {"3": 0.9, "4": 0.08})
    _torn(probabilities, 1, 24, {"5": 0.9, "6": 0.08})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == ()
    probabilities = certain(PASSPORT)
    _torn(probabilities, 1, 21, {"3": 0.98, "8": 0.015})
    _torn(probabilities, 1, 24, {"5": 0.98, "0": 0.015})
    assert reading_doubts(MrzFormat.TD3, PASSPORT, probabilities) == ()


def test_a_repair_that_changed_two_characters_is_doubtful() -> None:
    # The recogniser read X1SA6678 (A and 6 first, 4 and 5 close behind); no single change passes the check
    # digit, so the repair changed both: the likeliest pair that passes, right only if the luck was good.
    lines = _visa("X1S45678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"A": 0.6, "4": 0.38})
    _torn(probabilities, 1, 4, {"6": 0.6, "5": 0.38})
    assert check_digit("X1S46678<") != lines[1][9] and check_digit("X1SA5678<") != lines[1][9]  # no single
    fixed = correct(MrzFormat.MRVA, probabilities)
    assert (fixed.lines, fixed.repaired) == (lines, 2)
    assert reading_doubts(MrzFormat.MRVA, fixed.lines, probabilities) == _field_in_doubt(
        lines, 1, range(8), 9, "document_number"
    )


def test_a_repair_of_the_one_unsure_character_of_a_field_gains_no_doubt() -> None:
    # The check digit failed on the recogniser's A and passes on its runner-up 4: it decided between two
    # characters it tells apart, everything else in the field sure. The clerk confirms nothing.
    lines = _visa("X1S45678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"A": 0.6, "4": 0.38})
    fixed = correct(MrzFormat.MRVA, probabilities)
    assert (fixed.lines, fixed.repaired) == (lines, 1)
    assert reading_doubts(MrzFormat.MRVA, fixed.lines, probabilities) == ()


@pytest.mark.parametrize("sure", [0.9, 0.98])
def test_letters_o_the_recogniser_saw_plainly_stand_in_numbers_unmarked(sure: float) -> None:
    # Numbers hold 0 far more often, but an O the recogniser saw at many times the 0 (ZERO_ODDS) stands as
    # read, with nothing to repair and nothing to confirm. Until stop 44 the weighing gave most of an O's
    # share to 0, and the check digit's repair turned both back to O: fails with that weighing.
    lines = _visa("X1OO5678")
    probabilities = certain(lines, sure)
    fixed = correct(MrzFormat.MRVA, probabilities)
    assert (fixed.lines, fixed.repaired, fixed.contested) == (lines, 0, frozenset())  # the 0s fail the check
    assert reading_doubts(MrzFormat.MRVA, fixed.lines, probabilities) == ()


def test_zeros_the_recogniser_could_not_tell_from_o_are_sure_by_the_weighing() -> None:
    # Real scans: a number's 0 at 0.6 with O at 0.4, twice. Numbers hold 0 far more often and the check
    # digit tells 0 (0) from O (24): nothing to confirm. Fails when only the recogniser is asked.
    lines = _visa("X1005678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"0": 0.6, "O": 0.38})
    _torn(probabilities, 1, 3, {"0": 0.6, "O": 0.38})
    assert correct(MrzFormat.MRVA, probabilities).lines == lines
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def _unsure_cells(count: int) -> list[np.ndarray]:
    """The passport's probabilities with `count` cells, spread over both lines, each 0.8 sure of its
    character (the rest thin): each alone is sure enough to stand unmarked."""
    probabilities = certain(PASSPORT)
    cells = [(line, column) for column in range(44) for line in (0, 1)][:count]
    for line, column in cells:
        _torn(probabilities, line, column, {PASSPORT[line][column]: 0.8})
    return probabilities


def test_a_reading_with_a_fifth_of_its_cells_unsure_is_in_unfamiliar_print() -> None:
    # 18 of 88 cells (20.5 %) unsure: fails with the rule taken out (always False), or with UNSURE_CELL at 0.8.
    assert UNFAMILIAR_SHARE == 0.2
    assert unfamiliar_print(_unsure_cells(18))


def test_a_few_unsure_cells_are_left_to_the_marks_of_each() -> None:
    # 17 of 88 (19.3 %): more than any of the real samples has (at most 14 %). Fails with UNFAMILIAR_SHARE at 0.19
    # or below, or with cells counted whatever their confidence.
    assert not unfamiliar_print(_unsure_cells(17))
    assert not unfamiliar_print(certain(PASSPORT))


def test_unfamiliar_print_begins_at_exactly_a_fifth_of_cells_under_0_9() -> None:
    # Ten cells: two at 0.89 are a fifth (flagged), two at exactly 0.9 are not unsure, one at 0.89 is a tenth.
    def cells(*tops: float) -> list[np.ndarray]:
        line = np.zeros((10, len(ALPHABET)))
        line[:, 0] = 1.0
        for index, top in enumerate(tops):
            line[index] = (1 - top) / (len(ALPHABET) - 1)
            line[index, 0] = top
        return [line]

    assert unfamiliar_print(cells(0.89, 0.89))
    assert not unfamiliar_print(cells(0.9, 0.9))
    assert not unfamiliar_print(cells(0.89))


def test_a_check_digit_the_recogniser_half_saw_as_a_letter_is_not_sure() -> None:
    # A visa in Liberation Mono (never learnt) read its number 31I8QV941, check digit 3, as 81I8QV941 with
    # check digit 8: both 3s seen as 8 or S, and the two changes cancel in the check (7 x 5 - 5 = 30). The
    # number's 8 is marked (S counts 8 too); the check digit's 8 had 29 % on S, which no digit place
    # allows, so among the digits alone it looked sure and the field was trusted with one mark. Judged
    # among all characters it is unsure, the field has two characters in doubt, and all of it is marked.
    # Fails with the recogniser's view judged among the allowed characters only (the check digit unmarked).
    lines = _visa("81I8QV941")
    assert lines[1][9] == "8"
    probabilities = certain(lines)
    _torn(probabilities, 1, 0, {"8": 0.69, "S": 0.28, "3": 0.023})
    _torn(probabilities, 1, 9, {"8": 0.70, "S": 0.29})
    expected = {(doubt.line, doubt.column): doubt for doubt in _field_in_doubt(lines, 1, range(9), 9, "document_number")}
    expected[(1, 0)] = Doubt(1, 0, "8", DoubtReason.CHECK_BLIND, "document_number")
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == tuple(expected[key] for key in sorted(expected))


def test_zeros_the_recogniser_could_not_tell_from_an_o_stay_sure_in_a_date() -> None:
    # The other side: the weighing gives an O's share to the 0 a date holds, so 0s with O beside them are
    # not in doubt, though the recogniser's view, judged among all characters, doubts both. Two of them under
    # the expiry's check digit: with the recogniser's view alone deciding, both and the rest of the date
    # would be marked (fails so).
    lines = _visa("X1045678")
    assert lines[1][21:27] == "310502"
    probabilities = certain(lines)
    _torn(probabilities, 1, 23, {"0": 0.5, "O": 0.48})
    _torn(probabilities, 1, 25, {"0": 0.5, "O": 0.48})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


def test_a_sex_the_recogniser_saw_as_none_of_m_f_or_filler_is_unsure() -> None:
    # A visa in FreeMono Bold (never learnt): its sex F was seen as E, 7, S or 2, and '<' chosen as the
    # likeliest of what may stand there, at 0.07 of the recogniser's probability (F 0.0013). Among M, F and
    # '<' that is sure; but the glyph looked like none of them. Fails without the allowed-mass rule (the '<'
    # stood unmarked, and no check digit covers the sex).
    lines = (PASSPORT[0], PASSPORT[1][:20] + "<" + PASSPORT[1][21:])
    probabilities = certain(lines)
    seen = {"E": 0.24, "7": 0.21, "S": 0.11, "2": 0.1, "3": 0.1, "B": 0.1, "8": 0.068, "<": 0.07, "F": 0.0013}
    _torn(probabilities, 1, 20, seen)  # M and X next to nothing, as read
    assert Doubt(1, 20, "<", DoubtReason.UNSURE, "sex") in unsure_characters(MrzFormat.TD3, lines, probabilities)


def test_a_name_letter_seen_as_its_digit_look_alike_is_not_doubted_for_it() -> None:
    # The other side: a name's O that the recogniser took for a 0 (0.6 against 0.38) counts the 0 for the O,
    # as the correction does, so the glyph is no stranger to the place. Fails with look-alikes not counted
    # (O alone holds 0.38 of the probability, under the majority).
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 6, {"0": 0.6, "O": 0.38})  # the O of SOERENSEN
    assert PASSPORT[0][6] == "O"
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == ()


def test_a_character_the_format_alone_allows_is_not_doubted_for_looking_like_another() -> None:
    # A passport's first character can only be P: in three real scans (Polish, Croatian, Australian) the
    # first cell, at the zone's edge, gave P less than half the recogniser's probability, and the P was
    # marked for nothing. Fails without the one-character exception.
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 0, {"D": 0.5, "F": 0.3, "P": 0.15})
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == ()


def _marked(count: int, *, fillers: int = 0) -> tuple[Doubt, ...]:
    """Marks on the first `count` characters of the passport's text and on `fillers` of its fillers."""
    text = [(line, column) for line in (0, 1) for column, char in enumerate(PASSPORT[line]) if char != "<"]
    filler = [(line, column) for line in (0, 1) for column, char in enumerate(PASSPORT[line]) if char == "<"]
    return tuple(
        Doubt(line, column, PASSPORT[line][column], DoubtReason.UNSURE, "name")
        for line, column in (*text[:count], *filler[:fillers])
    )


def test_a_reading_with_half_its_text_marked_is_compared_whole() -> None:
    # The passport's text is its characters other than the filler: 51 of 88. Half of it, 26, marked is
    # crowded; 25 with every filler marked beside them is not (fillers are no text to compare). Fails with the
    # rule taken out (always False), with fillers counted, or with the bar above a half or below it.
    text = sum(char != "<" for line in PASSPORT for char in line)
    assert (CROWDED_SHARE, text) == (0.5, 51)
    assert crowded_marks(PASSPORT, _marked(26))
    assert not crowded_marks(PASSPORT, _marked(25, fillers=37))
    assert not crowded_marks(PASSPORT, ())
    assert not crowded_marks((), ())
    assert crowded_marks(("AB<<",), _marked(1))  # exactly half


def test_no_cells_is_no_unfamiliar_print() -> None:
    assert not unfamiliar_print([])
    assert not unfamiliar_print([np.zeros((0, len(ALPHABET)))])


def test_characters_read_surely_beside_two_in_doubt_under_their_check_digit_are_doubtful_too() -> None:
    # A zone in Liberation Mono Bold (never learnt) read a visa's number 8O5LR1385 as 80BLR138B: three
    # characters wrong, the check digit passing, two of them marked and the O read as 0 sure. With two
    # characters of a number in doubt, its check digit is no reason to trust the rest of it. Here the 8 and
    # the 6 each have a rival the check digit cannot tell apart (S, G). Fails without the whole-field rule:
    # the other six characters and the check digit stood unmarked.
    lines = _visa("X1845678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"8": 0.95, "S": 0.03})
    _torn(probabilities, 1, 5, {"6": 0.95, "G": 0.03})
    expected = {(doubt.line, doubt.column): doubt for doubt in _field_in_doubt(lines, 1, range(8), 9, "document_number")}
    expected[(1, 2)] = Doubt(1, 2, "8", DoubtReason.CHECK_BLIND, "document_number")
    expected[(1, 5)] = Doubt(1, 5, "6", DoubtReason.CHECK_BLIND, "document_number")
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == tuple(expected[key] for key in sorted(expected))


def test_one_character_in_doubt_leaves_the_rest_of_its_field_to_the_check_digit() -> None:
    lines = _visa("X1845678")
    probabilities = certain(lines)
    _torn(probabilities, 1, 2, {"8": 0.95, "S": 0.03})
    _torn(probabilities, 1, 5, {"6": 0.7, "A": 0.25})  # unsure, but alone: the check digit tells A from 6
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == (
        Doubt(1, 2, "8", DoubtReason.CHECK_BLIND, "document_number"),
    )


def test_a_long_number_in_doubt_is_marked_whole_into_the_optional_data() -> None:
    # A TD1 number over nine characters goes on into the optional data ('<' in its check digit's place),
    # its real check digit after the rest. Two doubts in its first part mark all of it, the rest and that
    # check digit too; the '<' that says "continued" is no character to compare. Fails with the number's
    # check digit taken to cover its first nine characters only.
    lines = mrz.compose_td1(
        document_code="ID", issuing_country="BEL", surname="Peeters", given_names="An",
        document_number="AB1234567890", nationality="BEL", birth_date=date(1985, 3, 14), sex="F",
        expiry_date=date(2031, 5, 2),
    )  # fmt: skip
    assert lines[0][5:19] == "AB1234567<890" + lines[0][18]
    probabilities = certain(lines)
    _torn(probabilities, 0, 6, {"B": 0.95, "1": 0.03})  # B counts 11: the check digit cannot tell a 1
    _torn(probabilities, 0, 8, {"2": 0.95, "C": 0.03})  # nor a C (12) from a 2
    marked = {(doubt.line, doubt.column) for doubt in reading_doubts(MrzFormat.TD1, lines, probabilities)}
    assert marked == {(0, column) for column in (*range(5, 14), *range(15, 19))}


def test_ks_behind_the_fillers_that_end_a_number_do_not_put_it_in_doubt() -> None:
    # '<' and K both count 0: two trailing fillers each with a faint K behind them would "cancel out",
    # but a letter there would be a stray mark, not the number. Fails with the pair rule (and so the
    # whole-field rule) counting them.
    lines = _visa("X18456")
    probabilities = certain(lines)
    _torn(probabilities, 1, 7, {"<": 0.95, "K": 0.03})
    _torn(probabilities, 1, 8, {"<": 0.95, "K": 0.03})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities) == ()


VISA = mrz.compose_mrva(
    document_code="VC", issuing_country="DNK", surname="Tran", given_names="Minh Hoa", document_number="VC1234567",
    nationality="VNM", birth_date=date(1990, 7, 1), sex="M", expiry_date=date(2027, 1, 31), optional_data="QFO8AA",
)  # fmt: skip
# Where the visa's optional data begins (MRV-A line 2, ICAO 9303 part 7): no check digit covers it.
OPTIONAL = VISA[1].index("QFO8AA")


def test_a_look_alike_not_unlikely_in_a_visa_s_optional_data_is_doubtful() -> None:
    # A held-out zone in Noto Sans Mono: the O of the optional data read as 0, the O at 0.07 against 0.93,
    # too far behind for a close second, and every check passing. Fails without LOOK_ALIKE_GROUPS' rule.
    assert (1, OPTIONAL + 2) not in covered_positions(MrzFormat.MRVA)
    lines = (VISA[0], VISA[1][: OPTIONAL + 2] + "0" + VISA[1][OPTIONAL + 3 :])
    probabilities = certain(lines)
    _torn(probabilities, 1, OPTIONAL + 2, {"0": 0.93, "O": 0.068})
    assert unsure_characters(MrzFormat.MRVA, lines, probabilities) == (
        Doubt(1, OPTIONAL + 2, "0", DoubtReason.LOOK_ALIKE, "optional_data"),
    )
    # A letter's look-alike among the letters (an O that may be a Q) is one as much as a digit is.
    probabilities = certain(VISA)
    _torn(probabilities, 1, OPTIONAL + 2, {"O": 0.95, "Q": 0.04})
    assert [doubt.reason for doubt in unsure_characters(MrzFormat.MRVA, VISA, probabilities)] == [DoubtReason.LOOK_ALIKE]


def test_a_look_alike_at_a_fiftieth_of_the_character_or_less_leaves_it_sure() -> None:
    # BLIND_RATIO is the line: crisp print gives a look-alike thousandths. Fails with the ratio taken out.
    probabilities = certain(VISA)
    _torn(probabilities, 1, OPTIONAL + 3, {"8": 0.979, "B": 0.0195})
    assert unsure_characters(MrzFormat.MRVA, VISA, probabilities) == ()
    _torn(probabilities, 1, OPTIONAL + 3, {"8": 0.97, "B": 0.021})
    assert unsure_characters(MrzFormat.MRVA, VISA, probabilities) == (
        Doubt(1, OPTIONAL + 3, "8", DoubtReason.LOOK_ALIKE, "optional_data"),
    )


def test_a_rival_that_is_no_look_alike_is_held_to_the_close_second_rule_only() -> None:
    # The rule is for characters OCR-B draws alike; an A with an 8 % X behind it is an ordinary reading.
    probabilities = certain(VISA)
    _torn(probabilities, 1, OPTIONAL + 4, {"A": 0.9, "X": 0.08})
    assert unsure_characters(MrzFormat.MRVA, VISA, probabilities) == ()


def test_look_alikes_in_a_name_or_a_document_code_keep_their_own_rules() -> None:
    # A name holds letters only (a 0 counts for its O) and is read by the clerk as a name; the document code
    # is guarded by the codes in use (`DOCUMENT_CODE_UNUSUAL`): a real Swiss card's ID, its D with O at 0.07
    # and 0 at 0.05, was marked for nothing before the document code was left out.
    probabilities = certain(VISA)
    hoa = VISA[0].index("HOA") + 1
    _torn(probabilities, 0, hoa, {"O": 0.93, "Q": 0.06})  # the O of HOA, a Q behind it, as in the visa's data
    assert unsure_characters(MrzFormat.MRVA, VISA, probabilities) == ()
    probabilities = certain(PASSPORT)
    _torn(probabilities, 0, 6, {"O": 0.93, "D": 0.06})  # the O of SOERENSEN, a D behind it
    assert unsure_characters(MrzFormat.TD3, PASSPORT, probabilities) == ()
    card = mrz.compose_td1(
        document_code="ID", issuing_country="CHE", surname="Vadis", given_names="Quo", document_number="S0002068",
        nationality="CHE", birth_date=date(1981, 2, 28), sex="F", expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    probabilities = certain(card)
    _torn(probabilities, 0, 1, {"D": 0.884, "O": 0.066, "0": 0.046})
    assert unsure_characters(MrzFormat.TD1, card, probabilities) == ()


def _passport_of(issuer: str, number: str) -> tuple[str, ...]:
    return mrz.compose_td3(
        document_code="P", issuing_country=issuer, surname="Müller", given_names="Jan", document_number=number,
        nationality=issuer, birth_date=date(1985, 3, 14), sex="M", expiry_date=date(2031, 5, 2),
    )  # fmt: skip


@pytest.mark.parametrize("issuer", ["D", "NLD"])
def test_zeros_whose_os_would_cancel_out_stand_where_the_issuer_prints_no_o(issuer: str) -> None:
    # A real German card's 0s at 0.54 with the O at 0.45 (53_id-d): two such 0s at the weights 7 and 3 would
    # pass the check digit as two Os (24 x 7 + 24 x 3 = 240), so the whole number was marked. But Germany and
    # the Netherlands print no O in their numbers: the O is no rival there. Elsewhere it is. Fails without
    # `issuer_weighed`.
    for country, marked in ((issuer, False), ("DNK", True)):
        lines = _passport_of(country, "C41001234")
        probabilities = certain(lines)
        _torn(probabilities, 1, 3, {"0": 0.6, "O": 0.38})  # weight 7
        _torn(probabilities, 1, 4, {"0": 0.6, "O": 0.38})  # weight 3
        assert bool(reading_doubts(MrzFormat.TD3, lines, probabilities)) is marked, country


def test_a_number_read_with_a_letter_its_issuer_never_prints_is_doubtful_however_sure() -> None:
    # A Dutch number read with an O at 0.95: the rules mark it, and the weighing gives its share to the 0 it
    # looks like (so no check digit takes it for sure). Fails without the rule or the weighing.
    lines = _passport_of("NLD", "XR1O01R58")
    probabilities = certain(lines)
    _torn(probabilities, 1, 3, {"O": 0.95, "0": 0.04})
    marks = reading_doubts(MrzFormat.TD3, lines, probabilities)
    assert Doubt(1, 3, "O", DoubtReason.NUMBER_LETTER_UNUSED, "document_number") in marks
    weighed = issuer_weighed(MrzFormat.TD3, lines, probabilities)
    assert weighed[1][3, ALPHABET.index("O")] == 0.0
    assert weighed[1][3, ALPHABET.index("0")] == pytest.approx(0.99)
    assert weighed[1][3, ALPHABET.index("A")] > 0.0  # a letter the Netherlands prints keeps its share
    german = _passport_of("D", "C4A012345")
    assert issuer_weighed(MrzFormat.TD3, german, certain(german))[1][2, ALPHABET.index("A")] == 0.0  # no vowels
    assert issuer_weighed(MrzFormat.TD3, german, probabilities)[0] is not probabilities[0]  # a copy, not a change
    unknown = _passport_of("DNK", "XR1O01R58")
    assert np.array_equal(issuer_weighed(MrzFormat.TD3, unknown, probabilities)[1], probabilities[1])
