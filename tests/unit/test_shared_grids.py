"""A line takes the grid of the longer line beside it where both are of the same print (`ocrb._shared_grids`).

The same print is judged by how far apart the line's characters stand, not by the pitch of the grid the line
fitted on its own: glare that washes the right part of a zone light grey leaves the top line's last characters
too faint to be found, and what is left fitted a line of 30 at a pitch of 20 where its characters stood 25
apart, as in the line of 36 below it (glare MRV-B 2366: "no MRZ" until the rule). A line of the same length
takes its neighbour's grid where its own does not fit how far apart its characters stand and the neighbour's
does, and a grid taken from the line above passes on down.

Where no line's grid is whole, a line is carried on over the faint ink beyond its ends to an MRZ's length
(`ocrb._extended`), the cutter's try for a region that read as nothing.
"""

from __future__ import annotations

import numpy as np
import pytest

from borgerservice_desk.scanning import ocrb


def _found(
    top: int, spacing: float, count: int, length: int, pitch: float, start: float = 50.0, first: float = 50.0
) -> ocrb._Found:
    """A line as found: `count` characters `spacing` apart from x = `start`, 40 px high, fitted to a grid of
    `length` cells at `pitch` from x = `first`."""
    blobs = [(start + i * spacing - 8, start + i * spacing + 8, start + i * spacing, 0.0, 40.0) for i in range(count)]
    return ocrb._Found(top, 40, blobs, length, first, pitch)


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


# A card's line of 30 as found whole: 30 characters 25 apart from x = 50.
CARD_LINE = _found(150, 25.0, 30, 30, 25.0)


def test_a_line_squeezed_into_the_length_of_its_neighbour_takes_the_neighbour_s_grid() -> None:
    # Glare TD1 2420: the first 9 characters of the top line washed out, the 21 left (25 apart, from x = 275)
    # fitted on their own to a line of 30 at a pitch of 17.5, the only length the cutter may give them: every
    # cell held halves of two characters, read as stray C's between the fillers.
    squeezed = _found(100, 25.0, 21, 30, 17.5, start=275.0, first=275.0)

    shared = ocrb._shared_grids([squeezed, CARD_LINE])

    assert (shared[0].length, shared[0].first, shared[0].pitch, shared[0].borrowed) == (30, 50.0, 25.0, True)
    assert shared[1] == CARD_LINE


def test_a_line_whose_own_grid_fits_its_characters_keeps_it_beside_a_line_of_the_same_length() -> None:
    # Its characters stand 25 apart on its own grid of pitch 25, a little off the neighbour's start: its own.
    own = _found(100, 25.0, 30, 30, 25.0, start=60.0, first=60.0)

    assert ocrb._shared_grids([own, CARD_LINE])[0] == own


def test_a_squeezed_line_keeps_its_grid_beside_a_neighbour_whose_grid_does_not_fit_its_characters_either() -> None:
    # The neighbour's grid has the squeezed line's pitch, but its own characters stand 20 apart on it: a grid
    # that fits none of its characters is no better than the line's own.
    squeezed = _found(100, 25.0, 21, 30, 17.5, start=275.0, first=275.0)
    other = _found(150, 20.0, 30, 30, 25.0)

    assert ocrb._shared_grids([squeezed, other]) == [squeezed, other]


def test_a_grid_over_one_character_more_or_less_than_its_cells_does_not_fit() -> None:
    # 31 characters 25 apart squeezed into 30 cells, or 29 stretched over 30: the pitch is within 8 % of how
    # far apart they stand, but they stand a quarter of a pitch off the cells.
    assert ocrb._grid_fits(_found(100, 25.0, 30, 30, 25.0))
    assert not ocrb._grid_fits(_found(100, 25.0, 31, 30, 750 / 29))
    assert not ocrb._grid_fits(_found(100, 25.0, 29, 30, 700 / 29))


def test_a_line_stretched_over_one_cell_more_takes_its_neighbour_s_grid() -> None:
    # 29 characters of 30 found (the last washed out), fitted on their own to 30 cells over the 29.
    stretched = _found(100, 25.0, 29, 30, 700 / 29)

    assert ocrb._shared_grids([stretched, CARD_LINE])[0].pitch == 25.0


def test_a_grid_borrowed_from_the_line_above_passes_on_to_the_line_below() -> None:
    # Glare TD1 2403: the top line found whole, the ends of both lower lines washed out, each squeezed into 30.
    lower = [_found(top, 25.0, 20, 30, 16.6) for top in (200, 250)]

    shared = ocrb._shared_grids([_found(150, 25.0, 30, 30, 25.0), *lower])

    assert [(line.length, line.first, line.pitch, line.borrowed) for line in shared[1:]] == [(30, 50.0, 25.0, True)] * 2


