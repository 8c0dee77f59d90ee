"""The one table of scanned file kinds: what the reader accepts is what a kept image can be stored as."""

from __future__ import annotations

from pathlib import Path

import pytest

from borgerservice_desk.scanning.images import IMAGE_SUFFIXES, SUPPORTED_SUFFIXES, media_type_of


@pytest.mark.parametrize(
    ("name", "media_type"),
    [
        ("scan.PNG", "image/png"),
        ("photo.jpeg", "image/jpeg"),
        ("photo.JPG", "image/jpeg"),
        ("scan.tif", "image/tiff"),
        ("phone.webp", "image/webp"),
        ("IMG_0412.HEIC", "image/heic"),
        ("export.heif", "image/heif"),
        ("scanner.pdf", "application/pdf"),
        ("odd.gif", "image/gif"),  # not one the reader takes: what the name suggests
        ("no-suffix", "application/octet-stream"),
    ],
)
def test_a_scanned_file_is_stored_under_the_media_type_of_its_suffix(name: str, media_type: str) -> None:
    assert media_type_of(Path(name)) == media_type


def test_every_accepted_file_has_a_media_type_of_its_own_kind() -> None:
    assert ".pdf" in SUPPORTED_SUFFIXES and ".pdf" not in IMAGE_SUFFIXES
    assert SUPPORTED_SUFFIXES - {".pdf"} == IMAGE_SUFFIXES
    assert all(media_type_of(Path(f"x{suffix}")).startswith("image/") for suffix in IMAGE_SUFFIXES)
