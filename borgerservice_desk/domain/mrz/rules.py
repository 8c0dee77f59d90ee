"""The rules an MRZ's positions obey beyond its check digits, and the marks of characters in doubt.

Check digits cover numbers and dates only. A misread document code (`ID` as `CD`), country code (`INP` as
`IND`), sex or a stray letter in a name's filler passes every check digit, so the clerk would be told
"passed" on a misread document. Every position a rule can check is checked here, for every format, from the
layouts (`layouts` is the one home of where fields sit):

- the document code: its first letter (per format, ICAO 9303 parts 4 to 7) and its second character, which
  ICAO leaves to the issuer with exceptions (no 'V' on a card, a letter or '<' on a passport or visa);
  a code ICAO allows but no document seen at a Danish counter uses is *unusual*: it must be confirmed;
- the issuing state and the nationality (and a licence line's country) against the ICAO 9303 part 3 code
  list: ISO 3166-1 alpha-3 plus the codes for organisations, stateless persons and refugees;
- the sex: M, F, X or '<';
- the birth and expiry dates: a day of the calendar (month 01 to 12, a day the month has), '<<' where a part
  is unknown; a birth date's month or day may also be 00, as some issuers write an unknown one. A misread
  date can pass its check digit (3 and 8 under weights 7 and 3 cancel), and then only this rule sees it;
- the name field's structure: words joined by '<', surname and given names by '<<', then only fillers. A
  letter standing inside the trailing filler run (`SMITH<<JOHN<<<<C<<<<`) is a stray mark, doubtful;
- the document number of a passport or identity card whose issuer leaves letters out of its numbers
  (`ISSUER_NUMBER_LETTERS`: Germany's and the Netherlands' have no O): a letter the issuer never uses is a
  misread of its look-alike digit, or to be confirmed. The scanner also counts no such letter as a rival
  of what it read (`scanning.doubts`);
- on a given day (`dated_doubts`): the expiry date, no further ahead than documents are issued for. No
  register holds a document's expiry, so a misread year (2086 for 2031: 3 read as 8 and 1 as 6 cancel in
  the check digit's sum) would otherwise be believed, and the citizen sent home with a "valid" document.

Each problem is a `Doubt` at a position. A *blocking* one (a document code or sex ICAO does not allow)
fails the identity check until the lines are corrected; any other (an unknown country code among them)
must be confirmed by the clerk against the document before the check can pass. The scanner adds doubts of its own where the recogniser was unsure
of a character no check digit covers (`DoubtReason.UNSURE`, `CLOSE_SECOND`, and `LOOK_ALIKE` where a letter and
a digit may both stand), and of a covered one where the
check digit does not vouch for it (`CHECK_BLIND`, `CHECK_BY_CHANCE`).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date

from borgerservice_desk.domain.mrz.layouts import (
    DIGITS,
    DL1_CHECK,
    DL1_CODE,
    DL1_CONFIGURATION,
    DL1_COUNTRY,
    DL1_NUMBER,
    DL1_OPTIONAL,
    DL1_VERSION,
    FILLER,
    FR_BIRTH_DATE,
    FR_BIRTH_DATE_CHECK,
    FR_COMPOSITE_CHECK,
    FR_DOCUMENT_CODE,
    FR_GIVEN_NAMES,
    FR_ISSUING_COUNTRY,
    FR_NUMBER,
    FR_NUMBER_CHECK,
    FR_OFFICE,
    FR_SEX,
    FR_SURNAME,
    LAYOUTS,
    LETTERS,
    SEX_CHARACTERS,
    Field,
    MrzFormat,
)
from borgerservice_desk.domain.mrz.parsing import RESIDENCE_CARD_CODES, parse_expiry_date


class DoubtReason(enum.StrEnum):
    DOCUMENT_CODE_NOT_ALLOWED = "document_code_not_allowed"  # ICAO forbids it for this format
    DOCUMENT_CODE_UNUSUAL = "document_code_unusual"  # allowed, but no document at the counter uses it
    COUNTRY_UNKNOWN = "country_unknown"  # not on the ICAO 9303 code list
    SEX_INVALID = "sex_invalid"  # not M, F, X or '<'
    DATE_IMPOSSIBLE = "date_impossible"  # a birth or expiry date that is no day of the calendar
    STRAY_LETTER = "stray_letter"  # a letter inside the name field's trailing fillers
    NUMBER_LETTER_UNUSED = "number_letter_unused"  # a letter the issuer never uses in its document numbers
    EXPIRY_FAR_AHEAD = "expiry_far_ahead"  # an expiry date further ahead than documents are issued for
    UNSURE = "unsure"  # the recogniser gave the character a low probability
    CLOSE_SECOND = "close_second"  # the recogniser's runner-up was nearly as likely
    # A letter or digit OCR-B draws alike (O and 0) was not unlikely, where both may stand and nothing checks:
    LOOK_ALIKE = "look_alike"
    # Under a check digit, where it does not vouch (`scanning.doubts`):
    CHECK_BLIND = "check_blind"  # a rival the check digit cannot tell apart (S and 8) was not unlikely
    CHECK_BY_CHANCE = "check_by_chance"  # one of two or more unsure characters under one check digit
    # A second reader (Tesseract) read another character here that every check and rule accepts as well, so
    # nothing tells which of the two is printed (`scanning.doubts.second_reader_doubts`):
    SECOND_READER = "second_reader"


class CompareWhole(enum.StrEnum):
    """Why a scanned reading is to be compared whole with the document, not only its marked characters: a
    misread may pass every check digit unmarked."""

    TIME_LIMIT = "time_limit"  # the reader stopped at its time budget with its best reading so far
    # Print the recogniser has not learnt: too many characters unsure at once, or half the text marked already
    # (`scanning.doubts.unfamiliar_print`, `crowded_marks`; one value for both: to the clerk the remedy is one).
    UNFAMILIAR_PRINT = "unfamiliar_print"


# What no confirmation can make right: ICAO does not allow it, so the lines must be corrected. A country
# code not on the list is not among them: the list is closed, so it is almost always a misread, but the
# odd real document (a code withdrawn since, a blank nationality) must not leave the clerk to type a
# false code to get past it; the clerk confirms it against the document instead.
# A date that is no day of the calendar is among them: the '<' and 00 that issuers write for an unknown part
# are allowed, so no real document holds one.
BLOCKING_REASONS = frozenset(
    {DoubtReason.DOCUMENT_CODE_NOT_ALLOWED, DoubtReason.SEX_INVALID, DoubtReason.DATE_IMPOSSIBLE}
)


@dataclass(frozen=True, order=True)
class Doubt:
    """One character in doubt: where (line and column from 0), what was read, why, and in which field."""

    line: int
    column: int
    character: str
    reason: DoubtReason
    field: str  # a `Layout` attribute name ("name", "issuing_country", "document_code", ...)

    @property
    def blocking(self) -> bool:
        return self.reason in BLOCKING_REASONS


# --- document codes ----------------------------------------------------------------------------------

# The second character of a document code, per format (ICAO 9303): a passport's and a visa's is a letter
# or '<' at the issuer's discretion (parts 4 and 7); a card's is the issuer's choice too, except that 'V'
# is not used (parts 5 and 6) and may be a digit (the US passport card's "C1").
_SECOND_ALLOWED: dict[MrzFormat, str] = {
    MrzFormat.TD3: LETTERS + FILLER,
    MrzFormat.MRVA: LETTERS + FILLER,
    MrzFormat.MRVB: LETTERS + FILLER,
    MrzFormat.TD1: LETTERS.replace("V", "") + DIGITS + FILLER,
    MrzFormat.TD2: LETTERS.replace("V", "") + DIGITS + FILLER,
}

# Document codes seen on documents presented at Danish counters (passports of every kind: ordinary,
# diplomatic, service, official, emergency, temporary, refugee; national ID and residence cards; visas).
# A code ICAO allows but not listed here is not refused: the clerk confirms it against the document.
KNOWN_DOCUMENT_CODES: dict[MrzFormat, frozenset[str]] = {
    MrzFormat.TD3: frozenset({"P<", "PP", "PD", "PS", "PO", "PE", "PT", "PR", "PM"}),
    MrzFormat.TD1: frozenset({"I<", "ID", "IP", "IO", "IX", "A<", "AC", "C<", "C1"}) | RESIDENCE_CARD_CODES,
    MrzFormat.TD2: frozenset({"I<", "ID", "IP", "IO", "IX", "A<", "AC", "C<"}) | RESIDENCE_CARD_CODES,
    MrzFormat.MRVA: frozenset({"V<", *(f"V{letter}" for letter in LETTERS)}),
    MrzFormat.MRVB: frozenset({"V<", *(f"V{letter}" for letter in LETTERS)}),
}


def document_code_reason(mrz_format: MrzFormat, code: str) -> DoubtReason | None:
    """Why a document code is in doubt for this format (None when it is a known one).

    The residence card codes seen in practice (`RESIDENCE_CARD_CODES`, some of them starting with 'R')
    are taken as known whatever the first-letter rule says: national practice the counter meets."""
    if mrz_format is MrzFormat.DL1:
        return None if code[:1] in mrz_format.code_letters else DoubtReason.DOCUMENT_CODE_NOT_ALLOWED
    if mrz_format is MrzFormat.FRCNI:
        return None if code == "ID" else DoubtReason.DOCUMENT_CODE_NOT_ALLOWED
    if code in KNOWN_DOCUMENT_CODES[mrz_format]:
        return None
    if len(code) != 2 or code[0] not in mrz_format.code_letters or code[1] not in _SECOND_ALLOWED[mrz_format]:
        return DoubtReason.DOCUMENT_CODE_NOT_ALLOWED
    return DoubtReason.DOCUMENT_CODE_UNUSUAL


# --- country codes -----------------------------------------------------------------------------------

# ICAO 9303 part 3 codes beyond ISO 3166-1 alpha-3: Germany's "D", the British nationality classes, the
# United Nations and its agencies and mission in Kosovo, the European Union, Kosovo, organisations (the
# Caribbean Community, the Sovereign Military Order of Malta, Interpol, the development banks, ...),
# stateless persons and refugees, unspecified nationality, and Utopia of the ICAO specimens.
ICAO_EXTRA_CODES = frozenset({
    "D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA", "UNK", "XBA", "XIM", "XCC", "XCE", "XCO", "XDC",
    "XEC", "XES", "XMP", "XOM", "XPO", "XXA", "XXB", "XXC", "XXX", "EUE", "RKS", "UTO",
})  # fmt: skip


@functools.cache
def country_codes() -> frozenset[str]:
    """Every code an issuing state or nationality field may hold, padded to 3 with '<' ("D<<").

    Withdrawn ISO codes (DDR, YUG) are left out: no document bearing them is still valid, and the scanner
    snaps a misread code to this list, where a dead code would only be a wrong place to land."""
    import pycountry

    codes = {country.alpha_3 for country in pycountry.countries} | ICAO_EXTRA_CODES
    return frozenset(code.ljust(3, FILLER) for code in codes)


def is_country_code(field: str) -> bool:
    """Whether a 3-character country field (as printed, fillers and all) holds a code on the ICAO list."""
    return field in country_codes()


# --- where each field is -----------------------------------------------------------------------------

_DL1_FIELDS = (
    ("document_code", DL1_CODE),
    ("configuration", DL1_CONFIGURATION),
    ("issuing_country", DL1_COUNTRY),
    ("version", DL1_VERSION),
    ("document_number", DL1_NUMBER),
    ("optional_data", DL1_OPTIONAL),
    ("licence_check", DL1_CHECK),
)


# The French card of the old layout (not ICAO): its own fields. Its document code and issuing state are
# what makes a reading this format at all ("IDFRA"), so no rule needs to question them; it has no
# nationality and no expiry in the MRZ.
_FRCNI_FIELDS = (
    ("document_code", FR_DOCUMENT_CODE),
    ("issuing_country", FR_ISSUING_COUNTRY),
    ("surname", FR_SURNAME),
    ("office", FR_OFFICE),
    ("document_number", FR_NUMBER),
    ("document_number_check", FR_NUMBER_CHECK),
    ("given_names", FR_GIVEN_NAMES),
    ("birth_date", FR_BIRTH_DATE),
    ("birth_date_check", FR_BIRTH_DATE_CHECK),
    ("sex", FR_SEX),
    ("composite_check", FR_COMPOSITE_CHECK),
)


@functools.cache
def _named_fields(mrz_format: MrzFormat) -> tuple[tuple[str, Field], ...]:
    if mrz_format is MrzFormat.DL1:
        return _DL1_FIELDS
    if mrz_format is MrzFormat.FRCNI:
        return _FRCNI_FIELDS
    layout = LAYOUTS[mrz_format]
    out: list[tuple[str, Field]] = []
    for attribute in fields(layout):
        if attribute.name == "composite":
            continue  # what the composite check covers, not a field of its own
        value = getattr(layout, attribute.name)
        if isinstance(value, Field):
            out.append((attribute.name, value))
        elif isinstance(value, tuple):
            out.extend((attribute.name, part) for part in value if isinstance(part, Field))
    return tuple(out)


def field_at(mrz_format: MrzFormat, line: int, column: int) -> str:
    """The name of the field at a position ("name", "nationality", ...; "" where no field is)."""
    for name, field in _named_fields(mrz_format):
        if field.line == line and field.start <= column < field.end:
            return name
    return ""


# --- document numbers --------------------------------------------------------------------------------

# The letters some issuers use in the document numbers of their passports and identity cards, where they
# leave out letters that look like digits (a number's 0 is never an O there). Only what the issuer says in
# public, and only for their passports (ordinary, official, diplomatic: P<, PO, PD) and identity cards (I<,
# ID): residence permits (IR, AR, ...), children's and temporary passports and other documents an issuer makes
# may be numbered otherwise. The key is the issuing state as the MRZ writes it.
# - Germany: passports since November 2007 and identity cards since November 2010 use the digits and the
#   letters C F G H J K L M N P R T V W X Y Z only (Passverordnung, Anlage 11; the Federal Ministry of the
#   Interior: the vowels and B, D, Q, S are left out "to ensure OCR readability"). Documents numbered
#   before then are expired: passports and identity cards are issued for ten years at most.
# - The Netherlands: the letter O is not used in passport and identity card numbers (government.nl;
#   python-stdnum's `stdnum.nl.identiteitskaartnummer` refuses it).
ISSUER_NUMBER_LETTERS: dict[str, str] = {
    "D<<": "CFGHJKLMNPRTVWXYZ",
    "NLD": LETTERS.replace("O", ""),
}
_NUMBERED_BY_ISSUER = frozenset({MrzFormat.TD1, MrzFormat.TD2, MrzFormat.TD3})
_ISSUER_NUMBERED_CODES = frozenset({"P<", "PO", "PD", "I<", "ID"})


def issuer_number_characters(mrz_format: MrzFormat, lines: Sequence[str]) -> tuple[Field, str] | None:
    """The document number's field and every character its issuer uses there (its letters, the digits and
    the filler that ends a short number), where the issuer of this passport or identity card is known to
    leave letters out (`ISSUER_NUMBER_LETTERS`, `_ISSUER_NUMBERED_CODES`); None for any other document, and
    for lines not whole."""
    if mrz_format not in _NUMBERED_BY_ISSUER or not _whole(mrz_format, lines):
        return None
    layout = LAYOUTS[mrz_format]
    letters = ISSUER_NUMBER_LETTERS.get(layout.issuing_country.read(lines))
    if letters is None or layout.document_code.read(lines) not in _ISSUER_NUMBERED_CODES:
        return None
    return layout.document_number, letters + DIGITS + FILLER


# --- the rules ---------------------------------------------------------------------------------------


def rule_doubts(mrz_format: MrzFormat, lines: Sequence[str]) -> tuple[Doubt, ...]:
    """Every position of `lines` (of `mrz_format`, whole) that a rule beyond the check digits questions."""
    if not _whole(mrz_format, lines):
        return ()
    out: list[Doubt] = []

    def mark(field_name: str, field: Field, reason: DoubtReason, columns: Iterable[int] | None = None) -> None:
        for column in columns if columns is not None else range(field.start, field.end):
            out.append(Doubt(field.line, column, lines[field.line][column], reason, field_name))

    if mrz_format is MrzFormat.DL1:
        if document_code_reason(mrz_format, DL1_CODE.read(lines)) is not None:
            mark("document_code", DL1_CODE, DoubtReason.DOCUMENT_CODE_NOT_ALLOWED)
        if not is_country_code(DL1_COUNTRY.read(lines)):
            mark("issuing_country", DL1_COUNTRY, DoubtReason.COUNTRY_UNKNOWN)
        return tuple(out)
    if mrz_format is MrzFormat.FRCNI:
        if FR_SEX.read(lines) not in SEX_CHARACTERS:
            mark("sex", FR_SEX, DoubtReason.SEX_INVALID)
        if not is_possible_date(FR_BIRTH_DATE.read(lines), birth=True):
            mark("birth_date", FR_BIRTH_DATE, DoubtReason.DATE_IMPOSSIBLE)
        for name, names in (("surname", FR_SURNAME), ("given_names", FR_GIVEN_NAMES)):
            # The card joins its given names by '<<' ("CHRISTIANE<<NI"): there a double filler is no end.
            stray = stray_name_letters(names.read(lines), one_part=name == "given_names")
            if stray:
                mark(name, names, DoubtReason.STRAY_LETTER, (names.start + offset for offset in stray))
        return tuple(sorted(out))
    layout = LAYOUTS[mrz_format]
    code_reason = document_code_reason(mrz_format, layout.document_code.read(lines))
    if code_reason is not None:
        mark("document_code", layout.document_code, code_reason)
    for name in ("issuing_country", "nationality"):
        country: Field = getattr(layout, name)
        if not is_country_code(country.read(lines)):
            mark(name, country, DoubtReason.COUNTRY_UNKNOWN)
    if layout.sex.read(lines) not in SEX_CHARACTERS:
        mark("sex", layout.sex, DoubtReason.SEX_INVALID)
    for name, date_field in (("birth_date", layout.birth_date), ("expiry_date", layout.expiry_date)):
        if not is_possible_date(date_field.read(lines), birth=name == "birth_date"):
            mark(name, date_field, DoubtReason.DATE_IMPOSSIBLE)
    stray = stray_name_letters(layout.name.read(lines))
    if stray:
        mark("name", layout.name, DoubtReason.STRAY_LETTER, (layout.name.start + offset for offset in stray))
    numbered = issuer_number_characters(mrz_format, lines)
    if numbered is not None:
        number, used = numbered
        unused = [column for column in range(number.start, number.end) if lines[number.line][column] not in used]
        if unused:
            mark("document_number", number, DoubtReason.NUMBER_LETTER_UNUSED, unused)
    return tuple(sorted(out))


def _whole(mrz_format: MrzFormat, lines: Sequence[str]) -> bool:
    """Whether `lines` are all the lines of `mrz_format`, each whole: the rules read only positions that are
    there (a reading still being typed or scanned is the length check's finding, not theirs)."""
    return len(lines) == mrz_format.line_count and all(len(line) == mrz_format.line_length for line in lines)


def is_possible_date(value: str, *, birth: bool) -> bool:
    """Whether YYMMDD `value` can stand in an MRZ's date field: each part two digits or '<<' (unknown), and
    the known parts a day of the calendar. `birth`: the month or day may also be 00, some issuers' unknown.
    An unknown part is taken as the one that allows most (year 2000, a leap year; January; the 1st), and a
    known year as 20YY: a year divisible by four is a leap year in both centuries but for 1900, long past."""
    parts = (value[0:2], value[2:4], value[4:6])
    if len(value) != 6 or any(part != FILLER * 2 and not set(part) <= set(DIGITS) for part in parts):
        return False
    unknown = {FILLER * 2, "00"} if birth else {FILLER * 2}
    year, month, day = (None if part in unknown else int(part) for part in parts)
    try:
        date(2000 + (year or 0), 1 if month is None else month, 1 if day is None else day)
    except ValueError:  # a month of 13, an April 31st, a February 29th of 2025, an expiry's 00
        return False
    return True


def stray_name_letters(name_field: str, *, one_part: bool = False) -> tuple[int, ...]:
    """Offsets in a name field of letters standing in its trailing filler run.

    A name is words joined by single fillers, the surname and the given names by the one double filler,
    and then nothing but fillers. So the run of fillers that ends the name is the first of three or more,
    or the second of two or more; a letter after it is a mark the recogniser took for a letter (a speck, a
    guilloche line), not part of the name. A field filled to its end has no trailing run: nothing is stray.
    Fillers before the first letter end nothing: there is no name yet for them to end.

    `one_part`: the field holds one part of the name whose words may be joined by double fillers (the
    French card's given names, "LEA<<ZOE<<EVA"); there only a run of three or more ends it, or its third
    given name would be taken for stray marks.
    """
    double_seen = False
    tail_from: int | None = None
    for run_start, run in _runs(name_field):
        if run[0] == FILLER and run_start > 0:
            if len(run) >= 3 or (len(run) >= 2 and double_seen):
                tail_from = run_start + len(run)
                break
            if len(run) == 2 and not one_part:
                double_seen = True
    if tail_from is None:
        return ()
    return tuple(i for i in range(tail_from, len(name_field)) if name_field[i] != FILLER)


def _runs(text: str) -> list[tuple[int, str]]:
    """(start, run) of each run of fillers and of non-fillers."""
    out: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or (text[i] == FILLER) != (text[start] == FILLER):
            out.append((start, text[start:i]))
            start = i
    return out


# --- rules that depend on the day ----------------------------------------------------------------------

# The most calendar years an expiry date may lie after today's year and pass without the clerk confirming it.
# ICAO 9303 sets no longest validity, but passports and ID cards are issued for ten years at most (a British
# passport of before 2018 for up to ten years and nine months: the months left on the old one carried over),
# so eleven is a year of margin. A card that is valid longer (Belgium's for citizens over 75, 30 years) is
# confirmed with one tick, not refused. The misreads it is for jump decades: the year's tens digit read as
# its look-alike (3 as 8, 2 as 7), past what any issuer gives.
FAR_AHEAD_YEARS = 11


def dated_doubts(mrz_format: MrzFormat, lines: Sequence[str], *, today: date) -> tuple[Doubt, ...]:
    """The doubts of `lines` that depend on `today`: all of an expiry date more than FAR_AHEAD_YEARS ahead,
    to be compared with the document. An expiry already past is no doubt: the check fails it as expired."""
    layout = LAYOUTS.get(mrz_format)
    if layout is None or not _whole(mrz_format, lines):
        return ()
    field = layout.expiry_date
    expiry = parse_expiry_date(field.read(lines))
    if expiry is None or expiry.year - today.year <= FAR_AHEAD_YEARS:
        return ()
    return tuple(
        Doubt(field.line, column, lines[field.line][column], DoubtReason.EXPIRY_FAR_AHEAD, "expiry_date")
        for column in range(field.start, field.end)
    )


def merge_doubts(*groups: Iterable[Doubt]) -> tuple[Doubt, ...]:
    """The doubts of several sources, one per position (a rule's before the recogniser's: it says more)."""
    by_position: dict[tuple[int, int], Doubt] = {}
    for group in groups:
        for doubt in group:
            by_position.setdefault((doubt.line, doubt.column), doubt)
    return tuple(sorted(by_position.values()))


def current_doubts(
    mrz_format: MrzFormat, lines: Sequence[str], unsure: Iterable[Doubt] = (), *, today: date
) -> tuple[Doubt, ...]:
    """The doubts that stand for `lines` as they are now, on `today`: every rule's, and those of the
    recogniser's `unsure` marks whose character is still the one it doubted. Where the clerk has typed
    another character in its place, the clerk has looked at the document: that mark is settled."""
    still = [
        doubt
        for doubt in unsure
        if doubt.line < len(lines)
        and doubt.column < len(lines[doubt.line])
        and lines[doubt.line][doubt.column] == doubt.character
    ]
    return merge_doubts(rule_doubts(mrz_format, lines), dated_doubts(mrz_format, lines, today=today), still)
