"""Where the desk keeps its files, and the small settings the core needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "borgerservice-desk"


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @classmethod
    def for_user(cls) -> Paths:
        return cls(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))

    @property
    def database_file(self) -> Path:
        return self.data_dir / "desk.sqlite3"

    @property
    def receipts_dir(self) -> Path:
        return self.data_dir / "receipts"
