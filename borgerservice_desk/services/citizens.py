"""Finding a citizen and showing their MitID: every look-up of a person is logged with its purpose."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from borgerservice_desk.domain.cpr import Cpr, mask
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.identity_check import normalise_name
from borgerservice_desk.domain.mitid import (
    MAX_ACTIVE_APPS,
    Identity,
    IdentityState,
    Method,
    active_apps,
)
from borgerservice_desk.domain.mrz import MrzDocument
from borgerservice_desk.domain.text_limits import (
    CPR_TEXT_MAX,
    PURPOSE_MAX,
    SEARCH_MAX,
    USER_ID_MAX,
    checked_text,
)
from borgerservice_desk.errors import InvalidInput, NotFound
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.centre_settings import centre_today
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.identity import latest_passed_check
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import Citizen, Clerk, MitidAction, MitidIdentity, ReceiptRecord, Visit

LOOKUP_LIMIT = 50


@dataclass(frozen=True)
class CitizenSummary:
    id: int
    full_name: str
    given_names: str
    surname: str
    birth_date: date
    sex: str | None
    cpr_masked: str | None  # None: a citizen without a CPR number, known by birth date

    @property
    def has_cpr(self) -> bool:
        return self.cpr_masked is not None


@dataclass(frozen=True)
class ActionRow:
    created_at: datetime
    kind: str
    reason: str | None
    channel: str
    method_ids: tuple[int, ...]
    methods: str  # the methods acted on, e.g. "iPhone 15, Pixel 8"
    clerk: str  # who did it at the desk; empty for a block recorded before the desk kept one
    note: str | None  # e.g. the user removed from an app
    receipt: str | None = None  # its receipt's reference, to show and print again (MitidService.receipt)


@dataclass(frozen=True)
class MitidOverview:
    citizen: CitizenSummary
    identity_id: int | None  # None: the citizen has no MitID
    user_id: str | None
    state: IdentityState | None
    methods: tuple[Method, ...]
    history: tuple[ActionRow, ...]
    blocked_at: datetime | None = None  # when the whole MitID was blocked
    # For enabling the actions from the rules (domain.mitid.available_actions): the viewing clerk's role
    # as it is now, and the latest passed identity check of the visit the overview was asked for.
    viewer_is_supervisor: bool = False
    identity_checked_at: datetime | None = None

    @property
    def identity(self) -> Identity | None:
        """The MitID as the rules see it; None when the citizen has none."""
        if self.identity_id is None or self.state is None:
            return None
        return Identity(self.state, self.methods, self.blocked_at)

    @property
    def active_app_count(self) -> int:
        return len(active_apps(self.methods))

    @property
    def max_active_apps(self) -> int:
        return MAX_ACTIVE_APPS


def summary_of(citizen: Citizen) -> CitizenSummary:
    return CitizenSummary(
        id=citizen.id,
        full_name=f"{citizen.given_names} {citizen.surname}",
        given_names=citizen.given_names,
        surname=citizen.surname,
        birth_date=citizen.birth_date,
        sex=citizen.sex,
        cpr_masked=mask(citizen.cpr),
    )


class CitizenService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def find_by_cpr(self, ctx: ClerkContext, cpr_text: str, purpose: str) -> CitizenSummary:
        _checked_purpose(purpose)
        text = checked_text(cpr_text, "cpr", CPR_TEXT_MAX)
        with self._db.unit_of_work() as uow:
            # A number that cannot be a CPR number raises here, before anything is written.
            cpr = Cpr.parse(text, today=centre_today(uow.session, ctx.centre_id, self._clock()))
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            citizen = uow.session.scalars(select(Citizen).where(Citizen.cpr == cpr.digits)).one_or_none()
            self._log(uow.session, ctx, "citizen.lookup_cpr", citizen, purpose, query=cpr.masked)
            uow.commit()
            if citizen is None:
                raise NotFound("citizen.not_found", query=cpr.masked)
            return summary_of(citizen)

    def find_by_user_id(self, ctx: ClerkContext, user_id: str, purpose: str) -> CitizenSummary:
        _checked_purpose(purpose)
        cleaned = checked_text(user_id.strip(), "user_id", USER_ID_MAX)
        if not cleaned:
            raise InvalidInput("citizen.empty_query")
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            citizen = uow.session.scalars(
                select(Citizen).join(MitidIdentity).where(MitidIdentity.user_id == cleaned)
            ).one_or_none()
            self._log(uow.session, ctx, "citizen.lookup_user_id", citizen, purpose, query=cleaned)
            uow.commit()
            if citizen is None:
                raise NotFound("citizen.not_found", query=cleaned)
            return summary_of(citizen)

    def search_name_birth(
        self, ctx: ClerkContext, name: str, birth_date: date, purpose: str
    ) -> list[CitizenSummary]:
        """People without a CPR number are identified by name and birth date (DOMAIN.md)."""
        _checked_purpose(purpose)
        wanted = normalise_name(checked_text(name, "name", SEARCH_MAX)).split()
        if not wanted:
            raise InvalidInput("citizen.empty_query")
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            candidates = uow.session.scalars(
                select(Citizen).where(Citizen.birth_date == birth_date).order_by(Citizen.surname)
            ).all()
            found = [
                c
                for c in candidates
                if all(w in normalise_name(f"{c.given_names} {c.surname}").split() for w in wanted)
            ][:LOOKUP_LIMIT]
            # One entry per citizen found, naming them in `citizen_id` like every other look-up, so "who
            # looked at this citizen" finds a search too; one `not_found` entry when nobody matched.
            named: list[Citizen | None] = list(found) or [None]
            for citizen in named:
                audit.record(
                    uow.session,
                    self._clock,
                    ctx,
                    "citizen.search_name_birth",
                    citizen_id=citizen.id if citizen else None,
                    purpose=purpose,
                    outcome="ok" if citizen else "not_found",
                    birth_date=birth_date.isoformat(),
                    hits=len(found),
                )
            uow.commit()
            return [summary_of(c) for c in found]

    def find_by_document(self, ctx: ClerkContext, document: MrzDocument, purpose: str) -> list[CitizenSummary]:
        """Candidates for a checked document: same birth date and a name that matches."""
        if document.birth_date is None:
            raise InvalidInput("citizen.document_without_birth_date")
        name = f"{document.given_names} {document.surname}"
        return self.search_name_birth(ctx, name, document.birth_date, purpose)

    def reveal_cpr(self, ctx: ClerkContext, citizen_id: int, purpose: str) -> str:
        """The full number, for the clerk who asks; every reveal is logged."""
        _checked_purpose(purpose)
        with self._db.unit_of_work() as uow:
            current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            citizen = uow.session.get(Citizen, citizen_id)
            if citizen is None:
                raise NotFound("citizen.not_found", query=citizen_id)
            if citizen.cpr is None:
                raise NotFound("citizen.no_cpr")
            self._log(uow.session, ctx, "citizen.reveal_cpr", citizen, purpose)
            uow.commit()
            return Cpr(citizen.cpr).formatted

    def mitid_overview(
        self, ctx: ClerkContext, citizen_id: int, purpose: str, *, visit_id: int | None = None
    ) -> MitidOverview:
        """The citizen's MitID and its history; with `visit_id`, also the visit's latest passed identity
        check, so the window can offer exactly the actions the rules allow."""
        _checked_purpose(purpose)
        with self._db.unit_of_work() as uow:
            clerk = current_clerk(uow.session, ctx)  # a clerk deactivated since sign-in can no longer look
            session = uow.session
            citizen = session.scalars(
                select(Citizen)
                .where(Citizen.id == citizen_id)
                .options(selectinload(Citizen.identity).selectinload(MitidIdentity.methods))
            ).one_or_none()
            if citizen is None:
                raise NotFound("citizen.not_found", query=citizen_id)
            self._log(session, ctx, "citizen.view_mitid", citizen, purpose)
            overview = _overview(session, citizen)
            check = None
            if visit_id is not None:
                visit = session.get(Visit, visit_id)
                if visit is not None and visit.citizen_id == citizen.id:
                    check = latest_passed_check(session, visit_id)
            overview = replace(
                overview,
                viewer_is_supervisor=clerk.role is Role.SUPERVISOR,
                identity_checked_at=check.checked_at if check is not None else None,
            )
            uow.commit()
            return overview


    def _log(
        self,
        session: Session,
        ctx: ClerkContext,
        action: str,
        citizen: Citizen | None,
        purpose: str,
        **detail: object,
    ) -> None:
        audit.record(
            session,
            self._clock,
            ctx,
            action,
            citizen_id=citizen.id if citizen else None,
            purpose=purpose,
            outcome="ok" if citizen else "not_found",
            **detail,
        )


def _checked_purpose(purpose: str) -> str:
    """The purpose lands in the audit trail's column: the same limit, refused the same on every database."""
    return checked_text(purpose, "purpose", PURPOSE_MAX)


def _overview(session: Session, citizen: Citizen) -> MitidOverview:
    identity = citizen.identity
    if identity is None:
        return MitidOverview(summary_of(citizen), None, None, None, (), ())
    methods = tuple(m.to_domain() for m in identity.methods)
    actions = session.execute(
        select(MitidAction, Clerk.full_name, ReceiptRecord.reference)
        .outerjoin(Clerk, Clerk.id == MitidAction.clerk_id)
        .outerjoin(ReceiptRecord, ReceiptRecord.action_id == MitidAction.id)
        .where(MitidAction.identity_id == identity.id)
        .order_by(MitidAction.created_at.desc(), MitidAction.id.desc())
    ).all()
    labels = {m.id: m.label for m in identity.methods}
    history = tuple(
        ActionRow(
            a.created_at,
            a.kind.value,
            a.reason.value if a.reason else None,
            a.channel.value,
            tuple(a.method_ids),
            ", ".join(labels.get(i, "?") for i in a.method_ids),
            clerk or "",
            a.note,
            reference,
        )
        for a, clerk, reference in actions
    )
    return MitidOverview(
        summary_of(citizen), identity.id, identity.user_id, identity.state, methods, history, identity.blocked_at
    )
