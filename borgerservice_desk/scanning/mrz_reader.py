"""Reading the MRZ off a scanned image, photo or scanner PDF.

The reader keeps what PassportEye does well, finding the zone on the page, and reads the characters itself
(see `ocrb` and `correction`): cut into cells at the MRZ's fixed pitch, classified by networks trained on
OCR-B, constrained to the characters each position allows, and repaired where a check digit fails. The
zone is looked at several ways (boxes as found, widened, turned, two thresholds), and the looks are
weighed against each other (`_better`). Only when the best leaves a check digit failing or a letter of a
name in doubt does Tesseract (PassportEye's OCR) get a go at the same region, and
its reading is used field by field where its check digits pass and ours do not; in names it may only
replace a letter ours doubts with another letter our network also thought possible, never touch a
filler, because Tesseract's English model reads the filler '<' as K or X.

This is slow (a fraction of a second to a second an image) and must run in a worker, never on the GUI
thread. PassportEye is imported only when an image is read: the import pulls in scikit-image and takes
seconds, which program start-up should not pay for.

The lines come back as read: `borgerservice_desk.domain.mrz.parse_mrz` judges them.
"""

from __future__ import annotations

import difflib
import logging
import math
import os
import shutil
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from borgerservice_desk.domain.mrz import FILLER, Doubt, MrzFormat, check_digit_places, name_and_country_spans
from borgerservice_desk.errors import DeskError, InvalidInput
from borgerservice_desk.scanning import correction, doubts, ocrb
from borgerservice_desk.scanning.images import (
    SUPPORTED_SUFFIXES,
    Gray,
    load_document_images,
)
from borgerservice_desk.scanning.model_store import load_model

__all__ = ["SUPPORTED_SUFFIXES", "ScanResult", "read_mrz", "read_mrz_lines"]

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
    # Characters in doubt where no check digit covers them (see `scanning.doubts`): the clerk confirms them.
    doubtful: tuple[Doubt, ...] = ()


def read_mrz_lines(path: Path, *, cancel: threading.Event | None = None) -> tuple[str, ...]:
    """The MRZ lines read from the image or PDF at `path`.

    Raises InvalidInput "scan.unreadable_image" when the file is missing, not an image, damaged or too large
    to decode safely, "scan.pdf_without_image" for a PDF with no image in it, "scan.no_mrz" when no MRZ is
    found; DeskError "scan.ocr_unavailable" when the OCR parts are not installed, and DeskError
    "scan.cancelled" when `cancel` was set (it is looked at between steps).
    """
    return read_mrz(path, cancel=cancel).lines


def read_mrz(path: Path, *, cancel: threading.Event | None = None) -> ScanResult:
    """As `read_mrz_lines`, with the format, the checks that still fail and how it was read."""
    started = time.perf_counter()
    _stop_if_cancelled(cancel)
    images = load_document_images(path)
    prepare_environment()
    model = load_model()
    best: _Reading | None = None
    for image in images:
        for extra, region in _regions(image, cancel):
            if extra and best is not None and not best.result.failed_checks:
                # The boxes as found gave a reading that passes: widened boxes and the turned page are for
                # pages that did not.
                break
            reading = _read_region(model, region)
            if reading is not None and (best is None or _better(reading, best)):
                best = reading
            if best is not None and best.sure:
                break
        if best is not None and best.sure:
            break
    if best is not None:
        _stop_if_cancelled(cancel)
        best = _second_opinion(best)
    if best is None:
        raise InvalidInput("scan.no_mrz", path=str(path))
    checks = check_digit_places(best.result.format) if best.result.format is not None else ()
    if len(best.result.failed_checks) == len(checks) and len(checks) > 1:
        # Not a single check digit fits: text from elsewhere on the page, or a hopeless read; better
        # retaken than parsed.
        raise InvalidInput("scan.no_mrz", path=str(path), detail="no check digit matches")
    mrz_format = best.result.format
    marks = doubts.reading_doubts(mrz_format, best.result.lines, best.probabilities) if mrz_format else ()
    return replace(best.result, seconds=time.perf_counter() - started, doubtful=marks)


