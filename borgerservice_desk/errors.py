"""Coded errors raised by the core.

The core never words a message for the clerk: it raises a `DeskError` with a stable code and the values
the message needs; only `ui/` turns the code into translated text. That keeps the core free of Qt and lets
the same error read in Danish or English.
"""

from __future__ import annotations

from typing import Any


class DeskError(Exception):
    """A failure the clerk should be told about, named by `code` (e.g. ``"cpr.invalid"``)."""

    code: str = "desk.error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        if code is not None:
            self.code = code
        self.params: dict[str, Any] = params
        super().__init__(self.code, params)

    def __str__(self) -> str:
        if not self.params:
            return self.code
        details = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.code} ({details})"


class NotFound(DeskError):
    code = "not_found"


class RuleViolation(DeskError):
    """A domain rule refused the action (three-app limit, no identity check, ...)."""

    code = "rule"


class InvalidInput(DeskError):
    """What the clerk typed or loaded cannot be used (a wrong CPR number, an unreadable image, ...)."""

    code = "input"


class StorageUnavailable(DeskError):
    """The database went away; nothing was saved."""

    code = "storage.unavailable"


class OutcomeUnknown(StorageUnavailable):
    """The database went away while an action was being committed, and could not be asked afterwards
    whether the commit landed: the action may be saved or not. The clerk must look before doing it again."""

    code = "storage.outcome_unknown"


class StartupError(DeskError):
    """The desk cannot start on this database or data folder; nothing was written to it.

    Codes: "startup.database_too_new" (revision), "startup.database_corrupt" (path, detail),
    "startup.database_locked" (path), "startup.data_dir_unusable" (path, detail),
    "startup.unknown_database_url" (scheme), "startup.database_permission_denied" (detail: the server's
    words), "startup.database_refused" (detail).
    """

    code = "startup.failed"
