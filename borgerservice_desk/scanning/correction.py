"""From character probabilities to the MRZ text: an alphabet per position, then check-digit-guided repair.

Every MRZ position admits only some characters (a date only digits, a country code only letters and '<',
a name only letters and '<'), so the recogniser's best guess *among those* is taken. Where a check digit
then fails, the least certain characters of the fields it covers are swapped for their runners-up, one
or two at a time, and the most probable text that passes is kept. A repair is only made when the
runners-up are plausible (the cost bound below); otherwise the failure stands and the clerk sees it.

Names have no check digit; for them the recogniser's own accuracy is all there is, which is why it is
trained on OCR-B rather than left to a general English model.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import (
    FILLER,
    FR_START,
    CheckDigitPlace,
    MrzFormat,
    check_digit,
    check_digit_places,
    formats_of_shape,
    name_and_country_spans,
    position_characters,
)
from borgerservice_desk.domain.mrz.rules import country_codes
from borgerservice_desk.scanning.ocrb import ALPHABET


def _allowed(mrz_format: MrzFormat) -> tuple[NDArray[np.float64], ...]:
    """Per line, 1.0 where the domain's layout allows a character at a position (see `position_characters`)."""
    out = []
    for line in position_characters(mrz_format):
        allowed = np.zeros((len(line), len(ALPHABET)))
        for column, characters in enumerate(line):
            for char in characters:
                allowed[column, ALPHABET.index(char)] = 1.0
        out.append(allowed)
    return tuple(out)


_ALLOWED = {mrz_format: _allowed(mrz_format) for mrz_format in MrzFormat}
_ANY = frozenset(ALPHABET)

def _country_codes() -> tuple[str, ...]:
    # The ICAO 9303 part 3 list is the domain's (ISO alpha-3 and the codes for organisations, stateless
    # persons and refugees): what the reading snaps to is what the identity check accepts.
    return tuple(sorted(country_codes()))


_CODES: list[tuple[str, ...]] = []

# The most a repair may cost, in nats of probability given up. exp(-5) is about 1 in 150: runners-up less
# likely than that are noise, and trying many of them would pass a check by luck (one in ten does).
MAX_REPAIR_COST = 5.0
# Two changes at once are twice the chance of a lucky pass, so both must be cheap.
MAX_PAIR_COST = 3.0
DOUBTFUL = 0.6
MAX_DOUBTFUL_IN_REPAIR = 2
_MIN_PROBABILITY = 1e-6
# A country code is a closed list, so a bigger step from the reading to the nearest code is acceptable.
MAX_COUNTRY_COST = 12.0


def format_for(shape: Sequence[int], first_char_probabilities: NDArray[np.float64]) -> MrzFormat | None:
    """The MRZ format for lines of these lengths; where a visa and another format share the shape, a visa
    is told apart by its code's first letter ('V')."""
    candidates = formats_of_shape(shape)
    if len(candidates) > 1:
        visa_letters = MrzFormat.MRVA.code_letters
        visa = any(float(first_char_probabilities[ALPHABET.index(char)]) > 0.5 for char in visa_letters)
        candidates = tuple(f for f in candidates if (f.code_letters == visa_letters) == visa)
    return candidates[0] if candidates else None


def correct_shared_shape(
    mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]]
) -> tuple[MrzFormat, Correction]:
    """`correct` as `mrz_format`, or as the French identity card where the zone is one: a TD2 reading that
    starts 'IDFRA' is read again by the French layout, which is kept unless it fails more check digits (the
    same rule as `domain.mrz.is_french_id`, on the two readings: each layout's alphabets give its own text)."""
    fixed = correct(mrz_format, probabilities)
    if mrz_format is not MrzFormat.TD2 or not fixed.lines[0].startswith(FR_START):
        return mrz_format, fixed
    french = correct(MrzFormat.FRCNI, probabilities)
    if len(french.failed_checks) <= len(fixed.failed_checks):
        return MrzFormat.FRCNI, french
    return mrz_format, fixed


@dataclass(frozen=True)
class Correction:
    lines: tuple[str, ...]
    failed_checks: tuple[str, ...]
    repaired: int  # characters changed by the repair
    confidence: float  # mean probability the recogniser gave the chosen characters
    # Per line, log-probability of each character at each position as the alphabets and look-alikes
    # weigh them (-inf where the position does not allow it): to weigh other readings of the same zone.
    log_probabilities: tuple[NDArray[np.float64], ...] = ()
    # The composite passes only by changing two characters of a field whose own check digit passed as read
    # (`_repair`): a reading that another look at the zone may read plainly (`stages.Reading.plainly_passes`).
    fields_repaired: bool = False
    # Where a number's O and 0, weighed two ways, gave two readings that both pass (`correct`): the places
    # they differ at. The check digits chose neither, and everything they cover is marked
    # (`doubts.contested_doubts`): three Os for 0s at the weights 1, 1 and 3 pass as well as two at 7 and 3.
    contested: frozenset[tuple[int, int]] = frozenset()


