"""Reading the MRZ off a scanned image, photo or scanner PDF: the orchestrator of the reading stages.

The reader keeps what PassportEye does well, finding the zone on the page, and reads the characters itself
(see `ocrb` and `correction`): cut into cells at the MRZ's fixed pitch, classified by networks trained on
OCR-B, constrained to the characters each position allows, and repaired where a check digit fails. Then
Tesseract (PassportEye's OCR) reads the same region (`stages.second_opinion`): where the best reading leaves
a check digit failing or a letter of a name in doubt, its reading decides (`stages.correct`), and where it
read a character otherwise that would do as well, the character is in doubt. The reading that is returned
marks the characters in doubt that no check digit vouches for (`doubts`), for the clerk to confirm, and flags a
reading in print the recogniser has not learnt (`unfamiliar_print`: too many characters unsure at once, or half
its text marked already), which the clerk compares whole.

The stages (load, locate, cut, recognise, choose, correct) live in `stages`, each doing one step. This
module owns the two things no stage should decide alone:

- the search policy, which looks to try in which order and when to stop: on each page of the file, a
  page shaped like a crop of the zone alone read whole first; the zone finder at its usual working width,
  then at a larger one (small print on a large page); the boxes as found on the page as it is, then the
  widened boxes and the page turned a quarter (turned first where the page as it is gave no reading at
  all); each region the right way up and upside down, with one threshold and then a local one, and where
  no reading of it passes, with its strokes thinner and thicker; a line that borrowed its neighbour's grid
  read also on its own. The search stops at the first reading that is sure, and skips the extra looks
  (widened, turned) once a reading passes every check digit and no line of it runs off its region (a region
  that cuts a zone's lines short may read a passport as a card). Where no look at what the zone finder boxed
  passes so, bands across each page where a zone is printed are read whole (`stages.zone_bands`: glare can split
  a zone so that the finder boxes none of it): in a file of pages after every page's looks; on a single page
  each turn's bands before that turn's widened boxes, and looks that have read nothing at all leave
  `BANDS_RESERVE_SECONDS` of the budget for the bands not read yet.
- the time budget (`DEFAULT_BUDGET_SECONDS`, from the start of the read by `time.monotonic`): before each
  costly step the orchestrator asks whether time is left; once it is not, the reader answers with its
  best reading so far, flagged `budget_reached` (not every look was tried, so the clerk compares), or
  "no MRZ". A page with no MRZ on it would otherwise be searched in every way, which took 20 s. The
  process's one-time start of the OCR stack (importing PassportEye and scikit-image, loading the model:
  seconds, on the first read only) is not charged to the image.

This is slow (a fraction of a second to a few seconds an image) and must run in a worker, never on the
GUI thread. PassportEye is imported only when an image is read: the import pulls in scikit-image and takes
seconds, which program start-up should not pay for.

The lines come back as read: `borgerservice_desk.domain.mrz.parse_mrz` judges them.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from borgerservice_desk.domain.mrz import Doubt, check_digit_places
from borgerservice_desk.domain.mrz.rules import merge_doubts
from borgerservice_desk.errors import DeskError, InvalidInput
from borgerservice_desk.scanning import doubts, ocrb, stages
from borgerservice_desk.scanning.images import SUPPORTED_SUFFIXES, Gray
from borgerservice_desk.scanning.model_store import load_model
from borgerservice_desk.scanning.stages import Reading, ScanResult

__all__ = ["DEFAULT_BUDGET_SECONDS", "SUPPORTED_SUFFIXES", "ScanResult", "read_mrz", "read_mrz_lines"]

# The longest a clerk waits for one image on a desk PC of two cores (issue 13): after this the reader
# answers with what it has. Most images are read in well under a second and never come near it.
DEFAULT_BUDGET_SECONDS = 4.0
# A next step may take longer than the longest so far (a larger region, a wider look, the marking of doubts
# after the search): the budget keeps a quarter of the longest step in hand. With the longest step alone as
# the measure the Comoros card ended at 4.02 s.
STEP_MARGIN = 1.25
# What the looks at the zone finder's boxes leave of the budget for the bands of the page (`stages.zone_bands`)
# while they have read nothing at all: on a page where the finder boxed no part of the zone they are the only
# way to it, and the looks at a visa's wrong boxes took 14 s before the first band read its zone in 0.7 s
# (glare MRV-A 2312). Once anything is read, the looks go on to the end of the budget as before. On a glare
# block never read before (2320-2339, all formats): 137 of 140 exact against 136, "no MRZ" 0 against 2.
BANDS_RESERVE_SECONDS = 1.0

Clock = Callable[[], float]


def read_mrz_lines(
    path: Path, *, cancel: threading.Event | None = None, budget_seconds: float | None = None
) -> tuple[str, ...]:
    """The MRZ lines read from the image or PDF at `path`.

    Raises InvalidInput "scan.unreadable_image" when the file is missing, not an image, damaged or too large
    to decode safely, "scan.pdf_without_image" for a PDF with no image in it, "scan.no_mrz" when no MRZ is
    found, "scan.no_mrz_in_time" when none was found before the time budget ran out; DeskError "scan.ocr_unavailable" when the OCR parts are not installed, and DeskError
    "scan.cancelled" when `cancel` was set (it is looked at between steps).
    """
    return read_mrz(path, cancel=cancel, budget_seconds=budget_seconds).lines


def read_mrz(
    path: Path,
    *,
    cancel: threading.Event | None = None,
    budget_seconds: float | None = None,
    clock: Clock = time.monotonic,
    today: date | None = None,
) -> ScanResult:
    """As `read_mrz_lines`, with the format, the checks that still fail, the characters in doubt, how it
    was read and whether the time budget (`budget_seconds`, None: DEFAULT_BUDGET_SECONDS) cut the search
    short. `clock` is for tests, which step time instead of waiting for it. `today` (None: this machine's
    local date; the desk gives the centre's) is the day the reading is judged on where two readings differ
    in whether the document can be: an expiry further ahead than documents are issued for."""
    started = clock()
    budget = DEFAULT_BUDGET_SECONDS if budget_seconds is None else budget_seconds
    search = _Search(_Budget(budget, clock), cancel, clock)
    best = search.run(path)
    if best is None:
        if search.budget.reached or search.looks_cut:
            # Not "there is no zone": not every look was tried. The clerk is told the time ran out, so a
            # sharper picture is the remedy, not a wider one.
            raise InvalidInput("scan.no_mrz_in_time", path=str(path), seconds=budget)
        raise InvalidInput("scan.no_mrz", path=str(path))
    checks = check_digit_places(best.result.format) if best.result.format is not None else ()
    if len(best.result.failed_checks) == len(checks) and len(checks) > 1:
        # Not a single check digit fits: text from elsewhere on the page, or a hopeless read; better
        # retaken than parsed.
        raise InvalidInput("scan.no_mrz", path=str(path), detail="no check digit matches")
    # The characters in doubt are marked on the reading that is returned, after Tesseract's say: the clerk
    # confirms what no check digit vouches for (`scanning.doubts`). Cheap, so never cut by the budget.
    mrz_format = best.result.format
    marks: tuple[Doubt, ...] = ()
    if mrz_format is not None:
        # Where Tesseract read otherwise and both pass, its characters may be taken (`doubts.
        # second_reader_reading`); either way they stay marked.
        lines, second = doubts.second_reader_reading(
            mrz_format,
            best.result.lines,
            best.probabilities,
            search.second,
            today=date.today() if today is None else today,
        )
        if lines != best.result.lines:
            best = replace(best, result=replace(best.result, lines=lines, method="ocrb+tesseract"))
        # The zone's other prints may say plainly what a glyph is (`doubts.own_print_reading`: where no check
        # digit covers it, or where every check still passes); marked too. Its marks come first: a mark the
        # second reader made on the character as it was would name a character no longer there, and the
        # desk takes a mark whose character was changed for settled (`rules.current_doubts`).
        lines, looked = doubts.own_print_reading(mrz_format, lines, best.cells)
        if lines != best.result.lines:
            best = replace(best, result=replace(best.result, lines=lines))
        marks = doubts.reading_doubts(
            mrz_format, lines, best.probabilities, (*looked, *second), best.cells, search.second
        )
        if best.contested:  # read two ways that both pass (a licence line as read; a number's Os weighed two ways)
            marks = merge_doubts(marks, doubts.contested_doubts(mrz_format, lines, best.contested))
    return replace(
        best.result,
        seconds=clock() - started,
        budget_reached=search.budget.reached,
        doubtful=marks,
        # Print the recogniser has not learnt shows as many unsure cells, or as most of the text in doubt.
        unfamiliar_print=doubts.unfamiliar_print(best.probabilities) or doubts.crowded_marks(best.result.lines, marks),
    )


class _Budget:
    """The time the read may take, counted from when it was made (the start of the read).

    Asked before each costly step, it also learns how long a step takes (the longest time between two
    askings so far) and says no time is left when the next step would likely end past the budget: a look
    under way is never cut off, so without this the read ended up to a look's length past its 4 s."""

    def __init__(self, seconds: float, clock: Clock) -> None:
        self._clock = clock
        self._deadline = clock() + seconds
        self._last_asked: float | None = None
        self._longest_step = 0.0
        self.reached = False

    def grant(self, seconds: float) -> None:
        """More time, for work that is not the image's (the one-time start of the OCR stack)."""
        self._deadline += seconds

    def keeps(self, seconds: float) -> bool:
        """Whether one more step, as long as the longest so far and a quarter, would end within `seconds` of the
        deadline: time set aside for other work. A glance: unlike `left` it neither learns a step nor ends the
        budget."""
        return self._clock() + self._longest_step * STEP_MARGIN + seconds >= self._deadline

    def left(self, step: float = 0.0) -> bool:
        """Whether time is left for one more step, as long as the longest so far and a quarter (STEP_MARGIN) or
        `step` seconds if that is longer; once it is not, it never is again in this read."""
        now = self._clock()
        if self._last_asked is not None:
            self._longest_step = max(self._longest_step, now - self._last_asked)
        self._last_asked = now
        if not self.reached and now + max(self._longest_step * STEP_MARGIN, step) >= self._deadline:
            self.reached = True
        return not self.reached


# How long Tesseract's second opinion took the last time in this process (a first guess before it ran):
# what the budget must still hold for it to be begun.
_second_opinion_seconds = 0.5


class _Stop(Exception):
    """The budget is spent: the search ends with the best reading it holds."""


class _LooksOver(Exception):
    """The looks at the zone finder's boxes read nothing and are at the time kept for the bands."""


class _Search:
    """One read: the search policy over the stages, under one budget."""

    def __init__(self, budget: _Budget, cancel: threading.Event | None, clock: Clock) -> None:
        self.budget = budget
        self._clock = clock
        self._cancel = cancel
        self.best: Reading | None = None
        # Tesseract's reading lined up with the best one, per line (`stages.second_opinion`); empty until asked.
        self.second: tuple[dict[int, str], ...] = ()
        # Licence lines put to Tesseract, with the places repaired in each, and its answer.
        self._witnesses: dict[tuple[tuple[str, ...], tuple[tuple[tuple[int, int], str], ...]], bool] = {}
        # Seconds of the budget the looks leave for the bands while nothing is read (BANDS_RESERVE_SECONDS): 0
        # once anything is, and outside the looks.
        self._reserve = 0.0
        # Whether the looks stopped for the bands: not every look was tried.
        self.looks_cut = False
        # The bands read while the looks went on (`_looks_at_boxes`), by page, turn and band.
        self._banded: set[tuple[int, int, int]] = set()

    def run(self, path: Path) -> Reading | None:
        _stop_if_cancelled(self._cancel)
        images = stages.load(path)
        setting_up = self._clock()
        prepare_environment()
        model = load_model()
        stages.prepare_zone_finder()
        self.budget.grant(self._clock() - setting_up)
        with contextlib.suppress(_Stop):  # the budget is spent: the best reading so far is the answer
            self._search(model, images)
        if self.best is not None:
            _stop_if_cancelled(self._cancel)
            # Tesseract takes a few tenths of a second, longer than a look at a region since looks got cheap:
            # it is begun only with time left for as long as it took last (a read ended at 4.05 s when the
            # longest look was the measure). Past the budget the reading stays ours.
            # It is asked for every reading, not only for one in doubt: our recogniser is sure of its odd
            # misread of print it never learnt, with every check passing, and Tesseract, which learnt many
            # fonts, reads it otherwise (`doubts.second_reader_doubts`). So its look is part of checking any
            # reading: not begun for lack of time, the read is flagged `budget_reached` and the clerk compares
            # the lines whole, also where every check passes (under load on a shared counter PC such a sure
            # reading near the limit went out unflagged, unlooked at by the reader that catches sure misreads).
            global _second_opinion_seconds
            if self.best.result.format is not None and self.budget.left(_second_opinion_seconds):
                asked = self._clock()
                self.best, self.second = stages.second_opinion(self.best)
                _second_opinion_seconds = self._clock() - asked
        return self.best

    def _step(self) -> None:
        """Before each costly step: stop when cancelled, end the search when the budget is spent."""
        _stop_if_cancelled(self._cancel)
        if not self.budget.left():
            raise _Stop
        if self._reserve and self._bands_unread() and self.budget.keeps(self._reserve):
            raise _LooksOver

    def _time_for_more(self) -> bool:
        """Whether a step within a look (not one of the looks `_step` is asked before) fits in the budget and
        leaves the reserve kept for the bands: a glance (`_Budget.keeps`), which does not split the looks' steps
        and so shorten the longest step the budget plans with."""
        return not self.budget.reached and not self.budget.keeps(self._reserve if self._bands_unread() else 0.0)

    def _bands_unread(self) -> bool:
        """Whether a single page's bands are not all read yet (`_looks_at_boxes` reads some while the looks go on):
        the reserve keeps time for them, and for nothing once they are."""
        return len(self._banded) < 2 * len(stages.ZONE_BANDS)  # the page as it is and turned

    def _search(self, model: ocrb.OcrbModel, images: list[Gray]) -> None:
        """The looks at what the zone finder boxed, page by page; then, where no reading passes, the bands of
        each page where a zone is printed. The bands come after every page's looks: a file's cover page must
        not spend the time its data page needs. A single page that is no crop of the zone alone (which has no
        bands) has each turn's bands read before that turn's widened boxes (`_looks_at_boxes`), and keeps
        BANDS_RESERVE_SECONDS for the bands not read yet while its looks at the boxes read nothing."""
        single = len(images) == 1 and not stages.crop_shaped(images[0])
        self._reserve = BANDS_RESERVE_SECONDS if single else 0.0
        try:
            for image in images:
                self._looks_at_boxes(model, image, bands_early=single)
                if self.best is not None and self.best.sure:
                    return
        except _LooksOver:
            self.looks_cut = True
        finally:
            self._reserve = 0.0
        # No look at what the zone finder boxed passes: it may have boxed no part of the zone at all (glare across
        # a card's zone). The bands of the page where a zone is printed are read whole, the page as it is first.
        for index, image in enumerate(images):
            for turn in (0, 1):
                if self._read_bands(model, image, index, turn):
                    return

    def _read_bands(self, model: ocrb.OcrbModel, image: Gray, page: int, turn: int, *, early: bool = False) -> bool:
        """Reads the bands of the page turned `turn` (`stages.zone_bands`) not read yet; True when the search is
        over: a sure reading, or one that passes where further looks are only for pages that did not. `early`
        (while the looks go on) stops at the first band that reads anything: the band that holds the zone is
        found, and the others (the same zone again, or the head of a page upside down) wait for the end of the
        looks, which may read it better; read at once, a card's foot's four bands read the same failing reading
        for 1.1 s."""
        for number, band in enumerate(stages.zone_bands(stages.turned(image, turn))):
            if (page, turn, number) in self._banded:
                continue
            if self.best is not None and self.best.passes_whole:
                return True
            read = self._read_region(model, band)
            self._banded.add((page, turn, number))
            if self.best is not None and self.best.sure:
                return True
            if early and read is not None:
                break
        return self.best is not None and self.best.passes_whole

    def _looks_at_boxes(self, model: ocrb.OcrbModel, image: Gray, *, bands_early: bool) -> None:
        """The looks at what the zone finder boxed on one page, until its search is over (a sure reading, or
        one that passes where the further looks are only for pages that did not). With `bands_early` (a single
        page) the bands of the page turned so are read before its widened boxes: where glare breaks up a zone,
        the finder boxes pieces of it, the widened boxes rarely hold it whole, and a band read it in a tenth of a
        second after 2 to 3 s of widened looks (glare TD3, TD2, MRV-B, DL1 2382 and 2396). Where the page as it
        is read nothing at all, not before the boxes as found of the page turned: a passport photographed at a
        slant (the Australian sample), whose zone the finder boxes only on the page turned, waited 1.4 s for four
        bands that cannot read a slanting zone."""
        located: dict[tuple[int, int], stages.Boxes | None] = {}  # each page's zone finder runs once a width

        def banded_over(turn: int) -> bool:
            if not bands_early:
                return False
            # The reserve is time kept for the bands: not to be kept from them, and not ended by what a band
            # reads (the bands an early read leaves for later may read the zone better than the looks).
            reserve, self._reserve = self._reserve, 0.0
            try:
                return self._read_bands(model, image, 0, turn, early=True)  # a single page: its index is 0
            finally:
                self._reserve = reserve

        if self._looks(model, image, 0, located, wide=False):
            return
        # The widened boxes are for a zone the finder boxed only part of, the turned page for a sideways
        # picture. Where the page as it is gave no reading at all, sideways is the likelier of the two, and
        # a turned page's boxes as found are quicker to read than widened ones (a passport photographed
        # sideways was read after 2.5 s of widened looks at the wrong boxes).
        order = ((1, False), (0, True), (1, True)) if self.best is None else ((0, True), (1, False), (1, True))
        for turn, wide in order:
            if (wide and banded_over(turn)) or self._looks(model, image, turn, located, wide=wide):
                return

    def _looks(
        self,
        model: ocrb.OcrbModel,
        image: Gray,
        turn: int,
        located: dict[tuple[int, int], stages.Boxes | None],
        *,
        wide: bool,
    ) -> bool:
        """The looks at the page turned `turn` quarters, its boxes as found or widened (`wide`); True when
        the search of this image is over (a sure reading, or one that passes where further looks are only
        for pages that did not)."""
        page = stages.turned(image, turn)
        crop = stages.zone_crop(page) if not wide else None
        if crop is not None:
            # The zone alone: read as it is before the zone finder cuts a piece out of it.
            if self._passes_already(turn, wide):
                return True
            self._read_region(model, crop)
            if self.best is not None and self.best.sure:
                return True
        for max_width in (250, 1000):
            if (turn, max_width) not in located:
                self._step()
                located[turn, max_width] = stages.locate(page, max_width)
            found = located[turn, max_width]
            if found is None:
                continue
            for box in found.boxes:
                _stop_if_cancelled(self._cancel)
                for region in stages.regions(found, box, wide=wide):
                    if self._passes_already(turn, wide):
                        return True
                    self._read_region(model, region)
                    if self.best is not None and self.best.sure:
                        return True
        return False

    def _passes_already(self, turn: int, wide: bool) -> bool:
        """Widened boxes and the turned page are for pages whose boxes as found gave no reading that passes."""
        return bool(turn or wide) and self.best is not None and self.best.passes_whole

    def _read_region(self, model: ocrb.OcrbModel, region: Gray) -> Reading | None:
        """The region's best reading (`_read_at_scale`), or None where it read nothing."""
        # Print larger than the model learnt is read at its scale first: read better, and cut in a fraction
        # of the time. Where no look at it passes every check digit, the region as it was gets the same looks:
        # print the model never learnt may read at one scale and not at the other (a Liberation Mono zone
        # read exactly only with its strokes a pixel thinner at its own scale). A reading that passes only by the
        # composite choosing two characters of a field is held to the same (`Reading.plainly_passes`), as it is
        # for the stroke variants below.
        scaled = stages.at_learnt_scale(region)
        best = self._read_at_scale(model, scaled)
        if scaled is not region and (best is None or not best.plainly_passes):
            best = stages.choose(self._read_at_scale(model, region), best)
        return best

    def _read_at_scale(self, model: ocrb.OcrbModel, region: Gray) -> Reading | None:
        """The region's looks (thresholds, way up, stroke variants); the best of them, which also goes into
        the search's best as it is (a timeout or cancelling keeps what was read so far)."""
        best: Reading | None = None
        # One threshold for the whole region loses the pale characters under glare; a local one is the
        # second try. The region's readings are weighed among themselves first, then against the page's.
        shaped = False  # some look cut the region into lines of an MRZ's shape
        try:
            for local_threshold in (False, True):
                for candidate in (region, stages.upside_down(region)):
                    self._step()
                    reading, cut_shaped = self._read_candidate(model, candidate, local_threshold)
                    best, shaped = stages.choose(reading, best), shaped or cut_shaped
                if best is not None and best.sure:
                    break
            if shaped and (best is None or not best.plainly_passes):
                # Lines of an MRZ's shape, and no reading that passes every check: print heavier or lighter
                # than the OCR-B the model learnt (a bold printer, a thin laser engraving) is read again with
                # its strokes a pixel thinner, then thicker. Not where a reading passes: a distorted look may
                # be surer of a wrong letter in a name, which no check digit covers. But where it passes only by
                # the composite choosing two characters of a field (`Reading.plainly_passes`), a variant may read
                # that field plainly (zone TD3 834, stop 41), and `stages.better` weighs the two. And only here: a
                # region of other print costs no more.
                for variant in stages.stroke_variants(region):
                    for candidate in (variant, stages.upside_down(variant)):
                        self._step()
                        best = stages.choose(self._read_candidate(model, candidate, False)[0], best)
                    if best is not None and best.sure:
                        break
        finally:
            self.best = stages.choose(best, self.best)
        return best

    def _read_candidate(
        self, model: ocrb.OcrbModel, candidate: Gray, local_threshold: bool
    ) -> tuple[Reading | None, bool]:
        """The candidate's reading, and whether it was cut into lines of an MRZ's shape (read or not)."""
        found = stages.find_lines(candidate, local_threshold=local_threshold)
        lines = found.cut()
        recognised = stages.recognise(model, candidate, lines)
        shaped = stages.mrz_shaped(lines) is not None
        if (recognised is None or recognised.result.failed_checks) and self._time_for_more():
            # Lines that read as nothing or fail a check digit may be a zone whose ends glare washed out past
            # every threshold: cut again with the lines carried on over the faint ink beyond them
            # (`ocrb._extended`), and the better reading taken. Only then: a zone that reads and passes is not
            # put at risk by ink beyond it (a card's guilloche).
            extended = found.cut(extend_faded=True)
            if extended:
                shaped = shaped or stages.mrz_shaped(extended) is not None
                carried_on = stages.recognise(model, candidate, extended)
                if stages.choose(carried_on, recognised) is not recognised:
                    lines, recognised = extended, carried_on
        if recognised is not None:
            # Something is read: the looks go on to the end of the budget (a region's readings reach the search's
            # best only when the region is done, and its further looks, the witness too, are what may pass).
            self._reserve = 0.0
        reading = self._witnessed(recognised)
        if any(line.borrowed for line in lines):
            # A line took its neighbour's grid; if the neighbour was other print, not MRZ, the region read
            # without sharing is the right one (a licence's single line beside a line of text).
            alone = stages.cut(candidate, local_threshold=local_threshold, share_grid=False)
            reading = stages.choose(self._witnessed(stages.recognise(model, candidate, alone)), reading)
        return reading, shaped

    def _witnessed(self, reading: Reading | None) -> Reading | None:
        """The reading, where it needs no witness or Tesseract witnesses it (`stages.witnessed`); else the line as
        read where that is a licence by itself, or None.
        Each text with its repaired places is put to Tesseract once a search: the looks at a zone read the same
        line again and again."""
        if reading is None or not reading.needs_witness:
            return reading
        # The same text repaired from another reading must have its own repairs confirmed.
        # The own print's say depends on what our recogniser read first at the repaired places.
        first = tuple((position, stages.first_read(reading, position)) for position in sorted(reading.repaired))
        key = (reading.result.lines, first)
        if key not in self._witnesses:
            self._step()
            self._witnesses[key] = stages.witnessed(reading)
        # Refused, the line as read may still be a licence by itself (`stages.licence_read_plainly`).
        return replace(reading, needs_witness=False, as_read=None) if self._witnesses[key] else reading.as_read


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
