"""Reading an MRZ off an image with the real reader (PassportEye's zone finder, our OCR-B model, Tesseract),
on generated documents of every kind."""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from borgerservice_desk.domain.mrz import CompareWhole, DoubtReason, MrzFormat, parse_mrz
from borgerservice_desk.errors import DeskError, InvalidInput
from borgerservice_desk.scanning.mrz_reader import ScanResult, read_mrz, read_mrz_lines
from tests.support.facts import TODAY
from tests.support.mrz import (
    compose_dl1,
    compose_french_id,
    compose_mrva,
    compose_mrvb,
    compose_td1,
    compose_td2,
    transliterate,
)
from tests.support.passport_image import (
    READABLE_PASSPORTS,
    SamplePassport,
    render_document,
    render_document_image,
    render_noise_image,
    render_zone,
    unseen_font,
)


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
    person = READABLE_PASSPORTS[0]  # Sørensen, Anne Marie: the sample holder
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


FRENCH_CARD = compose_french_id(
    surname="Lefèvre", given_names="Claire Anaïs", card_number="150775012345", birth_date=date(1980, 2, 11),
    sex="F", office="750123",
)  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_a_french_identity_card_of_the_old_layout_is_read_exactly_by_its_own_rules(
    tmp_path: Path, suffix: str
) -> None:
    """2 x 36 like a TD2 card, but TD2's rules would fail every check digit on it (and found no MRZ at all)."""
    image = render_document_image(FRENCH_CARD, tmp_path / f"carte{suffix}")

    result = read_mrz(image)

    assert result.lines == FRENCH_CARD
    assert result.format is MrzFormat.FRCNI
    assert result.failed_checks == ()
    document = parse_mrz("\n".join(result.lines), today=TODAY)
    assert (document.surname, document.given_names) == ("LEFEVRE", "CLAIRE ANAIS")
    assert (document.document_number, document.birth_date, document.expiry_date) == (
        "150775012345", date(1980, 2, 11), None,
    )  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("security", ["guilloche", "faint"])
def test_a_zone_on_security_print_is_found_and_read_exactly(tmp_path: Path, security: str) -> None:
    """Dense guilloche behind the zone, or the zone in faint grey on a pattern: what two unseen real cards
    failed on. (Faint TD3 pages and licence lines are still slow or missed: see the README.)"""
    path = tmp_path / f"{security}.png"
    render_document(ID_CARD, security=security, seed=1).save(path)

    assert read_mrz_lines(path) == ID_CARD


@pytest.mark.ocr
@pytest.mark.parametrize("margin", [2, 10, 40])
@pytest.mark.parametrize("document", ["passport", "id_card", "visa_b"])
def test_a_crop_of_the_zone_alone_is_read_exactly(tmp_path: Path, document: str, margin: int) -> None:
    """A scanner's crop or a phone photo of just the MRZ, binarised, capitals 45-65 px high: the zone finder,
    made for whole pages, boxed part of a line or nothing, and such crystal-clear zones were "no MRZ"."""
    lines = {"passport": READABLE_PASSPORTS[1].mrz_lines(), "id_card": ID_CARD, "visa_b": VISA_B}[document]
    path = tmp_path / "zone.png"
    render_zone(lines, seed=margin, margin=margin).save(path)

    result = read_mrz(path)

    assert result.lines == lines
    assert result.failed_checks == ()


def _zone_at(path: Path, zone: tuple[tuple[str, ...], int, str]) -> tuple[str, ...]:
    """Render `zone` (lines, seed, font of the benchmark's unseen-font zones) at `path`; its lines."""
    lines, seed, font = zone
    render_zone(lines, seed=seed, fonts=[unseen_font(font)]).save(path)
    return lines


