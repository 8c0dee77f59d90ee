"""The zone's own print as a witness: a visa's optional data has no check digit, so a character there that
looks more like another character printed in the same zone than like any print of its own is marked.

The cells are glyphs of Liberation Mono (a font the OCR-B model never learnt, whose O the model read as 0 in
the benchmark), drawn as the cut gives them: each up to a few pixels off its cell's centre, by fractions of a
pixel too.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat
from borgerservice_desk.scanning import doubts
from borgerservice_desk.scanning.doubts import own_print_doubts, own_print_reading, reading_doubts
from borgerservice_desk.scanning.ocrb import CELL_SIZE
from tests.support import mrz
from tests.support.passport_image import unseen_font
from tests.support.recogniser import certain

# The O of HOLM, MOHAMMED and POL; 0s in the number's check digit and both dates; optional data ending in O.
VISA = mrz.compose_mrva(
    document_code="VC", issuing_country="POL", surname="Holm", given_names="Mohammed",
    document_number="4ZM56589Y", nationality="POL", birth_date=date(1940, 1, 6), sex="F",
    expiry_date=date(2033, 12, 5), optional_data="K1D7SZZO",
)  # fmt: skip
OPTIONAL_O = (1, VISA[1].index("SZZO") + 3)
# The same with a C in the surname, an 8 in the birth date and a 0 closing the optional data.
RICH = mrz.compose_mrva(
    document_code="VC", issuing_country="POL", surname="Holck", given_names="Mohammed",
    document_number="4ZM56589Y", nationality="POL", birth_date=date(1948, 1, 6), sex="F",
    expiry_date=date(2033, 12, 5), optional_data="K1D7SZZO0",
)  # fmt: skip


SCALE = 4  # glyphs are drawn this much larger and shrunk: offsets of a fraction of a pixel, grey edges


@pytest.fixture(scope="module")
def font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(unseen_font("LiberationMono-Regular.ttf")), 22 * SCALE)


def _cell(font: ImageFont.FreeTypeFont, char: str, offset: tuple[float, float]) -> NDArray[np.float32]:
    """One cut cell (ink = 1) holding `char`, its glyph `offset` (down, right) pixels off the usual place."""
    image = Image.new("L", (CELL_SIZE[1] * SCALE, CELL_SIZE[0] * SCALE), 0)
    place = (round((4 + offset[1]) * SCALE), round((1 + offset[0]) * SCALE))
    ImageDraw.Draw(image).text(place, char, fill=255, font=font)
    small = image.resize((CELL_SIZE[1], CELL_SIZE[0]), Image.Resampling.BOX)
    return (np.asarray(small, dtype=np.float32) / 255.0).reshape(-1)


def _offset(line: int, column: int) -> tuple[float, float]:
    """Where the cut puts a glyph in its cell: up to 2.5 pixels off either way, whole and in quarters."""
    return ((7 * column + 3 * line) % 11 / 2 - 2.5, (5 * column + line) % 9 / 2 - 2.0)


def _printed(font: ImageFont.FreeTypeFont, lines: tuple[str, ...]) -> list[NDArray[np.float32]]:
    """The cells of a zone printed with `lines`, every glyph off centre by its own amount."""
    return [
        np.stack([_cell(font, char, _offset(line, column)) for column, char in enumerate(text)])
        for line, text in enumerate(lines)
    ]


def _read_as(lines: tuple[str, ...], position: tuple[int, int], char: str) -> tuple[str, ...]:
    line, column = position
    out = list(lines)
    out[line] = out[line][:column] + char + out[line][column + 1 :]
    return tuple(out)


def test_an_optional_data_letter_read_as_its_look_alike_digit_is_marked(font: ImageFont.FreeTypeFont) -> None:
    """The printed O read 0, surely (no check digit there): the glyph is nearer the zone's Os than its 0s."""
    read = _read_as(VISA, OPTIONAL_O, "0")
    marks = own_print_doubts(MrzFormat.MRVA, read, _printed(font, VISA))
    assert marks == (Doubt(*OPTIONAL_O, "0", DoubtReason.LOOK_ALIKE, "optional_data"),)
    # and as part of all that is in doubt, where the recogniser's sureness alone marked nothing
    assert reading_doubts(MrzFormat.MRVA, read, certain(read)) == ()
    assert reading_doubts(MrzFormat.MRVA, read, certain(read), cells=_printed(font, VISA)) == marks


def test_a_digit_read_as_another_digit_is_marked(font: ImageFont.FreeTypeFont) -> None:
    """No look-alike pair: a 9 the recogniser took for a 0 still looks like the 9 of the number."""
    printed = _read_as(VISA, OPTIONAL_O, "9")
    marks = own_print_doubts(MrzFormat.MRVA, _read_as(printed, OPTIONAL_O, "0"), _printed(font, printed))
    assert [(mark.line, mark.column) for mark in marks] == [OPTIONAL_O]


