"""The witness a licence line the check digit's repair changed needs (`stages.witnessed`): Tesseract's reading
of the region, here given as it would read it. It must read the line as it stands, but may read an OCR-B
look-alike (O for 0, 2 for Z) where the repair changed nothing; at a repaired place it must read what the
repair made, or a look-alike the zone's own print says our recogniser's first reading was not. Where the
witness refuses, the line as read may be a licence by itself (`stages.licence_read_plainly`). Each case fails
without the part of the rule it names."""

from __future__ import annotations

import numpy as np
import pytest

from borgerservice_desk.domain.mrz import DoubtReason, MrzFormat, check_digit_places
from borgerservice_desk.scanning import correction, doubts, stages
from borgerservice_desk.scanning.ocrb import ALPHABET
from borgerservice_desk.scanning.stages import Reading, ScanResult
from tests.support import mrz
from tests.support.recogniser import certain

LINE = "D1POL114707696904WDBXZ6PS6AB46"
POL_AT = 2  # the issuing country's first letter: POL
Z_AT = LINE.index("Z")


def _witnessed(
    theirs: list[str] | None,
    repaired: frozenset[tuple[int, int]],
    monkeypatch: pytest.MonkeyPatch,
    probabilities: list[np.ndarray] | None = None,
) -> bool:
    monkeypatch.setattr(stages, "tesseract_lines", lambda region, count: theirs)
    reading = Reading(
        ScanResult((LINE,), MrzFormat.DL1, (), "ocrb"),
        np.zeros((60, 900)),
        0.95,
        tuple(certain((LINE,)) if probabilities is None else probabilities),
        needs_witness=True,
        repaired=repaired,
    )
    return stages.witnessed(reading)


def _with(at: int, char: str) -> str:
    return LINE[:at] + char + LINE[at + 1 :]


def test_the_same_line_is_witnessed_and_no_line_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _witnessed([LINE], frozenset({(0, Z_AT)}), monkeypatch)
    assert not _witnessed(None, frozenset(), monkeypatch)  # Tesseract read no line of the count
    assert not _witnessed([LINE[:-1]], frozenset(), monkeypatch)  # a line of another length
    assert not _witnessed([_with(POL_AT + 1, "A")], frozenset(), monkeypatch)  # PAL: another letter


def test_a_look_alike_where_nothing_was_repaired_is_no_other_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tesseract's general model tells O from 0 and Z from 2 no better than ours: POL read P0L, Z read 2.
    assert _witnessed([_with(POL_AT + 1, "0")], frozenset({(0, Z_AT)}), monkeypatch)
    assert _witnessed([_with(Z_AT, "2")], frozenset({(0, POL_AT + 1)}), monkeypatch)


