"""The French national identity card of the pre-2021 layout (FRCNI): 2 x 36 like TD2 but laid out otherwise,
with its own check digits and no expiry in the MRZ. Checked against the published specimen lines, not only
against what our own composer writes."""

from __future__ import annotations

from datetime import date

import pytest

from borgerservice_desk.domain.identity_check import (
    EXPIRED,
    EXPIRY_UNREADABLE,
    PRINTED_EXPIRY_REQUIRED,
    Finding,
    HolderFacts,
    evaluate,
    french_card_valid_until,
)
from borgerservice_desk.domain.mrz import (
    CheckState,
    MrzFormat,
    check_digit_places,
    is_french_id,
    live_checks,
    parse_mrz,
    position_characters,
)
from borgerservice_desk.domain.wedge import WedgeDetector
from borgerservice_desk.scanning.correction import correct_shared_shape
from tests.support.mrz import compose_french_id, compose_td2
from tests.support.recogniser import certain

TODAY = date(2026, 11, 27)

# Published specimen lines of the card (as used by MRZ libraries' own tests), with their printed facts.
DOUEL = ("IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013", "0506932020438CHRISTIANE<<NI2906209F3")
LOISEAU = ("IDFRALOISEAU<<<<<<<<<<<<<<<<<<<<<<<<", "970675K002774HERVE<<DJAMEL<7303216M4")


def test_the_specimen_card_is_parsed_field_by_field() -> None:
    document = parse_mrz("\n".join(DOUEL), today=TODAY)

    assert document.format is MrzFormat.FRCNI
    assert (document.document_code, document.issuing_country) == ("ID", "FRA")
    assert (document.surname, document.given_names) == ("DOUEL", "CHRISTIANE NI")
    assert document.document_number == "050693202043"
    assert (document.birth_date, document.sex) == (date(1929, 6, 20), "F")
    assert document.optional_data == "932013"  # department and office of issue
    assert document.checks == (("document_number", True), ("birth_date", True), ("composite", True))
    assert document.issue_month == date(2005, 6, 1)
    assert document.document_kind == "id_card"
    assert document.number_last4 == "2043"


def test_no_expiry_and_no_nationality_are_claimed() -> None:
    document = parse_mrz("\n".join(LOISEAU), today=TODAY)

    assert document.expiry_date is None
    assert not document.expiry_in_mrz
    assert document.nationality == ""
    assert "expiry_date" not in dict(document.checks)


def test_a_card_number_with_a_letter_is_read_and_checked() -> None:
    document = parse_mrz("\n".join(LOISEAU), today=TODAY)

    assert document.document_number == "970675K00277"
    assert (document.surname, document.given_names, document.birth_date) == ("LOISEAU", "HERVE DJAMEL", date(1973, 3, 21))
    assert document.all_check_digits_pass
    assert document.issue_month == date(1997, 6, 1)


@pytest.mark.parametrize("specimen", [DOUEL, LOISEAU], ids=["douel", "loiseau"])
def test_the_composer_writes_the_specimens_exactly(specimen: tuple[str, str]) -> None:
    """Our test documents follow the real layout, not only our reading of it."""
    document = parse_mrz("\n".join(specimen), today=TODAY)
    office = specimen[0][30:].strip("<")

    composed = compose_french_id(
        surname=document.surname, given_names=document.given_names, card_number=document.document_number,
        birth_date=document.birth_date or date.min, sex=document.sex, office=office,
    )  # fmt: skip

    assert composed == specimen


@pytest.mark.parametrize(
    ("line", "column", "check"),
    [
        (1, 3, "document_number"),  # a digit of the card number
        (1, 6, "document_number"),  # the card number's letter K position in LOISEAU's, a digit in DOUEL's
        (1, 29, "birth_date"),
        (0, 9, "composite"),  # the surname: only the composite covers line 1
        (0, 33, "composite"),  # the office of issue
        (1, 15, "composite"),  # the given names
        (1, 34, "composite"),  # the sex
    ],
)
def test_each_check_digit_catches_a_changed_character_it_covers(line: int, column: int, check: str) -> None:
    lines = list(DOUEL)
    old = lines[line][column]
    new = "7" if old.isdigit() and old != "7" else ("X" if old != "X" else "Y")
    lines[line] = lines[line][:column] + new + lines[line][column + 1 :]

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.format is MrzFormat.FRCNI
    assert check in document.failed_checks


