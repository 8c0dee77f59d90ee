"""The machine readable zone (MRZ) of travel documents, after ICAO Doc 9303 (parts 3 to 6).

Parsing never trusts what it reads: a failing check digit is recorded in `MrzDocument.checks`, not raised,
because the clerk must see *which* field is wrong (and OCR output is often slightly off). Only input that is
not an MRZ at all (wrong shape, foreign characters) raises a coded `InvalidInput`.

The layouts live in one table per format (`_Layout`) so further formats (the visa formats MRV-A and MRV-B,
and the one-line EU driving licence) can be added as another `MrzFormat` member, one layout entry and one
branch in `_detect_format`.
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

    @property
    def line_count(self) -> int:
        return _LAYOUTS[self].line_count

    @property
    def line_length(self) -> int:
        return _LAYOUTS[self].line_length


class DocumentKind(enum.StrEnum):
    """What the document is, as far as the identity check cares."""

    PASSPORT = "passport"
    ID_CARD = "id_card"
    RESIDENCE_CARD = "residence_card"
    VISA = "visa"
    OTHER = "other"


@dataclass(frozen=True)
class MrzDocument:
    """One parsed MRZ. Text fields have their fillers removed; `lines` keeps the MRZ exactly as parsed."""

    format: MrzFormat
    document_code: str  # "P", "I", "ID", "AR", ...
    issuing_country: str  # ICAO code as printed, fillers removed ("DNK", "D" for Germany)
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: date | None  # None when the MRZ holds no valid date (unknown day, OCR error, ...)
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
        return document_kind_of(self.document_code)

    @property
    def number_last4(self) -> str:
        """What a receipt may show of the number: never the whole of it."""
        return self.document_number[-4:]

    @property
    def names_may_be_truncated(self) -> bool:
        """True when the name field is filled to its last position, so the issuer may have cut the names.

        Only then may a name read from the MRZ be shorter than the holder's real name.
        """
        if not self.lines:
            return False
        return not _LAYOUTS[self.format].name.read(self.lines).endswith(FILLER)


def document_kind_of(document_code: str) -> DocumentKind:
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
    composite_check: _Field


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
)


def _two_line_layout(length: int) -> _Layout:
    """TD2 and TD3 share their layout up to the length of the optional data."""
    last = length - 1
    has_personal_number_check = length == 44
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
        composite=(_Field(1, 0, 10), _Field(1, 13, 20), _Field(1, 21, last)),
        composite_check=_Field(1, last, length),
    )


_LAYOUTS: dict[MrzFormat, _Layout] = {
    MrzFormat.TD1: _TD1,
    MrzFormat.TD2: _two_line_layout(36),
    MrzFormat.TD3: _two_line_layout(44),
}


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
    return _parse_lines(mrz_format, lines, today=today)


def _require_mrz_characters(lines: Sequence[str]) -> None:
    for number, line in enumerate(lines, start=1):
        bad = sorted({char for char in line if char not in MRZ_CHARACTERS})
        if bad:
            raise InvalidInput("mrz.invalid_characters", line=number, characters="".join(bad))


def _detect_format(lines: Sequence[str]) -> MrzFormat:
    # The shape alone decides for now. A visa (MRV-A, MRV-B) has the shape of TD3 or TD2 and is parsed
    # as one (its composite check then fails); when the visa formats are added, a first letter 'V'
    # picks them here, as will one line of 30 for the driving licence.
    shape = (len(lines), tuple(len(line) for line in lines))
    for mrz_format, layout in _LAYOUTS.items():
        if shape == (layout.line_count, (layout.line_length,) * layout.line_count):
            return mrz_format
    raise InvalidInput(
        "mrz.unrecognised_format", line_count=len(lines), line_lengths=tuple(len(line) for line in lines)
    )


def _parse_lines(mrz_format: MrzFormat, lines: tuple[str, ...], *, today: date) -> MrzDocument:
    layout = _LAYOUTS[mrz_format]

    def read(field: _Field) -> str:
        return field.read(lines)

    surname, given_names = _split_name(read(layout.name))
    number = read(layout.document_number)
    number_check = read(layout.document_number_check)
    optional_fields = [read(field) for field in layout.optional_data]
    if mrz_format is not MrzFormat.TD3 and number_check == FILLER:
        # ICAO 9303 parts 5 and 6: a number longer than nine characters goes on in the first optional field,
        # followed by its check digit and a filler; the '<' in the check position announces that.
        number, number_check, optional_fields[0] = _join_long_number(number, optional_fields[0])

    checks: list[tuple[str, bool]] = [
        ("document_number", _check_passes(number, number_check)),
        ("birth_date", _check_passes(read(layout.birth_date), read(layout.birth_date_check))),
        ("expiry_date", _check_passes(read(layout.expiry_date), read(layout.expiry_date_check))),
    ]
    if layout.optional_data_check is not None:
        personal_number = read(layout.optional_data[0])
        personal_check = read(layout.optional_data_check)
        # An empty personal number may carry '<' instead of a digit (ICAO 9303 part 4, 4.2.2.2).
        empty_with_filler = personal_check == FILLER and personal_number.strip(FILLER) == ""
        checks.append(("optional_data", empty_with_filler or _check_passes(personal_number, personal_check)))
    composite = "".join(read(field) for field in layout.composite)
    checks.append(("composite", _check_passes(composite, read(layout.composite_check))))

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
        checks=tuple(checks),
    )


def _join_long_number(principal: str, optional: str) -> tuple[str, str, str]:
    """Return (full number, its check digit, what is left of the optional field)."""
    overflow, _, rest = optional.partition(FILLER)
    if not overflow:
        return principal, FILLER, optional
    return principal + overflow[:-1], overflow[-1], rest


def _check_passes(field: str, digit: str) -> bool:
    return check_digit(field) == digit


def _split_name(field: str) -> tuple[str, str]:
    primary, _, secondary = field.partition(FILLER * 2)
    return _name_words(primary), _name_words(secondary)


def _name_words(part: str) -> str:
    return " ".join(part.replace(FILLER, " ").split())


def _parse_sex(char: str) -> str:
    return char if char in ("M", "F") else "X"


def _yymmdd(value: str, century: int) -> date | None:
    if len(value) != 6 or not value.isdigit():
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
    if len(number) > 9 and mrz_format is not MrzFormat.TD3:
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