# In OCR-B some letters and digits differ only in detail (O is rounder than 0, S has sharper ends than 5).
# Where a position cannot hold the one, what the recogniser gave it is counted for its look-alike: a '0'
# in a name is an O, not the letter that happens to come second.
LETTER_LOOK_ALIKES = (("0", "O"), ("1", "I"), ("2", "Z"), ("5", "S"))
# Only a digit position takes D and Q for 0: in a name a D is a D.
DIGIT_LOOK_ALIKES = (*LETTER_LOOK_ALIKES, ("0", "D"), ("0", "Q"), ("6", "G"), ("8", "B"))
# How much likelier a number's character is 0 than O, before the recogniser is asked: on zones already read
# (learnt font 1284-1319, unseen fonts 1320-1355), 558 true 0s and 89 true Os in numbers, about 6 to 1.
# Weighed so (`correct`), an O wins only where the recogniser saw it at more than six times the 0 (about
# 0.86 against 0.14). One O against 0 always fails a check digit (O counts 24: times 7, 3 or 1 is never a
# multiple of 10); several can pass together (weights adding up to a multiple of 5), and where the other
# weighing's reading passes too, the places are contested (`correct`).
ZERO_ODDS = 6.0


def number_o_and_0(o_share: float, zero_share: float) -> tuple[float, float]:
    """A number's O and 0 shares with the odds of 0 multiplied by ZERO_ODDS, their sum kept (what the other
    characters hold is untouched)."""
    total = o_share + zero_share
    weight = o_share + ZERO_ODDS * zero_share
    if weight <= 0.0:
        return o_share, zero_share
    return total * o_share / weight, total * ZERO_ODDS * zero_share / weight


_O, _ZERO = ALPHABET.index("O"), ALPHABET.index("0")


def _o_and_0(o_share: float, zero_share: float, zero_odds: bool) -> tuple[float, float]:
    """A number's O and 0 shares as the first weighing gives them (three quarters of O's to 0), or with
    `zero_odds` as the second does (`number_o_and_0`)."""
    if zero_odds:
        return number_o_and_0(o_share, zero_share)
    return o_share * 0.25, zero_share + o_share * 0.75


def _number_places(mrz_format: MrzFormat) -> frozenset[tuple[int, int]]:
    characters = position_characters(mrz_format)
    covered = {position for check in check_digit_places(mrz_format) for position in check.positions}
    return frozenset(position for position in covered if frozenset(characters[position[0]][position[1]]) == _ANY)


_NUMBER_PLACES = {mrz_format: _number_places(mrz_format) for mrz_format in MrzFormat}


def number_places(mrz_format: MrzFormat) -> frozenset[tuple[int, int]]:
    """The positions that allow letters and digits both under a check digit (document numbers, optional data
    a check digit covers): where a number's O and 0 are weighed (`correct`)."""
    return _NUMBER_PLACES[mrz_format]


def _with_look_alikes(
    probs: NDArray[np.float64], characters: Sequence[str], numbers: set[int], zero_odds: bool = False
) -> NDArray[np.float64]:
    out = probs.copy()
    for column, allowed in enumerate(characters):
        letters_only = "0" not in allowed
        digits_only = "A" not in allowed
        if column in numbers:
            # Letters and digits both belong here (document numbers, optional data), and OCR-B's O and 0
            # are the one pair that low resolution makes alike. Numbers hold the digit far more often, so
            # (the first weighing) most of O's share goes to 0: 0 wins where the two compete, and a failing
            # check digit can still choose O cheaply (O counts 4, 0 counts 0). With `zero_odds` the odds of
            # 0 are raised instead (ZERO_ODDS), so an O the recogniser saw far likelier than 0 stands.
            # Where no check digit covers the field (a visa's optional data), the reading stands as read.
            out[column, _O], out[column, _ZERO] = _o_and_0(
                float(probs[column, _O]), float(probs[column, _ZERO]), zero_odds
            )
        elif letters_only:
            for digit, letter in LETTER_LOOK_ALIKES:
                out[column, ALPHABET.index(letter)] += probs[column, ALPHABET.index(digit)]
        elif digits_only:
            for digit, letter in DIGIT_LOOK_ALIKES:
                out[column, ALPHABET.index(digit)] += probs[column, ALPHABET.index(letter)]
    return out