def test_a_grid_borrowed_from_the_line_below_passes_on_to_the_line_above() -> None:
    # The bottom line found whole, the two above it squeezed.
    upper = [_found(top, 25.0, 20, 30, 16.6) for top in (50, 100)]

    shared = ocrb._shared_grids([*upper, CARD_LINE])

    assert [(line.length, line.first, line.pitch, line.borrowed) for line in shared[:2]] == [(30, 50.0, 25.0, True)] * 2
    assert shared[2] == CARD_LINE  # its own grid, not taken back from the line it lent it to


def test_a_line_that_lent_its_grid_does_not_take_it_back() -> None:
    # A line of 36 whose characters stand a third of a pitch off its cells lends its grid to the shorter line
    # above it, which stands on it; its own grid, seen there, is no neighbour's to take (it would only be
    # marked borrowed, and the region read again without sharing for nothing).
    longer = _found(150, 25.0, 36, 36, 25.0, start=58.0, first=50.0)
    shorter = _found(100, 25.0, 30, 30, 25.0)

    shared = ocrb._shared_grids([shorter, longer])

    assert (shared[0].length, shared[0].borrowed) == (36, True)
    assert shared[1] == longer


def test_a_line_that_took_a_grid_keeps_it_where_the_other_neighbour_s_fits_as_well() -> None:
    # A squeezed line between two whole lines a few pixels apart: it keeps the first grid it took.
    above, below = _found(50, 25.0, 30, 30, 25.0), _found(150, 25.0, 30, 30, 25.0, start=53.0, first=53.0)
    squeezed = _found(100, 25.0, 21, 30, 17.5, start=275.0, first=275.0)

    shared = ocrb._shared_grids([above, squeezed, below])

    assert (shared[1].first, shared[1].borrowed) == (50.0, True)


def test_a_line_that_fitted_no_grid_takes_the_neighbour_s_where_its_characters_stand_as_far_apart() -> None:
    # Glare TD1 2411: the last 12 characters of the top line washed out, the 18 left fitted no line at all
    # (length 0), and cover too little of the neighbour to count as characters run together.
    unfitted = _found(100, 25.0, 18, 0, 0.0)

    shared = ocrb._shared_grids([unfitted, CARD_LINE])

    assert (shared[0].length, shared[0].first, shared[0].pitch, shared[0].borrowed) == (30, 50.0, 25.0, True)


@pytest.mark.parametrize(
    ("spacing", "count", "start"), [(25.0, 7, 50.0), (20.0, 18, 50.0), (30.0, 18, 50.0), (25.0, 18, 62.5)]
)
def test_a_line_that_fitted_no_grid_keeps_none_where_too_few_or_off_the_cells_or_other_print(
    spacing: float, count: int, start: float
) -> None:
    # Seven characters are a word, not a line's start; 20 or 30 apart is another print than the zone's 25; and
    # characters 25 apart that stand half a pitch off the zone's cells are a line of text in a monospaced font.
    unfitted = _found(100, spacing, count, 0, 0.0, start=start)

    assert ocrb._shared_grids([unfitted, CARD_LINE])[0] == unfitted


def _ink(dark: int, faint: int, faint_ink: float, width: int = 1300) -> tuple[ocrb.FloatImage, list[ocrb.Blob]]:
    """An ink image (0 paper, 1 darkest) of one line 40 px high at rows 30-70: `dark` characters 25 apart from
    x = 50, then `faint` more of `faint_ink`; and the blobs of the dark ones, as the cutter finds them."""
    ink = np.zeros((100, width))
    for index in range(dark + faint):
        x = 50 + index * 25
        ink[30:70, x - 6 : x + 6] = 1.0 if index < dark else faint_ink
    blobs = [(50 + i * 25 - 6.0, 50 + i * 25 + 6.0, 50 + i * 25.0, 30.0, 70.0) for i in range(dark)]
    return ink, blobs


def test_a_line_is_carried_on_over_the_faint_characters_beyond_its_end_to_an_mrz_length() -> None:
    # Glare TD3 2403: each line of the passport found as 30 characters, 14 more washed out to a faint grey.
    ink, blobs = _ink(30, 14, 0.12)
    found = ocrb._Found(30, 40, blobs, 30, 50.0, 25.0)

    extended = ocrb._extended(found, ink)

    assert (extended.length, extended.first, extended.pitch) == (44, 50.0, 25.0)


@pytest.mark.parametrize(
    ("faint", "faint_ink"),
    [
        (14, 0.03),  # paper, and a little noise: no characters
        (10, 0.12),  # a line of 40 is no MRZ's
    ],
)
def test_a_line_keeps_its_length_where_what_lies_beyond_makes_no_mrz_line(faint: int, faint_ink: float) -> None:
    ink, blobs = _ink(30, faint, faint_ink)
    found = ocrb._Found(30, 40, blobs, 30, 50.0, 25.0)

    assert ocrb._extended(found, ink) == found


