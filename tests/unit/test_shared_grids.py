"""A line takes the grid of the longer line beside it where both are of the same print (`ocrb._shared_grids`).

The same print is judged by how far apart the line's characters stand, not by the pitch of the grid the line
fitted on its own: glare that washes the right part of a zone light grey leaves the top line's last characters
too faint to be found, and what is left fitted a line of 30 at a pitch of 20 where its characters stood 25
apart, as in the line of 36 below it (glare MRV-B 2366: "no MRZ" until the rule).
"""

from __future__ import annotations

import pytest

from borgerservice_desk.scanning import ocrb


def _found(top: int, spacing: float, count: int, length: int, pitch: float) -> ocrb._Found:
    """A line as found: `count` characters `spacing` apart from x = 50, 40 px high, fitted to a grid of `length`
    cells at `pitch`."""
    blobs = [(50 + i * spacing - 8, 50 + i * spacing + 8, 50 + i * spacing, 0.0, 40.0) for i in range(count)]
    return ocrb._Found(top, 40, blobs, length, 50.0, pitch)


ZONE_LINE = _found(150, 25.0, 36, 36, 25.0)


def test_a_line_whose_characters_stand_as_far_apart_as_its_neighbour_s_takes_its_grid() -> None:
    # 28 characters found of 36, fitted on their own to a line of 30 at the wrong pitch.
    faded = _found(100, 25.0, 28, 30, 20.0)

    shared = ocrb._shared_grids([faded, ZONE_LINE])

    assert (shared[0].length, shared[0].first, shared[0].pitch, shared[0].borrowed) == (36, 50.0, 25.0, True)
    assert shared[1] == ZONE_LINE


@pytest.mark.parametrize("spacing", [20.0, 27.5])
def test_a_line_whose_characters_stand_otherwise_apart_keeps_its_own_grid(spacing: float) -> None:
    # Other print (a line of text at a smaller or larger pitch), whatever grid it fitted: not the zone's.
    other_print = _found(100, spacing, 28, 30, 25.0)

    shared = ocrb._shared_grids([other_print, ZONE_LINE])

    assert shared[0] == other_print


def test_spacing_leaves_out_the_gaps_over_a_missing_character() -> None:
    # Gaps 20, 20, 21, 40, 40: their plain median is 21.
    blobs = [(x - 5.0, x + 5.0, x, 0.0, 30.0) for x in (0.0, 20.0, 40.0, 61.0, 101.0, 141.0)]

    assert ocrb._spacing(blobs) == 20.0
    assert ocrb._spacing(blobs[:1]) is None
