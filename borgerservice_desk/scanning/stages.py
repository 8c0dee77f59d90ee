"""The stages of reading an MRZ, each one step with no say in what is tried next.

    load -> locate -> cut -> recognise -> choose -> correct

- load: the file's pages as grayscale images (`images.load_document_images`).
- locate: PassportEye's zone finder boxes what may be an MRZ on a page, and each box is taken out of the
  page as a straightened region (as found, or widened); a page shaped like a crop of the zone alone is
  itself a region (`zone_crop`).
- cut: a region (or its upside-down copy) into text lines of character cells (`ocrb.find_lines`, then cut as
  found or carried on over faint ink beyond them), and the lines that make up an MRZ shape.
- recognise: the cells into characters: the networks' probabilities, the format the shape and first
  character say, the alphabet each position allows and the check-digit repair (`correction.correct`; a
  TD2-shaped zone that starts 'IDFRA' is read again as the French identity card, `correct_shared_shape`).
- choose: which of two readings of the same zone to keep (`better`), and whether one is good enough to
  stop looking (`Reading.sure`).
- correct: Tesseract's second opinion on the chosen reading (`second_opinion`): it decides where our checks
  fail or a name letter is in doubt, and where it read otherwise and its reading would do as well as ours,
  the character is marked in doubt (`doubts.second_reader_doubts`).

Which looks are tried in which order, when to stop and how long it may take is the orchestrator's
(`mrz_reader`), never a stage's: a stage does one thing and returns.
"""

from __future__ import annotations

import difflib
import logging
import math
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import (
    FILLER,
    CompareWhole,
    Doubt,
    MrzFormat,
    check_digit_places,
    name_and_country_spans,
    position_characters,
    rule_doubts,
)
from borgerservice_desk.errors import DeskError
from borgerservice_desk.scanning import correction, doubts, ocrb
from borgerservice_desk.scanning.images import Gray, load_document_images

log = logging.getLogger(__name__)

# How sure the recogniser must be, on average over the characters, for a region to count as an MRZ at all:
# below this it is other print (a signature line, the visual zone) read as if it were OCR-B. A single line
# of 30 has one check digit only, so it must look more certain. SURE ends the search early.
MIN_CONFIDENCE = 0.75
MIN_CONFIDENCE_ONE_LINE = 0.9
SURE = 0.9


@dataclass(frozen=True)
class ScanResult:
    lines: tuple[str, ...]
    format: MrzFormat | None
    failed_checks: tuple[str, ...]
    method: str  # "ocrb", or "ocrb+tesseract" where Tesseract's reading decided some characters
    confidence: float = 0.0  # mean probability the recogniser gave the characters it chose
    seconds: float = 0.0
    # The time budget ran out before every look at the page was tried: the lines are the best reading so
    # far and may not be the best the page holds, so the clerk should compare them with the document.
    budget_reached: bool = False
    # Characters in doubt that no check digit vouches for (see `scanning.doubts`): the clerk confirms them.
    doubtful: tuple[Doubt, ...] = ()
    # So many characters were unsure that the print is not what the recogniser learnt (`doubts.
    # unfamiliar_print`), or half the text is marked (`doubts.crowded_marks`): a misread may pass every check
    # digit unmarked, so the clerk compares all the lines.
    unfamiliar_print: bool = False

    @property
    def compare_whole(self) -> CompareWhole | None:
        """Why the clerk is to compare the whole reading with the document before it is checked (the time
        limit first: the search was cut short, whatever the print), or None: the marked characters, if any,
        are what to compare."""
        if self.budget_reached:
            return CompareWhole.TIME_LIMIT
        return CompareWhole.UNFAMILIAR_PRINT if self.unfamiliar_print else None


