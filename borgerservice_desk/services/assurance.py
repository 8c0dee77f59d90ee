"""Who the citizen at the counter is, as the MitID rules for help at a citizen service centre ask it
(shared/DOMAIN.md, "Identity assurance and getting a working method again"; the rules live in
domain/assurance).

Use cases on an open visit of the clerk's own centre, each in one unit of work with its audit entry:

- `record_document`: a document without an MRZ, typed by the clerk (health card, certificates, the licence
  app, ...). A CPR number it shows is compared with the citizen's and then forgotten: only whether it was
  shown and matched is kept, with the type, issuer, last four characters, expiry and the result;
- documents checked by their MRZ (services/identity) count too: the check records its document then;
- `overview`: the level the documents reach, which are used and which refused, and per errand the gaps
  (a read: it shows only what the visit's audited actions recorded);
- `refuse_unready`: an errand the window refused because the overview shows gaps, audited as refused;
- `draw_questions` / `mark_questions`: control questions from the register, N of M right (centre
  settings). The expected answers go to the clerk's screen only and are never stored or audited;
- `find_witness`: whose record a witness's CPR number finds (name, birth date, masked number) and what the
  register already refuses them for, shown to the clerk before the witness is accepted; a look-up of a
  person, audited as one;
- `accept_witness`: a witness found by CPR number, the 3-people-in-120-days limit counted under a lock on
  the witness's row, so two desks cannot both take a witness's last place.

A refusal is audited too, in a transaction of its own (as MitID actions are), with its code.
"""

from __future__ import annotations

import random
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.assurance import control_questions as questions
from borgerservice_desk.domain.assurance import witness as witness_rules
from borgerservice_desk.domain.assurance.documents import (
    DocumentType,
    Refusal,
    checked_document_type,
    refusal,
)
from borgerservice_desk.domain.assurance.documents import PresentedDocument as Presented
from borgerservice_desk.domain.assurance.errands import Assurance, Errand, Gap, ready_errands
from borgerservice_desk.domain.assurance.levels import Level, assess
from borgerservice_desk.domain.centre_time import local_today
from borgerservice_desk.domain.cpr import Cpr, mask
from borgerservice_desk.domain.mitid import IdentityState
from borgerservice_desk.domain.text_limits import CPR_TEXT_MAX, checked_text
from borgerservice_desk.errors import DeskError, InvalidInput, NotFound, RuleViolation
from borgerservice_desk.services import audit
from borgerservice_desk.services.centre_settings import centre_today, question_policy, read_centre_zone
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.visits import open_visit
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Citizen,
    IdentityCheck,
    MitidIdentity,
    PresentedDocument,
    QuestionRound,
    RegisterFacts,
    Visit,
    Witnessing,
)

T = TypeVar("T")

# Documents the identity check reads (services/identity: by the MRZ, or a licence by its typed fields held
# against the citizen) are never typed here: a typed passport would reach the high level on the clerk's
# word alone, without its check digits, expiry and holder being checked.
CHECKED_DOCUMENTS = frozenset(
    {DocumentType.PASSPORT, DocumentType.NATIONAL_ID_CARD, DocumentType.RESIDENCE_PERMIT, DocumentType.DRIVING_LICENCE}
)
_ISSUER = re.compile(r"[A-Z]{3}")
_NUMBER = re.compile(r"[A-Z0-9]{1,40}")


@dataclass(frozen=True)
class DocumentRow:
    """One document of the visit as the overview shows it."""

    id: int | None  # None: an identity check made before documents were recorded with their checks
    type: DocumentType
    issuer: str
    number_last4: str | None
    cpr_shown: bool
    cpr_matches: bool | None
    expires_on: date | None
    checked_by_mrz: bool
    refusal: Refusal | None  # why it does not count today; None: it counts
    used: bool  # one of the documents that reach the level


@dataclass(frozen=True)
class AssuranceOverview:
    visit_id: int
    citizen_id: int
    level: Level
    documents: tuple[DocumentRow, ...]
    questions_passed: bool
    witness_accepted: bool
    mitid_carries_cpr: bool
    gaps: Mapping[Errand, tuple[Gap, ...]]  # per errand what is missing; empty: the errand can be done

    def ready(self, errand: Errand) -> bool:
        return not self.gaps[errand]


