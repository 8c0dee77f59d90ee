"""The public queue display: a window for a second screen facing the waiting room, full screen, large
type, the last calls with their counter, the newest on top. Numbers and counters only, never a name or
CPR number: it reads `QueueService.public_board`, which has nothing else to give.

It runs unattended. It is opened from a signed-in desk, but is not the desk's: it has no parent window,
so signing out, a supervisor taking over or the desk's lock leave it showing (there is nothing personal
on it to hide), and it polls with a `DisplayPass`, not with the clerk's context (see services/queue.py).
It polls off the UI thread every few seconds (the same on SQLite and PostgreSQL); a failed poll keeps the
last board and the next one tries again.

A new call asks for a chime through `chime_requested`, once per new call, never for the calls already on
the board when it opens nor on a refresh without news. `Chime` plays it with Qt Multimedia where there is
an audio output, from a short WAV made at start in a private temporary file; without Qt Multimedia, its
libraries or an audio device it stays silent.
"""

from __future__ import annotations

import contextlib
import math
import os
import struct
import tempfile
import wave
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QCloseEvent, QFont, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from borgerservice_desk.services.queue import BoardCall, DisplayPass, QueueService
from ui.dates import time_text
from ui.tasks import ServiceCalls, TaskRunner

POLL_MS = 3000
ROWS = 6  # the last calls shown
_BACKGROUND = "#0b2545"
_NEWEST = "#ffd166"


def chime_wav(path: str, rate: int = 16000) -> None:
    """A soft two-note chime (E5 then C5, 0.7 s, mono 16-bit), about 22 kB."""
    frames = bytearray()
    for freq, seconds in ((659.25, 0.3), (523.25, 0.4)):
        count = int(rate * seconds)
        for i in range(count):
            fade = min(1.0, i / (0.01 * rate)) * (1 - i / count) ** 1.5
            frames += struct.pack("<h", int(12000 * fade * math.sin(2 * math.pi * freq * i / rate)))
    with wave.open(path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(frames))


class Chime(QObject):
    """Plays the chime where audio exists; silent (and `available` False) where it does not."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        self._path: str | None = None
        try:  # optional: the module, its libraries (PulseAudio, FFmpeg) or an audio device may be missing
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            return
        try:
            if not QMediaDevices.audioOutputs():
                return
            handle, self._path = tempfile.mkstemp(prefix="bsd-chime-", suffix=".wav")
            os.close(handle)
            chime_wav(self._path)
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(self._path))
            effect.setVolume(0.8)
            self._effect = effect
        except (OSError, RuntimeError):
            self._effect = None
        self.destroyed.connect(self._remove_file)

    @property
    def available(self) -> bool:
        return self._effect is not None

    @Slot()
    def play(self) -> None:
        if self._effect is not None:
            self._effect.play()

    def _remove_file(self) -> None:
        if self._path:
            with contextlib.suppress(OSError):
                os.remove(self._path)


def second_screen(beside: QScreen | None) -> QScreen | None:
    """The first screen that is not the desk's own, or None when there is only one."""
    return next((s for s in QGuiApplication.screens() if s is not beside), None)


