"""Which of two readings of the same zone the reader keeps (`stages.better`), without any image.

The reader looks at a zone several times (boxes as found, widened, turned, two thresholds). Each look is
corrected on its own; then the looks are compared. Check digits count, but so does what both looks saw.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from borgerservice_desk.domain.mrz import MrzFormat, check_digit_places
from borgerservice_desk.scanning import correction
from borgerservice_desk.scanning.ocrb import ALPHABET
from borgerservice_desk.scanning.stages import Reading as _Reading
from borgerservice_desk.scanning.stages import ScanResult
from borgerservice_desk.scanning.stages import better as _better
from tests.support.mrz import compose_td1
from tests.support.recogniser import certain

CARD = compose_td1(
    document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
    nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2030, 1, 2),
)


def reading(probs: list[np.ndarray]) -> _Reading:
    fixed = correction.correct(MrzFormat.TD1, probs)
    result = ScanResult(fixed.lines, MrzFormat.TD1, fixed.failed_checks, "ocrb", confidence=fixed.confidence)
    return _Reading(result, np.zeros((4, 4)), fixed.confidence, tuple(probs), fixed.log_probabilities)


def with_char(lines: tuple[str, ...], line: int, column: int, char: str) -> tuple[str, ...]:
    changed = list(lines)
    changed[line] = changed[line][:column] + char + changed[line][column + 1 :]
    return tuple(changed)


def test_a_plain_reading_beats_one_that_passes_a_check_by_a_single_doubtful_character() -> None:
    # A specimen whose document number check digit is printed wrong: every look fails it. One look reads
    # a filler of the optional data as a doubtful 2, and with it the composite happens to pass.
    printed = with_char(CARD, 0, 14, "9" if CARD[0][14] != "9" else "8")
    plain = reading(certain(printed, 0.999))
    assert "document_number" in plain.result.failed_checks and "composite" in plain.result.failed_checks
    lucky_probs = certain(printed, 0.999)
    for digit in "0123456789":
        candidate = with_char(printed, 0, 20, digit)
        if correction.passes(check_digit_places(MrzFormat.TD1)[-1], candidate):
            break
    row = lucky_probs[0][20]
    row[:] = 0.001
    row[ALPHABET.index(digit)] = 0.55
    row[ALPHABET.index("<")] = 0.4
    lucky = reading(lucky_probs)
    assert lucky.result.lines[0][20] == digit and "composite" not in lucky.result.failed_checks
    assert lucky.rank > plain.rank  # by check digits alone, the lucky look would win

    assert _better(plain, lucky)
    assert not _better(lucky, plain)


def test_where_two_looks_disagree_plainly_the_one_whose_checks_pass_wins() -> None:
    right = reading(certain(CARD, 0.99))
    # A year's digit of the birth date (a month's or a day's first digit may not be 8 at all).
    wrong = reading(certain(with_char(CARD, 1, 1, "8" if CARD[1][1] != "8" else "6"), 0.99))
    assert right.result.failed_checks == () and wrong.result.failed_checks

    assert _better(right, wrong)
    assert not _better(wrong, right)


def test_the_same_text_is_better_read_more_surely() -> None:
    assert _better(reading(certain(CARD, 0.99)), reading(certain(CARD, 0.9)))
