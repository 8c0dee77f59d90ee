"""Reading the characters of a located MRZ ourselves: cut into character cells, classified by a small
network trained on the OCR-B font.

Why not Tesseract alone: its general English model reads OCR-B's filler '<' as K or X next to letters and
loses count in long runs of fillers, and nothing in the MRZ checks the names. The MRZ is easier than
general text in every way that matters: one font (OCR-B, ISO 1073-2), a fixed pitch (ten characters to
25.4 mm, ICAO 9303 part 3), 37 characters, and fixed line lengths. So a line is cut into exactly as many
cells as its format has characters, and each cell is classified by a network trained on rendered OCR-B
(see `borgerservice_desk_training.ocrb_training`), which also gives a probability for every character: the correction step uses the
runners-up where a check digit fails.

The steps, on the region PassportEye's zone finder returns (grayscale, 0 = black):
1. Flatten the background (glare, shadows) and binarise.
2. Straighten what skew is left after the zone finder.
3. Find the text lines by the row profile of the ink.
4. On each line, find the ink blobs, estimate the pitch from their spacing, choose the line length
   (30, 36 or 44) that the spread of the blobs fits, and fit a grid of cell centres.
5. Cut each cell (in the line's band of rows, which follows the line where it still slopes), normalise it
   to CELL_SIZE, and classify it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage

from borgerservice_desk.domain.mrz.layouts import DIGITS, FILLER, LETTERS, MrzFormat

# The network's classes, in this order: the order is part of the trained model (a new order needs a new one).
ALPHABET = FILLER + DIGITS + LETTERS
LINE_LENGTHS = tuple(sorted({mrz_format.line_length for mrz_format in MrzFormat}))  # 30, 36, 44
CELL_SIZE = (24, 20)  # (height, width) of a normalised cell: a character is taller than its pitch is wide

FloatImage = NDArray[np.float64]


@dataclass(frozen=True)
class CellLine:
    """One MRZ line cut into its character cells (each CELL_SIZE, ink = 1)."""

    cells: NDArray[np.float32]  # shape (length, height*width)
    pitch: float  # pixels from one character to the next in the region
    height: float  # pixels of the line band
    borrowed: bool = False  # its grid is a neighbouring line's (see `cut_lines`' share_grid)
    # The cells whose character reaches past what the region shows (see `_clipped`): part of its ink may be
    # cut off, an E's foot leaving an F.
    clipped: frozenset[int] = frozenset()
    # Its ink reaches a side of what the region shows (`_runs_off`): the line may go on past the region, and a
    # line cut short may be taken for a shorter one.
    runs_off: bool = False

    @property
    def length(self) -> int:
        return int(self.cells.shape[0])


@dataclass(frozen=True)
class LineReading:
    """Per cell, the probability of each ALPHABET character."""

    probabilities: NDArray[np.float64]  # shape (length, len(ALPHABET))

    @property
    def text(self) -> str:
        return "".join(ALPHABET[i] for i in self.probabilities.argmax(axis=1))


# --- segmentation ----------------------------------------------------------------------------------------


def ink_image(region: FloatImage) -> FloatImage:
    """Ink as 0..1 (1 = darkest) on a flattened background, so glare and shadows do not read as ink."""
    height = region.shape[0]
    size = max(15, int(height * 0.6)) | 1
    # The background is the brightest nearby value; a grey closing with a window wider than a stroke
    # removes the characters and leaves it.
    small = region[:: max(1, height // 60), :: max(1, height // 60)]
    factor = region.shape[0] / small.shape[0]
    background_small = ndimage.grey_closing(small, size=(max(3, int(size / factor)) | 1,) * 2)
    background = _resize(background_small, region.shape)
    flat = np.clip(region / np.maximum(background, 1e-3), 0.0, 1.0)
    ink = 1.0 - flat
    low, high = np.percentile(ink, [50.0, 99.7])
    if high - low < 1e-6:
        return np.zeros_like(ink)
    return np.asarray(np.clip((ink - low) / (high - low), 0.0, 1.0), dtype=np.float64)


def _resize(image: FloatImage, shape: tuple[int, ...]) -> FloatImage:
    zoom = (shape[0] / image.shape[0], shape[1] / image.shape[1])
    out = ndimage.zoom(image, zoom, order=1)
    # zoom may be one pixel off; pad or cut to the exact shape.
    result = np.empty(shape, dtype=np.float64)
    h = min(shape[0], out.shape[0])
    w = min(shape[1], out.shape[1])
    result[:h, :w] = out[:h, :w]
    if h < shape[0]:
        result[h:, :w] = out[h - 1 : h, :w]
    if w < shape[1]:
        result[:, w:] = result[:, w - 1 : w]
    return result


def _otsu(values: FloatImage) -> float:
    histogram, edges = np.histogram(values, bins=64, range=(0.0, 1.0))
    centres = (edges[:-1] + edges[1:]) / 2
    weight = np.cumsum(histogram)
    total = weight[-1]
    if total == 0:
        return 0.5
    mean = np.cumsum(histogram * centres)
    between = (mean[-1] * weight - mean * total) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return float(centres[int(np.argmax(between))])


def _binarise(ink: FloatImage) -> NDArray[np.bool_]:
    """Ink or not, judged against the darkest ink nearby: under glare the characters on one side are pale
    grey while the rest are black, and one threshold for all would lose the pale ones."""
    height = ink.shape[0]
    size = (max(9, height // 2) | 1, max(9, height) | 1)
    step = max(1, height // 40)
    local = ndimage.maximum_filter(ink[::step, ::step], size=(max(3, size[0] // step) | 1, max(3, size[1] // step) | 1))
    local = _resize(local, ink.shape) if step > 1 else local
    # Where nothing nearby is darker than a quarter, it is background (noise is not stretched to ink).
    relative = ink / np.maximum(local, 0.25)
    return np.asarray((relative > 0.5) & (ink > _otsu(ink) * 0.35), dtype=np.bool_)


def _skew_angle(binary: NDArray[np.bool_]) -> float:
    """The angle (-6 to 6 degrees; `straightening_angle` makes it the region's) that makes the row profile
    sharpest, searched on the image squeezed to at most about 800 columns, every `step`-th kept.

    Each angle is scored by where the ink pixels land when the sample is turned by it (the rows of
    `ndimage.rotate(sample, angle)`, nearest pixel, about the centre, what falls outside dropped), counted
    per row: the sum of the squared counts. Turning only the ink pixels' coordinates, not the whole image,
    is what makes the search cheap: rotating the image 30 times was most of the time a read took."""
    step = max(1, binary.shape[1] // 400)
    sample = binary[:, ::step]
    height, width = sample.shape
    rows, columns = np.nonzero(sample)
    dy = rows - (height - 1) / 2.0
    dx = columns - (width - 1) / 2.0

    def score(angle: float) -> float:
        turn = math.radians(angle * step)
        landed_row = np.floor((height - 1) / 2.0 + dy * math.cos(turn) - dx * math.sin(turn) + 0.5)
        landed_column = (width - 1) / 2.0 + dy * math.sin(turn) + dx * math.cos(turn)
        inside = (landed_row >= 0) & (landed_row < height) & (landed_column > -0.5) & (landed_column < width - 0.5)
        counts = np.bincount(landed_row[inside].astype(np.intp), minlength=height)
        return float(np.sum(counts.astype(np.float64) ** 2))

    best_angle, best_score = 0.0, -1.0
    for angle in np.arange(-6.0, 6.01, 0.5):
        current = score(float(angle))
        if current > best_score:
            best_angle, best_score = float(angle), current
    # Refine around the best coarse angle.
    for angle in np.arange(best_angle - 0.4, best_angle + 0.41, 0.2):
        current = score(float(angle))
        if current > best_score:
            best_angle, best_score = float(angle), current
    return best_angle


def _deskew(
    ink: FloatImage, binary: NDArray[np.bool_]
) -> tuple[FloatImage, NDArray[np.bool_], NDArray[np.bool_] | None]:
    """Rotate by the small angle (within about 6 degrees) that makes the row profile sharpest; also which
    pixels of the turned region show the region (None: all, where it was not turned), the corners turned in
    being blank."""
    best_angle = _skew_angle(binary)
    if abs(best_angle) < 0.1:
        return ink, binary, None
    angle = straightening_angle(best_angle, binary.shape[1])
    ink = ndimage.rotate(ink, angle, reshape=False, order=1, mode="constant", cval=0.0)
    shown = ndimage.rotate(np.ones(ink.shape, dtype=np.float32), angle, reshape=False, order=1, mode="constant")
    return ink, ink > _otsu(ink), np.asarray(shown > 0.5, dtype=np.bool_)


def straightening_angle(sample_angle: float, width: int) -> float:
    """The angle to turn a region `width` pixels wide by, for the angle `_skew_angle` found on its sample.

    The sample keeps every `step`-th column, which makes a slope `step` times steeper; it was straightened by
    turning it `sample_angle * step` degrees, so the region's own skew is about `sample_angle`. The region is
    turned by the tangent of `sample_angle` over `step`: a region 800 pixels or wider is straightened by only
    a half, a third, ... of its skew, and the rest is left to the cutting's grid, which follows sloping lines.
    That is how the model learnt its cells, and it was measured against turning by the whole skew (a model
    built that way, all else alike, 2026-12-01): generated documents gained (zones in unseen fonts 55 of 84
    exact against 45), but the real samples lost (30 of 34 against 34), so the partial turn stays."""
    step = max(1, width // 400)
    return math.degrees(math.atan(math.tan(math.radians(sample_angle)) / step)) if step > 1 else sample_angle


# What tells characters run together from a rule: a rule has one row of ink along at least this share of
# its width (a level line, even touching characters), and a thin line drawn at a slant has little ink in
# each column, where a run of characters has strokes across most of its height (measured 0.72 to 0.91 of
# it, as the median over columns, on FreeMono Bold zones).
_RULE_ROW = 0.97
_RUN_TOGETHER_COLUMN = 0.3


def _runs_together(component: NDArray[np.bool_]) -> bool:
    """Whether a blob as tall as a character and several wide is characters run together, not a rule."""
    height, width = component.shape
    return bool(
        component.sum(axis=1).max() < width * _RULE_ROW
        and np.median(component.sum(axis=0)) >= height * _RUN_TOGETHER_COLUMN
    )


def _without_rules(
    binary: NDArray[np.bool_], *, keep_run_together: bool
) -> tuple[NDArray[np.bool_], NDArray[np.bool_] | None]:
    """Remove ink that cannot be a character: the frame some documents print around the MRZ, rules and
    the page's edge. Such blobs are far taller or wider than the characters, which are all about as tall
    as each other. A wide blob as tall as a character that is characters run together (heavy print,
    spread ink; `_runs_together`) stays where `keep_run_together`, for the grid of the line beside it to
    cut (`_shared_grids`)."""
    labels, count = ndimage.label(binary, structure=np.ones((3, 3)))
    if count < 8:
        return binary, None
    objects = ndimage.find_objects(labels)
    heights = np.array([0 if o is None else o[0].stop - o[0].start for o in objects])
    widths = np.array([0 if o is None else o[1].stop - o[1].start for o in objects])
    sizes = ndimage.sum_labels(binary, labels, index=np.arange(1, count + 1))
    substantial = heights[sizes >= max(4.0, float(np.percentile(sizes, 75)) * 0.3)]
    if len(substantial) < 8:
        return binary, None
    typical = float(np.median(substantial))
    wide = np.flatnonzero((widths > typical * 5) & (heights <= typical * 1.8))
    run_together = [
        index
        for index in (wide if keep_run_together else ())
        if typical * 0.7 <= heights[index] <= typical * 1.5 and _runs_together(labels[objects[index]] == index + 1)
    ]
    rules = np.setdiff1d(np.flatnonzero((heights > typical * 1.8) | (widths > typical * 5)), run_together) + 1
    if len(rules) == 0:
        return binary, None
    mask = np.isin(labels, rules)
    return np.asarray(binary & ~mask, dtype=np.bool_), mask


def _bands(binary: NDArray[np.bool_]) -> list[tuple[int, int]]:
    """Row ranges of text lines: runs of rows with a fair share of ink."""
    profile = binary.sum(axis=1).astype(np.float64)
    if profile.max() <= 0:
        return []
    rows = profile > profile.max() * 0.12
    bands: list[tuple[int, int]] = []
    start = None
    for y, on in enumerate(rows):
        if on and start is None:
            start = y
        elif not on and start is not None:
            bands.append((start, y))
            start = None
    if start is not None:
        bands.append((start, len(rows)))
    if not bands:
        return []
    tallest = max(end - begin for begin, end in bands)
    return [(b, e) for b, e in bands if e - b >= tallest * 0.45]


Blob = tuple[float, float, float, float, float]  # left, right, centre x, top, bottom


def _blob_centres(binary_band: NDArray[np.bool_], band_height: int) -> list[Blob]:
    """(left, right, centre x, top, bottom) of each blob that may be a character, merged where blobs overlap
    in x (a broken character)."""
    labels, count = ndimage.label(binary_band, structure=np.ones((3, 3)))
    if count == 0:
        return []
    objects = ndimage.find_objects(labels)
    sizes = ndimage.sum_labels(binary_band, labels, index=np.arange(1, count + 1))
    heights = np.array([0 if sl is None else sl[0].stop - sl[0].start for sl in objects])
    tall = sizes[heights >= band_height * 0.5]
    # Specks (dust, the security print's dots, JPEG noise) are far smaller than the smallest character, the
    # filler '<', which has about a third of the ink of a letter.
    min_size = max(2.0, float(np.median(tall)) * 0.15) if len(tall) else 2.0
    spans: list[list[float]] = []
    for index, slices in enumerate(objects):
        if slices is None:
            continue
        ys, xs = slices
        if sizes[index] < min_size or heights[index] < band_height * 0.3:
            continue
        spans.append([float(xs.start), float(xs.stop), float(ys.start), float(ys.stop)])
    spans.sort()
    merged: list[list[float]] = []
    for left, right, top, bottom in spans:
        if merged and left < merged[-1][1] - (right - left) * 0.5:
            last = merged[-1]
            last[1], last[2], last[3] = max(last[1], right), min(last[2], top), max(last[3], bottom)
        else:
            merged.append([left, right, top, bottom])
    blobs = [(left, right, (left + right) / 2, top, bottom) for left, right, top, bottom in merged]
    return _trim_outliers(blobs)


def _trim_outliers(blobs: list[Blob]) -> list[Blob]:
    """Drop blobs cut off from the line by a wide blank at either end: the frame some documents print
    around the MRZ, or the edge of the photo. Inside an MRZ line there are no wide blanks, as '<' is ink
    too. (Blank space, not distance between centres: blurred characters run together into wide blobs.)"""
    while len(blobs) >= 8:
        typical = float(np.median(np.diff([blob[2] for blob in blobs])))
        if blobs[1][0] - blobs[0][1] > typical * 1.6:
            blobs = blobs[1:]
        elif blobs[-1][0] - blobs[-2][1] > typical * 1.6:
            blobs = blobs[:-1]
        else:
            break
    return blobs


# A line whose characters climb or fall across it by less than this share of their height is cut in one level
# band of rows, as every line was before the band followed a slope: a fifth of a height is a few pixels, what
# the level band's margin (0.15 of the height above and below) holds without cutting a head or a foot.
_LEVEL_DRIFT = 0.2


def _slope(centres: NDArray[np.float64], middles: NDArray[np.float64], height: float) -> float:
    """Rows per column by which a line's characters climb or fall (their middle height against their centre):
    the median of the slopes between every two characters at least a character's height apart (Theil and Sen,
    so a stray blob does not tilt it), or 0 where the drift across the line stays under `_LEVEL_DRIFT` of the
    height.

    The deskew straightens a wide region only in part (`straightening_angle`), and a zone finder's box at an
    angle to the print (glare breaking the zone up) leaves a line sloping across the region: cut in one band,
    the characters at one end lost their heads (a card's I read A, its first line's start a third out of the
    band: glare TD2 2306).

    Not `scipy.stats.theilslopes`: it takes neighbouring characters' pairs too, whose slope is mostly the noise
    of their outlines, and importing scipy.stats costs the first read half a second.
    """
    if len(centres) < 2 or height <= 0:
        return 0.0
    first, second = np.triu_indices(len(centres), k=1)
    apart = np.abs(centres[second] - centres[first]) >= height
    if not apart.any():
        return 0.0
    slope = float(np.median((middles[second] - middles[first])[apart] / (centres[second] - centres[first])[apart]))
    drift = abs(slope) * float(centres.max() - centres.min())
    return slope if drift >= _LEVEL_DRIFT * height else 0.0


# The fewest characters a line's grid is fitted to (`_fit_grid`), or borrowed by their spacing alone.
_GRID_BLOBS = 8


def _fit_grid(blobs: Sequence[Blob], height: float) -> tuple[int, float, float] | None:
    """(line length, x of the first cell centre, pitch) that best explains the blobs, or None."""
    if len(blobs) < _GRID_BLOBS:
        return None
    centres = np.array([blob[2] for blob in blobs])
    widths = np.array([blob[1] - blob[0] for blob in blobs])
    typical = float(np.median(widths))
    # Blobs much wider than a character are several characters run together (blur, low resolution).
    first = float(blobs[0][0]) + min(typical, float(widths[0])) / 2
    last = float(blobs[-1][1]) - min(typical, float(widths[-1])) / 2
    span = last - first
    if span <= 0:
        return None
    spacing = _spacing(blobs)
    rough_pitch = spacing if spacing is not None else span / 30
    best: tuple[float, int, float, float] | None = None
    for length in LINE_LENGTHS:
        pitch = span / (length - 1)
        # OCR-B's pitch is about 0.7 to 1.1 times the height of a capital; a fit far outside is wrong.
        if not 0.45 * height <= pitch <= 1.6 * height:
            continue
        positions = (centres - first) / pitch
        error = float(np.mean(np.abs(positions - np.round(positions))))
        cost = error + abs(pitch - rough_pitch) / rough_pitch
        if best is None or cost < best[0]:
            best = (cost, length, first, pitch)
    if best is None or best[0] > 0.6:
        return None
    return best[1], best[2], best[3]


def _spacing(blobs: Sequence[Blob]) -> float | None:
    """The usual distance between neighbouring blobs' centres: the median of the gaps, leaving out the gaps
    over a missing character or a space (1.6 times the median or more); None where no gap is left (fewer than
    two blobs)."""
    gaps = np.diff([blob[2] for blob in blobs])
    small_gaps = gaps[gaps < np.median(gaps) * 1.6] if len(gaps) else gaps
    return float(np.median(small_gaps)) if len(small_gaps) else None


def _refine_grid(
    blobs: Sequence[Blob], length: int, first: float, pitch: float, *, straight: bool = False
) -> NDArray[np.float64]:
    """The x of every cell centre: a smooth (quadratic) curve through the blobs that sit on the grid, so
    that a line photographed at an angle, whose pitch shrinks along it, is still cut character by
    character. Wide blobs (characters run together) sit between grid points and are left out. `straight`
    (a grid carried on beyond its characters, `_extended`) fits a straight line: a curve through 30 of 44
    cells bends away at the far end."""
    indices = np.arange(length, dtype=np.float64)
    centres = first + indices * pitch
    xs = np.array([blob[2] for blob in blobs])
    for _ in range(3):
        k = np.clip(np.round((xs - centres[0]) / pitch), 0, length - 1).astype(int)
        residual = xs - centres[k]
        on_grid = np.abs(residual) < pitch * 0.3
        if on_grid.sum() < max(8, length // 3):
            break
        degree = 2 if on_grid.sum() >= length // 2 and not straight else 1
        coefficients = np.polyfit(k[on_grid].astype(np.float64), xs[on_grid], degree)
        refined = np.asarray(np.polyval(coefficients, indices), dtype=np.float64)
        steps = np.diff(refined)
        if steps.min() < pitch * 0.7 or steps.max() > pitch * 1.3:
            break  # a fit that bends this much is following noise, not perspective
        centres = refined
        pitch = float(np.mean(steps))
    return np.asarray(centres, dtype=np.float64)


# A line that fits no grid of its own is still cut by its neighbour's when it has this many blobs (characters
# run together) and its ink covers this share of the neighbour's line (`_inked_share`): an MRZ line runs its
# full length, as the filler '<' is ink too.
_RUN_TOGETHER_BLOBS = 3
_RUN_TOGETHER_SPAN = 0.8


@dataclass(frozen=True)
class _Found:
    """A text line as found: its band, its blobs and the grid fitted to them."""

    top: int
    height: int
    blobs: list[Blob]
    length: int
    first: float
    pitch: float
    borrowed: bool = False
    slope: float = 0.0  # rows per column the line climbs or falls (`_slope`); `top` is its top at `anchor`
    anchor: float = 0.0

    @property
    def last(self) -> float:
        return self.first + (self.length - 1) * self.pitch


def cut_lines(
    region: FloatImage, *, local_threshold: bool = False, share_grid: bool = True, follow_slope: bool = True
) -> list[CellLine]:
    """The MRZ lines found in `region` (grayscale, 0 = black), each cut into its character cells.

    `local_threshold` judges ink against the ink nearby instead of one threshold for the region: the
    second try for a region under glare, where it finds pale characters one threshold loses (it is not
    the first try because on ordinary scans it lets more stray marks through).

    `share_grid` lets a line whose characters at one end are lost (glare, a fold, a thumb) take the grid
    of the longer MRZ line next to it, as every line of an MRZ starts at the same place, has the same
    length and the same pitch. Such lines say so (`borrowed`): a line of other print beside a licence's
    single line could lend it a wrong length, so the reader reads the region without sharing as well.
    So does a line whose characters all run together (heavy print), which fits no grid of its own; and
    only with sharing are such wide blobs kept rather than taken out as rules (`_without_rules`), so the
    read without sharing filters as before. Training turns it off, so that it learns only from lines found
    whole.

    `follow_slope` cuts a line that still slopes across the region (`_slope`) along its slope, not in one
    level band. Training turns it off too: a model trained only on cells cut along the slope (key
    71d861e6bf7f6b7d, 2026-12-07) read two real samples worse (a name's filler read Q<QQQ on the Australian
    passport, an R on a card), where the model that learnt from lines cut level, the heads or feet of a
    sloping line's ends cut off, reads every real sample exactly with the cells cut along the slope. The cut
    ends are a variety of print it learns from; read, the whole character is what it should see.
    """
    return find_lines(region, local_threshold=local_threshold, share_grid=share_grid, follow_slope=follow_slope).cut()


@dataclass(frozen=True, eq=False)
class FoundLines:
    """The text lines found in a region (`find_lines`), to be cut into cells as found or carried on over the
    faint ink beyond their ends, without finding them twice."""

    ink: FloatImage
    binary: NDArray[np.bool_]
    shown: NDArray[np.bool_] | None
    found: tuple[_Found, ...]

    def cut(self, *, extend_faded: bool = False) -> list[CellLine]:
        """The lines cut into cells. `extend_faded` carries each line's grid on over the faint ink beyond its
        ends (`_extended`), and cuts nothing (no lines) where no line was carried on: the reader's second try
        for a region whose lines, cut as found, read as nothing or fail a check digit."""
        found = list(self.found)
        carried = [False] * len(found)
        if extend_faded:
            extended = [_extended(line, self.ink) for line in found]
            carried = [new is not old for new, old in zip(extended, found, strict=True)]
            if not any(carried):
                return []
            found = extended
        lines: list[CellLine] = []
        for line, carried_on in zip(found, carried, strict=True):
            if not line.length:
                continue
            centres = _refine_grid(line.blobs, line.length, line.first, line.pitch, straight=carried_on)
            cell_tops = line.top + line.slope * (centres - line.anchor)
            cells = _cells(self.ink, cell_tops, line.height, centres, line.pitch)
            clipped = (
                frozenset() if self.shown is None else _clipped(self.shown, cell_tops, line.height, centres, line.pitch)
            )
            runs_off = _runs_off(line, self.binary, self.shown)
            lines.append(CellLine(cells, line.pitch, float(line.height), line.borrowed, clipped, runs_off))
        return lines


def find_lines(
    region: FloatImage, *, local_threshold: bool = False, share_grid: bool = True, follow_slope: bool = True
) -> FoundLines:
    """The text lines of `region` with their grids, not yet cut into cells (`cut_lines` says the rest)."""
    empty = np.zeros((0, 0))
    if region.ndim != 2 or min(region.shape) < 8:
        return FoundLines(empty, empty.astype(bool), None, ())
    ink = ink_image(region)
    binary = _binarise(ink) if local_threshold else ink > _otsu(ink)
    ink, binary, shown = _deskew(ink, binary)
    # Training (no shared grids) takes run-together blobs out as before: a model trained with them kept, the
    # heavy lines it then cut learnt from too, read worse (measured 2026-12-03 on the benchmark's generated
    # documents: 94.5 % exact against 96.2 %, glare 10 of 14 against 11, two licence lines at low resolution
    # not found), while the same reading code with the model as it was lost nothing.
    binary, rules = _without_rules(binary, keep_run_together=share_grid)
    if rules is not None:
        # The rules' grey edges too, or a frame line just above the characters would sit in every cell.
        ink = np.where(ndimage.binary_dilation(rules, iterations=2), 0.0, ink)
    found: list[_Found] = []
    for band_top, band_bottom in _bands(binary):
        blobs = _blob_centres(binary[band_top:band_bottom], band_bottom - band_top)
        if len(blobs) < _RUN_TOGETHER_BLOBS:
            continue
        # The band by the characters themselves (the median top and bottom of the full-height blobs), so
        # that every cell holds its character the same way, whatever stray ink widened the band. Full
        # height, because the filler '<' is shorter than a capital, in some fonts far shorter: in a line
        # that is mostly fillers their median would cut off the capitals' tops (C read as L, O as U).
        tops = np.array([blob[3] for blob in blobs])
        bottoms = np.array([blob[4] for blob in blobs])
        heights = bottoms - tops
        full = heights >= float(np.percentile(heights, 90)) * 0.8
        centres_x = np.array([blob[2] for blob in blobs])[full]
        middles = (tops[full] + bottoms[full]) / 2
        slope = _slope(centres_x, middles, float(np.median(heights[full]))) if follow_slope else 0.0
        anchor = float(np.median(centres_x)) if len(centres_x) else 0.0
        along = slope * (centres_x - anchor)  # where the line's rows are at each blob, against the anchor
        top = band_top + int(np.median(tops[full] - along))
        bottom = band_top + int(np.ceil(np.median(bottoms[full] - along)))
        height = max(bottom - top, 3)
        grid = _fit_grid(blobs, height)
        if grid is None:
            # Kept for a neighbour's grid (`_shared_grids`): characters run together all along a line (heavy
            # print, ink spread) leave too few blobs on a grid of their own to fit one.
            found.append(_Found(top, height, blobs, 0, 0.0, 0.0, slope=slope, anchor=anchor))
            continue
        length, first, pitch = grid
        found.append(_Found(top, height, blobs, length, first, pitch, slope=slope, anchor=anchor))
    if share_grid:
        found = _shared_grids(found)
    return FoundLines(ink, binary, shown, tuple(found))


# A character is not seen whole where more than this share of its box (the line's rows, the middle 0.8 of its
# pitch) lies in a corner the deskew turned in. A few per cent is the slant of a corner grazing a box's edge.
_CLIPPED_SHARE = 0.03


def _clipped(
    shown: NDArray[np.bool_], tops: NDArray[np.float64], height: int, centres: NDArray[np.float64], pitch: float
) -> frozenset[int]:
    """The cells (by index) whose character's box reaches into what the turned region does not show: a region
    cut at a slant across the zone (a box at an angle to the print) has the feet or heads of a line's end
    outside it, and the deskew turns a blank corner in where they were."""
    out = set()
    for index, (centre, top) in enumerate(zip(centres, tops, strict=True)):
        left, right = round(centre - pitch * 0.4), round(centre + pitch * 0.4)
        box = shown[max(round(top), 0) : round(top) + height, max(left, 0) : right]
        if box.size and float(np.mean(~box)) > _CLIPPED_SHARE:
            out.add(index)
    return frozenset(out)


# How near a side of what the region shows (in pixels) a line's ink may come and the line still end inside
# the region: a region turned by the deskew has a grey seam a pixel or two wide along its sides.
_SIDE_REACH = 2
# How far a region's side may lean over its height: the deskew turns by at most about 6 degrees (tan 0.105).
_SIDE_SLANT = 0.105


def _runs_off(line: _Found, binary: NDArray[np.bool_], shown: NDArray[np.bool_] | None) -> bool:
    """Whether the line has ink within `_SIDE_REACH` of the left or right side of what the region shows, in its
    rows: the zone may go on past the region. A region the zone finder cut from a passport's zone broken up by
    glare held the first 37 of the 44 characters of each line, the last one cut through: read as a card's
    2 x 36, every check digit passed (a passport's lines are a card's up to the optional data, and fillers
    weigh nothing), and the wider look that held the whole zone was never tried (glare TD3 2343). The ink, not
    the blobs: a sliver of a character cut through is too small to be kept as one.

    The sides only, not the top or bottom: a region turned by the deskew shows a tilted rectangle, and where
    its top edge crosses a line's end (heads cut off, `_clipped`) the row's last shown pixel is far inside the
    region. A row counts where its side is as far out as a side turned by the deskew's largest angle runs."""
    height, width = binary.shape
    seen = np.ones(binary.shape, dtype=np.bool_) if shown is None else shown  # a region not turned shows all
    any_shown = np.asarray(seen.any(axis=1), dtype=np.bool_)
    if not any_shown.any():
        return False
    first_shown = seen.argmax(axis=1)
    last_shown = width - 1 - seen[:, ::-1].argmax(axis=1)
    slack = math.ceil(height * _SIDE_SLANT) + _SIDE_REACH
    outermost = (first_shown[any_shown].min(), last_shown[any_shown].max())
    for side, x in ((0, line.blobs[0][0]), (1, line.blobs[-1][1])):
        top = round(line.top + line.slope * (x - line.anchor))
        rows = np.arange(max(top, 0), min(top + line.height, height))
        edges = first_shown[rows] if side == 0 else last_shown[rows]
        at_side = any_shown[rows] & (np.abs(edges - outermost[side]) <= slack)
        rows, edges = rows[at_side], edges[at_side]
        if not len(rows):
            continue
        reach = np.arange(_SIDE_REACH + 1) * (1 if side == 0 else -1)
        columns = np.clip(edges[:, None] + reach[None, :], 0, width - 1)
        if binary[rows[:, None], columns].any():
            return True
    return False


