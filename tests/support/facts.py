"""The facts many tests share, each written down once: the fixed day the tests run on, and the sample
holder with her Danish passport (made up; her data appears in unit, integration and image tests alike)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from borgerservice_desk.domain.identity_check import HolderFacts
from borgerservice_desk.domain.mrz import MrzDocument, parse_mrz
from tests.support.mrz import compose_td3

# A Friday morning at the counter, in UTC (10:00 in Copenhagen): the fixed clock of every test.
NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 27)

# The sample holder as the register knows her, and the passport she shows.
HOLDER = HolderFacts(surname="Sørensen", given_names="Anne Marie", birth_date=date(1985, 3, 14), sex="F")
PASSPORT_NUMBER = "212345678"
PASSPORT_EXPIRY = date(2031, 5, 2)


def passport_fields(**changes: Any) -> dict[str, Any]:
    """compose_td3's arguments for the holder's passport, with `changes` applied."""
    fields: dict[str, Any] = {
        "document_code": "P",
        "issuing_country": "DNK",
        "surname": HOLDER.surname,
        "given_names": HOLDER.given_names,
        "document_number": PASSPORT_NUMBER,
        "nationality": "DNK",
        "birth_date": HOLDER.birth_date,
        "sex": HOLDER.sex,
        "expiry_date": PASSPORT_EXPIRY,
    }
    fields.update(changes)
    return fields


def passport_lines(**changes: Any) -> tuple[str, str]:
    """The two MRZ lines of the holder's passport (with `changes`)."""
    return compose_td3(**passport_fields(**changes))


def passport(**changes: Any) -> MrzDocument:
    """The holder's passport (with `changes`) as parsed on TODAY."""
    return parse_mrz("\n".join(passport_lines(**changes)), today=TODAY)
