"""Actions on a citizen's MitID at the counter.

Every action goes the same way (`_perform`): lock the citizen's MitID, require a passed identity check in
this visit, let the domain decide, require what the visit must have established for an action that gives
the citizen a working method again (a lifted block, a new app: `ActionKind.assurance_errand`), store the
change, its history entry, its audit entry and its receipt record in one transaction (a whole-MitID block
for misuse makes every activation code still out stop working in that same transaction). The receipt PDF
is written whole to a temporary file before the commit (so a receipt that cannot be written stops the
action) and takes its place in the archive only after the commit; `recover_receipts` finishes or removes
what a desk that died in between left. A refusal, and an action that failed for any other reason, is
recorded in a transaction of its own.

Receipt references are random (`BSD-<day>-XXXX-XXXX`), never derived from a row id: a rolled-back or
crashed action must not hand its reference to the next one.

Two desks acting on one MitID at once are kept apart twice over: the MitID row is locked for the
transaction (SELECT ... FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so the second desk
decides on what the first one stored; and the row's version column turns any write from a stale
snapshot into a clear "changed by another desk".
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from borgerservice_desk.domain import mitid as rules
from borgerservice_desk.domain.assurance import activation_code as codes
from borgerservice_desk.domain.assurance.errands import require
from borgerservice_desk.domain.centre_time import local_time
from borgerservice_desk.domain.consequences import consequences
from borgerservice_desk.domain.cpr import mask
from borgerservice_desk.domain.desk import Role
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    Decision,
    Identity,
    MethodState,
)
from borgerservice_desk.domain.receipt import Receipt, ReceiptMethod
from borgerservice_desk.domain.text_limits import APP_USER_MAX, DEVICE_LABEL_MAX, DEVICE_NAME_MAX, checked_text
from borgerservice_desk.errors import NotFound, OutcomeUnknown, RuleViolation
from borgerservice_desk.receipts.archive import ReceiptArchive, RecoveryReport, StagedReceipt
from borgerservice_desk.receipts.pdf import render_receipt_pdf
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.assurance import visit_assurance
from borgerservice_desk.services.centre_settings import centre_today, read_centre_zone
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.identity import latest_passed_check
from borgerservice_desk.services.receipted import publish_receipt, receipt_recorded
from borgerservice_desk.services.visits import open_visit
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    ActivationCode,
    Centre,
    Citizen,
    IdentityCheck,
    MitidAction,
    MitidIdentity,
    MitidMethod,
    ReceiptRecord,
    Visit,
)

# The rule deciding an action: on the MitID, the passed identity check, and whether the clerk is a
# supervisor now (from the clerk's row, not from the context).
Decide = Callable[[Identity, IdentityCheck, bool], Decision]

log = logging.getLogger(__name__)

# Crockford's base 32: no I, L, O or U, so a reference read aloud over the phone is not misheard.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(local_now: datetime) -> str:
    """A receipt reference: the day, then 40 random bits (about 10^12 per day; the database's unique
    constraint is the final guard). The day is the centre's (`local_now`, in the centre's zone), the date
    printed on the receipt: a reference dated the UTC day would be a day behind it in Copenhagen from
    midnight to 01:00 and a day ahead in a Nuuk evening."""
    token = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"BSD-{local_now:%Y%m%d}-{token[:4]}-{token[4:]}"



@dataclass(frozen=True)
class ActionDone:
    action_id: int
    action: ActionKind
    reference: str
    receipt_path: Path
    method_ids: tuple[int, ...]
    receipt_archived: bool = True  # False: the receipt is still in its temporary file (see services.receipted)


class MitidService:
    def __init__(self, db: Database, archive: ReceiptArchive, clock: Clock = utc_now) -> None:
        self._db = db
        self._archive = archive
        self._clock = clock

    # The actions ---------------------------------------------------------------------------------
    def block_app(
        self,
        ctx: ClerkContext,
        visit_id: int,
        method_id: int,
        reason: BlockReason,
        *,
        channel: Channel = Channel.BORGERSERVICE,
        language: str = "da",
    ) -> ActionDone:
        return self._perform(
            ctx, visit_id, ActionKind.BLOCK_APP, language,
            lambda identity, _check, _supervisor: rules.decide_block_app(identity, method_id, reason, channel),
            method_id=method_id,
        )

    def block_all_apps(
        self,
        ctx: ClerkContext,
        visit_id: int,
        reason: BlockReason,
        *,
        channel: Channel = Channel.BORGERSERVICE,
        language: str = "da",
    ) -> ActionDone:
        return self._perform(
            ctx, visit_id, ActionKind.BLOCK_ALL_APPS, language,
            lambda identity, _check, _supervisor: rules.decide_block_all_apps(identity, reason, channel),
        )

    def block_mitid(
        self, ctx: ClerkContext, visit_id: int, *, channel: Channel = Channel.BORGERSERVICE, language: str = "da"
    ) -> ActionDone:
        return self._perform(
            ctx, visit_id, ActionKind.BLOCK_MITID, language,
            lambda identity, _check, _supervisor: rules.decide_block_mitid(identity, channel),
        )

    def reopen(self, ctx: ClerkContext, visit_id: int, method_id: int, *, language: str = "da") -> ActionDone:
        return self._perform(
            ctx, visit_id, ActionKind.REOPEN_METHOD, language,
            lambda identity, _check, _supervisor: rules.decide_reopen(identity, method_id),
            method_id=method_id,
        )

    def lift_mitid_block(self, ctx: ClerkContext, visit_id: int, *, language: str = "da") -> ActionDone:
        return self._perform(
            ctx, visit_id, ActionKind.LIFT_MITID_BLOCK, language,
            lambda identity, check, supervisor: rules.decide_lift_mitid_block(
                identity, by_supervisor=supervisor, identity_checked_at=check.checked_at
            ),
        )

    def remove_app_user(
        self, ctx: ClerkContext, visit_id: int, method_id: int, user: str, *, language: str = "da"
    ) -> ActionDone:
        checked_text(user, "app_user", APP_USER_MAX)
        return self._perform(
            ctx, visit_id, ActionKind.REMOVE_APP_USER, language,
            lambda identity, _check, _supervisor: rules.decide_remove_app_user(identity, method_id, user),
            method_id=method_id,
        )

    def activate_app(
        self, ctx: ClerkContext, visit_id: int, model: str, device_name: str, user: str, *, language: str = "da"
    ) -> ActionDone:
        checked_text(model, "model", DEVICE_LABEL_MAX)
        checked_text(device_name, "device_name", DEVICE_NAME_MAX)
        checked_text(user, "app_user", APP_USER_MAX)
        return self._perform(
            ctx, visit_id, ActionKind.ACTIVATE_APP, language,
            lambda identity, _check, _supervisor: rules.decide_activate_app(identity, model, device_name, user),
        )

    def receipt(self, ctx: ClerkContext, visit_id: int, reference: str) -> Path:
        """The PDF of one of the visit's citizen's receipts, to show and print again: the printer jammed, the
        citizen lost it, or the desk stopped before it was shown (the next start finishes it). Shown to the
        clerk serving that citizen only, and recorded in the audit trail as any look-up is.

        NotFound "receipt.unknown" for a reference that is not one of this citizen's receipts;
        "receipt.not_here" for one whose file is not in this desk's archive: written at another desk, or not
        yet filed (its action was saved as the desk stopped, and the next start files it)."""
        with self._db.unit_of_work() as uow:
            session = uow.session
            visit, citizen = open_visit(session, visit_id, ctx)
            record = session.scalar(
                select(ReceiptRecord)
                .join(MitidAction, MitidAction.id == ReceiptRecord.action_id)
                .join(MitidIdentity, MitidIdentity.id == MitidAction.identity_id)
                .where(ReceiptRecord.reference == reference, MitidIdentity.citizen_id == citizen.id)
            )
            if record is None:
                raise NotFound("receipt.unknown", reference=reference)
            path = self._archive.root / record.file_name
            if not path.is_file():
                raise NotFound("receipt.not_here", reference=reference)
            audit.record(
                session, self._clock, ctx, "receipt.shown", citizen_id=citizen.id, visit_id=visit.id, receipt=reference
            )
            uow.commit()
            return path

    def require_assurance(self, ctx: ClerkContext, visit_id: int, kind: ActionKind) -> None:
        """Before the clerk types an action's details: refused ("assurance.insufficient", naming what is
        missing) while the visit has not established what the action needs (`ActionKind.assurance_errand`),
        and the refusal recorded like the action's own. The action checks again in its own transaction."""
        try:
            with self._db.read() as session:
                visit, citizen = open_visit(session, visit_id, ctx)
                self._require_assurance(session, ctx, visit, citizen, kind)
        except RuleViolation as refusal:
            self._record_refusal(ctx, visit_id, kind, None, refusal)
            raise

    def record_refusal(
        self, ctx: ClerkContext, visit_id: int, kind: ActionKind, refusal: RuleViolation, *, method_id: int | None = None
    ) -> None:
        """An action the window did not offer (rules.available_actions refused it) but the clerk still
        asked for, by its shortcut: recorded like any other refusal (DOMAIN.md)."""
        self._record_refusal(ctx, visit_id, kind, method_id, refusal)

    # The one way every action goes ----------------------------------------------------------------
    def _perform(
        self,
        ctx: ClerkContext,
        visit_id: int,
        kind: ActionKind,
        language: str,
        decide: Decide,
        *,
        method_id: int | None = None,
    ) -> ActionDone:
        staged: StagedReceipt | None = None
        try:
            with self._db.unit_of_work() as uow:
                session = uow.session
                # The role and active state as they are now, not as at sign-in (and not as a context says).
                clerk = current_clerk(session, ctx, supervisor=kind.needs_supervisor, refusal="mitid.supervisor_only")
                visit, citizen, identity = self._load(session, ctx, visit_id)
                check = latest_passed_check(session, visit.id)
                if check is None:
                    raise RuleViolation("mitid.no_identity_check")
                before = identity.to_domain()
                decision = decide(before, check, clerk.role is Role.SUPERVISOR)
                # Lifting the whole-MitID block and a new app give the citizen a working method again: the
                # documents and the questions or a witness, as every errand that does (kind.assurance_errand).
                # After the rules' own refusals (supervisor, a check after the block, a fourth app), which
                # come first.
                self._require_assurance(session, ctx, visit, citizen, kind)
                now = self._clock()
                after = rules.apply(before, decision, now=now)
                affected = self._store(session, identity, decision, after, now)
                code_used = _use_activation_code(session, identity, now) if kind is ActionKind.ACTIVATE_APP else None
                # Misuse: a code handed out before may be the impostor's, and must not outlive the block.
                # The codes it voided go in the audit entry (their ids, never the codes).
                voided: dict[str, Any] = (
                    {"activation_codes_voided": _void_activation_codes(session, identity, now)}
                    if decision.voids_activation_codes
                    else {}
                )
                action = MitidAction(
                    identity_id=identity.id,
                    visit_id=visit.id,
                    identity_check_id=check.id,
                    clerk_id=ctx.clerk_id,
                    kind=decision.action,
                    reason=decision.reason,
                    channel=decision.channel,
                    method_ids=[m.id for m in affected],
                    note=decision.removed_user,  # who was taken off an app, for the history
                    created_at=now,
                )
                session.add(action)
                session.flush()
                local_now = local_time(now, read_centre_zone(session, ctx.centre_id))  # the receipt's date
                reference = new_reference(local_now)
                receipt = self._receipt(session, ctx, citizen, check, decision, affected, reference, now, before, after,
                                        codes_voided=len(voided.get("activation_codes_voided", ())))
                staged = self._archive.stage(reference, local_now, render_receipt_pdf(receipt, language))
                session.add(
                    ReceiptRecord(
                        reference=reference,
                        action_id=action.id,
                        language=language,
                        file_name=self._archive.relative(staged.target),
                        created_at=now,
                        archive_id=self._archive.archive_id,
                    )
                )
                audit.record(
                    session,
                    self._clock,
                    ctx,
                    f"mitid.{decision.action.value}",
                    citizen_id=citizen.id,
                    visit_id=visit.id,
                    method_ids=[m.id for m in affected],
                    reason=decision.reason.value if decision.reason else None,
                    channel=decision.channel.value,
                    receipt=reference,
                    activation_code_id=code_used,  # None: the app was activated with a working method
                    **voided,
                )
                # Taken before the commit: one whose answer was lost rolls the session back, and reading
                # them then would ask a database that may still be away about an action that is saved.
                action_id, method_ids = action.id, tuple(m.id for m in affected)
                uow.commit(landed=receipt_recorded(reference))
                committed = staged
                staged = None  # from here on the receipt is the action's, whatever happens
                handed = publish_receipt(self._archive, committed)
                return ActionDone(
                    action_id, decision.action, reference, handed.path, method_ids, receipt_archived=handed.archived
                )
        except OutcomeUnknown:
            # Perhaps saved: the staged receipt stays for the next start's recovery to publish or remove, by
            # what the database holds; the database cannot take an entry of the attempt now either.
            raise
        except (StaleDataError, IntegrityError):
            self._discard(staged)
            refusal = RuleViolation("mitid.changed_by_another_desk")
            self._record_refusal(ctx, visit_id, kind, method_id, refusal)
            raise refusal from None
        except RuleViolation as refusal:
            self._discard(staged)
            self._record_refusal(ctx, visit_id, kind, method_id, refusal)
            raise
        except Exception as error:
            # Nothing was saved; the attempt still belongs in the record, like a refusal.
            self._discard(staged)
            self._record_failure(ctx, visit_id, kind, method_id, error)
            raise
        except BaseException:
            self._discard(staged)
            raise

    def recover_receipts(self) -> RecoveryReport:
        """At start: finish receipts of actions committed just before a crash, remove those of actions
        that never committed, quarantine PDFs the database does not know (see receipts.archive)."""
        listing = self._archive.listing()  # first: what the database says must be at least as new
        archive_id = self._archive.archive_id
        with self._db.read() as session:
            rows = session.execute(select(ReceiptRecord.file_name, ReceiptRecord.archive_id)).all()
        recorded = {name for name, _ in rows}
        own = {name for name, written_to in rows if written_to == archive_id}
        return self._archive.recover(listing, recorded, own)

    def _require_assurance(
        self, session: Session, ctx: ClerkContext, visit: Visit, citizen: Citizen, kind: ActionKind
    ) -> None:
        """The one check of an action's identity requirements: the errand's own (domain/assurance/errands),
        on what the visit has established as of the centre's today."""
        errand = kind.assurance_errand
        if errand is not None:
            found = visit_assurance(session, visit, citizen)
            require(errand, found.assurance, centre_today(session, ctx.centre_id, self._clock()))

    def _load(self, session: Session, ctx: ClerkContext, visit_id: int) -> tuple[Visit, Citizen, MitidIdentity]:
        visit, citizen = open_visit(session, visit_id, ctx)
        identity = session.scalars(
            select(MitidIdentity)
            .where(MitidIdentity.citizen_id == citizen.id)
            .options(selectinload(MitidIdentity.methods))
            .with_for_update()
        ).one_or_none()
        if identity is None:
            raise NotFound("mitid.no_identity")
        return visit, citizen, identity

    def _store(
        self, session: Session, identity: MitidIdentity, decision: Decision, after: Identity, now: datetime
    ) -> list[MitidMethod]:
        """Write the decided change onto the rows; returns the methods the action touched."""
        rows = {m.id: m for m in identity.methods}
        affected: list[MitidMethod] = []
        for change in decision.changes:
            row = rows[change.method_id]
            row.state = change.state
            if change.users is not None:
                row.users = list(change.users)
            if change.state in (MethodState.BLOCKED_TEMPORARY, MethodState.BLOCKED_PERMANENT):
                row.blocked_at = now
                row.block_reason = decision.reason
                row.block_channel = decision.channel
            elif change.state is MethodState.ACTIVE:
                row.blocked_at = row.block_reason = row.block_channel = None
            affected.append(row)
        if decision.new_app is not None:
            new = decision.new_app
            row = MitidMethod(
                identity_id=identity.id,
                kind=rules.MethodKind.APP,
                state=MethodState.ACTIVE,
                label=new.model,
                device_name=new.device_name,
                users=[new.user],
                activated_at=now,
            )
            session.add(row)
            session.flush()
            affected.append(row)
        if decision.identity_state is not None:
            identity.state = after.state
            identity.blocked_at = after.blocked_at
            affected.extend(m for m in identity.methods if m not in affected)
        # Touch the identity so its version moves even when only its methods changed.
        flag_modified(identity, "state")
        session.flush()
        if rules.violations(after):  # the rules decided; this only guards against a bug of ours
            raise AssertionError(f"MitID rules broken: {rules.violations(after)}")
        return affected

    def _receipt(
        self,
        session: Session,
        ctx: ClerkContext,
        citizen: Citizen,
        check: IdentityCheck,
        decision: Decision,
        affected: list[MitidMethod],
        reference: str,
        now: datetime,
        before: Identity,
        after: Identity,
        *,
        codes_voided: int = 0,
    ) -> Receipt:
        centre = session.get(Centre, ctx.centre_id)
        assert centre is not None
        if decision.action is ActionKind.BLOCK_MITID:
            # Under a whole-MitID block every method that worked has stopped, for now; the others are
            # listed too, with the block they already had, so the receipt names every method the history does.
            methods = tuple(
                ReceiptMethod(
                    m.kind, m.label, MethodState.BLOCKED_TEMPORARY if m.state is MethodState.ACTIVE else m.state
                )
                for m in affected
            )
        else:
            methods = tuple(ReceiptMethod(m.kind, m.label, m.state) for m in affected)
        return Receipt(
            reference=reference,
            issued_at=now,
            centre_name=centre.name,
            centre_address=centre.address,
            clerk_name=ctx.full_name,
            citizen_name=f"{citizen.given_names} {citizen.surname}",
            citizen_cpr_masked=mask(citizen.cpr),
            action=decision.action,
            methods=methods,
            reason=decision.reason,
            channel=decision.channel,
            document_kind=check.document_kind,
            document_country=check.issuing_country,
            consequences=consequences(before, after, decision.action),
            centre_timezone=centre.timezone,
            activation_codes_voided=codes_voided,
        )

    def _record_refusal(
        self,
        ctx: ClerkContext,
        visit_id: int,
        kind: ActionKind,
        method_id: int | None,
        refusal: RuleViolation,
    ) -> None:
        """A refused action is part of the record too (DOMAIN.md), in its own transaction; for want of
        identity assurance with what was missing, as the errands' refusals record it."""
        detail = {"refusal": refusal.code}
        missing = refusal.params.get("missing")
        if refusal.code == "assurance.insufficient" and missing:
            detail["errand"] = str(refusal.params.get("errand"))
            detail["missing"] = ",".join(str(gap) for gap in missing)
        self._record_outcome(ctx, visit_id, kind, method_id, "refused", **detail)

    def _record_failure(
        self, ctx: ClerkContext, visit_id: int, kind: ActionKind, method_id: int | None, error: Exception
    ) -> None:
        """An action that failed unexpectedly (a full disk, a lost database) is recorded when it can be;
        when even that fails the log says so, and the clerk sees the original error."""
        try:
            self._record_outcome(
                ctx, visit_id, kind, method_id, "failed", error=getattr(error, "code", type(error).__name__)
            )
        except Exception:
            log.exception("could not record the failed action mitid.%s", kind.value)

    def _record_outcome(
        self, ctx: ClerkContext, visit_id: int, kind: ActionKind, method_id: int | None, outcome: str, **detail: str
    ) -> None:
        """An action that did not happen, in an audit entry of its own transaction."""
        with self._db.unit_of_work() as uow:
            visit = uow.session.get(Visit, visit_id)
            audit.record(
                uow.session,
                self._clock,
                ctx,
                f"mitid.{kind.value}",
                citizen_id=visit.citizen_id if visit else None,
                outcome=outcome,
                visit_id=visit_id,
                method_id=method_id,
                **detail,
            )
            uow.commit()

    def _discard(self, staged: StagedReceipt | None) -> None:
        if staged is not None:
            self._archive.discard(staged)


