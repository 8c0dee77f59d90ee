"""Slow work (OCR, PDF, bigger queries) off the UI thread.

`TaskRunner.run` puts a function on a QThreadPool and brings its result or exception back to the main
thread through a queued signal, in the manner of Picard's run_task. No widget is touched in the worker.

Python's cyclic garbage collector runs in whichever thread allocates when a threshold is crossed. Run in a
worker, it can free a QObject caught in a reference cycle (a closed dialog and the lambda connected to
it) there, and Qt crashes: a QObject must be destroyed in its own thread. The tests showed it as a
segmentation fault "Garbage-collecting" in a worker. So while any job runs, automatic collection is off;
it is back on, in the UI thread, once none runs (the same aim as pyqtgraph's GarbageCollector, which
collects on a timer instead, but only for the seconds work is in flight).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_jobs_in_flight = 0  # over every runner: a closed window's job may still be running
_collector_was_enabled = False


def _job_started() -> None:
    """Called in the UI thread as a job is handed to the pool."""
    global _jobs_in_flight, _collector_was_enabled
    if _jobs_in_flight == 0:
        _collector_was_enabled = gc.isenabled()
        gc.disable()
    _jobs_in_flight += 1


def _job_ended() -> None:
    """Called in the UI thread once a job has reported, whether anyone is left to tell or not."""
    global _jobs_in_flight
    _jobs_in_flight -= 1
    if _jobs_in_flight == 0 and _collector_was_enabled:
        # Collect here, in the UI thread, before turning collection back on: the allocations counted while
        # it was off would otherwise trigger a collection at the next allocation, which may well be in the
        # worker still winding down its job.
        gc.collect()
        gc.enable()


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self) -> None:
        super().__init__()


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # handed to the UI thread, which decides what to show
            self._tell(self._relay.failed, exc)
        else:
            self._tell(self._relay.finished, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The window that asked has been closed (and its relay with it): nobody is left to tell.
            # The work itself is done or rolled back as a whole, as every unit of work is.
            pass


class TaskRunner(QObject):
    """Runs jobs in the background; `busy_changed` lets the window show it is working."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        # Lives in the UI thread, so its signals arrive there. No Qt parent: the job holds it until it has
        # reported, so a worker never emits on a relay that a closing window has already deleted.
        relay = _Relay()
        self._running.add(relay)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            relay.deleteLater()
            _job_ended()
            if not shiboken6.isValid(self):
                return  # the window that asked has closed: nobody is left to tell
            self._running.discard(relay)
            if not self._running:
                self.busy_changed.emit(False)
            callback(value)

        relay.finished.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        if len(self._running) == 1:
            self.busy_changed.emit(True)
        _job_started()
        self._pool.start(_Job(fn, relay))

    @Slot()
    def wait_for_done(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
