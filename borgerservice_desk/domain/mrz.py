"""Machine readable zones: ICAO Doc 9303 (parts 3 to 7) and the one-line EU driving licence (ISO/IEC 18013-3).

Parsing never trusts what it reads: a failing check digit is recorded in `MrzDocument.checks`, not raised,
because the clerk must see *which* field is wrong (and OCR output is often slightly off). Only input that is
not an MRZ at all (wrong shape, foreign characters) raises a coded `InvalidInput`.

Formats and where their fields sit (columns counted from 1):

- TD3 passport, 2 x 44; TD2 card, 2 x 36; TD1 card, 3 x 30 (ICAO 9303 parts 4 to 6).
- MRV-A visa, 2 x 44 (part 7): line 1 is 'V', type, issuing state (3) and the name (39); line 2 is the number
  (9) and its check digit, nationality (3), birth date (6) and check digit, sex, expiry (6) and check digit,
  and optional data in columns 29-44 (16). Unlike TD3 there is no personal-number check digit and no
  composite check digit.
- MRV-B visa, 2 x 36 (part 7): as MRV-A with a 31-character name and 8 characters of optional data (29-36).
- DL1, the EU driving licence with a chip, 1 x 30 (ISO/IEC 18013-3 as used by the EU licence):
  column 1 'D'; 2 the basic access protection (BAP) configuration; 3-5 the issuing country (a 1-3 character
  code padded with '<', e.g. "NLD" or "D<<"); 6 the version; 7-16 the licence number (10, padded with '<');
  17-29 optional (random) data; 30 a check digit (7-3-1) over columns 1-29. No name, no dates.

The ICAO layouts live in one table (`_Layout`); every check digit of every format, DL1 included, is one
`_CheckSpec`, which both `parse_mrz` and the live feedback while typing (`live_checks`) use.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from borgerservice_desk.errors import InvalidInput

FILLER = "<"
MRZ_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<")
_WEIGHTS = (7, 3, 1)

# Codes states use for residence permits and cards; ICAO leaves the second letter to the issuer, so this is
# the list seen in practice (EU uniform residence permit "IR", German "AR", ...), not a rule from 9303.
RESIDENCE_CARD_CODES = frozenset({"AR", "IR", "RT", "RP", "RE", "RF", "IT"})


def check_digit(field: str) -> str:
    """The ICAO 9303 check digit of `field` (weights 7, 3, 1; A-Z = 10-35, '<' = 0; modulus 10).

    Raises ValueError for a character outside A-Z, 0-9 and '<': a silent wrong digit would be worse.
    """
    total = 0
    for position, char in enumerate(field):
        if char.isdigit() and char.isascii():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - ord("A") + 10
        elif char == FILLER:
            value = 0
        else:
            raise ValueError(f"not an MRZ character: {char!r}")
        total += value * _WEIGHTS[position % 3]
    return str(total % 10)


class MrzFormat(enum.StrEnum):
    TD1 = "TD1"  # ID cards, residence cards: 3 lines of 30
    TD2 = "TD2"  # older ID cards: 2 lines of 36
    TD3 = "TD3"  # passports: 2 lines of 44
    MRVA = "MRVA"  # visa type A: 2 lines of 44
    MRVB = "MRVB"  # visa type B: 2 lines of 36
    DL1 = "DL1"  # EU driving licence with a chip: 1 line of 30

    @property
    def line_count(self) -> int:
        return _SHAPES[self][0]

    @property
    def line_length(self) -> int:
        return _SHAPES[self][1]


class DocumentKind(enum.StrEnum):
    """What the document is, as far as the identity check cares."""

    PASSPORT = "passport"
    ID_CARD = "id_card"
    RESIDENCE_CARD = "residence_card"
    DRIVING_LICENCE = "driving_licence"
    VISA = "visa"
    OTHER = "other"


@dataclass(frozen=True)
class MrzDocument:
    """One parsed MRZ. Text fields have their fillers removed; `lines` keeps the MRZ exactly as parsed.

    A driving licence line (DL1) holds no name, nationality, sex or dates: those are "", "", "X" and None.
    """

    format: MrzFormat
    document_code: str  # "P", "I", "ID", "AR", "V", "D" (DL1), ...
    issuing_country: str  # code as printed, fillers removed ("DNK", "D" for Germany)
    surname: str
    given_names: str
    document_number: str  # for DL1 the licence number
    nationality: str
    birth_date: date | None  # None when the MRZ holds no valid date (unknown day, OCR error, DL1, ...)
    sex: str  # "M", "F" or "X" (unspecified)
    expiry_date: date | None
    optional_data: str
    lines: tuple[str, ...]
    checks: tuple[tuple[str, bool], ...]  # (field, check digit valid), in the order of the MRZ

    @property
    def all_check_digits_pass(self) -> bool:
        return all(valid for _, valid in self.checks)

    @property
    def failed_checks(self) -> tuple[str, ...]:
        return tuple(name for name, valid in self.checks if not valid)

    @property
    def document_kind(self) -> DocumentKind:
        if self.format is MrzFormat.DL1:
            return DocumentKind.DRIVING_LICENCE
        return document_kind_of(self.document_code)

    @property
    def has_holder_data(self) -> bool:
        """False for a driving licence line: it names no one, so it cannot identify its holder alone."""
        return self.format is not MrzFormat.DL1

    @property
    def number_last4(self) -> str:
        """What a receipt may show of the number: never the whole of it."""
        return self.document_number[-4:]

    @property
    def names_may_be_truncated(self) -> bool:
        """True when the name field is filled to its last position, so the issuer may have cut the names.

        Only then may a name read from the MRZ be shorter than the holder's real name.
        """
        layout = _LAYOUTS.get(self.format)
        if layout is None or len(self.lines) != layout.line_count:
            return False
        return not layout.name.read(self.lines).endswith(FILLER)

    @property
    def surname_may_be_truncated(self) -> bool:
        """True only when the names were cut inside the surname: with the separator '<<' in the field, the
        surname before it is whole however full the field is."""
        if not self.names_may_be_truncated:
            return False
        return FILLER * 2 not in _LAYOUTS[self.format].name.read(self.lines)


def document_kind_of(document_code: str) -> DocumentKind:
    """The kind an ICAO document code stands for ("P" passport, "V" visa, "AR" residence card, ...)."""
    code = document_code.strip(FILLER).upper()
    if not code:
        return DocumentKind.OTHER
    if code in RESIDENCE_CARD_CODES:
        return DocumentKind.RESIDENCE_CARD
    if code[0] == "P":
        return DocumentKind.PASSPORT
    if code[0] == "V":
        return DocumentKind.VISA
    if code[0] in "IAC":
        return DocumentKind.ID_CARD
    return DocumentKind.OTHER


# --- layouts ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    line: int
    start: int
    end: int  # exclusive

    def read(self, lines: Sequence[str]) -> str:
        return lines[self.line][self.start : self.end]


@dataclass(frozen=True)
class _Layout:
    """Where the fields of an ICAO format (TD1, TD2, TD3, MRV-A, MRV-B) sit."""

    line_count: int
    line_length: int
    document_code: _Field
    issuing_country: _Field
    name: _Field
    document_number: _Field
    document_number_check: _Field
    nationality: _Field
    birth_date: _Field
    birth_date_check: _Field
    sex: _Field
    expiry_date: _Field
    expiry_date_check: _Field
    optional_data: tuple[_Field, ...]
    optional_data_check: _Field | None  # TD3 only: the personal number's own check digit
    composite: tuple[_Field, ...]  # what the composite check digit covers, in order
    composite_check: _Field | None  # visas have none
    # TD1 and TD2 (parts 5 and 6): a number longer than 9 characters goes on in the first optional field.
    long_numbers: bool


_TD1 = _Layout(
    line_count=3,
    line_length=30,
    document_code=_Field(0, 0, 2),
    issuing_country=_Field(0, 2, 5),
    document_number=_Field(0, 5, 14),
    document_number_check=_Field(0, 14, 15),
    optional_data=(_Field(0, 15, 30), _Field(1, 18, 29)),
    optional_data_check=None,
    birth_date=_Field(1, 0, 6),
    birth_date_check=_Field(1, 6, 7),
    sex=_Field(1, 7, 8),
    expiry_date=_Field(1, 8, 14),
    expiry_date_check=_Field(1, 14, 15),
    nationality=_Field(1, 15, 18),
    composite=(_Field(0, 5, 30), _Field(1, 0, 7), _Field(1, 8, 15), _Field(1, 18, 29)),
    composite_check=_Field(1, 29, 30),
    name=_Field(2, 0, 30),
    long_numbers=True,
)


def _two_line_layout(length: int, *, visa: bool = False) -> _Layout:
    """TD2, TD3, MRV-B and MRV-A share their layout up to the end of the expiry date's check digit.

    After it, TD3 has the personal number (14) with its check digit and the composite check digit, TD2 the
    optional data (7) and the composite check digit, and a visa only optional data to the end of the line.
    """
    last = length - 1
    has_personal_number_check = length == 44 and not visa
    if visa:
        optional_end = length
    else:
        optional_end = last - 1 if has_personal_number_check else last
    return _Layout(
        line_count=2,
        line_length=length,
        document_code=_Field(0, 0, 2),
        issuing_country=_Field(0, 2, 5),
        name=_Field(0, 5, length),
        document_number=_Field(1, 0, 9),
        document_number_check=_Field(1, 9, 10),
        nationality=_Field(1, 10, 13),
        birth_date=_Field(1, 13, 19),
        birth_date_check=_Field(1, 19, 20),
        sex=_Field(1, 20, 21),
        expiry_date=_Field(1, 21, 27),
        expiry_date_check=_Field(1, 27, 28),
        optional_data=(_Field(1, 28, optional_end),),
        optional_data_check=_Field(1, optional_end, last) if has_personal_number_check else None,
        composite=() if visa else (_Field(1, 0, 10), _Field(1, 13, 20), _Field(1, 21, last)),
        composite_check=None if visa else _Field(1, last, length),
        long_numbers=length == 36 and not visa,
    )


_LAYOUTS: dict[MrzFormat, _Layout] = {
    MrzFormat.TD1: _TD1,
    MrzFormat.TD2: _two_line_layout(36),
    MrzFormat.TD3: _two_line_layout(44),
    MrzFormat.MRVA: _two_line_layout(44, visa=True),
    MrzFormat.MRVB: _two_line_layout(36, visa=True),
}

# The EU driving licence line (see the module docstring), columns counted from 0 here.
_DL1_LENGTH = 30
_DL1_CODE = _Field(0, 0, 1)
_DL1_CONFIGURATION = _Field(0, 1, 2)
_DL1_COUNTRY = _Field(0, 2, 5)
_DL1_VERSION = _Field(0, 5, 6)
_DL1_NUMBER = _Field(0, 6, 16)
_DL1_OPTIONAL = _Field(0, 16, 29)
_DL1_CHECK = _Field(0, 29, 30)

_SHAPES: dict[MrzFormat, tuple[int, int]] = {
    **{mrz_format: (layout.line_count, layout.line_length) for mrz_format, layout in _LAYOUTS.items()},
    MrzFormat.DL1: (1, _DL1_LENGTH),
}


@dataclass(frozen=True)
class _CheckSpec:
    """One check digit: what it covers and where it sits."""

    name: str
    covers: tuple[_Field, ...]
    digit: _Field
    # TD3's personal number: an empty field may carry '<' instead of a digit (ICAO 9303 part 4, 4.2.2.2).
    filler_when_empty: bool = False
    # TD1/TD2 document number: a '<' as its check digit sends the number on into this field, where the rest
    # of the number ends with its check digit and a filler (ICAO 9303 parts 5 and 6).
    overflow: _Field | None = None


def _check_specs(mrz_format: MrzFormat) -> tuple[_CheckSpec, ...]:
    if mrz_format is MrzFormat.DL1:
        return (_CheckSpec("licence", (_Field(0, 0, _DL1_CHECK.start),), _DL1_CHECK),)
    layout = _LAYOUTS[mrz_format]
    specs = [
        _CheckSpec(
            "document_number",
            (layout.document_number,),
            layout.document_number_check,
            overflow=layout.optional_data[0] if layout.long_numbers else None,
        ),
        _CheckSpec("birth_date", (layout.birth_date,), layout.birth_date_check),
        _CheckSpec("expiry_date", (layout.expiry_date,), layout.expiry_date_check),
    ]
    if layout.optional_data_check is not None:
        specs.append(
            _CheckSpec("optional_data", (layout.optional_data[0],), layout.optional_data_check, filler_when_empty=True)
        )
    if layout.composite_check is not None:
        specs.append(_CheckSpec("composite", layout.composite, layout.composite_check))
    return tuple(specs)


_CHECK_SPECS: dict[MrzFormat, tuple[_CheckSpec, ...]] = {mrz_format: _check_specs(mrz_format) for mrz_format in MrzFormat}

Span = tuple[int, int, int]  # (line, start, end), end exclusive


@dataclass(frozen=True)
class CheckDigitPlace:
    """Where one check digit sits and what it covers, for code that works on positions (the scanner's
    repair of doubtful characters) rather than on parsed fields."""

    name: str
    covers: tuple[Span, ...]
    digit: tuple[int, int]  # (line, column)
    filler_allowed: bool  # '<' in the digit's place is valid (an empty field, or a number continued)


def optional_data_spans(mrz_format: MrzFormat) -> tuple[Span, ...]:
    """Where the optional data is: a Danish passport's holds the holder's full CPR number."""
    if mrz_format is MrzFormat.DL1:
        return ((_DL1_OPTIONAL.line, _DL1_OPTIONAL.start, _DL1_OPTIONAL.end),)
    return tuple((f.line, f.start, f.end) for f in _LAYOUTS[mrz_format].optional_data)


def mask_personal_numbers(lines: Sequence[str]) -> tuple[str, ...]:
    """The lines with any CPR number in them masked (last four digits "XXXX"), each line as long as before.

    For lines of a known format only runs starting in the optional data are masked; for lines of no known
    shape (a misread) every CPR-looking run is, wherever it is.
    """
    from borgerservice_desk.domain.cpr import mask_cpr_runs

    cleaned = tuple(lines)
    try:
        mrz_format = _detect_format(cleaned)
    except InvalidInput:
        return tuple(mask_cpr_runs(line) for line in cleaned)
    masked = []
    for number, line in enumerate(cleaned):
        starts = [
            start
            for span_line, first, end in optional_data_spans(mrz_format)
            if span_line == number
            for start in range(first, end)
        ]
        masked.append(mask_cpr_runs(line, starts=starts))
    return tuple(masked)


def check_digit_places(mrz_format: MrzFormat) -> tuple[CheckDigitPlace, ...]:
    return tuple(
        CheckDigitPlace(
            spec.name,
            tuple((field.line, field.start, field.end) for field in spec.covers),
            (spec.digit.line, spec.digit.start),
            spec.filler_when_empty or spec.overflow is not None,
        )
        for spec in _CHECK_SPECS[mrz_format]
    )


def name_and_country_spans(mrz_format: MrzFormat) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Where the names and the country codes (issuing state, nationality) are: fields no check digit covers."""
    if mrz_format is MrzFormat.DL1:
        return (), ((_DL1_COUNTRY.line, _DL1_COUNTRY.start, _DL1_COUNTRY.end),)
    layout = _LAYOUTS[mrz_format]
    name = ((layout.name.line, layout.name.start, layout.name.end),)
    countries = tuple((f.line, f.start, f.end) for f in (layout.issuing_country, layout.nationality))
    return name, countries


