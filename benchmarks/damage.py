"""Realistic damage to a rendered document, for the MRZ accuracy benchmark.

Each kind imitates something that happens at a counter: a shaky hand or a cheap webcam (blur), a page laid
on the scanner askew (skew) or photographed at an angle (perspective), a desk lamp on a laminated card
(glare), a low-resolution scanner or a phone photo from too far away (low resolution), an e-mailed photo
(JPEG), sensor noise in a dim room (noise), and all of that at once in milder doses (mix). The strength
of each is drawn from `random.Random(seed)`, so the same seed gives the same image on every machine.

    from benchmarks.damage import damage
    damaged = damage(render_document(lines), "glare", seed=3)
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

Damage = Callable[[Image.Image, random.Random], Image.Image]


def _blur(image: Image.Image, rng: random.Random, radius: tuple[float, float] = (1.0, 2.0)) -> Image.Image:
    # At the generated 10 px/mm a stroke is about 4 px wide; a radius of 2 px smears strokes into each other.
    return image.filter(ImageFilter.GaussianBlur(rng.uniform(*radius)))


def _on_desk(image: Image.Image, rng: random.Random, margin: float = 0.12) -> Image.Image:
    """The document lying on a darker, uneven surface, as in a photo (what zone finding must cope with)."""
    pad_x, pad_y = round(image.width * margin), round(image.height * margin)
    width, height = image.width + 2 * pad_x, image.height + 2 * pad_y
    base = np.array([rng.randint(70, 130), rng.randint(60, 110), rng.randint(40, 90)], dtype=np.float32)
    # A smooth brightness gradient plus fine grain: a desk under one lamp.
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    gradient = (np.cos(angle) * xs / width + np.sin(angle) * ys / height) * rng.uniform(20, 50)
    grain = np.random.default_rng(rng.randrange(2**32)).standard_normal((height, width), dtype=np.float32) * 6
    desk = base[None, None, :] + (gradient + grain)[:, :, None]
    canvas = Image.fromarray(np.clip(desk, 0, 255).astype(np.uint8), "RGB")
    canvas.paste(image, (pad_x, pad_y))
    return canvas


def _skew(image: Image.Image, rng: random.Random, degrees: tuple[float, float] = (2.0, 8.0)) -> Image.Image:
    angle = rng.uniform(*degrees) * rng.choice((-1, 1))
    photo = _on_desk(image, rng)
    fill = photo.getpixel((0, 0))
    return photo.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def _perspective(image: Image.Image, rng: random.Random, strength: tuple[float, float] = (0.04, 0.09)) -> Image.Image:
    """The page photographed from off-centre: each corner pulled in by a few percent of the size."""
    photo = _on_desk(image, rng, margin=0.15)
    width, height = photo.size
    # Where each output corner takes its pixels from: the document appears as a trapezoid, a far edge
    # shorter than the near one, and a little turned.
    top = rng.uniform(*strength)
    side = rng.uniform(*strength) * rng.choice((-1, 1))
    corners = [
        (-top * width + side * width, 0.0),
        ((1 + top) * width + side * width, 0.0),
        (width * 1.0, height * 1.0),
        (0.0, height * 1.0),
    ]
    if rng.random() < 0.5:  # the far edge at the bottom instead of the top
        corners = [(0.0, 0.0), (width * 1.0, 0.0), ((1 + top) * width, height * 1.0), (-top * width, height * 1.0)]
    coefficients = _perspective_coefficients([(0, 0), (width, 0), (width, height), (0, height)], corners)
    fill = photo.getpixel((0, 0))
    return photo.transform(
        photo.size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=fill
    )


def _perspective_coefficients(
    output: list[tuple[float, float]], source: list[tuple[float, float]]
) -> tuple[float, ...]:
    """The eight coefficients Pillow wants: output (x, y) -> source ((ax+by+c)/(gx+hy+1), (dx+ey+f)/(gx+hy+1))."""
    rows = []
    for (x, y), (u, v) in zip(output, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array([c for p in source for c in p]))
    return tuple(float(value) for value in solution)


def _glare(image: Image.Image, rng: random.Random, strength: tuple[float, float] = (0.7, 0.95)) -> Image.Image:
    """A bright, soft-edged ellipse, as a lamp reflected in a laminated card, somewhere over the lower half."""
    width, height = image.size
    rx, ry = width * rng.uniform(0.12, 0.25), height * rng.uniform(0.10, 0.22)
    cx, cy = rng.uniform(0.15, 0.85) * width, rng.uniform(0.55, 0.9) * height
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=round(255 * rng.uniform(*strength)))
    mask = mask.filter(ImageFilter.GaussianBlur(min(rx, ry) * 0.5))
    return Image.composite(Image.new("RGB", image.size, (255, 255, 250)), image, mask)


def _low_resolution(image: Image.Image, rng: random.Random, factor: tuple[float, float] = (0.4, 0.6)) -> Image.Image:
    # The generated page is about 254 dpi; 0.4 to 0.6 of that is a 100 to 150 dpi scan.
    scale = rng.uniform(*factor)
    size = (round(image.width * scale), round(image.height * scale))
    return image.resize(size, Image.Resampling.BOX)


def _jpeg(image: Image.Image, rng: random.Random, quality: tuple[int, int] = (8, 20)) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(*quality))
    buffer.seek(0)
    with Image.open(buffer) as decoded:
        return decoded.convert("RGB")


def _noise(image: Image.Image, rng: random.Random, sigma: tuple[float, float] = (12.0, 25.0)) -> Image.Image:
    pixels = np.asarray(image, dtype=np.float32)
    sigma_now = np.float32(rng.uniform(*sigma))
    noise = np.random.default_rng(rng.randrange(2**32)).standard_normal(pixels.shape[:2], dtype=np.float32) * sigma_now
    return Image.fromarray(np.clip(pixels + noise[:, :, None], 0, 255).astype(np.uint8), "RGB")


def _mix(image: Image.Image, rng: random.Random) -> Image.Image:
    """A quick phone photo: a little of everything, each milder than on its own."""
    image = _glare(image, rng, strength=(0.4, 0.7))
    image = _perspective(image, rng, strength=(0.015, 0.04))
    image = _blur(image, rng, radius=(0.6, 1.1))
    image = _low_resolution(image, rng, factor=(0.65, 0.85))
    image = _noise(image, rng, sigma=(5.0, 10.0))
    return _jpeg(image, rng, quality=(35, 55))


DAMAGE: dict[str, Damage] = {
    "clean": lambda image, rng: image.copy(),
    "blur": _blur,
    "skew": _skew,
    "perspective": _perspective,
    "glare": _glare,
    "low_resolution": _low_resolution,
    "jpeg": _jpeg,
    "noise": _noise,
    "mix": _mix,
}
DAMAGE_KINDS = tuple(DAMAGE)


def damage(image: Image.Image, kind: str, *, seed: int) -> Image.Image:
    """`image` with damage of `kind` (one of DAMAGE_KINDS), its strength drawn from `seed`."""
    return DAMAGE[kind](image.convert("RGB"), random.Random(f"{kind}:{seed}"))
