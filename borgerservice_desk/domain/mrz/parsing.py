"""Parsing a machine readable zone (ICAO Doc 9303 parts 3 to 7, and the one-line EU driving licence) into an
`MrzDocument`. Where the fields sit is `layouts`' business, the check digits `checks`'.

Parsing never trusts what it reads: a failing check digit is recorded in `MrzDocument.checks`, not raised,
because the clerk must see *which* field is wrong (and OCR output is often slightly off). Only input that is
not an MRZ at all (wrong shape, foreign characters) raises a coded `InvalidInput`.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from borgerservice_desk.domain.mrz.checks import CHECK_SPECS, CheckState, evaluate
from borgerservice_desk.domain.mrz.layouts import (
    CARD_CODE_LETTERS,
    DL1_CODE,
    DL1_CONFIGURATION,
    DL1_COUNTRY,
    DL1_LENGTH,
    DL1_NUMBER,
    DL1_OPTIONAL,
    DL1_VERSION,
    FILLER,
    FR_BIRTH_DATE,
    FR_DOCUMENT_CODE,
    FR_GIVEN_NAMES,
    FR_ISSUE_MONTH,
    FR_ISSUING_COUNTRY,
    FR_LENGTH,
    FR_NUMBER,
    FR_OFFICE,
    FR_SEX,
    FR_START,
    FR_SURNAME,
    LAYOUTS,
    LICENCE_CODE_LETTERS,
    MRZ_CHARACTERS,
    PASSPORT_CODE_LETTERS,
    VISA_CODE_LETTERS,
    Field,
    MrzFormat,
    formats_of_shape,
    optional_data_spans,
)
from borgerservice_desk.errors import InvalidInput

# Codes states use for residence permits and cards; ICAO leaves the second letter to the issuer, so this is
# the list seen in practice (EU uniform residence permit "IR", German "AR", ...), not a rule from 9303.
RESIDENCE_CARD_CODES = frozenset({"AR", "IR", "RT", "RP", "RE", "RF", "IT"})

# The French card's layout was first issued in 1988: a number starting "88" to "99" was issued in the 1900s.
FR_FIRST_ISSUE_YEAR = "88"


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
    A French identity card of the pre-2021 layout (FRCNI) holds no nationality and no expiry: "" and None
    (see `expiry_in_mrz`); its optional data is the department and office of issue.
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
    def expiry_in_mrz(self) -> bool:
        """False where the format has no expiry date at all (the French card, the licence line): its validity is
        printed on the document only, so `expiry_date` None means "not in the MRZ", not "unreadable"."""
        return self.format not in (MrzFormat.DL1, MrzFormat.FRCNI)

    @property
    def issue_month(self) -> date | None:
        """The first day of the month of issue, where the MRZ holds it (the French card's number starts with
        YYMM of issue); None elsewhere or when unreadable."""
        if self.format is not MrzFormat.FRCNI or len(self.lines) != 2:
            return None
        yymm = FR_ISSUE_MONTH.read(self.lines)
        # The layout was issued from 1988 to 2021: "88" to "99" are the 1900s.
        return _yymmdd(yymm + "01", 1900 if yymm >= FR_FIRST_ISSUE_YEAR else 2000)

    @property
    def number_last4(self) -> str:
        """What a receipt may show of the number: never the whole of it."""
        return self.document_number[-4:]

    @property
    def names_may_be_truncated(self) -> bool:
        """True when the name field is filled to its last position, so the issuer may have cut the names.

        Only then may a name read from the MRZ be shorter than the holder's real name.
        """
        if self.format is MrzFormat.FRCNI:
            # Surname and given names have a field each; this is about the given names (see below).
            return len(self.lines) == 2 and not FR_GIVEN_NAMES.read(self.lines).endswith(FILLER)
        layout = LAYOUTS.get(self.format)
        if layout is None or len(self.lines) != layout.line_count:
            return False
        return not layout.name.read(self.lines).endswith(FILLER)

    @property
    def surname_may_be_truncated(self) -> bool:
        """True only when the names were cut inside the surname: with the separator '<<' in the field, the
        surname before it is whole however full the field is."""
        if self.format is MrzFormat.FRCNI:
            return len(self.lines) == 2 and not FR_SURNAME.read(self.lines).endswith(FILLER)
        if not self.names_may_be_truncated:
            return False
        return FILLER * 2 not in LAYOUTS[self.format].name.read(self.lines)


def document_kind_of(document_code: str) -> DocumentKind:
    """The kind an ICAO document code stands for ("P" passport, "V" visa, "AR" residence card, ...)."""
    code = document_code.strip(FILLER).upper()
    if not code:
        return DocumentKind.OTHER
    if code in RESIDENCE_CARD_CODES:
        return DocumentKind.RESIDENCE_CARD
    if code[0] in PASSPORT_CODE_LETTERS:
        return DocumentKind.PASSPORT
    if code[0] in VISA_CODE_LETTERS:
        return DocumentKind.VISA
    if code[0] in CARD_CODE_LETTERS:
        return DocumentKind.ID_CARD
    return DocumentKind.OTHER


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
    if mrz_format is MrzFormat.FRCNI:
        return _parse_french_id(lines, today=today)
    return _parse_lines(mrz_format, lines, today=today)


def _require_mrz_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        bad = sorted({char for char in line if char not in MRZ_CHARACTERS})
        if bad:
            raise InvalidInput("mrz.invalid_characters", line=number, characters="".join(bad))


def is_french_id(lines: Sequence[str]) -> bool:
    """Whether two lines of 36 are a French identity card of the pre-2021 layout rather than a TD2 card.

    Both may start 'IDFRA' (a TD2 card of France would), so the start alone does not decide: the check digits
    do. The French reading is taken unless the TD2 reading passes more of its check digits; a real TD2 card
    passes all four of its own, and the French card's three pass on it only by a 1-in-1000 chance.
    """
    if len(lines) != 2 or any(len(line) != FR_LENGTH for line in lines) or not lines[0].startswith(FR_START):
        return False
    return _failures(MrzFormat.FRCNI, lines) <= _failures(MrzFormat.TD2, lines)


def _failures(mrz_format: MrzFormat, lines: Sequence[str]) -> int:
    return sum(not valid for _, valid in _checks(mrz_format, lines))


def _detect_format(lines: Sequence[str]) -> MrzFormat:
    """The shape decides, and the first letter where shapes are shared: 'V' makes a 2 x 44 an MRV-A rather
    than a passport and a 2 x 36 an MRV-B rather than a TD2 card; 'IDFRA' and the check digits make a 2 x 36
    a French card (`is_french_id`); one line of 30 must start with 'D'."""
    visa = bool(lines) and lines[0].startswith(tuple(VISA_CODE_LETTERS))
    if is_french_id(lines):
        return MrzFormat.FRCNI
    for mrz_format in formats_of_shape([len(line) for line in lines]):
        if mrz_format is MrzFormat.FRCNI:
            continue
        if mrz_format is MrzFormat.DL1 and not lines[0].startswith(tuple(LICENCE_CODE_LETTERS)):
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
    return tuple((spec.name, evaluate(spec, lines)[0] is CheckState.OK) for spec in CHECK_SPECS[mrz_format])


def _parse_lines(mrz_format: MrzFormat, lines: tuple[str, ...], *, today: date) -> MrzDocument:
    layout = LAYOUTS[mrz_format]

    def read(field: Field) -> str:
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
        document_code=DL1_CODE.read(lines),
        issuing_country=DL1_COUNTRY.read(lines).strip(FILLER),
        surname="",
        given_names="",
        document_number=DL1_NUMBER.read(lines).replace(FILLER, ""),
        nationality="",
        birth_date=None,
        sex="X",
        expiry_date=None,
        optional_data=DL1_OPTIONAL.read(lines).strip(FILLER),
        lines=lines,
        checks=_checks(MrzFormat.DL1, lines),
    )


def _parse_french_id(lines: tuple[str, ...], *, today: date) -> MrzDocument:
    return MrzDocument(
        format=MrzFormat.FRCNI,
        document_code=FR_DOCUMENT_CODE.read(lines).strip(FILLER),
        issuing_country=FR_ISSUING_COUNTRY.read(lines).strip(FILLER),
        surname=_name_words(FR_SURNAME.read(lines)),
        given_names=_name_words(FR_GIVEN_NAMES.read(lines)),
        document_number=FR_NUMBER.read(lines).replace(FILLER, ""),
        nationality="",  # not in this MRZ (the card is issued to French nationals only, but the MRZ says nothing)
        birth_date=parse_birth_date(FR_BIRTH_DATE.read(lines), today=today),
        sex=_parse_sex(FR_SEX.read(lines)),
        expiry_date=None,  # not in this MRZ: see `MrzDocument.expiry_in_mrz`
        optional_data=FR_OFFICE.read(lines).strip(FILLER),
        lines=lines,
        checks=_checks(MrzFormat.FRCNI, lines),
    )


def parse_dl1(text: str) -> MrzDocument:
    """Parse text that must be one driving licence line (DL1); anything else raises InvalidInput
    "mrz.invalid_characters" or "mrz.not_a_licence_line" (params: line_count, line_lengths)."""
    lines = clean_mrz_text(text)
    _require_mrz_characters(lines)
    if len(lines) != 1 or len(lines[0]) != DL1_LENGTH or not lines[0].startswith(tuple(LICENCE_CODE_LETTERS)):
        raise InvalidInput(
            "mrz.not_a_licence_line", line_count=len(lines), line_lengths=tuple(len(line) for line in lines)
        )
    return _parse_dl1(lines)


def dl1_configuration(document: MrzDocument) -> tuple[str, str]:
    """(BAP configuration, version) of a DL1 line: the two single characters around the country."""
    if document.format is not MrzFormat.DL1:
        raise ValueError(f"not a driving licence line: {document.format}")
    return DL1_CONFIGURATION.read(document.lines), DL1_VERSION.read(document.lines)


def _join_long_number(principal: str, optional: str) -> tuple[str, str, str]:
    """Return (full number, its check digit, what is left of the optional field)."""
    overflow, _, rest = optional.partition(FILLER)
    if not overflow:
        return principal, FILLER, optional
    return principal + overflow[:-1], overflow[-1], rest


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
