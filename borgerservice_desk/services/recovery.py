"""Getting a citizen a working MitID method again (issue 14; rules in domain/assurance).

The errands: an activation code for a new app, a code display, audio code reader or chip from the centre's
stock, blocking a lost device, showing a forgotten user ID, and a first MitID for a citizen without one.
Each goes the one way `_errand` sets out, like the MitID actions (services/mitid): on an open visit of the
clerk's centre, the citizen's MitID locked, the errand's identity requirements (documents, and questions
or a witness) checked again inside the transaction, then the change, its history entry (`MitidAction`),
its receipt and its audit entry land together. A refusal is audited in a transaction of its own.

What is never written anywhere: the activation code (only its salted hash, `ActivationCode`) and the user
ID. The code comes back once in `CodeIssued` with its slip (receipts/slip.py: printed for the citizen,
never archived); the user ID comes back in `UserIdShown` for the citizen-facing view only. The receipts
and audit entries say that a code was handed out or a user ID shown, never which.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from borgerservice_desk.domain.assurance import activation_code as codes
from borgerservice_desk.domain.assurance import devices
from borgerservice_desk.domain.assurance.errands import Errand, require
from borgerservice_desk.domain.assurance.first_mitid import check_issue
from borgerservice_desk.domain.assurance.levels import assess
from borgerservice_desk.domain.centre_time import centre_zone, local_time
from borgerservice_desk.domain.consequences import consequences
from borgerservice_desk.domain.cpr import mask
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Identity,
    IdentityState,
    MethodKind,
    MethodState,
)
from borgerservice_desk.domain.receipt import Receipt, ReceiptMethod
from borgerservice_desk.errors import InvalidInput, NotFound, OutcomeUnknown, RuleViolation
from borgerservice_desk.receipts.archive import ReceiptArchive, StagedReceipt
from borgerservice_desk.receipts.pdf import render_receipt_pdf
from borgerservice_desk.receipts.slip import ActivationSlip, render_activation_slip
from borgerservice_desk.services import audit
from borgerservice_desk.services.assurance import VisitAssurance, record_outcome, record_refusal, visit_assurance
from borgerservice_desk.services.centre_settings import activation_code_validity, centre_today
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.mitid import new_reference, outstanding_codes
from borgerservice_desk.services.receipted import publish_receipt, receipt_recorded
from borgerservice_desk.services.visits import open_visit
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    ActivationCode,
    Centre,
    Citizen,
    DeviceStock,
    IdentityCheck,
    MitidAction,
    MitidIdentity,
    MitidMethod,
    PresentedDocument,
    ReceiptRecord,
    Visit,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# Which errand's requirements a device kind follows (a chip needs the high level).
DEVICE_ERRANDS = {
    MethodKind.CODE_DISPLAY: Errand.CODE_DISPLAY,
    MethodKind.CODE_READER: Errand.CODE_READER,
    MethodKind.CHIP: Errand.CHIP,
}


@dataclass(frozen=True)
class ErrandDone:
    action_id: int
    action: ActionKind
    reference: str
    receipt_path: Path
    method_ids: tuple[int, ...]
    receipt_archived: bool = True  # False: the receipt is still in its temporary file (see services.receipted)


@dataclass(frozen=True)
class CodeIssued:
    """`code` and `slip_pdf` are for the citizen, once: print the slip, show the code, then let them go."""

    done: ErrandDone
    code_id: int
    code: str
    expires_at: datetime
    superseded: tuple[int, ...]
    slip_pdf: bytes


@dataclass(frozen=True)
class UserIdShown:
    """`user_id` is for a view turned towards the citizen (or the citizen-facing window) only."""

    done: ErrandDone
    user_id: str


@dataclass(frozen=True)
class MitidIssued:
    """A new MitID: `user_id` for the citizen-facing view; `code` set when the first method is an app."""

    done: ErrandDone
    user_id: str
    code: CodeIssued | None


@dataclass
class _At:
    """Where an errand works: the transaction, the visit, its citizen and their MitID (locked), what the
    visit has established about who they are, the moment, and the centre's local date at it."""

    session: Session
    ctx: ClerkContext
    visit: Visit
    citizen: Citizen
    identity: MitidIdentity | None
    assurance: VisitAssurance
    now: datetime
    today: date

    def require(self, errand: Errand) -> None:
        require(errand, self.assurance.assurance, self.today)

    def mitid(self) -> MitidIdentity:
        if self.identity is None:
            raise NotFound("mitid.no_identity")
        return self.identity


