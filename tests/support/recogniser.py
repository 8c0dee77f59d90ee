"""Character probabilities as the OCR-B recogniser would give them, for tests of what follows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from borgerservice_desk.scanning.ocrb import ALPHABET, CELL_SIZE, CellLine, OcrbModel

if TYPE_CHECKING:
    from borgerservice_desk.scanning.stages import Reading


def certain(lines: tuple[str, ...], sure: float = 0.98) -> list[np.ndarray]:
    """Probabilities a confident recogniser would give for exactly `lines`: `sure` for each character
    read, the rest shared evenly among the others."""
    out = []
    for line in lines:
        probs = np.full((len(line), len(ALPHABET)), (1 - sure) / (len(ALPHABET) - 1))
        for column, char in enumerate(line):
            probs[column, ALPHABET.index(char)] = sure
        out.append(probs)
    return out


@dataclass(frozen=True)
class TableRecogniser(OcrbModel):
    """The recogniser's output given as data: a line's cells carry the line's number in their first pixel
    (`numbered_cells`), and it answers with that line's probabilities (what a real model gave is not the point
    here)."""

    table: tuple[np.ndarray, ...] = ()  # type: ignore[type-arg]

    def predict(self, cells: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
        return np.asarray(self.table[int(cells[0, 0])], dtype=np.float64)


def numbered_cells(lines: tuple[str, ...], clipped: Mapping[int, frozenset[int]] | None = None) -> list[CellLine]:
    """Cut lines of `lines`' lengths whose cells carry their line's number (for `TableRecogniser`), with the
    `clipped` cells of each line by its number."""
    out = []
    for number, line in enumerate(lines):
        grid = np.zeros((len(line), CELL_SIZE[0] * CELL_SIZE[1]), dtype=np.float32)
        grid[:, 0] = number
        out.append(CellLine(grid, pitch=20.0, height=40.0, clipped=(clipped or {}).get(number, frozenset())))
    return out


def recognised(
    probabilities: list[np.ndarray],  # type: ignore[type-arg]
    cells: list[CellLine],
    width: int = 900,
) -> Reading | None:
    """What the recogniser's stage (`stages.recognise`) makes of `cells` read as `probabilities`."""
    from borgerservice_desk.scanning import stages  # as where it is used: its imports are not every test's

    model = TableRecogniser(nets=(), table=tuple(probabilities))
    return stages.recognise(model, np.zeros((100, width), dtype=np.uint8), cells)
