"""How names are spelled in an MRZ, which has only A-Z (ICAO 9303 part 3): the one table of national letters.

The identity check compares a register's name with what a document holds by it (`domain.identity_check`),
and test documents are written by it (tests/support/mrz.py).
"""

from __future__ import annotations

import unicodedata

# Letters with no plain A-Z spelling, and the MRZ spellings they take (ICAO 9303 part 3 and common
# practice), the preferred one first. A letter not listed is spelled with its accents dropped.
NATIONAL_SPELLINGS: dict[str, tuple[str, ...]] = {
    "Æ": ("AE",),
    "Ø": ("OE",),
    "Å": ("AA", "A"),
    "Ä": ("AE", "A"),
    "Ö": ("OE", "O"),
    "Ü": ("UE", "U"),
    "ß": ("SS",),
    "Œ": ("OE",),
    "Þ": ("TH",),
    "Ð": ("D",),
    "Ł": ("L",),
}
# Between the words of a name: written as a filler in an MRZ (hyphens of every kind, commas, full stops).
NAME_SEPARATORS = frozenset("-‐‑–,.")
# Apostrophes and accents standing alone: an MRZ leaves them out ("D'Angelo" -> "DANGELO").
DROPPED_MARKS = frozenset("'’`´ʼ")


def letter_spellings(char: str) -> tuple[str, ...]:
    """The MRZ spellings of one upper-case letter, the preferred first: from the table, or the letter with
    its accents dropped ("É" -> "E")."""
    spellings = NATIONAL_SPELLINGS.get(char)
    if spellings is not None:
        return spellings
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return (base.upper(),)
