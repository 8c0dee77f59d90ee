"""Where everything in a machine readable zone sits: the one home of every per-position fact.

Formats and where their fields sit (columns counted from 1 here, from 0 in the code):

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
- FRCNI, the French national identity card of the pre-2021 layout (carte nationale d'identité, issued
  1988-2021), 2 x 36 like TD2 but not ICAO: line 1 is 'IDFRA', the surname (25) and the department and office
  of issue (6, e.g. "932013"; fillers on some cards, and Corsica's departments are "2A"/"2B"); line 2 the card
  number (12: year and month of issue YYMM, department (3), serial (5); letters occur, "970675K00277") and its
  check digit, the given names (14, separated by '<<', cut at the end), the birth date (6) and its check
  digit, the sex, and a composite check digit over line 1 and line 2 up to it. No expiry and no nationality:
  the card is valid for the period printed on it (10 years, 15 for cards issued 2004-2013 to adults).
  The same 7-3-1 check digits; verified on the published specimen lines
  "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013" / "0506932020438CHRISTIANE<<NI2906209F3".
  It is told from a TD2 card by its start 'IDFRA' and by its check digits (`parsing.is_french_id`).

The ICAO layouts are one table (`LAYOUTS`), the licence line its own fields (`DL1_*`), the French card its
own (`FR_*`). Everything else that
works on positions derives from them: the parser and the live feedback while typing (`parsing`,
`live_checks`), the check digits (`checks`), and the scanner (line shapes, the characters each position
allows, the fields no check digit covers), so a second copy of a layout never has to be kept in step.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

FILLER = "<"
DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MRZ_CHARACTERS = frozenset(FILLER + DIGITS + LETTERS)

# What may stand at a position (ICAO 9303 part 3): names and country codes are letters and fillers, dates
# and check digits digits ('<' for an unknown day or month, an empty field, or a number continued
# elsewhere), numbers and optional data anything.
ANY_CHARACTER = FILLER + DIGITS + LETTERS
LETTERS_OR_FILLER = LETTERS + FILLER
DIGITS_OR_FILLER = DIGITS + FILLER
SEX_CHARACTERS = "MFX<"
# A date is YYMMDD: its month's first digit is 0 or 1 and its day's 0 to 3 ('<' where that part is
# unknown). A reader choosing among what a place allows never reads a month of 40 or a day of 80.
MONTH_TENS = "01" + FILLER
DAY_TENS = "0123" + FILLER

# The first letter of a document code: 'P' a passport (part 4); 'I', 'A' or 'C' a card (parts 5 and 6:
# ID and residence cards); 'V' a visa (part 7); 'D' the driving licence line.
PASSPORT_CODE_LETTERS = "P"
CARD_CODE_LETTERS = "IAC"
VISA_CODE_LETTERS = "V"
LICENCE_CODE_LETTERS = "D"


class MrzFormat(enum.StrEnum):
    TD1 = "TD1"  # ID cards, residence cards: 3 lines of 30
    TD2 = "TD2"  # older ID cards: 2 lines of 36
    TD3 = "TD3"  # passports: 2 lines of 44
    MRVA = "MRVA"  # visa type A: 2 lines of 44
    MRVB = "MRVB"  # visa type B: 2 lines of 36
    DL1 = "DL1"  # EU driving licence with a chip: 1 line of 30
    FRCNI = "FRCNI"  # French national identity card before 2021: 2 lines of 36, not ICAO

    @property
    def line_count(self) -> int:
        return _SHAPES[self][0]

    @property
    def line_length(self) -> int:
        return _SHAPES[self][1]

    @property
    def line_lengths(self) -> tuple[int, ...]:
        """The length of each line: the shape that tells the formats apart (with the first letter)."""
        return (self.line_length,) * self.line_count

    @property
    def code_letters(self) -> str:
        """The letters the document code of this format starts with (see the `*_CODE_LETTERS`)."""
        return _CODE_LETTERS[self]


Span = tuple[int, int, int]  # (line, start, end), end exclusive


@dataclass(frozen=True)
class Field:
    line: int
    start: int
    end: int  # exclusive

    def read(self, lines: Sequence[str]) -> str:
        return lines[self.line][self.start : self.end]

    @property
    def width(self) -> int:
        return self.end - self.start

    @property
    def span(self) -> Span:
        return (self.line, self.start, self.end)



@dataclass(frozen=True)
class Layout:
    """Where the fields of an ICAO format (TD1, TD2, TD3, MRV-A, MRV-B) sit."""

    line_count: int
    line_length: int
    document_code: Field
    issuing_country: Field
    name: Field
    document_number: Field
    document_number_check: Field
    nationality: Field
    birth_date: Field
    birth_date_check: Field
    sex: Field
    expiry_date: Field
    expiry_date_check: Field
    optional_data: tuple[Field, ...]
    optional_data_check: Field | None  # TD3 only: the personal number's own check digit
    composite: tuple[Field, ...]  # what the composite check digit covers, in order
    composite_check: Field | None  # visas have none
    # TD1 and TD2 (parts 5 and 6): a number longer than 9 characters goes on in the first optional field.
    long_numbers: bool


_TD1 = Layout(
    line_count=3,
    line_length=30,
    document_code=Field(0, 0, 2),
    issuing_country=Field(0, 2, 5),
    document_number=Field(0, 5, 14),
    document_number_check=Field(0, 14, 15),
    optional_data=(Field(0, 15, 30), Field(1, 18, 29)),
    optional_data_check=None,
    birth_date=Field(1, 0, 6),
    birth_date_check=Field(1, 6, 7),
    sex=Field(1, 7, 8),
    expiry_date=Field(1, 8, 14),
    expiry_date_check=Field(1, 14, 15),
    nationality=Field(1, 15, 18),
    composite=(Field(0, 5, 30), Field(1, 0, 7), Field(1, 8, 15), Field(1, 18, 29)),
    composite_check=Field(1, 29, 30),
    name=Field(2, 0, 30),
    long_numbers=True,
)


def _two_line_layout(length: int, *, visa: bool = False) -> Layout:
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
    return Layout(
        line_count=2,
        line_length=length,
        document_code=Field(0, 0, 2),
        issuing_country=Field(0, 2, 5),
        name=Field(0, 5, length),
        document_number=Field(1, 0, 9),
        document_number_check=Field(1, 9, 10),
        nationality=Field(1, 10, 13),
        birth_date=Field(1, 13, 19),
        birth_date_check=Field(1, 19, 20),
        sex=Field(1, 20, 21),
        expiry_date=Field(1, 21, 27),
        expiry_date_check=Field(1, 27, 28),
        optional_data=(Field(1, 28, optional_end),),
        optional_data_check=Field(1, optional_end, last) if has_personal_number_check else None,
        composite=() if visa else (Field(1, 0, 10), Field(1, 13, 20), Field(1, 21, last)),
        composite_check=None if visa else Field(1, last, length),
        long_numbers=length == 36 and not visa,
    )


LAYOUTS: dict[MrzFormat, Layout] = {
    MrzFormat.TD1: _TD1,
    MrzFormat.TD2: _two_line_layout(36),
    MrzFormat.TD3: _two_line_layout(44),
    MrzFormat.MRVA: _two_line_layout(44, visa=True),
    MrzFormat.MRVB: _two_line_layout(36, visa=True),
}

# The EU driving licence line (see the module docstring).
DL1_LENGTH = 30
DL1_CODE = Field(0, 0, 1)
DL1_CONFIGURATION = Field(0, 1, 2)
DL1_COUNTRY = Field(0, 2, 5)
DL1_VERSION = Field(0, 5, 6)
DL1_NUMBER = Field(0, 6, 16)
DL1_OPTIONAL = Field(0, 16, 29)
DL1_CHECK = Field(0, 29, 30)

# The French identity card before 2021 (see the module docstring).
FR_LENGTH = 36
FR_START = "IDFRA"  # every card starts so: what tells it from a French TD2 line, with its check digits
FR_DOCUMENT_CODE = Field(0, 0, 2)
FR_ISSUING_COUNTRY = Field(0, 2, 5)
FR_SURNAME = Field(0, 5, 30)
FR_OFFICE = Field(0, 30, 36)  # department (3) and office (3) of issue
FR_NUMBER = Field(1, 0, 12)
FR_NUMBER_CHECK = Field(1, 12, 13)
FR_GIVEN_NAMES = Field(1, 13, 27)
FR_BIRTH_DATE = Field(1, 27, 33)
FR_BIRTH_DATE_CHECK = Field(1, 33, 34)
FR_SEX = Field(1, 34, 35)
FR_COMPOSITE = (Field(0, 0, FR_LENGTH), Field(1, 0, 35))
FR_COMPOSITE_CHECK = Field(1, 35, 36)
FR_ISSUE_MONTH = Field(1, 0, 4)  # YYMM of issue: the first four characters of the card number

_SHAPES: dict[MrzFormat, tuple[int, int]] = {
    **{mrz_format: (layout.line_count, layout.line_length) for mrz_format, layout in LAYOUTS.items()},
    MrzFormat.DL1: (1, DL1_LENGTH),
    MrzFormat.FRCNI: (2, FR_LENGTH),
}

_CODE_LETTERS: dict[MrzFormat, str] = {
    MrzFormat.TD1: CARD_CODE_LETTERS,
    MrzFormat.TD2: CARD_CODE_LETTERS,
    MrzFormat.TD3: PASSPORT_CODE_LETTERS,
    MrzFormat.MRVA: VISA_CODE_LETTERS,
    MrzFormat.MRVB: VISA_CODE_LETTERS,
    MrzFormat.DL1: LICENCE_CODE_LETTERS,
    MrzFormat.FRCNI: FR_START[0],
}


def formats_of_shape(line_lengths: Sequence[int]) -> tuple[MrzFormat, ...]:
    """The formats whose lines have these lengths (two or three share each two-line shape: see `code_letters`
    and `FR_START`)."""
    shape = tuple(line_lengths)
    return tuple(mrz_format for mrz_format in MrzFormat if mrz_format.line_lengths == shape)


def optional_data_spans(mrz_format: MrzFormat) -> tuple[Span, ...]:
    """Where the optional data is: a Danish passport's holds the holder's full CPR number."""
    if mrz_format is MrzFormat.DL1:
        return (DL1_OPTIONAL.span,)
    if mrz_format is MrzFormat.FRCNI:
        return (FR_OFFICE.span,)
    return tuple(f.span for f in LAYOUTS[mrz_format].optional_data)


def name_and_country_spans(mrz_format: MrzFormat) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
    """Where the names and the country codes (issuing state, nationality) are: fields no check digit covers."""
    if mrz_format is MrzFormat.DL1:
        return (), (DL1_COUNTRY.span,)
    if mrz_format is MrzFormat.FRCNI:
        # The country is always 'FRA', fixed by `position_characters`: nothing to choose among codes.
        return (FR_SURNAME.span, FR_GIVEN_NAMES.span), ()
    layout = LAYOUTS[mrz_format]
    return (layout.name.span,), (layout.issuing_country.span, layout.nationality.span)


def _first_and_rest(field: Field) -> tuple[Field, Field]:
    return Field(field.line, field.start, field.start + 1), Field(field.line, field.start + 1, field.end)


def _date_places(date: Field) -> list[tuple[Field, str]]:
    """A YYMMDD field's places with what each may hold: the year any digits, the month's and the day's
    first digit only those a month or a day can start with."""
    line, start = date.line, date.start
    return [
        (Field(line, start, start + 2), DIGITS_OR_FILLER),
        (Field(line, start + 2, start + 3), MONTH_TENS),
        (Field(line, start + 3, start + 4), DIGITS_OR_FILLER),
        (Field(line, start + 4, start + 5), DAY_TENS),
        (Field(line, start + 5, start + 6), DIGITS_OR_FILLER),
    ]


def _contents(mrz_format: MrzFormat) -> list[tuple[Field, str]]:
    """Every field of the format with the characters it may hold; together they cover every position once."""
    code_letters = mrz_format.code_letters
    if mrz_format is MrzFormat.DL1:
        return [
            (DL1_CODE, code_letters),
            (DL1_CONFIGURATION, ANY_CHARACTER),
            (DL1_COUNTRY, LETTERS_OR_FILLER),
            (DL1_VERSION, ANY_CHARACTER),
            (DL1_NUMBER, ANY_CHARACTER),
            (DL1_OPTIONAL, ANY_CHARACTER),
            (DL1_CHECK, DIGITS_OR_FILLER),
        ]
    if mrz_format is MrzFormat.FRCNI:
        # 'IDFRA' is fixed: one letter each, so a reader cannot pick anything else there.
        start = [(Field(0, column, column + 1), letter) for column, letter in enumerate(FR_START)]
        return [
            *start,
            (FR_SURNAME, LETTERS_OR_FILLER),
            (FR_OFFICE, ANY_CHARACTER),
            (FR_NUMBER, ANY_CHARACTER),
            (FR_NUMBER_CHECK, DIGITS_OR_FILLER),
            (FR_GIVEN_NAMES, LETTERS_OR_FILLER),
            *_date_places(FR_BIRTH_DATE),
            (FR_BIRTH_DATE_CHECK, DIGITS_OR_FILLER),
            (FR_SEX, SEX_CHARACTERS),
            (FR_COMPOSITE_CHECK, DIGITS_OR_FILLER),
        ]
    layout = LAYOUTS[mrz_format]
    # The document code's second character is the issuer's choice and may be a digit (US passport card "C1").
    code_first, code_rest = _first_and_rest(layout.document_code)
    check_digits = (
        layout.document_number_check,
        layout.birth_date_check,
        layout.expiry_date_check,
        layout.optional_data_check,
        layout.composite_check,
    )
    return [
        (code_first, code_letters),
        (code_rest, ANY_CHARACTER),
        (layout.issuing_country, LETTERS_OR_FILLER),
        (layout.name, LETTERS_OR_FILLER),
        (layout.document_number, ANY_CHARACTER),
        (layout.nationality, LETTERS_OR_FILLER),
        *_date_places(layout.birth_date),
        (layout.sex, SEX_CHARACTERS),
        *_date_places(layout.expiry_date),
        *((field, ANY_CHARACTER) for field in layout.optional_data),
        *((field, DIGITS_OR_FILLER) for field in check_digits if field is not None),
    ]


def _position_characters(mrz_format: MrzFormat) -> tuple[tuple[str, ...], ...]:
    lines: list[list[str | None]] = [[None] * mrz_format.line_length for _ in range(mrz_format.line_count)]
    for field, characters in _contents(mrz_format):
        for column in range(field.start, field.end):
            if lines[field.line][column] is not None:
                raise AssertionError(f"{mrz_format}: two fields claim line {field.line}, column {column}")
            lines[field.line][column] = characters
    out: list[tuple[str, ...]] = []
    for number, line in enumerate(lines):
        filled = tuple(characters for characters in line if characters is not None)
        if len(filled) != len(line):
            raise AssertionError(f"{mrz_format}: line {number} has positions no field claims")
        out.append(filled)
    return tuple(out)


_POSITION_CHARACTERS = {mrz_format: _position_characters(mrz_format) for mrz_format in MrzFormat}


def position_characters(mrz_format: MrzFormat) -> tuple[tuple[str, ...], ...]:
    """Per line and column, the characters that may stand there: the scanner picks its reading among them.

    A document code starts with its format's `code_letters`; see the constants above for the rest. The
    parser is more lenient than this on purpose: it reads any MRZ character anywhere and lets the check
    digits and the clerk judge.
    """
    return _POSITION_CHARACTERS[mrz_format]
