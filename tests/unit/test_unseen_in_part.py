"""Characters a region shows only in part, and the bands of a page read where the zone finder boxed nothing.

A region cut at a slant across the zone leaves the feet or heads of a line's end outside it: the deskew turns a
blank corner in where they were (`ocrb.CellLine.clipped`), and the recogniser's sureness of those characters is
worth half (`stages._unseen_in_part`), so a name's E read F there is marked for the clerk. A line the deskew
leaves sloping is cut along its slope (`ocrb._slope`), not in one level band that cuts its ends' heads or feet
off; a line whose ink reaches a side of the region may go on past it (`ocrb.CellLine.runs_off`), and its reading
ends no search. Each test fails without its rule.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from borgerservice_desk.domain.mrz import MrzFormat
from borgerservice_desk.scanning import doubts, ocrb, stages
from borgerservice_desk.scanning.ocrb import ALPHABET
from tests.support.recogniser import certain, numbered_cells, recognised

OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
NAME_LINE = "KRISTIANSEN<BJOERNHOLM<<EMRE<E"


def _slanted_line(angle: float) -> np.ndarray:  # type: ignore[type-arg]
    """A name line in OCR-B turned by `angle` degrees (its right end up), on white, as grey values."""
    page = Image.new("L", (1400, 260), 255)
    ImageDraw.Draw(page).text((60, 100), NAME_LINE, font=ImageFont.truetype(OCRB, 40), fill=0)
    return np.asarray(page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255), dtype=np.float64)


def _cut(page: np.ndarray, heads_lost: int) -> np.ndarray:  # type: ignore[type-arg]
    """The line's box with a margin, its top edge `heads_lost` pixels below the top of the line's raised end."""
    rows = np.nonzero((page < 128).any(axis=1))[0]
    columns = np.nonzero((page < 128).any(axis=0))[0]
    return page[rows.min() - 10 + heads_lost : rows.max() + 10, columns.min() - 20 : columns.max() + 20]


def test_a_line_cut_at_a_slant_has_the_characters_of_its_cut_end_clipped_and_no_others() -> None:
    # Turned 2 degrees and cut straight, 12 px into the heads of its raised right end: after the deskew, the
    # top right corner is blank where those heads were.
    lines = ocrb.cut_lines(_cut(_slanted_line(2.0), heads_lost=22))

    assert [line.length for line in lines] == [30]
    clipped = lines[0].clipped
    assert {27, 28, 29} <= clipped  # the cut end
    assert not clipped & set(range(15))  # the left half, seen whole


@pytest.mark.parametrize("angle", [0.0, 2.0])
def test_a_line_seen_whole_has_no_character_clipped(angle: float) -> None:
    # Straight (no deskew, no corner turned in), or turned with a margin round all of it.
    lines = ocrb.cut_lines(_cut(_slanted_line(angle), heads_lost=0))

    assert [line.length for line in lines] == [30]
    assert lines[0].clipped == frozenset()


def test_clipped_counts_a_cell_whose_box_reaches_past_the_shown_part() -> None:
    # Cells of pitch 20 on rows 10-40; the region shows all but a corner 3 rows deep over the last two boxes
    # (3 of 30 rows: 10 % of their box), and one row over half the box before them (under 2 %: a corner grazing
    # it, no more than `_CLIPPED_SHARE`).
    shown = np.ones((50, 200), dtype=np.bool_)
    shown[10:13, 160:] = False
    shown[10:11, 150:160] = False
    centres = np.arange(10.0, 200.0, 20.0)

    tops = np.full(len(centres), 10.0)

    assert ocrb._clipped(shown, tops, 30, centres, 20.0) == frozenset({8, 9})
    assert ocrb._clipped(np.ones((50, 200), dtype=np.bool_), tops, 30, centres, 20.0) == frozenset()
    # A line climbing 4 rows to the right: the last two boxes start at rows 13.6 and 14, under the blank corner.
    assert ocrb._clipped(shown, tops + np.linspace(0.0, 4.0, len(centres)), 30, centres, 20.0) == frozenset()


def _first_inked_rows(line: ocrb.CellLine) -> list[int]:
    """Per cell, the first of its CELL_SIZE rows with ink: where the cell's band starts against its character."""
    cells = line.cells.reshape(line.length, *ocrb.CELL_SIZE)
    return [int(np.nonzero(cell.sum(axis=1) > 0.5)[0][0]) for cell in cells]