def test_optional_data_read_right_is_not_marked(font: ImageFont.FreeTypeFont) -> None:
    assert own_print_doubts(MrzFormat.MRVA, VISA, _printed(font, VISA)) == ()


def test_a_character_with_no_print_of_its_own_in_the_zone_is_left_to_the_recogniser(
    font: ImageFont.FreeTypeFont,
) -> None:
    """The optional data's K, 7 and S are printed nowhere else on this visa: nothing to compare them with.
    Read as an X (printed nowhere either) the K stays unmarked by this rule, even if its glyph is nearest an M."""
    position = (1, VISA[1].index("K1D7"))
    assert own_print_doubts(MrzFormat.MRVA, _read_as(VISA, position, "X"), _printed(font, VISA)) == ()


def test_prints_under_a_failing_check_digit_are_no_witness(font: ImageFont.FreeTypeFont) -> None:
    """The number's first 5 read as S fails its check digit: that 'S' is a 5 as printed, so it must not vouch
    for an optional data 5 printed just like it and read as S as well. Compared with the zone's real S and the
    expiry's 5, that one is marked; were the failing number a witness, its "S" would be the nearest print and
    the misread would pass unmarked."""
    number_5 = (1, 3)
    optional = (1, VISA[1].index("SZZO") + 1)
    printed = _read_as(VISA, optional, "5")
    read = _read_as(_read_as(printed, number_5, "S"), optional, "S")
    cells = [line.copy() for line in _printed(font, printed)]
    cells[1][number_5[1]] = cells[1][optional[1]]
    marks = own_print_doubts(MrzFormat.MRVA, read, cells)
    # (the real S may be marked too: the optional 5 read S is a print of "S" as well, and unlike it)
    assert optional in {(mark.line, mark.column) for mark in marks}


def test_a_failing_check_digit_is_no_witness_either(font: ImageFont.FreeTypeFont) -> None:
    """The number's check digit, a 0, read as 8 (the number's check fails): an optional data 0 printed just
    like it and read as 8 as well is compared with the birth date's real 8 and the zone's 0s, and marked."""
    number_check = (1, 9)
    last = (1, RICH[1].index("SZZO0") + 4)
    read = _read_as(_read_as(RICH, number_check, "8"), last, "8")
    cells = [line.copy() for line in _printed(font, RICH)]
    cells[1][number_check[1]] = cells[1][last[1]]
    assert last in {(mark.line, mark.column) for mark in own_print_doubts(MrzFormat.MRVA, read, cells)}


def test_the_document_code_and_names_are_not_judged(font: ImageFont.FreeTypeFont) -> None:
    """The rules vouch for the document code, and a name's letters are judged among letters by the
    recogniser: neither is judged here, however its glyph compares (the code's C printed like an O, the H of
    HOLCK like an M)."""
    code_c, name_h = (0, 1), (0, 5)
    printed = _read_as(_read_as(RICH, code_c, "O"), name_h, "M")
    marked = {(mark.line, mark.column) for mark in own_print_doubts(MrzFormat.MRVA, RICH, _printed(font, printed))}
    assert not marked & {code_c, name_h}


def test_a_number_character_unlike_its_own_prints_puts_the_whole_number_in_doubt(
    font: ImageFont.FreeTypeFont,
) -> None:
    """The number's check digit passes with the 5 read, so were the glyph the S it looks like, another
    character of the number would be wrong as well, in a pair that cancels out (a FreeMono Bold passport's
    Q and O read O and 0, benchmark zone TD3 453): the digit vouches for none of them."""
    number_5 = (1, 3)
    printed = _read_as(VISA, number_5, "S")
    marks = own_print_doubts(MrzFormat.MRVA, VISA, _printed(font, printed))
    number = [(1, column) for column in range(10)]  # nine characters and the check digit
    assert [(mark.line, mark.column) for mark in marks] == number
    assert {mark.reason for mark in marks} == {DoubtReason.CHECK_BY_CHANCE}
    assert marks[-1].field == "document_number_check"


