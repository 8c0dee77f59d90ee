"""Identity-check findings pinned where mutation testing (`make mutate`) found them unpinned: a failed
finding is False (not merely falsy) and carries the params its message is worded from; the spellings
bound; empty names."""

from __future__ import annotations

from borgerservice_desk.domain.identity_check import (
    _MAX_ALTERNATIVES,
    evaluate,
    given_names_match,
    name_spellings,
    surname_matches,
)
from tests.support.mrz import compose_dl1
from tests.unit.test_identity_check import HOLDER, TODAY, from_lines, only, passport


def test_a_licence_line_alone_fails_exactly_naming_its_kind() -> None:
    outcome = evaluate(from_lines(*compose_dl1(issuing_country="DNK", licence_number="12345678")), HOLDER, today=TODAY)
    finding = only(outcome, "licence_fields_required")
    assert finding.passed is False
    assert finding.params == (("document_kind", "driving_licence"),)


def test_the_document_kind_finding_names_the_kind_and_the_code() -> None:
    finding = only(evaluate(passport(), HOLDER, today=TODAY), "document_not_accepted")
    assert finding.params == (("document_kind", "passport"), ("document_code", "P"))


def test_unreadable_dates_fail_with_false_and_name_the_expected_birth_date() -> None:
    good = passport()
    line2 = good.lines[1]
    no_expiry = evaluate(from_lines(good.lines[0], line2[:21] + "311302" + line2[27:]), HOLDER, today=TODAY)
    assert only(no_expiry, "expiry_unreadable").passed is False
    no_birth = evaluate(from_lines(good.lines[0], line2[:13] + "8503<<" + line2[19:]), HOLDER, today=TODAY)
    finding = only(no_birth, "birth_date_unreadable")
    assert finding.passed is False
    assert finding.params == (("expected", "1985-03-14"),)


def test_a_name_has_two_spellings_for_each_of_its_first_six_letters_that_have_two() -> None:
    # Å may be written AA or A; past six such letters only the preferred spelling is kept (hostile input).
    assert list(name_spellings("Åse")) == ["AASE", "ASE"]
    assert len(list(name_spellings("Å" * _MAX_ALTERNATIVES))) == 2**_MAX_ALTERNATIVES
    assert len(list(name_spellings("Å" * (_MAX_ALTERNATIVES + 3)))) == 2**_MAX_ALTERNATIVES
    assert list(name_spellings("Jørgen-Åge")) == ["JOERGEN AAGE", "JOERGEN AGE"]
    assert list(name_spellings("José")) == ["JOSE"]


def test_an_empty_name_read_matches_only_an_empty_name_in_the_register() -> None:
    assert surname_matches("", "")
    assert not surname_matches("", "Hansen")
    assert given_names_match("", "")
    assert not given_names_match("", "Anne")
    assert given_names_match("", "Anne", may_be_truncated=True)


def test_a_spelling_of_the_register_name_that_does_not_fit_is_passed_over_for_the_next() -> None:
    # "Åse Marie": the first spelling (AASE) does not fit the read "ASE MARIE"; the next (ASE) does.
    assert given_names_match("ASE MARIE", "Åse Marie")
    # More names read than the first spelling has words is no reason to stop either.
    assert given_names_match("ANNE MARIE", "Anne-Marie")