@dataclass(frozen=True)
class _Reading:
    result: ScanResult
    region: Gray
    confidence: float
    probabilities: tuple[NDArray[np.float64], ...]  # the recogniser's, per line: (length, ALPHABET)
    log_probabilities: tuple[NDArray[np.float64], ...] = ()  # as the correction weighed them

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
            not self.result.failed_checks and self.confidence >= SURE and self.result.format is not MrzFormat.DL1
        )


# What a check digit says about a reading: a right reading passes it, a wrong one only one time in ten.
# A text gains this for each check it passes and loses it for each it fails, so one check turned from
# failing to passing is worth twice this (odds of 100 to 1).
CHECK_WEIGHT = math.log(10.0)
# The least log-probability one character counts with when one reading weighs another's text: a reading
# cut a character off (a shifted grid) should cost that reading's say, not outweigh every check digit.
FLOOR = math.log(1e-4)


def _better(new: _Reading, old: _Reading) -> bool:
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


def _stop_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise DeskError("scan.cancelled")


def prepare_environment() -> None:
    # Tesseract's OpenMP threads fight each other on a desk PC's few cores: one thread is about four
    # times faster. setdefault leaves an administrator's explicit choice alone.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # PassportEye 2.2.2 calls scikit-image APIs that are deprecated; those warnings are for its
    # maintainer, and where warnings are errors (the test suite) they would abort the read. A filter is
    # added rather than catch_warnings() because the latter is not thread-safe and this runs in a worker.
    for category in (FutureWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", category=category, module=r"(passporteye|skimage)(\.|$)")


def _regions(image: Gray, cancel: threading.Event | None) -> Iterator[tuple[bool, Gray]]:
    """Candidate MRZ regions, straightened, best first: PassportEye's zone finder at its usual working
    width, then at a larger one (small print on a large page), each with its boxes as found and then
    widened, then the same on the page turned a quarter. The flag says the region is one of the extra
    tries (widened or turned), which the caller skips once it holds a reading that passes."""
    try:
        from passporteye.mrz.image import BooneTransform, MRZBoxLocator, Scaler
    except ImportError as exc:  # a broken installation, not the clerk's image
        raise DeskError("scan.ocr_unavailable", detail=str(exc)) from exc
    # The caller stops asking once a reading is sure, so the turned page costs only where it is needed.
    for turn in (0, 1):
        page = np.rot90(image, turn) if turn else image
        for max_width in (250, 1000):
            _stop_if_cancelled(cancel)
            try:
                small, scale = Scaler(max_width)(page)
                boxes = MRZBoxLocator()(BooneTransform()(small))
            except Exception as exc:  # noqa: BLE001 - odd images make scikit-image fail in many ways
                log.debug("zone finder failed: %s", exc)
                continue
            for wide in (False, True):  # the widened boxes only after every box as found
                for box in boxes:
                    _stop_if_cancelled(cancel)
                    for region in _box_regions(box, page, scale, wide=wide):
                        yield bool(turn or wide), region


def _box_regions(box: object, page: Gray, scale: float, *, wide: bool) -> Iterator[Gray]:
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
                page, 1.0 / scale, margin_width=margin_width, margin_height=margin_height
            )
        except Exception as exc:  # noqa: BLE001 - odd boxes make the extraction fail in many ways
            log.debug("region extraction failed: %s", exc)
            continue
        if region.size == 0 or min(region.shape) < 8:
            continue
        yield np.asarray(region, dtype=np.float64)


def _read_region(model: ocrb.OcrbModel, region: Gray) -> _Reading | None:
    best: _Reading | None = None
    # The zone finder does not know up from down; and one threshold for the whole region loses the pale
    # characters under glare, a local one is the second try.
    for local_threshold in (False, True):
        for candidate in (region, region[::-1, ::-1]):
            reading = _read_candidate(model, candidate, local_threshold)
            if reading is not None and (best is None or _better(reading, best)):
                best = reading
        if best is not None and best.sure:
            break
    return best


