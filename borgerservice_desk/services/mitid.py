"""Actions on a citizen's MitID at the counter.

Each action, its history entry, its audit entry and its receipt record commit in one transaction; the
receipt PDF is written to the archive before the commit and removed again if the commit fails, so
nothing is half-saved. Two desks acting at once are kept apart by the identity's version column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from borgerservice_desk.domain.cpr import mask
from borgerservice_desk.domain.mitid import BlockReason, Channel, plan_app_block
from borgerservice_desk.domain.receipt import Receipt, ReceiptMethod
from borgerservice_desk.errors import NotFound, RuleViolation
from borgerservice_desk.receipts.archive import ReceiptArchive
from borgerservice_desk.receipts.pdf import render_receipt_pdf
from borgerservice_desk.services import audit
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.identity import latest_passed_check
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Centre,
    Citizen,
    MitidAction,
    MitidIdentity,
    ReceiptRecord,
    Visit,
)


@dataclass(frozen=True)
class ActionDone:
    action_id: int
    reference: str
    receipt_path: Path
    method_ids: tuple[int, ...]


class MitidService:
    def __init__(
        self, db: Database, archive: ReceiptArchive, clock: Clock = utc_now
    ) -> None:
        self._db = db
        self._archive = archive
        self._clock = clock

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
        written: Path | None = None
        try:
            with self._db.unit_of_work() as uow:
                session = uow.session
                visit, citizen, identity = self._load(session, visit_id, method_id)
                check = latest_passed_check(session, visit.id)
                if check is None:
                    raise RuleViolation("mitid.no_identity_check")
                methods = [m.to_domain() for m in identity.methods]
                plan = plan_app_block(methods, method_id, reason, channel)
                now = self._clock()
                targets = [m for m in identity.methods if m.id in plan.method_ids]
                for method in targets:
                    method.state = plan.new_state
                    method.blocked_at = now
                    method.block_reason = reason
                    method.block_channel = channel
                # Touch the identity so its version moves: a second desk working from the old
                # version fails instead of acting on a MitID that has changed under it.
                flag_modified(identity, "state")
                action = MitidAction(
                    identity_id=identity.id,
                    visit_id=visit.id,
                    identity_check_id=check.id,
                    clerk_id=ctx.clerk_id,
                    kind=plan.action,
                    reason=reason,
                    channel=channel,
                    method_ids=list(plan.method_ids),
                    created_at=now,
                )
                session.add(action)
                session.flush()
                reference = f"BSD-{now:%Y%m%d}-{action.id:06d}"
                centre = session.get(Centre, ctx.centre_id)
                assert centre is not None
                receipt = Receipt(
                    reference=reference,
                    issued_at=now,
                    centre_name=centre.name,
                    centre_address=centre.address,
                    clerk_name=ctx.full_name,
                    citizen_name=f"{citizen.given_names} {citizen.surname}",
                    citizen_cpr_masked=mask(citizen.cpr),
                    action=plan.action,
                    methods=tuple(ReceiptMethod(m.kind, m.label, m.state) for m in targets),
                    reason=reason,
                    channel=channel,
                    document_kind=check.document_kind,
                    document_country=check.issuing_country,
                )
                written = self._archive.write(reference, now, render_receipt_pdf(receipt, language))
                session.add(
                    ReceiptRecord(
                        reference=reference,
                        action_id=action.id,
                        language=language,
                        file_name=str(written.relative_to(self._archive.root)),
                        created_at=now,
                    )
                )
                audit.record(
                    session,
                    self._clock,
                    ctx,
                    f"mitid.{plan.action.value}",
                    citizen_id=citizen.id,
                    visit_id=visit.id,
                    method_ids=list(plan.method_ids),
                    reason=reason.value,
                    channel=channel.value,
                    receipt=reference,
                )
                uow.commit()
                return ActionDone(action.id, reference, written, plan.method_ids)
        except StaleDataError:
            self._discard(written)
            raise RuleViolation("mitid.changed_by_another_desk") from None
        except RuleViolation as refusal:
            self._discard(written)
            self._record_refusal(ctx, visit_id, method_id, refusal)
            raise
        except BaseException:
            self._discard(written)
            raise

    def _load(
        self, session: Session, visit_id: int, method_id: int
    ) -> tuple[Visit, Citizen, MitidIdentity]:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFound("visit.not_found")
        citizen = session.get(Citizen, visit.citizen_id)
        assert citizen is not None
        identity = session.scalars(
            select(MitidIdentity)
            .where(MitidIdentity.citizen_id == citizen.id)
            .options(selectinload(MitidIdentity.methods))
            .with_for_update()
        ).one_or_none()
        if identity is None:
            raise NotFound("mitid.no_identity")
        if not any(m.id == method_id for m in identity.methods):
            # A method of another citizen: never act on it, whatever the window sent.
            raise RuleViolation("mitid.not_an_app", method_id=method_id)
        return visit, citizen, identity

    def _record_refusal(
        self, ctx: ClerkContext, visit_id: int, method_id: int, refusal: RuleViolation
    ) -> None:
        """A refused action is part of the record too (DOMAIN.md), in its own transaction."""
        with self._db.unit_of_work() as uow:
            visit = uow.session.get(Visit, visit_id)
            audit.record(
                uow.session,
                self._clock,
                ctx,
                "mitid.block_app",
                citizen_id=visit.citizen_id if visit else None,
                outcome="refused",
                visit_id=visit_id,
                method_id=method_id,
                refusal=refusal.code,
            )
            uow.commit()

    def _discard(self, written: Path | None) -> None:
        if written is not None:
            self._archive.discard(written)

