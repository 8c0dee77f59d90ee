"""The second reader's doubts: where Tesseract read a character otherwise and its reading would do as well as
ours (its character may stand there, every check digit passes with it, no rule breaks), nothing but our
recogniser's sureness chose, and the character is marked for the clerk. Where a check digit or a rule tells
the two readings apart, it has chosen, and nothing is marked.

Each case gives the second reader's characters as `stages.second_reading` lines them up: per line, column ->
character. Each fails without the part of the rule it names.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat, check_digit_places, rule_doubts
from borgerservice_desk.scanning import correction, doubts
from borgerservice_desk.scanning.doubts import (
    SECOND_READER_OURS_UNSURE,
    SECOND_READER_PLAUSIBLE,
    SECOND_READER_TAKEN,
    reading_doubts,
    second_reader_doubts,
    second_reader_reading,
)
from borgerservice_desk.scanning.ocrb import ALPHABET
from tests.support import mrz
from tests.support.recogniser import certain

PASSPORT = mrz.compose_td3(
    document_code="P", issuing_country="AUT", surname="Sørensen", given_names="Anne Marie",
    document_number="212345678", nationality="DNK", birth_date=date(1985, 3, 14), sex="F",
    expiry_date=date(2031, 5, 2),
)  # fmt: skip
# 'P<AUTSOERENSEN<<ANNE<MARIE<<<<<<<<<<<<<<<<<<'
# '2123456788DNK8503149F3105021<<<<<<<<<<<<<<<0'


def _theirs(**at: str) -> tuple[dict[int, str], dict[int, str]]:
    """The second reader's characters where it differs, as `l0c5="B"` (line 0, column 5); the same elsewhere."""
    lines: tuple[dict[int, str], dict[int, str]] = (
        dict(enumerate(PASSPORT[0])),
        dict(enumerate(PASSPORT[1])),
    )
    for key, char in at.items():
        line, column = key[1:].split("c")
        lines[int(line)][int(column)] = char
    return lines


def _ours(theirs: tuple[dict[int, str], ...], share: float = 0.05) -> list[np.ndarray]:
    """Our recogniser's probabilities: sure of what we read (0.93), and giving the second reader's character
    `share` where it differs, as it does where it misreads print it never learnt surely."""
    probabilities = certain(PASSPORT, sure=0.93)
    for line, chars in enumerate(theirs):
        for column, char in chars.items():
            if char != PASSPORT[line][column]:
                probabilities[line][column, ALPHABET.index(char)] = share
    return probabilities


def _marked(**at: str) -> set[tuple[int, int]]:
    theirs = _theirs(**at)
    marks = second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(theirs), theirs)
    assert all(mark.reason is DoubtReason.SECOND_READER for mark in marks)
    return {(mark.line, mark.column) for mark in marks}


def test_where_both_readers_agree_nothing_is_marked() -> None:
    assert second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(()), _theirs()) == ()
    assert second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(()), ()) == ()  # Tesseract read nothing of the count


def test_a_letter_of_a_name_read_otherwise_is_marked_with_its_field() -> None:
    theirs = _theirs(l0c5="B")  # the S of SOERENSEN as B
    marks = second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(theirs), theirs)

    assert marks == (Doubt(0, 5, "S", DoubtReason.SECOND_READER, "name"),)


def test_a_character_our_recogniser_thought_impossible_is_the_second_readers_misread() -> None:
    # Tesseract's general model reads OCR-B's I as L and 9 as I; ours, trained on OCR-B, gives those
    # millionths. At a thousandth (SECOND_READER_PLAUSIBLE) it counts, below not.
    theirs = _theirs(l0c5="B", l1c6="G")
    assert second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(theirs, share=1e-6), theirs) == ()
    assert len(second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(theirs, share=0.00099), theirs)) == 0
    assert len(second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(theirs, share=0.001), theirs)) == 2


def test_a_character_its_place_does_not_allow_is_the_second_readers_misread() -> None:
    # A digit in a name, a P for the sex: Tesseract's general model misreads; nothing to compare.
    assert _marked(l0c5="5", l1c20="P") == set()
    assert _marked(l1c20="M") == {(1, 20)}  # an M where we read F: either may be printed


def test_the_filler_either_way_is_left_to_our_reading() -> None:
    # Tesseract reads '<' as K and drops fillers beside letters: its known weakness, not ours.
    assert _marked(l0c14="K", l0c16="<") == set()
    assert _marked(l0c15="F") == set()  # an F for a name's filler too: only the sex field's '<' is a value


