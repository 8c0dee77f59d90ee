"""What the OCR-B model is made from, and the key that names a model built from it.

The key is a hash of every input that decides the model's bytes: the training code and the code it trains
through (the cutting of cells and the networks in `scanning/ocrb.py`), with the training parameters, which
are that code's defaults; the font files it renders; and the few facts of the domain's layouts the training
draws from (`training_facts`: the alphabet, the characters of each kind and the MRZ shapes). Change any of
them and the key changes, so the reader looks for a model that does not exist yet and says to build it,
instead of reading with a model made from something else. Nobody has to remember to raise a version
number.

`domain/mrz/layouts.py` is not hashed as a file: it also holds what the model never sees (which field is
where, check-digit places, a new format of a shape the model already knows, such as the French identity
card's 2 x 36), and a change there must not ask for a 20-minute build of the same model. Only the facts
above, as values, are in the key.

This module imports nothing heavy: the desk computes the key to find its model (`scanning.model_store`).
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

_REPOSITORY = Path(__file__).resolve().parents[1]

# The fonts the training renders MRZ lines in (see `ocrb_training`): Debian's fonts-ocr-b (the regular and
# the "sharp" cut) for most lines, and for a share of them monospaced families of other designs, each in a
# regular and a bold weight (JetBrains Mono also extra bold). Real zones are printed in many printers' OCR-B
# (bolder, squarer, rounder than Debian's) and some cards in a plain sans-serif: a model that has seen only
# one design learns that design's details; several designs teach it what makes a letter that letter. None of them is a family the benchmark
# measures as unseen (tests/support/passport_image.py UNSEEN_FONTS: Liberation Mono, Noto Sans Mono, FreeMono;
# a test compares the names the font files give themselves), and none is derived from one: JetBrains Mono,
# Fira Code and Go Mono are designs of their own (Liberation Mono comes from Cousine, Noto Sans Mono from
# Droid Sans Mono, FreeMono from Nimbus Mono: none of those is learnt either).
OCR_B_FONTS = (Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"), Path("/usr/share/fonts/opentype/ocr-b/OCRBS.otf"))
_TRUETYPE = Path("/usr/share/fonts/truetype")
OTHER_FONT_FAMILIES: tuple[tuple[Path, ...], ...] = (
    (_TRUETYPE / "dejavu/DejaVuSansMono.ttf", _TRUETYPE / "dejavu/DejaVuSansMono-Bold.ttf"),
    (
        _TRUETYPE / "jetbrains-mono/JetBrainsMono-Regular.ttf",
        _TRUETYPE / "jetbrains-mono/JetBrainsMono-Bold.ttf",
        _TRUETYPE / "jetbrains-mono/JetBrainsMono-ExtraBold.ttf",
    ),
    (_TRUETYPE / "firacode/FiraCode-Regular.ttf", _TRUETYPE / "firacode/FiraCode-Bold.ttf"),
    (Path("/usr/share/fonts/fonts-go/Go-Mono.ttf"), Path("/usr/share/fonts/fonts-go/Go-Mono-Bold.ttf")),
)
# The Debian packages that hold them (the Makefile installs the same list: the desk needs them to find
# its model, as the key hashes them).
FONT_PACKAGES = ("fonts-ocr-b", "fonts-dejavu-core", "fonts-jetbrains-mono", "fonts-firacode", "fonts-go")

# The code whose every byte may change the model: the training, and the cutting and networks it trains
# through. Comments count too: a false rebuild costs minutes once, a stale model costs wrong readings. This
# file is not among them: what it adds to the recipe (the font files) is hashed below, by content.
SOURCE_FILES = (
    "borgerservice_desk_training/ocrb_training.py",
    "borgerservice_desk/scanning/ocrb.py",
    # It pins the vector code the training's arithmetic runs on, which decides the model's bytes.
    "scripts/build_ocrb_model.py",
)


def font_paths() -> tuple[Path, ...]:
    return OCR_B_FONTS + tuple(path for family in OTHER_FONT_FAMILIES for path in family)


def fonts_available() -> bool:
    return all(path.exists() for path in font_paths())


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def font_hashes() -> dict[str, str]:
    """SHA-256 of each training font file ("missing" where it is not installed)."""
    return {str(path): _sha256(path) if path.exists() else "missing" for path in font_paths()}


def source_hashes() -> dict[str, str]:
    return {name: _sha256(_REPOSITORY / name) for name in SOURCE_FILES}


def training_facts() -> dict[str, str]:
    """The domain's facts the model is trained from, as values: the alphabet the networks classify into
    (`ocrb.ALPHABET`, filler, digits, letters in that order), the letters and digits the training draws
    its random lines from, the (line count, line length) shapes it renders (`ocrb_training.SHAPES`) and the
    line lengths the cutting knows (`ocrb.LINE_LENGTHS`). Computed as those modules compute them, from the
    layouts alone, so that the desk need not import numpy or the training code to find its model."""
    from borgerservice_desk.domain.mrz.layouts import DIGITS, FILLER, LETTERS, MrzFormat

    shapes = sorted({(mrz_format.line_count, mrz_format.line_length) for mrz_format in MrzFormat})
    lengths = sorted({mrz_format.line_length for mrz_format in MrzFormat})
    return {
        "alphabet": FILLER + DIGITS + LETTERS,
        "digits": DIGITS,
        "filler": FILLER,
        "letters": LETTERS,
        "line_lengths": " ".join(str(length) for length in lengths),
        "shapes": " ".join(f"{count}x{length}" for count, length in shapes),
    }


@functools.cache
def recipe_key() -> str:
    """16 hex digits naming the model this code, these fonts and these facts make (computed once a process)."""
    digest = hashlib.sha256()
    parts = {
        **{f"source:{name}": value for name, value in source_hashes().items()},
        **{f"font:{name}": value for name, value in font_hashes().items()},
        **{f"fact:{name}": value for name, value in training_facts().items()},
    }
    for name, value in sorted(parts.items()):
        digest.update(f"{name}={value}\n".encode())
    return digest.hexdigest()[:16]
