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
