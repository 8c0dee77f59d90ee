"""Reading an MRZ off an image with the real PassportEye and Tesseract, on generated documents."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from borgerservice_desk.domain.mrz import parse_mrz, transliterate
from borgerservice_desk.errors import DeskError, InvalidInput
from borgerservice_desk.scanning.mrz_reader import read_mrz_lines
from tests.support.passport_image import (
    READABLE_PASSPORTS,
    SamplePassport,
    render_document_image,
    render_noise_image,
)

TODAY = date(2026, 11, 27)

@pytest.mark.ocr
@pytest.mark.parametrize("person", READABLE_PASSPORTS, ids=lambda person: transliterate(person.surname).lower())
@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_generated_passport_is_read_exactly(tmp_path: Path, person: SamplePassport, suffix: str) -> None:
    lines = person.mrz_lines()
    image = render_document_image(lines, tmp_path / f"passport{suffix}")

    read = read_mrz_lines(image)

    assert read == lines
    document = parse_mrz("\n".join(read), today=TODAY)
    assert document.all_check_digits_pass
    assert document.document_number == person.document_number
    assert document.birth_date == person.birth_date


@pytest.mark.ocr
def test_soerensen_reads_as_oe_with_both_given_names(tmp_path: Path) -> None:
    person = SamplePassport("Sørensen", "Anne Marie", "212345678", date(1985, 3, 14), "F")
    image = render_document_image(person.mrz_lines(), tmp_path / "passport.png")

    document = parse_mrz("\n".join(read_mrz_lines(image)), today=TODAY)

    assert (document.surname, document.given_names) == ("SOERENSEN", "ANNE MARIE")
    assert (document.issuing_country, document.nationality, document.document_kind) == ("DNK", "DNK", "passport")


@pytest.mark.ocr
def test_picture_without_an_mrz_is_no_mrz(tmp_path: Path) -> None:
    image = render_noise_image(tmp_path / "noise.png")

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(image)

    assert caught.value.code == "scan.no_mrz"
    assert caught.value.params["path"] == str(image)


# --- what the reader makes of PassportEye's answer (PassportEye's parser, Tesseract's text stubbed) -----

JENSEN = ("P<DNKJENSEN<<LARS<<<<<<<<<<<<<<<<<<<<<<<<<<<", "6123456786DNK6211028M3105021<<<<<<<<<<<<<<<8")


@pytest.fixture
def any_image(tmp_path: Path) -> Path:
    return render_noise_image(tmp_path / "page.png", size=(400, 300))


def ocr_gives(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    """Let PassportEye parse `text` as if Tesseract had read it off the image."""
    import passporteye
    from passporteye.mrz.text import MRZ

    monkeypatch.setattr(passporteye, "read_mrz", lambda *args, **kwargs: MRZ.from_ocr(text))


def test_fillers_lost_at_the_end_of_a_line_are_restored(any_image: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tesseract often drops a few of a long run of '<'; PassportEye pads the line before judging it, and
    # the reader hands on the line as PassportEye judged it.
    ocr_gives(monkeypatch, JENSEN[0][:-5] + "\n" + JENSEN[1])

    assert read_mrz_lines(any_image) == JENSEN


def test_ocr_noise_is_cleaned_as_passporteye_cleans_it(any_image: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Stray short lines and spaces go; an O where a digit must be becomes 0 (the birth date here).
    ocr_gives(monkeypatch, "PAS / PASSPORT\n" + JENSEN[0] + "\n" + JENSEN[1][:13] + "62I1 O2" + JENSEN[1][19:])

    assert read_mrz_lines(any_image) == JENSEN


def test_two_lines_of_text_without_a_single_valid_check_digit_are_no_mrz(
    any_image: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ocr_gives(monkeypatch, "KAFFE<<BORGERSERVICE<NUMMER<<<<<<<<<<<<<<<<<\nABNINGSTIDER<MANDAG<TIL<TORSDAG<<<<<<<<<<<<<")

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(any_image)

    assert caught.value.code == "scan.no_mrz"
    assert caught.value.params["detail"] == "no check digit matches"


def test_passporteye_failing_on_an_odd_image_is_no_mrz(any_image: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import passporteye

    def fail(*args: object, **kwargs: object) -> None:
        raise ValueError("contour has no points")

    monkeypatch.setattr(passporteye, "read_mrz", fail)

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(any_image)

    assert caught.value.code == "scan.no_mrz"
    assert "ValueError" in caught.value.params["detail"]


# --- files that are not images: refused before any OCR ---------------------------------------------------


def test_random_bytes_named_png_are_an_unreadable_image(tmp_path: Path) -> None:
    corrupt = tmp_path / "scan.png"
    corrupt.write_bytes(os.urandom(4096))

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(corrupt)

    assert caught.value.code == "scan.unreadable_image"
    assert caught.value.params["path"] == str(corrupt)


def test_text_file_is_an_unreadable_image(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("P<DNKSOERENSEN<<ANNE<MARIE<<<<<<<<<<<<<<<<<<\n", encoding="utf-8")

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(text)

    assert caught.value.code == "scan.unreadable_image"


def test_missing_file_is_an_unreadable_image(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(tmp_path / "gone.png")

    assert caught.value.code == "scan.unreadable_image"


def test_truncated_png_is_an_unreadable_image(tmp_path: Path) -> None:
    whole = render_noise_image(tmp_path / "whole.png", size=(400, 300))
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole.read_bytes()[:2000])

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(cut)

    assert caught.value.code == "scan.unreadable_image"


def test_decompression_bomb_is_an_unreadable_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Lowering Pillow's limit stands in for a huge image: over twice the limit Pillow raises.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    bomb = tmp_path / "bomb.png"
    Image.new("L", (200, 200), 255).save(bomb)

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(bomb)

    assert caught.value.code == "scan.unreadable_image"


def test_image_just_over_the_pixel_limit_is_refused_even_where_pillow_only_warns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    large = tmp_path / "large.png"
    Image.new("L", (120, 120), 255).save(large)  # 14,400 pixels: between one and two times the limit

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        with pytest.raises(InvalidInput) as caught:
            read_mrz_lines(large)

    assert caught.value.code == "scan.unreadable_image"


def test_without_tesseract_the_scanner_is_unavailable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = render_noise_image(tmp_path / "noise.png", size=(400, 300))
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(DeskError) as caught:
        read_mrz_lines(image)

    assert caught.value.code == "scan.ocr_unavailable"


def test_importing_the_reader_does_not_load_passporteye() -> None:
    probe = "import sys, borgerservice_desk.scanning.mrz_reader; print('passporteye' in sys.modules)"

    repository = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=repository)

    assert result.stdout.strip() == "False"
