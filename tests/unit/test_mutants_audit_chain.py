"""The audit chain's byte format pinned where mutation testing (`make mutate`) found it unpinned.

Entries written by one version must verify under the next: the canonical bytes and the hash of a known
entry are fixed here literally, so a change of separator, escaping or encoding fails a test rather than
turning every stored chain into "broken" after an upgrade."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from borgerservice_desk.domain.audit_chain import GENESIS, EntryContent, canonical, entry_hash

ENTRY = EntryContent(
    seq=1,
    at=datetime(2026, 11, 27, 9, 0, tzinfo=UTC),
    clerk_id=2,
    action="citizen.lookup",
    citizen_id=3,
    purpose="Søren spurgte",
    detail={"navn": "Åse", "n": 1},
    outcome="ok",
)


def test_a_known_entry_has_known_bytes_and_a_known_hash() -> None:
    assert canonical(ENTRY) == (
        b'[1,"2026-11-27T09:00:00.000000+00:00",2,"citizen.lookup",3,"S\\u00f8ren spurgte",'
        b'"{\\"n\\":1,\\"navn\\":\\"\\\\u00c5se\\"}","ok"]'
    )
    assert entry_hash(GENESIS, ENTRY) == "5b4f7f3eb599e6860d2e5cc6d5918aa68b89125352a83914ba874ec4ac9db4e0"


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^an audit time must be aware"):
        canonical(EntryContent(1, datetime(2026, 11, 27, 9, 0), None, "x", None, None, {}, "ok"))