def _shared_grids(found: list[_Found]) -> list[_Found]:
    """Each line that fits inside the grid of a neighbouring line of the same print, as every line of an MRZ
    starts at the same place and has the same length and pitch, takes that grid where it is a better one:

    - a longer neighbour's: the lost end of a faded line is read too, instead of the line being taken for a
      shorter one;
    - a neighbour's of the same length, where the line's own grid does not fit its characters and the
      neighbour's does (`_grid_fits`): glare that washes out the first 9 characters of a card's top line
      leaves 21 standing 25 apart, which `_fit_grid` squeezed into a line of 30 at a pitch of 17.5, the
      shortest length it may give; every cell then held halves of two characters, read as stray C's between
      the fillers (glare TD1 2420, 2439, 2407: checks failing after 3.9 s);
    - any neighbour's, for a line that fitted no grid of its own (length 0), where its ink covers most of the
      neighbour's line (heavy print runs a name's letters together into a few wide blobs, while the digits of
      the line beside it stand apart), or where at least `_GRID_BLOBS` of its characters stand on the
      neighbour's cells (glare that washes out the last 12 characters of a card's top line leaves 18 that fit
      no line, glare TD1 2411).

    The same print is judged by how far apart the line's characters stand (`_spacing`), not by the pitch of
    the grid it fitted: glare that washes the right part of a zone light grey leaves a line's last characters
    too faint to be found, and the rest fitted a line of 30 at a pitch of 20 where its characters stood 25
    apart, as in the line of 36 beside it (glare TD2, MRV-B and French card 2366: "no MRZ").

    A grid taken passes on to the next line, down the zone and then up it (glare across the ends of a card's
    two lower lines, its top line found whole: glare TD1 2403)."""
    out = list(found)
    for order in (range(len(found)), range(len(found) - 1, -1, -1)):
        for index in order:
            for other in (out[index - 1] if index > 0 else None, out[index + 1] if index + 1 < len(found) else None):
                if other is not None and _takes_grid(found[index], out[index], other):
                    out[index] = replace(
                        found[index], length=other.length, first=other.first, pitch=other.pitch, borrowed=True
                    )
    return out