@dataclass(frozen=True)
class DrawnQuestions:
    """For the clerk's screen only: `questions[i].expected` must never reach a screen the citizen sees."""

    round_id: int
    questions: tuple[questions.Question, ...]
    required: int


@dataclass(frozen=True)
class QuestionResult:
    round_id: int
    asked: int
    right: int
    required: int
    passed: bool


@dataclass(frozen=True)
class WitnessAccepted:
    witnessing_id: int
    professional: bool
    people_in_window: int  # the people this witness now vouches for within 120 days, this citizen included


@dataclass(frozen=True)
class WitnessFound:
    """Whose record a witness's CPR number finds, for the clerk to hold against the photo ID of the person
    in front of them before accepting: a mistyped number can find another real person."""

    citizen_id: int
    full_name: str
    birth_date: date
    cpr_masked: str
    # What the register already refuses them for (the domain's codes, in its order); empty: only what the
    # clerk sees (photo ID, their own MitID) is left to decide.
    refusals: tuple[RuleViolation, ...]

    @property
    def refusal_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.refusals)


@dataclass(frozen=True)
class VisitAssurance:
    """What a visit has established, read inside a transaction (services/recovery uses it too)."""

    assurance: Assurance
    rows: tuple[PresentedDocument | IdentityCheck, ...]  # in the order of `assurance.documents`


def visit_assurance(session: Session, visit: Visit, citizen: Citizen) -> VisitAssurance:
    """The visit's documents, passed questions and accepted witness as the domain's `Assurance`.

    Identity checks made before documents were recorded with them (before migration 0012) count as
    documents without a CPR number.
    """
    documents = list(
        session.scalars(
            select(PresentedDocument).where(PresentedDocument.visit_id == visit.id).order_by(PresentedDocument.id)
        )
    )
    linked = {d.identity_check_id for d in documents if d.identity_check_id is not None}
    checks = [
        c
        for c in session.scalars(
            select(IdentityCheck).where(IdentityCheck.visit_id == visit.id).order_by(IdentityCheck.id)
        )
        if c.id not in linked and checked_document_type(c.document_kind) is not None
    ]
    rows: list[PresentedDocument | IdentityCheck] = [*documents, *checks]
    presented: list[Presented] = []
    for row in rows:
        if isinstance(row, PresentedDocument):
            check = session.get(IdentityCheck, row.identity_check_id) if row.identity_check_id is not None else None
            presented.append(
                Presented(
                    DocumentType(row.type), row.issuer, cpr_shown=row.cpr_shown, cpr_matches=row.cpr_matches,
                    expires_on=row.expires_on, temporary=row.temporary, physical=row.physical,
                    check_passed=None if check is None else check.passed,
                )
            )
        else:
            type_ = checked_document_type(row.document_kind)
            assert type_ is not None  # filtered above
            presented.append(Presented(type_, row.issuing_country, expires_on=row.expiry_date, check_passed=row.passed))
    passed = session.scalars(
        select(QuestionRound.id).where(QuestionRound.visit_id == visit.id, QuestionRound.passed.is_(True)).limit(1)
    ).first()
    witnessed = session.scalars(select(Witnessing.id).where(Witnessing.visit_id == visit.id).limit(1)).first()
    return VisitAssurance(
        Assurance(
            documents=tuple(presented),
            questions_passed=passed is not None,
            witness_accepted=witnessed is not None,
            mitid_carries_cpr=citizen.cpr is not None,
        ),
        tuple(rows),
    )


def register_facts(session: Session, citizen_id: int) -> questions.RegisterFacts:
    row = session.get(RegisterFacts, citizen_id)
    if row is None:
        return questions.RegisterFacts()
    return questions.RegisterFacts(
        former_addresses=tuple((int(year), str(town)) for year, town in row.former_addresses or ()),
        mother_first_name=row.mother_first_name,
        father_first_name=row.father_first_name,
        place_of_birth=row.place_of_birth,
    )


