"""Which characters of a reading are in doubt: the recogniser was unsure, and no check digit vouches.

A check digit catches a misread number or date one time in ten at worst, so an unsure character it covers
is left to it (and its repair, `correction`). Names, country codes, the document code, the sex and a visa's
optional data have no check digit: an unsure character there could be wrong with every check passing. Such
a character is marked (`DoubtReason.UNSURE` or `CLOSE_SECOND`) for the clerk to confirm against the
document; the rules' own doubts (`domain.mrz.rules`) are added, so one list says all that is in doubt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import (
    Doubt,
    DoubtReason,
    MrzFormat,
    check_digit_places,
    position_characters,
    rule_doubts,
)
from borgerservice_desk.domain.mrz.rules import field_at, merge_doubts
from borgerservice_desk.scanning.ocrb import ALPHABET

# The least share of the probability the chosen character must hold, among the characters its position
# allows, to stand without confirmation.
SURE_SHARE = 0.85
# The most the runner-up may have, relative to the chosen character: above it, the two are a coin toss
# (an OCR-B C and G, or a D and O, under a smudge) even where the chosen one looks likely.
CLOSE_RATIO = 0.2


def covered_positions(mrz_format: MrzFormat) -> frozenset[tuple[int, int]]:
    """Every position a check digit covers, the digits themselves included."""
    out: set[tuple[int, int]] = set()
    for check in check_digit_places(mrz_format):
        out.update((line, column) for line, start, end in check.covers for column in range(start, end))
        out.add(check.digit)
    return frozenset(out)


def unsure_characters(
    mrz_format: MrzFormat, lines: Sequence[str], probabilities: Sequence[NDArray[np.float64]]
) -> tuple[Doubt, ...]:
    """The characters of `lines` at positions no check digit covers that the recogniser was unsure of.

    `probabilities` are the recogniser's, per line (length, ALPHABET); each character is judged among the
    characters its position allows (a name's '0' is no rival to its 'O'). A character the reading holds
    but the recogniser gave nothing (a code chosen from the country list) is unsure by definition.
    """
    covered = covered_positions(mrz_format)
    allowed = position_characters(mrz_format)
    out: list[Doubt] = []
    for line, (text, probs) in enumerate(zip(lines, probabilities, strict=True)):
        for column, char in enumerate(text):
            if (line, column) in covered or column >= probs.shape[0]:
                continue
            choices = [ALPHABET.index(c) for c in allowed[line][column]]
            if ALPHABET.index(char) not in choices:
                choices.append(ALPHABET.index(char))
            weights = probs[column, choices]
            total = float(weights.sum())
            mine = float(probs[column, ALPHABET.index(char)])
            share = mine / total if total > 0 else 0.0
            rivals = [float(probs[column, index]) for index in choices if ALPHABET[index] != char]
            runner = max(rivals, default=0.0)
            reason = None
            if CLOSE_RATIO * mine < runner < mine:
                reason = DoubtReason.CLOSE_SECOND  # one rival nearly as likely: a coin toss between two
            elif share < SURE_SHARE:
                reason = DoubtReason.UNSURE  # spread over many, or another ahead (a code from the list)
            if reason is not None:
                out.append(Doubt(line, column, char, reason, field_at(mrz_format, line, column)))
    return tuple(out)


def reading_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], probabilities: Sequence[NDArray[np.float64]]
) -> tuple[Doubt, ...]:
    """All that is in doubt in a reading: the rules' doubts and the recogniser's unsure characters."""
    return merge_doubts(rule_doubts(mrz_format, lines), unsure_characters(mrz_format, lines, probabilities))