UNSPECIFIED_SEX = (PASSPORT[0], PASSPORT[1][:20] + "<" + PASSPORT[1][21:])


def _sex_read(theirs_char: str, ours_share: float) -> tuple[tuple[str, ...], set[tuple[int, int, str]]]:
    """Ours read the sex as '<' (giving it `ours_share`), the second reader as `theirs_char` (ours gave it
    0.01): the reading, and the marks."""
    theirs = tuple(dict(enumerate(line)) for line in UNSPECIFIED_SEX)
    theirs[1][20] = theirs_char
    probabilities = certain(UNSPECIFIED_SEX, sure=0.93)
    probabilities[1][20, ALPHABET.index("<")] = ours_share
    probabilities[1][20, ALPHABET.index(theirs_char)] = 0.01
    lines, marks = second_reader_reading(MrzFormat.TD3, UNSPECIFIED_SEX, probabilities, theirs)
    return lines, {(mark.line, mark.column, mark.character) for mark in marks}


def test_in_the_sex_field_a_filler_is_a_value_the_second_reader_may_read_otherwise() -> None:
    # FreeMono Bold's F: ours saw a P, which may not stand there, and chose '<', unsure of it; Tesseract read
    # F. The '<' (unspecified) is a value there, not a run of fillers Tesseract miscounts: marked, and taken
    # as ours gave its own '<' less than half.
    lines, marks = _sex_read("F", ours_share=0.05)
    assert lines == PASSPORT and marks == {(1, 20, "F")}
    lines, marks = _sex_read("M", ours_share=0.9)  # ours sure of its '<': it stands, marked
    assert lines == UNSPECIFIED_SEX and marks == {(1, 20, "<")}
    # Tesseract's X or K for a '<' is its known misread of a filler, X though the field allows it.
    assert _sex_read("X", ours_share=0.05) == (UNSPECIFIED_SEX, set())


def test_a_country_code_the_second_reader_makes_unknown_is_not_marked() -> None:
    assert _marked(l0c4="X") == set()  # AUX is no country: the code list chose ours
    assert _marked(l0c4="S") == {(0, 4)}  # AUS is Australia, AUT Austria: nothing tells them apart


def test_a_covered_character_its_check_digit_tells_apart_is_not_marked() -> None:
    assert _marked(l1c0="Z") == set()  # 2 and Z differ by 33: the number's check digit chose the 2
    # 6 and G differ by 10: at any weight the check digit passes either way.
    assert _marked(l1c6="G") == {(1, 6)}


def test_two_misreads_that_cancel_out_in_the_check_digits_are_both_marked() -> None:
    # The birth date 850314 read by the second reader as 300314: 8 -> 3 and 5 -> 0 are -35 and -15 in the
    # date's check digit and -15 and -5 in the composite, so both pass. Alone, either fails its check.
    assert _marked(l1c13="3", l1c14="0") == {(1, 13), (1, 14)}
    assert _marked(l1c13="3") == set()


def test_a_pair_that_passes_its_field_check_but_not_the_composite_is_not_marked() -> None:
    # 850314 as 950324: +1 at weight 7 and +1 at weight 3 pass the date's check digit (10), but in the
    # composite they weigh 3 and 1 (4): the composite tells the readings apart.
    assert _marked(l1c13="9", l1c17="2") == set()



def test_a_second_reading_that_runs_past_ours_is_compared_only_where_ours_is() -> None:
    # Lined up by `stages.second_reading`, it never does; a reading of other lengths marks nothing past the end.
    theirs = (dict(enumerate(PASSPORT[0] + "MN")), dict(enumerate(PASSPORT[1] + "8")), {0: "X"})
    assert second_reader_doubts(MrzFormat.TD3, PASSPORT, _ours(()), theirs) == ()


def _taken(shares: dict[str, float], **at: str) -> tuple[tuple[str, ...], set[tuple[int, int, str]]]:
    """`second_reader_reading` where our recogniser gave each differing character of the second reader the
    share named by its key (`l0c5`), or 0.05."""
    theirs = _theirs(**at)
    probabilities = _ours(theirs)
    for key, share in shares.items():
        line, column = (int(part) for part in key[1:].split("c"))
        probabilities[line][column, ALPHABET.index(theirs[line][column])] = share
    lines, marks = second_reader_reading(MrzFormat.TD3, PASSPORT, probabilities, theirs)
    assert all(mark.reason is DoubtReason.SECOND_READER for mark in marks)
    return lines, {(mark.line, mark.column, mark.character) for mark in marks}


