"""Where the desk keeps its files (every location the core uses is named here), and the small settings the
core needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from borgerservice_desk.errors import StartupError
from borgerservice_desk.files import ensure_private_dir, tighten

APP_NAME = "borgerservice-desk"


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @classmethod
    def for_user(cls) -> Paths:
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @staticmethod
    def cache_dir() -> Path:
        """The user's cache folder: what can be built again (the OCR-B model), shared by every data folder."""
        return Path(platformdirs.user_cache_dir(APP_NAME))

    @staticmethod
    def ocrb_model_file(recipe_key: str) -> Path:
        """The OCR-B model built from the recipe with this key (`borgerservice_desk_training.recipe`)."""
        return Paths.cache_dir() / f"ocrb-model-{recipe_key}.npz"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "desk.sqlite3"

    @property
    def receipts_dir(self) -> Path:
        return self.data_dir / "receipts"

    @property
    def confirmations_dir(self) -> Path:
        return self.data_dir / "confirmations"

    def prepare(self) -> None:
        """Make the data folder (0700) if needed and tighten what an older install left readable
        (folder 0755, database, receipts and confirmations 0644): everything in it becomes 0600.

        Raises StartupError "startup.data_dir_unusable" when the folder cannot be made (a part of the
        path is a file, no permission).
        """
        try:
            ensure_private_dir(self.data_dir)
            tighten(self.data_dir)
        except OSError as error:
            raise StartupError(
                "startup.data_dir_unusable", path=str(self.data_dir), detail=error.strerror or str(error)
            ) from error
