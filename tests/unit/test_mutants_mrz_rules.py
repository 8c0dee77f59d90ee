"""Corners of the MRZ position rules a mutation run found untested: where the rules judge nothing (a reading
that is not yet whole lines, a position outside every field) and where the fields are (ICAO 9303 layouts)."""

from __future__ import annotations

from datetime import date

from borgerservice_desk.domain.mrz import MrzFormat
from borgerservice_desk.domain.mrz.rules import Doubt, DoubtReason, current_doubts, field_at, rule_doubts
from tests.support import mrz

TODAY = date(2026, 11, 27)
# A passport whose sex reads 'K': every rule that runs on it has something to say.
PASSPORT = mrz.compose_td3(
    document_code="P",
    issuing_country="DNK",
    surname="Sørensen",
    given_names="Anne Marie",
    document_number="AB1234567",
    nationality="DNK",
    birth_date=date(1985, 3, 14),
    sex="F",
    expiry_date=date(2031, 5, 2),
)
BAD_SEX = (PASSPORT[0], PASSPORT[1][:20] + "K" + PASSPORT[1][21:])


def test_the_rules_judge_only_whole_lines_of_the_format() -> None:
    # A reading still being typed or scanned (one line of two, or a line cut short) is the length check's
    # finding, not the rules': they would read positions that are not there.
    assert rule_doubts(MrzFormat.TD3, BAD_SEX) == (Doubt(1, 20, "K", DoubtReason.SEX_INVALID, "sex"),)
    assert rule_doubts(MrzFormat.TD3, BAD_SEX[:1]) == ()
    assert rule_doubts(MrzFormat.TD3, (*BAD_SEX, "<" * 44)) == ()
    assert rule_doubts(MrzFormat.TD3, (BAD_SEX[0][:43], BAD_SEX[1])) == ()


def test_a_recogniser_doubt_whose_position_the_clerk_deleted_is_settled() -> None:
    # The clerk cut the reading short: the doubted character is gone, so nothing stands there to confirm.
    past_line = Doubt(1, 20, "F", DoubtReason.UNSURE, "sex")
    assert current_doubts(MrzFormat.TD3, PASSPORT[:1], [past_line], today=TODAY) == ()
    past_column = Doubt(0, 43, "<", DoubtReason.UNSURE, "name")
    assert current_doubts(MrzFormat.TD3, (PASSPORT[0][:43], PASSPORT[1]), [past_column], today=TODAY) == ()
    # Still there: it stands.
    assert current_doubts(MrzFormat.TD3, PASSPORT, [past_column], today=TODAY) == (past_column,)


def test_a_position_outside_every_field_has_no_field() -> None:
    assert field_at(MrzFormat.TD3, 0, 43) == "name"
    assert field_at(MrzFormat.TD3, 0, 44) == ""  # past the 44 columns
    assert field_at(MrzFormat.TD3, 2, 0) == ""  # a passport has two lines
    assert field_at(MrzFormat.DL1, 0, 30) == ""