def _cut_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut every line in one level band of rows, as the reader did before stop 47 (`ocrb._slope`). The zones of
    the tests that call it were found then: each is a misread some guard was made for, and the cut along the
    slope now reads some of them right, or marks them by another rule; the guard is tested on the misread it
    was made for. (The slope's own tests: tests/unit/test_unseen_in_part.py and the glare TD2 2306 test.)"""
    from borgerservice_desk.scanning import ocrb

    monkeypatch.setattr(ocrb, "_slope", lambda *args: 0.0)


def _says_no_mrz(path: Path, budget_seconds: float | None = None) -> None:
    """Reading `path` answers "no MRZ" (not one that failed for lack of time, nor any other error)."""
    with pytest.raises(InvalidInput) as raised:
        read_mrz(path, budget_seconds=budget_seconds)
    assert raised.value.code == "scan.no_mrz"


def _wrong_and_marked(result: ScanResult, lines: tuple[str, ...]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The (line, column) of every character read wrong against `lines`, and of every character marked. Each
    mark names the character the reading holds there: the desk takes a mark whose character differs for one
    the clerk has settled (`rules.current_doubts`), so a mark left on a character since replaced marks nothing."""
    assert all(result.lines[doubt.line][doubt.column] == doubt.character for doubt in result.doubtful), result.doubtful
    wrong = {(line, column) for line, (ours, theirs) in enumerate(zip(result.lines, lines, strict=True))
             for column, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b}  # fmt: skip
    return wrong, {(doubt.line, doubt.column) for doubt in result.doubtful}


@pytest.mark.ocr
def test_a_zone_in_print_the_model_never_learnt_is_never_passed_with_a_misread_unmarked(tmp_path: Path) -> None:
    """An ID card's zone in FreeMono Bold (a Courier-like font, never trained on), one of the benchmark's
    unseen-font zones (TD1, index 53): names have no check digit, so a misread name passes every check. The
    model of stop 20 read LARSEN<KJAER as YADRRN<<<<<I, sure of the Y where an L is printed; the pinned
    model read LARSEN<<<<<<< with the fillers marked and the print flagged as unfamiliar. Since stop 30 the
    name line, whose letters run together, is cut by the grid of the line beside it and read exactly. The
    first assertion is the property for any model and reading; the second says what this case is now (the
    flag at work on a misread name: the run-together ID card below, and tests/unit/test_reading_doubts.py)."""
    lines = ("IRD<<G9C3J600<5<<<<<<<<<<<<<<<", "5910265F3003079D<<<<<<<<<<<<<6", "LARSEN<KJAER<<METTE<<<<<<<<<<<")
    path = tmp_path / "freemono-zone.png"
    render_zone(lines, seed=371, fonts=[unseen_font("FreeMonoBold.ttf")]).save(path)

    result = read_mrz(path)

    wrong, marked = _wrong_and_marked(result, lines)
    assert result.unfamiliar_print or wrong <= marked
    assert result.failed_checks == () and not wrong


# Zones in fonts never learnt that an earlier model misread with every check digit passing and a wrong
# character unmarked, each the source of a guard in `scanning.doubts` (the benchmark's unseen-font zones, by
# font, seed and lines): half the text marked (`crowded_marks`), a glyph like none of what its place allows
# (`SEEN_ALLOWED`) and unfamiliar print by its cells (the visa the scan command's test reads is another). The model of
# stop 20 (fonts of other designs) reads the first two exactly, so they no longer show their guard at work:
# that is shown with the recogniser's probabilities in tests/unit/test_reading_doubts.py (each fails without
# its rule). Here they guard the other way: whatever a later model or rule makes of them, never silently wrong.
ONCE_SILENT_ZONES = {
    "liberation-bold-visa": (
        ("V<FRAOESTERGAARD<<LI<<<<<<<<<<<<<<<<<<<<<<<<", "32BK1WR9<9FRA0510246F36042693DN<<<<<<<<<<<<<"),
        80, "LiberationMono-Bold.ttf",
    ),
    "freemono-visa-sex": (
        ("VCGBRHOLM<<ELENI<<<<<<<<<<<<<<<<<<<<<<<<<<<<", "1127K7C9<9D<<9602094F3404159XSS<<<<<<<<<<<<<"),
        227, "FreeMonoBold.ttf",
    ),
    "freemono-visa": (
        ("V<SWEYILMAZ<<ZOFIA<<<<<<<<<<<<<<<<<<<<<<<<<<", "X23H451TL1TUR8603027M2802242DX<<<<<<<<<<<<<<"),
        59, "FreeMonoBold.ttf",
    ),
}  # fmt: skip


@pytest.mark.ocr
def test_a_reading_with_half_its_text_marked_is_compared_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader asks `doubts.crowded_marks` of the reading it returns and, where it says so, has the clerk
    compare the whole reading, whatever the cells say (the rule itself, half the text: tests/unit/
    test_reading_doubts.py). No zone of 288 in unseen fonts shows it with the stop 20 model, so the rule's
    answer is given here. Fails without the reader's call."""
    from borgerservice_desk.scanning import doubts

    path = tmp_path / "zone.png"
    render_zone(ID_CARD, seed=3).save(path)
    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(doubts, "unfamiliar_print", lambda probabilities: False)

    def crowded(lines: tuple[str, ...], marks: object) -> bool:
        asked.append(tuple(lines))
        return True

    monkeypatch.setattr(doubts, "crowded_marks", crowded)
    result = read_mrz(path)

    assert result.lines == ID_CARD and asked[-1] == ID_CARD
    assert result.compare_whole is CompareWhole.UNFAMILIAR_PRINT
    monkeypatch.setattr(doubts, "crowded_marks", lambda lines, marks: False)
    assert read_mrz(path).compare_whole is None


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(ONCE_SILENT_ZONES))
def test_a_zone_once_misread_silently_is_read_right_or_marked(tmp_path: Path, zone: str) -> None:
    path = tmp_path / f"{zone}.png"
    lines = _zone_at(path, ONCE_SILENT_ZONES[zone])

    result = read_mrz(path)

    wrong, marked = _wrong_and_marked(result, lines)
    assert result.failed_checks or result.unfamiliar_print or wrong <= marked


# Zones in Liberation Mono that the kept model (key cdc9f96d689d3942) read wrong with every check digit passing
# and the wrong characters unmarked, the recogniser sure of each (the benchmark's unseen-font zones of stops
# 34 and 35, by lines, seed and font): an ID card whose number and birth date each lost a 3 (to S and to 8) in
# pairs that cancel out in the check digits (one of the four marked as a look-alike the check cannot tell
# apart), and a visa's optional data Y3DD read Y8DD. Tesseract reads those characters otherwise, and its
# reading would pass as well: the second reader's marks (`doubts.second_reader_doubts`) are what tells the
# clerk. Since stop 39 the ID card's pairs, which go in together under their check digits, are taken and the
# card read right.
SECOND_READER_ZONES = {
    "id-card-cancelling-pairs": (
        ("ARTUROESTERGAARD<<SOEREN<AAGE<<<<<<<", "KI13623Y87TUR6302234M2601168<<<<<<<6"), 1555,
        "LiberationMono-Regular.ttf",
    ),
    "visa-optional-data": (
        ("V<D<<YILMAZ<<THI<LAN<LARS<<<<<<<<<<<<<<<<<<<", "58HL5671E0D<<9706109F2801267Y3DD<<<<<<<<<<<<"), 1459,
        "LiberationMono-Regular.ttf",
    ),
}  # fmt: skip


def _misread_marked_only_by_a_guard(
    path: Path, zone: tuple[tuple[str, ...], int, str], turn_off_guard: Callable[[], object]
) -> ScanResult:
    """Read `zone` (lines, seed, font) rendered at `path`: its misread passes every check digit and every wrong
    character is marked. Then read it again with the guard turned off: a wrong character passes unmarked,
    which is what the guard is for. The first reading is returned."""
    lines = _zone_at(path, zone)
    result = read_mrz(path)
    wrong, marked = _wrong_and_marked(result, lines)
    assert not result.failed_checks and result.compare_whole is None
    assert wrong and wrong <= marked, (result.lines, result.doubtful)
    turn_off_guard()
    alone = read_mrz(path)
    wrong, marked = _wrong_and_marked(alone, lines)
    assert not alone.failed_checks and alone.compare_whole is None
    assert wrong - marked
    return result


def _marked_by_the_second_reader(path: Path, zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from borgerservice_desk.scanning import stages

    # Without Tesseract's reading the same misread passes silently: what the second reader is for.
    result = _misread_marked_only_by_a_guard(
        path,
        SECOND_READER_ZONES[zone],
        lambda: monkeypatch.setattr(stages, "tesseract_lines", lambda region, count: None),
    )
    wrong, _marked = _wrong_and_marked(result, SECOND_READER_ZONES[zone][0])
    assert DoubtReason.SECOND_READER in {doubt.reason for doubt in result.doubtful if (doubt.line, doubt.column) in wrong}


@pytest.mark.ocr
def test_a_misread_every_check_passes_is_marked_where_tesseract_reads_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The visa's optional data has no check digit: Tesseract's Y3DD is no more likely than ours, only marked.
    _marked_by_the_second_reader(tmp_path / "visa.png", "visa-optional-data", monkeypatch)


@pytest.mark.ocr
def test_cancelling_pairs_tesseract_reads_right_are_taken_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import doubts

    # The ID card's pairs go in together under their check digits, so those digits do not choose between the
    # readings, and Tesseract's is taken whatever ours gave its characters (since stop 39): read right.
    path = tmp_path / "id-card.png"
    lines = _zone_at(path, SECOND_READER_ZONES["id-card-cancelling-pairs"])
    result = read_mrz(path)
    assert result.lines == lines and not result.failed_checks and result.compare_whole is None
    # Fails without it (such groups needing a tenth, as single characters do): ours stands, misread, marked
    # only by the second reader.
    monkeypatch.setattr(doubts, "SECOND_READER_TAKEN_COVERED", doubts.SECOND_READER_TAKEN)
    _marked_by_the_second_reader(path, "id-card-cancelling-pairs", monkeypatch)


# Zones in FreeMono Bold (never trained on) whose F our recogniser reads as P (the benchmark's unseen-font
# zones TD3 603 and MRVA 662, stop 40): in the passport's number, where P and F (25 and 15) are the same to
# the check digit, and in the visa's sex field, where no P may stand and ours chose '<', unsure of it.
# Tesseract reads F both times.
F_READ_AS_P_ZONES = {
    "passport-number": (
        ("P<D<<VAN<DER<BERG<<FREDERIK<CHRISTIAN<EMIL<<", "66N7E63FL7D<<7003125F2708148<<<<<<<<<<<<<<<2"), 4223,
        "FreeMonoBold.ttf",
    ),
    "visa-sex": (
        ("VCSWEAL<HASSAN<<SOEREN<AAGE<AOIFE<<<<<<<<<<<", "077354A0<8SWE7409037F3308316Z3TG26<<<<<<<<<<"), 4637,
        "FreeMonoBold.ttf",
    ),
}  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(F_READ_AS_P_ZONES))
def test_where_neither_a_check_digit_nor_our_sureness_chose_tesseracts_reading_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    from borgerservice_desk.scanning import doubts

    path = tmp_path / f"{zone}.png"
    lines = _zone_at(path, F_READ_AS_P_ZONES[zone])
    result = read_mrz(path)
    assert result.lines == lines and not result.failed_checks
    # The F stays marked for the clerk to confirm: two readers disagreed there.
    f_at = (1, 7) if zone == "passport-number" else (1, 20)
    assert lines[f_at[0]][f_at[1]] == "F"
    assert (*f_at, DoubtReason.SECOND_READER) in {(doubt.line, doubt.column, doubt.reason) for doubt in result.doubtful}
    # Fails without the rule that took it: a single character under a check digit needing a tenth, as where
    # none covers; the filler of the sex field left to ours, as every other filler.
    if zone == "passport-number":
        monkeypatch.setattr(doubts, "SECOND_READER_TAKEN_COVERED", doubts.SECOND_READER_TAKEN)
    else:
        monkeypatch.setattr(doubts, "_sex_value", lambda *args: False)
    misread = read_mrz(path)
    assert misread.lines[f_at[0]][f_at[1]] != "F" and not misread.failed_checks
    assert f_at in {(doubt.line, doubt.column) for doubt in misread.doubtful}


# Zones the kept model read wrong, sure of each character, that neither the second reader nor any other
# guard marked. Visas in Liberation Mono whose optional data has no check digit: SZZO read SZZ0 and RC9J read
# RG0J (the benchmark's unseen-font zones MRVA 292 and 371, stop 36). Each wrong glyph is nearer the zone's own
# prints of the printed character (the Os of the names, the 9 of the expiry) than its own prints of the one
# read.
OWN_PRINT_ZONES = {
    "visa-o-read-as-zero": (
        ("VCPOLHOLM<<MOHAMMED<<<<<<<<<<<<<<<<<<<<<<<<<", "4ZM56589Y0POL4001061F3312050K1D7SZZO<<<<<<<<"), 2047,
        "LiberationMono-Regular.ttf",
    ),
    "visa-nine-read-as-zero": (
        ("VCTURVAN<DER<BERG<<ZOFIA<<<<<<<<<<<<<<<<<<<<", "0HVP674561TUR8205188F2901282RC9J<<<<<<<<<<<<"), 2600,
        "LiberationMono-Bold.ttf",
    ),
    # A passport in FreeMono Bold whose number's Q and O were read O and 0, cancelling out in its check digit
    # (zone TD3 453, stop 37): the 0 is nearer the zone's Os, so the digit vouches for none of the number.
    "passport-number-cancelling-pair": (
        ("P<POLNOWAK<<JAN<WILLEM<<<<<<<<<<<<<<<<<<<<<<", "8AQ6YKO598POL9906138F3210237<<<<<<<<<<<<<<<4"), 3173,
        "FreeMonoBold.ttf",
    ),
}  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(OWN_PRINT_ZONES))
def test_optional_data_misread_surely_is_marked_by_the_zones_own_print(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    from borgerservice_desk.scanning import doubts

    _cut_level(monkeypatch)
    # The zone's own print now chooses too, and reads both visas right (`own_print_reading`, the next test):
    # set aside here, where the marks are tested.
    monkeypatch.setattr(doubts, "own_print_reading", lambda mrz_format, read, cells: (tuple(read), ()))
    # Without the comparison with the zone's own print, a wrong character passes unmarked.
    _misread_marked_only_by_a_guard(
        tmp_path / f"{zone}.png",
        OWN_PRINT_ZONES[zone],
        lambda: monkeypatch.setattr(doubts, "own_print_doubts", lambda *args: ()),
    )


@pytest.mark.ocr
@pytest.mark.parametrize(("zone", "position"), [("visa-o-read-as-zero", (1, 35)), ("visa-nine-read-as-zero", (1, 30))])
def test_optional_data_misread_surely_is_read_as_the_zones_own_print_has_it(
    tmp_path: Path, zone: str, position: tuple[int, int]
) -> None:
    """The same visas read with the zone's own print choosing (`doubts.own_print_reading`): the O and the 9 are
    taken from the names' Os and the expiry's 9, and stay marked for the clerk. (RC9J's C, read G, is not: the
    one C printed elsewhere, the document code's, is far nearer it than BERG's G, but 2.7 times as far as two
    prints of one character here commonly are: the code's C is printed on another line. Marked.)"""
    lines = _zone_at(tmp_path / f"{zone}.png", OWN_PRINT_ZONES[zone])
    result = read_mrz(tmp_path / f"{zone}.png")
    wrong, marked = _wrong_and_marked(result, lines)
    assert position not in wrong and position in marked and wrong <= marked, result.lines


# Zones whose expiry our recogniser read surely with two 3s as 8s (the field's first digit and its check digit),
# every check passing: 2036 read as 2086, 2033 as 2088 (the benchmark's unseen-font zones TD3 473 and MRV-B 478,
# in Liberation Mono, stop 38). Tesseract read the 3s. Its reading is taken because ours breaks the rule that no
# document is issued for more than ten years and a bit (`rules.dated_doubts`), not because ours was unsure.
FAR_AHEAD_ZONES = {
    "passport": (
        ("P<D<<HOLM<<THI<LAN<<<<<<<<<<<<<<<<<<<<<<<<<<", "3D2VV54G69D<<9702282F3607123<<<<<<<<<<<<<<<4"), 3313,
        "LiberationMono-Regular.ttf",
    ),
    "visa": (("V<POLKRISTIANSEN<BJOERNHOLM<<EMRE<SO", "Y569961Y<4POL8811307M330818770<<<<<<"), 3350, "LiberationMono-Bold.ttf"),
}  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(FAR_AHEAD_ZONES))
def test_an_expiry_misread_far_ahead_is_read_as_the_second_reader_read_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    from borgerservice_desk.scanning import doubts

    path = tmp_path / f"{zone}.png"
    lines = _zone_at(path, FAR_AHEAD_ZONES[zone])

    result = read_mrz(path, today=date(2026, 12, 5))

    assert result.lines == lines and not result.failed_checks
    assert {(1, 21), (1, 27 if zone == "passport" else 22)} <= {(doubt.line, doubt.column) for doubt in result.doubtful}
    # Fails without the rule: on a day from which 2086 is near, our recogniser's sureness decides, and its
    # misread passes every check digit. (The visa's two 3s under one check digit ours gave a twentieth or
    # more: the twentieth for such groups, turned off here, takes them too. And since stop 43 the zone's own
    # print takes the visa's two 3s read 8 alike, the 3 of its birth date their witness (kin, `doubts.
    # _print_kin`): set aside here, where the date rule is what is tested.)
    monkeypatch.setattr(doubts, "SECOND_READER_TAKEN_COVERED", doubts.SECOND_READER_TAKEN)
    monkeypatch.setattr(doubts, "own_print_reading", lambda mrz_format, lines, cells: (tuple(lines), ()))
    later = read_mrz(path, today=date(2080, 1, 1))
    assert later.lines != lines and later.lines[1][21] == "8" and not later.failed_checks


