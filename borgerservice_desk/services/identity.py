"""Checking the citizen's photo ID within a visit: by its MRZ, or a driving licence by its typed fields.

What is kept of a check is the document kind, issuing country, last four characters of the number, expiry
and the result (`IdentityCheck`). The scanned image is kept as well only while the centre's setting
`identity.keep_document_images` is on; the check, the image and the audit entry share one transaction.
An image too large to keep does not cost the citizen their check: the check is saved without it, and the
result and the audit entry say so (`ImageNotKept`).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from borgerservice_desk.domain.assurance.documents import (
    PresentedDocument as AssuranceDocument,
)
from borgerservice_desk.domain.assurance.documents import (
    checked_document_type,
    cpr_in_optional_data,
    refusal,
)
from borgerservice_desk.domain.centre_time import local_today
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.identity_check import (
    HolderFacts,
    IdentityCheckOutcome,
    evaluate,
)
from borgerservice_desk.domain.licence import (
    TypedLicence,
    evaluate_licence,
    validate_licence,
)
from borgerservice_desk.domain.mrz import CompareWhole, DocumentKind, Doubt, MrzDocument, current_doubts, parse_mrz
from borgerservice_desk.domain.text_limits import MRZ_TEXT_MAX, PURPOSE_MAX, checked_text
from borgerservice_desk.errors import InvalidInput, NotFound
from borgerservice_desk.scanning.images import SUPPORTED_SUFFIXES, media_type_of
from borgerservice_desk.services import audit
from borgerservice_desk.services.access import current_clerk
from borgerservice_desk.services.centre_settings import centre_today, keep_document_images
from borgerservice_desk.services.context import ClerkContext, Clock, utc_now
from borgerservice_desk.services.visits import open_visit, visit_centre
from borgerservice_desk.storage.database import Database
from borgerservice_desk.storage.models import (
    Citizen,
    IdentityCheck,
    IdentityCheckImage,
    PresentedDocument,
    Visit,
)

if TYPE_CHECKING:  # the reader is imported when first used: it pulls in SciPy
    from borgerservice_desk.scanning.mrz_reader import ScanResult as ScanResult

# The files a scan or photo of a document may be read from, for the window's file dialog and drops.
DOCUMENT_FILE_SUFFIXES = SUPPORTED_SUFFIXES
# Larger than an ordinary scan or phone photo of a document. The reader takes files up to 60 MB
# (scanning.images.MAX_FILE_BYTES), so a high-resolution scan in between is checked but not kept.
MAX_IMAGE_BYTES = 25 * 1024 * 1024


@dataclass(frozen=True)
class ImageNotKept:
    """The centre keeps document images, but this check's image was left out; the check itself is saved.

    The clerk is told why, so nobody counts on an image that is not there (a complaint, a later doubt)."""

    reason: Literal["too_large"]
    size_mb: float
    limit_mb: int


@dataclass(frozen=True)
class IdentityCheckResult:
    """One check as made. For an MRZ check `document` is the parsed MRZ and `licence` None; for a licence
    check `licence` is what was typed and `document` its parsed DL1 line (an EU licence) or None (the Danish
    licence, which has no MRZ)."""

    check_id: int
    visit_id: int
    document: MrzDocument | None
    outcome: IdentityCheckOutcome
    method: CheckMethod
    licence: TypedLicence | None = None
    image_kept: bool = False
    image_not_kept: ImageNotKept | None = None

    @property
    def passed(self) -> bool:
        return self.outcome.passed

    @property
    def document_kind(self) -> DocumentKind:
        if self.licence is not None:
            return self.licence.document_kind
        assert self.document is not None
        return self.document.document_kind

    @property
    def issuing_country(self) -> str:
        if self.licence is not None:
            return self.licence.country_code
        assert self.document is not None
        return self.document.issuing_country

    @property
    def number_last4(self) -> str:
        if self.licence is not None:
            return self.licence.number_last4
        assert self.document is not None
        return self.document.number_last4

    @property
    def expiry_date(self) -> date | None:
        if self.licence is not None:
            return self.licence.expiry_date
        assert self.document is not None
        return self.document.expiry_date


def holder_facts(citizen: Citizen) -> HolderFacts:
    """What the document must match: birth date and sex from the CPR number where there is one."""
    if citizen.cpr:
        cpr = Cpr(citizen.cpr)
        return HolderFacts(citizen.surname, citizen.given_names, cpr.birth_date, cpr.sex.value)
    return HolderFacts(citizen.surname, citizen.given_names, citizen.birth_date, citizen.sex)


@dataclass(frozen=True)
class _Kept:
    document_kind: str
    issuing_country: str
    number_last4: str
    expiry_date: date | None
    # The CPR number a Danish document carries in its MRZ, only to compare with the citizen's: never stored.
    cpr_in_document: str | None = None


class IdentityCheckService:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._clock = clock

    def today(self, zone: ZoneInfo) -> date:
        """The day `check` judges on, the local date in the centre's `zone`, for the window's live marks of an
        MRZ, so that the box marks what the check will ask to be confirmed: an expiry further ahead than
        documents are issued for is in doubt. The clock only, no database: the window knows its centre's zone
        from the sign-in."""
        return local_today(self._clock(), zone)

    def read_mrz(
        self,
        path: Path,
        *,
        cancel: threading.Event | None = None,
        budget_seconds: float | None = None,
        today: date | None = None,
    ) -> ScanResult:
        """The MRZ read off a scan, photo or PDF, with the characters in doubt and `budget_reached` when the
        time budget (`budget_seconds`, default the reader's 4 s) cut its search short, so that the window
        can ask the clerk to compare the lines with the document (OCR: seconds, so in a worker); `cancel`
        stops it between steps (DeskError "scan.cancelled"). `today` (`today()`, the centre's day) is the day
        the reader judges an expiry far ahead on, as the check will. The window reaches the reader only
        through here."""
        # Imported on first use: the reader pulls in SciPy, which start-up need not wait for.
        from borgerservice_desk.scanning.mrz_reader import read_mrz

        return read_mrz(path, cancel=cancel, budget_seconds=budget_seconds, today=today)

    def check(
        self,
        ctx: ClerkContext,
        visit_id: int,
        mrz_text: str,
        method: CheckMethod,
        *,
        image_path: Path | None = None,
        unsure: Sequence[Doubt] = (),
        confirmed: Collection[str] = (),
        compared_whole: CompareWhole | None = None,
        printed_expiry: date | None = None,
    ) -> IdentityCheckResult:
        """Parse and judge the MRZ against the visit's citizen, and keep the outcome.

        `unsure` are the scanner's marks of characters it was unsure of, `confirmed` the fields whose
        characters in doubt the clerk confirmed against the document (see `domain.identity_check.evaluate`);
        the doubts and the confirmations go into the audit entry with the check, and so does `compared_whole`:
        why the scan's reading was given to the clerk to compare whole before this check (`ScanResult.
        compare_whole`), so that a reading let through after the time limit or in unfamiliar print is traceable.
        `printed_expiry` is the validity date the clerk typed from a document whose MRZ holds none (the
        French identity card of the pre-2021 layout); without it such a card fails `printed_expiry_required`.

        An MRZ that cannot be parsed raises before anything is written. A parsed document that fails
        (expired, wrong holder, bad check digit, a visa, a licence line without its printed fields) is kept as
        a failed check: the refusal is part of the record, and it never counts as a passed check for a MitID
        action. `image_path` is the scan the MRZ was read from; it is stored only while the centre keeps
        document images. Then an image that cannot be read again raises InvalidInput
        "identity.image_unreadable" and nothing is written, while one larger than `MAX_IMAGE_BYTES` is left
        out and the check saved without it (`IdentityCheckResult.image_not_kept`).
        """
        now = self._clock()
        text = checked_text(mrz_text, "mrz", MRZ_TEXT_MAX, multiline=True)
        with self._db.unit_of_work() as uow:
            session = uow.session
            today = centre_today(session, ctx.centre_id, now)
            document = parse_mrz(text, today=today)
            expiry = document.expiry_date if document.expiry_in_mrz else printed_expiry
            kept = _Kept(
                str(document.document_kind), document.issuing_country, document.number_last4, expiry,
                cpr_in_optional_data(document.issuing_country, document.optional_data),
            )
            visit, citizen = open_visit(session, visit_id, ctx)
            outcome = evaluate(
                document, holder_facts(citizen), today=today, unsure=unsure, confirmed=confirmed,
                printed_expiry=printed_expiry,
            )
            doubts = current_doubts(document.format, document.lines, unsure, today=today)
            check, image = self._record(
                session, ctx, now, today, visit, citizen, method, kept, outcome, image_path, licence_line=None,
                doubts=(doubts, confirmed), compared_whole=compared_whole,
            )
            uow.commit()
            return IdentityCheckResult(
                check.id, visit.id, document, outcome, method,
                image_kept=image.kept, image_not_kept=image.not_kept,
            )

    def check_licence(
        self,
        ctx: ClerkContext,
        visit_id: int,
        licence: TypedLicence,
        method: CheckMethod,
        *,
        image_path: Path | None = None,
        unsure: Sequence[Doubt] = (),
        confirmed: Collection[str] = (),
        compared_whole: CompareWhole | None = None,
    ) -> IdentityCheckResult:
        """Judge a driving licence entered by the clerk (the Danish licence, or an EU licence with its DL1
        line) against the visit's citizen, and keep the outcome as `check` does.

        A licence that cannot be one raises InvalidInput ("licence.*", see `domain.licence.validate_licence`)
        before anything is written. `method` says how the DL1 line came in (TYPED for a Danish licence).
        `unsure` and `confirmed` are, as for `check`, the scanner's marks on the DL1 line and the fields the
        clerk ticked; they go into the audit entry, not into the verdict: the line's number and country are
        held against what the clerk typed and chose off the card, which a misread cannot pass. `compared_whole`
        says, as for `check`, why a scanned DL1 line was given to the clerk to compare whole: a licence line
        read at the time limit or in unfamiliar print is as traceable as a passport's.
        """
        now = self._clock()
        kept = _Kept(str(licence.document_kind), licence.country_code, licence.number_last4, licence.expiry_date)
        with self._db.unit_of_work() as uow:
            session = uow.session
            today = centre_today(session, ctx.centre_id, now)
            line = validate_licence(licence, today=today)
            visit, citizen = open_visit(session, visit_id, ctx)
            outcome = evaluate_licence(licence, holder_facts(citizen), today=today)
            doubts = () if line is None else current_doubts(line.format, line.lines, unsure, today=today)
            check, image = self._record(
                session, ctx, now, today, visit, citizen, method, kept, outcome, image_path,
                licence_line=line is not None, doubts=(doubts, confirmed), compared_whole=compared_whole,
            )
            uow.commit()
            return IdentityCheckResult(
                check.id, visit.id, line, outcome, method, licence,
                image_kept=image.kept, image_not_kept=image.not_kept,
            )

    def document_image(self, ctx: ClerkContext, check_id: int, purpose: str) -> tuple[str, bytes] | None:
        """(media type, bytes) of the image kept with a check, None when none was kept. Every look is logged,
        like any look at a person's data."""
        checked_text(purpose, "purpose", PURPOSE_MAX)
        with self._db.unit_of_work() as uow:
            check = uow.session.get(IdentityCheck, check_id)
            if check is None:
                raise NotFound("identity_check.not_found")
            visit = uow.session.get(Visit, check.visit_id)
            assert visit is not None  # foreign key
            current_clerk(uow.session, ctx)
            if visit_centre(uow.session, visit) != ctx.centre_id:
                raise NotFound("identity_check.not_found")  # another centre's citizen
            image = uow.session.get(IdentityCheckImage, check_id)
            audit.record(
                uow.session,
                self._clock,
                ctx,
                "identity.image_view",
                citizen_id=visit.citizen_id,
                purpose=purpose,
                check_id=check_id,
                found=image is not None,
            )
            uow.commit()
            return None if image is None else (image.media_type, image.content)

    def _record(
        self,
        session: Session,
        ctx: ClerkContext,
        now: datetime,
        today: date,
        visit: Visit,
        citizen: Citizen,
        method: CheckMethod,
        kept: _Kept,
        outcome: IdentityCheckOutcome,
        image_path: Path | None,
        *,
        licence_line: bool | None,
        doubts: tuple[Sequence[Doubt], Collection[str]] = ((), ()),
        compared_whole: CompareWhole | None = None,
    ) -> tuple[IdentityCheck, _ImageOutcome]:
        failures = [f.code for f in outcome.failures]
        check = IdentityCheck(
            visit_id=visit.id,
            clerk_id=ctx.clerk_id,
            checked_at=now,
            method=method,
            document_kind=kept.document_kind,
            issuing_country=kept.issuing_country,
            number_last4=kept.number_last4,
            expiry_date=kept.expiry_date,
            passed=outcome.passed,
            failures=failures,
        )
        session.add(check)
        session.flush()
        _count_as_document(session, check, citizen, kept, today)
        image = _ImageOutcome(False, None)
        if image_path is not None and keep_document_images(session):
            read = _read_image(image_path)
            if isinstance(read, ImageNotKept):
                image = _ImageOutcome(False, read)
            else:
                media_type, content = read
                session.add(IdentityCheckImage(check_id=check.id, media_type=media_type, content=content))
                image = _ImageOutcome(True, None)
        detail: dict[str, Any] = {
            "visit_id": visit.id,
            "method": method.value,
            "document_kind": kept.document_kind,
            "failures": failures,
            "image_kept": image.kept,
        }
        if image.not_kept is not None:
            # The audit trail must explain a missing image where the centre's setting promises one.
            detail["image_not_kept"] = image.not_kept.reason
            detail["image_size_mb"] = image.not_kept.size_mb
            detail["image_limit_mb"] = image.not_kept.limit_mb
        if licence_line is not None:
            detail["licence_line"] = licence_line
        marks, confirmed = doubts
        if marks:
            # Which characters were in doubt and which fields the clerk vouched for: who let a doubtful
            # reading pass must be traceable. Positions and reasons only; the characters are the citizen's.
            detail["doubtful"] = [[mark.line, mark.column, str(mark.reason), mark.field] for mark in marks]
            detail["confirmed_fields"] = sorted({mark.field for mark in marks} & set(confirmed))
        if compared_whole is not None:
            detail["compared_whole"] = str(compared_whole)
        audit.record(
            session,
            self._clock,
            ctx,
            "identity.check",
            citizen_id=citizen.id,
            outcome="passed" if outcome.passed else "failed",
            **detail,
        )
        return check, image


def _count_as_document(session: Session, check: IdentityCheck, citizen: Citizen, kept: _Kept, today: date) -> None:
    """The checked document as one of the visit's documents for the assurance rules (services/assurance),
    judged on the centre's `today`: whether it showed the citizen's CPR number is known only now, while the
    MRZ is at hand."""
    type_ = checked_document_type(kept.document_kind)
    if type_ is None:
        return  # a visa or an unknown document is no identity document
    cpr_shown = kept.cpr_in_document is not None
    cpr_matches = (kept.cpr_in_document == citizen.cpr) if cpr_shown else None
    presented = AssuranceDocument(
        type_, kept.issuing_country, cpr_shown=cpr_shown, cpr_matches=cpr_matches, expires_on=kept.expiry_date,
        check_passed=check.passed,
    )
    why_not = refusal(presented, today)
    session.add(
        PresentedDocument(
            visit_id=check.visit_id, clerk_id=check.clerk_id, identity_check_id=check.id, type=type_.value,
            issuer=kept.issuing_country, number_last4=kept.number_last4, cpr_shown=cpr_shown,
            cpr_matches=cpr_matches, expires_on=kept.expiry_date, temporary=False, physical=True,
            counted=why_not is None, refusal=None if why_not is None else why_not.value, recorded_at=check.checked_at,
        )
    )


@dataclass(frozen=True)
class _ImageOutcome:
    kept: bool
    not_kept: ImageNotKept | None


def _read_image(path: Path) -> tuple[str, bytes] | ImageNotKept:
    """The image's media type and bytes, or why it is left out. A vanished or unreadable image raises:
    the image the clerk just scanned should be there, so that is a fault to report, not a size to note."""
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            # Checked before reading: the bytes of a huge file need never be loaded at all.
            return ImageNotKept("too_large", round(size / 2**20, 1), MAX_IMAGE_BYTES // 2**20)
        content = path.read_bytes()
    except OSError as error:
        raise InvalidInput("identity.image_unreadable", path=str(path)) from error
    return media_type_of(path), content


def latest_passed_check(session: Session, visit_id: int) -> IdentityCheck | None:
    return session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.visit_id == visit_id, IdentityCheck.passed.is_(True))
        .order_by(IdentityCheck.checked_at.desc(), IdentityCheck.id.desc())
        .limit(1)
    ).one_or_none()
