"""The receipt archive: one PDF per action, and only for actions the database recorded.

A receipt goes through two steps around the commit of its action:

1. `stage` writes the whole PDF to a temporary file beside its place (fsync), before the commit, so a
   receipt that cannot be written stops the action before anything is saved;
2. `publish` renames it onto its place after the commit: the archive serves a receipt only once the
   action it records is in the database.

A desk killed between the two leaves a temporary file; one killed before the commit leaves one whose
action was rolled back. `recover`, run at every start with what the folder held (`listing`, taken
first) and the receipts the database holds (read after), finishes the first kind (its action was
committed), deletes the second, and moves any finished PDF that the database does not know into
`quarantine/`, saying so in the log. Each archive has an id of its own (`.archive-id`), recorded with
every receipt written to it, so that on a database shared by several desks each desk checks only its
own receipts for missing files.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from borgerservice_desk import atomic_files
from borgerservice_desk.files import PRIVATE_FILE_MODE, ensure_private_dir

log = logging.getLogger(__name__)

QUARANTINE = "quarantine"
ARCHIVE_ID_FILE = ".archive-id"


@dataclass(frozen=True)
class StagedReceipt:
    """A receipt written whole to its temporary file, waiting for its action's commit."""

    temp: Path
    target: Path


@dataclass(frozen=True)
class Listing:
    """The archive folder's files at one moment: temporary ones and finished PDFs."""

    temps: tuple[Path, ...]
    finished: tuple[Path, ...]


@dataclass
class RecoveryReport:
    """What `recover` found and did, for the log and for tests."""

    finished: list[Path] = field(default_factory=list)  # committed, renamed onto its place now
    removed: list[Path] = field(default_factory=list)  # temporary files of actions that never committed
    quarantined: list[Path] = field(default_factory=list)  # finished PDFs the database does not know
    missing: list[str] = field(default_factory=list)  # references recorded without a file

    @property
    def clean(self) -> bool:
        return not (self.finished or self.removed or self.quarantined or self.missing)


class ReceiptArchive:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._archive_id: str | None = None

    def path_for(self, reference: str, issued_at: datetime) -> Path:
        """Filed under the year and month of `issued_at` as given: the services give the centre's local
        moment, the day the receipt and its reference are dated."""
        return self.root / f"{issued_at:%Y}" / f"{issued_at:%m}" / f"{reference}.pdf"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def stage(self, reference: str, issued_at: datetime, pdf: bytes) -> StagedReceipt:
        """Write the PDF whole to a temporary file; nothing is served until `publish`."""
        target = self.path_for(reference, issued_at)
        if target.exists():
            # References are random and never reused, so this is a file no action of ours wrote.
            raise FileExistsError(target)
        return StagedReceipt(atomic_files.write_temp(target, pdf), target)

    def publish(self, staged: StagedReceipt) -> Path:
        """After the commit: the receipt takes its place in the archive."""
        atomic_files.publish(staged.temp, staged.target, replace=False)
        return staged.target

    def discard(self, staged: StagedReceipt) -> None:
        staged.temp.unlink(missing_ok=True)

    @property
    def archive_id(self) -> str:
        """This folder's identity, kept in the folder itself: on a shared database every desk has its
        own archive, and a desk reconciles only the receipts recorded as written to its own."""
        if self._archive_id is None:
            self._archive_id = self._read_or_make_id()
        return self._archive_id

    def _read_or_make_id(self) -> str:
        marker = self.root / ARCHIVE_ID_FILE
        try:
            return marker.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            pass
        candidate = secrets.token_hex(16)
        ensure_private_dir(self.root)
        try:
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:  # another process of this desk made it a moment ago
            return marker.read_text(encoding="ascii").strip()
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(candidate)
            handle.flush()
            os.fsync(handle.fileno())
        return candidate

    def listing(self) -> Listing:
        """What the folder holds now. Taken BEFORE the database is asked, so that a receipt another
        process commits and publishes meanwhile is simply not looked at (never quarantined)."""
        if not self.root.is_dir():
            return Listing((), ())
        quarantine = self.root / QUARANTINE
        temps = tuple(atomic_files.temp_files(self.root))
        finished = tuple(
            pdf
            for pdf in sorted(self.root.rglob("*.pdf"))
            if quarantine not in pdf.parents and not pdf.name.startswith(atomic_files.TEMP_PREFIX)
        )
        return Listing(temps, finished)

    def recover(self, listing: Listing, recorded: Collection[str], own: Collection[str] = ()) -> RecoveryReport:
        """Bring the folder in line with the database: `listing` is what `listing()` saw before the
        database was read; `recorded` every receipt file name the database holds, `own` those recorded
        as written to this archive (checked for a missing file). Safe while other processes write into
        the same folder: only temporary files of dead writers are touched, and only finished files that
        were already there when the database was read, and that it does not hold, are moved."""
        report = RecoveryReport()
        known = set(recorded)
        for temp in listing.temps:
            if not atomic_files.is_abandoned(temp):
                continue
            name = atomic_files.target_name_of(temp)
            target = temp.with_name(name) if name else None
            if target is not None and self._relative_or_none(target) in known and not target.exists():
                try:
                    atomic_files.publish(temp, target, replace=False)
                except FileNotFoundError:
                    continue  # its own desk renamed it a moment ago
                report.finished.append(target)
            else:
                temp.unlink(missing_ok=True)
                report.removed.append(temp)
        quarantine = self.root / QUARANTINE
        for pdf in listing.finished:
            if pdf.exists() and self.relative(pdf) not in known:
                report.quarantined.append(self._quarantine(pdf, quarantine))
        report.missing = sorted(n for n in own if not (self.root / n).is_file())
        self._log(report)
        return report

    def _relative_or_none(self, path: Path) -> str | None:
        try:
            return self.relative(path)
        except ValueError:
            return None

    def _quarantine(self, pdf: Path, quarantine: Path) -> Path:
        destination = quarantine / self.relative(pdf)
        ensure_private_dir(destination.parent)
        n = 1
        while destination.exists():
            destination = destination.with_name(f"{pdf.stem}.{n}{pdf.suffix}")
            n += 1
        shutil.move(pdf, destination)
        return destination

    def _log(self, report: RecoveryReport) -> None:
        for path in report.finished:
            log.warning("receipt archive: finished %s, whose action was saved before the desk stopped", path)
        if report.removed:
            log.warning(
                "receipt archive: removed %d unfinished receipt(s) of actions that were never saved",
                len(report.removed),
            )
        for path in report.quarantined:
            log.warning("receipt archive: %s has no action in the database; moved to quarantine", path)
        for name in report.missing:
            log.error("receipt archive: the receipt %s is recorded but its file is missing", name)
