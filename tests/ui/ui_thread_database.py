"""Catching the window using the database on its own thread (issue 11, "one way from the window to the core").

`database_use_on_ui_thread` listens to the engine for as long as its block runs and records every
connection taken from the pool and every statement run while the thread is the Qt main thread (in the
tests, Python's main thread, where the QApplication lives). Work a widget hands to `ServiceCalls` runs in
a pool thread and is not recorded; a service called inline by a widget is, with the window's frames that
called it, so a failing test names the widget.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event


@dataclass(frozen=True)
class UiThreadUse:
    event: str  # "checkout" (a connection taken from the pool) or "execute" (a statement run)
    where: tuple[str, ...]  # the frames in ui/ that led to it, innermost last

    def __str__(self) -> str:
        return f"{self.event} from " + " <- ".join(reversed(self.where)) if self.where else self.event


def _ui_frames() -> tuple[str, ...]:
    frames = traceback.extract_stack()
    return tuple(f"{f.filename.rsplit('/ui/', 1)[-1]}:{f.lineno} {f.name}" for f in frames if "/ui/" in f.filename
                 and "/tests/" not in f.filename)


@contextmanager
def database_use_on_ui_thread(engine: Engine) -> Iterator[list[UiThreadUse]]:
    """Within the block, the list fills with each database use on the UI thread."""
    uses: list[UiThreadUse] = []
    lock = threading.Lock()

    def note(kind: str) -> None:
        if threading.current_thread() is threading.main_thread():
            with lock:
                uses.append(UiThreadUse(kind, _ui_frames()))

    def on_checkout(*_args: Any) -> None:
        note("checkout")

    def on_execute(*_args: Any) -> None:
        note("execute")

    event.listen(engine, "checkout", on_checkout)
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        yield uses
    finally:
        event.remove(engine, "checkout", on_checkout)
        event.remove(engine, "before_cursor_execute", on_execute)