class QueueDisplay(QWidget):
    """The waiting room's board. `chime_requested` carries the new call's ticket number."""

    chime_requested = Signal(int)

    def __init__(
        self, queue: QueueService, display: DisplayPass, *, sound: bool = True, poll_ms: int = POLL_MS
    ) -> None:
        super().__init__(None)  # no parent: the desk's lock, sign-out or take-over never hides it
        self.setObjectName("queueDisplay")
        self.setWindowTitle(self.tr("Queue display"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAutoFillBackground(True)
        self.setStyleSheet(f"#queueDisplay {{ background: {_BACKGROUND}; }} QLabel {{ color: white; }}")
        self._queue = queue
        self._display = display
        self._seen: set[tuple[int, datetime]] = set()
        self._loaded = False
        self._polling = False
        self.calls: list[BoardCall] = []
        self.runner = TaskRunner(self)
        self.reads = ServiceCalls(self.runner, None, self)  # the board, polled off the UI thread

        self.title = QLabel(self.tr("Now serving"))
        self.title.setObjectName("displayTitle")
        self.clock = QLabel()
        self.clock.setObjectName("displayClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        self.number_header = QLabel(self.tr("Number"))
        self.counter_header = QLabel(self.tr("Go to"))
        for header in (self.number_header, self.counter_header):
            header.setStyleSheet("color: #9fb3c8;")
        self.number_header.setContentsMargins(24, 0, 0, 0)  # above the numbers, inside the rows' margins
        self.counter_header.setContentsMargins(8, 0, 0, 0)
        self.empty = QLabel(self.tr("No calls yet"))
        self.empty.setObjectName("displayEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rows: list[tuple[QFrame, QLabel, QLabel]] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.number_header, 0, 0)
        grid.addWidget(self.counter_header, 0, 1)
        for row in range(ROWS):
            frame = QFrame()
            frame.setObjectName(f"displayRow{row}")
            number, counter = QLabel(), QLabel()
            number.setObjectName(f"displayNumber{row}")
            counter.setObjectName(f"displayCounter{row}")
            inner = QHBoxLayout(frame)
            inner.setContentsMargins(24, 0, 24, 0)
            inner.addWidget(number, 2)
            inner.addWidget(counter, 3)
            grid.addWidget(frame, row + 1, 0, 1, 2)
            self.rows.append((frame, number, counter))
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(self.empty, 1)
        layout.addStretch()

        if sound:
            self.chime = Chime(self)
            self.chime_requested.connect(self.chime.play)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.poll)
        self.timer.start(poll_ms)
        self.clock_timer = QTimer(self)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start(1000)
        self._tick()
        self._paint_rows()
        self.resize(1280, 800)
        self.poll()

    # Showing it where it belongs -------------------------------------------------------------------
    def show_on(self, screen: QScreen, full_screen: bool = True) -> None:
        """Full screen on `screen` (a second screen); as a window when it is the desk's only screen."""
        self.setScreen(screen)
        area = screen.availableGeometry()
        if full_screen:
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.resize(min(1280, area.width() * 3 // 4), min(800, area.height() * 3 // 4))
            self.move(area.center() - self.rect().center())
            self.showNormal()
        self.raise_()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()
        elif event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.showNormal()
        else:
            super().keyPressEvent(event)

    # Polling -----------------------------------------------------------------------------------------
    @Slot()
    def poll(self) -> None:
        if self._polling:
            return  # the last poll is still out (a slow network): no pile of them
        self._polling = True
        queue, display = self._queue, self._display
        self.reads.fetch(lambda: queue.public_board(display, ROWS), self._on_board, self._on_failed)

    def _on_failed(self, _error: BaseException) -> None:
        self._polling = False  # the last board stays up; the next poll tries again

    def _on_board(self, calls: list[BoardCall]) -> None:
        self._polling = False
        keys = [(c.ticket_id, c.called_at) for c in calls]
        new = [c for c, key in zip(calls, keys, strict=True) if key not in self._seen] if self._loaded else []
        self._seen.update(keys)
        self._loaded = True
        self.calls = calls
        self._paint_rows()
        for call in reversed(new):  # oldest first, as they were called
            self.chime_requested.emit(call.number)

    def _paint_rows(self) -> None:
        for index, (frame, number, counter) in enumerate(self.rows):
            call = self.calls[index] if index < len(self.calls) else None
            frame.setVisible(call is not None)
            number.setText("" if call is None else str(call.number))
            counter.setText("" if call is None else call.counter)
            newest = index == 0
            frame.setStyleSheet(
                f"#displayRow{index} {{ background: {_NEWEST}; border-radius: 12px; }}"
                f" #displayRow{index} QLabel {{ color: {_BACKGROUND}; }}" if newest
                else f"#displayRow{index} {{ border-bottom: 1px solid #34506f; }}"
            )
        self.empty.setVisible(not self.calls)
        self.number_header.setVisible(bool(self.calls))
        self.counter_header.setVisible(bool(self.calls))
        self._fit_fonts()

    def _tick(self) -> None:
        self.clock.setText(time_text(datetime.now(UTC)))  # the centre's time, not the machine's

    # Large type, whatever the screen -----------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_fonts()

    def _fit_fonts(self) -> None:
        unit = max(8, self.height() // (ROWS + 2))  # the height one row may take
        for label, share, bold in (
            (self.title, 0.5, True), (self.clock, 0.5, False), (self.number_header, 0.26, False),
            (self.counter_header, 0.26, False), (self.empty, 0.5, False),
        ):
            self._size(label, unit * share, bold)
        for index, (_frame, number, counter) in enumerate(self.rows):
            share = 0.8 if index == 0 else 0.56
            self._size(number, unit * share, True)
            self._size(counter, unit * share, index == 0)

    @staticmethod
    def _size(label: QLabel, pixels: float, bold: bool) -> None:
        font = QFont(label.font())
        font.setPixelSize(max(8, int(pixels)))
        font.setBold(bold)
        label.setFont(font)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.clock_timer.stop()
        super().closeEvent(event)
