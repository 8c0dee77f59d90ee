"""Character probabilities as the OCR-B recogniser would give them, for tests of what follows it."""

from __future__ import annotations

import numpy as np

from borgerservice_desk.scanning.ocrb import ALPHABET


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
