"""Writing MRZs for tests and benchmarks: made-up documents with correct check digits.

The desk only ever reads MRZs, so composing them is test support, not product code. Everything here is
derived from the domain's layouts (`borgerservice_desk.domain.mrz.layouts`) and spelling table
(`...mrz.spelling`): a composed document is what the parser expects because both use the same layouts.
"""

from __future__ import annotations

from datetime import date

from borgerservice_desk.domain.mrz import FILLER, MRZ_CHARACTERS, MrzFormat, check_digit
from borgerservice_desk.domain.mrz.layouts import (
    DL1_CHECK,
    DL1_CODE,
    DL1_CONFIGURATION,
    DL1_COUNTRY,
    DL1_LENGTH,
    DL1_NUMBER,
    DL1_OPTIONAL,
    DL1_VERSION,
    FR_BIRTH_DATE,
    FR_BIRTH_DATE_CHECK,
    FR_COMPOSITE,
    FR_COMPOSITE_CHECK,
    FR_GIVEN_NAMES,
    FR_LENGTH,
    FR_NUMBER,
    FR_NUMBER_CHECK,
    FR_OFFICE,
    FR_SEX,
    FR_START,
    FR_SURNAME,
    LAYOUTS,
    Field,
)
from borgerservice_desk.domain.mrz.spelling import NAME_SEPARATORS, letter_spellings


def transliterate(text: str) -> str:
    """Latin text as MRZ characters: national letters spelled out as the identity check prefers them (Ø as
    OE, Ü as UE), other accents dropped, separators as fillers.

    Apostrophes vanish and hyphens and spaces become '<' as ICAO 9303 part 3 asks; anything else that has
    no MRZ spelling is dropped.
    """
    out: list[str] = []
    for char in text.upper():
        if char in MRZ_CHARACTERS:
            out.append(char)
        elif char.isspace() or char in NAME_SEPARATORS:
            out.append(FILLER)
        else:
            out.append("".join(c for c in letter_spellings(char)[0] if c in MRZ_CHARACTERS))
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


def _put(lines: list[list[str]], field: Field, value: str) -> None:
    assert len(value) == field.width, (field, value)
    lines[field.line][field.start : field.end] = list(value)


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
    layout = LAYOUTS[mrz_format]
    lines = [[FILLER] * layout.line_length for _ in range(layout.line_count)]

    def get(field: Field) -> str:
        return "".join(lines[field.line][field.start : field.end])

    def put(field: Field, value: str) -> None:
        _put(lines, field, value)

    def fixed(field: Field, value: str, what: str) -> None:
        put(field, _fixed(value, field.width, what))

    fixed(layout.document_code, document_code, "document code")
    fixed(layout.issuing_country, issuing_country, "issuing country")
    put(layout.name, _name_field(surname, given_names, layout.name.width))

    number = transliterate(document_number).replace(FILLER, "")
    optional_first = transliterate(optional_data)
    principal = layout.document_number.width
    if len(number) > principal and layout.long_numbers:
        put(layout.document_number, number[:principal])
        put(layout.document_number_check, FILLER)
        optional_first = number[principal:] + check_digit(number) + FILLER + optional_first
    else:
        fixed(layout.document_number, number, "document number")
        put(layout.document_number_check, check_digit(get(layout.document_number)))
    fixed(layout.optional_data[0], optional_first, "optional data")

    fixed(layout.nationality, nationality, "nationality")
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
    if not transliterate(document_code).startswith(tuple(MrzFormat.MRVA.code_letters)):
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
    """The one MRZ line of an EU driving licence (see `borgerservice_desk.domain.mrz.layouts`), as a tuple
    of one line so it joins and iterates like the other formats' lines.

    Raises ValueError when the country is over 3 characters, the number over 10, the optional data over 13,
    or the configuration or version is not one character.
    """
    for value, what in ((configuration, "configuration"), (version, "version")):
        if len(transliterate(value)) != 1:
            raise ValueError(f"{what} must be one character, not {value!r}")
    lines = [[FILLER] * DL1_LENGTH]
    _put(lines, DL1_CODE, MrzFormat.DL1.code_letters)
    _put(lines, DL1_CONFIGURATION, transliterate(configuration))
    _put(lines, DL1_COUNTRY, _fixed(issuing_country, DL1_COUNTRY.width, "issuing country"))
    _put(lines, DL1_VERSION, transliterate(version))
    number = transliterate(licence_number).replace(FILLER, "")
    _put(lines, DL1_NUMBER, _fixed(number, DL1_NUMBER.width, "licence number"))
    _put(lines, DL1_OPTIONAL, _fixed(optional_data, DL1_OPTIONAL.width, "optional data"))
    _put(lines, DL1_CHECK, check_digit("".join(lines[0][: DL1_CHECK.start])))
    return ("".join(lines[0]),)


def compose_french_id(
    *,
    surname: str,
    given_names: str,
    card_number: str,
    birth_date: date,
    sex: str,
    office: str = "",
) -> tuple[str, str]:
    """The MRZ of a French identity card of the pre-2021 layout (FRCNI: see the layouts) with correct check
    digits. `card_number` is the 12 characters YYMM (issue), department (3), serial (5); `office` the 6 of
    line 1's end (department and office of issue), fillers when empty. Given names are separated by '<<' and
    cut at 14 characters, the surname at 25, as the cards do.

    Raises ValueError when the card number is not 12 characters or the office over 6.
    """
    number = transliterate(card_number)
    if len(number) != FR_NUMBER.width:
        raise ValueError(f"card number {card_number!r} is not {FR_NUMBER.width} characters")
    lines = [[FILLER] * FR_LENGTH for _ in range(2)]
    for column, letter in enumerate(FR_START):
        lines[0][column] = letter
    _put(lines, FR_SURNAME, _pad(_squeeze_fillers(transliterate(surname))[: FR_SURNAME.width], FR_SURNAME.width))
    _put(lines, FR_OFFICE, _fixed(office, FR_OFFICE.width, "office"))
    _put(lines, FR_NUMBER, number)
    _put(lines, FR_NUMBER_CHECK, check_digit(number))
    given = (FILLER * 2).join(_squeeze_fillers(transliterate(name)) for name in given_names.split())
    _put(lines, FR_GIVEN_NAMES, _pad(given[: FR_GIVEN_NAMES.width], FR_GIVEN_NAMES.width))
    _put(lines, FR_BIRTH_DATE, _date_field(birth_date))
    _put(lines, FR_BIRTH_DATE_CHECK, check_digit(_date_field(birth_date)))
    _put(lines, FR_SEX, _sex_field(sex))
    covered = "".join(field.read(["".join(line) for line in lines]) for field in FR_COMPOSITE)
    _put(lines, FR_COMPOSITE_CHECK, check_digit(covered))
    first, second = ("".join(line) for line in lines)
    return first, second
