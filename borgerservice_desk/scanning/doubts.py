"""Which characters of a reading are in doubt: the recogniser was unsure, and no check digit vouches.

Names, country codes, the document code, the sex and a visa's optional data have no check digit: an unsure
character there could be wrong with every check passing. Such a character is marked (`DoubtReason.UNSURE`
or `CLOSE_SECOND`) for the clerk to confirm against the document; the rules' own doubts
(`domain.mrz.rules`) are added, so one list says all that is in doubt.

A check digit catches one wrong character in the characters it covers, and only where the wrong value
differs from the right one by other than a multiple of 10. So an unsure character it covers is left to it
(and its repair, `correction`), except where it does not vouch (`covered_doubts`):

- a rival the check digit cannot tell apart (S and 8 count the same) is not unlikely (`CHECK_BLIND`);
- two or more characters under one check digit were unsure, or changed by the repair: a wrong combination
  of them passes one time in ten, and the repair picks the likeliest that passes (`CHECK_BY_CHANCE`).

A clean reading has neither, nor has a repair that changed the one unsure character of its field: there the
check digit decided between rivals it does tell apart. Measured on issue 13's generated faint print, these
mark every wrong character of the two visas that passed every check; clean and guilloche documents gain
no marked reading, the 34 real samples one (README, "The reader").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import (
    FILLER,
    Doubt,
    DoubtReason,
    MrzFormat,
    character_value,
    check_digit_places,
    position_characters,
    rule_doubts,
)
from borgerservice_desk.domain.mrz.rules import field_at, merge_doubts
from borgerservice_desk.scanning.correction import weighed_probabilities
from borgerservice_desk.scanning.ocrb import ALPHABET

# The least share of the probability the chosen character must hold, among the characters its position
# allows, to stand without confirmation.
SURE_SHARE = 0.85
# The most the runner-up may have, relative to the chosen character: above it, the two are a coin toss
# (an OCR-B C and G, or a D and O, under a smudge) even where the chosen one looks likely.
CLOSE_RATIO = 0.2
# The most a rival the check digit cannot tell apart may have, relative to the chosen character. Far below
# CLOSE_RATIO: the recogniser is overconfident on pale print (a faint visa's S was an 8 at 0.95, the S at
# 0.03), and where the check digit is blind nothing else would catch it. A crisp print gives such a rival
# thousandths; a real British passport's 8 gave its S 0.021 of 0.977 and is marked too, the price of this.
BLIND_RATIO = 0.02


def covered_positions(mrz_format: MrzFormat) -> frozenset[tuple[int, int]]:
    """Every position a check digit covers, the digits themselves included."""
    out: set[tuple[int, int]] = set()
    for check in check_digit_places(mrz_format):
        out.update((line, column) for line, start, end in check.covers for column in range(start, end))
        out.add(check.digit)
    return frozenset(out)


def _shares(probs: NDArray[np.float64], allowed: str, char: str) -> tuple[float, dict[str, float]]:
    """The share of the recogniser's probability that `char` holds among the characters its position
    allows (and itself), and each rival's share."""
    weights = {choice: float(probs[ALPHABET.index(choice)]) for choice in dict.fromkeys((*allowed, char))}
    total = sum(weights.values())
    if total <= 0:
        return 0.0, dict.fromkeys((choice for choice in weights if choice != char), 0.0)
    return weights[char] / total, {choice: weight / total for choice, weight in weights.items() if choice != char}


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
            share, rivals = _shares(probs[column], allowed[line][column], char)
            runner = max(rivals.values(), default=0.0)
            reason = None
            if CLOSE_RATIO * share < runner < share:
                reason = DoubtReason.CLOSE_SECOND  # one rival nearly as likely: a coin toss between two
            elif share < SURE_SHARE:
                reason = DoubtReason.UNSURE  # spread over many, or another ahead (a code from the list)
            if reason is not None:
                out.append(Doubt(line, column, char, reason, field_at(mrz_format, line, column)))
    return tuple(out)