def _weigh(
    mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]], zero_odds: bool = False
) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
    """Per line, the recogniser's probabilities with look-alikes counted (`adjusted`), and the same over the
    characters each position allows, summing to 1 (`weighed`, 0 where the position does not allow one)."""
    characters = position_characters(mrz_format)
    numbers: list[set[int]] = [set() for _ in characters]
    for line, column in _NUMBER_PLACES[mrz_format]:
        numbers[line].add(column)
    adjusted: list[NDArray[np.float64]] = []
    weighed: list[NDArray[np.float64]] = []
    for line_characters, allowed, raw, line_numbers in zip(
        characters, _ALLOWED[mrz_format], probabilities, numbers, strict=True
    ):
        probs = _with_look_alikes(raw, line_characters, line_numbers, zero_odds)
        adjusted.append(probs)
        masked = probs * allowed + _MIN_PROBABILITY * allowed
        weighed.append(masked / masked.sum(axis=1, keepdims=True))
    return adjusted, weighed


def allowed_mass(mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]]) -> tuple[NDArray[np.float64], ...]:
    """Per line, the share of the recogniser's probability at each position that the characters it allows
    hold, look-alikes counted (a name's '0' counts for its O): low where the recogniser saw something the
    position cannot hold, however sure the choice among what it can hold looks."""
    adjusted, _ = _weigh(mrz_format, probabilities)
    return tuple((probs * allowed).sum(axis=1) for probs, allowed in zip(adjusted, _ALLOWED[mrz_format], strict=True))


def weighed_probabilities(
    mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]]
) -> tuple[NDArray[np.float64], ...]:
    """Per line, each position's probabilities as `correct` weighs them before any repair: look-alikes
    counted, over the characters the position allows (summing to 1; 0 for the others), a number's O mostly
    given to 0 (the first of `correct`'s two weighings). Its argmax is the recogniser's first choice, which a
    repair, or the odds' weighing of a number's O (`correct`), may have changed (`scanning.doubts` asks)."""
    return tuple(_weigh(mrz_format, probabilities)[1])


def correct(mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]]) -> Correction:
    """The most probable text allowed by the format's alphabets, repaired where check digits fail.

    A number's O and 0 are weighed two ways: most of O's share given to 0, and the odds of 0 raised
    (ZERO_ODDS). The second is taken where it fails no more check digits and needs no more repairs. With
    the first alone, 0 won wherever the two competed, however sure the recogniser was of the O, and a plain
    check digit was then "repaired" to fit the 0 (zone TD2 1302, Liberation Mono, never learnt: O at 0.88
    against 0.12, its check digit 3 made 8, every check passing). With the second alone, a font whose 0 the
    recogniser takes for O (FreeMono Bold, 0 at 0.11 against O at 0.89, twice in one number: FR card 1391)
    failed its check digit, which the first weighing passes as read. Where both pass as read, the second is
    the likelier text: a licence's number O4O in OCR B L (DL1 1321) read 040 passes as well, two Os at the
    weights 7 and 3 cancelling out. Where the second is taken and the first passes too, the places they
    differ at are `Correction.contested`: the check digits chose neither, and the reader marks all they
    cover."""
    transferred = _correct(mrz_format, probabilities, zero_odds=False)
    if not transferred.failed_checks and not transferred.repaired and _same_first_choice(mrz_format, probabilities):
        # The odds read the same text first, and it passes as read: nothing to choose (and no second repair
        # search, which doubled the correction's time on every look).
        return transferred
    odds = _correct(mrz_format, probabilities, zero_odds=True)
    same = (odds.lines, odds.repaired) == (transferred.lines, transferred.repaired)
    if same or not _odds_preferred(odds, transferred):
        return transferred  # the same reading either way: the first weighing's, as where nothing was to choose
    if odds.lines != transferred.lines and len(transferred.failed_checks) <= len(odds.failed_checks):
        # The other reading passes as well: the check digits chose neither (a helper's review, stop 44: 0s
        # read as Os at 0.89, at weights that add up to a multiple of five, pass unrepaired, as the 0s do).
        differ = frozenset(
            (line, column)
            for line, (ours, theirs) in enumerate(zip(odds.lines, transferred.lines, strict=True))
            for column, (a, b) in enumerate(zip(ours, theirs, strict=True))
            if a != b
        )
        return replace(odds, contested=differ)
    return odds