def test_a_td2_card_of_france_stays_a_td2_card() -> None:
    """'IDFRA' starts both: the check digits tell them apart."""
    td2 = compose_td2(
        document_code="ID", issuing_country="FRA", surname="Martin", given_names="Claire",
        document_number="X4RTBPFW4", nationality="FRA", birth_date=date(1990, 7, 14), sex="F",
        expiry_date=date(2030, 1, 1),
    )  # fmt: skip
    assert td2[0].startswith("IDFRA")

    document = parse_mrz("\n".join(td2), today=TODAY)

    assert not is_french_id(td2)
    assert document.format is MrzFormat.TD2
    assert document.all_check_digits_pass
    assert document.expiry_date == date(2030, 1, 1)


def test_a_card_that_does_not_start_idfra_is_not_french() -> None:
    other = ("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6")

    assert not is_french_id(other)
    assert parse_mrz("\n".join(other), today=TODAY).format is MrzFormat.TD2


def test_a_misread_french_card_is_still_read_as_one_and_fails_its_check() -> None:
    """One wrong digit must not turn the card into a TD2 reading that fails everything: it stays French and
    names the one failed check."""
    lines = (DOUEL[0], DOUEL[1][:2] + "9" + DOUEL[1][3:])

    document = parse_mrz("\n".join(lines), today=TODAY)

    assert document.format is MrzFormat.FRCNI
    assert document.failed_checks == ("document_number", "composite")


def test_the_layout_fixes_the_start_and_the_reader_may_only_pick_the_card_letters() -> None:
    first, second = position_characters(MrzFormat.FRCNI)

    assert first[:5] == ("I", "D", "F", "R", "A")
    assert set(first[5]) == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")  # surname
    assert set(second[20]) == set("ABCDEFGHIJKLMNOPQRSTUVWXYZ<")  # given names
    assert [place.digit for place in check_digit_places(MrzFormat.FRCNI)] == [(1, 12), (1, 33), (1, 35)]


def test_typing_the_card_gives_feedback_at_each_of_its_check_digits() -> None:
    typing = live_checks(DOUEL[0][:12])
    assert typing.format is MrzFormat.FRCNI
    assert {check.state for check in typing.checks} == {CheckState.PENDING}

    done = live_checks("\n".join(DOUEL))
    assert done.format is MrzFormat.FRCNI
    assert done.all_ok

    wrong = live_checks(DOUEL[0] + "\n" + DOUEL[1][:-1] + "4")
    assert [(check.field, check.state) for check in wrong.checks][-1] == ("composite", CheckState.BAD)


def test_typing_the_2021_card_becomes_td1_once_its_second_line_starts() -> None:
    assert live_checks("IDFRAX4RTBPFW46<<<<<<<<<<<<<<<\n9").format is MrzFormat.TD1


def test_a_reader_typing_the_card_as_a_keyboard_gives_one_complete_burst() -> None:
    detector = WedgeDetector()
    at = 0.0
    burst = None
    for char in "\r".join(DOUEL) + "\r":
        at += 0.002
        step = detector.feed(char, at)
        burst = step.burst or burst
    step = detector.flush()
    burst = step.burst or burst

    assert burst is not None and burst.complete
    assert parse_mrz(burst.text, today=TODAY).format is MrzFormat.FRCNI


def test_the_scanner_reads_a_td2_shaped_zone_starting_idfra_as_the_french_card() -> None:
    mrz_format, fixed = correct_shared_shape(MrzFormat.TD2, certain(DOUEL))

    assert mrz_format is MrzFormat.FRCNI
    assert fixed.lines == DOUEL
    assert fixed.failed_checks == ()


def test_the_scanner_keeps_a_french_td2_card_as_td2() -> None:
    td2 = compose_td2(
        document_code="ID", issuing_country="FRA", surname="Martin", given_names="Claire",
        document_number="X4RTBPFW4", nationality="FRA", birth_date=date(1990, 7, 14), sex="F",
        expiry_date=date(2030, 1, 1),
    )  # fmt: skip

    mrz_format, fixed = correct_shared_shape(MrzFormat.TD2, certain(td2))

    assert mrz_format is MrzFormat.TD2
    assert fixed.lines == td2


# --- the identity check -----------------------------------------------------------------------------------

CLAIRE = HolderFacts(surname="Lefèvre", given_names="Claire Anaïs", birth_date=date(1980, 2, 11), sex="F")


def claire_card(card_number: str = "150775012345") -> tuple[str, str]:
    return compose_french_id(
        surname="Lefèvre", given_names="Claire Anaïs", card_number=card_number, birth_date=date(1980, 2, 11),
        sex="F", office="750123",
    )  # fmt: skip