def check_groups(mrz_format: MrzFormat) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per check digit, the positions it alone answers for, its own place included: a field's characters for
    a field's check, and for the composite only what no field's check covers (as `correction` repairs)."""
    checks = check_digit_places(mrz_format)
    by_field: set[tuple[int, int]] = set()
    for check in checks:
        if check.name != "composite":
            by_field.update((line, column) for line, start, end in check.covers for column in range(start, end))
            by_field.add(check.digit)
    groups = []
    for check in checks:
        own = [(line, column) for line, start, end in check.covers for column in range(start, end)]
        if check.name == "composite":
            own = [position for position in own if position not in by_field]
        groups.append((*own, check.digit))
    return tuple(groups)


def _trailing_filler(mrz_format: MrzFormat, text: str, line: int, column: int) -> bool:
    """Whether `column` is in the run of fillers that ends its field (or is a filler in no field)."""
    field = field_at(mrz_format, line, column)
    end = column
    while end < len(text) and field_at(mrz_format, line, end) == field:
        end += 1
    return set(text[column : max(end, column + 1)]) == {FILLER}


def covered_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], probabilities: Sequence[NDArray[np.float64]]
) -> tuple[Doubt, ...]:
    """The characters of `lines` at positions a check digit covers that it does not vouch for (see the
    module's note), judged as `unsure_characters` judges the others, among the characters each position
    allows, in two views: the recogniser's probabilities, and the same as the correction weighed them
    (look-alikes counted, and in a number most of an O's share given to 0, which numbers hold far more
    often). A character is unsure, or a rival close, only where both views say so: a 0 the recogniser
    could not tell from an O is sure by the correction's weighing, an O it saw plainly is sure by its own,
    and a character the repair changed was the first choice of neither."""
    allowed = position_characters(mrz_format)
    views = (tuple(probabilities), weighed_probabilities(mrz_format, probabilities))
    out: dict[tuple[int, int], DoubtReason] = {}
    for group in check_groups(mrz_format):
        unsure: list[tuple[int, int]] = []
        for line, column in group:
            if line >= min(len(lines), len(probabilities)) or column >= probabilities[line].shape[0]:
                continue
            char = lines[line][column] if column < len(lines[line]) else ""
            if not char or char not in ALPHABET:
                continue
            value = character_value(char) % 10
            close, blind = True, True
            for view in views:
                share, rivals = _shares(view[line][column], allowed[line][column], char)
                # A close second, or spread thin (another first: changed by the repair).
                close &= max(rivals.values(), default=0.0) > CLOSE_RATIO * share or share < SURE_SHARE
                rival = max((p for c, p in rivals.items() if character_value(c) % 10 == value), default=0.0)
                blind &= rival > BLIND_RATIO * share
            if close:
                unsure.append((line, column))
            # OCR-B's '<' is half a K, and both count 0. But in the fillers that end a field a letter would
            # be a stray mark, not the field's text: the recogniser's K there is no rival.
            if blind and not _trailing_filler(mrz_format, lines[line], line, column):
                out[(line, column)] = DoubtReason.CHECK_BLIND
        if len(unsure) > 1:
            for position in unsure:
                out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
    return tuple(
        Doubt(line, column, lines[line][column], reason, field_at(mrz_format, line, column))
        for (line, column), reason in sorted(out.items())
    )


def reading_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], probabilities: Sequence[NDArray[np.float64]]
) -> tuple[Doubt, ...]:
    """All that is in doubt in a reading: the rules' doubts, the recogniser's unsure characters and the
    covered characters their check digit does not vouch for."""
    return merge_doubts(
        rule_doubts(mrz_format, lines),
        unsure_characters(mrz_format, lines, probabilities),
        covered_doubts(mrz_format, lines, probabilities),
    )