def _same_first_choice(mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]]) -> bool:
    """Whether both weighings of a number's O choose the same character first at every position (they differ
    only at `number_places`, where every character is allowed)."""
    for line, column in _NUMBER_PLACES[mrz_format]:
        row = probabilities[line][column]
        o_share, zero_share = float(row[_O]), float(row[_ZERO])
        firsts = []
        for zero_odds in (False, True):
            weighed = row.copy()
            weighed[_O], weighed[_ZERO] = _o_and_0(o_share, zero_share, zero_odds)
            firsts.append(int(weighed.argmax()))
        if firsts[0] != firsts[1]:
            return False
    return True


def _odds_preferred(odds: Correction, transferred: Correction) -> bool:
    return len(odds.failed_checks) <= len(transferred.failed_checks) and odds.repaired <= transferred.repaired


def _correct(mrz_format: MrzFormat, probabilities: Sequence[NDArray[np.float64]], zero_odds: bool) -> Correction:
    checks = check_digit_places(mrz_format)
    adjusted, weighed = _weigh(mrz_format, probabilities, zero_odds)
    logp: list[NDArray[np.float64]] = []
    for masked, allowed in zip(weighed, _ALLOWED[mrz_format], strict=True):
        with np.errstate(divide="ignore"):
            logp.append(np.where(allowed > 0, np.log(masked), -math.inf))
    text = [[ALPHABET[int(i)] for i in lp.argmax(axis=1)] for lp in logp]
    # No check digit covers the country codes (issuing state and nationality), but only a few hundred codes
    # exist, so for those the likeliest real code is taken (GDR is no country: GBR).
    for line, start, end in name_and_country_spans(mrz_format)[1]:
        text[line][start:end] = _likeliest_country(adjusted[line][start:end], probabilities[line][start:end])
    repaired = 0
    fields_repaired = False
    for check in _ordered(checks):
        if passes(check, text):
            continue
        if check.name == "composite" and any(not passes(other, text) for other in checks if other is not check):
            # The composite covers the fields; while one of them still fails its own check it is not known
            # which of its characters are wrong, and a change elsewhere that makes the composite pass would
            # pass by luck (one in ten) and hide the failure.
            continue
        fields = _field_positions(check, checks)
        change = _repair(check, checks, text, logp, fields)
        if change is not None:
            fields_repaired |= any(position in fields for position, _ in change)
            for (line, column), char in change:
                text[line][column] = char
                repaired += 1
    lines = tuple("".join(line) for line in text)
    failed = tuple(check.name for check in checks if not passes(check, text))
    chosen = [
        float(probs[column, ALPHABET.index(char)])
        for probs, line in zip(probabilities, lines, strict=True)
        for column, char in enumerate(line)
    ]
    return Correction(lines, failed, repaired, float(np.mean(chosen)), tuple(logp), fields_repaired)


def _likeliest_country(adjusted: NDArray[np.float64], raw: NDArray[np.float64]) -> list[str]:
    """The likeliest real country code, or, where the reading is like none, what the recogniser saw there
    with no alphabet imposed: a specimen that prints digits as its nationality shows them, and the clerk
    sees an unknown code rather than letters made up to fit the field.

    `adjusted` is the recogniser's probabilities with look-alikes counted for letters (a 0 for an O), not
    renormalised over the letters, so a code is judged against everything the recogniser thought possible.
    """
    if not _CODES:
        _CODES.append(_country_codes())
    codes = _CODES[0]
    indices = np.array([[ALPHABET.index(char) for char in code] for code in codes])
    logp = np.log(adjusted + _MIN_PROBABILITY)
    scores = logp[0, indices[:, 0]] + logp[1, indices[:, 1]] + logp[2, indices[:, 2]]
    best = int(np.argmax(scores))
    if scores[best] < float(np.log(raw + _MIN_PROBABILITY).max(axis=1).sum()) - MAX_COUNTRY_COST:
        return [ALPHABET[int(i)] for i in raw.argmax(axis=1)]
    return list(codes[best])


def _ordered(checks: Sequence[CheckDigitPlace]) -> list[CheckDigitPlace]:
    # Field checks first: the composite can only be repaired once its fields are right.
    return sorted(checks, key=lambda check: check.name == "composite")


