"""Turns the core's coded errors and findings into text for the clerk, in the clerk's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from borgerservice_desk.errors import DeskError


def _t(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def describe_error(error: BaseException) -> str:
    if not isinstance(error, DeskError):
        return _t("Something went wrong that the desk did not expect. Nothing was saved. ({detail})").format(
            detail=type(error).__name__
        )
    p = error.params
    texts: dict[str, str] = {
        "cpr.invalid_format": _t("'{value}' is not a CPR number. Type ten digits, e.g. 010190-1234."),
        "cpr.invalid_date": _t("'{value}' is not a CPR number: the first six digits are not a date."),
        "cpr.born_in_future": _t("'{value}' is not a CPR number: the birth date lies in the future."),
        "citizen.not_found": _t("No citizen found for '{query}'."),
        "citizen.empty_query": _t("Type what to search for."),
        "citizen.no_cpr": _t("This citizen has no CPR number."),
        "citizen.document_without_birth_date": _t("The document's birth date could not be read."),
        "auth.failed": _t("Wrong user name or password."),
        "appointment.not_found": _t("The appointment no longer exists."),
        "appointment.not_booked": _t("This citizen is already checked in or the appointment is closed."),
        "visit.not_found": _t("Check the citizen in first."),
        "mitid.no_identity": _t("The citizen has no MitID."),
        "mitid.no_identity_check": _t(
            "The citizen's identity has not been checked in this visit. Check a valid photo ID first. "
            "The refusal has been recorded."
        ),
        "mitid.not_an_app": _t("Choose one of the citizen's MitID apps."),
        "mitid.already_blocked": _t("That app is already blocked."),
        "mitid.misuse_blocks_whole_mitid": _t(
            "Suspected misuse means blocking the whole MitID, not a single app."
        ),
        "mitid.too_many_apps": _t("The citizen already has {limit} active apps: {apps}. Block one first."),
        "mitid.changed_by_another_desk": _t(
            "Another desk changed this MitID at the same moment. Nothing was saved; look again and retry."
        ),
        "mrz.unrecognised_format": _t(
            "The text is not a machine readable zone: a passport has 2 lines of 44 characters, "
            "an ID card 3 lines of 30 or 2 lines of 36."
        ),
        "mrz.invalid_characters": _t("The machine readable zone may only hold A-Z, 0-9 and '<'."),
        "scan.unreadable_image": _t("The file could not be opened as an image. Scan the document again."),
        "scan.no_mrz": _t(
            "No machine readable zone was found in the image. Scan again with the whole page in view, "
            "or type the lines."
        ),
        "scan.ocr_unavailable": _t(
            "The text recognition (Tesseract) is not installed on this computer. Type the lines instead."
        ),
        "storage.unavailable": _t(
            "The database cannot be reached. Nothing was saved; try again in a moment."
        ),
    }
    template = texts.get(error.code)
    if template is None:
        return _t("The action was refused ({code}).").format(code=error.code)
    values = dict(p)
    if "active_apps" in values:
        values["apps"] = ", ".join(str(a) for a in values["active_apps"])
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return template
