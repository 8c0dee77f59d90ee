"""Where the OCR-B model lives, and building it when it is missing.

The model is made from the font by `ocrb_training` (reproducibly, by `scripts/build_ocrb_model.py`) and not
kept in git: it is a build product. `make run` and `make test` build it (`make ocrb-model` alone); a reader
that finds none says so with the coded error "scan.model_missing" rather than training for minutes inside
a clerk's scan.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from borgerservice_desk.config import Paths
from borgerservice_desk.errors import DeskError
from borgerservice_desk.scanning.ocrb import OcrbModel

MODEL_ENV = "BSD_OCRB_MODEL"
_lock = threading.Lock()
_loaded: dict[Path, OcrbModel] = {}


def model_path() -> Path:
    from borgerservice_desk.scanning.ocrb_training import MODEL_VERSION

    explicit = os.environ.get(MODEL_ENV)
    if explicit:
        return Path(explicit)
    return Paths.ocrb_model_file(MODEL_VERSION)


def load_model() -> OcrbModel:
    """The OCR-B model, loaded once per process; built first if it does not exist yet."""
    path = model_path()
    with _lock:
        model = _loaded.get(path)
        if model is None:
            if not path.exists():
                # Building takes minutes: not something to start silently inside a clerk's scan. `make run`
                # and `make test` build it; the message says how.
                raise DeskError("scan.model_missing", path=str(path))
            try:
                model = OcrbModel.load(path)
            except (OSError, KeyError, ValueError) as exc:
                raise DeskError("scan.ocr_unavailable", detail=f"OCR-B model {path}: {exc}") from exc
            _loaded[path] = model
        return model


def build_model(path: Path) -> str:
    """Train the model and save it at `path`; returns a one-line report."""
    from borgerservice_desk.scanning import ocrb_training

    if not ocrb_training.fonts_available():
        raise DeskError(
            "scan.ocr_unavailable",
            detail=f"training fonts missing in {ocrb_training.FONT_DIR} or {ocrb_training.OTHER_FONT_DIR} "
            "(Debian packages fonts-ocr-b, fonts-dejavu-core)",
        )
    model, report = ocrb_training.train()
    model.save(path)
    return (
        f"{path}: {report.cells} cells from {report.blocks_cut_right}/{report.blocks} rendered blocks, "
        f"accuracy {report.training_accuracy:.4f} on training cells, {report.held_out_accuracy:.4f} held out"
    )