class AssuranceService:
    def __init__(self, db: Database, clock: Clock = utc_now, rng: random.Random | None = None) -> None:
        self._db = db
        self._clock = clock
        # Questions must not be guessable from the order they come in: the system's randomness by default.
        self._rng = rng or secrets.SystemRandom()

    # Documents ---------------------------------------------------------------------------------------
    def record_document(
        self,
        ctx: ClerkContext,
        visit_id: int,
        type_: DocumentType,
        issuer: str,
        *,
        cpr: str | None = None,
        number: str | None = None,
        expires_on: date | None = None,
        temporary: bool = False,
        physical: bool = True,
    ) -> DocumentRow:
        """A typed document. `cpr` is the CPR number as printed on it (None: it shows none); `number` its
        number, of which only the last four characters are kept. A document that does not count (expired,
        temporary, not physical, another person's CPR number) is recorded all the same, with why."""

        def work(session: Session, visit: Visit, citizen: Citizen, now: datetime) -> DocumentRow:
            today = centre_today(session, ctx.centre_id, now)
            if type_ in CHECKED_DOCUMENTS:
                raise InvalidInput("document.use_identity_check", type=type_.value)
            code = issuer.strip().upper()
            if not _ISSUER.fullmatch(code):
                raise InvalidInput("document.bad_issuer", value=issuer[:10])
            last4: str | None = None
            if number is not None and number.strip():
                compact = re.sub(r"[\s-]", "", number).upper()
                if not _NUMBER.fullmatch(compact):
                    raise InvalidInput("document.bad_number")
                last4 = compact[-4:]
            cpr_shown = cpr is not None and bool(cpr.strip())
            cpr_matches: bool | None = None
            if cpr_shown:
                assert cpr is not None
                shown = Cpr.parse(checked_text(cpr, "cpr", CPR_TEXT_MAX), today=today)
                cpr_matches = citizen.cpr is not None and shown.digits == citizen.cpr
            presented = Presented(
                type_, code, cpr_shown=cpr_shown, cpr_matches=cpr_matches, expires_on=expires_on,
                temporary=temporary, physical=physical,
            )
            why_not = refusal(presented, today)
            row = PresentedDocument(
                visit_id=visit.id, clerk_id=ctx.clerk_id, identity_check_id=None, type=type_.value, issuer=code,
                number_last4=last4, cpr_shown=cpr_shown, cpr_matches=cpr_matches, expires_on=expires_on,
                temporary=temporary, physical=physical, counted=why_not is None,
                refusal=None if why_not is None else why_not.value, recorded_at=now,
            )
            session.add(row)
            session.flush()
            audit.record(
                session, self._clock, ctx, "assurance.document", citizen_id=citizen.id,
                outcome="counted" if why_not is None else "refused", visit_id=visit.id, document_id=row.id,
                type=type_.value, issuer=code, cpr_shown=cpr_shown, cpr_matches=cpr_matches,
                refusal=None if why_not is None else why_not.value,
            )
            found = visit_assurance(session, visit, citizen)
            index = next(i for i, r in enumerate(found.rows) if isinstance(r, PresentedDocument) and r.id == row.id)
            used = assess(found.assurance.documents, today=today, mitid_carries_cpr=citizen.cpr is not None)
            return DocumentRow(
                row.id, type_, code, last4, cpr_shown, cpr_matches, expires_on, False, why_not, index in used.used
            )

        return self._guarded(ctx, visit_id, "assurance.document", work)

    def overview(self, ctx: ClerkContext, visit_id: int) -> AssuranceOverview:
        """The visit's level, documents (used, refused and why) and each errand's gaps, as of today.

        A read, not audited: it shows only what this visit recorded, and each of those was audited when it
        was recorded (documents, checks, questions, witness). The window reads it again after every action;
        an entry each time said nothing new and buried the entries that do."""
        with self._db.read() as session:
            today = centre_today(session, ctx.centre_id, self._clock())
            visit, citizen = open_visit(session, visit_id, ctx)
            return _overview(visit_assurance(session, visit, citizen), visit, citizen, today)

    def refuse_unready(self, ctx: ClerkContext, visit_id: int, errand: Errand) -> tuple[Gap, ...]:
        """The clerk asked for an errand that the overview on the screen says cannot be finished, and the
        window said so without starting it. The refusal is part of the record like any refused use case:
        looked at again here, and audited ("assurance.insufficient", with the errand and what is missing)
        while gaps remain. Returns the gaps found now; none means the screen was behind and nothing is
        recorded."""
        with self._db.read() as session:
            today = centre_today(session, ctx.centre_id, self._clock())
            visit, citizen = open_visit(session, visit_id, ctx)
            gaps = ready_errands(visit_assurance(session, visit, citizen).assurance, today)[errand]
        if gaps:
            record_outcome(
                self._db, self._clock, ctx, visit_id, "assurance.errand", "refused", errand=errand.value,
                refusal="assurance.insufficient", missing=",".join(g.value for g in gaps),
            )
        return gaps

    # Control questions -------------------------------------------------------------------------------
    def draw_questions(self, ctx: ClerkContext, visit_id: int) -> DrawnQuestions:
        """Draw the centre's number of questions from the citizen's register facts. Refused with
        "questions.too_few_facts" when the register knows too little (then a witness is the way)."""

        def work(session: Session, visit: Visit, citizen: Citizen, now: datetime) -> DrawnQuestions:
            # Failed rounds of the last day, in any visit (a new visit must not reset them): counted with the
            # citizen's row locked, so two desks drawing at once count each other's.
            session.get(Citizen, citizen.id, with_for_update={"key_share": True})
            failed = session.scalar(
                select(func.count()).select_from(QuestionRound).join(Visit, Visit.id == QuestionRound.visit_id)
                .where(Visit.citizen_id == citizen.id, QuestionRound.passed.is_(False),
                       QuestionRound.marked_at > now - timedelta(days=1))
            ) or 0
            questions.refuse_another_round(int(failed))
            policy = question_policy(session)
            drawn = questions.draw(register_facts(session, citizen.id), policy, self._rng)
            round_ = QuestionRound(
                visit_id=visit.id, clerk_id=ctx.clerk_id, kinds=[q.kind.value for q in drawn],
                asked=policy.asked, required=policy.required, drawn_at=now,
            )
            session.add(round_)
            session.flush()
            audit.record(
                session, self._clock, ctx, "assurance.questions_drawn", citizen_id=citizen.id, visit_id=visit.id,
                round_id=round_.id, kinds=[q.kind.value for q in drawn], asked=policy.asked,
                required=policy.required,
            )
            return DrawnQuestions(round_.id, drawn, policy.required)

        return self._guarded(ctx, visit_id, "assurance.questions_drawn", work)

    def mark_questions(
        self, ctx: ClerkContext, visit_id: int, round_id: int, answers: Mapping[int, bool]
    ) -> QuestionResult:
        """The clerk's right/wrong marks, by the question's place in the round. Marked once; only the count
        and the result are kept."""

        def work(session: Session, visit: Visit, citizen: Citizen, now: datetime) -> QuestionResult:
            round_ = session.get(QuestionRound, round_id, with_for_update=True)
            if round_ is None or round_.visit_id != visit.id:
                raise NotFound("questions.not_found")
            if round_.marked_at is not None:
                raise RuleViolation("questions.already_marked")
            policy = questions.Policy(round_.asked, round_.required)
            asked = tuple(questions.Question(questions.QuestionKind(k), "", "") for k in round_.kinds)
            ok = questions.passed(asked, answers, policy)
            right = sum(1 for mark in answers.values() if mark)
            round_.right_count, round_.passed, round_.marked_at = right, ok, now
            audit.record(
                session, self._clock, ctx, "assurance.questions_marked", citizen_id=citizen.id,
                outcome="passed" if ok else "failed", visit_id=visit.id, round_id=round_.id, asked=round_.asked,
                right=right, required=round_.required,
            )
            return QuestionResult(round_.id, round_.asked, right, round_.required, ok)

        return self._guarded(ctx, visit_id, "assurance.questions_marked", work)

    # Witness -----------------------------------------------------------------------------------------
    def find_witness(self, ctx: ClerkContext, visit_id: int, witness_cpr: str) -> WitnessFound:
        """Whose record `witness_cpr` finds, and what the register's facts (age, MitID, the witness's
        people within 120 days, being the citizen) already refuse them for, returned rather than raised so
        the clerk sees the name and why not together. A look-up of a person: audited as "citizen.lookup"
        with purpose "witness" (never the digits). A wrong CPR number is refused ("cpr.*"), an unknown one
        "witness.not_found", and the refusal audited like every refused use case."""

        def work(session: Session, visit: Visit, citizen: Citizen, now: datetime) -> WitnessFound:
            zone = read_centre_zone(session, ctx.centre_id)
            today = local_today(now, zone)
            witness = _witness_by_cpr(session, witness_cpr, today, lock=False)
            mitid_since, earlier = _witness_register(session, witness, now, zone)
            refused = witness_rules.register_refusals(
                witness.birth_date, mitid_since, witness_citizen_id=witness.id, citizen_id=citizen.id,
                history=[witness_rules.Witnessing(w.citizen_id, w.at) for w in earlier], now=now, today=today,
            )
            masked = mask(witness.cpr)
            assert masked is not None  # found by it
            found = WitnessFound(witness.id, f"{witness.given_names} {witness.surname}", witness.birth_date, masked, refused)
            audit.record(
                session, self._clock, ctx, "citizen.lookup", citizen_id=witness.id, purpose="witness",
                visit_id=visit.id, refusals=list(found.refusal_codes),
            )
            return found

        return self._guarded(ctx, visit_id, "assurance.witness_lookup", work)

    def accept_witness(
        self,
        ctx: ClerkContext,
        visit_id: int,
        witness_cpr: str,
        *,
        photo_id_valid: bool,
        own_mitid_shown: bool,
        professional: bool = False,
    ) -> WitnessAccepted:
        """Accept a witness for the visit's citizen. The birth date and how long the witness has had MitID
        come from the register; the clerk confirms the photo ID and the witness's own MitID.

        The witness's citizen row is locked (FOR UPDATE; on SQLite the unit of work's BEGIN IMMEDIATE
        serialises every writer) before their witnessings are counted, so the limit holds with several
        desks: the second desk counts what the first one stored.
        """

        def work(session: Session, visit: Visit, citizen: Citizen, now: datetime) -> WitnessAccepted:
            zone = read_centre_zone(session, ctx.centre_id)
            today = local_today(now, zone)
            witness = _witness_by_cpr(session, witness_cpr, today, lock=True)
            mitid_since, earlier = _witness_register(session, witness, now, zone)
            history = [witness_rules.Witnessing(w.citizen_id, w.at) for w in earlier]
            witness_rules.check_witness(
                witness_rules.WitnessFacts(
                    birth_date=witness.birth_date, mitid_since=mitid_since, photo_id_valid=photo_id_valid,
                    own_mitid_shown=own_mitid_shown, professional=professional,
                ),
                witness_citizen_id=witness.id, citizen_id=citizen.id, history=history, now=now, today=today,
            )
            # One row per visit and witness (a unique key). Again within the window it stands as it was
            # (no new place); once it has left the window, vouching again is a new witnessing that takes a
            # place in the new one, so the row is renewed rather than a second one refused by the key.
            row = session.scalars(
                select(Witnessing).where(Witnessing.visit_id == visit.id, Witnessing.witness_citizen_id == witness.id)
            ).one_or_none()
            if row is None:
                row = Witnessing(
                    visit_id=visit.id, citizen_id=citizen.id, witness_citizen_id=witness.id, clerk_id=ctx.clerk_id,
                    professional=professional, at=now,
                )
            elif row not in earlier:
                row.at, row.clerk_id, row.professional = now, ctx.clerk_id, professional
            session.add(row)
            session.flush()
            people = len(witness_rules.people_in_window([*history, witness_rules.Witnessing(citizen.id, now)], now))
            audit.record(
                session, self._clock, ctx, "assurance.witness", citizen_id=citizen.id, visit_id=visit.id,
                witnessing_id=row.id, witness_citizen_id=witness.id, professional=professional,
            )
            # The witness's record was looked at too: their own entry, as every look-up of a person has.
            audit.record(
                session, self._clock, ctx, "citizen.lookup", citizen_id=witness.id, purpose="witness",
                visit_id=visit.id,
            )
            return WitnessAccepted(row.id, professional, people)

        return self._guarded(ctx, visit_id, "assurance.witness", work)

    # The one way every use case goes -----------------------------------------------------------------
    def _guarded(
        self, ctx: ClerkContext, visit_id: int, action: str, work: Callable[[Session, Visit, Citizen, datetime], T]
    ) -> T:
        try:
            with self._db.unit_of_work() as uow:
                visit, citizen = open_visit(uow.session, visit_id, ctx)
                result = work(uow.session, visit, citizen, self._clock())
                uow.commit()
                return result
        except (RuleViolation, InvalidInput, NotFound) as refused:
            record_refusal(self._db, self._clock, ctx, visit_id, action, refused)
            raise


