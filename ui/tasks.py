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

import contextlib
import gc
from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

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
    finished = Signal(object)  # the job's result: any type, the callback that asked knows which
    failed = Signal(BaseException)  # what the job raised

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
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread, which decides what to show
            self._tell(self._relay.failed, exc)
        else:
            self._tell(self._relay.finished, result)

    @staticmethod
    def _tell(signal: Any, value: object) -> None:
        # RuntimeError: the window that asked has been closed (and its relay with it): nobody is left to
        # tell. The work itself is done or rolled back as a whole, as every unit of work is.
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class TaskRunner(QObject):
    """Runs jobs in the background; `busy_changed` lets the window show it is working.

    A job started with `saves=True` is a clerk's action (`ServiceCalls.run`): `saving` says one is still out,
    so quitting can ask. Reads and refreshes come and go all day (the queue refreshes itself) and are not
    worth a question; closing waits for every job anyway.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._running: set[_Relay] = set()
        self._saving: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def saving(self) -> bool:
        """A clerk's action is still out (see the class)."""
        return bool(self._saving)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        saves: bool = False,
    ) -> None:
        # Lives in the UI thread, so its signals arrive there. No Qt parent: the job holds it until it has
        # reported, so a worker never emits on a relay that a closing window has already deleted.
        relay = _Relay()
        self._running.add(relay)
        if saves:
            self._saving.add(relay)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            relay.deleteLater()
            _job_ended()
            if not shiboken6.isValid(self):
                return  # the window that asked has closed: nobody is left to tell
            self._running.discard(relay)
            self._saving.discard(relay)
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


class ServiceCalls(QObject):
    """The one way a widget calls a use case: off the UI thread, its result or its error back in the UI thread.

        self.calls = ServiceCalls(runner, self.feedback, self)
        self.calls.run(lambda: services.queue.call_next(ctx, counter), self._called)

    One call at a time per widget: while one is out, `run` refuses the next (a double Enter or a second
    click on a slow database books nothing twice) and returns False. The widget's own action buttons can be
    named in `lock` to be disabled meanwhile. A call that takes longer than `BUSY_AFTER_MS` says so in the
    widget's feedback line ("Working…", unless the widget already says what it is doing); that message goes
    when the call reports. Without `on_error`, the error is said in the feedback line in the clerk's words
    (`FeedbackLabel.show_error`).

    `fetch` is for calls that may overlap, each other and the widget's action: reads (a list, a view of the
    citizen, what a dialog starts from) and the audit notes the window sends without waiting (signing out,
    locking). It refuses nothing and locks nothing. Reads started again and again (a refresh after each
    action, quick key presses) name a `key`: only the newest fetch under a key reports, an older answer
    still out is dropped when it arrives, so the view never goes back to what was true a moment before.

    Once the widget (this object's parent) is gone, nothing reports: its answers find nobody to tell.
    Widgets never call `TaskRunner.run` for a service call; the runner is this helper's engine.
    """

    BUSY_AFTER_MS = 300
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, feedback: Any | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._feedback = feedback
        self._busy = False
        self._locked: list[Any] = []
        self._fetches_out = 0
        self._fetches = 0  # fetches started, to tell the newest under a key
        self._newest: dict[str, int] = {}
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._say_busy)

    @property
    def busy(self) -> bool:
        """The widget's one action is out (`run`)."""
        return self._busy

    @property
    def fetching(self) -> bool:
        """A read (`fetch`) is still out."""
        return self._fetches_out > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        lock: Sequence[Any] = (),
    ) -> bool:
        if self._busy:
            return False
        self._busy = True
        self._locked = [w for w in lock if w.isEnabled()]
        for widget in self._locked:
            widget.setEnabled(False)
        self._busy_timer.start(self.BUSY_AFTER_MS)
        self.busy_changed.emit(True)

        def report(callback: Callable[[Any], None] | None, value: Any, failed: bool) -> None:
            if not shiboken6.isValid(self):
                return  # the widget that asked has closed: nobody is left to tell
            self._settle()
            if callback is not None:
                callback(value)
            elif failed and self._feedback is not None:
                self._feedback.show_error(value)

        self.runner.run(
            fn,
            lambda result: report(on_done, result, False),
            lambda error: report(on_error, error, True),
            saves=True,
        )
        return True

    def fetch(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
    ) -> None:
        self._fetches += 1
        self._fetches_out += 1
        ticket = self._fetches
        if key is not None:
            self._newest[key] = ticket

        def report(callback: Callable[[Any], None] | None, value: Any, failed: bool) -> None:
            if not shiboken6.isValid(self):
                return  # the widget that asked has closed: nobody is left to tell
            self._fetches_out -= 1
            if key is not None and self._newest.get(key) != ticket:
                return  # a newer read under this key is on its way: this answer is already old
            if callback is not None:
                callback(value)
            elif failed and self._feedback is not None:
                self._feedback.show_error(value)

        self.runner.run(
            fn,
            lambda result: report(on_done, result, False),
            lambda error: report(on_error, error, True),
        )

    def _settle(self) -> None:
        self._busy = False
        self._busy_timer.stop()
        for widget in self._locked:
            if shiboken6.isValid(widget):
                widget.setEnabled(True)
        self._locked = []
        if self._feedback is not None and self._feedback.property("kind") == "busy":
            self._feedback.clear_message()
        self.busy_changed.emit(False)

    def _say_busy(self) -> None:
        # A widget that already says what it is doing ("Checking…", "Saving the check…") keeps its words.
        if self._busy and self._feedback is not None and self._feedback.property("kind") != "busy":
            self._feedback.busy(self.tr("Working…"))

    def wait(self, msecs: int = 30000) -> bool:
        """For tests and for closing: wait for the pool (the results still arrive through the event loop)."""
        return self.runner.wait_for_done(msecs)
