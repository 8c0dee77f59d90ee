"""Which characters of a reading are in doubt: the recogniser was unsure, and no check digit vouches.

Names, country codes, the document code, the sex and a visa's optional data have no check digit: an unsure
character there could be wrong with every check passing. Such a character is marked (`DoubtReason.UNSURE`
or `CLOSE_SECOND`) for the clerk to confirm against the document, and so is one chosen surely among what its
place allows from a glyph that looked like none of it (`SEEN_ALLOWED`), and one whose look-alike (O and 0)
was not unlikely where a letter and a digit may both stand (`LOOK_ALIKE`), and one there whose glyph looks
more like another character printed in the same zone than like its own prints there (`own_print_doubts`,
`LOOK_ALIKE` too: the recogniser sure of a wrong character in a font it never learnt); the rules' own doubts
(`domain.mrz.rules`) are added, so one list says all that is in doubt.

A check digit catches one wrong character in the characters it covers, and only where the wrong value
differs from the right one by other than a multiple of 10. So an unsure character it covers is left to it
(and its repair, `correction`), except where it does not vouch (`covered_doubts`):

- a rival the check digit cannot tell apart (S and 8 count the same) is not unlikely (`CHECK_BLIND`);
- two or more characters under one check digit were unsure, or changed by the repair: a wrong combination
  of them passes one time in ten, and the repair picks the likeliest that passes (`CHECK_BY_CHANCE`); beside
  one such, a character the weighing made sure where the recogniser could not tell it from its look-alike (a
  number's 0 and an O) counts too, where their rivals pass together (`_coin_toss`): the check digit decided
  once, for both;
- two characters under one check digit, each sure enough alone, have rivals that would cancel each other
  out in its sum (a 3 and a 3 that may be 8s: 5 x 7 + 5 x 3 = 50), each rival as likely as a look-alike
  is marked at (`CHECK_BY_CHANCE`, `_cancelling_pairs`).
- where two characters under one check digit are in doubt for any of these reasons, every character it
  covers is (`CHECK_BY_CHANCE`): the digit vouched for the field on the premise of one error at most, and
  print the recogniser has not learnt misreads three characters of a number, one of them surely.

Where the issuer of a passport or identity card leaves letters out of its numbers (Germany's and the
Netherlands' have no O, `domain.mrz.rules.ISSUER_NUMBER_LETTERS`), such a letter is no rival in its number
(`issuer_weighed`).

Beyond single characters, a reading in print the recogniser has not learnt (`unfamiliar_print`: a fifth of
its cells unsure) is flagged whole: there even its sure characters are not to be trusted. So is a reading
with half its text marked already (`crowded_marks`): the recogniser's trouble with most of the zone is no
ground to trust its sureness in the rest, and comparing the rest costs the clerk little more.

A clean reading has neither, nor has a repair that changed the one unsure character of its field: there the
check digit decided between rivals it does tell apart. Measured on issue 13's generated faint print, these
mark every wrong character of the two visas that passed every check; clean and guilloche documents gain
no marked reading, the 34 real samples one (README, "The reader").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from datetime import date

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import (
    FILLER,
    Doubt,
    DoubtReason,
    MrzFormat,
    character_value,
    check_digit_places,
    dated_doubts,
    issuer_number_characters,
    position_characters,
    rule_doubts,
)
from borgerservice_desk.domain.mrz.checks import CHECK_SPECS, CHECK_WEIGHTS, CheckDigitPlace
from borgerservice_desk.domain.mrz.rules import field_at, merge_doubts
from borgerservice_desk.scanning import correction
from borgerservice_desk.scanning.correction import DIGIT_LOOK_ALIKES, allowed_mass, weighed_probabilities
from borgerservice_desk.scanning.ocrb import ALPHABET, CELL_SIZE

# The least share of the probability the chosen character must hold, among the characters it is judged
# among (those its position allows; for a covered character's first view, all), to stand without confirmation.
SURE_SHARE = 0.85
# The most the runner-up may have, relative to the chosen character: above it, the two are a coin toss
# (an OCR-B C and G, or a D and O, under a smudge) even where the chosen one looks likely.
CLOSE_RATIO = 0.2
# The least share of the recogniser's probability the characters a position allows must hold together
# (look-alikes counted, `correction.allowed_mass`) for the choice among them to be trusted: below it, the
# recogniser took the glyph for something the position cannot hold more likely than not (a sex printed F in
# FreeMono Bold seen as E, 7, S or 2, with '<' chosen at 0.07 as the likeliest of M, F and '<'). A majority,
# set by that reasoning, not fitted.
SEEN_ALLOWED = 0.5
# The most a rival the check digit cannot tell apart may have, relative to the chosen character. Far below
# CLOSE_RATIO: the recogniser is overconfident on pale print (a faint visa's S was an 8 at 0.95, the S at
# 0.03), and where the check digit is blind nothing else would catch it. A crisp print gives such a rival
# thousandths; a real British passport's 8 gave its S 0.021 of 0.977 and is marked too, the price of this.
BLIND_RATIO = 0.02
# Characters OCR-B draws alike (a 0 is a narrower O, a Q and a D an O with a tail or a flat side). Where a
# position allows a letter and a digit both and no check digit covers it (a visa's optional data), nothing
# tells one from its look-alike: there a look-alike rival is held to BLIND_RATIO, as one a check digit cannot
# tell apart is, not to CLOSE_RATIO. Made after a visa's optional data in Noto Sans Mono, O read as 0 with
# the O at 0.07 of 0.93 and every check passing (README, "The reader"); names keep CLOSE_RATIO: a name's
# letters are judged among letters only, and the clerk reads a name, not a code.
# The groups are the correction's digit-and-letter pairs (`DIGIT_LOOK_ALIKES`), joined by their digit: O, D
# and Q all look like 0, so like each other too (0 O D Q, 1 I, 2 Z, 5 S, 6 G, 8 B).
LOOK_ALIKE_GROUPS = tuple(
    frozenset({digit, *(letter for paired, letter in DIGIT_LOOK_ALIKES if paired == digit)})
    for digit in sorted({digit for digit, _letter in DIGIT_LOOK_ALIKES})
)


def look_alikes(char: str) -> frozenset[str]:
    """The characters OCR-B draws like `char` (LOOK_ALIKE_GROUPS), itself left out."""
    return frozenset(other for group in LOOK_ALIKE_GROUPS if char in group for other in group if other != char)


# Print the recogniser has not learnt (another printer's cut of OCR-B, a font that is not OCR-B at all) shows
# less in any one character than in the whole zone: the recogniser is sure of the odd misread, but unsure of
# many characters at once. A cell is unsure when its likeliest character has less than UNSURE_CELL; a
# reading with at least UNFAMILIAR_SHARE of its cells unsure is in unfamiliar print, and the clerk compares
# all of it. Measured (README, "The reader"): the real samples have at most 14 % unsure cells; of 240
# generated documents in the learnt fonts two faint visas read right have 25 % and 33 %; the 11 silent
# misreadings of zones in fonts never learnt had 8 to 50 %, 7 of them 20 % or more.
UNSURE_CELL = 0.9
UNFAMILIAR_SHARE = 0.2


def unfamiliar_print(probabilities: Sequence[NDArray[np.float64]]) -> bool:
    """Whether so many cells of a reading were unsure (see UNFAMILIAR_SHARE) that no character of it should
    pass unchecked: the recogniser's confidence in each one is not to be trusted on print it never learnt."""
    tops = [float(value) for line in probabilities if line.size for value in line.max(axis=1)]
    unsure = sum(1 for value in tops if value < UNSURE_CELL)
    return bool(tops) and unsure >= UNFAMILIAR_SHARE * len(tops)