def _takes_grid(line: _Found, now: _Found, other: _Found) -> bool:
    """Whether `line` (as found; `now` its grid so far) takes the grid of its neighbour `other`
    (`_shared_grids`)."""
    if other.length < now.length or (other.length, other.first, other.pitch) == (now.length, now.first, now.pitch):
        return False
    if other.length == now.length and (now.borrowed or _grid_fits(line) or not _grid_fits(other)):
        return False
    spacing = _spacing(line.blobs)
    apart = line.pitch if spacing is None else spacing  # how far apart the line's characters stand
    same_print = (
        abs(line.height - other.height) <= other.height * 0.3
        and abs(line.top - other.top) <= other.height * 3.2
        and (not line.length or abs(apart - other.pitch) <= other.pitch * _SAME_PITCH)
    )
    left, right = line.blobs[0][0], line.blobs[-1][1]
    inside = left >= other.first - other.pitch and right <= other.last + other.pitch
    along = (
        line.length
        or _inked_share(line.blobs, other) >= _RUN_TOGETHER_SPAN
        or (
            len(line.blobs) >= _GRID_BLOBS
            and spacing is not None
            and abs(spacing - other.pitch) <= other.pitch * _SAME_PITCH
            and _off_grid(line.blobs, other.first, other.pitch) < _OFF_GRID
        )
    )
    return bool(same_print and inside and along)


