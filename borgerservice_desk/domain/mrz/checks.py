"""Check digits: how one is computed, where each of a format's sits and what it covers, and how one is judged
over lines that may be only partly typed.

Every check digit of every format, DL1 included, is one `CheckSpec` made from the layouts; the parser
(`parsing`), the live feedback while typing (`live_checks`) and the scanner's repair of doubtful characters
(`check_digit_places`) all use the same ones.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from borgerservice_desk.domain.mrz.layouts import (
    DL1_CHECK,
    FILLER,
    FR_BIRTH_DATE,
    FR_BIRTH_DATE_CHECK,
    FR_COMPOSITE,
    FR_COMPOSITE_CHECK,
    FR_NUMBER,
    FR_NUMBER_CHECK,
    LAYOUTS,
    Field,
    MrzFormat,
    Span,
)

CHECK_WEIGHTS = (7, 3, 1)  # ICAO 9303: the weight of each covered character, in turn


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of `field` (weights 7, 3, 1; A-Z = 10-35, '<' = 0; modulus 10).

    Raises ValueError for a character outside A-Z, 0-9 and '<': a silent wrong digit would be worse.
    """
    total = 0
    for position, char in enumerate(field):
        total += character_value(char) * CHECK_WEIGHTS[position % 3]
    return str(total % 10)


def character_value(char: str) -> int:
    """What one character counts in a check digit: 0-9 as themselves, A-Z as 10-35, '<' as 0.

    The weights (7, 3, 1) are prime to the modulus 10, so a check digit tells two characters apart only
    where their values differ by other than a multiple of 10: S (28) and 8, G (16) and 6, P (25) and F
    count the same, and a misread of one for the other passes.
    Raises ValueError for a character outside A-Z, 0-9 and '<'.
    """
    if char.isdigit() and char.isascii():
        return int(char)
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 10
    if char == FILLER:
        return 0
    raise ValueError(f"not an MRZ character: {char!r}")


@dataclass(frozen=True)
class CheckSpec:
    """One check digit: what it covers and where it sits."""

    name: str
    covers: tuple[Field, ...]
    digit: Field
    # TD3's personal number: an empty field may carry '<' instead of a digit (ICAO 9303 part 4, 4.2.2.2).
    filler_when_empty: bool = False
    # TD1/TD2 document number: a '<' as its check digit sends the number on into this field, where the rest
    # of the number ends with its check digit and a filler (ICAO 9303 parts 5 and 6).
    overflow: Field | None = None


def _check_specs(mrz_format: MrzFormat) -> tuple[CheckSpec, ...]:
    if mrz_format is MrzFormat.DL1:
        return (CheckSpec("licence", (Field(0, 0, DL1_CHECK.start),), DL1_CHECK),)
    if mrz_format is MrzFormat.FRCNI:
        # No expiry in this MRZ, so no expiry check digit: the composite covers everything before it.
        return (
            CheckSpec("document_number", (FR_NUMBER,), FR_NUMBER_CHECK),
            CheckSpec("birth_date", (FR_BIRTH_DATE,), FR_BIRTH_DATE_CHECK),
            CheckSpec("composite", FR_COMPOSITE, FR_COMPOSITE_CHECK),
        )
    layout = LAYOUTS[mrz_format]
    specs = [
        CheckSpec(
            "document_number",
            (layout.document_number,),
            layout.document_number_check,
            overflow=layout.optional_data[0] if layout.long_numbers else None,
        ),
        CheckSpec("birth_date", (layout.birth_date,), layout.birth_date_check),
        CheckSpec("expiry_date", (layout.expiry_date,), layout.expiry_date_check),
    ]
    if layout.optional_data_check is not None:
        specs.append(
            CheckSpec("optional_data", (layout.optional_data[0],), layout.optional_data_check, filler_when_empty=True)
        )
    if layout.composite_check is not None:
        specs.append(CheckSpec("composite", layout.composite, layout.composite_check))
    return tuple(specs)