# The share of a reading's text (its characters other than the filler) marked in doubt from which the
# clerk compares all of it. Half, set by reasoning, not fitted: below it the marks still point the clerk at
# what to look at; above it they are most of the zone. Made after a held-out zone in Liberation Mono Bold
# (a visa, 57 % of its text marked, its optional data's 3 read surely as S with every check passing) and
# measured on zones drawn afresh for it (README, "The reader").
CROWDED_SHARE = 0.5


def crowded_marks(lines: Sequence[str], marks: Sequence[Doubt]) -> bool:
    """Whether at least CROWDED_SHARE of the text of `lines` (fillers left out) is marked in `marks`: then the
    clerk compares the whole reading, not only the marked characters."""
    text = [(line, column) for line, chars in enumerate(lines) for column, char in enumerate(chars) if char != FILLER]
    marked = {(doubt.line, doubt.column) for doubt in marks}
    return bool(text) and sum(position in marked for position in text) >= CROWDED_SHARE * len(text)


def covered_positions(mrz_format: MrzFormat) -> frozenset[tuple[int, int]]:
    """Every position a check digit covers, the digits themselves included."""
    out: set[tuple[int, int]] = set()
    for check in check_digit_places(mrz_format):
        out.update(check.positions)
        out.add(check.digit)
    return frozenset(out)


def _shares(probs: NDArray[np.float64], allowed: str, char: str) -> tuple[float, dict[str, float]]:
    """The share of the probability that `char` holds among the characters `allowed` (and itself): those its
    position allows, or every character; and each rival's share."""
    weights = {choice: float(probs[ALPHABET.index(choice)]) for choice in dict.fromkeys((*allowed, char))}
    total = sum(weights.values())
    if total <= 0:
        return 0.0, dict.fromkeys((choice for choice in weights if choice != char), 0.0)
    return weights[char] / total, {choice: weight / total for choice, weight in weights.items() if choice != char}


def _letters_and_digits(allowed: str) -> bool:
    """Whether a position allows a letter and a digit both: there a misread of one for its look-alike is
    still a character the position may hold."""
    return any(char.isdigit() for char in allowed) and any(char.isalpha() for char in allowed)


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
    seen_allowed = allowed_mass(mrz_format, probabilities)
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
            elif seen_allowed[line][column] < SEEN_ALLOWED and len(set(allowed[line][column])) > 1:
                # The likeliest of what may stand here, but the glyph looked like none. Where the format allows
                # one character only (a passport's P), there is nothing to choose: the format was.
                reason = DoubtReason.UNSURE
            elif (
                _letters_and_digits(allowed[line][column])
                and field_at(mrz_format, line, column) != "document_code"  # the rules know the codes in use
                and any(rivals.get(other, 0.0) > BLIND_RATIO * share for other in look_alikes(char))
            ):
                reason = DoubtReason.LOOK_ALIKE
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
            by_field.update(check.positions)
            by_field.add(check.digit)
    groups = []
    for check in checks:
        own = list(check.positions)
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


def _weights(check: CheckDigitPlace) -> dict[tuple[int, int], int]:
    """What a change of one unit at each position changes the check digit's sum by: the ICAO weights 7, 3, 1
    in the order of the characters covered, and -1 for the check digit itself (its change must match)."""
    weights = {position: CHECK_WEIGHTS[index % 3] for index, position in enumerate(check.positions)}
    weights[check.digit] = -1
    return weights


def _cancelling_pairs(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    views: Sequence[Sequence[NDArray[np.float64]]],
    every_weights: Sequence[dict[tuple[int, int], int]],
    group: Sequence[tuple[int, int]],
    theirs: Sequence[Mapping[int, str]] = (),
) -> set[tuple[int, int]]:
    """The positions of `group` where the read character and one other of the group each have a rival, not
    unlikely in either view (above BLIND_RATIO of the character, as `CHECK_BLIND` judges one), and the two
    rivals together would pass every check digit that covers either (`every_weights`, one per check digit:
    the field's own and the composite): both misread, every check still passing. Print the recogniser never
    learnt misreads in pairs this way (a 3 read as 8 twice in one date: each counts 5 more, and at the odd
    weights 7, 3 and 1 two fives make ten), each of the pair sure enough to stand alone.

    A character the second reader read there (`theirs`) is a rival too, whatever its share, where our
    recogniser thought it possible at all (SECOND_READER_PLAUSIBLE): a licence line in Liberation Mono read
    A0ZJ0F for AOZJQF (zone DL1 800, stop 40) had its Q at a hundredth of its 0, below BLIND_RATIO, and
    Tesseract read the Q, but the O as 0, so its Q alone failed the check digit and nothing was marked."""
    allowed = position_characters(mrz_format)
    rivals_at: dict[tuple[int, int], list[int]] = {}  # per position, each likely rival's change in value
    for line, column in group:
        if line >= min(len(lines), len(views[0])) or column >= min(len(lines[line]), views[0][line].shape[0]):
            continue
        char = lines[line][column]
        if char not in ALPHABET or _trailing_filler(mrz_format, lines[line], line, column):
            continue  # a K behind the fillers that end a field is no rival (as for CHECK_BLIND)
        rivals: set[str] | None = None
        for view in views:
            share, shares = _shares(view[line][column], allowed[line][column], char)
            likely = {rival for rival, value in shares.items() if value > BLIND_RATIO * share}
            rivals = likely if rivals is None else rivals & likely
        read = theirs[line].get(column) if line < len(theirs) else None
        if (
            read is not None
            and read != char
            and read in allowed[line][column]
            and float(views[0][line][column, ALPHABET.index(read)]) >= SECOND_READER_PLAUSIBLE
        ):
            rivals = (rivals or set()) | {read}
        if char == "O" and (line, column) in correction.number_places(mrz_format):
            # An O in a number stands where the recogniser saw it far likelier than 0 (`correction.ZERO_ODDS`),
            # against numbers holding 0 far more often: the 0 stays its rival however unlikely the recogniser
            # thought it. Two such Os at the weights 7 and 3 pass as two 0s.
            rivals = (rivals or set()) | {"0"}
        changes = [character_value(rival) - character_value(char) for rival in sorted(rivals or ()) if rival in ALPHABET]
        if changes:
            rivals_at[(line, column)] = changes

    def passes(first: tuple[int, int], change: int, second: tuple[int, int], other: int) -> bool:
        return all(
            (weights.get(first, 0) * change + weights.get(second, 0) * other) % 10 == 0
            for weights in every_weights
            if first in weights or second in weights
        )

    out: set[tuple[int, int]] = set()
    positions = sorted(rivals_at)
    for index, first in enumerate(positions):
        for second in positions[index + 1 :]:
            if any(passes(first, a, second, b) for a in rivals_at[first] for b in rivals_at[second]):
                out.update((first, second))
    return out


def _continued_number(mrz_format: MrzFormat, lines: Sequence[str]) -> list[tuple[int, int]]:
    """Where a document number goes on into the optional data (a '<' in its check digit's place, TD1 and
    TD2): the rest of the number and its real check digit, up to the filler that ends them."""
    for spec in CHECK_SPECS[mrz_format]:
        overflow = spec.overflow
        digit_line = lines[spec.digit.line] if spec.digit.line < len(lines) else ""
        if overflow is None or digit_line[spec.digit.start : spec.digit.start + 1] != FILLER:
            continue
        line = lines[overflow.line] if overflow.line < len(lines) else ""
        rest = line[overflow.start : overflow.end].partition(FILLER)[0]
        return [(overflow.line, overflow.start + offset) for offset in range(len(rest))]
    return []


