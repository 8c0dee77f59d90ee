"""Synthetic images of identity documents for tests, demos and benchmarks.

A generated page looks enough like a real data page (light background, photo, printed fields, MRZ in OCR-B
at the size ICAO 9303 prescribes) for stock PassportEye and Tesseract to find and read the MRZ, while
being free of anyone's personal data. Measurements are in millimetres of the real card or page and
drawn at 10 pixels a millimetre (about 254 dpi) times `scale`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OCR_B_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
LABEL_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
PIXELS_PER_MM = 10.0
# ICAO 9303 part 3: ten MRZ characters to 25.4 mm. OCR-B advances 0.723 em, so a 2.54 mm pitch needs a
# font of about 3.5 mm (cap height about 2.4 mm, within the standard's range).
MRZ_PITCH_MM = 2.54
_OCR_B_ADVANCE_EM = 0.723
MRZ_FONT_FACTOR = 1.0  # font size as a multiple of what fills the pitch
MRZ_STROKE_PX = 0.0  # extra stroke width at scale 1, as heavier printing
MRZ_STRETCH = 1.0
PAGE_BACKGROUND = (246, 243, 234)
INK = (25, 25, 30)


class MissingFontError(RuntimeError):
    """The OCR-B font is needed to draw an MRZ that Tesseract can read."""


@dataclass(frozen=True)
class _Page:
    width_mm: float
    height_mm: float
    mrz_bottom_mm: float  # from the bottom edge to the baseline of the last MRZ line
    line_pitch_mm: float
    title: str


# Sizes from ICAO 9303 parts 4-6; 2 lines of 36 are the TD2 card, anything else falls back to the card.
_PAGES = {
    44: _Page(125.0, 88.0, 4.5, 5.0, "PAS / PASSPORT"),
    36: _Page(105.0, 74.0, 4.5, 5.0, "IDENTITETSKORT / IDENTITY CARD"),
    30: _Page(85.6, 54.0, 3.5, 4.2, "OPHOLDSKORT / IDENTITY CARD"),
}


def render_document_image(lines: Sequence[str], path: Path, *, scale: float = 1.0) -> Path:
    """Draw a data page carrying the MRZ `lines` and save it to `path` (PNG or JPEG, by the suffix).

    Any text is drawn as given, so a test can print a corrupted MRZ. Returns `path`.
    """
    if not lines:
        raise ValueError("an MRZ has at least one line")
    mrz_font = _ocr_b(round(MRZ_PITCH_MM / _OCR_B_ADVANCE_EM * PIXELS_PER_MM * scale * MRZ_FONT_FACTOR))
    width = max(len(line) for line in lines)
    page = _PAGES.get(width, _PAGES[30] if width < 36 else _PAGES[44])

    def px(mm: float) -> int:
        return round(mm * PIXELS_PER_MM * scale)

    image = Image.new("RGB", (px(page.width_mm), px(page.height_mm)), PAGE_BACKGROUND)
    draw = ImageDraw.Draw(image)

    # A pale band and a header, as security print on a real page; kept well above the MRZ.
    draw.rectangle((0, 0, image.width, px(9)), fill=(214, 226, 238))
    draw.text((px(5), px(2)), "KONGERIGET DANMARK / KINGDOM OF DENMARK", font=_label_font(px(3.2), bold=True), fill=INK)
    draw.text((px(5), px(10.5)), page.title, font=_label_font(px(2.6)), fill=(70, 70, 90))

    # The photo: a grey box with a darker head and shoulders.
    photo_left, photo_top = px(5), px(16)
    photo_width, photo_height = px(page.height_mm * 0.33), px(page.height_mm * 0.44)
    draw.rectangle((photo_left, photo_top, photo_left + photo_width, photo_top + photo_height), fill=(178, 178, 178))
    head = (photo_left + photo_width * 0.3, photo_top + photo_height * 0.15, photo_left + photo_width * 0.7, photo_top + photo_height * 0.6)
    draw.ellipse(head, fill=(120, 120, 120))
    draw.pieslice(
        (photo_left + photo_width * 0.1, photo_top + photo_height * 0.62, photo_left + photo_width * 0.9, photo_top + photo_height * 1.4),
        180,
        360,
        fill=(120, 120, 120),
    )

    # Printed fields beside the photo, in the short label-over-value style of a data page.
    fields = _visual_fields(lines)
    label_font, value_font = _label_font(px(1.9)), _label_font(px(2.8), bold=True)
    x = photo_left + photo_width + px(6)
    y = photo_top
    row = px(7.2) if width >= 36 else px(5.6)
    mrz_top = image.height - px(page.mrz_bottom_mm) - px(page.line_pitch_mm) * len(lines) - px(2)
    for label, value in fields:
        if y + row > mrz_top - px(4):
            break
        draw.text((x, y), label, font=label_font, fill=(90, 90, 110))
        draw.text((x, y + px(2.3)), value, font=value_font, fill=INK)
        y += row

    # The MRZ, centred, last line `mrz_bottom_mm` above the bottom edge.
    line_pitch = px(page.line_pitch_mm)
    pitch = MRZ_PITCH_MM * PIXELS_PER_MM * scale
    left = (image.width - pitch * width) / 2
    stroke = round(MRZ_STROKE_PX * scale)
    for index, line in enumerate(lines):
        baseline = image.height - px(page.mrz_bottom_mm) - line_pitch * (len(lines) - 1 - index)
        band_height = round(mrz_font.size * 1.4)
        band = Image.new("L", (image.width, band_height), 0)
        band_draw = ImageDraw.Draw(band)
        # Character by character at the ICAO pitch, whatever the font's own advance.
        for position, char in enumerate(line):
            band_draw.text(
                (left + position * pitch, band_height - 2), char, font=mrz_font, fill=255, anchor="ls",
                stroke_width=stroke, stroke_fill=255,
            )
        stretched = band.resize((image.width, round(band_height * MRZ_STRETCH)), Image.Resampling.BICUBIC)
        image.paste(INK, (0, round(baseline - stretched.height + 2)), stretched)

    return _save(image, path)


def render_noise_image(path: Path, *, seed: int = 0, size: tuple[int, int] = (1200, 850)) -> Path:
    """A picture of "anything else": shapes and some ordinary text, nothing like an MRZ."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randint(200, 255), rng.randint(200, 255), rng.randint(200, 255)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        colour = (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255))
        x0, y0 = rng.randint(0, size[0]), rng.randint(0, size[1])
        x1, y1 = x0 + rng.randint(20, 300), y0 + rng.randint(20, 300)
        shape = rng.choice(("rectangle", "ellipse", "line"))
        if shape == "rectangle":
            draw.rectangle((x0, y0, x1, y1), fill=colour)
        elif shape == "ellipse":
            draw.ellipse((x0, y0, x1, y1), fill=colour)
        else:
            draw.line((x0, y0, x1, y1), fill=colour, width=rng.randint(2, 12))
    words = ("kaffe", "borgerservice", "kø", "nummer", "åbent", "mandag", "torsdag", "velkommen", "17")
    font = _label_font(28)
    for _ in range(6):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        draw.text((rng.randint(0, size[0] - 300), rng.randint(0, size[1] - 40)), text, font=font, fill=(0, 0, 0))
    return _save(image, path)


