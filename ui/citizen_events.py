"""One window's word that a citizen changed, so every view showing them reads them again.

The Serving tab says so after a MitID action, an identity check, a check-in or a finished visit; Find
citizen, Today and Queue listen and re-read, off the UI thread, what they show for that citizen. One per
window, shared by the clerk's tabs and a supervisor's who has taken over: a block the supervisor lifts
is no longer shown as a block in the clerk's Find citizen when the desk is handed back."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class CitizenEvents(QObject):
    citizen_changed = Signal(int)  # the citizen's id

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