def _witness_by_cpr(session: Session, typed: str, today: date, *, lock: bool) -> Citizen:
    """The witness's record by the CPR number typed; `lock`: FOR UPDATE, for counting their places."""
    digits = Cpr.parse(checked_text(typed, "cpr", CPR_TEXT_MAX), today=today).digits
    query = select(Citizen).where(Citizen.cpr == digits)
    witness = session.scalars(query.with_for_update() if lock else query).one_or_none()
    if witness is None:
        raise NotFound("witness.not_found")
    return witness


def _witness_register(
    session: Session, witness: Citizen, now: datetime, zone: ZoneInfo
) -> tuple[date | None, list[Witnessing]]:
    """Since when the witness has had a working MitID (None: none), as a date in the centre's `zone` like
    the day it is counted to, and whom they witnessed for within the 120 days up to now."""
    identity = session.scalars(select(MitidIdentity).where(MitidIdentity.citizen_id == witness.id)).one_or_none()
    # A whole-MitID block stops every method: such a MitID cannot be shown working.
    mitid_since = (
        local_today(identity.created_at, zone)
        if identity is not None and identity.state is IdentityState.ACTIVE
        else None
    )
    earlier = session.scalars(
        select(Witnessing).where(Witnessing.witness_citizen_id == witness.id, Witnessing.at > now - witness_rules.WINDOW)
    ).all()
    return mitid_since, list(earlier)