def test_a_character_lost_to_a_filler_at_the_end_of_the_number_is_marked_with_it(
    font: ImageFont.FreeTypeFont,
) -> None:
    """A short number's last character read as a filler (the digit passing by chance with it): fillers that
    end a field are no text the clerk compares, but that one is unlike the zone's fillers and like its 8s."""
    short = mrz.compose_mrva(
        document_code="VC", issuing_country="POL", surname="Holm", given_names="Mohammed",
        document_number="4ZM5658", nationality="POL", birth_date=date(1940, 1, 6), sex="F",
        expiry_date=date(2033, 12, 5), optional_data="K1D7SZZO",
    )  # fmt: skip
    lost = (1, 7)
    assert short[1][lost[1]] == "<"
    marks = own_print_doubts(MrzFormat.MRVA, short, _printed(font, _read_as(short, lost, "8")))
    marked = {(mark.line, mark.column): mark.reason for mark in marks}
    assert marked[lost] is DoubtReason.CHECK_BY_CHANCE
    assert {(1, column) for column in range(7)} <= set(marked)  # and the number's text with it
    assert not set(marked) & {(1, column) for column in range(13, 20)}  # not the birth date: its digit vouches


def test_a_continued_number_is_in_doubt_whole(font: ImageFont.FreeTypeFont) -> None:
    """An ID card's number of 12 goes on into the optional data, under the composite check digit: its
    continued part's 5 printed like an S puts the whole number in doubt, from its first character to its
    real check digit, and not the rest of what the composite covers."""
    card = mrz.compose_td1(
        document_code="ID", issuing_country="DNK", surname="Holm", given_names="Mohammed",
        document_number="AB1234567S95", nationality="DNK", birth_date=date(1985, 3, 14), sex="M",
        expiry_date=date(2031, 5, 2),
    )  # fmt: skip
    continued_5 = (0, card[0].index("<") + 3)
    assert card[0][continued_5[1]] == "5"
    marks = own_print_doubts(MrzFormat.TD1, card, _printed(font, _read_as(card, continued_5, "S")))
    marked = {(mark.line, mark.column) for mark in marks}
    number = {(0, column) for column in range(5, 14)} | {(0, column) for column in range(15, 19)}
    assert number <= marked
    assert not marked & {(1, column) for column in range(0, 7)}  # the birth date, vouched for by its own digit
    assert (1, 29) not in marked  # nor the composite's digit


def test_characters_under_a_failing_check_digit_are_not_judged(font: ImageFont.FreeTypeFont) -> None:
    """The number's check digit fails: the clerk is told so and corrects it; its characters are not judged
    (the number's 5 printed like the optional data's S is not marked for it)."""
    number_5, number_check = (1, 3), (1, 9)
    read = _read_as(VISA, number_check, "7" if VISA[1][9] != "7" else "6")
    marks = own_print_doubts(MrzFormat.MRVA, read, _printed(font, _read_as(VISA, number_5, "S")))
    assert not {(mark.line, mark.column) for mark in marks} & {(1, column) for column in range(10)}


def test_a_blank_cell_is_compared_as_blank(font: ImageFont.FreeTypeFont) -> None:
    """A cell whose ink is lost entirely (a scratch across the data) has no centre to move: compared as it
    is, read as an O it is nearer the thin filler than any O."""
    cells = [line.copy() for line in _printed(font, VISA)]
    cells[OPTIONAL_O[0]][OPTIONAL_O[1]] = 0.0
    marks = own_print_doubts(MrzFormat.MRVA, VISA, cells)
    assert [(mark.line, mark.column) for mark in marks] == [OPTIONAL_O]


def test_a_letter_read_as_a_filler_is_marked(font: ImageFont.FreeTypeFont) -> None:
    """The optional data's last O lost to a '<' (the data read one short, no check digit to tell): that
    glyph is nothing like the zone's many fillers, and like its Os."""
    read = _read_as(VISA, OPTIONAL_O, "<")
    marks = own_print_doubts(MrzFormat.MRVA, read, _printed(font, VISA))
    assert marks == (Doubt(*OPTIONAL_O, "<", DoubtReason.LOOK_ALIKE, "optional_data"),)


def test_a_glyph_as_near_another_characters_print_as_its_own_is_marked(font: ImageFont.FreeTypeFont) -> None:
    """Two characters printed alike but read as two: one reading of the two is wrong. The optional data's
    ZZ printed pixel for pixel alike, and the L of HOLM pixel for pixel as they are: each Z is as near that
    "L" as its own other Z, so both are in doubt."""
    first_z = (1, VISA[1].index("SZZO") + 1)
    second_z, name_l = (first_z[0], first_z[1] + 1), (0, 7)
    cells = [line.copy() for line in _printed(font, VISA)]
    for line, column in (second_z, name_l):
        cells[line][column] = cells[first_z[0]][first_z[1]]
    marked = {(mark.line, mark.column) for mark in own_print_doubts(MrzFormat.MRVA, VISA, cells)}
    assert {first_z, second_z} <= marked