# How far apart (of the pitch) two lines' characters may stand and be of the same print, and a line's characters
# may stand against its own grid's pitch for the grid to fit them.
_SAME_PITCH = 0.08

# How far (of a pitch; the median over a line's characters) the characters may stand off a grid's cells for
# the grid to be theirs: a grid of 30 over 31 characters, or over 29, leaves them 0.25 off.
_OFF_GRID = 0.15


def _off_grid(blobs: Sequence[Blob], first: float, pitch: float) -> float:
    """The median distance, in pitches, of the blobs' centres from the nearest cell centre of the grid."""
    positions = (np.array([blob[2] for blob in blobs]) - first) / pitch
    return float(np.median(np.abs(positions - np.round(positions))))


# The least ink (0..1, 1 the darkest in the region; the darkest 3 x 3 average in the cell) in a cell beyond a
# line's end for `_extended` to take it for a character: a filler glare washed out to a faint grey has 0.11 to
# 0.14 (glare TD3 2403); clean paper 0.04 at most. Averaged so that noise on the paper (each pixel's own) is not
# taken for ink where the strokes of a character, a few pixels wide, are.
_FADED_INK = 0.07


def _extended(line: _Found, ink: FloatImage) -> _Found:
    """The line with its grid carried on, cell by cell, over the faint ink beyond its first and last
    characters, where that makes it a line of an MRZ's length; else the line as it was (the same object).

    Glare can wash a zone's end out so far that no threshold finds its characters, while a cell's darkest
    grey still tells them from paper: a passport's two lines were found as 30 characters each, 14 faint ones
    after them (glare TD3 2403: "no MRZ"). A grid that does not fit its characters (`_grid_fits`) is first
    fitted again at their spacing from the first of them: a licence's line with its last 7 characters washed
    out was squeezed into a line of 30 (glare DL1 2403). A line that fitted no grid is left as it is: a line
    of other print near the zone is not to be made one of its lines."""
    spacing = _spacing(line.blobs)
    if not line.length or spacing is None or len(line.blobs) < _GRID_BLOBS:
        return line
    if _grid_fits(line):
        first, pitch, length = line.first, line.pitch, line.length
    else:
        first, pitch = line.blobs[0][2], spacing
        length = round((line.blobs[-1][2] - first) / pitch) + 1

    def inked(x: float) -> bool:
        # The cell's middle 0.7 of its pitch on the line's rows, at least half of it inside the region.
        left, right = round(x - pitch * 0.35), round(x + pitch * 0.35)
        top = round(line.top + line.slope * (x - line.anchor))
        inside = ink[max(top, 0) : top + line.height, max(left, 0) : right]
        if inside.size < line.height * (right - left) / 2:
            return False
        return float(ndimage.uniform_filter(inside, size=3, mode="nearest").max()) >= _FADED_INK

    while length <= LINE_LENGTHS[-1] and inked(first + length * pitch):
        length += 1
    while length <= LINE_LENGTHS[-1] and inked(first - pitch):
        first, length = first - pitch, length + 1
    if length not in LINE_LENGTHS or (length, first, pitch) == (line.length, line.first, line.pitch):
        return line
    return replace(line, length=length, first=first, pitch=pitch)