def _read_candidate(model: ocrb.OcrbModel, candidate: Gray, local_threshold: bool) -> _Reading | None:
    lines = ocrb.cut_lines(candidate, local_threshold=local_threshold)
    reading = _read_lines(model, candidate, lines)
    if any(line.borrowed for line in lines):
        # A line took its neighbour's grid; if the neighbour was other print, not MRZ, the region read
        # without sharing is the right one (a licence's single line beside a line of text).
        alone = _read_lines(model, candidate, ocrb.cut_lines(candidate, local_threshold=local_threshold, share_grid=False))
        if alone is not None and (reading is None or _better(alone, reading)):
            reading = alone
    return reading


def _read_lines(model: ocrb.OcrbModel, candidate: Gray, lines: list[ocrb.CellLine]) -> _Reading | None:
    shaped = _mrz_shaped(lines)
    if shaped is None:
        return None
    readings = ocrb.read_lines(model, shaped)
    mrz_format = correction.format_for([line.length for line in shaped], readings[0].probabilities[0])
    if mrz_format is None:
        return None
    probabilities = tuple(reading.probabilities for reading in readings)
    mrz_format, fixed = correction.correct_shared_shape(mrz_format, probabilities)
    if fixed.confidence < MIN_CONFIDENCE:
        return None
    if mrz_format is MrzFormat.DL1 and (
        fixed.confidence < MIN_CONFIDENCE_ONE_LINE
        or fixed.failed_checks
        or fixed.lines[0] != readings[0].text  # read as it stands: no alphabet, country or repair help
    ):
        # One line, one check digit: only a confident line that passes as read is a licence, not a line
        # of some other MRZ or print that starts with a D.
        return None
    return _Reading(
        ScanResult(fixed.lines, mrz_format, fixed.failed_checks, "ocrb", confidence=fixed.confidence),
        candidate,
        fixed.confidence,
        probabilities,
        fixed.log_probabilities,
    )


# The shapes an MRZ comes in (line count, line length), from the domain's layouts: the regions are searched
# for the fullest first.
_MULTI_LINE_SHAPES = frozenset((f.line_count, f.line_length) for f in MrzFormat if f.line_count > 1)
_MULTI_LINE_COUNTS = sorted({count for count, _ in _MULTI_LINE_SHAPES}, reverse=True)
_SINGLE_LINE_LENGTHS = frozenset(f.line_length for f in MrzFormat if f.line_count == 1)


def _mrz_shaped(lines: list[ocrb.CellLine]) -> list[ocrb.CellLine] | None:
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


# Below this probability a letter of a name gets a second opinion from Tesseract, which reads letters well
# (it is '<' it gets wrong, and those are left as we read them).
DOUBTFUL_LETTER = 0.9
# The least probability our network must have given a character for Tesseract's reading to choose it.
PLAUSIBLE = 0.03


def _second_opinion(best: _Reading) -> _Reading:
    """Let Tesseract read the region too where our reading is in doubt: it decides fields whose check digits
    pass in its reading and fail in ours, and doubtful letters of the names."""
    mrz_format = best.result.format
    if mrz_format is None:
        return best
    doubtful = _doubtful_name_letters(best)
    if not best.result.failed_checks and not doubtful:
        return best
    theirs = _tesseract_lines(best.region, len(best.result.lines))
    if theirs is None:
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
        positions = [(line, column) for line, start, end in check.covers for column in range(start, end)]
        positions.append(check.digit)
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


def _doubtful_name_letters(reading: _Reading) -> list[tuple[int, int]]:
    assert reading.result.format is not None
    out = []
    for line, start, end in name_and_country_spans(reading.result.format)[0]:
        probabilities = reading.probabilities[line]
        for column in range(start, end):
            char = reading.result.lines[line][column]
            if char != FILLER and float(probabilities[column].max()) < DOUBTFUL_LETTER:
                out.append((line, column))
    return out


def _tesseract_lines(region: Gray, count: int) -> list[str] | None:
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
