"""The reader's last step, without any image: character probabilities -> MRZ text.

Each position allows only some characters, and a failing check digit is repaired from the runners-up only
when they are plausible; otherwise the failure is left for the clerk to see.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerservice_desk.domain.mrz import MrzFormat, check_digit, parse_mrz
from borgerservice_desk.scanning.correction import correct, format_for, number_o_and_0
from borgerservice_desk.scanning.doubts import contested_doubts
from borgerservice_desk.scanning.ocrb import (
    ALPHABET,
    CELL_SIZE,
    Net,
    OcrbModel,
    cut_lines,
)
from tests.support.facts import passport_lines
from tests.support.mrz import compose_td1
from tests.support.recogniser import certain, numbered_cells, recognised

PASSPORT = passport_lines()


def misread(probs: list[np.ndarray], line: int, column: int, char: str, *, runner_up: float) -> None:
    """The recogniser prefers `char` at one position, with the truth as runner-up at `runner_up`."""
    row = probs[line][column]
    truth = int(row.argmax())
    if ALPHABET[truth] == char:
        return
    row[:] = 0.001
    row[ALPHABET.index(char)] = 1.0 - runner_up
    row[truth] = runner_up
    row /= row.sum()


def check_value(char: str) -> int:
    return 0 if char == "<" else int(char, 36)


def test_a_clean_reading_comes_back_unchanged() -> None:
    fixed = correct(MrzFormat.TD3, certain(PASSPORT))

    assert fixed.lines == PASSPORT
    assert (fixed.failed_checks, fixed.repaired) == ((), 0)


def test_a_letter_where_only_digits_belong_becomes_the_likeliest_digit() -> None:
    probs = certain(PASSPORT)
    # The birth date's month (850314: line 2, column 15 is a 0) read as the letter O, with 0 close behind.
    assert PASSPORT[1][15] == "0"
    probs[1][15] = 0.0001
    probs[1][15, ALPHABET.index("O")] = 0.7
    probs[1][15, ALPHABET.index("0")] = 0.2

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == PASSPORT
    assert fixed.repaired == 0  # the alphabet alone did it


@pytest.mark.parametrize(("column", "seen"), [(15, "4"), (17, "8")])
def test_a_month_or_day_is_read_only_as_one_can_start(column: int, seen: str) -> None:
    # The birth date 850314 (line 2, columns 13-18): a month starts with 0 or 1, a day with 0 to 3. A first
    # digit seen as one no month or day starts with (an unfamiliar font's 3 as 8 passed the check digit
    # with a second misread) is read as the likeliest one that can stand there, the truth close behind.
    probs = certain(PASSPORT)
    truth = PASSPORT[1][column]
    probs[1][column] = 0.0001
    probs[1][column, ALPHABET.index(seen)] = 0.7
    probs[1][column, ALPHABET.index(truth)] = 0.2

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == PASSPORT
    assert fixed.repaired == 0  # where a month and a day start did it, not the check digit


def test_a_doubtful_digit_is_repaired_by_its_check_digit() -> None:
    probs = certain(PASSPORT)
    wrong = "8" if PASSPORT[1][3] != "8" else "6"
    misread(probs, 1, 3, wrong, runner_up=0.3)  # a digit of the document number

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == PASSPORT
    assert fixed.repaired == 1


def test_an_implausible_repair_is_not_made_and_the_check_fails() -> None:
    probs = certain(PASSPORT)
    wrong = "8" if PASSPORT[1][3] != "8" else "6"
    misread(probs, 1, 3, wrong, runner_up=0.0005)  # the truth is nowhere near: no grounds to change it

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines[1][3] == wrong
    assert "document_number" in fixed.failed_checks


def test_a_filler_read_as_k_in_the_name_is_taken_as_the_recogniser_says() -> None:
    # Names have no check digit: what the recogniser prefers stands (which is why it must be good).
    probs = certain(PASSPORT)
    filler = PASSPORT[0].index("<", 5)
    misread(probs, 0, filler, "K", runner_up=0.4)

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines[0][filler] == "K"
    assert fixed.failed_checks == ()


def test_the_composite_is_not_repaired_while_a_field_check_fails() -> None:
    # A field whose own check fails (misread past repair, or printed wrong) leaves the composite in doubt
    # too: a change to the optional data that makes the composite pass would hide nothing but luck.
    # (A TD1 card: its line 1 optional data is covered by the composite alone.)
    card = compose_td1(
        document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
        nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2030, 1, 2),
    )
    printed_wrong = "9" if card[0][14] != "9" else "8"  # the document number's check digit, as a specimen
    card = (card[0][:14] + printed_wrong + card[0][15:], *card[1:])
    probs = certain(card, 0.999)
    optional = 20
    assert card[0][optional] == "<"
    row = probs[0][optional]
    row[:] = 0.001
    row[ALPHABET.index("<")] = 0.6
    for digit in "0123456789":  # any digit is a plausible runner-up, so one would make the composite pass
        row[ALPHABET.index(digit)] = 0.04
    row /= row.sum()

    fixed = correct(MrzFormat.TD1, probs)

    assert fixed.lines[0][optional] == "<"
    assert set(fixed.failed_checks) == {"document_number", "composite"}


def test_a_field_misread_in_a_pair_that_passes_its_check_is_repaired_by_the_composite() -> None:
    # The number's last digit and its check digit misread one more each: the number's check passes on the pair,
    # the composite (read right) fails. Cheaper than a composite digit made to fit the wrong number (a
    # fiftieth of its read digit) are the pair's runners-up, and they pass both (zone TD3 840, stop 41).
    # Fails with the composite repaired from its own characters only: the wrong number stands, every check
    # passing.
    line = PASSPORT[1]
    wrong_digit, wrong_check = (str((int(line[column]) + 1) % 10) for column in (8, 9))
    wrong = line[:8] + wrong_digit + wrong_check + line[10:]
    covers = wrong[0:10] + wrong[13:20] + wrong[21:43]
    fitting = check_digit(covers)
    assert check_digit(wrong[0:9]) == wrong_check and fitting != line[43]
    probs = certain(PASSPORT)
    misread(probs, 1, 8, wrong_digit, runner_up=0.35)
    misread(probs, 1, 9, wrong_check, runner_up=0.42)
    row = probs[1][43]
    row[ALPHABET.index(fitting)] = 0.02
    row /= row.sum()

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == PASSPORT
    assert (fixed.failed_checks, fixed.repaired) == ((), 2)


def test_a_field_pair_of_unlikely_runners_up_is_no_repair_and_the_composite_fails() -> None:
    # The same misread, its runners-up at a tenth each (2.2 nats apiece, 4.4 together, above MAX_PAIR_COST)
    # and no composite digit that would fit: nothing is changed, and the failing composite shows the clerk.
    line = PASSPORT[1]
    wrong_digit, wrong_check = (str((int(line[column]) + 1) % 10) for column in (8, 9))
    probs = certain(PASSPORT)
    misread(probs, 1, 8, wrong_digit, runner_up=0.1)
    misread(probs, 1, 9, wrong_check, runner_up=0.1)

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines[1][8:10] == wrong_digit + wrong_check and fixed.failed_checks == ("composite",)


def test_a_country_field_like_no_country_shows_what_was_printed() -> None:
    # A specimen printing digits as its nationality: no letters are made up to fill the field, the clerk
    # sees the digits (and the parser an unknown code).
    printed = PASSPORT[1][:10] + "132" + PASSPORT[1][13:]
    probs = certain((PASSPORT[0], printed))

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines[1][10:13] == "132"


def test_a_country_code_misread_by_one_letter_becomes_the_real_code() -> None:
    probs = certain(PASSPORT)
    misread(probs, 1, 11, "M", runner_up=0.3)  # DNK read as DMK

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines[1][10:13] == "DNK"


@pytest.mark.parametrize(
    ("shape", "first", "expected"),
    [((44, 44), "P", MrzFormat.TD3), ((44, 44), "V", MrzFormat.MRVA), ((36, 36), "V", MrzFormat.MRVB),
     ((36, 36), "I", MrzFormat.TD2), ((30, 30, 30), "I", MrzFormat.TD1), ((30,), "D", MrzFormat.DL1),
     ((44, 36), "P", None)],
)
def test_the_format_follows_the_shape_and_the_first_letter(
    shape: tuple[int, ...], first: str, expected: MrzFormat | None
) -> None:
    probs = np.zeros(len(ALPHABET))
    probs[ALPHABET.index(first)] = 1.0

    assert format_for(shape, probs) is expected


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2), st.integers(0, 29), st.sampled_from(ALPHABET), st.floats(0.0, 0.45))
def test_whatever_one_misread_the_result_is_never_a_different_valid_mrz(
    line: int, column: int, char: str, runner_up: float
) -> None:
    """A repair may fail, but it must not produce another MRZ whose every check passes by luck."""
    card = compose_td1(
        document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
        nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2030, 1, 2),
    )
    probs = certain(card)
    misread(probs, line, column, char, runner_up=runner_up)

    fixed = correct(MrzFormat.TD1, probs)

    if not fixed.failed_checks and fixed.lines != card:
        # Only what no check digit can see may differ undetected: positions no check covers (names, the
        # sex, the nationality, the codes), or characters of equal value mod 10 ('<', 0, A, K and U all
        # count 0).
        differing = [
            (n, c)
            for n, (a, b) in enumerate(zip(fixed.lines, card, strict=True))
            for c in range(30)
            if a[c] != b[c] and check_value(a[c]) % 10 != check_value(b[c]) % 10
        ]
        assert all(
            n == 2 or (n == 1 and (c == 7 or 15 <= c < 18)) or (n == 0 and c < 5) for n, c in differing
        ), differing
    parse_mrz("\n".join(fixed.lines), today=date(2026, 11, 27))  # always an MRZ the domain can parse


def test_cells_are_cut_from_a_clean_rendering_at_the_right_count() -> None:
    from PIL import Image, ImageDraw

    # Block letters drawn at a fixed pitch stand in for print; the cutter must find 30 cells on each line.
    image = Image.new("L", (30 * 12 + 40, 3 * 30 + 20), 255)
    draw = ImageDraw.Draw(image)
    lines = compose_td1(
        document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
        nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2030, 1, 2),
    )
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            x, y = 20 + column * 12, 12 + row * 30
            if char == "<":
                draw.line([(x + 8, y), (x + 2, y + 7), (x + 8, y + 14)], fill=0, width=2)
            else:
                draw.rectangle([x + 1, y, x + 9, y + 14], outline=0, width=2)
    region = np.asarray(image, dtype=np.float64) / 255.0

    cut = cut_lines(region)

    assert [line.length for line in cut] == [30, 30, 30]
    assert cut[0].cells.shape == (30, CELL_SIZE[0] * CELL_SIZE[1])


def _block_print(
    lines: tuple[str, ...], *, run_together: int | None = None, columns: Iterable[int] = range(30)
) -> np.ndarray:  # type: ignore[type-arg]
    """Lines of block letters at a fixed pitch (as in the test above). Line `run_together` is heavy print:
    solid blocks, each joined to the next alternately at its top and its bottom (so that no row of ink runs
    the whole line, as in a rule), except after every seventh, as spread ink joins a name's letters and
    fillers into a few wide blobs. That line has characters only in `columns`."""
    from PIL import Image, ImageDraw

    drawn = set(columns)
    image = Image.new("L", (30 * 12 + 40, len(lines) * 30 + 20), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        for column, char in enumerate(line):
            x, y = 20 + column * 12, 12 + row * 30
            if row == run_together:
                if column not in drawn:
                    continue
                draw.rectangle([x + 1, y, x + 9, y + 14], fill=0)
                if column % 7 != 6 and column + 1 in drawn:
                    joint = y if column % 2 else y + 13
                    draw.rectangle([x + 8, joint, x + 14, joint + 1], fill=0)
            elif char == "<":
                draw.line([(x + 8, y), (x + 2, y + 7), (x + 8, y + 14)], fill=0, width=2)
            else:
                draw.rectangle([x + 1, y, x + 9, y + 14], outline=0, width=2)
    return np.asarray(image, dtype=np.float64) / 255.0


TD1_LINES = compose_td1(
    document_code="ID", issuing_country="DNK", surname="Holm", given_names="Ida", document_number="AB1234567",
    nationality="DNK", birth_date=date(1990, 1, 2), sex="F", expiry_date=date(2030, 1, 2),
)


def test_a_line_whose_characters_run_together_is_cut_by_the_grid_of_the_line_beside_it() -> None:
    """Heavy print joins a line's characters into a few wide blobs: too few to fit a grid of their own, and
    wide enough to be taken for rules. An MRZ's lines share one grid, so that line is cut by its neighbour's,
    and says it borrowed it. (Without the grid shared it was lost: a TD1 in FreeMono Bold read as a licence's
    single line, or not at all.)"""
    region = _block_print(TD1_LINES, run_together=2)

    cut = cut_lines(region)

    assert [line.length for line in cut] == [30, 30, 30]
    assert [line.borrowed for line in cut] == [False, False, True]
    # Alone, the run-together line fits no grid: what the reader also reads where a line borrowed.
    assert [line.length for line in cut_lines(region, share_grid=False)] == [30, 30]


@pytest.mark.parametrize(
    "columns",
    [range(12, 30), [*range(9), 29]],
    ids=["the last eighteen", "a word and a speck at the far end"],
)
def test_characters_run_together_along_part_of_a_line_only_are_not_taken_for_a_line(columns: list[int]) -> None:
    """A word of heavy print beside an MRZ line (a label, a signature) is no MRZ line: only ink that covers
    most of the neighbour's line takes its grid, not ink that merely reaches from one end to the other."""
    region = _block_print(TD1_LINES, run_together=2, columns=columns)

    assert [line.length for line in cut_lines(region)] == [30, 30]


