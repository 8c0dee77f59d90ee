"""The audit trail's hash chain, without a database: any change to a stored entry is found and named."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borgerservice_desk.domain.audit_chain import (
    GENESIS,
    BreakReason,
    EntryContent,
    StoredEntry,
    Verification,
    canonical,
    canonical_detail,
    entry_hash,
    verify,
)

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def chain(contents: list[EntryContent]) -> tuple[list[StoredEntry], str]:
    entries, prev = [], GENESIS
    for number, content in enumerate(contents, start=1):
        digest = entry_hash(prev, content)
        entries.append(StoredEntry(id=100 + number, content=content, prev_hash=prev, entry_hash=digest))
        prev = digest
    return entries, prev


def content(seq: int, **changes: Any) -> EntryContent:
    base = EntryContent(
        seq=seq, at=T0 + timedelta(seconds=seq, microseconds=7), clerk_id=1, action="citizen.lookup_cpr",
        citizen_id=42, purpose="MitID block", detail={"query": "010190-XXXX", "hits": [1, 2]}, outcome="ok",
    )
    return dataclasses.replace(base, **changes)


def test_an_untouched_chain_verifies_intact() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    result = verify(entries, 5, head)
    assert result.intact and result.entries == 5 and result.head_hash == head


def test_an_empty_trail_is_intact() -> None:
    assert verify([], 0, GENESIS).intact


def test_a_changed_entry_is_named() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    entries[2] = dataclasses.replace(entries[2], content=content(3, citizen_id=43))
    broken = verify(entries, 5, head).first_break
    assert broken is not None
    assert (broken.seq, broken.entry_id, broken.reason) == (3, 103, BreakReason.CONTENT_CHANGED)


def test_a_changed_entry_with_its_hash_recomputed_breaks_the_next_link() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    forged = content(3, outcome="not_found")
    entries[2] = dataclasses.replace(entries[2], content=forged, entry_hash=entry_hash(entries[2].prev_hash, forged))
    broken = verify(entries, 5, head).first_break
    assert broken is not None and (broken.seq, broken.reason) == (4, BreakReason.PREVIOUS_MISMATCH)


def test_an_entry_removed_from_the_middle_is_named_as_missing() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    del entries[1]
    broken = verify(entries, 5, head).first_break
    assert broken is not None and (broken.seq, broken.entry_id, broken.reason) == (2, None, BreakReason.MISSING)


def test_entries_removed_from_the_end_show_against_the_head() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    broken = verify(entries[:3], 5, head).first_break
    assert broken is not None and (broken.seq, broken.reason) == (4, BreakReason.END_MISSING)


def test_a_last_entry_rewritten_with_its_hash_shows_against_the_head() -> None:
    entries, head = chain([content(n) for n in range(1, 4)])
    forged = content(3, purpose="nothing")
    entries[2] = dataclasses.replace(entries[2], content=forged, entry_hash=entry_hash(entries[2].prev_hash, forged))
    broken = verify(entries, 3, head).first_break
    assert broken is not None and (broken.seq, broken.entry_id, broken.reason) == (3, 103, BreakReason.HEAD_MISMATCH)


def test_an_entry_past_the_head_is_named() -> None:
    entries, _head = chain([content(n) for n in range(1, 5)])
    broken = verify(entries, 3, entries[2].entry_hash).first_break
    assert broken is not None and (broken.seq, broken.reason) == (4, BreakReason.AFTER_HEAD)


def test_the_hash_depends_on_the_instant_not_on_its_time_zone_or_the_detail_s_key_order() -> None:
    one = content(1, detail={"b": 1, "a": [1, 2]})
    other = content(1, at=one.at.astimezone(timezone(timedelta(hours=1))), detail={"a": (1, 2), "b": 1})
    assert canonical(one) == canonical(other)


def test_fields_cannot_bleed_into_each_other() -> None:
    assert canonical(content(1, action="a", purpose="bc")) != canonical(content(1, action="ab", purpose="c"))


_text = st.text(max_size=20)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)
_changes = st.one_of(
    st.builds(lambda d: {"at": T0 + timedelta(days=1, microseconds=d)}, st.integers(1, 10**9)),
    st.builds(lambda v: {"clerk_id": v}, st.none() | st.integers(2, 10**6)),
    st.builds(lambda v: {"action": v}, _text.filter(lambda t: t != "citizen.lookup_cpr")),
    st.builds(lambda v: {"citizen_id": v}, st.none() | st.integers(43, 10**6)),
    st.builds(lambda v: {"purpose": v}, st.none() | _text.filter(lambda t: t != "MitID block")),
    st.builds(lambda v: {"outcome": v}, _text.filter(lambda t: t != "ok")),
    st.builds(lambda k, v: {"detail": {"query": "010190-XXXX", "hits": [1, 2], "x" + k: v}}, _text, _json),
    st.builds(lambda v: {"detail": {"query": v, "hits": [1, 2]}}, _text.filter(lambda t: t != "010190-XXXX")),
)


@given(length=st.integers(1, 8), position=st.integers(0, 7), change=_changes)
def test_any_single_field_changed_in_any_entry_is_found_at_that_entry(
    length: int, position: int, change: dict[str, Any]
) -> None:
    position %= length
    entries, head = chain([content(n) for n in range(1, length + 1)])
    stored = entries[position]
    entries[position] = dataclasses.replace(stored, content=dataclasses.replace(stored.content, **change))
    broken = verify(entries, length, head).first_break
    assert broken is not None
    assert (broken.seq, broken.entry_id, broken.reason) == (position + 1, stored.id, BreakReason.CONTENT_CHANGED)


@given(
    length=st.integers(2, 8),
    position=st.integers(0, 7),
    field=st.sampled_from(["seq", "prev_hash", "entry_hash"]),
)
def test_any_change_to_an_entry_s_place_or_hashes_is_found(length: int, position: int, field: str) -> None:
    position %= length
    entries, head = chain([content(n) for n in range(1, length + 1)])
    stored = entries[position]
    if field == "seq":
        changed = dataclasses.replace(stored, content=dataclasses.replace(stored.content, seq=stored.content.seq + 100))
    else:
        changed = dataclasses.replace(stored, **{field: "f" * 64})
    entries[position] = changed
    broken = verify(entries, length, head).first_break
    assert broken is not None and broken.seq == position + 1


# The exact stored form. Every trail already written holds hashes over this byte string: any change to it,
# however harmless it looks (a space after a comma, "ø" unescaped), makes every existing trail read as
# broken at entry 1. So it is pinned here, not derived.
_PINNED = EntryContent(
    seq=1,
    at=datetime(2026, 11, 27, 10, 0, tzinfo=timezone(timedelta(hours=1))),  # 09:00 UTC, written in CET
    clerk_id=3,
    action="citizen.lookup_cpr",
    citizen_id=None,
    purpose='Søren\'s "pas"',
    detail={"navn": "Søren Ærø", "hits": (1, 2), "z": {"b": None, "a": [True, 1.5]}, 7: "x"},
    outcome="ok",
)
_PINNED_CANONICAL = (
    b'[1,"2026-11-27T09:00:00.000000+00:00",3,"citizen.lookup_cpr",null,"S\\u00f8ren\'s \\"pas\\"",'
    b'"{\\"7\\":\\"x\\",\\"hits\\":[1,2],\\"navn\\":\\"S\\\\u00f8ren \\\\u00c6r\\\\u00f8\\",'
    b'\\"z\\":{\\"a\\":[true,1.5],\\"b\\":null}}","ok"]'
)
_PINNED_HASH = "71e4718a1b8592496341b6f2f2109052d347418c7d139302d94a62ae35141d72"


def test_the_canonical_form_of_an_entry_is_fixed() -> None:
    assert canonical(_PINNED) == _PINNED_CANONICAL


def test_the_hash_of_an_entry_is_fixed() -> None:
    assert entry_hash(GENESIS, _PINNED) == _PINNED_HASH
    # sha256 over "<previous hash>\n<canonical>": the link is part of what is hashed.
    assert entry_hash("a" * 64, _PINNED) != _PINNED_HASH


def test_detail_is_spelled_one_way_sorted_ascii_and_without_spaces() -> None:
    detail = {"navn": "Søren Ærø", "hits": (1, 2), "z": {"b": None, "a": [True, 1.5]}, 7: "x"}
    expected = '{"7":"x","hits":[1,2],"navn":"S\\u00f8ren \\u00c6r\\u00f8","z":{"a":[true,1.5],"b":null}}'
    assert canonical_detail(detail) == expected
    assert canonical_detail({}) == "{}"


def test_detail_reads_back_the_way_the_json_column_gives_it() -> None:
    # What was hashed at append time (tuples, int keys) and what the database hands back at verification
    # (lists, string keys) must give the same hash.
    written = content(1, detail={1: ("a", ("b", 2)), "nested": {"k": (None,)}})
    read_back = content(1, detail={"1": ["a", ["b", 2]], "nested": {"k": [None]}})
    assert entry_hash(GENESIS, written) == entry_hash(GENESIS, read_back)


def test_detail_that_json_cannot_store_is_refused() -> None:
    # PostgreSQL's JSON type has no NaN or infinity: such a value could never be read back to verify.
    for bad in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError):
            canonical_detail({"score": bad})
        with pytest.raises(ValueError):
            canonical(content(1, detail={"nested": [bad]}))


def test_an_audit_time_is_written_in_utc_with_microseconds() -> None:
    def at_text(at: datetime) -> bytes:
        return canonical(content(1, at=at)).split(b",")[1]

    assert at_text(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)) == b'"2026-11-27T09:00:00.000000+00:00"'
    assert at_text(datetime(2026, 11, 27, 9, 0, 0, 5, tzinfo=UTC)) == b'"2026-11-27T09:00:00.000005+00:00"'
    # Another zone is the same instant, written in UTC (here across midnight and a date change).
    new_york = timezone(timedelta(hours=-5))
    assert at_text(datetime(2026, 11, 26, 23, 30, 0, 123456, tzinfo=new_york)) == b'"2026-11-27T04:30:00.123456+00:00"'


def test_the_canonical_time_does_not_depend_on_the_desk_s_time_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    at = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    in_utc = canonical(content(1, at=at))
    monkeypatch.setenv("TZ", "Europe/Copenhagen")
    time.tzset()
    try:
        assert canonical(content(1, at=at)) == in_utc
        assert canonical(content(1, at=at.astimezone())) == in_utc  # a local aware time, too
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_naive_time_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match=r"must be aware \(UTC\)"):
        canonical(content(1, at=datetime(2026, 11, 27, 9, 0)))


def _break_of(result: Verification) -> tuple[int, int | None, BreakReason]:
    assert result.first_break is not None and not result.intact
    return result.first_break.seq, result.first_break.entry_id, result.first_break.reason


def test_every_break_reports_what_was_walked_and_what_the_head_remembers() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    missing = [e for e in entries if e.content.seq != 3]
    changed = [*entries[:2], dataclasses.replace(entries[2], content=content(3, outcome="x")), *entries[3:]]
    relinked = [*entries[:2], dataclasses.replace(entries[2], prev_hash="f" * 64), *entries[3:]]
    cases = {
        BreakReason.MISSING: (verify(missing, 5, head), (3, None), 3),
        BreakReason.AFTER_HEAD: (verify(entries, 2, entries[1].entry_hash), (3, 103), 3),
        BreakReason.PREVIOUS_MISMATCH: (verify(relinked, 5, head), (3, 103), 3),
        BreakReason.CONTENT_CHANGED: (verify(changed, 5, head), (3, 103), 3),
        BreakReason.END_MISSING: (verify(entries[:4], 5, head), (5, None), 4),
        BreakReason.HEAD_MISMATCH: (verify(entries, 5, "e" * 64), (5, 105), 5),
    }
    for reason, (result, (seq, entry_id), walked) in cases.items():
        assert _break_of(result) == (seq, entry_id, reason)
        assert result.entries == walked, reason
        assert result.head_seq == (2 if reason is BreakReason.AFTER_HEAD else 5), reason
        assert result.head_hash == (entries[1].entry_hash if reason is BreakReason.AFTER_HEAD
                                    else "e" * 64 if reason is BreakReason.HEAD_MISMATCH else head), reason


def test_an_intact_trail_reports_its_head() -> None:
    entries, head = chain([content(n) for n in range(1, 4)])
    result = verify(iter(entries), 3, head)  # the service streams rows: any iterable, walked once
    assert (result.intact, result.entries, result.head_seq, result.head_hash) == (True, 3, 3, head)


def test_only_the_last_entry_removed_is_found() -> None:
    entries, head = chain([content(n) for n in range(1, 6)])
    assert _break_of(verify(entries[:4], 5, head)) == (5, None, BreakReason.END_MISSING)


def test_an_emptied_trail_is_found_against_its_head() -> None:
    _entries, head = chain([content(n) for n in range(1, 3)])
    assert _break_of(verify([], 2, head)) == (1, None, BreakReason.END_MISSING)
    # No entries and a head that names no entry but is not the genesis hash (the head row was tampered
    # with, or deleted: the service then passes ""): there is no entry to name.
    assert _break_of(verify([], 0, head)) == (0, None, BreakReason.HEAD_MISMATCH)
    assert _break_of(verify([], 0, "")) == (0, None, BreakReason.HEAD_MISMATCH)


def test_the_first_of_several_breaks_is_named() -> None:
    entries, head = chain([content(n) for n in range(1, 8)])
    entries[5] = dataclasses.replace(entries[5], content=content(6, outcome="forged"))  # latest: content
    entries[3] = dataclasses.replace(entries[3], prev_hash="0" * 64)  # earlier: the link of entry 4
    assert _break_of(verify(entries, 7, head)) == (4, 104, BreakReason.PREVIOUS_MISMATCH)
    assert _break_of(verify([e for e in entries if e.id != 102], 7, head)) == (2, None, BreakReason.MISSING)
    assert _break_of(verify(entries[1:], 7, head)) == (1, None, BreakReason.MISSING)  # the very first gone


def test_two_entries_reordered_are_found_at_the_first_of_them() -> None:
    entries, head = chain([content(n) for n in range(1, 5)])
    second, third = entries[1], entries[2]
    # Their sequence numbers swapped, so that read in order the later entry comes first.
    entries[1] = dataclasses.replace(third, content=dataclasses.replace(third.content, seq=2))
    entries[2] = dataclasses.replace(second, content=dataclasses.replace(second.content, seq=3))
    assert _break_of(verify(entries, 4, head)) == (2, third.id, BreakReason.PREVIOUS_MISMATCH)
