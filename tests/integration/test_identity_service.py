"""Identity checks through the service on a real database: what is kept of a check, the document image only
when the centre keeps images, driving licences, and refusals that write nothing."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import func, select, text

from borgerservice_desk.bootstrap import Services
from borgerservice_desk.domain.cpr import Cpr
from borgerservice_desk.domain.desk import CheckMethod
from borgerservice_desk.domain.licence import TypedLicence
from borgerservice_desk.domain.mitid import BlockReason, MethodKind, MethodState
from borgerservice_desk.domain.mrz import CompareWhole, DocumentKind, MrzFormat
from borgerservice_desk.errors import InvalidInput, RuleViolation
from borgerservice_desk.services.context import ClerkContext
from borgerservice_desk.services.identity import MAX_IMAGE_BYTES, ImageNotKept
from borgerservice_desk.storage.models import (
    AuditEntry,
    IdentityCheck,
    IdentityCheckImage,
    MitidAction,
    Setting,
)
from tests.conftest import TODAY
from tests.support.audit import last_entry
from tests.support.journey import Candidate, appointment_with_apps, passport_for
from tests.support.mrz import compose_dl1, compose_mrva
from tests.support.passport_image import READABLE_PASSPORTS, render_document_image
from tests.support.refusals import refused_with

VALID = date(2031, 1, 1)


@pytest.fixture
def candidate(services: Services, clerk: ClerkContext) -> Candidate:
    return appointment_with_apps(services, clerk, TODAY, 1)


@pytest.fixture
def visit(services: Services, clerk: ClerkContext, candidate: Candidate) -> int:
    return services.appointments.check_in(clerk, candidate.appointment.id).visit_id


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "passport scan.png"
    Image.new("RGB", (64, 40), "white").save(path)
    return path


def danish_licence(candidate: Candidate, **changes: object) -> TypedLicence:
    citizen = candidate.citizen
    assert citizen.cpr is not None
    fields: dict[str, object] = {
        "issuing_country": "DK",
        "number": "12 34 56 78",
        "surname": citizen.surname,
        "given_names": citizen.given_names,
        "birth_date": Cpr(citizen.cpr).birth_date,
        "expiry_date": VALID,
    }
    fields.update(changes)
    return TypedLicence(**fields)  # type: ignore[arg-type]


def stored_check(services: Services, check_id: int) -> IdentityCheck:
    with services.db.read() as session:
        check = session.get(IdentityCheck, check_id)
        assert check is not None
        return check


def images(services: Services) -> list[IdentityCheckImage]:
    with services.db.read() as session:
        return list(session.scalars(select(IdentityCheckImage)))


def audit(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def active_app(services: Services, ctx: ClerkContext, candidate: Candidate) -> int:
    overview = services.citizens.mitid_overview(ctx, candidate.citizen.id, "test set-up")
    return next(m.id for m in overview.methods if m.kind is MethodKind.APP and m.state is MethodState.ACTIVE)


def check_count(services: Services) -> int:
    with services.db.read() as session:
        return session.scalar(select(func.count()).select_from(IdentityCheck)) or 0


# --- what is kept ----------------------------------------------------------------------------------------


def test_a_passport_check_keeps_kind_country_last_four_expiry_and_result_but_no_image_by_default(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, scan: Path
) -> None:
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID, number="DK9876543"))

    result = services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=scan)

    assert result.passed
    assert result.licence is None and result.document is not None
    assert not result.image_kept
    assert not services.settings.keep_document_images()
    check = stored_check(services, result.check_id)
    assert (check.document_kind, check.issuing_country, check.number_last4, check.expiry_date) == (
        "passport",
        "DNK",
        "6543",
        VALID,
    )
    assert (check.passed, check.failures, check.method) == (True, [], CheckMethod.SCAN)
    assert images(services) == []
    (entry,) = audit(services, "identity.check")
    assert entry.detail["image_kept"] is False
    assert entry.outcome == "passed"


def test_with_images_kept_the_scan_is_stored_with_its_check_and_every_look_at_it_is_logged(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, scan: Path
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_keep_document_images(supervisor, True)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    result = services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=scan)

    assert result.image_kept
    (image,) = images(services)
    assert (image.check_id, image.media_type, image.content) == (result.check_id, "image/png", scan.read_bytes())
    assert audit(services, "identity.check")[-1].detail["image_kept"] is True
    assert services.identity.document_image(clerk, result.check_id, "complaint") == ("image/png", scan.read_bytes())
    (look,) = audit(services, "identity.image_view")
    assert (look.citizen_id, look.purpose, look.clerk_id) == (candidate.citizen.id, "complaint", clerk.clerk_id)
    # A typed check has no image to keep, whatever the setting.
    typed = services.identity.check(clerk, visit, lines, CheckMethod.TYPED)
    assert not typed.image_kept
    assert services.identity.document_image(clerk, typed.check_id, "complaint") is None
    # Each look names the check looked at and whether there was an image to see.
    assert [e.detail for e in audit(services, "identity.image_view")] == [
        {"check_id": result.check_id, "found": True}, {"check_id": typed.check_id, "found": False},
    ]


def test_turning_images_off_again_keeps_no_more(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, scan: Path
) -> None:
    supervisor = services.auth.sign_in("supervisor", "demo")
    services.settings.set_keep_document_images(supervisor, True)
    services.settings.set_keep_document_images(supervisor, False)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    assert not services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=scan).image_kept
    assert images(services) == []
    # Each change is recorded as the supervisor's.
    changes = [(e.clerk_id, e.detail["key"], e.detail["value"]) for e in audit(services, "settings.set")]
    assert changes == [
        (supervisor.clerk_id, "identity.keep_document_images", True),
        (supervisor.clerk_id, "identity.keep_document_images", False),
    ]


def test_only_a_supervisor_may_keep_document_images(services: Services, clerk: ClerkContext) -> None:
    with pytest.raises(RuleViolation) as caught:
        services.settings.set_keep_document_images(clerk, True)

    assert caught.value.code == "settings.supervisor_only"
    assert not services.settings.keep_document_images()
    with services.db.read() as session:
        assert session.get(Setting, "identity.keep_document_images") is None


def test_an_image_that_cannot_be_read_when_images_are_kept_writes_nothing(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, tmp_path: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    with pytest.raises(InvalidInput) as caught:
        services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=tmp_path / "gone.jpg")

    assert caught.value.code == "identity.image_unreadable"
    assert check_count(services) == 0
    assert audit(services, "identity.check") == []


def test_an_image_too_large_to_keep_is_left_out_and_the_check_is_saved_and_counts(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, tmp_path: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    huge = tmp_path / "huge.tif"
    with huge.open("wb") as file:
        file.truncate(MAX_IMAGE_BYTES + 1)  # sparse: its size without writing 25 MB
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    result = services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=huge)

    # The citizen's check does not depend on the size of the scan: it is saved, only the image is left out.
    assert result.passed and not result.image_kept
    assert result.image_not_kept == ImageNotKept("too_large", 25.0, 25)
    check = stored_check(services, result.check_id)
    assert (check.passed, check.method) == (True, CheckMethod.SCAN)
    assert images(services) == []
    (entry,) = audit(services, "identity.check")
    assert entry.outcome == "passed"
    assert (entry.detail["image_kept"], entry.detail["image_not_kept"]) == (False, "too_large")
    assert (entry.detail["image_size_mb"], entry.detail["image_limit_mb"]) == (25.0, 25)
    assert services.identity.document_image(clerk, result.check_id, "complaint") is None
    # It is a passed check like any other: the MitID action goes ahead on it.
    done = services.mitid.block_app(clerk, visit, active_app(services, clerk, candidate), BlockReason.LOST)
    with services.db.read() as session:
        action = session.get(MitidAction, done.action_id)
        assert action is not None and action.identity_check_id == result.check_id


def test_an_image_within_the_limit_says_nothing_was_left_out(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, scan: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    result = services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=scan)

    assert result.image_kept and result.image_not_kept is None
    assert "image_not_kept" not in audit(services, "identity.check")[-1].detail


def test_a_camera_photo_is_recorded_as_a_camera_check_with_its_image_when_images_are_kept(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, scan: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    result = services.identity.check(clerk, visit, lines, CheckMethod.CAMERA, image_path=scan)

    assert result.passed and result.image_kept and result.method is CheckMethod.CAMERA
    assert stored_check(services, result.check_id).method is CheckMethod.CAMERA
    with services.db.read() as session:  # as stored, not only as mapped: the plain string "camera"
        stored = session.execute(text("SELECT method FROM identity_check WHERE id = :id"), {"id": result.check_id})
        assert stored.scalar_one() == "camera"
    assert audit(services, "identity.check")[-1].detail["method"] == "camera"


# --- documents that are no photo ID on their own ---------------------------------------------------------


def test_a_visa_is_kept_as_a_failed_check(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    citizen = candidate.citizen
    assert citizen.cpr is not None
    cpr = Cpr(citizen.cpr)
    lines = compose_mrva(
        document_code="V",
        issuing_country="USA",
        surname=citizen.surname,
        given_names=citizen.given_names,
        document_number="V12345678",
        nationality="DNK",
        birth_date=cpr.birth_date,
        sex=cpr.sex.value,
        expiry_date=VALID,
    )

    result = services.identity.check(clerk, visit, "\n".join(lines), CheckMethod.READER)

    assert result.document is not None and result.document.format is MrzFormat.MRVA
    assert not result.passed
    check = stored_check(services, result.check_id)
    assert (check.document_kind, check.failures, check.method) == ("visa", ["document_not_accepted"], CheckMethod.READER)


def test_a_licence_line_alone_fails_asking_for_the_printed_fields(
    services: Services, clerk: ClerkContext, visit: int
) -> None:
    (line,) = compose_dl1(issuing_country="NLD", licence_number="5094962111")

    result = services.identity.check(clerk, visit, line, CheckMethod.TYPED)

    assert not result.passed
    check = stored_check(services, result.check_id)
    assert (check.document_kind, check.issuing_country, check.number_last4, check.expiry_date) == (
        "driving_licence",
        "NLD",
        "2111",
        None,
    )
    assert check.failures == ["licence_fields_required"]


# --- driving licences ------------------------------------------------------------------------------------


def test_a_danish_licence_passes_and_lets_the_clerk_act_on_the_mitid(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    result = services.identity.check_licence(clerk, visit, danish_licence(candidate), CheckMethod.TYPED)

    assert result.passed, result.outcome.failures
    assert result.document is None and result.licence is not None
    assert (result.visit_id, result.method) == (visit, CheckMethod.TYPED)
    assert (result.document_kind, result.issuing_country, result.number_last4, result.expiry_date) == (
        DocumentKind.DRIVING_LICENCE,
        "DNK",
        "5678",
        VALID,
    )
    check = stored_check(services, result.check_id)
    assert (check.document_kind, check.issuing_country, check.number_last4, check.expiry_date, check.passed) == (
        "driving_licence",
        "DNK",
        "5678",
        VALID,
        True,
    )
    (entry,) = audit(services, "identity.check")
    assert (entry.detail["document_kind"], entry.detail["licence_line"]) == ("driving_licence", False)
    # A passed licence check is a passed identity check: the MitID action goes ahead, on this check, and the
    # receipt names the kind of document (never its number).
    done = services.mitid.block_app(clerk, visit, active_app(services, clerk, candidate), BlockReason.LOST)
    with services.db.read() as session:
        action = session.get(MitidAction, done.action_id)
        assert action is not None and action.identity_check_id == result.check_id
    receipt = "".join(page.extract_text() for page in PdfReader(done.receipt_path).pages)
    assert "Kørekort" in receipt
    assert "12345678" not in receipt.replace(" ", "")


def test_an_eu_licence_whose_line_names_another_country_is_kept_as_failed(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    (line,) = compose_dl1(issuing_country="BEL", licence_number="5094962111")
    licence = danish_licence(candidate, issuing_country="NL", number="5094962111", mrz_line=line)

    result = services.identity.check_licence(clerk, visit, licence, CheckMethod.READER)

    assert not result.passed
    assert result.document is not None and result.document.format is MrzFormat.DL1
    check = stored_check(services, result.check_id)
    assert (check.issuing_country, check.failures) == ("NLD", ["country_mismatch"])
    app = active_app(services, clerk, candidate)
    with pytest.raises(RuleViolation) as caught:
        services.mitid.block_app(clerk, visit, app, BlockReason.LOST)
    assert caught.value.code == "mitid.no_identity_check"


@pytest.mark.parametrize("why", list(CompareWhole))
def test_a_scanned_licence_line_the_clerk_compared_whole_says_why_in_the_record(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, why: CompareWhole
) -> None:
    # A DL1 line read at the time limit or in unfamiliar print was put to the clerk whole, as a passport's
    # would be: who let it through is as traceable. Fails with `compared_whole` dropped on the licence path.
    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", optional_data="55")
    licence = danish_licence(candidate, issuing_country="D", number="B072RRE2I5", mrz_line=line)

    assert services.identity.check_licence(clerk, visit, licence, CheckMethod.SCAN, compared_whole=why).passed
    assert last_entry(services, "identity.check").detail["compared_whole"] == str(why)
    assert services.identity.check_licence(clerk, visit, licence, CheckMethod.READER).passed
    assert "compared_whole" not in last_entry(services, "identity.check").detail


def test_a_scanned_licence_line_names_its_doubts_and_the_clerks_ticks_in_the_record(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    # Since the country's tick decides whether the dialog fills it in from the line, who let a doubtful
    # licence line pass must be as traceable as a passport's: where the doubts were, which fields were ticked.
    # Fails with the doubts left out of the licence path's audit entry.
    from borgerservice_desk.domain.mrz import Doubt, DoubtReason

    (line,) = compose_dl1(issuing_country="D", licence_number="B072RRE2I5", optional_data="55")
    licence = danish_licence(candidate, issuing_country="D", number="B072RRE2I5", mrz_line=line)
    marks = (
        Doubt(0, 2, line[2], DoubtReason.CHECK_BLIND, "issuing_country"),
        Doubt(0, 7, line[7], DoubtReason.CHECK_BY_CHANCE, "document_number"),
        Doubt(0, 9, "Q", DoubtReason.CHECK_BY_CHANCE, "document_number"),  # the clerk typed another: settled
    )

    result = services.identity.check_licence(
        clerk, visit, licence, CheckMethod.SCAN, unsure=marks, confirmed={"issuing_country"}
    )

    assert result.passed  # the verdict is the typed fields' and the line's check digit, as before
    detail = last_entry(services, "identity.check").detail
    assert detail["doubtful"] == [[0, 2, "check_blind", "issuing_country"], [0, 7, "check_by_chance", "document_number"]]
    assert detail["confirmed_fields"] == ["issuing_country"]
    assert services.identity.check_licence(clerk, visit, danish_licence(candidate), CheckMethod.TYPED).passed
    assert "doubtful" not in last_entry(services, "identity.check").detail  # no line, nothing read in doubt


def test_a_licence_of_someone_else_fails_on_name_and_birth_date(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    licence = danish_licence(candidate, surname="Nielsen-Xyz", birth_date=date(1950, 1, 1))

    result = services.identity.check_licence(clerk, visit, licence, CheckMethod.TYPED)

    assert [f.code for f in result.outcome.failures] == ["birth_date_mismatch", "name_mismatch"]
    assert stored_check(services, result.check_id).failures == ["birth_date_mismatch", "name_mismatch"]


def test_a_licence_that_cannot_be_one_is_refused_and_nothing_is_written(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.identity.check_licence(clerk, visit, danish_licence(candidate, number="1234"), CheckMethod.TYPED)

    assert caught.value.code == "licence.bad_number"
    assert check_count(services) == 0
    assert audit(services, "identity.check") == []


def test_a_licence_scan_is_kept_like_any_other_when_images_are_kept(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, tmp_path: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    pdf = tmp_path / "licence.PDF"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (line,) = compose_dl1(issuing_country="DNK", licence_number="12345678")

    result = services.identity.check_licence(
        clerk, visit, danish_licence(candidate, mrz_line=line), CheckMethod.SCAN, image_path=pdf
    )

    assert result.passed and result.image_kept
    (image,) = images(services)
    assert (image.media_type, image.content) == ("application/pdf", pdf.read_bytes())



def test_a_licence_scan_too_large_to_keep_is_left_out_and_the_clerk_is_told(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, tmp_path: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    huge = tmp_path / "huge licence.tif"
    with huge.open("wb") as file:
        file.truncate(MAX_IMAGE_BYTES + 300 * 1024)  # sparse: its size without writing 25 MB

    result = services.identity.check_licence(
        clerk, visit, danish_licence(candidate), CheckMethod.SCAN, image_path=huge
    )

    # The size the clerk is told (and the audit entry keeps) in MB to one decimal: 25.29 MB is 25.3.
    assert result.passed and not result.image_kept
    assert result.image_not_kept == ImageNotKept("too_large", 25.3, 25)
    assert images(services) == []
    (entry,) = audit(services, "identity.check")
    assert (entry.detail["image_size_mb"], entry.detail["image_limit_mb"]) == (25.3, 25)


def test_an_image_of_exactly_the_largest_size_kept_is_kept(
    services: Services, clerk: ClerkContext, candidate: Candidate, visit: int, tmp_path: Path
) -> None:
    services.settings.set_keep_document_images(services.auth.sign_in("supervisor", "demo"), True)
    scan = tmp_path / "high resolution.tif"
    with scan.open("wb") as file:
        file.truncate(MAX_IMAGE_BYTES)
    lines = "\n".join(passport_for(candidate.citizen, expiry=VALID))

    result = services.identity.check(clerk, visit, lines, CheckMethod.SCAN, image_path=scan)

    assert result.passed and result.image_kept and result.image_not_kept is None
    (image,) = images(services)
    assert (image.check_id, len(image.content)) == (result.check_id, MAX_IMAGE_BYTES)

# --- reading a scan (the window's one way to the MRZ reader) ---------------------------------------------
# Reading touches no database: one kind (SQLite) is enough.


def test_a_generated_passport_scan_is_read_through_the_service(sqlite_services: Services, tmp_path: Path) -> None:
    # A clean scan is read by the OCR-B reader alone; Tesseract is only asked where a check digit fails.
    passport = READABLE_PASSPORTS[0]
    image = render_document_image(passport.mrz_lines(), tmp_path / "passport.png")

    result = sqlite_services.identity.read_mrz(image)

    assert (result.lines, result.format, result.failed_checks) == (passport.mrz_lines(), MrzFormat.TD3, ())
    assert result.method == "ocrb" and not result.budget_reached


def test_a_read_the_clerk_cancelled_stops_with_scan_cancelled(sqlite_services: Services, tmp_path: Path) -> None:
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")
    cancel = threading.Event()
    cancel.set()

    with refused_with("scan.cancelled"):
        sqlite_services.identity.read_mrz(image, cancel=cancel)


def test_a_read_given_no_time_says_the_time_limit_passed_before_a_zone_was_found(
    sqlite_services: Services, tmp_path: Path
) -> None:
    image = render_document_image(READABLE_PASSPORTS[0].mrz_lines(), tmp_path / "passport.png")

    with pytest.raises(InvalidInput) as caught:
        sqlite_services.identity.read_mrz(image, budget_seconds=0.0)

    assert (caught.value.code, caught.value.params) == (
        "scan.no_mrz_in_time", {"path": str(image), "seconds": 0.0},
    )