def vouched_texts(mrz_format: MrzFormat, lines: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Per check digit, the positions of the text it vouches for, marked whole when it vouches for none of
    it: its group (`check_groups`), where a number continued into the optional data is the number's whole,
    its real check digit included; fillers that end a field are no text to compare, so they are left out."""
    continued = _continued_number(mrz_format, lines)
    texts = []
    for place, group in zip(check_digit_places(mrz_format), check_groups(mrz_format), strict=True):
        whole = [position for position in group if position not in continued]
        if place.name == "document_number":
            whole += continued
        texts.append([
            (line, column)
            for line, column in whole
            if line < len(lines) and column < len(lines[line]) and lines[line][column] in ALPHABET
            and not _trailing_filler(mrz_format, lines[line], line, column)
        ])  # fmt: skip
    return texts


def _coin_toss(probs: NDArray[np.float64], allowed: str, char: str) -> bool:
    """Whether the recogniser itself (`probs`, its probabilities at one position, among the characters the
    position `allowed`, look-alikes not counted) was unsure of `char`: a close second or spread thin. Where
    the correction's weighing made the character sure (a number's 0 with an O beside it), this is what the
    recogniser saw before."""
    share, rivals = _shares(probs, allowed, char)
    return max(rivals.values(), default=0.0) > CLOSE_RATIO * share or share < SURE_SHARE


def _other_passing(
    every_weights: Sequence[dict[tuple[int, int], int]],
    changes_at: Mapping[tuple[int, int], Sequence[int]],
    among: frozenset[tuple[int, int]],
) -> bool:
    """Whether rivals at some of the positions (`changes_at`: per position, each rival's change in value), one
    of them at least `among` these, pass together every check digit that covers a changed position
    (`every_weights`, one per check digit, as `_weights` gives them): a reading other than the one read that
    the check digits pass as well. Only each sum's remainder by ten counts, so the combinations are counted
    by remainders (at most ten per check digit), not one by one."""
    # Per combination so far: each check digit's change in sum, modulo ten, and whether a position `among`
    # them has changed. A check digit that covers no changed position keeps a change of 0.
    states = {(tuple(0 for _ in every_weights), False)}
    for position, changes in changes_at.items():
        steps = {change % 10 for change in changes}
        states |= {
            (
                tuple((total + weights.get(position, 0) * step) % 10 for total, weights in zip(sums, every_weights, strict=True)),
                counted or position in among,
            )
            for sums, counted in states
            for step in steps
        }
    return any(counted and not any(sums) for sums, counted in states)


def covered_doubts(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    theirs: Sequence[Mapping[int, str]] = (),
) -> tuple[Doubt, ...]:
    """The characters of `lines` at positions a check digit covers that it does not vouch for (see the
    module's note), in two views: the recogniser's probabilities, among all characters, and the same as the
    correction weighs them first, among the characters each position allows (look-alikes counted, and in a
    number most of an O's share given to 0, which numbers hold far more often; an O the correction took by
    its odds instead is judged so too, and where the 0s pass as well it is contested, `correction.correct`).
    A character is unsure, or a rival close, only where both views say so: a 0 the recogniser could not tell
    from an O is sure by the correction's weighing, an O it saw plainly is sure by its own, and a character
    the repair changed was the first choice of neither. The second reader's characters (`theirs`, as `second_reader_doubts` takes
    them) count as rivals for the cancelling pairs whatever their share."""
    allowed = position_characters(mrz_format)
    views = (tuple(probabilities), weighed_probabilities(mrz_format, probabilities))
    out: dict[tuple[int, int], DoubtReason] = {}
    places = check_digit_places(mrz_format)
    groups = check_groups(mrz_format)
    every_weights = tuple(_weights(check) for check in places)
    unsure_in: list[list[tuple[int, int]]] = []  # per check digit's group, its characters unsure in both views
    for group in groups:
        unsure: list[tuple[int, int]] = []
        unsure_in.append(unsure)
        weighed_away: list[tuple[int, int]] = []  # a coin toss the recogniser saw, made sure by the weighing
        changes_at: dict[tuple[int, int], list[int]] = {}  # per unsure position, its rivals' changes in value
        for line, column in group:
            if line >= min(len(lines), len(probabilities)) or column >= probabilities[line].shape[0]:
                continue
            char = lines[line][column] if column < len(lines[line]) else ""
            if not char or char not in ALPHABET:
                continue
            value = character_value(char) % 10
            close, blind = True, True
            coin_toss = _coin_toss(probabilities[line][column], allowed[line][column], char)
            for view, judged_among in zip(views, (ALPHABET, allowed[line][column]), strict=True):
                # A close second, or spread thin (another first: changed by the repair). The recogniser's own
                # view is judged among all characters: a check digit's 8 with 29 % on S (a 3 in a font never
                # learnt) is no sure 8, though S may not stand there; the weighing gives that share to the
                # digit S looks like (5), so both views doubt it. A 0 with O beside it stays sure: the
                # weighing gives the O's share to the 0.
                share, rivals = _shares(view[line][column], judged_among, char)
                close &= max(rivals.values(), default=0.0) > CLOSE_RATIO * share or share < SURE_SHARE
                share, rivals = _shares(view[line][column], allowed[line][column], char)
                rival = max((p for c, p in rivals.items() if character_value(c) % 10 == value), default=0.0)
                blind &= rival > BLIND_RATIO * share
            trailing = _trailing_filler(mrz_format, lines[line], line, column)
            if close or coin_toss:
                (unsure if close else weighed_away).append((line, column))
                if not trailing:  # a K behind a field's fillers is no rival (as for CHECK_BLIND below)
                    likely = set()
                    for view in views:
                        share, rivals = _shares(view[line][column], allowed[line][column], char)
                        likely |= {rival for rival, rival_share in rivals.items() if rival_share > BLIND_RATIO * share}
                    changes_at[(line, column)] = [character_value(rival) - character_value(char) for rival in likely]
            # OCR-B's '<' is half a K, and both count 0. But in the fillers that end a field a letter would
            # be a stray mark, not the field's text: the recogniser's K there is no rival.
            if blind and not trailing:
                out[(line, column)] = DoubtReason.CHECK_BLIND
        if len(unsure) > 1:
            for position in unsure:
                out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
        # The weighing makes a character sure where the recogniser could not tell it from its look-alike (a
        # number's 0 with an O beside it, a 1 with an I), on the premise that the check digit still chooses
        # between them: it does, where that character is all it has to decide. Where another character under
        # it is unsure too (changed by the repair), the check digit decided once for both, and where their
        # rivals, one of the look-alikes' among them, pass it as well, it did not decide (zone TD3 996, stop 42:
        # a number's O, 6 and O in Liberation Mono Bold, O at 0.55 each, read 0, 8 and 0: the weighing made the
        # 0s sure, the repair made the 6 fit them, every check passing; O, 6 and O pass too).
        rivals_of = {p: changes_at[p] for p in (*unsure, *weighed_away) if p in changes_at}
        if unsure and weighed_away and _other_passing(every_weights, rivals_of, frozenset(weighed_away)):
            for position in (*unsure, *weighed_away):
                out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
        for position in _cancelling_pairs(mrz_format, lines, views, every_weights, group, theirs):
            out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
    # The composite answers for its own characters (its digit, a TD1's optional data) only through the fields
    # it covers: where a field's check digit does not vouch for the field, the composite passing vouches for
    # nothing of its own either, and one unsure character of its own is in doubt. A passport in Liberation
    # Mono Bold (zone TD3 840, stop 41) had its number read wrongly in three places that pass the number's
    # check digit (marked); the composite, read 0 rightly, then failed, and the repair made it an 8 that
    # passes with the wrong number: a wrong character nothing marked.
    for place, group, unsure in zip(places, groups, unsure_in, strict=True):
        fields = set(place.positions) - set(group)
        if place.name == "composite" and any(position in out for position in fields):
            for position in unsure:
                out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
    # A second pass, once every group's marks are known: a continued number's rest was judged in the
    # composite's group, which comes last.
    for text in vouched_texts(mrz_format, lines):
        # Two characters in doubt under one check digit: it cannot say the rest of what it covers is right
        # either (a wrong character read surely beside them passes with them one time in ten).
        if sum(position in out for position in text) > 1:
            for position in text:
                out.setdefault(position, DoubtReason.CHECK_BY_CHANCE)
    return tuple(
        Doubt(line, column, lines[line][column], reason, field_at(mrz_format, line, column))
        for (line, column), reason in sorted(out.items())
    )


def reading_doubts(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    second: Sequence[Doubt] = (),
    cells: Sequence[NDArray[np.float32]] = (),
    theirs: Sequence[Mapping[int, str]] = (),
) -> tuple[Doubt, ...]:
    """All that is in doubt in a reading: the rules' doubts, the `second` reader's (`second_reader_reading`;
    before the recogniser's, which may call a character it took unsure: the second reader says why), the
    recogniser's unsure characters, those that look more like another character of the zone's own print
    (`own_print_doubts`, where the reading's `cells` are given) and the covered characters their check digit
    does not vouch for. Where the issuer leaves letters out of its numbers, the recogniser's shares are first
    taken as `issuer_weighed` gives them."""
    probabilities = issuer_weighed(mrz_format, lines, probabilities)
    return merge_doubts(
        rule_doubts(mrz_format, lines),
        second,
        unsure_characters(mrz_format, lines, probabilities),
        own_print_doubts(mrz_format, lines, cells),
        covered_doubts(mrz_format, lines, probabilities, theirs),
        second_reader_look_alike_doubts(mrz_format, lines, probabilities, theirs),
    )


def issuer_weighed(
    mrz_format: MrzFormat, lines: Sequence[str], probabilities: Sequence[NDArray[np.float64]]
) -> tuple[NDArray[np.float64], ...]:
    """The recogniser's probabilities, where the issuer of this passport or identity card leaves letters out
    of its document numbers (`domain.mrz.rules.ISSUER_NUMBER_LETTERS`), with no share on such a letter in the
    number: a look-alike's share given to its digit (O, D and Q to 0, I to 1, Z to 2, S to 5, G to 6, B to 8),
    any other's dropped. Real print's 0 and O are nearly alike to the recogniser (a German card's 0s at 0.54
    with the O at 0.45), and two 0s whose Os would cancel out in the check digit's sum put the whole number in
    doubt (`_cancelling_pairs`), though that issuer prints no O. A letter the issuer does not use that the
    reading holds is the rules' doubt (`NUMBER_LETTER_UNUSED`), and unsure here."""
    issued = _issuer_used(mrz_format, lines)
    if not issued:
        return tuple(probabilities)
    out = [row.copy() for row in probabilities]
    for (line, column), used in issued.items():
        if line >= len(out) or column >= out[line].shape[0]:
            continue
        row = out[line]
        for digit, letter in DIGIT_LOOK_ALIKES:
            if letter not in used:
                row[column, ALPHABET.index(digit)] += row[column, ALPHABET.index(letter)]
        row[column, [index for index, char in enumerate(ALPHABET) if char not in used]] = 0.0
    return tuple(out)


def _issuer_used(mrz_format: MrzFormat, lines: Sequence[str]) -> dict[tuple[int, int], str]:
    """Per place of a document number whose issuer leaves letters out (`issuer_number_characters`), every
    character the issuer uses there; empty for any other document."""
    numbered = issuer_number_characters(mrz_format, lines)
    if numbered is None:
        return {}
    number, used = numbered
    return {(number.line, column): used for column in range(number.start, number.end)}


# --- the zone's own print -----------------------------------------------------------------------------------
#
# Where no check digit covers a character and its place allows letters and digits both (a visa's optional
# data), the recogniser's sureness is all that vouches for it, and on a font it never learnt it is sure of the
# odd wrong character (Liberation Mono's O read as 0, a C as G, a 9 as 0, README "The zone's own print"). The
# zone itself prints many characters whose identity is vouched for otherwise: digits under a passing check
# digit, the letters of names and codes. A glyph printed by the same printer in the same font looks most like
# the other prints of its own character there, whatever the font. So a judged character is in doubt
# (`LOOK_ALIKE`: it looks like another character, and no check digit covers it) where the nearest print of
# another character in the zone is clearly nearer than the nearest print of its own (below), or as near as
# an identical print of its own (two characters printed alike, one of them misread). Without a print of its
# own in the zone there is nothing to compare: it is left to the recogniser. The same holds under a check digit that passes (a document number): there a
# character unlike its own prints means the digit passes by a pair of misreads that cancel out (a FreeMono
# Bold passport's Q and O read O and 0), so the digit vouches for none of its text (`CHECK_BY_CHANCE`).
#
# "As near" needs a margin where a character has one or two prints of its own: two prints of one character
# differ by their place in the grid and the paper under them, and a print of a like character (OCR-B's 3 and
# 5, E and B, 0 and G) may come as near by chance. Nearer a rival by a fifth at least, then: the misread
# glyphs of the tuning zones were 0.10 to 0.49 of their own prints' distance from the rival's, the readings
# right that a bare comparison marked (generated documents in the learnt fonts, stop 37) 0.94 to 0.99.
OWN_PRINT_RATIO = 0.8


def _centred(cells: NDArray[np.float32]) -> NDArray[np.float64]:
    """Cells (n, height*width) as images (n, height, width), each moved so that its ink's centre of mass is
    in the middle. The cut's grid places a glyph a pixel or three off its cell's centre, and by fractions of a
    pixel: moved by whole pixels only, two prints of one letter (Liberation Mono's D) differed more than the D
    from an O; moved by the fraction too (bilinear), a third as much."""
    images = cells.reshape((-1, *CELL_SIZE)).astype(np.float64)
    out = np.zeros_like(images)
    rows, columns = np.indices(CELL_SIZE)
    for index, image in enumerate(images):
        total = float(image.sum())
        if total > 0:
            down = (CELL_SIZE[0] - 1) / 2 - float((rows * image).sum()) / total
            right = (CELL_SIZE[1] - 1) / 2 - float((columns * image).sum()) / total
            out[index] = _moved(image, down, right)
    return out


def _moved(image: NDArray[np.float64], down: float, right: float) -> NDArray[np.float64]:
    """`image` moved `down` and `right` pixels (negative: up, left; fractions by bilinear interpolation), the
    uncovered edge left blank: ink moved out of the cell is dropped, none wraps around."""
    whole_down, whole_right = math.floor(down), math.floor(right)
    part_down, part_right = down - whole_down, right - whole_right
    out = np.zeros_like(image)
    for dy, weight_y in ((whole_down, 1 - part_down), (whole_down + 1, part_down)):
        for dx, weight_x in ((whole_right, 1 - part_right), (whole_right + 1, part_right)):
            out += weight_y * weight_x * _moved_whole(image, dy, dx)
    return out


def _moved_whole(image: NDArray[np.float64], dy: int, dx: int) -> NDArray[np.float64]:
    """`image` moved by whole pixels, less than its size (a centre of mass lies inside the cell)."""
    height, width = image.shape
    out = np.zeros_like(image)
    out[max(dy, 0) : height + min(dy, 0), max(dx, 0) : width + min(dx, 0)] = image[
        max(-dy, 0) : height + min(-dy, 0), max(-dx, 0) : width + min(-dx, 0)
    ]
    return out


def _unvouched(mrz_format: MrzFormat, lines: Sequence[str]) -> set[tuple[int, int]]:
    """The positions under a check digit that fails (its field and itself): nothing vouches for them."""
    return {
        position
        for check in check_digit_places(mrz_format)
        if not correction.passes(check, lines)
        for position in (*check.positions, check.digit)
    }


def _prints(lines: Sequence[str], unvouched: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The positions of the zone's prints that others are compared with: all but the `unvouched`."""
    return [(line, column) for line, text in enumerate(lines) for column in range(len(text)) if (line, column) not in unvouched]


def own_print_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], cells: Sequence[NDArray[np.float32]]
) -> tuple[Doubt, ...]:
    """The characters at places that allow letters and digits both (fillers included: a letter lost to a
    '<' ends the data short) whose glyph in `cells` (per line, the reading's cut cells) is nearer another
    character's print in the zone than any print of its own, by OWN_PRINT_RATIO (see above): where no check digit covers
    it, the character (`LOOK_ALIKE`); under a check digit that passes, all the text it vouches for
    (`vouched_texts`, `CHECK_BY_CHANCE`). The zone's other characters are the prints compared with, those of a
    failing check digit (its field and itself) left out, and not judged: nothing vouches for them, and the
    clerk is told the check fails."""
    if len(cells) != len(lines) or any(line.shape[0] != len(text) for line, text in zip(cells, lines, strict=True)):
        return ()
    covered = covered_positions(mrz_format)
    allowed = position_characters(mrz_format)
    unvouched = _unvouched(mrz_format, lines)
    judged = [
        (line, column)
        for line, text in enumerate(lines)
        for column in range(len(text))
        if (line, column) not in unvouched
        and _letters_and_digits(allowed[line][column])
        and field_at(mrz_format, line, column) != "document_code"  # the rules know the codes in use
    ]
    if not judged:
        return ()
    prints = _prints(lines, unvouched)
    images = {line: _centred(line_cells) for line, line_cells in enumerate(cells)}
    stack = np.stack([images[line][column] for line, column in prints])
    chars = np.array([lines[line][column] for line, column in prints])
    texts = vouched_texts(mrz_format, lines)
    issued = _issuer_used(mrz_format, lines)
    out: dict[tuple[int, int], DoubtReason] = {}
    for line, column in judged:
        char = lines[line][column]
        others = np.array([position != (line, column) for position in prints])
        distances = np.sqrt(((stack - images[line][column]) ** 2).sum(axis=(1, 2)))
        own = others & (chars == char)
        # A print of a letter the issuer never puts in its numbers is no rival there (`issuer_weighed`).
        used = issued.get((line, column))
        rival = others & (chars != char) & np.array([used is None or other in used for other in chars.tolist()])
        if own.any() and rival.any() and float(distances[rival].min()) <= OWN_PRINT_RATIO * float(distances[own].min()):
            if (line, column) in covered:
                # Its check digit passes with this character: were it the other, another character under
                # the digit would be wrong too, in a pair that cancels out. The digit vouches for none of
                # the text it is part of (a continued number's rest: the number's; a filler that ends a
                # field: its check digit's).
                for text in [text for text in texts if (line, column) in text] or [
                    text for group, text in zip(check_groups(mrz_format), texts, strict=True) if (line, column) in group
                ]:
                    out.update(dict.fromkeys(text, DoubtReason.CHECK_BY_CHANCE))
                out[(line, column)] = DoubtReason.CHECK_BY_CHANCE  # a filler that ends the field too
            else:
                out[(line, column)] = DoubtReason.LOOK_ALIKE
    return tuple(
        Doubt(line, column, lines[line][column], reason, field_at(mrz_format, line, column))
        for (line, column), reason in sorted(out.items())
    )


# Where no check digit covers a character (a visa's optional data), and under check digits where every check
# still passes with it (`own_print_reading`), the zone's own print may also choose: a
# glyph at most OWN_PRINT_TAKEN as far from the nearest print of another character as from the nearest of its
# own, and that near print as near as two prints of one character commonly are in this zone (at most
# SAME_PRINT_SPREAD times the median distance from each print to the nearest other print of its character),
# is a print of that character, whatever the recogniser made of it (`own_print_reading`). Set on the visas of
# the unseen-font zones 816-1067 (504 visas, stop 42): of their 63 wrong characters in the optional data, 19
# so put right (Noto Sans Mono's O read 0 beside the Os of the names, 0.13-0.28 of its distance from the 0s;
# FreeMono Bold's F read P), 2 changed to another wrong character (marked all the same), no right one
# changed; at 0.8 (OWN_PRINT_RATIO, which only marks) two right ones were, at 3 times the spread no more were
# put right. A character with no print of its own in the zone is left to the recogniser: with nothing to
# compare it with, a near print of another character (a lone M beside the Ns of the names) is no proof.
OWN_PRINT_TAKEN = 0.5
SAME_PRINT_SPREAD = 2.0
# Prints read as one character and at most this many times the spread apart are kin (`_print_kin`).
KIN_SPREAD = 1.0


def _print_distances(
    lines: Sequence[str], cells: Sequence[NDArray[np.float32]], prints: Sequence[tuple[int, int]]
) -> tuple[NDArray[np.float64], NDArray[np.str_]]:
    """The distances between every two of the `prints` (their glyphs centred; infinite from a print to itself),
    and the character each is read as."""
    images = {line: _centred(line_cells) for line, line_cells in enumerate(cells)}
    flat = np.stack([images[line][column] for line, column in prints]).reshape(len(prints), -1)
    squares = (flat**2).sum(axis=1)
    # |a - b|^2 = |a|^2 + |b|^2 - 2ab: the pairs' distances without an array of every pair's cells (30 MB).
    distances = np.sqrt(np.maximum(squares[:, None] + squares[None, :] - 2 * flat @ flat.T, 0.0))
    np.fill_diagonal(distances, np.inf)
    return distances, np.array([lines[line][column] for line, column in prints])


def _same_print_spread(distances: NDArray[np.float64], chars: NDArray[np.str_]) -> float | None:
    """How near two prints of one character commonly are in this zone (the font, the printer and the cut
    decide it): the median distance from each print to the nearest other print of its character, fillers
    left out; None where no character is printed twice."""
    nearest_own = [
        float(distances[index][chars == char].min())
        for index, char in enumerate(chars)
        if char != FILLER and int((chars == char).sum()) > 1
    ]
    return float(np.median(nearest_own)) if nearest_own else None


def _print_kin(distances: NDArray[np.float64], chars: NDArray[np.str_], near: float) -> NDArray[np.int_]:
    """Per print, its kin: the prints read as the same character that are `near` it, and theirs in turn (one
    number for each such group). A glyph misread alike twice (a number's two Os read 0, zone MRV-B 1198 in
    Liberation Mono Bold, stop 43) is nearest its twin: compared with every other print read as its character,
    each vouched for the other, and the zone's real 0s, three times as far, were never asked. Its own prints
    are the others of its character, its kin left out."""
    kin = np.arange(len(chars))
    for first, second in zip(*np.nonzero(distances <= near), strict=True):
        if chars[first] == chars[second] and kin[first] != kin[second]:
            kin[kin == kin[second]] = kin[first]
    return kin


def own_print_reading(
    mrz_format: MrzFormat, lines: Sequence[str], cells: Sequence[NDArray[np.float32]]
) -> tuple[tuple[str, ...], tuple[Doubt, ...]]:
    """The reading with characters taken from the zone's own print where it says plainly which character a
    glyph is (see OWN_PRINT_TAKEN), and a mark (`LOOK_ALIKE`) on each character so taken: the recogniser read
    otherwise, and only the clerk's look at the document settles it.

    Where no check digit covers a character, at places that allow letters and digits both (a visa's optional
    data), it is taken as the print says. Under check digits, what the print says is taken together, per check
    digit (the positions it alone answers for, `check_groups`; or all of them at once), and only where every
    check digit that passed still passes with it: a number read 0 for O, 8 for 3, in pairs that cancel out in
    the digit (Liberation Mono), reads as printed when the print says so of both. The prints compared with are
    those `own_print_doubts` compares with; names, codes and the sex are left to the recogniser and the rules."""
    lines = tuple(lines)
    if len(cells) != len(lines) or any(line.shape[0] != len(text) for line, text in zip(cells, lines, strict=True)):
        return lines, ()
    checks = check_digit_places(mrz_format)
    covered = covered_positions(mrz_format)
    allowed = position_characters(mrz_format)
    prints = _prints(lines, _unvouched(mrz_format, lines))
    judged = [
        (line, column)
        for line, column in prints
        if lines[line][column] != FILLER
        and ((line, column) in covered or _letters_and_digits(allowed[line][column]))
        and field_at(mrz_format, line, column) != "document_code"
    ]
    if not judged:
        return lines, ()
    distances, chars = _print_distances(lines, cells, prints)
    spread = _same_print_spread(distances, chars)
    if spread is None:
        return lines, ()

    kin = _print_kin(distances, chars, KIN_SPREAD * spread)

    def plainly(index: int, witnesses: NDArray[np.bool_]) -> str | None:
        """The character the print at `index` plainly is a print of, by the `witnesses`, if not its own."""
        char = chars[index]
        own = (chars == char) & (kin != kin[index])
        rival = (chars != char) & (chars != FILLER) & witnesses
        if not own.any() or not rival.any():
            return None
        nearest = int(np.argmin(np.where(rival, distances[index], np.inf)))
        near = float(distances[index, nearest])
        if near <= OWN_PRINT_TAKEN * float(distances[index][own].min()) and near <= SAME_PRINT_SPREAD * spread:
            return str(chars[nearest])
        return None

    # A print that plainly looks like another character is no witness for its own: two Os printed alike, one
    # read 0, would each say the other is misread.
    everyone = np.ones(len(prints), dtype=np.bool_)
    witnesses = np.array([char == FILLER or plainly(index, everyone) is None for index, char in enumerate(chars)])
    printed: dict[tuple[int, int], str] = {}  # what the print says, where it says it plainly
    issued = _issuer_used(mrz_format, lines)
    for line, column in judged:
        other = plainly(prints.index((line, column)), witnesses)
        if other is not None and other in issued.get((line, column), allowed[line][column]):
            printed[(line, column)] = other
    text = [list(line) for line in lines]
    taken = {position: char for position, char in printed.items() if position not in covered}
    passing = [check for check in checks if correction.passes(check, lines)]
    under_checks = {position: char for position, char in printed.items() if position in covered}
    for change in (under_checks, *({p: under_checks[p] for p in group if p in under_checks} for group in check_groups(mrz_format))):
        if not change or change.keys() <= taken.keys():
            continue
        candidate = [list(line) for line in text]
        for (line, column), char in {**taken, **change}.items():
            candidate[line][column] = char
        if all(correction.passes(check, candidate) for check in passing):
            taken.update(change)
    for (line, column), char in taken.items():
        text[line][column] = char
    marks = tuple(
        Doubt(line, column, char, DoubtReason.LOOK_ALIKE, field_at(mrz_format, line, column))
        for (line, column), char in sorted(taken.items())
    )
    return tuple("".join(line) for line in text), marks


# A repaired character the zone's own print vouches for: its glyph at least UNLIKE_OWN_PRINT as far from every
# print in the zone of the character the recogniser read there as a print there commonly is from the nearest
# print of another character (the median). Set on the three licence lines in Noto Sans Mono whose O the
# recogniser read 0 and the repair made O again (zones DL1 1132, 1216, 1234, stop 43): 0.80 to 0.89 of it from
# the zone's 0s, which are 0.15 to 0.20 of it from each other. Measured by two prints of one character instead,
# a zone whose like prints are pixel for pixel the same (a clean digital rendering) would make any glyph "far".
UNLIKE_OWN_PRINT = 0.5


def own_print_vouches(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    cells: Sequence[NDArray[np.float32]],
    read: Mapping[tuple[int, int], str],
    repaired: Collection[tuple[int, int]] = (),
) -> bool:
    """Whether the zone's own print vouches for a repair: each place of `read` (with what the recogniser read
    there first) now holds a look-alike of what was read (O for 0), and its glyph is plainly no print of what
    was read, being far (UNLIKE_OWN_PRINT, above) from every other print of that character in the zone. Those
    prints must stand for the character: two of them look alike (as near each other as two prints of one
    character commonly are there, SAME_PRINT_SPREAD), or else none may be a misread look-alike the check digits
    would pass as well. One alone may itself be a misread: an O read 0 beside a 0 read 0 and repaired to O, the
    real 0 then "far" from it, passes the check digit as the truth does where the two have the same weight (a
    helper's review, stop 43). The `repaired` places are no prints of what they hold and are left out.

    A licence line has one check digit, which passes a repair to a look-alike by chance one time in ten; so a
    repair needs a witness (`stages.witnessed`). Tesseract's general model tells O from 0 no better than ours,
    and read the Os of licence lines in Noto Sans Mono as 0s; their 0s elsewhere in the line showed that the
    repaired glyph was no 0. The repair that gets a line wrong changes a character the recogniser read right,
    a glyph as near its like prints as they are to each other: a line the repair made `ZJ0C` for `ZJQC` (zone
    DL1 1132) had no other Q to compare with, and is refused."""
    if not read or len(cells) != len(lines):
        return False
    if any(line.shape[0] != len(text) for line, text in zip(cells, lines, strict=True)):
        return False
    prints = [(line, column) for line, text in enumerate(lines) for column in range(len(text))]
    distances, chars = _print_distances(lines, cells, prints)
    spread = _same_print_spread(distances, chars)
    if spread is None or len(set(chars.tolist())) < 2:
        return False
    apart = float(np.median([distances[index][chars != char].min() for index, char in enumerate(chars)]))
    trusted = np.array([position not in repaired and position not in read for position in prints])
    for position, first in read.items():
        line, column = position
        if lines[line][column] not in look_alikes(first):
            return False
        like_first = (chars == first) & trusted
        if not like_first.any():
            return False
        if float(distances[prints.index(position)][like_first].min()) < UNLIKE_OWN_PRINT * apart:
            return False
        if not (distances[np.ix_(like_first, like_first)] <= SAME_PRINT_SPREAD * spread).any() and _swap_passes(
            mrz_format, lines, position, first, [prints[index] for index in np.flatnonzero(like_first)]
        ):
            return False
    return True


def _swap_passes(
    mrz_format: MrzFormat, lines: Sequence[str], position: tuple[int, int], first: str, others: Sequence[tuple[int, int]]
) -> bool:
    """Whether the line with `first` back at `position` and one of the `others` (prints read as `first`) made one
    of its look-alikes passes every check digit too: the repair and that swap explain the print as well."""
    for other in others:
        for alike in look_alikes(first):
            text = [list(line) for line in lines]
            text[position[0]][position[1]] = first
            text[other[0]][other[1]] = alike
            if all(correction.passes(check, text) for check in check_digit_places(mrz_format)):
                return True
    return False


def contested_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], contested: Collection[tuple[int, int]]
) -> tuple[Doubt, ...]:
    """Every character a check digit covers, and the digit, where it covers a contested place (a licence line
    taken as read where the correction read it otherwise, `stages.Reading.contested`): it passes with either
    reading there, and so vouches for none of what it covers, however sure the recogniser was."""
    marked: set[tuple[int, int]] = set()
    for check in check_digit_places(mrz_format):
        if any(position in contested for position in check.positions):
            marked.update((*check.positions, check.digit))
    return tuple(
        Doubt(line, column, lines[line][column], DoubtReason.CHECK_BY_CHANCE, field_at(mrz_format, line, column))
        for line, column in sorted(marked)
    )