@pytest.mark.parametrize(("share_of_zero", "marked"), [(0.55, False), (0.58, True)])
def test_a_glyph_must_be_clearly_nearer_another_characters_print(
    font: ImageFont.FreeTypeFont, share_of_zero: float, marked: bool
) -> None:
    """The optional data's O drawn part way from the zone's O towards its 0 (every print of each alike): at
    0.55 of the way it is nearer the 0 by less than a fifth (0.45 against 0.55, 0.82 of it: two prints of one
    character differ that much), at 0.58 by more (0.42 against 0.58, 0.72 of it)."""
    o_cell, zero_cell = (_cell(font, char, (0, 0)) for char in "O0")
    cells = [np.stack([_cell(font, char, (0, 0)) for char in text]) for text in VISA]
    cells[OPTIONAL_O[0]][OPTIONAL_O[1]] = (1 - share_of_zero) * o_cell + share_of_zero * zero_cell
    marks = own_print_doubts(MrzFormat.MRVA, VISA, cells)
    assert (OPTIONAL_O in {(mark.line, mark.column) for mark in marks}) is marked


def test_cells_that_do_not_fit_the_reading_judge_nothing(font: ImageFont.FreeTypeFont) -> None:
    """Cells of another shape than the reading (a format the correction changed): no comparison is made."""
    read = _read_as(VISA, OPTIONAL_O, "0")
    cells = _printed(font, VISA)
    assert own_print_doubts(MrzFormat.MRVA, read, [cells[0], cells[1][:-1]]) == ()
    assert own_print_doubts(MrzFormat.MRVA, read, cells[:1]) == ()


# --- the zone's own print choosing (`own_print_reading`) ------------------------------------------------------


def test_an_optional_data_o_read_as_0_is_taken_as_the_zone_prints_it(font: ImageFont.FreeTypeFont) -> None:
    """The printed O read 0 (a visa in Noto Sans Mono, zone MRVB 1031): the glyph is as near the Os of HOLM
    and MOHAMMED as two prints of one letter are, and far from every 0. The O is taken, and marked: the
    recogniser read otherwise. Fails without `own_print_reading`: the 0 stood, marked only."""
    lines, marks = own_print_reading(MrzFormat.MRVA, _read_as(VISA, OPTIONAL_O, "0"), _printed(font, VISA))
    assert lines == VISA
    assert marks == (Doubt(*OPTIONAL_O, "O", DoubtReason.LOOK_ALIKE, "optional_data"),)


def test_optional_data_read_right_is_kept_unmarked(font: ImageFont.FreeTypeFont) -> None:
    assert own_print_reading(MrzFormat.MRVA, VISA, _printed(font, VISA)) == (VISA, ())


def test_a_digit_printed_where_another_was_read_is_taken_too(font: ImageFont.FreeTypeFont) -> None:
    """No look-alike pair: a 9 read 0 (Liberation Mono Bold, zone MRVB 1054) is a print of the number's 9."""
    printed = _read_as(VISA, OPTIONAL_O, "9")
    lines, _marks = own_print_reading(MrzFormat.MRVA, _read_as(printed, OPTIONAL_O, "0"), _printed(font, printed))
    assert lines == printed


def test_a_character_with_no_print_of_its_own_is_left_as_read(font: ImageFont.FreeTypeFont) -> None:
    """The optional data's K read X, which is printed nowhere else: with no X to compare it with, the
    recogniser's X stands (`own_print_doubts` leaves it too), though the glyph is a print of HOLCK's K."""
    position = (1, RICH[1].index("K1D7"))
    read = _read_as(RICH, position, "X")
    assert own_print_reading(MrzFormat.MRVA, read, _printed(font, RICH)) == (read, ())
    # With an X printed elsewhere (a stray one in the name's filler), the glyph has a print of its own to be
    # compared with, and is taken as the K it is a print of.
    stray = (0, 40)
    printed = _read_as(RICH, stray, "X")
    lines, _marks = own_print_reading(MrzFormat.MRVA, _read_as(printed, position, "X"), _printed(font, printed))
    assert lines == printed


def test_a_character_a_check_digit_covers_is_left_to_it(font: ImageFont.FreeTypeFont) -> None:
    """The number's 5 printed like the zone's S: its check digit passes with the 5 and decides; the own
    print marks the number (`own_print_doubts`) but does not choose in it."""
    number_5 = (1, 3)
    assert own_print_reading(MrzFormat.MRVA, VISA, _printed(font, _read_as(VISA, number_5, "S"))) == (VISA, ())


