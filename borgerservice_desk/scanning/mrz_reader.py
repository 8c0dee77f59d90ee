"""Reading the MRZ off a scanned image or photo with PassportEye and Tesseract.

This is slow (about a second an image) and must run in a worker, never on the GUI thread. PassportEye is
imported only when an image is read: the import pulls in scikit-image and takes seconds, which program
start-up should not pay for.

The lines come back as read, unchecked: `borgerservice_desk.domain.mrz.parse_mrz` judges them.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

from PIL import Image

from borgerservice_desk.errors import DeskError, InvalidInput

# Line lengths of the formats PassportEye tells apart (its names for them).
_LINE_LENGTHS = {"TD1": 30, "TD2": 36, "TD3": 44, "MRVA": 44, "MRVB": 36}


def read_mrz_lines(path: Path) -> tuple[str, ...]:
    """The MRZ lines PassportEye reads from the image at `path`, after its own clean-up of the OCR text.

    Raises InvalidInput "scan.unreadable_image" when the file is missing, not an image, damaged or too large
    to decode safely, InvalidInput "scan.no_mrz" when no MRZ is found, and DeskError "scan.ocr_unavailable"
    when Tesseract is not installed.
    """
    _require_readable_image(path)
    # Tesseract's OpenMP threads fight each other on a desk PC's few cores: one thread is about four
    # times faster. setdefault leaves an administrator's explicit choice alone.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # PassportEye 2.2.2 calls scikit-image APIs that are deprecated; those warnings are for its
    # maintainer, and where warnings are errors (the test suite) they would abort the read. A filter is
    # added rather than catch_warnings() because the latter is not thread-safe and this runs in a worker.
    for category in (FutureWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", category=category, module=r"passporteye(\.|$)")

    # PassportEye runs the `tesseract` found on PATH; without it every image would look like "no MRZ".
    if shutil.which("tesseract") is None:
        raise DeskError("scan.ocr_unavailable", detail="tesseract not found on PATH")
    try:
        from passporteye import read_mrz  # noqa: PLC0415 - deliberately lazy, see the module docstring
        from passporteye.mrz.text import MRZOCRCleaner  # noqa: PLC0415
    except ImportError as exc:  # a broken installation, not the clerk's image
        raise DeskError("scan.ocr_unavailable", detail=str(exc)) from exc

    try:
        mrz = read_mrz(str(path))
    except Exception as exc:  # noqa: BLE001 - PassportEye fails in many ways on odd images; all mean "no MRZ"
        raise InvalidInput("scan.no_mrz", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc

    if mrz is None or mrz.mrz_type is None:
        raise InvalidInput("scan.no_mrz", path=str(path))
    if not any(mrz.valid_check_digits):
        # PassportEye returns any two or three long lines of text it finds; when not a single check digit
        # fits, it is text from elsewhere on the page (or a hopeless read), better retaken than parsed.
        raise InvalidInput("scan.no_mrz", path=str(path), detail="no check digit matches")
    raw_text = mrz.aux.get("raw_text", mrz.aux.get("text", ""))
    # These are the lines as PassportEye parsed them. Its cleaner drops blank and short lines, removes
    # spaces and fixes letters and digits that OCR confuses (O/0, I/1, ...) where the format allows only
    # one kind; its parser then pads short lines with fillers. The padding matters: Tesseract often loses
    # a few of a long run of '<' at the end of the name line, and the check digits were judged on the
    # padded lines.
    length = _LINE_LENGTHS.get(str(mrz.mrz_type))
    cleaned = [str(line) for line in MRZOCRCleaner.apply(str(raw_text))]
    if not cleaned or length is None:
        raise InvalidInput("scan.no_mrz", path=str(path))
    return tuple(line.ljust(length, "<") for line in cleaned)


def _require_readable_image(path: Path) -> None:
    """Decode the whole image once with Pillow, so a bad file is reported as such and not as "no MRZ"."""
    try:
        with Image.open(path) as image:
            # Image.open warns (not raises) between one and two times MAX_IMAGE_PIXELS; such an image is
            # refused all the same, as OCR on it could exhaust the memory of a counter PC.
            if Image.MAX_IMAGE_PIXELS is not None and image.width * image.height > Image.MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(f"{image.width}x{image.height} pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"too large: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - Pillow's plugins raise OSError, ValueError, SyntaxError, ...
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