# A licence line in Noto Sans Mono whose issuing country UTO the recogniser read "UT0" (the benchmark's
# unseen-font zone DL1 490, stop 38). The alphabet of the country field makes the 0 an O, the check digit then
# passes; until stop 38 only a line read exactly as it stands counted as a licence, and the reader said "no MRZ"
# (since then a line the repair changed may be, where Tesseract reads the same: not needed here).
LOOK_ALIKE_LICENCE = ("D1UTO153426336011TDV4JZPXBNJP7",)


@pytest.mark.ocr
def test_a_licence_whose_country_has_a_digit_for_its_look_alike_letter_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import stages

    path = tmp_path / "licence.png"
    _zone_at(path, (LOOK_ALIKE_LICENCE, 3435, "NotoSansMono-Regular.ttf"))

    result = read_mrz(path)

    assert result.lines == LOOK_ALIKE_LICENCE and result.format is MrzFormat.DL1 and not result.failed_checks
    # Fails without it: a line the alphabet changed at all would need a witness (here: none).
    monkeypatch.setattr(stages, "licence_as_read", lambda raw, fixed: raw == fixed)
    monkeypatch.setattr(stages, "witnessed", lambda reading: False)
    _says_no_mrz(path)


# Licence lines whose one misread our repair changed, in fonts never learnt (the benchmark's unseen-font zones
# DL1 458 and 476, stop 38). In the first the repair got it right (FW0J, 0 for the O of FWOJ, repaired to
# FWOJ), and Tesseract reads the line so; in the second it repaired the wrong character (F8S, 8 for a 3,
# left, and an S of the number made an 8 instead) and Tesseract reads another line. One check digit cannot
# tell the two apart; the second reader can.
REPAIRED_LICENCES = {
    "repaired-right": (("D1DNK12476779717FWOJEIE8ZZF8N8",), 3211, "LiberationMono-Regular.ttf"),
    "repaired-wrong": (("D1TUR10499263641ZPY0DUF3SWR4O9",), 3337, "LiberationMono-Regular.ttf"),
}  # fmt: skip


@pytest.mark.ocr
def test_a_licence_line_the_repair_changed_is_read_where_tesseract_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import stages

    _cut_level(monkeypatch)
    path = tmp_path / "licence.png"
    lines = _zone_at(path, REPAIRED_LICENCES["repaired-right"])

    assert read_mrz(path, budget_seconds=30).lines == lines
    # Fails without the witness: a line the repair changed is no licence on its own.
    monkeypatch.setattr(stages, "witnessed", lambda reading: False)
    _says_no_mrz(path, budget_seconds=30)


# Licence lines the repair changed that Tesseract reads otherwise only between OCR-B look-alikes, and only
# where nothing was repaired (the benchmark's unseen-font zones DL1 727 and 666, stop 40): in OCR-B oblique
# the country POL read P0L by Tesseract; in FreeMono Bold the line's ZZ read 22 by Tesseract.
LOOK_ALIKE_WITNESSES = {
    "pol-read-p0l-by-tesseract": (("D1POL114707696904WDBXZ6PS6AB46",), 5094, "OCRBL.otf"),
    "zz-read-22-by-tesseract": (("D1FRA19103982544L783WYYKI1ZZT5",), 4667, "FreeMonoBold.ttf"),
}  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(LOOK_ALIKE_WITNESSES))
def test_tesseract_witnesses_a_repaired_licence_line_but_for_look_alikes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str
) -> None:
    from borgerservice_desk.scanning import stages

    _cut_level(monkeypatch)
    path = tmp_path / "licence.png"
    lines = _zone_at(path, LOOK_ALIKE_WITNESSES[zone])

    assert read_mrz(path, budget_seconds=30).lines == lines
    # Fails with a witness that must read every character as ours, look-alikes too: "no MRZ".
    def exact_witness(reading: stages.Reading) -> bool:
        theirs = stages.tesseract_lines(reading.region, len(reading.result.lines))
        return theirs is not None and tuple(theirs) == reading.result.lines

    monkeypatch.setattr(stages, "witnessed", exact_witness)
    _says_no_mrz(path, budget_seconds=30)


@pytest.mark.ocr
def test_a_repair_tesseract_reads_otherwise_is_not_witnessed_even_between_look_alikes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import doubts, stages

    # A licence line in FreeMono Bold (zone DL1 468, stop 40) one look read VOZUO6 where VOZUQ6 is printed,
    # which the repair made V0ZU06 (O and O to 0s, passing the check digit by chance). Tesseract read VOZUQ6:
    # at the repaired places a look-alike, so no witness, and another look's right reading is the answer.
    path = tmp_path / "licence.png"
    lines = _zone_at(path, (("D1ISL14980889606TYZRVOZUQ6YLX1",), 3281, "FreeMonoBold.ttf"))
    assert read_mrz(path, budget_seconds=30).lines == lines

    # Fails where look-alikes pass at repaired places too: the repair's wrong line is taken.
    def any_look_alike(reading: stages.Reading) -> bool:
        theirs = stages.tesseract_lines(reading.region, len(reading.result.lines))
        return theirs is not None and all(
            char == their or their in doubts.look_alikes(char)
            for text, their_line in zip(reading.result.lines, theirs, strict=True)
            for char, their in zip(text, their_line, strict=True)
        )

    # (With the first weighing of a number's O alone, as at stop 40: the odds' weighing, stop 44, reads the
    # right line here before any witness is asked.)
    from borgerservice_desk.scanning import correction

    monkeypatch.setattr(correction, "_odds_preferred", lambda odds, transferred: False)
    monkeypatch.setattr(stages, "witnessed", any_look_alike)
    misread = read_mrz(path, budget_seconds=30)
    assert misread.lines != lines and not misread.failed_checks