def test_the_second_readers_character_is_taken_where_ours_gave_it_a_tenth_and_stays_marked() -> None:
    # Our recogniser, sure of a misread in print it never learnt, still gave the printed character a tenth or
    # more: Tesseract's reading is taken, and the clerk still confirms it.
    lines, marks = _taken({"l0c5": SECOND_READER_TAKEN}, l0c5="B")
    assert lines == (PASSPORT[0][:5] + "B" + PASSPORT[0][6:], PASSPORT[1])
    assert marks == {(0, 5, "B")}
    lines, marks = _taken({"l0c5": 0.0999}, l0c5="B")  # less: ours stands, marked
    assert lines == PASSPORT and marks == {(0, 5, "S")}


def test_between_ocr_b_look_alikes_ours_stands() -> None:
    # 6 and G: Tesseract's general model tells OCR-B's look-alikes apart no better than ours.
    lines, marks = _taken({"l1c6": 0.4}, l1c6="G")
    assert lines == PASSPORT and marks == {(1, 6, "6")}


def test_characters_that_go_in_together_are_taken_together_or_not_at_all() -> None:
    # The birth date's cancelling pair: one alone would fail the check digit; one of them no character ours
    # thought possible (less than SECOND_READER_PLAUSIBLE), so neither is taken, and neither is marked.
    lines, marks = _taken({"l1c13": 0.3, "l1c14": SECOND_READER_PLAUSIBLE * 0.9}, l1c13="3", l1c14="0")
    assert lines == PASSPORT and marks == set()
    lines, marks = _taken({"l1c13": 0.3, "l1c14": 0.2}, l1c13="3", l1c14="0")
    assert lines[1][13:15] == "30" and marks == {(1, 13, "3"), (1, 14, "0")}
    assert all(correction.passes(check, lines) for check in check_digit_places(MrzFormat.TD3))


def test_a_reading_lists_the_second_readers_marks_after_the_rules_and_before_the_recogniser() -> None:
    # A taken character our recogniser was unsure of keeps the second reader's reason (it says why); a rule's
    # doubt at the same place keeps the rule's (it may block the check).
    lines = (PASSPORT[0][:2] + "AUX" + PASSPORT[0][5:], PASSPORT[1])  # AUX: no country
    probabilities = certain(lines)
    probabilities[0][6, ALPHABET.index("O")] = 0.5  # the O of SOERENSEN, unsure
    second = (
        Doubt(0, 4, "X", DoubtReason.SECOND_READER, "issuing_country"),
        Doubt(0, 6, "O", DoubtReason.SECOND_READER, "name"),
    )
    marks = {(mark.line, mark.column): mark.reason for mark in reading_doubts(MrzFormat.TD3, lines, probabilities, second)}

    assert marks[(0, 6)] is DoubtReason.SECOND_READER
    assert marks[(0, 4)] is DoubtReason.COUNTRY_UNKNOWN
    assert reading_doubts(MrzFormat.TD3, PASSPORT, certain(PASSPORT), second[1:]) == second[1:]


def test_what_is_taken_together_still_keeps_the_rules() -> None:
    # Tesseract read AUT as VUS: VUT (Vanuatu) and AUS (Australia) each fit beside our reading, so both
    # letters are in doubt; but taken together they make no country, so the second is not taken.
    lines, marks = _taken({"l0c2": 0.3, "l0c4": 0.3}, l0c2="V", l0c4="S")
    assert lines[0][2:5] in ("VUT", "AUS")
    assert {(line, column) for line, column, _char in marks} == {(0, 2), (0, 4)}
    assert rule_doubts(MrzFormat.TD3, lines) == ()


