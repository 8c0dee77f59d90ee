"""Licence rules pinned where mutation testing (`make mutate`) found them unpinned: the values every
refusal carries (the clerk's message is worded from them), the inclusive limits, and the spellings bound."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from borgerservice_desk.domain.licence import (
    TypedLicence,
    _some_spellings,
    evaluate_licence,
    licence_country,
    validate_licence,
)
from borgerservice_desk.errors import InvalidInput
from tests.support.mrz import compose_dl1
from tests.unit.test_licence import HOLDER, TODAY, danish, eu


def refusal(licence: TypedLicence, *, today: date = TODAY) -> tuple[str, dict[str, Any]]:
    with pytest.raises(InvalidInput) as caught:
        validate_licence(licence, today=today)
    return caught.value.code, caught.value.params


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"surname": "Sør\x00ensen"}, "surname"), ({"given_names": "Anne\tMarie"}, "given_names")],
)
def test_a_control_character_in_a_name_is_refused_naming_the_field(changes: dict[str, str], field: str) -> None:
    assert refusal(danish(**changes)) == ("text.invalid_characters", {"field": field})


def test_the_licence_line_may_end_in_a_line_break_but_holds_no_other_control_character() -> None:
    (line,) = compose_dl1(issuing_country="NLD", licence_number="5094962111", optional_data="659VW87Z78NB8")
    assert validate_licence(eu(mrz_line=line + "\r\n"), today=TODAY) is not None
    assert refusal(eu(mrz_line=line + "\x00")) == ("text.invalid_characters", {"field": "licence_line"})


def test_a_one_letter_country_is_a_country_and_four_letters_are_not() -> None:
    # "Q" is no distinguishing sign, so it stays one letter: a foreign licence, which needs its line.
    assert refusal(danish(issuing_country="Q")) == ("licence.mrz_line_required", {"country": "Q"})
    assert refusal(danish(issuing_country="ABCD")) == ("licence.bad_country", {"value": "ABCD"})


def test_a_wrong_number_is_refused_with_the_number_its_limit_and_which_kind_of_licence() -> None:
    assert refusal(danish(number="1234 567")) == (
        "licence.bad_number",
        {"value": "1234 567", "max_length": 8, "danish": True},
    )
    assert refusal(eu(number="50-94")) == ("licence.bad_number", {"value": "50-94", "max_length": 10, "danish": False})


def test_an_eu_licence_number_of_one_character_is_taken_and_told_apart_from_the_line() -> None:
    document = validate_licence(eu(number="5"), today=TODAY)
    assert document is not None
    outcome = evaluate_licence(eu(number="5"), HOLDER, today=TODAY)
    (finding,) = [f for f in outcome.findings if f.code == "licence_number_mismatch"]
    assert not finding.passed


def test_a_licence_number_is_compared_in_capitals() -> None:
    assert danish(number="ab 12").normalised_number == "AB12"
    outcome = evaluate_licence(eu(line_number="AB12345", number="ab12345"), HOLDER, today=TODAY)
    (finding,) = [f for f in outcome.findings if f.code == "licence_number_mismatch"]
    assert finding.passed


def test_born_today_is_allowed_and_the_dates_refused_are_named() -> None:
    validate_licence(danish(birth_date=TODAY, expiry_date=TODAY + timedelta(days=1)), today=TODAY)
    tomorrow = TODAY + timedelta(days=1)
    assert refusal(danish(birth_date=tomorrow, expiry_date=tomorrow + timedelta(days=9))) == (
        "licence.birth_date_in_future",
        {"birth_date": tomorrow.isoformat()},
    )
    assert refusal(danish(expiry_date=date(1985, 3, 14))) == (
        "licence.expiry_before_birth",
        {"birth_date": "1985-03-14", "expiry_date": "1985-03-14"},
    )


def test_a_country_is_read_with_its_spaces_taken_out() -> None:
    assert licence_country(" d k ") == "DNK"
    assert licence_country("N L<") == "NLD"


def test_a_bad_line_names_the_characters_that_do_not_belong() -> None:
    code, params = refusal(eu(mrz_line="DLNLD5094962111-é"))
    assert code == "licence.bad_mrz_line"
    assert params["characters"] == "-É"  # the line is read in capitals


def test_only_a_licence_with_a_line_has_a_document_code() -> None:
    def code_of(licence: TypedLicence) -> object:
        (finding,) = [f for f in evaluate_licence(licence, HOLDER, today=TODAY).findings if f.code == "document_not_accepted"]
        return finding.param("document_code")

    assert code_of(danish()) == ""
    assert code_of(eu()) == "D"


def test_the_spellings_tried_for_a_typed_name_stop_at_sixty_four() -> None:
    # Each Å may be AA or A: eight of them give 256 spellings, of which only the first 64 are tried.
    assert len(_some_spellings("Å" * 8)) == 64
    assert _some_spellings("Åse") == ["AASE", "ASE"]