@pytest.mark.ocr
def test_a_licence_line_the_repair_got_wrong_is_no_licence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from borgerservice_desk.scanning import stages

    path = tmp_path / "licence.png"
    lines = _zone_at(path, REPAIRED_LICENCES["repaired-wrong"])

    _says_no_mrz(path, budget_seconds=30)
    # What the witness keeps out: taken on the repair's word, the line is wrong with its check digit passing
    # (unless Tesseract's reading, taken in parts, happens to put it right; turned off here).
    from borgerservice_desk.scanning import doubts

    monkeypatch.setattr(stages, "witnessed", lambda reading: True)
    monkeypatch.setattr(doubts, "MOST_PARTED", 0)
    misread = read_mrz(path, budget_seconds=30)
    assert misread.lines != lines and not misread.failed_checks


# Licence lines the reader said "no MRZ" for until stop 43 (the benchmark's unseen-font zones DL1 1247 and 1216).
# In Noto Sans Mono Bold the line was read plainly right, its two Os at 0.6 against 0; the weighing made them
# 0s, which cancel out in the one check digit, and Tesseract read one O and one 0: no witness to the weighed
# line. The line as read is a licence by itself (`stages.licence_read_plainly`), all of it to be compared.
# In Noto Sans Mono the lone O was read 0, the check failing, and the repair made it O; Tesseract read 0 there
# (and added a stray S), but the line's other 0s show the glyph is none (`doubts.own_print_vouches`).
UNWITNESSED_LICENCES = {
    "read-plainly": (("D1POL16328626638OEOLEU7C243KX1",), 8734, "NotoSansMono-Bold.ttf"),
    "own-print-vouches": (("D1D<<10164844690NF5EAGT5OLC9D8",), 8517, "NotoSansMono-Regular.ttf"),
}  # fmt: skip


@pytest.mark.ocr
def test_a_licence_line_read_plainly_is_read_where_the_weighed_one_has_no_witness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import stages

    path = tmp_path / "licence.png"
    lines = _zone_at(path, UNWITNESSED_LICENCES["read-plainly"])
    result = read_mrz(path)
    assert result.lines == lines and not result.failed_checks
    # The two Os could be 0s as far as the check digit knows, which so vouches for none of the line: all of it
    # is marked, for the clerk to compare.
    wrong, marked = _wrong_and_marked(result, lines)
    assert not wrong and marked == {(0, column) for column in range(30)}
    # Marked as contested whatever else marks it: here the recogniser was unsure of the Os too, and that marks
    # the line as well; with those marks set aside, the contested places still mark all of it.
    from borgerservice_desk.scanning import doubts

    with monkeypatch.context() as patched:
        patched.setattr(doubts, "reading_doubts", lambda *args: ())
        assert {(mark.line, mark.column) for mark in read_mrz(path).doubtful} == marked
    # Without it the odds' weighing of a number's O (stop 44) reads the line as printed too, the 0s' reading
    # passing as well: contested, and marked whole.
    monkeypatch.setattr(stages, "licence_read_plainly", lambda *args: None)
    odds = read_mrz(path)
    assert odds.lines == lines and {(mark.line, mark.column) for mark in odds.doubtful} == marked
    # Fails without both: "no MRZ".
    from borgerservice_desk.scanning import correction

    monkeypatch.setattr(correction, "_odds_preferred", lambda odds, transferred: False)
    _says_no_mrz(path)


@pytest.mark.ocr
def test_a_licence_line_s_repair_the_zone_s_own_print_vouches_for_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import doubts

    path = tmp_path / "licence.png"
    lines = _zone_at(path, UNWITNESSED_LICENCES["own-print-vouches"])
    assert read_mrz(path).lines == lines
    # Fails without it: "no MRZ".
    monkeypatch.setattr(doubts, "own_print_vouches", lambda *args: False)
    _says_no_mrz(path)


# Zones in FreeMono Bold whose name line runs together into a few wide blobs (the benchmark's unseen-font zones
# 130 and 131, drawn at stop 29): the reader answered "no MRZ" for both, as the run-together line was taken
# for rules and fitted no grid of its own, where stock PassportEye reads the ID card with every check passing.
# The ID card's issuing country TUR came out as TCA (Turks and Caicos), every check passing (no check digit
# covers it): the case the unfamiliar-print flag is for. Since stop 40 Tesseract's TUR is taken, as ours gave
# its own C and A less than half (`doubts.SECOND_READER_OURS_UNSURE`).
RUN_TOGETHER_ZONES = {
    "id-card": (("ARTURJENSEN<<FREDERIK<CHRISTIAN<EMIL", "D090118099TUR8802233M3205046<<<<<<<2"), 911, False),
    "french-card": (("IDFRAOESTERGAARD<<<<<<<<<<<<<<593305", "1710593470944ZOFIA<<<<<<<<<8311195M4"), 923, False),
}  # fmt: skip


@pytest.mark.ocr
@pytest.mark.parametrize("zone", list(RUN_TOGETHER_ZONES))
def test_a_zone_whose_name_line_runs_together_is_read_by_the_grid_of_the_line_beside_it(
    tmp_path: Path, zone: str
) -> None:
    """Every check passes, the line of number and dates is read exactly, and nothing read wrong goes
    unmarked: the names, which no check digit covers, are right or the clerk is asked to compare the whole
    reading. (The cutting itself, on drawn blocks: tests/unit/test_ocrb_correction.py.)"""
    lines, seed, misread = RUN_TOGETHER_ZONES[zone]
    path = tmp_path / f"{zone}.png"
    render_zone(lines, seed=seed, fonts=[unseen_font("FreeMonoBold.ttf")]).save(path)

    result = read_mrz(path)

    assert not result.failed_checks and result.lines[1] == lines[1]
    wrong, marked = _wrong_and_marked(result, lines)
    assert not wrong or result.compare_whole is not None or wrong <= marked, (result.lines, result.compare_whole)
    # What the case is, with this model: a name misread with every check passing, and the print flagged.
    assert bool(wrong) is misread and (not misread or result.unfamiliar_print)


@pytest.mark.ocr
def test_where_ours_was_unsure_of_its_own_letters_tesseracts_are_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from borgerservice_desk.scanning import doubts

    lines, seed, _misread = RUN_TOGETHER_ZONES["id-card"]
    path = tmp_path / "id-card.png"
    render_zone(lines, seed=seed, fonts=[unseen_font("FreeMonoBold.ttf")]).save(path)
    assert read_mrz(path).lines == lines
    # Fails without the rule: ours' TCA stands, both readings a country and no check digit over it; the print
    # is flagged unfamiliar, so the clerk compares the whole reading.
    monkeypatch.setattr(doubts, "SECOND_READER_OURS_UNSURE", 0.0)
    misread = read_mrz(path)
    wrong, _marked = _wrong_and_marked(misread, lines)
    assert wrong and not misread.failed_checks and misread.unfamiliar_print


@pytest.mark.ocr
@pytest.mark.parametrize("document", ["passport", "id_card", "visa_b"])
def test_a_zone_in_the_learnt_print_is_not_flagged_as_unfamiliar(tmp_path: Path, document: str) -> None:
    lines = {"passport": READABLE_PASSPORTS[1].mrz_lines(), "id_card": ID_CARD, "visa_b": VISA_B}[document]
    path = tmp_path / "zone.png"
    render_zone(lines, seed=3).save(path)

    result = read_mrz(path)

    assert result.lines == lines and not result.unfamiliar_print


