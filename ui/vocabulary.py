"""The words a clerk sees for the domain's values (DOMAIN.md's vocabulary), translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.domain.desk import AppointmentStatus, CheckMethod
from borgerservice_desk.domain.mitid import (
    ActionKind,
    BlockReason,
    Channel,
    MethodKind,
    MethodState,
)


def check_method(method: CheckMethod | str) -> str:
    """How a document came into the identity check (not to be confused with a MitID method)."""
    return {
        "scan": QCoreApplication.translate("vocabulary", "Scan or file"),
        "camera": QCoreApplication.translate("vocabulary", "Photo from the camera"),
        "reader": QCoreApplication.translate("vocabulary", "Counter reader"),
        "typed": QCoreApplication.translate("vocabulary", "Typed in"),
    }.get(str(method), str(method))


def method_kind(kind: MethodKind | str) -> str:
    return {
        "app": QCoreApplication.translate("vocabulary", "MitID app"),
        "code_display": QCoreApplication.translate("vocabulary", "Code display"),
        "code_reader": QCoreApplication.translate("vocabulary", "Audio code reader"),
        "chip": QCoreApplication.translate("vocabulary", "MitID chip"),
    }.get(str(kind), str(kind))


def method_state(state: MethodState | str) -> str:
    return {
        "active": QCoreApplication.translate("vocabulary", "Active"),
        "blocked_temporary": QCoreApplication.translate("vocabulary", "Blocked (temporary)"),
        "blocked_permanent": QCoreApplication.translate("vocabulary", "Blocked (permanent)"),
        "inactive": QCoreApplication.translate("vocabulary", "Inactive"),
    }.get(str(state), str(state))


def block_reason(reason: BlockReason | str) -> str:
    return {
        "lost": QCoreApplication.translate("vocabulary", "Lost"),
        "stolen": QCoreApplication.translate("vocabulary", "Stolen"),
        "misuse": QCoreApplication.translate("vocabulary", "Suspected misuse"),
        "replaced": QCoreApplication.translate("vocabulary", "Replaced by a new device"),
        "wrong_tries": QCoreApplication.translate("vocabulary", "Too many wrong tries"),
    }.get(str(reason), str(reason))


def channel(value: Channel | str) -> str:
    return {
        "app": QCoreApplication.translate("vocabulary", "In the MitID app"),
        "mitid_dk_without_login": QCoreApplication.translate("vocabulary", "MitID.dk without login"),
        "mitid_dk_after_login": QCoreApplication.translate("vocabulary", "MitID.dk after login"),
        "mitid_support": QCoreApplication.translate("vocabulary", "MitID Support"),
        "borgerservice": QCoreApplication.translate("vocabulary", "Borgerservice"),
    }.get(str(value), str(value))


def action_kind(kind: ActionKind | str) -> str:
    return {
        "block_app": QCoreApplication.translate("vocabulary", "App blocked"),
        "block_all_apps": QCoreApplication.translate("vocabulary", "All apps blocked"),
        "block_mitid": QCoreApplication.translate("vocabulary", "Whole MitID blocked"),
        "reopen_method": QCoreApplication.translate("vocabulary", "Block reopened"),
        "lift_mitid_block": QCoreApplication.translate("vocabulary", "MitID block lifted"),
        "remove_app_user": QCoreApplication.translate("vocabulary", "User removed from app"),
        "activate_app": QCoreApplication.translate("vocabulary", "New app activated"),
        "issue_activation_code": QCoreApplication.translate("vocabulary", "Activation code handed out"),
        "hand_out_device": QCoreApplication.translate("vocabulary", "Device handed out"),
        "block_device": QCoreApplication.translate("vocabulary", "Device blocked"),
        "show_user_id": QCoreApplication.translate("vocabulary", "User ID shown to the citizen"),
        "issue_mitid": QCoreApplication.translate("vocabulary", "MitID issued"),
    }.get(str(kind), str(kind))


def appointment_status(status: AppointmentStatus | str) -> str:
    return {
        "booked": QCoreApplication.translate("vocabulary", "Booked"),
        "checked_in": QCoreApplication.translate("vocabulary", "Checked in"),
        "done": QCoreApplication.translate("vocabulary", "Done"),
        "no_show": QCoreApplication.translate("vocabulary", "No-show"),
        "cancelled": QCoreApplication.translate("vocabulary", "Cancelled"),
    }.get(str(status), str(status))


def document_kind(kind: str) -> str:
    return {
        "passport": QCoreApplication.translate("vocabulary", "Passport"),
        "id_card": QCoreApplication.translate("vocabulary", "ID card"),
        "residence_card": QCoreApplication.translate("vocabulary", "Residence card"),
        "driving_licence": QCoreApplication.translate("vocabulary", "Driving licence"),
        "visa": QCoreApplication.translate("vocabulary", "Visa"),
    }.get(kind, kind)


def assurance_document(kind: str) -> str:
    """A document as identity assurance knows it (domain/assurance/documents.DocumentType)."""
    return {
        "passport": QCoreApplication.translate("vocabulary", "Passport"),
        "national_id_card": QCoreApplication.translate("vocabulary", "National ID card"),
        "driving_licence": QCoreApplication.translate("vocabulary", "Driving licence"),
        "driving_licence_app": QCoreApplication.translate("vocabulary", "Driving licence app"),
        "residence_permit": QCoreApplication.translate("vocabulary", "Residence permit"),
        "mfa_id_card": QCoreApplication.translate("vocabulary", "Ministry of Foreign Affairs ID card"),
        "municipal_id_card": QCoreApplication.translate("vocabulary", "Municipal ID card"),
        "health_card": QCoreApplication.translate("vocabulary", "Health-insurance card"),
        "health_card_app": QCoreApplication.translate("vocabulary", "Health-card app"),
        "special_health_card": QCoreApplication.translate("vocabulary", "Special health card"),
        "residence_certificate": QCoreApplication.translate("vocabulary", "Residence certificate"),
        "personal_certificate": QCoreApplication.translate("vocabulary", "Personal certificate"),
        "baptism_certificate": QCoreApplication.translate("vocabulary", "Baptism certificate"),
        "birth_certificate": QCoreApplication.translate("vocabulary", "Birth certificate"),
    }.get(str(kind), str(kind))


def assurance_level(level: str) -> str:
    """domain/assurance/levels.Level by its name."""
    return {
        "none": QCoreApplication.translate("vocabulary", "not reached"),
        "substantial": QCoreApplication.translate("vocabulary", "substantial"),
        "high": QCoreApplication.translate("vocabulary", "high"),
    }.get(level.lower(), level.lower())


def document_refusal(refusal: str) -> str:
    """Why a shown document does not count (domain/assurance/documents.Refusal)."""
    return {
        "expired": QCoreApplication.translate("vocabulary", "it has expired"),
        "temporary": QCoreApplication.translate("vocabulary", "temporary documents never count"),
        "not_physical": QCoreApplication.translate("vocabulary", "it must be shown as the physical document"),
        "cpr_mismatch": QCoreApplication.translate("vocabulary", "its CPR number is not the citizen's"),
        "not_checked": QCoreApplication.translate("vocabulary", "its identity check did not pass"),
        "no_expiry": QCoreApplication.translate("vocabulary", "a photo ID counts with its expiry date: type it"),
    }.get(str(refusal), str(refusal))


def errand(value: str) -> str:
    """An errand at the counter (domain/assurance/errands.Errand)."""
    return {
        "block": QCoreApplication.translate("vocabulary", "Blocking"),
        "activation_code": QCoreApplication.translate("vocabulary", "Activation code"),
        "code_display": QCoreApplication.translate("vocabulary", "Code display"),
        "code_reader": QCoreApplication.translate("vocabulary", "Audio code reader"),
        "chip": QCoreApplication.translate("vocabulary", "MitID chip"),
        "show_user_id": QCoreApplication.translate("vocabulary", "Showing the user ID"),
        "lift_mitid_block": QCoreApplication.translate("vocabulary", "Lifting the MitID block"),
        "issue_mitid": QCoreApplication.translate("vocabulary", "A new MitID"),
    }.get(str(value), str(value))