# The least probability our recogniser must have given the second reader's character for a difference to
# count. Tesseract's general model misreads OCR-B in its own ways (an I as L, a 9 as I in a clean visa), and
# there ours, trained on OCR-B, gave its character millionths or less; where ours misread print it never
# learnt, surely, it still gave the printed character thousandths to tenths (Liberation Mono's 3 read as 8:
# 0.0026 to 0.35). A round order of magnitude between the two, set on the unseen-font zones 168-239 and the
# real tuning samples (README, "A second reader", stop 36), measured on zones never drawn before.
SECOND_READER_PLAUSIBLE = 1e-3


def second_reader_look_alike_doubts(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    theirs: Sequence[Mapping[int, str]],
) -> tuple[Doubt, ...]:
    """Where no check digit covers a character and its place allows letters and digits both (a visa's
    optional data), the characters the second reader read otherwise, as OCR-B draws them: its character or
    one of that character's look-alikes, our recogniser giving one of them SECOND_READER_PLAUSIBLE or more.
    Tesseract's general model tells OCR-B's look-alikes apart no better than ours (`second_reader_reading`
    takes none of them), so its 6 says G as much as 6: a visa in Liberation Mono Bold (zone MRVA 947, stop 41)
    whose optional data's G ours read 0 (G at 0.021) and Tesseract 6 (ours giving 6 nothing) passed unmarked.
    A look-alike of ours' own character is no other reading (Tesseract's O for ours' 0)."""
    covered = covered_positions(mrz_format)
    allowed = position_characters(mrz_format)
    out: list[Doubt] = []
    for line, chars in enumerate(theirs[: min(len(lines), len(probabilities))]):
        for column, char in sorted(chars.items()):
            if (line, column) in covered or column >= min(len(lines[line]), probabilities[line].shape[0]):
                continue
            ours = lines[line][column]
            if FILLER in (char, ours) or not _letters_and_digits(allowed[line][column]):
                continue
            rivals = ({char} | look_alikes(char)) - {ours} - look_alikes(ours)
            if any(
                rival in allowed[line][column]
                and float(probabilities[line][column, ALPHABET.index(rival)]) >= SECOND_READER_PLAUSIBLE
                for rival in rivals
            ):
                out.append(Doubt(line, column, ours, DoubtReason.SECOND_READER, field_at(mrz_format, line, column)))
    return tuple(out)