@pytest.mark.ocr
def test_print_the_model_reads_wrong_as_it_is_is_read_again_with_thinner_and_thicker_strokes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passport's zone in Liberation Mono Bold, print the model never learnt (TD3, index 6 of the benchmark's
    unseen-font zones): as it is, no reading of the zone passes every check (9, O and 3 come out as 0, 8
    and 5 in the number and the dates); with its strokes a pixel thinner or thicker it is read exactly.
    Without the variants the reading fails its date checks. (The zones this test read before, an ID card and two passports in Liberation Mono
    and FreeMono Bold, are read as they are, or wrong and marked, by the models since; each time the case was
    found again with the stroke variants counted. The model is now built on one vector code on every
    machine, so the case no longer depends on the processor that built it.)"""
    from borgerservice_desk.scanning import stages

    lines = ("P<POLSOERENSEN<<ANNE<MARIE<IDA<<<<<<<<<<<<<<", "RH95Q6O637POL9311170M3511196<<<<<<<<<<<<<<<8")
    path = tmp_path / "liberation-bold-zone.png"
    render_zone(lines, seed=44, fonts=[unseen_font("LiberationMono-Bold.ttf")]).save(path)
    variants: list[int] = []
    real_variants = stages.stroke_variants

    def counted(region: np.ndarray) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[type-arg]
        variants.append(1)
        return real_variants(region)

    monkeypatch.setattr(stages, "stroke_variants", counted)
    result = read_mrz(path)

    assert (result.lines, result.failed_checks) == (lines, ())
    assert variants  # the thinner and thicker strokes were tried

    monkeypatch.setattr(stages, "stroke_variants", lambda region: (region, region))  # no variants: the same look
    # Since stop 42 the zone's own print also puts this number right (`doubts.own_print_reading`): set aside,
    # so that what the variants do is seen.
    from borgerservice_desk.scanning import doubts

    monkeypatch.setattr(doubts, "own_print_reading", lambda mrz_format, read, cells: (tuple(read), ()))
    as_it_is = read_mrz(path)
    # Since stop 41 the composite puts the dates right (`correction._repair`'s field pairs) and every check
    # passes, but the number stays wrong, marked; and as the composite chose, the variants are still read.
    wrong, marked = _wrong_and_marked(as_it_is, lines)
    assert wrong and (as_it_is.failed_checks or wrong <= marked), as_it_is.lines


def _gray(image: Image.Image) -> np.ndarray:  # type: ignore[type-arg]
    return np.asarray(image.convert("L"), dtype=np.float64) / 255.0


@pytest.mark.parametrize("seed", [0, 3, 8])
def test_the_capital_height_is_told_from_the_print_at_any_scale(seed: int) -> None:
    """`render_zone` draws capitals 45-65 px high, each stroke widening them by 2 px per pixel of weight."""
    import random

    from borgerservice_desk.scanning import stages

    rng = random.Random(seed)
    rng.choice((0, 1))  # the font, as render_zone draws it
    cap, stroke = rng.randint(45, 65), rng.choice((0, 1, 2, 3, 4))
    drawn = cap + 2 * stroke
    zone = render_zone(ID_CARD, seed=seed)
    for scale in (0.5, 1.0, 3.0):
        size = (round(zone.width * scale), round(zone.height * scale))
        estimate = stages.cap_height(_gray(zone.resize(size, Image.Resampling.LANCZOS)))
        assert estimate is not None and abs(estimate - drawn * scale) <= drawn * scale * 0.15, (scale, estimate)

    assert stages.cap_height(np.ones((300, 2000))) is None  # blank paper
    two_blots = np.ones((300, 2000))
    two_blots[100:160, 100:140] = two_blots[100:160, 300:340] = 0.0
    assert stages.cap_height(two_blots) is None  # too few characters to say


def test_print_larger_than_the_model_learnt_is_averaged_down_by_a_whole_factor_and_learnt_print_left_alone() -> None:
    from borgerservice_desk.scanning import stages

    zone = render_zone(ID_CARD, seed=0)
    small = _gray(zone.resize((zone.width // 2, zone.height // 2), Image.Resampling.LANCZOS))
    assert stages.at_learnt_scale(small) is small  # capitals of 23-33 px: as the model learnt them

    large = _gray(zone.resize((zone.width * 3, zone.height * 3), Image.Resampling.LANCZOS))
    scaled = stages.at_learnt_scale(large)
    factor = large.shape[0] // scaled.shape[0]
    assert factor >= 2 and scaled.shape == (large.shape[0] // factor, large.shape[1] // factor)
    cap = stages.cap_height(scaled)
    assert cap is not None and stages.SCALED_CAP * 0.6 <= cap <= stages.LARGEST_LEARNT_CAP
    # averaged, not sampled: each pixel is the mean of its block
    assert scaled[5, 7] == pytest.approx(large[5 * factor : 6 * factor, 7 * factor : 8 * factor].mean())


@pytest.mark.ocr
def test_a_zone_photographed_close_up_is_cut_at_the_scale_the_model_learnt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A zone with capitals of about 150 px (a phone held close, a 600 dpi scan) is read exactly, cut at the
    capital height the model learnt (it learnt 5-40 px) instead of at its own: there it took up to 3.5 s of
    the 4 s budget, and print the model never learnt read worse."""
    from borgerservice_desk.scanning import ocrb, stages

    lines = READABLE_PASSPORTS[1].mrz_lines()
    zone = render_zone(lines, seed=2)
    path = tmp_path / "close-up.png"
    zone.resize((zone.width * 3, zone.height * 3), Image.Resampling.LANCZOS).save(path)
    caps: list[float | None] = []
    real_find = ocrb.find_lines  # where every cut of the reader finds its lines

    def measured(region: np.ndarray, **kwargs: bool) -> ocrb.FoundLines:  # type: ignore[type-arg]
        caps.append(stages.cap_height(region))
        return real_find(region, **kwargs)

    monkeypatch.setattr(ocrb, "find_lines", measured)
    result = read_mrz(path)

    assert (result.lines, result.failed_checks) == (lines, ())
    assert caps and all(cap is not None and cap <= stages.LARGEST_LEARNT_CAP for cap in caps), caps


def test_a_stroke_variant_is_a_pixel_thinner_and_a_pixel_thicker() -> None:
    from borgerservice_desk.scanning import stages

    region = np.ones((7, 9))
    region[2:5, 3:6] = 0.0  # a 3 x 3 blot of ink on white paper
    thinner, thicker = stages.stroke_variants(region)

    assert (thinner == 0.0).sum() == 1 and thinner[3, 4] == 0.0
    assert (thicker == 0.0).sum() == 25 and thicker[1:6, 2:7].max() == 0.0
    assert thinner.shape == thicker.shape == region.shape


# --- every document kind, and the ways an image arrives --------------------------------------------------

ID_CARD = compose_td1(
    document_code="IR", issuing_country="DNK", surname="Nguyen", given_names="Thi Mai",
    document_number="RK0012345", nationality="VNM", birth_date=date(1991, 4, 3), sex="F",
    expiry_date=date(2029, 8, 31),
)
OLD_ID_CARD = compose_td2(
    document_code="ID", issuing_country="D", surname="Müller", given_names="Jörg",
    document_number="T22000129", nationality="D", birth_date=date(1964, 8, 12), sex="M",
    expiry_date=date(2030, 10, 31),
)
VISA_A = compose_mrva(
    document_code="V", issuing_country="DNK", surname="Okafor", given_names="Chinedu",
    document_number="VD1234567", nationality="NGA", birth_date=date(1988, 1, 20), sex="M",
    expiry_date=date(2027, 3, 1),
)
VISA_B = compose_mrvb(
    document_code="V", issuing_country="DNK", surname="Haddad", given_names="Lina",
    document_number="VD7654321", nationality="LBN", birth_date=date(1995, 9, 9), sex="F",
    expiry_date=date(2027, 6, 15),
)
LICENCE = compose_dl1(issuing_country="NLD", licence_number="5123456789", optional_data="A7X2K9Q4LM3BZ")


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("lines", "kind"),
    [
        (ID_CARD, MrzFormat.TD1),
        (OLD_ID_CARD, MrzFormat.TD2),
        (VISA_A, MrzFormat.MRVA),
        (VISA_B, MrzFormat.MRVB),
        (LICENCE, MrzFormat.DL1),
    ],
    ids=["td1", "td2", "mrva", "mrvb", "dl1"],
)
def test_every_document_kind_is_read_exactly(tmp_path: Path, lines: tuple[str, ...], kind: MrzFormat) -> None:
    image = render_document_image(lines, tmp_path / "document.jpg")

    result = read_mrz(image)

    assert result.lines == lines
    assert (result.format, result.failed_checks) == (kind, ())
    assert parse_mrz("\n".join(result.lines), today=TODAY).format is kind


@pytest.mark.ocr
def test_fillers_between_names_are_not_read_as_letters(tmp_path: Path) -> None:
    # Stock Tesseract reads "<" after a letter as K or X; no check digit covers names, so a wrong name
    # would pass every check. Short words and single fillers are where it happens most.
    person = SamplePassport("Li", "Bo Yi Ann Kim", "412345678", date(2001, 2, 3), "F")
    image = render_document_image(person.mrz_lines(), tmp_path / "passport.png", scale=0.6)

    document = parse_mrz("\n".join(read_mrz_lines(image)), today=TODAY)

    assert (document.surname, document.given_names) == ("LI", "BO YI ANN KIM")


@pytest.mark.ocr
def test_a_scanner_pdf_is_read_from_the_image_inside_it(tmp_path: Path) -> None:
    person = READABLE_PASSPORTS[0]
    photo = render_document(person.mrz_lines())
    pdf = tmp_path / "scan.pdf"
    photo.convert("RGB").save(pdf, "PDF", resolution=254)

    assert read_mrz_lines(pdf) == person.mrz_lines()