def outstanding_codes(session: Session, identity_id: int) -> list[tuple[ActivationCode, codes.IssuedCode]]:
    """The identity's codes neither used nor superseded (expired ones among them), each with the domain's view."""
    rows = session.scalars(
        select(ActivationCode).where(
            ActivationCode.identity_id == identity_id,
            ActivationCode.used_at.is_(None),
            ActivationCode.superseded_at.is_(None),
        )
    ).all()
    return [(r, codes.IssuedCode(r.id, r.issued_at, r.expires_at, r.used_at, r.superseded_at)) for r in rows]


def _void_activation_codes(session: Session, identity: MitidIdentity, now: datetime) -> list[int]:
    """Every code of the identity still valid stops working now (marked superseded: the state a code that
    no longer counts has); returns their ids. Used and expired codes stay as they were."""
    voided: list[int] = []
    for row, issued in outstanding_codes(session, identity.id):
        if issued.state(now) is codes.CodeState.VALID:
            row.superseded_at = now
            voided.append(row.id)
    return sorted(voided)


def _use_activation_code(session: Session, identity: MitidIdentity, now: datetime) -> int | None:
    """An app activated while the citizen has a valid activation code used that code: it is marked used, so
    it cannot be given again as if still unused and counts no more as "out" (domain/assurance/activation_code)."""
    outstanding = outstanding_codes(session, identity.id)
    used = codes.used_by_activation([issued for _, issued in outstanding], now)
    for row, _ in outstanding:
        if row.id == used:
            row.used_at = now
    return used