@dataclass(frozen=True)
class Reading:
    """One look's reading of a region, with what the recogniser thought of every character."""

    result: ScanResult
    region: Gray
    confidence: float
    probabilities: tuple[NDArray[np.float64], ...]  # the recogniser's, per line: (length, ALPHABET)
    log_probabilities: tuple[NDArray[np.float64], ...] = ()  # as the correction weighed them
    cells: tuple[NDArray[np.float32], ...] = ()  # per line, the cut cells the recogniser read (`ocrb.CellLine`)
    # A licence line the check digit's repair changed: one check digit vouches for nothing it repaired, so it
    # is a licence only where a witness confirms the repair (`witnessed`: the second reader reads the same line,
    # but for look-alikes where nothing was repaired; the zone's own print may confirm a repaired look-alike).
    needs_witness: bool = False
    # Of such a line, the positions where it is not what the recogniser read first (the repair's changes, and
    # a digit the alphabet gave as its letter): the witness must read them as they stand.
    repaired: frozenset[tuple[int, int]] = frozenset()
    fields_repaired: bool = False  # `correction.Correction.fields_repaired`
    # Of such a line, the line as the recogniser read it, where that is a licence by itself (its check digit
    # passing, no rule against it, confident enough): the licence where the witness refuses the repair
    # (`licence_read_plainly`).
    as_read: Reading | None = None
    # Of a line as read so taken, the places where the correction read it otherwise (an O its weighing made 0),
    # and of any reading, where the correction's two weighings of a number's O read it two ways
    # (`correction.Correction.contested`): both pass, the check digits so chose neither, and they are marked
    # (`doubts.contested_doubts`).
    contested: frozenset[tuple[int, int]] = frozenset()
    # A line of it reaches a side of the region (`ocrb.CellLine.runs_off`): the zone may go on past the region,
    # its lines longer than they were cut (a passport's 44 taken for a card's 36).
    runs_off: bool = False

    @property
    def passes_whole(self) -> bool:
        """Every check digit passes, and no line runs off the region: a reading that ends the looks at wider
        regions and the bands. One that runs off may be of part of the zone, so the wider looks are still tried,
        and `better` weighs what they read against it (a passport's five check digits outrank a card's four)."""
        return not self.result.failed_checks and not self.runs_off

    @property
    def plainly_passes(self) -> bool:
        """Every check digit passes, and not only by the composite choosing two characters of a field: a
        reading so repaired ends no search for other looks at the zone, which may read the field plainly
        (a Liberation Mono passport's strokes a pixel thinner did, zone TD3 834, stop 41). `better` chooses."""
        return not self.result.failed_checks and not self.fields_repaired and not self.contested

    @property
    def rank(self) -> tuple[int, float]:
        checks = len(check_digit_places(self.result.format)) if self.result.format else 0
        return (checks - len(self.result.failed_checks) * 2, self.confidence)

    @property
    def sure(self) -> bool:
        """Good enough to stop looking: every check passes and the recogniser was confident. A lone line
        of 30 has one check digit, which one misread line in ten passes by chance, so it is never sure
        enough to stop looking for a fuller MRZ elsewhere on the page."""
        return (
            self.plainly_passes
            and not self.runs_off
            and self.confidence >= SURE
            and self.result.format is not MrzFormat.DL1
        )


# --- load -------------------------------------------------------------------------------------------------


def load(path: Path) -> list[Gray]:
    """The file's pages as grayscale images (a PDF may hold several)."""
    return load_document_images(path)


# --- locate -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Boxes:
    """What the zone finder boxed on a page at one working width."""

    page: Gray
    boxes: tuple[object, ...]
    scale: float


def turned(image: Gray, quarter_turns: int) -> Gray:
    return np.rot90(image, quarter_turns) if quarter_turns else image


# A page at least this many times as wide as it is high is taken for a crop of the zone alone: a whole card is
# 1.6 times as wide as high, a passport's data page 1.4, while a crop of the zone's 2 or 3 lines is 3 to 8.
ZONE_CROP_ASPECT = 2.0
# Fewer pixels than this either way hold no zone's lines (`ocrb.cut_lines` cuts nothing from such a region); a
# band of such a picture would be a row or none.
MIN_PAGE_SIDE = 8


def crop_shaped(page: Gray) -> bool:
    """Whether the page is shaped like a crop of the zone alone, either way up (photographed sideways, such a
    crop is as many times higher than wide), or is too small to be a document's page (under MIN_PAGE_SIDE
    pixels either way): no page with bands to read."""
    height, width = page.shape[:2]
    return bool(
        min(height, width) < MIN_PAGE_SIDE or width >= ZONE_CROP_ASPECT * height or height >= ZONE_CROP_ASPECT * width
    )