def record_refusal(
    db: Database, clock: Clock, ctx: ClerkContext, visit_id: int, action: str, refused: DeskError
) -> None:
    """A refused use case is part of the record too, in its own transaction: its code, never what was typed."""
    record_outcome(db, clock, ctx, visit_id, action, "refused", refusal=refused.code)


def record_outcome(
    db: Database, clock: Clock, ctx: ClerkContext, visit_id: int, action: str, outcome: str, **detail: str
) -> None:
    """A use case that did not happen ("refused", or "failed" unexpectedly), in an audit entry of its own
    transaction, with the visit's citizen."""
    with db.unit_of_work() as uow:
        visit = uow.session.get(Visit, visit_id)
        audit.record(
            uow.session, clock, ctx, action, citizen_id=visit.citizen_id if visit else None, outcome=outcome,
            visit_id=visit_id, **detail,
        )
        uow.commit()


def _overview(found: VisitAssurance, visit: Visit, citizen: Citizen, today: date) -> AssuranceOverview:
    assessment = assess(found.assurance.documents, today=today, mitid_carries_cpr=found.assurance.mitid_carries_cpr)
    refused = dict(assessment.refused)
    rows = tuple(
        _document_row(row, document, refused.get(index), index in assessment.used)
        for index, (row, document) in enumerate(zip(found.rows, found.assurance.documents, strict=True))
    )
    return AssuranceOverview(
        visit_id=visit.id,
        citizen_id=citizen.id,
        level=assessment.level,
        documents=rows,
        questions_passed=found.assurance.questions_passed,
        witness_accepted=found.assurance.witness_accepted,
        mitid_carries_cpr=found.assurance.mitid_carries_cpr,
        gaps=ready_errands(found.assurance, today),
    )


def _document_row(
    row: PresentedDocument | IdentityCheck, document: Presented, why_not: Refusal | None, used: bool
) -> DocumentRow:
    if isinstance(row, PresentedDocument):
        return DocumentRow(
            row.id, document.type, row.issuer, row.number_last4, row.cpr_shown, row.cpr_matches, row.expires_on,
            row.identity_check_id is not None, why_not, used,
        )
    return DocumentRow(
        None, document.type, row.issuing_country, row.number_last4, False, None, row.expiry_date, True,
        why_not, used,
    )