@dataclass
class _Did:
    """What an errand did, for its history entry, receipt and audit entry."""

    identity: MitidIdentity
    before: Identity
    affected: list[MitidMethod] = field(default_factory=list)
    reason: BlockReason | None = None
    detail: dict[str, Any] = field(default_factory=dict)


class RecoveryService:
    def __init__(self, db: Database, archive: ReceiptArchive, clock: Clock = utc_now) -> None:
        self._db = db
        self._archive = archive
        self._clock = clock

    # The errands -----------------------------------------------------------------------------------
    def issue_activation_code(self, ctx: ClerkContext, visit_id: int, *, language: str = "da") -> CodeIssued:
        """A new activation code: refused while the errand's requirements are not met, the whole MitID is
        blocked, or three apps are active ("mitid.too_many_apps" names them). Supersedes any unused code."""

        def work(at: _At) -> tuple[_Did, tuple[int, str, datetime, tuple[int, ...], bytes]]:
            identity = at.mitid()
            at.require(Errand.ACTIVATION_CODE)
            before = identity.to_domain()
            issued = self._issue_code(at, identity, before, language)
            return _Did(identity, before, detail={"code_id": issued[0], "expires_at": issued[2].isoformat(),
                                                  "superseded": list(issued[3])}), issued

        done, (code_id, code, expires, superseded, slip) = self._errand(
            ctx, visit_id, ActionKind.ISSUE_ACTIVATION_CODE, language, work
        )
        return CodeIssued(done, code_id, code, expires, superseded, slip)

    def show_user_id(self, ctx: ClerkContext, visit_id: int, *, language: str = "da") -> UserIdShown:
        """The citizen's user ID, for the citizen's eyes only; every showing is recorded (not the ID)."""

        def work(at: _At) -> tuple[_Did, str]:
            identity = at.mitid()
            at.require(Errand.SHOW_USER_ID)
            return _Did(identity, identity.to_domain()), identity.user_id

        done, user_id = self._errand(ctx, visit_id, ActionKind.SHOW_USER_ID, language, work)
        return UserIdShown(done, user_id)

    def hand_out_device(self, ctx: ClerkContext, visit_id: int, serial: str, *, language: str = "da") -> ErrandDone:
        """A code display, audio code reader or chip from the centre's stock, tied to the citizen's MitID."""

        def work(at: _At) -> tuple[_Did, None]:
            identity = at.mitid()
            before = identity.to_domain()
            method = self._hand_out(at, identity, before, serial)
            return _Did(identity, before, [method], detail={"serial": method.label, "kind": method.kind.value}), None

        done, _ = self._errand(ctx, visit_id, ActionKind.HAND_OUT_DEVICE, language, work)
        return done

    def block_device(
        self, ctx: ClerkContext, visit_id: int, method_id: int, reason: BlockReason, *, language: str = "da"
    ) -> ErrandDone:
        """Block a code display, audio code reader or chip; lost, stolen or faulty is for good, and the
        device never goes back into stock."""

        def work(at: _At) -> tuple[_Did, None]:
            identity = at.mitid()
            at.require(Errand.BLOCK)
            before = identity.to_domain()
            change = devices.decide_block_device(before, method_id, reason)
            method = next(m for m in identity.methods if m.id == method_id)
            method.state = change.state
            method.blocked_at = at.now
            method.block_reason = reason
            method.block_channel = Channel.BORGERSERVICE
            if change.state is MethodState.BLOCKED_PERMANENT:
                item = at.session.scalars(
                    select(DeviceStock).where(DeviceStock.method_id == method.id).with_for_update()
                ).one_or_none()
                if item is not None:
                    item.state = devices.StockState.WITHDRAWN
            return _Did(identity, before, [method], reason, {"kind": method.kind.value, "serial": method.label}), None

        done, _ = self._errand(ctx, visit_id, ActionKind.BLOCK_DEVICE, language, work)
        return done

    def issue_mitid(
        self, ctx: ClerkContext, visit_id: int, *, device_serial: str | None = None, language: str = "da"
    ) -> MitidIssued:
        """A first MitID for a citizen without one, with its first method: a device from stock by serial,
        or (no serial) an app, activated by the citizen with the activation code handed out now."""

        def work(at: _At) -> tuple[_Did, tuple[str, tuple[int, str, datetime, tuple[int, ...], bytes] | None]]:
            check_issue(has_mitid=at.identity is not None)
            at.require(Errand.ISSUE_MITID)
            identity = MitidIdentity(
                citizen_id=at.citizen.id, user_id=_new_user_id(at.session, at.citizen), state=IdentityState.ACTIVE,
                blocked_at=None, created_at=at.now,
            )
            identity.methods = []
            at.session.add(identity)
            at.session.flush()
            before = Identity(IdentityState.ACTIVE, ())
            if device_serial is not None:
                method = self._hand_out(at, identity, before, device_serial)
                detail = {"first_method": method.kind.value, "serial": method.label}
                did = _Did(identity, before, [method], detail=detail)
                return did, (identity.user_id, None)
            issued = self._issue_code(at, identity, before, language)
            did = _Did(identity, before, detail={"first_method": MethodKind.APP.value, "code_id": issued[0],
                                                 "expires_at": issued[2].isoformat()})
            return did, (identity.user_id, issued)

        done, (user_id, issued) = self._errand(ctx, visit_id, ActionKind.ISSUE_MITID, language, work)
        code = None if issued is None else CodeIssued(done, *issued)
        return MitidIssued(done, user_id, code)

    # Pieces two errands share -----------------------------------------------------------------------
    def _issue_code(
        self, at: _At, identity: MitidIdentity, before: Identity, language: str
    ) -> tuple[int, str, datetime, tuple[int, ...], bytes]:
        earlier = outstanding_codes(at.session, identity.id)
        new = codes.decide_issue(
            before, [issued for _, issued in earlier], now=at.now, validity=activation_code_validity(at.session)
        )
        for old, _ in earlier:
            if old.id in new.supersedes:
                old.superseded_at = at.now
        row = ActivationCode(
            identity_id=identity.id, visit_id=at.visit.id, clerk_id=at.ctx.clerk_id, code_hash=new.code_hash,
            issued_at=new.issued_at, expires_at=new.expires_at,
        )
        at.session.add(row)
        at.session.flush()
        centre = at.session.get(Centre, at.ctx.centre_id)
        assert centre is not None
        slip = render_activation_slip(
            ActivationSlip(
                centre.name, _name(at.citizen), new.code, new.issued_at, new.expires_at, centre_zone(centre.timezone)
            ), language
        )
        return row.id, new.code, new.expires_at, new.supersedes, slip

    def _hand_out(self, at: _At, identity: MitidIdentity, before: Identity, serial: str) -> MitidMethod:
        cleaned = devices.normalise_serial(serial)
        item = at.session.scalars(
            select(DeviceStock).where(DeviceStock.serial == cleaned).with_for_update()
        ).one_or_none()
        if item is None or item.centre_id != at.ctx.centre_id:
            raise NotFound("device.not_found", serial=cleaned)
        at.require(DEVICE_ERRANDS.get(item.kind, Errand.CODE_DISPLAY))
        devices.check_hand_out(devices.StockItem(item.serial, item.kind, item.state), before)
        method = MitidMethod(
            identity_id=identity.id, kind=item.kind, state=MethodState.ACTIVE, label=item.serial, device_name=None,
            users=[], activated_at=at.now,
        )
        identity.methods.append(method)
        at.session.flush()
        item.state = devices.StockState.HANDED_OUT
        item.method_id = method.id
        item.handed_out_at = at.now
        return method

    # The one way every errand goes ------------------------------------------------------------------
    def _errand(
        self,
        ctx: ClerkContext,
        visit_id: int,
        kind: ActionKind,
        language: str,
        work: Callable[[_At], tuple[_Did, T]],
    ) -> tuple[ErrandDone, T]:
        staged: StagedReceipt | None = None
        try:
            with self._db.unit_of_work() as uow:
                session = uow.session
                visit, citizen = open_visit(session, visit_id, ctx)
                identity = session.scalars(
                    select(MitidIdentity)
                    .where(MitidIdentity.citizen_id == citizen.id)
                    .options(selectinload(MitidIdentity.methods))
                    .with_for_update()
                ).one_or_none()
                now = self._clock()
                at = _At(
                    session, ctx, visit, citizen, identity, visit_assurance(session, visit, citizen), now,
                    centre_today(session, ctx.centre_id, now),
                )
                did, payload = work(at)
                # Touch the MitID so its version moves: a desk acting on a stale snapshot is refused.
                flag_modified(did.identity, "state")
                session.flush()
                after = did.identity.to_domain()
                document_kind, country, check_id = _receipt_document(session, at)
                action = MitidAction(
                    identity_id=did.identity.id, visit_id=visit.id, identity_check_id=check_id, clerk_id=ctx.clerk_id,
                    kind=kind, reason=did.reason, channel=Channel.BORGERSERVICE,
                    method_ids=[m.id for m in did.affected], note=None, created_at=now,
                )
                session.add(action)
                session.flush()
                centre = session.get(Centre, ctx.centre_id)
                assert centre is not None
                local_now = local_time(now, centre_zone(centre.timezone))
                reference = new_reference(local_now)
                # An errand that changed no method (a code, a user ID shown) lists the citizen's methods as
                # they stand, so the receipt says what the citizen has to log in with.
                shown = did.affected or sorted(did.identity.methods, key=lambda m: m.id)
                receipt = Receipt(
                    reference=reference, issued_at=now, centre_name=centre.name, centre_address=centre.address,
                    clerk_name=ctx.full_name, citizen_name=_name(citizen), citizen_cpr_masked=mask(citizen.cpr),
                    action=kind, methods=tuple(ReceiptMethod(m.kind, m.label, m.state) for m in shown),
                    reason=did.reason, channel=Channel.BORGERSERVICE, document_kind=document_kind,
                    document_country=country, consequences=consequences(did.before, after, kind),
                    centre_timezone=centre.timezone,
                )
                staged = self._archive.stage(reference, local_now, render_receipt_pdf(receipt, language))
                session.add(
                    ReceiptRecord(
                        reference=reference, action_id=action.id, language=language,
                        file_name=self._archive.relative(staged.target), created_at=now,
                        archive_id=self._archive.archive_id,
                    )
                )
                audit.record(
                    session, self._clock, ctx, f"mitid.{kind.value}", citizen_id=citizen.id, visit_id=visit.id,
                    method_ids=[m.id for m in did.affected], receipt=reference, **did.detail,
                )
                # Taken before the commit (see MitidService._perform): a lost answer rolls the session back.
                action_id, method_ids = action.id, tuple(m.id for m in did.affected)
                uow.commit(landed=receipt_recorded(reference))
                committed, staged = staged, None
                handed = publish_receipt(self._archive, committed)
                done = ErrandDone(action_id, kind, reference, handed.path, method_ids, receipt_archived=handed.archived)
                return done, payload
        except OutcomeUnknown:
            raise  # perhaps saved: the staged receipt stays for the next start's recovery (services.receipted)
        except (StaleDataError, IntegrityError):
            self._discard(staged)
            refusal = RuleViolation("mitid.changed_by_another_desk")
            record_refusal(self._db, self._clock, ctx, visit_id, f"mitid.{kind.value}", refusal)
            raise refusal from None
        except (RuleViolation, InvalidInput, NotFound) as refused:
            self._discard(staged)
            record_refusal(self._db, self._clock, ctx, visit_id, f"mitid.{kind.value}", refused)
            raise
        except BaseException as error:
            self._discard(staged)
            if isinstance(error, Exception):
                self._record_failure(ctx, visit_id, kind, error)
            raise

    def _record_failure(self, ctx: ClerkContext, visit_id: int, kind: ActionKind, error: Exception) -> None:
        try:
            # Failed, not refused: a full disk or a lost database is not a rule saying no.
            record_outcome(
                self._db, self._clock, ctx, visit_id, f"mitid.{kind.value}", "failed",
                error=getattr(error, "code", type(error).__name__),
            )
        except Exception:
            log.exception("could not record the failed errand mitid.%s", kind.value)

    def _discard(self, staged: StagedReceipt | None) -> None:
        if staged is not None:
            self._archive.discard(staged)