def test_a_pdf_without_an_image_is_refused_as_such(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    pdf = tmp_path / "letter.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "P<DNKJENSEN<<LARS<<<<<<<<<<<<<<<<<<<<<<<<<<<")
    canvas.save()

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(pdf)

    assert caught.value.code == "scan.pdf_without_image"


def test_a_damaged_pdf_is_an_unreadable_image(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(pdf)

    assert caught.value.code == "scan.unreadable_image"


def test_a_cancelled_read_stops_before_reading(tmp_path: Path) -> None:
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(DeskError) as caught:
        read_mrz_lines(image, cancel=cancel)

    assert caught.value.code == "scan.cancelled"


@pytest.mark.ocr
def test_a_photo_taken_sideways_is_turned_and_read(tmp_path: Path) -> None:
    person = READABLE_PASSPORTS[4]
    sideways = render_document(person.mrz_lines()).rotate(90, expand=True)
    path = tmp_path / "sideways.jpg"
    sideways.convert("RGB").save(path, quality=90)

    assert read_mrz_lines(path) == person.mrz_lines()


def _save_heic(image: Image.Image, path: Path, **options: object) -> None:
    """Written by pillow-heif alone, as a phone writes it: not through Pillow, whose HEIF support is what
    the reader must bring itself."""
    import pillow_heif

    pillow_heif.from_pillow(image).save(path, **options)


@pytest.mark.ocr
def test_an_iphone_photo_in_heic_is_turned_as_the_phone_was_held_and_read(tmp_path: Path) -> None:
    """An iPhone saves its photos as HEIC, the sensor's pixels sideways and the turn in the file (stop 33:
    before, "the image cannot be opened"). The page comes out upright, as wide as a passport page is."""
    from PIL import Image as PilImage

    from borgerservice_desk.scanning.images import load_document_images, media_type_of

    person = READABLE_PASSPORTS[2]
    page = render_document(person.mrz_lines())
    exif = PilImage.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to show", as the phone held upright writes it
    path = tmp_path / "IMG_0412.HEIC"
    _save_heic(page.rotate(90, expand=True), path, exif=exif.tobytes(), quality=85)

    [upright] = load_document_images(path)
    assert (upright.shape[1], upright.shape[0]) == page.size
    assert read_mrz_lines(path) == person.mrz_lines()
    assert media_type_of(path) == "image/heic"


def test_a_truncated_heic_is_an_unreadable_image(tmp_path: Path) -> None:
    path = tmp_path / "cut.heic"
    _save_heic(render_document(READABLE_PASSPORTS[0].mrz_lines()), path, quality=60)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])

    with pytest.raises(InvalidInput) as caught:
        read_mrz(path)

    assert caught.value.code == "scan.unreadable_image"


