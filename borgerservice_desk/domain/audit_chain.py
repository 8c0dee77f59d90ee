"""The audit trail as a hash chain: what an entry's hash covers, and the walk that finds the first break.

Each entry stores `entry_hash = sha256(prev_hash + canonical content)`, where `prev_hash` is the entry
before it's hash (`GENESIS` for the first). Changing any stored field, removing an entry in the middle or
at the end (the head row remembers the last sequence number and hash), or reordering entries, all show
up as the first entry whose stored values no longer add up. Pure: no database, no clock.

What the chain does not stop is someone who rewrites every hash from the changed entry on, head included;
only a copy of the head hash kept elsewhere (the `verify-audit` command prints it) shows that.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first entry


@dataclass(frozen=True)
class EntryContent:
    """The fields an entry's hash covers: everything the entry says, and its place in the chain."""

    seq: int
    at: datetime
    clerk_id: int | None
    action: str
    citizen_id: int | None
    purpose: str | None
    detail: Mapping[str, Any]
    outcome: str


@dataclass(frozen=True)
class StoredEntry:
    """An entry as read back, with the hashes it was stored with."""

    id: int
    content: EntryContent
    prev_hash: str
    entry_hash: str


class BreakReason(enum.StrEnum):
    CONTENT_CHANGED = "content_changed"  # the entry's fields no longer give its stored hash
    PREVIOUS_MISMATCH = "previous_mismatch"  # its link does not match the entry before it
    MISSING = "missing"  # sequence numbers jump: entries before this one were removed
    END_MISSING = "end_missing"  # the head names later entries than there are: removed at the end
    HEAD_MISMATCH = "head_mismatch"  # the last entry's hash is not the one the head remembers
    AFTER_HEAD = "after_head"  # an entry past the head's: added without moving the head on


@dataclass(frozen=True)
class ChainBreak:
    """The first place where the trail no longer adds up."""

    seq: int  # the sequence number of the broken entry (or the first missing one)
    entry_id: int | None  # None when the entry is missing
    reason: BreakReason


@dataclass(frozen=True)
class Verification:
    entries: int
    head_seq: int
    head_hash: str
    first_break: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def _utc_text(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("an audit time must be aware (UTC)")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_detail(detail: Mapping[str, Any]) -> str:
    """The detail as the database's JSON column gives it back (tuples as lists, keys as strings), in one
    spelling: sorted keys, ASCII only, no spaces."""
    as_stored = json.loads(json.dumps(dict(detail)))
    return json.dumps(as_stored, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def canonical(content: EntryContent) -> bytes:
    """One unambiguous byte string per content: a JSON array, so no field can bleed into the next."""
    fields = [
        content.seq,
        _utc_text(content.at),
        content.clerk_id,
        content.action,
        content.citizen_id,
        content.purpose,
        canonical_detail(content.detail),
        content.outcome,
    ]
    return json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def entry_hash(prev_hash: str, content: EntryContent) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical(content)).hexdigest()


def verify(entries: Iterable[StoredEntry], head_seq: int, head_hash: str) -> Verification:
    """Walk the entries in sequence order and name the first that does not add up.

    `head_seq`/`head_hash` are what the head row remembers of the last entry appended (0 and `GENESIS`
    for an empty trail), read in the same snapshot as the entries: an entry past the head was not
    appended the way the program appends.
    """
    expected_seq = 1
    prev = GENESIS
    last_id: int | None = None
    count = 0
    for entry in entries:
        seq = entry.content.seq
        count += 1
        if seq != expected_seq:
            return Verification(count, head_seq, head_hash, ChainBreak(expected_seq, None, BreakReason.MISSING))
        if seq > head_seq:
            return Verification(count, head_seq, head_hash, ChainBreak(seq, entry.id, BreakReason.AFTER_HEAD))
        if entry.prev_hash != prev:
            return Verification(
                count, head_seq, head_hash, ChainBreak(seq, entry.id, BreakReason.PREVIOUS_MISMATCH)
            )
        if entry_hash(entry.prev_hash, entry.content) != entry.entry_hash:
            return Verification(count, head_seq, head_hash, ChainBreak(seq, entry.id, BreakReason.CONTENT_CHANGED))
        prev = entry.entry_hash
        last_id = entry.id
        expected_seq += 1
    if expected_seq <= head_seq:
        return Verification(count, head_seq, head_hash, ChainBreak(expected_seq, None, BreakReason.END_MISSING))
    if prev != head_hash:
        return Verification(count, head_seq, head_hash, ChainBreak(head_seq, last_id, BreakReason.HEAD_MISMATCH))
    return Verification(count, head_seq, head_hash, None)