def _drawn_towards_zero(font: ImageFont.FreeTypeFont, share_of_zero: float) -> list[NDArray[np.float32]]:
    """The zone's cells with the optional data's O drawn part way from an O towards a 0, in its own place."""
    cells = [line.copy() for line in _printed(font, VISA)]
    offset = _offset(*OPTIONAL_O)
    cells[OPTIONAL_O[0]][OPTIONAL_O[1]] = (1 - share_of_zero) * _cell(font, "O", offset) + share_of_zero * _cell(
        font, "0", offset
    )
    return cells


@pytest.mark.parametrize(("share_of_zero", "taken"), [(0.2, True), (0.3, False)])
def test_a_glyph_must_be_twice_as_near_another_characters_print_as_its_own(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch, share_of_zero: float, taken: bool
) -> None:
    """Read 0, drawn a fifth of the way from O to 0 it is 0.37 as far from the Os as from the 0s, and taken
    as an O; drawn 0.3 of the way, 0.53: closer to the Os still (`own_print_doubts` marks it), but not plainly
    an O. (The zone's spread is set aside here: the next test is about it.)"""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    read = _read_as(VISA, OPTIONAL_O, "0")
    lines, _marks = own_print_reading(MrzFormat.MRVA, read, _drawn_towards_zero(font, share_of_zero))
    assert (lines == VISA) is taken


@pytest.mark.parametrize(("share_of_zero", "taken"), [(0.05, True), (0.2, False)])
def test_the_near_print_must_be_as_near_as_two_prints_of_one_character_are(
    font: ImageFont.FreeTypeFont, share_of_zero: float, taken: bool
) -> None:
    """Two prints of one character in this zone are 0.28 apart at the median (the cut's offsets). The glyph
    drawn a twentieth of the way to 0 is 0.53 from the nearest O, within twice that: taken. A fifth of the way,
    0.69: still twice as near the Os as the 0s, but no print of an O as this zone prints them."""
    read = _read_as(VISA, OPTIONAL_O, "0")
    lines, _marks = own_print_reading(MrzFormat.MRVA, read, _drawn_towards_zero(font, share_of_zero))
    assert (lines == VISA) is taken


def test_cells_that_do_not_fit_the_reading_choose_nothing(font: ImageFont.FreeTypeFont) -> None:
    read = _read_as(VISA, OPTIONAL_O, "0")
    cells = _printed(font, VISA)
    assert own_print_reading(MrzFormat.MRVA, read, [cells[0], cells[1][:-1]]) == (read, ())


# The number 4ZMO6589Y: its O (weight 7) read 0 counts 168 less, its 5 (weight 1) read 3 two less: 170, and
# the check digit passes on the misread pair (as a Liberation Mono Bold card's O and 6 read 0 and 0, zone TD2
# 1069). The zone prints Os in the names, 5s and 3s in the expiry 331205.
PAIRED = mrz.compose_mrva(
    document_code="VC", issuing_country="POL", surname="Holm", given_names="Mohammed",
    document_number="4ZMO6589Y", nationality="POL", birth_date=date(1940, 1, 6), sex="F",
    expiry_date=date(2033, 12, 5), optional_data="K1D7SZZO",
)  # fmt: skip
NUMBER_O, NUMBER_5 = (1, 3), (1, 5)


def test_a_misread_pair_under_a_check_digit_is_taken_as_printed_where_the_print_says_so_of_both(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The O and the 5 are each plainly a print of the names' Os and the expiry's 5, and together they pass the
    number's check digit: both taken. The number's O, read 0, is also printed exactly like the optional
    data's O, which it makes no 0: a print that looks like another character is no witness. (The zone's spread
    is set aside: drawn, two prints of one character differ less than printed ones, 0.28 at the median
    where the 5s here are 0.75 apart.) Fails without the witness rule: the optional data's O was taken
    for a 0."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    read = _read_as(_read_as(PAIRED, NUMBER_O, "0"), NUMBER_5, "3")
    assert read[1][9] == PAIRED[1][9]  # the pair passes the number's check digit as printed
    lines, marks = own_print_reading(MrzFormat.MRVA, read, _printed(font, PAIRED))
    assert lines == PAIRED
    assert [(mark.line, mark.column, mark.character, mark.reason) for mark in marks] == [
        (*NUMBER_O, "O", DoubtReason.LOOK_ALIKE),
        (*NUMBER_5, "5", DoubtReason.LOOK_ALIKE),
    ]


