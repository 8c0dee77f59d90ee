"""Driving licences: the Danish licence typed in, an EU licence with its DL1 line, and what is refused."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from borgerservice_desk.domain.identity_check import (
    Finding,
    IdentityCheckOutcome,
    evaluate,
)
from borgerservice_desk.domain.licence import (
    TypedLicence,
    evaluate_licence,
    licence_country,
    validate_licence,
)
from borgerservice_desk.domain.mrz import DocumentKind, parse_mrz
from borgerservice_desk.errors import InvalidInput
from tests.support.facts import HOLDER, TODAY
from tests.support.mrz import compose_dl1


def danish(**changes: Any) -> TypedLicence:
    fields: dict[str, Any] = {
        "issuing_country": "DK",
        "number": "1234 5678",
        "surname": "Sørensen",
        "given_names": "Anne Marie",
        "birth_date": date(1985, 3, 14),
        "expiry_date": date(2034, 6, 1),
    }
    fields.update(changes)
    return TypedLicence(**fields)


def eu(line_country: str = "NLD", line_number: str = "5094962111", **changes: Any) -> TypedLicence:
    (line,) = compose_dl1(issuing_country=line_country, licence_number=line_number, optional_data="659VW87Z78NB8")
    fields: dict[str, Any] = {
        "issuing_country": "NL",
        "number": "5094962111",
        "surname": "Sørensen",
        "given_names": "Anne Marie",
        "birth_date": date(1985, 3, 14),
        "expiry_date": date(2030, 2, 1),
        "mrz_line": line,
    }
    fields.update(changes)
    return TypedLicence(**fields)


def only(outcome: IdentityCheckOutcome, code: str, part: str | None = None) -> Finding:
    (finding,) = [f for f in outcome.findings if f.code == code and (part is None or f.param("part") == part)]
    return finding


# --- the Danish licence ----------------------------------------------------------------------------------


def test_the_citizens_danish_licence_passes_every_finding_except_sex_which_it_lacks() -> None:
    outcome = evaluate_licence(danish(), HOLDER, today=TODAY)

    assert outcome.passed
    assert [f.code for f in outcome.findings] == [
        "document_not_accepted",
        "expired",
        "birth_date_mismatch",
        "name_mismatch",
        "name_mismatch",
    ]
    assert only(outcome, "document_not_accepted").param("document_kind") == "driving_licence"


def test_licence_properties_keep_only_what_may_be_kept() -> None:
    licence = danish()

    assert licence.normalised_number == "12345678"
    assert licence.number_last4 == "5678"
    assert licence.country_code == "DNK"
    assert licence.document_kind is DocumentKind.DRIVING_LICENCE
    assert licence.is_danish_without_mrz
    assert licence.mrz_document() is None


def test_an_expired_licence_fails_and_is_valid_through_its_expiry_day() -> None:
    assert evaluate_licence(danish(expiry_date=TODAY), HOLDER, today=TODAY).passed

    outcome = evaluate_licence(danish(expiry_date=date(2026, 11, 26)), HOLDER, today=TODAY)

    assert outcome.failures == (only(outcome, "expired"),)
    assert only(outcome, "expired").param("expiry_date") == "2026-11-26"


def test_another_birth_date_fails_showing_both() -> None:
    outcome = evaluate_licence(danish(birth_date=date(1985, 3, 15)), HOLDER, today=TODAY)

    finding = only(outcome, "birth_date_mismatch")
    assert (finding.passed, finding.param("expected"), finding.param("read")) == (False, "1985-03-14", "1985-03-15")
    assert outcome.failures == (finding,)


def test_the_birth_date_is_compared_with_its_century() -> None:
    # Typed in full, unlike an MRZ's two digits: 1925 is not 2025.
    holder = dataclasses.replace(HOLDER, birth_date=date(1925, 6, 1))

    outcome = evaluate_licence(danish(birth_date=date(2025, 6, 1)), holder, today=TODAY)

    assert not only(outcome, "birth_date_mismatch").passed


@pytest.mark.parametrize(
    ("surname", "given_names"),
    [
        ("SØRENSEN", "ANNE MARIE"),  # capitals as printed
        ("Soerensen", "Anne-Marie"),  # Ø spelled out, hyphen for space
        ("sørensen", "anne marie"),
        ("Sørensen", "Anne"),  # trailing middle names may be left out, as on an MRZ
    ],
)
def test_typed_names_match_with_the_transliteration_tolerance(surname: str, given_names: str) -> None:
    outcome = evaluate_licence(danish(surname=surname, given_names=given_names), HOLDER, today=TODAY)

    assert outcome.passed, outcome.failures


def test_aa_typed_for_a_register_aa_and_the_other_way_round_match() -> None:
    holder = dataclasses.replace(HOLDER, surname="Ågård", given_names="Åse")

    assert evaluate_licence(danish(surname="Aagaard", given_names="Ase"), holder, today=TODAY).passed
    holder = dataclasses.replace(HOLDER, surname="Aagaard")
    assert evaluate_licence(danish(surname="Ågård", given_names="Anne Marie"), holder, today=TODAY).passed


def test_a_wrong_name_fails_saying_what_differs() -> None:
    outcome = evaluate_licence(danish(surname="Sørensson", given_names="Anne Maria"), HOLDER, today=TODAY)

    surname = only(outcome, "name_mismatch", "surname")
    assert surname.params == (
        ("part", "surname"),
        ("expected", "Sørensen"),
        ("read", "Sørensson"),
        ("expected_spelling", "SOERENSEN"),
        ("diff", "SOERENS[E→SO]N"),
    )
    given = only(outcome, "name_mismatch", "given_names")
    assert given.param("diff") == "ANNE<MARI[E→A]"
    assert not outcome.passed


def test_o_typed_for_oe_is_a_mismatch_with_the_letter_shown() -> None:
    outcome = evaluate_licence(danish(surname="Sorensen"), HOLDER, today=TODAY)

    assert only(outcome, "name_mismatch", "surname").param("diff") == "SO[E→]RENSEN"


# --- an EU licence with its DL1 line ---------------------------------------------------------------------


def test_an_eu_licence_with_its_line_passes_and_its_line_is_checked() -> None:
    outcome = evaluate_licence(eu(), HOLDER, today=TODAY)

    assert outcome.passed, outcome.failures
    assert [f.code for f in outcome.findings] == [
        "document_not_accepted",
        "check_digit_failed",
        "country_mismatch",
        "licence_number_mismatch",
        "expired",
        "birth_date_mismatch",
        "name_mismatch",
        "name_mismatch",
    ]
    assert only(outcome, "check_digit_failed").param("field") == "licence"
    assert only(outcome, "document_not_accepted").param("document_code") == "D"


def test_a_wrong_check_digit_on_the_line_fails() -> None:
    good = eu().mrz_line
    assert good is not None
    bad_digit = str((int(good[-1]) + 1) % 10)

    outcome = evaluate_licence(eu(mrz_line=good[:-1] + bad_digit), HOLDER, today=TODAY)

    assert outcome.failures == (only(outcome, "check_digit_failed"),)


def test_the_lines_country_must_be_the_typed_country() -> None:
    outcome = evaluate_licence(eu(line_country="BEL"), HOLDER, today=TODAY)

    finding = only(outcome, "country_mismatch")
    assert (finding.passed, finding.param("expected"), finding.param("read")) == (False, "NLD", "BEL")
    assert outcome.failures == (finding,)


@pytest.mark.parametrize(("typed", "line"), [("D", "D"), ("DEU", "D"), ("D", "DEU"), ("dk", "DNK"), ("NLD", "NLD")])
def test_a_distinguishing_sign_and_an_alpha3_code_are_the_same_country(typed: str, line: str) -> None:
    outcome = evaluate_licence(eu(line_country=line, issuing_country=typed), HOLDER, today=TODAY)

    assert only(outcome, "country_mismatch").passed


def test_the_lines_number_must_be_the_typed_number() -> None:
    outcome = evaluate_licence(eu(line_number="5094962112"), HOLDER, today=TODAY)

    finding = only(outcome, "licence_number_mismatch")
    assert (finding.passed, finding.param("expected"), finding.param("read")) == (False, "5094962111", "5094962112")


def test_a_licence_line_alone_cannot_pass_an_identity_check() -> None:
    line = eu().mrz_line
    assert line is not None
    document = parse_mrz(line, today=TODAY)

    outcome = evaluate(document, HOLDER, today=TODAY)

    assert only(outcome, "document_not_accepted").passed  # a licence is photo ID ...
    assert only(outcome, "check_digit_failed").passed
    assert outcome.failures == (only(outcome, "licence_fields_required"),)  # ... once its fields are typed


def test_licence_country_maps_signs_and_leaves_codes() -> None:
    assert [licence_country(c) for c in ("DK", " nl ", "D<<", "S", "SLO", "DNK", "UTO")] == [
        "DNK",
        "NLD",
        "DEU",
        "SWE",
        "SVN",
        "DNK",
        "UTO",
    ]


# --- refused before anything is judged -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("licence", "code"),
    [
        (danish(number="1234567"), "licence.bad_number"),
        (danish(number="123456789"), "licence.bad_number"),
        (danish(number="1234567A"), "licence.bad_number"),
        (danish(number=""), "licence.bad_number"),
        (danish(issuing_country=""), "licence.bad_country"),
        (danish(issuing_country="D1"), "licence.bad_country"),
        (danish(issuing_country="Danmark"), "licence.bad_country"),
        (danish(issuing_country="S"), "licence.mrz_line_required"),
        (danish(surname="  "), "licence.missing_surname"),
        (danish(birth_date=date(2026, 11, 28)), "licence.birth_date_in_future"),
        (danish(expiry_date=date(1985, 3, 14)), "licence.expiry_before_birth"),
        (eu(mrz_line="D1NLD1509496211"), "licence.bad_mrz_line"),
        (eu(mrz_line="P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"), "licence.bad_mrz_line"),
        (eu(mrz_line="D1NLD15094962111659VW87Z78NB8Ø"), "licence.bad_mrz_line"),
        (eu(number="12345678901"), "licence.bad_number"),
        (eu(number="5094-96211"), "licence.bad_number"),
    ],
)
def test_what_cannot_be_a_licence_is_refused_with_a_code(licence: TypedLicence, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        evaluate_licence(licence, HOLDER, today=TODAY)

    assert caught.value.code == code


def test_a_bad_line_error_tells_its_length_and_foreign_characters() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_licence(eu(mrz_line="D1NLD1509496-211"), today=TODAY)

    assert caught.value.code == "licence.bad_mrz_line"
    assert caught.value.params == {"length": 16, "line_count": 1, "characters": "-"}


def test_a_danish_licence_may_carry_a_line_too_and_is_then_held_to_it() -> None:
    (line,) = compose_dl1(issuing_country="DNK", licence_number="12345678")

    assert evaluate_licence(danish(mrz_line=line), HOLDER, today=TODAY).passed
    assert not evaluate_licence(danish(mrz_line=line, number="12345679"), HOLDER, today=TODAY).passed