def _name(citizen: Citizen) -> str:
    return f"{citizen.given_names} {citizen.surname}"


def _receipt_document(session: Session, at: _At) -> tuple[str, str, int | None]:
    """The document the receipt names: the first of those that reach the visit's level, else the first
    counting one; (kind, issuing country, identity check id)."""
    found = at.assurance
    today = at.today
    assessment = assess(found.assurance.documents, today=today, mitid_carries_cpr=found.assurance.mitid_carries_cpr)
    refused = {i for i, _ in assessment.refused}
    order = [*assessment.used, *(i for i in range(len(found.rows)) if i not in refused)]
    for index in order:
        row = found.rows[index]
        check_id = row.id if isinstance(row, IdentityCheck) else row.identity_check_id
        if check_id is not None:
            check = session.get(IdentityCheck, check_id)
            assert check is not None  # foreign key
            return check.document_kind, check.issuing_country, check.id
        assert isinstance(row, PresentedDocument)
        return row.type, row.issuer, None
    return "typed", "", None


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _new_user_id(session: Session, citizen: Citizen) -> str:
    """A user ID nobody has: the first name in plain letters and six random digits."""
    first = re.sub(r"[^a-z]", "", citizen.given_names.split()[0].lower().translate(_ASCII))[:12] or "mitid"
    while True:
        candidate = f"{first}{secrets.randbelow(10**6):06d}"
        if session.scalars(select(MitidIdentity.id).where(MitidIdentity.user_id == candidate)).first() is None:
            return candidate