def test_a_misread_of_tesseracts_in_one_field_does_not_cancel_a_doubt_in_another_under_one_check_digit() -> None:
    # The French card's composite alone answers for its names: Tesseract's B for the A of MARTIN fails it.
    card = mrz.compose_french_id(
        surname="Martin", given_names="Claire", card_number="140575123456", birth_date=date(1990, 3, 14),
        sex="F", office="751ABC",
    )  # fmt: skip
    surname_a = card[0].index("MARTIN") + 1
    given = card[1].index("CLAIRE")
    probabilities = certain(card, sure=0.93)

    def marked(surname: dict[int, str], given_names: dict[int, str]) -> set[tuple[int, int]]:
        theirs = (dict(enumerate(card[0])) | surname, dict(enumerate(card[1])) | given_names)
        for line, chars in enumerate(theirs):
            for column, char in chars.items():
                if char != card[line][column]:
                    probabilities[line][column, ALPHABET.index(char)] = 0.05
        return {(mark.line, mark.column) for mark in second_reader_doubts(MrzFormat.FRCNI, card, probabilities, theirs)}

    # Its K for the A of CLAIRE (a change of 10) passes the composite alone: in doubt, judged by field.
    assert marked({surname_a: "B"}, {given + 2: "K"}) == {(1, given + 2)}
    # Two letters of CLAIRE one further each (CLAIRE as DMAIRE, say) pass it only together, where their
    # weights add up to ten: judged by field, both are in doubt; one by one, neither would be.
    composite = next(check for check in check_digit_places(MrzFormat.FRCNI) if check.name == "composite")
    pair = next(
        (column, column + 1)
        for column in range(given, given + 5)
        if correction.passes(composite, (card[0], card[1][:column] + chr(ord(card[1][column]) + 1)
                                         + chr(ord(card[1][column + 1]) + 1) + card[1][column + 2 :]))
    )  # fmt: skip
    shifted = {column: chr(ord(card[1][column]) + 1) for column in pair}
    assert marked({surname_a: "B"}, shifted) == {(1, column) for column in pair}


def test_a_country_code_is_judged_whole_where_no_letter_alone_makes_one() -> None:
    # AUT (Austria) read by Tesseract as ARM (Armenia): ART and AUM are no countries, ARM is. The field whole
    # would do as well as ours, so both letters are in doubt.
    assert _marked(l0c3="R", l0c4="M") == {(0, 3), (0, 4)}


# A passport valid until 12 July 2036 (expiry check digit 3) whose 3s our recogniser read surely as 8s: 2086,
# and its check digit 8; both pass, the composite too (each change weighs 1 there). The second reader read 3s.
# (The benchmark's unseen-font zone TD3 473, in Liberation Mono.)
VALID_TO_2036 = mrz.compose_td3(
    document_code="P", issuing_country="DNK", surname="Holm", given_names="Thi Lan",
    document_number="3D2VV54G6", nationality="D", birth_date=date(1997, 2, 28), sex="F",
    expiry_date=date(2036, 7, 12),
)  # fmt: skip
READ_AS_2086 = (VALID_TO_2036[0], VALID_TO_2036[1][:21] + "8607128" + VALID_TO_2036[1][28:])


def _far_ahead_taken(today: date | None) -> tuple[str, ...]:
    theirs = tuple(dict(enumerate(line)) for line in VALID_TO_2036)
    probabilities = certain(READ_AS_2086, sure=0.93)
    for column in (21, 27):
        probabilities[1][column, ALPHABET.index("3")] = 0.02  # far less than SECOND_READER_TAKEN
    lines, marks = second_reader_reading(MrzFormat.TD3, READ_AS_2086, probabilities, theirs, today=today)
    assert {(mark.line, mark.column, mark.character) for mark in marks} == {(1, 21, lines[1][21]), (1, 27, lines[1][27])}
    return lines


def test_an_expiry_further_ahead_than_documents_are_issued_for_is_settled_by_the_second_readers_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert all(correction.passes(check, READ_AS_2086) for check in check_digit_places(MrzFormat.TD3))
    # On the day: 2086 breaks the rule, Tesseract's 2036 keeps it; the rule decides, the marks stay.
    assert _far_ahead_taken(date(2026, 12, 5)) == VALID_TO_2036
    # The two 3s go in together under the check digits, so Tesseract's reading is taken also with no day to
    # judge by (SECOND_READER_TAKEN_COVERED). Where even such a group needed a tenth, the rule alone decides:
    # without it, with no day or on a day from which 2086 is near, our recogniser's sureness decides.
    assert _far_ahead_taken(None) == VALID_TO_2036
    monkeypatch.setattr(doubts, "SECOND_READER_TAKEN_COVERED", SECOND_READER_TAKEN)
    assert _far_ahead_taken(date(2026, 12, 5)) == VALID_TO_2036
    assert _far_ahead_taken(None) == READ_AS_2086
    assert _far_ahead_taken(date(2080, 1, 1)) == READ_AS_2086


