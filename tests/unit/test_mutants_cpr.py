"""CPR masking pinned where mutation testing (`make mutate`) found it unpinned: the windows at the very
start and the very end of a text, and a stored number as lists show it."""

from __future__ import annotations

from borgerservice_desk.domain.cpr import mask, mask_cpr_runs


def test_a_text_that_is_exactly_one_cpr_number_is_masked() -> None:
    assert mask_cpr_runs("0101901234") == "010190XXXX"


def test_a_cpr_number_at_the_start_or_the_end_of_a_line_is_masked() -> None:
    assert mask_cpr_runs("0101901234<<") == "010190XXXX<<"
    assert mask_cpr_runs("<<0101901234") == "<<010190XXXX"
    assert mask_cpr_runs("0101901234", starts=[0]) == "010190XXXX"


def test_a_stored_number_is_listed_masked_and_none_stays_none() -> None:
    assert mask("0101901234") == "010190-XXXX"
    assert mask("6101901234") == "610190-XXXX"
    assert mask(None) is None