def test_the_card_of_the_citizen_passes_with_the_printed_expiry() -> None:
    document = parse_mrz("\n".join(claire_card()), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY, printed_expiry=date(2025 + 10, 7, 20))

    assert outcome.passed, outcome.failures
    assert next(f for f in outcome.findings if f.code == EXPIRED).params == (("expiry_date", "2035-07-20"),)


def test_without_the_printed_expiry_the_card_cannot_pass_and_says_what_is_needed() -> None:
    document = parse_mrz("\n".join(claire_card()), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY)

    assert [f.code for f in outcome.failures] == [PRINTED_EXPIRY_REQUIRED]
    assert EXPIRY_UNREADABLE not in {f.code for f in outcome.findings}


def test_a_printed_date_in_the_past_is_expired() -> None:
    document = parse_mrz("\n".join(claire_card("150775012345")), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY, printed_expiry=date(2025, 7, 20))

    assert [(f.code, f.param("expiry_date")) for f in outcome.failures] == [(EXPIRED, "2025-07-20")]


def test_a_card_issued_2004_to_2013_to_an_adult_is_valid_five_years_past_its_printed_date() -> None:
    document = parse_mrz("\n".join(claire_card("120375012345")), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY, printed_expiry=date(2022, 3, 5))

    assert outcome.passed, outcome.failures
    expired = next(f for f in outcome.findings if f.code == EXPIRED)
    assert expired.params == (("expiry_date", "2027-03-05"), ("printed_expiry", "2022-03-05"))


def test_the_extension_is_not_given_to_a_card_issued_to_a_minor_or_outside_2004_to_2013() -> None:
    born_1996 = date(1996, 5, 1)

    assert french_card_valid_until(date(2022, 3, 5), born_1996) == date(2022, 3, 5)  # 15 at issue
    assert french_card_valid_until(date(2022, 3, 5), date(1980, 2, 11)) == date(2027, 3, 5)
    assert french_card_valid_until(date(2014, 1, 1), date(1980, 2, 11)) == date(2014, 1, 1)  # issued 2004-01-01
    assert french_card_valid_until(date(2014, 1, 2), date(1980, 2, 11)) == date(2019, 1, 2)
    assert french_card_valid_until(date(2024, 1, 1), date(1980, 2, 11)) == date(2024, 1, 1)  # issued 2014
    assert french_card_valid_until(date(2022, 3, 5), None) == date(2022, 3, 5)


def test_the_extension_covers_cards_issued_on_the_last_day_of_2013_and_on_the_18th_birthday() -> None:
    """Decree 2013-1188: issued 2 January 2004 to 31 December 2013, both days included, to someone of age
    (18 on the day of issue counts)."""
    adult = date(1980, 2, 11)

    assert french_card_valid_until(date(2023, 12, 31), adult) == date(2028, 12, 31)  # issued 2013-12-31
    assert french_card_valid_until(date(2024, 1, 1), adult) == date(2024, 1, 1)  # issued 2014-01-01
    assert french_card_valid_until(date(2016, 3, 5), date(1988, 3, 5)) == date(2021, 3, 5)  # 18 that day
    assert french_card_valid_until(date(2016, 3, 5), date(1988, 3, 6)) == date(2016, 3, 5)  # 18 the next day


def test_a_card_printed_to_29_february_counts_its_issue_and_its_extension_from_28_february() -> None:
    """Ten years before 29 February 2016 has no 29 February: the card was issued 28 February 2006, inside
    the extension's years, and five years after the printed date is 28 February 2021."""
    assert french_card_valid_until(date(2016, 2, 29), date(1980, 2, 11)) == date(2021, 2, 28)
    assert french_card_valid_until(date(2024, 2, 29), date(1980, 2, 11)) == date(2024, 2, 29)  # issued 2014


def test_a_card_is_still_valid_on_the_last_day_it_is_valid_and_not_the_day_after() -> None:
    document = parse_mrz("\n".join(claire_card()), today=TODAY)

    on_the_day = evaluate(document, CLAIRE, today=TODAY, printed_expiry=TODAY)
    day_before = evaluate(document, CLAIRE, today=TODAY, printed_expiry=date(2026, 11, 26))

    assert on_the_day.passed, on_the_day.failures
    assert [(f.code, f.param("expiry_date")) for f in day_before.failures] == [(EXPIRED, "2026-11-26")]