class CheckState(enum.StrEnum):
    """A check digit while the MRZ is being typed."""

    PENDING = "pending"  # not every character it covers (or the digit itself) has been typed yet
    OK = "ok"
    BAD = "bad"


def _typed(lines: Sequence[str], field: _Field) -> str | None:
    """The field's characters, or None while not all of them have been typed."""
    if field.line >= len(lines) or len(lines[field.line]) < field.end:
        return None
    return field.read(lines)


def _digit_matches(covered: str, digit: str) -> CheckState:
    try:
        return CheckState.OK if check_digit(covered) == digit else CheckState.BAD
    except ValueError:  # a character outside the MRZ set: no digit can vouch for it
        return CheckState.BAD


def _evaluate(spec: _CheckSpec, lines: Sequence[str]) -> tuple[CheckState, int, int]:
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


def _evaluate_long_number(spec: _CheckSpec, overflow: _Field, lines: Sequence[str]) -> tuple[CheckState, int, int]:
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


# --- parsing ---------------------------------------------------------------------------------------------


def clean_mrz_text(text: str) -> tuple[str, ...]:
    """Split typed, scanned or keyboard-wedge input into MRZ lines: any line break, no blanks, upper case."""
    lines = ("".join(line.split()).upper() for line in text.strip().splitlines())
    return tuple(line for line in lines if line)