CHECK_SPECS: dict[MrzFormat, tuple[CheckSpec, ...]] = {mrz_format: _check_specs(mrz_format) for mrz_format in MrzFormat}


@dataclass(frozen=True)
class CheckDigitPlace:
    """Where one check digit sits and what it covers, for code that works on positions (the scanner's
    repair of doubtful characters) rather than on parsed fields."""

    name: str
    covers: tuple[Span, ...]
    digit: tuple[int, int]  # (line, column)
    filler_allowed: bool  # '<' in the digit's place is valid (an empty field, or a number continued)

    @property
    def positions(self) -> tuple[tuple[int, int], ...]:
        """Every (line, column) the digit covers, in order (not the digit's own place)."""
        return tuple((line, column) for line, start, end in self.covers for column in range(start, end))


_PLACES: dict[MrzFormat, tuple[CheckDigitPlace, ...]] = {
    mrz_format: tuple(
        CheckDigitPlace(
            spec.name,
            tuple(field.span for field in spec.covers),
            (spec.digit.line, spec.digit.start),
            spec.filler_when_empty or spec.overflow is not None,
        )
        for spec in specs
    )
    for mrz_format, specs in CHECK_SPECS.items()
}


def check_digit_places(mrz_format: MrzFormat) -> tuple[CheckDigitPlace, ...]:
    """The format's check digits in the order of the MRZ (the composite, where there is one, last)."""
    return _PLACES[mrz_format]


class CheckState(enum.StrEnum):
    """A check digit while the MRZ is being typed."""

    PENDING = "pending"  # not every character it covers (or the digit itself) has been typed yet
    OK = "ok"
    BAD = "bad"


def _typed(lines: Sequence[str], field: Field) -> str | None:
    """The field's characters, or None while not all of them have been typed."""
    if field.line >= len(lines) or len(lines[field.line]) < field.end:
        return None
    return field.read(lines)


def _digit_matches(covered: str, digit: str) -> CheckState:
    try:
        return CheckState.OK if check_digit(covered) == digit else CheckState.BAD
    except ValueError:  # a character outside the MRZ set: no digit can vouch for it
        return CheckState.BAD


def evaluate(spec: CheckSpec, lines: Sequence[str]) -> tuple[CheckState, int, int]:
    """The state of one check digit over (possibly partly typed) lines, and the line and column of its digit."""
    where = (spec.digit.line, spec.digit.start)
    digit = _typed(lines, spec.digit)
    if spec.overflow is not None and digit == FILLER:
        return _evaluate_long_number(spec, spec.overflow, lines)
    parts = [_typed(lines, field) for field in spec.covers]
    if digit is None or any(part is None for part in parts):
        return CheckState.PENDING, *where
    covered = "".join(part for part in parts if part is not None)
    if spec.filler_when_empty and digit == FILLER and covered.strip(FILLER) == "":
        return CheckState.OK, *where
    return _digit_matches(covered, digit), *where


def _evaluate_long_number(spec: CheckSpec, overflow: Field, lines: Sequence[str]) -> tuple[CheckState, int, int]:
    line = lines[overflow.line] if overflow.line < len(lines) else ""
    typed = line[overflow.start : overflow.end]
    rest, filler, _ = typed.partition(FILLER)
    if not filler and len(typed) < overflow.end - overflow.start:
        # The number's end (a filler) has not been typed yet.
        return CheckState.PENDING, overflow.line, overflow.start + max(len(rest) - 1, 0)
    if not rest:
        # '<' as check digit but nothing carried over: the digit is simply missing.
        return CheckState.BAD, spec.digit.line, spec.digit.start
    principal = "".join(field.read(lines) for field in spec.covers)
    state = _digit_matches(principal + rest[:-1], rest[-1])
    return state, overflow.line, overflow.start + len(rest) - 1
