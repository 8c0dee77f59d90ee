"""The receipt archive: one PDF per action, written whole or not at all."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path


class ReceiptArchive:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, reference: str, issued_at: datetime) -> Path:
        return self.root / f"{issued_at:%Y}" / f"{issued_at:%m}" / f"{reference}.pdf"

    def write(self, reference: str, issued_at: datetime, pdf: bytes) -> Path:
        """Write atomically (temp file, fsync, rename) so a crash never leaves half a receipt."""
        target = self.path_for(reference, issued_at)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            raise FileExistsError(target)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pdf)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        return target

    def discard(self, path: Path) -> None:
        path.unlink(missing_ok=True)
