"""Free text from the clerk is refused the same way on SQLite and PostgreSQL: too long for its column, or
holding NUL or another control character (PostgreSQL used to answer with an unexpected DataError)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, select

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain import text_limits as limits
from borgerservice_desk.domain.licence import TypedLicence, validate_licence
from borgerservice_desk.errors import InvalidInput
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.storage.models import AuditEntry, Base, Citizen, Clerk
from tests.conftest import TODAY


def _a_cpr(services: Services) -> str:
    with services.db.read() as session:
        cpr = session.scalars(select(Citizen.cpr).where(Citizen.cpr.is_not(None)).limit(1)).one()
    assert cpr is not None
    return cpr


def _audit_count(services: Services) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


def _refused(call: Callable[[], Any], code: str, field: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.code == code
    assert caught.value.params["field"] == field
    return caught.value


def test_an_over_long_purpose_is_refused_and_a_good_one_still_works(services: Services, clerk: ClerkContext) -> None:
    cpr = _a_cpr(services)
    before = _audit_count(services)
    error = _refused(
        lambda: services.citizens.find_by_cpr(clerk, cpr, "x" * (limits.PURPOSE_MAX + 1)), "text.too_long", "purpose"
    )
    assert error.params["limit"] == limits.PURPOSE_MAX
    assert _audit_count(services) == before  # nothing was written
    # The limit itself fits the column on both databases, and the desk keeps working.
    assert services.citizens.find_by_cpr(clerk, cpr, "y" * limits.PURPOSE_MAX).cpr_masked
    found = services.citizens.find_by_cpr(clerk, cpr, "Counter visit")
    assert services.citizens.mitid_overview(clerk, found.id, "Counter visit").citizen.id == found.id


@pytest.mark.parametrize("bad", ["Counter\x00visit", "Counter\x1bvisit", "two\nlines", "\ud800"])
def test_a_purpose_with_a_control_character_is_refused(services: Services, clerk: ClerkContext, bad: str) -> None:
    cpr = _a_cpr(services)
    _refused(lambda: services.citizens.find_by_cpr(clerk, cpr, bad), "text.invalid_characters", "purpose")
    citizen_id = services.citizens.find_by_cpr(clerk, cpr, "Counter visit").id
    for call in (
        lambda: services.citizens.reveal_cpr(clerk, citizen_id, bad),
        lambda: services.citizens.mitid_overview(clerk, citizen_id, bad),
        lambda: services.citizens.search_name_birth(clerk, "Jensen", TODAY, bad),
        lambda: services.citizens.find_by_user_id(clerk, "abc", bad),
        lambda: services.identity.document_image(clerk, 1, bad),
    ):
        _refused(call, "text.invalid_characters", "purpose")


def test_sign_in_refuses_nul_and_over_long_names_the_same_everywhere(services: Services) -> None:
    _refused(lambda: services.auth.sign_in("clerk\x00", "demo"), "text.invalid_characters", "username")
    _refused(lambda: services.auth.sign_in("c" * (limits.USERNAME_MAX + 1), "demo"), "text.too_long", "username")
    _refused(lambda: services.auth.sign_in("clerk", "demo\x00"), "text.invalid_characters", "password")
    _refused(lambda: services.auth.sign_in("clerk", "p" * (limits.PASSWORD_MAX + 1)), "text.too_long", "password")
    assert services.auth.sign_in("clerk", "demo").username == "clerk"


def test_search_queries_are_checked(services: Services, clerk: ClerkContext) -> None:
    _refused(lambda: services.citizens.find_by_user_id(clerk, "user\x00", "Counter visit"), "text.invalid_characters", "user_id")
    _refused(
        lambda: services.citizens.find_by_user_id(clerk, "u" * (limits.USER_ID_MAX + 1), "Counter visit"),
        "text.too_long",
        "user_id",
    )
    _refused(lambda: services.citizens.find_by_cpr(clerk, "010190\x00-1234", "Counter visit"), "text.invalid_characters", "cpr")
    _refused(
        lambda: services.citizens.search_name_birth(clerk, "Jens\x00en", TODAY, "Counter visit"),
        "text.invalid_characters",
        "name",
    )
    _refused(lambda: services.queue.arrive(clerk, booking_code="AB\x0012"), "text.invalid_characters", "booking_code")
    _refused(lambda: services.queue.arrive(clerk, cpr="1" * (limits.CPR_TEXT_MAX + 1)), "text.too_long", "cpr")
    _refused(lambda: services.queue.arrive(clerk, name="N" * (limits.SEARCH_MAX + 1), birth_date=TODAY), "text.too_long", "name")


def test_closure_reasons_are_checked(services: Services) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    day = date(2026, 12, 30)
    _refused(
        lambda: services.settings.add_closure(supervisor, day, None, "r" * (limits.CLOSURE_REASON_MAX + 1)),
        "text.too_long",
        "closure_reason",
    )
    _refused(lambda: services.settings.add_closure(supervisor, day, None, "Staff\x00day"), "text.invalid_characters", "closure_reason")
    services.settings.add_closure(supervisor, day, None, "r" * limits.CLOSURE_REASON_MAX)
    assert any(c.reason == "r" * limits.CLOSURE_REASON_MAX for c in services.settings.closures(supervisor))


def test_app_details_are_checked_before_anything_else(services: Services, clerk: ClerkContext) -> None:
    mitid = services.mitid
    _refused(lambda: mitid.activate_app(clerk, 1, "m" * (limits.DEVICE_LABEL_MAX + 1), "Phone", "Anna"), "text.too_long", "model")
    _refused(lambda: mitid.activate_app(clerk, 1, "iPhone", "Phone\x00", "Anna"), "text.invalid_characters", "device_name")
    _refused(lambda: mitid.activate_app(clerk, 1, "iPhone", "Phone", "A" * (limits.APP_USER_MAX + 1)), "text.too_long", "app_user")
    _refused(lambda: mitid.remove_app_user(clerk, 1, 1, "Anna\x00"), "text.invalid_characters", "app_user")


def test_typed_licence_names_are_checked() -> None:
    licence = TypedLicence("DK", "12345678", "Jensen\x00", "Anna", date(1990, 1, 1), date(2030, 1, 1))
    _refused(lambda: validate_licence(licence, today=TODAY), "text.invalid_characters", "surname")
    licence = TypedLicence("DK", "12345678", "Jensen", "A" * (limits.NAME_MAX + 1), date(1990, 1, 1), date(2030, 1, 1))
    _refused(lambda: validate_licence(licence, today=TODAY), "text.too_long", "given_names")


def test_checked_text_keeps_line_breaks_only_where_asked() -> None:
    assert limits.checked_text("Æble, øl og å", "purpose", 20) == "Æble, øl og å"
    assert limits.checked_text("a\nb\r\n", "mrz", 20, multiline=True) == "a\nb\r\n"
    _refused(lambda: limits.checked_text("a\nb", "purpose", 20), "text.invalid_characters", "purpose")
    _refused(lambda: limits.checked_text("a\x00b", "mrz", 20, multiline=True), "text.invalid_characters", "mrz")


def test_the_columns_are_sized_by_the_limits() -> None:
    """One home for each limit: the models' String lengths are the same numbers the services check."""
    assert AuditEntry.__table__.c.purpose.type.length == limits.PURPOSE_MAX
    assert Clerk.__table__.c.username.type.length == limits.USERNAME_MAX
    tables = Base.metadata.tables
    assert tables["closure"].c.reason.type.length == limits.CLOSURE_REASON_MAX
    assert tables["mitid_method"].c.label.type.length == limits.DEVICE_LABEL_MAX
    assert tables["mitid_method"].c.device_name.type.length == limits.DEVICE_NAME_MAX
    assert tables["mitid_action"].c.note.type.length >= limits.APP_USER_MAX  # the removed user is noted
    assert tables["mitid_identity"].c.user_id.type.length == limits.USER_ID_MAX
    assert tables["appointment"].c.booking_code.type.length == limits.BOOKING_CODE_MAX
    assert tables["citizen"].c.surname.type.length == limits.NAME_MAX