def test_a_look_alike_at_a_repaired_place_does_not_confirm_the_repair(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the repair made the Z, Tesseract's 2 is no witness to it: the one check digit passes a repair to
    # a look-alike by chance one time in ten.
    assert not _witnessed([_with(Z_AT, "2")], frozenset({(0, Z_AT)}), monkeypatch)
    assert _witnessed([LINE], frozenset({(0, Z_AT)}), monkeypatch)


def test_tesseract_s_line_is_lined_up_with_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    # A stray character Tesseract added (NFS5E for NF5E, zones DL1 1132 and 1216, stop 43) leaves every
    # character of ours with one of its in place; one it dropped leaves one without.
    assert _witnessed([LINE[:20] + "S" + LINE[20:]], frozenset({(0, Z_AT)}), monkeypatch)
    assert not _witnessed([LINE[:20] + LINE[21:]], frozenset({(0, Z_AT)}), monkeypatch)


def test_the_zone_s_own_print_may_vouch_for_a_repair_tesseract_read_as_its_look_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[dict[tuple[int, int], str]] = []

    def vouches(
        mrz_format: object, lines: object, cells: object, read: dict[tuple[int, int], str], repaired: object
    ) -> bool:
        asked.append(read)
        assert repaired == frozenset({(0, Z_AT)})  # the repaired places are no prints of what they hold
        return True

    monkeypatch.setattr(doubts, "own_print_vouches", vouches)
    # Our recogniser read 2 where the repair made the Z, and Tesseract read 2 too: the own print is asked about
    # the repaired place, with what our recogniser read there.
    torn = certain((LINE,))
    torn[0][Z_AT] = certain(("2",))[0][0]
    assert _witnessed([_with(Z_AT, "2")], frozenset({(0, Z_AT)}), monkeypatch, torn)
    assert asked == [{(0, Z_AT): "2"}]
    # It speaks for the repaired glyphs only: the rest of the line is still Tesseract's to confirm.
    assert not _witnessed([_with(POL_AT + 1, "A")[:Z_AT] + "2" + LINE[Z_AT + 1 :]], frozenset({(0, Z_AT)}), monkeypatch)
    # And only between look-alikes: Tesseract's A where the repair made the Z is another reading.
    assert not _witnessed([_with(Z_AT, "A")], frozenset({(0, Z_AT)}), monkeypatch)
    # And only where Tesseract read what ours read first: ours 2, Tesseract 2 (above); ours Z (a repair by the
    # weighing alone), Tesseract 2: a third opinion, no confirmation of either.
    assert not _witnessed([_with(Z_AT, "2")], frozenset({(0, Z_AT)}), monkeypatch)
    # Where Tesseract reads the repair as it stands, the own print is not asked.
    asked.clear()
    assert _witnessed([LINE], frozenset({(0, Z_AT)}), monkeypatch)
    assert asked == []


def test_a_repair_tesseract_read_as_its_look_alike_is_refused_where_the_own_print_does_not_vouch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(doubts, "own_print_vouches", lambda mrz_format, lines, cells, read, repaired: False)
    assert not _witnessed([_with(Z_AT, "2")], frozenset({(0, Z_AT)}), monkeypatch)


# A licence line in Noto Sans Mono Bold read plainly right, its optional data's two Os at 0.6 against 0 (zone
# DL1 1247, stop 43). The correction's weighing makes them 0s (numbers hold 0 far more often), and the pair
# cancels out in the one check digit: the weighed line passes too, but needs a witness, and Tesseract read one
# O and one 0. The line as read is the licence (`stages.licence_read_plainly`).
PLAIN = "D1POL16328626638OEOLEU7C243KX1"
PLAIN_OS = (16, 18)


def _torn_os(line: str, sure: float = 0.98) -> list[np.ndarray]:
    """`line` read surely but for its Os at PLAIN_OS: 0.6 against 0."""
    probabilities = certain((line,), sure)
    for column in PLAIN_OS:
        probabilities[0][column] = (1 - 0.6 - 0.38) / (len(ALPHABET) - 2)
        probabilities[0][column, ALPHABET.index("O")] = 0.6
        probabilities[0][column, ALPHABET.index("0")] = 0.38
    return probabilities


def _plainly(line: str = PLAIN, sure: float = 0.98) -> Reading | None:
    probabilities = _torn_os(line, sure)
    fixed = correction.correct(MrzFormat.DL1, probabilities)
    return stages.licence_read_plainly(np.zeros((60, 900)), tuple(probabilities), fixed, ())


def test_a_licence_line_read_plainly_passing_is_the_licence_where_the_repaired_one_is_refused() -> None:
    weighed = correction.correct(MrzFormat.DL1, _torn_os(PLAIN)).lines[0]
    assert [weighed[column] for column in PLAIN_OS] == ["0", "0"] and weighed != PLAIN
    plain = _plainly()
    assert plain is not None
    assert plain.result.lines == (PLAIN,) and plain.result.format is MrzFormat.DL1 and not plain.needs_witness
    assert not plain.result.failed_checks
    # The two Os are contested: the weighed line passes with 0s there too, so the check digit chose neither.
    assert plain.contested == {(0, column) for column in PLAIN_OS}
    # Nor does the line end the search of its region: another look may read it plainly.
    assert not plain.plainly_passes


def _two_os_for_0s(o_share: float, zero_share: float) -> tuple[str, str, list[np.ndarray]]:
    """A licence line whose number's 00 (at the weights 7 and 3: an O for each 0 cancels out) the recogniser
    read as OO, at `o_share` against `zero_share` each, 0.985 sure of the rest: the truth, the misread and
    its probabilities."""
    truth = mrz.compose_dl1(issuing_country="DNK", licence_number="1230045678", optional_data="AB12CD34EF567")[0]
    at = truth.index("00")
    misread = truth[:at] + "OO" + truth[at + 2 :]
    assert correction.passes(check_digit_places(MrzFormat.DL1)[0], [misread])
    probabilities = certain((misread,), 0.985)
    for column in (at, at + 1):
        probabilities[0][column] = (1 - o_share - zero_share) / (len(ALPHABET) - 2)
        probabilities[0][column, ALPHABET.index("O")] = o_share
        probabilities[0][column, ALPHABET.index("0")] = zero_share
    return truth, misread, probabilities


def test_a_contested_licence_line_is_marked_though_the_recogniser_preferred_o() -> None:
    """Two 0s the recogniser read as Os (0.8 against 0.18: the weighing's odds make them 0s) pass the one
    check digit as the 0s do: taken as read, the line is marked whole, though the recogniser preferred O."""
    truth, misread, probabilities = _two_os_for_0s(0.8, 0.18)
    fixed = correction.correct(MrzFormat.DL1, probabilities)
    assert fixed.lines == (truth,)  # the weighing's 0s
    plain = stages.licence_read_plainly(np.zeros((60, 900)), tuple(probabilities), fixed, ())
    assert plain is not None and plain.result.lines == (misread,)
    marks = doubts.contested_doubts(MrzFormat.DL1, plain.result.lines, plain.contested)
    assert {(mark.line, mark.column) for mark in marks} == {(0, column) for column in range(30)}
    assert all(mark.reason is DoubtReason.CHECK_BY_CHANCE and mark.character == misread[mark.column] for mark in marks)
    assert doubts.contested_doubts(MrzFormat.DL1, plain.result.lines, frozenset()) == ()


def test_two_sure_os_in_a_number_that_pass_as_two_0s_are_marked() -> None:
    """Os the recogniser saw at many times the 0 (0.96 against 0.01) stand as read in a licence's number, and
    the line passes its check digit with no repair. Two 0s there would pass as well: both Os are marked, and
    the check digit vouches for none of the number, however sure the recogniser was. Fails without the 0
    counted as a number's O's rival in `doubts._cancelling_pairs`."""
    _, misread, probabilities = _two_os_for_0s(0.96, 0.01)
    at = misread.index("OO")
    fixed = correction.correct(MrzFormat.DL1, probabilities)
    assert fixed.lines == (misread,) and fixed.repaired == 0 and not fixed.failed_checks
    assert fixed.contested == {(0, at), (0, at + 1)}  # the other weighing's 00 passes too
    marks = doubts.covered_doubts(MrzFormat.DL1, fixed.lines, probabilities)
    assert {(0, at), (0, at + 1)} <= {(mark.line, mark.column) for mark in marks}
    assert all(mark.reason is DoubtReason.CHECK_BY_CHANCE for mark in marks)


def test_a_line_read_plainly_is_a_licence_only_as_a_line_the_correction_left_alone_is() -> None:
    # Its check digit failing (a 3 read 4)
    assert _plainly(PLAIN[:7] + "4" + PLAIN[8:]) is None
    # less sure than a lone line must be
    assert _plainly(sure=0.85) is None
    # a country no code of (QQQ; the check digit made to pass)
    unknown = mrz.compose_dl1(issuing_country="QQQ", licence_number=PLAIN[6:16], optional_data=PLAIN[16:29])[0]
    assert correction.passes(check_digit_places(MrzFormat.DL1)[0], [unknown]) and _plainly(unknown) is None
    # a digit where the country takes letters (P0L)
    zero = mrz.compose_dl1(issuing_country="P0L", licence_number=PLAIN[6:16], optional_data=PLAIN[16:29])[0]
    assert _plainly(zero) is None