@pytest.mark.ocr
def test_a_sideways_photo_is_turned_before_widened_looks_at_boxes_that_read_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the page as it is gave no reading at all, the turned page's boxes come before widened ones: a
    real passport photographed sideways spent 2.5 s widening boxes round the wrong print first.

    On generated pages the zone finder boxes even a vertical zone as it is, so the page as it is is given
    the boxes the real zone finder finds on a picture of other print (shapes and words), as on that photo."""
    import numpy as np

    from borgerservice_desk.scanning import stages
    from borgerservice_desk.scanning.images import load_document_images

    person = READABLE_PASSPORTS[4]
    path = tmp_path / "sideways.png"
    render_document(person.mrz_lines()).rotate(90, expand=True).convert("RGB").save(path)
    height, width = np.asarray(Image.open(path)).shape[:2]
    other_print = load_document_images(render_noise_image(tmp_path / "other.png", seed=3, size=(width, height)))[0]
    real_locate, real_regions = stages.locate, stages.regions

    def locate(page: np.ndarray, max_width: int) -> stages.Boxes | None:  # type: ignore[type-arg]
        return real_locate(other_print if page.shape == other_print.shape else page, max_width)

    looks: list[tuple[bool, bool]] = []  # (the page as it is, widened) of every region taken

    def regions(found: stages.Boxes, box: object, *, wide: bool):  # type: ignore[no-untyped-def]
        looks.append((found.page is other_print, wide))
        return real_regions(found, box, wide=wide)

    monkeypatch.setattr(stages, "locate", locate)
    monkeypatch.setattr(stages, "regions", regions)

    assert read_mrz_lines(path) == person.mrz_lines()
    assert (True, False) in looks  # the page as it is had boxes, which read nothing
    assert (False, False) in looks and not any(wide for _, wide in looks)  # turned before any box was widened


def _mrz_box(page: Image.Image) -> tuple[int, int, int, int]:
    """The bounding box of the dark MRZ print in the lower part of a rendered page."""
    import numpy as np

    dark = np.asarray(page.convert("L")) < 80
    dark[: int(page.height * 0.6)] = False
    rows, columns = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    return int(columns[0]), int(rows[0]), int(columns[-1]), int(rows[-1])


@pytest.mark.ocr
def test_a_coloured_frame_drawn_tight_round_a_turned_mrz_is_not_read_as_part_of_it(tmp_path: Path) -> None:
    # A photo of the page turned a quarter, with a red frame drawn close round the zone, as on a help page
    # or an annotated copy (a Latvian specimen photographed so was found without an MRZ before colour
    # photos were read by their brightest channel; this drawn page is read either way, so it guards the
    # whole path, not that step: `test_colour_print_turns_pale_and_black_ink_stays_dark` does that).
    from PIL import ImageDraw

    person = READABLE_PASSPORTS[5]
    page = render_document(person.mrz_lines())
    left, top, right, bottom = _mrz_box(page)
    ImageDraw.Draw(page).rectangle((left - 12, top - 12, right + 12, bottom + 12), outline=(220, 20, 20), width=6)
    path = tmp_path / "framed.jpg"
    page.rotate(90, expand=True).save(path, quality=90)

    assert read_mrz_lines(path) == person.mrz_lines()


def _glare_read_whole(
    tmp_path: Path, lines: tuple[str, ...], seed: int, budget_seconds: float | None = None
) -> set[tuple[int, int]]:
    """The benchmark's glare (a lamp's reflection on the laminate) on a document with `lines`, drawn from
    `seed`, read (under `budget_seconds`, or the default budget): every check passing, every character right or
    marked. The (line, column) read wrong."""
    from benchmarks.damage import damage

    path = tmp_path / "glare.png"
    damage(render_document(lines), "glare", seed=seed).save(path)

    result = read_mrz(path, budget_seconds=budget_seconds)

    wrong, marked = _wrong_and_marked(result, lines)
    assert result.failed_checks == ()
    assert wrong <= marked
    return wrong


@pytest.mark.ocr
def test_a_line_whose_start_is_washed_out_by_glare_is_read_whole(tmp_path: Path) -> None:
    # The glare washes out the start of the top line until the cutter finds a line of 30 over a line of 36,
    # and no MRZ. The line below shows where an MRZ line starts, how long it is and its pitch; the washed-out
    # characters are still there to read. Read whole: found and cut as 2 x 36, and each character right or,
    # in the washed-out start, marked for the clerk (the model built on the pinned vector code reads the
    # filler after the I as S there, and marks the unusual document code IS).
    wrong = _glare_read_whole(tmp_path, ("I<NLDJENSEN<<BJORN<<<<<<<<<<<<<<<<<<", "2786OOP279NLD4905125F3406131<<<<<<<2"), 1)

    assert all(line == 0 and column < 5 for line, column in wrong)


@pytest.mark.ocr
def test_a_card_whose_zone_glare_broke_into_pieces_is_read_from_the_band_at_its_foot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The benchmark's glare zone TD1 2001: the reflection splits each line of the card's zone, and PassportEye's
    # zone finder boxes no part of it. Every look at what it boxed fails, and the answer was "no MRZ". The band
    # across the card's foot (`stages.zone_bands`) is read whole.
    from borgerservice_desk.scanning import stages

    lines = ("IDNLD281L8S5302<<<<<<<<<<<<<<<", "4405256F3505182POL<<<<<<<<<<<8", "JENSEN<<ANNE<MARIE<<<<<<<<<<<<")
    bands: list[object] = []
    real_zone_bands = stages.zone_bands
    monkeypatch.setattr(stages, "zone_bands", lambda page: bands.append(page) or real_zone_bands(page))

    _glare_read_whole(tmp_path, lines, 2001)

    assert bands  # read from a band: no look at the boxes passed


@pytest.mark.ocr
def test_a_name_s_letters_whose_feet_a_slanted_region_cut_off_are_never_passed_unmarked(tmp_path: Path) -> None:
    # The benchmark's glare zone TD1 2223: the best look at the card is a region cut at a slant to the print,
    # its edge across the feet of the name line's last letters. Both Es of EMRE<E were read F at 0.98, and the
    # first passed unmarked with every check digit passing. Their cells are clipped now (`CellLine.clipped`):
    # read right, or marked for the clerk.
    lines = ("IDDNK15S1087S20<<<<<<<<<<<<<<<", "7506143M2912305NLD<<<<<<<<<<<8", "KRISTIANSEN<BJOERNHOLM<<EMRE<E")

    wrong = _glare_read_whole(tmp_path, lines, 2223)

    assert all(line == 2 and column >= 24 for line, column in wrong)


@pytest.mark.ocr
def test_a_card_whose_zone_the_finder_boxed_at_an_angle_is_read_along_its_lines(tmp_path: Path) -> None:
    # The benchmark's glare zone TD2 2306: the glare breaks up the middle of both lines, and the zone finder's
    # box is turned 2 degrees against the print. The deskew turns the region back by half that, and the lines
    # still climb across it by half their height. Cut in one level band, the top line's start lost its heads:
    # its I read A, its O read V, both unmarked, every check digit passing. Cut along the slope (`ocrb._slope`),
    # the card is read exactly.
    lines = ("I<NLDONEILL<<SOEREN<AAGE<<<<<<<<<<<<", "404WA9L345NLD5109089M2805287<<<<<<<4")

    assert _glare_read_whole(tmp_path, lines, 2306) == set()


@pytest.mark.ocr
def test_a_passport_whose_zone_a_region_cuts_short_is_not_read_as_a_card(tmp_path: Path) -> None:
    # The benchmark's glare zone TD3 2343: the glare breaks up both lines, and a widened box held the first 37
    # of the 44 characters of each, the last cut through. Read as a card's 2 x 36, every check digit passed (a
    # passport's lines are a card's up to the optional data, and the fillers weigh nothing in a check digit):
    # a P read A, the names cut short, passed silently. Its lines run off the region
    # (`ocrb.CellLine.runs_off`), so the wider look is still tried, which holds the whole zone.
    lines = ("P<POLKRISTIANSEN<BJOERNHOLM<<ELENI<<<<<<<<<<", "56119Y7953D<<7810200F3002245<<<<<<<<<<<<<<<8")

    assert _glare_read_whole(tmp_path, lines, 2343) == set()


@pytest.mark.ocr
def test_a_page_whose_boxes_as_found_read_nothing_has_its_bands_read_before_the_widened_boxes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The benchmark's glare zone TD3 2382: the glare washes out the middle of both lines, the zone finder boxes
    # pieces of them, and no look at a box as found reads anything. The widened boxes were looked at next, the
    # page turned too, and the zone was read from the band across the page's foot after 2.8 s of them; the band
    # reads it in a tenth of a second. A single page's bands are read before its widened boxes. A budget no
    # machine comes near: on a slow one the reserve kept for the bands (`BANDS_RESERVE_SECONDS`) would also
    # end the looks before any widened box, and the test would pass without the rule.
    from borgerservice_desk.scanning import stages

    lines = ("P<NLDPAPADOPOULOU<<ELENI<AOIFE<<<<<<<<<<<<<<", "03L4E6X4F4NLD4612311M2711209<<<<<<<<<<<<<<<4")
    widened: list[object] = []
    real_regions = stages.regions

    def regions(found: stages.Boxes, box: object, *, wide: bool) -> object:
        if wide:
            widened.append(box)
        return real_regions(found, box, wide=wide)

    monkeypatch.setattr(stages, "regions", regions)

    assert _glare_read_whole(tmp_path, lines, 2382, budget_seconds=60.0) == set()
    assert widened == []


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("lines", "seed"),
    [
        # The first 9 characters of the top line washed out: the 21 left fitted a line of 30 at a pitch of 17.5
        # where they stand 25 apart; every cell held halves of two characters (stray C's in the fillers).
        (("IDPOL90L453D218<<<<<<<<<<<<<<<", "5008104F3509146POL<<<<<<<<<<<8", "NGUYEN<<ANNE<MARIE<<<<<<<<<<<<"), 2420),
        # The ends of both lower lines washed out, each squeezed so; the top line found whole lends its grid
        # down the zone ("no MRZ" before).
        (("IDGBR515PZ532Q1<<<<<<<<<<<<<<<", "0002093M2611217ISL<<<<<<<<<<<8", "ANDERSSON<<LI<METTE<<<<<<<<<<<"), 2403),
    ],
)
def test_a_card_line_that_glare_squeezed_into_a_wrong_grid_takes_its_neighbour_s(
    tmp_path: Path, lines: tuple[str, ...], seed: int
) -> None:
    # The benchmark's glare TD1 2420 and 2403 (`ocrb._shared_grids`): checks failing after 3.9 s, or no MRZ.
    assert _glare_read_whole(tmp_path, lines, seed) == set()


@pytest.mark.ocr
@pytest.mark.parametrize(
    ("lines", "seed"),
    [
        # Both lines of a passport found as 30 characters each, the last 14 of each washed out to a faint grey.
        (("P<UTOYILMAZ<<THI<LAN<IDA<<<<<<<<<<<<<<<<<<<<", "U47W3879K6NLD5211261M3401066<<<<<<<<<<<<<<<8"), 2403),
        # A licence's line, its last 7 characters washed out and the 23 left squeezed into a line of 30.
        (("D1SWE13687639625SQOQPH1PR5UH18",), 2403),
    ],
)
def test_a_zone_whose_end_glare_washed_out_past_every_threshold_is_read_over_the_faint_ink(
    tmp_path: Path, lines: tuple[str, ...], seed: int
) -> None:
    # The benchmark's glare TD3 and DL1 2403: "no MRZ" after 3.8 s. Each line's grid is carried on over the
    # faint ink beyond its end (`ocrb._extended`). A budget no machine comes near, so that a slow one reads it too.
    assert _glare_read_whole(tmp_path, lines, seed, budget_seconds=60.0) == set()


DEJAVU_MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@pytest.mark.ocr
def test_a_card_printed_in_another_monospaced_font_with_an_n_tilde_is_read(tmp_path: Path) -> None:
    # Some issuers print the MRZ in a common monospaced font instead of OCR-B, and some put Ñ into the
    # names, which ICAO does not allow: it is read as N, the letter it stands for. Lines mostly of fillers,
    # which in this font are far shorter than the letters, must not cost the letters their tops.
    lines = compose_td1(
        document_code="ID", issuing_country="ESP", surname="Peña", given_names="Íñigo",
        document_number="BAA000589", nationality="ESP", birth_date=date(1979, 6, 21), sex="M",
        expiry_date=date(2030, 2, 14),
    )
    assert lines[2] == "PENA<<INIGO" + "<" * 19
    printed = (*lines[:2], "PEÑA<<IÑIGO" + "<" * 19)
    image = render_document_image(printed, tmp_path / "card.png", mrz_font_file=DEJAVU_MONO)

    result = read_mrz(image)

    assert result.lines == lines
    assert result.failed_checks == ()


@pytest.mark.ocr
def test_digits_printed_as_the_nationality_are_read_as_printed(tmp_path: Path) -> None:
    # A specimen prints 132 where the nationality belongs. No check digit covers the field, so the reader
    # must not make up letters for it: the digits come back, and the parser names the code unknown.
    lines = compose_td2(
        document_code="ID", issuing_country="ROU", surname="Sava", given_names="Ion",
        document_number="HD1980251", nationality="ROU", birth_date=date(1985, 5, 9), sex="M",
        expiry_date=date(2030, 5, 9),
    )
    printed = (lines[0], lines[1][:10] + "132" + lines[1][13:])
    image = render_document_image(printed, tmp_path / "card.jpg")

    result = read_mrz(image)

    assert result.lines == printed
    assert result.failed_checks == ()


@pytest.mark.ocr
def test_without_tesseract_the_ocr_b_reader_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tesseract is only a second opinion where a check digit fails; a clean scan never needs it.
    image = render_document_image(READABLE_PASSPORTS[1].mrz_lines(), tmp_path / "passport.png")
    monkeypatch.setattr(shutil, "which", lambda name: None)

    assert read_mrz_lines(image) == READABLE_PASSPORTS[1].mrz_lines()


def test_colour_print_turns_pale_and_black_ink_stays_dark(tmp_path: Path) -> None:
    # The MRZ is black ink; a red frame, a blue guilloche and green security print are not. Plain luminance
    # makes pure red as dark as a grey of 30 %, which the zone finder takes for print.
    from borgerservice_desk.scanning.images import load_document_images

    page = Image.new("RGBA", (200, 100), (246, 243, 234, 255))
    for x0, colour in ((0, (220, 20, 20, 255)), (50, (40, 70, 210, 255)), (100, (30, 150, 60, 255)), (150, (20, 20, 25, 255))):
        page.paste(Image.new("RGBA", (50, 50), colour), (x0, 0))
    page.paste(Image.new("RGBA", (200, 50), (0, 0, 0, 0)), (0, 50))  # transparent: no print at all
    path = tmp_path / "colours.png"
    page.save(path)

    gray = load_document_images(path)[0]

    red, blue, green, black = (float(gray[25, x0 + 25]) for x0 in (0, 50, 100, 150))
    assert min(red, blue, green) > 0.55, (red, blue, green)
    assert black < 0.15
    assert float(gray[75, 100]) == 1.0  # transparent pixels count as white paper, not black


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


@pytest.mark.ocr
def test_a_16_bit_greyscale_scan_is_read_not_clipped_to_white(tmp_path: Path) -> None:
    # Pillow's convert("L") clips 16-bit values above 255 to white: the scan would look empty.
    person = READABLE_PASSPORTS[2]
    eight_bit = render_document(person.mrz_lines()).convert("L")
    import numpy as np

    wide = Image.fromarray((np.asarray(eight_bit, dtype=np.uint16) * 257).astype(np.uint16))
    path = tmp_path / "scan16.png"
    wide.save(path)
    with Image.open(path) as saved:
        assert saved.mode.startswith("I")

    assert read_mrz_lines(path) == person.mrz_lines()


@pytest.mark.ocr
def test_the_data_page_of_a_multi_page_tiff_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The blank cover's bands (`stages.zone_bands`) are not read before the data page is looked at: the bands
    # come after every page's looks, so a cover does not spend the time the data page needs.
    from borgerservice_desk.scanning import stages

    person = READABLE_PASSPORTS[3]
    cover = Image.new("L", (1000, 700), 250)
    page = render_document(person.mrz_lines()).convert("L")
    path = tmp_path / "scan.tiff"
    cover.save(path, save_all=True, append_images=[page])
    banded: list[object] = []
    real_zone_bands = stages.zone_bands
    monkeypatch.setattr(stages, "zone_bands", lambda page: banded.append(page) or real_zone_bands(page))

    assert read_mrz_lines(path) == person.mrz_lines()
    assert banded == []


@pytest.mark.parametrize("size", [(1, 1), (5, 5), (7, 300)])
def test_a_picture_too_small_for_a_zone_is_no_mrz(tmp_path: Path, size: tuple[int, int]) -> None:
    # No band of it to read (a band of a picture one pixel high would be empty).
    path = tmp_path / "tiny.png"
    Image.new("L", size, 255).save(path)

    _says_no_mrz(path)


def test_a_directory_is_an_unreadable_image(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(tmp_path)

    assert caught.value.code == "scan.unreadable_image"


def test_a_file_too_large_for_a_scan_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from borgerservice_desk.scanning import images

    monkeypatch.setattr(images, "MAX_FILE_BYTES", 1000)
    path = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "big.png")

    with pytest.raises(InvalidInput) as caught:
        read_mrz_lines(path)

    assert caught.value.code == "scan.unreadable_image"
    assert "too large" in caught.value.params["detail"]


def test_without_the_character_model_the_reader_says_how_to_build_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BSD_OCRB_MODEL", str(tmp_path / "no-model.npz"))
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")

    with pytest.raises(DeskError) as caught:
        read_mrz_lines(image)

    assert caught.value.code == "scan.model_missing"


@pytest.mark.ocr
def test_a_number_misread_in_a_pair_its_check_digit_passes_is_put_right_by_the_composite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passport in Liberation Mono Bold (the benchmark's unseen-font zone TD3 840, stop 41): its number
    8S4327739 check 5 read 884827780 check 6 (an S as 8, which no check digit tells apart; 3s as 8s, which
    Tesseract reads rightly; and the 9 and the 5 as 0 and 6, which pass the number's check digit together).
    The composite, read 0 rightly, fails on that number: the cheapest repair that passes it is the 9 and 5
    behind the 0 and 6 (`correction._repair`), not the composite made an 8 to fit the wrong number. What
    stays wrong (the S) is marked."""
    from borgerservice_desk.scanning import correction

    _cut_level(monkeypatch)
    path = tmp_path / "passport.png"
    lines = _zone_at(
        path, (("P<DNKAL<HASSAN<<ELENI<BJOERN<<<<<<<<<<<<<<<<", "8S43277395DNK6505149M2611125<<<<<<<<<<<<<<<0"), 5882,
               "LiberationMono-Bold.ttf")
    )  # fmt: skip

    result = read_mrz(path, budget_seconds=30)

    # Since stop 42 the S (which no check digit tells from 8) is taken from the zone's own print too (the Ss
    # of HASSAN, `doubts.own_print_reading`): exact. Set aside, the S stays wrong, and marked.
    assert (result.lines, result.failed_checks) == (lines, ()), result.lines
    from borgerservice_desk.scanning import doubts

    monkeypatch.setattr(doubts, "own_print_reading", lambda mrz_format, read, cells: (tuple(read), ()))
    result = read_mrz(path, budget_seconds=30)
    wrong, marked = _wrong_and_marked(result, lines)
    assert not result.failed_checks and wrong == {(1, 1)} and wrong <= marked, result.lines
    # Fails without the composite's field pairs: its 0 made an 8, the 0 and 6 standing. And then, without
    # `covered_doubts`' composite rule, that 8 is wrong and unmarked, alone unsure in its own group.
    monkeypatch.setattr(correction, "_field_positions", lambda check, checks: [])
    misread = read_mrz(path, budget_seconds=30)
    wrong, marked = _wrong_and_marked(misread, lines)
    assert not misread.failed_checks and {(1, 8), (1, 9), (1, 43)} <= wrong <= marked, misread.lines


