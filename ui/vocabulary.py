"""The words a clerk sees for the domain's values (DOMAIN.md's vocabulary), translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.domain.mitid import ActionKind, BlockReason, Channel, MethodKind, MethodState
from borgerservice_desk.storage.models import AppointmentStatus


def _t(text: str) -> str:
    return QCoreApplication.translate("vocabulary", text)


def method_kind(kind: MethodKind | str) -> str:
    return {
        "app": _t("MitID app"),
        "code_display": _t("Code display"),
        "code_reader": _t("Audio code reader"),
        "chip": _t("MitID chip"),
    }.get(str(kind), str(kind))


def method_state(state: MethodState | str) -> str:
    return {
        "active": _t("Active"),
        "blocked_temporary": _t("Blocked (temporary)"),
        "blocked_permanent": _t("Blocked (permanent)"),
        "inactive": _t("Inactive"),
    }.get(str(state), str(state))


def block_reason(reason: BlockReason | str) -> str:
    return {
        "lost": _t("Lost"),
        "stolen": _t("Stolen"),
        "misuse": _t("Suspected misuse"),
        "replaced": _t("Replaced by a new device"),
        "wrong_tries": _t("Too many wrong tries"),
    }.get(str(reason), str(reason))


def channel(value: Channel | str) -> str:
    return {
        "app": _t("In the MitID app"),
        "mitid_dk_without_login": _t("MitID.dk without login"),
        "mitid_dk_after_login": _t("MitID.dk after login"),
        "mitid_support": _t("MitID Support"),
        "borgerservice": _t("Borgerservice"),
    }.get(str(value), str(value))


def action_kind(kind: ActionKind | str) -> str:
    return {
        "block_app": _t("App blocked"),
        "block_all_apps": _t("All apps blocked"),
        "block_mitid": _t("Whole MitID blocked"),
        "reopen_method": _t("Block reopened"),
        "lift_mitid_block": _t("MitID block lifted"),
    }.get(str(kind), str(kind))


def appointment_status(status: AppointmentStatus | str) -> str:
    return {
        "booked": _t("Booked"),
        "checked_in": _t("Checked in"),
        "done": _t("Done"),
        "no_show": _t("No-show"),
        "cancelled": _t("Cancelled"),
    }.get(str(status), str(status))


def document_kind(kind: str) -> str:
    return {
        "passport": _t("Passport"),
        "id_card": _t("ID card"),
        "residence_card": _t("Residence card"),
        "driving_licence": _t("Driving licence"),
        "visa": _t("Visa"),
    }.get(kind, kind)