def _grid_fits(line: _Found) -> bool:
    """Whether the line's characters stand on its grid: its pitch is how far apart they stand (`_spacing`),
    within what `_shared_grids` allows between lines of the same print (`_SAME_PITCH`), and they stand on its cells
    (`_OFF_GRID`: the pitch alone passes a grid of 30 over 31 characters)."""
    spacing = _spacing(line.blobs)
    return (
        bool(line.length)
        and spacing is not None
        and abs(line.pitch - spacing) <= spacing * _SAME_PITCH
        and _off_grid(line.blobs, line.first, line.pitch) < _OFF_GRID
    )


def _inked_share(blobs: Sequence[Blob], other: _Found) -> float:
    """The share of `other`'s line (first cell's left edge to last cell's right edge) that `blobs` cover with
    ink (blobs overlapping in x were merged when found): a short word and a speck at the far end span a
    line but cover little of it."""
    return sum(blob[1] - blob[0] for blob in blobs) / (other.last - other.first + other.pitch)


def _cells(
    ink: FloatImage, tops: NDArray[np.float64], height: int, centres: NDArray[np.float64], pitch: float
) -> NDArray[np.float32]:
    """Each cell of a line, `height` rows from its own top (`tops`, a line's rows where it slopes) with a
    margin above and below, normalised to CELL_SIZE."""
    margin = height * 0.15
    cell_h, cell_w = CELL_SIZE
    offsets = (np.arange(cell_w) + 0.5) / cell_w - 0.5  # across the cell, in cell widths
    # Weights that favour the middle of the cell, so a neighbour's edge does not pull the centre.
    window = np.exp(-((offsets / 0.3) ** 2))
    out = np.empty((len(centres), cell_h * cell_w), dtype=np.float32)
    for index, (centre, top) in enumerate(zip(centres.tolist(), tops.tolist(), strict=True)):
        y0, y1 = top - margin, top + height + margin
        ys = y0 + (np.arange(cell_h) + 0.5) * (y1 - y0) / cell_h
        cell = _sample(ink, ys, centre, pitch, offsets)
        # OCR-B centres every character in its pitch; where the grid is off by a little (print drift,
        # perspective), move the cell onto the ink, by at most a quarter of the pitch.
        profile = cell.sum(axis=0) * window
        if profile.sum() > 0:
            shift = float((profile * offsets).sum() / profile.sum()) * pitch * 1.1
            if abs(shift) > pitch * 0.03:
                cell = _sample(ink, ys, centre + float(np.clip(shift, -pitch * 0.25, pitch * 0.25)), pitch, offsets)
        peak = cell.max()
        if peak > 0:
            cell = cell / peak
        out[index] = cell.reshape(-1)
    return out


