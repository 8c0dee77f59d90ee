"""The witness a licence line the check digit's repair changed needs (`stages.witnessed`): Tesseract's reading
of the region, here given as it would read it. It must read the line as it stands, but may read an OCR-B
look-alike (O for 0, 2 for Z) where the repair changed nothing; at a repaired place it must read what the
repair made. Each case fails without the part of the rule it names."""

from __future__ import annotations

import numpy as np
import pytest

from borgerservice_desk.domain.mrz import MrzFormat
from borgerservice_desk.scanning import stages
from borgerservice_desk.scanning.stages import Reading, ScanResult
from tests.support.recogniser import certain

LINE = "D1POL114707696904WDBXZ6PS6AB46"
POL_AT = 2  # the issuing country's first letter: POL
Z_AT = LINE.index("Z")


def _witnessed(theirs: list[str] | None, repaired: frozenset[tuple[int, int]], monkeypatch: pytest.MonkeyPatch) -> bool:
    monkeypatch.setattr(stages, "tesseract_lines", lambda region, count: theirs)
    reading = Reading(
        ScanResult((LINE,), MrzFormat.DL1, (), "ocrb"),
        np.zeros((60, 900)),
        0.95,
        tuple(certain((LINE,))),
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
