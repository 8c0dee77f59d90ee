"""Expecting a refusal by its code: any `DeskError` would also be raised by a different refusal (or a
mistyped argument), so a test names the one it means."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from borgerservice_desk.errors import DeskError


@contextmanager
def refused_with(code: str, kind: type[DeskError] = DeskError) -> Iterator[None]:
    """`with refused_with("booking.closed", RuleViolation): ...` fails unless exactly that code is raised."""
    with pytest.raises(kind) as caught:
        yield
    assert caught.value.code == code, f"refused with {caught.value.code!r}, expected {code!r}"
