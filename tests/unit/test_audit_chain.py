"""The audit trail's hash chain, without a database: any change to a stored entry is found and named."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from borgerservice_desk.domain.audit_chain import (
    GENESIS,
    BreakReason,
    EntryContent,
    StoredEntry,
    canonical,
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
    entries, head = chain([content(n) for n in range(1, 5)])
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
