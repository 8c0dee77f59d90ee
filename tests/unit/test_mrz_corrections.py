"""A reading corrected by the clerk stays the reading; another document's lines put over it do not
(domain.mrz.corrections). The window records the check of a corrected reading as the scan's, with its image,
and of anything else as typed."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from borgerservice_desk.domain.mrz import corrects
from borgerservice_desk.domain.mrz.corrections import KEPT_TO_CORRECT, kept_share
from tests.support.mrz import compose_dl1, compose_td1, compose_td3

HOLDER = {
    "document_code": "P", "issuing_country": "DNK", "surname": "HANSEN", "given_names": "JENS PETER",
    "document_number": "204817365", "nationality": "DNK", "birth_date": date(1975, 3, 14), "sex": "M",
    "expiry_date": date(2031, 6, 30),
}  # fmt: skip
PASSPORT = compose_td3(**HOLDER)
MRZ_CHARACTERS = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_the_reading_itself_is_the_reading() -> None:
    assert kept_share(PASSPORT, PASSPORT) == 1.0 and corrects(PASSPORT, PASSPORT)


def test_a_neighbours_passport_of_the_same_country_is_another_document() -> None:
    neighbour = compose_td3(**{
        **HOLDER, "surname": "JENSEN", "given_names": "ANNE", "document_number": "209911482",
        "birth_date": date(1981, 11, 2), "sex": "F", "expiry_date": date(2029, 2, 1),
    })  # fmt: skip
    assert not corrects(PASSPORT, neighbour)


def test_lines_of_another_count_are_another_document() -> None:
    card = compose_td1(**{**HOLDER, "document_code": "ID"})
    assert not corrects(PASSPORT, card) and not corrects(PASSPORT, PASSPORT[:1]) and not corrects(PASSPORT, ())


def test_a_licence_line_of_another_licence_is_another_document() -> None:
    line = compose_dl1(issuing_country="DNK", licence_number="1234567890", optional_data="A1B2C3D4E5F6G")
    other = compose_dl1(issuing_country="DNK", licence_number="9081726354", optional_data="ZK4Q8W2M7R1T5")
    assert corrects(line, line) and not corrects(line, other)


def test_fillers_are_not_what_makes_a_reading_the_same() -> None:
    """Two passports share long filler runs; counted, they would make any two passports one reading."""
    blank_names = compose_td3(**{**HOLDER, "surname": "X", "given_names": ""})
    assert kept_share(blank_names, blank_names) == 1.0
    assert kept_share(PASSPORT, (PASSPORT[0].replace("HANSEN<<JENS<PETER", "Q" * 18), PASSPORT[1])) < 0.75


def test_filler_runs_misread_as_letters_and_put_right_are_still_the_reading() -> None:
    """The commonest misread: a run of fillers read as K (or X, or a stray C). Turning them back into fillers
    is a correction, on a passport's first line, both lines, and a card's three (found in review, stop 32)."""
    card = compose_td1(**{**HOLDER, "document_code": "ID"})
    for truth, lines in ((PASSPORT, (0,)), (PASSPORT, (0, 1)), (card, (0, 1, 2))):
        misread = tuple(
            line.replace("<<<<", "KKKK").replace("<<", "XC") if n in lines else line for n, line in enumerate(truth)
        )
        assert misread != truth and corrects(misread, truth)


def test_a_character_dropped_or_inserted_moves_the_rest_without_losing_it() -> None:
    dropped = (PASSPORT[0], PASSPORT[1][:3] + PASSPORT[1][4:])
    inserted = (PASSPORT[0][:10] + "E" + PASSPORT[0][10:], PASSPORT[1])
    assert kept_share(PASSPORT, dropped) > 0.97 and kept_share(PASSPORT, inserted) == 1.0


def test_the_boundary_is_three_quarters_kept() -> None:
    """Of a reading of four characters and fillers, three kept is a correction, two is not."""
    read = ("AB<<CD",)
    assert KEPT_TO_CORRECT == 0.75
    assert corrects(read, ("AB<<CX",)) and not corrects(read, ("AB<<XX",))
    assert corrects(read, ("AB<<CD<<<",))  # fillers added take nothing away
    assert kept_share(("AB<<CDC",), ("AB<<CD",)) == 0.8  # a letter dropped at the end is lost, nothing more


@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 43), st.sampled_from(MRZ_CHARACTERS)), max_size=10))
def test_up_to_ten_characters_corrected_is_still_the_reading(changes: list[tuple[int, int, str]]) -> None:
    lines = [list(line) for line in PASSPORT]
    for line, column, character in changes:
        lines[line][column] = character
    assert corrects(PASSPORT, tuple("".join(line) for line in lines))