def parse_mrz(text: str, *, today: date) -> MrzDocument:
    """Parse an MRZ given as text (lines separated by CR, LF or CRLF).

    `today` decides the century of the birth date. Check digit failures are recorded, never raised.
    Raises InvalidInput "mrz.invalid_characters" or "mrz.unrecognised_format".
    """
    lines = clean_mrz_text(text)
    _require_mrz_characters(lines)
    mrz_format = _detect_format(lines)
    if mrz_format is MrzFormat.DL1:
        return _parse_dl1(lines)
    return _parse_lines(mrz_format, lines, today=today)


def _require_mrz_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        bad = sorted({char for char in line if char not in MRZ_CHARACTERS})
        if bad:
            raise InvalidInput("mrz.invalid_characters", line=number, characters="".join(bad))


def _detect_format(lines: Sequence[str]) -> MrzFormat:
    """The shape decides, and the first letter where shapes are shared: 'V' makes a 2 x 44 an MRV-A rather
    than a passport and a 2 x 36 an MRV-B rather than a TD2 card; one line of 30 must start with 'D'."""
    shape = (len(lines), tuple(len(line) for line in lines))
    visa = bool(lines) and lines[0].startswith("V")
    for mrz_format, (count, length) in _SHAPES.items():
        if shape != (count, (length,) * count):
            continue
        if mrz_format is MrzFormat.DL1 and not lines[0].startswith("D"):
            continue
        if mrz_format in (MrzFormat.MRVA, MrzFormat.MRVB) and not visa:
            continue
        if mrz_format in (MrzFormat.TD2, MrzFormat.TD3) and visa:
            continue
        return mrz_format
    raise InvalidInput(
        "mrz.unrecognised_format", line_count=len(lines), line_lengths=tuple(len(line) for line in lines)
    )


