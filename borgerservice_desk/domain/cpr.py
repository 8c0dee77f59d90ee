"""CPR numbers (DDMMYY-SSSS), checked with python-stdnum plus the replacement-number rule.

stdnum checks the format and the embedded birth date and, rightly, not the modulus-11 digit, which is
not guaranteed since 2007. Replacement numbers for people outside the register carry the day plus 60
(days 61-91); stdnum does not know them, so the day is brought back before asking it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from stdnum import exceptions as stdnum_errors
from stdnum.dk import cpr as stdnum_cpr

from borgerservice_desk.errors import InvalidInput

REPLACEMENT_DAY_OFFSET = 60


class Sex(enum.StrEnum):
    FEMALE = "F"
    MALE = "M"


@dataclass(frozen=True, order=True)
class Cpr:
    """A checked CPR number, kept as its ten digits."""

    digits: str

    @classmethod
    def parse(cls, text: str, *, today: date | None = None) -> Cpr:
        """Accept "DDMMYY-SSSS", "DDMMYYSSSS" or with spaces; raise `cpr.invalid` otherwise.

        Only ASCII 0-9 are digits here: str.isdigit() also says yes to '²', '①', Arabic-Indic and
        fullwidth digits, which int() then refuses or reads as another number. (stdnum turns fullwidth
        digits into ASCII ones; they are refused before it sees them.)
        """
        if any(char.isnumeric() and not char.isascii() for char in text or ""):
            raise InvalidInput("cpr.invalid_format", value=masked_input(text))
        compact = stdnum_cpr.compact(text or "")
        if len(compact) != 10 or not is_ascii_digits(compact):
            raise InvalidInput("cpr.invalid_format", value=masked_input(text))
        day = int(compact[:2])
        as_register = compact
        if day > REPLACEMENT_DAY_OFFSET:
            as_register = f"{day - REPLACEMENT_DAY_OFFSET:02d}{compact[2:]}"
        try:
            born = stdnum_cpr.get_birth_date(as_register)
        except stdnum_errors.ValidationError:
            raise InvalidInput("cpr.invalid_date", value=masked_input(text)) from None
        if born > (today or date.today()):
            raise InvalidInput("cpr.born_in_future", value=masked_input(text))
        return cls(compact)

    @property
    def is_replacement(self) -> bool:
        return int(self.digits[:2]) > REPLACEMENT_DAY_OFFSET

    @property
    def birth_date(self) -> date:
        day = int(self.digits[:2])
        if day > REPLACEMENT_DAY_OFFSET:
            day -= REPLACEMENT_DAY_OFFSET
        return stdnum_cpr.get_birth_date(f"{day:02d}{self.digits[2:]}")

    @property
    def sex(self) -> Sex:
        return Sex.FEMALE if int(self.digits[-1]) % 2 == 0 else Sex.MALE

    @property
    def formatted(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"

    @property
    def masked(self) -> str:
        return f"{self.digits[:6]}-XXXX"

    def __str__(self) -> str:  # never leak the full number through a stray format or log line
        return self.masked

    def __repr__(self) -> str:
        return f"Cpr({self.masked!r})"


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty run of 0-9 only (not the other characters Unicode counts as digits)."""
    return text.isascii() and text.isdigit()


def looks_like_cpr(digits: str) -> bool:
    """Ten ASCII digits whose first six are a date DDMMYY (a replacement number's day plus 60 too)."""
    if len(digits) != 10 or not is_ascii_digits(digits):
        return False
    day = int(digits[:2])
    if day > REPLACEMENT_DAY_OFFSET:
        day -= REPLACEMENT_DAY_OFFSET
    try:
        stdnum_cpr.get_birth_date(f"{day:02d}{digits[2:]}")
    except stdnum_errors.ValidationError:
        return False
    return True


def cpr_typed(text: str) -> str | None:
    """The ten digits of `text` when the whole of it is a CPR number as a person types one ("010190-1234",
    "0101901234", "010190 1234"), else None: a number typed where a name was expected is still recognised."""
    digits = "".join(text.split()).replace("-", "")
    return digits if looks_like_cpr(digits) else None


def mask_cpr_runs(text: str, *, starts: Iterable[int] | None = None) -> str:
    """`text` with the last four digits of every CPR-looking run of ten digits turned into "XXXX", the
    length kept (for MRZ lines, whose optional data may hold a Danish holder's full CPR number).

    Every window of ten digits that `looks_like_cpr` is masked, overlapping ones too: better a digit
    too many hidden than a serial shown. `starts` limits where a window may begin (e.g. the optional
    data field of an MRZ, so an expiry date next to it is not taken for one).
    """
    chars = list(text)
    positions = range(len(text) - 9) if starts is None else starts
    for start in positions:
        if 0 <= start <= len(text) - 10 and looks_like_cpr(text[start : start + 10]):
            chars[start + 6 : start + 10] = "XXXX"
    return "".join(chars)


def mask(digits: str | None) -> str | None:
    """A stored CPR number (or none) as lists show it."""
    return None if digits is None else Cpr(digits).masked


def masked_input(text: str | None) -> str:
    """What was typed, safe to show and log: never more than the birth-date part."""
    cleaned = (text or "").strip()
    return cleaned[:6] + ("-XXXX" if len(cleaned) > 6 else "")