@pytest.mark.parametrize("angle", [1.0, 2.0, -2.0, 3.0])
def test_a_line_left_sloping_by_the_deskew_is_cut_along_its_slope(angle: float) -> None:
    # 900 px wide, the deskew turns the region by half its skew (`straightening_angle`): the line still climbs
    # or falls across it, by 7 to 22 px against a height of 29. Cut in one level band, the cells at the high
    # end lost their heads (their first inked row 0) and those at the low end sat up to 9 rows down (glare TD2
    # 2306's I read A). Along its slope, every cell holds its character as a level line's does.
    level = _first_inked_rows(ocrb.cut_lines(_cut(_slanted_line(0.0), heads_lost=0))[0])
    lines = ocrb.cut_lines(_cut(_slanted_line(angle), heads_lost=0))

    assert [line.length for line in lines] == [30]
    assert all(abs(row - level_row) <= 1 for row, level_row in zip(_first_inked_rows(lines[0]), level, strict=True))


def test_training_cuts_the_same_line_level_as_the_model_always_learnt() -> None:
    # `follow_slope=False` (the training's cut): one level band, the high end's heads cut off.
    lines = ocrb.cut_lines(_cut(_slanted_line(2.0), heads_lost=0), follow_slope=False)

    rows = _first_inked_rows(lines[0])
    assert rows[-1] == 0 and rows[0] >= 5


@pytest.mark.parametrize("angle", [0.0, 2.0])
def test_a_line_the_region_s_side_cuts_through_runs_off_it_and_one_inside_does_not(angle: float) -> None:
    region = _cut(_slanted_line(angle), heads_lost=0)  # 20 px of paper left and right of the line
    ink_columns = np.nonzero((region < 128).any(axis=0))[0]

    assert [line.runs_off for line in ocrb.cut_lines(region)] == [False]
    # Cut through its last character (12 px in from the line's right end), or through its first.
    assert [line.runs_off for line in ocrb.cut_lines(region[:, : ink_columns.max() - 12])] == [True]
    assert [line.runs_off for line in ocrb.cut_lines(region[:, ink_columns.min() + 12 :])] == [True]


def test_slope_is_the_median_of_the_slopes_and_none_for_a_line_near_level() -> None:
    centres = np.arange(0.0, 900.0, 30.0)
    middles = 50.0 + 0.02 * centres
    middles[[3, 17]] = [10.0, 90.0]  # two stray blobs far off the line

    assert ocrb._slope(centres, middles, 30.0) == pytest.approx(0.02)  # 17 rows over the line: 0.6 of a height
    assert ocrb._slope(centres, 50.0 + 0.005 * centres, 30.0) == 0.0  # 4.4 rows: under _LEVEL_DRIFT, level
    assert ocrb._slope(centres[:1], middles[:1], 30.0) == 0.0


def _recognised(clipped: frozenset[int]) -> stages.Reading:
    # Glare zone TD1 2223 as read from a region cut at a slant: both Es of EMRE<E read F at 0.98, the name
    # line's end clipped or not.
    read = ("IDDNK15S1087S20<<<<<<<<<<<<<<<", "7506143M2912305NLD<<<<<<<<<<<8", "KRISTIANSEN<BJOERNHOLM<<EMRF<F")
    reading = recognised(certain(read), numbered_cells(read, {2: clipped}), width=700)
    assert reading is not None
    return reading


