"""The identity check: every rule passes for the right document and fails, saying why, for a wrong one."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from borgerservice_desk.domain.identity_check import (
    Finding,
    HolderFacts,
    IdentityCheckOutcome,
    evaluate,
    given_names_match,
    name_diff,
    normalise_name,
    surname_matches,
)
from borgerservice_desk.domain.mrz import MrzDocument, parse_mrz
from tests.support.facts import HOLDER, TODAY, passport
from tests.support.mrz import compose_dl1, compose_mrva, compose_mrvb, compose_td1


def id_card(**changes: Any) -> MrzDocument:
    fields: dict[str, Any] = {
        "document_code": "ID",
        "issuing_country": "DNK",
        "surname": "Sørensen",
        "given_names": "Anne Marie",
        "document_number": "AB1234567",
        "nationality": "DNK",
        "birth_date": date(1985, 3, 14),
        "sex": "F",
        "expiry_date": date(2031, 5, 2),
    }
    fields.update(changes)
    return parse_mrz("\n".join(compose_td1(**fields)), today=TODAY)


def from_lines(*lines: str) -> MrzDocument:
    return parse_mrz("\n".join(lines), today=TODAY)


def findings(outcome: IdentityCheckOutcome, code: str) -> list[Finding]:
    return [finding for finding in outcome.findings if finding.code == code]


def only(outcome: IdentityCheckOutcome, code: str) -> Finding:
    (finding,) = findings(outcome, code)
    return finding


def name_finding(outcome: IdentityCheckOutcome, part: str) -> Finding:
    (finding,) = [f for f in findings(outcome, "name_mismatch") if f.param("part") == part]
    return finding


# --- the whole check -------------------------------------------------------------------------------------


def test_valid_passport_of_the_citizen_passes_every_finding() -> None:
    outcome = evaluate(passport(), HOLDER, today=TODAY)

    assert outcome.passed
    assert outcome.failures == ()
    assert {finding.code for finding in outcome.findings} == {
        "document_not_accepted",
        "check_digit_failed",
        "expired",
        "birth_date_mismatch",
        "sex_mismatch",
        "name_mismatch",
        "mrz_rule",  # document code, country codes, sex and dates: what check digits leave open is checked
    }
    assert len(findings(outcome, "check_digit_failed")) == 5  # one for each check digit of a passport


def test_outcome_and_findings_are_hashable_values() -> None:
    first = evaluate(passport(), HOLDER, today=TODAY)
    second = evaluate(passport(), HOLDER, today=TODAY)

    assert first == second
    assert hash(first) == hash(second)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.findings[0].passed = False  # type: ignore[misc]


# --- check digits ----------------------------------------------------------------------------------------


def test_failed_check_digit_is_named() -> None:
    good = passport()
    line2 = good.lines[1]
    corrupted = from_lines(good.lines[0], line2[:13] + "9" + line2[14:])  # 850314 -> 950314
    holder = dataclasses.replace(HOLDER, birth_date=date(1995, 3, 14))  # so that only the check digits fail

    outcome = evaluate(corrupted, holder, today=TODAY)

    failed = [f.param("field") for f in outcome.failures if f.code == "check_digit_failed"]
    assert failed == ["birth_date", "composite"]
    assert not outcome.passed


# --- expiry ----------------------------------------------------------------------------------------------


def test_document_is_valid_through_its_expiry_date() -> None:
    outcome = evaluate(passport(expiry_date=TODAY), HOLDER, today=TODAY)

    assert only(outcome, "expired").passed


def test_expired_document_fails_and_says_when_it_expired() -> None:
    outcome = evaluate(passport(expiry_date=date(2026, 11, 26)), HOLDER, today=TODAY)

    finding = only(outcome, "expired")
    assert not finding.passed
    assert finding.param("expiry_date") == "2026-11-26"
    assert outcome.failures == (finding,)


def test_unreadable_expiry_date_fails() -> None:
    good = passport()
    line2 = good.lines[1]
    unreadable = from_lines(good.lines[0], line2[:21] + "311302" + line2[27:])  # month 13

    outcome = evaluate(unreadable, HOLDER, today=TODAY)

    assert not only(outcome, "expiry_unreadable").passed
    assert findings(outcome, "expired") == []


# --- document kind ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["P", "I", "ID", "AR", "IR"])
def test_passports_id_cards_and_residence_cards_are_accepted(code: str) -> None:
    # A passport's code on a passport: on a card ICAO 9303 part 5 does not allow it (domain.mrz.rules).
    document = passport(document_code=code) if code.startswith("P") else id_card(document_code=code)
    outcome = evaluate(document, HOLDER, today=TODAY)

    assert only(outcome, "document_not_accepted").passed
    assert outcome.passed


@pytest.mark.parametrize("compose", [compose_mrva, compose_mrvb])
def test_visa_is_not_photo_id(compose: Any) -> None:
    lines = compose(
        document_code="V",
        issuing_country="DNK",
        surname="Sørensen",
        given_names="Anne Marie",
        document_number="212345678",
        nationality="DNK",
        birth_date=date(1985, 3, 14),
        sex="F",
        expiry_date=date(2031, 5, 2),
    )

    outcome = evaluate(from_lines(*lines), HOLDER, today=TODAY)

    finding = only(outcome, "document_not_accepted")
    assert not finding.passed
    assert finding.param("document_kind") == "visa"
    assert outcome.failures == (finding,)  # its holder and check digits are fine: only the kind is refused
    assert len(findings(outcome, "check_digit_failed")) == 3  # a visa has no composite check digit


def test_licence_line_is_an_accepted_kind_but_alone_it_fails_asking_for_the_printed_fields() -> None:
    outcome = evaluate(from_lines(*compose_dl1(issuing_country="DNK", licence_number="12345678")), HOLDER, today=TODAY)

    assert only(outcome, "document_not_accepted").passed
    assert only(outcome, "document_not_accepted").param("document_kind") == "driving_licence"
    assert only(outcome, "check_digit_failed").param("field") == "licence"
    finding = only(outcome, "licence_fields_required")
    assert outcome.failures == (finding,)
    assert not outcome.passed
    # No holder data to compare, so no claims about it either way.
    assert findings(outcome, "name_mismatch") == findings(outcome, "expiry_unreadable") == []


# --- birth date ------------------------------------------------------------------------------------------


def test_other_birth_date_fails_showing_both_dates() -> None:
    outcome = evaluate(passport(birth_date=date(1985, 3, 15)), HOLDER, today=TODAY)

    finding = only(outcome, "birth_date_mismatch")
    assert not finding.passed
    assert (finding.param("expected"), finding.param("read")) == ("1985-03-14", "1985-03-15")


def test_holder_over_a_hundred_matches_despite_the_two_digit_year() -> None:
    holder = dataclasses.replace(HOLDER, birth_date=date(1925, 6, 1))
    document = passport(birth_date=date(1925, 6, 1))
    assert document.birth_date == date(2025, 6, 1)  # what the MRZ alone suggests

    assert only(evaluate(document, holder, today=TODAY), "birth_date_mismatch").passed


def test_unreadable_birth_date_fails() -> None:
    good = passport()
    line2 = good.lines[1]
    unknown_day = from_lines(good.lines[0], line2[:13] + "8503<<" + line2[19:])

    outcome = evaluate(unknown_day, HOLDER, today=TODAY)

    assert not only(outcome, "birth_date_unreadable").passed
    assert findings(outcome, "birth_date_mismatch") == []


# --- sex -------------------------------------------------------------------------------------------------


def test_other_sex_fails() -> None:
    outcome = evaluate(passport(sex="M"), HOLDER, today=TODAY)

    finding = only(outcome, "sex_mismatch")
    assert not finding.passed
    assert (finding.param("expected"), finding.param("read")) == ("F", "M")


@pytest.mark.parametrize(("document_sex", "holder_sex"), [("X", "F"), ("F", None), ("X", None)])
def test_sex_is_not_compared_when_either_side_does_not_say(document_sex: str, holder_sex: str | None) -> None:
    outcome = evaluate(passport(sex=document_sex), dataclasses.replace(HOLDER, sex=holder_sex), today=TODAY)

    assert findings(outcome, "sex_mismatch") == []
    assert outcome.passed


# --- names -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Sørensen", "SOERENSEN"),
        ("Ærø", "AEROE"),
        ("Åse", "AASE"),
        ("Müller-Lüdenscheidt", "MUELLER LUEDENSCHEIDT"),
        ("José", "JOSE"),
        ("D'Angelo", "DANGELO"),
        ("  anne   marie ", "ANNE MARIE"),
        ("ANNE<MARIE", "ANNE MARIE"),
    ],
)
def test_normalise_name_spells_a_name_as_an_mrz_would(name: str, normalised: str) -> None:
    assert normalise_name(name) == normalised


def test_danish_oe_written_as_oe_matches() -> None:
    outcome = evaluate(passport(surname="SOERENSEN"), HOLDER, today=TODAY)

    assert name_finding(outcome, "surname").passed


@pytest.mark.parametrize("mrz_spelling", ["AASE", "ASE"])
def test_aa_or_a_for_danish_aa_matches(mrz_spelling: str) -> None:
    holder = dataclasses.replace(HOLDER, given_names="Åse")

    outcome = evaluate(passport(given_names=mrz_spelling), holder, today=TODAY)

    assert name_finding(outcome, "given_names").passed


def test_letters_with_accents_match_without_them() -> None:
    holder = dataclasses.replace(HOLDER, surname="Müller", given_names="José")

    assert evaluate(passport(surname="MULLER", given_names="JOSE"), holder, today=TODAY).passed
    assert evaluate(passport(surname="MUELLER", given_names="JOSE"), holder, today=TODAY).passed


def test_hyphen_and_apostrophe_do_not_matter() -> None:
    holder = dataclasses.replace(HOLDER, surname="Holm-D'Angelo", given_names="Anne-Marie")

    outcome = evaluate(passport(surname="HOLM DANGELO", given_names="ANNE MARIE"), holder, today=TODAY)

    assert outcome.passed
    assert surname_matches("HOLMDANGELO", "Holm-D'Angelo")


def test_mrz_may_leave_out_trailing_middle_names_and_the_clerk_sees_which() -> None:
    holder = dataclasses.replace(HOLDER, given_names="Anne Marie Louise")

    two = evaluate(passport(given_names="Anne Marie"), holder, today=TODAY)
    one = evaluate(passport(given_names="Anne"), holder, today=TODAY)

    assert two.passed and one.passed
    assert name_finding(two, "given_names").param("diff") == "ANNE<MARIE[<LOUISE→]"
    assert name_finding(one, "given_names").param("diff") == "ANNE[<MARIE<LOUISE→]"


def test_mrz_may_not_skip_or_reorder_given_names() -> None:
    holder = dataclasses.replace(HOLDER, given_names="Anne Marie Louise")

    assert not evaluate(passport(given_names="Marie"), holder, today=TODAY).passed
    assert not evaluate(passport(given_names="Anne Louise"), holder, today=TODAY).passed
    assert not evaluate(passport(given_names="Marie Anne"), holder, today=TODAY).passed


def test_mrz_may_not_add_given_names_the_register_lacks() -> None:
    outcome = evaluate(passport(given_names="Anne Marie Louise"), HOLDER, today=TODAY)

    assert not name_finding(outcome, "given_names").passed


def test_names_cut_at_the_end_of_a_full_name_field_match() -> None:
    holder = HolderFacts(
        surname="Kristiansen-Bjørnholm", given_names="Kirsten Margrethe Sofie", birth_date=date(1977, 5, 19), sex="F"
    )
    document = id_card(
        surname=holder.surname, given_names=holder.given_names, birth_date=holder.birth_date
    )
    assert document.lines[2] == "KRISTIANSEN<BJOERNHOLM<<KIRSTE"
    assert document.names_may_be_truncated

    outcome = evaluate(document, holder, today=TODAY)
    assert outcome.passed
    assert name_finding(outcome, "given_names").param("diff") == "KIRSTE[N<MARGRETHE<SOFIE→]"


def test_surname_cut_by_a_full_name_field_matches() -> None:
    holder = HolderFacts(
        surname="Abildgaard-Christoffersen-Vestergaard", given_names="Bo", birth_date=date(1977, 5, 19), sex="M"
    )
    document = id_card(surname=holder.surname, given_names=holder.given_names, birth_date=holder.birth_date, sex="M")
    assert (document.surname, document.given_names) == ("ABILDGAARD CHRISTOFFERSEN VEST", "")

    assert evaluate(document, holder, today=TODAY).passed


def test_a_short_surname_before_the_separator_is_whole_even_in_a_full_field() -> None:
    # "HAN<<CHRISTOFFER<..." fills the field, but the '<<' shows the surname ended: not "Hansen" cut short.
    holder = HolderFacts(
        surname="Hansen", given_names="Christoffer Sebastian Mikkel", birth_date=date(1977, 5, 19), sex="M"
    )
    document = id_card(surname="Han", given_names=holder.given_names, birth_date=holder.birth_date, sex="M")
    assert document.lines[2] == "HAN<<CHRISTOFFER<SEBASTIAN<MIK"
    assert document.names_may_be_truncated and not document.surname_may_be_truncated

    outcome = evaluate(document, holder, today=TODAY)

    assert not name_finding(outcome, "surname").passed
    assert name_finding(outcome, "given_names").passed


def test_shorter_name_is_a_mismatch_when_the_field_has_room() -> None:
    holder = dataclasses.replace(HOLDER, surname="Sørensen-Holm")

    outcome = evaluate(passport(surname="Sørensen"), holder, today=TODAY)

    assert not passport(surname="Sørensen").names_may_be_truncated
    assert not name_finding(outcome, "surname").passed
    assert not surname_matches("SOERENS", "Sørensen")
    assert surname_matches("SOERENS", "Sørensen", may_be_truncated=True)
    assert given_names_match("ANNE MA", "Anne Marie", may_be_truncated=True)
    assert not given_names_match("ANNE MA", "Anne Marie")


def test_wrong_surname_fails_showing_register_and_mrz_spelling() -> None:
    outcome = evaluate(passport(surname="Sørensson"), HOLDER, today=TODAY)

    finding = name_finding(outcome, "surname")
    assert not finding.passed
    assert finding.params == (
        ("part", "surname"),
        ("expected", "Sørensen"),
        ("read", "SOERENSSON"),
        ("expected_spelling", "SOERENSEN"),
        ("diff", "SOERENS[E→SO]N"),
    )
    assert name_finding(outcome, "given_names").passed
    assert outcome.failures == (finding,)


def test_filler_misread_as_k_is_a_name_mismatch() -> None:
    # OCR often reads '<' as K (DOMAIN.md): a plausible-looking but wrong name must not pass.
    good = passport()
    misread = from_lines(good.lines[0].replace("ANNE<MARIE", "ANNEKMARIE"), good.lines[1])

    outcome = evaluate(misread, HOLDER, today=TODAY)

    finding = name_finding(outcome, "given_names")
    assert not finding.passed
    assert (finding.param("expected"), finding.param("read")) == ("Anne Marie", "ANNEKMARIE")
    assert finding.param("diff") == "ANNE[<→K]MARIE"  # the clerk sees the filler read as K
    assert misread.all_check_digits_pass  # no check digit covers the name


@pytest.mark.parametrize(
    ("expected", "read", "diff"),
    [
        ("Anne Marie", "ANNE", "ANNE[<MARIE→]"),  # a name missing on the document
        ("Anne", "XANNE", "[→X]ANNE"),  # one extra letter
        ("Åse", "ASA", "AS[E→A]"),  # compared with the spelling closest to what was read
        ("Åse", "AASA", "AAS[E→A]"),  # ... the longer one too, when it is the closer
        ("Jensen", "JENSEN", "JENSEN"),
    ],
)
def test_name_diff_marks_each_difference(expected: str, read: str, diff: str) -> None:
    assert name_diff(expected, read)[1] == diff


@pytest.mark.parametrize(
    ("diff", "pieces"),
    [
        ("SOERENS[E→SO]N", [("SOERENS", "SOERENS"), ("E", "SO"), ("N", "N")]),
        ("ANNE[<MARIE→]", [("ANNE", "ANNE"), ("<MARIE", "")]),
        ("[→X]ANNE", [("", "X"), ("ANNE", "ANNE")]),
        ("JENSEN", [("JENSEN", "JENSEN")]),
    ],
)
def test_a_name_diff_comes_apart_into_pieces_for_marking(diff: str, pieces: list[tuple[str, str]]) -> None:
    from borgerservice_desk.domain.identity_check import name_diff_pieces

    found = name_diff_pieces(diff)
    assert [(p.register, p.document) for p in found] == pieces
    assert [p.differs for p in found] == [r != d for r, d in pieces]


def test_a_name_passed_whole_carries_no_diff() -> None:
    outcome = evaluate(passport(), HOLDER, today=TODAY)

    assert name_finding(outcome, "surname").params == (
        ("part", "surname"),
        ("expected", "Sørensen"),
        ("read", "SOERENSEN"),
    )


def test_a_name_passed_with_other_word_breaks_is_not_called_shortened() -> None:
    from borgerservice_desk.domain.identity_check import name_finding as make_finding

    finding = make_finding("surname", True, expected="Holmnielsen", read="HOLM<NIELSEN")

    assert finding.param("diff") is None


def test_unconfirmed_characters_name_their_fields_in_mrz_order_how_many_and_which_were_confirmed() -> None:
    """The clerk's message lists the fields still to look at: three unsure characters in two fields, the
    name confirmed, the document number not yet."""
    from borgerservice_desk.domain.identity_check import CHARACTERS_UNCONFIRMED, MRZ_RULE, doubt_findings
    from borgerservice_desk.domain.mrz.rules import Doubt, DoubtReason

    doubts = [
        Doubt(0, 12, "N", DoubtReason.UNSURE, "name"),
        Doubt(0, 20, "M", DoubtReason.CLOSE_SECOND, "name"),
        Doubt(1, 3, "8", DoubtReason.CHECK_BLIND, "document_number"),
    ]

    findings = doubt_findings(doubts, {"name"})

    assert findings == [
        Finding(MRZ_RULE, True),
        Finding(
            CHARACTERS_UNCONFIRMED,
            False,
            (("fields", "name,document_number"), ("count", "3"), ("confirmed", "name")),
        ),
    ]
    both = doubt_findings(doubts, {"name", "document_number"})[1]
    assert (both.passed, both.param("confirmed")) == (True, "name,document_number")
