"""Where the OCR-B model lives.

The model is made from the fonts by `borgerservice_desk_training` (reproducibly, by
`scripts/build_ocrb_model.py`) and kept in the user's cache under the key of its recipe (a hash of the
training code, the fonts and the layout facts it trains from, `borgerservice_desk_training.recipe`), not in
git: at about 3 MB it is a build product (see the README). `make run` and `make test` build it; a reader that finds none says so with the
coded error "scan.model_missing" rather than training for minutes inside a clerk's scan.

Reading the model needs numpy only: nothing here imports scikit-learn.
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
    """Where the model built from this code and these fonts is (or would be); BSD_OCRB_MODEL overrides."""
    explicit = os.environ.get(MODEL_ENV)
    if explicit:
        return Path(explicit)
    from borgerservice_desk_training.recipe import recipe_key  # hashes files; imports nothing heavy

    return Paths.ocrb_model_file(recipe_key())


def load_model() -> OcrbModel:
    """The OCR-B model, loaded once per process."""
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
