"""The identity check (shared/DOMAIN.md, "Identity check"): does this document prove who the citizen is?

Every rule gives one `Finding`, passed or not, so the clerk sees what was checked and not only what failed.
A finding's `code` names the problem the rule looks for ("expired", "name_mismatch"); `passed` says the
document is free of it. Codes are stable: `ui/` words them.

Names have no check digit and OCR misreads fillers, so the name rule compares generously where the MRZ
spelling rules allow it (Å as AA or A, accents dropped, hyphens as spaces, names cut at the end of the line)
and strictly otherwise, and a mismatch carries both spellings and a `diff` saying what differs, so the
clerk can judge.

A driving licence's MRZ line names no one and holds no dates: on its own it cannot pass (finding
`licence_fields_required`); the printed fields are typed and judged by `domain.licence.evaluate_licence`.

A French identity card of the pre-2021 layout names its holder but has no expiry in its MRZ: its validity is
printed on the card, so, as for the licence, the clerk types the printed date (`printed_expiry`). Without
it the check cannot pass (finding `printed_expiry_required`); it never claims an expiry the MRZ lacks.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from borgerservice_desk.domain.mrz import FILLER, DocumentKind, MrzDocument
from borgerservice_desk.domain.mrz.rules import Doubt, DoubtReason, current_doubts
from borgerservice_desk.domain.mrz.spelling import DROPPED_MARKS, NAME_SEPARATORS, letter_spellings

# DOMAIN.md: a passport, a driving licence, or a residence card with photo; ID cards are accepted as before.
# A visa is not photo ID.
ACCEPTED_DOCUMENT_KINDS = frozenset(
    {DocumentKind.PASSPORT, DocumentKind.ID_CARD, DocumentKind.RESIDENCE_CARD, DocumentKind.DRIVING_LICENCE}
)

CHECK_DIGIT_FAILED = "check_digit_failed"
DOCUMENT_NOT_ACCEPTED = "document_not_accepted"
EXPIRED = "expired"
EXPIRY_UNREADABLE = "expiry_unreadable"
BIRTH_DATE_MISMATCH = "birth_date_mismatch"
BIRTH_DATE_UNREADABLE = "birth_date_unreadable"
SEX_MISMATCH = "sex_mismatch"
NAME_MISMATCH = "name_mismatch"
LICENCE_FIELDS_REQUIRED = "licence_fields_required"
# The MRZ's own rules beyond its check digits (domain.mrz.rules): document code, country codes, sex. Failed
# once per field that breaks one (params rule, field, read); passed, without params, when none does, and
# passed with confirmed "yes" for a country code off the list that the clerk confirmed.
MRZ_RULE = "mrz_rule"
# Characters in doubt (a stray letter in a name's filler, an unusual document code, a character the scanner
# was unsure of) that the clerk has not confirmed against the document. Params: fields (comma separated,
# in the order of the MRZ), count, and confirmed (the fields the clerk confirmed).
CHARACTERS_UNCONFIRMED = "characters_unconfirmed"
PRINTED_EXPIRY_REQUIRED = "printed_expiry_required"
# Typed licence fields against the licence's own MRZ line (domain.licence):
COUNTRY_MISMATCH = "country_mismatch"
LICENCE_NUMBER_MISMATCH = "licence_number_mismatch"


@dataclass(frozen=True)
class Finding:
    code: str
    passed: bool
    params: tuple[tuple[str, str], ...] = ()  # ordered (key, value) pairs, hashable unlike a dict

    def param(self, key: str) -> str | None:
        return dict(self.params).get(key)


@dataclass(frozen=True)
class HolderFacts:
    """The citizen as the register knows them, to hold the document against."""

    surname: str
    given_names: str
    birth_date: date
    sex: str | None  # "M", "F", or None when unknown


@dataclass(frozen=True)
class IdentityCheckOutcome:
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        return all(finding.passed for finding in self.findings)

    @property
    def failures(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if not finding.passed)


def evaluate(
    document: MrzDocument,
    holder: HolderFacts,
    *,
    today: date,
    unsure: Sequence[Doubt] = (),
    confirmed: Collection[str] = (),
    printed_expiry: date | None = None,
) -> IdentityCheckOutcome:
    """Hold `document` against the citizen's register facts; `today` decides whether it has expired, and
    whether its expiry lies further ahead than documents are issued for (a doubt to confirm, `rules`).

    `unsure` are the scanner's marks of characters it was unsure of; with the rules' own doubts they must
    all be confirmed against the document by the clerk (`confirmed` names the fields confirmed) before the
    check passes, so a misread that every check digit lets through is never passed silently.

    A driving licence line (DL1) gets its kind and check digit judged and then fails with
    `licence_fields_required`: without the printed name, birth date and expiry it proves nothing.
    `printed_expiry` is the validity date the clerk typed from a document whose MRZ has none (the French
    card); it is ignored for a document whose MRZ holds its expiry: the check digit vouches for that one.
    """
    findings: list[Finding] = [_document_kind(document)]
    findings.extend(
        Finding(CHECK_DIGIT_FAILED, valid, (("field", field),)) for field, valid in document.checks
    )
    findings.extend(doubt_findings(current_doubts(document.format, document.lines, unsure, today=today), confirmed))
    if not document.has_holder_data:
        findings.append(Finding(LICENCE_FIELDS_REQUIRED, False, (("document_kind", str(document.document_kind)),)))
        return IdentityCheckOutcome(tuple(findings))
    findings.append(_expiry(document, today, printed_expiry))
    findings.append(_birth_date(document, holder))
    sex = _sex(document, holder)
    if sex is not None:
        findings.append(sex)
    findings.extend(_names(document, holder))
    return IdentityCheckOutcome(tuple(findings))


def doubt_findings(doubts: Sequence[Doubt], confirmed: Collection[str]) -> list[Finding]:
    """The findings the doubts of a reading give: one per field that breaks a rule (or one passed finding
    when none does), and, where other characters await the clerk's confirmation, whether every field
    holding one was confirmed. A country code off the list passes once the clerk confirmed it."""
    findings: list[Finding] = []
    broken: dict[tuple[str, str], str] = {}
    for doubt in doubts:
        if doubt.blocking or doubt.reason is DoubtReason.COUNTRY_UNKNOWN:
            key = (doubt.field, str(doubt.reason))
            broken[key] = broken.get(key, "") + doubt.character
    for (field, rule), read in broken.items():
        passed = rule == DoubtReason.COUNTRY_UNKNOWN and field in confirmed
        params = (("rule", rule), ("field", field), ("read", read))
        findings.append(Finding(MRZ_RULE, passed, params + ((("confirmed", "yes"),) if passed else ())))
    if not broken:
        findings.append(Finding(MRZ_RULE, True))
    to_confirm = [d for d in doubts if not d.blocking and d.reason is not DoubtReason.COUNTRY_UNKNOWN]
    if to_confirm:
        fields = list(dict.fromkeys(doubt.field for doubt in to_confirm))
        done = [field for field in fields if field in confirmed]
        findings.append(
            Finding(
                CHARACTERS_UNCONFIRMED,
                len(done) == len(fields),
                (("fields", ",".join(fields)), ("count", str(len(to_confirm))), ("confirmed", ",".join(done))),
            )
        )
    return findings


def _document_kind(document: MrzDocument) -> Finding:
    kind = document.document_kind
    return Finding(
        DOCUMENT_NOT_ACCEPTED,
        kind in ACCEPTED_DOCUMENT_KINDS,
        (("document_kind", str(kind)), ("document_code", document.document_code)),
    )


def _expiry(document: MrzDocument, today: date, printed_expiry: date | None) -> Finding:
    if not document.expiry_in_mrz:
        if printed_expiry is None:
            return Finding(PRINTED_EXPIRY_REQUIRED, False, (("document_kind", str(document.document_kind)),))
        until = french_card_valid_until(printed_expiry, document.birth_date)
        params: tuple[tuple[str, str], ...] = (("expiry_date", until.isoformat()),)
        if until != printed_expiry:
            params += (("printed_expiry", printed_expiry.isoformat()),)
        return Finding(EXPIRED, until >= today, params)
    if document.expiry_date is None:
        return Finding(EXPIRY_UNREADABLE, False)
    return Finding(
        EXPIRED,
        document.expiry_date >= today,  # a document is valid through its expiry date
        (("expiry_date", document.expiry_date.isoformat()),),
    )


# French cards issued from 2 January 2004 to 31 December 2013 to adults are valid 15 years, not the 10 printed
# on them (French decree 2013-1188, in force 1 January 2014): the printed date is not changed, so the five
# years are added here. Such a card was issued 10 years before its printed date.
_FR_EXTENSION_FIRST_ISSUE = date(2004, 1, 2)
_FR_EXTENSION_LAST_ISSUE = date(2013, 12, 31)
_FR_PRINTED_YEARS = 10
_FR_EXTENSION_YEARS = 5
_ADULT_YEARS = 18


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a year without one
        return day.replace(year=day.year + years, day=28)


def french_card_valid_until(printed_expiry: date, birth_date: date | None) -> date:
    """The last day a French identity card of the pre-2021 layout is valid, from the date printed on it.

    The printed date stands, except for a card issued 2004-2013 to an adult, which is valid five years more.
    An unreadable birth date gives no extension: the clerk then sees the printed date, the stricter one.
    """
    issued = _years_later(printed_expiry, -_FR_PRINTED_YEARS)
    if birth_date is None or not _FR_EXTENSION_FIRST_ISSUE <= issued <= _FR_EXTENSION_LAST_ISSUE:
        return printed_expiry
    if _years_later(birth_date, _ADULT_YEARS) > issued:
        return printed_expiry
    return _years_later(printed_expiry, _FR_EXTENSION_YEARS)


def _birth_date(document: MrzDocument, holder: HolderFacts) -> Finding:
    read = document.birth_date
    if read is None:
        return Finding(BIRTH_DATE_UNREADABLE, False, (("expected", holder.birth_date.isoformat()),))
    # The MRZ holds only two digits of the year, so the parser's century guess is wrong for anyone
    # over 100; comparing the two digits avoids failing them.
    same = (read.year % 100, read.month, read.day) == (
        holder.birth_date.year % 100,
        holder.birth_date.month,
        holder.birth_date.day,
    )
    return Finding(
        BIRTH_DATE_MISMATCH,
        same,
        (("expected", holder.birth_date.isoformat()), ("read", read.isoformat())),
    )


def _sex(document: MrzDocument, holder: HolderFacts) -> Finding | None:
    if holder.sex is None or document.sex not in ("M", "F"):
        return None
    return Finding(
        SEX_MISMATCH, document.sex == holder.sex.upper(), (("expected", holder.sex.upper()), ("read", document.sex))
    )


def _names(document: MrzDocument, holder: HolderFacts) -> tuple[Finding, Finding]:
    truncated = document.names_may_be_truncated
    surname_ok = surname_matches(
        document.surname, holder.surname, may_be_truncated=document.surname_may_be_truncated
    )
    given_ok = given_names_match(document.given_names, holder.given_names, may_be_truncated=truncated)
    return (
        name_finding("surname", surname_ok, expected=holder.surname, read=document.surname),
        name_finding("given_names", given_ok, expected=holder.given_names, read=document.given_names),
    )


def name_finding(part: str, passed: bool, *, expected: str, read: str) -> Finding:
    """A `name_mismatch` finding for `part` ("surname" or "given_names").

    Params, in order: part, expected (the register's spelling), read (as on the document); a failed finding
    adds expected_spelling (the register's name as an MRZ spells it, the spelling closest to what was read)
    and diff (see `name_diff`). So does a passed one where the document only has less than the register (a
    middle name left out, a name cut short where the field is full): the clerk sees what was let pass.
    """
    params: tuple[tuple[str, str], ...] = (("part", part), ("expected", expected), ("read", read))
    spelling, diff = name_diff(expected, read)
    differences = re.findall(r"\[([^\]→]*)→([^\]]*)\]", diff)
    shortened = bool(differences) and all(not added for _, added in differences)
    if not passed or shortened:
        params += (("expected_spelling", spelling), ("diff", diff))
    return Finding(NAME_MISMATCH, passed, params)


def name_diff(expected: str, read: str) -> tuple[str, str]:
    """What differs between the register's name and the name read, for the clerk's eye.

    Both are spelled as an MRZ spells them, words joined by '<' (so a filler misread as K shows as one).
    Returns (the register's spelling closest to what was read, the diff), where the diff is that spelling
    with each difference in brackets as [register→document]: "SOERENS[E→SO]N", "ANNE[<→K]MARIE", "ANNE[<MARIE→]"
    (a name missing on the document), "[→X]ANNE" (one extra). Equal names give the spelling without brackets.
    """
    read_text = _mrz_words(read)
    best = max(
        (_mrz_words(spelling) for spelling in itertools.islice(_spellings(expected), 64)),
        key=lambda spelling: difflib.SequenceMatcher(None, spelling, read_text, autojunk=False).ratio(),
    )
    matcher = difflib.SequenceMatcher(None, best, read_text, autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(best[i1:i2])
        else:
            out.append(f"[{best[i1:i2]}→{read_text[j1:j2]}]")
    return best, "".join(out)


@dataclass(frozen=True)
class NamePiece:
    """One stretch of a name diff: the register's letters and the document's letters there (MRZ spelling).

    Equal where the two agree; where they differ one side may be empty (a letter missing or extra)."""

    register: str
    document: str

    @property
    def differs(self) -> bool:
        return self.register != self.document


_DIFF_PIECE = re.compile(r"\[([^\]→]*)→([^\]]*)\]")


def name_diff_pieces(diff: str) -> tuple[NamePiece, ...]:
    """A `name_diff` diff ("SOERENS[E→SO]N") as pieces, so a reader can mark the differing letters without
    knowing the bracket notation: (SOERENS, SOERENS), (E, SO), (N, N)."""
    pieces: list[NamePiece] = []
    at = 0
    for match in _DIFF_PIECE.finditer(diff):
        if match.start() > at:
            same = diff[at : match.start()]
            pieces.append(NamePiece(same, same))
        pieces.append(NamePiece(match.group(1), match.group(2)))
        at = match.end()
    if at < len(diff):
        pieces.append(NamePiece(diff[at:], diff[at:]))
    return tuple(pieces)


def _mrz_words(name: str) -> str:
    return normalise_name(name).replace(" ", "<")


# --- name comparison -------------------------------------------------------------------------------------

# Past this many letters with alternative spellings the variants are not multiplied out any further;
# no real name comes close, it only bounds the work for hostile input.
_MAX_ALTERNATIVES = 6
_WORD_SEPARATORS = NAME_SEPARATORS | {FILLER}


def normalise_name(name: str) -> str:
    """A name as an MRZ would spell it, in words: upper case, Æ/Ø/Å as AE/OE/AA, accents dropped, hyphens and
    fillers as spaces, apostrophes dropped. "Søren-Åge D'Ørsted" -> "SOEREN AAGE DOERSTED"."""
    return next(_spellings(name))


def name_spellings(name: str) -> Iterator[str]:
    """Every accepted MRZ spelling of `name` in words ("Åse" -> "AASE", "ASE"), the preferred one first."""
    return _spellings(name)


def _spellings(name: str) -> Iterator[str]:
    """Every accepted MRZ spelling of `name` (see `normalise_name`), the preferred one first."""
    pieces: list[tuple[str, ...]] = []
    alternatives = 0
    for char in name.upper():
        if char in DROPPED_MARKS:
            continue
        if char in _WORD_SEPARATORS or char.isspace():
            pieces.append((" ",))
            continue
        options = letter_spellings(char)
        if len(options) > 1:
            alternatives += 1
            if alternatives > _MAX_ALTERNATIVES:
                options = options[:1]
        pieces.append(options)
    for combination in itertools.product(*pieces):
        yield " ".join("".join(combination).split())


def _words_variants(name: str) -> list[list[str]]:
    return [spelling.split() for spelling in _spellings(name)]


def surname_matches(read: str, expected: str, *, may_be_truncated: bool = False) -> bool:
    """Whether the surname read from an MRZ fits the register's surname.

    Word breaks are ignored (a hyphen or space may have been written either way); a truncated name field
    may end anywhere in the surname.
    """
    read_compact = normalise_name(read).replace(" ", "")
    if not read_compact:
        return not normalise_name(expected)
    for spelling in _spellings(expected):
        compact = spelling.replace(" ", "")
        if read_compact == compact or (may_be_truncated and compact.startswith(read_compact)):
            return True
    return False


def given_names_match(read: str, expected: str, *, may_be_truncated: bool = False) -> bool:
    """Whether the given names read from an MRZ fit the register's given names.

    Every name in the MRZ must be the register's name in the same place; the MRZ may leave out trailing
    middle names. When the name field is full, its last name may be cut short, or all given names may
    have been cut off.
    """
    read_words = normalise_name(read).split()
    if not read_words:
        return may_be_truncated or not normalise_name(expected)
    for expected_words in _words_variants(expected):
        if len(read_words) > len(expected_words):
            continue
        *whole, last = read_words
        if whole != expected_words[: len(whole)]:
            continue
        candidate = expected_words[len(whole)]
        if last == candidate or (may_be_truncated and candidate.startswith(last)):
            return True
    return False