def second_reader_doubts(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    theirs: Sequence[Mapping[int, str]],
) -> tuple[Doubt, ...]:
    """The characters a second reader of the same region (Tesseract, `stages.second_reading`: per line, its
    character at each position of ours that it lines up with) read otherwise, where its reading would do as
    well as ours: its character may stand there, our recogniser thought it possible (at least
    SECOND_READER_PLAUSIBLE), and put in our reading's place it passes every check digit and breaks no rule
    that ours keeps. There the recogniser's sureness is all that chose, and the recogniser
    is sure of its odd misread in print it never learnt (Liberation Mono's flat-topped 3 read surely as 8 or
    S, in pairs whose changes cancel out in the check digits), where Tesseract, which learnt many fonts,
    reads it right.

    Under a check digit the second reader's characters are put in together, per check digit (the positions
    it alone answers for, `check_groups`): one of them alone would fail where two cancel out. A difference
    that fails a check, or makes a country code unknown or a date impossible, is the second reader's misread
    and no doubt. The filler is left out either way: Tesseract's general model reads '<' as K or X and drops
    and adds fillers, which is its weakness, not ours. But for the sex field, where '<' is a value and an M or
    F for it is no miscounted run (`_sex_value`).
    """
    return tuple(
        sorted(
            Doubt(line, column, lines[line][column], DoubtReason.SECOND_READER, field_at(mrz_format, line, column))
            for group in _second_reader_groups(mrz_format, lines, probabilities, theirs)
            for line, column in group
        )
    )


