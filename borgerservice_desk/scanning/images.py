"""Opening what the clerk hands the scanner: an image file or a PDF from a document scanner.

Everything here refuses bad input with a coded error before any OCR runs, so a corrupt file says "cannot be
opened" rather than "no MRZ found", and a decompression bomb is refused before it is decoded.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

from borgerservice_desk.errors import InvalidInput

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
SUPPORTED_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}

# A scanner's PDF holds one page image per page; more pages than this is not an identity document, and
# reading them all would keep the clerk waiting.
MAX_PDF_PAGES = 4
# Photos from phones are 12+ megapixels; the MRZ needs far less. Larger images are scaled down before
# zone finding, which keeps the time per image bounded without losing the characters (about 30 px high at
# this size on a passport photographed whole).
MAX_WORKING_PIXELS = 4_500_000

Gray = NDArray[np.float64]


def load_document_images(path: Path) -> list[Gray]:
    """The images to search for an MRZ: one for an image file, one per page image of a PDF.

    Each comes back as grayscale floats in 0..1 (0 = black), upright as the EXIF orientation says.
    Raises InvalidInput "scan.unreadable_image" (missing, damaged, not an image, too large) or
    "scan.pdf_without_image".
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    if data[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        return [_to_gray(image, path) for image in _pdf_images(data, path)]
    return [_to_gray(_open_image(data, path), path)]


def _open_image(data: bytes, path: Path) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        # Image.open only warns between one and two times MAX_IMAGE_PIXELS; such an image is refused all
        # the same, as decoding it could exhaust the memory of a counter PC.
        if Image.MAX_IMAGE_PIXELS is not None and image.width * image.height > Image.MAX_IMAGE_PIXELS:
            raise Image.DecompressionBombError(f"{image.width}x{image.height} pixels")
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"too large: {exc}") from exc
    except Exception as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    return image


def _pdf_images(data: bytes, path: Path) -> list[Image.Image]:
    """The largest image of each of the first pages: a scanner puts the scan there, logos are smaller."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    images: list[Image.Image] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages[:MAX_PDF_PAGES]:
            candidates = []
            for file in page.images:
                candidates.append(_open_image(file.data, path))
            if candidates:
                images.append(max(candidates, key=lambda image: image.width * image.height))
    except InvalidInput:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    if not images:
        raise InvalidInput("scan.pdf_without_image", path=str(path))
    return images


def _to_gray(image: Image.Image, path: Path) -> Gray:
    try:
        upright = ImageOps.exif_transpose(image)
        gray = upright.convert("L")
    except Exception as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    pixels = gray.width * gray.height
    if pixels > MAX_WORKING_PIXELS:
        factor = (MAX_WORKING_PIXELS / pixels) ** 0.5
        gray = gray.resize((max(1, int(gray.width * factor)), max(1, int(gray.height * factor))), Image.Resampling.LANCZOS)
    if gray.width < 32 or gray.height < 16:
        raise InvalidInput("scan.no_mrz", path=str(path), detail=f"image of {gray.width}x{gray.height} pixels")
    return np.asarray(gray, dtype=np.float64) / 255.0