def test_under_a_check_digit_what_the_print_says_is_not_taken_where_the_digit_then_fails(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same misread, but the 5 printed as the 3 it was read as: the print says only the O, and the O
    alone fails the check digit. Left to the check digit and the marks (`own_print_doubts` marks the number)."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    read = _read_as(_read_as(PAIRED, NUMBER_O, "0"), NUMBER_5, "3")
    assert own_print_reading(MrzFormat.MRVA, read, _printed(font, _read_as(PAIRED, NUMBER_5, "3"))) == (read, ())


def test_the_document_code_is_left_to_the_rules(font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch) -> None:
    """The code VC's C printed like the zone's Os: the rules know the codes in use, the print does not choose."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    code_c = (0, 1)
    assert own_print_reading(MrzFormat.MRVA, RICH, _printed(font, _read_as(RICH, code_c, "O"))) == (RICH, ())


def test_a_character_the_place_does_not_allow_is_not_taken(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The birth date 400106's 1 printed like the L of HOLM: L counts 21, the same as 1 in the check digits, so
    every check would pass with it; but a date holds digits only."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    date_1 = (1, 16)
    assert VISA[1][date_1[1]] == "1"
    assert own_print_reading(MrzFormat.MRVA, VISA, _printed(font, _read_as(VISA, date_1, "L"))) == (VISA, ())


def test_a_date_misread_in_a_pair_its_check_digit_passes_is_taken_as_printed(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The expiry 331205 read 831200: the first 3 as 8 (5 more at weight 7) and the 5 as 0 (5 less at weight
    1), and its check digit passes. The zone prints a 3 beside it and 5s in the number: both taken, together.
    (Where both 3s were read 8, each misread would be the other's print of an 8, and the print says nothing:
    the second reader and the marks are left for that.)"""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    expiry = VISA[1].index("331205")
    first_3, last_5 = (1, expiry), (1, expiry + 5)
    read = _read_as(_read_as(VISA, first_3, "8"), last_5, "0")
    assert read[1][expiry + 6] == VISA[1][expiry + 6]  # the check digit as printed passes the misread pair
    lines, marks = own_print_reading(MrzFormat.MRVA, read, _printed(font, VISA))
    assert lines == VISA and [(mark.line, mark.column) for mark in marks] == [first_3, last_5]


def test_a_glyph_like_the_fillers_is_not_taken_for_one(font: ImageFont.FreeTypeFont) -> None:
    """The optional data's last character printed as the filler after it, read O: the print says '<' plainly,
    but it makes no character a filler (the data would end short, and a '<' is no text the clerk compares).
    Left as read; `own_print_doubts` marks it."""
    cells = [line.copy() for line in _printed(font, VISA)]
    cells[OPTIONAL_O[0]][OPTIONAL_O[1]] = cells[OPTIONAL_O[0]][OPTIONAL_O[1] + 1]
    assert own_print_reading(MrzFormat.MRVA, VISA, cells) == (VISA, ())
    assert OPTIONAL_O in {(mark.line, mark.column) for mark in own_print_doubts(MrzFormat.MRVA, VISA, cells)}


def test_under_check_digits_each_check_digit_s_part_is_taken_alone_where_the_whole_would_fail(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number's misread pair (as above) and the birth date 400106's 1 printed like a 7 but read 1: the
    print says all three, and the 7 fails the date's check digit. Taken all at once they would fail; the
    number's part is taken alone, the date left as read. Fails with only all at once tried."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    date_1 = (1, 16)
    read = _read_as(_read_as(PAIRED, NUMBER_O, "0"), NUMBER_5, "3")
    lines, _marks = own_print_reading(MrzFormat.MRVA, read, _printed(font, _read_as(PAIRED, date_1, "7")))
    assert lines == PAIRED


# --- the own print as a witness to a licence line's repair (`own_print_vouches`) -----------------------------
#
# A licence line whose lone O the recogniser read 0, the check digit failing; the repair made it O again (zones
# DL1 1132, 1216 and 1234 in Noto Sans Mono, stop 43). The line prints 0s elsewhere, in the number.
LICENCE = mrz.compose_dl1(issuing_country="DNK", licence_number="1006484460", optional_data="NF5EAGT5OLC9D")
LICENCE_O = (0, LICENCE[0].index("OLC"))


def _licence_printed(font: ImageFont.FreeTypeFont, lines: tuple[str, ...]) -> list[NDArray[np.float32]]:
    """As `_printed`, with the paper's grain over each cell (seeded): drawn, two prints of one character at
    one offset are one image, and the spread of like prints would be rounding noise."""
    grain = np.random.default_rng(43)
    return [line + grain.normal(0.0, 0.03, line.shape).astype(np.float32) for line in _printed(font, lines)]


def test_a_repair_to_a_look_alike_the_zone_s_own_print_says_is_no_misread_is_vouched_for(
    font: ImageFont.FreeTypeFont,
) -> None:
    """The repaired O's glyph is far from every 0 the line prints: the recogniser's 0 was the misread."""
    assert doubts.own_print_vouches(MrzFormat.DL1, LICENCE, _licence_printed(font, LICENCE), {LICENCE_O: "0"})


def test_a_repair_of_a_glyph_printed_like_what_was_read_is_not_vouched_for(font: ImageFont.FreeTypeFont) -> None:
    """Printed 0 and read 0, then repaired to O (the check digit failing for a misread elsewhere): the glyph is
    one of the zone's 0s, and the repair passes by chance."""
    printed = _read_as(LICENCE, LICENCE_O, "0")
    assert not doubts.own_print_vouches(MrzFormat.DL1, LICENCE, _licence_printed(font, printed), {LICENCE_O: "0"})


def test_with_no_other_print_of_what_was_read_the_own_print_vouches_for_nothing(font: ImageFont.FreeTypeFont) -> None:
    """A line that prints no 0 but the one read there: nothing to compare the glyph with (a Q read 0 and
    repaired, zone DL1 1132, had no other Q)."""
    no_zeros = mrz.compose_dl1(issuing_country="DNK", licence_number="1116484469", optional_data="NF5EAGT5OLC9D")
    assert not doubts.own_print_vouches(MrzFormat.DL1, no_zeros, _licence_printed(font, no_zeros), {LICENCE_O: "0"})


def test_a_lone_print_of_what_was_read_is_no_witness(font: ImageFont.FreeTypeFont) -> None:
    """The line prints one 0 (in the number) and one O (in the optional data), each of the same weight. Both
    read 0, the repair made the number's 0 an O: the check digit passes, wrongly. The only other "0" is the
    misread O, far from the number's 0 glyph, which is no proof: a print of what was read needs a like print
    beside it to stand for that character."""
    printed = mrz.compose_dl1(issuing_country="DNK", licence_number="1230456789", optional_data="ABOCDFGHJKLMN")
    zero, letter_o = (0, printed[0].index("0")), (0, printed[0].index("O"))
    repaired = _read_as(_read_as(printed, zero, "O"), letter_o, "0")
    cells = _licence_printed(font, printed)
    assert not doubts.own_print_vouches(MrzFormat.DL1, repaired, cells, {zero: "0"}, {zero})


def test_a_lone_print_of_what_was_read_witnesses_where_no_swap_with_it_would_pass(font: ImageFont.FreeTypeFont) -> None:
    """One 0 printed (weight 1) and one O (weight 7), the O read 0 and repaired: were the lone 0 a misread O,
    D or Q and the glyph a 0, the check digit would fail, so the lone 0 stands for the 0, and the glyph is far
    from it. With the lone 0 where its Q would pass (weight 3: -168 + 78), it proves nothing (the licence lines
    DL1 1324 and 1450 in Noto Sans Mono, stop 43, whose lone 0s were so placed, stay "no MRZ")."""
    printed = mrz.compose_dl1(issuing_country="DNK", licence_number="1203456789", optional_data="ABOCDFGHJKLMN")
    letter_o = (0, printed[0].index("O"))
    cells = _licence_printed(font, printed)
    assert doubts.own_print_vouches(MrzFormat.DL1, printed, cells, {letter_o: "0"}, {letter_o})
    ambiguous = mrz.compose_dl1(issuing_country="DNK", licence_number="1023456789", optional_data="ABOCDFGHJKLMN")
    cells = _licence_printed(font, ambiguous)
    assert not doubts.own_print_vouches(MrzFormat.DL1, ambiguous, cells, {letter_o: "0"}, {letter_o})


def test_a_repair_to_a_character_unlike_what_was_read_is_not_vouched_for(font: ImageFont.FreeTypeFont) -> None:
    """Only a look-alike: read 4 and repaired to O, the glyph is far from the zone's 4s, which says the 4 was
    wrong, not that the O is right (the check digit passes with E and Y there as well). And no repair, no say."""
    assert not doubts.own_print_vouches(MrzFormat.DL1, LICENCE, _licence_printed(font, LICENCE), {LICENCE_O: "4"})
    assert not doubts.own_print_vouches(MrzFormat.DL1, LICENCE, _licence_printed(font, LICENCE), {})


def test_the_glyph_must_be_plainly_far_from_what_was_read(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At least UNLIKE_OWN_PRINT as far as the nearest other character commonly is (0.54 here): not at 0.6."""
    monkeypatch.setattr(doubts, "UNLIKE_OWN_PRINT", 0.6)
    assert not doubts.own_print_vouches(MrzFormat.DL1, LICENCE, _licence_printed(font, LICENCE), {LICENCE_O: "0"})


# --- kin: a glyph misread alike twice (`_print_kin`) --------------------------------------------------------
#
# The number 4ZMOO589Y: its two Os (weights 7 and 3) read 0 and 0 cancel out in the check digit, as a visa's
# number in Liberation Mono Bold did (zone MRV-B 1198, stop 43), where each misread O was nearest the other.
TWIN_OS = mrz.compose_mrva(
    document_code="VC", issuing_country="POL", surname="Holm", given_names="Mohammed",
    document_number="4ZMOO589Y", nationality="POL", birth_date=date(1940, 1, 6), sex="F",
    expiry_date=date(2033, 12, 5), optional_data="K1D7SZZO",
)  # fmt: skip
TWINS = ((1, 3), (1, 4))


def test_a_glyph_misread_alike_twice_is_taken_as_printed(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two Os printed alike and both read 0: each one's nearest print read 0 is its twin, which vouches
    for nothing; the zone's other 0s (the dates') are far, the names' Os near. Both taken, the check digit
    passing as before. Fails where a print's twin counts among its own prints. (The spread's limit on how near
    the names' Os must be is set aside, as in the tests above.)"""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    read = _read_as(_read_as(TWIN_OS, TWINS[0], "0"), TWINS[1], "0")
    assert read[1][9] == TWIN_OS[1][9]  # the pair cancels out in the number's check digit
    cells = _licence_printed(font, TWIN_OS)  # with the paper's grain: a spread of like prints that is no rounding noise
    cells[1][TWINS[1][1]] = cells[1][TWINS[0][1]]  # printed alike
    lines, marks = own_print_reading(MrzFormat.MRVA, read, cells)
    assert lines == TWIN_OS
    assert {(mark.line, mark.column) for mark in marks} == set(TWINS)
    monkeypatch.setattr(doubts, "_print_kin", lambda distances, chars, near: np.arange(len(chars)))
    assert own_print_reading(MrzFormat.MRVA, read, cells)[0] == read


def test_kin_are_prints_read_alike_and_near_one_another_in_a_chain() -> None:
    """a-b and b-c near (c far from a): one kin. d is read as another character: never kin. e is read as
    a's but no nearer than `near` to any: its own."""
    chars = np.array(["0", "0", "0", "O", "0"])
    distances = np.array(
        [
            [np.inf, 1.0, 2.5, 0.1, 3.0],
            [1.0, np.inf, 1.0, 0.1, 3.0],
            [2.5, 1.0, np.inf, 0.1, 3.0],
            [0.1, 0.1, 0.1, np.inf, 3.0],
            [3.0, 3.0, 3.0, 3.0, np.inf],
        ]
    )
    kin = doubts._print_kin(distances, chars, 1.0)
    assert kin[0] == kin[1] == kin[2] and len({kin[0], kin[3], kin[4]}) == 3
    # At most `near` apart: at 0.99 none are kin.
    assert len(set(doubts._print_kin(distances, chars, 0.99).tolist())) == 5


def _passport_of(issuer: str) -> tuple[str, ...]:
    # The Os of HOLM and MOHAMMED; the number's 0s at the weights 7 and 3 (columns 3 and 4).
    return mrz.compose_td3(
        document_code="P", issuing_country=issuer, surname="Holm", given_names="Mohammed",
        document_number="C41001234", nationality=issuer, birth_date=date(1940, 1, 6), sex="F",
        expiry_date=date(2033, 12, 5),
    )  # fmt: skip


def test_a_print_of_a_letter_the_issuer_never_numbers_with_is_no_rival(
    font: ImageFont.FreeTypeFont, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A number's two 0s printed like the names' Os: a Danish passport's number is in doubt (O and O pass the
    check digit as 0 and 0 do) and is read as the print says; a Dutch one's is neither, as the Netherlands
    print no O in their numbers (`rules.ISSUER_NUMBER_LETTERS`). Fails with the issuer left out of either."""
    monkeypatch.setattr(doubts, "SAME_PRINT_SPREAD", float("inf"))
    # The two glyphs are each other's kin (drawn at their own offsets they are 1.2 spreads apart), so neither
    # vouches for the other's being a 0.
    monkeypatch.setattr(doubts, "KIN_SPREAD", 2.0)
    zeros = [(1, 3), (1, 4)]
    for issuer, judged in (("DNK", True), ("NLD", False)):
        lines = _passport_of(issuer)
        assert [lines[line][column] for line, column in zeros] == ["0", "0"]
        printed = _read_as(_read_as(lines, zeros[0], "O"), zeros[1], "O")
        cells = _printed(font, printed)
        assert bool(own_print_doubts(MrzFormat.TD3, lines, cells)) is judged, issuer
        assert (own_print_reading(MrzFormat.TD3, lines, cells)[0] == printed) is judged, issuer