# Where our recogniser gave the second reader's character at least this much, Tesseract's reading is taken
# (`second_reader_reading`), still marked: both pass, so one must be chosen for the clerk to confirm, and on
# print our recogniser never learnt, sure of a wrong 8 while it gave the printed 3 a tenth or more, Tesseract
# is the better judge. Not between OCR-B's look-alikes (O and 0, 2 and Z: `LOOK_ALIKE_GROUPS`), where
# Tesseract's general model is no better than ours. Set on the unseen-font zones 168-239 and the real tuning
# samples: of 517 readings, 12 more exact and none lost (README, "A second reader").
SECOND_READER_TAKEN = 0.1
# Where the second reader's characters are covered by a check digit and pass it as ours do, that digit did not
# choose between the readings, and Tesseract is the judge whatever ours gave its characters (at least
# SECOND_READER_PLAUSIBLE, or they are no difference at all). So in groups (Liberation Mono's 3s read as 8s
# in a number and in its check digit, the same glyph misread the same way twice), and so alone: one character
# that passes where ours passes too is a change the digit is blind to (P and F, 25 and 15; 8 and S, 8 and 28).
# On the unseen-font zones 420-563 (1008 zones, stop 39) every such group (34, look-alikes aside) was
# Tesseract's right reading, ours giving its characters 0.002 to 0.85; at a twentieth (stop 38) the four with
# one below it stayed misread. Over 564-671 (756 zones, stop 40) every covered single (13, look-alikes aside,
# ours giving Tesseract's character 0.005 to 0.46; FreeMono Bold's F read P in 8) was Tesseract's right
# reading; the three where Tesseract was wrong ours gave its character less than SECOND_READER_PLAUSIBLE.
SECOND_READER_TAKEN_COVERED = SECOND_READER_PLAUSIBLE
# Nor did our recogniser choose where it gave its own character less than half (each character of a group so,
# or one alone): its sureness, which the tenth weighs, is not there to weigh (the sex field's '<' where ours
# saw a P in FreeMono Bold's F and no P may stand there; Liberation Mono's G read O at 0.00). Over 564-671,
# every difference of a single character where ours gave its own less than half was Tesseract's right
# reading (10, covered or not), and from half up ours was right in some (a J of a visa's optional data,
# 0.71). Groups were not logged so; one such is an ID card's country TUR read TCA, ours giving C and A less
# than half (tests/integration/test_mrz_reader.py).
SECOND_READER_OURS_UNSURE = 0.5


