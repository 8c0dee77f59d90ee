"""What the OCR-B model is made from, and the key that names a model built from it.

The key is a hash of every input that decides the model's bytes: the training code and the code it trains
through (the cutting of cells in `scanning/ocrb.py`, the alphabet and shapes of `domain/mrz/layouts.py`),
with the training parameters, which are that code's defaults, and the font files it renders. Change any
of them and the key changes, so the reader looks for a model that does not exist yet and says to build
it, instead of reading with a model made from something else. Nobody has to remember to raise a version
number.

This module imports nothing heavy: the desk computes the key to find its model (`scanning.model_store`).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[1]

# The fonts the training renders MRZ lines in (see `ocrb_training`): Debian's fonts-ocr-b (the regular and
# the "sharp" cut) and fonts-dejavu-core's monospaced sans-serif.
FONT_DIR = Path("/usr/share/fonts/opentype/ocr-b")
FONT_FILES = ("OCRB.otf", "OCRBS.otf")
OTHER_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
OTHER_FONT_FILES = ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")

# The code whose every byte may change the model. Comments count too: a false rebuild costs minutes once,
# a stale model costs wrong readings.
SOURCE_FILES = (
    "borgerservice_desk_training/ocrb_training.py",
    "borgerservice_desk_training/recipe.py",
    "borgerservice_desk/scanning/ocrb.py",
    "borgerservice_desk/domain/mrz/layouts.py",
)


def font_paths() -> tuple[Path, ...]:
    return tuple(FONT_DIR / name for name in FONT_FILES) + tuple(OTHER_FONT_DIR / name for name in OTHER_FONT_FILES)


def fonts_available() -> bool:
    return all(path.exists() for path in font_paths())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def font_hashes() -> dict[str, str]:
    """SHA-256 of each training font file ("missing" where it is not installed)."""
    return {str(path): _sha256(path) if path.exists() else "missing" for path in font_paths()}


def source_hashes() -> dict[str, str]:
    return {name: _sha256(_REPOSITORY / name) for name in SOURCE_FILES}


@functools.cache
def recipe_key() -> str:
    """16 hex digits naming the model this code and these fonts make (computed once a process)."""
    digest = hashlib.sha256()
    for name, value in sorted({**source_hashes(), **font_hashes()}.items()):
        digest.update(f"{name}={value}\n".encode())
    return digest.hexdigest()[:16]