def passes(check: CheckDigitPlace, text: Sequence[Sequence[str]]) -> bool:
    field = "".join("".join(text[line][start:end]) for line, start, end in check.covers)
    digit = text[check.digit[0]][check.digit[1]]
    if digit == FILLER:
        return check.filler_allowed
    return check_digit(field) == digit


def _positions(check: CheckDigitPlace, checks: Sequence[CheckDigitPlace]) -> list[tuple[int, int]]:
    own = list(check.positions)
    if check.name == "composite":
        # Positions a field check already vouches for are not the composite's to change.
        covered = {
            position for other in checks if other.name != "composite" for position in (*other.positions, other.digit)
        }
        own = [position for position in own if position not in covered]
    return [*own, check.digit]


def _field_positions(check: CheckDigitPlace, checks: Sequence[CheckDigitPlace]) -> list[tuple[int, int]]:
    """For the composite, the positions of the fields it covers that their own check digits answer for (their
    digits included); for any other check digit, none."""
    if check.name != "composite":
        return []
    own = set(_positions(check, checks))
    return [position for position in check.positions if position not in own]


def _options(
    positions: Sequence[tuple[int, int]], text: list[list[str]], logp: Sequence[NDArray[np.float64]]
) -> list[tuple[float, tuple[int, int], str]]:
    """Each position's likeliest other characters as (cost, position, replacement), cheapest first."""
    options: list[tuple[float, tuple[int, int], str]] = []
    for line, column in positions:
        # A character the position does not allow (a country field kept as printed) counts as the least
        # likely allowed one, or every change to it would look free.
        current = max(float(logp[line][column, ALPHABET.index(text[line][column])]), math.log(_MIN_PROBABILITY))
        ranked = np.argsort(-logp[line][column])[:4]
        for index in ranked:
            char = ALPHABET[int(index)]
            cost = float(current - logp[line][column, index])
            if char != text[line][column] and cost < MAX_REPAIR_COST:
                options.append((cost, (line, column), char))
    return sorted(options)


def _pairs(
    options: Sequence[tuple[float, tuple[int, int], str]],
) -> list[tuple[tuple[float, float], tuple[tuple[tuple[int, int], str], tuple[tuple[int, int], str]]]]:
    return [
        ((a[0], b[0]), ((a[1], a[2]), (b[1], b[2])))
        for a, b in itertools.combinations(options[:24], 2)
        if a[1] != b[1] and a[0] + b[0] < MAX_PAIR_COST
    ]


def _repair(
    check: CheckDigitPlace,
    checks: Sequence[CheckDigitPlace],
    text: list[list[str]],
    logp: Sequence[NDArray[np.float64]],
    fields: Sequence[tuple[int, int]] = (),
) -> tuple[tuple[tuple[int, int], str], ...] | None:
    """The cheapest change of one or two characters that makes `check` pass without failing another.

    For the composite, `fields` (`_field_positions`) are tried in pairs too: a field read wrongly in two
    characters that pass its own check digit together fails the composite, which was read right, and the
    cheapest way to pass it then is the field's two runners-up, not a composite digit made to fit the wrong
    field (zone TD3 840, stop 41: a number's 9 and check digit 5 read 0 and 6, the composite's 0 repaired
    to 8). Such a pair must pass two check digits, the field's and the composite, one time in a hundred by
    luck, not one in ten; a field's single change never helps (what passes its own check, a multiple of ten,
    passes the composite unchanged)."""
    options = _options(_positions(check, checks), text, logp)
    # A field with many doubtful characters was misread wholesale (cut wrongly, smeared): changing one or
    # two of them until the check passes would be a lottery with one winning ticket in ten.
    doubtful = sum(
        1 for line, column in _positions(check, checks) if float(np.exp(logp[line][column].max())) < DOUBTFUL
    )
    if doubtful > MAX_DOUBTFUL_IN_REPAIR:
        return None
    failing_before = sum(not passes(other, text) for other in checks)
    best: tuple[float, tuple[tuple[tuple[int, int], str], ...]] | None = None
    singles = [((cost,), ((position, char),)) for cost, position, char in options]
    pairs = _pairs(options) + _pairs(_options(fields, text, logp))
    for costs, change in itertools.chain(singles, pairs):
        total = sum(costs)
        if best is not None and total >= best[0]:
            continue
        saved = [(position, text[position[0]][position[1]]) for position, _ in change]
        for (line, column), char in change:
            text[line][column] = char
        ok = passes(check, text) and sum(not passes(other, text) for other in checks) < failing_before
        for (line, column), char in saved:
            text[line][column] = char
        if ok:
            best = (total, change)
    return best[1] if best is not None else None