def _visual_fields(lines: Sequence[str]) -> list[tuple[str, str]]:
    """The printed fields, read off the MRZ so picture and MRZ agree (roughly: it is only decoration)."""
    name_line = lines[2] if len(lines) == 3 else lines[0][5:]
    surname, _, given = name_line.partition("<<")
    data = lines[1] if len(lines) >= 2 else ""
    if len(lines) == 3:
        number, birth, sex, expiry = lines[0][5:14], data[0:6], data[7:8], data[8:14]
    else:
        number, birth, sex, expiry = data[0:9], data[13:19], data[20:21], data[21:27]

    def words(text: str) -> str:
        return " ".join(text.replace("<", " ").split())

    def yymmdd(text: str) -> str:
        return f"{text[4:6]}.{text[2:4]}.{text[0:2]}" if len(text) == 6 else text

    return [
        ("Efternavn / Surname", words(surname)),
        ("Fornavne / Given names", words(given)),
        ("Fødselsdato / Date of birth", yymmdd(birth)),
        ("Køn / Sex", sex.replace("<", "X")),
        ("Udløbsdato / Date of expiry", yymmdd(expiry)),
        ("Nummer / Number", words(number)),
    ]


def _ocr_b(size: int) -> ImageFont.FreeTypeFont:
    if not OCR_B_FONT.is_file():
        raise MissingFontError(
            f"OCR-B font not found at {OCR_B_FONT}; install the Debian package fonts-ocr-b (make setup-test)"
        )
    return ImageFont.truetype(str(OCR_B_FONT), size)


def _label_font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = LABEL_FONTS[1 if bold else 0]
    if path.is_file():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _save(image: Image.Image, path: Path) -> Path:
    suffix = path.suffix.lower()
    if suffix in (".jpg", ".jpeg"):
        image.save(path, "JPEG", quality=92)
    elif suffix == ".png":
        image.save(path, "PNG")
    else:
        raise ValueError(f"unsupported image type {suffix!r}: use .png, .jpg or .jpeg")
    return path