def test_a_second_reading_that_breaks_the_day_rule_itself_is_not_taken() -> None:
    # The other way round: ours 2036, Tesseract's 2086. Ours keeps every rule, so nothing is taken however
    # much ours gave theirs.
    theirs = tuple(dict(enumerate(line)) for line in READ_AS_2086)
    probabilities = certain(VALID_TO_2036, sure=0.6)
    for column in (21, 27):
        probabilities[1][column, ALPHABET.index("8")] = 0.35
    lines, _marks = second_reader_reading(MrzFormat.TD3, VALID_TO_2036, probabilities, theirs, today=date(2026, 12, 5))
    assert lines == VALID_TO_2036
    lines, _marks = second_reader_reading(MrzFormat.TD3, VALID_TO_2036, probabilities, theirs)
    assert lines == READ_AS_2086  # without the day, 0.35 each is reason enough


def test_characters_under_a_check_digit_are_taken_whatever_ours_gave_them() -> None:
    # The number's 2 and its check digit 8 read by Tesseract as 7 and 3: both pass both check digits, so
    # neither chose, and Tesseract is the judge however little ours gave its characters
    # (SECOND_READER_TAKEN_COVERED), as long as ours thought them possible at all.
    lines, marks = _taken({"l1c0": 0.002, "l1c9": SECOND_READER_PLAUSIBLE}, l1c0="7", l1c9="3")
    assert lines[1][:10] == "7123456783" and marks == {(1, 0, "7"), (1, 9, "3")}
    assert all(correction.passes(check, lines) for check in check_digit_places(MrzFormat.TD3))
    # Where one of them is a look-alike of ours, ours stands even so: the number's first 2 read as Z (35: one
    # more under its weight of 7) and its second as 1 (one less under 1), ours giving each a third.
    lines, marks = _taken({"l1c0": 0.3, "l1c2": 0.3}, l1c0="Z", l1c2="1")
    assert lines == PASSPORT and marks == {(1, 0, "2"), (1, 2, "2")}
    # So is one character alone under a check digit, which passes both readings only where the digit is blind
    # to the change: the number's 1 read as B (11: the same sum mod 10), as FreeMono Bold's F read as P.
    lines, marks = _taken({"l1c1": SECOND_READER_PLAUSIBLE}, l1c1="B")
    assert lines[1][:3] == "2B2" and marks == {(1, 1, "B")}
    lines, marks = _taken({"l1c1": SECOND_READER_PLAUSIBLE * 0.9}, l1c1="B")  # no difference at all
    assert lines == PASSPORT and marks == set()


def test_where_ours_gave_its_own_character_less_than_half_the_second_readers_is_taken() -> None:
    # The S of SOERENSEN, no check digit over it: with ours sure of its S (0.93), Tesseract's B needs a
    # tenth (above); where ours gave its S less than half, its sureness did not choose, and B is taken.
    def read(ours_share: float) -> tuple[tuple[str, ...], set[tuple[int, int, str]]]:
        theirs = _theirs(l0c5="B")
        probabilities = _ours(theirs, share=0.01)
        probabilities[0][5, ALPHABET.index("S")] = ours_share
        lines, marks = second_reader_reading(MrzFormat.TD3, PASSPORT, probabilities, theirs)
        return lines, {(mark.line, mark.column, mark.character) for mark in marks}

    lines, marks = read(SECOND_READER_OURS_UNSURE * 0.99)
    assert lines[0][5] == "B" and marks == {(0, 5, "B")}
    assert read(SECOND_READER_OURS_UNSURE) == (PASSPORT, {(0, 5, "S")})


def test_characters_that_go_in_together_where_no_check_digit_covers_need_a_tenth() -> None:
    # Two letters of the name (SOERENSEN read by Tesseract SOERFNSFN): judged together as a field, but no
    # check digit covers them, so a twentieth is not enough.
    lines, _marks = _taken({"l0c9": 0.05, "l0c12": 0.05}, l0c9="F", l0c12="F")
    assert lines == PASSPORT
    lines, _marks = _taken({"l0c9": SECOND_READER_TAKEN, "l0c12": SECOND_READER_TAKEN}, l0c9="F", l0c12="F")
    assert lines[0][5:14] == "SOERFNSFN"


