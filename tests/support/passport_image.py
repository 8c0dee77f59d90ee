"""Synthetic images of identity documents for tests, demos and benchmarks.

A generated page looks enough like a real data page (light background, photo, printed fields, MRZ in OCR-B
at the ICAO 9303 character pitch) for stock PassportEye and Tesseract to find and read the MRZ, while
being free of anyone's personal data. The page follows the MRZ given: a passport page (TD3, 2 x 44), an
ID card (TD1, 3 x 30, or TD2, 2 x 36), a visa sticker (MRV-A 2 x 44 or MRV-B 2 x 36, first letter 'V')
or a card-size driving licence (DL1, one line of 30 starting with 'D'). Measurements are in millimetres of the real card or page and
drawn at 10 pixels a millimetre (about 254 dpi) times `scale`.

Stock Tesseract does not read every generated MRZ exactly (about 9 in 10 passports at scale 1; a line
ending in the digit 0 is the usual casualty, read as "0O"). A test that needs an exact read should use
`READABLE_PASSPORTS`, which the integration tests prove readable; anything else should expect misreads,
as with real documents.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from tests.support.facts import HOLDER, PASSPORT_EXPIRY, PASSPORT_NUMBER
from tests.support.mrz import compose_td3

# The "Sharp" cut of Debian's OCR-B (package fonts-ocr-b); with the settings below, stock Tesseract reads
# it markedly better than the regular cut (OCRB.otf).
OCR_B_FONT = Path("/usr/share/fonts/opentype/ocr-b/OCRBS.otf")
LABEL_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
)
PIXELS_PER_MM = 10.0
# ICAO 9303 part 3: ten MRZ characters to 25.4 mm.
MRZ_PITCH_MM = 2.54
# How the characters are printed inside that pitch. Stock Tesseract (English LSTM model) reads thin,
# narrow OCR-B poorly: it turns '<' after a letter into K or X and loses count in long runs of fillers.
# A search over size, weight and proportions on two dozen made-up Danish passports found heavier, wider,
# slightly squat characters read best (22 of 24 exactly at scale 1; still 16 to 20 at scale 0.9 or
# 1.1): a 42 px font (1.2 times the size whose advance fills the pitch), one pixel of extra stroke, and
# 80 % of the height, which leaves a cap height of 2.5 mm as in print. Change these only with a new
# search (see the integration tests in tests/integration/test_mrz_reader.py).
_OCR_B_ADVANCE_EM = 0.723
_MRZ_FONT_FACTOR = 1.2
_MRZ_STROKE_PX = 1.0
_MRZ_HEIGHT_FACTOR = 0.8
PAGE_BACKGROUND = (246, 243, 234)
INK = (25, 25, 30)


@dataclass(frozen=True)
class SamplePassport:
    """A made-up holder of a Danish passport."""

    surname: str
    given_names: str
    document_number: str
    birth_date: date
    sex: str
    expiry_date: date = PASSPORT_EXPIRY

    def mrz_lines(self) -> tuple[str, str]:
        return compose_td3(
            document_code="P",
            issuing_country="DNK",
            surname=self.surname,
            given_names=self.given_names,
            document_number=self.document_number,
            nationality="DNK",
            birth_date=self.birth_date,
            sex=self.sex,
            expiry_date=self.expiry_date,
        )


# Passports whose generated image (scale 1, PNG or JPEG) stock PassportEye reads exactly: Ø and Å, a
# hyphen, a name cut at the end of the line, short names with long runs of fillers.
READABLE_PASSPORTS = (
    SamplePassport(HOLDER.surname, HOLDER.given_names, PASSPORT_NUMBER, HOLDER.birth_date, "F"),  # the sample holder
    SamplePassport("Østergård", "Søren Åge", "209876543", date(1959, 6, 30), "M"),
    SamplePassport("Kristiansen-Bjørnholm", "Kirsten Margrethe", "312456789", date(1977, 5, 19), "F"),
    SamplePassport("Holm-Bech", "Ellen", "512340987", date(1949, 12, 1), "F"),
    SamplePassport("Jensen", "Lars", "612345678", date(1962, 11, 2), "M"),
    SamplePassport("Andersen", "Frederik Christian Emil", "712345678", date(1990, 12, 24), "M"),
)


class MissingFontError(RuntimeError):
    """The OCR-B font is needed to draw an MRZ that Tesseract can read."""


@dataclass(frozen=True)
class _Page:
    width_mm: float
    height_mm: float
    mrz_bottom_mm: float  # from the bottom edge to the baseline of the last MRZ line
    line_pitch_mm: float
    title: str
    band: tuple[int, int, int] = (214, 226, 238)  # the pale security print behind the header
    header: str = "KONGERIGET DANMARK / KINGDOM OF DENMARK"


# Sizes from ICAO 9303 parts 4-7 (and ISO/IEC 7810 ID-1 for the licence), by line length; other lengths get
# the nearest smaller or the passport.
_PAGES = {
    44: _Page(125.0, 88.0, 4.5, 5.0, "PAS / PASSPORT"),
    36: _Page(105.0, 74.0, 4.5, 5.0, "IDENTITETSKORT / IDENTITY CARD"),
    30: _Page(85.6, 54.0, 3.5, 4.2, "OPHOLDSKORT / IDENTITY CARD"),
}
_VISA_PAGES = {
    44: _Page(120.0, 80.0, 4.5, 5.0, "VISUM / VISA (MRV-A)", band=(236, 222, 206)),
    36: _Page(105.0, 74.0, 4.5, 5.0, "VISUM / VISA (MRV-B)", band=(236, 222, 206)),
}
# The French card before 2021: 105 x 74 mm like a TD2 card, its MRZ starting 'IDFRA'.
_FRENCH_PAGE = _Page(
    105.0, 74.0, 4.5, 5.0, "CARTE NATIONALE D'IDENTITÉ", band=(226, 214, 236), header="RÉPUBLIQUE FRANÇAISE"
)
_LICENCE_PAGE = _Page(85.6, 54.0, 4.0, 4.2, "KØREKORT / DRIVING LICENCE", band=(240, 214, 222))


def _page_for(lines: Sequence[str]) -> _Page:
    width = max(len(line) for line in lines)
    if len(lines) == 1 and lines[0][:1] == "D":
        return _LICENCE_PAGE
    if lines[0].startswith("IDFRA") and width == 36:
        return _FRENCH_PAGE
    if lines[0][:1] == "V" and width in _VISA_PAGES:
        return _VISA_PAGES[width]
    return _PAGES.get(width, _PAGES[30] if width < 36 else _PAGES[44])


def render_document_image(
    lines: Sequence[str], path: Path, *, scale: float = 1.0, mrz_font_file: Path | None = None
) -> Path:
    """Draw a data page carrying the MRZ `lines` and save it to `path` (PNG or JPEG, by the suffix).

    Any text is drawn as given, so a test can print a corrupted MRZ. Returns `path`.
    """
    return _save(render_document(lines, scale=scale, mrz_font_file=mrz_font_file), path)


# Security print behind the zone (`render_document(security=...)`): what real cards put there and what the
# reader must see through. "guilloche": dense fine interlaced wave lines in two colours all over the page,
# the MRZ included, about as dark as thin print; "faint": the MRZ itself printed in pale grey (a worn or
# laser-engraved visa) on a fine patterned background of similar darkness.
SECURITY_PRINTS = ("guilloche", "faint")
_FAINT_INK = (140, 140, 150)


def _guilloche(image: Image.Image, seed: int, *, colours: Sequence[tuple[int, int, int]], spacing: float) -> None:
    """Interlaced sine waves over the whole page, drawn in place: two families crossing, as on banknotes."""
    import numpy as np

    rng = random.Random(seed)
    width, height = image.size
    draw = ImageDraw.Draw(image)
    xs = np.linspace(0, width, max(2, width // 3))
    for family, colour in enumerate(colours):
        period = rng.uniform(0.15, 0.3) * width
        amplitude = rng.uniform(0.02, 0.05) * height
        phase_step = rng.uniform(0.15, 0.35)
        offset = 0.0
        row = 0
        while offset < height + amplitude * 2:
            phase = row * phase_step + family * np.pi / 2
            ys = offset - amplitude + amplitude * np.sin(2 * np.pi * xs / period + phase)
            draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=1)
            offset += spacing
            row += 1


def render_document(
    lines: Sequence[str],
    *,
    scale: float = 1.0,
    mrz_font_file: Path | None = None,
    security: str | None = None,
    seed: int = 0,
) -> Image.Image:
    """The data page of `render_document_image` as an RGB image, for callers that change it further.

    `mrz_font_file` prints the MRZ in another font than OCR-B (as some issuers do), at the ICAO pitch with
    its own proportions: sized so its advance fills the pitch, without the extra weight given to OCR-B.
    `security` (one of `SECURITY_PRINTS`) prints a security background behind the zone, drawn from `seed`.
    """
    if security is not None and security not in SECURITY_PRINTS:
        raise ValueError(f"unknown security print {security!r}")
    if not lines:
        raise ValueError("an MRZ has at least one line")
    if mrz_font_file is None:
        mrz_font = _ocr_b(round(MRZ_PITCH_MM / _OCR_B_ADVANCE_EM * PIXELS_PER_MM * scale * _MRZ_FONT_FACTOR))
    else:
        probe = ImageFont.truetype(str(mrz_font_file), 100)
        advance_em = probe.getlength("M") / 100
        mrz_font = ImageFont.truetype(str(mrz_font_file), round(MRZ_PITCH_MM / advance_em * PIXELS_PER_MM * scale))
    width = max(len(line) for line in lines)
    page = _page_for(lines)

    def px(mm: float) -> int:
        return round(mm * PIXELS_PER_MM * scale)

    image = Image.new("RGB", (px(page.width_mm), px(page.height_mm)), PAGE_BACKGROUND)
    if security == "guilloche":
        _guilloche(image, seed, colours=((120, 140, 190), (175, 120, 150)), spacing=px(0.45))
    elif security == "faint":
        _guilloche(image, seed, colours=((190, 186, 206),), spacing=px(0.4))
    mrz_ink = _FAINT_INK if security == "faint" else INK
    draw = ImageDraw.Draw(image)

    line_pitch = px(page.line_pitch_mm)
    mrz_top = image.height - px(page.mrz_bottom_mm) - line_pitch * len(lines)
    # Everything else keeps clear of the MRZ: PassportEye looks for a wide block of text, and a photo or
    # label touching the MRZ would merge into it.
    clear_above_mrz = mrz_top - px(5)
    size = page.width_mm / _PAGES[44].width_mm  # the card's print is smaller than the passport's

    # A pale band and a header, as security print on a real page.
    draw.rectangle((0, 0, image.width, px(9 * size)), fill=page.band)
    header_font = _label_font(px(3.2 * size), bold=True)
    draw.text((px(5), px(2.5 * size)), page.header, font=header_font, fill=INK)
    draw.text((px(5), px(10.5 * size)), page.title, font=_label_font(px(2.6 * size)), fill=(70, 70, 90))

    # The photo: a grey box with a darker head and shoulders.
    photo_left, photo_top = px(5), px(16 * size)
    photo_height = min(px(page.height_mm * 0.44), clear_above_mrz - photo_top)
    photo_width = round(photo_height * 0.75)
    draw.rectangle((photo_left, photo_top, photo_left + photo_width, photo_top + photo_height), fill=(178, 178, 178))

    def in_photo(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        return (
            photo_left + photo_width * x0,
            photo_top + photo_height * y0,
            photo_left + photo_width * x1,
            photo_top + photo_height * y1,
        )

    draw.ellipse(in_photo(0.3, 0.15, 0.7, 0.6), fill=(120, 120, 120))
    draw.pieslice(in_photo(0.1, 0.62, 0.9, 1.38), 180, 360, fill=(120, 120, 120))  # shoulders, down to the frame

    # Printed fields beside the photo, in the short label-over-value style of a data page.
    label_font, value_font = _label_font(px(1.9 * size)), _label_font(px(2.8 * size), bold=True)
    x = photo_left + photo_width + px(6 * size)
    y = photo_top
    row = px(7.2 * size)
    for label, value in _visual_fields(lines):
        if y + row > clear_above_mrz:
            break
        draw.text((x, y), label, font=label_font, fill=(90, 90, 110))
        draw.text((x, y + px(2.3 * size)), value, font=value_font, fill=INK)
        y += row

    # The MRZ, centred, last line `mrz_bottom_mm` above the bottom edge. Each line is drawn white on a
    # black band, squashed to `_MRZ_HEIGHT_FACTOR` and pasted through as a mask in ink.
    pitch = MRZ_PITCH_MM * PIXELS_PER_MM * scale
    left = (image.width - pitch * width) / 2
    stroke = round(_MRZ_STROKE_PX * scale) if mrz_font_file is None else 0
    band_height = round(mrz_font.size * 1.4)
    for index, line in enumerate(lines):
        band = Image.new("L", (image.width, band_height), 0)
        band_draw = ImageDraw.Draw(band)
        for position, char in enumerate(line):  # one by one, at the ICAO pitch rather than the font's
            band_draw.text(
                (left + position * pitch, band_height - 2),
                char,
                font=mrz_font,
                fill=255,
                anchor="ls",
                stroke_width=stroke,
                stroke_fill=255,
            )
        squashed = band.resize((image.width, round(band_height * _MRZ_HEIGHT_FACTOR)), Image.Resampling.BICUBIC)
        baseline = image.height - px(page.mrz_bottom_mm) - line_pitch * (len(lines) - 1 - index)
        image.paste(mrz_ink, (0, baseline - squashed.height + 2), squashed)

    return image


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
    if len(lines) == 1:  # a licence's MRZ holds no name or dates; its face would show them in print
        line = lines[0]
        return [
            ("4c. Udstedt af / Issued by", line[2:5].replace("<", "")),
            ("5. Kørekortnummer / Licence number", line[6:16].replace("<", "")),
            ("9. Kategorier / Categories", "AM B1 B"),
        ]
    name_line = lines[2] if len(lines) == 3 else lines[0][5:]
    surname, _, given = name_line.partition("<<")
    data = lines[1] if len(lines) >= 2 else ""
    french = lines[0].startswith("IDFRA") and len(lines) == 2
    if french:  # surname on line 1, given names, number and birth date on line 2, no expiry
        surname, given = lines[0][5:30], data[13:27]
        number, birth, sex, expiry = data[0:12], data[27:33], data[34:35], ""
    elif len(lines) == 3:
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


# The zone alone, as a scanner's crop or a clerk's phone photo of just the MRZ gives it (issue 13): black on
# white, binarised, capitals 45 to 65 px high, strokes of one weight or bolder, cut close round the lines.
_OCR_B_CUTS = (OCR_B_FONT.with_name("OCRB.otf"), OCR_B_FONT)


# Fonts the OCR-B model is never trained on (`borgerservice_desk_training.recipe` names those it is): Debian's
# oblique OCR-B and three monospaced families, for measuring how the reader copes with print it has not
# learnt (benchmark kind "zone-unseen-font"). Those not installed are left out.
UNSEEN_FONTS = (
    Path("/usr/share/fonts/opentype/ocr-b/OCRBL.otf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationMono-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationMono-Bold.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf"),
    Path("/usr/share/fonts/truetype/noto/NotoSansMono-Bold.ttf"),
    Path("/usr/share/fonts/truetype/freefont/FreeMonoBold.ttf"),
)


def unseen_font(name: str) -> Path:
    """One of UNSEEN_FONTS by file name, for a test of print the model never learnt. `make test` installs
    fonts-freefont-ttf for FreeMono Bold, fonts-liberation2 for Liberation Mono and fonts-noto-mono for Noto Sans
    Mono; a missing font says which package, rather than a skip that hides."""
    path = next(font for font in UNSEEN_FONTS if font.name == name)
    if not path.is_file():
        raise FileNotFoundError(
            f"{path}: install the Debian package that holds it (make test installs FreeMono's, Liberation's and Noto's)"
        )
    return path


def render_zone(
    lines: Sequence[str], *, seed: int, margin: int | None = None, fonts: Sequence[Path] = _OCR_B_CUTS
) -> Image.Image:
    """A crop of the zone `lines` alone, drawn from `random.Random(seed)`: the font (one of `fonts`), capital
    height, extra stroke weight (0 to 4 px), tilt (up to 1 degree) and margin (`margin` px, else 2 to 60)."""
    rng = random.Random(seed)
    font_file = rng.choice(tuple(fonts))
    if not font_file.is_file():
        raise MissingFontError(f"font not found at {font_file} (OCR-B: the Debian package fonts-ocr-b)")
    cap = rng.randint(45, 65)
    probe = ImageFont.truetype(str(font_file), 100)
    _, top, _, bottom = probe.getbbox("H", anchor="ls")
    font = ImageFont.truetype(str(font_file), round(cap * 100 / (bottom - top)))
    stroke = rng.choice((0, 1, 2, 3, 4))
    pitch = cap * rng.uniform(0.95, 1.1)
    leading = cap * rng.uniform(1.5, 1.9)
    edge = rng.randint(2, 60) if margin is None else margin
    width = round(pitch * len(lines[0]) + 2 * edge + 2 * stroke)
    height = round(leading * (len(lines) - 1) + cap + 2 * edge + 2 * stroke)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            x = edge + stroke + (column + 0.5) * pitch
            draw.text((x, edge + stroke + row * leading + cap), char, font=font, fill=0, anchor="ms",
                      stroke_width=stroke, stroke_fill=0)  # fmt: skip
    tilt = rng.uniform(-1.0, 1.0)
    image = image.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return image.point(lambda value: 0 if value < 128 else 255).convert("RGB")


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