def test_the_printed_expiry_required_finding_fails_and_names_the_card() -> None:
    document = parse_mrz("\n".join(claire_card()), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY)

    assert outcome.failures == (Finding(PRINTED_EXPIRY_REQUIRED, False, (("document_kind", "id_card"),)),)


def test_a_printed_expiry_does_not_override_the_expiry_a_passport_mrz_holds() -> None:
    """Only a document without an MRZ expiry takes the typed date: the check digit vouches for the other."""
    td2 = compose_td2(
        document_code="ID", issuing_country="FRA", surname="Lefèvre", given_names="Claire Anaïs",
        document_number="X4RTBPFW4", nationality="FRA", birth_date=date(1980, 2, 11), sex="F",
        expiry_date=date(2020, 1, 1),
    )  # fmt: skip
    document = parse_mrz("\n".join(td2), today=TODAY)

    outcome = evaluate(document, CLAIRE, today=TODAY, printed_expiry=date(2040, 1, 1))

    assert [(f.code, f.param("expiry_date")) for f in outcome.failures] == [(EXPIRED, "2020-01-01")]


def test_the_name_of_another_holder_fails_on_the_french_card() -> None:
    document = parse_mrz("\n".join(DOUEL), today=TODAY)
    holder = HolderFacts(surname="Douel", given_names="Christine", birth_date=date(1929, 6, 20), sex="F")

    outcome = evaluate(document, holder, today=TODAY, printed_expiry=date(2030, 1, 1))

    assert [(f.code, f.param("part")) for f in outcome.failures] == [("name_mismatch", "given_names")]


def test_given_names_cut_at_the_end_of_their_field_still_match() -> None:
    long = compose_french_id(
        surname="Lefèvre", given_names="Marie-Christine Anaïs", card_number="150775012345",
        birth_date=date(1980, 2, 11), sex="F",
    )  # fmt: skip
    holder = HolderFacts(surname="Lefèvre", given_names="Marie-Christine Anaïs", birth_date=date(1980, 2, 11), sex="F")
    document = parse_mrz("\n".join(long), today=TODAY)
    assert long[1][13:27] == "MARIE<CHRISTIN"

    outcome = evaluate(document, holder, today=TODAY, printed_expiry=date(2035, 7, 20))

    assert outcome.passed, outcome.failures


def test_the_rules_beyond_the_check_digits_read_the_french_fields() -> None:
    """A card of the old layout has its own fields: a stray letter in the given names' filler and a sex that
    is no sex are questioned where they stand, and its fixed code and state are not."""
    from borgerservice_desk.domain.mrz import DoubtReason, MrzFormat, rule_doubts

    assert rule_doubts(MrzFormat.FRCNI, DOUEL) == ()
    line1, line2 = DOUEL
    stray = line1[:20] + "C" + line1[21:]  # inside the filler after the surname DOUEL
    doubts = rule_doubts(MrzFormat.FRCNI, (stray, line2))
    assert [(d.line, d.column, d.reason, d.field) for d in doubts] == [(0, 20, DoubtReason.STRAY_LETTER, "surname")]
    no_sex = line2[:34] + "Q" + line2[35:]
    doubts = rule_doubts(MrzFormat.FRCNI, (DOUEL[0], no_sex))
    assert [(d.column, d.reason, d.field) for d in doubts] == [(34, DoubtReason.SEX_INVALID, "sex")]


def test_the_third_given_name_of_a_french_card_is_no_stray_letter() -> None:
    """The card joins its given names by '<<' (the specimen's "CHRISTIANE<<NI"): a second '<<' starts the
    third given name, not the trailing fillers. Only a letter after three or more fillers is stray there."""
    from borgerservice_desk.domain.mrz import Doubt, DoubtReason, MrzFormat, rule_doubts

    three = compose_french_id(
        surname="Martin", given_names="Léa Zoé Eva", card_number="050693202043", birth_date=date(1990, 1, 2), sex="F"
    )
    assert three[1][13:27] == "LEA<<ZOE<<EVA<"
    assert parse_mrz("\n".join(three), today=TODAY).given_names == "LEA ZOE EVA"
    assert rule_doubts(MrzFormat.FRCNI, three) == ()

    one = compose_french_id(
        surname="Martin", given_names="Léa", card_number="050693202043", birth_date=date(1990, 1, 2), sex="F"
    )
    stray = (one[0], one[1][:25] + "C" + one[1][26:])
    assert stray[1][13:27] == "LEA<<<<<<<<<C<"
    assert rule_doubts(MrzFormat.FRCNI, stray) == (Doubt(1, 25, "C", DoubtReason.STRAY_LETTER, "given_names"),)
