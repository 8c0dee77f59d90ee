"""The reader's time budget (issue 13): after it, the reader answers with its best reading so far, marked
`budget_reached`, or "no MRZ"; it does not go on searching.

Time is not waited for: the budget is 0 (spent before the first look), or the test's own clock jumps past
the budget at a chosen moment of a real read of a real generated image.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.scanning import mrz_reader, ocrb, stages
from borgerservice_desk.scanning.mrz_reader import ScanResult, read_mrz
from tests.support.passport_image import READABLE_PASSPORTS, render_document, render_document_image
from tests.support.recogniser import certain, numbered_cells, recognised


class ManualClock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_reader_uses_the_default_budget_when_given_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The suite's conftest gives the reader ample time; here the default itself is spent.
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")
    monkeypatch.setattr(mrz_reader, "DEFAULT_BUDGET_SECONDS", 0.0)

    with pytest.raises(InvalidInput) as caught:
        mrz_reader.read_mrz_lines(image)

    assert caught.value.code == "scan.no_mrz_in_time"
    assert caught.value.params["seconds"] == 0.0


def test_a_spent_budget_tries_no_look_and_says_no_mrz(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")
    looks: list[object] = []
    real_locate = stages.locate
    monkeypatch.setattr(stages, "locate", lambda *args: looks.append(args) or real_locate(*args))

    with pytest.raises(InvalidInput) as caught:
        read_mrz(image, budget_seconds=0.0)

    assert caught.value.code == "scan.no_mrz_in_time"
    assert caught.value.params["seconds"] == 0.0
    assert looks == []


@pytest.mark.ocr
def test_past_the_budget_the_best_reading_so_far_is_answered_and_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A passport whose birth date check digit is printed wrong: no look ever passes every check, so without
    # a budget the reader tries every look there is (widened boxes, the turned page, Tesseract).
    line1, line2 = READABLE_PASSPORTS[4].mrz_lines()
    wrong_digit = str((int(line2[19]) + 3) % 10)
    printed = (line1, line2[:19] + wrong_digit + line2[20:])
    image = render_document_image(printed, tmp_path / "passport.png")
    clock = ManualClock()
    recognised_after_budget: list[object] = []
    real_recognise = stages.recognise

    def recognise_then_time_is_up(*args: object) -> stages.Reading | None:
        if clock.now > 1000.0:
            recognised_after_budget.append(args)
        reading = real_recognise(*args)  # type: ignore[arg-type]
        if reading is not None:
            clock.now += 5.0  # the first reading took the whole budget
        return reading

    monkeypatch.setattr(stages, "recognise", recognise_then_time_is_up)
    # A reading that fails a check is read again with its lines carried on over faint ink beyond them
    # (`ocrb.FoundLines.cut`); a clean page has none, so here every line is as if carried on: that second read of
    # the same look is not begun past the budget either.
    real_cut = ocrb.FoundLines.cut
    monkeypatch.setattr(ocrb.FoundLines, "cut", lambda found, *, extend_faded=False: real_cut(found))

    result = read_mrz(image, budget_seconds=4.0, clock=clock)

    assert result.lines == printed
    assert result.failed_checks == ("birth_date", "composite")  # as printed: the composite covers it too
    assert result.budget_reached
    assert result.method == "ocrb"  # no Tesseract second opinion past the budget
    assert recognised_after_budget == []


@pytest.mark.ocr
@pytest.mark.parametrize(("look", "stopped_at"), [(1.5, 3.0), (1.8, 1.8)])
def test_no_look_is_begun_that_would_end_past_the_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, look: float, stopped_at: float
) -> None:
    """Each look takes 1.5 s: after two (3 s of 4) a third would end at 4.5 s, so the read stops there. Each
    takes 1.8 s: a second might take a quarter longer (STEP_MARGIN) and end at 4.05 s, so it stops after one."""
    line1, line2 = READABLE_PASSPORTS[4].mrz_lines()
    printed = (line1, line2[:19] + str((int(line2[19]) + 3) % 10) + line2[20:])  # never sure: a check fails
    image = render_document_image(printed, tmp_path / "passport.png")
    clock = ManualClock()
    real_cut = stages.find_lines

    def slow_cut(*args: object, **kwargs: object) -> object:
        clock.now += look
        return real_cut(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "find_lines", slow_cut)

    result = read_mrz(image, budget_seconds=4.0, clock=clock)

    assert result.budget_reached
    assert result.seconds == pytest.approx(stopped_at)
    assert result.lines == printed


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("check_fails", "last_took", "asked"), [(True, 2.0, False), (True, 0.2, True), (False, 2.0, False), (False, 0.2, True)]
)
def test_tesseract_is_asked_only_with_time_left_for_as_long_as_it_took_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, check_fails: bool, last_took: float, asked: bool
) -> None:
    """Each cut of a region costs 1 ms; the search ends well within a budget of 1 s. Tesseract's second
    opinion took 2 s the last time: begun now it would end past the budget, so the reading stays ours and is
    flagged as stopped at the time limit, with a check failing (Tesseract would have been its repair) and
    with every check passing alike (Tesseract's look is what catches a sure misread that passes every
    check, so a reading without it is compared whole). Had it taken 0.2 s, it is asked, and how long it took this time (0.5 s) is what the next
    read must leave room for."""
    line1, line2 = READABLE_PASSPORTS[4].mrz_lines()
    printed = (line1, line2[:19] + str((int(line2[19]) + 3) % 10) + line2[20:]) if check_fails else (line1, line2)
    image = render_document_image(printed, tmp_path / "passport.png")
    clock = ManualClock()
    real_cut, real_second_opinion = stages.find_lines, stages.second_opinion

    def cut_in_1_ms(*args: object, **kwargs: object) -> object:
        clock.now += 0.001
        return real_cut(*args, **kwargs)  # type: ignore[arg-type]

    searched: list[float] = []

    def second_opinion_in_0_5_s(best: stages.Reading) -> tuple[stages.Reading, tuple[dict[int, str], ...]]:
        searched.append(clock.now - 1000.0)
        clock.now += 0.5
        return real_second_opinion(best)

    monkeypatch.setattr(stages, "find_lines", cut_in_1_ms)
    monkeypatch.setattr(stages, "second_opinion", second_opinion_in_0_5_s)
    monkeypatch.setattr(mrz_reader, "_second_opinion_seconds", last_took)

    result = read_mrz(image, budget_seconds=1.0, clock=clock)

    assert result.budget_reached is not asked
    assert bool(searched) is asked
    if asked:
        assert result.seconds == pytest.approx(searched[0] + 0.5) and searched[0] < 0.5
        assert mrz_reader._second_opinion_seconds == pytest.approx(0.5)
    else:
        assert result.seconds < 0.5 and result.method == "ocrb"
        assert mrz_reader._second_opinion_seconds == last_took


@pytest.mark.ocr
def test_a_read_within_the_budget_is_not_marked(tmp_path: Path) -> None:
    lines = READABLE_PASSPORTS[1].mrz_lines()
    image = render_document_image(lines, tmp_path / "passport.png")

    result = read_mrz(image, clock=ManualClock())  # time stands still: the budget is never reached

    assert result.lines == lines
    assert not result.budget_reached


@pytest.mark.ocr
def test_the_window_reaches_the_reader_through_the_identity_service(tmp_path: Path, sqlite_services: Services) -> None:
    lines = READABLE_PASSPORTS[2].mrz_lines()
    image = render_document_image(lines, tmp_path / "passport.png")

    assert sqlite_services.identity.read_mrz(image).lines == lines
    with pytest.raises(InvalidInput) as caught:
        sqlite_services.identity.read_mrz(image, budget_seconds=0.0)
    assert caught.value.code == "scan.no_mrz_in_time"


def _glare_visa_read_at_a_cut_every_0_2_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ScanResult:
    """The benchmark's glare visa MRV-A 2312, read under a budget of 4 s where each cut of a region takes 0.2 s
    (the test's clock). The zone finder boxes the visa's print and not its zone, whose second line the glare
    washes out in the middle: the looks at the boxes read nothing (at a real pace they took 14 s), and the
    band across the page's foot reads the zone exactly."""
    from benchmarks.damage import damage

    path = tmp_path / "glare.png"
    damage(render_document(GLARE_VISA), "glare", seed=2312).save(path)
    clock = ManualClock()
    real_cut = stages.find_lines

    def slow_cut(*args: object, **kwargs: object) -> object:
        clock.now += 0.2
        return real_cut(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(stages, "find_lines", slow_cut)
    monkeypatch.setattr(mrz_reader, "_second_opinion_seconds", 0.5)  # not what an earlier test left
    return read_mrz(path, budget_seconds=4.0, clock=clock)


GLARE_VISA = ("VCISLNGUYEN<<AOIFE<<<<<<<<<<<<<<<<<<<<<<<<<<", "UZD58SU382ISL3709072F3501128IN<<<<<<<<<<<<<<")


@pytest.mark.ocr
def test_looks_that_read_nothing_leave_time_for_the_bands_where_a_zone_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The looks stop with BANDS_RESERVE_SECONDS (and a step) left, and the band is read within the 4 s.
    result = _glare_visa_read_at_a_cut_every_0_2_s(tmp_path, monkeypatch)

    assert result.lines == GLARE_VISA
    assert result.failed_checks == ()
    assert result.seconds <= 4.0


@pytest.mark.ocr
def test_without_the_reserve_the_looks_spend_the_budget_and_the_zone_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The control: the reserve, not the pace, is what leaves the bands their time.
    monkeypatch.setattr(mrz_reader, "BANDS_RESERVE_SECONDS", 0.0)

    with pytest.raises(InvalidInput) as caught:
        _glare_visa_read_at_a_cut_every_0_2_s(tmp_path, monkeypatch)

    assert caught.value.code == "scan.no_mrz_in_time"


@pytest.mark.parametrize(("bands_read", "stops"), [(0, True), (1, True), (2 * len(stages.ZONE_BANDS), False)])
def test_the_reserve_keeps_time_for_the_bands_not_read_yet_and_for_nothing_once_all_are(
    bands_read: int, stops: bool
) -> None:
    # A single page's looks read a band before each turn's widened boxes, and stop at the first band that reads
    # anything: the bands left wait for the end of the looks, and the reserve keeps their time, whatever a band
    # read. Once every band is read, the looks have the whole budget.
    clock = ManualClock()
    search = mrz_reader._Search(mrz_reader._Budget(mrz_reader.BANDS_RESERVE_SECONDS + 0.1, clock), None, clock)
    search._reserve = mrz_reader.BANDS_RESERVE_SECONDS
    search._banded = {(0, *divmod(number, len(stages.ZONE_BANDS))) for number in range(bands_read)}
    if bands_read:
        # What the band read: a card whose composite check digit fails.
        read = ("IDDNK15S1087S20<<<<<<<<<<<<<<<", "7506143M2912305NLD<<<<<<<<<<<9", "KRISTIANSEN<BJOERNHOLM<<EMRE<E")
        search.best = recognised(certain(read), numbered_cells(read), width=700)
        assert search.best is not None and search.best.result.failed_checks
    search._step()  # time is left, and more than the reserve
    clock.now += 0.05  # a step of 0.05 s: the next would end within the reserve

    if stops:
        with pytest.raises(mrz_reader._LooksOver):
            search._step()
    else:
        search._step()