def _sample(ink: FloatImage, ys: NDArray[np.float64], centre: float, pitch: float, offsets: NDArray[np.float64]) -> FloatImage:
    xs = centre + offsets * pitch * 1.1
    grid_y, grid_x = np.meshgrid(ys, xs, indexing="ij")
    return np.asarray(ndimage.map_coordinates(ink, [grid_y, grid_x], order=1, mode="constant", cval=0.0))


# --- classification --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Net:
    """One network with one hidden layer (ReLU), as scikit-learn's MLPClassifier trained it, with the
    normalisation of its inputs (the mean and spread of the cells it was trained on)."""

    weights: tuple[NDArray[np.float32], ...]
    biases: tuple[NDArray[np.float32], ...]
    mean: NDArray[np.float32]
    scale: NDArray[np.float32]

    def probabilities(self, cells: NDArray[np.float32]) -> NDArray[np.float64]:
        x = (cells - self.mean) / self.scale
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            x = x @ w + b
            if i < len(self.weights) - 1:
                x = np.maximum(x, 0.0)
        x = x - x.max(axis=1, keepdims=True)
        e = np.exp(x.astype(np.float64))
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float64)


@dataclass(frozen=True)
class OcrbModel:
    """Cells -> probabilities of the ALPHABET characters: the average of several networks, trained from
    different starting points on cells drawn from different random documents. One network's quirks (a
    low-resolution B it takes for an O) are outvoted by the others; they agree where a cell is plain."""

    nets: tuple[Net, ...]

    @classmethod
    def load(cls, path: Path) -> OcrbModel:
        with np.load(path) as data:
            nets = []
            for k in range(int(data["nets"])):
                layers = int(data[f"n{k}_layers"])
                nets.append(
                    Net(
                        tuple(data[f"n{k}_w{i}"].astype(np.float32) for i in range(layers)),
                        tuple(data[f"n{k}_b{i}"].astype(np.float32) for i in range(layers)),
                        data[f"n{k}_mean"].astype(np.float32),
                        data[f"n{k}_scale"].astype(np.float32),
                    )
                )
            return cls(tuple(nets))

    def save(self, path: Path, *, metadata: str = "{}") -> None:
        """Write the model; `metadata` (JSON: how it was made) goes into the file with it."""
        arrays: dict[str, NDArray[np.generic]] = {"nets": np.array(len(self.nets)), "metadata": np.array(metadata)}
        for k, net in enumerate(self.nets):
            arrays[f"n{k}_layers"] = np.array(len(net.weights))
            arrays[f"n{k}_mean"] = net.mean
            arrays[f"n{k}_scale"] = net.scale
            for i, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
                arrays[f"n{k}_w{i}"] = w
                arrays[f"n{k}_b{i}"] = b
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npz")
        np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
        tmp.replace(path)

    @staticmethod
    def metadata(path: Path) -> str:
        """The JSON the model at `path` was saved with ("{}" for a model saved without)."""
        with np.load(path) as data:
            return str(data["metadata"]) if "metadata" in data.files else "{}"

    def predict(self, cells: NDArray[np.float32]) -> NDArray[np.float64]:
        return np.asarray(np.mean([net.probabilities(cells) for net in self.nets], axis=0), dtype=np.float64)


def read_lines(model: OcrbModel, lines: Sequence[CellLine]) -> list[LineReading]:
    return [LineReading(model.predict(line.cells)) for line in lines]
