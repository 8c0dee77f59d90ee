"""Opening what the clerk hands the scanner: an image file or a PDF from a document scanner.

Everything here refuses bad input with a coded error before any OCR runs, so a corrupt file says "cannot be
opened" rather than "no MRZ found", and a decompression bomb is refused before it is decoded.
"""

from __future__ import annotations

import io
import itertools
import logging
import mimetypes
import stat
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageChops, ImageOps, ImageSequence
from pillow_heif import register_heif_opener

from borgerservice_desk.errors import InvalidInput

log = logging.getLogger(__name__)

# A phone photo of the document is often HEIC: an iPhone's camera saves it so unless told otherwise, and a
# photo copied off the phone by cable or a share keeps it. Pillow opens HEIF through this plugin. The photo's
# turn (HEIF's irot/imir, which the phone writes from the way it was held) is applied as it is decoded and its
# EXIF orientation then reads 1, so `_to_gray`'s exif_transpose does not turn it a second time.
register_heif_opener()

# What the desk takes from a scanner or camera, by file suffix, and the media type a kept image is stored
# under with its identity check (services.identity).
MEDIA_TYPES: Mapping[str, str] = MappingProxyType(
    {
        ".png": "image/png",
        ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg",
        ".tif": "image/tiff",
        ".tiff": "image/tiff",
        ".bmp": "image/bmp",
        ".webp": "image/webp",
        ".heic": "image/heic",
        ".heif": "image/heif",
        ".pdf": "application/pdf",
    }
)
SUPPORTED_SUFFIXES = frozenset(MEDIA_TYPES)
IMAGE_SUFFIXES = frozenset(suffix for suffix, media_type in MEDIA_TYPES.items() if media_type.startswith("image/"))

# A scanner's PDF holds one page image per page; more pages than this is not an identity document, and
# reading them all would keep the clerk waiting.
MAX_PDF_PAGES = 4
# Photos from phones are 12+ megapixels; the MRZ needs far less. Larger images are scaled down before
# zone finding, which keeps the time per image bounded without losing the characters (about 30 px high at
# this size on a passport photographed whole).
MAX_WORKING_PIXELS = 4_500_000
# No scan of one document comes near this; a larger file (or a device such as /dev/zero) is refused before
# it is read into memory.
MAX_FILE_BYTES = 60 * 1024 * 1024

Gray = NDArray[np.float64]


def media_type_of(path: Path) -> str:
    """The media type of a scanned file by its suffix; for a file of another kind, what its name suggests."""
    known = MEDIA_TYPES.get(path.suffix.lower())
    return known or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def load_document_images(path: Path) -> list[Gray]:
    """The images to search for an MRZ: one for an image file, one per page image of a PDF.

    Each comes back as grayscale floats in 0..1 (0 = black), upright as the EXIF orientation says.
    Raises InvalidInput "scan.unreadable_image" (missing, damaged, not an image, too large) or
    "scan.pdf_without_image".
    """
    try:
        status = path.stat()  # a missing file raises here, named as such
        if not stat.S_ISREG(status.st_mode):  # a directory, or a device such as /dev/zero
            raise InvalidInput("scan.unreadable_image", path=str(path), detail="not a file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"too large: {size} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    if data[:5] == b"%PDF-" or path.suffix.lower() == ".pdf":
        return [_to_gray(image, path) for image in _pdf_images(data, path)]
    image = _open_image(data, path)
    # A multi-page TIFF from a document scanner: the data page may be any of the first few.
    frames = getattr(image, "n_frames", 1)
    if frames > 1:
        pages = [frame.copy() for frame in itertools.islice(ImageSequence.Iterator(image), MAX_PDF_PAGES)]
        return [_to_gray(page, path) for page in pages]
    return [_to_gray(image, path)]


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
    undecodable = 0
    try:
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages[:MAX_PDF_PAGES]:
            candidates = []
            for index in range(len(page.images)):
                try:
                    candidates.append(_open_image(page.images[index].data, path))
                except InvalidInput:
                    raise  # a decompression bomb inside the PDF
                except Exception as exc:  # noqa: BLE001 - JBIG2 and other codecs pypdf cannot decode
                    log.info("PDF image not decodable: %s", exc)
                    undecodable += 1
            if candidates:
                images.append(max(candidates, key=lambda image: image.width * image.height))
    except InvalidInput:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    if not images and undecodable:
        # A black-and-white scan saved as JBIG2, for example: say so rather than "no image".
        raise InvalidInput("scan.unreadable_image", path=str(path), detail="the PDF's images cannot be decoded")
    if not images:
        raise InvalidInput("scan.pdf_without_image", path=str(path))
    return images


def _to_gray(image: Image.Image, path: Path) -> Gray:
    try:
        upright = ImageOps.exif_transpose(image) or image
        if upright.mode in ("I;16", "I;16B", "I;16L", "I"):
            # 16-bit greyscale: convert("L") would clip every value above 255 to white.
            wide = np.asarray(upright, dtype=np.float64)
            top = float(wide.max()) or 1.0
            gray = Image.fromarray(np.asarray(wide / top * 255.0, dtype=np.uint8), "L")
        elif upright.mode in ("1", "L", "F"):
            gray = upright.convert("L")
        else:
            gray = _ink_gray(upright)
    except Exception as exc:
        raise InvalidInput("scan.unreadable_image", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    pixels = gray.width * gray.height
    if pixels > MAX_WORKING_PIXELS:
        factor = (MAX_WORKING_PIXELS / pixels) ** 0.5
        gray = gray.resize((max(1, int(gray.width * factor)), max(1, int(gray.height * factor))), Image.Resampling.LANCZOS)
    if gray.width < 32 or gray.height < 16:
        raise InvalidInput("scan.no_mrz", path=str(path), detail=f"image of {gray.width}x{gray.height} pixels")
    return np.asarray(gray, dtype=np.float64) / 255.0


def _ink_gray(image: Image.Image) -> Image.Image:
    """A colour image as grey in which only black ink is dark: each pixel's brightest channel.

    The MRZ is printed in black ink, which ICAO 9303 requires to be read in near infrared, where the
    coloured security print around and under it vanishes. The brightest channel does the same for a colour
    photo: red, green and blue print (a guilloche, a coloured frame drawn round the zone, a red SPECIMEN
    stamp) turns light, black stays dark. Plain luminance keeps a red line as dark grey, and the zone
    finder then takes the line for part of the MRZ. Transparent pixels count as white paper.
    """
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        rgb = Image.alpha_composite(paper, rgba).convert("RGB")
    else:
        rgb = image.convert("RGB")
    # In Pillow's own 8-bit bands, not a NumPy copy: a phone photo is tens of megapixels.
    red, green, blue = rgb.split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)
