"""Live feedback while an MRZ is typed: which format it is becoming, and each check digit's state as soon as
the characters it covers are there, so the clerk sees a typing error at the digit rather than at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from borgerservice_desk.domain.mrz.checks import CHECK_SPECS, CheckState, evaluate
from borgerservice_desk.domain.mrz.layouts import (
    FR_START,
    LICENCE_CODE_LETTERS,
    MRZ_CHARACTERS,
    PASSPORT_CODE_LETTERS,
    VISA_CODE_LETTERS,
    MrzFormat,
)
from borgerservice_desk.domain.mrz.parsing import clean_mrz_text, is_french_id


@dataclass(frozen=True)
class LiveCheck:
    """One check digit of the format being typed: `line` and `column` (from 0) are where its digit sits."""

    field: str  # "document_number", "birth_date", "expiry_date", "optional_data", "composite", "licence"
    line: int
    column: int
    state: CheckState


@dataclass(frozen=True)
class LiveChecks:
    """What `live_checks` makes of text being typed."""

    format: MrzFormat | None  # the format guessed so far; None before anything was typed
    line_lengths: tuple[int, ...]  # the length each line of that format must have
    lines: tuple[str, ...]  # the lines as cleaned (upper case, no blanks), which the columns refer to
    checks: tuple[LiveCheck, ...]  # every check digit of the format, in the order of the MRZ
    invalid_characters: tuple[tuple[int, int], ...]  # (line, column) of each character outside A-Z 0-9 <

    @property
    def complete(self) -> bool:
        """Every line typed to its length, and no more lines than the format has."""
        return self.format is not None and tuple(len(line) for line in self.lines) == self.line_lengths

    @property
    def all_ok(self) -> bool:
        return self.complete and not self.invalid_characters and all(c.state is CheckState.OK for c in self.checks)


def live_checks(text: str) -> LiveChecks:
    """The check digits of an MRZ while it is typed, for feedback at each digit. Pure; never raises.

    The format is guessed from the first letter and the lines so far: 'P' is a passport, 'V' a visa (MRV-A
    until a first line of exactly 36 is followed by a second), one line starting 'D' a driving licence, and
    anything else a TD1 card while its first line fits 30, then TD2, then TD3. A first line starting 'IDFRA'
    is a French card of the pre-2021 layout (FRCNI), unless it ends at 30 and a second line follows (the
    French TD1 card of 2021) or both lines are typed and the TD2 check digits fit better (`is_french_id`).
    """
    lines = clean_mrz_text(text)
    invalid = tuple(
        (number, column)
        for number, line in enumerate(lines)
        for column, char in enumerate(line)
        if char not in MRZ_CHARACTERS
    )
    mrz_format = _guess_format(lines)
    if mrz_format is None:
        return LiveChecks(None, (), lines, (), invalid)
    checks = tuple(LiveCheck(spec.name, *_flip(evaluate(spec, lines))) for spec in CHECK_SPECS[mrz_format])
    return LiveChecks(mrz_format, mrz_format.line_lengths, lines, checks, invalid)


def _flip(result: tuple[CheckState, int, int]) -> tuple[int, int, CheckState]:
    state, line, column = result
    return line, column, state


def _guess_format(lines: Sequence[str]) -> MrzFormat | None:
    if not lines:
        return None
    first = lines[0][0]
    if first in LICENCE_CODE_LETTERS and len(lines) == 1:
        return MrzFormat.DL1
    options: tuple[MrzFormat, ...]
    if lines[0].startswith(FR_START):
        whole = len(lines) == 2 and all(len(line) == MrzFormat.FRCNI.line_length for line in lines)
        if whole and not is_french_id(lines):
            return MrzFormat.TD2
        if not whole and len(lines) > 1 and len(lines[0]) == MrzFormat.TD1.line_length:
            return MrzFormat.TD1
        options = (MrzFormat.FRCNI, MrzFormat.TD2, MrzFormat.TD3)
    elif first in VISA_CODE_LETTERS:
        options = tuple(f for f in MrzFormat if f.code_letters == VISA_CODE_LETTERS)
    elif first in PASSPORT_CODE_LETTERS:
        options = tuple(f for f in MrzFormat if f.code_letters == PASSPORT_CODE_LETTERS)
    else:
        options = (MrzFormat.TD1, MrzFormat.TD2, MrzFormat.TD3)
    for option in options:
        if _fits(option, lines):
            return option
    # Too long or too many lines for every candidate: keep the roomiest, so the clerk sees what is over.
    return max(options, key=lambda option: (option.line_count >= len(lines), option.line_length))


def _fits(mrz_format: MrzFormat, lines: Sequence[str]) -> bool:
    """Whether `lines` can still become this format: every line but the last complete, none too long."""
    if len(lines) > mrz_format.line_count:
        return False
    *done, last = lines
    return all(len(line) == mrz_format.line_length for line in done) and len(last) <= mrz_format.line_length