def test_a_name_s_letter_read_surely_but_seen_in_part_is_kept_and_marked() -> None:
    reading = _recognised(frozenset({26, 27, 28, 29}))

    assert reading.result.lines[2].endswith("EMRF<F")  # the likeliest character stays
    assert reading.probabilities[2][27].max() < doubts.UNSURE_CELL
    assert reading.probabilities[2][27].argmax() == ALPHABET.index("F")
    marked = {(d.line, d.column) for d in doubts.unsure_characters(MrzFormat.TD1, reading.result.lines, reading.probabilities)}
    assert {(2, 27), (2, 29)} <= marked
    assert not {(2, column) for column in range(26)} & marked  # the cells seen whole are as sure as read


def test_the_same_letter_seen_whole_passes_unmarked() -> None:
    # The control: the rule, not the reading, marks it.
    reading = _recognised(frozenset())

    marked = {(d.line, d.column) for d in doubts.unsure_characters(MrzFormat.TD1, reading.result.lines, reading.probabilities)}
    assert (2, 27) not in marked and (2, 29) not in marked


def test_a_visa_whose_v_is_clipped_is_still_a_visa() -> None:
    # The format is told by the first character as read (a V likelier than all else together): its sureness
    # halved in a clipped corner (0.95 to about 0.49), a visa would have been taken for a passport.
    read = ("VCISLNGUYEN<<AOIFE<<<<<<<<<<<<<<<<<<<<<<<<<<", "UZD58SU382ISL3709072F3501128IN<<<<<<<<<<<<<<")

    reading = recognised(certain(read, sure=0.95), numbered_cells(read, {0: frozenset({0})}))

    assert reading is not None
    assert reading.result.format is MrzFormat.MRVA
    assert reading.result.lines == read
    assert reading.probabilities[0][0].max() < 0.5  # the V, still counted half sure


@pytest.mark.parametrize("runs_off", [False, True])
def test_a_reading_whose_line_runs_off_the_region_ends_no_search_however_it_passes(runs_off: bool) -> None:
    # A card's 2 x 36 read from part of a passport's zone passes every check digit; read from whole lines it
    # would be sure, and the wider looks and the bands would never be tried.
    read = ("I<NLDONEILL<<SOEREN<AAGE<<<<<<<<<<<<", "404WA9L345NLD5109089M2805287<<<<<<<4")
    cells = [replace(line, runs_off=runs_off and number == 1) for number, line in enumerate(numbered_cells(read))]

    reading = recognised(certain(read), cells)

    assert reading is not None and reading.result.failed_checks == ()
    assert reading.runs_off is runs_off
    assert reading.sure is not runs_off
    assert reading.passes_whole is not runs_off


def test_a_page_is_read_in_four_bands_where_a_zone_is_printed_and_a_zone_crop_in_none() -> None:
    page = np.full((500, 800), 200.0)
    page[450:470, 100:700] = 10.0  # a dark stripe at the foot, where a card's zone is

    bands = list(stages.zone_bands(page))

    assert len(bands) == len(stages.ZONE_BANDS) == 4
    margin = 200 // 8
    assert [band.shape for band in bands] == [(200 + 2 * margin, 800 + 2 * margin)] * 4
    assert (bands[0] < 50).any()  # the foot band holds the stripe
    assert not (bands[2] < 50).any()  # the head band (a page upside down) does not
    assert bands[0][0, 0] == pytest.approx(200.0)  # the margin is the paper's brightness
    assert list(stages.zone_bands(np.full((100, 800), 200.0))) == []  # a crop of the zone alone
    assert list(stages.zone_bands(np.full((800, 100), 200.0))) == []  # the same photographed sideways
    assert list(stages.zone_bands(np.zeros((0, 800)))) == []
    assert list(stages.zone_bands(np.full((1, 1), 200.0))) == []  # too small to hold a zone
