"""A window's first size, kept inside the screen it opens on.

Counter PCs have 1280x800 screens. A dialog asked for more than the screen holds opens with its bottom, and
so its buttons, below the edge: the receipt preview (700x860, after every MitID action) and the centre's
settings (900x820) did. `fit_to_screen` gives a window the size it asks for, or the room its screen has.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager adds above a window (its title bar) and may not subtract from a screen's available
# area; about two lines of text at the desk's font, not measured per desktop.
FRAME_ALLOWANCE = 40


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to `width` x `height`, or less where the screen it opens on (its parent's, else the
    primary screen) has less room; never below the window's own minimum size (Qt keeps to it)."""
    parent = window.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width = min(width, area.width())
        height = min(height, area.height() - FRAME_ALLOWANCE)
    window.resize(width, height)