def test_the_training_cuts_take_characters_run_together_out_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Training cuts without shared grids, and there run-together blobs go as rules did before stop 30: a
    model trained with them kept read worse (see `cut_lines`), and the desk's model must stay the one built.
    A thin line at a slant, as long and as high as the run, goes as a rule either way."""
    from PIL import Image, ImageDraw

    from borgerservice_desk.scanning import ocrb

    region = _block_print(TD1_LINES, run_together=2)
    binary = ocrb.ink_image(region) > 0.5
    heavy_line = binary[72:90]
    kept, _ = ocrb._without_rules(binary, keep_run_together=True)
    taken, _ = ocrb._without_rules(binary, keep_run_together=False)
    assert kept[72:90].sum() == heavy_line.sum() and taken[72:90].sum() < heavy_line.sum() / 2

    image = Image.fromarray((region * 255).astype(np.uint8))
    ImageDraw.Draw(image).line([(20, 108), (380, 97)], fill=0, width=2)
    slanted = ocrb.ink_image(np.asarray(image, dtype=np.float64) / 255.0) > 0.5
    assert ocrb._without_rules(slanted, keep_run_together=True)[0][92:].sum() == 0

    asked: list[bool] = []
    real = ocrb._without_rules

    def spy(binary: np.ndarray, *, keep_run_together: bool) -> object:  # type: ignore[type-arg]
        asked.append(keep_run_together)
        return real(binary, keep_run_together=keep_run_together)

    monkeypatch.setattr(ocrb, "_without_rules", spy)
    cut_lines(region, share_grid=False)
    cut_lines(region)
    assert asked == [False, True]


@pytest.mark.parametrize("tilt", [-4.5, -2.0, -0.7, 0.0, 1.0, 3.0, 5.5])
@pytest.mark.parametrize("width", [400, 1300])  # searched as it is, and squeezed to a third
def test_the_skew_of_printed_lines_is_found(tilt: float, width: int) -> None:
    """The deskew's search scores each angle by where the ink pixels land, not by turning the image: it must
    still find the skew of lines of print, within its 0.2 degree refinement, on a sample squeezed or not."""
    from PIL import Image, ImageDraw
    from scipy import ndimage

    from borgerservice_desk.scanning import ocrb

    image = Image.new("L", (width, 140), 0)
    draw = ImageDraw.Draw(image)
    for row in range(2):  # two lines of blocks at an MRZ's pitch, like print after thresholding
        for column in range(width // 30 - 2):
            x, y = 30 + column * 30 - (column % 3), 35 + row * 50
            draw.rectangle([x, y, x + 16, y + 24], fill=255)
    binary = ndimage.rotate(np.asarray(image) > 0, tilt, reshape=False, order=0)

    angle = ocrb._skew_angle(binary)

    assert abs(angle + tilt) <= 0.25, angle
    # A region as wide as this one is turned by a third of it, as the model learnt its cells (see
    # `straightening_angle`); one below 800 pixels by all of it.
    if angle:
        share = ocrb.straightening_angle(angle, width) / angle
        assert share == pytest.approx(1.0 if width < 800 else 1 / 3, abs=0.01)
    else:
        assert ocrb.straightening_angle(angle, width) == 0.0


def test_a_saved_model_loads_and_predicts_the_same(tmp_path) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(1)
    features = CELL_SIZE[0] * CELL_SIZE[1]
    # Each network normalises its input its own way (it was trained on its own set of cells).
    nets = tuple(
        Net(
            (rng.normal(size=(features, 8)).astype(np.float32), rng.normal(size=(8, len(ALPHABET))).astype(np.float32)),
            (np.zeros(8, np.float32), np.zeros(len(ALPHABET), np.float32)),
            rng.random(features).astype(np.float32) * k,
            np.full(features, 1.0 + k, np.float32),
        )
        for k in range(2)
    )
    model = OcrbModel(nets)
    cells = rng.random((5, features)).astype(np.float32)
    model.save(tmp_path / "m.npz")

    again = OcrbModel.load(tmp_path / "m.npz")

    np.testing.assert_allclose(again.predict(cells), model.predict(cells))
    np.testing.assert_allclose(model.predict(cells).sum(axis=1), 1.0, rtol=1e-6)


def test_an_o_in_a_number_the_recogniser_is_sure_of_stands_against_a_check_digit_it_was_unsure_of() -> None:
    """Zone TD2 1302 (Liberation Mono, never learnt): a number's O read at 0.88 against 0.12, and the check
    digit read plainly but not surely. The weighing gave most of the O's share to 0, so 0 won, and the check
    digit was "repaired" to fit the 0: every check passing, two characters wrong. An O seen at more than six
    times the 0 stands (ZERO_ODDS). Fails with the old weighing."""
    lines = passport_lines(document_number="AB1O34567")
    at = lines[1].index("O")
    check = 9  # the number's check digit
    fits_0 = str(check_digit(lines[1][:at] + "0" + lines[1][at + 1 : check]))
    assert fits_0 != lines[1][check]
    probs = certain(lines)
    probs[1][at] = 0.0005
    probs[1][at, ALPHABET.index("O")] = 0.97
    probs[1][at, ALPHABET.index("0")] = 0.02
    probs[1][check] = 0.0005
    probs[1][check, ALPHABET.index(lines[1][check])] = 0.7
    probs[1][check, ALPHABET.index(fits_0)] = 0.28

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == lines
    assert (fixed.failed_checks, fixed.repaired) == ((), 0)


def test_three_os_read_for_0s_that_pass_together_are_contested() -> None:
    """A helper's review (stop 44): a font whose 0s the recogniser reads as O at 0.89 against 0.11, in a number
    whose 0s stand at the weights 1, 1 and 3 (120340506). Three Os there pass the number's check digit and the
    composite unrepaired, as the 0s do, and no pair of them cancels out, so the cancelling pairs do not see it.
    The odds' reading is taken, and the places are contested: everything the two check digits cover is marked.
    Fails without the contest."""
    lines = passport_lines(document_number="120340506")
    zeros = [column for column in range(9) if lines[1][column] == "0"]
    assert len(zeros) == 3
    probs = certain(lines)
    for column in zeros:
        probs[1][column] = 0.0
        probs[1][column, ALPHABET.index("O")] = 0.89
        probs[1][column, ALPHABET.index("0")] = 0.11

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.failed_checks == () and fixed.repaired == 0
    assert [fixed.lines[1][column] for column in zeros] == ["O", "O", "O"]
    assert fixed.contested == {(1, column) for column in zeros}
    marked = {(mark.line, mark.column) for mark in contested_doubts(MrzFormat.TD3, fixed.lines, fixed.contested)}
    assert {(1, column) for column in range(10)} <= marked  # the number and its check digit
    assert all(fixed.lines[line][column] not in "0O" or (line, column) in marked for line, column in fixed.contested)


def test_a_reading_with_contested_places_is_no_plain_pass_and_ends_no_search() -> None:
    # The three Os above, through the recogniser's stage: the reading carries the contest, so it does not end
    # the search for other looks at the zone (`Reading.plainly_passes`). Fails without it passed on.

    lines = passport_lines(document_number="120340506")
    probs = certain(lines)
    for column in [column for column in range(9) if lines[1][column] == "0"]:
        probs[1][column] = 0.0
        probs[1][column, ALPHABET.index("O")] = 0.89
        probs[1][column, ALPHABET.index("0")] = 0.11

    reading = recognised(probs, numbered_cells(lines))

    assert reading is not None and reading.result.lines[1][:9] == "12O34O5O6"
    assert reading.contested == {(1, 2), (1, 5), (1, 7)}
    assert not reading.plainly_passes and not reading.sure


@pytest.mark.parametrize(("o_share", "zero_share", "wins"), [(0.86, 0.14, "O"), (0.84, 0.15, "0"), (0.5, 0.45, "0")])
def test_a_number_s_0_is_six_times_likelier_than_its_o(o_share: float, zero_share: float, wins: str) -> None:
    # The odds of 0 against O are multiplied by ZERO_ODDS (6), the pair's share kept.
    o, zero = number_o_and_0(o_share, zero_share)
    assert o + zero == pytest.approx(o_share + zero_share)
    assert zero / o == pytest.approx(6 * zero_share / o_share)
    assert ("O" if o > zero else "0") == wins
    assert number_o_and_0(0.0, 0.0) == (0.0, 0.0)


def test_a_font_whose_0s_the_recogniser_takes_for_o_is_read_by_the_weighing_that_passes() -> None:
    """FR card 1391 (FreeMono Bold, never learnt): a number's 0s at 0.11 against O at 0.89. Weighed by the
    odds alone they are Os, too many for the repair, and the number's check digit fails; with most of O's
    share given to 0 the number passes as read. Fails with the odds' reading always taken."""
    lines = passport_lines(document_number="AB0010234")  # 0s at the weights 1, 7 and 1: none cancel out
    probs = certain(lines)
    zeros = [column for column in range(9) if lines[1][column] == "0"]
    assert len(zeros) == 3
    for column in zeros:
        probs[1][column] = 0.0
        probs[1][column, ALPHABET.index("O")] = 0.89
        probs[1][column, ALPHABET.index("0")] = 0.11

    fixed = correct(MrzFormat.TD3, probs)

    assert fixed.lines == lines
    assert (fixed.failed_checks, fixed.repaired) == ((), 0)
    # And with the composite's digit misread too: the odds' reading, its number failing, leaves the composite
    # alone (fewer repairs), the other repairs it and passes. Fails with the repairs counted alone.
    wrong = "8" if lines[1][43] != "8" else "6"
    misread(probs, 1, 43, wrong, runner_up=0.3)
    fixed = correct(MrzFormat.TD3, probs)
    assert fixed.lines == lines
    assert (fixed.failed_checks, fixed.repaired) == ((), 1)