@pytest.mark.ocr
def test_a_number_s_os_the_weighing_made_0s_beside_a_repaired_digit_are_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passport in Liberation Mono Bold (zone TD3 996, block 996-1031, stop 42) whose number B8O506O08 ours
    saw with each O at a coin toss against 0 and the 6 plainly: the weighing (numbers hold 0 far more often)
    made the Os 0s, the number's check digit then failed, and the repair made the 6 an 8 to fit them. Every
    check passes on B80508008; the 0s were sure by the weighing and the 8 alone unsure, so nothing was marked.
    The check digit decided once for the three (`doubts._coin_toss`). Fails without that rule."""
    from borgerservice_desk.scanning import doubts

    _cut_level(monkeypatch)
    path = tmp_path / "passport.png"
    lines = _zone_at(
        path, (("P<SWESOERENSEN<<MOHAMMED<<<<<<<<<<<<<<<<<<<<", "B8O506O082SWE4212010F3404148<<<<<<<<<<<<<<<2"), 6974,
               "LiberationMono-Bold.ttf")
    )  # fmt: skip

    result = read_mrz(path, budget_seconds=30)
    wrong, marked = _wrong_and_marked(result, lines)
    assert not result.failed_checks and wrong == {(1, 2), (1, 5), (1, 6)} and wrong <= marked, result.lines

    monkeypatch.setattr(doubts, "_coin_toss", lambda *args: False)
    wrong, marked = _wrong_and_marked(read_mrz(path, budget_seconds=30), lines)
    assert wrong == {(1, 2), (1, 5), (1, 6)} and not wrong & marked


@pytest.mark.ocr
def test_a_visa_s_optional_data_is_read_as_the_zone_prints_its_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visa in Noto Sans Mono (zone MRVB 1031, stop 42) whose optional data's O ours reads 0: no check
    digit covers it. The glyph is a print of the O of AOIFE (0.65 from it, 4.2 from the nearest 0), so the O is taken (`doubts.own_print_reading`), and marked. Fails without that rule: the 0
    stood, marked only."""
    from borgerservice_desk.scanning import doubts

    path = tmp_path / "visa.png"
    lines = _zone_at(
        path, (("VCFRAYILMAZ<<AOIFE<KIRSTEN<MARGRETHE", "H409797128FRA4105305M29081998QROC<<<"), 7221,
               "NotoSansMono-Regular.ttf")
    )  # fmt: skip

    result = read_mrz(path, budget_seconds=30)
    # Marked with the O: Tesseract marked the place too, reading an O, but its mark named our 0; the desk would
    # take a mark naming another character for settled. Fails with the second reader's marks put first.
    wrong, marked = _wrong_and_marked(result, lines)
    assert not wrong and (1, 31) in marked

    monkeypatch.setattr(doubts, "own_print_reading", lambda mrz_format, read, cells: (tuple(read), ()))
    wrong, marked = _wrong_and_marked(read_mrz(path, budget_seconds=30), lines)
    assert wrong == {(1, 31)} <= marked


@pytest.mark.ocr
def test_a_reading_the_composite_chose_a_field_of_does_not_end_the_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A passport in Liberation Mono Bold (zone TD3 834, stop 41) whose birth date 990815 both scales read
    000815 (two 9s as 0s, passing the date's check digit together): the composite, failing, chose the 9s
    behind them, right, but a pair chosen so is in doubt, and the whole number and date were marked. A look
    with strokes a pixel thinner reads the date plainly; it is tried, as for a reading that fails a check,
    and `stages.better` takes it: nothing to confirm. Fails with such a reading ending the search. (Issued by
    Denmark since stop 50: Germany prints no B in its numbers, and the rules would ask for it.)"""
    from borgerservice_desk.scanning import stages

    path = tmp_path / "passport.png"
    lines = _zone_at(
        path, (("P<DNKLARSEN<KJAER<<FREDERIK<CHRISTIAN<EMIL<<", "3BJ42J17G0D<<9908154F2608112<<<<<<<<<<<<<<<2"), 5840,
               "LiberationMono-Bold.ttf")
    )  # fmt: skip

    result = read_mrz(path, budget_seconds=30)
    assert (result.lines, result.doubtful) == (lines, ())

    monkeypatch.setattr(stages.Reading, "plainly_passes", property(lambda reading: not reading.result.failed_checks))
    ended = read_mrz(path, budget_seconds=30)
    assert ended.lines == lines and {(1, 13), (1, 14)} <= {(doubt.line, doubt.column) for doubt in ended.doubtful}


@pytest.mark.ocr
def test_a_visa_s_optional_data_the_second_reader_read_as_a_look_alike_is_marked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A visa in Liberation Mono Bold (zone MRVA 947, block 924-959, stop 41) whose optional data's G ours reads
    0 (the G at a fiftieth) and Tesseract 6 (ours giving the 6 nothing): no check digit covers it, and the 0
    passed unmarked. Tesseract's 6 says G as much as 6 (`doubts.second_reader_look_alike_doubts`). Fails
    without that rule."""
    from borgerservice_desk.scanning import doubts

    _cut_level(monkeypatch)
    path = tmp_path / "visa.png"
    lines = _zone_at(
        path, (("VCDNKONEILL<<MOHAMMED<<<<<<<<<<<<<<<<<<<<<<<", "8M1S4527<1DNK5207147M2603210G5<<<<<<<<<<<<<<"), 6632,
               "LiberationMono-Bold.ttf")
    )  # fmt: skip

    result = read_mrz(path, budget_seconds=30)
    wrong, marked = _wrong_and_marked(result, lines)
    assert (1, 28) in wrong and wrong <= marked, result.lines  # what the case is, with this model

    monkeypatch.setattr(doubts, "second_reader_look_alike_doubts", lambda *args: ())
    wrong, marked = _wrong_and_marked(read_mrz(path, budget_seconds=30), lines)
    assert (1, 28) in wrong - marked