def second_reader_reading(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    theirs: Sequence[Mapping[int, str]],
    *,
    today: date | None = None,
) -> tuple[tuple[str, ...], tuple[Doubt, ...]]:
    """The reading with the second reader's characters taken where `second_reader_doubts` marks them, our
    recogniser gave each at least SECOND_READER_TAKEN (SECOND_READER_TAKEN_COVERED where a check digit covers
    them, or where ours gave its own character less than SECOND_READER_OURS_UNSURE) and none is a look-alike
    of ours; and the marks, on
    the characters as taken. Every check digit passes as it did: each group taken passes them alone, and
    what it changes in the composite is a multiple of ten, as every other's is; and no group is taken that
    would break a rule beside those taken before it.

    Where our characters break a rule that theirs keep (an expiry further ahead of `today` than documents
    are issued for: 2086 where the second reader read 2036), the rule decides between the two readings, not
    our recogniser's sureness: their group is taken however little ours gave it, as both pass the check
    digits and only theirs is a document as documents are issued. It stays marked all the same."""
    taken = tuple(lines)
    ruled = _ruled_positions(mrz_format, taken, today)
    checked = covered_positions(mrz_format)
    for group in _second_reader_groups(mrz_format, lines, probabilities, theirs):
        text = [list(line) for line in taken]
        for (line, column), char in group.items():
            text[line][column] = char
        candidate = tuple("".join(line) for line in text)
        # Each group passed the rules beside our reading; beside the groups taken before it must still.
        now_ruled = _ruled_positions(mrz_format, candidate, today)
        if not now_ruled <= ruled:
            continue
        settles_a_rule = now_ruled < ruled  # fewer positions a rule questions, and none new
        least = SECOND_READER_TAKEN_COVERED if group.keys() <= checked else SECOND_READER_TAKEN
        # (Every character of a group was given at least SECOND_READER_PLAUSIBLE: it is no difference else.)
        if settles_a_rule or all(
            (
                float(probabilities[line][column, ALPHABET.index(char)]) >= least
                or float(probabilities[line][column, ALPHABET.index(lines[line][column])]) < SECOND_READER_OURS_UNSURE
            )
            and char not in look_alikes(lines[line][column])
            for (line, column), char in group.items()
        ):
            taken, ruled = candidate, now_ruled
    marks = tuple(
        Doubt(doubt.line, doubt.column, taken[doubt.line][doubt.column], doubt.reason, doubt.field)
        for doubt in second_reader_doubts(mrz_format, lines, probabilities, theirs)
    )
    return taken, marks


