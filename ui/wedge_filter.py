"""Catching a counter MRZ reader that types like a keyboard, wherever the focus is in the check view.

An event filter on the view and every widget in it feeds each key press to the pure-Python
`WedgeDetector` (borgerservice_desk/domain/wedge.py), which tells a reader's burst from a clerk's
typing by speed and shape. Keys that may be the start of a burst are held back from the focused widget
(the MitID list, a button, ...) until that is known: a reader's keys are dropped and its lines emitted
as `burst`; a clerk's keys are handed back to the widget they were meant for, in order, at most ~60 ms
late. Into the MRZ box itself MRZ characters go straight in, as a burst replaces the box's text anyway.

A shortcut first hands back what is held, so the clerk's typing lands before the shortcut acts on it.
A reader sends control characters as Ctrl+letter (STX is Ctrl+B, which is also "Block app"): such a key
that may start or continue a burst is taken from the shortcut system and held like any other; if no
burst follows, it is handed back and its shortcut acts a moment late. Auto-repeated keys (a clerk holding '<' down
to fill a line repeats faster than a reader types) are never part of a burst.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from borgerservice_desk.domain.wedge import (
    MAX_GAP_SECONDS,
    MRZ_CHARACTERS,
    Action,
    Burst,
    Step,
    WedgeDetector,
)

# Give up waiting for more of a burst a little after the detector's gap, so timer jitter never cuts one.
_FLUSH_AFTER_MS = round(MAX_GAP_SECONDS * 1000) + 25


_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta, Qt.Key.Key_CapsLock}
)


@dataclass(frozen=True)
class _HeldKey:
    widget: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    count: int


class ReaderKeys(QObject):
    """Watches `root` and all widgets in it (also those added later) for a reader's burst."""

    burst = Signal(Burst)  # a reader's lines, recognised from the speed of its keys

    def __init__(self, root: QWidget, direct: QWidget | None = None) -> None:
        super().__init__(root)
        self._root = root
        self._direct = direct  # the MRZ box: MRZ characters go straight in
        self._detector = WedgeDetector()
        self._held: list[_HeldKey | None] = []  # None: the key went straight into `direct`
        self._replaying = False
        self.active = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_FLUSH_AFTER_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._watch(root)

    def _watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)  # installing twice keeps one filter
        for child in widget.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self._watch(child)
            return False
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) or self._replaying:
            return False
        if not isinstance(event, QKeyEvent) or event.key() in _MODIFIER_KEYS or not self._is_focus_here(watched):
            return False  # a reader presses Shift for each capital letter: that is no key of its own
        if not self.active:
            self._apply(self._detector.flush(), None, None)
            return False
        char = _typed_char(event)
        if kind == QEvent.Type.ShortcutOverride:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            if ctrl and char and ord(char) < 0x20 and self._detector.takes(char):
                # A reader's framing or line end sent as Ctrl+letter (STX is Ctrl+B, CR is Ctrl+M): a key
                # for the detector, not a shortcut. If no burst follows, the key is handed back and the
                # shortcut acts then, a few milliseconds late.
                event.accept()
                return True
            if not self._detector.takes(char):
                self._apply(self._detector.flush(), None, None)  # the clerk's keys land before the shortcut acts
            return False
        stamp = event.timestamp() / 1000 if event.timestamp() else time.monotonic()
        step = self._detector.feed(char, stamp)
        return self._apply(step, event, watched if isinstance(watched, QWidget) else None)

    def _is_focus_here(self, watched: QObject) -> bool:
        # A key the focused widget ignores travels on to its parents, which are watched too: count it once.
        focus = QApplication.focusWidget()
        return (
            focus is not None
            and watched is focus
            and (focus is self._root or self._root.isAncestorOf(focus))
        )

    def _apply(self, step: Step, event: QKeyEvent | None, widget: QWidget | None) -> bool:
        """Carry out the detector's step; True when `event` is to be kept from its widget."""
        if step.released:
            released, self._held = self._held[: len(step.released)], self._held[len(step.released) :]
            self._replay(released)
        if step.burst is not None:
            self._held.clear()
            # At once, not later: a shortcut about to act (Ctrl+Enter) must find the burst's lines in place.
            self.burst.emit(step.burst)
        if not self._detector.holding:
            self._timer.stop()
        if event is None or widget is None:
            return False
        if step.action is Action.SWALLOW:
            return True
        if step.action is Action.HOLD:
            self._timer.start()
            if widget is self._direct and event.text() in MRZ_CHARACTERS and not any(self._held):
                # Straight into the MRZ box, unless keys held before it would then arrive after it.
                self._held.append(None)
                return False
            self._held.append(
                _HeldKey(widget, event.key(), event.modifiers(), event.text(), event.count())
            )
            return True
        return False

    def _replay(self, keys: list[_HeldKey | None]) -> None:
        self._replaying = True
        try:
            for held in keys:
                if held is None or not shiboken6.isValid(held.widget) or not held.widget.isEnabled():
                    continue
                again = QKeyEvent(QEvent.Type.KeyPress, held.key, held.modifiers, held.text, False, held.count)
                QCoreApplication.sendEvent(held.widget, again)
        finally:
            self._replaying = False

    def _on_timer_timeout(self) -> None:
        self._apply(self._detector.flush(), None, None)


def _typed_char(event: QKeyEvent) -> str:
    """The character a key press types, as the detector sees it; "" for keys that type none."""
    if event.isAutoRepeat():
        return ""
    text = event.text()
    if len(text) != 1:
        return ""
    modifiers = event.modifiers()
    if modifiers & (Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier):
        return ""
    if modifiers & Qt.KeyboardModifier.ControlModifier and (
        ord(text) >= 0x20 or event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
    ):
        return ""  # a shortcut such as Ctrl+Enter; a reader sends control characters as Ctrl+letter
    return text
