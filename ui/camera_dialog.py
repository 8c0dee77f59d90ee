"""A camera at the counter: live view, capture, and the picture handed on as a QImage.

Qt Multimedia is optional: a desk PC without it (or without its libraries: PulseAudio, FFmpeg) or without
a camera simply has no camera option. It is imported only when a camera may be there, the import is
guarded, and `cameras_present` never raises.

The receiver writes the picture to a private temporary file (mkstemp: readable by this user only) in a
worker, as encoding a phone-sized PNG takes a second the window should not freeze for, reads it and then
deletes it: a photo of an ID document is not kept unless the centre says so, and then only by the
identity check service, in the database.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal, Slot
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@functools.cache
def _multimedia() -> tuple[Any, Any] | None:
    """(QtMultimedia, QtMultimediaWidgets), imported on first use; None when they cannot be loaded."""
    try:  # optional, and slow to load: only when needed
        from PySide6 import QtMultimedia, QtMultimediaWidgets
    except ImportError:  # the module or a library it needs is missing: no camera option, nothing else lost
        return None
    return QtMultimedia, QtMultimediaWidgets


# The camera's pictures are private temporary files with this prefix (see the identity check box).
PICTURE_PREFIX = "bsd-camera-"


def remove_left_pictures(*, older_than_seconds: float) -> int:
    """Delete camera pictures a desk left behind (it crashed, or closed while one was being read or
    saved): a photo of an ID document must not linger on the desk PC. Only pictures older than
    `older_than_seconds` go, so that another desk running for the same user keeps the one it is reading.
    Returns how many were deleted."""
    removed = 0
    limit = time.time() - older_than_seconds
    for path in Path(tempfile.gettempdir()).glob(f"{PICTURE_PREFIX}*.png"):
        try:
            if path.stat().st_mtime <= limit:
                path.unlink()
                removed += 1
        except OSError:  # gone already, or another user's: not ours to delete
            continue
    return removed


# Where Linux puts a camera's device node (video0, video1, ...); a test points it elsewhere.
DEVICE_DIR = Path("/dev")


def cameras_present() -> bool:
    """True when Qt Multimedia works here and sees at least one camera.

    On Linux a camera is a /dev/video* device: without one, Qt Multimedia is not even loaded (its FFmpeg
    back end takes a while to start and logs warnings about optional libraries it does not find).
    """
    if sys.platform.startswith("linux") and not any(DEVICE_DIR.glob("video*")):
        return False
    modules = _multimedia()
    if modules is None:
        return False
    try:
        return bool(modules[0].QMediaDevices.videoInputs())
    except Exception:  # noqa: BLE001 - a broken multimedia back end means no camera, not a crash
        return False


class CameraWatch(QObject):
    """Says when a camera may have come or gone (`changed`), including one plugged in after start.

    On Linux the device folder is watched (a QFileSystemWatcher, cheap), so Qt Multimedia is still only
    loaded once a camera is there; from then on Qt Multimedia's own QMediaDevices tells as well.
    Elsewhere QMediaDevices alone, where Qt Multimedia loads.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._devices: Any = None
        self._folder: QFileSystemWatcher | None = None
        if sys.platform.startswith("linux") and DEVICE_DIR.is_dir():
            self._folder = QFileSystemWatcher([str(DEVICE_DIR)], self)
            self._folder.directoryChanged.connect(self._on_folder_changed)
        self._watch_devices()

    def _on_folder_changed(self, _path: str) -> None:
        self._watch_devices()
        self.changed.emit()

    def _watch_devices(self) -> None:
        if self._devices is not None or not cameras_present():
            return
        modules = _multimedia()
        if modules is not None:
            self._devices = modules[0].QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self.changed)


class CameraDialog(QDialog):
    """Live view of the chosen camera; Capture (Enter or Space) takes the picture, Esc closes."""

    captured = Signal(QImage)  # the picture taken; the receiver saves, reads and deletes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraDialog")
        self.setWindowTitle(self.tr("Photograph the document"))
        modules = _multimedia()
        if modules is None:
            raise RuntimeError("Qt Multimedia is not available; ask cameras_present() first")
        multimedia, widgets = modules
        self._multimedia = multimedia
        self._devices: list[Any] = list(multimedia.QMediaDevices.videoInputs())
        self.choice = QComboBox()
        self.choice.setObjectName("cameraChoice")
        for device in self._devices:
            self.choice.addItem(device.description())
        default = multimedia.QMediaDevices.defaultVideoInput()
        for index, device in enumerate(self._devices):
            if device.id() == default.id():
                self.choice.setCurrentIndex(index)
        self.view = widgets.QVideoWidget()
        self.view.setObjectName("cameraView")
        self.view.setMinimumSize(640, 400)
        self.status = QLabel(
            self.tr("Hold the page with the machine readable zone flat and sharp in the picture, then capture.")
        )
        self.status.setWordWrap(True)
        self.capture_button = QPushButton(self.tr("&Capture (Enter)"))
        self.capture_button.setObjectName("captureButton")
        self.capture_button.setDefault(True)
        self.capture_button.setShortcut(QKeySequence("Space"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.capture_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        if len(self._devices) > 1:
            layout.addWidget(self.choice)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._session = multimedia.QMediaCaptureSession(self)
        self._session.setVideoOutput(self.view)
        self._capture = multimedia.QImageCapture(self)
        self._capture.setFileFormat(multimedia.QImageCapture.FileFormat.PNG)
        self._session.setImageCapture(self._capture)
        self._capture.imageCaptured.connect(self._on_capture_image_captured)
        self._capture.errorOccurred.connect(self._on_capture_error)
        self._capture.readyForCaptureChanged.connect(self.capture_button.setEnabled)
        self._camera: Any = None
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self.capture_button.clicked.connect(self.capture)
        buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: self._stop())
        self._on_choice_changed(self.choice.currentIndex())

    @Slot(int)
    def _on_choice_changed(self, index: int) -> None:
        self._stop()
        if not 0 <= index < len(self._devices):
            return
        camera = self._multimedia.QCamera(self._devices[index], self)
        camera.errorOccurred.connect(self._on_camera_error)
        self._session.setCamera(camera)
        self._camera = camera
        self.capture_button.setEnabled(False)
        camera.start()

    @Slot()
    def capture(self) -> None:
        if self._capture.isReadyForCapture():
            self.capture_button.setEnabled(False)
            self.status.setText(self.tr("Capturing…"))
            self._capture.capture()

    def _on_capture_image_captured(self, _id: int, image: QImage) -> None:
        if image.isNull():
            self.status.setText(self.tr("The camera gave an empty picture. Try again."))
            self.capture_button.setEnabled(True)
            return
        self._stop()
        self.captured.emit(image.copy())  # a deep copy: the camera's frame buffer is reused
        self.accept()

    def _on_capture_error(self, _id: int, _error: object, text: str) -> None:
        self.status.setText(self.tr("The camera could not take the picture: %1").replace("%1", text))
        self.capture_button.setEnabled(True)

    def _on_camera_error(self, _error: object, text: str) -> None:
        self.status.setText(self.tr("The camera is not working: %1").replace("%1", text))

    def _stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None