def _ruled_positions(mrz_format: MrzFormat, lines: Sequence[str], today: date | None) -> set[tuple[int, int]]:
    """The positions a rule questions: the rules of the text alone, and where `today` is known, those of the
    day (an expiry too far ahead)."""
    dated = dated_doubts(mrz_format, lines, today=today) if today is not None else ()
    return {(doubt.line, doubt.column) for doubt in (*rule_doubts(mrz_format, lines), *dated)}


# The most characters of one field the second reader may differ in for its parts to be tried (`accepted`):
# a reading that differs in more is a misread of the field, not one character's, and the parts to try grow
# as two to the power of the count.
MOST_PARTED = 6


def _sex_value(mrz_format: MrzFormat, line: int, column: int, pair: str) -> bool:
    """Whether a difference between a filler and a letter counts: only in the sex field, where '<' is a value
    (unspecified, as X is) and a letter read for it by either reader no filler miscounted in a run; M or F,
    since Tesseract's general model reads a filler as K or X (FreeMono Bold's F read '<' by ours, whose P may
    not stand there: 3 of 3 read F by Tesseract over zones 564-671)."""
    return field_at(mrz_format, line, column) == "sex" and set(pair) - {FILLER} <= {"M", "F"}


def _second_reader_groups(
    mrz_format: MrzFormat,
    lines: Sequence[str],
    probabilities: Sequence[NDArray[np.float64]],
    theirs: Sequence[Mapping[int, str]],
) -> list[dict[tuple[int, int], str]]:
    """The second reader's differing characters that would do as well as ours (`second_reader_doubts`), in
    the groups they go in together: per check digit, or one alone where none covers it."""
    allowed = position_characters(mrz_format)
    others: dict[tuple[int, int], str] = {}
    for line, chars in enumerate(theirs[: min(len(lines), len(probabilities))]):
        for column, char in chars.items():
            if column < min(len(lines[line]), probabilities[line].shape[0]):
                ours = lines[line][column]
                if (
                    char != ours
                    and (FILLER not in (char, ours) or _sex_value(mrz_format, line, column, char + ours))
                    and char in allowed[line][column]
                    and float(probabilities[line][column, ALPHABET.index(char)]) >= SECOND_READER_PLAUSIBLE
                ):
                    others[(line, column)] = char
    checks = check_digit_places(mrz_format)
    covered = covered_positions(mrz_format)

    def by_field(positions: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        fields: dict[str | None, list[tuple[int, int]]] = {}
        for line, column in positions:
            fields.setdefault(field_at(mrz_format, line, column), []).append((line, column))
        return list(fields.values())

    def fits(group: list[tuple[int, int]]) -> bool:
        text = [list(line) for line in lines]
        for line, column in group:
            text[line][column] = others[(line, column)]
        if not all(correction.passes(check, text) for check in checks):
            return False  # a check digit tells the two readings apart, and it chose ours
        # Theirs must break no rule (an unknown country code, an impossible date); where ours does too, its
        # mark stands.
        broken = {(doubt.line, doubt.column) for doubt in rule_doubts(mrz_format, ["".join(line) for line in text])}
        return not any(position in broken for position in group)

    def accepted(group: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """The group whole where it fits; else its largest part that fits, where only one part of that size
        does; else its fields, each whole where it fits; else a field's characters one by one. A misread of
        Tesseract's in one character must not cancel what it read with it under the check digit (Liberation
        Mono's two 3s of a visa's number, read as 8s by ours and rightly by Tesseract, whose 0 for the
        number's O failed the check digit with them); where several parts of a size fit, the check digit
        chose none of them. Nor a misread in one field (or one letter of a country code) what it read in
        others: the composite alone answers for several fields (a TD1's optional data, most of the French
        card)."""
        if fits(group):
            return [group]
        for size in range(len(group) - 1, 1, -1) if len(group) <= MOST_PARTED else ():
            fitting = [list(part) for part in itertools.combinations(group, size) if fits(list(part))]
            if len(fitting) == 1:
                return fitting
            if fitting:
                break
        fields = by_field(group)
        if len(fields) > 1:
            return [part for field in fields for part in accepted(field)]
        return [[position] for position in group if fits([position])] if len(group) > 1 else []

    parts: list[list[tuple[int, int]]] = []
    for check_group in check_groups(mrz_format):
        group = [position for position in check_group if position in others]
        if group:
            parts.extend(accepted(group))
    # Where no check digit covers, a field is judged whole first: its rules (a country code on the list) are.
    for field in by_field([position for position in sorted(others) if position not in covered]):
        parts.extend(accepted(field))
    return [{position: others[position] for position in part} for part in parts]
