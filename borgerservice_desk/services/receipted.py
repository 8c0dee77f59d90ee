"""An action and its receipt: committed together, then the receipt handed over. MitID actions and recovery
errands share this.

The receipt is staged (a whole PDF in a temporary file) before the commit, recorded in the same transaction
as the action, and published into the archive after it. Two things can go wrong around the commit that must
not turn into "nothing was saved" for a saved action:
- the commit lands and its answer is lost with the connection: asked again (`UnitOfWork.commit(landed=...)`)
  whether the receipt's record is there; when the database cannot be asked either, `OutcomeUnknown` and the
  staged file left for the next start's recovery, which publishes it or removes it by what the database holds;
- the archive refuses the finished file (a full disk, a permission): the receipt is handed over from its
  temporary file, and said to be not archived yet, as it is not.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.receipts.archive import ReceiptArchive, StagedReceipt
from borgerservice_desk.storage.models import ReceiptRecord

log = logging.getLogger(__name__)


def receipt_recorded(reference: str) -> Callable[[Session], bool]:
    """Whether the receipt `reference` is recorded: the action it belongs to was committed with it."""

    def landed(session: Session) -> bool:
        return session.scalar(select(ReceiptRecord.id).where(ReceiptRecord.reference == reference)) is not None

    return landed


@dataclass(frozen=True)
class HandedReceipt:
    path: Path  # where the PDF is now, to show and print
    archived: bool  # False: still in its temporary file; the next start gives it its place in the archive


def publish_receipt(archive: ReceiptArchive, staged: StagedReceipt) -> HandedReceipt:
    """Give a committed action's receipt its place in the archive, or hand it over from where it is."""
    try:
        return HandedReceipt(archive.publish(staged), archived=True)
    except OSError:
        # The action is saved and its receipt is whole in the temporary file: hand that over now.
        log.exception("receipt %s could not take its place in the archive", staged.target.name)
        return HandedReceipt(staged.temp, archived=False)
