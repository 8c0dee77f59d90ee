"""Building the OCR-B character model: render MRZ lines in Debian's OCR-B font, damage them as scanners and
phone cameras do, cut them with the very code that cuts real scans (`ocrb.cut_lines`), and train a small
network on the labelled cells.

Training on cells cut by the reader's own segmentation means the model learns exactly what it will see:
neighbours bleeding into the cell edges, off-centre cells where the grid fit is a little off, blur and
JPEG blocks. Everything is seeded, so the same font files and library versions give the same model.

`scripts/build_ocrb_model.py` runs this; the reader builds the model on first use if it is missing.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from borgerservice_desk.scanning.ocrb import ALPHABET, Net, OcrbModel, cut_lines

MODEL_VERSION = 4  # raise when the cutting or the model's file format changes
FONT_DIR = Path("/usr/share/fonts/opentype/ocr-b")
# The regular and the "sharp" cut: printers' OCR-B lies between them in weight and corner shape.
FONT_FILES = ("OCRB.otf", "OCRBS.otf")
SHAPES = ((1, 30), (2, 36), (2, 44), (3, 30))
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGITS = "0123456789"


@dataclass(frozen=True)
class TrainingReport:
    blocks: int
    blocks_cut_right: int
    cells: int
    training_accuracy: float
    held_out_accuracy: float


def fonts_available() -> bool:
    return all((FONT_DIR / name).exists() for name in FONT_FILES)


def _random_line(rng: random.Random, length: int) -> str:
    """Text shaped like an MRZ line: words of letters split by fillers, digit runs, filler runs."""
    out: list[str] = []
    while len(out) < length:
        kind = rng.random()
        if kind < 0.35:
            out.extend(rng.choice(_LETTERS) for _ in range(rng.randint(2, 9)))
            out.append("<" * rng.choice((1, 1, 2)))
        elif kind < 0.65:
            out.extend(rng.choice(_DIGITS) for _ in range(rng.randint(1, 9)))
        elif kind < 0.85:
            out.extend(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6)))
        else:
            out.append("<" * rng.randint(1, 14))
    text = "".join(out)[:length]
    return text


def render_block(rng: random.Random, lines: list[str]) -> NDArray[np.float64]:
    """One damaged, grayscale (0 = black) picture of `lines` with a margin, like a located MRZ region.

    Real regions are small: on a card scanned whole or a photo, a capital is often 5 to 15 pixels high.
    So the block is drawn large and then scaled down to a capital height between 5 and 40 pixels (more
    often small), the way a camera or scanner samples the print, and damaged after that.
    """
    font_name = rng.choice(FONT_FILES)
    cap = 40.0  # pixels of a capital letter when drawn
    size = round(cap / 0.68)
    font = ImageFont.truetype(str(FONT_DIR / font_name), size)
    pitch = cap * rng.uniform(0.92, 1.22)
    leading = cap * rng.uniform(1.45, 2.1)
    margin_x = pitch * rng.uniform(0.4, 2.5)
    margin_y = cap * rng.uniform(0.5, 1.4)
    width = int(margin_x * 2 + pitch * len(lines[0]))
    height = int(margin_y * 2 + leading * (len(lines) - 1) + cap * 1.3)
    paper = rng.randint(170, 255)
    ink = rng.randint(0, min(110, paper - 60))
    image = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(image)
    weight = rng.choice((0, 0, 1, 2))
    for row, line in enumerate(lines):
        baseline_y = margin_y + row * leading
        for column, char in enumerate(line):
            x = margin_x + column * pitch + pitch / 2 + rng.gauss(0, pitch * 0.025)
            y = baseline_y + rng.gauss(0, cap * 0.02)
            draw.text((x, y), char, font=font, fill=ink, anchor="mt", stroke_width=weight, stroke_fill=ink)
    if rng.random() < 0.4:
        image = image.rotate(rng.uniform(-2.5, 2.5), resample=Image.Resampling.BILINEAR, fillcolor=paper)
    target_cap = math.exp(rng.uniform(math.log(5.0), math.log(40.0)))
    factor = target_cap / cap
    resample = rng.choice((Image.Resampling.BILINEAR, Image.Resampling.BOX, Image.Resampling.LANCZOS))
    image = image.resize((max(8, round(width * factor)), max(8, round(height * factor))), resample)
    image = _damage(rng, image, target_cap)
    return np.asarray(image, dtype=np.float64) / 255.0


def _damage(rng: random.Random, image: Image.Image, cap: float) -> Image.Image:
    w, h = image.size
    # Uneven light: a glare spot or a shadow.
    if rng.random() < 0.5:
        ys, xs = np.mgrid[0:h, 0:w]
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        radius = rng.uniform(0.2, 0.8) * w
        glare = np.exp(-(((xs - cx) ** 2 + ((ys - cy) * 2) ** 2) / (2 * radius**2)))
        strength = rng.uniform(-60, 70)
        arr = np.asarray(image, dtype=np.float64) + strength * glare
        image = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    blur = rng.choice((0.0, 0.0, 0.3, 0.6, 0.9)) * max(1.0, cap / 12)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    if rng.random() < 0.5:
        arr = np.asarray(image, dtype=np.float64)
        noise = np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 14), arr.shape)
        image = Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))
    if rng.random() < 0.6:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=rng.randint(25, 92))
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("L")
    return image


def training_cells(seed: int, blocks: int) -> tuple[NDArray[np.float32], NDArray[np.int64], int]:
    """Labelled cells from `blocks` rendered MRZ blocks, and how many blocks were cut into the right shape."""
    rng = random.Random(seed)
    cells: list[NDArray[np.float32]] = []
    labels: list[int] = []
    cut_right = 0
    for _ in range(blocks):
        count, length = rng.choice(SHAPES)
        lines = [_random_line(rng, length) for _ in range(count)]
        region = render_block(rng, lines)
        cut = cut_lines(region)
        if len(cut) != count or any(line.length != length for line in cut):
            continue
        cut_right += 1
        for text, line in zip(lines, cut, strict=True):
            cells.append(line.cells)
            labels.extend(ALPHABET.index(char) for char in text)
    return np.concatenate(cells), np.array(labels, dtype=np.int64), cut_right


def train(seed: int = 1073, blocks: int = 2500, hidden: int = 256, nets: int = 3) -> tuple[OcrbModel, TrainingReport]:
    """Train the cell classifier; deterministic for a given seed and environment."""
    from sklearn.neural_network import MLPClassifier

    x, y, cut_right = training_cells(seed, blocks)
    x_held, y_held, _ = training_cells(seed + 1, max(40, blocks // 10))
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 0.05
    trained: list[Net] = []
    for k in range(nets):
        classifier = MLPClassifier(
            hidden_layer_sizes=(hidden,),
            alpha=1e-4,
            batch_size=256,
            learning_rate_init=1e-3,
            max_iter=40,
            early_stopping=True,
            validation_fraction=0.08,
            n_iter_no_change=5,
            random_state=seed + k,
        )
        classifier.fit((x - mean) / scale, y)
        # MLPClassifier numbers the classes it saw; every ALPHABET character occurs, so they are 0..36 in order.
        assert list(classifier.classes_) == list(range(len(ALPHABET))), classifier.classes_
        trained.append(
            Net(
                tuple(np.asarray(w, dtype=np.float32) for w in classifier.coefs_),
                tuple(np.asarray(b, dtype=np.float32) for b in classifier.intercepts_),
            )
        )
    model = OcrbModel(tuple(trained), mean.astype(np.float32), scale.astype(np.float32))
    train_accuracy = float((model.predict(x).argmax(axis=1) == y).mean())
    held_accuracy = float((model.predict(x_held).argmax(axis=1) == y_held).mean()) if len(y_held) else 0.0
    return model, TrainingReport(blocks, cut_right, len(y), train_accuracy, held_accuracy)