def zone_crop(page: Gray) -> Gray | None:
    """The page itself as the region to read, where it is shaped like a crop of the zone alone (a scanner's
    crop, a phone photo of just the MRZ). The zone finder is made for whole pages: scaled down to its working
    width, a zone that fills the picture becomes a strip a few pixels high, and it boxes part of a line or
    nothing ("no MRZ" on a crystal-clear zone)."""
    height, width = page.shape[:2]
    if height == 0 or width < ZONE_CROP_ASPECT * height:
        return None
    return _with_paper_margin(page)


def _with_paper_margin(region: Gray) -> Gray:
    # A tight crop leaves the characters touching the edge, where the cutting finds no clear line: a margin of
    # the paper's own brightness round it, as a located region has.
    margin = max(4, region.shape[0] // 8)
    paper = float(np.percentile(region, 90))
    return np.pad(region, margin, mode="constant", constant_values=paper)


# The parts of a document's page, top to bottom as fractions of its height, where its zone is printed: at the
# foot of a card, a passport's data page or a visa (the lower 25 to 35 %; and a band shifted up, for a photo
# that leaves a margin round the document), and the same at the head of a page photographed upside down (read
# turned round, as every region is). A band is 0.4 of the page high: a card's 3 lines and little of the print
# above them, so that its lines of text are mostly the zone's.
ZONE_BANDS = ((0.6, 1.0), (0.45, 0.85), (0.0, 0.4), (0.15, 0.55))


def zone_bands(page: Gray) -> Iterator[Gray]:
    """Bands across a page, where a document's zone would be (`ZONE_BANDS`), each a region to read whole. For
    a page where the zone finder boxed no part of the zone: glare across a laminated card's zone breaks its
    lines into pieces the finder does not take for lines of text, and "no MRZ" was the answer to a zone a
    clerk reads at a glance. Not for a page shaped like a crop of the zone alone (`crop_shaped`), which is read
    whole anyway (`zone_crop`). On a glare block never read before (2300-2319, all formats) 128 of 140 zones were
    read exactly with the bands, 120 without, "no MRZ" 5 times against 11 (README, stop 46)."""
    if crop_shaped(page):
        return
    height = page.shape[0]
    for top, bottom in ZONE_BANDS:
        yield _with_paper_margin(page[round(top * height) : round(bottom * height)])


def prepare_zone_finder() -> None:
    """Import PassportEye's zone finder (with scikit-image: seconds, once a process)."""
    try:
        import passporteye.mrz.image  # noqa: F401
    except ImportError as exc:  # a broken installation, not the clerk's image
        raise DeskError("scan.ocr_unavailable", detail=str(exc)) from exc


def locate(page: Gray, max_width: int) -> Boxes | None:
    """PassportEye's zone finder on the page scaled to `max_width`: boxes that may hold an MRZ, or None
    where scikit-image gives up on the image."""
    prepare_zone_finder()
    from passporteye.mrz.image import BooneTransform, MRZBoxLocator, Scaler
    try:
        small, scale = Scaler(max_width)(page)
        boxes = MRZBoxLocator()(BooneTransform()(small))
    except Exception as exc:  # noqa: BLE001 - odd images make scikit-image fail in many ways
        log.debug("zone finder failed: %s", exc)
        return None
    return Boxes(page, tuple(boxes), float(scale))


def regions(found: Boxes, box: object, *, wide: bool) -> Iterator[Gray]:
    """The box's region, or (`wide`) larger ones: the zone finder often boxes each line of a small ID card
    on its own, or only part of a line where the print is interrupted (a security band, glare, the Ñ
    a Spanish card prints in its names)."""
    width, height = float(getattr(box, "width", 0.0)), float(getattr(box, "height", 0.0))
    long_side, short_side = max(width, height), min(width, height)
    if not wide:
        margins = [(5.0, 5.0)]
        if short_side > 0 and long_side / short_side > 15:  # one line high: take in the lines around it
            margins.append((5.0, short_side * 3.5))
    elif short_side > 0:
        # Part of a line: the whole zone may be over twice as wide and three lines high.
        margins = [(long_side * 0.3, short_side * 1.5), (long_side * 0.7, short_side * 2.5)]
    else:
        return
    for margin_width, margin_height in margins:
        try:
            region = box.extract_from_image(  # type: ignore[attr-defined]
                found.page, 1.0 / found.scale, margin_width=margin_width, margin_height=margin_height
            )
        except Exception as exc:  # noqa: BLE001 - odd boxes make the extraction fail in many ways
            log.debug("region extraction failed: %s", exc)
            continue
        if region.size == 0 or min(region.shape) < 8:
            continue
        yield np.asarray(region, dtype=np.float64)


# --- cut --------------------------------------------------------------------------------------------------


# The tallest capitals the model learnt from (`ocrb_training` draws 5 to 40 pixels), and about the height
# larger print is averaged down to, by a whole factor, as a scanner at a lower resolution samples it. 32 was
# chosen, not tuned: well inside the learnt range and above the 24 rows of a cell, so no detail the cell
# keeps is lost. A zone photographed close up or cropped from a 600 dpi scan has capitals of 50 to 180 px;
# read as they were, they were outside what the model knows and cut in up to 3.5 s of a 4 s budget.
LARGEST_LEARNT_CAP = 40.0
SCALED_CAP = 32.0


def cap_height(region: Gray) -> float | None:
    """About how many pixels high the region's capitals are, or None where it shows too few characters to
    say: the taller half of the dark components of a coarse sample, thresholded by Otsu's method."""
    from scipy import ndimage  # loaded already: the cutting uses it (`ocrb`)
    from skimage.filters import threshold_otsu  # loaded with the zone finder

    step = max(1, int(min(region.shape)) // 100)
    sample = region[::step, ::step]
    if sample.min() == sample.max():
        return None
    dark = sample < float(threshold_otsu(sample))  # type: ignore[no-untyped-call]  # scikit-image has no types
    labels, _ = ndimage.label(dark)
    heights = np.array(
        [found[0].stop - found[0].start for found in ndimage.find_objects(labels) if found is not None], dtype=float
    )
    heights = heights[(heights >= 3) & (heights <= sample.shape[0] * 0.6)]
    if len(heights) < 8:
        return None
    return float(np.percentile(heights, 75)) * step


def at_learnt_scale(region: Gray) -> Gray:
    """The region with print larger than the model learnt averaged down by a whole factor to about
    SCALED_CAP: read at the size it knows, and cut in a fraction of the time (a zone photographed close up
    has capitals of 60 pixels and more)."""
    cap = cap_height(region)
    if cap is None or cap <= LARGEST_LEARNT_CAP:
        return region
    factor = max(1, round(cap / SCALED_CAP))
    if factor == 1:
        return region
    height, width = (region.shape[0] // factor) * factor, (region.shape[1] // factor) * factor
    blocks = region[:height, :width].reshape(height // factor, factor, width // factor, factor)
    return np.asarray(blocks.mean(axis=(1, 3)), dtype=np.float64)


def upside_down(region: Gray) -> Gray:
    # The zone finder does not know up from down.
    return region[::-1, ::-1]


def find_lines(region: Gray, *, local_threshold: bool, share_grid: bool = True) -> ocrb.FoundLines:
    """The text lines of the region with their grids (see `ocrb.cut_lines`), to be cut into character cells as
    found or carried on over the faint ink beyond their ends (`ocrb.FoundLines.cut`). Every cut of the reader
    finds its lines here."""
    return ocrb.find_lines(region, local_threshold=local_threshold, share_grid=share_grid)


def cut(region: Gray, *, local_threshold: bool, share_grid: bool = True) -> list[ocrb.CellLine]:
    """The text lines of the region, cut into character cells as found."""
    return find_lines(region, local_threshold=local_threshold, share_grid=share_grid).cut()


# The shapes an MRZ comes in (line count, line length), from the domain's layouts: the regions are searched
# for the fullest first.
_MULTI_LINE_SHAPES = frozenset((f.line_count, f.line_length) for f in MrzFormat if f.line_count > 1)
_MULTI_LINE_COUNTS = sorted({count for count, _ in _MULTI_LINE_SHAPES}, reverse=True)
_SINGLE_LINE_LENGTHS = frozenset(f.line_length for f in MrzFormat if f.line_count == 1)


def mrz_shaped(lines: list[ocrb.CellLine]) -> list[ocrb.CellLine] | None:
    """The lines that make up an MRZ: the last run of 2 or 3 lines of one length, or one line of 30.

    The region may hold a line of other text above the MRZ; the MRZ is at the bottom of the page.
    """
    for count in _MULTI_LINE_COUNTS:
        for start in range(len(lines) - count, -1, -1):
            group = lines[start : start + count]
            lengths = {line.length for line in group}
            if len(lengths) == 1 and (count, lengths.pop()) in _MULTI_LINE_SHAPES:
                return group
    singles = [line for line in lines if line.length in _SINGLE_LINE_LENGTHS]
    return singles[-1:] if singles else None


def stroke_variants(region: Gray) -> tuple[Gray, Gray]:
    """The region with every stroke a pixel thinner (the brightest of each 3 x 3 neighbourhood), and a pixel
    thicker (the darkest): for print heavier or lighter than the OCR-B the model learnt."""
    from scipy import ndimage  # loaded already: the cutting uses it (`ocrb`)

    return ndimage.maximum_filter(region, size=3, mode="nearest"), ndimage.minimum_filter(region, size=3, mode="nearest")


# --- recognise --------------------------------------------------------------------------------------------


def recognise(model: ocrb.OcrbModel, region: Gray, lines: list[ocrb.CellLine]) -> Reading | None:
    """The MRZ the cut lines hold, as our recogniser reads and repairs it, or None where they are no MRZ."""
    shaped = mrz_shaped(lines)
    if shaped is None:
        return None
    read = ocrb.read_lines(model, shaped)
    readings = _unseen_in_part(read, shaped)
    # The format by the first character as read: a visa's V in a clipped corner, worth half, would not be
    # likelier than all else together, and the visa would be taken for a passport.
    mrz_format = correction.format_for([line.length for line in shaped], read[0].probabilities[0])
    if mrz_format is None:
        return None
    probabilities = tuple(reading.probabilities for reading in readings)
    mrz_format, fixed = correction.correct_shared_shape(mrz_format, probabilities)
    if fixed.confidence < MIN_CONFIDENCE:
        return None
    if mrz_format is MrzFormat.DL1 and (fixed.confidence < MIN_CONFIDENCE_ONE_LINE or fixed.failed_checks):
        # One line, one check digit: only a confident line that passes is a licence, not a line of some
        # other MRZ or print that starts with a D.
        return None
    needs_witness = mrz_format is MrzFormat.DL1 and not licence_as_read(readings[0].text, fixed.lines[0])
    cells = tuple(line.cells for line in shaped)
    as_read = licence_read_plainly(region, probabilities, fixed, cells) if needs_witness else None
    return Reading(
        ScanResult(fixed.lines, mrz_format, fixed.failed_checks, "ocrb", confidence=fixed.confidence),
        region,
        fixed.confidence,
        probabilities,
        fixed.log_probabilities,
        cells,
        needs_witness=needs_witness,
        fields_repaired=fixed.fields_repaired,
        contested=fixed.contested,
        repaired=frozenset(
            (0, column)
            for column, (read, given) in enumerate(zip(readings[0].text, fixed.lines[0], strict=False))
            if read != given
        )
        if needs_witness
        else frozenset(),
        as_read=as_read,
        runs_off=any(line.runs_off for line in shaped),
    )


def _unseen_in_part(readings: list[ocrb.LineReading], lines: list[ocrb.CellLine]) -> list[ocrb.LineReading]:
    """The readings, the recogniser's sureness of a character not seen whole (`CellLine.clipped`) worth half:
    mixed half and half with no preference at all. Its likeliest character stays, but it is no longer sure,
    so it is marked where no check digit vouches for it, a check digit may repair it, and a look that saw the
    line whole is preferred. Without it both Es at the end of a card's name line, their feet outside a region
    cut at a slant, were read F at 0.98, every check passing (glare zone TD1 2223)."""
    out = []
    for reading, line in zip(readings, lines, strict=True):
        if not line.clipped:
            out.append(reading)
            continue
        probabilities = reading.probabilities.copy()
        clipped = sorted(line.clipped)
        probabilities[clipped] = 0.5 * probabilities[clipped] + 0.5 / probabilities.shape[1]
        out.append(ocrb.LineReading(probabilities))
    return out


def licence_read_plainly(
    region: Gray,
    probabilities: tuple[NDArray[np.float64], ...],
    fixed: correction.Correction,
    cells: tuple[NDArray[np.float32], ...],
) -> Reading | None:
    """The licence line as the recogniser read it, each position its likeliest character, where that is a
    licence by itself: the check digit passing, no rule against it (the code, the country: the places that do
    not take every character), and as confident as a lone line must be. The correction's weighing makes a
    number's O a 0 unless the recogniser saw it at six times the 0 (numbers hold 0 far more often), and a
    pair of such changes cancels out in the one check digit, so a line read plainly right and passing
    (`D1POL...38OEOL...`, zone DL1 1247 in Noto Sans Mono Bold, stop 43) came out with two 0s, and a line the
    correction changed needs a witness: Tesseract, no judge of O and 0, read one O and one 0, and the licence
    was "no MRZ". Read as printed it passes with no repair to vouch for, as a line the correction left alone
    does. Where the correction (`fixed`) reads it
    otherwise and passes too, the check digit chose neither: those places are the reading's `contested`, and
    the line is marked for them (`doubts.contested_doubts`), however sure the recogniser was (two 0s it read
    surely as Os would pass as well)."""
    raw = "".join(ocrb.ALPHABET[int(index)] for index in probabilities[0].argmax(axis=1))
    if not all(correction.passes(check, [raw]) for check in check_digit_places(MrzFormat.DL1)):
        return None
    if rule_doubts(MrzFormat.DL1, (raw,)):
        return None
    confidence = float(probabilities[0].max(axis=1).mean())
    if confidence < MIN_CONFIDENCE_ONE_LINE:
        return None
    contested = frozenset(
        (0, column) for column, (ours, theirs) in enumerate(zip(raw, fixed.lines[0], strict=True)) if ours != theirs
    )
    return Reading(
        ScanResult((raw,), MrzFormat.DL1, (), "ocrb", confidence=confidence),
        region,
        confidence,
        probabilities,
        fixed.log_probabilities,
        cells,
        contested=contested,
    )


def licence_as_read(raw: str, fixed: str) -> bool:
    """Whether the licence line `fixed` is the line `raw` as the recogniser read it: the same, or the same but
    for digits read where the position takes letters only, given as their look-alike letters (the issuing
    country "UT0" as "UTO"), where that makes a country on the list. The check digit's repair is no help to a
    line of one check digit: a wrong character would always be repaired to pass, so a line the repair changed
    needs a witness (`witnessed`) to be taken for a licence, not a line of some other MRZ or print that starts
    with a D."""
    if raw == fixed:
        return True
    allowed = position_characters(MrzFormat.DL1)[0]
    if len(raw) != len(fixed) or len(fixed) != len(allowed):
        return False
    for column, (read, given) in enumerate(zip(raw, fixed, strict=True)):
        if read != given and (read in allowed[column] or (read, given) not in correction.LETTER_LOOK_ALIKES):
            return False
    return not rule_doubts(MrzFormat.DL1, (fixed,))


def witnessed(reading: Reading) -> bool:
    """Whether Tesseract reads the region as `reading`: line for line, every character the repair changed
    (`Reading.repaired`) as repaired, and every other as read or as one of its OCR-B look-alikes
    (`doubts.look_alikes`: O and 0, Z and 2). The second, independent reader a licence line the check digit's
    repair changed needs (`Reading.needs_witness`). Of six such lines of zones in fonts never learnt,
    Tesseract read the three our repair got right exactly and the one it got wrong otherwise (README, "A
    licence line the repair changed"). Between look-alikes where nothing was repaired, Tesseract's general
    model is no judge (FreeMono Bold's ZZ read 22 where our recogniser and the check digit read ZZ), but a
    repair it must confirm: a repair of two characters to their look-alikes (O and Q made 0s) may pass the
    one check digit by chance.

    Where Tesseract reads a repaired character as the look-alike our recogniser read first (both read 0), the
    zone's own print may confirm the repair instead, where it plainly says the glyph is not what both read
    (`doubts.own_print_vouches`: licence lines in Noto Sans Mono whose lone O both readers read 0, stop 43).
    The rest of the line is still Tesseract's to confirm: the own print speaks for the repaired glyphs only,
    and a line with two more misreads that cancel out passes by them (a 3 read S and another read 8, zone DL1
    3337). Tesseract's line is lined up with ours (`_aligned`): it adds a stray character at times, and every
    character of ours must have one of its in place. Refused, the line as read may be a licence by itself
    (`Reading.as_read`, `licence_read_plainly`)."""
    theirs = tesseract_lines(reading.region, len(reading.result.lines))
    if theirs is None:
        return False
    look_alike_repairs: dict[tuple[int, int], str] = {}  # repaired places Tesseract read as a look-alike
    for line, (text, their_line) in enumerate(zip(reading.result.lines, theirs, strict=True)):
        aligned = _aligned(text, their_line)
        for column, char in enumerate(text):
            their = aligned.get(column)
            if their is None or (their != char and their not in doubts.look_alikes(char)):
                return False
            if their != char and (line, column) in reading.repaired:
                first = first_read(reading, (line, column))
                if their != first:  # Tesseract agrees with neither reading of ours: a third opinion
                    return False
                look_alike_repairs[(line, column)] = first
    assert reading.result.format is not None  # a reading that needs a witness has one
    return not look_alike_repairs or doubts.own_print_vouches(
        reading.result.format, reading.result.lines, reading.cells, look_alike_repairs, reading.repaired
    )


def first_read(reading: Reading, position: tuple[int, int]) -> str:
    """The character our recogniser gave most at `position`, before any weighing or repair."""
    line, column = position
    return ocrb.ALPHABET[int(reading.probabilities[line][column].argmax())]


# --- choose -----------------------------------------------------------------------------------------------

# What a check digit says about a reading: a right reading passes it, a wrong one only one time in ten.
# A text gains this for each check it passes and loses it for each it fails, so one check turned from
# failing to passing is worth twice this (odds of 100 to 1).
CHECK_WEIGHT = math.log(10.0)
# The least log-probability one character counts with when one reading weighs another's text: a reading
# cut a character off (a shifted grid) should cost that reading's say, not outweigh every check digit.
FLOOR = math.log(1e-4)


def better(new: Reading, old: Reading) -> bool:
    """Whether `new` is the better reading of the zone than `old`.

    Readings of different shapes compare by their check digits, then confidence. Two readings of the same
    format are two looks at the same print, so each text is weighed by what *both* recognisers thought
    of it, character by character, and by its check digits (CHECK_WEIGHT). One look that passes one more check
    digit by a single doubtful character does not outweigh another that read that character plainly
    otherwise: a document with a check digit printed wrong (specimens have them) is read as printed.
    """
    if new.result.format != old.result.format or not new.log_probabilities or not old.log_probabilities:
        return new.rank > old.rank
    if new.result.lines == old.result.lines:
        return new.confidence > old.confidence

    def weight(lines: tuple[str, ...]) -> float:
        support = sum(
            max(float(reading.log_probabilities[line][column, ocrb.ALPHABET.index(char)]), FLOOR)
            for reading in (new, old)
            for line, text in enumerate(lines)
            for column, char in enumerate(text)
        )
        assert new.result.format is not None
        checks = check_digit_places(new.result.format)
        passed = sum(correction.passes(check, lines) for check in checks)
        return support + CHECK_WEIGHT * (2 * passed - len(checks))

    return weight(new.result.lines) > weight(old.result.lines)


def choose(new: Reading | None, old: Reading | None) -> Reading | None:
    """The better of two readings, either of which may be missing (the old one wins a tie)."""
    if new is None:
        return old
    if old is None or better(new, old):
        return new
    return old


# --- correct ----------------------------------------------------------------------------------------------

# Below this probability a letter of a name gets a second opinion from Tesseract, which reads letters well
# (it is '<' it gets wrong, and those are left as we read them).
DOUBTFUL_LETTER = 0.9
# The least probability our network must have given a character for Tesseract's reading to choose it.
PLAUSIBLE = 0.03


def second_opinion(best: Reading) -> tuple[Reading, tuple[dict[int, str], ...]]:
    """Tesseract's reading of the chosen region: where ours is in doubt it corrects it (`correct`), and it is
    returned lined up with the reading as corrected (`second_reading`), for `doubts.second_reader_doubts` to
    mark where the two differ and nothing tells which is right. Empty where Tesseract read no lines of the
    reading's count (or is not installed): then nothing is marked for it."""
    if best.result.format is None:
        return best, ()
    theirs = tesseract_lines(best.region, len(best.result.lines))
    if theirs is None:
        return best, ()
    corrected = correct(best, theirs)
    return corrected, second_reading(corrected.result.lines, theirs)


def second_reading(ours: tuple[str, ...], theirs: list[str]) -> tuple[dict[int, str], ...]:
    """Per line of `ours`, the character of the second reader's line at each position the two line up."""
    return tuple(_aligned(line, other) for line, other in zip(ours, theirs, strict=True))


def correct(best: Reading, theirs: list[str]) -> Reading:
    """Let Tesseract's reading of the region (`theirs`) decide where ours is in doubt: fields whose check
    digits pass in its reading and fail in ours, and doubtful letters of the names."""
    mrz_format = best.result.format
    if mrz_format is None:
        return best
    doubtful = _doubtful_name_letters(best)
    if not best.result.failed_checks and not doubtful:
        return best
    ours = [list(line) for line in best.result.lines]
    aligned = [_aligned(line, other) for line, other in zip(best.result.lines, theirs, strict=True)]

    def plausible(line: int, column: int, char: str) -> bool:
        # Tesseract decides only between characters our network also thought possible: a field that
        # passes its one check digit by chance (one in ten) must not replace what we read.
        return float(best.probabilities[line][column, ocrb.ALPHABET.index(char)]) >= PLAUSIBLE

    checks = check_digit_places(mrz_format)
    composite = next((check for check in checks if check.name == "composite"), None)
    for check in checks:
        positions = [*check.positions, check.digit]
        if correction.passes(check, ours) or any(column not in aligned[line] for line, column in positions):
            continue
        candidate = [list(line) for line in ours]
        for line, column in positions:
            candidate[line][column] = aligned[line][column]
        if (
            correction.passes(check, candidate)
            and (composite is None or correction.passes(composite, candidate))
            and all(plausible(line, column, candidate[line][column]) for line, column in positions)
        ):
            ours = candidate
    for line, column in doubtful:
        other = aligned[line].get(column)
        if other is not None and other.isalpha() and plausible(line, column, other):
            ours[line][column] = other
    lines = tuple("".join(line) for line in ours)
    if lines == best.result.lines:
        return best
    failed = tuple(check.name for check in checks if not correction.passes(check, ours))
    if len(failed) > len(best.result.failed_checks):
        return best
    return replace(best, result=replace(best.result, lines=lines, failed_checks=failed, method="ocrb+tesseract"))


def _doubtful_name_letters(reading: Reading) -> list[tuple[int, int]]:
    assert reading.result.format is not None
    out = []
    for line, start, end in name_and_country_spans(reading.result.format)[0]:
        probabilities = reading.probabilities[line]
        for column in range(start, end):
            char = reading.result.lines[line][column]
            if char != FILLER and float(probabilities[column].max()) < DOUBTFUL_LETTER:
                out.append((line, column))
    return out


def tesseract_lines(region: Gray, count: int) -> list[str] | None:
    """Tesseract's reading of the region (as PassportEye runs it), the last `count` MRZ-like lines."""
    if shutil.which("tesseract") is None:
        return None
    try:
        from passporteye.mrz.text import MRZOCRCleaner
        from passporteye.util.ocr import ocr
    except ImportError:
        return None
    try:
        text = ocr(region)
        lines = [str(line) for line in MRZOCRCleaner.apply(str(text))]
    except Exception as exc:  # noqa: BLE001 - a Tesseract failure leaves our reading as it is
        log.debug("tesseract failed: %s", exc)
        return None
    lines = [line for line in lines if len(line) >= 20][-count:]
    return lines if len(lines) == count else None


def _aligned(ours: str, theirs: str) -> dict[int, str]:
    """For positions of `ours`, the character of `theirs` in the same place, where the two line up (Tesseract
    drops and adds fillers, so plain positions do not match)."""
    out: dict[int, str] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            for offset in range(i2 - i1):
                out[i1 + offset] = theirs[j1 + offset]
    return out
