"""A document checked by its MRZ as the assurance rules see it: its type, and the CPR number a Danish
document carries in its optional data."""

from __future__ import annotations

import pytest

from borgerservice_desk.domain.assurance.documents import (
    DocumentType,
    checked_document_type,
    cpr_in_optional_data,
)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("passport", DocumentType.PASSPORT),
        ("id_card", DocumentType.NATIONAL_ID_CARD),
        ("residence_card", DocumentType.RESIDENCE_PERMIT),
        ("driving_licence", DocumentType.DRIVING_LICENCE),
        ("visa", None),
        ("other", None),
    ],
)
def test_each_checked_kind_has_its_assurance_type(kind: str, expected: DocumentType | None) -> None:
    assert checked_document_type(kind) is expected


@pytest.mark.parametrize(
    ("issuer", "optional_data", "expected"),
    [
        ("DNK", "7101801234", "7101801234"),
        ("DNK", "710180-1234<<<", "7101801234"),
        ("GRL", "<<7101801234", "7101801234"),
        ("FRO", "7101801234", "7101801234"),
        ("DNK", "", None),
        ("DNK", "<<<<<<<<<<<<<<", None),
        ("DNK", "71018012345", None),  # eleven digits: not a CPR number
        ("DNK", "A101801234", None),
        ("SWE", "7101801234", None),  # a Swedish personal number is no Danish CPR number
    ],
)
def test_a_cpr_number_is_read_only_from_a_danish_documents_optional_data(
    issuer: str, optional_data: str, expected: str | None
) -> None:
    assert cpr_in_optional_data(issuer, optional_data) == expected