def test_a_misread_of_tesseracts_in_one_character_does_not_cancel_the_rest_of_its_field() -> None:
    # The number's 2 and check digit 8 read as 7 and 3 (a pair that passes), and its 5 as S, which fails the
    # check with them: the one part of two that fits is taken, the S is not.
    lines, marks = _taken({"l1c0": 0.3, "l1c9": 0.3, "l1c5": 0.3}, l1c0="7", l1c9="3", l1c5="S")
    assert lines[1][:10] == "7123456783" and marks == {(1, 0, "7"), (1, 9, "3")}
    assert all(correction.passes(check, lines) for check in check_digit_places(MrzFormat.TD3))


def test_where_several_parts_of_a_field_fit_none_is_taken() -> None:
    # 2 -> 7, 3 -> 8 and 6 -> 1 in the number (+35, +35, -35; each of weight 7 in both check digits): any two
    # pass, all three fail. The check digits chose none of the three pairs.
    lines, marks = _taken({"l1c0": 0.3, "l1c3": 0.3, "l1c6": 0.3}, l1c0="7", l1c3="8", l1c6="1")
    assert lines == PASSPORT and marks == set()
    # Nor a smaller part where parts of a larger size fit: 2 -> 7 and 3 -> 8 (+5 each, weighed) pass alone, but
    # so do each of them with 2 -> 3 and 5 -> 9 (+1, +4): not one part is the one the check digits chose.
    lines, marks = _taken(
        {"l1c0": 0.3, "l1c3": 0.3, "l1c2": 0.3, "l1c5": 0.3}, l1c0="7", l1c3="8", l1c2="3", l1c5="9"
    )
    assert lines == PASSPORT and marks == set()


VISA = mrz.compose_mrva(
    document_code="V", issuing_country="DNK", surname="O'Neill", given_names="Mohammed", document_number="8M1S4527",
    nationality="DNK", birth_date=date(1952, 7, 14), sex="M", expiry_date=date(2026, 3, 21), optional_data="G5",
)  # fmt: skip
OPTIONAL_G = VISA[1].index("G5")


def _visa_read_0(g_share: float) -> tuple[tuple[str, ...], list[np.ndarray]]:
    """The visa with its optional data's G read 0 by ours (0.979), the G given `g_share` (zone MRVA 947)."""
    lines = (VISA[0], VISA[1][:OPTIONAL_G] + "0" + VISA[1][OPTIONAL_G + 1 :])
    probabilities = certain(lines)
    row = probabilities[1][OPTIONAL_G]
    row[:] = 1e-6
    row[ALPHABET.index("0")], row[ALPHABET.index("G")], row[ALPHABET.index("O")] = 0.979, g_share, 0.01
    return lines, probabilities


@pytest.mark.parametrize(("theirs_char", "g_share", "marked"), [
    ("6", 0.021, True),  # Tesseract's 6 says G as much as 6: ours gave the G a fiftieth
    ("G", 0.021, True),  # (as second_reader_doubts marks it too)
    ("6", 0.0005, False),  # nor 6 nor G did ours think possible: Tesseract's own misread
    ("O", 0.021, False),  # a look-alike of ours' 0 is no other reading, however possible ours thought it
    ("0", 0.021, False),  # the same reading
])  # fmt: skip
def test_where_no_check_digit_covers_a_letter_or_digit_the_second_readers_look_alikes_count(
    theirs_char: str, g_share: float, marked: bool
) -> None:
    # Fails without `second_reader_look_alike_doubts`: the 0 for the printed G passed unmarked (the rules'
    # LOOK_ALIKE holds G to 0's look-alikes, O, D and Q, and Tesseract's 6 ours gave nothing).
    lines, probabilities = _visa_read_0(g_share)
    theirs = (dict(enumerate(lines[0])), dict(enumerate(lines[1])) | {OPTIONAL_G: theirs_char})
    assert reading_doubts(MrzFormat.MRVA, lines, probabilities, theirs=theirs) == (
        (Doubt(1, OPTIONAL_G, "0", DoubtReason.SECOND_READER, "optional_data"),) if marked else ()
    )


def test_under_a_check_digit_the_second_readers_look_alikes_are_left_to_it() -> None:
    # The number's M read N by Tesseract, ours giving the N a hundredth: the check digit tells M from N, and
    # chose. Fails with covered places judged as the optional data is.
    lines, probabilities = _visa_read_0(0.0)
    probabilities[1][1, ALPHABET.index("N")] = 0.01
    theirs = (dict(enumerate(lines[0])), dict(enumerate(lines[1])) | {1: "N"})
    assert lines[1][1] == "M" and reading_doubts(MrzFormat.MRVA, lines, probabilities, theirs=theirs) == ()
