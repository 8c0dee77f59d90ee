"""A driving licence as identity document (shared/DOMAIN.md, "Identity check").

Two kinds reach the counter:

- the Danish licence, which has no MRZ: the clerk types its number (8 digits), the holder's names, birth date
  and expiry date (field 4b) off the card;
- an EU licence with a chip, whose one MRZ line (DL1, see `domain.mrz`) is read or typed. That line names no
  one and holds no dates, so the clerk types the printed names and dates as well, and the line vouches for
  the number and the country: its check digit must pass and both must agree with what was typed.

`evaluate_licence` gives the same findings as a passport check (`domain.identity_check`), minus sex, which a
licence does not show, plus `country_mismatch` and `licence_number_mismatch` for an EU licence's line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from borgerservice_desk.domain.identity_check import (
    BIRTH_DATE_MISMATCH,
    CHECK_DIGIT_FAILED,
    COUNTRY_MISMATCH,
    DOCUMENT_NOT_ACCEPTED,
    EXPIRED,
    LICENCE_NUMBER_MISMATCH,
    Finding,
    HolderFacts,
    IdentityCheckOutcome,
    given_names_match,
    name_finding,
    name_spellings,
    surname_matches,
)
from borgerservice_desk.domain.mrz import (
    FILLER,
    DocumentKind,
    MrzDocument,
    clean_mrz_text,
    parse_dl1,
)
from borgerservice_desk.domain.text_limits import LICENCE_LINE_MAX, NAME_MAX, checked_text
from borgerservice_desk.errors import InvalidInput

DANISH = "DNK"
DANISH_NUMBER_LENGTH = 8
EU_NUMBER_MAX_LENGTH = 10  # the DL1 line's number field

# The distinguishing signs an EU/EEA licence shows in its flag (1949 Geneva convention), to ISO 3166 alpha-3,
# so "DK", "NL" or "D" typed off the card face compares equal to the "DNK", "NLD" or "D<<" of its MRZ line.
DISTINGUISHING_SIGNS: dict[str, str] = {
    "A": "AUT", "B": "BEL", "BG": "BGR", "CY": "CYP", "CZ": "CZE", "D": "DEU", "DK": "DNK", "E": "ESP",
    "EST": "EST", "F": "FRA", "FIN": "FIN", "GR": "GRC", "H": "HUN", "HR": "HRV", "I": "ITA", "IRL": "IRL",
    "L": "LUX", "LT": "LTU", "LV": "LVA", "M": "MLT", "NL": "NLD", "P": "PRT", "PL": "POL", "RO": "ROU",
    "S": "SWE", "SK": "SVK", "SLO": "SVN", "IS": "ISL", "N": "NOR", "FL": "LIE", "CH": "CHE",
}  # fmt: skip


def licence_country(code: str) -> str:
    """A country as typed or read ("dk", "DK", "DNK", "D<<") in one spelling: ISO 3166 alpha-3 where known."""
    cleaned = "".join(code.split()).upper().strip(FILLER)
    return DISTINGUISHING_SIGNS.get(cleaned, cleaned)


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


@dataclass(frozen=True)
class TypedLicence:
    """A driving licence as the clerk entered it.

    `issuing_country` is the code typed (a distinguishing sign such as "DK" or an alpha-3 code such as "DNK");
    `number` the licence number as printed (spaces are ignored); `mrz_line` the DL1 line when the licence has
    one (EU licences with a chip), None for the Danish licence.
    """

    issuing_country: str
    number: str
    surname: str
    given_names: str
    birth_date: date
    expiry_date: date
    mrz_line: str | None = None

    @property
    def country_code(self) -> str:
        return licence_country(self.issuing_country)

    @property
    def normalised_number(self) -> str:
        return _compact(self.number)

    @property
    def number_last4(self) -> str:
        """What a receipt may show of the number: never the whole of it."""
        return self.normalised_number[-4:]

    @property
    def document_kind(self) -> DocumentKind:
        return DocumentKind.DRIVING_LICENCE

    @property
    def is_danish_without_mrz(self) -> bool:
        return self.mrz_line is None and self.country_code == DANISH

    def mrz_document(self) -> MrzDocument | None:
        """The parsed DL1 line, or None when there is none. Raises InvalidInput as `validate_licence`."""
        if self.mrz_line is None:
            return None
        return _parse_line(self.mrz_line)


def _parse_line(text: str) -> MrzDocument:
    try:
        return parse_dl1(text)
    except InvalidInput as error:
        lines = clean_mrz_text(text)
        bad = sorted({char for line in lines for char in line if not (char.isascii() and (char.isalnum() or char == FILLER))})
        raise InvalidInput(
            "licence.bad_mrz_line",
            length=sum(len(line) for line in lines),
            line_count=len(lines),
            characters="".join(bad),
        ) from error


def validate_licence(licence: TypedLicence, *, today: date) -> MrzDocument | None:
    """Refuse what cannot be a licence, before anything is judged or stored; return the parsed DL1 line.

    Raises InvalidInput, in this order:
    "text.invalid_characters" / "text.too_long" (field): a name or the line holds a control character
    or is longer than can be kept;
    "licence.bad_country" (value): the country is not 1-3 letters;
    "licence.mrz_line_required" (country): a licence from outside Denmark without its MRZ line;
    "licence.bad_mrz_line" (length, line_count, characters): the line is not one DL1 line of 30;
    "licence.bad_number" (value, max_length, danish): not 8 digits for a Danish licence, or not 1-10
    letters and digits for an EU licence;
    "licence.missing_surname";
    "licence.birth_date_in_future" (birth_date);
    "licence.expiry_before_birth" (birth_date, expiry_date).
    """
    checked_text(licence.surname, "surname", NAME_MAX)
    checked_text(licence.given_names, "given_names", NAME_MAX)
    if licence.mrz_line is not None:
        checked_text(licence.mrz_line, "licence_line", LICENCE_LINE_MAX, multiline=True)
    country = licence.country_code
    if not (1 <= len(country) <= 3 and country.isascii() and country.isalpha()):
        raise InvalidInput("licence.bad_country", value=licence.issuing_country)
    if licence.mrz_line is None and country != DANISH:
        raise InvalidInput("licence.mrz_line_required", country=country)
    document = licence.mrz_document()
    number = licence.normalised_number
    if document is None:
        if len(number) != DANISH_NUMBER_LENGTH or not (number.isascii() and number.isdigit()):
            raise InvalidInput("licence.bad_number", value=licence.number, max_length=DANISH_NUMBER_LENGTH, danish=True)
    elif not (1 <= len(number) <= EU_NUMBER_MAX_LENGTH and number.isascii() and number.isalnum()):
        raise InvalidInput("licence.bad_number", value=licence.number, max_length=EU_NUMBER_MAX_LENGTH, danish=False)
    if not licence.surname.strip():
        raise InvalidInput("licence.missing_surname")
    if licence.birth_date > today:
        raise InvalidInput("licence.birth_date_in_future", birth_date=licence.birth_date.isoformat())
    if licence.expiry_date <= licence.birth_date:
        raise InvalidInput(
            "licence.expiry_before_birth",
            birth_date=licence.birth_date.isoformat(),
            expiry_date=licence.expiry_date.isoformat(),
        )
    return document


def evaluate_licence(licence: TypedLicence, holder: HolderFacts, *, today: date) -> IdentityCheckOutcome:
    """Hold a typed licence against the citizen's register facts, as `identity_check.evaluate` does a passport.

    Findings, in order: document_not_accepted (a licence is accepted); for an EU licence the line's
    check_digit_failed (field "licence"), country_mismatch and licence_number_mismatch (expected = typed,
    read = the line); expired; birth_date_mismatch; name_mismatch for the surname and the given names (with a
    diff). No sex: a licence does not show it. Raises InvalidInput as `validate_licence`.
    """
    document = validate_licence(licence, today=today)
    findings: list[Finding] = [
        Finding(
            DOCUMENT_NOT_ACCEPTED,
            True,
            (("document_kind", str(DocumentKind.DRIVING_LICENCE)), ("document_code", "D" if document else "")),
        )
    ]
    if document is not None:
        findings.extend(Finding(CHECK_DIGIT_FAILED, valid, (("field", field),)) for field, valid in document.checks)
        line_country = licence_country(document.issuing_country)
        findings.append(
            Finding(
                COUNTRY_MISMATCH,
                line_country == licence.country_code,
                (("expected", licence.country_code), ("read", line_country)),
            )
        )
        findings.append(
            Finding(
                LICENCE_NUMBER_MISMATCH,
                document.document_number == licence.normalised_number,
                (("expected", licence.normalised_number), ("read", document.document_number)),
            )
        )
    findings.append(
        Finding(EXPIRED, licence.expiry_date >= today, (("expiry_date", licence.expiry_date.isoformat()),))
    )
    findings.append(
        Finding(
            BIRTH_DATE_MISMATCH,
            licence.birth_date == holder.birth_date,
            (("expected", holder.birth_date.isoformat()), ("read", licence.birth_date.isoformat())),
        )
    )
    findings.append(
        name_finding(
            "surname",
            typed_surname_matches(licence.surname, holder.surname),
            expected=holder.surname,
            read=licence.surname,
        )
    )
    findings.append(
        name_finding(
            "given_names",
            typed_given_names_match(licence.given_names, holder.given_names),
            expected=holder.given_names,
            read=licence.given_names,
        )
    )
    return IdentityCheckOutcome(tuple(findings))


# A name typed off a card face may itself hold Æ, Ø, Å or accents, so every spelling of it is tried against
# every spelling of the register's name; a card face is not cut short like an MRZ name field.
def typed_surname_matches(typed: str, expected: str) -> bool:
    return any(surname_matches(spelling, expected) for spelling in _some_spellings(typed))


def typed_given_names_match(typed: str, expected: str) -> bool:
    return any(given_names_match(spelling, expected) for spelling in _some_spellings(typed))


def _some_spellings(name: str) -> list[str]:
    spellings: list[str] = []
    for spelling in name_spellings(name):
        spellings.append(spelling)
        if len(spellings) == 64:  # bounds the work for hostile input; no real name has this many
            break
    return spellings
