"""Every look-up of a person is in the audit trail with whose record it was (DOMAIN.md, "Citizen look-up"):
by CPR number, by MitID user ID, by name and birth date, and opening the citizen's MitID. Each test reads
the entries the look-up wrote, so a look-up that writes none, or one that forgets the citizen, fails."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from borgerservice_desk.bootstrap import Services, build_services
from borgerservice_desk.config import Paths
from borgerservice_desk.errors import InvalidInput, NotFound
from borgerservice_desk.services.citizens import CitizenSummary
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Citizen, IdentityCheck, MitidIdentity
from tests.conftest import NOW

PURPOSE = "MitID block"


def _new_entries(services: Services, after_seq: int) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.seq > after_seq).order_by(AuditEntry.seq)))


def _last_seq(services: Services) -> int:
    with services.db.read() as session:
        return max(session.scalars(select(AuditEntry.seq)).all(), default=0)


def _citizen_with_mitid(services: Services) -> tuple[Citizen, str]:
    with services.db.read() as session:
        row = session.execute(
            select(Citizen, MitidIdentity.user_id).join(MitidIdentity).where(Citizen.cpr.is_not(None)).order_by(Citizen.id)
        ).first()
        assert row is not None
        citizen, user_id = row
        session.expunge(citizen)
        return citizen, user_id


def _only(entries: list[AuditEntry]) -> AuditEntry:
    assert len(entries) == 1, [(e.action, e.citizen_id) for e in entries]
    return entries[0]


def _assert_names(entry: AuditEntry, action: str, clerk: ClerkContext, citizen_id: int | None, outcome: str) -> None:
    assert (entry.action, entry.clerk_id, entry.citizen_id, entry.purpose, entry.outcome) == (
        action, clerk.clerk_id, citizen_id, PURPOSE, outcome,
    )
    assert entry.at == NOW


def test_a_cpr_look_up_names_the_citizen_found(services: Services, clerk: ClerkContext) -> None:
    citizen, _user_id = _citizen_with_mitid(services)
    assert citizen.cpr is not None
    before = _last_seq(services)
    found = services.citizens.find_by_cpr(clerk, citizen.cpr, PURPOSE)
    # The summary the clerk sees is the register's, whole, with the CPR number masked.
    assert found == CitizenSummary(
        id=citizen.id, full_name=f"{citizen.given_names} {citizen.surname}", given_names=citizen.given_names,
        surname=citizen.surname, birth_date=citizen.birth_date, sex=citizen.sex, cpr_masked=f"{citizen.cpr[:6]}-XXXX",
    )
    entry = _only(_new_entries(services, before))
    _assert_names(entry, "citizen.lookup_cpr", clerk, citizen.id, "ok")
    assert entry.detail == {"query": f"{citizen.cpr[:6]}-XXXX"}  # the masked number only


def test_a_cpr_look_up_that_finds_nobody_names_the_number_masked_and_is_logged_too(
    services: Services, clerk: ClerkContext
) -> None:
    before = _last_seq(services)
    with pytest.raises(NotFound) as caught:
        services.citizens.find_by_cpr(clerk, "7101801234", PURPOSE)  # a replacement number nobody has
    # The clerk's message names what was looked for ("No citizen found for '{query}'"), masked as shown.
    assert (caught.value.code, caught.value.params) == ("citizen.not_found", {"query": "710180-XXXX"})
    entry = _only(_new_entries(services, before))
    _assert_names(entry, "citizen.lookup_cpr", clerk, None, "not_found")
    assert entry.detail == {"query": "710180-XXXX"}


def test_a_cpr_number_is_judged_against_the_desks_date_not_the_machines(
    services: Services, clerk: ClerkContext, tmp_path: Path
) -> None:
    """Born on 1 January 2023 is in the future for a desk whose clock says 2020, whatever the machine's
    calendar says: the desk's clock is the one the rules use (tests and a centre's own time alike)."""
    desk = build_services(services.db, Paths(tmp_path / "desk"), clock=lambda: datetime(2020, 6, 1, 9, tzinfo=UTC))
    before = _last_seq(services)
    with pytest.raises(InvalidInput) as caught:
        desk.citizens.find_by_cpr(clerk, "010123-4000", PURPOSE)
    assert caught.value.code == "cpr.born_in_future"
    assert _new_entries(services, before) == []  # refused before anyone was looked up


def test_a_user_id_look_up_is_logged_with_the_citizen_found(services: Services, clerk: ClerkContext) -> None:
    citizen, user_id = _citizen_with_mitid(services)
    before = _last_seq(services)
    found = services.citizens.find_by_user_id(clerk, f"  {user_id} ", PURPOSE)
    assert found.id == citizen.id
    entry = _only(_new_entries(services, before))
    _assert_names(entry, "citizen.lookup_user_id", clerk, citizen.id, "ok")
    assert entry.detail == {"query": user_id}


def test_a_user_id_look_up_that_finds_nobody_is_logged_too(services: Services, clerk: ClerkContext) -> None:
    before = _last_seq(services)
    with pytest.raises(NotFound) as caught:
        services.citizens.find_by_user_id(clerk, " nobody00000 ", PURPOSE)
    # The clerk's message names what was looked for ("No citizen found for '{query}'"), as it was looked for.
    assert (caught.value.code, caught.value.params) == ("citizen.not_found", {"query": "nobody00000"})
    _assert_names(_only(_new_entries(services, before)), "citizen.lookup_user_id", clerk, None, "not_found")


def test_a_blank_user_id_is_refused_before_any_look_up(services: Services, clerk: ClerkContext) -> None:
    before = _last_seq(services)
    with pytest.raises(InvalidInput) as caught:
        services.citizens.find_by_user_id(clerk, "   ", PURPOSE)
    assert caught.value.code == "citizen.empty_query"
    assert _new_entries(services, before) == []  # nobody was looked up, so nothing to log


def test_a_name_and_birth_date_search_names_each_citizen_it_shows(services: Services, clerk: ClerkContext) -> None:
    citizen, _user_id = _citizen_with_mitid(services)
    before = _last_seq(services)
    hits = services.citizens.search_name_birth(clerk, citizen.surname, citizen.birth_date, PURPOSE)
    assert citizen.id in [h.id for h in hits]
    entries = _new_entries(services, before)
    assert sorted(e.citizen_id for e in entries if e.citizen_id is not None) == sorted(h.id for h in hits)
    assert len(entries) == len(hits)
    for entry, hit in zip(entries, hits, strict=True):
        _assert_names(entry, "citizen.search_name_birth", clerk, hit.id, "ok")
        assert entry.detail == {"birth_date": citizen.birth_date.isoformat(), "hits": len(hits)}


def test_a_name_search_that_finds_nobody_leaves_one_not_found_entry(services: Services, clerk: ClerkContext) -> None:
    before = _last_seq(services)
    assert services.citizens.search_name_birth(clerk, "Nobody Known", date(1970, 1, 1), PURPOSE) == []
    entry = _only(_new_entries(services, before))
    _assert_names(entry, "citizen.search_name_birth", clerk, None, "not_found")


def test_opening_a_citizens_mitid_is_logged_with_whose_it_was(services: Services, clerk: ClerkContext) -> None:
    citizen, user_id = _citizen_with_mitid(services)
    before = _last_seq(services)
    overview = services.citizens.mitid_overview(clerk, citizen.id, PURPOSE)
    assert overview.citizen.id == citizen.id and overview.user_id == user_id
    _assert_names(_only(_new_entries(services, before)), "citizen.view_mitid", clerk, citizen.id, "ok")


def test_a_mitid_overview_takes_the_check_of_the_citizens_own_visit_and_the_viewers_role_as_it_is_now(
    services: Services, clerk: ClerkContext
) -> None:
    """What the window offers follows from the overview: the latest passed identity check of the visit it
    was asked for, only when that visit is this citizen's, and whether the viewer is a supervisor now (not
    at sign-in)."""
    from borgerservice_desk.domain.desk import Role
    from tests.support.assurance import checked, citizens

    first, second = citizens(services)[:2]
    visit = checked(services, clerk, first)
    other_visit = checked(services, clerk, second)
    with services.db.read() as session:
        checked_at = session.scalars(select(IdentityCheck.checked_at).where(IdentityCheck.visit_id == visit)).one()
    own = services.citizens.mitid_overview(clerk, first.id, PURPOSE, visit_id=visit)
    assert (own.identity_checked_at, own.viewer_is_supervisor) == (checked_at, False)
    assert services.citizens.mitid_overview(clerk, first.id, PURPOSE, visit_id=other_visit).identity_checked_at is None
    assert services.citizens.mitid_overview(clerk, first.id, PURPOSE).identity_checked_at is None
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.clerks.set_role(supervisor, clerk.clerk_id, Role.SUPERVISOR)
    assert services.citizens.mitid_overview(clerk, first.id, PURPOSE).viewer_is_supervisor is True
    with pytest.raises(NotFound) as caught:
        services.citizens.mitid_overview(clerk, 10_000, PURPOSE)
    assert (caught.value.code, caught.value.params) == ("citizen.not_found", {"query": 10_000})


def test_revealing_a_cpr_number_is_logged_with_whose_it_was(services: Services, clerk: ClerkContext) -> None:
    citizen, _user_id = _citizen_with_mitid(services)
    before = _last_seq(services)
    services.citizens.reveal_cpr(clerk, citizen.id, PURPOSE)
    _assert_names(_only(_new_entries(services, before)), "citizen.reveal_cpr", clerk, citizen.id, "ok")


def test_a_cpr_number_that_is_not_there_cannot_be_revealed_and_nothing_is_logged(
    services: Services, clerk: ClerkContext
) -> None:
    with services.db.read() as session:
        without_cpr = session.scalars(select(Citizen.id).where(Citizen.cpr.is_(None)).order_by(Citizen.id)).first()
        unknown = max(session.scalars(select(Citizen.id)).all()) + 1
    assert without_cpr is not None
    before = _last_seq(services)
    # Someone identified by name and birth date has no number to show.
    with pytest.raises(NotFound) as caught:
        services.citizens.reveal_cpr(clerk, without_cpr, PURPOSE)
    assert (caught.value.code, caught.value.params) == ("citizen.no_cpr", {})
    with pytest.raises(NotFound) as caught:
        services.citizens.reveal_cpr(clerk, unknown, PURPOSE)
    assert (caught.value.code, caught.value.params) == ("citizen.not_found", {"query": unknown})
    assert _new_entries(services, before) == []


def test_people_of_one_birth_date_and_name_are_listed_by_surname(services: Services, clerk: ClerkContext) -> None:
    born = date(1931, 2, 3)
    with services.db.unit_of_work() as uow:
        # Stored in the opposite order of their surnames.
        for surname in ("Zahle", "Mørch", "Bech"):
            uow.session.add(Citizen(cpr=None, given_names="Karen Margrethe", surname=surname, birth_date=born))
        uow.commit()
    hits = services.citizens.search_name_birth(clerk, "karen", born, PURPOSE)
    assert [h.surname for h in hits] == ["Bech", "Mørch", "Zahle"]


def test_a_blank_name_is_refused_before_any_search(services: Services, clerk: ClerkContext) -> None:
    before = _last_seq(services)
    with pytest.raises(InvalidInput) as caught:
        services.citizens.search_name_birth(clerk, "  ", date(1970, 1, 1), PURPOSE)
    assert caught.value.code == "citizen.empty_query"
    assert _new_entries(services, before) == []