def test_a_squeezed_line_is_fitted_at_its_characters_spacing_before_it_is_carried_on() -> None:
    # Glare DL1 2403: a licence's line of 30, its last 7 characters washed out, the 23 left squeezed into 30.
    ink, blobs = _ink(23, 7, 0.12)
    found = ocrb._Found(30, 40, blobs, 30, 50.0, 550 / 29)

    extended = ocrb._extended(found, ink)

    assert (extended.length, extended.first, extended.pitch) == (30, 50.0, 25.0)


def test_a_line_is_carried_on_to_the_left_too() -> None:
    # The first 9 characters washed out (glare TD1 2420, the line alone): the grid goes back over them.
    ink, _ = _ink(30, 0, 0.12)
    ink[:, :265] *= 0.12
    blobs = [(50 + i * 25 - 6.0, 50 + i * 25 + 6.0, 50 + i * 25.0, 30.0, 70.0) for i in range(9, 30)]
    found = ocrb._Found(30, 40, blobs, 30, 275.0, 17.5)

    extended = ocrb._extended(found, ink)

    assert (extended.length, extended.first, extended.pitch) == (30, 50.0, 25.0)


def test_a_line_is_carried_on_at_both_ends() -> None:
    # Glare over both ends of a passport's line: 30 characters found, 7 faint before them and 7 after.
    ink, _ = _ink(44, 0, 0.0)
    ink[:, :215] *= 0.12
    ink[:, 965:] *= 0.12
    blobs = [(50 + i * 25 - 6.0, 50 + i * 25 + 6.0, 50 + i * 25.0, 30.0, 70.0) for i in range(7, 37)]
    found = ocrb._Found(30, 40, blobs, 30, 225.0, 25.0)

    extended = ocrb._extended(found, ink)

    assert (extended.length, extended.first, extended.pitch) == (44, 50.0, 25.0)


def test_noise_on_the_paper_beyond_a_line_is_not_taken_for_faint_characters() -> None:
    # Paper with noise of a thirtieth of the ink's range, pixel by pixel, over the 14 cells past a line of 30
    # where a passport's line would go on: single pixels reach 0.07 and more, the strokes of a character are
    # wider. Taken for ink, the line would be carried on to 44.
    ink, blobs = _ink(30, 0, 0.0)
    noise = np.random.default_rng(7).normal(0.0, 0.03, ink.shape)
    ink[:, 790:1140] = np.clip(noise[:, 790:1140], 0.0, 1.0)
    found = ocrb._Found(30, 40, blobs, 30, 50.0, 25.0)

    assert float(ink[30:70, 790:1140].max()) >= ocrb._FADED_INK  # the test's noise is what the average is for
    assert ocrb._extended(found, ink) is found


def test_a_region_whose_lines_end_on_paper_is_not_cut_again() -> None:
    # The reader's second try (`FoundLines.cut(extend_faded=True)`) cuts nothing where no line is carried on.
    from tests.support.passport_image import READABLE_PASSPORTS, render_zone

    zone = np.asarray(render_zone(READABLE_PASSPORTS[0].mrz_lines(), seed=3).convert("L"), dtype=np.float64) / 255

    found = ocrb.find_lines(zone)

    assert [line.length for line in found.cut()] == [44, 44]
    assert found.cut(extend_faded=True) == []


def test_a_grid_carried_on_is_fitted_straight_not_bent_beyond_its_characters() -> None:
    # 30 characters of 44 found, their centres bowed by a pixel (print drift, a blob widened by a speck): a
    # curve through them bends away over the 14 cells carried on; a straight line keeps to the pitch.
    bow = [1.0 - 2.0 * (1.0 - abs(i - 14.5) / 14.5) for i in range(30)]
    centres = [50 + i * 25.0 + bow[i] for i in range(30)]
    blobs = [(x - 6.0, x + 6.0, x, 30.0, 70.0) for x in centres]

    straight = ocrb._refine_grid(blobs, 44, 50.0, 25.0, straight=True)
    curved = ocrb._refine_grid(blobs, 44, 50.0, 25.0)

    assert abs(straight[-1] - (50 + 43 * 25)) < 1.5
    assert abs(curved[-1] - (50 + 43 * 25)) > 3.0  # what the straight fit is for


def test_the_lines_carried_on_are_cut_on_a_straight_grid_and_the_others_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ink, blobs = _ink(30, 14, 0.12)
    found = ocrb.FoundLines(ink, ink > 0.5, None, (ocrb._Found(30, 40, blobs, 30, 50.0, 25.0),))
    straight: list[object] = []
    real_refine = ocrb._refine_grid

    def refine(*args: object, **kwargs: object) -> object:
        straight.append(kwargs.get("straight"))
        return real_refine(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ocrb, "_refine_grid", refine)

    assert [line.length for line in found.cut(extend_faded=True)] == [44]
    assert [line.length for line in found.cut()] == [30]
    assert straight == [True, False]
