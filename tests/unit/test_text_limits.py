"""The text rules without a database: a value fits its limit or not, and holds only characters every
database stores the same way. (The services passing their input through these rules are tested in
tests/integration/test_text_limits.py.)"""

from __future__ import annotations

import pytest

from borgerservice_desk.domain import text_limits as limits
from borgerservice_desk.errors import InvalidInput


def _refusal(value: str, field: str = "purpose", max_len: int = 10, **kwargs: bool) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        limits.checked_text(value, field, max_len, **kwargs)
    return caught.value


def test_text_exactly_at_the_limit_is_kept_unchanged() -> None:
    value = "æ" * limits.PURPOSE_MAX
    assert limits.checked_text(value, "purpose", limits.PURPOSE_MAX) is value
    assert limits.checked_text("", "purpose", 0) == ""


def test_one_character_over_the_limit_is_refused_with_field_limit_and_length() -> None:
    error = _refusal("x" * 11, field="closure_reason", max_len=10)
    assert error.code == "text.too_long"
    assert error.params == {"field": "closure_reason", "limit": 10, "length": 11}


def test_the_limit_counts_characters_not_bytes() -> None:
    # 10 characters, 20 bytes in UTF-8: a String(10) column holds it on both databases.
    assert limits.checked_text("ø" * 10, "name", 10) == "ø" * 10


@pytest.mark.parametrize(
    "bad",
    [
        "\x00",  # NUL: PostgreSQL refuses it outright
        "\x01",
        "\x1b",  # ESC, e.g. from a scanner's control sequence
        "\x1f",
        "\x7f",  # DEL
        "\x85",  # NEL, a C1 control
        "\x9f",  # the last of C1
        "\ud800",  # a lone surrogate: cannot be encoded as UTF-8
        "\udfff",
    ],
)
def test_control_characters_and_lone_surrogates_are_refused(bad: str) -> None:
    error = _refusal(f"ab{bad}cd", field="surname")
    assert error.code == "text.invalid_characters"
    assert error.params == {"field": "surname"}


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "\x0b", "\x0c", "\x85", "\ud800"])
def test_multi_line_fields_still_refuse_other_control_characters(bad: str) -> None:
    assert _refusal(f"a\n{bad}", field="mrz", multiline=True).code == "text.invalid_characters"


@pytest.mark.parametrize("brk", ["\n", "\r", "\t", "\r\n"])
def test_line_breaks_and_tabs_pass_only_in_multi_line_fields(brk: str) -> None:
    value = f"P<DNK{brk}L898902C"
    assert limits.checked_text(value, "mrz", 40, multiline=True) == value
    assert _refusal(value, field="mrz", max_len=40).code == "text.invalid_characters"


def test_ordinary_danish_text_and_visible_unicode_pass() -> None:
    value = "Æble, øl og å – “citat” €"
    assert limits.checked_text(value, "purpose", 40) == value
    assert limits.checked_text("\u00a0x\u200by", "purpose", 40) == "\u00a0x\u200by"  # space/format chars, not Cc


def test_bad_characters_are_reported_before_the_length() -> None:
    # Both wrong: the clerk is told about the character, which shortening alone would not fix.
    assert _refusal("\x00" * 20, max_len=10).code == "text.invalid_characters"


def test_optional_text_passes_none_through_and_checks_everything_else() -> None:
    assert limits.checked_optional_text(None, "purpose", 5) is None
    assert limits.checked_optional_text("", "purpose", 5) == ""
    assert limits.checked_optional_text("abcde", "purpose", 5) == "abcde"
    with pytest.raises(InvalidInput) as caught:
        limits.checked_optional_text("abcdef", "note", 5)
    assert caught.value.code == "text.too_long"
    assert caught.value.params == {"field": "note", "limit": 5, "length": 6}
    with pytest.raises(InvalidInput) as caught:
        limits.checked_optional_text("a\nb", "note", 5)  # optional text is single-line
    assert caught.value.params == {"field": "note"}
    assert caught.value.code == "text.invalid_characters"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_unicode_line_and_paragraph_separators_are_refused(separator: str) -> None:
    # Not Cc, but line breaks all the same: a purpose pasted from a web page could carry one, and the
    # audit list, a receipt, or the log would show it as two lines.
    assert _refusal(f"Counter{separator}visit").code == "text.invalid_characters"
    assert _refusal(f"P<DNK\n{separator}", field="mrz", multiline=True).code == "text.invalid_characters"