def _checks(mrz_format: MrzFormat, lines: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    return tuple((spec.name, _evaluate(spec, lines)[0] is CheckState.OK) for spec in _CHECK_SPECS[mrz_format])


def _parse_lines(mrz_format: MrzFormat, lines: tuple[str, ...], *, today: date) -> MrzDocument:
    layout = _LAYOUTS[mrz_format]

    def read(field: _Field) -> str:
        return field.read(lines)

    surname, given_names = _split_name(read(layout.name))
    number = read(layout.document_number)
    optional_fields = [read(field) for field in layout.optional_data]
    if layout.long_numbers and read(layout.document_number_check) == FILLER:
        number, _, optional_fields[0] = _join_long_number(number, optional_fields[0])

    return MrzDocument(
        format=mrz_format,
        document_code=read(layout.document_code).strip(FILLER),
        issuing_country=read(layout.issuing_country).strip(FILLER),
        surname=surname,
        given_names=given_names,
        document_number=number.replace(FILLER, ""),
        nationality=read(layout.nationality).strip(FILLER),
        birth_date=parse_birth_date(read(layout.birth_date), today=today),
        sex=_parse_sex(read(layout.sex)),
        expiry_date=parse_expiry_date(read(layout.expiry_date)),
        optional_data=" ".join(part for part in (field.strip(FILLER) for field in optional_fields) if part),
        lines=lines,
        checks=_checks(mrz_format, lines),
    )


def _parse_dl1(lines: tuple[str, ...]) -> MrzDocument:
    return MrzDocument(
        format=MrzFormat.DL1,
        document_code=_DL1_CODE.read(lines),
        issuing_country=_DL1_COUNTRY.read(lines).strip(FILLER),
        surname="",
        given_names="",
        document_number=_DL1_NUMBER.read(lines).replace(FILLER, ""),
        nationality="",
        birth_date=None,
        sex="X",
        expiry_date=None,
        optional_data=_DL1_OPTIONAL.read(lines).strip(FILLER),
        lines=lines,
        checks=_checks(MrzFormat.DL1, lines),
    )


def parse_dl1(text: str) -> MrzDocument:
    """Parse text that must be one driving licence line (DL1); anything else raises InvalidInput
    "mrz.invalid_characters" or "mrz.not_a_licence_line" (params: line_count, line_lengths)."""
    lines = clean_mrz_text(text)
    _require_mrz_characters(lines)
    if len(lines) != 1 or len(lines[0]) != _DL1_LENGTH or not lines[0].startswith("D"):
        raise InvalidInput(
            "mrz.not_a_licence_line", line_count=len(lines), line_lengths=tuple(len(line) for line in lines)
        )
    return _parse_dl1(lines)


def dl1_configuration(document: MrzDocument) -> tuple[str, str]:
    """(BAP configuration, version) of a DL1 line: the two single characters around the country."""
    if document.format is not MrzFormat.DL1:
        raise ValueError(f"not a driving licence line: {document.format}")
    return _DL1_CONFIGURATION.read(document.lines), _DL1_VERSION.read(document.lines)


def _join_long_number(principal: str, optional: str) -> tuple[str, str, str]:
    """Return (full number, its check digit, what is left of the optional field)."""
    overflow, _, rest = optional.partition(FILLER)
    if not overflow:
        return principal, FILLER, optional
    return principal + overflow[:-1], overflow[-1], rest


# --- live feedback while typing --------------------------------------------------------------------------


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
    anything else a TD1 card while its first line fits 30, then TD2, then TD3.
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
    checks = tuple(LiveCheck(spec.name, *_flip(_evaluate(spec, lines))) for spec in _CHECK_SPECS[mrz_format])
    return LiveChecks(mrz_format, (mrz_format.line_length,) * mrz_format.line_count, lines, checks, invalid)


def _flip(result: tuple[CheckState, int, int]) -> tuple[int, int, CheckState]:
    state, line, column = result
    return line, column, state


def _guess_format(lines: Sequence[str]) -> MrzFormat | None:
    if not lines:
        return None
    first = lines[0][0]
    if first == "D" and len(lines) == 1:
        return MrzFormat.DL1
    options: tuple[MrzFormat, ...]
    if first == "V":
        options = (MrzFormat.MRVA, MrzFormat.MRVB)
    elif first == "P":
        options = (MrzFormat.TD3,)
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


def _split_name(field: str) -> tuple[str, str]:
    primary, _, secondary = field.partition(FILLER * 2)
    return _name_words(primary), _name_words(secondary)


def _name_words(part: str) -> str:
    return " ".join(part.replace(FILLER, " ").split())


def _parse_sex(char: str) -> str:
    return char if char in ("M", "F") else "X"


def _yymmdd(value: str, century: int) -> date | None:
    if len(value) != 6 or not (value.isascii() and value.isdigit()):  # not '²' or '٩': int() reads those
        return None
    try:
        return date(century + int(value[:2]), int(value[2:4]), int(value[4:]))
    except ValueError:
        return None


def parse_birth_date(value: str, *, today: date) -> date | None:
    """YYMMDD as a birth date: the latest century that does not put the birth after `today`."""
    this_century = today.year // 100 * 100
    candidate = _yymmdd(value, this_century)
    if candidate is not None and candidate <= today:
        return candidate
    # 29 February may exist in one century and not in the other, so the earlier one is parsed afresh.
    return _yymmdd(value, this_century - 100)


def parse_expiry_date(value: str) -> date | None:
    """YYMMDD as an expiry date: always 20YY (no document in use expired before 2000)."""
    return _yymmdd(value, 2000)


# --- composing -------------------------------------------------------------------------------------------

_TRANSLITERATION = {"Æ": "AE", "Ø": "OE", "Å": "AA", "ß": "SS", "Þ": "TH", "Ð": "D", "Ł": "L", "Œ": "OE"}


def transliterate(text: str) -> str:
    """Latin text as MRZ characters: Danish letters spelled out, accents dropped, separators as fillers.

    Apostrophes vanish and hyphens and spaces become '<' as ICAO 9303 part 3 asks; anything else that has
    no MRZ spelling is dropped.
    """
    out: list[str] = []
    for char in text.upper():
        if char in _TRANSLITERATION:
            out.append(_TRANSLITERATION[char])
            continue
        if char in MRZ_CHARACTERS:
            out.append(char)
            continue
        if char.isspace() or char in "-‐‑–,.":
            out.append(FILLER)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append("".join(c for c in base if c in MRZ_CHARACTERS))
    return "".join(out)


def _name_field(surname: str, given_names: str, length: int) -> str:
    primary = _squeeze_fillers(transliterate(surname))
    secondary = _squeeze_fillers(transliterate(given_names))
    field = primary + FILLER * 2 + secondary if secondary else primary
    # Plain truncation cuts the given names first, which keeps the surname whole whenever it fits.
    return _pad(field[:length], length)


def _squeeze_fillers(text: str) -> str:
    return FILLER.join(word for word in text.split(FILLER) if word)


def _pad(text: str, length: int) -> str:
    return text + FILLER * (length - len(text))


def _fixed(value: str, length: int, what: str) -> str:
    """A field that must fit as given (codes, numbers): refusing beats silently cutting a number."""
    text = transliterate(value)
    if len(text) > length:
        raise ValueError(f"{what} {value!r} is longer than {length} characters")
    return _pad(text, length)


def _date_field(value: date) -> str:
    return value.strftime("%y%m%d")


def _sex_field(sex: str) -> str:
    upper = sex.upper()
    if upper in ("M", "F"):
        return upper
    if upper in ("X", FILLER, ""):
        return FILLER
    raise ValueError(f"sex must be M, F or X, not {sex!r}")


def _fields(
    mrz_format: MrzFormat,
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str,
) -> tuple[str, ...]:
    layout = _LAYOUTS[mrz_format]
    lines = [[FILLER] * layout.line_length for _ in range(layout.line_count)]

    def put(field: _Field, value: str) -> None:
        assert len(value) == field.end - field.start, (field, value)
        lines[field.line][field.start : field.end] = list(value)

    def width(field: _Field) -> int:
        return field.end - field.start

    def get(field: _Field) -> str:
        return "".join(lines[field.line][field.start : field.end])

    put(layout.document_code, _fixed(document_code, 2, "document code"))
    put(layout.issuing_country, _fixed(issuing_country, 3, "issuing country"))
    put(layout.name, _name_field(surname, given_names, width(layout.name)))

    number = transliterate(document_number).replace(FILLER, "")
    optional_first = transliterate(optional_data)
    if len(number) > 9 and layout.long_numbers:
        put(layout.document_number, number[:9])
        put(layout.document_number_check, FILLER)
        optional_first = number[9:] + check_digit(number) + FILLER + optional_first
    else:
        put(layout.document_number, _fixed(number, 9, "document number"))
        put(layout.document_number_check, check_digit(get(layout.document_number)))
    put(layout.optional_data[0], _fixed(optional_first, width(layout.optional_data[0]), "optional data"))

    put(layout.nationality, _fixed(nationality, 3, "nationality"))
    put(layout.birth_date, _date_field(birth_date))
    put(layout.birth_date_check, check_digit(get(layout.birth_date)))
    put(layout.sex, _sex_field(sex))
    put(layout.expiry_date, _date_field(expiry_date))
    put(layout.expiry_date_check, check_digit(get(layout.expiry_date)))
    if layout.optional_data_check is not None:
        personal_number = get(layout.optional_data[0])
        empty = personal_number.strip(FILLER) == ""
        put(layout.optional_data_check, FILLER if empty else check_digit(personal_number))
    if layout.composite_check is not None:
        put(layout.composite_check, check_digit("".join(get(field) for field in layout.composite)))
    return tuple("".join(line) for line in lines)


def compose_td3(
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
) -> tuple[str, str]:
    """A passport MRZ with correct check digits. Names are transliterated and cut to fit.

    Raises ValueError when a code, the document number or the optional data does not fit.
    """
    first, second = _fields(
        MrzFormat.TD3,
        document_code=document_code,
        issuing_country=issuing_country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    return first, second


def compose_td2(
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
) -> tuple[str, str]:
    """A TD2 MRZ with correct check digits; as `compose_td3`, and numbers over 9 characters overflow."""
    first, second = _fields(
        MrzFormat.TD2,
        document_code=document_code,
        issuing_country=issuing_country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    return first, second


def compose_td1(
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
) -> tuple[str, str, str]:
    """An ID card MRZ with correct check digits; as `compose_td3`, and numbers over 9 characters overflow."""
    first, second, third = _fields(
        MrzFormat.TD1,
        document_code=document_code,
        issuing_country=issuing_country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    return first, second, third


def _visa_code(document_code: str) -> str:
    if not transliterate(document_code).startswith("V"):
        raise ValueError(f"a visa's document code starts with V, not {document_code!r}")
    return document_code


def compose_mrva(
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
) -> tuple[str, str]:
    """A visa MRZ of type A (2 x 44) with correct check digits; as `compose_td3`, optional data up to 16.

    Raises ValueError also when `document_code` does not start with 'V'.
    """
    first, second = _fields(
        MrzFormat.MRVA,
        document_code=_visa_code(document_code),
        issuing_country=issuing_country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    return first, second


def compose_mrvb(
    *,
    document_code: str,
    issuing_country: str,
    surname: str,
    given_names: str,
    document_number: str,
    nationality: str,
    birth_date: date,
    sex: str,
    expiry_date: date,
    optional_data: str = "",
) -> tuple[str, str]:
    """A visa MRZ of type B (2 x 36) with correct check digits; as `compose_mrva`, optional data up to 8."""
    first, second = _fields(
        MrzFormat.MRVB,
        document_code=_visa_code(document_code),
        issuing_country=issuing_country,
        surname=surname,
        given_names=given_names,
        document_number=document_number,
        nationality=nationality,
        birth_date=birth_date,
        sex=sex,
        expiry_date=expiry_date,
        optional_data=optional_data,
    )
    return first, second


def compose_dl1(
    *,
    issuing_country: str,
    licence_number: str,
    configuration: str = "1",
    version: str = "1",
    optional_data: str = "",
) -> tuple[str]:
    """The one MRZ line of an EU driving licence (see the module docstring), as a tuple of one line so it
    joins and iterates like the other formats' lines.

    Raises ValueError when the country is over 3 characters, the number over 10, the optional data over 13,
    or the configuration or version is not one character.
    """
    for value, what in ((configuration, "configuration"), (version, "version")):
        if len(transliterate(value)) != 1:
            raise ValueError(f"{what} must be one character, not {value!r}")
    body = (
        "D"
        + transliterate(configuration)
        + _fixed(issuing_country, 3, "issuing country")
        + transliterate(version)
        + _fixed(transliterate(licence_number).replace(FILLER, ""), 10, "licence number")
        + _fixed(optional_data, 13, "optional data")
    )
    return (body + check_digit(body),)
